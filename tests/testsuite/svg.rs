//! SVG pictures never cost a report (issue 14): an SVG Typst would refuse — not
//! well-formed, over usvg's limits, linking a missing file or one outside the report's
//! folder — is a framed placeholder with a warning naming file and line, and the rest of
//! the report converts; nothing of a file outside the folder reaches the PDF.

use crate::common::{self, folio, image_widths, stderr};
use std::path::PathBuf;

const NS: &str = r#"xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink""#;

/// An SVG 40 × 20 px whose body is `inner`.
fn svg(inner: &str) -> Vec<u8> {
    format!(r#"<svg {NS} width="40" height="20">{inner}</svg>"#).into_bytes()
}

/// An `<image>` element linking `href`.
fn image(href: &str) -> String {
    format!(r#"<image href="{href}" width="40" height="20"/>"#)
}

/// A PNG of a size no other picture here has (37 × 23), to find it in a PDF.
fn marked_png() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(37, 23, |x, y| image::Rgb([x as u8 * 7, y as u8, 99]));
    let mut png = std::io::Cursor::new(Vec::new());
    picture.write_to(&mut png, image::ImageFormat::Png).unwrap();
    png.into_inner()
}

/// A folder `rep/` with `report.md` (a picture `pic.svg` on line 5 between two
/// paragraphs) and `files`, converted to the print briefing. Returns the run, the
/// folder and the PDF's path.
fn convert(svg: &[u8], files: &[(&str, Vec<u8>)]) -> (std::process::Output, tempfile::TempDir) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rep");
    std::fs::create_dir(&dir).unwrap();
    let report = "# 图片检查\n\nAlphaBefore 前文。\n\n![示意图](pic.svg)\n\nOmegaAfter 后文。\n";
    std::fs::write(dir.join("report.md"), report).unwrap();
    std::fs::write(dir.join("pic.svg"), svg).unwrap();
    for (name, bytes) in files {
        std::fs::write(tmp.path().join(name), bytes).unwrap();
    }
    let out = folio(tmp.path(), &["build", "rep/report.md", "--only", "report"]);
    (out, tmp)
}

fn pdf_path(tmp: &tempfile::TempDir) -> PathBuf {
    tmp.path().join("output/report.pdf")
}

/// The report converts with exit code 0, warns `report.md:5: image not usable:
/// pic.svg (…reason…)`, and its PDF shows the text around the placeholder and the
/// placeholder's address.
fn assert_placeholder(svg: &[u8], files: &[(&str, Vec<u8>)], reason: &str) -> tempfile::TempDir {
    let (out, tmp) = convert(svg, files);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "stderr: {err}");
    let expected = "report.md:5: image not usable: pic.svg (";
    let warning = err.lines().find(|l| l.contains(expected));
    assert!(warning.is_some_and(|w| w.contains(reason)), "no {expected}…{reason}… in: {err}");
    let text = common::pdf_text_compact(&std::fs::read(pdf_path(&tmp)).unwrap());
    for shown in ["AlphaBefore前文。", "pic.svg", "OmegaAfter后文。"] {
        assert!(text.contains(shown), "{shown} missing from the PDF text: {text}");
    }
    tmp
}

