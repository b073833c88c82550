//! The converter page's back end: an uploaded Markdown file (or a zip of one with its
//! pictures) is unpacked in a temporary folder of its own and converted on a worker
//! process, exactly as `folio build` converts (same sandbox, with a time limit). The
//! outputs are kept in memory under a random token; the folder is removed at once.

mod unpack;

use super::routes::{Reply, content_type, download_key, file_name, send};
use crate::inputs::Job;
use crate::jobs::{Hooks, Pool, PoolOptions};
use crate::output::Output;
use std::collections::VecDeque;
use std::io::Read;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// How uploads are converted and limited.
pub struct UploadSettings {
    /// The worker processes' settings, with the time limit of one conversion.
    pub pool: PoolOptions,
    /// The largest upload, in bytes; a zip may unpack to ten times as much.
    pub max_bytes: u64,
}

/// One converted upload's files: output, the name it is saved under, bytes.
type UploadFiles = Vec<(Output, String, Vec<u8>)>;

/// Conversions kept for download; older ones are forgotten.
const KEPT: usize = 32;

/// Uploads read, unpacked or converted at once, at most: each holds its body in memory
/// and its unpacked files on disk while it waits its turn, so a flood of uploads is
/// turned away (503) before a byte of it is read.
const MAX_IN_FLIGHT: usize = 3;

/// The converter page's state.
pub struct Uploads {
    pool: Pool,
    max_bytes: u64,
    /// One conversion at a time: a busy server answers the next upload when it is done.
    converting: Mutex<()>,
    /// Each kept conversion's files, by its token.
    results: Mutex<VecDeque<(String, UploadFiles)>>,
    /// Uploads being received or converted now.
    in_flight: AtomicUsize,
}

/// A place among the uploads in flight, given back when dropped.
struct Slot<'a>(&'a AtomicUsize);

impl<'a> Slot<'a> {
    fn take(counter: &'a AtomicUsize) -> Option<Slot<'a>> {
        let taken = counter.fetch_add(1, Ordering::SeqCst) < MAX_IN_FLIGHT;
        let slot = Slot(counter);
        taken.then_some(slot)
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Uploads {
    pub fn new(settings: UploadSettings) -> Uploads {
        Uploads {
            pool: Pool::new(settings.pool),
            max_bytes: settings.max_bytes,
            converting: Mutex::new(()),
            results: Mutex::new(VecDeque::new()),
            in_flight: AtomicUsize::new(0),
        }
    }

    /// An output of the upload `token`, if it exists.
    pub fn download(&self, token: &str, key: &str) -> Option<Reply> {
        let results = self.results.lock().unwrap_or_else(|e| e.into_inner());
        let (_, files) = results.iter().find(|(t, _)| t == token)?;
        let (output, name, bytes) = files.iter().find(|(o, _, _)| download_key(*o) == key)?;
        let mut reply = Reply::new(200, content_type(*output), bytes.clone());
        reply.attachment = Some(name.clone());
        Some(reply)
    }

    /// Converts the upload in `request` and answers with its downloads or its problem.
    fn convert(&self, name: &str, body: &[u8]) -> Result<serde_json::Value, (u16, String)> {
        let folder = tempfile::tempdir().map_err(|e| (500, format!("no temporary folder: {e}")))?;
        let input = unpack::unpack(name, body, folder.path(), self.max_bytes * 10)
            .map_err(|message| (400, message))?;
        let out_stem = folder.path().join("out").join("report");
        let job = Job::new(input.clone(), out_stem.clone());
        let stop = AtomicBool::new(false);
        let hooks = Hooks { on_done: &|_| {}, stop: &stop };
        let outcomes = {
            let _turn = self.converting.lock().unwrap_or_else(|e| e.into_inner());
            self.pool.run(vec![job], &hooks).map_err(|message| (500, message))?
        };
        let outcome = outcomes.into_iter().next().ok_or((500, "not converted".to_string()))?;
        let written =
            outcome.result.map_err(|err| (422, strip_folder(&err.to_string(), folder.path())))?;
        let stem_source = Path::new(name);
        let files: UploadFiles = Output::ALL
            .into_iter()
            .filter_map(|output| {
                let bytes = std::fs::read(output.path(&out_stem)).ok()?;
                Some((output, file_name(stem_source, output), bytes))
            })
            .collect();
        let token = token();
        let downloads: Vec<serde_json::Value> = files
            .iter()
            .map(|(output, name, _)| {
                let url = format!("/u/{token}/{}", download_key(*output));
                serde_json::json!({ "label": output.describe(), "file": name, "url": url })
            })
            .collect();
        let warnings: Vec<String> =
            written.warnings.iter().map(|w| strip_folder(&w.message, folder.path())).collect();
        let mut results = self.results.lock().unwrap_or_else(|e| e.into_inner());
        results.push_back((token, files));
        while results.len() > KEPT {
            results.pop_front();
        }
        Ok(
            serde_json::json!({ "downloads": downloads, "warnings": warnings, "pages": written.pages }),
        )
    }
}

/// Answers an upload: the file is the body, its name in the `X-Folio-Name` header
/// (percent-encoded by the page: a header carries only ASCII, names are often Chinese).
pub fn receive(uploads: &Uploads, mut request: tiny_http::Request) {
    let Some(_slot) = Slot::take(&uploads.in_flight) else {
        let mut reply = Reply::json(&serde_json::json!({
            "error": "the converter is busy with other uploads; try again in a moment"
        }));
        reply.status = 503;
        return send(request, reply);
    };
    let name = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("X-Folio-Name"))
        .map(|h| {
            percent_encoding::percent_decode_str(h.value.as_str()).decode_utf8_lossy().into_owned()
        })
        .unwrap_or_else(|| "report.md".to_string());
    let too_large = request.body_length().is_some_and(|n| n as u64 > uploads.max_bytes);
    let mut body = Vec::new();
    let read = request.as_reader().take(uploads.max_bytes + 1).read_to_end(&mut body);
    let answer = if too_large || body.len() as u64 > uploads.max_bytes {
        Err((413, format!("the file is over the {:.0} MB limit", uploads.max_bytes as f64 / 1e6)))
    } else if read.is_err() {
        Err((400, "the upload was cut short".to_string()))
    } else {
        uploads.convert(&name, &body)
    };
    let reply = match answer {
        Ok(value) => Reply::json(&value),
        Err((status, message)) => {
            let mut reply = Reply::json(&serde_json::json!({ "error": message }));
            reply.status = status;
            reply
        }
    };
    send(request, reply);
}

/// A message without the temporary folder's path, which means nothing to the uploader.
fn strip_folder(message: &str, folder: &Path) -> String {
    let inner = folder.join("in");
    let message = message.replace(&format!("{}/", inner.display()), "");
    message.replace(&folder.display().to_string(), "")
}

/// 128 random bits in hex: an upload's outputs are found only by whoever uploaded it.
fn token() -> String {
    let mut bytes = [0u8; 16];
    let from_os = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if from_os.is_err() {
        use std::hash::{BuildHasher, Hasher};
        for chunk in bytes.chunks_mut(8) {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            let now = std::time::UNIX_EPOCH.elapsed().map_or(0, |d| d.as_nanos());
            hasher.write_u128(now);
            chunk.copy_from_slice(&hasher.finish().to_le_bytes());
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
