//! Where a slide's shapes go, as plain values: the body cut into stacked boxes whose
//! heights come from measured text for code and tables ([`super::fit`]) and from the deck
//! planner's line estimates for the rest, the font scale they are set at, the boxes inside
//! a quote, code block, table or picture, a title's own box when it wraps, the section
//! label, the progress bar, the logo and the notes page. No XML is written here: [`super::slide`]
//! and [`super::cover`] turn these values into DrawingML, and the tests below check the
//! values themselves.

use super::fit;
use super::geometry::{Geometry, Rect, TITLE_HEIGHT};
use super::table;
use crate::address::classify;
use crate::deck::capacity::Capacity;
use crate::deck::{Slide, SlideKind};
use crate::model::{Block, BlockKind, Chart, Inline, Table};
use crate::theme::Theme;
use serde::Serialize;
/// Text boxes take at most this share of their height again from the room left over.
const TEXT_GROWTH: f64 = 0.25;

/// A run of the body that becomes one shape.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment<'b> {
    /// Paragraphs, headings and lists, set one after the other in one text box.
    Text(Vec<&'b Block>),
    /// A code block (with its language, for syntax colours) or display math.
    Code(&'b str, Option<&'b str>),
    Table(&'b Table),
    /// A table's chart, drawn as a native PowerPoint chart.
    Chart(&'b Chart),
    /// A paragraph that is a single local picture.
    Picture {
        url: &'b str,
        alt: &'b str,
    },
    /// Display math as its picture, with its LaTeX source as the alternative text.
    Formula {
        url: &'b str,
        latex: &'b str,
    },
    /// A quote or callout: a box with a coloured rule down its left side.
    Boxed(&'b Block),
    /// The slide's footnotes, with their deck-wide numbers.
    Footnotes(&'b [(usize, Vec<Block>)]),
}

impl Segment<'_> {
    /// Text that may grow into the room left over; a picture, code or a table keeps its
    /// estimated height.
    fn is_text(&self) -> bool {
        matches!(self, Segment::Text(_) | Segment::Footnotes(_) | Segment::Boxed(_))
    }

    /// Text that may run down to the bottom of the body (a quote's rule would not look
    /// right that long).
    fn is_plain_text(&self) -> bool {
        matches!(self, Segment::Text(_) | Segment::Footnotes(_))
    }
}

/// The layouts of the master a slide is based on, in the order of `LAYOUTS` in
/// `pptx/parts.rs` (the master's `slideLayout1.xml` … `slideLayout4.xml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MasterLayout {
    Title,
    Content,
    Section,
    TitleOnly,
}

impl MasterLayout {
    /// The layout part, relative to a slide: editors show the layout's name and use its
    /// placeholders when the user adds a slide of the same kind.
    pub fn target(self) -> String {
        let number = self as usize + 1;
        format!("../slideLayouts/slideLayout{number}.xml")
    }
}

/// Everything placed on a slide after the title slide.
#[derive(Debug)]
pub struct SlideLayout<'b> {
    pub master: MasterLayout,
    /// The section name above the title, when the slide belongs to a section.
    pub section: Option<(&'b str, Rect)>,
    /// The title's own box and rule when it takes more than one line.
    pub title: Option<GrownTitle>,
    pub body: BodyLayout<'b>,
    /// The progress bar along the bottom edge; none on a one-slide deck.
    pub progress: Option<Rect>,
}

/// A title longer than one line in a taller box than the layout's, filled white so the
/// layout's rule behind it is hidden, and its own rule under it; the body starts lower
/// by as much (as the PDF's title block grows).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GrownTitle {
    pub rect: Rect,
    pub rule: Rect,
}

/// The body of a slide: the font scale and each segment in its box, top to bottom.
#[derive(Debug)]
pub struct BodyLayout<'b> {
    /// Factor on every font size and inset: 1 when the planner's estimate fits the body
    /// area, less when it does not, never under the theme's smallest fit scale (as the
    /// PDF's `fit`).
    pub scale: f64,
    pub shapes: Vec<Placed<'b>>,
}

