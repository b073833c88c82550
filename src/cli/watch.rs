//! `folio watch`: build, then build again whenever a report, a picture beside it, its
//! configuration or a template changes. It runs on the same worker pool as `build`, so
//! `--timeout` stops a report that hangs, and the workers stay warm between rebuilds.

use super::args::BuildArgs;
use super::build::{INTERRUPTED, interrupted, reporter, run_jobs};
use super::settings::RunSettings;
use crate::inputs::run_documents;
use crate::jobs::Pool;
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

type Events = Receiver<notify::Result<notify::Event>>;

/// Runs `folio watch` until Ctrl-C (exit code 130).
pub fn watch(args: &BuildArgs, colour: bool) -> anyhow::Result<ExitCode> {
    if args.to_stdout() || args.inputs.iter().any(|i| i == Path::new("-")) {
        return Ok(super::usage_error("watch reads files: no `-` input or output", colour));
    }
    let (mut settings, mut jobs) = match load(args) {
        Ok(loaded) => loaded,
        Err(message) => return Ok(super::usage_error(&message, colour)),
    };
    if let Some(code) = super::build::prepare_out_dir(args, &jobs, colour) {
        return Ok(code);
    }
    let stop = interrupted();
    let (sender, events) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender)?;
    for path in watched_folders(args) {
        watcher.watch(&path, RecursiveMode::Recursive)?;
    }
    watch_configs(&mut watcher, &jobs);
    // The company template's folder (not its subfolders): saving it makes the decks again.
    if let Some(folder) = args.reference_pptx.as_deref().and_then(Path::parent) {
        let _ = watcher.watch(folder, RecursiveMode::NonRecursive);
    }
    let out_dir = args.out_dir.canonicalize().unwrap_or_else(|_| args.out_dir.clone());
    let mut state = state_of(&settings, &jobs)?;
    let mut pool = Pool::new(settings.pool_options(args, jobs.len())?);
    loop {
        let start = Instant::now();
        pool.set_run(Arc::new(run_documents(&jobs)));
        let reporter = reporter(args, colour, jobs.len());
        let (_, outcomes) = run_jobs(&pool, jobs, &reporter, start, 0)?;
        if stop.load(Ordering::Relaxed) {
            return Ok(ExitCode::from(INTERRUPTED));
        }
        if !args.quiet && args.message_format == super::args::MessageFormat::Human {
            let ms = start.elapsed().as_millis();
            eprintln!("rebuilt {} report(s) in {ms} ms; watching for changes", outcomes.len());
        }
        // Wait until the reports and their settings can be read again.
        (settings, jobs) = loop {
            if !wait_for_change(&events, &out_dir) {
                return Ok(ExitCode::from(INTERRUPTED));
            }
            match load(args) {
                Ok(loaded) => break loaded,
                Err(message) => super::messages::say("error", colour, &message),
            }
        };
        watch_configs(&mut watcher, &jobs);
        // Changed templates, themes or configuration: workers start afresh with them.
        let now = state_of(&settings, &jobs)?;
        if now != state {
            pool = Pool::new(settings.pool_options(args, jobs.len())?);
            state = now;
        }
    }
}

/// The run's settings and jobs, read again for each rebuild.
fn load(args: &BuildArgs) -> Result<(RunSettings, Vec<crate::inputs::Job>), String> {
    let settings = RunSettings::from_args(args)?;
    let mut found = settings.jobs(args, &args.out_dir)?;
    settings.prefetch(&mut found.jobs, args.quiet);
    Ok((settings, found.jobs))
}

/// What decides the workers' settings: the settings fingerprint (templates, themes,
/// options, fonts) and the text of each configuration file the reports use.
fn state_of(settings: &RunSettings, jobs: &[crate::inputs::Job]) -> anyhow::Result<String> {
    let mut fingerprint = crate::convert::settings_fingerprint(&settings.converter)?;
    let configs: std::collections::BTreeSet<&PathBuf> =
        jobs.iter().filter_map(|job| job.config.as_ref()).collect();
    for config in configs {
        fingerprint.add(&std::fs::read(config).unwrap_or_default());
        fingerprint.add(&crate::incremental::config_template_stamp(config));
    }
    Ok(fingerprint.hex())
}

/// Watches the folder of each configuration file the reports use (it may lie above the
/// inputs) and of the template it names, not their subfolders.
fn watch_configs(watcher: &mut impl Watcher, jobs: &[crate::inputs::Job]) {
    for config in jobs.iter().filter_map(|job| job.config.as_ref()) {
        // The company template it names may lie elsewhere.
        let template = crate::style::Style::from_file(config).ok().and_then(|s| s.reference_pptx);
        for file in std::iter::once(config.as_path()).chain(template.as_deref()) {
            if let Some(folder) = file.parent().filter(|f| !f.as_os_str().is_empty()) {
                let _ = watcher.watch(folder, RecursiveMode::NonRecursive);
            }
        }
    }
}

/// The folders to watch: each input's (a file is watched through its folder, since
/// editors replace files when saving; a glob pattern through the folder before its first
/// wildcard) and the templates folder.
pub(super) fn watched_folders(args: &BuildArgs) -> Vec<PathBuf> {
    let mut folders = Vec::new();
    for path in args.inputs.iter().chain(args.templates.iter()) {
        let pattern = path.to_string_lossy();
        let literal = match pattern.contains(['*', '?', '[']) && !path.exists() {
            true => crate::inputs::glob_root(&pattern).unwrap_or_else(|| PathBuf::from(".")),
            false => path.clone(),
        };
        let folder =
            if literal.is_dir() { literal.as_path() } else { literal.parent().unwrap_or(&literal) };
        let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
        if !folders.iter().any(|f: &PathBuf| f == folder) {
            folders.push(folder.to_path_buf());
        }
    }
    folders
}

/// Waits for a change outside the output folder, then lets a burst of events settle;
/// `false` when Ctrl-C came first.
fn wait_for_change(events: &Events, out_dir: &Path) -> bool {
    let stop = interrupted();
    loop {
        if stop.load(Ordering::Relaxed) {
            return false;
        }
        let event = match events.recv_timeout(Duration::from_millis(100)) {
            Ok(Ok(event)) => event,
            Ok(Err(_)) | Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return false,
        };
        let outside = event.paths.iter().any(|p| {
            let p = p.canonicalize().unwrap_or_else(|_| p.clone());
            !p.starts_with(out_dir)
        });
        if outside && !matches!(event.kind, notify::EventKind::Access(_)) {
            break;
        }
    }
    std::thread::sleep(Duration::from_millis(150));
    while events.try_recv().is_ok() {}
    true
}
