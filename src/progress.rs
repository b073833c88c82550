//! What the CLI shows while a batch runs: a progress bar with rate and ETA on a terminal,
//! a line per file when not on a terminal or with `--verbose`, nothing with `--quiet`.
//! Errors always reach standard error.

use crate::batch::Outcome;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// How much to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// Reports finished documents as they come.
pub struct Progress {
    bar: Option<ProgressBar>,
    verbosity: Verbosity,
}

impl Progress {
    /// A reporter for `total` documents; a bar only on an interactive terminal.
    pub fn new(total: usize, verbosity: Verbosity) -> Self {
        let interactive = std::io::stderr().is_terminal();
        let bar = (verbosity == Verbosity::Normal && interactive && total > 1).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{bar:30} {pos}/{len} reports · {per_sec} · ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Self { bar, verbosity }
    }

    /// Prints what one finished document needs: its error, its warnings, its outputs.
    pub fn done(&self, outcome: &Outcome) {
        let print = |line: String| match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        };
        let input = outcome.job.input.display();
        match &outcome.result {
            Err(err) => print(format!("error: {err}")),
            Ok(written) => {
                if self.verbosity != Verbosity::Quiet {
                    for warning in &written.warnings {
                        let at = warning.line.map(|l| format!(":{l}")).unwrap_or_default();
                        print(format!("warning: {input}{at}: {}", warning.message));
                    }
                }
                let line_per_file = match self.verbosity {
                    Verbosity::Verbose => true,
                    Verbosity::Normal => self.bar.is_none(),
                    Verbosity::Quiet => false,
                };
                if line_per_file {
                    let files: Vec<String> =
                        written.files.iter().map(|f| f.display().to_string()).collect();
                    let ms = outcome.elapsed.as_millis();
                    print(format!(
                        "{input} → {} ({} pages, {ms} ms)",
                        files.join(", "),
                        written.pages
                    ));
                }
            }
        }
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Removes the bar before the summary.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
