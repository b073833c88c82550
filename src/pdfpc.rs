//! Speaker notes as a pdfpc file (`<stem>.slides.pdfpc`), which presenter consoles such as
//! pdfpc read next to the slides PDF.

use crate::deck::Deck;
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PdfpcFile {
    pdfpc_format: u8,
    disable_markdown: bool,
    pages: Vec<PdfpcPage>,
}

#[derive(Serialize)]
struct PdfpcPage {
    idx: usize,
    label: String,
    overlay: usize,
    #[serde(skip_serializing_if = "String::is_empty")]
    note: String,
}

/// The pdfpc (format 2) JSON for a deck: one entry per page, with its notes.
pub fn notes_file(deck: &Deck) -> String {
    let pages = deck
        .page_notes()
        .into_iter()
        .enumerate()
        .map(|(idx, note)| PdfpcPage { idx, label: (idx + 1).to_string(), overlay: 0, note })
        .collect();
    let file = PdfpcFile { pdfpc_format: 2, disable_markdown: true, pages };
    serde_json::to_string_pretty(&file).expect("plain data serializes")
}
