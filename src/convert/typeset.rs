//! Typesetting one document's outputs: the print briefing and the slides side by side,
//! each checked for characters no font covers; and the PowerPoint deck, whose SVG
//! pictures Typst draws.

use super::{Artifact, Converter, Input, Previews};
use crate::deck::Deck;
use crate::engine;
use crate::error::{Error, Warning};
use crate::model::Asset;
use crate::output::Output;
use crate::style::Style;
use crate::templates::Templates;
use crate::theme::Theme;
use std::path::Path;

/// An output with the warnings typesetting gave.
pub(super) type Typeset = (Artifact, Vec<Warning>);

/// One document being typeset: what every output of it reads.
pub(super) struct Job<'a> {
    pub converter: &'a Converter,
    pub input: &'a Input<'a>,
    /// Pictures served from memory (re-encoded images, the logo).
    pub assets: &'a [Asset],
    /// The report's theme (its brand colour applied).
    pub theme: &'a Theme,
    /// The theme as JSON, which `lib/theme.typ` reads.
    pub theme_data: &'a str,
}

impl Job<'_> {
    /// The print briefing and the slides, as given; independent, so typeset side by side.
    pub fn report_and_slides(
        &self,
        report: Option<String>,
        slides: Option<String>,
    ) -> Result<(Option<Typeset>, Option<Typeset>), Error> {
        let typeset = |typst: Option<String>, output| {
            typst.map(|typst| self.typeset(self.assets, typst, output)).transpose()
        };
        let (report, slides) = if !self.converter.parallel_outputs {
            (typeset(report, Output::Report), typeset(slides, Output::Slides))
        } else if rayon::current_thread_index().is_some() {
            // On a thread of a rayon pool (a worker's): both outputs and Typst's own
            // parallel work share that pool's threads and large stacks.
            rayon::join(|| typeset(report, Output::Report), || typeset(slides, Output::Slides))
        } else {
            std::thread::scope(|scope| {
                let spawned = std::thread::Builder::new()
                    .stack_size(engine::TYPESETTING_STACK)
                    .spawn_scoped(scope, || typeset(slides, Output::Slides));
                let report = typeset(report, Output::Report);
                let slides = match spawned {
                    Ok(handle) => handle.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                    Err(_) => Err(self.internal("cannot start a typesetting thread")),
                };
                (report, slides)
            })
        };
        Ok((report?, slides?))
    }

    /// Typesets one output from `typst`, which may read `assets`; returns it with
    /// Typst's warnings and one for each character no font covers.
    pub fn typeset(
        &self,
        assets: &[Asset],
        typst: String,
        output: Output,
    ) -> Result<Typeset, Error> {
        let converter = self.converter;
        let fail = |source| Error::Typeset { path: self.input.path.to_path_buf(), output, source };
        let files = files(&converter.templates, self.input.base_dir, assets, self.theme_data);
        let typeset = converter.typesetter.compile(typst.clone(), &files).map_err(fail)?;
        let uncovered = engine::inspect::uncovered_chars(&typeset.document);
        let warnings = typeset
            .warnings
            .into_iter()
            .map(|message| Warning { line: None, message })
            .chain(uncovered_warnings(&uncovered, self.input.markdown));
        // Standards apply to the briefing; slides and handouts stay ordinary tagged PDFs.
        let standard = converter.options.pdf_standard.filter(|_| output == Output::Report);
        let skipped =
            converter.options.skip_pdf && matches!(output, Output::Report | Output::Slides);
        let pdf = match skipped {
            true => Vec::new(),
            false => engine::export_pdf(&typeset.document, standard).map_err(fail)?,
        };
        let previewed = matches!(output, Output::Report | Output::Slides);
        let previews = (converter.options.previews && previewed).then(|| Previews {
            first_page: engine::preview::page_png(&typeset.document, 0, 2.0).unwrap_or_default(),
            contact_sheet: engine::preview::contact_sheet_png(&typeset.document, 240)
                .unwrap_or_default(),
        });
        let pages = typeset.document.pages().len();
        let svg_pages = match (self.wants_svg(output), converter.options.svg_pages) {
            (false, _) => Vec::new(),
            (true, true) => converter.svg_cache.page_svgs(&typeset.document),
            (true, false) => engine::preview::page_svgs(&typeset.document),
        };
        let artifact = Artifact { bytes: pdf, typst: Some(typst), pages, previews, svg_pages };
        Ok((artifact, warnings.collect()))
    }

    /// Whether `output`'s pages are kept as SVG: for the preview server, and the slides
    /// for the web deck, which inlines them.
    fn wants_svg(&self, output: Output) -> bool {
        let options = &self.converter.options;
        match output {
            Output::Report => options.svg_pages,
            Output::Slides => options.svg_pages || options.outputs.contains(&Output::SlidesHtml),
            _ => false,
        }
    }

    /// The deck as a `.pptx`, from the same plan as the slides PDF.
    /// On a company template, `on_template` gives it and the theme fitted to it.
    pub fn pptx(
        &self,
        deck: &Deck,
        style: &Style,
        on_template: Option<(&super::reference::OnTemplate, &crate::pptx::reference::Fitted)>,
    ) -> Result<(Artifact, Vec<Warning>), Error> {
        // SVG pictures are drawn by Typst, from the same files the slides PDF reads.
        let rasterize = |url: &str, pixels_per_pt: f32| {
            let typst = format!(
                "#set page(width: auto, height: auto, margin: 0pt)\n#image({})",
                crate::render::escape::string_literal(url)
            );
            let templates = &self.converter.templates;
            let files = files(templates, self.input.base_dir, self.assets, self.theme_data);
            let typeset = self.converter.typesetter.compile(typst, &files).ok()?;
            engine::preview::page_png(&typeset.document, 0, pixels_per_pt)
        };
        let template = on_template.map(|(on, fitted)| crate::pptx::Template {
            reference: &on.reference,
            choice: &on.choice,
            frame: fitted.frame,
        });
        let sources = crate::pptx::Sources {
            theme: on_template.map_or(self.theme, |(_, fitted)| &fitted.theme),
            template,
            templates: &self.converter.templates,
            assets: self.assets,
            base_dir: self.input.base_dir,
            logo: style.logo.as_deref().and_then(Path::to_str),
            rasterize: Some(&rasterize),
        };
        let (bytes, warnings) = crate::pptx::write(deck, &sources).map_err(|e| match e {
            crate::pptx::PptxError::Template(source) => {
                Error::Template { path: self.input.path.to_path_buf(), source }
            }
            crate::pptx::PptxError::Package(message) => self.internal(&message),
        })?;
        let pages = deck.page_count();
        Ok((Artifact { bytes, pages, ..Artifact::default() }, warnings))
    }

    fn internal(&self, message: &str) -> Error {
        Error::Internal { path: self.input.path.to_path_buf(), message: message.to_string() }
    }
}

