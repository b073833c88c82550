//! The library API: configure once, convert many documents from memory to bytes.

mod blame;
mod extras;
mod fingerprint;
mod formulas;
mod reference;
mod style;
mod typeset;

use crate::deck;
use crate::engine::{self, Typesetter};
use crate::error::{Error, Warning};
use crate::fetch::RemotePictures;
use crate::model::Document;
use crate::output::Output;
pub use crate::passes::RunDocuments;
pub use crate::prepare::Input;
use crate::render;
use crate::style::Style;
use crate::templates::{TemplateError, Templates};
use crate::theme::Themes;
pub use fingerprint::settings_fingerprint;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Settings shared by every document a [`Converter`] handles. Serialisable, so a worker
/// process receives exactly the settings of its parent.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConverterOptions {
    /// Extra font folders, searched before the bundled `fonts/` (see [`engine::font_dirs`]).
    #[serde(with = "crate::wire_path::list")]
    pub font_dirs: Vec<PathBuf>,
    /// Skip the bundled `fonts/` folder and use only `font_dirs`.
    pub no_bundled_fonts: bool,
    /// A folder whose files override the embedded templates by name.
    #[serde(with = "crate::wire_path::option")]
    pub templates_dir: Option<PathBuf>,
    /// The outputs to make. The speaker notes, notes pages and handout are made from the
    /// slides, so only along with them; a report whose style sets `pptx = true` gets the
    /// PowerPoint deck too.
    pub outputs: BTreeSet<Output>,
    /// Slides per A4 page of the handout (1–12).
    pub handout_per_page: u8,
    /// Passes to skip, by name.
    pub disabled_passes: Vec<String>,
    /// Layout of the slide deck.
    pub deck: crate::deck::DeckOptions,
    /// Style from folio.toml; each report's front matter may override it.
    pub style: Style,
    /// A PDF standard the print briefing declares and satisfies.
    pub pdf_standard: Option<engine::PdfStandard>,
    /// Also render PNG previews of the print briefing and the slides.
    pub previews: bool,
    /// Also keep every page of the print briefing and the slides as SVG (the preview
    /// server shows them).
    #[serde(default)]
    pub svg_pages: bool,
    /// Leave the PDF bytes of the print briefing and the slides empty: the preview server
    /// shows the SVG pages on every save and makes the PDFs only when they are downloaded
    /// (PDF export was a quarter of a rebuild). The outputs made from the slides PDF
    /// (notes pages, handout) must not be asked for with it.
    #[serde(default)]
    pub skip_pdf: bool,
    /// What decoding one raster picture may cost, e.g. 100 megapixels and 512 MB; a
    /// picture over it is a placeholder with a warning.
    pub image_limits: crate::picture::Limits,
    /// The company template the `.pptx` is written on (`--reference-pptx`), over the one
    /// a report's folio.toml names.
    #[serde(default, with = "crate::wire_path::option")]
    pub reference_pptx: Option<PathBuf>,
    /// The PDFs take the template's colours and fonts (`--brand-from-reference`).
    #[serde(default)]
    pub brand_from_reference: bool,
}

impl Default for ConverterOptions {
    fn default() -> Self {
        Self {
            font_dirs: Vec::new(),
            no_bundled_fonts: false,
            templates_dir: None,
            outputs: BTreeSet::from([Output::Report, Output::Slides, Output::SpeakerNotes]),
            handout_per_page: 6,
            disabled_passes: Vec::new(),
            deck: Default::default(),
            style: Style::default(),
            pdf_standard: None,
            previews: false,
            svg_pages: false,
            skip_pdf: false,
            image_limits: Default::default(),
            reference_pptx: None,
            brand_from_reference: false,
        }
    }
}

/// One output of a document: its bytes, the Typst it was typeset from, its page count.
#[derive(Debug, Clone, Default)]
pub struct Artifact {
    pub bytes: Vec<u8>,
    /// The generated Typst source, for outputs Typst typesets.
    pub typst: Option<String>,
    pub pages: usize,
    /// With previews on: the first page and a contact sheet of all pages, as PNG.
    pub previews: Option<Previews>,
    /// Every page as an SVG document, when asked for (see [`ConverterOptions::svg_pages`]).
    pub svg_pages: Vec<String>,
}

/// PNG previews of one output.
#[derive(Debug, Clone)]
pub struct Previews {
    pub first_page: Vec<u8>,
    pub contact_sheet: Vec<u8>,
}

/// What converting one document produced: each output made, in [`Output::ALL`] order.
#[derive(Debug, Clone, Default)]
pub struct Converted {
    pub outputs: Vec<(Output, Artifact)>,
    pub warnings: Vec<Warning>,
}

