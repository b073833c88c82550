//! The `folio` binary run as a user would, in a temporary folder: outputs, messages and
//! exit codes.

use crate::common::{self, folio, pdf_images, stderr};

use std::path::Path;
use std::process::Command;

fn copy_fixture(name: &str, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(common::fixture(name), to).unwrap();
}

fn fonts_arg() -> String {
    common::fonts_dir().display().to_string()
}

#[test]
fn build_folder_mirrors_tree_and_exits_zero() {
    let tmp = tempfile::tempdir().unwrap();
    copy_fixture("scraped-zh.md", &tmp.path().join("reports/zh.md"));
    copy_fixture("plain-en.md", &tmp.path().join("reports/sub/en.markdown"));
    std::fs::write(tmp.path().join("reports/notes.txt"), "not markdown").unwrap();

    let out = folio(tmp.path(), &["build", "reports", "--fonts", &fonts_arg()]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    for file in ["zh.pdf", "zh.slides.pdf", "sub/en.pdf", "sub/en.slides.pdf"] {
        let path = tmp.path().join("output").join(file);
        let bytes = std::fs::read(&path).unwrap_or_else(|_| panic!("{file} not written"));
        assert!(bytes.starts_with(b"%PDF-"), "{file} is not a PDF");
    }
    assert!(!tmp.path().join("output/notes.pdf").exists());
    assert!(stderr(&out).contains("converted 2 of 2"), "stderr: {}", stderr(&out));
}

#[test]
fn a_failing_input_is_named_and_the_others_still_convert() {
    let tmp = tempfile::tempdir().unwrap();
    copy_fixture("scraped-zh.md", &tmp.path().join("good.md"));
    copy_fixture("bad-front-matter.md", &tmp.path().join("bad.md"));
    copy_fixture("not-utf8.md", &tmp.path().join("binary.md"));

    let out =
        folio(tmp.path(), &["build", "good.md", "bad.md", "binary.md", "missing.md", "-o", "out"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("bad.md:3: invalid YAML front matter"), "stderr: {err}");
    assert!(
        err.contains("binary.md:3: not UTF-8 text (first bad byte at offset 10)"),
        "stderr: {err}"
    );
    assert!(err.contains("missing.md: No such file"), "stderr: {err}");
    assert!(err.contains("converted 1 of 4"), "stderr: {err}");
    assert!(tmp.path().join("out/good.pdf").exists());
    assert!(tmp.path().join("out/good.slides.pdf").exists());
    let mut written: Vec<String> = std::fs::read_dir(tmp.path().join("out"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let expected = ["folio-manifest.json", "good.pdf", "good.slides.pdf", "good.slides.pdfpc"];
    assert_eq!(written, expected, "only the good report's outputs, no temporary files");
}

#[test]
fn only_and_emit_typst_choose_the_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    copy_fixture("plain-en.md", &tmp.path().join("memo.md"));
    let out = folio(tmp.path(), &["build", "memo.md", "--only", "slides", "--emit-typst", "-q"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert!(tmp.path().join("output/memo.slides.pdf").exists());
    assert!(tmp.path().join("output/memo.slides.typ").exists());
    assert!(!tmp.path().join("output/memo.pdf").exists());
    assert!(!tmp.path().join("output/memo.typ").exists());
    assert_eq!(stderr(&out), "", "--quiet prints nothing on success");
}

#[test]
fn usage_errors_exit_two() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(folio(tmp.path(), &["build"]).status.code(), Some(2));
    assert_eq!(folio(tmp.path(), &["build", "x.md", "--only", "pdf"]).status.code(), Some(2));
    assert_eq!(folio(tmp.path(), &["convert"]).status.code(), Some(2));
}

#[test]
fn missing_cjk_font_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    copy_fixture("plain-en.md", &tmp.path().join("memo.md"));
    std::fs::create_dir(tmp.path().join("nofonts")).unwrap();
    let out = folio(tmp.path(), &["build", "memo.md", "--no-bundled-fonts", "--fonts", "nofonts"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("font family \"Noto Sans SC\" (Regular) not found"), "stderr: {err}");
    assert!(err.contains("nofonts"), "names the folder searched: {err}");
    assert!(!tmp.path().join("output/memo.pdf").exists());
}

#[test]
fn images_beside_the_report_are_embedded_and_missing_ones_warn() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rep");
    std::fs::create_dir(&dir).unwrap();
    for name in ["report.md", "chart.png"] {
        std::fs::copy(common::fixture("with-image").join(name), dir.join(name)).unwrap();
    }
    let out = folio(tmp.path(), &["build", "rep", "--only", "report"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("report.md:7: image not found: nowhere.png (no such file)"),
        "stderr: {err}"
    );
    let pdf = lopdf::Document::load(tmp.path().join("output/report.pdf")).unwrap();
    assert_eq!(pdf_images(&pdf).len(), 1, "the chart is embedded once");
}

#[test]
fn byte_order_mark_and_crlf_are_handled_silently() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("win.md"), "\u{feff}# 标题\r\n\r\n第一段\r\n接着。\r\n")
        .unwrap();
    let out = folio(tmp.path(), &["build", "win.md", "--only", "report", "--emit-typst"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let typst = std::fs::read_to_string(tmp.path().join("output/win.typ")).unwrap();
    assert!(typst.contains("title: \"标题\""), "{typst}");
    assert!(typst.contains("第一段接着。"), "{typst}");
}

/// Every image kind a report may carry: native formats pass through, BMP and TIFF are
/// re-encoded, a huge picture is scaled down, and corrupt, remote, missing or escaping
/// ones become placeholders with a warning each; the report still converts.
#[test]
fn images_of_every_kind_convert_or_become_placeholders() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rep");
    std::fs::create_dir(&dir).unwrap();
    // Different pixels in each, so the PDF cannot merge them into one image.
    for (i, name) in ["a.png", "b.bmp", "c.tiff", "my chart.jpg"].iter().enumerate() {
        let picture =
            image::RgbImage::from_fn(40, 20, |x, _| image::Rgb([x as u8 * 6, 60 * i as u8, 160]));
        picture.save(dir.join(name)).unwrap();
    }
    image::RgbImage::new(4000, 100).save(dir.join("huge.png")).unwrap();
    std::fs::write(dir.join("broken.png"), b"\x89PNG\r\n\x1a\nnot really").unwrap();
    std::fs::write(dir.join("d.svg"), r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>"#).unwrap();
    let report = "# Pictures\n\n![png](a.png)\n\n![bmp](b.bmp) ![tiff](c.tiff) ![svg](d.svg)\n\n![spaced](my%20chart.jpg)\n\n![huge](huge.png)\n\n![broken](broken.png)\n\n![remote](https://example.com/x.png)\n\n![escape](../secret.png)\n";
    std::fs::write(dir.join("report.md"), report).unwrap();
    std::fs::write(tmp.path().join("secret.png"), b"").unwrap();

    let out = folio(tmp.path(), &["build", "rep/report.md", "--only", "report"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let err = stderr(&out);
    for expected in [
        "report.md:11: image not found: broken.png",
        "report.md:13: 1 remote picture not fetched; pass --fetch-images to download them",
        "report.md:15: image not found: ../secret.png (outside the report's folder)",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in: {err}");
    }
    assert_eq!(err.matches("image not found").count(), 2, "{err}");
    let pdf = lopdf::Document::load(tmp.path().join("output/report.pdf")).unwrap();
    let widths: Vec<i64> = pdf_images(&pdf)
        .iter()
        .filter_map(|s| s.dict.get(b"Width").and_then(|w| w.as_i64()).ok())
        .collect();
    assert_eq!(widths.iter().filter(|w| **w == 40).count(), 4, "png, bmp, tiff, jpg: {widths:?}");
    assert!(widths.contains(&3000), "huge picture scaled to 3000 px: {widths:?}");
    let text =
        common::pdf_text_compact(&std::fs::read(tmp.path().join("output/report.pdf")).unwrap());
    // A remote picture's placeholder shows its description and host (issue 15).
    assert!(
        text.contains("Picture:remote•example.com") && !text.contains("x.png"),
        "placeholder shows alt and host: {text}"
    );
}

#[test]
fn an_oversized_report_fails_at_once_naming_the_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let paragraph = "这是一个用于测试输入大小上限的段落。".repeat(100);
    std::fs::write(tmp.path().join("big.md"), format!("# 大\n\n{paragraph}\n").repeat(50)).unwrap();
    copy_fixture("plain-en.md", &tmp.path().join("small.md"));
    let out = folio(tmp.path(), &["build", "big.md", "small.md", "--max-input-mb", "0.1"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("big.md: 0.3 MB is over the 0.1 MB limit for one report"),
        "stderr: {err}"
    );
    assert!(tmp.path().join("output/small.pdf").exists());
    assert!(!tmp.path().join("output/big.pdf").exists());
}

fn pdf_pages(path: &Path) -> Vec<(f64, f64)> {
    let pdf = lopdf::Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    pdf.get_pages()
        .values()
        .map(|id| {
            let page = pdf.get_dictionary(*id).unwrap();
            let media = page.get(b"MediaBox").unwrap().as_array().unwrap();
            let number = |o: &lopdf::Object| {
                o.as_float().map(f64::from).or_else(|_| o.as_i64().map(|i| i as f64)).unwrap()
            };
            (number(&media[2]) - number(&media[0]), number(&media[3]) - number(&media[1]))
        })
        .collect()
}

#[test]
fn notes_pages_handout_aspect_and_dividers() {
    let tmp = tempfile::tempdir().unwrap();
    copy_fixture("scraped-zh.md", &tmp.path().join("zh.md"));
    let args = [
        "build",
        "zh.md",
        "--only",
        "slides",
        "--notes-pages",
        "--handout",
        "4",
        "--aspect",
        "4:3",
    ];
    let out = folio(tmp.path(), &args);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let slides = pdf_pages(&tmp.path().join("output/zh.slides.pdf"));
    for (w, h) in &slides {
        assert!((w / h - 4.0 / 3.0).abs() < 0.01, "4:3 slides, got {w} x {h}");
    }
    let notes = pdf_pages(&tmp.path().join("output/zh.notes.pdf"));
    assert_eq!(notes.len(), slides.len(), "one notes page per slide");
    let handout = pdf_pages(&tmp.path().join("output/zh.handout.pdf"));
    assert_eq!(handout.len(), slides.len().div_ceil(4), "four slides per handout page");
    assert!((handout[0].0 - 595.28).abs() < 1.0, "handouts are A4");
    let pdfpc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(tmp.path().join("output/zh.slides.pdfpc")).unwrap(),
    )
    .unwrap();
    assert_eq!(pdfpc["pages"].as_array().unwrap().len(), slides.len());

    let out = folio(
        tmp.path(),
        &["build", "zh.md", "--only", "slides", "--section-dividers", "-o", "div"],
    );
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let with_dividers = pdf_pages(&tmp.path().join("div/zh.slides.pdf")).len();
    assert_eq!(with_dividers, slides.len() + 2, "one divider per top-level section (two)");
}

#[test]
fn style_options_from_folio_toml_and_front_matter() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(common::fixture("with-image/chart.png"), tmp.path().join("logo.png")).unwrap();
    std::fs::write(
        tmp.path().join("folio.toml"),
        "theme = \"minimal\"\ncover = \"full\"\nlogo = \"logo.png\"\nconfidential = \"内部资料\"\norganisation = \"Folio 研究组\"\n",
    )
    .unwrap();
    copy_fixture("scraped-zh.md", &tmp.path().join("zh.md"));
    let out = folio(tmp.path(), &["build", "zh.md", "--only", "report", "--preview"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let pdf = std::fs::read(tmp.path().join("output/zh.pdf")).unwrap();
    let pages = pdf_pages(&tmp.path().join("output/zh.pdf"));
    assert_eq!(pages.len(), 2, "a cover page before the text");
    let text = common::pdf_text_compact(&pdf);
    assert!(
        text.contains("Folio研究组") && text.contains("内部资料"),
        "cover shows organisation and line"
    );
    let document = lopdf::Document::load_mem(&pdf).unwrap();
    assert_eq!(pdf_images(&document).len(), 1, "the logo is on the cover");
    for png in ["zh.page1.png", "zh.contact.png"] {
        let bytes = std::fs::read(tmp.path().join("output").join(png)).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"), "{png} is a PNG");
    }

    // Front matter wins over folio.toml; a bad value there costs only that option, with a
    // warning naming it and its line (issue 17), and the report converts.
    let report = std::fs::read_to_string(common::fixture("plain-en.md")).unwrap();
    std::fs::write(
        tmp.path().join("bad.md"),
        report.replacen("---\n", "---\nbrand-colour: blue\n", 1),
    )
    .unwrap();
    let out = folio(tmp.path(), &["build", "bad.md", "zh.md", "--only", "report", "-o", "two"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("bad.md:2: front matter brand-colour: \"blue\" is not a colour"),
        "{}",
        stderr(&out)
    );
    assert!(tmp.path().join("two/zh.pdf").exists());
    assert!(tmp.path().join("two/bad.pdf").exists());
}

#[test]
fn same_input_gives_identical_bytes_and_pdf_a_is_declared() {
    let tmp = tempfile::tempdir().unwrap();
    copy_fixture("scraped-zh.md", &tmp.path().join("zh.md"));
    for dir in ["a", "b"] {
        let out = folio(tmp.path(), &["build", "zh.md", "-o", dir]);
        assert!(out.status.success(), "stderr: {}", stderr(&out));
    }
    for file in ["zh.pdf", "zh.slides.pdf"] {
        let a = std::fs::read(tmp.path().join("a").join(file)).unwrap();
        let b = std::fs::read(tmp.path().join("b").join(file)).unwrap();
        assert!(a == b, "{file} differs between two runs");
    }
    let out = folio(
        tmp.path(),
        &["build", "zh.md", "-o", "pdfa", "--only", "report", "--pdf-standard", "a-2b"],
    );
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let pdf = std::fs::read(tmp.path().join("pdfa/zh.pdf")).unwrap();
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("<pdfaid:part>2</pdfaid:part>"), "PDF/A-2 identification in the XMP");
}

#[test]
fn themes_listed_and_templates_exported_and_overridden() {
    let tmp = tempfile::tempdir().unwrap();
    let out = folio(tmp.path(), &["themes"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "corporate\nminimal\n");
    let out = folio(tmp.path(), &["templates", "export", "tpl"]);
    assert!(out.status.success());
    let theme = tmp.path().join("tpl/themes/corporate.toml");
    let text = std::fs::read_to_string(&theme).unwrap();
    std::fs::write(&theme, text.replace("[text]\nsize = 10.5", "[text]\nsize = 14.0")).unwrap();
    let report = tmp.path().join("tpl/lib/report.typ");
    assert!(report.exists());
    std::fs::write(tmp.path().join("r.md"), "# T\n\nSome text.\n").unwrap();
    let out = folio(
        tmp.path(),
        &["build", "r.md", "--only", "report", "--templates", "tpl", "--emit-typst"],
    );
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let default = folio(tmp.path(), &["build", "r.md", "--only", "report", "-o", "plain"]);
    assert!(default.status.success());
    let changed = std::fs::read(tmp.path().join("output/r.pdf")).unwrap();
    let plain = std::fs::read(tmp.path().join("plain/r.pdf")).unwrap();
    assert!(changed != plain, "the overridden theme changes the output");
}

#[test]
fn globs_duplicate_stems_jobs_and_shards() {
    let tmp = tempfile::tempdir().unwrap();
    for dir in ["a", "b"] {
        copy_fixture("plain-en.md", &tmp.path().join(dir).join("report.md"));
    }
    copy_fixture("scraped-zh.md", &tmp.path().join("a/zh.md"));
    let out =
        folio(tmp.path(), &["build", "a/report.md", "b/report.md", "-j", "1", "--only", "report"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert!(
        tmp.path().join("output/a/report.pdf").exists()
            && tmp.path().join("output/b/report.pdf").exists()
    );

    let out = folio(tmp.path(), &["build", "*/*.md", "--only", "report", "-o", "globbed"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert!(stderr(&out).contains("converted 3 of 3"), "{}", stderr(&out));

    // Shards split the inputs without overlap, whatever the order they are given in.
    let mut seen = Vec::new();
    for shard in ["1/2", "2/2"] {
        let dir = format!("shard{}", &shard[..1]);
        let out = folio(
            tmp.path(),
            &["build", "b", "a", "--only", "report", "--shard", shard, "-o", &dir],
        );
        assert!(out.status.success(), "stderr: {}", stderr(&out));
        let listing = |d: &str| walk(&tmp.path().join(d));
        seen.extend(listing(&dir).into_iter().filter(|name| name.ends_with(".pdf")));
    }
    seen.sort();
    assert_eq!(seen, ["report.pdf", "report.pdf", "zh.pdf"], "every input in exactly one shard");
    assert_eq!(folio(tmp.path(), &["build", "a", "--shard", "3/2"]).status.code(), Some(2));
}

/// File names under `dir`, recursively.
fn walk(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.path().is_dir() {
            names.extend(walk(&entry.path()));
        } else {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names
}

#[test]
fn second_run_skips_up_to_date_reports_and_manifests_merge() {
    let tmp = tempfile::tempdir().unwrap();
    copy_fixture("scraped-zh.md", &tmp.path().join("in/zh.md"));
    copy_fixture("plain-en.md", &tmp.path().join("in/en.md"));
    let out = folio(tmp.path(), &["build", "in"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(tmp.path().join("output/folio-manifest.json")).unwrap(),
    )
    .unwrap();
    let entry = &manifest["documents"]["in/zh.md"];
    assert_eq!(entry["outputs"].as_array().unwrap().len(), 3, "{entry}");
    assert!(entry["pages"].as_u64().unwrap() > 0 && entry["error"].is_null());

    let out = folio(tmp.path(), &["build", "in"]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("converted 0 of 0 report(s)")
            && stderr(&out).contains("2 up to date"),
        "{}",
        stderr(&out)
    );

    // A changed input (or --force) converts again.
    std::fs::write(tmp.path().join("in/en.md"), "# Changed\n\nNew text.\n").unwrap();
    let out = folio(tmp.path(), &["build", "in"]);
    assert!(
        stderr(&out).contains("converted 1 of 1") && stderr(&out).contains("1 up to date"),
        "{}",
        stderr(&out)
    );
    let out = folio(tmp.path(), &["build", "in", "--force"]);
    assert!(stderr(&out).contains("converted 2 of 2"), "{}", stderr(&out));

    // Shards write their own manifests; merged, they cover every input.
    for shard in ["1/2", "2/2"] {
        let manifest = format!("m{}.json", &shard[..1]);
        let out = folio(
            tmp.path(),
            &["build", "in", "--shard", shard, "-o", "sharded", "--manifest", &manifest],
        );
        assert!(out.status.success(), "stderr: {}", stderr(&out));
    }
    let out = folio(tmp.path(), &["manifest", "merge", "all.json", "m1.json", "m2.json"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let merged: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("all.json")).unwrap())
            .unwrap();
    assert_eq!(merged["documents"].as_object().unwrap().len(), 2);
}

/// `folio watch` converts at once, then again when the report changes.
#[test]
fn watch_rebuilds_when_the_report_changes() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("in")).unwrap();
    std::fs::write(tmp.path().join("in/r.md"), "# First\n\nVersion one.\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .current_dir(tmp.path())
        .args(["watch", "in", "--only", "report", "--emit-typst"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let typ = tmp.path().join("output/r.typ");
    let wait_for = |needle: &str| {
        for _ in 0..200 {
            if std::fs::read_to_string(&typ).is_ok_and(|t| t.contains(needle)) {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        false
    };
    let first = wait_for("Version one");
    std::fs::write(tmp.path().join("in/r.md"), "# Second\n\nVersion two.\n").unwrap();
    let second = wait_for("Version two");
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(first, "first build written");
    assert!(second, "rebuilt after the change");
}

/// Report text can read nothing outside its folder: a logo named in front matter
/// pointing out of it is left out with a warning.
#[test]
fn a_front_matter_logo_outside_the_report_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(common::fixture("with-image/chart.png"), tmp.path().join("secret.png")).unwrap();
    std::fs::create_dir(tmp.path().join("rep")).unwrap();
    std::fs::write(
        tmp.path().join("rep/r.md"),
        "---\nlogo: ../secret.png\ncover: full\n---\n# T\n\nText.\n",
    )
    .unwrap();
    let out = folio(tmp.path(), &["build", "rep/r.md", "--only", "report"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert!(
        stderr(&out).contains("logo ../secret.png: outside the report's folder"),
        "{}",
        stderr(&out)
    );
    let pdf = lopdf::Document::load(tmp.path().join("output/r.pdf")).unwrap();
    assert_eq!(pdf_images(&pdf).len(), 0);
}

/// A folio.toml that came with the reports is as untrusted as their front matter: its
/// logo may come only from its own folder. The current folder's folio.toml is the user's
/// own, and its logo may be anywhere.
#[test]
fn a_logo_named_by_a_folio_toml_beside_the_reports_stays_in_its_folder() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(common::fixture("with-image/chart.png"), tmp.path().join("secret.png")).unwrap();
    let inbox = tmp.path().join("work/inbox/sub");
    std::fs::create_dir_all(&inbox).unwrap();
    std::fs::write(inbox.join("folio.toml"), "logo = \"../../../secret.png\"\ncover = \"full\"\n")
        .unwrap();
    std::fs::write(inbox.join("r.md"), "# T\n\nText.\n").unwrap();
    let work = tmp.path().join("work");
    let out = folio(&work, &["build", "inbox", "--only", "report"]);
    let err = stderr(&out);
    assert!(out.status.success(), "stderr: {err}");
    assert!(err.contains("outside the folder of the folio.toml that names it"), "{err}");
    let pdf = lopdf::Document::load(work.join("output/sub/r.pdf")).unwrap();
    assert_eq!(pdf_images(&pdf).len(), 0);

    // The same logo named by the folio.toml of the folder Folio runs in is placed.
    std::fs::remove_file(inbox.join("folio.toml")).unwrap();
    std::fs::write(work.join("folio.toml"), "logo = \"../secret.png\"\ncover = \"full\"\n")
        .unwrap();
    let out = folio(&work, &["build", "inbox", "--only", "report", "--force"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let pdf = lopdf::Document::load(work.join("output/sub/r.pdf")).unwrap();
    assert_eq!(pdf_images(&pdf).len(), 1);
}

/// A report whose typesetting never ends is stopped after `--timeout`, reported with the
/// reason, and leaves nothing behind, while the other reports of the run convert. The
/// hang is real: a template override puts JavaScript that Typst's highlighter never
/// finishes (issue #8's minimal case) into the report titled "Hang" only.
#[test]
fn a_report_that_hangs_is_stopped_after_the_timeout_and_the_rest_convert() {
    let tmp = tempfile::tempdir().unwrap();
    let template = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/report.typ.j2"),
    )
    .unwrap();
    let hang = "{% if meta.title == \"Hang\" %}\n\
                #raw(\"  return x\\n  /*\", lang: \"js\", block: true)\n{% endif %}\n";
    std::fs::create_dir_all(tmp.path().join("tpl")).unwrap();
    std::fs::write(tmp.path().join("tpl/report.typ.j2"), format!("{template}\n{hang}")).unwrap();
    let reports = tmp.path().join("in");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::write(reports.join("hang.md"), "# Hang\n\nNever finishes.\n").unwrap();
    for name in ["a", "b", "c"] {
        std::fs::write(reports.join(format!("{name}.md")), format!("# Report {name}\n\nText.\n"))
            .unwrap();
    }
    let start = std::time::Instant::now();
    let out = folio(
        tmp.path(),
        &["build", "in", "--templates", "tpl", "--only", "report", "--timeout", "5", "-j", "2"],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert!(err.contains("hang.md: stopped after 5 s"), "stderr: {err}");
    assert!(err.contains("converted 3 of 4"), "stderr: {err}");
    // Generous: the point is that the run ends, not how fast the machine is.
    assert!(start.elapsed() < std::time::Duration::from_secs(120));
    let written = walk(&tmp.path().join("output"));
    for name in ["a", "b", "c"] {
        assert!(written.contains(&format!("{name}.pdf")), "{written:?}");
    }
    assert!(!written.iter().any(|f| f.starts_with("hang")), "{written:?}");
    assert!(!written.iter().any(|f| f.starts_with(".folio-")), "left behind: {written:?}");
}
