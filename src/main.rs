//! The `folio` binary: parse flags, run the library, report, set the exit code.

use clap::Parser;
use folio::cli::{BuildArgs, Cli, Command, ManifestCommand, TemplatesCommand};
use folio::convert::Converter;
use folio::manifest::{Entry, Manifest};
use folio::progress::{Progress, Verbosity};
use folio::style::{Style, find_config};
use folio::{batch, workers};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Typst allocates many small, short-lived objects; mimalloc serves them faster than the
/// system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build(&args),
        Command::Watch(args) => watch(&args),
        Command::Worker(args) => serve_as_worker(&args),
        Command::Themes { templates } => list_themes(templates.as_deref()),
        Command::Templates { command: TemplatesCommand::Export { dir } } => export_templates(&dir),
        Command::Manifest { command: ManifestCommand::Merge { out, inputs } } => {
            merge_manifests(&out, &inputs)
        }
    };
    result.unwrap_or_else(|err| {
        eprintln!("error: {err:#}");
        ExitCode::from(1)
    })
}

/// Builds once, then rebuilds on every change under the inputs (and the templates
/// folder), reusing the same converter so Typst's caches make rebuilds incremental.
fn watch(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    use notify::{RecursiveMode, Watcher};
    let style = load_style(args).map_err(|m| anyhow::anyhow!(m))?;
    let converter = Converter::new(args.converter_options(style))?;
    let (sender, events) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender)?;
    let mut watched: Vec<std::path::PathBuf> = args.inputs.clone();
    watched.extend(args.templates.clone());
    for path in &watched {
        // A file is watched through its folder: editors replace files when saving.
        let target = if path.is_file() { path.parent().unwrap_or(path) } else { path.as_path() };
        let target = if target.as_os_str().is_empty() { std::path::Path::new(".") } else { target };
        watcher.watch(target, RecursiveMode::Recursive)?;
    }
    let out_dir = args.out_dir.canonicalize().unwrap_or_else(|_| args.out_dir.clone());
    loop {
        let start = Instant::now();
        let jobs = batch::find_jobs(&args.inputs, &args.out_dir);
        let run = run_documents(&jobs);
        // No Ctrl-C handler here: Ctrl-C ends the watch at once (outputs are written
        // atomically, so none is left half-written).
        let options = batch::BatchOptions { run, ..args.batch_options() };
        let in_process =
            |jobs, hooks: &batch::Hooks| Ok(batch::run(&converter, jobs, &options, hooks));
        let (_, outcomes) = run_jobs(in_process, jobs, args, start, 0, &AtomicBool::new(false))?;
        eprintln!(
            "rebuilt {} report(s) in {} ms; watching for changes",
            outcomes.len(),
            start.elapsed().as_millis()
        );
        // Wait for a change outside the output folder, then let a burst of events settle.
        loop {
            let event = events.recv()?;
            let Ok(event) = event else { continue };
            let outside = event.paths.iter().any(|p| {
                let p = p.canonicalize().unwrap_or_else(|_| p.clone());
                !p.starts_with(&out_dir)
            });
            if outside && !matches!(event.kind, notify::EventKind::Access(_)) {
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(150));
        while events.try_recv().is_ok() {}
    }
}

fn merge_manifests(
    out: &std::path::Path,
    inputs: &[std::path::PathBuf],
) -> anyhow::Result<ExitCode> {
    let mut merged = Manifest::load(out);
    for input in inputs {
        let text = std::fs::read_to_string(input)
            .map_err(|e| anyhow::anyhow!("{}: {e}", input.display()))?;
        let manifest: Manifest =
            serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", input.display()))?;
        merged.merge(manifest);
    }
    batch::write_atomically(out, merged.to_json().as_bytes())?;
    eprintln!("{}: {} documents", out.display(), merged.documents.len());
    Ok(ExitCode::SUCCESS)
}

