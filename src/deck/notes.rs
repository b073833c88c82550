//! Long prose does not become a wall of text on a slide: the slide shows its lead (the
//! bold lead phrase, or else the first sentence) as a bullet, and the whole paragraph
//! goes to the speaker notes.

use super::capacity::{Capacity, contains_image};
use super::split::split_sentences;
use crate::model::{Block, BlockKind, Inline, List, ListItem, plain_text};

/// Paragraphs longer than this many full lines are shortened on the slide.
const LONG_PROSE_LINES: f32 = 3.0;
/// A lead sentence longer than this (in characters) is cut with an ellipsis.
const MAX_LEAD_CHARS: usize = 60;

/// Replaces long paragraphs by a bullet with their lead; consecutive leads form one list.
/// Returns each block with the notes it carries.
pub fn shorten_prose(blocks: Vec<Block>, capacity: &Capacity) -> Vec<(Block, Vec<String>)> {
    let mut out: Vec<(Block, Vec<String>)> = Vec::new();
    // Whether the last block out is a list of leads made here, which the next joins.
    let mut last_is_leads = false;
    for block in blocks {
        let long_text = match &block.kind {
            BlockKind::Paragraph(inlines) if !contains_image(inlines) => {
                let text = plain_text(inlines);
                (capacity.text_units(&text) > LONG_PROSE_LINES).then_some((text, lead_of(inlines)))
            }
            _ => None,
        };
        let Some((text, lead)) = long_text else {
            out.push((block, Vec::new()));
            last_is_leads = false;
            continue;
        };
        // The lead keeps citing the paragraph's footnotes, so they stay on the slide.
        let mut lead_inlines = vec![Inline::Text(lead)];
        if let BlockKind::Paragraph(inlines) = &block.kind {
            collect_footnote_refs(inlines, &mut lead_inlines);
        }
        let lead = Block::new(block.span, BlockKind::Paragraph(lead_inlines));
        let item = ListItem { checked: None, blocks: vec![lead] };
        match out.last_mut() {
            Some((Block { kind: BlockKind::List(list), .. }, notes)) if last_is_leads => {
                list.items.push(item);
                notes.push(text);
            }
            _ => {
                let list = List { start: None, tight: true, items: vec![item] };
                out.push((Block::new(block.span, BlockKind::List(list)), vec![text]));
            }
        }
        last_is_leads = true;
    }
    out
}

/// `**行业转折点**：…` → `行业转折点`; otherwise the first sentence, cut if long.
fn lead_of(inlines: &[Inline]) -> String {
    let first_visible =
        inlines.iter().find(|i| !matches!(i, Inline::Text(t) if t.trim().is_empty()));
    if let Some(Inline::Strong(strong)) = first_visible {
        let phrase = plain_text(strong);
        let phrase = phrase.trim().trim_end_matches([':', '：']);
        if !phrase.is_empty() && phrase.chars().count() <= MAX_LEAD_CHARS {
            return phrase.to_string();
        }
    }
    let text = plain_text(inlines);
    let first = split_sentences(text.trim()).into_iter().next().unwrap_or_default();
    if first.chars().count() <= MAX_LEAD_CHARS {
        first
    } else {
        first.chars().take(MAX_LEAD_CHARS).collect::<String>() + "…"
    }
}

/// The footnote references inside `inlines`, at any depth, in order.
fn collect_footnote_refs(inlines: &[Inline], out: &mut Vec<Inline>) {
    for inline in inlines {
        match inline {
            Inline::FootnoteRef(_) => out.push(inline.clone()),
            other => {
                if let Some(children) = other.children() {
                    collect_footnote_refs(children, out);
                }
            }
        }
    }
}
