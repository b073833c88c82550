//! Typesetting: Typst source → laid-out pages → PDF bytes and PNG previews.
//!
//! The only module that imports `typst*` crates; their API churns between releases, so
//! an upgrade touches this folder alone.

pub mod code_audit;
mod fonts;
mod grammar;
pub mod highlight;
pub mod inspect;
pub(crate) mod math_guard;
pub mod measure;
pub mod preview;
mod world;

pub use fonts::{FontError, FontStore, REQUIRED_FAMILIES, font_dirs};
pub use grammar::grammar_for;

use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::Smart;
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
pub use world::Files;
use world::{FolioWorld, LibrarySources};

pub use typst_layout::PagedDocument;

/// Stack of every thread that typesets: Typst recurses deeply on deeply nested
/// documents.
pub const TYPESETTING_STACK: usize = 64 * 1024 * 1024;

/// The comment the writer puts before each top-level block of a generated source,
/// followed by the block's Markdown line (`// source line 12`), by which errors are
/// reported at the report's line.
pub const SOURCE_LINE: &str = "// source line ";

/// Typst's standard library and the fonts: built once, shared by every document.
pub struct Typesetter {
    library: LazyHash<Library>,
    fonts: FontStore,
    templates: LibrarySources,
}

/// A compiled document with the warnings Typst gave.
pub struct Typeset {
    pub document: PagedDocument,
    pub warnings: Vec<String>,
}

/// Typst rejected a generated source.
#[derive(Debug, thiserror::Error)]
#[error("{}", .messages.join("; "))]
pub struct TypesetError {
    /// Each diagnostic in words, with its hints.
    pub messages: Vec<String>,
    /// The Markdown line of the block the first error came from, when it can be known.
    pub line: Option<usize>,
}

impl Typesetter {
    /// Sets up Typst with the fonts found in `font_dirs`.
    pub fn new(font_dirs: &[std::path::PathBuf]) -> Result<Self, FontError> {
        Ok(Self {
            library: LazyHash::new(Library::default()),
            fonts: FontStore::load(font_dirs)?,
            templates: LibrarySources::default(),
        })
    }

    /// Whether a font family of that name is loaded (Typst's names, in any case).
    pub fn has_family(&self, family: &str) -> bool {
        self.fonts.book.contains_family(&family.to_lowercase())
    }

    /// Compiles `source`, which may read only `files`.
    pub fn compile(&self, source: String, files: &Files) -> Result<Typeset, TypesetError> {
        let world = FolioWorld::new(&self.library, &self.fonts, &self.templates, source, files);
        let warned = typst::compile::<PagedDocument>(&world);
        let warnings = warned.warnings.iter().map(|d| describe(&world, d).0).collect();
        match warned.output {
            Ok(document) => Ok(Typeset { document, warnings }),
            Err(errors) => {
                let errors = errors.iter().filter(|d| d.severity == Severity::Error);
                let (messages, lines): (Vec<String>, Vec<Option<usize>>) =
                    errors.map(|d| describe(&world, d)).unzip();
                Err(TypesetError { messages, line: lines.into_iter().flatten().next() })
            }
        }
    }
}

/// Exports a laid-out document as PDF (tagged, with the document's title and language).
pub fn export_pdf(
    document: &PagedDocument,
    standard: Option<PdfStandard>,
) -> Result<Vec<u8>, TypesetError> {
    let fail = |messages: Vec<String>| TypesetError { messages, line: None };
    let standards = match standard {
        None => typst_pdf::PdfStandards::default(),
        Some(standard) => {
            let standard = match standard {
                PdfStandard::A2b => typst_pdf::PdfStandard::A_2b,
                PdfStandard::Ua1 => typst_pdf::PdfStandard::Ua_1,
            };
            typst_pdf::PdfStandards::new(&[standard])
                .map_err(|e| fail(vec![e.message().to_string()]))?
        }
    };
    let options = typst_pdf::PdfOptions {
        ident: Smart::Auto,
        // Archival files must carry a date; reproducible builds take it from
        // SOURCE_DATE_EPOCH. A date the report sets itself wins over both.
        timestamp: source_date_epoch().or_else(|| (standard == Some(PdfStandard::A2b)).then(now)),
        standards,
        ..Default::default()
    };
    typst_pdf::pdf(document, &options)
        .map_err(|errors| fail(errors.iter().map(|d| d.message.to_string()).collect()))
}

