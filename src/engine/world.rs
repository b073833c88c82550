//! Folio's `typst::World`: one in-memory main file, the template library served from
//! memory, files only from under the report's own folder, no packages, a fixed date.

use super::fonts::FontStore;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

/// Virtual folder of the template library; the generated source imports from it.
pub const LIBRARY_DIR: &str = "/.folio/";
/// Virtual path of the generated main file; relative paths in it resolve from the root.
const MAIN_PATH: &str = "/.folio-main.typ";

/// What a compile may read besides its main source.
#[derive(Debug, Clone, Default)]
pub struct Files<'f> {
    /// Template library files as (name, text), served under [`LIBRARY_DIR`].
    pub library: Vec<(&'f str, &'f str)>,
    /// The report's folder: the only place files are read from; `None` reads none.
    pub root: Option<&'f Path>,
    /// Files made in memory as (virtual path, bytes).
    pub assets: Vec<(&'f str, &'f [u8])>,
}

/// The world one document is compiled in.
pub struct FolioWorld<'a> {
    library: &'a LazyHash<Library>,
    fonts: &'a FontStore,
    main: Source,
    /// Template library files by virtual path.
    templates: HashMap<FileId, Source>,
    /// Files made in memory (re-encoded pictures) by virtual path.
    assets: HashMap<FileId, Bytes>,
    /// The report's folder (canonical); `None` allows no file access at all.
    root: Option<PathBuf>,
    /// Files read from disk, so each is read once per compile.
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
}

impl<'a> FolioWorld<'a> {
    /// A world for `main_text` that may read `files`.
    pub fn new(
        library: &'a LazyHash<Library>,
        fonts: &'a FontStore,
        parsed: &LibrarySources,
        main_text: String,
        files: &Files,
    ) -> Self {
        let main = Source::new(project_file(MAIN_PATH), main_text);
        let templates = files.library.iter().map(|(name, text)| parsed.get(name, text)).collect();
        let assets = files
            .assets
            .iter()
            .filter_map(|(path, bytes)| {
                let vpath = VirtualPath::new(path).ok()?;
                Some((
                    RootedPath::new(VirtualRoot::Project, vpath).intern(),
                    Bytes::new(bytes.to_vec()),
                ))
            })
            .collect();
        let root = files.root.and_then(|r| r.canonicalize().ok());
        Self { library, fonts, main, templates, assets, root, files: Mutex::new(HashMap::new()) }
    }

    /// The generated main source, for mapping diagnostics to lines.
    pub fn main_source(&self) -> &Source {
        &self.main
    }

    fn read_project_file(&self, id: FileId) -> FileResult<Bytes> {
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(FileError::Package(PackageError::Other(Some(
                format!("packages are not available in Folio ({spec})").into(),
            ))));
        }
        let Some(root) = &self.root else {
            return Err(FileError::AccessDenied);
        };
        let path = id.vpath().realize(root).map_err(FileError::Realize)?;
        // `realize` refuses `..`; symlinks must not lead out of the folder either.
        let real = match crate::sandbox::resolve_inside(root, &path) {
            Ok(real) => real,
            Err(crate::sandbox::Refused::Unreadable(e)) => {
                return Err(FileError::from_io(e, &path));
            }
            Err(crate::sandbox::Refused::Outside) => return Err(FileError::AccessDenied),
        };
        if real.is_dir() {
            return Err(FileError::IsDirectory);
        }
        std::fs::read(&real).map(Bytes::new).map_err(|e| FileError::from_io(e, &path))
    }
}

/// The template library's files, parsed once and shared by every compile of a run.
///
/// A fresh `Source` would be parsed again and hashed again before Typst could find its
/// module in the cache; a shared one keeps both, so only the report itself is new work.
#[derive(Default)]
pub struct LibrarySources {
    parsed: Mutex<HashMap<String, Source>>,
}

impl LibrarySources {
    /// The parsed library file `name` with `text` (parsed now if new or changed).
    fn get(&self, name: &str, text: &str) -> (FileId, Source) {
        let mut parsed = self.parsed.lock().unwrap_or_else(|e| e.into_inner());
        match parsed.get(name) {
            Some(source) if source.text() == text => (source.id(), source.clone()),
            _ => {
                let id = project_file(&format!("{LIBRARY_DIR}{name}"));
                let source = Source::new(id, text.to_string());
                parsed.insert(name.to_string(), source.clone());
                (id, source)
            }
        }
    }
}

fn project_file(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("Folio's own virtual paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl World for FolioWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        if let Some(source) = self.templates.get(&id) {
            return Ok(source.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_string()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        if let Some(source) = self.templates.get(&id) {
            return Ok(Bytes::from_string(source.clone()));
        }
        if let Some(bytes) = self.assets.get(&id) {
            return Ok(bytes.clone());
        }
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.entry(id).or_insert_with(|| self.read_project_file(id)).clone()
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // Fixed, so the same input always gives the same output.
        Datetime::from_ymd(2000, 1, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_file_is_parsed_again_only_when_its_text_changes() {
        let sources = LibrarySources::default();
        let (id, first) = sources.get("common.typ", "#let a = 1");
        let (_, again) = sources.get("common.typ", "#let a = 1");
        // The same parse: its syntax tree (and the hash Typst keeps in it) is shared.
        assert_eq!(first.root().span(), again.root().span());
        assert!(std::ptr::eq(first.text(), again.text()));
        let (changed_id, changed) = sources.get("common.typ", "#let a = 2");
        assert_eq!(changed.text(), "#let a = 2");
        assert_eq!(changed_id, id);
        assert_eq!(sources.get("common.typ", "#let a = 2").1.text(), "#let a = 2");
    }
}
