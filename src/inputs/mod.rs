//! Finding the reports to convert: files, folders (recursively) and glob patterns, each
//! given the output path it mirrors and converted once whatever path names it; and
//! sharding a corpus over machines.

mod walk;

pub use walk::{Walk, glob_root};

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One input report and where its outputs go.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Job {
    #[serde(with = "crate::wire_path")]
    pub input: PathBuf,
    /// Output path without extension, e.g. `output/sub/report`.
    #[serde(with = "crate::wire_path")]
    pub out_stem: PathBuf,
    /// The `folio.toml` that applies to this report, if any.
    #[serde(default, with = "crate::wire_path::option")]
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

/// A file or folder the walk of an input passed over, and why: a symbolic link leading
/// out of the input folder, a loop, a folder that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

impl Skipped {
    fn new(path: &Path, reason: String) -> Self {
        Skipped { path: path.to_path_buf(), reason }
    }
}

/// The jobs of a run's inputs, and what their walk passed over.
#[derive(Debug, Default)]
pub struct Found {
    pub jobs: Vec<Job>,
    pub skipped: Vec<Skipped>,
}

/// [`find`] with the default walk, for callers that need only the jobs.
pub fn find_jobs(inputs: &[PathBuf], out_dir: &Path) -> Vec<Job> {
    find(inputs, out_dir, Walk::default()).jobs
}

/// Expands inputs into jobs: a file is taken whatever its extension; a directory gives
/// its `.md`/`.markdown` files, recursively (see [`Walk`]), with output paths mirroring
/// its tree; a glob pattern (`reports/**/*.md`) gives the files it matches. An input that
/// does not exist becomes a job that fails, so it is reported with the rest. A file named
/// twice (`t/a.md`, `./t/a.md`, a link to it) is converted once. Two inputs that would
/// write the same outputs (`a/report.md`, `b/report.md`) keep their folders apart.
pub fn find(inputs: &[PathBuf], out_dir: &Path, walk: Walk) -> Found {
    let mut found = Found::default();
    for input in inputs {
        if input.is_dir() {
            for file in walk.markdown_files(input, &mut found.skipped) {
                let relative = file.strip_prefix(input).unwrap_or(&file);
                found.jobs.push(Job::new(file.clone(), out_dir.join(relative.with_extension(""))));
            }
        } else if let Some(matches) = walk.glob(input, &mut found.skipped) {
            found.jobs.extend(matches.into_iter().map(|file| file_job(file, out_dir)));
        } else {
            found.jobs.push(file_job(input.clone(), out_dir));
        }
    }
    let mut seen = HashSet::new();
    found.jobs.retain(|job| seen.insert(identity(&job.input)));
    separate_duplicate_outputs(&mut found.jobs, out_dir);
    found
}

/// What names one file whatever the path to it: its canonical path, or the path as given
/// when it cannot be resolved (a missing input, which fails on its own).
fn identity(input: &Path) -> PathBuf {
    input.canonicalize().unwrap_or_else(|_| input.to_path_buf())
}

/// The manifest's name for an input: its canonical path, relative to the current folder
/// when inside it (`content/zh/report.md`), so every path naming one file shares one entry.
pub fn manifest_key(input: &Path) -> String {
    let canonical = identity(input);
    let here = std::env::current_dir().and_then(|dir| dir.canonicalize());
    let key = match &here {
        Ok(here) => canonical.strip_prefix(here).unwrap_or(&canonical),
        Err(_) => &canonical,
    };
    key.to_string_lossy().into_owned()
}

fn file_job(input: PathBuf, out_dir: &Path) -> Job {
    let stem = input.file_stem().unwrap_or(input.as_os_str());
    Job::new(input.clone(), out_dir.join(stem))
}

/// Every file a job may write: each output, its Typst source and its previews.
pub fn possible_outputs(job: &Job) -> impl Iterator<Item = PathBuf> + '_ {
    crate::output::Output::ALL.into_iter().flat_map(|output| {
        let [first_page, contact_sheet] = output.preview_paths(&job.out_stem);
        [output.path(&job.out_stem), output.typst_path(&job.out_stem), first_page, contact_sheet]
    })
}

/// Checks that no two jobs may write the same file (`a.md` and `a.slides.md` in one
/// folder: the slides of one and the briefing of the other are both `a.slides.pdf`);
/// `Err` names both inputs and the file.
pub fn check_output_collisions(jobs: &[Job]) -> Result<(), String> {
    let mut writers: std::collections::HashMap<PathBuf, &Path> = Default::default();
    for job in jobs {
        // In the order of the outputs, so the file named is always the same one (a set's
        // order changes from run to run); a job's own paths counted once.
        let mut own = HashSet::new();
        for path in possible_outputs(job).filter(|path| own.insert(path.clone())) {
            if let Some(other) = writers.insert(path.clone(), &job.input) {
                return Err(format!(
                    "{} and {} would both write {}: rename one, or convert them with \
                     different --out-dir",
                    other.display(),
                    job.input.display(),
                    path.display()
                ));
            }
        }
    }
    Ok(())
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
