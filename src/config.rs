//! Which `folio.toml` applies to a report, and loading it once however many reports
//! share it.
//!
//! As `.marprc`, `_quarto.yml` and `rustfmt.toml` are found: `--config` (or
//! `FOLIO_CONFIG`) when given; otherwise the nearest `folio.toml` walking up from the
//! report's folder to the repository root (the first folder holding `.git`), and failing
//! that, one in the current folder. Outside a repository the walk goes up to the root, as
//! rustfmt's does. Paths come back absolute, so a relative `logo` in the file is taken
//! from the file's folder whoever reads it.

use crate::style::Style;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The configuration file's name.
pub const FILE_NAME: &str = "folio.toml";

/// The config file for the report `input`, when none was given explicitly.
pub fn discover(input: &Path) -> Option<PathBuf> {
    let start = if input.is_dir() { Some(input) } else { input.parent() };
    let start = start.filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let here = Path::new(FILE_NAME).canonicalize().ok().filter(|p| p.is_file());
    let Ok(start) = start.canonicalize() else { return here };
    for dir in start.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    here
}

/// Whether `path` is the configuration of the folder Folio runs in, which the user chose
/// by running there. One found beside the inputs came with them, and is trusted no more
/// than their front matter: a logo it names must lie in its own folder.
fn is_users_own(path: &Path) -> bool {
    let here = Path::new(FILE_NAME).canonicalize();
    here.is_ok_and(|here| path.canonicalize().is_ok_and(|path| path == here))
}

/// Loaded configuration files, each read and checked once, shared by every report that
/// uses it (each worker keeps one; the parent checks each once before the run).
#[derive(Default)]
pub struct Styles {
    loaded: Mutex<HashMap<PathBuf, Result<Arc<Style>, String>>>,
}

impl Styles {
    /// The style of the config file at `path`, or why it cannot be used
    /// (`path: message`).
    pub fn get(&self, path: &Path) -> Result<Arc<Style>, String> {
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        let entry = loaded.entry(path.to_path_buf()).or_insert_with(|| {
            let mut style =
                Style::from_file(path).map_err(|m| format!("{}: {m}", path.display()))?;
            if !is_users_own(path) {
                style.logo_root = path.parent().map(Path::to_path_buf);
            }
            Ok(Arc::new(style))
        });
        entry.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_config_up_to_the_repository_root_applies() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let repo = root.join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("docs/deep")).unwrap();
        std::fs::create_dir_all(repo.join("other")).unwrap();
        std::fs::write(root.join(FILE_NAME), "").unwrap();
        std::fs::write(repo.join(FILE_NAME), "").unwrap();
        std::fs::write(repo.join("docs").join(FILE_NAME), "").unwrap();
        let found = |relative: &str| discover(&repo.join(relative));
        assert_eq!(found("docs/deep/a.md"), Some(repo.join("docs").join(FILE_NAME)));
        assert_eq!(found("other/b.md"), Some(repo.join(FILE_NAME)));
        std::fs::remove_file(repo.join(FILE_NAME)).unwrap();
        // The search stops at the repository root: the file above it is not taken.
        assert_eq!(found("other/b.md"), Path::new(FILE_NAME).canonicalize().ok());
    }

    #[test]
    fn a_config_is_loaded_once_and_its_errors_name_it() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.toml");
        std::fs::write(&good, "theme = \"minimal\"\n").unwrap();
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "colour = 3\n").unwrap();
        let styles = Styles::default();
        let first = styles.get(&good).unwrap();
        assert!(Arc::ptr_eq(&first, &styles.get(&good).unwrap()));
        assert_eq!(first.theme.as_deref(), Some("minimal"));
        assert!(styles.get(&bad).unwrap_err().starts_with(&bad.display().to_string()));
    }
}
