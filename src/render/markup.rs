//! Model → Typst markup, one case per block and inline kind.
//!
//! All report text goes through [`escape_markup`] or [`string_literal`]; structure is
//! written with function calls (`#strong[…]`, `#list(…)`) rather than markup shorthands,
//! because shorthands like `*…*` do not work inside Chinese text.

use super::escape::{escape_markup, string_literal};
use crate::address::{classify, is_linkable};
use crate::model::{
    AlertKind, Align, Block, BlockKind, DescriptionItem, Footnote, Formula, Inline, List, Table,
    plain_text,
};
use crate::text::{break_long_runs, soft_break_is_space};
use std::collections::{BTreeMap, HashMap};

/// How footnote references are written.
#[derive(Debug, Clone, PartialEq)]
pub enum NoteStyle {
    /// Typst footnotes at the page bottom (print).
    PageFootnotes,
    /// A superscript number; the slide lists the notes itself.
    Numbers(HashMap<String, usize>),
}

/// Where in-page links land in the output being written.
#[derive(Debug, Clone, PartialEq)]
pub enum Landing {
    /// Print: every anchor a link lands on is labelled where it stands.
    InPlace,
    /// Slides: anchors are not written (a block may show on several slides); a link lands
    /// on the slide given for its target, or is plain text when there is none.
    Slides(BTreeMap<usize, usize>),
}

/// Writes a document's markup, remembering which footnotes have been written, so a
/// footnote used twice is defined once and referred to after.
pub struct Markup<'a> {
    footnotes: &'a [Footnote],
    style: NoteStyle,
    written: Vec<String>,
    /// The footnotes being written, innermost last: notes referenced inside notes.
    open_notes: Vec<String>,
    /// Footnotes written in place, in brackets, for being nested too deeply.
    inlined: Vec<String>,
    /// Subtracted from heading levels, so the top level written is 1.
    heading_shift: u8,
    landing: Landing,
    /// Draw each charted table's chart as a figure under it (`charts = "both"`, print).
    charts_under_tables: bool,
}

impl<'a> Markup<'a> {
    /// A writer for a document with these footnote definitions.
    pub fn new(footnotes: &'a [Footnote], style: NoteStyle) -> Self {
        let landing = Landing::InPlace;
        let (written, open_notes, inlined) = (Vec::new(), Vec::new(), Vec::new());
        let charts_under_tables = false;
        Self {
            footnotes,
            style,
            written,
            open_notes,
            inlined,
            heading_shift: 0,
            landing,
            charts_under_tables,
        }
    }

    /// Draws each charted table's chart as a figure under the table.
    pub fn charts_under_tables(mut self, on: bool) -> Self {
        self.charts_under_tables = on;
        self
    }

    /// Writes in-page links as links to slides (target number → slide index).
    pub fn landing_on_slides(mut self, slides: BTreeMap<usize, usize>) -> Self {
        self.landing = Landing::Slides(slides);
        self
    }

    /// Writes the shallowest heading level of `blocks` as level 1 (the title is no
    /// heading; outlines and PDF/UA want the first heading at level 1).
    pub fn lift_headings(mut self, blocks: &[Block]) -> Self {
        let top = crate::model::top_heading_level(blocks);
        self.heading_shift = top.saturating_sub(1);
        self
    }

    /// Writes blocks as Typst markup.
    pub fn blocks(&mut self, blocks: &[Block]) -> String {
        let mut writer = Writer::new(self);
        writer.blocks(blocks);
        writer.out.trim_end().to_string()
    }

    /// Writes blocks as Typst markup, each after a comment naming the Markdown line it
    /// came from ([`crate::engine::SOURCE_LINE`]), so that a Typst error, even one raised inside the
    /// template library, can be reported at the report's line.
    pub fn traced_blocks(&mut self, blocks: &[Block]) -> String {
        let mut writer = Writer::new(self);
        for block in blocks {
            let start = writer.out.len();
            writer.blocks(std::slice::from_ref(block));
            // A block that writes nothing (an empty paragraph) gets no trace: a last
            // comment line would swallow the `]` the template closes the body with.
            if block.span.line > 0 && !writer.out[start..].trim().is_empty() {
                let trace = format!("{}{}\n", crate::engine::SOURCE_LINE, block.span.line);
                writer.out.insert_str(start, &trace);
            }
        }
        writer.out.trim_end().to_string()
    }

    /// Writes inline content as Typst markup.
    pub fn inlines(&mut self, inlines: &[Inline]) -> String {
        let mut writer = Writer::new(self);
        writer.inlines(inlines);
        writer.out
    }
}

