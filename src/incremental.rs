//! Incremental builds: which reports are up to date (same fingerprint, outputs present)
//! and can be skipped, and recording what a run did in the manifest.

use crate::fetch::Remote;
use crate::inputs::Job;
use crate::jobs::Outcome;
use crate::manifest::{Entry, Fingerprint, Manifest, RemotePicture};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the parent process may read of a job's files to fingerprint it: the same limits
/// the conversion applies, checked before reading.
#[derive(Debug, Clone, Copy)]
pub struct ReadLimits {
    /// `--max-input-mb`: a larger report fails anyway, and is not read here.
    pub max_input_bytes: u64,
    /// `--max-image-megapixels`, `--max-image-mb`: pictures the conversion would refuse
    /// are not read either.
    pub pictures: crate::picture::Limits,
}

/// The fingerprint of one job: the settings, the input's bytes, its config file, the
/// bytes of the local images it refers to (an SVG's with the pictures it links), the
/// fetched remote pictures' bytes (by their hash in the cache), and
/// where its links to other files point (a report added to or removed from the run
/// changes them). `None` when the input cannot be read (it will fail anyway) or refers to
/// too many files to tell. Only what the conversion itself may read is read: the input
/// within its size limit, pictures that are regular files inside the report's folder
/// within theirs; and the text is scanned, never parsed, so no report can make this (in
/// the batch process, before any worker) slow or crash.
pub fn job_fingerprint(
    settings: &Fingerprint,
    job: &Job,
    run: &crate::RunDocuments,
    limits: ReadLimits,
) -> Option<String> {
    let bytes = match &job.text {
        Some(text) => text.clone().into_bytes(),
        None if std::fs::metadata(&job.input).ok()?.len() > limits.max_input_bytes => return None,
        None => std::fs::read(&job.input).ok()?,
    };
    let mut fingerprint = settings.clone();
    fingerprint.add(&bytes);
    if let Some(config) = &job.config {
        fingerprint.add(config.to_string_lossy().as_bytes());
        fingerprint.add(&std::fs::read(config).unwrap_or_default());
        fingerprint.add(&config_template_stamp(config));
    }
    let base = job.base_dir();
    // Every address the text may refer to, found without parsing it: each may be a
    // picture (its bytes count) or a link (where it points counts).
    let text = String::from_utf8_lossy(&bytes);
    for url in crate::markdown::targets::targets(&text)? {
        fingerprint.add(url.as_bytes());
        let file = crate::passes::picture_file(base, &url, &limits.pictures);
        if let Some(image) = file.ok().and_then(|(_, path)| std::fs::read(path).ok()) {
            fingerprint.add(&with_linked_pictures(base, &base.join(&url), image));
        }
        let target = crate::passes::link_target_pdf(&job.input, &url, run);
        fingerprint.add(target.unwrap_or_default().as_bytes());
    }
    for (url, remote) in job.pictures.iter().flatten() {
        fingerprint.add(url.as_bytes());
        match remote {
            Remote::Fetched { hash, .. } => fingerprint.add(hash.as_bytes()),
            Remote::Failed { reason } => fingerprint.add(reason.as_bytes()),
        };
    }
    Some(fingerprint.hex())
}

/// The stamp of the company template a config file names ([`crate::pptx::reference::stamp`]),
/// empty when it names none: a deck on a changed template is made again.
pub fn config_template_stamp(config: &Path) -> Vec<u8> {
    let style = crate::style::Style::from_file(config).ok();
    style.and_then(|s| s.reference_pptx).map_or(Vec::new(), |t| crate::pptx::reference::stamp(&t))
}

/// An SVG's bytes with the pictures it links written in, as the images pass serves it,
/// so that changing a linked picture converts the report again; other pictures as they
/// are.
fn with_linked_pictures(base: &Path, path: &Path, bytes: Vec<u8>) -> Vec<u8> {
    if !crate::picture::is_svg(&bytes) {
        return bytes;
    }
    let links = crate::picture::svg::Links { root: base, dir: path.parent().unwrap_or(base) };
    crate::picture::svg::check(&bytes, Some(links)).map(|svg| svg.bytes).unwrap_or(bytes)
}

/// The jobs to run and what is known of them.
pub struct Plan {
    /// Jobs to convert, each with its fingerprint.
    pub to_run: Vec<Job>,
    fingerprints: HashMap<PathBuf, Option<String>>,
    /// Jobs skipped as up to date.
    pub skipped: Vec<Job>,
}