#[test]
fn an_svg_that_is_not_well_formed_is_a_placeholder() {
    let broken = format!(r#"<svg {NS} width="40" height="20"><rect width="40"></svg>"#);
    assert_placeholder(broken.as_bytes(), &[], "not well-formed SVG");
}

#[test]
fn an_svg_linking_a_missing_picture_is_a_placeholder() {
    assert_placeholder(&svg(&image("nowhere.png")), &[], "links nowhere.png: no such file");
}

#[test]
fn an_svg_linking_a_picture_outside_the_folder_is_a_placeholder() {
    let files = [("secret.png", marked_png())];
    let reason = "links ../secret.png: outside the report's folder";
    assert_placeholder(&svg(&image("../secret.png")), &files, reason);
}

/// usvg refuses more than 1,000,000 elements (`svgtree/parse.rs`); Typst fails the
/// whole document on it.
#[test]
fn an_svg_over_the_element_limit_is_a_placeholder() {
    let huge = svg(&"<g/>".repeat(1_000_001));
    assert_placeholder(&huge, &[], "over usvg's limit");
}

/// usvg also refuses elements nested more than 1,024 deep.
#[test]
fn an_svg_nested_too_deeply_is_a_placeholder() {
    let deep = svg(&format!("{}{}", "<g>".repeat(1_100), "</g>".repeat(1_100)));
    assert_placeholder(&deep, &[], "over usvg's limit");
}

/// Neither the file nor its pixels: the PDF has no picture at all, however the SVG
/// reaches out (a relative path, a symlink inside the folder, an entity, `file://`).
#[test]
fn no_byte_of_a_file_outside_the_folder_reaches_the_pdf() {
    let files = [("secret.png", marked_png())];
    let entity = format!(
        r#"<!DOCTYPE svg [<!ENTITY s "../secret.png">]><svg {NS} width="40" height="20"><image xlink:href="&s;" width="40" height="20"/></svg>"#
    );
    let tmp = assert_placeholder(entity.as_bytes(), &files, "outside the report's folder");
    assert_eq!(image_widths(&pdf_path(&tmp)), Vec::<i64>::new());
    let tmp = assert_placeholder(&svg(&image("file://../secret.png")), &files, "outside");
    assert_eq!(image_widths(&pdf_path(&tmp)), Vec::<i64>::new());
    #[cfg(unix)]
    {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("rep");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(tmp.path().join("secret.png"), marked_png()).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret.png"), dir.join("inside.png")).unwrap();
        std::fs::write(dir.join("pic.svg"), svg(&image("inside.png"))).unwrap();
        std::fs::write(dir.join("report.md"), "# T\n\nText.\n\n![x](pic.svg)\n").unwrap();
        let out = folio(tmp.path(), &["build", "rep/report.md", "--only", "report"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("report.md:5: image not usable: pic.svg"),
            "{}",
            stderr(&out)
        );
        assert_eq!(image_widths(&tmp.path().join("output/report.pdf")), Vec::<i64>::new());
    }
}

/// The one allowed link: a picture inside the report's folder is drawn, from the SVG
/// with the picture written into it.
#[test]
fn an_svg_linking_a_picture_inside_the_folder_shows_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rep");
    std::fs::create_dir_all(dir.join("img")).unwrap();
    std::fs::write(dir.join("img/inside.png"), marked_png()).unwrap();
    std::fs::write(dir.join("img/pic.svg"), svg(&image("inside.png"))).unwrap();
    std::fs::write(dir.join("report.md"), "# T\n\nAlphaBefore.\n\n![示意图](img/pic.svg)\n")
        .unwrap();
    let out = folio(tmp.path(), &["build", "rep/report.md", "--only", "report"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("image not"), "{}", stderr(&out));
    assert_eq!(image_widths(&tmp.path().join("output/report.pdf")), vec![37]);
}

/// A logo is checked like a picture: a broken SVG logo is left out with a warning and
/// the report converts.
#[test]
fn a_broken_svg_logo_is_left_out_and_the_report_converts() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("logo.svg"), svg(&image("../../etc/passwd.png"))).unwrap();
    std::fs::write(
        tmp.path().join("r.md"),
        "---\nlogo: logo.svg\ncover: full\n---\n# T\n\nWords.\n",
    )
    .unwrap();
    let out = folio(tmp.path(), &["build", "r.md", "--only", "report"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("logo logo.svg: not usable (links ../../etc/passwd.png"), "{err}");
    let text = common::pdf_text_compact(&std::fs::read(tmp.path().join("output/r.pdf")).unwrap());
    assert!(text.contains("Words."), "{text}");
}

/// The SVG's linked picture is part of what it shows: changing only that picture
/// converts the report again instead of leaving it "up to date".
#[test]
fn changing_a_picture_an_svg_links_converts_the_report_again() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rep");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("inside.png"), marked_png()).unwrap();
    std::fs::write(dir.join("pic.svg"), svg(&image("inside.png"))).unwrap();
    std::fs::write(dir.join("report.md"), "# T\n\n![x](pic.svg)\n").unwrap();
    let build = || stderr(&folio(tmp.path(), &["build", "rep", "--only", "report"]));
    assert!(build().contains("converted 1 of 1"));
    let again = build();
    assert!(again.contains("1 up to date"), "{again}");
    std::fs::write(dir.join("inside.png"), image_png(5)).unwrap();
    let changed = build();
    assert!(changed.contains("converted 1 of 1"), "{changed}");
}

/// A plain PNG `side` pixels square.
fn image_png(side: u32) -> Vec<u8> {
    let mut png = std::io::Cursor::new(Vec::new());
    image::RgbImage::new(side, side).write_to(&mut png, image::ImageFormat::Png).unwrap();
    png.into_inner()
}
