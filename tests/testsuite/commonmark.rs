//! Every example of the CommonMark 0.31.2 spec converts to both PDFs with no error and no
//! panic, and the text of the example's expected HTML appears in the print PDF.

use crate::common::{compact, converter, pdf_text_compact};
use folio::Input;
use folio::Output;
use std::path::Path;

const FENCE: &str = "````````````````````````````````";

struct Example {
    number: usize,
    markdown: String,
    html: String,
}

fn examples() -> Vec<Example> {
    let spec = include_str!("../fixtures/commonmark/spec-0.31.2.txt");
    let mut examples = Vec::new();
    let mut lines = spec.lines();
    while let Some(line) = lines.next() {
        if line != format!("{FENCE} example") {
            continue;
        }
        let mut markdown = String::new();
        for line in lines.by_ref().take_while(|l| *l != ".") {
            markdown.push_str(line);
            markdown.push('\n');
        }
        let mut html = String::new();
        for line in lines.by_ref().take_while(|l| *l != FENCE) {
            html.push_str(line);
            html.push('\n');
        }
        let tabs = |s: String| s.replace('→', "\t");
        examples.push(Example {
            number: examples.len() + 1,
            markdown: tabs(markdown),
            html: tabs(html),
        });
    }
    examples
}

/// The pieces of text a browser would show for the expected HTML, in order: the text
/// between tags, entities decoded. Content Folio drops on purpose (script/style,
/// comments, declarations) is left out; CDATA shows its content.
fn visible_pieces(html: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = html;
    loop {
        let start = rest.find('<').unwrap_or(rest.len());
        pieces.push(rest[..start].to_string());
        let tail = &rest[start..];
        if tail.is_empty() {
            break;
        }
        let skip_to = |close: &str| tail.find(close).map_or(tail.len(), |i| i + close.len());
        let end = if let Some(cdata) = tail.strip_prefix("<![CDATA[") {
            let inner = cdata.find("]]>").unwrap_or(cdata.len());
            pieces.push(cdata[..inner].to_string());
            skip_to("]]>")
        } else if tail.starts_with("<!--") {
            skip_to("-->")
        } else if tail.starts_with("<script") {
            skip_to("</script>")
        } else if tail.starts_with("<style") {
            skip_to("</style>")
        } else if tail.starts_with("<?") {
            skip_to("?>")
        } else {
            tag_end(tail)
        };
        rest = &tail[end..];
    }
    pieces
        .iter()
        .map(|p| compact(&html_escape::decode_html_entities(p).replace('\u{0}', "\u{FFFD}")))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Where the tag at the start of `tail` ends: after the first `>` that is not inside a
/// quoted attribute value (`<a title="x>y">` is one tag, as a browser reads it).
fn tag_end(tail: &str) -> usize {
    let mut quote = None;
    let mut after_equals = false;
    for (i, c) in tail.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '>' => return i + 1,
            None if after_equals && matches!(c, '"' | '\'') => quote = Some(c),
            None => {}
        }
        if quote.is_none() && !c.is_whitespace() {
            after_equals = c == '=';
        }
    }
    tail.len()
}

/// The first piece not found in `text` after the pieces before it.
fn missing_piece<'p>(text: &str, pieces: &'p [String]) -> Option<&'p String> {
    let mut from = 0;
    for piece in pieces {
        match text[from..].find(piece.as_str()) {
            Some(at) => from += at + piece.len(),
            None => return Some(piece),
        }
    }
    None
}

/// Examples whose text needs a script no bundled font covers (Malayalam, Kannada):
/// the glyph-coverage issue tracks them.
const UNCOVERED_SCRIPTS: &[usize] = &[27];

#[test]
fn every_commonmark_example_converts_and_keeps_its_text() {
    let examples = examples();
    assert_eq!(examples.len(), 652, "spec examples found");
    let outcomes = folio::jobs::map_parallel(examples, folio::jobs::default_threads(), |example| {
        let path = Path::new("example.md");
        let input =
            Input { path, markdown: &example.markdown, base_dir: None, run: None, style: None };
        let converted = match converter().convert(&input) {
            Ok(converted) => converted,
            Err(err) => return Some(format!("example {}: {err}", example.number)),
        };
        if UNCOVERED_SCRIPTS.contains(&example.number) {
            return None;
        }
        let pdf_text =
            pdf_text_compact(&converted.get(Output::Report).cloned().expect("report").bytes);
        let pieces = visible_pieces(&example.html);
        missing_piece(&pdf_text, &pieces).map(|piece| {
            format!("example {}: {piece:?} not in PDF text {pdf_text:?}", example.number)
        })
    });
    let failures: Vec<String> = outcomes.into_iter().flatten().collect();
    assert!(
        failures.is_empty(),
        "{} of 652 examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
