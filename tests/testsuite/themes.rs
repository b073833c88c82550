//! Themes are data, read and checked when Folio starts: `--templates DIR` may add a theme
//! (`DIR/themes/NAME.toml`) that reports then name in their front matter, and a theme file
//! missing a key stops `folio build` before any report, naming the file and the key.

use crate::common::{folio, stderr};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The built-in corporate theme, as a starting point for a theme of one's own.
fn corporate() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/themes/corporate.toml");
    std::fs::read_to_string(path).expect("the corporate theme file")
}

/// A templates folder holding one extra theme, `themes/NAME.toml`.
fn templates_with(root: &Path, name: &str, text: &str) -> PathBuf {
    let dir = root.join("tpl");
    std::fs::create_dir_all(dir.join("themes")).unwrap();
    std::fs::write(dir.join(format!("themes/{name}.toml")), text).unwrap();
    dir
}

/// A short report in `theme`, with a table (its header filled with the accent).
fn write_report(path: &Path, theme: &str) {
    let text = format!(
        "---\ntheme: {theme}\n---\n\n# Neon\n\nSome text.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    );
    std::fs::write(path, text).unwrap();
}

/// Every page's decompressed content streams of a PDF, as text.
fn page_contents(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).expect("a valid PDF");
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    let contents = pages.into_iter().map(|id| doc.get_page_content(id));
    contents.map(|bytes| String::from_utf8_lossy(&bytes).into_owned()).collect()
}

/// One part of a zip package, as text.
fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a valid zip");
    let mut part = archive.by_name(name).expect("the part is in the package");
    let mut text = String::new();
    part.read_to_string(&mut text).unwrap();
    text
}

#[test]
fn a_theme_added_with_templates_is_listed_and_usable_in_front_matter() {
    let tmp = tempfile::tempdir().unwrap();
    let neon = corporate().replace("accent = \"#1f4e79\"", "accent = \"#ff00ff\"");
    assert_ne!(neon, corporate(), "the corporate accent was replaced");
    let tpl = templates_with(tmp.path(), "neon", &neon);

    let out = folio(tmp.path(), &["themes", "--templates", "tpl"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "corporate\nminimal\nneon\n");
    assert!(tpl.join("themes/neon.toml").is_file());

    write_report(&tmp.path().join("neon.md"), "neon");
    write_report(&tmp.path().join("plain.md"), "corporate");
    let args = ["build", "neon.md", "plain.md", "--templates", "tpl", "--pptx", "-q"];
    let out = folio(tmp.path(), &args);
    assert!(out.status.success(), "stderr: {}", stderr(&out));

    let neon_pdf = std::fs::read(tmp.path().join("output/neon.pdf")).unwrap();
    let plain_pdf = std::fs::read(tmp.path().join("output/plain.pdf")).unwrap();
    let (neon_pages, plain_pages) = (page_contents(&neon_pdf), page_contents(&plain_pdf));
    // Typst sets the accent (the heading, the table header) as an sRGB fill: magenta is
    // `1 0 1`, navy is not.
    assert!(neon_pages.contains("1 0 1 sc"), "the neon accent is drawn: {neon_pages}");
    assert!(!plain_pages.contains("1 0 1 sc"), "the corporate report keeps its accent");

    // The PowerPoint writer reads the same theme.
    let pptx = std::fs::read(tmp.path().join("output/neon.pptx")).unwrap();
    let office = zip_part(&pptx, "ppt/theme/theme1.xml");
    assert!(office.contains("<a:accent1><a:srgbClr val=\"FF00FF\"/></a:accent1>"), "{office}");
    let pptx = std::fs::read(tmp.path().join("output/plain.pptx")).unwrap();
    let office = zip_part(&pptx, "ppt/theme/theme1.xml");
    assert!(office.contains("<a:accent1><a:srgbClr val=\"1F4E79\"/></a:accent1>"), "{office}");
}

#[test]
fn a_theme_missing_a_key_stops_the_build_at_start_naming_the_key() {
    let tmp = tempfile::tempdir().unwrap();
    let broken = corporate().replace("accent = \"#1f4e79\"\n", "");
    templates_with(tmp.path(), "broken", &broken);
    // The report does not even use the broken theme: it fails all the same, at start.
    write_report(&tmp.path().join("r.md"), "corporate");

    let out = folio(tmp.path(), &["build", "r.md", "--templates", "tpl"]);
    assert_eq!(out.status.code(), Some(2), "stderr: {}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("themes/broken.toml"), "names the file: {err}");
    assert!(err.contains("missing field `accent`"), "names the key: {err}");
    assert!(!err.contains("converted"), "no report was started: {err}");
    assert!(!tmp.path().join("output/r.pdf").exists());

    let out = folio(tmp.path(), &["themes", "--templates", "tpl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing field `accent`"), "stderr: {}", stderr(&out));
}

#[test]
fn a_bad_colour_in_a_theme_is_named_with_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = corporate().replace("muted = \"#696969\"", "muted = \"grey\"");
    templates_with(tmp.path(), "grey", &bad);
    write_report(&tmp.path().join("r.md"), "corporate");
    let out = folio(tmp.path(), &["build", "r.md", "--templates", "tpl"]);
    assert_eq!(out.status.code(), Some(2), "stderr: {}", stderr(&out));
    let line = bad.lines().position(|l| l.starts_with("muted")).unwrap() + 1;
    let err = stderr(&out);
    assert!(err.contains(&format!("themes/grey.toml:{line}:")), "names file and line: {err}");
    assert!(err.contains("\"grey\" is not a colour"), "names the value: {err}");
}
