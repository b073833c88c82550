//! Small hostile inputs that used to cost a whole report now cost at most a warning: a
//! link no click should follow, an address too long for a PDF, formatting or footnotes
//! nested past Typst's limits. Each report is made by the test.

use crate::common::{compact, converter, link_uris, pdf_text_compact};
use folio::Input;
use std::path::Path;

/// Converts `markdown`; the print briefing's PDF and the warnings.
fn convert(markdown: &str) -> (Vec<u8>, Vec<folio::Warning>) {
    let input = Input { path: Path::new("h.md"), markdown, base_dir: None, run: None, style: None };
    let converted = converter().convert(&input).expect("the report converts");
    let pdf = converted.get(folio::Output::Report).expect("a briefing").bytes.clone();
    (pdf, converted.warnings)
}

/// Only web, mail and in-document links stay clickable; `file:`, `javascript:`, `smb:`,
/// `ms-msdt:`, `data:` and protocol-relative links show as their text, with a warning.
#[test]
fn links_no_click_should_follow_stay_text() {
    let markdown = "# T\n\n[a](file:///etc/passwd) [b](javascript:alert(1)) [c](//evil.example/x) \
                    [d](smb://host/share) [e](ms-msdt:x) [f](data:text/html,x) \
                    [mail](mailto:a@b.example) [web](https://ok.example/)\n";
    let (pdf, warnings) = convert(markdown);
    let mut uris = link_uris(&pdf);
    uris.sort();
    assert_eq!(uris, ["https://ok.example/", "mailto:a@b.example"]);
    assert!(pdf_text_compact(&pdf).contains(&compact("a b c d e f mail web")));
    let unlinked = warnings.iter().filter(|w| w.message.contains("only web, mail and in-document"));
    assert_eq!(unlinked.count(), 6, "{warnings:?}");
}

/// An address longer than Typst allows (8,000 characters) is text, not a failed report.
#[test]
fn a_link_address_too_long_for_a_pdf_is_text_with_a_warning() {
    let url = format!("https://example.com/{}", "a".repeat(9000));
    let (pdf, warnings) = convert(&format!("# T\n\n[the link]({url}) and <{url}>\n"));
    assert!(pdf_text_compact(&pdf).contains("thelink"));
    assert!(link_uris(&pdf).is_empty());
    assert!(warnings.iter().any(|w| w.message.contains("link address of 9020 characters")));
}

/// Sixty `<i>` in one another, or three hundred `*`: the text is kept, the formatting
/// past twelve levels dropped, with one warning naming the line.
#[test]
fn formatting_nested_past_typsts_limit_keeps_its_text() {
    for markdown in [
        format!("# T\n\n{}deep text{}\n", "<i>".repeat(60), "</i>".repeat(60)),
        format!("# T\n\n{}deep text{}\n", "*".repeat(300), "*".repeat(300)),
        format!("# T\n\n{}deep text{}\n", "<b><sup>".repeat(40), "</sup></b>".repeat(40)),
    ] {
        let (pdf, warnings) = convert(&markdown);
        assert!(pdf_text_compact(&pdf).contains("deeptext"), "{markdown}");
        let dropped: Vec<_> =
            warnings.iter().filter(|w| w.message.contains("nested deeper")).collect();
        assert_eq!(dropped.len(), 1, "{warnings:?}");
        assert_eq!(dropped[0].line, Some(3));
    }
}

/// A chain of 130 footnotes, each citing the next: every note's text is in the PDF
/// exactly once (deep ones in brackets), and the report converts.
#[test]
fn a_long_chain_of_footnotes_keeps_every_note_once() {
    let mut markdown = String::from("# T\n\nStart[^n0].\n\n");
    for index in 0..130 {
        markdown.push_str(&format!("[^n{index}]: Note{index}x [^n{}]\n", index + 1));
    }
    markdown.push_str("[^n130]: Last note.\n");
    let (pdf, _) = convert(&markdown);
    let text = pdf_text_compact(&pdf);
    for index in 0..130 {
        assert_eq!(text.matches(&format!("Note{index}x")).count(), 1, "note {index}");
    }
}
