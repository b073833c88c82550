//! Dates and metadata values as reports write them: an impossible or unreadable date, or
//! a front-matter value of the wrong shape, is a warning at its line, never a failed
//! report (issue 17: messy and hostile input never costs a report).

use crate::common::{folio, pdf_text_compact, stderr};

/// Writes `report.md` with `markdown` into a fresh folder and converts its briefing;
/// (exit code, stderr, PDF bytes if written).
fn build(markdown: &str) -> (Option<i32>, String, Option<Vec<u8>>) {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("report.md"), markdown).unwrap();
    let out = folio(tmp.path(), &["build", "report.md", "--only", "report", "-o", "out"]);
    let pdf = std::fs::read(tmp.path().join("out/report.pdf")).ok();
    (out.status.code(), stderr(&out), pdf)
}

/// The PDF's `/CreationDate`, as written (`D:20250923…`), if it has one.
fn creation_date(pdf: &[u8]) -> Option<String> {
    let doc = lopdf::Document::load_mem(pdf).expect("a PDF");
    let info = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
    let date = doc.get_object(info).ok()?.as_dict().ok()?.get(b"CreationDate").ok()?;
    Some(String::from_utf8_lossy(date.as_str().ok()?).into_owned())
}

fn with_front_matter(yaml: &str) -> String {
    format!("---\ntitle: 日期测试\n{yaml}\n---\n\n正文第一段。\n")
}

/// Regression test for issue 17 (`issues show 17`, "Dates").
#[test]
fn impossible_front_matter_date_is_shown_and_warned_not_fatal() {
    let (code, stderr, pdf) = build(&with_front_matter("date: 2025-02-30"));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "report.md:3: date \"2025-02-30\" is no real day (February 2025 has no day 30)"
        ),
        "{stderr}"
    );
    let pdf = pdf.expect("the briefing is written");
    assert!(pdf_text_compact(&pdf).contains("2025-02-30"), "the date shown as written");
    let created = creation_date(&pdf);
    assert!(!created.as_deref().unwrap_or("").starts_with("D:2025"), "{created:?}");
}

/// Regression test for issue 17 (`issues show 17`, "Dates").
#[test]
fn impossible_date_in_a_metadata_list_is_shown_and_warned_not_fatal() {
    let markdown = "# 行业观察\n\n- 作者: 张三\n- 日期: 2025.02.29\n\n---\n\n正文第一段。\n";
    let (code, stderr, pdf) = build(markdown);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("report.md:4: date \"2025.02.29\" is no real day"), "{stderr}");
    assert!(pdf_text_compact(&pdf.expect("written")).contains("2025.02.29"));
}

/// Regression test for issue 17 (`issues show 17`, "Dates").
#[test]
fn english_dates_reach_the_pdf_metadata() {
    for written in ["September 23, 2025", "Sep 23, 2025", "23 Sep 2025", "23 September 2025"] {
        let (code, stderr, pdf) = build(&with_front_matter(&format!("date: {written}")));
        assert_eq!(code, Some(0), "{stderr}");
        assert!(!stderr.contains("warning"), "{written}: {stderr}");
        let pdf = pdf.expect("written");
        let created = creation_date(&pdf);
        assert!(created.as_deref().is_some_and(|d| d.starts_with("D:20250923")), "{created:?}");
        let shown: String = written.split_whitespace().collect();
        assert!(pdf_text_compact(&pdf).contains(&shown), "{written} shown as written");
    }
}

#[test]
fn chinese_and_dotted_dates_reach_the_pdf_metadata() {
    for written in ["2025年9月23日", "2025.9.23", "2025/09/23"] {
        let (code, stderr, pdf) = build(&with_front_matter(&format!("date: {written}")));
        assert_eq!(code, Some(0), "{stderr}");
        let created = creation_date(&pdf.expect("written"));
        assert!(created.as_deref().is_some_and(|d| d.starts_with("D:20250923")), "{created:?}");
    }
}

/// Regression test for issue 17 (`issues show 17`, "Dates").
#[test]
fn unreadable_date_is_shown_as_written_with_a_warning() {
    let (code, stderr, pdf) = build(&with_front_matter("date: 2025年第三季度"));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("report.md:3: date \"2025年第三季度\" is not a date"), "{stderr}");
    let pdf = pdf.expect("written");
    assert!(pdf_text_compact(&pdf).contains("2025年第三季度"));
    assert!(!creation_date(&pdf).as_deref().unwrap_or("").starts_with("D:2025"));
}

/// Regression test for issue 17 (`issues show 17`, "Dates").
#[test]
fn front_matter_values_of_the_wrong_shape_are_warnings_with_their_line() {
    let cases = [
        ("date: {x: 1}", "report.md:3: front matter \"date\" is a mapping, not text; ignored"),
        ("title: [a, b]", "report.md:3: front matter \"title\" is a list, not text; ignored"),
        ("author: null", "report.md:3: front matter \"author\" has no value; ignored"),
        ("lang: 5", "report.md:3: front matter lang \"5\" is not a language code"),
        ("date: 20250923", "report.md:3: date \"20250923\" is not a date"),
        ("theme: 5", "report.md:3: front matter theme: unknown theme \"5\""),
        ("toc: [1, 2]", "report.md:3: front matter toc: \"1, 2\" is not one of"),
    ];
    for (yaml, expected) in cases {
        let markdown = format!("---\nsubtitle: 副标题\n{yaml}\n---\n\n# 标题\n\n正文。\n");
        let (code, stderr, pdf) = build(&markdown);
        assert_eq!(code, Some(0), "{yaml}: {stderr}");
        assert!(stderr.contains(expected), "{yaml}: {stderr}");
        assert!(pdf_text_compact(&pdf.expect("written")).contains("副标题"), "{yaml}");
    }
}

#[test]
fn a_language_tag_with_a_region_converts() {
    let (code, stderr, _) = build(&with_front_matter("lang: en-US"));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

/// The slide deck and the .pptx also take an impossible date in their stride.
#[test]
fn impossible_date_does_not_fail_the_slides_or_the_pptx() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("report.md"), with_front_matter("date: 2025-02-30")).unwrap();
    let out = folio(tmp.path(), &["build", "report.md", "--pptx", "-o", "out"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for name in ["report.pdf", "report.slides.pdf", "report.pptx"] {
        assert!(tmp.path().join("out").join(name).exists(), "{name}");
    }
}
