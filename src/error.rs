//! The library's error and warning types. Errors name the file and, where known, the line.

use std::path::PathBuf;

/// Why a document (or the whole run) failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error(
        "{path}:{line}: not UTF-8 text (first bad byte at offset {offset}); save the report as UTF-8"
    )]
    NotUtf8 { path: PathBuf, line: usize, offset: usize },
    #[error(
        "{path}: {:.1} MB is over the {:.1} MB limit for one report (raise it with --max-input-mb)",
        *size as f64 / 1e6, *limit as f64 / 1e6
    )]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error("{path}:{line}: {message}")]
    Markdown { path: PathBuf, line: usize, message: String },
    /// A configuration file that cannot be used (its path is in the message).
    #[error("{message}")]
    Config { message: String },
    #[error("{path}: bad style option {source}")]
    Style { path: PathBuf, source: crate::style::StyleError },
    #[error("{path}: {source}")]
    Template { path: PathBuf, source: crate::templates::TemplateError },
    /// A company PowerPoint template that cannot be used.
    #[error("{path}: cannot use as a PowerPoint template: {reason}")]
    Reference { path: PathBuf, reason: String },
    #[error(
        "{path}{}: typesetting the {output} failed: {source}{}",
        at_line(source.line),
        if source.line.is_some() { "" } else { " (not traced to a line of the report)" }
    )]
    Typeset { path: PathBuf, output: crate::output::Output, source: crate::engine::TypesetError },
    #[error("{path}: internal error, please report it with this file: {message}")]
    Internal { path: PathBuf, message: String },
    #[error(
        "{path}: stopped after {seconds} s without finishing; it may never finish \
         (raise the limit with --timeout SECS, 0 for none)"
    )]
    Timeout { path: PathBuf, seconds: f64 },
    #[error(
        "{path}: stopped when it needed more than {limit_mb} MB of memory \
         (raise the limit with --max-memory-mb MB, 0 for none)"
    )]
    OutOfMemory { path: PathBuf, limit_mb: u64 },
    /// An error reported by a worker process, already in words, with its Markdown line.
    #[error("{message}")]
    Reported { message: String, line: Option<usize> },
    #[error(transparent)]
    Fonts(#[from] crate::engine::FontError),
    /// A theme or words file that is not complete and valid, found when Folio starts.
    #[error(transparent)]
    Theme(#[from] crate::theme::ThemeError),
}

/// Something the user may want to fix, which did not stop the conversion.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Warning {
    /// Line in the Markdown source, where known.
    pub line: Option<usize>,
    pub message: String,
}

/// How the per-picture line for a remote picture that was not fetched begins; these lines
/// follow one summary warning and are shown only with `-v`.
pub const NOT_FETCHED: &str = "remote picture not fetched: ";

impl Warning {
    /// A line of detail behind a summary warning, which `-v` shows (and the manifest keeps).
    pub fn is_detail(&self) -> bool {
        self.message.starts_with(NOT_FETCHED)
    }
}

/// `:12` after a path when the line is known.
fn at_line(line: Option<usize>) -> String {
    line.map(|line| format!(":{line}")).unwrap_or_default()
}

impl Error {
    /// The Markdown line the error is about, where known.
    pub fn line(&self) -> Option<usize> {
        match self {
            Error::NotUtf8 { line, .. } | Error::Markdown { line, .. } => Some(*line),
            Error::Reported { line, .. } => *line,
            Error::Typeset { source, .. } => source.line,
            _ => None,
        }
    }
}
