//! `folio serve`: checks the flags, finds the reports, and hands them to the preview
//! server ([`crate::serve`]), which keeps one converter loaded and rebuilds on save.

use super::args::ServeArgs;
use super::messages::{say, terminal_safe};
use super::settings::RunSettings;
use crate::output::Output;
use crate::serve::{ServeConfig, Server, UploadSettings};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// Longest an upload may take to convert when `--timeout` sets no shorter limit.
const UPLOAD_TIMEOUT: Duration = Duration::from_secs(60);

/// Runs `folio serve` until Ctrl-C.
pub fn serve(args: &ServeArgs, colour: bool) -> anyhow::Result<ExitCode> {
    let build = &args.build;
    if build.to_stdout() || build.inputs.iter().any(|i| i == Path::new("-")) {
        return Ok(super::usage_error("serve reads files: no `-` input or output", colour));
    }
    let settings = match RunSettings::from_args(build) {
        Ok(settings) => settings,
        Err(message) => return Ok(super::usage_error(&message, colour)),
    };
    let mut found = match settings.jobs(build, &build.out_dir) {
        Ok(found) => found,
        Err(message) => return Ok(super::usage_error(&message, colour)),
    };
    if found.jobs.is_empty() {
        say("error", colour, "no Markdown files (.md, .markdown) found in the given inputs");
        return Ok(ExitCode::from(1));
    }
    settings.prefetch(&mut found.jobs, build.quiet);
    let converter = settings.converter.clone();
    let uploads = match args.allow_upload {
        false => None,
        true => Some(upload_settings(args, &settings, &converter)?),
    };
    let log: crate::serve::Log = Arc::new(move |kind: &str, text: &str| say(kind, colour, text));
    let config = ServeConfig {
        host: args.host.clone(),
        port: args.port,
        converter,
        batch: settings.batch.clone(),
        jobs: found.jobs,
        watched: super::watch::watched_folders(build),
        uploads,
        log,
    };
    let server = match Server::bind(config) {
        Ok(server) => server,
        Err(message) => {
            say("error", colour, &message);
            return Ok(ExitCode::from(1));
        }
    };
    if !server.is_loopback() {
        let text = format!(
            "listening on {}, which other machines can reach: they can read every report served \
             (by this machine's IP address; host names are refused, against DNS rebinding)",
            terminal_safe(&args.host)
        );
        say("warning", colour, &text);
    }
    match server.run(super::build::interrupted()) {
        Ok(()) => Ok(ExitCode::from(super::build::INTERRUPTED)),
        Err(message) => {
            say("error", colour, &message);
            Ok(ExitCode::from(1))
        }
    }
}

/// How uploads are converted: on a worker process of their own, as `build` does, with the
/// same sandbox and a time limit.
fn upload_settings(
    args: &ServeArgs,
    settings: &RunSettings,
    converter: &crate::ConverterOptions,
) -> anyhow::Result<UploadSettings> {
    let mut pool = settings.pool_options(&args.build, 1)?;
    pool.settings.converter = converter.clone();
    // Everything a colleague may want, made at once.
    let outputs = [Output::Report, Output::Slides, Output::SpeakerNotes, Output::Pptx];
    pool.settings.converter.outputs.extend(outputs);
    // An upload stands alone: its links never resolve to the served reports.
    pool.settings.batch.run = Default::default();
    let limit = args.build.timeout().map_or(UPLOAD_TIMEOUT, |t| t.min(UPLOAD_TIMEOUT));
    pool.timeout = Some(limit);
    Ok(UploadSettings { pool, max_bytes: (args.max_upload_mb * 1e6) as u64 })
}
