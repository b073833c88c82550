//! How much room a block takes on a slide, in lines of 20 pt body text, estimated from
//! its text. The slide template scales content down a little when an estimate is short.

use super::footnote_refs;
use crate::model::{Block, BlockKind, Footnote, Inline, Table, plain_text};

/// Lines of body text that fit on one slide (20 pt text on a 16:9 slide).
pub const SLIDE_LINES: f32 = 13.0;
/// Full-width characters per line of body text.
const CJK_PER_LINE: f32 = 37.0;
/// Latin characters per line of body text.
const LATIN_PER_LINE: f32 = 68.0;
/// A picture on a slide is at most 9 cm high: about this many lines.
const PICTURE_LINES: f32 = 10.0;
/// Table text is set smaller than body text.
pub const TABLE_SCALE: f32 = 0.8;
/// Code is set smaller than body text.
pub const CODE_SCALE: f32 = 0.75;

/// Whether inline content holds a picture (which takes a fixed share of a slide).
pub fn contains_image(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| matches!(i, Inline::Image { .. }))
}

/// Estimated height of a block in body-text lines, including the gap after it.
pub fn block_lines(block: &Block) -> f32 {
    match &block.kind {
        BlockKind::Heading { content, .. } => text_lines(&plain_text(content), 1.0) * 1.2 + 0.4,
        BlockKind::Paragraph(content) if contains_image(content) => PICTURE_LINES,
        BlockKind::Paragraph(content) => text_lines(&plain_text(content), 1.0) + 0.65,
        BlockKind::CodeBlock { code, .. } => code.lines().count().max(1) as f32 * CODE_SCALE + 0.8,
        BlockKind::BlockQuote(inner) => inner.iter().map(block_lines).sum::<f32>() + 0.4,
        BlockKind::List(list) => {
            list.items.iter().map(|i| item_lines(&i.blocks)).sum::<f32>() + 0.3
        }
        BlockKind::Table(table) => table_lines(table),
        BlockKind::ThematicBreak => 0.5,
        BlockKind::Alert { blocks, .. } => blocks.iter().map(block_lines).sum::<f32>() + 1.4,
        BlockKind::DescriptionList(items) => items
            .iter()
            .map(|i| {
                text_lines(&plain_text(&i.term), 1.0)
                    + i.details.iter().map(block_lines).sum::<f32>()
            })
            .sum(),
        BlockKind::Math(source) => source.lines().count().max(1) as f32 * CODE_SCALE + 0.8,
    }
}

/// A list item: its paragraphs without the paragraph gap (list spacing is tighter).
pub fn item_lines(blocks: &[Block]) -> f32 {
    let lines: f32 = blocks
        .iter()
        .map(|block| match &block.kind {
            BlockKind::Paragraph(content) => text_lines(&plain_text(content), 0.95),
            _ => block_lines(block),
        })
        .sum();
    // Item spacing is about the same as the leading between lines.
    lines.max(1.0) + 0.1
}

fn table_lines(table: &Table) -> f32 {
    let columns = table.header.len().max(1);
    let rows: f32 = table.rows.iter().map(|r| row_lines(r, columns)).sum();
    (row_lines(&table.header, columns) + rows) * TABLE_SCALE + 0.6
}

/// Height of one table row, in body lines before the table scale.
pub fn row_lines(cells: &[Vec<Inline>], columns: usize) -> f32 {
    let share = 1.0 / columns as f32;
    let tallest = cells.iter().map(|c| text_lines(&plain_text(c), share)).fold(1.0, f32::max);
    // Measured: a one-line row of 16 pt table text with its padding is about 0.6 of a
    // body line (26.6 pt); multi-line cells add about 0.8 body lines per line.
    tallest * 0.75 + 0.05
}

/// Lines a text needs at `width` (a share of the slide's text width).
pub fn text_lines(text: &str, width: f32) -> f32 {
    (text_units(text) / width).ceil().max(1.0)
}

/// Full text-width lines a text fills, unrounded.
pub fn text_units(text: &str) -> f32 {
    let per_char = |c| {
        if crate::text::is_cjk(c) { CJK_PER_LINE } else { LATIN_PER_LINE }
    };
    text.chars().map(|c| 1.0 / per_char(c)).sum()
}

/// Lines the notes a block refers to take under the slide (set at 12 pt, not 20 pt).
pub fn footnote_lines(block: &Block, footnotes: &[Footnote]) -> f32 {
    let labels = footnote_refs(std::slice::from_ref(block));
    let notes = footnotes.iter().filter(|f| labels.contains(&f.label));
    let lines: f32 = notes.map(|f| f.blocks.iter().map(block_lines).sum::<f32>() * 0.6).sum();
    if lines > 0.0 { lines + 0.8 } else { 0.0 }
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
