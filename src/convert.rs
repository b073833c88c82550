//! The library API: configure once, convert many documents from memory to bytes.

use crate::engine::{self, Typesetter};
use crate::error::{Error, Warning};
use crate::model::Asset;
pub use crate::passes::RunDocuments;
use crate::render;
use crate::sandbox::{Refused, resolve_inside};
use crate::style::Style;
use crate::templates::Templates;
use crate::theme::{Theme, Themes};
use crate::{deck, markdown, passes};
use std::path::{Path, PathBuf};

/// Which outputs to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outputs {
    pub report: bool,
    pub slides: bool,
}

impl Default for Outputs {
    fn default() -> Self {
        Self { report: true, slides: true }
    }
}

/// Settings shared by every document a [`Converter`] handles.
#[derive(Debug, Clone, Default)]
pub struct ConverterOptions {
    /// Extra font folders, searched before the bundled `fonts/` (see [`engine::font_dirs`]).
    pub font_dirs: Vec<PathBuf>,
    /// Skip the bundled `fonts/` folder and use only `font_dirs`.
    pub no_bundled_fonts: bool,
    /// A folder whose files override the embedded templates by name.
    pub templates_dir: Option<PathBuf>,
    pub outputs: Outputs,
    /// Passes to skip, by name.
    pub disabled_passes: Vec<String>,
    /// Layout of the slide deck.
    pub deck: crate::deck::DeckOptions,
    /// Also produce a PDF with each slide above its speaker notes.
    pub notes_pages: bool,
    /// Also produce an N-up handout of the slides (slides per A4 page).
    pub handout: Option<u8>,
    /// Style from folio.toml; each report's front matter may override it.
    pub style: crate::style::Style,
    /// A PDF standard the print briefing declares and satisfies.
    pub pdf_standard: Option<engine::PdfStandard>,
    /// Also render PNG previews of the print briefing and the slides.
    pub previews: bool,
    /// Also write the slide deck as an editable PowerPoint file (as does `pptx = true`
    /// in the style).
    pub pptx: bool,
}

/// One input document, held in memory.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    /// Path used in messages (and whose stem is the fallback title).
    pub path: &'a Path,
    pub markdown: &'a str,
    /// The folder images may be read from; `None` allows no file access.
    pub base_dir: Option<&'a Path>,
    /// The reports converted in the same run, so links between them point at each
    /// other's PDFs; `None` when unknown (links to other files then show their target).
    pub run: Option<&'a RunDocuments>,
}

/// One typeset output: its PDF, the Typst it came from, and its page count.
#[derive(Debug, Clone)]
pub struct Artifact {
    pub pdf: Vec<u8>,
    pub typst: String,
    pub pages: usize,
    /// With previews on: the first page and a contact sheet of all pages, as PNG.
    pub previews: Option<Previews>,
}

/// PNG previews of one output.
#[derive(Debug, Clone)]
pub struct Previews {
    pub first_page: Vec<u8>,
    pub contact_sheet: Vec<u8>,
}

/// What converting one document produced.
#[derive(Debug, Clone)]
pub struct Converted {
    pub report: Option<Artifact>,
    pub slides: Option<Artifact>,
    /// Speaker notes of the slides as a pdfpc file (JSON), when there are slides.
    pub pdfpc: Option<String>,
    /// Each slide above its notes.
    pub notes_pages: Option<Artifact>,
    /// Several slides per page, for printing.
    pub handout: Option<Artifact>,
    /// The same deck as an editable PowerPoint file.
    pub pptx: Option<Vec<u8>>,
    pub warnings: Vec<Warning>,
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
}

impl Converter {
    /// Loads fonts, templates and themes; a theme that is not complete and valid fails
    /// here, before any report.
    pub fn new(options: ConverterOptions) -> Result<Self, Error> {
        let font_dirs = engine::font_dirs(&options.font_dirs, !options.no_bundled_fonts);
        let typesetter = Typesetter::new(&font_dirs)?;
        let templates = load_templates(&options)?;
        let themes = Themes::load(&templates)?;
        Ok(Self { typesetter, templates, themes, options, font_dirs, parallel_outputs: true })
    }

    /// Whether the print and slide outputs of a document are typeset side by side (the
    /// default) or one after the other, for a caller that runs documents side by side.
    pub fn set_parallel_outputs(&mut self, parallel: bool) {
        self.parallel_outputs = parallel;
    }

