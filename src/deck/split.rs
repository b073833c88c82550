//! Blocks taller than a slide, split into slide-sized pieces: lists between items, tables
//! between rows (each piece repeats the header), code between lines, prose after
//! sentences. Past a cap, the rest goes to the speaker notes.

use super::capacity::Capacity;
use super::sentences::split_sentences;
use crate::model::{Block, BlockKind, Inline, List, Table, plain_text};
use crate::theme::Words;

/// Bullets one slide shows at most.
pub const MAX_BULLETS: usize = 7;

/// Slides one block may fill; the rest of a longer table, list or code block goes to
/// the speaker notes, with a line on the slide saying so (a deck of hundreds of table
/// slides helps no presenter, and typesetting it would take minutes).
const MAX_SLIDES_PER_BLOCK: usize = 8;

/// Breaks a block taller than a slide (or with more bullets than a slide shows) into
/// slide-sized pieces where its kind allows; returns them with the text of what did not
/// fit in [`MAX_SLIDES_PER_BLOCK`] slides, for the notes (saying so in `words`).
pub fn split_oversized(
    block: Block,
    capacity: &Capacity,
    words: &Words,
) -> (Vec<Block>, Vec<String>) {
    let bullets = super::capacity::bullets(&block);
    if capacity.block_lines(&block) <= capacity.lines && bullets <= MAX_BULLETS {
        return (vec![block], Vec::new());
    }
    let span = block.span;
    let unit = match &block.kind {
        BlockKind::Table(_) => &words.units.rows,
        BlockKind::List(_) => &words.units.items,
        BlockKind::CodeBlock { .. } => &words.units.code_lines,
        _ => &words.units.parts,
    };
    let mut parts = split_block(block, capacity);
    let mut notes = Vec::new();
    if parts.len() > MAX_SLIDES_PER_BLOCK {
        let rest = parts.split_off(MAX_SLIDES_PER_BLOCK);
        let omitted: usize = rest.iter().map(unit_count).sum();
        notes.extend(rest.iter().map(block_text));
        let line = words.more(omitted, unit);
        let emph = vec![Inline::Emph(vec![Inline::Text(line)])];
        parts.push(Block::new(span, BlockKind::Paragraph(emph)));
    }
    (parts, notes)
}

/// The text of a block as speaker notes: table rows as `a | b | c` lines.
fn block_text(block: &Block) -> String {
    match &block.kind {
        BlockKind::Table(table) => table
            .rows
            .iter()
            .map(|row| row.iter().map(|c| plain_text(c)).collect::<Vec<_>>().join(" | "))
            .collect::<Vec<_>>()
            .join("\n"),
        BlockKind::List(list) => list
            .items
            .iter()
            .map(|item| item.blocks.iter().map(block_text).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n"),
        BlockKind::CodeBlock { code, .. } => code.clone(),
        BlockKind::Paragraph(inlines) | BlockKind::Heading { content: inlines, .. } => {
            plain_text(inlines)
        }
        BlockKind::BlockQuote(blocks) | BlockKind::Alert { blocks, .. } => {
            blocks.iter().map(block_text).collect::<Vec<_>>().join("\n")
        }
        BlockKind::DescriptionList(items) => items
            .iter()
            .map(|i| {
                format!(
                    "{} {}",
                    plain_text(&i.term),
                    i.details.iter().map(block_text).collect::<String>()
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        BlockKind::Math(formula) => formula.latex.clone(),
        BlockKind::ThematicBreak => String::new(),
    }
}

/// Rows, items, lines or parts in one piece of a split block.
fn unit_count(block: &Block) -> usize {
    match &block.kind {
        BlockKind::Table(table) => table.rows.len(),
        BlockKind::List(list) => list.items.len(),
        BlockKind::CodeBlock { code, .. } => code.lines().count(),
        _ => 1,
    }
}

fn split_block(block: Block, capacity: &Capacity) -> Vec<Block> {
    let span = block.span;
    match block.kind {
        BlockKind::List(list) => split_list(list, capacity)
            .into_iter()
            .map(|l| Block::new(span, BlockKind::List(l)))
            .collect(),
        BlockKind::Table(table) => split_table(table, capacity)
            .into_iter()
            .map(|t| Block::new(span, BlockKind::Table(t)))
            .collect(),
        BlockKind::CodeBlock { lang, code } => split_code(&code, capacity)
            .into_iter()
            .map(|code| Block::new(span, BlockKind::CodeBlock { lang: lang.clone(), code }))
            .collect(),
        BlockKind::Paragraph(inlines) => split_paragraph(inlines, capacity)
            .into_iter()
            .map(|p| Block::new(span, BlockKind::Paragraph(p)))
            .collect(),
        kind => vec![Block::new(span, kind)],
    }
}

/// Splits a paragraph after sentence ends in its plain text runs, so each part fits.
fn split_paragraph(inlines: Vec<Inline>, capacity: &Capacity) -> Vec<Vec<Inline>> {
    let mut parts: Vec<Vec<Inline>> = vec![Vec::new()];
    let mut used = 0.0;
    for inline in inlines {
        let pieces = match inline {
            Inline::Text(text) => split_sentences(&text).into_iter().map(Inline::Text).collect(),
            other => vec![other],
        };
        for piece in pieces {
            let cost = capacity.text_units(&plain_text(std::slice::from_ref(&piece)));
            let current = parts.last_mut().expect("never empty");
            if !current.is_empty() && used + cost > capacity.lines - 1.0 {
                parts.push(Vec::new());
                used = 0.0;
            }
            used += cost;
            parts.last_mut().expect("never empty").push(piece);
        }
    }
    parts
}

fn split_list(list: List, capacity: &Capacity) -> Vec<List> {
    let mut parts: Vec<List> = Vec::new();
    let (mut used, mut bullets_used) = (0.0, 0);
    let mut next_number = list.start;
    for item in list.items {
        let cost = capacity.item_lines(&item.blocks);
        let item_bullets = 1 + item.blocks.iter().map(super::capacity::bullets).sum::<usize>();
        let full = used + cost > capacity.lines || bullets_used + item_bullets > MAX_BULLETS;
        let start_new = parts.last().is_none_or(|p| !p.items.is_empty() && full);
        if start_new {
            parts.push(List { start: next_number, tight: list.tight, items: Vec::new() });
            (used, bullets_used) = (0.0, 0);
        }
        used += cost;
        bullets_used += item_bullets;
        next_number = next_number.map(|n| n + 1);
        parts.last_mut().expect("pushed above").items.push(item);
    }
    parts
}

/// Splits a table by rows; every part repeats the header row.
fn split_table(table: Table, capacity: &Capacity) -> Vec<Table> {
    let columns = table.header.len().max(1);
    let budget = capacity.lines / capacity.table_scale - capacity.row_lines(&table.header, columns);
    let mut parts: Vec<Table> = Vec::new();
    let mut used = f32::MAX;
    for row in table.rows {
        let cost = capacity.row_lines(&row, columns);
        if used + cost > budget {
            parts.push(Table {
                align: table.align.clone(),
                header: table.header.clone(),
                rows: Vec::new(),
                caption: table.caption.clone(),
            });
            used = 0.0;
        }
        used += cost;
        parts.last_mut().expect("pushed above").rows.push(row);
    }
    parts
}

fn split_code(code: &str, capacity: &Capacity) -> Vec<String> {
    let per_slide = (capacity.lines / capacity.code_scale) as usize;
    let lines: Vec<&str> = code.lines().collect();
    lines.chunks(per_slide.max(1)).map(|c| c.join("\n")).collect()
}
