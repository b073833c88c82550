//! Blocks and inlines → DrawingML paragraphs (`a:p`) and runs (`a:r`): bullets and
//! numbers as real list levels, bold/italic/code/link as run properties, so the text stays
//! editable. Sizes are the PDF's (the theme's slide metrics), times the slide's fit scale.

use super::geometry::Geometry;
use super::package::Rels;
use super::xml::escape;
use crate::address::is_linkable;
use crate::engine::grammar_for;
use crate::engine::highlight::{Piece, highlight};
use crate::model::{AlertKind, Block, BlockKind, Inline, List};
use crate::text::soft_break_is_space;
use crate::theme::{Colour as ThemeColour, Slide, Theme, Words};
use std::collections::HashMap;
use std::fmt::Write;

/// Indent of a list level (the bullet hangs in it), in Typst points.
const LIST_INDENT: f64 = 22.0;
/// Editors give Noto Sans SC 1.45 em a line at 100 %; Typst's 0.6 em leading makes about
/// 1.3 em, so lines are set at 90 %.
pub const LINE_SPACING_SHARE: f64 = 0.9;
const LINE_SPACING: &str = "<a:lnSpc><a:spcPct val=\"90000\"/></a:lnSpc>";
/// Space before a list item, in em: an estimate of what makes an editor's list look like
/// the PDF's (its list spacing is measured differently), not a theme value.
pub const ITEM_GAP: f64 = 0.35;

/// What every paragraph of one slide shares.
pub struct Ctx<'a> {
    pub geometry: &'a Geometry,
    /// The slide's fit scale (1 when the planner's estimate fits the body area).
    pub scale: f64,
    /// Language tag of the runs, e.g. `zh-CN`.
    pub lang: &'a str,
    pub theme: &'a Theme,
    /// The theme's words in the deck's language.
    pub words: &'a Words,
    /// The slide's relationships, for hyperlinks.
    pub rels: &'a mut Rels,
    /// Deck-wide footnote numbers by label.
    pub footnotes: &'a HashMap<String, usize>,
    /// The slide (index in the deck's slides) each in-page link target lands on.
    pub landings: &'a std::collections::BTreeMap<usize, usize>,
}

impl Ctx<'_> {
    /// A size in Typst points (before the fit scale) as hundredths of a point.
    pub fn size(&self, pt: f64) -> u32 {
        self.geometry.size(pt * self.scale)
    }

    /// A length in Typst points (before the fit scale) in EMU.
    pub fn emu(&self, pt: f64) -> i64 {
        self.geometry.emu(pt * self.scale)
    }
}

/// A colour of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Colour {
    /// A theme colour (`accent1` is the accent, `accent2` the muted grey, `bg1` white).
    Scheme(&'static str),
    Rgb(crate::theme::Colour),
}

impl Colour {
    fn fill(self) -> String {
        match self {
            Colour::Scheme(name) => {
                format!("<a:solidFill><a:schemeClr val=\"{name}\"/></a:solidFill>")
            }
            Colour::Rgb(colour) => {
                format!("<a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill>", colour.office_hex())
            }
        }
    }
}

/// The marker of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bullet {
    None,
    Char,
    /// An ordered-list item with this number.
    Number(usize),
}

/// How a paragraph is set.
#[derive(Debug, Clone, Copy)]
pub struct Para {
    /// Text size in Typst points.
    pub size: f64,
    /// List level (0 outside lists).
    pub level: u8,
    /// Left margin in Typst points.
    pub margin: f64,
    pub bullet: Bullet,
    /// Space before, in em of `size` (not before the first paragraph of a box).
    pub gap: f64,
    /// `ctr` or `r`; left when `None`.
    pub align: Option<&'static str>,
}

impl Para {
    /// Body text at `size` points, paragraphs spaced as `slide` spaces them.
    pub fn body(slide: &Slide, size: f64) -> Self {
        let gap = slide.paragraph_spacing;
        Para { size, level: 0, margin: 0.0, bullet: Bullet::None, gap, align: None }
    }
}

/// How a run is set.
#[derive(Debug, Clone, Default)]
pub struct Run {
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub strike: bool,
    pub code: bool,
    pub superscript: bool,
    pub subscript: bool,
    pub colour: Option<Colour>,
    /// Relationship id of a hyperlink.
    pub link: Option<String>,
    /// Relationship id of the slide an in-page link jumps to.
    pub jump: Option<String>,
}

/// Writes the paragraphs of one text box.
pub struct Writer<'c, 'a> {
    pub ctx: &'c mut Ctx<'a>,
    pub out: String,
    paragraphs: usize,
}

impl<'c, 'a> Writer<'c, 'a> {
    pub fn new(ctx: &'c mut Ctx<'a>) -> Self {
        Writer { ctx, out: String::new(), paragraphs: 0 }
    }