    /// A fingerprint of everything besides the report that decides the output: Folio's
    /// version, the templates, the font files (names and sizes) and the options.
    pub fn settings_fingerprint(&self) -> crate::manifest::Fingerprint {
        fingerprint(&self.options, &self.templates, &self.font_dirs)
    }

    /// Reads and cleans a document: Markdown → model after passes.
    pub fn read(&self, input: &Input) -> Result<(crate::model::Document, Vec<Warning>), Error> {
        let fallback_title = input.path.file_stem().map(|s| s.to_string_lossy().into_owned());
        let read_options = markdown::ReadOptions { fallback_title };
        let (mut doc, mut warnings) =
            markdown::read(input.markdown, &read_options).map_err(|e| Error::Markdown {
                path: input.path.to_path_buf(),
                line: e.line,
                message: e.message,
            })?;
        warnings.extend(passes::run_all(&mut doc, &self.options.disabled_passes));
        warnings.extend(passes::resolve_images(&mut doc, input.base_dir));
        warnings.extend(passes::resolve_links(&mut doc, input.path, input.run));
        Ok((doc, warnings))
    }

    /// Converts one document to the configured outputs.
    pub fn convert(&self, input: &Input) -> Result<Converted, Error> {
        let (mut doc, mut warnings) = self.read(input)?;
        let style = self.style_for(input, &mut doc, &mut warnings)?;
        let theme = self.themes.styled(style.theme_name(), style.brand_colour.as_deref());
        let template_error = |source| Error::Template { path: input.path.to_path_buf(), source };
        let report_typst = match self.options.outputs.report {
            true => {
                Some(render::render_report(&doc, &style, &self.templates).map_err(template_error)?)
            }
            false => None,
        };
        // The .pptx is planned like the slides PDF, even when only it is wanted.
        let pptx = self.options.pptx || style.wants_pptx();
        let deck = (self.options.outputs.slides || pptx)
            .then(|| deck::plan(&doc, &self.options.deck, &theme));
        let slides_typst = match deck.as_ref().filter(|_| self.options.outputs.slides) {
            Some(deck) => {
                Some(render::render_slides(deck, &style, &self.templates).map_err(template_error)?)
            }
            None => None,
        };
        // The two outputs are independent: typeset them side by side.
        let typeset = |typst: Option<String>, output| {
            typst.map(|typst| self.typeset(input, &doc.assets, &theme, typst, output)).transpose()
        };
        let (report, slides) = if self.parallel_outputs && rayon::current_thread_index().is_some() {
            // On a thread of a rayon pool (a worker's): both outputs and Typst's own
            // parallel work share that pool's threads and large stacks.
            rayon::join(
                || typeset(report_typst, "print briefing"),
                || typeset(slides_typst, "slide deck"),
            )
        } else if self.parallel_outputs {
            std::thread::scope(|scope| {
                let slides = std::thread::Builder::new()
                    .stack_size(engine::TYPESETTING_STACK)
                    .spawn_scoped(scope, || typeset(slides_typst, "slide deck"));
                let report = typeset(report_typst, "print briefing");
                let slides = match slides {
                    Ok(handle) => {
                        handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                    }
                    Err(_) => Err(Error::Internal {
                        path: input.path.to_path_buf(),
                        message: "cannot start a typesetting thread".into(),
                    }),
                };
                (report, slides)
            })
        } else {
            (typeset(report_typst, "print briefing"), typeset(slides_typst, "slide deck"))
        };
        let (report, slides) = (report?, slides?);
        // Both outputs typeset the same text: a warning they share is given once.
        for (_, typeset_warnings) in report.iter().chain(slides.iter()) {
            for warning in typeset_warnings {
                if !warnings.contains(warning) {
                    warnings.push(warning.clone());
                }
            }
        }
        let report = report.map(|(artifact, _)| artifact);
        let slides = slides.map(|(artifact, _)| artifact);
        let mut converted = Converted {
            report,
            slides,
            pdfpc: None,
            notes_pages: None,
            handout: None,
            pptx: None,
            warnings,
        };
        if let (Some(deck), Some(slides)) = (&deck, &converted.slides) {
            converted.pdfpc = Some(crate::pdfpc::notes_file(deck));
            let (notes_pages, handout) = self.handouts(input, deck, &theme, &slides.pdf)?;
            (converted.notes_pages, converted.handout) = (notes_pages, handout);
        }
        if let Some(deck) = deck.as_ref().filter(|_| pptx) {
            let (pptx, pptx_warnings) = self.pptx(input, deck, &doc.assets, &theme, &style)?;
            converted.pptx = Some(pptx);
            converted.warnings.extend(pptx_warnings);
        }
        Ok(converted)
    }