/// Writes blocks of a document without footnotes.
pub fn blocks_to_markup(blocks: &[Block]) -> String {
    Markup::new(&[], NoteStyle::PageFootnotes).blocks(blocks)
}

/// Writes inline content of a document without footnotes.
pub fn inlines_to_markup(inlines: &[Inline]) -> String {
    Markup::new(&[], NoteStyle::PageFootnotes).inlines(inlines)
}

/// Footnotes inside footnotes deeper than this are written in place, in brackets.
const MAX_NOTE_DEPTH: usize = 4;

struct Writer<'m, 'a> {
    out: String,
    /// Inside a heading, whose anchor labels the heading itself: outlines and running
    /// headers repeat heading text, and a label written twice would be ambiguous.
    in_heading: bool,
    /// Set right after `#func[…]`: a following `(`, `[` or `.` would continue the call,
    /// and a `;` would end it and vanish.
    after_call: bool,
    markup: &'m mut Markup<'a>,
}

impl<'m, 'a> Writer<'m, 'a> {
    fn new(markup: &'m mut Markup<'a>) -> Self {
        Self { out: String::new(), in_heading: false, after_call: false, markup }
    }

    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
        self.after_call = false;
    }

    fn call_end(&mut self, s: &str) {
        self.out.push_str(s);
        self.after_call = true;
    }

    fn text(&mut self, text: &str) {
        if self.after_call && text.starts_with(['(', '.', ';']) {
            self.out.push('\\');
        }
        self.raw(&escape_markup(&break_long_runs(text)));
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            if block.centred {
                self.raw("#align(center)[");
                self.block(block);
                self.raw("]");
            } else {
                self.block(block);
            }
            self.raw("\n\n");
        }
    }

    fn block(&mut self, block: &Block) {
        match &block.kind {
            BlockKind::Heading { level, content } => {
                let level = level.saturating_sub(self.markup.heading_shift).clamp(1, 6);
                self.in_heading = true;
                if carries_own_number(&plain_text(content)) {
                    // Never numbered twice when the theme numbers headings.
                    self.raw(&format!("#heading(level: {level}, numbering: none)["));
                    self.inlines(content);
                    self.call_end("]");
                } else {
                    self.raw(&"=".repeat(usize::from(level)));
                    self.raw(" ");
                    self.inlines(content);
                }
                self.in_heading = false;
                if let (Some(target), Landing::InPlace) =
                    (first_target(content), &self.markup.landing)
                {
                    self.raw(&format!(" <folio-a{target}>"));
                }
            }
            BlockKind::Paragraph(content) => match content.as_slice() {
                [Inline::Image { url, alt }] if !classify(url).is_remote() && !url.is_empty() => {
                    self.figure(url, alt)
                }
                _ => self.inlines(content),
            },
            BlockKind::CodeBlock { lang, code } => {
                self.raw("#raw(block: true, ");
                if let Some(grammar) = lang.as_deref().and_then(crate::engine::grammar_for) {
                    self.raw(&format!("lang: {}, ", string_literal(grammar)));
                }
                let code = code.strip_suffix('\n').unwrap_or(code);
                self.raw(&string_literal(&break_long_runs(code)));
                self.call_end(")");
            }
            BlockKind::BlockQuote(inner) => {
                self.raw("#quote(block: true)[");
                self.nested(inner);
                self.call_end("]");
            }
            BlockKind::List(list) => self.list(list),
            BlockKind::Table(table) => {
                self.table(table);
                if let Some(chart) =
                    table.chart.as_ref().filter(|_| self.markup.charts_under_tables)
                {
                    self.raw("\n\n");
                    self.raw(&super::chart::chart_call(chart, true));
                }
            }
            BlockKind::Chart(chart) => self.raw(&super::chart::chart_call(chart, false)),
            BlockKind::ThematicBreak => self.raw("#line(length: 100%, stroke: 0.5pt + luma(180))"),
            BlockKind::Alert { kind, title, blocks } => {
                let title = title.as_deref().map_or("none".to_string(), string_literal);
                self.raw(&format!("#callout(kind: \"{}\", title: {title})[", alert_name(*kind)));
                self.nested(blocks);
                self.call_end("]");
            }
            BlockKind::DescriptionList(items) => self.description_list(items),
            BlockKind::Math(formula) => match &formula.typst {
                Some(typst) => self.raw(&format!("$ {typst} $")),
                None => {
                    let source = string_literal(&formula.latex);
                    self.raw(&format!("#raw(block: true, lang: \"latex\", {source})"));
                    self.after_call = true;
                }
            },
        }
    }

    /// A formula in the text: Typst math (`$…$`, `$ … $` for display math), or its
    /// LaTeX source as code when it could not be converted.
    fn formula(&mut self, formula: &Formula) {
        match &formula.typst {
            Some(typst) if formula.display => self.raw(&format!("$ {typst} $")),
            // A trailing backslash would escape the closing `$`.
            Some(typst) if typst.ends_with('\\') => self.raw(&format!("${typst} $")),
            Some(typst) => self.raw(&format!("${typst}$")),
            None => {
                self.raw(&format!("#raw(lang: \"latex\", {})", string_literal(&formula.latex)));
                self.after_call = true;
            }
        }
    }

    /// Blocks inside a content block `[…]`, without trailing blank lines.
    fn nested(&mut self, blocks: &[Block]) {
        let mut inner = Writer::new(self.markup);
        inner.blocks(blocks);
        let text = inner.out;
        self.raw(text.trim_end());
    }

    fn list(&mut self, list: &List) {
        match list.start {
            Some(start) => self.raw(&format!("#enum(start: {start}, tight: {}", list.tight)),
            None => self.raw(&format!("#list(tight: {}", list.tight)),
        }
        for item in &list.items {
            self.raw(",\n  [");
            if let Some(checked) = item.checked {
                self.raw(&format!("#checkbox({checked}) "));
            }
            self.nested(&item.blocks);
            self.raw("]");
        }
        self.call_end(",\n)");
    }

    /// A framed placeholder for an image that cannot be shown.
    /// A picture that is not shown: a remote one by its description and host, linked to its
    /// address; any other by its description and address.
    fn missing_image(&mut self, url: &str, alt: &str) {
        let (url_text, alt_text) = (string_literal(url), string_literal(alt));
        match crate::address::web_host(url) {
            Some(host) => self
                .raw(&format!("#remote-picture({url_text}, {alt_text}, {})", string_literal(host))),
            None => self.raw(&format!("#missing-image({url_text}, {alt_text})")),
        }
        self.after_call = true;
    }

    /// An image alone in its paragraph is a figure, captioned with its description.
    fn figure(&mut self, url: &str, alt: &str) {
        let grow = crate::model::is_diagram(url);
        let (path, description) = (string_literal(url), string_literal(alt));
        let image = format!("picture({path}, alt: {description}, grow: {grow})");
        if alt.trim().is_empty() {
            self.raw(&format!("#figure({image})"));
        } else {
            self.raw(&format!("#figure({image}, caption: [{}])", escape_markup(alt)));
        }
        self.after_call = true;
    }

    fn description_list(&mut self, items: &[DescriptionItem]) {
        self.raw("#terms(");
        for item in items {
            self.raw("\n  terms.item([");
            self.inlines(&item.term);
            self.raw("], [");
            self.nested(&item.details);
            self.raw("]),");
        }
        self.call_end("\n)");
    }

    /// A table spanning the text width, its columns as wide as their content suggests,
    /// numeric columns right-aligned unless the author aligned them; `table-frame` lets
    /// the template shrink very wide tables or turn them to a landscape page.
    fn table(&mut self, table: &Table) {
        let columns = table.align.len().max(table.header.len()).max(1);
        let widths: Vec<String> =
            table.column_weights(columns).iter().map(|w| format!("{w}fr")).collect();
        let aligns: Vec<&str> = (0..columns)
            .map(|i| match table.align.get(i).copied().unwrap_or(Align::Auto) {
                Align::Auto if table.is_numeric_column(i) => "right",
                Align::Auto | Align::Left => "left",
                Align::Center => "center",
                Align::Right => "right",
            })
            .collect();
        if let Some(caption) = &table.caption {
            self.raw("#figure(kind: table, caption: [");
            self.inlines(caption);
            self.raw("])[");
        }
        let widths = widths.join(", ");
        self.raw(&format!("#table-frame({columns})[#table(\n  columns: ({widths},),\n"));
        self.raw(&format!("  align: ({},),\n", aligns.join(", ")));
        self.raw("  table.header(");
        self.cells(&table.header, columns);
        self.raw("),\n");
        for row in &table.rows {
            self.raw("  ");
            self.cells(row, columns);
            self.raw("\n");
        }
        self.call_end(if table.caption.is_some() { ")]]" } else { ")]" });
    }

    /// Writes exactly `columns` cells, padding ragged rows with empty ones.
    fn cells(&mut self, cells: &[Vec<Inline>], columns: usize) {
        for i in 0..columns {
            self.raw("[");
            if let Some(cell) = cells.get(i) {
                self.inlines(cell);
            }
            self.raw("], ");
        }
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for (i, inline) in inlines.iter().enumerate() {
            match inline {
                Inline::SoftBreak => {
                    let before = i.checked_sub(1).and_then(|j| inlines[j].last_char());
                    let after = inlines.get(i + 1).and_then(Inline::first_char);
                    // Typst prints a newline as a space; between Chinese or Japanese characters there is none.
                    if soft_break_is_space(before, after) {
                        self.raw(" ");
                    }
                }
                other => self.inline(other),
            }
        }
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text(text) => self.text(text),
            Inline::Emph(content) => self.wrapped("#emph[", content),
            Inline::Strong(content) => self.wrapped("#strong[", content),
            Inline::Strike(content) => self.wrapped("#strike[", content),
            Inline::Superscript(content) => self.wrapped("#super[", content),
            Inline::Subscript(content) => self.wrapped("#sub[", content),
            Inline::Underline(content) => self.wrapped("#underline[", content),
            Inline::Highlight(content) => self.wrapped("#highlight[", content),
            Inline::Math(formula) => self.formula(formula),
            Inline::FootnoteRef(label) => self.footnote_ref(label),
            Inline::Code(code) => {
                self.raw(&format!("#raw({})", string_literal(&break_long_runs(code))));
                self.after_call = true;
            }
            Inline::Link { url, content } if is_linkable(url) => {
                self.raw(&format!("#link({})[", string_literal(url)));
                self.inlines(content);
                self.call_end("]");
            }
            Inline::Link { content, .. } => self.inlines(content),
            Inline::Anchor(anchor) => {
                if let (Some(target), Landing::InPlace, false) =
                    (anchor.target, &self.markup.landing, self.in_heading)
                {
                    self.raw(&format!("#metadata(none)<folio-a{target}>"));
                }
            }
            Inline::Jump { target, content } => {
                let label = match &self.markup.landing {
                    Landing::InPlace => Some(format!("folio-a{target}")),
                    Landing::Slides(slides) => slides.get(target).map(|s| format!("folio-s{s}")),
                };
                match label {
                    Some(label) => {
                        self.raw(&format!("#link(<{label}>)["));
                        self.inlines(content);
                        self.call_end("]");
                    }
                    None => self.inlines(content),
                }
            }
            // Badges are print decoration; slides leave them off.
            Inline::Badge { .. } if self.markup.landing != Landing::InPlace => {}
            Inline::Badge { alt, link } => {
                let chip = format!(
                    "#box(inset: (x: 0.4em, y: 0.12em), outset: (y: 0.1em), radius: 0.6em, fill: luma(238), stroke: 0.4pt + luma(200), text(size: 0.72em, fill: luma(60), {}))",
                    string_literal(alt)
                );
                match link {
                    Some(url) if is_linkable(url) => {
                        self.raw(&format!("#link({})[{chip}]", string_literal(url)));
                    }
                    _ => self.raw(&chip),
                }
                // Badges written without space between them still stand apart.
                self.raw("#h(0.3em, weak: true)");
                self.after_call = true;
            }
            Inline::MissingImage { url, alt } => self.missing_image(url, alt),
            Inline::Image { url, alt } if classify(url).is_remote() || url.is_empty() => {
                self.missing_image(url, alt)
            }
            Inline::Image { url, alt } => {
                let call =
                    format!("#box(image({}, alt: {}))", string_literal(url), string_literal(alt));
                self.raw(&call);
                self.after_call = true;
            }
            Inline::SoftBreak => self.raw(" "),
            Inline::LineBreak => self.raw("#linebreak() "),
        }
    }

    /// The first reference defines the footnote (labelled by its index, never by report
    /// text); later ones refer back to it.
    fn footnote_ref(&mut self, label: &str) {
        let Some(index) = self.markup.footnotes.iter().position(|f| f.label == label) else {
            return self.text(&format!("[^{label}]"));
        };
        if let NoteStyle::Numbers(numbers) = &self.markup.style {
            let number = numbers.get(label).copied().unwrap_or(index + 1);
            self.raw(&format!("#super[{number}]"));
            self.after_call = true;
            return;
        }
        if self.markup.written.iter().any(|l| l == label) {
            self.raw(&format!("#footnote(<folio-fn-{index}>)"));
            self.after_call = true;
            return;
        }
        let blocks = self.markup.footnotes[index].blocks.clone();
        if self.markup.open_notes.iter().chain(&self.markup.inlined).any(|n| n == label) {
            // A note that refers back to one being written, or one already written in
            // place: its text is in the document once, not again.
            return self.text(&format!("[^{label}]"));
        }
        self.markup.open_notes.push(label.to_string());
        if self.markup.open_notes.len() > MAX_NOTE_DEPTH {
            // Notes inside notes this deep (Typst limits nesting) are written in place,
            // in brackets, so a chain of any length keeps all its text.
            self.markup.inlined.push(label.to_string());
            self.text(" (");
            self.nested(&blocks);
            self.text(")");
        } else {
            self.markup.written.push(label.to_string());
            self.raw("#footnote[");
            self.nested(&blocks);
            self.raw(&format!("]<folio-fn-{index}>"));
        }
        self.markup.open_notes.pop();
    }

    fn wrapped(&mut self, open: &str, content: &[Inline]) {
        self.raw(open);
        self.inlines(content);
        self.call_end("]");
    }
}