/// One segment in its slot of the body column.
#[derive(Debug)]
pub struct Placed<'b> {
    /// The segment's share of the body column.
    pub slot: Rect,
    pub shape: BodyShape<'b>,
}

/// A segment with the boxes of the shapes it becomes, inside its slot.
#[derive(Debug)]
pub enum BodyShape<'b> {
    /// Text filling its slot; the first text of a slide goes in the layout's body
    /// placeholder, so an editor's outline view and layout changes find it.
    Text {
        blocks: Vec<&'b Block>,
        placeholder: bool,
    },
    /// A quote or callout: a rule down the left side and the text beside it, with an
    /// inner margin (`inset`, Typst points).
    Boxed {
        block: &'b Block,
        rule: Rect,
        text: Rect,
        inset: f64,
    },
    /// A code box (its grey fill ends a little above the next segment), with an inner
    /// margin (`inset`, Typst points).
    Code {
        code: &'b str,
        /// The Markdown info string, whose grammar colours the code.
        lang: Option<&'b str>,
        rect: Rect,
        inset: f64,
    },
    /// The table's frame and, when it has one, its caption underneath.
    Table {
        table: &'b Table,
        frame: Rect,
        caption: Option<Rect>,
    },
    Picture(PictureBoxes<'b>),
    /// A native chart filling its slot.
    Chart(&'b Chart),
    /// The slide's footnotes, filling their slot.
    Footnotes(&'b [(usize, Vec<Block>)]),
}

/// Where a picture may go: the picture's own box is fitted into `area` once its pixel
/// size is known (see [`super::media::Picture::fit`]).
#[derive(Debug)]
pub struct PictureBoxes<'b> {
    pub url: &'b str,
    pub alt: &'b str,
    /// The room for the picture, above its caption.
    pub area: Rect,
    /// The line that names the picture when it cannot be embedded.
    pub missing: Rect,
    /// Height of the caption line under the picture, when it has alternative text.
    pub caption: Option<i64>,
}

/// Lays out a slide of the deck; `number` counts the title slide as 1, of `total`.
pub fn slide<'b>(
    g: &Geometry,
    theme: &Theme,
    slide: &'b Slide,
    number: usize,
    total: usize,
) -> SlideLayout<'b> {
    let divider = slide.kind == SlideKind::Divider;
    let segments = if divider { Vec::new() } else { segments(slide) };
    let has_text = segments.iter().any(Segment::is_plain_text);
    let (title, extra) = match divider {
        true => (None, None),
        false => grown_title(g, theme, &slide.title).unzip(),
    };
    SlideLayout {
        master: master_of(divider, has_text),
        section: slide.section.as_deref().map(|name| (name, section_label(g))),
        title,
        body: body(g, theme, segments, extra.unwrap_or(0.0)),
        progress: progress_bar(g, theme, number, total),
    }
}

/// Lays out a slide written on a company template: the body in the template's body box,
/// and no title box, section label or progress bar of Folio's (the template's layout has
/// its own look, and the title goes in its title placeholder).
pub fn slide_on_template<'b>(g: &Geometry, theme: &Theme, slide: &'b Slide) -> SlideLayout<'b> {
    let divider = slide.kind == SlideKind::Divider;
    let segments = if divider { Vec::new() } else { segments(slide) };
    let has_text = segments.iter().any(Segment::is_plain_text);
    SlideLayout {
        master: master_of(divider, has_text),
        section: None,
        title: None,
        body: body(g, theme, segments, 0.0),
        progress: None,
    }
}

/// The layout a slide is based on: a divider's, one with a body for text, else one with
/// only a title (tables, pictures, charts, code).
fn master_of(divider: bool, has_text: bool) -> MasterLayout {
    match (divider, has_text) {
        (true, _) => MasterLayout::Section,
        (false, true) => MasterLayout::Content,
        (false, false) => MasterLayout::TitleOnly,
    }
}

