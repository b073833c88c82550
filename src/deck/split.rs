//! Blocks taller than a slide, split into slide-sized pieces: lists between items, tables
//! between rows (each piece repeats the header), code between lines, prose after
//! sentences. Past a cap, the rest goes to the speaker notes.

use super::capacity::Capacity;
use super::even::even_runs;
use super::sentences::split_sentences;
use crate::model::{Block, BlockKind, Inline, List, ListItem, Table, plain_text};
use crate::theme::Words;
use std::ops::Range;

/// Bullets one slide shows at most.
pub const MAX_BULLETS: usize = 7;

/// How far over a slide's lines a list may run to keep its last item company: the slide
/// template then sets it at 80 %, body text at 16 pt, well above 1/40 of the slide height.
const OVERFULL: f32 = 1.25;

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
    if !needs_split(&block, capacity) {
        return (vec![block], Vec::new());
    }
    let span = block.span;
    let unit = match &block.kind {
        BlockKind::Table(_) => &words.units.rows,
        BlockKind::List(_) => &words.units.items,
        BlockKind::CodeBlock { .. } => &words.units.code_lines,
        _ => &words.units.parts,
    };
    let mut parts = split_block(block.clone(), capacity);
    if parts.is_empty() {
        // Nothing to split between (a table of a header only): the block stays whole.
        return (vec![block], Vec::new());
    }
    let mut notes = Vec::new();
    if parts.len() > MAX_SLIDES_PER_BLOCK {
        // The line saying what went to the notes needs room on the last slide.
        let mut shorter = *capacity;
        shorter.lines -= 2.5;
        parts = split_block(block, &shorter);
        let rest = parts.split_off(MAX_SLIDES_PER_BLOCK);
        let omitted: usize = rest.iter().map(unit_count).sum();
        notes.extend(rest.iter().map(block_text));
        let line = words.more(omitted, unit);
        let emph = vec![Inline::Emph(vec![Inline::Text(line)])];
        parts.push(Block::new(span, BlockKind::Paragraph(emph)));
    }
    (parts, notes)
}

/// Whether a block is taller than a slide, or shows more bullets than one.
pub fn needs_split(block: &Block, capacity: &Capacity) -> bool {
    let bullets = super::capacity::bullets(block);
    // A list of a few items with sub-items, one bullet over what a slide shows, stays
    // whole: split, it would leave an item alone on a slide.
    let few_items = matches!(&block.kind, BlockKind::List(list) if list.items.len() < 4)
        && bullets <= MAX_BULLETS + 1;
    capacity.block_lines(block) > capacity.lines || (bullets > MAX_BULLETS && !few_items)
}

