//! Packing a topic's blocks into slides: by estimated height and bullet count, blocks
//! taller than a slide split into pieces, and what introduces a block kept with it.

use super::capacity::{Capacity, bullets};
use super::split::{MAX_BULLETS, needs_split, split_oversized};
use crate::model::{Block, BlockKind, Document, Inline, plain_text};
use crate::theme::Words;

/// A slide's blocks and its speaker notes.
pub type Page = (Vec<Block>, Vec<String>);

/// Packs blocks into slides by estimated height and bullet count, splitting blocks that
/// fill a slide alone; each block's notes travel with it.
pub fn paginate(
    blocks: Vec<(Block, Vec<String>)>,
    doc: &Document,
    capacity: &Capacity,
    words: &Words,
) -> Vec<Page> {
    let mut pager =
        Pager { doc, capacity, pages: Vec::new(), page: Default::default(), used: 0.0, bullets: 0 };
    for (block, notes) in blocks {
        // A block that needs slides of its own, after a short start on this one, is split
        // to begin here: that start alone would be a near-empty slide.
        let mut pieces = *capacity;
        let short_start = pager.used > 0.0 && pager.used <= capacity.lines / 3.0;
        if short_start && pager.bullets == 0 && needs_split(&block, capacity) {
            pieces.lines -= pager.used;
        }
        let (parts, overflow) = split_oversized(block, &pieces, words);
        let count = parts.len();
        // Notes of the block go with its first piece, the overflow with its last.
        for (i, part) in parts.into_iter().enumerate() {
            let mut part_notes = if i == 0 { notes.clone() } else { Vec::new() };
            if i + 1 == count {
                part_notes.extend(overflow.iter().cloned());
            }
            pager.place(part, part_notes);
        }
    }
    if !pager.page.0.is_empty() {
        pager.pages.push(pager.page);
    }
    pager.pages
}

/// Pages being filled, and how full the last one is.
struct Pager<'a> {
    doc: &'a Document,
    capacity: &'a Capacity,
    pages: Vec<Page>,
    page: Page,
    /// Estimated lines and bullets on `page`.
    used: f32,
    bullets: usize,
}

impl Pager<'_> {
    /// Puts a block on the current page, or on a new one when it does not fit.
    fn place(&mut self, block: Block, notes: Vec<String>) {
        let capacity = self.capacity;
        let cost =
            capacity.block_lines(&block) + capacity.footnote_lines(&block, &self.doc.footnotes);
        let block_bullets = bullets(&block);
        let full = self.used + cost > capacity.lines || self.bullets + block_bullets > MAX_BULLETS;
        if !self.page.0.is_empty() && full {
            // Headings, bold labels and `label：` lines introduce what follows: a few at
            // the end of a page move with it (a page of nothing else is not kept at
            // all). A long run of them (a list of bold lines) stays where it is:
            // carrying it on would grow one slide without bound.
            let keep = self.page.0.iter().rposition(|b| !introduces_next(b)).map_or(0, |i| i + 1);
            let run = self.page.0.len() - keep;
            let carry_from = if run > MAX_CARRIED { self.page.0.len() } else { keep };
            let carried = self.page.0.split_off(carry_from);
            if !self.page.0.is_empty() {
                self.pages.push(std::mem::take(&mut self.page));
            }
            (self.used, self.bullets) = (0.0, 0);
            for carried in carried {
                self.used += capacity.block_lines(&carried);
                self.page.0.push(carried);
            }
        }
        self.used += cost;
        self.bullets += block_bullets;
        self.page.0.push(block);
        self.page.1.extend(notes);
    }
}

/// Introducing blocks carried to the next page with what they introduce, at most.
const MAX_CARRIED: usize = 3;

/// A heading, a paragraph that is one bold phrase (`**常用命令选项**`), or a sentence
/// ending in a colon: each only introduces the block after it.
fn introduces_next(block: &Block) -> bool {
    match &block.kind {
        BlockKind::Heading { .. } => true,
        BlockKind::Paragraph(inlines) => {
            let bold_only = matches!(inlines.as_slice(), [Inline::Strong(_)]);
            bold_only || plain_text(inlines).trim_end().ends_with([':', '：'])
        }
        _ => false,
    }
}
