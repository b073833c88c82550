//! A Typst error raised inside Folio's template library is reported at the Markdown line
//! whose block triggered it, never as an internal path. The templates are broken on
//! purpose through `--templates` (a user's override of `lib/common.typ`), the only way a
//! test can make the library fail on a chosen block.

use crate::common::{folio, stderr};
use std::path::Path;

/// A `--templates` folder whose `lib/common.typ` has `insert` put after `signature`.
fn break_library(root: &Path, signature: &str, insert: &str) {
    let library = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/lib/common.typ"),
    )
    .unwrap();
    assert!(library.contains(signature), "the library still has {signature}");
    let broken = library.replace(signature, &format!("{signature} {insert}"));
    std::fs::create_dir_all(root.join("tpl/lib")).unwrap();
    std::fs::write(root.join("tpl/lib/common.typ"), broken).unwrap();
}

const REPORT: &str = "# Title\n\nIntro paragraph.\n\n## Section\n\nOne.\n\n\
                      - [x] done\n- [ ] open\n\n> [!NOTE]\n> A note.\n\nThe end.\n";

fn failure(root: &Path, only: &str) -> String {
    std::fs::write(root.join("r.md"), REPORT).unwrap();
    let out = folio(root, &["build", "r.md", "--templates", "tpl", "--only", only]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    stderr(&out)
}

/// A function called from the generated source: Typst's trace leads back to the block.
#[test]
fn an_error_in_a_library_function_names_the_markdown_line() {
    let tmp = tempfile::tempdir().unwrap();
    break_library(tmp.path(), "#let checkbox(checked) =", "panic(\"broken checkbox\") +");
    for only in ["report", "slides"] {
        let err = failure(tmp.path(), only);
        assert!(err.contains("error: r.md:9: typesetting the"), "{only}: {err}");
        assert!(err.contains("broken checkbox"), "{err}");
        assert!(!err.contains("common.typ") && !err.contains(".folio/"), "{err}");
    }
}

/// An error raised while laying out a `context` block carries no call site: the block
/// is found by typesetting less of the document.
#[test]
fn an_error_in_a_deferred_library_call_names_the_markdown_line() {
    let tmp = tempfile::tempdir().unwrap();
    let signature = "#let callout(kind: \"note\", title: none, body) = context {";
    break_library(tmp.path(), signature, "panic(\"broken callout\")");
    for only in ["report", "slides"] {
        let err = failure(tmp.path(), only);
        assert!(err.contains("error: r.md:12: typesetting the"), "{only}: {err}");
        assert!(!err.contains("common.typ") && !err.contains(".folio/"), "{err}");
    }
}