    /// The paragraphs written; a text body needs at least one.
    pub fn finish(self) -> String {
        match self.paragraphs {
            0 => format!("<a:p><a:endParaRPr lang=\"{}\"/></a:p>", self.ctx.lang),
            _ => self.out,
        }
    }

    pub fn blocks(&mut self, blocks: &[Block], para: Para, run: &Run) {
        for block in blocks {
            self.block(block, para, run);
        }
    }

    fn block(&mut self, block: &Block, para: Para, run: &Run) {
        match &block.kind {
            BlockKind::Heading { content, .. } => {
                let heading =
                    Run { bold: true, colour: Some(Colour::Scheme("accent1")), ..run.clone() };
                let size = para.size * 1.1;
                self.paragraph(Para { size, gap: 0.6, ..para }, content, &heading);
            }
            BlockKind::Paragraph(content) => self.paragraph(para, content, run),
            BlockKind::CodeBlock { code, lang } => self.code(code, lang.as_deref(), para),
            BlockKind::Math(formula) => self.code(&formula.latex, None, para),
            BlockKind::BlockQuote(inner) => self.blocks(
                inner,
                Para { margin: para.margin + self.ctx.theme.slide.insets.quote, ..para },
                run,
            ),
            BlockKind::List(list) => self.list(list, para, run),
            BlockKind::Table(table) => {
                // A table inside a list or quote: its rows as lines `a | b | c`.
                for row in std::iter::once(&table.header).chain(&table.rows) {
                    let mut cells = Vec::new();
                    for (i, cell) in row.iter().enumerate() {
                        if i > 0 {
                            cells.push(Inline::Text(" | ".into()));
                        }
                        cells.extend(cell.iter().cloned());
                    }
                    self.paragraph(Para { gap: 0.2, ..para }, &cells, run);
                }
            }
            // Charts are laid out as chart frames of their own (see `layout`).
            BlockKind::ThematicBreak | BlockKind::Chart(_) => {}
            BlockKind::Alert { kind, title, blocks } => {
                let inner =
                    Para { margin: para.margin + self.ctx.theme.slide.insets.quote, ..para };
                self.alert(*kind, title.as_deref(), blocks, inner, run);
            }
            BlockKind::DescriptionList(items) => {
                for item in items {
                    self.paragraph(para, &item.term, &Run { bold: true, ..run.clone() });
                    let details = Para { margin: para.margin + LIST_INDENT, gap: 0.3, ..para };
                    self.blocks(&item.details, details, run);
                }
            }
        }
    }

    /// A callout: its title in the alert's colour, then its blocks.
    pub fn alert(
        &mut self,
        kind: AlertKind,
        title: Option<&str>,
        blocks: &[Block],
        para: Para,
        run: &Run,
    ) {
        let colour = self.ctx.theme.callouts.colour(kind);
        let heading = title.unwrap_or(self.ctx.words.callout(kind)).to_string();
        let title_run = Run { bold: true, colour: Some(Colour::Rgb(colour)), ..run.clone() };
        self.paragraph(para, &[Inline::Text(heading)], &title_run);
        self.blocks(blocks, Para { gap: 0.3, ..para }, run);
    }

    /// List items as paragraphs with a bullet or number at their level; further
    /// paragraphs of an item are indented under its text.
    fn list(&mut self, list: &List, para: Para, run: &Run) {
        let item_para =
            Para { margin: para.margin + LIST_INDENT, gap: ITEM_GAP, align: None, ..para };
        for (i, item) in list.items.iter().enumerate() {
            let bullet = list.start.map_or(Bullet::Char, |start| Bullet::Number(start + i));
            let marker = Para { bullet, ..item_para };
            let mut rest = item.blocks.as_slice();
            let mut first: Vec<Inline> = Vec::new();
            if let Some(checked) = item.checked {
                first.push(Inline::Text(if checked { "☑ " } else { "☐ " }.into()));
            }
            if let Some(Block { kind: BlockKind::Paragraph(content), .. }) = rest.first() {
                first.extend(content.iter().cloned());
                rest = &rest[1..];
            }
            self.paragraph(marker, &first, run);
            for block in rest {
                match &block.kind {
                    BlockKind::List(inner) => {
                        let nested = Para { level: (para.level + 1).min(8), ..item_para };
                        self.list(inner, Para { margin: item_para.margin, ..nested }, run);
                    }
                    _ => self.block(block, Para { bullet: Bullet::None, ..item_para }, run),
                }
            }
        }
    }