/// PDF standards a file can be made to declare and satisfy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PdfStandard {
    /// PDF/A-2b, for archiving.
    A2b,
    /// PDF/UA-1, for accessibility.
    Ua1,
}

fn source_date_epoch() -> Option<typst_pdf::Timestamp> {
    let seconds: i64 = std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()?;
    timestamp_from_unix(seconds)
}

fn now() -> typst_pdf::Timestamp {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    timestamp_from_unix(seconds).expect("the current time is a valid date")
}

/// Seconds since 1970 as a UTC timestamp (days to civil date: Howard Hinnant's method).
fn timestamp_from_unix(seconds: i64) -> Option<typst_pdf::Timestamp> {
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    let (hour, minute, second) = ((rest / 3600) as u8, (rest % 3600 / 60) as u8, (rest % 60) as u8);
    let datetime =
        typst::foundations::Datetime::from_ymd_hms(year, month, day, hour, minute, second)?;
    Some(typst_pdf::Timestamp::new_utc(datetime))
}

/// Page sizes in points, for checks and summaries.
pub fn page_sizes(document: &PagedDocument) -> Vec<(f64, f64)> {
    document.pages().iter().map(|p| (p.frame.width().to_pt(), p.frame.height().to_pt())).collect()
}

/// Frees Typst's memoization caches between documents so memory stays flat in a batch.
pub fn evict_caches() {
    typst::comemo::evict(10);
}

/// A diagnostic in words, and the Markdown line it came from: the block around the
/// error in the generated source, or, for an error inside the template library, around
/// the innermost call from the generated source that led there. No internal path is
/// named: it would tell the user nothing about the report.
fn describe(world: &FolioWorld, diag: &SourceDiagnostic) -> (String, Option<usize>) {
    let mut text = diag.message.to_string();
    let in_main = |span: typst::syntax::DiagSpan| span.id() == Some(world.main());
    let traced = diag.trace.iter().map(|point| typst::syntax::DiagSpan::from(point.span));
    let from_main = std::iter::once(diag.span).chain(traced);
    let offset = from_main.filter(|span| in_main(*span)).find_map(|span| world.range(span));
    let line = offset.and_then(|range| markdown_line(world.main_source().root(), range.start));
    for hint in &diag.hints {
        text.push_str(&format!("; hint: {}", hint.v));
    }
    (text, line)
}

/// The line named by the last `// source line N` comment before `target` (a byte
/// offset) in the generated source: the Markdown line of the block written there. Only
/// comments count, so report text that reads like the marker (in code, say) cannot
/// mislead it.
fn markdown_line(root: &typst::syntax::SyntaxNode, target: usize) -> Option<usize> {
    fn walk(
        node: &typst::syntax::SyntaxNode,
        start: usize,
        target: usize,
        last: &mut Option<usize>,
    ) {
        let mut offset = start;
        for child in node.children() {
            if offset >= target {
                return;
            }
            if child.kind() == typst::syntax::SyntaxKind::LineComment {
                let number = child.leaf_text().strip_prefix(SOURCE_LINE);
                if let Some(line) = number.and_then(|n| n.trim().parse().ok()) {
                    *last = Some(line);
                }
            } else {
                walk(child, offset, target, last);
            }
            offset += child.len();
        }
    }
    let mut last = None;
    walk(root, 0, target, &mut last);
    last
}