/// Splits `jobs` into those to convert and those up to date in `manifest` (unless
/// `force`; never a report read from standard input).
pub fn plan(
    jobs: Vec<Job>,
    settings: &Fingerprint,
    run: &crate::RunDocuments,
    manifest: &Manifest,
    force: bool,
    limits: ReadLimits,
) -> Plan {
    let fingerprints = fingerprints(&jobs, settings, run, limits);
    let mut plan = Plan { to_run: Vec::new(), fingerprints: HashMap::new(), skipped: Vec::new() };
    for (job, fingerprint) in jobs.into_iter().zip(fingerprints) {
        let fresh = fingerprint.as_deref().is_some_and(|f| manifest.is_up_to_date(&key(&job), f));
        // A report from standard input is converted whenever it is given.
        if fresh && !force && job.text.is_none() {
            plan.skipped.push(job);
        } else {
            plan.fingerprints.insert(job.input.clone(), fingerprint);
            plan.to_run.push(job);
        }
    }
    plan
}

/// Each job's fingerprint; a job whose fingerprinting panics gets none, and is
/// converted (and reported) by its worker.
fn fingerprints(
    jobs: &[Job],
    settings: &Fingerprint,
    run: &crate::RunDocuments,
    limits: ReadLimits,
) -> Vec<Option<String>> {
    let fingerprint = |job| job_fingerprint(settings, job, run, limits);
    jobs.iter().map(|job| crate::quiet::catch_quietly(|| fingerprint(job)).flatten()).collect()
}

impl Plan {
    /// Records each outcome in `manifest`, with the fingerprint its job had.
    pub fn record(&self, outcomes: &[Outcome], manifest: &mut Manifest) {
        manifest.folio_version = env!("CARGO_PKG_VERSION").to_string();
        for outcome in outcomes {
            let fingerprint =
                self.fingerprints.get(&outcome.job.input).cloned().flatten().unwrap_or_default();
            let milliseconds = outcome.elapsed.as_millis() as u64;
            let entry = match &outcome.result {
                Ok(written) => Entry {
                    fingerprint,
                    outputs: written.files.clone(),
                    pages: written.pages,
                    warnings: written.warnings.clone(),
                    milliseconds,
                    error: None,
                    pictures: pictures_of(&outcome.job),
                },
                Err(err) => Entry {
                    fingerprint,
                    outputs: Vec::new(),
                    pages: 0,
                    warnings: Vec::new(),
                    milliseconds,
                    error: Some(err.to_string()),
                    pictures: pictures_of(&outcome.job),
                },
            };
            let key = key(&outcome.job);
            if outcome.result.is_err()
                && let Some(before) = manifest.documents.get(&key)
            {
                remove_stale_outputs(&before.outputs, &outcome.job);
            }
            manifest.documents.insert(key, entry);
        }
    }
}

/// Removes the outputs a report's last good run wrote, now that it fails: a PDF left
/// beside a failed entry would pass for the current one. Only files the manifest lists
/// that are also names this very job writes are removed, and only regular files (never
/// through a symbolic link): a hand-edited manifest cannot make it delete anything else.
fn remove_stale_outputs(outputs: &[PathBuf], job: &Job) {
    let own: Vec<PathBuf> = crate::inputs::possible_outputs(job).collect();
    for output in outputs.iter().filter(|output| own.contains(output)) {
        if std::fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_file()) {
            let _ = std::fs::remove_file(output);
        }
    }
}

/// The remote pictures fetched for a job, as the manifest records them.
fn pictures_of(job: &Job) -> Vec<RemotePicture> {
    let pictures = job.pictures.iter().flatten();
    let record = |(url, remote): (&String, &Remote)| match remote {
        Remote::Fetched { source, .. } => {
            let source = Some(source.name().to_string());
            RemotePicture { url: url.clone(), source, failed: None }
        }
        Remote::Failed { reason } => {
            RemotePicture { url: url.clone(), source: None, failed: Some(reason.clone()) }
        }
    };
    pictures.map(record).collect()
}

/// A job's key in the manifest.
fn key(job: &Job) -> String {
    match job.text {
        Some(_) => job.input.to_string_lossy().into_owned(),
        None => crate::inputs::manifest_key(&job.input),
    }
}
