//! Remote pictures, downloaded only when the user asks (`--fetch-images`, or
//! `fetch-images = true` in folio.toml or front matter). The driver fetches every picture
//! of the run here (asked by `prefetch.rs`), in the parent process and before any report is
//! dispatched, on a bounded number of threads, so the limit on parallel downloads holds
//! for the whole run however many worker processes convert; the workers only read the
//! cache.
//!
//! Nothing else in Folio opens a socket (besides `folio serve`).

pub mod cache;
mod guard;
mod http;

pub use guard::is_public;

use cache::Cache;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How remote pictures are fetched.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Download the pictures of every report (reports may also ask for it themselves).
    pub enabled: bool,
    /// Where downloaded pictures are kept, e.g. `~/.cache/folio/pictures`.
    pub cache_dir: PathBuf,
    /// Use only the cache: no request at all.
    pub offline: bool,
    /// Allow loopback, private and link-local addresses (an intranet, a test server).
    pub allow_private_hosts: bool,
    /// Longest one picture may take, e.g. 20 s.
    pub per_picture: Duration,
    /// Longest a report's pictures may take together, from its first download, e.g. 60 s.
    pub per_report: Duration,
    /// Largest picture downloaded, e.g. 20 MB.
    pub max_bytes: u64,
    /// Redirects followed at most, e.g. 5.
    pub max_redirects: u32,
    /// Downloads at once for the whole run, e.g. 4.
    pub parallel: usize,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            enabled: false,
            cache_dir: cache::default_dir(),
            offline: false,
            allow_private_hosts: false,
            per_picture: Duration::from_secs(20),
            per_report: Duration::from_secs(60),
            max_bytes: 20_000_000,
            max_redirects: 5,
            parallel: 4,
        }
    }
}

/// Where a fetched picture came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Network,
    Cache,
}

impl Source {
    /// `network` or `cache`, as the manifest records it.
    pub fn name(self) -> &'static str {
        match self {
            Source::Network => "network",
            Source::Cache => "cache",
        }
    }
}

/// What became of one remote picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Remote {
    /// Its bytes are in the cache at `path`; `hash` fingerprints them.
    Fetched { path: PathBuf, hash: String, source: Source },
    /// Not downloaded, and why (`the server answered 404`).
    Failed { reason: String },
}

/// The remote pictures of a report, by URL as the report wrote it.
pub type RemotePictures = BTreeMap<String, Remote>;

/// Fetches the pictures of several reports, each URL once, on at most
/// `options.parallel` threads. `reports` lists each report's URLs; a report's time limit
/// (`options.per_report`) runs from the start of its first download, and a URL shared by
/// several reports counts against the first that lists it.
pub fn fetch_all(reports: &[Vec<String>], options: &FetchOptions) -> RemotePictures {
    let cache = Cache::new(&options.cache_dir);
    let mut queue: Vec<(&String, usize)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (report, urls) in reports.iter().enumerate() {
        queue.extend(urls.iter().filter(|url| seen.insert(*url)).map(|url| (url, report)));
    }
    let starts: Vec<OnceLock<Instant>> = reports.iter().map(|_| OnceLock::new()).collect();
    let threads = options.parallel.clamp(1, queue.len().max(1));
    let queue = Mutex::new(queue.into_iter());
    let results = Mutex::new(RemotePictures::new());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                    let Some((url, report)) = next else { break };
                    let deadline = *starts[report].get_or_init(Instant::now) + options.per_report;
                    let remote = fetch_one(url, &cache, options, deadline);
                    results.lock().unwrap_or_else(|e| e.into_inner()).insert(url.clone(), remote);
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// One picture: from the cache while fresh (or offline), else from the server,
/// revalidating a stale copy; a stale copy also stands in when the download fails (no
/// network, a server gone), since it was a good picture when it was fetched.
fn fetch_one(url: &str, cache: &Cache, options: &FetchOptions, deadline: Instant) -> Remote {
    let cached = cache.lookup(url);
    let from_cache = |entry: &cache::Entry, path: &PathBuf| Remote::Fetched {
        path: path.clone(),
        hash: entry.hash.clone(),
        source: Source::Cache,
    };
    if let Some((entry, path)) = &cached
        && (options.offline || entry.is_fresh())
    {
        return from_cache(entry, path);
    }
    if options.offline {
        return failed("not in the picture cache, and --offline allows no download");
    }
    let now = Instant::now();
    if now >= deadline {
        let limit = options.per_report.as_secs();
        return failed(&format!("the report's download time of {limit} s ran out"));
    }
    let validators = cached.as_ref().map_or_else(Default::default, |(entry, _)| http::Validators {
        etag: entry.etag.clone(),
        last_modified: entry.last_modified.clone(),
    });
    let bounds = http::Bounds {
        max_bytes: options.max_bytes,
        max_redirects: options.max_redirects,
        allow_private: options.allow_private_hosts,
    };
    match http::get(url, &validators, &bounds, deadline.min(now + options.per_picture)) {
        Ok(http::Reply::NotModified) => match cached {
            Some((entry, path)) => {
                from_cache(&cache.confirm(entry.clone()).unwrap_or(entry), &path)
            }
            None => failed("the server answered 304 to a request without a cached copy"),
        },
        Ok(http::Reply::Body { bytes, validators }) => {
            if crate::picture::sniff(&bytes).is_none() {
                return failed(&format!("not a picture: {}", describe_bytes(&bytes)));
            }
            match cache.store(url, &bytes, validators.etag, validators.last_modified) {
                Ok((entry, path)) => {
                    Remote::Fetched { path, hash: entry.hash, source: Source::Network }
                }
                Err(e) => failed(&format!("cannot write the picture cache: {e}")),
            }
        }
        Err(reason) => match &cached {
            Some((entry, path)) => from_cache(entry, path),
            None => failed(&reason),
        },
    }
}

fn failed(reason: &str) -> Remote {
    Remote::Failed { reason: reason.to_string() }
}

/// What bytes that are not a picture look like (`an HTML page`), for the warning.
fn describe_bytes(bytes: &[u8]) -> String {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    if head.contains("<html") || head.contains("<!doctype html") {
        "the server sent an HTML page".into()
    } else if bytes.is_empty() {
        "the server sent nothing".into()
    } else {
        format!("the server sent {} bytes of something else", bytes.len())
    }
}
