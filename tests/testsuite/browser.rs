//! `folio serve` and the web deck in a real browser (headless Chromium through
//! `chromedriver`; see `webdriver.rs`). They need Debian's `chromium` and
//! `chromium-driver`, and fail saying so when either is missing.
//!
//! The screenshots in `docs/` (preview.png, presenter.png) are taken here: run them with
//! `FOLIO_UPDATE_SCREENSHOTS=1 cargo test --test testsuite browser` to renew them.

use crate::common::{fixture, folio};
use crate::webdriver::{Browser, Served};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// WebDriver key codes.
const RIGHT: &str = "\u{E014}";
const END: &str = "\u{E010}";
const HOME: &str = "\u{E011}";
const SPACE: &str = "\u{E00D}";

/// The edit-to-view limit the issue sets.
const UPDATE_LIMIT: Duration = Duration::from_secs(2);

/// A folder with two seed-like reports: `memo.md` and `picture/report.md` with its chart.
fn reports() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::copy(fixture("plain-en.md"), dir.path().join("memo.md")).expect("memo copied");
    std::fs::copy(fixture("presenter.md"), dir.path().join("harbour.md")).expect("copied");
    let picture = dir.path().join("picture");
    std::fs::create_dir(&picture).expect("a folder");
    for name in ["report.md", "chart.png"] {
        std::fs::copy(fixture("with-image").join(name), picture.join(name)).expect("copied");
    }
    dir
}

/// Where a screenshot goes: `docs/` (the README shows them) with
/// `FOLIO_UPDATE_SCREENSHOTS=1`, else a temporary file, so a test run leaves the
/// repository as it was.
fn docs(name: &str) -> PathBuf {
    match std::env::var_os("FOLIO_UPDATE_SCREENSHOTS") {
        Some(_) => Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join(name),
        None => std::env::temp_dir().join(format!("folio-test-{}-{name}", std::process::id())),
    }
}

/// Every `<img>` under `selector` that has finished loading with a picture.
fn loaded(selector: &str) -> String {
    format!(
        "Array.from(document.querySelectorAll('{selector} img'))\
         .filter(i => i.complete && i.naturalWidth > 0).length"
    )
}

/// The report page's state as the page itself fetched it.
fn state(browser: &Browser) -> serde_json::Value {
    browser.eval(
        "const r = new XMLHttpRequest(); r.open('GET', '/r/' + document.body.dataset.id + \
         '/state', false); r.send(); return JSON.parse(r.responseText);",
    )
}

