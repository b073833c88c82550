//! Every block of a document, however deeply nested: for the passes that replace or
//! convert blocks wherever they are (diagrams, formulas).

use super::{Block, BlockKind, Document};

impl Document {
    /// Calls `f` on every block of the body, abstract, key points and footnotes, a
    /// container before the blocks inside it (as `f` left it).
    pub fn visit_blocks_mut(&mut self, f: &mut impl FnMut(&mut Block)) {
        visit_blocks_mut(&mut self.blocks, f);
        visit_blocks_mut(&mut self.lead, f);
        if let Some(points) = &mut self.key_points {
            visit_blocks_mut(&mut points.blocks, f);
        }
        for note in &mut self.footnotes {
            visit_blocks_mut(&mut note.blocks, f);
        }
    }
}

/// Calls `f` on each block of `blocks` and then on the blocks nested inside it (quotes,
/// callouts, list items, description details).
pub fn visit_blocks_mut(blocks: &mut [Block], f: &mut impl FnMut(&mut Block)) {
    for block in blocks {
        f(block);
        match &mut block.kind {
            BlockKind::BlockQuote(inner) | BlockKind::Alert { blocks: inner, .. } => {
                visit_blocks_mut(inner, f)
            }
            BlockKind::List(list) => {
                for item in &mut list.items {
                    visit_blocks_mut(&mut item.blocks, f);
                }
            }
            BlockKind::DescriptionList(items) => {
                for item in items {
                    visit_blocks_mut(&mut item.details, f);
                }
            }
            BlockKind::Heading { .. }
            | BlockKind::Paragraph(_)
            | BlockKind::CodeBlock { .. }
            | BlockKind::Table(_)
            | BlockKind::ThematicBreak
            | BlockKind::Math(_)
            | BlockKind::Chart(_) => {}
        }
    }
}
