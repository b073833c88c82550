//! The document model every stage speaks: a plain tree of blocks and inlines.
//!
//! Like pandoc's AST, it carries no behaviour beyond small helpers, so a new reader or
//! writer is one new module. Every block keeps the source line it came from, so warnings
//! and errors can say `report.md:42`.

use serde::Serialize;

mod blocks;
mod chart;
mod formulas;
mod queries;

pub use chart::{Chart, ChartKind, ChartRequest, Series};
pub use queries::top_heading_level;

/// A whole report: its metadata and its body.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    pub meta: Meta,
    /// The lead abstract (a block quote right under the title, in scraped reports).
    #[serde(rename = "abstract")]
    pub lead: Vec<Block>,
    /// The key points (a 核心摘要 / Key takeaways section), shown in a highlighted box.
    pub key_points: Option<Section>,
    pub blocks: Vec<Block>,
    /// A closing source line (`来源: …` after a final rule).
    pub source_note: Option<Vec<Inline>>,
    /// Footnote definitions, in the order they are defined.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<Footnote>,
    /// Names in-page links may use for the title (HTML anchors in the leading H1).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub title_anchors: Vec<String>,
    /// Files made for typesetting (re-encoded pictures), served from memory.
    #[serde(skip)]
    pub assets: Vec<Asset>,
}

/// A file the typesetter reads from memory at a virtual path.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Asset {
    /// Virtual path, e.g. `/.folio-assets/0.png`.
    pub path: String,
    pub bytes: Vec<u8>,
    /// For a picture Folio drew (a formula): its pixels per point, so it is shown at the
    /// size it was drawn; `None` for pictures shown at 96 dpi.
    pub pixels_per_pt: Option<f32>,
}

/// Where drawn diagrams are served from. A diagram is drawn at a natural size that means
/// little, so, unlike a photo, it grows to the room it gets (the text width, the slide).
const DIAGRAM_ASSETS: &str = "/.folio-assets/diagram-";

/// The virtual path of a drawn diagram with content hash `hash`.
pub fn diagram_path(hash: u64) -> String {
    format!("{DIAGRAM_ASSETS}{hash:016x}.svg")
}

/// Whether the picture at `url` is a diagram Folio drew (see [`diagram_path`]).
pub fn is_diagram(url: &str) -> bool {
    url.starts_with(DIAGRAM_ASSETS)
}

/// A titled run of blocks taken out of the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// What the report says about itself (front matter, or its first heading).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Meta {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    /// The day `date` names, when it names a real one: the only date that reaches the
    /// PDF metadata and the .pptx properties.
    pub date_ymd: Option<crate::dates::CalendarDate>,
    /// Where the report came from (often a URL).
    pub source: Option<String>,
    /// BCP 47 language, e.g. `zh`, `ja`, `ko` or `en`; guessed from the text's scripts when
    /// not given.
    pub lang: String,
    /// Further key–value pairs in the order they appeared.
    pub fields: Vec<(String, String)>,
    /// Repairs (passes) this report switches off, from front matter `skip-repairs`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skip_repairs: Vec<String>,
    /// The Markdown line each metadata value was written on, by key (`date`, `theme`…),
    /// for warnings about a value Folio cannot use.
    #[serde(skip)]
    pub lines: std::collections::BTreeMap<String, usize>,
    /// Style options set in front matter (theme, cover, toc…).
    #[serde(skip_serializing_if = "is_default_style")]
    pub style: crate::style::Style,
}

fn is_default_style(style: &crate::style::Style) -> bool {
    *style == crate::style::Style::default()
}

/// 1-based line range in the Markdown source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Span {
    pub line: usize,
    pub end_line: usize,
}

/// A block together with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    pub span: Span,
    pub kind: BlockKind,
    /// Centred by the author (`<p align="center">`, inside `<div align="center">`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub centred: bool,
}