#[test]
fn the_index_and_a_report_page_show_every_page_and_follow_edits() {
    let dir = reports();
    let served = Served::start(dir.path(), &["."]);
    let browser = Browser::start();
    browser.open(&served.url);
    browser.wait_for(
        &format!("return {} === 3", loaded(".reports")),
        UPDATE_LIMIT * 5,
        "thumbnails",
    );
    let cards = browser.eval("return document.querySelector('.reports').innerText");
    let cards = cards.as_str().unwrap_or_default().to_string();
    assert!(cards.contains("memo.md") && cards.contains("picture/report.md"), "{cards}");
    assert!(cards.contains("harbour.md"), "{cards}");
    assert!(cards.contains(" pages · ") && cards.contains(" slides · "), "{cards}");

    let id = browser.eval(
        "return Array.from(document.querySelectorAll('.report-card a'))\
         .find(a => a.innerText.includes('memo.md')).getAttribute('href')",
    );
    browser.open(&format!("{}{}", served.url.trim_end_matches('/'), id.as_str().unwrap()));
    browser.wait_for(
        "return document.body.dataset.version !== undefined",
        UPDATE_LIMIT * 5,
        "page",
    );
    let first = state(&browser);
    let (pages, slides) =
        (first["report_pages"].as_u64().unwrap(), first["slide_pages"].as_u64().unwrap());
    assert!(pages >= 1 && slides >= 3, "{first}");
    let all =
        format!("return {} + {} === {}", loaded("#report"), loaded("#slides"), pages + slides);
    browser.wait_for(&all, UPDATE_LIMIT * 5, "every page to show");
    let downloads = browser.eval("return document.getElementById('downloads').innerText");
    for key in ["pdf", "slides.pdf", "slides.pdfpc", "pptx"] {
        assert!(downloads.as_str().unwrap().split_whitespace().any(|k| k == key), "{downloads}");
    }

    // An edit that adds pages: the page updates by itself and keeps its scroll position.
    browser.eval("window.scrollTo(0, 600)");
    let before = browser.eval("return window.scrollY");
    let memo = dir.path().join("memo.md");
    let original = std::fs::read_to_string(&memo).unwrap();
    let section: String = (1..=40)
        .map(|n| format!("Added paragraph {n} says more about the quarter, at some length.\n\n"))
        .collect();
    std::fs::write(&memo, format!("{original}\n## Appendix\n\n{section}")).unwrap();
    let more = format!("return document.querySelectorAll('#report img').length > {pages}");
    let took = browser.wait_for(&more, UPDATE_LIMIT, "the edit to show");
    eprintln!("edit shown after {took:?}");
    assert_eq!(browser.eval("return window.scrollY"), before, "the scroll position moved");
    browser.wait_for(
        &format!("return {} === {}", loaded("#report"), state(&browser)["report_pages"]),
        UPDATE_LIMIT,
        "new pages",
    );
    browser.eval("window.scrollTo(0, 0)");
    browser.screenshot(&docs("preview.png"));

    // A broken front matter: a banner with file, line and message over the last rendering.
    std::fs::write(&memo, "---\ntitle: [unclosed\n---\n\n# Memo\n\nText.\n").unwrap();
    browser.wait_for(
        "return !document.getElementById('banner').hidden",
        UPDATE_LIMIT,
        "the banner",
    );
    let banner = browser.eval("return document.getElementById('banner').innerText");
    let banner = banner.as_str().unwrap_or_default();
    assert!(
        banner.contains("memo.md:3") && banner.contains("invalid YAML front matter"),
        "{banner}"
    );
    assert!(browser.eval(&format!("return {}", loaded("#report"))).as_u64().unwrap() > pages);
    std::fs::write(&memo, &original).unwrap();
    browser.wait_for(
        "return document.getElementById('banner').hidden",
        UPDATE_LIMIT,
        "the banner to clear",
    );
}

#[test]
fn presenter_keys_move_the_presenter_and_the_audience_view() {
    let dir = reports();
    let served = Served::start(dir.path(), &["harbour.md"]);
    let browser = Browser::start();
    let presenter = browser.window();
    browser.open(&format!("{}r/0/present", served.url));
    browser.wait_for("return document.body.dataset.slide === '1'", UPDATE_LIMIT * 5, "slide 1");
    let audience = browser.new_window();
    browser.switch_to(&audience);
    browser.open(&format!("{}r/0/audience", served.url));
    browser.wait_for("return document.body.dataset.slide === '1'", UPDATE_LIMIT * 5, "audience");
    browser.switch_to(&presenter);
    browser.press(RIGHT);
    browser.press(SPACE);
    browser.wait_for("return document.body.dataset.slide === '3'", UPDATE_LIMIT, "slide 3");
    let count = browser.eval("return document.getElementById('count').innerText");
    let total = count.as_str().unwrap().split(" / ").nth(1).unwrap().to_string();
    assert!(count.as_str().unwrap().starts_with("3 / "), "{count}");
    browser.switch_to(&audience);
    browser.wait_for("return document.body.dataset.slide === '3'", UPDATE_LIMIT, "audience at 3");
    browser.switch_to(&presenter);
    browser.press(END);
    browser.wait_for(
        &format!("return document.body.dataset.slide === '{total}'"),
        UPDATE_LIMIT,
        "end",
    );
    browser.switch_to(&audience);
    browser.wait_for(
        &format!("return document.body.dataset.slide === '{total}'"),
        UPDATE_LIMIT,
        "aud end",
    );
    // The notes of the first slide that has some show under it.
    browser.switch_to(&presenter);
    browser.press(HOME);
    let notes = state(&browser)["notes"].as_array().unwrap().clone();
    let with_notes = notes.iter().position(|n| !n.as_str().unwrap().is_empty()).expect("notes");
    (0..with_notes).for_each(|_| browser.press(RIGHT));
    let slide = with_notes + 1;
    browser.wait_for(
        &format!("return document.body.dataset.slide === '{slide}'"),
        UPDATE_LIMIT,
        "notes",
    );
    let shown = browser.eval("return document.getElementById('notes').textContent");
    assert_eq!(shown, notes[with_notes]);
    browser.wait_for("return document.getElementById('current').complete", UPDATE_LIMIT, "slide");
    browser.wait_for(
        "return document.getElementById('timer').innerText !== '0:00'",
        UPDATE_LIMIT,
        "timer",
    );
    browser.screenshot(&docs("presenter.png"));
}

