//! Model → Typst source, through embedded Minijinja templates.

pub mod escape;
pub mod markup;
mod templates;

pub use templates::Templates;

use crate::deck::Deck;
use crate::model::Document;
use minijinja::Value;
use serde::Serialize;

/// A template that failed to render (a broken user override, usually).
#[derive(Debug, thiserror::Error)]
#[error("template {name}: {source}")]
pub struct RenderError {
    pub name: String,
    #[source]
    pub source: minijinja::Error,
}

/// Renders the print briefing's Typst source.
pub fn render_report(doc: &Document, templates: &Templates) -> Result<String, RenderError> {
    let body = markup::blocks_to_markup(&doc.blocks);
    render(templates, "report.typ.j2", &ReportContext { meta: &doc.meta, body: safe(body) })
}

/// Renders the slide deck's Typst source.
pub fn render_slides(deck: &Deck, templates: &Templates) -> Result<String, RenderError> {
    let slides = deck
        .slides
        .iter()
        .map(|s| SlideContext {
            section: s.section.as_deref(),
            title: &s.title,
            body: safe(markup::blocks_to_markup(&s.blocks)),
        })
        .collect();
    render(templates, "slides.typ.j2", &SlidesContext { meta: &deck.meta, slides })
}

#[derive(Serialize)]
struct ReportContext<'a> {
    meta: &'a crate::model::Meta,
    body: Value,
}

#[derive(Serialize)]
struct SlidesContext<'a> {
    meta: &'a crate::model::Meta,
    slides: Vec<SlideContext<'a>>,
}

#[derive(Serialize)]
struct SlideContext<'a> {
    section: Option<&'a str>,
    title: &'a str,
    body: Value,
}

/// Markup built (and escaped) in Rust, which templates insert as it is.
fn safe(markup: String) -> Value {
    Value::from_safe_string(markup)
}

fn render(templates: &Templates, name: &str, ctx: &impl Serialize) -> Result<String, RenderError> {
    let wrap = |source| RenderError { name: name.to_string(), source };
    let env = templates.environment().map_err(wrap)?;
    let template = env.get_template(name).map_err(wrap)?;
    template.render(Value::from(minijinja::value::Serde(ctx))).map_err(wrap)
}
