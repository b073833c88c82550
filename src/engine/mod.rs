//! Typesetting: Typst source → laid-out pages → PDF bytes and PNG previews.
//!
//! The only module that imports `typst*` crates; their API churns between releases, so
//! an upgrade touches this folder alone.

mod fonts;
pub mod inspect;
mod world;

pub use fonts::{FontError, FontStore, REQUIRED_FAMILIES, font_dirs};

use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::Smart;
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
pub use world::Files;
use world::FolioWorld;

pub use typst_layout::PagedDocument;

/// Typst's standard library and the fonts: built once, shared by every document.
pub struct Typesetter {
    library: LazyHash<Library>,
    fonts: FontStore,
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
    /// Each diagnostic as `message (generated line N: snippet)`.
    pub messages: Vec<String>,
}

impl Typesetter {
    /// Sets up Typst with the fonts found in `font_dirs`.
    pub fn new(font_dirs: &[std::path::PathBuf]) -> Result<Self, FontError> {
        Ok(Self { library: LazyHash::new(Library::default()), fonts: FontStore::load(font_dirs)? })
    }

    /// Compiles `source`, which may read only `files`.
    pub fn compile(&self, source: String, files: &Files) -> Result<Typeset, TypesetError> {
        let world = FolioWorld::new(&self.library, &self.fonts, source, files);
        let warned = typst::compile::<PagedDocument>(&world);
        let warnings = warned.warnings.iter().map(|d| describe(&world, d)).collect();
        match warned.output {
            Ok(document) => Ok(Typeset { document, warnings }),
            Err(errors) => Err(TypesetError {
                messages: errors
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .map(|d| describe(&world, d))
                    .collect(),
            }),
        }
    }
}

/// Exports a laid-out document as PDF (tagged, with the document's title and language).
pub fn export_pdf(document: &PagedDocument) -> Result<Vec<u8>, TypesetError> {
    let options = typst_pdf::PdfOptions { ident: Smart::Auto, ..Default::default() };
    typst_pdf::pdf(document, &options).map_err(|errors| TypesetError {
        messages: errors.iter().map(|d| d.message.to_string()).collect(),
    })
}

/// Page sizes in points, for checks and summaries.
pub fn page_sizes(document: &PagedDocument) -> Vec<(f64, f64)> {
    document.pages().iter().map(|p| (p.frame.width().to_pt(), p.frame.height().to_pt())).collect()
}

/// Frees Typst's memoization caches between documents so memory stays flat in a batch.
pub fn evict_caches() {
    typst::comemo::evict(10);
}

fn describe(world: &FolioWorld, diag: &SourceDiagnostic) -> String {
    let mut text = diag.message.to_string();
    if let Some(range) = world.range(diag.span)
        && diag.span.id() == Some(world.main())
    {
        let source = world.main_source();
        if let Some(line) = source.lines().byte_to_line(range.start) {
            let snippet: String = source.text()[range].chars().take(60).collect();
            text.push_str(&format!(" (generated line {}: {snippet})", line + 1));
        }
    } else if let Some(id) = diag.span.id() {
        text.push_str(&format!(" (in {})", id.vpath().get_with_slash()));
    }
    for hint in &diag.hints {
        text.push_str(&format!("; hint: {}", hint.v));
    }
    text
}
