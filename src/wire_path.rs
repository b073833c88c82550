//! Paths between the parent and its workers as bytes: a file name need not be UTF-8 on
//! Unix, and JSON strings must be (a report named `r\xff.md` could never be built).
//! Elsewhere paths are Unicode and travel as their text.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::path::{Path, PathBuf};

#[cfg(unix)]
fn to_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(unix)]
fn from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn to_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

#[cfg(not(unix))]
fn from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

pub fn serialize<S: Serializer>(path: &Path, s: S) -> Result<S::Ok, S::Error> {
    to_bytes(path).serialize(s)
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<PathBuf, D::Error> {
    Vec::<u8>::deserialize(d).map(from_bytes)
}

/// The same for an optional path.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(path: &Option<PathBuf>, s: S) -> Result<S::Ok, S::Error> {
        path.as_deref().map(to_bytes).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<PathBuf>, D::Error> {
        Option::<Vec<u8>>::deserialize(d).map(|bytes| bytes.map(from_bytes))
    }
}

/// The same for a list of paths.
pub mod list {
    use super::*;

    pub fn serialize<S: Serializer>(paths: &[PathBuf], s: S) -> Result<S::Ok, S::Error> {
        paths.iter().map(|p| to_bytes(p)).collect::<Vec<_>>().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<PathBuf>, D::Error> {
        Vec::<Vec<u8>>::deserialize(d).map(|list| list.into_iter().map(from_bytes).collect())
    }
}

/// The same for a map from paths to paths, as a list of pairs (JSON keys are text).
pub mod map {
    use super::*;
    use std::collections::HashMap;

    pub fn serialize<S: Serializer>(
        map: &HashMap<PathBuf, PathBuf>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let mut pairs: Vec<(Vec<u8>, Vec<u8>)> =
            map.iter().map(|(k, v)| (to_bytes(k), to_bytes(v))).collect();
        pairs.sort();
        pairs.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<HashMap<PathBuf, PathBuf>, D::Error> {
        let pairs = Vec::<(Vec<u8>, Vec<u8>)>::deserialize(d)?;
        Ok(pairs.into_iter().map(|(k, v)| (from_bytes(k), from_bytes(v))).collect())
    }
}

/// A list of paths as text, for files people read: names that are not UTF-8 are
/// written with U+FFFD in place of their odd bytes, never refused.
pub mod text_list {
    use super::*;

    pub fn serialize<S: Serializer>(paths: &[PathBuf], s: S) -> Result<S::Ok, S::Error> {
        paths.iter().map(|p| p.to_string_lossy()).collect::<Vec<_>>().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<PathBuf>, D::Error> {
        Vec::<PathBuf>::deserialize(d)
    }
}

#[cfg(test)]
mod tests {
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Carrier {
        #[serde(with = "super")]
        path: std::path::PathBuf,
    }

    #[test]
    #[cfg(unix)]
    fn a_name_that_is_not_utf8_survives_json() {
        use std::os::unix::ffi::OsStringExt;
        let name = std::ffi::OsString::from_vec(b"dir/r\xff.md".to_vec());
        let carrier = Carrier { path: name.into() };
        let json = serde_json::to_string(&carrier).unwrap();
        assert_eq!(serde_json::from_str::<Carrier>(&json).unwrap(), carrier);
    }
}