/// The text of a block as speaker notes: table rows as `a | b | c` lines, the header
/// row first.
pub(super) fn block_text(block: &Block) -> String {
    match &block.kind {
        BlockKind::Table(table) => std::iter::once(&table.header)
            .chain(&table.rows)
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
        BlockKind::Chart(chart) => chart.categories.join("\n"),
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

/// Splits a list between items into even parts that each fit a slide.
fn split_list(list: List, capacity: &Capacity) -> Vec<List> {
    split_list_within(list, capacity, MAX_BULLETS)
}

/// Splits a list between items into even parts of at most `max_bullets` bullets that
/// each fit `capacity`; an item too big for a slide by itself is cut first
/// ([`item_pieces`]).
fn split_list_within(list: List, capacity: &Capacity, max_bullets: usize) -> Vec<List> {
    let (origins, items): (Vec<usize>, Vec<ListItem>) = list
        .items
        .into_iter()
        .enumerate()
        .flat_map(|(i, item)| item_pieces(item, capacity).into_iter().map(move |p| (i, p)))
        .unzip();
    let costs: Vec<(f32, usize)> = items
        .iter()
        .map(|item| {
            let bullets = 1 + item.blocks.iter().map(super::capacity::bullets).sum::<usize>();
            (capacity.item_lines(&item.blocks), bullets)
        })
        .collect();
    let lines = |run: Range<usize>| costs[run].iter().map(|c| c.0).sum::<f32>();
    let bullets = |run: Range<usize>| costs[run].iter().map(|c| c.1).sum::<usize>();
    let fits =
        |run: Range<usize>| lines(run.clone()) <= capacity.lines && bullets(run) <= max_bullets;
    let mut runs = even_runs(items.len(), fits);
    if runs.len() > 1 && runs.last().is_some_and(|run| bullets(run.clone()) < 2) {
        // A lone bullet on a continuation slide is worse than a slide set a little smaller.
        let loosely = |run: Range<usize>| {
            lines(run.clone()) <= capacity.lines * OVERFULL && bullets(run) <= max_bullets
        };
        runs = even_runs(items.len(), loosely);
    }
    let mut items = items.into_iter();
    runs.into_iter()
        .map(|run| List {
            // A piece of a cut item keeps that item's number.
            start: list.start.map(|n| n + origins[run.start]),
            tight: list.tight,
            items: items.by_ref().take(run.len()).collect(),
        })
        .collect()
}

/// An item too tall, or with too many bullets, for one slide, cut between the items of
/// its sub-list: each piece repeats the item's own text above its share of the sub-list
/// (as a split table repeats its header), so a nested table of contents splits like a
/// flat list instead of running off its slide. Other items come back whole.
fn item_pieces(item: ListItem, capacity: &Capacity) -> Vec<ListItem> {
    let bullets = 1 + item.blocks.iter().map(super::capacity::bullets).sum::<usize>();
    let fits = capacity.item_lines(&item.blocks) <= capacity.lines && bullets <= MAX_BULLETS;
    let sub_list = item.blocks.iter().position(|b| matches!(b.kind, BlockKind::List(_)));
    let Some(at) = sub_list.filter(|_| !fits) else {
        return vec![item];
    };
    let mut head = item.blocks;
    let after = head.split_off(at + 1);
    let Some(Block { kind: BlockKind::List(sub), span, .. }) = head.pop() else {
        unreachable!("the block at `at` is a list");
    };
    let mut room = *capacity;
    room.lines = (capacity.lines - capacity.item_lines(&head)).max(1.0);
    let pieces = split_list_within(sub, &room, MAX_BULLETS.saturating_sub(1).max(1));
    let count = pieces.len();
    pieces
        .into_iter()
        .enumerate()
        .map(|(k, piece)| {
            let mut blocks = head.clone();
            blocks.push(Block::new(span, BlockKind::List(piece)));
            if k + 1 == count {
                blocks.extend(after.iter().cloned());
            }
            ListItem { checked: item.checked, blocks }
        })
        .collect()
}

/// Splits a table by rows into even parts; every part repeats the header row.
fn split_table(table: Table, capacity: &Capacity) -> Vec<Table> {
    let columns = table.header.len().max(1);
    let budget = capacity.lines / capacity.table_scale - capacity.row_lines(&table.header, columns);
    let costs: Vec<f32> = table.rows.iter().map(|row| capacity.row_lines(row, columns)).collect();
    let runs = even_runs(costs.len(), |run| costs[run].iter().sum::<f32>() <= budget);
    let mut rows = table.rows.into_iter();
    runs.into_iter()
        .map(|run| Table {
            align: table.align.clone(),
            header: table.header.clone(),
            rows: rows.by_ref().take(run.len()).collect(),
            caption: table.caption.clone(),
            chart_request: table.chart_request,
            chart: table.chart.clone(),
        })
        .collect()
}

/// Splits code between lines into even parts, each as tall as a slide when wrapped.
fn split_code(code: &str, capacity: &Capacity) -> Vec<String> {
    let lines: Vec<&str> = code.lines().collect();
    let fits = |run: Range<usize>| capacity.code_lines(&lines[run].join("\n")) <= capacity.lines;
    even_runs(lines.len(), fits).into_iter().map(|run| lines[run].join("\n")).collect()
}
