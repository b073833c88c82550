//! The picture cache: one file of bytes and one of facts (`KEY.bin`, `KEY.json`) per
//! URL, kept between runs in the platform's cache folder, so a re-run or a batch sharing
//! pictures downloads each once and a later run works with no network at all.

use crate::manifest::Fingerprint;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How long a stored picture is used without asking the server again; after that it is
/// revalidated with its `ETag` / `Last-Modified` (a 304 costs no download).
pub const FRESH_FOR: Duration = Duration::from_secs(24 * 60 * 60);

/// What is known of one stored picture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The URL the report gave (redirects followed from it).
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// When the bytes were last confirmed by the server, in seconds since 1970.
    pub checked_at: u64,
    /// The fingerprint of the bytes, for the report's build fingerprint.
    pub hash: String,
}

impl Entry {
    /// Whether the server confirmed the bytes less than [`FRESH_FOR`] ago.
    pub fn is_fresh(&self) -> bool {
        now().saturating_sub(self.checked_at) < FRESH_FOR.as_secs()
    }
}

/// A cache folder.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache in `dir` (made when first written).
    pub fn new(dir: &Path) -> Cache {
        Cache { dir: dir.to_path_buf() }
    }

    /// The stored picture of `url` and the path of its bytes, if any.
    pub fn lookup(&self, url: &str) -> Option<(Entry, PathBuf)> {
        let (facts, bytes) = self.paths(url);
        let entry: Entry = serde_json::from_str(&std::fs::read_to_string(facts).ok()?).ok()?;
        (entry.url == url && bytes.is_file()).then_some((entry, bytes))
    }

    /// Stores the bytes of `url` and returns their entry and path.
    pub fn store(
        &self,
        url: &str,
        bytes: &[u8],
        etag: Option<String>,
        last_modified: Option<String>,
    ) -> Result<(Entry, PathBuf), String> {
        let (facts, path) = self.paths(url);
        let hash = Fingerprint::default().add(bytes).hex();
        let entry = Entry { url: url.to_string(), etag, last_modified, checked_at: now(), hash };
        write_whole(&path, bytes)?;
        self.write_facts(&facts, &entry)?;
        Ok((entry, path))
    }

    /// Records that the server confirmed the stored bytes of `entry` just now.
    pub fn confirm(&self, mut entry: Entry) -> Result<Entry, String> {
        entry.checked_at = now();
        self.write_facts(&self.paths(&entry.url).0, &entry)?;
        Ok(entry)
    }

    fn write_facts(&self, path: &Path, entry: &Entry) -> Result<(), String> {
        let json = serde_json::to_string_pretty(entry).map_err(|e| e.to_string())?;
        write_whole(path, json.as_bytes())
    }

    /// The facts file and bytes file of `url`.
    fn paths(&self, url: &str) -> (PathBuf, PathBuf) {
        let key = Fingerprint::default().add(url.as_bytes()).hex();
        (self.dir.join(format!("{key}.json")), self.dir.join(format!("{key}.bin")))
    }
}

/// The platform's cache folder for Folio's pictures: `$XDG_CACHE_HOME/folio/pictures`,
/// else `~/.cache/folio/pictures` (`~/Library/Caches` on macOS, `%LOCALAPPDATA%` on
/// Windows), else one in the temporary folder.
pub fn default_dir() -> PathBuf {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    let base = if cfg!(windows) {
        env("LOCALAPPDATA")
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|home| home.join("Library/Caches"))
    } else {
        env("XDG_CACHE_HOME").or_else(|| env("HOME").map(|home| home.join(".cache")))
    };
    base.unwrap_or_else(std::env::temp_dir).join("folio").join("pictures")
}

/// Writes a file whole or not at all (a temporary file renamed into place), so a run
/// stopped mid-write or one running beside it never reads half a picture.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let fail = |e: std::io::Error| format!("{}: {e}", path.display());
    std::fs::create_dir_all(dir).map_err(fail)?;
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    std::io::Write::write_all(&mut file, bytes).map_err(fail)?;
    file.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_kept_by_url_and_go_stale_after_a_day() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let url = "https://example.com/a.png";
        assert!(cache.lookup(url).is_none());
        let (entry, path) = cache.store(url, b"bytes", Some("\"e1\"".into()), None).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"bytes");
        assert!(entry.is_fresh());
        let (found, _) = cache.lookup(url).unwrap();
        assert_eq!(found, entry);
        assert!(cache.lookup("https://example.com/b.png").is_none());
        let old = Entry { checked_at: now() - FRESH_FOR.as_secs() - 1, ..entry };
        assert!(!old.is_fresh());
        assert!(cache.confirm(old).unwrap().is_fresh());
    }
}
