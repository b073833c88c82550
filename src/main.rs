//! The `folio` binary: parse flags, run the library, report, set the exit code.

use clap::Parser;
use folio::batch::{self, Outcome};
use folio::cli::{BuildArgs, Cli, Command};
use folio::convert::Converter;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => match build(&args) {
            Ok(code) => code,
            Err(err) => {
                eprintln!("error: {err:#}");
                ExitCode::from(1)
            }
        },
    }
}

fn build(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let converter = Converter::new(args.converter_options())?;
    let jobs = batch::find_jobs(&args.inputs, &args.out_dir);
    if jobs.is_empty() {
        eprintln!("error: no Markdown files (.md, .markdown) found in the given inputs");
        return Ok(ExitCode::from(1));
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