/// The target of the first anchor a link lands on in `inlines`.
fn first_target(inlines: &[Inline]) -> Option<usize> {
    inlines.iter().find_map(|inline| match inline {
        Inline::Anchor(anchor) => anchor.target,
        other => first_target(other.children()?),
    })
}

/// `1.`, `1.1`, `2、`, `一、`, `（一）`, `第一章`, `Part 3`: the heading numbers itself.
fn carries_own_number(title: &str) -> bool {
    let title = title.trim_start();
    let digits = title.chars().take_while(|c| c.is_ascii_digit() || *c == '.').count();
    let after_digits = title.chars().nth(digits);
    let chinese_numeral = |c: char| "一二三四五六七八九十百零".contains(c);
    let numeral_run = title.chars().take_while(|c| chinese_numeral(*c)).count();
    let number = &title[..digits];
    // `1.` and `1.1` always; a bare number only when short (`2025 年展望` is a year).
    let numbered_start = number.contains('.') || (1..=2).contains(&number.len());
    (digits > 0
        && after_digits.is_none_or(|c| {
            matches!(c, '、' | ')' | '）') || (c.is_whitespace() && numbered_start)
        }))
        || (numeral_run > 0 && title.chars().nth(numeral_run) == Some('、'))
        || title.starts_with(['（', '(']) && title.chars().nth(1).is_some_and(chinese_numeral)
        || (title.starts_with('第')
            && title.chars().nth(1).is_some_and(|c| chinese_numeral(c) || c.is_ascii_digit()))
}

