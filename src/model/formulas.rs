//! Every formula of a document, display and inline, for the passes that convert and
//! check them.

use super::{Block, BlockKind, Document, Formula, Inline};

impl Document {
    /// Calls `f` on every formula anywhere in the document, with its source line.
    pub fn visit_formulas_mut(&mut self, f: &mut impl FnMut(&mut Formula, usize)) {
        let mut blocks: Vec<&mut Vec<Block>> = vec![&mut self.blocks, &mut self.lead];
        if let Some(points) = &mut self.key_points {
            blocks.push(&mut points.blocks);
        }
        for note in &mut self.footnotes {
            blocks.push(&mut note.blocks);
        }
        for list in blocks {
            visit_math_blocks(list, f);
        }
        self.visit_all_inlines_mut(&mut |inlines, line| {
            for inline in inlines.iter_mut() {
                if let Inline::Math(formula) = inline {
                    f(formula, line);
                }
            }
        });
    }
}

/// Calls `f` on each display-math block in `blocks`, however deeply nested.
fn visit_math_blocks(blocks: &mut [Block], f: &mut impl FnMut(&mut Formula, usize)) {
    for block in blocks {
        let line = block.span.line;
        match &mut block.kind {
            BlockKind::Math(formula) => f(formula, line),
            BlockKind::BlockQuote(inner) | BlockKind::Alert { blocks: inner, .. } => {
                visit_math_blocks(inner, f)
            }
            BlockKind::List(list) => {
                for item in &mut list.items {
                    visit_math_blocks(&mut item.blocks, f);
                }
            }
            BlockKind::DescriptionList(items) => {
                for item in items {
                    visit_math_blocks(&mut item.details, f);
                }
            }
            BlockKind::Heading { .. }
            | BlockKind::Paragraph(_)
            | BlockKind::CodeBlock { .. }
            | BlockKind::Table(_)
            | BlockKind::ThematicBreak => {}
        }
    }
}