impl Converted {
    /// The artifact of `output`, when it was made.
    pub fn get(&self, output: Output) -> Option<&Artifact> {
        self.outputs.iter().find(|(o, _)| *o == output).map(|(_, artifact)| artifact)
    }

    fn push(&mut self, output: Output, artifact: Option<Artifact>) {
        self.outputs.extend(artifact.map(|artifact| (output, artifact)));
    }
}

/// Converts Markdown reports to a print PDF and a slide deck; fonts and templates are
/// loaded once and shared by every document (and thread).
pub struct Converter {
    typesetter: Typesetter,
    templates: Templates,
    /// Every theme of the templates, checked when the converter is made.
    themes: Themes,
    options: ConverterOptions,
    /// Font folders in use, for the build fingerprint.
    font_dirs: Vec<PathBuf>,
    /// Typeset the print and slide outputs side by side (off for a worker given one core).
    parallel_outputs: bool,
    /// SVG pages made before, reused when a page is laid out as it was (with
    /// [`ConverterOptions::svg_pages`], for the preview server's rebuilds).
    svg_cache: engine::preview::SvgCache,
    /// Company PowerPoint templates read so far.
    references: reference::References,
}

impl Converter {
    /// Loads fonts, templates and themes; a theme that is not complete and valid fails
    /// here, before any report.
    pub fn new(options: ConverterOptions) -> Result<Self, Error> {
        let font_dirs = engine::font_dirs(&options.font_dirs, !options.no_bundled_fonts);
        let typesetter = Typesetter::new(&font_dirs)?;
        let templates = load_templates(&options)?;
        let themes = Themes::load(&templates)?;
        Ok(Self {
            typesetter,
            templates,
            themes,
            options,
            font_dirs,
            parallel_outputs: true,
            svg_cache: Default::default(),
            references: Default::default(),
        })
    }

    /// Whether the print and slide outputs of a document are typeset side by side (the
    /// default) or one after the other, for a caller that runs documents side by side.
    pub fn set_parallel_outputs(&mut self, parallel: bool) {
        self.parallel_outputs = parallel;
    }

    /// A fingerprint of everything besides the report that decides the output: Folio's
    /// version, the templates, the font files (names and sizes) and the options.
    pub fn settings_fingerprint(&self) -> crate::manifest::Fingerprint {
        fingerprint::fingerprint(&self.options, &self.templates, &self.font_dirs)
    }

    /// Reads and cleans a document: Markdown → model after passes (see [`crate::prepare`]).
    pub fn read(&self, input: &Input) -> Result<(Document, Vec<Warning>), Error> {
        self.read_fetched(input, None)
    }

    /// [`Self::read`] with the document's fetched remote pictures.
    fn read_fetched(
        &self,
        input: &Input,
        remote: Option<&RemotePictures>,
    ) -> Result<(Document, Vec<Warning>), Error> {
        let options = &self.options;
        crate::prepare::prepare_fetched(
            input,
            remote,
            &options.disabled_passes,
            &options.image_limits,
        )
    }

    /// Converts one document to the configured outputs.
    pub fn convert(&self, input: &Input) -> Result<Converted, Error> {
        self.convert_fetched(input, None)
    }

