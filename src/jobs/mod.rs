//! Running jobs: converting reports and writing their outputs, one at a time per slot,
//! with a failing report never stopping the others. `build` and `watch` run them on
//! worker processes ([`Pool`]), so a report that overruns its time limit can be stopped;
//! library callers and tests may run them in this process ([`run_in_process`]).

mod memory;
mod pool;
mod worker;

pub use memory::DEFAULT_MAX_MEMORY_MB;
pub use pool::{Pool, PoolOptions, WorkerSettings};
pub use worker::serve_as_worker;

use crate::config::Styles;
use crate::convert::{Converter, Input};
use crate::error::Error;
use crate::inputs::Job;
use crate::outputs::{Written, write_outputs};
use serde::{Deserialize, Serialize};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Settings of a batch run besides the converter's.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BatchOptions {
    /// Also write the generated Typst sources.
    pub emit_typst: bool,
    /// Larger inputs fail at once instead of typesetting for minutes.
    pub max_input_bytes: u64,
    /// Every report of the run with its PDF (also those up to date or left to other
    /// shards), so links between reports point at each other's PDFs.
    #[serde(with = "shared")]
    pub run: Arc<crate::RunDocuments>,
}

/// Serialises a shared value as the value itself.
mod shared {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::sync::Arc;

    pub fn serialize<T: Serialize, S: Serializer>(value: &Arc<T>, s: S) -> Result<S::Ok, S::Error> {
        value.as_ref().serialize(s)
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Arc<T>, D::Error> {
        T::deserialize(d).map(Arc::new)
    }
}

impl Default for BatchOptions {
    fn default() -> Self {
        Self { emit_typst: false, max_input_bytes: DEFAULT_MAX_INPUT_BYTES, run: Arc::default() }
    }
}

/// Default input limit: about 700 pages of Chinese text, typeset in a few seconds.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 2_000_000;

/// What happened to one input.
#[derive(Debug)]
pub struct Outcome {
    pub job: Job,
    pub result: Result<Written, Error>,
    pub elapsed: Duration,
}

/// Watches a running batch: told of each finished document, and asked before each new
/// one whether to go on (Ctrl-C stops after the documents in flight).
pub struct Hooks<'h> {
    pub on_done: &'h (dyn Fn(&Outcome) + Sync),
    pub stop: &'h std::sync::atomic::AtomicBool,
}

/// Converts every job in this process on `threads` threads; a failing job never stops
/// the others. Jobs not started because of a stop request are left out of the result.
pub fn run_in_process(
    converter: &Converter,
    jobs: Vec<Job>,
    options: &BatchOptions,
    threads: usize,
    hooks: &Hooks,
) -> Vec<Outcome> {
    let styles = Styles::default();
    let stop = || hooks.stop.load(std::sync::atomic::Ordering::Relaxed);
    let outcomes = map_parallel(jobs, threads, |job| {
        if stop() {
            return None;
        }
        let start = Instant::now();
        let result = convert_one(converter, &job, options, &styles);
        let outcome = Outcome { job, result, elapsed: start.elapsed() };
        (hooks.on_done)(&outcome);
        Some(outcome)
    });
    outcomes.into_iter().flatten().collect()
}

/// One worker per core.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Applies `f` to every item on `threads` plain threads, keeping the order of `items`.
///
/// Not rayon: Typst runs its own work on rayon's pool, and a rayon worker waiting for it
/// would steal further documents onto its stack until the stack overflows.
pub fn map_parallel<T: Send, R: Send>(
    items: Vec<T>,
    threads: usize,
    f: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    let count = items.len();
    let queue = std::sync::Mutex::new(items.into_iter().enumerate());
    let results = std::sync::Mutex::new(Vec::with_capacity(count));
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, count.max(1)) {
            let worker = || loop {
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                let Some((index, item)) = next else { break };
                let result = f(item);
                results.lock().unwrap_or_else(|e| e.into_inner()).push((index, result));
            };
            std::thread::Builder::new()
                .stack_size(crate::engine::TYPESETTING_STACK)
                .spawn_scoped(scope, worker)
                .expect("a worker thread can be started");
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

/// Converts one job and writes its outputs. A panic (a bug of ours or Typst's on one odd
/// report) becomes this job's error instead of taking the batch down.
pub fn convert_one(
    converter: &Converter,
    job: &Job,
    options: &BatchOptions,
    styles: &Styles,
) -> Result<Written, Error> {
    let attempt = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let converted = convert_job(converter, job, options, styles)?;
        write_outputs(job, &converted, options.emit_typst)
    }));
    // Typst memoizes across documents; old entries go so memory stays flat.
    crate::engine::evict_caches();
    attempt.unwrap_or_else(|panic| {
        Err(Error::Internal { path: job.input.clone(), message: panic_message(&panic) })
    })
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    let text = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned());
    text.unwrap_or_else(|| "unknown panic".to_string())
}

/// Reads one job's report (checking its size first) and converts it in memory.
pub fn convert_job(
    converter: &Converter,
    job: &Job,
    options: &BatchOptions,
    styles: &Styles,
) -> Result<crate::Converted, Error> {
    let markdown = match &job.text {
        Some(text) => text.clone(),
        None => read_report(&job.input, options.max_input_bytes)?,
    };
    let style = match &job.config {
        Some(path) => Some(styles.get(path).map_err(|message| Error::Config { message })?),
        None => None,
    };
    let input = Input {
        path: &job.input,
        markdown: &markdown,
        base_dir: Some(job.base_dir()),
        run: Some(&options.run),
        style: style.as_deref(),
    };
    converter.convert_fetched(&input, job.pictures.as_ref())
}

/// A report's text: at most `limit` bytes of UTF-8 (a byte-order mark dropped). The
/// type and size are checked before a byte is read, and no more than `limit` bytes are
/// read even if the file grows meanwhile: a FIFO, a device or a huge file costs nothing.
pub fn read_report(path: &PathBuf, limit: u64) -> Result<String, Error> {
    use std::io::Read;
    let io_error = |source| Error::Io { path: path.clone(), source };
    let metadata = std::fs::metadata(path).map_err(io_error)?;
    if !metadata.is_file() {
        let source = std::io::Error::other("not a regular file");
        return Err(Error::Io { path: path.clone(), source });
    }
    let too_large = |size| Error::TooLarge { path: path.clone(), size, limit };
    if metadata.len() > limit {
        return Err(too_large(metadata.len()));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    let file = std::fs::File::open(path).map_err(io_error)?;
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io_error)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    decode_utf8(bytes).map_err(|(line, offset)| Error::NotUtf8 { path: path.clone(), line, offset })
}

/// UTF-8 text without a byte-order mark, or the line and byte offset of the first bad byte.
pub fn decode_utf8(mut bytes: Vec<u8>) -> Result<String, (usize, usize)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        let line = 1 + err.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count();
        (line, offset)
    })
}
