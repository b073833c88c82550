//! The one rule for reading a report's files: a path is followed through `..` and
//! symlinks, and read only when where it really leads lies inside the report's folder.
//! Typesetting, the images pass, the PowerPoint writer and the logo all ask here.

use std::path::{Path, PathBuf};

/// Why a path may not be read.
#[derive(Debug)]
pub enum Refused {
    /// It does not exist or cannot be resolved.
    Unreadable(std::io::Error),
    /// It leads out of the folder.
    Outside,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Unreadable(err) => err.fmt(f),
            Refused::Outside => f.write_str("outside the report's folder"),
        }
    }
}

/// The real path of `path` (relative paths are taken from the working folder, as the
/// caller joined them) when it lies inside `root`.
pub fn resolve_inside(root: &Path, path: &Path) -> Result<PathBuf, Refused> {
    let root = root.canonicalize().map_err(Refused::Unreadable)?;
    let real = path.canonicalize().map_err(Refused::Unreadable)?;
    if real.starts_with(&root) { Ok(real) } else { Err(Refused::Outside) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_that_stay_inside_the_folder_resolve() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("report");
        std::fs::create_dir_all(root.join("img")).unwrap();
        std::fs::write(root.join("img/a.png"), b"x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), b"x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        let inside = |relative: &str| resolve_inside(&root, &root.join(relative));
        let table: &[(&str, bool)] = &[
            ("img/a.png", true),
            ("img/../img/a.png", true),
            ("../secret.txt", false),
            ("img/../../secret.txt", false),
            ("missing.png", false),
            #[cfg(unix)]
            ("link.txt", false),
        ];
        for (relative, allowed) in table {
            assert_eq!(inside(relative).is_ok(), *allowed, "{relative}");
        }
        assert!(matches!(inside("../secret.txt"), Err(Refused::Outside)));
        assert!(matches!(inside("missing.png"), Err(Refused::Unreadable(_))));
    }
}