    /// Converts one document whose remote pictures were fetched ([`crate::fetch`]);
    /// `remote` is `None` when the document did not ask for them.
    pub fn convert_fetched(
        &self,
        input: &Input,
        remote: Option<&RemotePictures>,
    ) -> Result<Converted, Error> {
        let (mut doc, mut warnings) = self.read_fetched(input, remote)?;
        let mut style = self.style_for(input, &mut doc, &mut warnings)?;
        // `--charts` wins over the style, for the print writer as for the planner.
        if let Some(charts) = self.options.deck.charts {
            style.charts = Some(charts.name().to_string());
        }
        let template = self.on_template(&style)?;
        let (theme, deck_options) = self.theme_for(&style, template.as_ref(), &mut warnings);
        let theme_data = theme.to_json();
        let wanted = self.outputs_for(&style);
        let size = theme.slide.sizes.body;
        let probe = formulas::Probe { converter: self, theme_data: &theme_data, size };
        let pictures = wanted.contains(&Output::Pptx);
        warnings.extend(formulas::check_formulas(&probe, &mut doc, pictures));
        let template_error = |source| Error::Template { path: input.path.to_path_buf(), source };
        // On a template, the deck is planned for the template's body box, and the slides
        // PDF shows the same slides as the .pptx.
        let fitted = template.as_ref().map(|t| t.fit(&theme));
        let deck_theme = fitted.as_ref().map_or(&theme, |f| &f.theme);
        // The .pptx is planned like the slides PDF, even when only it is wanted.
        let mut deck = (wanted.contains(&Output::Slides) || wanted.contains(&Output::Pptx))
            .then(|| deck::plan(&doc, &deck_options, deck_theme));
        if let Some(left_out) = deck.as_mut().and_then(deck::Deck::cap_slides) {
            let message = format!(
                "the deck stops at {} slides ({left_out} more left out; the print briefing has them)",
                deck::MAX_SLIDES
            );
            warnings.push(Warning { line: None, message });
        }
        let (report_typst, slides_typst) =
            self.typst_sources(&doc, deck.as_ref(), &style, &wanted).map_err(template_error)?;
        let job = typeset::Job {
            converter: self,
            input,
            assets: &doc.assets,
            theme: &theme,
            theme_data: &theme_data,
        };
        let blame = blame::Sources { job: &job, doc: &doc, deck: deck.as_ref(), style: &style };
        let (report, slides) =
            job.report_and_slides(report_typst, slides_typst).map_err(|e| blame.locate(e))?;
        let mut converted = Converted::default();
        for (_, typeset_warnings) in report.iter().chain(slides.iter()) {
            // Both outputs typeset the same text: a warning they share is given once.
            for warning in typeset_warnings {
                if !warnings.contains(warning) {
                    warnings.push(warning.clone());
                }
            }
        }
        converted.warnings = warnings;
        converted.push(Output::Report, report.map(|(artifact, _)| artifact));
        let slides = slides.map(|(artifact, _)| artifact);
        if let (Some(deck), Some(slides)) = (&deck, slides) {
            let (pdf, svgs) = (slides.bytes.clone(), slides.svg_pages.clone());
            converted.push(Output::Slides, Some(slides));
            let extras = extras::Extras {
                job: &job,
                deck,
                wanted: &wanted,
                slides_pdf: &pdf,
                slide_svgs: &svgs,
            };
            extras.add_to(&mut converted)?;
        }
        if let Some(deck) = deck.as_ref().filter(|_| wanted.contains(&Output::Pptx)) {
            let on_template = template.as_ref().zip(fitted.as_ref());
            let (pptx, pptx_warnings) = job.pptx(deck, &style, on_template)?;
            converted.push(Output::Pptx, Some(pptx));
            converted.warnings.extend(pptx_warnings);
        }
        Ok(converted)
    }

    /// The outputs to make of a report with `style`.
    /// The deck layout for one report: `--deck` wins over the report's style (`deck =
    /// "brief"`, checked by [`Style::validate`]).
    fn deck_options(&self, style: &Style) -> deck::DeckOptions {
        let from_style = match style.deck.as_deref() {
            Some("brief") => Some(deck::DeckLength::Brief),
            Some("full") => Some(deck::DeckLength::Full),
            _ => None,
        };
        let mut options = self.options.deck;
        options.length = options.length.or(from_style);
        let charts_from_style = style.charts.as_deref().and_then(deck::ChartPlacement::from_name);
        options.charts = options.charts.or(charts_from_style);
        options
    }

    fn outputs_for(&self, style: &Style) -> BTreeSet<Output> {
        let mut wanted = self.options.outputs.clone();
        if style.wants_pptx() {
            wanted.insert(Output::Pptx);
        }
        wanted
    }

    /// The Typst sources of the print briefing and the slides, as wanted.
    fn typst_sources(
        &self,
        doc: &Document,
        deck: Option<&deck::Deck>,
        style: &Style,
        wanted: &BTreeSet<Output>,
    ) -> Result<(Option<String>, Option<String>), TemplateError> {
        let report = match wanted.contains(&Output::Report) {
            true => Some(render::render_report(doc, style, &self.templates)?),
            false => None,
        };
        let slides = match deck.filter(|_| wanted.contains(&Output::Slides)) {
            Some(deck) => Some(render::render_slides(deck, style, &self.templates)?),
            None => None,
        };
        Ok((report, slides))
    }

    /// Compiles a Typst source with this converter's fonts and templates, for tests and
    /// tools that inspect the laid-out pages.
    pub fn typeset_document(
        &self,
        typst: String,
        base_dir: Option<&std::path::Path>,
    ) -> Result<engine::PagedDocument, engine::TypesetError> {
        let mut theme = self.themes.styled(self.options.style.theme_name(), None);
        theme.slide.sizes.raise_to(self.options.deck.aspect.smallest_text());
        let theme = theme.to_json();
        let files = typeset::files(&self.templates, base_dir, &[], &theme);
        Ok(self.typesetter.compile(typst, &files)?.document)
    }
}

/// The embedded templates, with the files of `templates_dir` over them.
fn load_templates(options: &ConverterOptions) -> Result<Templates, Error> {
    match &options.templates_dir {
        Some(dir) => {
            Templates::with_overrides(dir).map_err(|source| Error::Io { path: dir.clone(), source })
        }
        None => Ok(Templates::embedded()),
    }
}
