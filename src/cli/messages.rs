//! What `build` and `watch` tell the user: a progress bar and lines for people on a
//! terminal (`error:`/`warning:` coloured unless `--color never` or `NO_COLOR`), or one
//! JSON object per event on stdout (`--message-format json`) for programs.

use super::args::MessageFormat;
use crate::inputs::{Job, Skipped};
use crate::jobs::Outcome;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::time::Duration;

/// How much to print for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// Whether to colour what goes to stderr: `always`, `never`, or on a terminal unless
/// `NO_COLOR` is set (<https://no-color.org>).
pub fn colour_enabled(choice: super::args::ColorChoice) -> bool {
    use super::args::ColorChoice;
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            !no_colour && std::io::stderr().is_terminal()
        }
    }
}

/// `error:` or `warning:`, in bold red or yellow when colouring.
pub fn label(kind: &str, colour: bool) -> String {
    match (colour, kind) {
        (true, "error") => "\u{1b}[1;31merror:\u{1b}[0m".to_string(),
        (true, "warning") => "\u{1b}[1;33mwarning:\u{1b}[0m".to_string(),
        _ => format!("{kind}:"),
    }
}

/// `text` with every control character (escape sequences that clear the screen or set
/// the window title, carriage returns and newlines that forge lines) and every
/// bidirectional override written as `\u{…}`: file names and report text reach the
/// terminal as what they are, never as commands to it.
pub fn terminal_safe(text: &str) -> String {
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi = matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || bidi {
            safe.push_str(&c.escape_unicode().to_string());
        } else {
            safe.push(c);
        }
    }
    safe
}

/// Prints `error: text` or `warning: text` on stderr, the text made [`terminal_safe`].
pub fn say(kind: &str, colour: bool, text: &str) {
    eprintln!("{} {}", label(kind, colour), terminal_safe(text));
}

/// Counts for the closing summary.
#[derive(Debug, Default)]
pub struct Summary {
    pub total: usize,
    pub converted: usize,
    pub failed: usize,
    pub pages: usize,
    pub up_to_date: usize,
    pub interrupted: usize,
    pub elapsed: Duration,
}

/// Prints the events of a run in the chosen format.
pub struct Reporter {
    format: MessageFormat,
    verbosity: Verbosity,
    colour: bool,
    bar: Option<ProgressBar>,
}

impl Reporter {
    /// A reporter for a run of `total` reports.
    pub fn new(format: MessageFormat, verbosity: Verbosity, colour: bool, total: usize) -> Self {
        let interactive = std::io::stderr().is_terminal();
        let wants_bar = format == MessageFormat::Human && verbosity == Verbosity::Normal;
        let bar = (wants_bar && interactive && total > 1).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{bar:30} {pos}/{len} reports · {per_sec} · ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Self { format, verbosity, colour, bar }
    }

    /// One JSON event on stdout.
    fn event(&self, value: serde_json::Value) {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{value}").and_then(|()| stdout.flush());
    }

    /// One line for people on stderr, above the progress bar: `kind` (`error`,
    /// `warning`) labels it; the text is made [`terminal_safe`].
    fn line(&self, kind: Option<&str>, text: &str) {
        let line = match kind {
            Some(kind) => format!("{} {}", label(kind, self.colour), terminal_safe(text)),
            None => terminal_safe(text),
        };
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    /// A report finished: converted (with its warnings) or failed.
    pub fn done(&self, outcome: &Outcome) {
        match self.format {
            MessageFormat::Json => self.done_json(outcome),
            MessageFormat::Human => self.done_human(outcome),
        }
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    fn done_json(&self, outcome: &Outcome) {
        let file = outcome.job.input.display().to_string();
        let milliseconds = outcome.elapsed.as_millis() as u64;
        match &outcome.result {
            Ok(written) => {
                for warning in &written.warnings {
                    let line = warning.line;
                    let message = &warning.message;
                    self.event(
                        json!({"event": "warning", "file": file, "line": line, "message": message}),
                    );
                }
                let outputs: Vec<String> =
                    written.files.iter().map(|f| f.display().to_string()).collect();
                self.event(json!({
                    "event": "converted", "file": file, "outputs": outputs,
                    "pages": written.pages, "milliseconds": milliseconds,
                }));
            }
            Err(err) => self.event(json!({
                "event": "failed", "file": file, "line": err.line(),
                "message": err.to_string(), "milliseconds": milliseconds,
            })),
        }
    }

    fn done_human(&self, outcome: &Outcome) {
        let input = outcome.job.input.display();
        let written = match &outcome.result {
            Err(err) => return self.line(Some("error"), &err.to_string()),
            Ok(written) => written,
        };
        if self.verbosity != Verbosity::Quiet {
            // Lines of detail behind a summary warning only with -v.
            let shown =
                |w: &&crate::error::Warning| !w.is_detail() || self.verbosity == Verbosity::Verbose;
            for warning in written.warnings.iter().filter(shown) {
                let at = warning.line.map(|l| format!(":{l}")).unwrap_or_default();
                self.line(Some("warning"), &format!("{input}{at}: {}", warning.message));
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
            let pages = written.pages;
            self.line(None, &format!("{input} → {} ({pages} pages, {ms} ms)", files.join(", ")));
        }
    }

    /// A report not converted: up to date, or not started after Ctrl-C.
    pub fn skipped(&self, job: &Job, reason: &str) {
        if self.format == MessageFormat::Json {
            let file = job.input.display().to_string();
            self.event(json!({"event": "skipped", "file": file, "reason": reason}));
        }
    }

    /// A path the walk of the inputs passed over (a symbolic link out of the folder, a
    /// loop, an unreadable folder): a warning, since the user may expect it converted.
    pub fn passed_over(&self, skipped: &Skipped) {
        let path = skipped.path.display().to_string();
        match self.format {
            MessageFormat::Json => self.event(json!({
                "event": "warning", "file": path, "line": null, "message": skipped.reason,
            })),
            MessageFormat::Human if self.verbosity != Verbosity::Quiet => {
                self.line(Some("warning"), &format!("{path}: {}", skipped.reason));
            }
            MessageFormat::Human => {}
        }
    }

    /// Clears the progress bar, then prints the closing summary.
    pub fn finish(&self, summary: &Summary, failures: &[String]) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        match self.format {
            MessageFormat::Json => self.event(json!({
                "event": "summary", "total": summary.total, "converted": summary.converted,
                "failed": summary.failed, "up_to_date": summary.up_to_date,
                "interrupted": summary.interrupted, "pages": summary.pages,
                "milliseconds": summary.elapsed.as_millis() as u64,
            })),
            MessageFormat::Human if self.verbosity != Verbosity::Quiet => {
                eprintln!("{}", summary_line(summary));
                for failure in failures {
                    eprintln!("  failed: {}", terminal_safe(failure));
                }
            }
            MessageFormat::Human => {}
        }
    }
}

/// `converted 3 of 4 report(s), 41 pages, in 0.52 s; 1 failed; …`
fn summary_line(summary: &Summary) -> String {
    let mut line = format!(
        "converted {} of {} report(s), {} pages, in {:.2} s",
        summary.converted,
        summary.total,
        summary.pages,
        summary.elapsed.as_secs_f64()
    );
    if summary.failed > 0 {
        line.push_str(&format!("; {} failed", summary.failed));
    }
    if summary.up_to_date > 0 {
        line.push_str(&format!("; {} up to date, skipped", summary.up_to_date));
    }
    if summary.interrupted > 0 {
        line.push_str(&format!("; {} not started (interrupted)", summary.interrupted));
    }
    line
}
