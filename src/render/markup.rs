//! Model → Typst markup, one case per block and inline kind.
//!
//! All report text goes through [`escape_markup`] or [`string_literal`]; structure is
//! written with function calls (`#strong[…]`, `#list(…)`) rather than markup shorthands,
//! because shorthands like `*…*` do not work inside Chinese text.

use super::escape::{escape_markup, string_literal};
use crate::model::{Align, Block, BlockKind, Inline, List, Table};
use crate::text::is_cjk;

/// Writes blocks as Typst markup.
pub fn blocks_to_markup(blocks: &[Block]) -> String {
    let mut writer = Writer::default();
    writer.blocks(blocks);
    writer.out.trim_end().to_string()
}

/// Writes inline content as Typst markup.
pub fn inlines_to_markup(inlines: &[Inline]) -> String {
    let mut writer = Writer::default();
    writer.inlines(inlines);
    writer.out
}

#[derive(Default)]
struct Writer {
    out: String,
    /// Set right after `#func[…]`: a following `(`, `[` or `.` would continue the call.
    after_call: bool,
}

impl Writer {
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
        self.after_call = false;
    }

    fn call_end(&mut self, s: &str) {
        self.out.push_str(s);
        self.after_call = true;
    }

    fn text(&mut self, text: &str) {
        if self.after_call && text.starts_with(['(', '.']) {
            self.out.push('\\');
        }
        self.raw(&escape_markup(text));
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            self.block(block);
            self.raw("\n\n");
        }
    }

    fn block(&mut self, block: &Block) {
        match &block.kind {
            BlockKind::Heading { level, content } => {
                self.raw(&"=".repeat(usize::from(*level).clamp(1, 6)));
                self.raw(" ");
                self.inlines(content);
            }
            BlockKind::Paragraph(content) => self.inlines(content),
            BlockKind::CodeBlock { lang, code } => {
                self.raw("#raw(block: true, ");
                if let Some(lang) = lang {
                    self.raw(&format!("lang: {}, ", string_literal(lang)));
                }
                self.raw(&string_literal(code.strip_suffix('\n').unwrap_or(code)));
                self.call_end(")");
            }
            BlockKind::BlockQuote(inner) => {
                self.raw("#quote(block: true)[");
                self.nested(inner);
                self.call_end("]");
            }
            BlockKind::List(list) => self.list(list),
            BlockKind::Table(table) => self.table(table),
            BlockKind::ThematicBreak => self.raw("#line(length: 100%, stroke: 0.5pt + luma(180))"),
            BlockKind::Html(html) => self.text(html),
        }
    }

    /// Blocks inside a content block `[…]`, without trailing blank lines.
    fn nested(&mut self, blocks: &[Block]) {
        let mut inner = Writer::default();
        inner.blocks(blocks);
        self.raw(inner.out.trim_end());
    }

    fn list(&mut self, list: &List) {
        match list.start {
            Some(start) => self.raw(&format!("#enum(start: {start}, tight: {}", list.tight)),
            None => self.raw(&format!("#list(tight: {}", list.tight)),
        }
        for item in &list.items {
            self.raw(",\n  [");
            if let Some(checked) = item.checked {
                self.text(if checked { "[x] " } else { "[ ] " });
            }
            self.nested(&item.blocks);
            self.raw("]");
        }
        self.call_end(",\n)");
    }

    fn table(&mut self, table: &Table) {
        let columns = table.align.len().max(table.header.len()).max(1);
        let aligns: Vec<&str> = (0..columns)
            .map(|i| match table.align.get(i).copied().unwrap_or(Align::Auto) {
                Align::Auto | Align::Left => "left",
                Align::Center => "center",
                Align::Right => "right",
            })
            .collect();
        self.raw(&format!("#table(\n  columns: {columns},\n  align: ({},),\n", aligns.join(", ")));
        self.raw("  table.header(");
        self.cells(&table.header, columns);
        self.raw("),\n");
        for row in &table.rows {
            self.raw("  ");
            self.cells(row, columns);
            self.raw("\n");
        }
        self.call_end(")");
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
                    let before = i.checked_sub(1).and_then(|j| last_char(&inlines[j]));
                    let after = inlines.get(i + 1).and_then(first_char);
                    // Typst prints a newline as a space; between CJK characters there is none.
                    if !(before.is_some_and(is_cjk) && after.is_some_and(is_cjk)) {
                        self.raw(" ");
                    }
                }
                other => self.inline(other),
            }
        }
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text(text) | Inline::Html(text) => self.text(text),
            Inline::Emph(content) => self.wrapped("#emph[", content),
            Inline::Strong(content) => self.wrapped("#strong[", content),
            Inline::Strike(content) => self.wrapped("#strike[", content),
            Inline::Code(code) => {
                self.raw(&format!("#raw({})", string_literal(code)));
                self.after_call = true;
            }
            Inline::Link { url, content } if is_linkable(url) => {
                self.raw(&format!("#link({})[", string_literal(url)));
                self.inlines(content);
                self.call_end("]");
            }
            Inline::Link { content, .. } => self.inlines(content),
            Inline::Image { url, alt } if is_remote(url) || url.is_empty() => {
                self.text(if alt.is_empty() { url } else { alt });
            }
            Inline::Image { url, alt } => {
                self.raw(&format!(
                    "#box(image({}, alt: {}))",
                    string_literal(url),
                    string_literal(alt)
                ));
                self.after_call = true;
            }
            Inline::SoftBreak => self.raw(" "),
            Inline::LineBreak => self.raw("#linebreak() "),
        }
    }

    fn wrapped(&mut self, open: &str, content: &[Inline]) {
        self.raw(open);
        self.inlines(content);
        self.call_end("]");
    }
}

fn is_remote(url: &str) -> bool {
    url.contains("://") || url.starts_with("data:")
}

/// In-page anchors need targets (a later issue); until then they stay plain text.
fn is_linkable(url: &str) -> bool {
    !url.is_empty() && !url.starts_with('#')
}

fn last_char(inline: &Inline) -> Option<char> {
    match inline {
        Inline::Text(t) | Inline::Code(t) | Inline::Html(t) => t.chars().last(),
        Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => c.last().and_then(last_char),
        Inline::Link { content, .. } => content.last().and_then(last_char),
        Inline::Image { alt, .. } => alt.chars().last(),
        Inline::SoftBreak | Inline::LineBreak => None,
    }
}

fn first_char(inline: &Inline) -> Option<char> {
    match inline {
        Inline::Text(t) | Inline::Code(t) | Inline::Html(t) => t.chars().next(),
        Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => c.first().and_then(first_char),
        Inline::Link { content, .. } => content.first().and_then(first_char),
        Inline::Image { alt, .. } => alt.chars().next(),
        Inline::SoftBreak | Inline::LineBreak => None,
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
    fn text_after_a_call_cannot_continue_it() {
        let inlines = [Inline::Strong(vec![text("x")]), text("(y).z")];
        assert_eq!(inlines_to_markup(&inlines), "#strong[x]\\(y).z");
        let inlines = [Inline::Code("c".into()), text(".len")];
        assert_eq!(inlines_to_markup(&inlines), "#raw(\"c\")\\.len");
    }
}
