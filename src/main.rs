//! The `folio` binary: parse flags, run the library, report, set the exit code.

use clap::Parser;
use folio::batch::{self, Outcome};
use folio::cli::{BuildArgs, Cli, Command, TemplatesCommand};
use folio::convert::Converter;
use folio::style::{Style, find_config};
use std::process::ExitCode;
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
    let outcomes = batch::run(&converter, jobs, &args.batch_options());
    let failed = report(&outcomes, args);
    if !args.quiet {
        let converted = outcomes.len() - failed;
        let pages: usize =
            outcomes.iter().filter_map(|o| o.result.as_ref().ok()).map(|w| w.pages).sum();
        eprintln!(
            "converted {converted} of {} report(s), {pages} pages, in {:.2} s{}",
            outcomes.len(),
            start.elapsed().as_secs_f64(),
            if failed > 0 { format!("; {failed} failed") } else { String::new() },
        );
    }
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Prints errors, warnings and (with `--verbose`) each output; returns the failure count.
fn report(outcomes: &[Outcome], args: &BuildArgs) -> usize {
    let mut failed = 0;
    for outcome in outcomes {
        match &outcome.result {
            Err(err) => {
                failed += 1;
                eprintln!("error: {err}");
            }
            Ok(written) => {
                if !args.quiet {
                    for warning in &written.warnings {
                        let at = warning.line.map(|l| format!(":{l}")).unwrap_or_default();
                        eprintln!(
                            "warning: {}{at}: {}",
                            outcome.job.input.display(),
                            warning.message
                        );
                    }
                }
                if args.verbose {
                    let files: Vec<String> =
                        written.files.iter().map(|f| f.display().to_string()).collect();
                    eprintln!(
                        "{} → {} ({} pages, {} ms)",
                        outcome.job.input.display(),
                        files.join(", "),
                        written.pages,
                        outcome.elapsed.as_millis()
                    );
                }
            }
        }
    }
    failed
}
