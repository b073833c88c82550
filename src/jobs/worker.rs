//! The worker's side (`folio __worker`): reads its settings, loads fonts and templates
//! once, then converts each job it reads on stdin and answers on stdout until stdin
//! closes. See [`super::pool`] for the protocol.

use super::pool::{Reply, Request, WorkerSettings};
use super::{BatchOptions, convert_one};
use crate::config::Styles;
use crate::convert::Converter;
use crate::error::Error;
use std::io::{BufRead, Write};
use std::sync::Arc;

/// Serves as a worker process until stdin closes.
pub fn serve_as_worker() -> std::io::Result<()> {
    // Ctrl-C in a terminal reaches the whole process group; the parent decides what stops.
    let _ = ctrlc::set_handler(|| {});
    let mut first = String::new();
    std::io::stdin().read_line(&mut first)?;
    let settings: WorkerSettings = serde_json::from_str(&first).map_err(std::io::Error::other)?;
    let threads = settings.threads.max(1);
    let converter = Converter::new(settings.converter).map(|mut converter| {
        converter.set_parallel_outputs(threads > 1);
        converter
    });
    // Documents are converted on a thread of the pool Typst runs its parallel work on,
    // so that work runs on the converting thread itself instead of being handed to
    // another thread and back. Typst recurses deeply on deeply nested documents: large
    // stacks.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(crate::engine::TYPESETTING_STACK)
        .build()
        .map_err(std::io::Error::other)?;
    pool.install(|| serve(converter, settings.batch, std::io::stdin().lock().lines()))
}

fn serve(
    converter: Result<Converter, Error>,
    mut options: BatchOptions,
    lines: impl Iterator<Item = std::io::Result<String>>,
) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    let mut send = |reply: &Reply| -> std::io::Result<()> {
        let line = serde_json::to_string(reply).map_err(std::io::Error::other)?;
        writeln!(stdout, "{line}")?;
        stdout.flush()
    };
    let converter = match converter {
        Ok(converter) => converter,
        Err(err) => return send(&Reply::Fatal(err.to_string())),
    };
    send(&Reply::Ready)?;
    let styles = Styles::default();
    for line in lines {
        match serde_json::from_str(&line?).map_err(std::io::Error::other)? {
            Request::Run(run) => options.run = Arc::new(run),
            Request::Convert(job) => {
                let reply = match convert_one(&converter, &job, &options, &styles) {
                    Ok(written) => Reply::Done(written),
                    Err(err) => Reply::Failed { message: err.to_string(), line: err.line() },
                };
                send(&reply)?;
            }
        }
    }
    Ok(())
}
