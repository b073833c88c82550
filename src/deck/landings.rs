//! Where in-page links land on the slides: the first slide of the section that holds
//! their target. Anchors and badges take no room on a slide.

use crate::model::{Anchor, Block, Inline, visit_inlines_mut};

/// The link targets (numbers set by link resolution) anywhere in `blocks`.
pub fn targets_in(blocks: &[Block]) -> Vec<usize> {
    let mut targets = Vec::new();
    visit_inlines_mut(&mut blocks.to_vec(), &mut |inlines, _| {
        targets.extend(inlines_targets(inlines));
    });
    targets
}

/// The targets of anchors directly in `inlines` or inside their formatting.
pub fn inlines_targets(inlines: &[Inline]) -> Vec<usize> {
    let mut targets = Vec::new();
    for inline in inlines {
        match inline {
            Inline::Anchor(Anchor { target: Some(target), .. }) => targets.push(*target),
            other => {
                targets.extend(inlines_targets(other.children().map_or(&[][..], Vec::as_slice)))
            }
        }
    }
    targets
}

/// A paragraph of nothing a slide shows: anchors, badges, spaces.
pub fn is_invisible(block: &Block) -> bool {
    let crate::model::BlockKind::Paragraph(inlines) = &block.kind else { return false };
    inlines.iter().all(|inline| match inline {
        Inline::Anchor(_) | Inline::Badge { .. } | Inline::SoftBreak | Inline::LineBreak => true,
        Inline::Text(text) => text.trim().is_empty(),
        Inline::Link { content, .. } => content.iter().all(|i| matches!(i, Inline::Badge { .. })),
        _ => false,
    })
}
