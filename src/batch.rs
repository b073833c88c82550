//! Many reports in one run: finding inputs, converting them in parallel, writing outputs
//! atomically, and counting what happened.

use crate::convert::{Converted, Converter, Input};
use crate::error::{Error, Warning};
use std::io::Write;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// One input file and where its outputs go.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Job {
    pub input: PathBuf,
    /// Output path without extension, e.g. `output/sub/report`.
    pub out_stem: PathBuf,
}

/// Settings of a batch run.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    pub out_dir: PathBuf,
    /// Also write the generated Typst sources.
    pub emit_typst: bool,
    /// Larger inputs fail at once instead of typesetting for minutes.
    pub max_input_bytes: u64,
    /// Documents converted at once; 0 means one per core.
    pub jobs: usize,
    /// Every report of the run with its PDF (also those up to date or left to other
    /// shards), so links between reports point at each other's PDFs.
    pub run: std::sync::Arc<crate::RunDocuments>,
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

/// Files written for one input.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Written {
    pub files: Vec<PathBuf>,
    pub pages: usize,
    pub warnings: Vec<Warning>,
}

/// Expands inputs into jobs: a file is taken whatever its extension; a directory gives
/// its `.md`/`.markdown` files, recursively, with output paths mirroring its tree; a glob
/// pattern (`reports/**/*.md`) gives the files it matches. An input that does not exist
/// becomes a job that fails, so it is reported with the rest. Two inputs that would write
/// the same outputs (`a/report.md`, `b/report.md`) keep their folders apart.
pub fn find_jobs(inputs: &[PathBuf], out_dir: &Path) -> Vec<Job> {
    let mut jobs = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut files = Vec::new();
            collect_markdown(input, &mut files);
            files.sort();
            for file in files {
                let relative = file.strip_prefix(input).unwrap_or(&file);
                jobs.push(Job { out_stem: out_dir.join(relative.with_extension("")), input: file });
            }
        } else if let Some(matches) = glob_matches(input) {
            jobs.extend(matches.into_iter().map(|file| file_job(file, out_dir)));
        } else {
            jobs.push(file_job(input.clone(), out_dir));
        }
    }
    separate_duplicate_outputs(&mut jobs, out_dir);
    jobs
}

fn file_job(input: PathBuf, out_dir: &Path) -> Job {
    let stem = input.file_stem().unwrap_or(input.as_os_str());
    Job { out_stem: out_dir.join(stem), input }
}

/// The files a glob pattern matches, sorted; `None` when `input` is no pattern (or an
/// existing file that merely looks like one).
fn glob_matches(input: &Path) -> Option<Vec<PathBuf>> {
    let pattern = input.to_str()?;
    if input.exists() || !pattern.contains(['*', '?', '[']) {
        return None;
    }
    let mut files: Vec<PathBuf> =
        glob::glob(pattern).ok()?.flatten().filter(|p| p.is_file()).collect();
    files.sort();
    Some(files)
}

/// Jobs whose outputs would collide get the input's folders in their output path.
fn separate_duplicate_outputs(jobs: &mut [Job], out_dir: &Path) {
    let mut counts = std::collections::HashMap::new();
    for job in jobs.iter() {
        *counts.entry(job.out_stem.clone()).or_insert(0) += 1;
    }
    for job in jobs.iter_mut().filter(|job| counts[&job.out_stem] > 1) {
        let folders =
            job.input.parent().into_iter().flat_map(|p| p.components()).filter_map(|c| match c {
                std::path::Component::Normal(part) => Some(part),
                _ => None,
            });
        let mut stem = out_dir.to_path_buf();
        stem.extend(folders);
        stem.push(job.input.file_stem().unwrap_or_default());
        job.out_stem = stem;
    }
}

/// Keeps the jobs of shard `index` (1-based) of `count`: a stable share decided by each
/// job's output path, whatever the order of the inputs.
pub fn shard(jobs: Vec<Job>, index: usize, count: usize, out_dir: &Path) -> Vec<Job> {
    jobs.into_iter()
        .filter(|job| {
            let key = job.out_stem.strip_prefix(out_dir).unwrap_or(&job.out_stem);
            let hash = crate::manifest::Fingerprint::default()
                .add(key.to_string_lossy().as_bytes())
                .value();
            (hash % count as u64) as usize == index - 1
        })
        .collect()
}

fn collect_markdown(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_markdown(&path, out);
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("md" | "markdown")) {
            out.push(path);
        }
    }
}

/// Watches a running batch: told of each finished document, and asked before each new
/// one whether to go on (Ctrl-C stops after the documents in flight).
pub struct Hooks<'h> {
    pub on_done: &'h (dyn Fn(&Outcome) + Sync),
    pub stop: &'h std::sync::atomic::AtomicBool,
}