/// The kinds of block Folio knows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum BlockKind {
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph(Vec<Inline>),
    CodeBlock {
        lang: Option<String>,
        code: String,
    },
    BlockQuote(Vec<Block>),
    List(List),
    Table(Table),
    ThematicBreak,
    /// A GitHub alert (`> [!NOTE]`), set as a callout.
    Alert {
        kind: AlertKind,
        title: Option<String>,
        blocks: Vec<Block>,
    },
    /// Terms with their descriptions.
    DescriptionList(Vec<DescriptionItem>),
    /// Display math.
    Math(Formula),
    /// A chart drawn from a table; only the deck planner and the print writer place
    /// these, never the reader.
    Chart(Chart),
}

/// A LaTeX formula, and the Typst math it was converted to when it could be.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Formula {
    /// As written, without its `$` delimiters.
    pub latex: String,
    /// Checked Typst math markup; `None` until converted, or when it cannot be (the
    /// formula is then shown as its LaTeX source).
    pub typst: Option<String>,
    /// Set apart on a line of its own (`$$…$$`, a math block) rather than in the text.
    pub display: bool,
    /// The formula drawn as a picture (a virtual asset path), for the PowerPoint deck.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
}

impl Formula {
    /// A formula not yet converted.
    pub fn new(latex: impl Into<String>, display: bool) -> Self {
        Self { latex: latex.into(), typst: None, display, picture: None }
    }
}

/// The five GitHub alert kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AlertKind {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

/// One term of a description list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DescriptionItem {
    pub term: Vec<Inline>,
    pub details: Vec<Block>,
}

/// A footnote definition, referenced by its label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Footnote {
    pub label: String,
    pub blocks: Vec<Block>,
}

/// A bullet or ordered list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct List {
    /// `Some(n)` for an ordered list starting at `n`.
    pub start: Option<usize>,
    pub tight: bool,
    pub items: Vec<ListItem>,
}

/// One list item; `checked` is set for task-list items.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListItem {
    pub checked: Option<bool>,
    pub blocks: Vec<Block>,
}

/// A GFM table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub align: Vec<Align>,
    pub header: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
    /// A caption (`表 1：…`, `Table 1: …` written right above the table).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<Vec<Inline>>,
    /// What a `<!-- folio: chart=… -->` comment right above the table asked.
    #[serde(skip_serializing_if = "ChartRequest::is_auto")]
    pub chart_request: ChartRequest,
    /// The table drawn as a chart, when its figures make one (see `passes::charts`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chart: Option<Chart>,
}

/// Column alignment of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Align {
    Auto,
    Left,
    Center,
    Right,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Inline {
    Text(String),
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    Strike(Vec<Inline>),
    Code(String),
    Link {
        url: String,
        content: Vec<Inline>,
    },
    Image {
        url: String,
        alt: String,
    },
    /// An image that could not be used: a framed placeholder with its description.
    MissingImage {
        url: String,
        alt: String,
    },
    Superscript(Vec<Inline>),
    Subscript(Vec<Inline>),
    Underline(Vec<Inline>),
    Highlight(Vec<Inline>),
    /// A reference to the footnote with this label.
    FootnoteRef(String),
    /// A place in-page links land on (an HTML `id` or `name`; a heading's, once links are
    /// resolved). Invisible.
    Anchor(Anchor),
    /// A link to the [`Anchor`] with this target number in the same document; only link
    /// resolution makes these, so the target always exists.
    Jump {
        target: usize,
        content: Vec<Inline>,
    },
    /// A status badge (a remote picture in a README's badge row): a small chip with its
    /// description, a link when the badge was one.
    Badge {
        alt: String,
        link: Option<String>,
    },
    /// Math in the text (`$…$`; `$$…$$` inside a paragraph is display math).
    Math(Formula),
    SoftBreak,
    LineBreak,
}

/// Where in-page links may land.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Anchor {
    /// The names links use for it, as written in the source.
    pub names: Vec<String>,
    /// Set by link resolution when some link lands here: labelled `folio-a<N>` in print.
    pub target: Option<usize>,
}

impl Block {
    /// A block with its source span.
    pub fn new(span: Span, kind: BlockKind) -> Self {
        Self { span, kind, centred: false }
    }
}

/// The plain text of inline content, as a reader would see it.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain_text(inlines, &mut out);
    out
}

