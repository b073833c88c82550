//! The font store: loaded once per run and shared by every document of a batch.

use std::path::{Path, PathBuf};
use std::sync::Once;
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontStretch, FontStyle, FontVariant, FontWeight};
use typst::utils::LazyHash;

/// Families the templates need; a missing one is an error, never silent tofu.
pub const REQUIRED_FAMILIES: &[&str] = &["Noto Sans SC", "Noto Serif SC"];

/// All fonts available to Typst, with their book.
pub struct FontStore {
    pub(super) book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// One gate per font: its content hash is computed once, by whichever thread comes
    /// first, while others wait instead of hashing the same megabytes again.
    hashed: Vec<Once>,
}

/// Fonts could not be found or read.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("cannot read font {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error(
        "font family \"{family}\" ({weight}) not found; searched {searched}. \
         Pass --fonts DIR or set FOLIO_FONTS to a folder with the Noto Sans SC and \
         Noto Serif SC .ttf files (Regular and Bold), as shipped in Folio's fonts/ folder"
    )]
    Missing { family: String, weight: &'static str, searched: String },
}

impl FontStore {
    /// Loads every font file in `dirs` plus Typst's embedded monospace fonts, then checks
    /// that the required families exist in regular and bold.
    pub fn load(dirs: &[PathBuf]) -> Result<Self, FontError> {
        let mut fonts: Vec<Font> =
            typst_assets::fonts().flat_map(|data| Font::iter(Bytes::new(data))).collect();
        // Reading a CJK font's character map takes milliseconds; the files are read side
        // by side, and kept in folder order so the book is the same on every run.
        let paths: Vec<PathBuf> = dirs.iter().flat_map(|dir| font_files(dir)).collect();
        let loaded: Vec<Result<Vec<Font>, FontError>> = std::thread::scope(|scope| {
            let threads: Vec<_> =
                paths.iter().map(|path| scope.spawn(move || load_file(path))).collect();
            threads
                .into_iter()
                .map(|t| t.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        for file in loaded {
            fonts.extend(file?);
        }
        let book = FontBook::from_fonts(&fonts);
        check_required(&book, dirs)?;
        let hashed = fonts.iter().map(|_| Once::new()).collect();
        Ok(Self { book: LazyHash::new(book), fonts, hashed })
    }

    /// The font at `index`, with its content hash ready (Typst hashes every font it is
    /// handed, and a CJK font takes milliseconds to hash).
    pub(super) fn font(&self, index: usize) -> Option<Font> {
        let font = self.fonts.get(index)?;
        self.hashed[index].call_once(|| {
            typst::utils::hash128(font);
        });
        Some(font.clone())
    }
}

/// The fonts of one file (a collection holds several).
fn load_file(path: &Path) -> Result<Vec<Font>, FontError> {
    let data =
        map_file(path).map_err(|source| FontError::Read { path: path.to_owned(), source })?;
    Ok(Font::iter(Bytes::new(data)).collect())
}

/// Maps a font file into memory instead of reading it: the CJK fonts are 10–15 MB each and
/// a document touches few of their pages, so copying them all cost 40 % of a one-report run.
pub(super) fn map_file(path: &Path) -> std::io::Result<memmap2::Mmap> {
    let file = std::fs::File::open(path)?;
    // SAFETY: the mapping is read-only. Fonts are installed files that Folio never writes;
    // one truncated by another program while a run is under way could fault, as it would
    // in any program that maps its fonts.
    unsafe { memmap2::Mmap::map(&file) }
}

fn font_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
            matches!(ext.as_str(), "ttf" | "otf" | "ttc" | "otc")
        })
        .collect();
    files.sort();
    files
}

fn check_required(book: &FontBook, dirs: &[PathBuf]) -> Result<(), FontError> {
    for family in REQUIRED_FAMILIES {
        for (weight, name) in [(FontWeight::REGULAR, "Regular"), (FontWeight::BOLD, "Bold")] {
            let variant = FontVariant::new(FontStyle::Normal, weight, FontStretch::NORMAL);
            let found = book
                .select(&family.to_lowercase(), variant)
                .and_then(|i| book.info(i))
                .is_some_and(|info| info.variant.weight == weight);
            if !found {
                let searched = if dirs.is_empty() {
                    "no font folder".to_string()
                } else {
                    dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", ")
                };
                return Err(FontError::Missing {
                    family: family.to_string(),
                    weight: name,
                    searched,
                });
            }
        }
    }
    Ok(())
}

/// Where fonts are looked for: explicit folders (`--fonts` or `FOLIO_FONTS`) first, then
/// (with `bundled`) the first default folder holding fonts: `./fonts`, `fonts/` beside the executable (or up
/// to two levels above it, for `target/release/folio`), and the source checkout's `fonts/`.
pub fn font_dirs(explicit: &[PathBuf], bundled: bool) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = explicit.to_vec();
    if bundled {
        dirs.extend(bundled_font_dir());
    }
    // The same folder reached two ways is loaded once.
    let mut seen = Vec::new();
    dirs.retain(|d| {
        let key = d.canonicalize().unwrap_or_else(|_| d.clone());
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    dirs
}

fn bundled_font_dir() -> Option<PathBuf> {
    let mut defaults = vec![PathBuf::from("fonts")];
    if let Ok(exe) = std::env::current_exe() {
        defaults.extend(exe.ancestors().skip(1).take(3).map(|dir| dir.join("fonts")));
    }
    defaults.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts"));
    defaults.into_iter().find(|d| has_font_files(d))
}

fn has_font_files(dir: &Path) -> bool {
    !font_files(dir).is_empty()
}
