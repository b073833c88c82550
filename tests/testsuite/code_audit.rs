//! Report text never becomes code: every piece of code in a generated source is one the
//! template's skeleton has or one of the calls Folio's writer makes
//! (`folio::render::audit`). The `front` fuzz target checks the same on any input.

use crate::common::{fixture, good_reports};
use folio::render::audit::audit_report;
use proptest::prelude::*;

/// Every fixture and sample report: the generated sources parse and hold only the
/// writer's code.
#[test]
fn the_sources_of_every_fixture_hold_only_the_writers_code() {
    let extra = ["math.md", "mermaid.md", "long-report.md", "symbols-and-emoji.md"];
    for report in good_reports().into_iter().chain(extra.map(fixture)) {
        let markdown = std::fs::read_to_string(&report).unwrap();
        let audited = audit_report(&markdown, report.parent());
        assert_eq!(audited, Ok(()), "{}", report.display());
    }
}

/// The check can fail: a source with code the writer never makes is caught.
#[test]
fn the_audit_catches_code_the_writer_never_makes() {
    use folio::render::audit::foreign_code;
    let skeleton = "#import \"/.folio/lib/report.typ\": report\n#show: report.with()\n";
    let source = format!("{skeleton}\nText #read(\"secret.txt\") and #include \"x.typ\"\n");
    assert_eq!(foreign_code(&source, skeleton), ["read", "include"]);
}

/// Markdown-shaped noise: Typst syntax, Markdown syntax, HTML, math, CJK.
fn noisy_markdown() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "#",
        "#let x = 1",
        "#read(\"/etc/passwd\")",
        "#include \"a.typ\"",
        "#import \"x\"",
        "$",
        "$$",
        "$x^2$",
        "$\\text{#eval(1)}$",
        "`",
        "```",
        "```typ\n#eval(1)\n```",
        "*",
        "**",
        "_",
        "[",
        "](",
        ")",
        "<",
        ">",
        "<b>",
        "</b>",
        "<a href=\"#x\">",
        "<!-- -->",
        "- ",
        "1. ",
        "> ",
        "> [!NOTE]",
        "| a | b |",
        "|---|---|",
        "\n",
        "\n\n",
        "# ",
        "## ",
        "@",
        "<label>",
        "\\",
        "//",
        "/*",
        "*/",
        "=",
        "~",
        "中文",
        "：",
        "。",
        "http://a.b/c",
        "![x](y.png)",
        "[^1]",
        "[^1]: note",
        "---",
        "{",
        "}",
        ";",
        "\"",
        "'",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_report_text_stays_data(markdown in noisy_markdown()) {
        prop_assert_eq!(audit_report(&markdown, None), Ok(()));
    }
}