    /// Code as monospace lines, one paragraph each, in the PDF's syntax colours when a
    /// grammar knows its language (`lang`, the Markdown info string).
    pub fn code(&mut self, code: &str, lang: Option<&str>, para: Para) {
        let code = code.strip_suffix('\n').unwrap_or(code);
        let coloured = lang.and_then(grammar_for).and_then(|grammar| highlight(code, grammar));
        let size = self.ctx.theme.slide.sizes.code.min(para.size);
        for (i, line) in code.split('\n').enumerate() {
            let gap = if i == 0 { para.gap } else { 0.0 };
            let line = line.trim_end_matches('\r');
            let plain =
                [Piece { text: line.to_string(), colour: None, bold: false, italic: false }];
            let pieces = coloured.as_ref().and_then(|c| c.get(i)).map_or(&plain[..], |p| &p[..]);
            self.styled_paragraph(Para { size, gap, ..para }, |writer, size, out| {
                for piece in pieces {
                    let run = Run {
                        code: true,
                        bold: piece.bold,
                        italic: piece.italic,
                        colour: piece.colour.map(|c| Colour::Rgb(ThemeColour::from_channels(c))),
                        ..Run::default()
                    };
                    writer.run(&piece.text, &run, size, out);
                }
            });
        }
    }

    /// One paragraph.
    pub fn paragraph(&mut self, para: Para, inlines: &[Inline], run: &Run) {
        self.styled_paragraph(para, |writer, size, out| writer.inlines(inlines, run, size, out));
    }

    /// One paragraph whose runs `runs` writes, at the size (hundredths of a point) given.
    fn styled_paragraph(&mut self, para: Para, runs: impl FnOnce(&mut Self, u32, &mut String)) {
        let ctx = &*self.ctx;
        let margin = ctx.emu(para.margin);
        let hanging = match para.bullet {
            Bullet::None => 0,
            Bullet::Char => ctx.emu(LIST_INDENT * 0.8),
            // `10.` needs the whole indent.
            Bullet::Number(_) => ctx.emu(LIST_INDENT),
        };
        let gap = if self.paragraphs == 0 { 0 } else { ctx.size(para.gap * para.size) };
        let mut out = format!(
            "<a:p><a:pPr marL=\"{margin}\" indent=\"{}\" lvl=\"{}\"",
            -hanging,
            para.level.min(8)
        );
        if let Some(align) = para.align {
            let _ = write!(out, " algn=\"{align}\"");
        }
        let _ = write!(out, ">{LINE_SPACING}<a:spcBef><a:spcPts val=\"{gap}\"/></a:spcBef>");
        out.push_str(&match para.bullet {
            Bullet::None => "<a:buNone/>".to_string(),
            Bullet::Char => "<a:buFont typeface=\"Arial\"/><a:buChar char=\"•\"/>".to_string(),
            Bullet::Number(n) => format!(
                "<a:buFont typeface=\"+mj-lt\"/><a:buAutoNum type=\"arabicPeriod\" startAt=\"{}\"/>",
                n.clamp(1, 32767)
            ),
        });
        out.push_str("</a:pPr>");
        let size = self.ctx.size(para.size);
        let mut text = String::new();
        runs(self, size, &mut text);
        out.push_str(&text);
        let _ = write!(
            out,
            "<a:endParaRPr lang=\"{}\" sz=\"{size}\" dirty=\"0\"/></a:p>",
            self.ctx.lang
        );
        self.out.push_str(&out);
        self.paragraphs += 1;
    }

    fn inlines(&mut self, inlines: &[Inline], run: &Run, size: u32, out: &mut String) {
        for (i, inline) in inlines.iter().enumerate() {
            if let Inline::SoftBreak = inline {
                let before = i.checked_sub(1).and_then(|j| inlines[j].last_char());
                let after = inlines.get(i + 1).and_then(Inline::first_char);
                // As in the PDF: no space where a line break fell between Chinese or Japanese characters.
                if soft_break_is_space(before, after) {
                    self.run(" ", run, size, out);
                }
                continue;
            }
            self.inline(inline, run, size, out);
        }
    }

