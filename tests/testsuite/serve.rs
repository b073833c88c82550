//! `folio serve` over plain HTTP: what it refuses (paths outside the outputs, other
//! origins) and the converter page's uploads.

use crate::common::{fixture, pdf_text_compact};
use crate::webdriver::Served;
use std::io::{Read, Write};

/// The status line's code of a raw request for `path` (sent exactly as written, so no
/// client tidies `..` away), with extra header lines.
fn status_of(url: &str, path: &str, headers: &str) -> u16 {
    let address = url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(address).expect("connects");
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: {address}\r\n{headers}Connection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).expect("sent");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer)
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0)
}

fn one_report() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::copy(fixture("plain-en.md"), dir.path().join("memo.md")).expect("copied");
    dir
}

#[test]
fn only_rendered_outputs_and_the_app_s_assets_are_served() {
    let dir = one_report();
    let served = Served::start(dir.path(), &["memo.md"]);
    let url = &served.url;
    for path in ["/", "/r/0", "/r/0/state", "/r/0/slides/1.svg", "/assets/app.css"] {
        assert_eq!(status_of(url, path, ""), 200, "{path}");
    }
    for key in ["pdf", "slides.pdf", "slides.pdfpc"] {
        assert_eq!(status_of(url, &format!("/r/0/download/{key}"), ""), 200, "{key}");
    }
    // The .pptx is made when asked for: a zip with the deck's slides.
    let pptx = ureq::get(&format!("{url}r/0/download/pptx")).call().expect("the pptx");
    let disposition = pptx.header("Content-Disposition").unwrap_or_default().to_string();
    assert_eq!(disposition, "attachment; filename=\"memo.pptx\"; filename*=UTF-8''memo.pptx");
    let mut bytes = Vec::new();
    pptx.into_reader().read_to_end(&mut bytes).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    assert!(archive.by_name("ppt/slides/slide1.xml").is_ok(), "no first slide");
    for path in [
        "/../../etc/passwd",
        "/assets/../../etc/passwd",
        "/assets/..%2f..%2fetc%2fpasswd",
        "/r/0/download/../../../etc/passwd",
        "/r/0/report/..%2f..%2fmemo.md",
        "/memo.md",
        "/r/1",
        "/r/0/report/0.svg",
        "/r/-1/state",
        "/upload",
        "/u/0/pdf",
        "/etc/passwd",
    ] {
        assert_eq!(status_of(url, path, ""), 404, "{path}");
    }
    let other_site = "Origin: http://evil.example\r\n";
    assert_eq!(status_of(url, "/r/0/state", other_site), 403);
    let port = url.trim_end_matches('/').rsplit(':').next().unwrap();
    let rebound = format!("GET / HTTP/1.1\r\nHost: evil.example:{port}\r\n");
    let address = url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream.write_all(format!("{rebound}Connection: close\r\n\r\n").as_bytes()).unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
}

#[test]
fn an_upload_returns_a_valid_pdf_and_stays_its_own() {
    let dir = one_report();
    let served = Served::start(dir.path(), &["memo.md", "--allow-upload", "--max-upload-mb", "1"]);
    let url = served.url.trim_end_matches('/');
    let markdown = "# Upload check\n\nThe uploaded report says hello.\n\n## More\n\n- a point\n";
    let answer = ureq::post(&format!("{url}/upload"))
        .set("X-Folio-Name", "colleague.md")
        .send_bytes(markdown.as_bytes())
        .expect("converted");
    let value: serde_json::Value = serde_json::from_str(&answer.into_string().unwrap()).unwrap();
    let downloads = value["downloads"].as_array().expect("downloads").clone();
    let files: Vec<&str> = downloads.iter().filter_map(|d| d["file"].as_str()).collect();
    assert!(files.contains(&"colleague.pdf") && files.contains(&"colleague.pptx"), "{files:?}");
    let pdf_url = downloads.iter().find(|d| d["file"] == "colleague.pdf").unwrap()["url"].clone();
    let response = ureq::get(&format!("{url}{}", pdf_url.as_str().unwrap())).call().unwrap();
    assert_eq!(response.header("Content-Type"), Some("application/pdf"));
    let mut pdf = Vec::new();
    response.into_reader().read_to_end(&mut pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf_text_compact(&pdf).contains("Theuploadedreportsayshello."));
    // A Chinese file name travels percent-encoded (a header carries only ASCII).
    let chinese = ureq::post(&format!("{url}/upload"))
        .set("X-Folio-Name", "%E6%8A%A5%E5%91%8A.md")
        .send_bytes(markdown.as_bytes())
        .expect("a Chinese file name converts");
    let value: serde_json::Value = serde_json::from_str(&chinese.into_string().unwrap()).unwrap();
    assert!(value["downloads"].as_array().is_some_and(|d| !d.is_empty()), "{value}");
    // Another upload's token is not this one's; a made-up token finds nothing.
    assert_eq!(status_of(&served.url, "/u/00000000000000000000000000000000/pdf", ""), 404);
    let big = vec![b'a'; 1_200_000];
    let refused = ureq::post(&format!("{url}/upload")).send_bytes(&big);
    assert!(matches!(refused, Err(ureq::Error::Status(413, _))), "{refused:?}");
}

/// The version of report 0 the server shows.
fn version(url: &str) -> u64 {
    let state = ureq::get(&format!("{url}r/0/state")).call().expect("the state");
    let value: serde_json::Value = serde_json::from_str(&state.into_string().unwrap()).unwrap();
    value["version"].as_u64().expect("a version")
}

/// Waits until report 0 is past `version`; panics with `what` after 10 s.
fn wait_past(url: &str, version_before: u64, what: &str) {
    let start = std::time::Instant::now();
    while version(url) <= version_before {
        assert!(start.elapsed() < std::time::Duration::from_secs(10), "no rebuild after {what}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn saving_a_picture_or_a_template_rebuilds_the_report() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for name in ["report.md", "chart.png"] {
        std::fs::copy(fixture("with-image").join(name), dir.path().join(name)).expect("copied");
    }
    let templates = dir.path().join("templates");
    let export = crate::common::folio(dir.path(), &["templates", "export", "templates"]);
    assert!(export.status.success(), "{}", crate::common::stderr(&export));
    let served = Served::start(dir.path(), &["report.md", "--templates", "templates"]);
    let url = &served.url;
    let first = version(url);
    let chart = std::fs::read(dir.path().join("chart.png")).unwrap();
    std::fs::write(dir.path().join("chart.png"), &chart).unwrap();
    wait_past(url, first, "saving the picture");
    let second = version(url);
    let typ = std::fs::read_dir(templates.join("lib"))
        .expect("the template library")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|e| e == "typ"))
        .expect("a .typ template");
    let text = std::fs::read_to_string(&typ).unwrap();
    std::fs::write(&typ, format!("{text}\n// saved again\n")).unwrap();
    wait_past(url, second, "saving a template");
}
