//! An upload laid out in its temporary folder: a Markdown file as is, a zip unpacked with
//! limits (names that would leave the folder skipped, total size and entry count capped).

use std::io::Read;
use std::path::{Path, PathBuf};

/// Most entries a zip may have.
const MAX_ENTRIES: usize = 2_000;

/// Writes the upload under `folder/in` and returns the report to convert.
pub fn unpack(
    name: &str,
    body: &[u8],
    folder: &Path,
    max_unpacked: u64,
) -> Result<PathBuf, String> {
    let inner = folder.join("in");
    std::fs::create_dir_all(&inner).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(folder.join("out")).map_err(|e| e.to_string())?;
    let is_zip = name.to_ascii_lowercase().ends_with(".zip") || body.starts_with(b"PK\x03\x04");
    if !is_zip {
        let path = inner.join("report.md");
        std::fs::write(&path, body).map_err(|e| e.to_string())?;
        return Ok(path);
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(body))
        .map_err(|e| format!("not a readable zip: {e}"))?;
    if archive.len() > MAX_ENTRIES {
        return Err(format!("the zip has over {MAX_ENTRIES} entries"));
    }
    let mut left = max_unpacked;
    let mut reports = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|e| format!("zip entry {index}: {e}"))?;
        let Some(relative) = entry.enclosed_name() else { continue };
        let path = inner.join(&relative);
        if entry.is_dir() {
            std::fs::create_dir_all(&path).map_err(|e| e.to_string())?;
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        let mut bytes = Vec::new();
        (&mut entry).take(left + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        if bytes.len() as u64 > left {
            return Err("the zip unpacks to more than ten times the upload limit".to_string());
        }
        left -= bytes.len() as u64;
        std::fs::write(&path, &bytes).map_err(|e| e.to_string())?;
        let lower = relative.to_string_lossy().to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            reports.push(path);
        }
    }
    // The report nearest the top of the archive, then by name.
    reports.sort_by_key(|path| (path.components().count(), path.clone()));
    reports.into_iter().next().ok_or_else(|| "the zip holds no .md file".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_zip_is_unpacked_inside_its_folder_only() {
        let folder = tempfile::tempdir().unwrap();
        let body = zip_of(&[("../evil.md", b"x"), ("r/a.md", b"# A"), ("r/p.png", b"png")]);
        let report = unpack("up.zip", &body, folder.path(), 1_000).unwrap();
        assert_eq!(report, folder.path().join("in/r/a.md"));
        assert!(!folder.path().join("evil.md").exists());
        assert!(folder.path().join("in/r/p.png").exists());
        let big = zip_of(&[("a.md", &[b'a'; 5_000])]);
        assert!(unpack("big.zip", &big, folder.path(), 1_000).unwrap_err().contains("ten times"));
        let none = zip_of(&[("a.txt", b"x")]);
        assert!(unpack("n.zip", &none, folder.path(), 1_000).is_err());
    }
}