    fn inline(&mut self, inline: &Inline, run: &Run, size: u32, out: &mut String) {
        let styled = |f: fn(&mut Run)| {
            let mut run = run.clone();
            f(&mut run);
            run
        };
        match inline {
            Inline::Text(text) => self.run(text, run, size, out),
            Inline::Emph(c) => self.inlines(c, &styled(|r| r.italic = true), size, out),
            Inline::Strong(c) => self.inlines(c, &styled(|r| r.bold = true), size, out),
            Inline::Strike(c) => self.inlines(c, &styled(|r| r.strike = true), size, out),
            Inline::Underline(c) => self.inlines(c, &styled(|r| r.underline = true), size, out),
            Inline::Superscript(c) => self.inlines(c, &styled(|r| r.superscript = true), size, out),
            Inline::Subscript(c) => self.inlines(c, &styled(|r| r.subscript = true), size, out),
            Inline::Highlight(c) => self.inlines(c, run, size, out),
            Inline::Code(code) => self.run(code, &styled(|r| r.code = true), size, out),
            // Inline math stays its LaTeX source in the text (display math is a picture).
            Inline::Math(formula) => {
                self.run(&formula.latex, &styled(|r| r.code = true), size, out)
            }
            Inline::Link { url, content } if is_linkable(url) => {
                let id = self.ctx.rels.external("hyperlink", url);
                let link =
                    Run { link: Some(id), colour: Some(Colour::Scheme("accent1")), ..run.clone() };
                self.inlines(content, &link, size, out);
            }
            Inline::Link { content, .. } => self.inlines(content, run, size, out),
            // An in-page link jumps to the slide its target lands on, as in the PDF; the
            // title slide is slide 1, so the deck's slide i is slide i + 2.
            Inline::Jump { target, content } => match self.ctx.landings.get(target) {
                Some(index) => {
                    let slide = format!("slide{}.xml", index + 2);
                    let id = self.ctx.rels.add("slide", &slide);
                    let link = Run {
                        jump: Some(id),
                        colour: Some(Colour::Scheme("accent1")),
                        ..run.clone()
                    };
                    self.inlines(content, &link, size, out);
                }
                None => self.inlines(content, run, size, out),
            },
            // Anchors take no room; badges are print decoration, left off the slides.
            Inline::Anchor(_) | Inline::Badge { .. } => {}
            Inline::Image { alt, .. } => {
                if !alt.is_empty() {
                    self.run(alt, &styled(|r| r.italic = true), size, out);
                }
            }
            Inline::MissingImage { url, alt } => {
                let muted = Run { colour: Some(Colour::Scheme("accent2")), ..run.clone() };
                if !alt.is_empty() {
                    self.run(&format!("{alt} "), &muted, size, out);
                }
                // A remote picture by its host: the whole address stays in the PDF's link.
                match crate::address::web_host(url) {
                    Some(host) if alt.is_empty() => self.run(host, &muted, size, out),
                    Some(host) => self.run(&format!("· {host}"), &muted, size, out),
                    None => self.run(url, &Run { code: true, ..muted }, size, out),
                }
            }
            Inline::FootnoteRef(label) => match self.ctx.footnotes.get(label) {
                Some(number) => {
                    self.run(&number.to_string(), &styled(|r| r.superscript = true), size, out)
                }
                None => self.run(&format!("[^{label}]"), run, size, out),
            },
            Inline::SoftBreak => self.run(" ", run, size, out),
            Inline::LineBreak => {
                let _ =
                    write!(out, "<a:br><a:rPr lang=\"{}\" sz=\"{size}\"/></a:br>", self.ctx.lang);
            }
        }
    }

    /// One run; line breaks inside the text become spaces (a run holds one line).
    pub fn run(&mut self, text: &str, run: &Run, size: u32, out: &mut String) {
        let text = escape(&text.replace(['\n', '\r'], " "));
        if text.is_empty() {
            return;
        }
        let mut props = format!("<a:rPr lang=\"{}\" sz=\"{size}\"", self.ctx.lang);
        if run.bold {
            props.push_str(" b=\"1\"");
        }
        if run.italic {
            props.push_str(" i=\"1\"");
        }
        if run.underline {
            props.push_str(" u=\"sng\"");
        }
        if run.strike {
            props.push_str(" strike=\"sngStrike\"");
        }
        if run.superscript {
            props.push_str(" baseline=\"30000\"");
        } else if run.subscript {
            props.push_str(" baseline=\"-25000\"");
        }
        props.push_str(" dirty=\"0\">");
        if let Some(colour) = run.colour {
            props.push_str(&colour.fill());
        }
        if run.code {
            let mono = escape(self.ctx.theme.fonts.first_mono());
            // CJK in code falls back to the named sans (as in the PDF), not an editor's pick.
            let east_asian = escape(self.ctx.theme.fonts.first_sans());
            let _ = write!(
                props,
                "<a:latin typeface=\"{mono}\" pitchFamily=\"49\"/><a:ea typeface=\"{east_asian}\"/>\
                 <a:cs typeface=\"{mono}\"/>"
            );
        }
        if let Some(id) = &run.link {
            let _ = write!(props, "<a:hlinkClick r:id=\"{id}\"/>");
        } else if let Some(id) = &run.jump {
            let _ =
                write!(props, "<a:hlinkClick r:id=\"{id}\" action=\"ppaction://hlinksldjump\"/>");
        }
        props.push_str("</a:rPr>");
        let _ = write!(out, "<a:r>{props}<a:t>{text}</a:t></a:r>");
    }
}
