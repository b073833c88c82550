//! `-o -`: the one output asked for, of one report, written to standard output (as
//! `typst compile - -` does), so Folio can sit in a pipe.

use super::args::BuildArgs;
use super::settings::RunSettings;
use crate::config::Styles;
use crate::convert::Converter;
use crate::jobs::convert_job;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Converts the one input in this process and writes its one output's bytes to stdout;
/// warnings and errors go to stderr.
pub fn convert_to_stdout(
    args: &BuildArgs,
    settings: &RunSettings,
    colour: bool,
) -> anyhow::Result<ExitCode> {
    let mut jobs = match settings.jobs(args, Path::new(".")) {
        Ok(found) => found.jobs,
        Err(message) => return Ok(super::usage_error(&message, colour)),
    };
    settings.prefetch(&mut jobs, args.quiet);
    let Some(job) = jobs.first().filter(|_| jobs.len() == 1) else {
        return Ok(super::usage_error("-o - needs exactly one report", colour));
    };
    let converter = Converter::new(settings.converter.clone())?;
    let error = |text: &str| super::messages::say("error", colour, text);
    // A panic (a bug of ours or Typst's on one odd report) is reported, not a crash.
    let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        convert_job(&converter, job, &settings.batch, &Styles::default())
    }));
    let converted = match attempt {
        Ok(Ok(converted)) => converted,
        Ok(Err(err)) => {
            error(&err.to_string());
            return Ok(ExitCode::from(1));
        }
        Err(_) => {
            error(&format!("{}: internal error, please report it", job.input.display()));
            return Ok(ExitCode::from(1));
        }
    };
    if !args.quiet {
        for w in &converted.warnings {
            let at = w.line.map(|l| format!(":{l}")).unwrap_or_default();
            let text = format!("{}{at}: {}", job.input.display(), w.message);
            super::messages::say("warning", colour, &text);
        }
    }
    // The one output asked for (a style's `pptx = true` may have added the deck).
    let wanted = settings.converter.outputs.first().copied();
    let Some(artifact) = wanted.and_then(|output| converted.get(output)) else {
        error(&format!("{}: nothing to write", job.input.display()));
        return Ok(ExitCode::from(1));
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&artifact.bytes)?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}
