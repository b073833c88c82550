//! `folio build`: find the reports, skip those up to date, convert the rest on worker
//! processes, record the run in the manifest and summarise.

use super::args::BuildArgs;
use super::messages::{Reporter, Summary, Verbosity};
use super::settings::RunSettings;
use crate::incremental;
use crate::inputs::{Job, run_documents, shard};
use crate::jobs::{Hooks, Outcome, Pool};
use crate::manifest::Manifest;
use crate::outputs::write_atomically;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

/// Exit code after Ctrl-C, as shells report a process ended by SIGINT.
pub const INTERRUPTED: u8 = 130;

/// Set by Ctrl-C: finish the documents in flight, start no more (their outputs stay
/// whole). One handler for the process, installed on first use.
pub fn interrupted() -> &'static AtomicBool {
    static STOP: OnceLock<&'static AtomicBool> = OnceLock::new();
    STOP.get_or_init(|| {
        let flag: &'static AtomicBool = Box::leak(Box::new(AtomicBool::new(false)));
        let _ = ctrlc::set_handler(move || flag.store(true, Ordering::Relaxed));
        flag
    })
}

/// Runs `folio build`.
pub fn build(args: &BuildArgs, colour: bool) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let settings = match RunSettings::from_args(args) {
        Ok(settings) => settings,
        Err(message) => return Ok(super::usage_error(&message, colour)),
    };
    if let Some(code) = check_reference(&settings.converter, colour) {
        return Ok(code);
    }
    if args.to_stdout() {
        return super::stdout::convert_to_stdout(args, &settings, colour);
    }
    let fingerprint = crate::convert::settings_fingerprint(&settings.converter)?;
    let found = match settings.jobs(args, &args.out_dir) {
        Ok(found) => found,
        Err(message) => return Ok(super::usage_error(&message, colour)),
    };
    let mut jobs = found.jobs;
    let walk_reporter = reporter(args, colour, 0);
    found.skipped.iter().for_each(|skipped| walk_reporter.passed_over(skipped));
    if jobs.is_empty() {
        let message = "no Markdown files (.md, .markdown) found in the given inputs";
        super::messages::say("error", colour, message);
        return Ok(ExitCode::from(1));
    }
    // Links between reports depend on which reports the run has, before sharding.
    let run = Arc::new(run_documents(&jobs));
    if let Some((index, count)) = args.shard {
        jobs = shard(jobs, index, count, &args.out_dir);
    }
    if let Some(code) = prepare_out_dir(args, &jobs, colour) {
        return Ok(code);
    }
    // Before the fingerprints: a report whose picture changed is converted again.
    settings.prefetch(&mut jobs, args.quiet);
    let manifest_path = args.manifest_path();
    let mut manifest = Manifest::load(&manifest_path);
    let limits = incremental::ReadLimits {
        max_input_bytes: settings.batch.max_input_bytes,
        pictures: settings.converter.image_limits,
    };
    let plan = incremental::plan(jobs, &fingerprint, &run, &manifest, args.force, limits);
    let reporter = reporter(args, colour, plan.to_run.len());
    for job in &plan.skipped {
        reporter.skipped(job, "up to date");
    }
    let mut pool = Pool::new(settings.pool_options(args, plan.to_run.len())?);
    pool.set_run(run);
    let (code, outcomes) =
        run_jobs(&pool, plan.to_run.clone(), &reporter, start, plan.skipped.len())?;
    plan.record(&outcomes, &mut manifest);
    // Written even when nothing ran, so every shard of a job array leaves a manifest.
    write_atomically(&manifest_path, manifest.to_json().as_bytes())?;
    Ok(code)
}

