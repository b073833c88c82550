//! Small inputs with huge costs (issue 22): each report is made by the test, and each
//! used to take seconds to minutes and gigabytes. The caps keep the text and say so.

use crate::common::{converter, folio, pdf_text_compact, stderr};
use folio::{Input, Output};
use std::path::Path;

/// Converts `markdown` to every output; the converted outputs and warnings' messages.
fn convert(markdown: &str) -> (folio::Converted, Vec<String>) {
    let input = Input { path: Path::new("b.md"), markdown, base_dir: None, run: None, style: None };
    let converted = converter().convert(&input).expect("the report converts");
    let messages = converted.warnings.iter().map(|w| w.message.clone()).collect();
    (converted, messages)
}

fn pages(converted: &folio::Converted, output: Output) -> usize {
    let pdf = &converted.get(output).expect("the output").bytes;
    lopdf::Document::load_mem(pdf).expect("a PDF").get_pages().len()
}

/// 200 KB of brackets in front matter took the YAML parser 38 s; now it is skipped unread.
#[test]
fn front_matter_of_deep_brackets_is_skipped_with_a_warning() {
    let markdown = format!(
        "---\ntitle: x\nk: {}{}\n---\n\n# Body\n\ntext\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let (converted, warnings) = convert(&markdown);
    assert!(warnings.iter().any(|w| w.contains("front matter ignored: larger than 64 KB")));
    let deep = format!("---\ntitle: x\nk: {}{}\n---\n\ntext\n", "[".repeat(5000), "]".repeat(5000));
    let (_, warnings) = convert(&deep);
    assert!(warnings.iter().any(|w| w.contains("front matter ignored: brackets nested deeper")));
    assert!(pdf_text_compact(&converted.get(Output::Report).unwrap().bytes).contains("text"));
}

/// 8,000 footnotes under one paragraph: the slide shows the first eight at its foot and
/// the rest are in the speaker notes (the slide took 21 s and 2.2 GB).
#[test]
fn a_slide_shows_at_most_eight_footnotes_and_notes_the_rest() {
    let refs: String = (0..200).map(|i| format!("word[^{i}] ")).collect();
    let notes: String = (0..200).map(|i| format!("[^{i}]: note number {i}\n")).collect();
    let (converted, _) = convert(&format!("# A\n\n{refs}\n\n{notes}"));
    let slides = pdf_text_compact(&converted.get(Output::Slides).unwrap().bytes);
    assert!(slides.contains("notenumber7") && !slides.contains("notenumber8"), "{slides}");
    let notes =
        String::from_utf8_lossy(&converted.get(Output::SpeakerNotes).unwrap().bytes).into_owned();
    assert!(notes.contains("[9] note number 8") && notes.contains("[200] note number 199"));
}

/// 20,000 empty headings took 30 s and 3 GB: they carry no text and are left out.
#[test]
fn empty_headings_are_left_out_with_one_warning() {
    let (converted, warnings) = convert(&format!("{}# Real\n\ntext\n", "#\n\n".repeat(3000)));
    assert!(warnings.iter().any(|w| w == "3000 empty heading(s) left out"), "{warnings:?}");
    assert!(pages(&converted, Output::Report) <= 2);
}

/// Past 1,000 headings the rest are bold text; a run of bold lines is paged like any
/// text (it was carried along from slide to slide into one slide of 19,000 lines).
#[test]
fn headings_past_the_cap_are_bold_text_and_the_deck_pages_them() {
    let markdown: String = (0..1300).map(|i| format!("## heading {i}\n\n")).collect();
    let (converted, warnings) = convert(&markdown);
    assert!(warnings.iter().any(|w| w.contains("more than 1000 headings")), "{warnings:?}");
    let report = pdf_text_compact(&converted.get(Output::Report).unwrap().bytes);
    assert!(report.contains("heading1299"));
    let slides = pages(&converted, Output::Slides);
    assert!((20..=502).contains(&slides), "{slides} slides");
}

/// A deck stops at 500 slides with a warning; the print briefing keeps everything.
#[test]
fn a_deck_stops_at_five_hundred_slides() {
    let markdown: String = (0..600)
        .map(|i| format!("# Part {i}\n\nText of part {i}.\n\n- one\n- two\n- three\n- four\n\n"))
        .collect();
    let (converted, warnings) = convert(&markdown);
    assert_eq!(pages(&converted, Output::Slides), 501);
    assert!(warnings.iter().any(|w| w.contains("the deck stops at 500 slides")), "{warnings:?}");
    assert!(
        pdf_text_compact(&converted.get(Output::Report).unwrap().bytes).contains("Textofpart599.")
    );
}

/// A table of 2,000 columns (20,000 took 3.5 GB) is set as text, each cell kept.
#[test]
fn a_table_too_wide_for_any_page_is_set_as_text() {
    let header: Vec<String> = (0..2000).map(|i| format!("c{i}")).collect();
    let rule = vec!["-"; 2000].join("|");
    let markdown =
        format!("# T\n\n|{}|\n|{rule}|\n|{}|\n", header.join("|"), vec!["v"; 2000].join("|"));
    let (converted, warnings) = convert(&markdown);
    assert!(
        warnings.iter().any(|w| w.contains("table of 2000 columns set as text")),
        "{warnings:?}"
    );
    assert!(
        pdf_text_compact(&converted.get(Output::Report).unwrap().bytes).contains("c1998|c1999")
    );
}

/// The same picture under four spellings of its address is one part of the `.pptx`.
#[test]
fn one_picture_is_stored_once_in_the_pptx_whatever_its_address() {
    let dir = tempfile::tempdir().unwrap();
    image::RgbImage::from_fn(300, 200, |x, y| image::Rgb([x as u8, y as u8, 90]))
        .save(dir.path().join("p.png"))
        .unwrap();
    let spellings = ["p.png", "./p.png", "././p.png", "p.png"];
    let body: String = spellings.iter().map(|s| format!("![pic]({s})\n\n")).collect();
    std::fs::write(dir.path().join("r.md"), format!("# T\n\n{body}")).unwrap();
    let run = folio(dir.path(), &["build", "r.md", "-o", "out", "--pptx", "-q"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let file = std::fs::File::open(dir.path().join("out/r.pptx")).unwrap();
    let zip = zip::ZipArchive::new(file).unwrap();
    let names: Vec<String> = zip.file_names().filter_map(Result::ok).map(String::from).collect();
    let media: Vec<&String> = names.iter().filter(|n| n.starts_with("ppt/media/")).collect();
    assert_eq!(media.len(), 1, "{media:?}");
}

/// A worker past its memory limit is stopped: its report fails with a message naming
/// the limit and the flag, and the other reports of the batch convert.
#[test]
fn a_report_past_the_memory_limit_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let words: String = (0..120_000).map(|i| format!("word{i} ")).collect();
    let sections: String = words
        .as_bytes()
        .chunks(600)
        .map(|c| format!("## S\n\n{}\n\n", String::from_utf8_lossy(c)))
        .collect();
    std::fs::write(dir.path().join("big.md"), sections).unwrap();
    std::fs::write(dir.path().join("small.md"), "# Small\n\nFine.\n").unwrap();
    let run = folio(
        dir.path(),
        &[
            "build",
            "big.md",
            "small.md",
            "-o",
            "out",
            "--only",
            "report",
            "--max-memory-mb",
            "250",
            "-j",
            "1",
        ],
    );
    let said = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{said}");
    assert!(said.contains("big.md: stopped when it needed more than 250 MB of memory"), "{said}");
    assert!(said.contains("--max-memory-mb"), "{said}");
    assert!(dir.path().join("out/small.pdf").is_file());
    assert!(!dir.path().join("out/big.pdf").exists());
}
