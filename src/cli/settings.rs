//! From flags to a run: the explicit configuration, the converter and batch options, the
//! jobs with the configuration each report uses, and the worker pool.

use super::args::BuildArgs;
use crate::convert::ConverterOptions;
use crate::inputs::{Found, Job, Walk, find};
use crate::jobs::{BatchOptions, PoolOptions, WorkerSettings, default_threads};
use crate::style::Style;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A run's settings, checked before any report is converted.
pub struct RunSettings {
    pub converter: ConverterOptions,
    pub batch: BatchOptions,
    /// `--config` (or `FOLIO_CONFIG`): applies to every report, none is looked for.
    pub explicit_config: bool,
    /// How remote pictures are fetched, for the reports that ask.
    pub fetch: crate::fetch::FetchOptions,
}

impl RunSettings {
    /// Reads `--config`; a usage problem is an `Err` with its message (exit code 2).
    pub fn from_args(args: &BuildArgs) -> Result<Self, String> {
        let style = match &args.config {
            Some(path) => Style::from_file(path).map_err(|m| format!("{}: {m}", path.display()))?,
            None => Style::default(),
        };
        if args.to_stdout() {
            check_stdout(args)?;
        }
        // A bad theme is a configuration error, like a bad folio.toml.
        super::load_themes(args.templates.as_deref())?;
        if let Some(name) = &args.name {
            check_name(name, args)?;
        }
        Ok(RunSettings {
            converter: args.converter_options(style),
            batch: args.batch_options(),
            explicit_config: args.config.is_some(),
            fetch: args.fetch.options(),
        })
    }

    /// The jobs of the inputs, each with the configuration that applies to it (each
    /// found configuration read and checked once, here); `-` reads standard input
    /// (once). An `Err` is a usage or configuration problem (exit code 2).
    pub fn jobs(&self, args: &BuildArgs, out_dir: &Path) -> Result<Found, String> {
        let (stdin, files): (Vec<&PathBuf>, Vec<&PathBuf>) =
            args.inputs.iter().partition(|input| *input == Path::new("-"));
        let files: Vec<PathBuf> = files.into_iter().cloned().collect();
        let Found { mut jobs, skipped } = find(&files, out_dir, Walk { no_ignore: args.no_ignore });
        if !stdin.is_empty() {
            let name = args.name.clone().unwrap_or_else(|| "stdin".to_string());
            let mut job = Job::new(PathBuf::from(&name), out_dir.join(&name));
            job.text = Some(read_stdin(&name, self.batch.max_input_bytes)?);
            jobs.push(job);
        }
        crate::inputs::check_output_collisions(&jobs)?;
        if !self.explicit_config {
            assign_configs(&mut jobs)?;
        }
        Ok(Found { jobs, skipped })
    }

    /// Fetches the remote pictures of the jobs that ask for them (see [`crate::prefetch`]),
    /// before any is dispatched; says what was fetched unless `quiet`.
    pub fn prefetch(&self, jobs: &mut [Job], quiet: bool) {
        let converter = &self.converter;
        let asks = crate::prefetch::Asks {
            style: &converter.style,
            disabled_passes: &converter.disabled_passes,
            max_input_bytes: self.batch.max_input_bytes,
        };
        let tally = crate::prefetch::prefetch(jobs, &self.fetch, &asks);
        let total = tally.network + tally.cache + tally.failed;
        if total > 0 && !quiet {
            eprintln!(
                "remote pictures: {} downloaded, {} from the cache, {} failed",
                tally.network, tally.cache, tally.failed
            );
        }
    }

    /// How to start the worker processes for `documents` reports.
    pub fn pool_options(&self, args: &BuildArgs, documents: usize) -> std::io::Result<PoolOptions> {
        let cores = if args.jobs == 0 { default_threads() } else { args.jobs };
        let workers = cores.min(documents).max(1);
        Ok(PoolOptions {
            program: std::env::current_exe()?,
            workers,
            settings: WorkerSettings {
                converter: self.converter.clone(),
                batch: self.batch.clone(),
                // Fewer documents than cores: each document gets the spare cores.
                threads: (cores / workers).max(1),
            },
            timeout: args.timeout(),
            max_memory_mb: (args.max_memory_mb > 0).then_some(args.max_memory_mb),
        })
    }
}

/// `-o -` takes one report and one output, which must be a PDF.
fn check_stdout(args: &BuildArgs) -> Result<(), String> {
    let outputs = args.outputs();
    let extras =
        args.emit_typst || args.preview || args.message_format == super::args::MessageFormat::Json;
    if args.inputs.len() != 1 || outputs.len() != 1 || extras {
        return Err("-o - writes one output of one report to standard output: give one input \
                    and --only report or --only slides, without --pptx, --notes-pages, \
                    --handout, --preview, --emit-typst or --message-format json"
            .into());
    }
    Ok(())
}

/// `--name` names the one report read from standard input with a plain file name, so
/// its outputs stay in the output folder.
fn check_name(name: &str, args: &BuildArgs) -> Result<(), String> {
    if !args.inputs.iter().any(|i| i == Path::new("-")) {
        return Err("--name names a report read from standard input (`-`)".into());
    }
    let mut parts = Path::new(name).components();
    match (parts.next(), parts.next()) {
        (Some(std::path::Component::Normal(_)), None) if !name.starts_with('.') => Ok(()),
        _ => Err(format!("--name {name:?}: give a plain file name, without folders")),
    }
}

/// Standard input as a report: at most `limit` bytes of UTF-8, a byte-order mark dropped,
/// like a report read from a file.
fn read_stdin(name: &str, limit: u64) -> Result<String, String> {
    let mut bytes = Vec::new();
    let read = std::io::stdin().take(limit.saturating_add(1)).read_to_end(&mut bytes);
    read.map_err(|e| format!("{name} (standard input): {e}"))?;
    if bytes.len() as u64 > limit {
        let limit = limit as f64 / 1e6;
        return Err(format!(
            "{name} (standard input): over the {limit:.1} MB limit for one \
                            report (raise it with --max-input-mb)"
        ));
    }
    crate::jobs::decode_utf8(bytes).map_err(|(line, offset)| {
        format!("{name}:{line}: not UTF-8 text (first bad byte at offset {offset}); send UTF-8")
    })
}

/// Gives each job the `folio.toml` found from its folder (looked up once per folder),
/// and reads each file found once, so a broken one stops the run before any report.
fn assign_configs(jobs: &mut [Job]) -> Result<(), String> {
    let mut found: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    for job in jobs.iter_mut() {
        let dir = job.base_dir().to_path_buf();
        let config = found.entry(dir.clone()).or_insert_with(|| crate::config::discover(&dir));
        job.config = config.clone();
    }
    let mut configs: Vec<PathBuf> = found.into_values().flatten().collect();
    configs.sort();
    configs.dedup();
    for config in configs {
        Style::from_file(&config).map_err(|m| format!("{}: {m}", config.display()))?;
    }
    Ok(())
}
