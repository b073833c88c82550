//! The build manifest (`output/folio-manifest.json`): for each input, its outputs, pages,
//! warnings, time, and a fingerprint of everything that decides the output, so a re-run
//! skips documents that are up to date.
//!
//! Format (stable, for other programs to read):
//!
//! ```json
//! {
//!   "folio_version": "0.1.0",
//!   "documents": {
//!     "content/zh/report.md": {
//!       "fingerprint": "9c1e…",          // hex; changes when anything below changes
//!       "outputs": ["output/zh/report.pdf", "output/zh/report.slides.pdf"],
//!       "pages": 14,
//!       "warnings": [{ "line": 12, "message": "image not found: a.png (no such file)" }],
//!       "milliseconds": 131,
//!       "error": null,                   // the reason, when the document failed
//!       "pictures": [                    // remote pictures, when fetching was asked
//!         { "url": "https://x.org/a.png", "source": "network" },   // or "cache"
//!         { "url": "https://x.org/b.png", "failed": "the server answered 404" }
//!       ]
//!     }
//!   }
//! }
//! ```

use crate::error::Warning;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The whole manifest.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub folio_version: String,
    pub documents: BTreeMap<String, Entry>,
}

/// What one input produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    /// As text: the manifest is for people and scripts (a name that is not UTF-8 is
    /// written with U+FFFD in place of its odd bytes).
    #[serde(with = "crate::wire_path::text_list")]
    pub outputs: Vec<PathBuf>,
    pub pages: usize,
    pub warnings: Vec<Warning>,
    pub milliseconds: u64,
    pub error: Option<String>,
    /// The remote pictures fetched for the report, from the network or the cache, and
    /// those that failed; empty when the report did not ask for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pictures: Vec<RemotePicture>,
}

/// One remote picture of a report: where it came from, or why it failed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemotePicture {
    pub url: String,
    /// `network` or `cache`, when it was fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<String>,
}

impl Manifest {
    /// Reads a manifest; a missing or unreadable one starts empty.
    pub fn load(path: &Path) -> Manifest {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// The manifest as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data serializes")
    }

    /// Whether `input` converted before with this fingerprint and its outputs still exist.
    pub fn is_up_to_date(&self, input: &str, fingerprint: &str) -> bool {
        self.documents.get(input).is_some_and(|entry| {
            entry.error.is_none()
                && entry.fingerprint == fingerprint
                && entry.outputs.iter().all(|output| output.is_file())
        })
    }

    /// Adds the documents of `other`, which win where both have one.
    pub fn merge(&mut self, other: Manifest) {
        self.documents.extend(other.documents);
        if self.folio_version.is_empty() {
            self.folio_version = other.folio_version;
        }
    }
}

/// A fingerprint builder: SHA-256 over everything fed in, stable across machines and Rust
/// versions (unlike the standard library's hasher), and one-way, so that a manifest says
/// nothing of what it fingerprints (a short file's bytes could be read back from a
/// simple hash of them).
#[derive(Debug, Clone, Default)]
pub struct Fingerprint(sha2::Sha256);

impl Fingerprint {
    /// Feeds bytes, with their length so that concatenations cannot collide.
    pub fn add(&mut self, bytes: &[u8]) -> &mut Self {
        use sha2::Digest;
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// The fingerprint as hex (128 bits of the digest).
    pub fn hex(&self) -> String {
        self.digest()[..16].iter().map(|byte| format!("{byte:02x}")).collect()
    }

    /// The fingerprint as a number (64 bits of the digest).
    pub fn value(&self) -> u64 {
        let digest = self.digest();
        u64::from_le_bytes(digest[..8].try_into().expect("a SHA-256 digest has 32 bytes"))
    }

    fn digest(&self) -> [u8; 32] {
        use sha2::Digest;
        self.0.clone().finalize().into()
    }
}
