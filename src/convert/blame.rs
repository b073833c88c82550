//! Which block of a report a Typst error came from, when the error itself does not say.
//!
//! Errors are traced to a Markdown line through the `// source line N` comments of the
//! generated source (see `engine::describe`), but an error raised while Typst lays out a
//! `context` block of the template library carries no call site. Then the block is found
//! by typesetting the document again with only its first blocks kept, halving: a few
//! extra compiles, on the failure path only.

use super::typeset::{Job, files};
use crate::deck::Deck;
use crate::error::Error;
use crate::model::{Block, BlockKind, Document};
use crate::output::Output;
use crate::render;
use crate::style::Style;

/// What a failed output was made from.
pub(super) struct Sources<'a> {
    pub job: &'a Job<'a>,
    pub doc: &'a Document,
    pub deck: Option<&'a Deck>,
    pub style: &'a Style,
}

impl Sources<'_> {
    /// `err` with the Markdown line of the block that caused it, when Typst did not name
    /// one and the block can be found.
    pub fn locate(&self, mut err: Error) -> Error {
        if let Error::Typeset { output, source, .. } = &mut err
            && source.line.is_none()
        {
            source.line = match output {
                Output::Report => self.report_culprit(),
                Output::Slides => self.slides_culprit(),
                _ => None,
            };
        }
        err
    }

    fn report_culprit(&self) -> Option<usize> {
        let blocks = &self.doc.blocks;
        let index = first_failing(blocks.len(), |kept| {
            let mut doc = self.doc.clone();
            doc.blocks = keep_first(blocks, kept);
            let typst = render::render_report(&doc, self.style, &self.job.converter.templates);
            typst.is_ok_and(|typst| self.fails(typst))
        })?;
        Some(blocks[index].span.line)
    }

    /// The slide that fails, then the block of it.
    fn slides_culprit(&self) -> Option<usize> {
        let deck = self.deck?;
        // The slides before `slide` whole, the first `blocks` blocks of `slide`, and of
        // the later slides only their titles.
        let fails_with = |slide: usize, blocks: usize| {
            let mut deck = deck.clone();
            for (index, kept) in deck.slides.iter_mut().enumerate().skip(slide) {
                kept.blocks.truncate(if index == slide { blocks } else { 0 });
            }
            let typst = render::render_slides(&deck, self.style, &self.job.converter.templates);
            typst.is_ok_and(|typst| self.fails(typst))
        };
        let slide = first_failing(deck.slides.len(), |kept| fails_with(kept, 0))?;
        let blocks = &deck.slides[slide].blocks;
        let block = first_failing(blocks.len(), |kept| fails_with(slide, kept))?;
        Some(blocks[block].span.line).filter(|line| *line > 0)
    }

    fn fails(&self, typst: String) -> bool {
        let converter = self.job.converter;
        let files = files(
            &converter.templates,
            self.job.input.base_dir,
            self.job.assets,
            self.job.theme_data,
        );
        converter.typesetter.compile(typst, &files).is_err()
    }
}

/// The blocks with all but the first `kept` reduced to their headings, so that links to
/// later sections still find their targets.
fn keep_first(blocks: &[Block], kept: usize) -> Vec<Block> {
    let later = blocks[kept..].iter().filter(|b| matches!(b.kind, BlockKind::Heading { .. }));
    blocks[..kept].iter().chain(later).cloned().collect()
}

/// The index of the unit whose inclusion makes `fails_with_first(k)` true: the smallest
/// `k` that fails, less one. `None` when even none of the units fails (the error lies
/// elsewhere) or all of them do not.
fn first_failing(count: usize, fails_with_first: impl Fn(usize) -> bool) -> Option<usize> {
    if count == 0 || fails_with_first(0) || !fails_with_first(count) {
        return None;
    }
    // Invariant: `low` units pass, `high` units fail.
    let (mut low, mut high) = (0, count);
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if fails_with_first(middle) {
            high = middle;
        } else {
            low = middle;
        }
    }
    Some(high - 1)
}

#[cfg(test)]
mod tests {
    use super::first_failing;

    #[test]
    fn halving_finds_the_unit_that_makes_it_fail() {
        for culprit in 0..9 {
            assert_eq!(first_failing(9, |kept| kept > culprit), Some(culprit));
        }
        assert_eq!(first_failing(9, |_| true), None, "fails without any unit");
        assert_eq!(first_failing(9, |_| false), None, "never fails");
        assert_eq!(first_failing(0, |_| true), None);
    }
}
