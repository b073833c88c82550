//! Links to other files: to a report converted in the same run they point at its PDF;
//! to anything else they keep their text and show where they pointed.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// The reports converted in one run, each with the PDF it becomes, so links between
/// them can point at PDFs. Empty means unknown: links to files then show their target.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunDocuments {
    #[serde(with = "crate::wire_path::map")]
    pdfs: HashMap<PathBuf, PathBuf>,
}

impl RunDocuments {
    /// Records that `input` becomes `pdf`.
    pub fn insert(&mut self, input: &Path, pdf: &Path) {
        self.pdfs.insert(key(input), absolute(pdf));
    }

    /// The PDF `input` becomes, when it is converted in this run.
    pub fn pdf_for(&self, input: &Path) -> Option<&Path> {
        self.pdfs.get(&key(input)).map(PathBuf::as_path)
    }

    pub fn is_empty(&self) -> bool {
        self.pdfs.is_empty()
    }
}

/// Where a link to `target` (relative to the report at `report`) should point: the
/// relative path of its PDF when it is converted in this run.
pub fn pdf_link(report: &Path, target: &str, run: &RunDocuments) -> Option<String> {
    let base = report.parent().unwrap_or(Path::new(""));
    let target_input = base.join(target);
    let target_pdf = run.pdf_for(&target_input)?;
    let from = match run.pdf_for(report) {
        Some(own) => own.parent().map(Path::to_path_buf).unwrap_or_default(),
        None => absolute(base),
    };
    Some(url_path(&relative(&from, target_pdf)))
}

/// Whether `target` (relative to `report`) is the report itself.
pub fn is_same_file(report: &Path, target: &str) -> bool {
    let base = report.parent().unwrap_or(Path::new(""));
    target.is_empty() || key(&base.join(target)) == key(report)
}

/// The path that names the same file from everywhere: canonical when it exists, else
/// absolute with `.` and `..` worked out.
fn key(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| absolute(path))
}

fn absolute(path: &Path) -> PathBuf {
    let joined = match path.is_absolute() {
        true => path.to_path_buf(),
        false => std::env::current_dir().unwrap_or_default().join(path),
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// `to` as seen from the folder `from` (both absolute).
fn relative(from: &Path, to: &Path) -> PathBuf {
    let from_abs = absolute(from);
    let from: Vec<Component> = from_abs.components().collect();
    let to_abs = absolute(to);
    let to: Vec<Component> = to_abs.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..from.len() {
        out.push("..");
    }
    for part in &to[common..] {
        out.push(part);
    }
    out
}

/// A relative path as a URL path: `/` separators, spaces and URL punctuation escaped.
fn url_path(path: &Path) -> String {
    let parts: Vec<String> =
        path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let mut out = String::new();
    for c in parts.join("/").chars() {
        match c {
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '%' => out.push_str("%25"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_between_reports_point_at_their_pdfs() {
        let mut run = RunDocuments::default();
        run.insert(Path::new("/r/README.md"), Path::new("/out/README.pdf"));
        run.insert(Path::new("/r/docs/guide.md"), Path::new("/out/docs/guide.pdf"));
        let readme = Path::new("/r/README.md");
        assert_eq!(pdf_link(readme, "docs/guide.md", &run).as_deref(), Some("docs/guide.pdf"));
        assert_eq!(pdf_link(readme, "./docs/guide.md", &run).as_deref(), Some("docs/guide.pdf"));
        let guide = Path::new("/r/docs/guide.md");
        assert_eq!(pdf_link(guide, "../README.md", &run).as_deref(), Some("../README.pdf"));
        assert_eq!(pdf_link(guide, "../LICENSE", &run), None);
    }
}
