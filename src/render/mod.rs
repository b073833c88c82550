//! Model → Typst source, through embedded Minijinja templates.

pub mod audit;
mod chart;
pub mod escape;
mod literal;
pub mod markup;

pub use literal::TYPST;

use crate::deck::Deck;
use crate::model::Document;
use crate::style::Style;
use crate::templates::{TemplateError, Templates};
use markup::{Markup, NoteStyle};
use minijinja::Value;
use serde::Serialize;

/// Renders the print briefing's Typst source.
pub fn render_report(
    doc: &Document,
    style: &Style,
    templates: &Templates,
) -> Result<String, TemplateError> {
    let mut markup = Markup::new(&doc.footnotes, NoteStyle::PageFootnotes)
        .lift_headings(&doc.blocks)
        .charts_under_tables(style.charts_in_print());
    let mut blocks = |blocks: &[crate::model::Block]| {
        (!blocks.is_empty()).then(|| safe(markup.traced_blocks(blocks)))
    };
    let lead = blocks(&doc.lead);
    let key_points = doc.key_points.as_ref().and_then(|k| blocks(&k.blocks));
    let body = blocks(&doc.blocks).unwrap_or_else(|| safe(String::new()));
    let context = ReportContext {
        meta: &doc.meta,
        style,
        description: lead_text(&doc.lead),
        lead,
        key_points_title: doc.key_points.as_ref().map(|k| k.title.as_str()),
        key_points,
        source_note: doc.source_note.as_ref().map(|n| safe(markup.inlines(n))),
        body,
    };
    render(templates, "report.typ.j2", &context)
}

/// Renders the slide deck's Typst source.
pub fn render_slides(
    deck: &Deck,
    style: &Style,
    templates: &Templates,
) -> Result<String, TemplateError> {
    let numbers =
        deck.footnote_labels.iter().enumerate().map(|(i, l)| (l.clone(), i + 1)).collect();
    let mut markup = Markup::new(&deck.footnotes, NoteStyle::Numbers(numbers))
        .landing_on_slides(deck.landings.clone());
    let landing_slides: std::collections::BTreeSet<usize> =
        deck.landings.values().copied().collect();
    let slides = deck
        .slides
        .iter()
        .enumerate()
        .map(|(i, s)| SlideContext {
            divider: s.kind == crate::deck::SlideKind::Divider,
            section: s.section.as_deref(),
            title: &s.title,
            body: safe(slide_label(i, &landing_slides) + &markup.traced_blocks(&s.blocks)),
            footnotes: s
                .footnotes
                .iter()
                .map(|(number, blocks)| (*number, safe(markup.blocks(blocks))))
                .collect(),
        })
        .collect();
    let source_note = deck.source_note.as_ref().map(|n| safe(markup.inlines(n)));
    let context =
        SlidesContext { meta: &deck.meta, style, paper: deck.aspect.paper(), source_note, slides };
    render(templates, "slides.typ.j2", &context)
}

/// The label in-page links land on, for a slide some link lands on.
fn slide_label(index: usize, landing: &std::collections::BTreeSet<usize>) -> String {
    match landing.contains(&index) {
        true => format!("#metadata(none)<folio-s{index}>\n"),
        false => String::new(),
    }
}

/// Where the notes pages and handout read the finished slides PDF from.
pub const SLIDES_ASSET: &str = "/.folio-assets/slides.pdf";

/// Renders the notes pages: each slide (from the slides PDF) above its speaker notes.
pub fn render_notes_pages(deck: &Deck, templates: &Templates) -> Result<String, TemplateError> {
    let context = HandoutContext {
        meta: &deck.meta,
        slides: SLIDES_ASSET,
        pages: deck.page_count(),
        notes: deck.page_notes(),
        per_page: 1,
    };
    render(templates, "notes.typ.j2", &context)
}

/// Renders an N-up handout of the slides PDF on A4 pages.
pub fn render_handout(
    deck: &Deck,
    per_page: u8,
    templates: &Templates,
) -> Result<String, TemplateError> {
    let context = HandoutContext {
        meta: &deck.meta,
        slides: SLIDES_ASSET,
        pages: deck.page_count(),
        notes: Vec::new(),
        per_page: per_page.clamp(1, 12),
    };
    render(templates, "handout.typ.j2", &context)
}

#[derive(Serialize)]
struct HandoutContext<'a> {
    meta: &'a crate::model::Meta,
    /// Virtual path of the slides PDF.
    slides: &'a str,
    pages: usize,
    notes: Vec<String>,
    per_page: u8,
}

#[derive(Serialize)]
struct ReportContext<'a> {
    meta: &'a crate::model::Meta,
    style: &'a Style,
    /// The abstract as plain text, for the PDF's description.
    description: Option<String>,
    /// Markup of the lead abstract, if any.
    lead: Option<Value>,
    key_points_title: Option<&'a str>,
    key_points: Option<Value>,
    source_note: Option<Value>,
    body: Value,
}

#[derive(Serialize)]
struct SlidesContext<'a> {
    meta: &'a crate::model::Meta,
    style: &'a Style,
    /// Typst paper name (16:9 or 4:3).
    paper: &'a str,
    source_note: Option<Value>,
    slides: Vec<SlideContext<'a>>,
}

#[derive(Serialize)]
struct SlideContext<'a> {
    /// A section divider rather than a content slide.
    divider: bool,
    section: Option<&'a str>,
    title: &'a str,
    body: Value,
    /// (number, markup) of the notes referenced on the slide.
    footnotes: Vec<(usize, Value)>,
}

/// The plain text of the lead abstract's paragraphs.
fn lead_text(lead: &[crate::model::Block]) -> Option<String> {
    let paragraphs: Vec<String> = lead
        .iter()
        .filter_map(|b| match &b.kind {
            crate::model::BlockKind::Paragraph(content) => Some(crate::model::plain_text(content)),
            _ => None,
        })
        .collect();
    (!paragraphs.is_empty()).then(|| paragraphs.join(" "))
}

/// Markup built (and escaped) in Rust, which templates insert as it is.
fn safe(markup: String) -> Value {
    Value::from_safe_string(markup)
}

fn render(
    templates: &Templates,
    name: &str,
    ctx: &impl Serialize,
) -> Result<String, TemplateError> {
    templates.render(&TYPST, name, ctx)
}
