//! Pathological shapes convert quickly, stay on the page, and never overflow the stack.

use crate::common::{self, compact, converter};
use folio::Input;
use folio::Output;
use folio::engine::inspect::page_texts;

fn convert(markdown: &str) -> folio::Converted {
    let input = Input {
        path: std::path::Path::new("shape.md"),
        markdown,
        base_dir: None,
        run: None,
        style: None,
    };
    converter().convert(&input).expect("converts")
}

/// Every text run of both PDFs lies inside its page horizontally.
fn assert_on_the_page(converted: &folio::Converted) {
    for artifact in [converted.get(Output::Report).unwrap(), converted.get(Output::Slides).unwrap()]
    {
        let document = converter().typeset_document(artifact.typst.clone().unwrap(), None).unwrap();
        for (i, page) in page_texts(&document).iter().enumerate() {
            for run in &page.runs {
                let inside = run.x >= -0.5 && run.x + run.width <= page.width + 0.5;
                assert!(inside, "page {} text runs off: {:?}", i + 1, &run.text);
            }
        }
    }
}

#[test]
fn ten_thousand_row_table() {
    let mut markdown = String::from("# 大表\n\n| 序号 | 名称 | 数值 |\n|---|---|--:|\n");
    for i in 0..10_000 {
        markdown.push_str(&format!("| {i} | 项目{i} | {} |\n", i * 3));
    }
    let converted = convert(&markdown);
    let report = converted.get(Output::Report).cloned().unwrap();
    assert!(report.pages > 200, "all rows in print: {} pages", report.pages);
    let text = common::pdf_text_compact(&report.bytes);
    assert!(text.contains("项目9999"));
    let slides = converted.get(Output::Slides).cloned().unwrap();
    assert!(slides.pages <= 10, "slides keep a readable share: {} pages", slides.pages);
    assert!(
        common::pdf_text_compact(&slides.bytes).contains("见备注与简报PDF"),
        "slides say where the rest is"
    );
    let notes = converted
        .get(Output::SpeakerNotes)
        .map(|a| String::from_utf8(a.bytes.clone()).unwrap())
        .unwrap();
    assert!(
        notes.contains("9999 | 项目9999 | 29997"),
        "the rows left off the slides are in the notes"
    );
}

#[test]
fn thirty_column_table_stays_on_the_page() {
    let header: Vec<String> = (0..30).map(|i| format!("列{i}")).collect();
    let mut markdown =
        format!("# Wide\n\n|{}|\n|{}|\n", header.join("|"), vec!["---"; 30].join("|"));
    for r in 0..10 {
        let row: Vec<String> = (0..30).map(|c| format!("值{r}-{c}")).collect();
        markdown.push_str(&format!("|{}|\n", row.join("|")));
    }
    assert_on_the_page(&convert(&markdown));
}

#[test]
fn fifty_levels_of_nesting_are_flattened_with_a_warning() {
    let mut markdown = String::from("# Deep\n\n");
    for i in 0..50 {
        markdown.push_str(&format!("{}- level {i}\n", "  ".repeat(i)));
    }
    markdown.push('\n');
    markdown.push_str(&"> ".repeat(50));
    markdown.push_str("deepest quote\n");
    let converted = convert(&markdown);
    assert!(converted.warnings.iter().any(|w| w.message.contains("nested deeper than 10 levels")));
    let text = common::pdf_text_compact(&converted.get(Output::Report).cloned().unwrap().bytes);
    assert!(text.contains("level49") && text.contains("deepestquote"), "{text}");
}

#[test]
fn thousand_character_words_wrap() {
    let url = format!("https://example.com/{}", "a".repeat(1000));
    let base64: String = (0..1000).map(|i| (b'A' + (i % 26) as u8) as char).collect();
    let markdown = format!(
        "# Long\n\n{url}\n\n{base64}\n\n`{}`\n\n| cell |\n|---|\n| {base64} |\n",
        "x".repeat(1000)
    );
    let converted = convert(&markdown);
    let text = common::pdf_text_compact(&converted.get(Output::Report).unwrap().bytes);
    assert!(text.contains(&compact(&base64)), "the long word is all there");
    assert_on_the_page(&converted);
}