/// The body's segments in order: text runs, code, tables and pictures, then footnotes.
fn segments(slide: &Slide) -> Vec<Segment<'_>> {
    let mut segments: Vec<Segment> = Vec::new();
    for block in &slide.blocks {
        match (own_segment(block), segments.last_mut()) {
            (Some(segment), _) => segments.push(segment),
            (None, Some(Segment::Text(blocks))) => blocks.push(block),
            (None, _) => segments.push(Segment::Text(vec![block])),
        }
    }
    if !slide.footnotes.is_empty() {
        segments.push(Segment::Footnotes(&slide.footnotes));
    }
    segments
}

/// The segment a block makes by itself; `None` for text that joins its neighbours.
fn own_segment(block: &Block) -> Option<Segment<'_>> {
    match &block.kind {
        BlockKind::Paragraph(content) => match content.as_slice() {
            [Inline::Image { url, alt }] if !classify(url).is_remote() && !url.is_empty() => {
                Some(Segment::Picture { url, alt })
            }
            _ => None,
        },
        BlockKind::CodeBlock { code, lang } => Some(Segment::Code(code, lang.as_deref())),
        BlockKind::Math(formula) => Some(match (&formula.typst, &formula.picture) {
            (Some(_), Some(url)) => Segment::Formula { url, latex: &formula.latex },
            _ => Segment::Code(&formula.latex, None),
        }),
        BlockKind::Table(table) => Some(Segment::Table(table)),
        BlockKind::Chart(chart) => Some(Segment::Chart(chart)),
        BlockKind::BlockQuote(_) | BlockKind::Alert { .. } => Some(Segment::Boxed(block)),
        _ => None,
    }
}

/// Body lines a segment takes, by the planner's estimates.
fn segment_lines(g: &Geometry, theme: &Theme, segment: &Segment) -> f64 {
    let capacity = Capacity::new(&theme.slide);
    let lines = match segment {
        Segment::Text(blocks) => blocks.iter().map(|b| capacity.block_lines(b)).sum(),
        Segment::Code(code, _) => return code_height(g, theme, code) / g.line(),
        Segment::Table(table) => {
            let caption = if table.caption.is_some() { 1.0 } else { 0.0 };
            let rows: f64 = table::row_heights(table, g.text_width(), theme).iter().sum();
            return rows / g.line() + caption + 0.3;
        }
        Segment::Picture { alt, .. } => {
            capacity.picture_lines + if alt.trim().is_empty() { 0.0 } else { 1.0 }
        }
        Segment::Chart(_) => capacity.picture_lines,
        Segment::Formula { latex, .. } => capacity.math_lines(latex),
        Segment::Boxed(block) => capacity.block_lines(block),
        Segment::Footnotes(notes) => {
            let scale = capacity.footnote_scale;
            let blocks = notes.iter().flat_map(|(_, b)| b);
            let notes: f32 = blocks.map(|b| capacity.block_lines(b) * scale).sum();
            notes + 0.8
        }
    };
    f64::from(lines)
}

/// The grown title box of a title that wraps, and how much lower the body starts.
fn grown_title(g: &Geometry, theme: &Theme, title: &str) -> Option<(GrownTitle, f64)> {
    let lines = fit::title_lines(theme, title, g.text_width());
    let extra = lines as f64 * fit::title_line_height(theme) + 2.0 - TITLE_HEIGHT;
    if lines < 2 || extra <= 0.0 {
        return None;
    }
    let (rect, rule) = g.grown_title(extra, theme.slide.rules.title);
    Some((GrownTitle { rect, rule }, extra))
}

/// Height in Typst points of a code box and the gap under it: its wrapped lines as
/// measured ([`fit::code_text_height`]), its insets, the 6 pt gap and a point to spare.
fn code_height(g: &Geometry, theme: &Theme, code: &str) -> f64 {
    let inset = theme.slide.insets.code;
    fit::code_text_height(theme, code, g.text_width() - 2.0 * inset) + 2.0 * inset + 7.0
}