    /// The deck as a `.pptx`, from the same plan as the slides PDF.
    fn pptx(
        &self,
        input: &Input,
        deck: &deck::Deck,
        assets: &[Asset],
        theme: &Theme,
        style: &Style,
    ) -> Result<(Vec<u8>, Vec<Warning>), Error> {
        // SVG pictures are drawn by Typst, from the same files the slides PDF reads.
        let theme_data = theme.to_json();
        let rasterize = |url: &str| {
            let typst = format!(
                "#set page(width: auto, height: auto, margin: 0pt)\n#image({})",
                render::escape::string_literal(url)
            );
            let files = self.files(input.base_dir, assets, &theme_data);
            let typeset = self.typesetter.compile(typst, &files).ok()?;
            engine::preview::page_png(&typeset.document, 0, crate::pptx::SVG_PIXELS_PER_PT)
        };
        let sources = crate::pptx::Sources {
            theme,
            templates: &self.templates,
            assets,
            base_dir: input.base_dir,
            logo: style.logo.as_deref().and_then(Path::to_str),
            rasterize: Some(&rasterize),
        };
        crate::pptx::write(deck, &sources).map_err(|e| match e {
            crate::pptx::PptxError::Template(source) => {
                Error::Template { path: input.path.to_path_buf(), source }
            }
            crate::pptx::PptxError::Package(message) => {
                Error::Internal { path: input.path.to_path_buf(), message }
            }
        })
    }

    /// The notes pages and the N-up handout, as configured: both place pages of the
    /// finished slides PDF.
    fn handouts(
        &self,
        input: &Input,
        deck: &deck::Deck,
        theme: &Theme,
        slides_pdf: &[u8],
    ) -> Result<(Option<Artifact>, Option<Artifact>), Error> {
        let template_error = |source| Error::Template { path: input.path.to_path_buf(), source };
        let slides = [Asset { path: render::SLIDES_ASSET.to_string(), bytes: slides_pdf.to_vec() }];
        let notes_pages = match self.options.notes_pages {
            true => {
                let typst =
                    render::render_notes_pages(deck, &self.templates).map_err(template_error)?;
                Some(self.typeset(input, &slides, theme, typst, "notes pages")?.0)
            }
            false => None,
        };
        let handout = match self.options.handout {
            Some(per_page) => {
                let typst = render::render_handout(deck, per_page, &self.templates)
                    .map_err(template_error)?;
                Some(self.typeset(input, &slides, theme, typst, "handout")?.0)
            }
            None => None,
        };
        Ok((notes_pages, handout))
    }

    /// The report's style: folio.toml with its front matter over it, checked; a logo
    /// becomes an asset served from memory.
    fn style_for(
        &self,
        input: &Input,
        doc: &mut crate::model::Document,
        warnings: &mut Vec<Warning>,
    ) -> Result<Style, Error> {
        let mut style = self.options.style.merged(&doc.meta.style);
        style
            .validate(&self.themes.names())
            .map_err(|source| Error::Style { path: input.path.to_path_buf(), source })?;
        // A logo named by the report itself may come only from the report's folder, like
        // its images; one from folio.toml (the user's own configuration) may be anywhere.
        let from_report = doc.meta.style.logo.is_some();
        if let Some(logo) = style.logo.take() {
            let path = match (logo.is_relative(), input.base_dir) {
                (true, Some(dir)) => dir.join(&logo),
                _ => logo.clone(),
            };
            let allowed = match (from_report, input.base_dir) {
                (false, _) => Ok(()),
                (true, Some(dir)) => resolve_inside(dir, &path).map(drop),
                (true, None) => Err(Refused::Outside),
            };
            let loaded =
                allowed.map_err(|refused| refused.to_string()).and_then(|()| load_logo(&path));
            match loaded {
                Ok(asset) => {
                    style.logo = Some(asset.path.clone().into());
                    doc.assets.push(asset);
                }
                Err(message) => warnings.push(Warning {
                    line: None,
                    message: format!("logo {}: {message}; left out", logo.display()),
                }),
            }
        }
        Ok(style)
    }

