//! Formulas are typeset once on their own before the document, so a formula Typst
//! cannot set (an argument its function refuses, say) falls back to its LaTeX source
//! with a warning instead of failing the report. The same pages give the PowerPoint
//! deck its pictures of display formulas.

use super::{Converter, typeset};
use crate::engine::{self, PagedDocument};
use crate::error::Warning;
use crate::model::{Asset, Document, Formula};
use crate::passes::shown_as_latex;

/// What the formulas of a report are typeset with.
pub struct Probe<'a> {
    /// Its fonts and templates.
    pub converter: &'a Converter,
    /// The report's theme, which the math library reads (for the body font).
    pub theme_data: &'a str,
    /// Text size in points: the slides' body size, so pictures come out at slide size.
    pub size: f64,
}

impl Probe<'_> {
    /// Typesets `source`, which reads only the templates and the theme; the reason
    /// Typst gives when it cannot, without the generated line it names.
    fn typeset(&self, source: String) -> Result<PagedDocument, String> {
        let templates = &self.converter.templates;
        let files = typeset::files(templates, None, &[], self.theme_data);
        match self.converter.typesetter.compile(source, &files) {
            Ok(typeset) => Ok(typeset.document),
            Err(error) => Err(error
                .messages
                .first()
                .map_or("Typst cannot set it", |m| m.split(" (generated line").next().unwrap_or(m))
                .to_string()),
        }
    }
}

/// Pixels per point of a formula's picture in the PowerPoint deck.
const PICTURE_PIXELS_PER_PT: f32 = 4.0;
/// Longest side of a formula's picture, in pixels.
const MAX_PICTURE_SIDE: f32 = 4096.0;

/// Typesets the converted formulas of `doc`; one Typst refuses is shown as LaTeX
/// source, with a warning. With `pictures`, display formulas get a picture (an asset).
pub fn check_formulas(probe: &Probe, doc: &mut Document, pictures: bool) -> Vec<Warning> {
    let mut formulas: Vec<(usize, Formula)> = Vec::new();
    doc.visit_formulas_mut(&mut |formula, line| {
        if formula.typst.is_some() {
            formulas.push((line, formula.clone()));
        }
    });
    if formulas.is_empty() {
        return Vec::new();
    }
    let typeset = |set: &[&Formula]| probe.typeset(probe_source(set, probe.size));
    let all: Vec<&Formula> = formulas.iter().map(|(_, f)| f).collect();
    let (document, refused) = match typeset(&all) {
        Ok(document) => (Some(document), Vec::new()),
        Err(_) => one_by_one(&formulas, typeset),
    };
    let mut warnings = Vec::new();
    let mut assets = Vec::new();
    let pages = document.as_ref().map(|d| d.pages().len()).unwrap_or(0);
    let sizes = document.as_ref().map(engine::page_sizes).unwrap_or_default();
    let mut page = 0;
    doc.visit_formulas_mut(&mut |formula, line| {
        if formula.typst.is_none() {
            return;
        }
        if let Some(reason) = refused.iter().find(|(f, _)| f == formula).map(|(_, r)| r) {
            formula.typst = None;
            let reason = format!("Typst cannot set it: {reason}");
            warnings.push(shown_as_latex(&formula.latex, line, &reason));
            return;
        }
        if let (true, true, Some(document)) = (pictures, formula.display, &document)
            && page < pages
        {
            let density = picture_density(&sizes, page);
            if let Some(png) = engine::preview::page_png(document, page, density) {
                let path = format!("/.folio-assets/formula-{page}.png");
                formula.picture = Some(path.clone());
                assets.push(Asset { path, bytes: png, pixels_per_pt: Some(density) });
            }
        }
        page += 1;
    });
    doc.assets.extend(assets);
    warnings
}

/// Pixels per point for the picture of `page`: [`PICTURE_PIXELS_PER_PT`], less for a
/// formula so wide that its picture would pass [`MAX_PICTURE_SIDE`] pixels.
fn picture_density(sizes: &[(f64, f64)], page: usize) -> f32 {
    let (width, height) = sizes.get(page).copied().unwrap_or((1.0, 1.0));
    let longest = width.max(height).max(1.0) as f32;
    PICTURE_PIXELS_PER_PT.min(MAX_PICTURE_SIDE / longest)
}

/// When the formulas fail together: each typeset alone, those Typst refuses with its
/// reason; the document of the others (one page each, in order).
fn one_by_one(
    formulas: &[(usize, Formula)],
    typeset: impl Fn(&[&Formula]) -> Result<PagedDocument, String>,
) -> (Option<PagedDocument>, Vec<(Formula, String)>) {
    let mut refused = Vec::new();
    let mut good = Vec::new();
    for (_, formula) in formulas {
        match typeset(&[formula]) {
            Ok(_) => good.push(formula),
            Err(reason) => refused.push((formula.clone(), reason)),
        }
    }
    (typeset(&good).ok(), refused)
}

/// A document of `formulas`, one per page, at the slides' body size, on a transparent
/// page as tight as the formula.
fn probe_source(formulas: &[&Formula], size: f64) -> String {
    let mut source = String::from(
        "#import \"/.folio/lib/math.typ\": *\n#show: math-fonts\n\
         #set page(width: auto, height: auto, margin: 2pt, fill: none)\n",
    );
    source.push_str(&format!("#set text(size: {size}pt)\n"));
    for (index, formula) in formulas.iter().enumerate() {
        if index > 0 {
            source.push_str("#pagebreak()\n");
        }
        let typst = formula.typst.as_deref().unwrap_or_default();
        source.push_str(&format!("$ {typst} $\n"));
    }
    source
}
