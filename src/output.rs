//! The outputs a report can become, typed: each knows its file name beside the others,
//! so the converter, the batch, the manifest and the previews derive every path here.
//!
//! A new output format is one variant here and one writer module.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One output of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Output {
    /// The print briefing, `<stem>.pdf`.
    Report,
    /// The slide deck, `<stem>.slides.pdf`.
    Slides,
    /// The slides' speaker notes for presenter consoles, `<stem>.slides.pdfpc`.
    SpeakerNotes,
    /// Each slide above its notes, `<stem>.notes.pdf`.
    NotesPages,
    /// Several slides per A4 page, `<stem>.handout.pdf`.
    Handout,
    /// The deck as an editable PowerPoint file, `<stem>.pptx`.
    Pptx,
    /// The deck as one self-contained web page, `<stem>.slides.html`.
    SlidesHtml,
}

impl Output {
    /// Every output, in the order they are made and listed.
    pub const ALL: [Output; 7] = [
        Output::Report,
        Output::Slides,
        Output::SpeakerNotes,
        Output::NotesPages,
        Output::Handout,
        Output::Pptx,
        Output::SlidesHtml,
    ];

    /// What follows the stem in the file's name, before the extension.
    pub fn suffix(self) -> &'static str {
        match self {
            Output::Report | Output::Pptx => "",
            Output::Slides | Output::SpeakerNotes | Output::SlidesHtml => ".slides",
            Output::NotesPages => ".notes",
            Output::Handout => ".handout",
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Output::SpeakerNotes => "pdfpc",
            Output::Pptx => "pptx",
            Output::SlidesHtml => "html",
            _ => "pdf",
        }
    }

    /// Whether it is typeset by Typst (and so has a Typst source and page previews).
    pub fn is_typeset(self) -> bool {
        self.extension() == "pdf"
    }

    /// Its name in messages.
    pub fn describe(self) -> &'static str {
        match self {
            Output::Report => "print briefing",
            Output::Slides => "slide deck",
            Output::SpeakerNotes => "speaker notes",
            Output::NotesPages => "notes pages",
            Output::Handout => "handout",
            Output::Pptx => "PowerPoint deck",
            Output::SlidesHtml => "web deck",
        }
    }

    /// The output's file for the report whose outputs are `stem`
    /// (`out/report` → `out/report.slides.pdf`).
    pub fn path(self, stem: &Path) -> PathBuf {
        with_suffix(stem, self.suffix(), self.extension())
    }

    /// The Typst source it was typeset from (`--emit-typst`).
    pub fn typst_path(self, stem: &Path) -> PathBuf {
        with_suffix(stem, self.suffix(), "typ")
    }

    /// The PNG previews of its pages (`--preview`): the first page and a contact sheet.
    pub fn preview_paths(self, stem: &Path) -> [PathBuf; 2] {
        [".page1", ".contact"]
            .map(|kind| with_suffix(stem, &format!("{}{kind}", self.suffix()), "png"))
    }
}

impl std::fmt::Display for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.describe())
    }
}

/// `out/report` + `.slides` + `pdf` → `out/report.slides.pdf`.
fn with_suffix(stem: &Path, suffix: &str, extension: &str) -> PathBuf {
    let mut name = stem.as_os_str().to_os_string();
    name.push(format!("{suffix}.{extension}"));
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_output_has_its_own_file_name() {
        let stem = Path::new("out/sub/report.v2");
        let names: Vec<String> =
            Output::ALL.iter().map(|o| o.path(stem).display().to_string()).collect();
        assert_eq!(
            names,
            [
                "out/sub/report.v2.pdf",
                "out/sub/report.v2.slides.pdf",
                "out/sub/report.v2.slides.pdfpc",
                "out/sub/report.v2.notes.pdf",
                "out/sub/report.v2.handout.pdf",
                "out/sub/report.v2.pptx",
                "out/sub/report.v2.slides.html",
            ]
        );
        assert_eq!(Output::Slides.typst_path(stem), Path::new("out/sub/report.v2.slides.typ"));
        assert_eq!(
            Output::Report.preview_paths(stem),
            [Path::new("out/sub/report.v2.page1.png"), Path::new("out/sub/report.v2.contact.png")]
        );
        let typeset: Vec<Output> = Output::ALL.into_iter().filter(|o| o.is_typeset()).collect();
        assert_eq!(typeset, [Output::Report, Output::Slides, Output::NotesPages, Output::Handout]);
    }
}
