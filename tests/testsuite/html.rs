//! Raw HTML as a browser reads it: attribute values with `>`, quotes and entities, no
//! quotes at all, declarations, and tags left open or cut off, never lose text or a link
//! and never show tag source. Regression tests for issue 17 ("Raw HTML").

use crate::common::{compact, converter, link_uris, pdf_text_compact};
use folio::model::{Document, Inline, plain_text};
use folio::{Input, Output};
use std::path::Path;

fn input(markdown: &str) -> Input<'_> {
    Input { path: Path::new("doc.md"), markdown, base_dir: None, run: None, style: None }
}

/// The model after the passes, as the writers receive it.
fn prepared(markdown: &str) -> Document {
    let limits = folio::picture::Limits::default();
    folio::prepare::prepare(&input(markdown), &[], &limits).expect("prepares").0
}

/// The text of the body's blocks, whitespace removed.
fn text_of(doc: &mut Document) -> String {
    let mut text = String::new();
    folio::model::visit_block_inlines_mut(&mut doc.blocks, &mut |inlines, _, _| {
        text.push_str(&plain_text(inlines));
    });
    compact(&text)
}

/// Every link of the document as (address, text).
fn links(doc: &mut Document) -> Vec<(String, String)> {
    let mut links = Vec::new();
    doc.visit_all_inlines_mut(&mut |inlines, _| {
        for inline in inlines.iter() {
            if let Inline::Link { url, content } = inline {
                links.push((url.clone(), plain_text(content)));
            }
        }
    });
    links
}

/// Every picture of the document as (address, alternative text).
fn images(doc: &mut Document) -> Vec<(String, String)> {
    let mut images = Vec::new();
    doc.visit_all_inlines_mut(&mut |inlines, _| {
        for inline in inlines.iter() {
            match inline {
                Inline::Image { url, alt } | Inline::MissingImage { url, alt } => {
                    images.push((url.clone(), alt.clone()))
                }
                _ => {}
            }
        }
    });
    images
}

/// Issue 17: a `>` inside a quoted attribute value ended the tag, so the rest of the tag
/// was printed and the link lost.
#[test]
fn regression_issue_17_a_quoted_gt_keeps_the_link_and_shows_no_tag_source() {
    let markdown = "# Links\n\nSee <a title=\"x>y\" href=\"https://example.com\">link</a> here.\n";
    let mut doc = prepared(markdown);
    assert_eq!(links(&mut doc), vec![("https://example.com".into(), "link".into())]);
    let converted = converter().convert(&input(markdown)).expect("converts");
    let pdf = &converted.get(Output::Report).expect("a report").bytes;
    let text = pdf_text_compact(pdf);
    assert!(text.contains("Seelinkhere."), "{text}");
    assert!(!text.contains("y\"") && !text.contains("href"), "{text}");
    assert_eq!(link_uris(pdf), vec!["https://example.com".to_string()]);
}

/// Issue 17: `<!DOCTYPE html>` and `<?xml …?>` were printed as text.
#[test]
fn regression_issue_17_declarations_are_not_shown() {
    let markdown = "<!DOCTYPE html>\n\n<?xml version=\"1.0\"?>\n\nBody text.\n";
    let converted = converter().convert(&input(markdown)).expect("converts");
    let text = pdf_text_compact(&converted.get(Output::Report).expect("a report").bytes);
    assert!(text.contains("Bodytext."), "{text}");
    for shown in ["DOCTYPE", "xml", "?>"] {
        assert!(!text.contains(shown), "{shown} in {text}");
    }
}

#[test]
fn attribute_values_with_gt_quotes_and_entities_are_read_whole() {
    let markdown = "<p align=\"center\">\n\
        <a href=\"https://example.com/?q=a>b&amp;c=d\" title='say \"hi\"'>search</a>\n\
        <img src=logo.png alt=\"a > b\" onerror=\"alert('x>y')\">\n\
        </p>\n";
    let mut doc = prepared(markdown);
    assert_eq!(links(&mut doc), vec![("https://example.com/?q=a>b&c=d".into(), "search".into())]);
    assert_eq!(images(&mut doc), vec![("logo.png".into(), "a > b".into())]);
    let text = text_of(&mut doc);
    assert!(text.starts_with("search"), "{text}");
    for source in ["href", "title", "hi", "alert", "y')", "\">"] {
        assert!(!text.contains(source), "{source} shown in {text}");
    }
}

#[test]
fn a_heading_tag_with_a_gt_in_an_attribute_is_still_a_title() {
    let mut doc = prepared("<h1 align=\"center\" title=\"a>b\">Name</h1>\n\nBody.\n");
    assert_eq!(doc.meta.title.as_deref(), Some("Name"));
    assert_eq!(text_of(&mut doc), "Body.");
}

#[test]
fn unquoted_attributes_and_event_handlers_give_the_picture_and_no_script() {
    let mut doc = prepared("A <img src=x.png onerror=alert(1) alt=pic> B\n");
    assert_eq!(images(&mut doc), vec![("x.png".into(), "pic".into())]);
    let text = text_of(&mut doc);
    assert!(!text.contains("alert") && !text.contains("onerror"), "{text}");
}

#[test]
fn tags_left_open_or_cut_off_keep_their_text() {
    let mut doc = prepared("<div>\nopen <b>bold <i>both\n\nafter\n");
    assert!(text_of(&mut doc).contains("openboldboth"), "{}", text_of(&mut doc));
    let mut doc = prepared("<div>\nkept &amp; <a href=\"x\n");
    assert_eq!(text_of(&mut doc), "kept&<ahref=\"x", "a cut-off tag stays as written");
    let mut doc = prepared("<div>\nif a < b then 1 <2 &amp; done\n</div>\n");
    assert_eq!(text_of(&mut doc), "ifa<bthen1<2&done");
}

#[test]
fn comments_are_dropped_with_a_warning_and_scripts_with_theirs() {
    let markdown = "Text <!-- a > b --> more.\n\n<script>if (a<b) alert(1)</script>\n";
    let converted = converter().convert(&input(markdown)).expect("converts");
    let messages: Vec<&str> = converted.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(messages.iter().any(|m| m.contains("comment")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("<script>")), "{messages:?}");
    let text = pdf_text_compact(&converted.get(Output::Report).expect("a report").bytes);
    assert!(text.contains("Textmore."), "{text}");
    assert!(!text.contains("alert") && !text.contains("b-->"), "{text}");
}

/// `javascript:` addresses are not filtered by the tokenizer: the link rule is the
/// address classifier's, as for Markdown links. The tag itself never shows.
#[test]
fn a_javascript_link_shows_its_text_and_no_tag_source() {
    let mut doc = prepared("Go <a href='javascript:alert(\"x>y\")'>there</a>.\n");
    assert_eq!(text_of(&mut doc), "Gothere.");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..Default::default()
    })]

    /// Any jumble of tag characters, inline or as an HTML block, reads without a panic or
    /// an error: broken HTML never costs a report.
    #[test]
    fn broken_html_never_fails_a_report(
        html in "(<(a|b|img|div|script|!--|!DOCTYPE|\\?xml|!\\[CDATA\\[)?[a-z<>/=\"'&!?;# \\-\n]{0,60}){1,4}"
    ) {
        prepared(&format!("Text {html} end.\n\n<div>{html}\n"));
    }
}
