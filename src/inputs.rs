//! Finding the reports to convert: files, folders (recursively) and glob patterns, each
//! given the output path it mirrors; and sharding a corpus over machines.

use std::path::{Path, PathBuf};

/// One input report and where its outputs go.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Job {
    pub input: PathBuf,
    /// Output path without extension, e.g. `output/sub/report`.
    pub out_stem: PathBuf,
    /// The `folio.toml` that applies to this report, if any.
    #[serde(default)]
    pub config: Option<PathBuf>,
    /// The report's text when it does not come from `input` (standard input).
    #[serde(default)]
    pub text: Option<String>,
    /// The report's remote pictures, fetched by the driver before the job is dispatched;
    /// `None` when the report does not ask for them to be fetched.
    #[serde(default)]
    pub pictures: Option<crate::fetch::RemotePictures>,
}

impl Job {
    /// A job for the file `input`, its outputs at `out_stem`.
    pub fn new(input: PathBuf, out_stem: PathBuf) -> Self {
        Job { input, out_stem, config: None, text: None, pictures: None }
    }

    /// The folder the report's pictures and links are read from.
    pub fn base_dir(&self) -> &Path {
        match self.input.parent() {
            Some(parent) if self.text.is_none() && !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        }
    }
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
                jobs.push(Job::new(file.clone(), out_dir.join(relative.with_extension(""))));
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
    Job::new(input.clone(), out_dir.join(stem))
}

/// The files a glob pattern matches, sorted; `None` when `input` is no pattern (or an
/// existing file that merely looks like one).
pub fn glob_matches(input: &Path) -> Option<Vec<PathBuf>> {
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

/// Each report of the run with the PDF it becomes, so links between reports point at
/// each other's PDFs.
pub fn run_documents(jobs: &[Job]) -> crate::RunDocuments {
    let mut run = crate::RunDocuments::default();
    // A path that is not UTF-8 cannot travel to the workers (JSON); links to it stay
    // as their target, and the report itself still converts.
    let named = |job: &&Job| job.text.is_none() && job.input.to_str().is_some();
    for job in jobs.iter().filter(named) {
        run.insert(&job.input, &crate::output::Output::Report.path(&job.out_stem));
    }
    run
}