/// Stacks the segments down the body area, each in its slot, and places the shapes of
/// each inside its slot.
fn body<'b>(g: &Geometry, theme: &Theme, segments: Vec<Segment<'b>>, lower: f64) -> BodyLayout<'b> {
    let (top, height) = g.body();
    let (top, height) = (top + lower, height - lower);
    let lines: Vec<f64> = segments.iter().map(|s| segment_lines(g, theme, s)).collect();
    let fit = Fit { line: g.line(), min_scale: theme.slide.min_scale() };
    let (scale, heights) = stack(&segments, &lines, height, fit);
    let mut y = top;
    let mut placeholder_free = true;
    let mut shapes = Vec::with_capacity(segments.len());
    for (segment, h) in segments.into_iter().zip(heights) {
        let slot = g.rect(g.margin_x, y, g.text_width(), h);
        y += h;
        let shape = place(g, theme, segment, slot, scale, &mut placeholder_free);
        shapes.push(Placed { slot, shape });
    }
    BodyLayout { scale, shapes }
}

/// The fit scale and each segment's height in Typst points, for a body `height` points
/// tall. Heights follow the estimates, shrunk by the same factor when they add up to
/// more than a slide (the PDF's `fit` does the same); text gets some of the room left
/// over, a last plain text box the rest, and `normAutofit` shrinks any text an estimate
/// fell short for.
fn stack(segments: &[Segment], lines: &[f64], height: f64, fit: Fit) -> (f64, Vec<f64>) {
    let available = height / fit.line;
    let wanted: f64 = lines.iter().sum::<f64>().max(1.0);
    let scale = (available / wanted).clamp(fit.min_scale, 1.0);
    let mut heights: Vec<f64> = lines.iter().map(|l| l * fit.line * scale).collect();
    let text_height: f64 =
        heights.iter().zip(segments).filter(|(_, s)| s.is_text()).map(|(h, _)| h).sum();
    let mut spare = (height - heights.iter().sum::<f64>()).max(0.0);
    if text_height > 0.0 {
        let extra = spare.min(text_height * TEXT_GROWTH);
        for (h, s) in heights.iter_mut().zip(segments) {
            if s.is_text() {
                *h += extra * *h / text_height;
            }
        }
        spare -= extra;
        if let (Some(last), Some(h)) = (segments.last(), heights.last_mut())
            && last.is_plain_text()
        {
            *h += spare;
        }
    }
    (scale, heights)
}

/// How lines become points: one body line's height, and the smallest scale.
#[derive(Debug, Clone, Copy)]
struct Fit {
    /// One body line in Typst points (the body height over the planner's lines).
    line: f64,
    /// The PDF's fit scale stops here; so does ours.
    min_scale: f64,
}

/// The shapes of one segment inside its `slot`, at the body's `scale`.
fn place<'b>(
    g: &Geometry,
    theme: &Theme,
    segment: Segment<'b>,
    slot: Rect,
    scale: f64,
    placeholder_free: &mut bool,
) -> BodyShape<'b> {
    match segment {
        Segment::Text(blocks) => {
            let placeholder = std::mem::replace(placeholder_free, false);
            BodyShape::Text { blocks, placeholder }
        }
        Segment::Boxed(block) => boxed(g, theme, block, slot, scale),
        Segment::Footnotes(notes) => BodyShape::Footnotes(notes),
        // The grey box ends 6 pt (scaled) above the next segment.
        Segment::Code(code, lang) => BodyShape::Code {
            code,
            lang,
            rect: Rect { h: (slot.h - g.emu(6.0 * scale)).max(1), ..slot },
            inset: theme.slide.insets.code * scale,
        },
        Segment::Table(table) => table_boxes(g, theme, table, slot, scale),
        Segment::Chart(chart) => BodyShape::Chart(chart),
        Segment::Picture { url, alt } => {
            BodyShape::Picture(picture_boxes(g, url, alt, slot, scale))
        }
        Segment::Formula { url, latex } => {
            let missing = Rect { h: g.emu(g.line() * scale), ..slot };
            BodyShape::Picture(PictureBoxes { url, alt: latex, area: slot, missing, caption: None })
        }
    }
}