/// What typesetting may read: templates, the theme (as JSON, for `lib/theme.typ`), the
/// report's folder, assets.
pub(super) fn files<'f>(
    templates: &'f Templates,
    base_dir: Option<&'f Path>,
    assets: &'f [Asset],
    theme_data: &'f str,
) -> engine::Files<'f> {
    let theme = std::iter::once((THEME_DATA, theme_data.as_bytes()));
    engine::Files {
        library: templates.library_files().collect(),
        root: base_dir,
        assets: assets.iter().map(|a| (a.path.as_str(), a.bytes.as_slice())).chain(theme).collect(),
    }
}

/// Where the Typst library reads the theme (`json("theme.json")` in `lib/theme.typ`).
const THEME_DATA: &str = "/.folio/lib/theme.json";

/// Most characters no font covers that are named one by one; the rest are counted.
const UNCOVERED_NAMED: usize = 10;

/// A warning for each character no font covers, with the first line of the report that
/// holds it: a box in the PDF is never silent.
fn uncovered_warnings(chars: &[char], markdown: &str) -> Vec<Warning> {
    let first_line =
        |c: char| markdown.lines().position(|line| line.contains(c)).map(|index| index + 1);
    let mut warnings: Vec<Warning> = chars
        .iter()
        .take(UNCOVERED_NAMED)
        .map(|&c| Warning {
            line: first_line(c),
            message: format!(
                "no font has a glyph for U+{:04X} \"{c}\"; it shows as a box (add a font \
                 that covers it with --fonts)",
                c as u32
            ),
        })
        .collect();
    if chars.len() > UNCOVERED_NAMED {
        warnings.push(Warning {
            line: None,
            message: format!(
                "{} more characters have no glyph in any font",
                chars.len() - UNCOVERED_NAMED
            ),
        });
    }
    warnings
}
