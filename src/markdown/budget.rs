//! Caps on counts that make typesetting superlinear, applied to the model before any
//! writer sees it. Every cap keeps the text: what passes a cap is set more simply.
//!
//! Measured before the caps: 20,000 headings took 30 s and 3 GB to typeset (every page's
//! running header and the table of contents look at every heading), a table of 20,000
//! columns 13 s and 2.7 GB.

use crate::error::Warning;
use crate::model::{Block, BlockKind, Inline, Table};

/// Headings beyond this many are set as bold paragraphs: out of the table of contents,
/// the running header and the slide titles.
pub const MAX_HEADINGS: usize = 1000;
/// A table with more columns than this is set as text, one line per row.
pub const MAX_TABLE_COLUMNS: usize = 64;

/// Applies every cap to `blocks`, with one warning per cap that acted.
pub fn limit_counts(blocks: &mut Vec<Block>, warnings: &mut Vec<Warning>) {
    let mut tally = Tally::default();
    limit(blocks, &mut tally);
    if let Some((line, count)) = tally.empty_headings {
        let message = format!("{count} empty heading(s) left out");
        warnings.push(Warning { line: Some(line), message });
    }
    if let Some(line) = tally.demoted_from {
        let message = format!("more than {MAX_HEADINGS} headings: the rest are set as bold text");
        warnings.push(Warning { line: Some(line), message });
    }
    for (line, columns) in tally.wide_tables {
        let message = format!(
            "table of {columns} columns set as text (more than {MAX_TABLE_COLUMNS} columns)"
        );
        warnings.push(Warning { line: Some(line), message });
    }
}

#[derive(Default)]
struct Tally {
    headings: usize,
    /// The first empty heading's line and how many there were.
    empty_headings: Option<(usize, usize)>,
    /// The line of the first heading set as bold text.
    demoted_from: Option<usize>,
    wide_tables: Vec<(usize, usize)>,
}

fn limit(blocks: &mut Vec<Block>, tally: &mut Tally) {
    blocks.retain(|block| !is_empty_heading(block, tally));
    for block in blocks.iter_mut() {
        let line = block.span.line;
        match &mut block.kind {
            BlockKind::Heading { content, .. } => {
                tally.headings += 1;
                if tally.headings > MAX_HEADINGS {
                    tally.demoted_from.get_or_insert(line);
                    let strong = Inline::Strong(std::mem::take(content));
                    block.kind = BlockKind::Paragraph(vec![strong]);
                }
            }
            BlockKind::Table(table) if columns(table) > MAX_TABLE_COLUMNS => {
                tally.wide_tables.push((line, columns(table)));
                block.kind = BlockKind::Paragraph(table_as_lines(table));
            }
            BlockKind::BlockQuote(children) | BlockKind::Alert { blocks: children, .. } => {
                limit(children, tally)
            }
            BlockKind::List(list) => {
                for item in &mut list.items {
                    limit(&mut item.blocks, tally);
                }
            }
            _ => {}
        }
    }
}

/// Whether `block` is a heading without text (counted, so it can be left out).
fn is_empty_heading(block: &Block, tally: &mut Tally) -> bool {
    let BlockKind::Heading { content, .. } = &block.kind else { return false };
    let empty = crate::model::plain_text(content).trim().is_empty()
        && !content.iter().any(|i| matches!(i, Inline::Image { .. }));
    if empty {
        let (_, count) = tally.empty_headings.get_or_insert((block.span.line, 0));
        *count += 1;
    }
    empty
}

fn columns(table: &Table) -> usize {
    table.rows.iter().map(Vec::len).chain([table.header.len()]).max().unwrap_or(0)
}

/// The table's header in bold, then each row on its own line, cells separated by `|`.
fn table_as_lines(table: &mut Table) -> Vec<Inline> {
    let mut out = Vec::new();
    let header = std::mem::take(&mut table.header);
    out.push(Inline::Strong(joined(header)));
    for row in std::mem::take(&mut table.rows) {
        out.push(Inline::LineBreak);
        out.extend(joined(row));
    }
    out
}

fn joined(cells: Vec<Vec<Inline>>) -> Vec<Inline> {
    let mut out = Vec::new();
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(Inline::Text(" | ".into()));
        }
        out.extend(cell);
    }
    out
}