/// Checks the company template that `--reference-pptx` or `--config`'s file names before
/// any report: a bad one (or a `[pptx.layouts]` naming no layout of it) is one error
/// naming the file, exit code 1, and nothing written.
fn check_reference(options: &crate::ConverterOptions, colour: bool) -> Option<ExitCode> {
    use crate::pptx::reference;
    let path = options.reference_pptx.as_ref().or(options.style.reference_pptx.as_ref())?;
    let overrides = options.style.pptx_layouts.clone().unwrap_or_default();
    let checked = reference::read(path).and_then(|template| {
        template
            .choose(&overrides)
            .map_err(|reason| reference::ReferenceError { path: path.clone(), reason })
    });
    let error = checked.err()?;
    super::messages::say("error", colour, &error.to_string());
    Some(ExitCode::from(1))
}

/// Checks that the output folder can be written (else one error, exit code 1) and removes
/// the temporary files a killed run left where this run writes.
pub fn prepare_out_dir(args: &BuildArgs, jobs: &[Job], colour: bool) -> Option<ExitCode> {
    if let Err(err) = crate::outputs::check_writable(&args.out_dir) {
        let folder = args.out_dir.display();
        super::messages::say(
            "error",
            colour,
            &format!("output folder {folder} cannot be written: {err}"),
        );
        return Some(ExitCode::from(1));
    }
    let folders: BTreeSet<&Path> = jobs.iter().filter_map(|job| folder_of(&job.out_stem)).collect();
    if let Some(dir) = folders.iter().find(|dir| crate::outputs::leads_outside(dir, &args.out_dir))
    {
        let out = args.out_dir.display();
        let text =
            format!("{} leads out of the output folder {out} (a symbolic link?)", dir.display());
        super::messages::say("error", colour, &text);
        return Some(ExitCode::from(1));
    }
    let manifest_path = args.manifest_path();
    let manifest_folder = folder_of(&manifest_path);
    crate::outputs::remove_stale_temporary_files(folders.into_iter().chain(manifest_folder));
    None
}

/// The folder a file is written in (`.` for a bare name).
fn folder_of(path: &Path) -> Option<&Path> {
    path.parent().map(|dir| if dir.as_os_str().is_empty() { Path::new(".") } else { dir })
}

/// The reporter `args` ask for.
pub fn reporter(args: &BuildArgs, colour: bool, total: usize) -> Reporter {
    let verbosity = match (args.quiet, args.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    Reporter::new(args.message_format, verbosity, colour, total)
}

/// Runs the jobs on the pool with progress, Ctrl-C handling and a closing summary; the
/// exit code says whether all converted (0), some failed (1) or the run was stopped (130).
pub fn run_jobs(
    pool: &Pool,
    jobs: Vec<crate::inputs::Job>,
    reporter: &Reporter,
    start: Instant,
    up_to_date: usize,
) -> anyhow::Result<(ExitCode, Vec<Outcome>)> {
    let stop = interrupted();
    let total = jobs.len();
    let hooks = Hooks { on_done: &|outcome| reporter.done(outcome), stop };
    let outcomes = pool.run(jobs.clone(), &hooks).map_err(|message| anyhow::anyhow!(message))?;
    let done: std::collections::HashSet<&std::path::Path> =
        outcomes.iter().map(|o| o.job.input.as_path()).collect();
    for job in jobs.iter().filter(|job| !done.contains(job.input.as_path())) {
        reporter.skipped(job, "interrupted");
    }
    let failures: Vec<String> = outcomes
        .iter()
        .filter_map(|o| o.result.as_ref().err())
        .map(|err| err.to_string())
        .collect();
    let summary = Summary {
        total,
        converted: outcomes.len() - failures.len(),
        failed: failures.len(),
        pages: outcomes.iter().filter_map(|o| o.result.as_ref().ok()).map(|w| w.pages).sum(),
        up_to_date,
        interrupted: total - outcomes.len(),
        elapsed: start.elapsed(),
    };
    reporter.finish(&summary, &failures);
    let code = if stop.load(Ordering::Relaxed) {
        ExitCode::from(INTERRUPTED)
    } else if failures.is_empty() && summary.interrupted == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    Ok((code, outcomes))
}