/// Converts every job, in parallel; a failing job never stops the others. Jobs not
/// started because of a stop request are left out of the result.
pub fn run(
    converter: &Converter,
    jobs: Vec<Job>,
    options: &BatchOptions,
    hooks: &Hooks,
) -> Vec<Outcome> {
    let threads = if options.jobs == 0 { default_threads() } else { options.jobs };
    let stop = || hooks.stop.load(std::sync::atomic::Ordering::Relaxed);
    let outcomes = map_parallel(jobs, threads, |job| {
        if stop() {
            return None;
        }
        let start = Instant::now();
        let result = convert_one(converter, &job, options);
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
) -> Result<Written, Error> {
    let attempt =
        std::panic::catch_unwind(AssertUnwindSafe(|| convert_job(converter, job, options)));
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

fn convert_job(converter: &Converter, job: &Job, options: &BatchOptions) -> Result<Written, Error> {
    let io_error = |source| Error::Io { path: job.input.clone(), source };
    let size = std::fs::metadata(&job.input).map_err(io_error)?.len();
    if size > options.max_input_bytes {
        return Err(Error::TooLarge {
            path: job.input.clone(),
            size,
            limit: options.max_input_bytes,
        });
    }
    let bytes = std::fs::read(&job.input).map_err(io_error)?;
    let markdown = decode_utf8(bytes).map_err(|(line, offset)| Error::NotUtf8 {
        path: job.input.clone(),
        line,
        offset,
    })?;
    let base_dir =
        job.input.parent().map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p });
    let input = Input { path: &job.input, markdown: &markdown, base_dir, run: Some(&options.run) };
    let converted = converter.convert(&input)?;
    write_outputs(job, &converted, options)
}

/// The fingerprint of one job: the settings, the input's bytes, the bytes of the local
/// images it refers to, and where its links to other files point (a report added to or
/// removed from the run changes them). `None` when the input cannot be read (it will
/// fail anyway).
pub fn job_fingerprint(
    settings: &crate::manifest::Fingerprint,
    job: &Job,
    run: &crate::RunDocuments,
) -> Option<String> {
    let bytes = std::fs::read(&job.input).ok()?;
    let mut fingerprint = settings.clone();
    fingerprint.add(&bytes);
    let base = job.input.parent().unwrap_or(Path::new("."));
    if let Ok(text) = std::str::from_utf8(&bytes) {
        let urls = crate::markdown::urls(text);
        for url in urls.images {
            fingerprint.add(url.as_bytes());
            if let Ok(image) = std::fs::read(base.join(&url)) {
                fingerprint.add(&image);
            }
        }
        for url in urls.links {
            let target = crate::passes::link_target_pdf(&job.input, &url, run);
            fingerprint.add(url.as_bytes()).add(target.unwrap_or_default().as_bytes());
        }
    }
    Some(fingerprint.hex())
}

/// UTF-8 text without a byte-order mark, or the line and byte offset of the first bad byte.
fn decode_utf8(mut bytes: Vec<u8>) -> Result<String, (usize, usize)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        let line = 1 + err.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count();
        (line, offset)
    })
}

fn write_outputs(
    job: &Job,
    converted: &Converted,
    options: &BatchOptions,
) -> Result<Written, Error> {
    let mut files = Vec::new();
    let mut pages = 0;
    let outputs = [
        (&converted.report, ""),
        (&converted.slides, ".slides"),
        (&converted.notes_pages, ".notes"),
        (&converted.handout, ".handout"),
    ];
    for (artifact, suffix) in outputs {
        let Some(artifact) = artifact else { continue };
        let pdf = with_suffix(&job.out_stem, suffix, "pdf");
        write_atomically(&pdf, &artifact.pdf)?;
        files.push(pdf);
        pages += artifact.pages;
        if options.emit_typst {
            let typ = with_suffix(&job.out_stem, suffix, "typ");
            write_atomically(&typ, artifact.typst.as_bytes())?;
            files.push(typ);
        }
        if let Some(previews) = &artifact.previews {
            for (kind, png) in
                [(".page1", &previews.first_page), (".contact", &previews.contact_sheet)]
            {
                let path = with_suffix(&job.out_stem, &format!("{suffix}{kind}"), "png");
                write_atomically(&path, png)?;
                files.push(path);
            }
        }
    }
    if let Some(pptx) = &converted.pptx {
        let path = with_suffix(&job.out_stem, "", "pptx");
        write_atomically(&path, pptx)?;
        files.push(path);
    }
    if let Some(pdfpc) = &converted.pdfpc {
        let path = with_suffix(&job.out_stem, ".slides", "pdfpc");
        write_atomically(&path, pdfpc.as_bytes())?;
        files.push(path);
    }
    Ok(Written { files, pages, warnings: converted.warnings.clone() })
}

/// `out/report` + `.slides` + `pdf` → `out/report.slides.pdf`.
fn with_suffix(stem: &Path, suffix: &str, extension: &str) -> PathBuf {
    let mut name = stem.as_os_str().to_os_string();
    name.push(format!("{suffix}.{extension}"));
    PathBuf::from(name)
}

/// Writes through a temporary file renamed into place, so no reader ever sees half a file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io_error = |source| Error::Io { path: path.to_path_buf(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io_error)?;
    let mut file = tempfile::Builder::new()
        .prefix(&temporary_prefix(std::process::id()))
        .tempfile_in(dir)
        .map_err(io_error)?;
    file.write_all(bytes).map_err(io_error)?;
    // Temporary files are private (0600); outputs get the usual permissions.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::Permissions::from_mode(0o644);
        file.as_file().set_permissions(permissions).map_err(io_error)?;
    }
    file.persist(path).map_err(|e| io_error(e.error))?;
    Ok(())
}

/// Temporary files of process `pid` start with this, so that what a killed worker left
/// behind can be found and removed.
fn temporary_prefix(pid: u32) -> String {
    format!(".folio-{pid}-")
}

/// Removes the temporary files process `pid` left beside the outputs of `out_stem`.
pub fn remove_temporary_files(out_stem: &Path, pid: u32) {
    let dir = out_stem.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let prefix = temporary_prefix(pid);
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
