//! Scraped pages turn bullet lists into paragraphs starting with `·` or `•`. Consecutive
//! such paragraphs become a real bullet list again; paragraphs holding nothing but a
//! bullet glyph (left over from the page's markup) disappear.

use crate::error::Warning;
use crate::model::{Block, BlockKind, Document, Inline, List, ListItem};

const BULLETS: &[char] = &['·', '•', '●', '▪', '◦', '・', '‧', '∙'];

pub fn run(doc: &mut Document) -> Vec<Warning> {
    repair(&mut doc.blocks);
    repair(&mut doc.lead);
    if let Some(points) = &mut doc.key_points {
        repair(&mut points.blocks);
    }
    Vec::new()
}

fn repair(blocks: &mut Vec<Block>) {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for mut block in std::mem::take(blocks) {
        if let BlockKind::Paragraph(inlines) = &mut block.kind {
            if is_lone_bullet(inlines) {
                continue;
            }
            if strip_bullet(inlines) {
                push_item(&mut out, block);
                continue;
            }
        }
        match &mut block.kind {
            BlockKind::BlockQuote(inner) => repair(inner),
            BlockKind::List(list) => list.items.iter_mut().for_each(|i| repair(&mut i.blocks)),
            _ => {}
        }
        out.push(block);
    }
    *blocks = out;
}

/// Appends a de-bulleted paragraph to the bullet list just before it, or starts one.
fn push_item(out: &mut Vec<Block>, paragraph: Block) {
    let span = paragraph.span;
    let item = ListItem { checked: None, blocks: vec![paragraph] };
    if let Some(Block { kind: BlockKind::List(list), span: list_span, .. }) = out.last_mut()
        && list.start.is_none()
        && list.tight
    {
        list.items.push(item);
        list_span.end_line = span.end_line;
    } else {
        let list = List { start: None, tight: true, items: vec![item] };
        out.push(Block::new(span, BlockKind::List(list)));
    }
}

fn is_lone_bullet(inlines: &[Inline]) -> bool {
    let text = crate::model::plain_text(inlines);
    let mut chars = text.trim().chars();
    chars.next().is_some_and(|c| BULLETS.contains(&c)) && chars.next().is_none()
}

/// Removes a leading bullet glyph (and the spaces after it); true if there was one.
fn strip_bullet(inlines: &mut [Inline]) -> bool {
    let Some(Inline::Text(text)) = inlines.first_mut() else { return false };
    let trimmed = text.trim_start();
    let Some(rest) = trimmed.strip_prefix(BULLETS) else { return false };
    *text = rest.trim_start().to_string();
    true
}
