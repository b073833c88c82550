//! The editable PowerPoint deck (`<stem>.pptx`): the same [`Deck`] the slides PDF is
//! typeset from, written as Office Open XML by Folio itself, with no other program.
//!
//! The package parts that are fixed in shape (theme, master, layouts, notes pages,
//! presentation) come from Minijinja templates under `templates/pptx/`, overridable with
//! `--templates DIR` like the Typst ones ([`parts`]). The shapes of each slide are laid
//! out first, as plain boxes, sizes and a font scale ([`layout`]), then written as
//! DrawingML in Rust ([`slide`], [`cover`], [`text`], [`table`]). Every piece of report
//! text passes through [`xml::escape`].

mod chart;
mod cover;
mod fit;
pub mod geometry;
mod layout;
mod media;
mod on_template;
mod package;
mod parts;
pub mod reference;
mod shapes;
mod slide;
mod table;
mod text;
mod theme;
pub mod xml;

use crate::deck::Deck;
use crate::error::Warning;
use crate::model::Asset;
use crate::templates::{TemplateError, Templates};
use crate::theme::Theme;
use geometry::Geometry;
pub use on_template::Template;
use parts::PartWriter;
use slide::{DeckCtx, SlideParts};
use std::path::Path;

/// Why a `.pptx` could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PptxError {
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error("writing the .pptx package: {0}")]
    Package(String),
}

/// What the deck is made from besides the plan.
pub struct Sources<'a> {
    /// The report's theme (brand colour applied): colours, fonts, slide metrics, words.
    pub theme: &'a Theme,
    pub templates: &'a Templates,
    /// Pictures served from memory (re-encoded images, the logo).
    pub assets: &'a [Asset],
    /// The report's folder, where its own pictures are read from.
    pub base_dir: Option<&'a Path>,
    /// The logo's asset path, when the style sets one.
    pub logo: Option<&'a str>,
    /// Draws SVG pictures as PNG (Typst does it for the converter).
    pub rasterize: Option<media::Rasterize<'a>>,
    /// The company template the deck is written on, if any (`theme` is then fitted to it).
    pub template: Option<Template<'a>>,
}

/// Writes the deck as a `.pptx` package; warnings name pictures that could not go in.
pub fn write(deck: &Deck, sources: &Sources) -> Result<(Vec<u8>, Vec<Warning>), PptxError> {
    let mut parts = PartWriter::new(sources.templates)?;
    let theme = sources.theme;
    let geometry = match &sources.template {
        Some(template) => Geometry::on_template(deck.aspect, &theme.slide, &template.frame),
        None => Geometry::new(deck.aspect, &theme.slide),
    };
    let mut ctx = deck_ctx(deck, sources, theme, geometry);
    let slides = all_slides(&mut ctx, sources.logo);
    let notes = deck.page_notes();
    let lang = ctx.lang;
    parts.document_properties(deck, slides.len(), &notes)?;
    let look = parts::look(theme, &geometry, lang);
    match &sources.template {
        Some(template) => parts.template_presentation(template, slides.len(), &look)?,
        None => {
            parts.presentation(&geometry, slides.len(), lang)?;
            parts.themes(&look)?;
            parts.slide_master(&look)?;
            parts.notes_master(&look)?;
        }
    }
    parts.slides(slides, &notes, lang)?;
    parts.charts(&ctx.charts, theme, (lang, ctx.part_prefix))?;
    let (media, warnings) = ctx.media.into_parts();
    parts.media(media);
    Ok((parts.finish()?, warnings))
}

/// What every slide shares: language, code font, footnote numbers, the pictures
/// embedded so far, the footer line (`title · date`).
fn deck_ctx<'a>(
    deck: &'a Deck,
    sources: &Sources<'a>,
    theme: &'a Theme,
    geometry: Geometry,
) -> DeckCtx<'a> {
    let words = theme.words_for(&deck.meta.lang);
    let lang = words.office.as_str();
    // Folio's pictures and charts are named apart from a template's own parts.
    let part_prefix = if sources.template.is_some() { "folio-" } else { "" };
    let mut footer = deck.meta.title.clone().unwrap_or_default();
    if let Some(date) = &deck.meta.date {
        footer.push_str(&format!(" · {date}"));
    }
    DeckCtx {
        deck,
        geometry,
        lang,
        theme,
        words,
        footnotes: deck
            .footnote_labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.clone(), i + 1))
            .collect(),
        media: media::Media::new(sources.assets, sources.base_dir, sources.rasterize)
            .named(part_prefix),
        part_prefix,
        template: sources.template.map(on_template::slots::SlideSlots::new),
        footer,
        figures: 0,
        tables: 0,
        charts: Vec::new(),
    }
}

/// The title slide, then the planned slides (numbered from 2, as in the slides PDF).
fn all_slides(ctx: &mut DeckCtx, logo: Option<&str>) -> Vec<SlideParts> {
    let deck = ctx.deck;
    let mut slides = vec![cover::title_slide(ctx, logo)];
    for (i, planned) in deck.slides.iter().enumerate() {
        slides.push(slide::slide(ctx, planned, i + 2));
    }
    slides
}
