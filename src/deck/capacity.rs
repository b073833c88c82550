//! How much room a block takes on a slide, in lines of body text, estimated from its text
//! with the theme's slide metrics. The slide template scales content down a little when
//! an estimate is short.

use super::footnote_refs;
use crate::model::{Block, BlockKind, Footnote, Inline, Table, plain_text};
use crate::theme::Slide;

/// The planner's measures of a slide, from the theme's slide metrics (`slide.capacity`
/// and the ratios of its text sizes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Capacity {
    /// Lines of body text that fit on one slide.
    pub lines: f32,
    /// Full-width characters per line of body text.
    cjk_per_line: f32,
    /// Latin characters per line of body text.
    latin_per_line: f32,
    /// Lines a picture takes (it has a fixed largest height).
    pub picture_lines: f32,
    /// Table text against body text.
    pub table_scale: f32,
    /// Code against body text.
    pub code_scale: f32,
    /// Footnote text against body text.
    pub footnote_scale: f32,
}

impl Capacity {
    /// The measures of a slide laid out with `slide`.
    pub fn new(slide: &Slide) -> Capacity {
        let (c, s) = (&slide.capacity, &slide.sizes);
        Capacity {
            lines: c.lines as f32,
            cjk_per_line: c.cjk_per_line as f32,
            latin_per_line: c.latin_per_line as f32,
            picture_lines: c.picture_lines as f32,
            table_scale: (s.table / s.body) as f32,
            code_scale: (s.code / s.body) as f32,
            footnote_scale: (s.footnote / s.body) as f32,
        }
    }

    /// Estimated height of a block in body-text lines, including the gap after it.
    pub fn block_lines(&self, block: &Block) -> f32 {
        let lines_of = |blocks: &[Block]| blocks.iter().map(|b| self.block_lines(b)).sum::<f32>();
        match &block.kind {
            BlockKind::Heading { content, .. } => {
                self.text_lines(&plain_text(content), 1.0) * 1.2 + 0.4
            }
            BlockKind::Paragraph(content) if contains_image(content) => self.picture_lines,
            BlockKind::Paragraph(content) => self.text_lines(&plain_text(content), 1.0) + 0.65,
            BlockKind::CodeBlock { code, .. } => self.code_lines(code),
            BlockKind::BlockQuote(inner) => lines_of(inner) + 0.4,
            BlockKind::List(list) => {
                list.items.iter().map(|i| self.item_lines(&i.blocks)).sum::<f32>() + 0.3
            }
            BlockKind::Table(table) => self.table_lines(table),
            BlockKind::ThematicBreak => 0.5,
            // A chart takes the room a picture does, and shrinks to what is left.
            BlockKind::Chart(_) => self.picture_lines,
            BlockKind::Alert { blocks, .. } => lines_of(blocks) + 1.4,
            BlockKind::DescriptionList(items) => items
                .iter()
                .map(|i| self.text_lines(&plain_text(&i.term), 1.0) + lines_of(&i.details))
                .sum(),
            BlockKind::Math(formula) if formula.typst.is_some() => self.math_lines(&formula.latex),
            BlockKind::Math(formula) => self.code_lines(&formula.latex),
        }
    }

    /// Display math: one row per `\\`, taller rows for fractions, sums, integrals and
    /// the like, and the gap around the formula.
    pub fn math_lines(&self, latex: &str) -> f32 {
        const TALL: &[&str] =
            &["\\frac", "\\dfrac", "\\sum", "\\int", "\\prod", "\\binom", "\\begin", "\\sqrt"];
        let rows = 1 + latex.matches("\\\\").count();
        let row = if TALL.iter().any(|tall| latex.contains(tall)) { 1.8 } else { 1.2 };
        rows as f32 * row + 0.5
    }

    /// Code or math set in the code size, with the box around it; long lines wrap.
    pub fn code_lines(&self, code: &str) -> f32 {
        let rows: f32 = code.lines().map(|line| self.code_rows(line)).sum();
        rows.max(1.0) * self.code_scale + 0.8
    }

    /// Rows one line of code takes on a slide once wrapped.
    pub fn code_rows(&self, line: &str) -> f32 {
        self.code_units(line).ceil().max(1.0)
    }

    /// Full code-box widths a line of code fills, unrounded. Monospace Latin is about a
    /// fifth wider than the body font's average letter, and the code size smaller.
    pub fn code_units(&self, line: &str) -> f32 {
        let latin = self.latin_per_line / self.code_scale * 0.8;
        let cjk = self.cjk_per_line / self.code_scale;
        line.chars().map(|c| if crate::text::is_cjk(c) { 1.0 / cjk } else { 1.0 / latin }).sum()
    }

    /// A list item: its paragraphs without the paragraph gap (list spacing is tighter).
    pub fn item_lines(&self, blocks: &[Block]) -> f32 {
        let lines: f32 = blocks
            .iter()
            .map(|block| match &block.kind {
                BlockKind::Paragraph(content) => self.text_lines(&plain_text(content), 0.95),
                _ => self.block_lines(block),
            })
            .sum();
        // Item spacing is about the same as the leading between lines.
        lines.max(1.0) + 0.1
    }

    fn table_lines(&self, table: &Table) -> f32 {
        let columns = table.header.len().max(1);
        let rows: f32 = table.rows.iter().map(|r| self.row_lines(r, columns)).sum();
        (self.row_lines(&table.header, columns) + rows) * self.table_scale + 0.6
    }

    /// Height of one table row, in body lines before the table scale.
    pub fn row_lines(&self, cells: &[Vec<Inline>], columns: usize) -> f32 {
        let share = 1.0 / columns as f32;
        let tallest =
            cells.iter().map(|c| self.text_lines(&plain_text(c), share)).fold(1.0, f32::max);
        // Measured: a one-line row of 16 pt table text with its padding is about 0.6 of a
        // body line (26.6 pt); multi-line cells add about 0.8 body lines per line.
        tallest * 0.75 + 0.05
    }

    /// Lines a text needs at `width` (a share of the slide's text width).
    pub fn text_lines(&self, text: &str, width: f32) -> f32 {
        (self.text_units(text) / width).ceil().max(1.0)
    }

    /// Full text-width lines a text fills, unrounded.
    pub fn text_units(&self, text: &str) -> f32 {
        let per_char = |c| {
            if crate::text::is_cjk(c) { self.cjk_per_line } else { self.latin_per_line }
        };
        text.chars().map(|c| 1.0 / per_char(c)).sum()
    }

    /// Lines the notes a block refers to take under the slide (set in the footnote size).
    pub fn footnote_lines(&self, block: &Block, footnotes: &[Footnote]) -> f32 {
        let labels = footnote_refs(std::slice::from_ref(block));
        let notes = footnotes.iter().filter(|f| labels.contains(&f.label));
        let lines: f32 = notes
            .map(|f| {
                f.blocks.iter().map(|b| self.block_lines(b)).sum::<f32>() * self.footnote_scale
            })
            .sum();
        if lines > 0.0 { lines + 0.8 } else { 0.0 }
    }
}

/// Whether inline content holds a picture (which takes a fixed share of a slide).
pub fn contains_image(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| matches!(i, Inline::Image { .. }))
}

/// Bullets a block shows: list items at every level.
pub fn bullets(block: &Block) -> usize {
    match &block.kind {
        BlockKind::List(list) => {
            list.items.iter().map(|item| 1 + item.blocks.iter().map(bullets).sum::<usize>()).sum()
        }
        _ => 0,
    }
}