    /// What typesetting may read: templates, the theme (as JSON, for `lib/theme.typ`),
    /// the report's folder, assets.
    fn files<'f>(
        &'f self,
        base_dir: Option<&'f Path>,
        assets: &'f [Asset],
        theme_data: &'f str,
    ) -> engine::Files<'f> {
        let theme = std::iter::once((THEME_DATA, theme_data.as_bytes()));
        engine::Files {
            library: self.templates.library_files().collect(),
            root: base_dir,
            assets: assets
                .iter()
                .map(|a| (a.path.as_str(), a.bytes.as_slice()))
                .chain(theme)
                .collect(),
        }
    }

    /// Typesets one output; returns it with Typst's warnings.
    fn typeset(
        &self,
        input: &Input,
        assets: &[Asset],
        theme: &Theme,
        typst: String,
        output: &'static str,
    ) -> Result<(Artifact, Vec<Warning>), Error> {
        let fail = |source| Error::Typeset { path: input.path.to_path_buf(), output, source };
        let theme_data = theme.to_json();
        let files = self.files(input.base_dir, assets, &theme_data);
        let typeset = self.typesetter.compile(typst.clone(), &files).map_err(fail)?;
        let uncovered = engine::inspect::uncovered_chars(&typeset.document);
        let warnings = typeset
            .warnings
            .into_iter()
            .map(|message| Warning { line: None, message })
            .chain(uncovered_warnings(&uncovered, input.markdown));
        // Standards apply to the briefing; slides and handouts stay ordinary tagged PDFs.
        let standard = if output == "print briefing" { self.options.pdf_standard } else { None };
        let pdf = engine::export_pdf(&typeset.document, standard).map_err(fail)?;
        let previews = match self.options.previews && output != "notes pages" && output != "handout"
        {
            true => Some(Previews {
                first_page: engine::preview::page_png(&typeset.document, 0, 2.0)
                    .unwrap_or_default(),
                contact_sheet: engine::preview::contact_sheet_png(&typeset.document, 240)
                    .unwrap_or_default(),
            }),
            false => None,
        };
        let artifact = Artifact { pdf, typst, pages: typeset.document.pages().len(), previews };
        Ok((artifact, warnings.collect()))
    }

    /// Compiles a Typst source with this converter's fonts and templates, for tests and
    /// tools that inspect the laid-out pages.
    pub fn typeset_document(
        &self,
        typst: String,
        base_dir: Option<&Path>,
    ) -> Result<engine::PagedDocument, engine::TypesetError> {
        let theme = self.themes.styled(self.options.style.theme_name(), None).to_json();
        let typeset = self.typesetter.compile(typst, &self.files(base_dir, &[], &theme))?;
        Ok(typeset.document)
    }
}

/// The settings fingerprint of [`Converter::settings_fingerprint`], without loading fonts:
/// what a run that leaves converting to worker processes needs.
pub fn settings_fingerprint(
    options: &ConverterOptions,
) -> Result<crate::manifest::Fingerprint, Error> {
    let font_dirs = engine::font_dirs(&options.font_dirs, !options.no_bundled_fonts);
    Ok(fingerprint(options, &load_templates(options)?, &font_dirs))
}

fn fingerprint(
    options: &ConverterOptions,
    templates: &Templates,
    font_dirs: &[PathBuf],
) -> crate::manifest::Fingerprint {
    let mut fingerprint = crate::manifest::Fingerprint::default();
    fingerprint.add(env!("CARGO_PKG_VERSION").as_bytes());
    for (name, text) in templates.files() {
        fingerprint.add(name.as_bytes()).add(text.as_bytes());
    }
    for dir in font_dirs {
        let mut fonts: Vec<(String, u64)> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| {
                (e.file_name().to_string_lossy().into_owned(), e.metadata().map_or(0, |m| m.len()))
            })
            .collect();
        fonts.sort();
        for (name, len) in fonts {
            fingerprint.add(name.as_bytes()).add(&len.to_le_bytes());
        }
    }
    fingerprint.add(format!("{:?}", options).as_bytes());
    fingerprint
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

/// Reads a logo picture into an asset, checking it is an image Typst can place.
fn load_logo(path: &Path) -> Result<Asset, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let kind = crate::picture::sniff(&bytes).filter(|kind| kind.typst_reads());
    let kind = kind.ok_or("not a PNG, JPEG, GIF, WebP or SVG picture")?;
    Ok(Asset { path: format!("/.folio-assets/logo.{}", kind.extension()), bytes })
}
