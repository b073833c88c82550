//! Building the served reports: once at start, then again on each save of a report, a
//! picture beside it, its configuration or a template. The converter stays loaded across
//! rebuilds, so Typst's memoized layout of unchanged content is reused.

use super::{App, Log};
use crate::config::Styles;
use crate::convert::{Converter, ConverterOptions};
use crate::jobs::BatchOptions;
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Editors save in several steps (write a temporary file, rename it): events this close
/// together are one save. Short, as it adds to every edit-to-view delay.
const SETTLE: Duration = Duration::from_millis(15);

/// Converts the served reports with one converter kept loaded.
pub struct Rebuilder {
    converter: Converter,
    options: ConverterOptions,
    batch: BatchOptions,
    log: Log,
}

impl Rebuilder {
    /// Loads fonts and templates; `None` (with the reason logged) when they cannot be.
    pub fn new(options: ConverterOptions, batch: BatchOptions, log: Log) -> Option<Rebuilder> {
        match Converter::new(options.clone()) {
            Ok(converter) => Some(Rebuilder { converter, options, batch, log }),
            Err(err) => {
                log("error", &err.to_string());
                None
            }
        }
    }

    /// Builds every report.
    pub fn build_all(&self, app: &App) {
        let ids: Vec<usize> = (0..app.library.entries().len()).collect();
        self.build(app, &ids);
    }

    /// Builds the reports `ids` one after the other and tells the open pages.
    fn build(&self, app: &App, ids: &[usize]) {
        // Read each configuration afresh: a saved folio.toml applies at once.
        let styles = Styles::default();
        for &id in ids {
            let Some(entry) = app.library.get(id) else { continue };
            let start = Instant::now();
            let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                crate::jobs::convert_job(&self.converter, &entry.job, &self.batch, &styles)
            }));
            let result = attempt.unwrap_or_else(|_| {
                let message = "internal error while converting".to_string();
                Err(crate::error::Error::Internal { path: entry.job.input.clone(), message })
            });
            if let Err(err) = &result {
                (self.log)("error", &err.to_string());
            }
            let ms = start.elapsed().as_millis() as u64;
            let version = app.library.record(id, result, ms);
            app.hub.publish(id, version);
        }
        // Entries unused for several rebuilds go; those of the current reports stay.
        crate::engine::evict_caches();
    }

    /// Starts watching `folders` (before the first build, so no save is missed).
    pub fn watch(&self, folders: &[PathBuf]) -> Option<Watching> {
        let (sender, events) = std::sync::mpsc::channel();
        let mut watcher = match notify::recommended_watcher(sender) {
            Ok(watcher) => watcher,
            Err(err) => {
                (self.log)("error", &format!("cannot watch for changes: {err}"));
                return None;
            }
        };
        for folder in folders {
            if let Err(err) = watcher.watch(folder, RecursiveMode::Recursive) {
                (self.log)("warning", &format!("{}: not watched: {err}", folder.display()));
            }
        }
        Some(Watching { _watcher: watcher, events })
    }

    /// Rebuilds on every change `watching` reports until the app stops.
    pub fn follow(mut self, app: &App, watching: Watching) {
        while !app.stop.load(std::sync::atomic::Ordering::Relaxed) {
            let Some(changed) = next_change(&watching.events) else { continue };
            if let Some(dir) = self.options.templates_dir.clone()
                && changed.iter().any(|path| inside(path, &dir))
            {
                match Converter::new(self.options.clone()) {
                    Ok(converter) => self.converter = converter,
                    Err(err) => (self.log)("error", &err.to_string()),
                }
            }
            let ids = affected(app, &changed);
            self.build(app, &ids);
        }
    }
}

/// The file watcher and the changes it reports.
pub struct Watching {
    _watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
}

/// The paths of the next change (a burst of events taken as one), or `None` after a
/// quiet moment.
fn next_change(events: &Receiver<notify::Result<notify::Event>>) -> Option<Vec<PathBuf>> {
    let first = match events.recv_timeout(Duration::from_millis(200)) {
        Ok(Ok(event)) => event,
        Ok(Err(_)) | Err(RecvTimeoutError::Timeout) => return None,
        Err(RecvTimeoutError::Disconnected) => {
            std::thread::sleep(Duration::from_millis(200));
            return None;
        }
    };
    let mut paths = Vec::new();
    let mut take = |event: notify::Event| {
        if !matches!(event.kind, notify::EventKind::Access(_)) {
            paths.extend(event.paths);
        }
    };
    take(first);
    std::thread::sleep(SETTLE);
    while let Ok(event) = events.try_recv() {
        if let Ok(event) = event {
            take(event);
        }
    }
    (!paths.is_empty()).then_some(paths)
}

/// The reports a change touches: those whose folder (pictures, includes) or
/// configuration holds a changed path; every report when none does (a template).
fn affected(app: &App, changed: &[PathBuf]) -> Vec<usize> {
    let entries = app.library.entries();
    let touched = |entry: &super::library::Entry| {
        let folder = entry.job.base_dir();
        let config = entry.job.config.as_deref();
        changed.iter().any(|path| inside(path, folder) || config.is_some_and(|c| same(path, c)))
    };
    let ids: Vec<usize> = (0..entries.len()).filter(|&id| touched(&entries[id])).collect();
    if ids.is_empty() { (0..entries.len()).collect() } else { ids }
}

/// Whether `path` lies in `folder` (both made absolute, as events name them).
fn inside(path: &Path, folder: &Path) -> bool {
    let folder = folder.canonicalize().unwrap_or_else(|_| folder.to_path_buf());
    let path =
        path.parent().and_then(|p| p.canonicalize().ok()).unwrap_or_else(|| path.to_path_buf());
    path.starts_with(folder)
}

fn same(a: &Path, b: &Path) -> bool {
    a.file_name() == b.file_name() && inside(a, b.parent().unwrap_or(Path::new(".")))
}
