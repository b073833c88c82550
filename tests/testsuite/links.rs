//! In-page links through the library: every spelling other tools use lands, a link to
//! nowhere is text with a warning, and report text never becomes a Typst label.

use crate::common::{converter, pdf_text_compact};
use folio::Input;
use folio::Output;

fn convert(markdown: &str) -> folio::Converted {
    let input = Input {
        path: std::path::Path::new("doc.md"),
        markdown,
        base_dir: None,
        run: None,
        style: None,
    };
    converter().convert(&input).expect("converts")
}

#[test]
fn every_common_spelling_of_an_anchor_lands_and_unknown_ones_are_reported() {
    let markdown = "\
# Title

- [a](#安装) [b](#%E5%AE%89%E8%A3%85) [c](#Contact) [d](#faq-1) [e](#user-content-faq)
- [f](#fn-1) [g](#top) [h](#custom) [i](#Quick-Start) [j](#nowhere) [k](doc.md#faq)

## 安装

<a name=\"custom\"></a>Text with a note[^1].

## Contact

## FAQ

## FAQ

## Quick start!

[^1]: The note.
";
    let converted = convert(markdown);
    let report = converted.get(Output::Report).cloned().unwrap();
    let jumps = report.typst.clone().unwrap().matches("#link(<folio-a").count();
    assert_eq!(jumps, 10, "{}", report.typst.clone().unwrap());
    let warnings: Vec<String> =
        converted.warnings.iter().map(|w| format!("{:?}: {}", w.line, w.message)).collect();
    assert_eq!(
        warnings,
        ["Some(4): link to #nowhere: no heading or anchor of that name; shown as plain text"]
    );
    // The broken link's text is still there, as text.
    assert!(pdf_text_compact(&report.bytes).contains("j"));
    // The slides link to slides only.
    let slides = converted.get(Output::Slides).cloned().unwrap();
    assert!(
        !slides.typst.clone().unwrap().contains("folio-a"),
        "{}",
        slides.typst.clone().unwrap()
    );
    assert!(
        slides.typst.clone().unwrap().contains("#link(<folio-s"),
        "{}",
        slides.typst.clone().unwrap()
    );
}

#[test]
fn report_text_in_ids_and_links_never_becomes_a_label() {
    let markdown = "\
# T

<a id=\"x>]#eval(&quot;1&quot;)<y\"></a>Hostile id. <span id=\"folio-a0\">fake</span>

[one](#x>]#eval(\"1\")<y) [two](#folio-a0) [three](#<evil>) [four](<#a b>)

## folio-s1 {#folio-a1}
";
    let converted = convert(markdown);
    for typst in [
        &converted.get(Output::Report).unwrap().typst.clone().unwrap(),
        &converted.get(Output::Slides).unwrap().typst.clone().unwrap(),
    ] {
        for (i, _) in typst.match_indices('<') {
            let rest = &typst[i + 1..];
            if let Some(label) = rest.strip_prefix("folio-") {
                let name: String = label.chars().take_while(|c| *c != '>').collect();
                assert!(
                    name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
                    "label {name}"
                );
            }
        }
        assert!(!typst.contains("#eval(\"1\")"), "{typst}");
    }
}

#[test]
fn key_points_abstract_and_title_are_targets_in_print_and_on_slides() {
    let markdown = "\
# Quarterly Review

> <a id=\"abstract\"></a>Sales grew in every region.

## Key takeaways

- Margins held.

## Details

See the [takeaways](#key-takeaways), the [abstract](#abstract) and the [title](#quarterly-review).

## More

Text.
";
    let converted = convert(markdown);
    assert!(converted.warnings.is_empty(), "{:?}", converted.warnings);
    let report = converted.get(Output::Report).cloned().unwrap().typst.clone().unwrap();
    assert_eq!(report.matches("#link(<folio-a").count(), 3, "{report}");
    for target in report.match_indices("#link(<").map(|(i, _)| &report[i + 7..]) {
        let label = &target[..target.find('>').unwrap()];
        let defined = report.matches(&format!("<{label}>")).count()
            - report.matches(&format!("#link(<{label}>)")).count();
        assert_eq!(defined, 1, "{label} in {report}");
    }
    // On the slides the key points and the abstract are the summary slide.
    let slides = converted.get(Output::Slides).cloned().unwrap().typst.clone().unwrap();
    let summary = slides
        .find("title: \"Summary\"")
        .or_else(|| slides.find("title: \"Key takeaways\""))
        .unwrap();
    let label_at = slides.find("#metadata(none)<folio-s").unwrap();
    assert!(label_at > summary, "{slides}");
    assert_eq!(slides.matches("#link(<folio-s").count(), 3, "{slides}");
}
