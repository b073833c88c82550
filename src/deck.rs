//! The deck planner: which slides exist and what each one holds.
//!
//! Capacity is estimated from the text in Rust so that long sections continue on further
//! slides; the slide template adds a safety net that scales content down a little when an
//! estimate was too generous, so no slide ever overflows.

use crate::model::{Block, BlockKind, Document, Footnote, Inline, List, Meta, Table, plain_text};
use serde::Serialize;

/// A planned slide deck: a title slide from `meta`, then `slides`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deck {
    pub meta: Meta,
    /// The report's closing source line, shown on the title slide.
    pub source_note: Option<Vec<Inline>>,
    /// Footnote definitions of the report.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<Footnote>,
    /// Footnote labels in the order they are numbered on the slides.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub footnote_labels: Vec<String>,
    pub slides: Vec<Slide>,
}

/// One content slide.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slide {
    /// The top-level section this slide belongs to, shown in the slide header.
    pub section: Option<String>,
    /// The slide title; continuation slides carry a `(续)` / `(cont.)` suffix.
    pub title: String,
    pub blocks: Vec<Block>,
    /// Footnotes referenced on this slide, with their deck-wide numbers.
    pub footnotes: Vec<(usize, Vec<Block>)>,
}

/// Lines of body text that fit on one slide (20 pt text on a 16:9 slide).
const SLIDE_LINES: f32 = 13.0;
/// Full-width characters per line of body text.
const CJK_PER_LINE: f32 = 37.0;
/// Latin characters per line of body text.
const LATIN_PER_LINE: f32 = 68.0;

impl Deck {
    /// The number of pages the slides PDF will have.
    pub fn page_count(&self) -> usize {
        1 + self.slides.len()
    }
}

/// Plans the deck for a document.
pub fn plan(doc: &Document) -> Deck {
    let continued = if doc.meta.lang.starts_with("zh") { "（续）" } else { " (cont.)" };
    let untitled = doc.meta.title.clone().unwrap_or_default();
    let mut slides = Vec::new();
    let topics = summary_topic(doc).into_iter().chain(split_into_topics(&doc.blocks, &untitled));
    for chunk in topics {
        for (i, blocks) in paginate(chunk.blocks, doc).into_iter().enumerate() {
            let title =
                if i == 0 { chunk.title.clone() } else { format!("{}{continued}", chunk.title) };
            slides.push(Slide {
                section: chunk.section.clone(),
                title,
                blocks,
                footnotes: Vec::new(),
            });
        }
    }
    let footnote_labels = number_footnotes(&mut slides, &doc.footnotes);
    Deck {
        meta: doc.meta.clone(),
        source_note: doc.source_note.clone(),
        footnotes: doc.footnotes.clone(),
        footnote_labels,
        slides,
    }
}

/// Gives each footnote a number by its first reference in the deck, and lists on every
/// slide the notes it refers to. Returns the labels in number order.
fn number_footnotes(slides: &mut [Slide], footnotes: &[Footnote]) -> Vec<String> {
    let mut numbered: Vec<String> = Vec::new();
    for slide in slides {
        for label in footnote_refs(&slide.blocks) {
            let Some(note) = footnotes.iter().find(|f| f.label == label) else { continue };
            let number = match numbered.iter().position(|l| *l == label) {
                Some(i) => i + 1,
                None => {
                    numbered.push(label);
                    numbered.len()
                }
            };
            slide.footnotes.push((number, note.blocks.clone()));
        }
    }
    numbered
}

/// Labels of the footnotes referenced in `blocks`, each once, in order.
fn footnote_refs(blocks: &[Block]) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    crate::model::visit_inlines_mut(&mut blocks.to_vec(), &mut |inlines, _| {
        for inline in inlines.iter() {
            if let Inline::FootnoteRef(label) = inline
                && !labels.contains(label)
            {
                labels.push(label.clone());
            }
        }
    });
    labels
}

/// A run of blocks under one heading, before pagination.
struct Topic {
    section: Option<String>,
    title: String,
    blocks: Vec<Block>,
}

/// The lead abstract (as a quote) and the key points, on slides of their own.
fn summary_topic(doc: &Document) -> Option<Topic> {
    let mut blocks = Vec::new();
    if let Some(first) = doc.lead.first() {
        blocks.push(Block::new(first.span, BlockKind::BlockQuote(doc.lead.clone())));
    }
    if let Some(points) = &doc.key_points {
        blocks.extend(points.blocks.iter().cloned());
    }
    if blocks.is_empty() {
        return None;
    }
    let fallback = if doc.meta.lang.starts_with("zh") { "摘要" } else { "Summary" };
    let title = doc.key_points.as_ref().map_or(fallback, |k| k.title.as_str()).to_string();
    Some(Topic { section: None, title, blocks })
}

