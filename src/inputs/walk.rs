//! Walking an input folder or a glob pattern the way ripgrep walks a tree: `.gitignore`
//! and `.ignore` files honoured, hidden folders and `node_modules` skipped (unless
//! `--no-ignore`), and symbolic links never leading out of the folder or round in a loop.

use super::Skipped;
use globset::{GlobBuilder, GlobMatcher};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// How folders are walked.
#[derive(Debug, Clone, Copy, Default)]
pub struct Walk {
    /// `--no-ignore`: take every Markdown file, ignored, hidden or in `node_modules`.
    pub no_ignore: bool,
}

/// Folders skipped by name even when no ignore file lists them: installed packages hold
/// thousands of READMEs nobody asked to convert.
const SKIPPED_FOLDERS: &[&str] = &["node_modules"];

impl Walk {
    /// The Markdown files (`.md`, `.markdown`) under `root`, sorted.
    pub fn markdown_files(&self, root: &Path, skipped: &mut Vec<Skipped>) -> Vec<PathBuf> {
        self.files(root, None, skipped)
            .into_iter()
            .filter(|path| {
                matches!(path.extension().and_then(|e| e.to_str()), Some("md" | "markdown"))
            })
            .collect()
    }

    /// The files a glob pattern (`reports/**/*.md`) matches, sorted, found by walking the
    /// folder before its first wildcard; `None` when `input` is no pattern (or an existing
    /// file that merely looks like one) or not a valid one.
    pub fn glob(&self, input: &Path, skipped: &mut Vec<Skipped>) -> Option<Vec<PathBuf>> {
        let pattern = input.to_str()?;
        if input.exists() || !pattern.contains(['*', '?', '[']) {
            return None;
        }
        let matcher = GlobBuilder::new(pattern).literal_separator(true).build().ok()?;
        let root = glob_root(pattern);
        let rest = &pattern[root.as_ref().map_or(0, |r| r.as_os_str().len())..];
        let matcher = Pattern {
            matcher: matcher.compile_matcher(),
            strip_dot: root.is_none(),
            // Without `**` a match lies exactly as deep as the pattern's folders.
            max_depth: (!rest.contains("**")).then(|| rest.matches('/').count() + 1),
        };
        let root = root.unwrap_or_else(|| PathBuf::from("."));
        Some(self.files(&root, Some(&matcher), skipped))
    }

    /// Every regular file under `root` (or those `pattern` matches), sorted, following
    /// symbolic links only to files inside `root`.
    fn files(
        &self,
        root: &Path,
        pattern: Option<&Pattern>,
        skipped: &mut Vec<Skipped>,
    ) -> Vec<PathBuf> {
        let inside = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let mut builder = ignore::WalkBuilder::new(root);
        builder.follow_links(false).require_git(false).sort_by_file_name(|a, b| a.cmp(b));
        builder.max_depth(pattern.and_then(|p| p.max_depth));
        if self.no_ignore {
            builder.standard_filters(false);
        } else {
            builder.filter_entry(|entry| {
                entry.depth() == 0 || !SKIPPED_FOLDERS.iter().any(|name| entry.file_name() == *name)
            });
        }
        let (mut files, mut links) = (Vec::new(), Vec::new());
        for entry in builder.build() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    skipped.push(Skipped::new(root, err.to_string()));
                    continue;
                }
            };
            let path = match pattern {
                Some(pattern) => match pattern.matched(entry.path()) {
                    Some(path) => path,
                    None => continue,
                },
                None => entry.path(),
            };
            if entry.path_is_symlink() && entry.depth() > 0 {
                match symlink_target(path, &inside) {
                    Ok(true) => links.push(path.to_path_buf()),
                    Ok(false) => {}
                    Err(reason) => skipped.push(Skipped::new(path, reason)),
                }
            } else if entry.file_type().is_some_and(|t| t.is_file()) {
                files.push(path.to_path_buf());
            }
        }
        // A link to a file the walk found anyway names it twice: the file's own path wins.
        if !links.is_empty() {
            let real: HashSet<PathBuf> =
                files.iter().filter_map(|f| f.canonicalize().ok()).collect();
            links.retain(|link| link.canonicalize().is_ok_and(|t| !real.contains(&t)));
            files.extend(links);
        }
        files.sort();
        files
    }
}

/// Whether a symbolic link met in a walk is a file to take: a link to a file inside the
/// walked folder is (converted once, by its real path when the walk finds that too); a
/// link to a folder inside it is not followed, since the walk reaches that folder anyway
/// (and a link to a parent would loop); a link out of the folder or a broken one is
/// skipped with the reason.
fn symlink_target(link: &Path, inside: &Path) -> Result<bool, String> {
    let target = link.canonicalize().map_err(|e| format!("symbolic link not followed: {e}"))?;
    if !target.starts_with(inside) {
        return Err(format!(
            "symbolic link not followed: it leads out of {} (to {})",
            inside.display(),
            target.display()
        ));
    }
    Ok(target.is_file())
}

/// A compiled glob pattern and how walked paths are put to it.
struct Pattern {
    matcher: GlobMatcher,
    /// The pattern names no folder (`*.md`): the walk of `.` yields `./a.md`, which the
    /// pattern (and the user) sees as `a.md`.
    strip_dot: bool,
    max_depth: Option<usize>,
}

impl Pattern {
    /// The path as the pattern names it, when the pattern matches it.
    fn matched<'a>(&self, path: &'a Path) -> Option<&'a Path> {
        let path = if self.strip_dot { path.strip_prefix(".").unwrap_or(path) } else { path };
        self.matcher.is_match(path).then_some(path)
    }
}

/// The folder a glob pattern's matches lie under: its path up to the last `/` before the
/// first wildcard (`reports/2025/*.md` → `reports/2025/`); `None` when that is the current
/// folder, named by no part of the pattern (`*.md`).
pub fn glob_root(pattern: &str) -> Option<PathBuf> {
    let literal = &pattern[..pattern.find(['*', '?', '[']).unwrap_or(pattern.len())];
    let folder = &literal[..literal.rfind('/').map_or(0, |slash| slash + 1)];
    (!folder.is_empty()).then(|| PathBuf::from(folder))
}
