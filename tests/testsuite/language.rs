//! The language of a report that names none, as a reader sees it: the PDF's `/Lang`, the
//! page labels in the report's own language, and the language of the .pptx's text.
//! Japanese and Korean were labelled Chinese (issue 17).

use crate::common::{folio, pdf_text_compact, stderr};
use std::io::Read;
use std::path::Path;

const JAPANESE: &str = "# 市場レポート\n\n今四半期の売上は前年より一割増えました。\n\n## 見通し\n\n来期も成長が続く見込みです。\n";
const KOREAN: &str = "# 시장 보고서\n\n이번 분기\n매출은 작년보다 10% 증가했습니다.\n\n## 전망\n\n다음 분기에도 성장이 이어질 전망입니다.\n";
const CHINESE: &str =
    "# 市场报告\n\n本季度销售额比去年增长了一成。\n\n## 展望\n\n预计下季度将继续增长。\n";

/// What a reader of the converted report sees: the PDF catalog's `/Lang` (language and
/// region, as Typst writes it), the print briefing's text (without whitespace), the
/// .pptx's first slide and the print Typst.
struct Seen {
    lang: String,
    text: String,
    slide: String,
    typst: String,
}

fn convert(markdown: &str) -> Seen {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("r.md"), markdown).unwrap();
    let out = folio(tmp.path(), &["build", "r.md", "--pptx", "--emit-typst"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let output = tmp.path().join("output");
    let pdf = std::fs::read(output.join("r.pdf")).unwrap();
    let document = lopdf::Document::load_mem(&pdf).unwrap();
    let lang = document.catalog().unwrap().get(b"Lang").unwrap().as_str().unwrap().to_vec();
    Seen {
        lang: String::from_utf8(lang).unwrap(),
        text: pdf_text_compact(&pdf),
        slide: zipped(&output.join("r.pptx"), "ppt/slides/slide1.xml"),
        typst: std::fs::read_to_string(output.join("r.typ")).unwrap(),
    }
}

fn zipped(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn a_japanese_report_is_japanese_in_the_pdf_and_the_pptx() {
    let seen = convert(JAPANESE);
    assert_eq!(seen.lang, "ja-JP");
    assert!(seen.text.contains("ページ1/1"), "{}", seen.text);
    assert!(!seen.text.contains("第1页"), "{}", seen.text);
    assert!(seen.slide.contains("lang=\"ja-JP\"") && !seen.slide.contains("zh-CN"));
}

#[test]
fn a_korean_report_is_korean_and_a_line_break_between_its_words_is_a_space() {
    let seen = convert(KOREAN);
    assert_eq!(seen.lang, "ko-KR");
    assert!(seen.text.contains("1/1페이지"), "{}", seen.text);
    assert!(seen.slide.contains("lang=\"ko-KR\"") && !seen.slide.contains("zh-CN"));
    // Korean puts spaces between words: the source's line break is one.
    assert!(seen.typst.contains("이번 분기 매출은"), "{}", seen.typst);
}

#[test]
fn a_chinese_report_stays_chinese() {
    let seen = convert(CHINESE);
    assert_eq!(seen.lang, "zh-CN");
    assert!(seen.text.contains("第1页/共1页"), "{}", seen.text);
    assert!(seen.slide.contains("lang=\"zh-CN\""));
}