/// Splits the body at its top two heading levels; each heading starts a topic.
fn split_into_topics(blocks: &[Block], untitled: &str) -> Vec<Topic> {
    let top = blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let mut topics = Vec::new();
    let mut current = Topic { section: None, title: untitled.to_string(), blocks: Vec::new() };
    let mut section: Option<String> = None;
    for block in blocks {
        if let BlockKind::Heading { level, content } = &block.kind
            && *level <= top + 1
        {
            let title = plain_text(content).trim().to_string();
            if *level == top {
                section = Some(title.clone());
            }
            let next = Topic {
                section: if *level == top { None } else { section.clone() },
                title,
                blocks: Vec::new(),
            };
            let previous = std::mem::replace(&mut current, next);
            if !previous.blocks.is_empty() {
                topics.push(previous);
            }
            continue;
        }
        current.blocks.push(block.clone());
    }
    if !current.blocks.is_empty() {
        topics.push(current);
    }
    topics
}

/// Packs blocks into slides by estimated height, splitting blocks that fill a slide alone.
fn paginate(blocks: Vec<Block>, doc: &Document) -> Vec<Vec<Block>> {
    let mut pages: Vec<Vec<Block>> = Vec::new();
    let mut page = Vec::new();
    let mut used = 0.0;
    for block in blocks.into_iter().flat_map(|b| split_oversized(b, &doc.meta.lang)) {
        let cost = block_lines(&block) + footnote_lines(&block, &doc.footnotes);
        if !page.is_empty() && used + cost > SLIDE_LINES {
            // A heading or a `label：` line introduces what follows: keep them together.
            let carried = match page.last() {
                Some(last) if page.len() > 1 && introduces_next(last) => page.pop(),
                _ => None,
            };
            pages.push(std::mem::take(&mut page));
            used = 0.0;
            if let Some(carried) = carried {
                used += block_lines(&carried);
                page.push(carried);
            }
        }
        used += cost;
        page.push(block);
    }
    if !page.is_empty() {
        pages.push(page);
    }
    pages
}

fn introduces_next(block: &Block) -> bool {
    match &block.kind {
        BlockKind::Heading { .. } => true,
        BlockKind::Paragraph(inlines) => {
            let text = plain_text(inlines);
            let text = text.trim_end();
            text.chars().count() <= 40 && text.ends_with([':', '：'])
        }
        _ => false,
    }
}

/// Lines the notes a block refers to take under the slide (set at 12 pt, not 20 pt).
fn footnote_lines(block: &Block, footnotes: &[Footnote]) -> f32 {
    let labels = footnote_refs(std::slice::from_ref(block));
    let notes = footnotes.iter().filter(|f| labels.contains(&f.label));
    let lines: f32 = notes.map(|f| f.blocks.iter().map(block_lines).sum::<f32>() * 0.6).sum();
    if lines > 0.0 { lines + 0.8 } else { 0.0 }
}

/// Slides one block may fill; the rest of a longer table, list or code block is left to
/// the print briefing, with a line saying so (a deck of hundreds of table slides helps
/// no presenter, and typesetting it would take minutes).
const MAX_SLIDES_PER_BLOCK: usize = 8;