fn alert_name(kind: AlertKind) -> &'static str {
    match kind {
        AlertKind::Note => "note",
        AlertKind::Tip => "tip",
        AlertKind::Important => "important",
        AlertKind::Warning => "warning",
        AlertKind::Caution => "caution",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_string())
    }

    #[test]
    fn soft_break_between_cjk_disappears_but_separates_latin() {
        let cjk = [text("加速"), Inline::SoftBreak, text("布局")];
        assert_eq!(inlines_to_markup(&cjk), "加速布局");
        let latin = [text("grew"), Inline::SoftBreak, text("fast")];
        assert_eq!(inlines_to_markup(&latin), "grew fast");
        let mixed = [text("增长"), Inline::SoftBreak, text("AI")];
        assert_eq!(inlines_to_markup(&mixed), "增长 AI");
        let strong = [Inline::Strong(vec![text("要点")]), Inline::SoftBreak, text("正文")];
        assert_eq!(inlines_to_markup(&strong), "#strong[要点]正文");
    }

    #[test]
    fn headings_that_number_themselves_are_recognised() {
        for numbered in
            ["1. 概述", "1.1 融资", "2、市场", "一、背景", "（二）风险", "第三章 展望", "3 Outlook"]
        {
            assert!(carries_own_number(numbered), "{numbered}");
        }
        for plain in ["核心摘要", "Summary", "2025 年展望", "5G 网络", "一些想法", "(note)"]
        {
            assert!(!carries_own_number(plain), "{plain}");
        }
    }

    #[test]
    fn text_after_a_call_cannot_continue_it() {
        let inlines = [Inline::Strong(vec![text("x")]), text("(y).z")];
        assert_eq!(inlines_to_markup(&inlines), "#strong[x]\\(y).z");
        let inlines = [Inline::Code("c".into()), text(".len")];
        assert_eq!(inlines_to_markup(&inlines), "#raw(\"c\")\\.len");
        let inlines = [Inline::Code("c".into()), text(";")];
        assert_eq!(inlines_to_markup(&inlines), "#raw(\"c\")\\;");
    }
}
