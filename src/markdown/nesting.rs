//! Deeply nested lists and quotes are flattened below a fixed depth: Typst limits how
//! deeply styled elements nest, and no reader follows fifty levels anyway.

use crate::error::Warning;
use crate::model::{Block, BlockKind};

/// Containers nested deeper than this give up their nesting.
pub const MAX_DEPTH: usize = 10;

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