/// Breaks a block taller than a slide into slide-sized pieces where its kind allows.
fn split_oversized(block: Block, lang: &str) -> Vec<Block> {
    if block_lines(&block) <= SLIDE_LINES {
        return vec![block];
    }
    let span = block.span;
    let unit = match &block.kind {
        BlockKind::Table(_) => ("行", "rows"),
        BlockKind::List(_) => ("项", "items"),
        BlockKind::CodeBlock { .. } => ("行代码", "lines of code"),
        _ => ("段内容", "parts"),
    };
    let mut parts = split_block(block);
    if parts.len() > MAX_SLIDES_PER_BLOCK {
        let omitted: usize = parts[MAX_SLIDES_PER_BLOCK..].iter().map(unit_count).sum();
        parts.truncate(MAX_SLIDES_PER_BLOCK);
        let note = if lang.starts_with("zh") {
            format!("……另有 {omitted} {}，见简报 PDF。", unit.0)
        } else {
            format!("… {omitted} more {} in the print briefing.", unit.1)
        };
        parts.push(Block::new(
            span,
            BlockKind::Paragraph(vec![Inline::Emph(vec![Inline::Text(note)])]),
        ));
    }
    parts
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

fn split_block(block: Block) -> Vec<Block> {
    let span = block.span;
    match block.kind {
        BlockKind::List(list) => {
            split_list(list).into_iter().map(|l| Block::new(span, BlockKind::List(l))).collect()
        }
        BlockKind::Table(table) => {
            split_table(table).into_iter().map(|t| Block::new(span, BlockKind::Table(t))).collect()
        }
        BlockKind::CodeBlock { lang, code } => split_code(&code)
            .into_iter()
            .map(|code| Block::new(span, BlockKind::CodeBlock { lang: lang.clone(), code }))
            .collect(),
        BlockKind::Paragraph(inlines) => split_paragraph(inlines)
            .into_iter()
            .map(|p| Block::new(span, BlockKind::Paragraph(p)))
            .collect(),
        kind => vec![Block::new(span, kind)],
    }
}

/// Splits a paragraph after sentence ends in its plain text runs, so each part fits.
fn split_paragraph(inlines: Vec<Inline>) -> Vec<Vec<Inline>> {
    let mut parts: Vec<Vec<Inline>> = vec![Vec::new()];
    let mut used = 0.0;
    for inline in inlines {
        let pieces = match inline {
            Inline::Text(text) => split_sentences(&text).into_iter().map(Inline::Text).collect(),
            other => vec![other],
        };
        for piece in pieces {
            let cost = text_units(&plain_text(std::slice::from_ref(&piece)));
            let current = parts.last_mut().expect("never empty");
            if !current.is_empty() && used + cost > SLIDE_LINES - 1.0 {
                parts.push(Vec::new());
                used = 0.0;
            }
            used += cost;
            parts.last_mut().expect("never empty").push(piece);
        }
    }
    parts
}

/// Cuts text after each sentence-ending mark, keeping every character.
fn split_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '！' | '？' | '；' | '.' | '!' | '?' | ';') {
            let end = i + c.len_utf8();
            out.push(text[start..end].to_string());
            start = end;
        }
    }
    if start < text.len() {
        out.push(text[start..].to_string());
    }
    out
}

fn split_list(list: List) -> Vec<List> {
    let mut parts: Vec<List> = Vec::new();
    let mut used = 0.0;
    let mut next_number = list.start;
    for item in list.items {
        let cost = item_lines(&item.blocks);
        let start_new =
            parts.last().is_none_or(|p| !p.items.is_empty() && used + cost > SLIDE_LINES);
        if start_new {
            parts.push(List { start: next_number, tight: list.tight, items: Vec::new() });
            used = 0.0;
        }
        used += cost;
        next_number = next_number.map(|n| n + 1);
        parts.last_mut().expect("pushed above").items.push(item);
    }
    parts
}

/// Splits a table by rows; every part repeats the header row.
fn split_table(table: Table) -> Vec<Table> {
    let columns = table.header.len().max(1);
    let budget = SLIDE_LINES / TABLE_SCALE - row_lines(&table.header, columns);
    let mut parts: Vec<Table> = Vec::new();
    let mut used = f32::MAX;
    for row in table.rows {
        let cost = row_lines(&row, columns);
        if used + cost > budget {
            parts.push(Table {
                align: table.align.clone(),
                header: table.header.clone(),
                rows: Vec::new(),
            });
            used = 0.0;
        }
        used += cost;
        parts.last_mut().expect("pushed above").rows.push(row);
    }
    parts
}

fn split_code(code: &str) -> Vec<String> {
    let per_slide = (SLIDE_LINES / CODE_SCALE) as usize;
    let lines: Vec<&str> = code.lines().collect();
    lines.chunks(per_slide.max(1)).map(|c| c.join("\n")).collect()
}

/// A picture on a slide is at most 9 cm high: about this many lines.
const PICTURE_LINES: f32 = 10.0;

fn contains_image(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| matches!(i, Inline::Image { .. }))
}

/// Table text is set smaller than body text.
const TABLE_SCALE: f32 = 0.8;
/// Code is set smaller than body text.
const CODE_SCALE: f32 = 0.75;

/// Estimated height of a block in body-text lines, including the gap after it.
fn block_lines(block: &Block) -> f32 {
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
fn item_lines(blocks: &[Block]) -> f32 {
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

fn row_lines(cells: &[Vec<Inline>], columns: usize) -> f32 {
    let share = 1.0 / columns as f32;
    let tallest = cells.iter().map(|c| text_lines(&plain_text(c), share)).fold(1.0, f32::max);
    // Cell padding adds about a quarter line to each row.
    tallest + 0.3
}

/// Lines a text needs at `width` (a share of the slide's text width).
fn text_lines(text: &str, width: f32) -> f32 {
    (text_units(text) / width).ceil().max(1.0)
}

/// Full text-width lines a text fills, unrounded.
fn text_units(text: &str) -> f32 {
    let per_char = |c| {
        if crate::text::is_cjk(c) { CJK_PER_LINE } else { LATIN_PER_LINE }
    };
    text.chars().map(|c| 1.0 / per_char(c)).sum()
}