fn push_plain_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Math(formula) => out.push_str(&formula.latex),
            Inline::FootnoteRef(_) | Inline::Anchor(_) => {}
            Inline::Image { alt, .. } | Inline::Badge { alt, .. } => out.push_str(alt),
            Inline::MissingImage { url, alt } => {
                out.push_str(alt);
                out.push_str(url);
            }
            Inline::SoftBreak => out.push(' '),
            Inline::LineBreak => out.push('\n'),
            // Emphasis, strong, links…: their content.
            other => push_plain_text(other.children().map_or(&[][..], Vec::as_slice), out),
        }
    }
}

impl Document {
    /// Calls `f` on every inline sequence anywhere in the document: body, abstract, key
    /// points, footnotes and source note.
    pub fn visit_all_inlines_mut(&mut self, f: &mut impl FnMut(&mut Vec<Inline>, usize)) {
        visit_inlines_mut(&mut self.blocks, f);
        visit_inlines_mut(&mut self.lead, f);
        if let Some(points) = &mut self.key_points {
            visit_inlines_mut(&mut points.blocks, f);
        }
        for note in &mut self.footnotes {
            visit_inlines_mut(&mut note.blocks, f);
        }
        if let Some(note) = &mut self.source_note {
            visit_nested_inlines(note, 0, f);
        }
    }
}

/// Calls `f` on every inline sequence of `blocks` (paragraphs, headings, table cells…)
/// and on every sequence nested in their formatting, together with the line of the
/// block it belongs to.
pub fn visit_inlines_mut(blocks: &mut [Block], f: &mut impl FnMut(&mut Vec<Inline>, usize)) {
    visit_block_inlines_mut(blocks, &mut |inlines, line, _| visit_nested_inlines(inlines, line, f));
}

/// Calls `f` on the inline sequence of each paragraph, heading, table cell and term in
/// `blocks` (not on the sequences nested in their formatting), with the line of the block
/// and whether the sequence is a heading's.
pub fn visit_block_inlines_mut(
    blocks: &mut [Block],
    f: &mut impl FnMut(&mut Vec<Inline>, usize, bool),
) {
    for block in blocks {
        let line = block.span.line;
        match &mut block.kind {
            BlockKind::Heading { content, .. } => f(content, line, true),
            BlockKind::Paragraph(content) => f(content, line, false),
            BlockKind::BlockQuote(inner) | BlockKind::Alert { blocks: inner, .. } => {
                visit_block_inlines_mut(inner, f)
            }
            BlockKind::List(list) => {
                for item in &mut list.items {
                    visit_block_inlines_mut(&mut item.blocks, f);
                }
            }
            BlockKind::Table(table) => {
                for cell in table.header.iter_mut().chain(table.rows.iter_mut().flatten()) {
                    f(cell, line, false);
                }
            }
            BlockKind::DescriptionList(items) => {
                for item in items {
                    f(&mut item.term, line, false);
                    visit_block_inlines_mut(&mut item.details, f);
                }
            }
            BlockKind::CodeBlock { .. }
            | BlockKind::ThematicBreak
            | BlockKind::Math(_)
            | BlockKind::Chart(_) => {}
        }
    }
}

fn visit_nested_inlines(
    inlines: &mut Vec<Inline>,
    line: usize,
    f: &mut impl FnMut(&mut Vec<Inline>, usize),
) {
    f(inlines, line);
    for inline in inlines.iter_mut() {
        if let Some(children) = inline.children_mut() {
            visit_nested_inlines(children, line, f);
        }
    }
}

impl Inline {
    /// The inline content inside a formatting or link inline.
    pub fn children(&self) -> Option<&Vec<Inline>> {
        match self {
            Inline::Emph(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Superscript(c)
            | Inline::Subscript(c)
            | Inline::Underline(c)
            | Inline::Highlight(c)
            | Inline::Link { content: c, .. }
            | Inline::Jump { content: c, .. } => Some(c),
            _ => None,
        }
    }

    /// Mutable access to the content of a formatting or link inline.
    pub fn children_mut(&mut self) -> Option<&mut Vec<Inline>> {
        match self {
            Inline::Emph(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Superscript(c)
            | Inline::Subscript(c)
            | Inline::Underline(c)
            | Inline::Highlight(c)
            | Inline::Link { content: c, .. }
            | Inline::Jump { content: c, .. } => Some(c),
            _ => None,
        }
    }
}
