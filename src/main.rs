//! The `folio` binary: parse flags, run the library, report, set the exit code.

use clap::Parser;
use folio::batch;
use folio::cli::{BuildArgs, Cli, Command, TemplatesCommand};
use folio::convert::Converter;
use folio::progress::{Progress, Verbosity};
use folio::style::{Style, find_config};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build(&args),
        Command::Themes => list_themes(),
        Command::Templates { command: TemplatesCommand::Export { dir } } => export_templates(&dir),
    };
    result.unwrap_or_else(|err| {
        eprintln!("error: {err:#}");
        ExitCode::from(1)
    })
}

fn list_themes() -> anyhow::Result<ExitCode> {
    let templates = folio::render::Templates::embedded();
    for theme in templates.themes() {
        println!("{theme}");
    }
    Ok(ExitCode::SUCCESS)
}

fn export_templates(dir: &std::path::Path) -> anyhow::Result<ExitCode> {
    let templates = folio::render::Templates::embedded();
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

fn build(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let style = match find_config(args.config.as_deref(), &args.inputs) {
        Some(path) => match Style::from_file(&path) {
            Ok(style) => style,
            Err(message) => {
                eprintln!("error: {}: {message}", path.display());
                return Ok(ExitCode::from(2));
            }
        },
        None => Style::default(),
    };
    let converter = Converter::new(args.converter_options(style))?;
    let mut jobs = batch::find_jobs(&args.inputs, &args.out_dir);
    if jobs.is_empty() {
        eprintln!("error: no Markdown files (.md, .markdown) found in the given inputs");
        return Ok(ExitCode::from(1));
    }
    if let Some((index, count)) = args.shard {
        jobs = batch::shard(jobs, index, count, &args.out_dir);
    }
    run_jobs(&converter, jobs, args, start)
}

/// Runs the batch with progress, Ctrl-C handling and a closing summary.
fn run_jobs(
    converter: &Converter,
    jobs: Vec<batch::Job>,
    args: &BuildArgs,
    start: Instant,
) -> anyhow::Result<ExitCode> {
    let verbosity = match (args.quiet, args.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    let total = jobs.len();
    let progress = Progress::new(total, verbosity);
    // Ctrl-C: finish the documents in flight, start no more (their outputs stay whole).
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::Relaxed));
    let hooks = batch::Hooks { on_done: &|outcome| progress.done(outcome), stop: &stop };
    let outcomes = batch::run(converter, jobs, &args.batch_options(), &hooks);
    progress.finish();
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
    Ok(if failed.is_empty() && skipped == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
