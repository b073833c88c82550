//! Helpers shared by the integration tests: one converter (fonts load once), fixture
//! paths, and what a reader would extract from a PDF.

use folio::{Converter, ConverterOptions};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The bundled fonts only, so output is the same on every machine.
pub fn converter() -> &'static Converter {
    static CONVERTER: OnceLock<Converter> = OnceLock::new();
    CONVERTER.get_or_init(|| {
        let options = ConverterOptions { font_dirs: vec![fonts_dir()], ..Default::default() };
        Converter::new(options).expect("bundled fonts load")
    })
}

/// A converter that writes the `.pptx` too (bundled fonts only, as everywhere).
pub fn pptx_converter() -> &'static Converter {
    static CONVERTER: OnceLock<Converter> = OnceLock::new();
    CONVERTER.get_or_init(|| {
        let mut options = ConverterOptions { font_dirs: vec![fonts_dir()], ..Default::default() };
        options.outputs.insert(folio::Output::Pptx);
        Converter::new(options).expect("bundled fonts load")
    })
}

pub fn fonts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Reports that must convert: the test fixtures and the bundled sample content.
pub fn good_reports() -> Vec<PathBuf> {
    let mut reports =
        vec![fixture("scraped-zh.md"), fixture("plain-en.md"), fixture("constructs.md")];
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    if content.is_dir() {
        let jobs = folio::inputs::find_jobs(&[content], Path::new("unused"));
        reports.extend(jobs.into_iter().map(|job| job.input));
    }
    reports
}

/// Text of a PDF as a PDF reader extracts it, with all whitespace removed (line breaks
/// and justification put spaces in different places than the source has them).
pub fn pdf_text_compact(pdf: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(pdf).expect("PDF text extracts");
    compact(&text)
}

/// `text` without whitespace, for comparing source text with extracted text.
///
/// Noto Sans SC draws U+00B7 (middle dot) and U+2022 (bullet) with one glyph, so a PDF's
/// glyph-to-text map can give back either; both count as the bullet here. Invisible
/// format characters are left out too: zero-width spaces (break opportunities Folio adds
/// to long URLs), soft hyphens, and the word joiner Typst puts before footnote numbers.
pub fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200B}' | '\u{AD}' | '\u{2060}'))
        .map(|c| if c == '·' { '•' } else { c })
        .collect()
}

/// The `folio` binary, run in `dir` with `args`, untouched by the developer's own
/// `FOLIO_*` settings and `NO_COLOR`.
pub fn folio_command(dir: &Path, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_folio"));
    command.current_dir(dir).args(args);
    for variable in [
        "FOLIO_FONTS",
        "FOLIO_CONFIG",
        "FOLIO_JOBS",
        "FOLIO_TIMEOUT",
        "FOLIO_TEMPLATES",
        "FOLIO_CACHE_DIR",
        "FOLIO_MAX_MEMORY_MB",
        "NO_COLOR",
    ] {
        command.env_remove(variable);
    }
    command
}

/// Runs `folio` in `dir` with `args` (see [`folio_command`]) and waits for it.
pub fn folio(dir: &Path, args: &[&str]) -> std::process::Output {
    folio_command(dir, args).output().expect("folio runs")
}

/// What a run printed on stderr.
pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The addresses the PDF's link annotations open.
pub fn link_uris(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).expect("PDF loads");
    let annotations = doc
        .get_pages()
        .values()
        .flat_map(|id| doc.get_page_annotations(*id).unwrap_or_default())
        .collect::<Vec<_>>();
    annotations
        .into_iter()
        .filter_map(|annotation| {
            let action = annotation.get_deref(b"A", &doc).and_then(|a| a.as_dict()).ok()?;
            let uri = action.get_deref(b"URI", &doc).and_then(|u| u.as_str()).ok()?;
            Some(String::from_utf8_lossy(uri).into_owned())
        })
        .collect()
}

/// The image XObjects of a PDF.
pub fn pdf_images(pdf: &lopdf::Document) -> Vec<&lopdf::Stream> {
    pdf.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(&b"Image"[..]))
        .collect()
}

/// The widths of the image XObjects of the PDF at `path`, in the file's order.
pub fn image_widths(path: &Path) -> Vec<i64> {
    let pdf = lopdf::Document::load(path).unwrap();
    let widths = pdf_images(&pdf).into_iter();
    widths.filter_map(|s| s.dict.get(b"Width").and_then(|w| w.as_i64()).ok()).collect()
}
