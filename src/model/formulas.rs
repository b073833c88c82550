//! Every formula of a document, display and inline, for the passes that convert and
//! check them.

use super::{BlockKind, Document, Formula, Inline};

impl Document {
    /// Calls `f` on every formula anywhere in the document, with its source line.
    pub fn visit_formulas_mut(&mut self, f: &mut impl FnMut(&mut Formula, usize)) {
        self.visit_blocks_mut(&mut |block| {
            if let BlockKind::Math(formula) = &mut block.kind {
                f(formula, block.span.line);
            }
        });
        self.visit_all_inlines_mut(&mut |inlines, line| {
            for inline in inlines.iter_mut() {
                if let Inline::Math(formula) = inline {
                    f(formula, line);
                }
            }
        });
    }
}