#[test]
fn the_html_deck_works_offline_from_disk_and_makes_no_request() {
    let dir = reports();
    let output = folio(dir.path(), &["build", "memo.md", "--html", "-o", "out"]);
    assert!(output.status.success(), "{}", crate::common::stderr(&output));
    let deck = dir.path().join("out/memo.slides.html");
    let browser = Browser::start();
    browser.go_offline();
    browser.open(&format!("file://{}", deck.display()));
    browser.wait_for(
        "return document.querySelector('.slide.current img').complete",
        UPDATE_LIMIT,
        "slide 1",
    );
    let first = browser.eval("const s = document.querySelector('.slide.current'); return [s.id, s.querySelector('img').naturalWidth]");
    assert_eq!(first[0], "slide-1");
    assert!(first[1].as_u64().unwrap() > 0, "slide 1 is drawn");
    browser.press(RIGHT);
    browser.wait_for(
        "return document.querySelector('.slide.current').id === 'slide-2'",
        UPDATE_LIMIT,
        "slide 2",
    );
    browser.press("n");
    assert_eq!(browser.eval("return document.body.classList.contains('show-notes')"), true);
    let requests = browser.eval("return performance.getEntriesByType('resource').length");
    assert_eq!(requests, 0, "the deck made a request");
    drop(browser);

    // Printed, it is the slides PDF again: one slide per page, of the same size.
    let printed = dir.path().join("printed.pdf");
    let status = std::process::Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"])
        .arg(format!("--print-to-pdf={}", printed.display()))
        .arg(format!("file://{}", deck.display()))
        .stderr(std::process::Stdio::null())
        .status()
        .expect("chromium prints");
    assert!(status.success());
    let pages = |path: &Path| {
        let pdf = lopdf::Document::load(path).expect("a PDF");
        let sizes: Vec<(i64, i64)> = pdf
            .get_pages()
            .values()
            .map(|&id| {
                let page = pdf.get_dictionary(id).expect("a page");
                let media = page.get(b"MediaBox").and_then(|b| b.as_array()).expect("a box");
                let number = |i: usize| media[i].as_float().map(|f| f.round() as i64).unwrap_or(0);
                (number(2), number(3))
            })
            .collect();
        sizes
    };
    assert_eq!(pages(&printed), pages(&dir.path().join("out/memo.slides.pdf")));
}

#[test]
fn the_converter_page_turns_an_uploaded_file_into_a_pdf() {
    let dir = reports();
    let served = Served::start(dir.path(), &["memo.md", "--allow-upload"]);
    let browser = Browser::start();
    browser.open(&format!("{}upload", served.url));
    browser.choose_file("#file", &dir.path().join("harbour.md"));
    browser.eval("document.getElementById('send').click()");
    let links = "return document.querySelectorAll('#result a.download').length >= 4";
    browser.wait_for(links, UPDATE_LIMIT * 10, "the converted files");
    let listed = browser.eval("return document.getElementById('result').innerText");
    for name in ["harbour.pdf", "harbour.slides.pdf", "harbour.pptx"] {
        assert!(listed.as_str().unwrap().contains(name), "{listed}");
    }
    let href = browser.eval(
        "return Array.from(document.querySelectorAll('#result a'))\
         .find(a => a.innerText === 'harbour.pdf').href",
    );
    let response = ureq::get(href.as_str().unwrap()).call().expect("the PDF");
    let mut pdf = Vec::new();
    std::io::Read::read_to_end(&mut response.into_reader(), &mut pdf).unwrap();
    let text = crate::common::pdf_text_compact(&pdf);
    assert!(text.contains("HarbourLogisticsBriefing"), "{text}");
    // A Chinese file name: the page sends it percent-encoded, the downloads keep it.
    let chinese = dir.path().join("港口简报.md");
    std::fs::copy(dir.path().join("harbour.md"), &chinese).unwrap();
    browser.choose_file("#file", &chinese);
    browser.eval("document.getElementById('send').click()");
    browser.wait_for(links, UPDATE_LIMIT * 10, "the files of the Chinese-named upload");
    let listed = browser.eval("return document.getElementById('result').innerText");
    assert!(listed.as_str().unwrap().contains("港口简报.pdf"), "{listed}");
}
