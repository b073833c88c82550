//! The reports being served, in memory: for each, the last good rendering (SVG pages,
//! notes, the files to download, warnings) and the problem of the last build, if it
//! failed. Requests read it by report number; nothing here is a path from a request.

use crate::convert::Converted;
use crate::error::{Error, Warning};
use crate::inputs::Job;
use crate::output::Output;
use std::sync::{Arc, Mutex};

/// What a successful build shows.
#[derive(Debug, Default)]
pub struct Rendering {
    /// Every page of the print briefing, as SVG.
    pub report_pages: Vec<String>,
    /// Every slide, as SVG.
    pub slide_pages: Vec<String>,
    /// Every slide's speaker notes.
    pub notes: Vec<String>,
    /// The outputs to download, with their bytes.
    pub downloads: Vec<(Output, Vec<u8>)>,
    pub warnings: Vec<Warning>,
}

impl Rendering {
    /// The rendering of a converted report.
    pub fn of(converted: Converted) -> Rendering {
        let mut rendering = Rendering { warnings: converted.warnings, ..Rendering::default() };
        for (output, artifact) in converted.outputs {
            match output {
                Output::Report => rendering.report_pages = artifact.svg_pages,
                Output::Slides => rendering.slide_pages = artifact.svg_pages,
                Output::SpeakerNotes => rendering.notes = notes_of(&artifact.bytes),
                _ => {}
            }
            // The PDFs are left empty on a save, and made on download (`on_demand`).
            if !artifact.bytes.is_empty() {
                rendering.downloads.push((output, artifact.bytes));
            }
        }
        rendering
    }
}

/// The notes of each page of a pdfpc file.
fn notes_of(pdfpc: &[u8]) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_slice(pdfpc).unwrap_or_default();
    let pages = value["pages"].as_array().cloned().unwrap_or_default();
    pages.iter().map(|page| page["note"].as_str().unwrap_or("").to_string()).collect()
}

/// Why the last build of a report failed, for the banner: file, line and message.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Problem {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

/// One report being served.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its name on the pages: the input path as given.
    pub name: String,
    pub job: Job,
    /// The last good rendering (kept while an error shows over it).
    pub shown: Option<Arc<Rendering>>,
    pub problem: Option<Problem>,
    /// Goes up with every build, so pages know what is new.
    pub version: u64,
    /// How long the last build took, in milliseconds.
    pub build_ms: u64,
}

/// Every report being served.
pub struct Library {
    entries: Mutex<Vec<Entry>>,
}

impl Library {
    /// The reports of `jobs`, none built yet.
    pub fn new(jobs: Vec<Job>) -> Library {
        let entries = jobs
            .into_iter()
            .map(|job| Entry {
                name: job.input.display().to_string(),
                job,
                shown: None,
                problem: None,
                version: 0,
                build_ms: 0,
            })
            .collect();
        Library { entries: Mutex::new(entries) }
    }

    /// A copy of every entry (cheap: renderings are shared).
    pub fn entries(&self) -> Vec<Entry> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Report number `id`, if there is one.
    pub fn get(&self, id: usize) -> Option<Entry> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).get(id).cloned()
    }

    /// Records a build of report `id`: a success replaces the rendering and clears the
    /// problem; a failure keeps the last good rendering under its problem. Returns the
    /// new version.
    pub fn record(&self, id: usize, result: Result<Converted, Error>, build_ms: u64) -> u64 {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let Some(entry) = entries.get_mut(id) else { return 0 };
        match result {
            Ok(converted) => {
                entry.shown = Some(Arc::new(Rendering::of(converted)));
                entry.problem = None;
            }
            Err(error) => {
                let file = entry.name.clone();
                let message = error.to_string();
                entry.problem = Some(Problem { file, line: error.line(), message });
            }
        }
        entry.version += 1;
        entry.build_ms = build_ms;
        entry.version
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_build_keeps_the_last_good_rendering() {
        let library = Library::new(vec![Job::new("a.md".into(), "out/a".into())]);
        let notes = crate::convert::Artifact { bytes: b"{}".to_vec(), ..Default::default() };
        let converted = Converted {
            outputs: vec![
                (Output::Report, crate::convert::Artifact::default()),
                (Output::SpeakerNotes, notes),
            ],
            ..Default::default()
        };
        assert_eq!(library.record(0, Ok(converted), 5), 1);
        let error = Error::Markdown { path: "a.md".into(), line: 3, message: "bad".into() };
        assert_eq!(library.record(0, Err(error), 5), 2);
        let entry = library.get(0).unwrap();
        let downloads: Vec<Output> =
            entry.shown.as_ref().unwrap().downloads.iter().map(|d| d.0).collect();
        assert_eq!(downloads, [Output::SpeakerNotes], "an empty PDF is not offered");
        let problem = entry.problem.unwrap();
        assert_eq!((problem.file.as_str(), problem.line), ("a.md", Some(3)));
        assert!(library.get(1).is_none());
    }
}
