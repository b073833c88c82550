//! The GitHub Flavored Markdown extensions, each on examples written for Folio in the
//! manner of the GFM spec: every one converts to both PDFs without error, its text (as
//! a browser would show it) reaches the print PDF in order, and text that must not
//! show does not.

use crate::common::{compact, converter, pdf_text_compact};
use folio::Input;
use folio::Output;

/// (name, Markdown, pieces of text that must appear in order, text that must not appear).
const EXAMPLES: &[(&str, &str, &[&str], &[&str])] = &[
    (
        "table",
        "| fruit | price |\n| --- | --: |\n| apple | 3 |\n| pear | 4 |\n",
        &["fruit", "price", "apple", "3", "pear", "4"],
        &["---", "|"],
    ),
    (
        "table alignment",
        "| l | c | r |\n| :- | :-: | -: |\n| a | b | c |\n",
        &["l", "c", "r", "a", "b", "c"],
        &[":-"],
    ),
    (
        "table inline markup",
        "| code | link |\n| --- | --- |\n| `x\\|y` | [site](https://a.example) |\n",
        &["code", "link", "x|y", "site"],
        &["`"],
    ),
    ("table escaped pipe", "| a |\n| --- |\n| b \\| c |\n", &["a", "b | c"], &["\\|"]),
    (
        "table ragged rows",
        "| a | b |\n| --- | --- |\n| one |\n| x | y | z |\n",
        &["a", "b", "one", "x", "y"],
        &[],
    ),
    ("table header only", "| only | header |\n| --- | --- |\n", &["only", "header"], &[]),
    ("table stops at blank line", "| a |\n| - |\n| b |\n\nafter\n", &["a", "b", "after"], &[]),
    (
        "not a table without delimiter row",
        "| a | b |\n| c | d |\n",
        &["| a | b |", "| c | d |"],
        &[],
    ),
    ("strikethrough", "~~gone~~ and ~kept~ text\n", &["gone", "and", "kept", "text"], &["~"]),
    (
        "strikethrough across words",
        "This ~~has a\nnew line~~ inside.\n",
        &["This", "has a", "new line", "inside."],
        &["~~"],
    ),
    ("task list", "- [ ] open\n- [x] done\n", &["open", "done"], &["[ ]", "[x]"]),
    ("nested task list", "- [x] parent\n  - [ ] child\n", &["parent", "child"], &["[x]", "[ ]"]),
    (
        "autolink www",
        "Visit www.example.com/path today.\n",
        &["Visit", "www.example.com/path", "today."],
        &[],
    ),
    (
        "autolink url",
        "See https://example.com/a//b?q=1 now.\n",
        &["See", "https://example.com/a//b?q=1", "now."],
        &[],
    ),
    (
        "autolink email",
        "Mail foo@bar.example please.\n",
        &["Mail", "foo@bar.example", "please."],
        &[],
    ),
    (
        "autolink trailing punctuation",
        "(Visit www.example.com).\n",
        &["(Visit", "www.example.com", ")."],
        &[],
    ),
    (
        "disallowed raw html",
        "<title>kept</title> <textarea>also</textarea>\n",
        &["kept", "also"],
        &["<title>", "<textarea>"],
    ),
    ("footnote", "Text[^a].\n\n[^a]: The note.\n", &["Text", "1", "The note."], &["[^a]"]),
    ("alert", "> [!TIP]\n> Helpful advice.\n", &["Tip", "Helpful advice."], &["[!TIP]"]),
];

#[test]
fn every_gfm_extension_example_converts_and_keeps_its_text() {
    let mut failures = Vec::new();
    for (name, markdown, shown, hidden) in EXAMPLES {
        let input = Input {
            path: std::path::Path::new("gfm.md"),
            markdown,
            base_dir: None,
            run: None,
            style: None,
        };
        let converted = match converter().convert(&input) {
            Ok(converted) => converted,
            Err(err) => {
                failures.push(format!("{name}: {err}"));
                continue;
            }
        };
        assert!(converted.get(Output::Slides).cloned().is_some());
        let text = pdf_text_compact(&converted.get(Output::Report).cloned().unwrap().bytes);
        let mut from = 0;
        for piece in *shown {
            match text[from..].find(&compact(piece)) {
                Some(at) => from += at + compact(piece).len(),
                None => {
                    failures.push(format!("{name}: {piece:?} missing (in order) from {text:?}"))
                }
            }
        }
        for piece in *hidden {
            if text.contains(&compact(piece)) {
                failures.push(format!("{name}: markup {piece:?} shows in {text:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