/// As `callout` and the quote style of `lib/slides.typ`: the theme's rule (a callout's
/// or a quote's); the box ends 4 pt (scaled) above the next segment.
fn boxed<'b>(
    g: &Geometry,
    theme: &Theme,
    block: &'b Block,
    slot: Rect,
    scale: f64,
) -> BodyShape<'b> {
    let rule_pt = match block.kind {
        BlockKind::Alert { .. } => theme.callouts.rule,
        _ => theme.slide.rules.quote,
    };
    let rule = g.emu(rule_pt * scale).max(1);
    let gap = g.emu(4.0 * scale);
    let boxed = Rect { h: (slot.h - gap).max(1), ..slot };
    BodyShape::Boxed {
        block,
        rule: Rect { w: rule, ..boxed },
        text: Rect { x: boxed.x + rule, w: (boxed.w - rule).max(1), ..boxed },
        inset: 10.0 * scale,
    }
}

/// The table as tall as its rows (never taller than its slot less the caption), the
/// caption line right under it.
fn table_boxes<'b>(
    g: &Geometry,
    theme: &Theme,
    table: &'b Table,
    slot: Rect,
    scale: f64,
) -> BodyShape<'b> {
    let caption_h = match table.caption {
        Some(_) => g.emu(g.line() * scale),
        None => 0,
    };
    let rows: f64 = table::row_heights(table, g.text_width(), theme).iter().sum();
    let height = g.emu(rows * scale).min(slot.h - caption_h).max(1);
    let frame = Rect { h: height, ..slot };
    let caption = table.caption.as_ref().map(|_| below(frame, slot, caption_h));
    BodyShape::Table { table, frame, caption }
}

/// The slot less a caption line when the picture has alternative text.
fn picture_boxes<'b>(
    g: &Geometry,
    url: &'b str,
    alt: &'b str,
    slot: Rect,
    scale: f64,
) -> PictureBoxes<'b> {
    let caption_h = if alt.trim().is_empty() { 0 } else { g.emu(g.line() * scale) };
    let area = Rect { h: (slot.h - caption_h).max(1), ..slot };
    let missing = Rect { h: g.emu(g.line() * scale), ..area };
    PictureBoxes { url, alt, area, missing, caption: (caption_h > 0).then_some(caption_h) }
}

/// A caption line `height` EMU tall right under `placed`, across the `column`.
pub fn below(placed: Rect, column: Rect, height: i64) -> Rect {
    Rect { y: placed.y + placed.h, h: height, ..column }
}

/// The section name above the title, in the top margin.
fn section_label(g: &Geometry) -> Rect {
    g.rect(g.margin_x, 12.0, g.text_width(), 17.0)
}

/// The progress bar along the bottom edge, as high as the theme's rule, as long as the
/// share of the deck shown so far (the title slide is 0, the last slide the whole width).
fn progress_bar(g: &Geometry, theme: &Theme, number: usize, total: usize) -> Option<Rect> {
    if number <= 1 || total <= 1 {
        return None;
    }
    let share = (number - 1) as f64 / (total - 1) as f64;
    let bar = theme.slide.rules.progress;
    Some(g.rect(0.0, g.height - bar, g.width * share, bar))
}

/// The logo on the title slide: the theme's logo height, its shape kept, 8 pt above the
/// title.
pub fn logo(g: &Geometry, theme: &Theme, aspect: f64) -> Rect {
    let height = theme.slide.logo_height;
    let width = height * aspect;
    g.rect(g.margin_x, g.height * 0.16 - height - 8.0, width, height)
}

/// The notes page (portrait, 7.5 × 10 in): the slide above, the notes below.
#[derive(Debug, Serialize)]
pub struct NotesBoxes {
    pub image: Rect,
    pub body: Rect,
}

/// PowerPoint's own notes page: 0.75 in margins, the slide 6 in wide, its notes 0.25 in
/// under it.
pub fn notes_boxes(geometry: &Geometry) -> NotesBoxes {
    let slide = geometry.slide();
    let (x, y, w) = (685_800, 685_800, 5_486_400);
    let h = w * slide.h / slide.w;
    let body_y = y + h + 228_600;
    NotesBoxes {
        image: Rect { x, y, w, h },
        body: Rect { x, y: body_y, w, h: 9_144_000 - body_y - 685_800 },
    }
}

#[cfg(test)]
mod tests;
