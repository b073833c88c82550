//! Deeply nested lists and quotes are flattened below a fixed depth, and so is inline
//! formatting (`<i>` in `<i>` sixty times, `***…***`): Typst limits how deeply styled
//! elements nest, and no reader follows fifty levels anyway.

use crate::error::Warning;
use crate::model::{Block, BlockKind, Document, Inline, visit_block_inlines_mut};

/// Containers nested deeper than this give up their nesting.
pub const MAX_DEPTH: usize = 10;

/// Inline formatting (emphasis, links, super- and subscripts…) nested deeper than this
/// gives up its formatting, keeping its text.
pub const MAX_INLINE_DEPTH: usize = 12;

/// Unwraps inline formatting below [`MAX_INLINE_DEPTH`] everywhere in `doc`, keeping all
/// the text; warns once.
pub fn limit_inline_nesting(doc: &mut Document, warnings: &mut Vec<Warning>) {
    let mut first_flattened = None;
    let mut limit = |inlines: &mut Vec<Inline>, line: usize, _heading: bool| {
        if limit_inlines(inlines, 0) {
            first_flattened.get_or_insert(line);
        }
    };
    visit_block_inlines_mut(&mut doc.blocks, &mut limit);
    for note in &mut doc.footnotes {
        visit_block_inlines_mut(&mut note.blocks, &mut limit);
    }
    if let Some(line) = first_flattened {
        let message =
            format!("text formatting nested deeper than {MAX_INLINE_DEPTH} levels is dropped");
        warnings.push(Warning { line: Some(line), message });
    }
}

/// Flattens the formatting below the depth limit; whether anything was flattened.
fn limit_inlines(inlines: &mut Vec<Inline>, depth: usize) -> bool {
    if depth < MAX_INLINE_DEPTH {
        let mut flattened = false;
        for inline in inlines.iter_mut() {
            if let Some(children) = inline.children_mut() {
                flattened |= limit_inlines(children, depth + 1);
            }
        }
        return flattened;
    }
    if !inlines.iter().any(|inline| inline.children().is_some()) {
        return false;
    }
    let mut flat = Vec::with_capacity(inlines.len());
    for inline in std::mem::take(inlines) {
        unwrap_into(inline, &mut flat);
    }
    *inlines = flat;
    true
}

fn unwrap_into(mut inline: Inline, out: &mut Vec<Inline>) {
    match inline.children_mut() {
        Some(children) => {
            for child in std::mem::take(children) {
                unwrap_into(child, out);
            }
        }
        None => out.push(inline),
    }
}

/// Flattens containers below [`MAX_DEPTH`], keeping all their content; warns once.
pub fn limit_nesting(blocks: &mut Vec<Block>, warnings: &mut Vec<Warning>) {
    let mut first_flattened = None;
    limit(blocks, 0, &mut first_flattened);
    if let Some(line) = first_flattened {
        let message =
            format!("lists and quotes nested deeper than {MAX_DEPTH} levels are flattened");
        warnings.push(Warning { line: Some(line), message });
    }
}

fn limit(blocks: &mut Vec<Block>, depth: usize, flattened: &mut Option<usize>) {
    if depth >= MAX_DEPTH && blocks.iter().any(is_container) {
        let mut flat = Vec::with_capacity(blocks.len());
        for block in std::mem::take(blocks) {
            flatten_into(block, &mut flat, flattened);
        }
        *blocks = flat;
        return;
    }
    for block in blocks.iter_mut() {
        for children in child_lists(&mut block.kind) {
            limit(children, depth + 1, flattened);
        }
    }
}

fn flatten_into(block: Block, out: &mut Vec<Block>, flattened: &mut Option<usize>) {
    if !is_container(&block) {
        out.push(block);
        return;
    }
    flattened.get_or_insert(block.span.line);
    let mut kind = block.kind;
    for children in child_lists(&mut kind) {
        for child in std::mem::take(children) {
            flatten_into(child, out, flattened);
        }
    }
}

fn is_container(block: &Block) -> bool {
    matches!(block.kind, BlockKind::List(_) | BlockKind::BlockQuote(_) | BlockKind::Alert { .. })
}

fn child_lists(kind: &mut BlockKind) -> Vec<&mut Vec<Block>> {
    match kind {
        BlockKind::List(list) => list.items.iter_mut().map(|i| &mut i.blocks).collect(),
        BlockKind::BlockQuote(blocks) | BlockKind::Alert { blocks, .. } => vec![blocks],
        BlockKind::DescriptionList(items) => items.iter_mut().map(|i| &mut i.details).collect(),
        _ => Vec::new(),
    }
}
