//! The outputs made from the finished slides: speaker notes for presenter consoles, the
//! web deck (the slides' SVG pages), the notes pages and the N-up handout (both place
//! pages of the slides PDF).

use super::typeset::Job;
use super::{Artifact, Converted};
use crate::deck::Deck;
use crate::error::Error;
use crate::model::Asset;
use crate::output::Output;
use crate::render;
use std::collections::BTreeSet;

/// What the outputs made from the slides need.
pub(super) struct Extras<'a> {
    pub job: &'a Job<'a>,
    pub deck: &'a Deck,
    pub wanted: &'a BTreeSet<Output>,
    pub slides_pdf: &'a [u8],
    /// The slides as SVG (kept only when the web deck is wanted).
    pub slide_svgs: &'a [String],
}

impl Extras<'_> {
    /// Makes each wanted output of the slides and adds it to `converted`.
    pub fn add_to(&self, converted: &mut Converted) -> Result<(), Error> {
        if self.wanted.contains(&Output::SpeakerNotes) {
            let bytes = crate::pdfpc::notes_file(self.deck).into_bytes();
            let pages = self.deck.page_count();
            converted
                .push(Output::SpeakerNotes, Some(Artifact { bytes, pages, ..Default::default() }));
        }
        if self.wanted.contains(&Output::SlidesHtml) {
            let notes = self.deck.page_notes();
            let title = self.deck.meta.title.as_deref().unwrap_or("Slides");
            let lang = self.deck.meta.lang.as_str();
            let web = crate::html::WebDeck { title, lang, slides: self.slide_svgs, notes: &notes };
            let bytes = crate::html::deck_page(&web).into_bytes();
            let pages = self.slide_svgs.len();
            converted
                .push(Output::SlidesHtml, Some(Artifact { bytes, pages, ..Default::default() }));
        }
        let templates = &self.job.converter.templates;
        let per_page = self.job.converter.options.handout_per_page;
        for output in [Output::NotesPages, Output::Handout] {
            if !self.wanted.contains(&output) {
                continue;
            }
            let typst = match output {
                Output::NotesPages => render::render_notes_pages(self.deck, templates),
                _ => render::render_handout(self.deck, per_page, templates),
            };
            let template_error =
                |source| Error::Template { path: self.job.input.path.to_path_buf(), source };
            let typst = typst.map_err(template_error)?;
            converted.push(output, Some(self.typeset(typst, output)?));
        }
        Ok(())
    }

    /// Typesets a page of slides, reading the finished slides PDF from memory.
    fn typeset(&self, typst: String, output: Output) -> Result<Artifact, Error> {
        let slides = [Asset {
            path: render::SLIDES_ASSET.to_string(),
            bytes: self.slides_pdf.to_vec(),
            pixels_per_pt: None,
        }];
        Ok(self.job.typeset(&slides, typst, output)?.0)
    }
}
