//! Remote pictures (issue 15): fetched only when asked, from a real HTTP server on
//! 127.0.0.1 (hence `--allow-private-hosts`), cached, bounded; every failure a placeholder
//! and a warning naming file, line, URL and reason, with exit code 0. Without
//! `--fetch-images` no request is made at all.

use crate::common::{folio, pdf_text_compact, stderr};
use crate::picture_server::{Answer, PictureServer};
use image::{ImageFormat, RgbImage};
use std::path::Path;
use std::time::Duration;

/// A picture `width` × `height` in `format`, so each can be found in a PDF by its size.
fn picture(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
    let picture =
        RgbImage::from_fn(width, height, |x, y| image::Rgb([x as u8 * 5, y as u8 * 3, 90]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    picture.write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}

const BADGE_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="90" height="20"><rect width="90" height="20" rx="3" fill="#4c1"/></svg>"##;

/// The distinct widths of the image XObjects of the PDF at `path`.
fn image_widths(path: &Path) -> Vec<i64> {
    let mut widths = crate::common::image_widths(path);
    widths.sort();
    widths.dedup();
    widths
}

/// A folder with `report.md` holding `markdown`.
fn report(markdown: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("report.md"), markdown).unwrap();
    tmp
}

/// Builds `report.md` in `dir` with `args` (the print briefing only), its cache in
/// `dir/cache`.
fn build(dir: &Path, args: &[&str]) -> std::process::Output {
    let base = ["build", "report.md", "--only", "report", "--cache-dir", "cache"];
    folio(dir, &[&base[..], args].concat())
}

fn manifest(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("output/folio-manifest.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The manifest's record of the report's remote pictures: (url, source or failure).
fn recorded_pictures(dir: &Path) -> Vec<(String, String)> {
    let manifest = manifest(dir);
    let pictures = manifest["documents"]["report.md"]["pictures"].as_array().cloned();
    let record = |p: &serde_json::Value| {
        let url = p["url"].as_str().unwrap_or_default().to_string();
        let source = p["source"].as_str().or(p["failed"].as_str()).unwrap_or_default();
        (url, source.to_string())
    };
    pictures.unwrap_or_default().iter().map(record).collect()
}

fn serve_pictures(server: &PictureServer) {
    server.set("/shot.png", Answer::ok("image/png", picture(37, 23, ImageFormat::Png)));
    server.set("/photo.jpg", Answer::ok("image/jpeg", picture(31, 17, ImageFormat::Jpeg)));
    server.set("/photo.webp", Answer::ok("image/webp", picture(29, 13, ImageFormat::WebP)));
    server.set("/flow.svg", Answer::ok("image/svg+xml", BADGE_SVG.as_bytes().to_vec()));
    server.set("/hop1", Answer::redirect("/hop2"));
    server.set("/hop2", Answer::redirect(&server.url("/end.png")));
    server.set("/end.png", Answer::ok("image/png", picture(41, 19, ImageFormat::Png)));
    let slow = Answer {
        delay: Duration::from_secs(4),
        ..Answer::ok("image/png", picture(5, 5, ImageFormat::Png))
    };
    server.set("/slow.png", slow);
    let mut huge = picture(43, 11, ImageFormat::Png);
    huge.resize(1_500_000, 0);
    server.set("/huge.png", Answer { hide_length: true, ..Answer::ok("image/png", huge) });
    let page = b"<!DOCTYPE html><html><body>Sign in</body></html>".to_vec();
    server.set("/page.png", Answer::ok("image/png", page));
    server.set("/escape.png", Answer::redirect("file:///etc/passwd"));
}

/// Every kind of picture a README links, and every way a download can fail.
fn every_case(server: &PictureServer) -> String {
    let url = |path| server.url(path);
    format!(
        "# Remote\n\nAlphaStart.\n\n![shot]({})\n\n![photo]({})\n\n![webp]({})\n\n\
         ![flow diagram]({})\n\n![chain]({})\n\n![missing]({})\n\n![slow]({})\n\n\
         ![huge]({})\n\n![page]({})\n\n![escape]({})\n\nOmegaEnd.\n",
        url("/shot.png"),
        url("/photo.jpg"),
        url("/photo.webp"),
        url("/flow.svg"),
        url("/hop1"),
        url("/missing.png"),
        url("/slow.png"),
        url("/huge.png"),
        url("/page.png"),
        url("/escape.png"),
    )
}

#[test]
fn fetched_pictures_are_shown_and_each_failure_is_a_placeholder_with_a_warning() {
    let server = PictureServer::start();
    serve_pictures(&server);
    let tmp = report(&every_case(&server));
    let limits = ["--fetch-timeout", "1", "--max-download-mb", "1"];
    let out =
        build(tmp.path(), &[&["--fetch-images", "--allow-private-hosts"], &limits[..]].concat());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    // PNG, JPEG, WebP and the end of the redirect chain are in the PDF.
    let widths = image_widths(&tmp.path().join("output/report.pdf"));
    for width in [29, 31, 37, 41] {
        assert!(widths.contains(&width), "no {width} px wide picture in {widths:?}: {err}");
    }
    let failures = [
        (15, "/missing.png", "the server answered 404"),
        (17, "/slow.png", "time limit"),
        (19, "/huge.png", "larger than the limit of 1 MB"),
        (21, "/page.png", "not a picture: the server sent an HTML page"),
        (23, "/escape.png", "only http and https"),
    ];
    for (line, path, reason) in failures {
        let expected =
            format!("warning: report.md:{line}: image not fetched: {} (", server.url(path));
        let warning = err.lines().find(|l| l.starts_with(&expected));
        assert!(warning.is_some_and(|w| w.contains(reason)), "no {expected}…{reason} in:\n{err}");
    }
    assert_eq!(err.matches("warning:").count(), failures.len(), "{err}");
    let text = pdf_text_compact(&std::fs::read(tmp.path().join("output/report.pdf")).unwrap());
    assert!(text.contains("AlphaStart.") && text.contains("OmegaEnd."), "{text}");
    // Placeholders show the description and host, not the address.
    assert!(text.contains("Picture:missing•127.0.0.1"), "{text}");
    assert!(!text.contains("Picture:flowdiagram") && !text.contains("/missing.png"), "{text}");
    let recorded = recorded_pictures(tmp.path());
    let fetched = recorded.iter().filter(|(_, s)| s == "network").count();
    assert_eq!((recorded.len(), fetched), (10, 5), "{recorded:?}");
}

#[test]
fn without_fetch_images_no_request_is_made() {
    let server = PictureServer::start();
    serve_pictures(&server);
    let tmp = report(&every_case(&server));
    let out = build(tmp.path(), &["--allow-private-hosts"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(server.connections(), 0, "{:?}", server.requests());
    let summary = "warning: report.md:5: 10 remote pictures not fetched; pass --fetch-images to \
                   download them";
    assert_eq!(err.lines().filter(|l| l.starts_with("warning:")).collect::<Vec<_>>(), [summary]);
    let text = pdf_text_compact(&std::fs::read(tmp.path().join("output/report.pdf")).unwrap());
    assert!(text.contains("Picture:shot•127.0.0.1") && !text.contains("/shot.png"), "{text}");
    // -v lists them, one line each.
    let out = build(tmp.path(), &["--force", "-v"]);
    let listed =
        format!("warning: report.md:7: remote picture not fetched: {}", server.url("/photo.jpg"));
    assert!(stderr(&out).contains(&listed), "{}", stderr(&out));
    assert_eq!(server.connections(), 0);
}

#[test]
fn a_loopback_host_is_refused_without_allow_private_hosts() {
    let server = PictureServer::start();
    serve_pictures(&server);
    let tmp = report(&format!("# R\n\n![shot]({})\n", server.url("/shot.png")));
    let out = build(tmp.path(), &["--fetch-images"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(server.connections(), 0);
    let expected = format!(
        "warning: report.md:3: image not fetched: {} (127.0.0.1 is a private or local \
         address; pass --allow-private-hosts to allow it)",
        server.url("/shot.png")
    );
    assert!(err.contains(&expected), "{err}");
}

#[test]
fn a_second_run_uses_the_cache_and_offline_needs_no_server() {
    let server = PictureServer::start();
    serve_pictures(&server);
    // Asked for by the front matter this time, not the flag.
    let markdown = format!(
        "---\nfetch-images: true\n---\n# R\n\n![shot]({})\n\n![photo]({})\n",
        server.url("/shot.png"),
        server.url("/photo.jpg")
    );
    let tmp = report(&markdown);
    let out = build(tmp.path(), &["--allow-private-hosts"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut requests = server.requests();
    requests.sort();
    assert_eq!(requests, ["/photo.jpg", "/shot.png"]);
    let sources = |dir| recorded_pictures(dir).into_iter().map(|(_, s)| s).collect::<Vec<_>>();
    assert_eq!(sources(tmp.path()), ["network", "network"]);
    let out = build(tmp.path(), &["--allow-private-hosts", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(server.requests().len(), 2, "the cache served the second run");
    assert_eq!(sources(tmp.path()), ["cache", "cache"]);
    drop(server);
    std::fs::remove_dir_all(tmp.path().join("output")).unwrap();
    // --offline alone takes the pictures from the cache, with no server, for a report
    // that does not ask for them itself.
    let plain = markdown.replace("---\nfetch-images: true\n---\n", "");
    std::fs::write(tmp.path().join("report.md"), plain).unwrap();
    let out = build(tmp.path(), &["--offline"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("warning:"), "{err}");
    assert_eq!(image_widths(&tmp.path().join("output/report.pdf")), [31, 37]);
    // Offline, a picture never fetched is a placeholder with its reason.
    std::fs::remove_dir_all(tmp.path().join("cache")).unwrap();
    let out = build(tmp.path(), &["--offline", "--force"]);
    assert!(stderr(&out).contains("not in the picture cache, and --offline"), "{}", stderr(&out));
}

/// Pretends the cached copies were last confirmed a day and more ago.
fn age_cache(cache: &Path) {
    for entry in std::fs::read_dir(cache).unwrap().flatten() {
        if entry.path().extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let mut facts: serde_json::Value = serde_json::from_str(&text).unwrap();
            facts["checked_at"] = 0.into();
            std::fs::write(entry.path(), facts.to_string()).unwrap();
        }
    }
}

#[test]
fn a_changed_picture_converts_the_report_again_after_revalidation() {
    let server = PictureServer::start();
    serve_pictures(&server);
    let tmp = report(&format!("# R\n\n![shot]({})\n", server.url("/shot.png")));
    let args = ["--fetch-images", "--allow-private-hosts"];
    assert_eq!(build(tmp.path(), &args).status.code(), Some(0));
    let out = build(tmp.path(), &args);
    assert!(stderr(&out).contains("1 up to date"), "{}", stderr(&out));
    // A stale copy is revalidated: unchanged (304), the report stays up to date.
    age_cache(&tmp.path().join("cache"));
    let out = build(tmp.path(), &args);
    assert!(stderr(&out).contains("1 up to date"), "{}", stderr(&out));
    assert_eq!(server.requests().last().map(String::as_str), Some("/shot.png (revalidated)"));
    // Changed on the server: downloaded again, and the report converted again with it.
    server.set("/shot.png", Answer::ok("image/png", picture(47, 23, ImageFormat::Png)));
    age_cache(&tmp.path().join("cache"));
    let out = build(tmp.path(), &args);
    assert!(stderr(&out).contains("converted 1 of 1"), "{}", stderr(&out));
    assert_eq!(image_widths(&tmp.path().join("output/report.pdf")), [47]);
}

/// Issue 15: a badge row anywhere, not only under the title, is chips in print and left off
/// the slides; it is not counted among the pictures not fetched, and none is requested.
#[test]
fn badge_rows_anywhere_are_chips_and_other_pictures_show_their_host() {
    let tmp = report(
        "# Lumen\n\nIntro text here.\n\n## Introduction\n\n\
         [![Python Version](https://img.shields.io/pypi/pyversions/lumen)](https://pypi.org/p/lumen) \
         ![build](https://github.com/o/lumen/actions/workflows/ci.yml/badge.svg) \
         [![Downloads](https://pepy.tech/badge/lumen)](https://pepy.tech/project/lumen)\n\n\
         Body text of the introduction.\n\n![架构图](https://github.com/o/lumen/raw/main/arch.png)\n",
    );
    let out = folio(tmp.path(), &["build", "report.md"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    let expected = "warning: report.md:11: 1 remote picture not fetched; pass --fetch-images to \
                    download them";
    assert_eq!(warnings, [expected]);
    let print = pdf_text_compact(&std::fs::read(tmp.path().join("output/report.pdf")).unwrap());
    let slides =
        pdf_text_compact(&std::fs::read(tmp.path().join("output/report.slides.pdf")).unwrap());
    for chip in ["PythonVersion", "build", "Downloads"] {
        assert!(print.contains(chip), "no chip {chip} in print: {print}");
        assert!(!slides.contains(chip), "{chip} on a slide: {slides}");
    }
    assert!(!print.contains("shields.io") && !slides.contains("shields.io"), "{print}\n{slides}");
    assert!(print.contains("Picture:架构图•github.com"), "{print}");
    assert!(!print.contains("arch.png"), "{print}");
}

/// Downloads run at most `--parallel-downloads` at once, and a report's downloads stop
/// when its time limit runs out: the pictures left are placeholders with the reason.
#[test]
fn downloads_are_bounded_in_number_and_in_time_per_report() {
    let server = PictureServer::start();
    let mut markdown = String::from("# R\n");
    for i in 0..6 {
        let slow = Answer {
            delay: Duration::from_millis(400),
            ..Answer::ok("image/png", picture(20 + i, 9, ImageFormat::Png))
        };
        server.set(&format!("/p{i}.png"), slow);
        markdown.push_str(&format!("\n![p{i}]({})\n", server.url(&format!("/p{i}.png"))));
    }
    let tmp = report(&markdown);
    let fetch = ["--fetch-images", "--allow-private-hosts", "--parallel-downloads", "2"];
    let out = build(tmp.path(), &fetch);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(server.requests().len(), 6);
    assert_eq!(server.most_at_once(), 2, "{:?}", server.requests());
    assert_eq!(image_widths(&tmp.path().join("output/report.pdf")), [20, 21, 22, 23, 24, 25]);
    // One at a time, 0.4 s each, within 1 s: one to three arrive, the rest are refused.
    std::fs::remove_dir_all(tmp.path().join("cache")).unwrap();
    let limited = ["--parallel-downloads", "1", "--fetch-report-timeout", "1", "--force"];
    let out = build(tmp.path(), &[&fetch[..2], &limited[..]].concat());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let ran_out = err.matches("(the report's download time of 1 s ran out)").count()
        + err.matches("within the time limit").count();
    assert!((3..=5).contains(&ran_out), "{err}");
}

/// A redirect chain longer than `--max-redirects` is a placeholder, its reason said.
#[test]
fn redirects_past_the_limit_are_refused() {
    let server = PictureServer::start();
    serve_pictures(&server);
    let tmp = report(&format!("# R\n\n![chain]({})\n", server.url("/hop1")));
    let args = ["--fetch-images", "--allow-private-hosts", "--max-redirects", "1"];
    let out = build(tmp.path(), &args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let expected = format!(
        "warning: report.md:3: image not fetched: {} (too many redirects (the limit is 1))",
        server.url("/hop1")
    );
    assert!(err.contains(&expected), "{err}");
    assert_eq!(server.requests(), ["/hop1", "/hop2"]);
}

/// `fetch-images = true` in folio.toml asks for the pictures of the reports it applies to.
#[test]
fn folio_toml_may_ask_for_remote_pictures() {
    let server = PictureServer::start();
    serve_pictures(&server);
    let tmp = report(&format!("# R\n\n![shot]({})\n", server.url("/shot.png")));
    std::fs::write(tmp.path().join("folio.toml"), "fetch-images = true\n").unwrap();
    let out = build(tmp.path(), &["--allow-private-hosts"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(server.requests(), ["/shot.png"], "{err}");
    assert_eq!(image_widths(&tmp.path().join("output/report.pdf")), [37]);
}

/// A README as projects write them — a centred HTML logo, a badge row, a screenshot and a
/// diagram — converts with its pictures fetched in print and in the .pptx, its badges as
/// chips (never requested), and no warning.
#[test]
fn a_readme_converts_with_its_pictures_fetched_and_its_badges_as_chips() {
    let server = PictureServer::start();
    serve_pictures(&server);
    let readme = format!(
        "<p align=\"center\"><img src=\"{logo}\" alt=\"Lumen logo\" width=\"120\"></p>\n\n\
         <h1 align=\"center\">Lumen</h1>\n\n\
         [![CI](https://github.com/o/lumen/actions/workflows/ci.yml/badge.svg)](https://github.com/o/lumen/actions) \
         [![npm](https://img.shields.io/npm/v/lumen)](https://example.com/lumen)\n\n\
         ## 简介\n\nLumen 是一个示例项目。\n\n![截图]({shot})\n\n## Architecture\n\n\
         The pieces fit together like this:\n\n<img src=\"{diagram}\" alt=\"architecture\">\n",
        logo = server.url("/photo.webp"),
        shot = server.url("/shot.png"),
        diagram = server.url("/flow.svg"),
    );
    let tmp = report(&readme);
    let out = build(tmp.path(), &["--fetch-images", "--allow-private-hosts", "--pptx"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("warning:"), "{err}");
    let mut requests = server.requests();
    requests.sort();
    assert_eq!(requests, ["/flow.svg", "/photo.webp", "/shot.png"]);
    let pdf = tmp.path().join("output/report.pdf");
    assert_eq!(image_widths(&pdf), [29, 37], "the WebP logo and the PNG screenshot");
    let text = pdf_text_compact(&std::fs::read(&pdf).unwrap());
    assert!(text.contains("CI") && text.contains("npm") && !text.contains("shields"), "{text}");
    let pptx = std::fs::read(tmp.path().join("output/report.pptx")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(pptx)).unwrap();
    let names: Vec<String> =
        (0..archive.len()).map(|i| archive.by_index(i).unwrap().name().unwrap().into()).collect();
    let media = names.iter().filter(|n| n.starts_with("ppt/media/")).count();
    assert!(media >= 2, "pictures in the .pptx: {names:?}");
}

/// The placeholder of a remote picture is one of the writer's own calls: the code audit
/// accepts it, alone in its paragraph and inside text.
#[test]
fn remote_picture_placeholders_pass_the_code_audit() {
    let markdown = "# R\n\n![图](https://x.org/a.png)\n\nSee ![b](https://x.org/b.png) here.\n";
    assert_eq!(folio::render::audit::audit_report(markdown, None), Ok(()));
}