fn list_themes(templates_dir: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    let themes = match load_themes(templates_dir) {
        Ok(themes) => themes,
        Err(message) => {
            eprintln!("error: {message}");
            return Ok(ExitCode::from(2));
        }
    };
    for theme in themes.names() {
        println!("{theme}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Every theme of the templates in use (the embedded ones, with `dir`'s over them),
/// checked: a theme file missing a key is named here, before any report.
fn load_themes(dir: Option<&std::path::Path>) -> Result<folio::theme::Themes, String> {
    let templates = match dir {
        Some(dir) => folio::templates::Templates::with_overrides(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?,
        None => folio::templates::Templates::embedded(),
    };
    folio::theme::Themes::load(&templates).map_err(|e| e.to_string())
}

fn export_templates(dir: &std::path::Path) -> anyhow::Result<ExitCode> {
    let templates = folio::templates::Templates::embedded();
    for (name, text) in templates.files() {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The style from the configuration file, if there is one.
fn load_style(args: &BuildArgs) -> Result<Style, String> {
    match find_config(args.config.as_deref(), &args.inputs) {
        Some(path) => Style::from_file(&path).map_err(|m| format!("{}: {m}", path.display())),
        None => Ok(Style::default()),
    }
}

/// A worker process of `folio build` (see `folio::workers`): the same flags as the build,
/// jobs on stdin, replies on stdout.
fn serve_as_worker(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    // Ctrl-C in a terminal reaches the whole process group; the parent decides what stops.
    let _ = ctrlc::set_handler(|| {});
    let threads: usize =
        std::env::var(workers::THREADS_VARIABLE).ok().and_then(|t| t.parse().ok()).unwrap_or(1);
    let converter = load_style(args)
        .map_err(folio::Error::Reported)
        .and_then(|style| Converter::new(args.converter_options(style)))
        .map(|mut converter| {
            converter.set_parallel_outputs(threads > 1);
            converter
        });
    // The same list of the run's reports the parent has, for links between them.
    let run = run_documents(&batch::find_jobs(&args.inputs, &args.out_dir));
    let options = batch::BatchOptions { run, ..args.batch_options() };
    // Documents are converted on a thread of the pool Typst runs its parallel work on,
    // so that work runs on the converting thread itself instead of being handed to
    // another thread and back. Typst recurses deeply on deeply nested documents: large
    // stacks.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(folio::engine::TYPESETTING_STACK)
        .build()?;
    pool.install(|| workers::serve(converter, &options))?;
    Ok(ExitCode::SUCCESS)
}

/// How `folio build` starts its worker processes: this program with the same flags.
fn pool_options(args: &BuildArgs, documents: usize) -> anyhow::Result<workers::PoolOptions> {
    let cores = if args.jobs == 0 { batch::default_threads() } else { args.jobs };
    let count = cores.min(documents).max(1);
    // The flags after `build` (there are no flags before it).
    let flags = std::env::args_os().skip_while(|a| a != "build").skip(1);
    Ok(workers::PoolOptions {
        program: std::env::current_exe()?,
        args: std::iter::once("__worker".into()).chain(flags).collect(),
        workers: count,
        // Fewer documents than cores: each document gets the spare cores.
        threads_per_worker: (cores / count).max(1),
        timeout: args.timeout(),
    })
}

fn build(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let style = match load_style(args) {
        Ok(style) => style,
        Err(message) => {
            eprintln!("error: {message}");
            return Ok(ExitCode::from(2));
        }
    };
    // A bad theme is a configuration error, like a bad folio.toml.
    if let Err(message) = load_themes(args.templates.as_deref()) {
        eprintln!("error: {message}");
        return Ok(ExitCode::from(2));
    }
    let settings = folio::convert::settings_fingerprint(&args.converter_options(style))?;
    let mut jobs = batch::find_jobs(&args.inputs, &args.out_dir);
    if jobs.is_empty() {
        eprintln!("error: no Markdown files (.md, .markdown) found in the given inputs");
        return Ok(ExitCode::from(1));
    }
    // Links between reports depend on which reports the run has, before sharding.
    let run = run_documents(&jobs);
    if let Some((index, count)) = args.shard {
        jobs = batch::shard(jobs, index, count, &args.out_dir);
    }
    // Up-to-date documents (same fingerprint, outputs present) are skipped.
    let manifest_path = args.manifest_path();
    let mut manifest = Manifest::load(&manifest_path);
    let fingerprints: Vec<Option<String>> =
        jobs.iter().map(|job| batch::job_fingerprint(&settings, job, &run)).collect();
    let (mut to_run, mut up_to_date) = (Vec::new(), 0);
    for (job, fingerprint) in jobs.into_iter().zip(&fingerprints) {
        let key = job.input.to_string_lossy().into_owned();
        let fresh = fingerprint.as_deref().is_some_and(|f| manifest.is_up_to_date(&key, f));
        if fresh && !args.force {
            up_to_date += 1;
        } else {
            to_run.push((job, fingerprint.clone()));
        }
    }
    let (jobs, fingerprints): (Vec<batch::Job>, Vec<Option<String>>) = to_run.into_iter().unzip();
    let fingerprint_of: std::collections::HashMap<std::path::PathBuf, Option<String>> =
        jobs.iter().map(|j| j.input.clone()).zip(fingerprints).collect();
    // Ctrl-C: finish the documents in flight, start no more (their outputs stay whole).
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::Relaxed));
    let pool = pool_options(args, jobs.len())?;
    let on_workers = |jobs, hooks: &batch::Hooks| {
        workers::run(jobs, &pool, hooks).map_err(|message| anyhow::anyhow!(message))
    };
    let (code, outcomes) = run_jobs(on_workers, jobs, args, start, up_to_date, &stop)?;
    manifest.folio_version = env!("CARGO_PKG_VERSION").to_string();
    for outcome in &outcomes {
        let key = outcome.job.input.to_string_lossy().into_owned();
        let fingerprint =
            fingerprint_of.get(&outcome.job.input).cloned().flatten().unwrap_or_default();
        let milliseconds = outcome.elapsed.as_millis() as u64;
        let entry = match &outcome.result {
            Ok(written) => Entry {
                fingerprint,
                outputs: written.files.clone(),
                pages: written.pages,
                warnings: written.warnings.clone(),
                milliseconds,
                error: None,
            },
            Err(err) => Entry {
                fingerprint,
                outputs: Vec::new(),
                pages: 0,
                warnings: Vec::new(),
                milliseconds,
                error: Some(err.to_string()),
            },
        };
        manifest.documents.insert(key, entry);
    }
    // Written even when nothing ran, so every shard of a job array leaves a manifest.
    batch::write_atomically(&manifest_path, manifest.to_json().as_bytes())?;
    Ok(code)
}

/// Each report of the run with the PDF it becomes.
fn run_documents(jobs: &[batch::Job]) -> Arc<folio::RunDocuments> {
    let mut run = folio::RunDocuments::default();
    for job in jobs {
        let mut pdf = job.out_stem.clone().into_os_string();
        pdf.push(".pdf");
        run.insert(&job.input, std::path::Path::new(&pdf));
    }
    Arc::new(run)
}

/// Runs the batch with progress, Ctrl-C handling and a closing summary.
fn run_jobs(
    execute: impl FnOnce(Vec<batch::Job>, &batch::Hooks) -> anyhow::Result<Vec<batch::Outcome>>,
    jobs: Vec<batch::Job>,
    args: &BuildArgs,
    start: Instant,
    up_to_date: usize,
    stop: &AtomicBool,
) -> anyhow::Result<(ExitCode, Vec<batch::Outcome>)> {
    let verbosity = match (args.quiet, args.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    let total = jobs.len();
    let progress = Progress::new(total, verbosity);
    let hooks = batch::Hooks { on_done: &|outcome| progress.done(outcome), stop };
    let outcomes = execute(jobs, &hooks);
    progress.finish();
    let outcomes = outcomes?;
    let failed: Vec<&batch::Outcome> = outcomes.iter().filter(|o| o.result.is_err()).collect();
    let skipped = total - outcomes.len();
    if !args.quiet {
        let converted = outcomes.len() - failed.len();
        let pages: usize =
            outcomes.iter().filter_map(|o| o.result.as_ref().ok()).map(|w| w.pages).sum();
        let mut summary = format!(
            "converted {converted} of {total} report(s), {pages} pages, in {:.2} s",
            start.elapsed().as_secs_f64()
        );
        if !failed.is_empty() {
            summary.push_str(&format!("; {} failed", failed.len()));
        }
        if up_to_date > 0 {
            summary.push_str(&format!("; {up_to_date} up to date, skipped"));
        }
        if skipped > 0 {
            summary.push_str(&format!("; {skipped} not started (interrupted)"));
        }
        eprintln!("{summary}");
        for outcome in &failed {
            if let Err(err) = &outcome.result {
                eprintln!("  failed: {err}");
            }
        }
    }
    let code =
        if failed.is_empty() && skipped == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) };
    Ok((code, outcomes))
}
