//! Issue 19: tables of figures become charts, on the slides, in print and as native,
//! editable PowerPoint charts. Each fixture table of `tests/fixtures/charts/charts.md`
//! (headed by the case it shows) is checked for the chart it became, the numbers the
//! slides' Typst draws, and the numbers read back from the .pptx chart and its workbook.

use crate::common::{self, compact, fixture, folio, pdf_text_compact, stderr};
use folio::model::{BlockKind, Chart, ChartKind};
use folio::{Converted, Input, Output};
use std::collections::BTreeMap;
use std::io::Read;

/// What each fixture table must become: (heading, kind, categories, values per series).
#[allow(clippy::type_complexity)]
const EXPECTED: &[(&str, ChartKind, &[&str], &[&[f64]])] = &[
    (
        "年份与规模",
        ChartKind::Column,
        &["2021", "2022", "2023", "2024"],
        &[&[45.0, 62.0, 98.0, 176.0]],
    ),
    (
        "规模与增速",
        ChartKind::ColumnLine,
        &["2023", "2024", "2025E"],
        &[&[98.0, 176.0, 300.0], &[42.0, 80.0, 70.0]],
    ),
    (
        "公司融资",
        ChartKind::Bar,
        &["智谱", "月之暗面", "百川智能", "MiniMax"],
        &[&[25.5, 13.0, 10.0, 8.5]],
    ),
    (
        "多个系列",
        ChartKind::Column,
        &["2024Q1", "2024Q2", "2024Q3"],
        &[&[120.0, 135.0, 150.0], &[95.0, 101.0, 110.0], &[80.0, 86.0, 91.0]],
    ),
    ("亏损", ChartKind::Column, &["2022", "2023", "2024", "2025E"], &[&[-12.5, -3.2, 4.8, 15.0]]),
    (
        "全角数字",
        ChartKind::Column,
        &["２０２２年", "２０２３年", "２０２４年"],
        &[&[120.0, 216.0, 277.0]],
    ),
    ("月度走势", ChartKind::Line, &["1月", "2月", "3月"], &[&[1200.0, 980.0, 1350.0]]),
    (
        "十年走势",
        ChartKind::Line,
        &["2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024"],
        &[&[1.3, 1.8, 2.7, 4.5, 4.7, 5.4, 13.4, 25.6, 31.6, 40.9]],
    ),
];

/// The fixture tables that must stay tables: mixed units, text cells, two rows, and one
/// turned off by its directive.
const NOT_CHARTED: &[&str] = &["混合单位", "文字单元格", "两行", "关闭"];

fn read_fixture() -> (String, folio::model::Document) {
    let path = fixture("charts/charts.md");
    let markdown = std::fs::read_to_string(&path).unwrap();
    let input = Input { path: &path, markdown: &markdown, base_dir: None, run: None, style: None };
    let (doc, _) = common::converter().read(&input).unwrap();
    (markdown, doc)
}

/// Each table of the document with the heading above it and its chart.
fn tables_by_heading(doc: &folio::model::Document) -> Vec<(String, Option<Chart>)> {
    let mut heading = String::new();
    let mut tables = Vec::new();
    for block in &doc.blocks {
        match &block.kind {
            BlockKind::Heading { content, .. } => heading = folio::model::plain_text(content),
            BlockKind::Table(table) => tables.push((heading.clone(), table.chart.clone())),
            _ => {}
        }
    }
    tables
}

#[test]
fn issue_19_each_fixture_table_becomes_the_chart_an_analyst_would_draw() {
    let (_, doc) = read_fixture();
    let tables = tables_by_heading(&doc);
    assert_eq!(tables.len(), EXPECTED.len() + NOT_CHARTED.len());
    for (heading, kind, categories, values) in EXPECTED {
        let (_, chart) = tables.iter().find(|(h, _)| h == heading).unwrap();
        let chart = chart.as_ref().unwrap_or_else(|| panic!("{heading}: no chart"));
        assert_eq!(chart.kind, *kind, "{heading}");
        assert_eq!(chart.categories, *categories, "{heading}");
        let got: Vec<&[f64]> = chart.series.iter().map(|s| s.values.as_slice()).collect();
        assert_eq!(got, *values, "{heading}");
    }
    for heading in NOT_CHARTED {
        let (_, chart) = tables.iter().find(|(h, _)| h == heading).unwrap();
        assert!(chart.is_none(), "{heading} must stay a table");
    }
    let growth = chart_of(&tables, "规模与增速");
    assert_eq!(growth.estimates, [false, false, true], "2025E is an estimate");
    assert!(growth.series[1].secondary && growth.series[1].unit == "%");
    assert_eq!(growth.series[0].unit, "亿元");
    assert_eq!(chart_of(&tables, "公司融资").series[0].unit, "亿美元", "the unit in the header");
    assert_eq!(chart_of(&tables, "全角数字").series[0].unit, "GW");
}

fn chart_of(tables: &[(String, Option<Chart>)], heading: &str) -> Chart {
    tables.iter().find(|(h, _)| h == heading).and_then(|(_, c)| c.clone()).unwrap()
}

fn convert(markdown: &str, name: &str) -> Converted {
    let path = fixture(&format!("charts/{name}"));
    let input = Input { path: &path, markdown, base_dir: None, run: None, style: None };
    common::pptx_converter().convert(&input).unwrap()
}

#[test]
fn issue_19_the_slides_draw_the_tables_numbers_on_chart_slides_after_the_tables() {
    let (markdown, doc) = read_fixture();
    let converted = convert(&markdown, "charts.md");
    let slides = converted.get(Output::Slides).unwrap();
    let typst = slides.typst.as_deref().unwrap();
    let calls: Vec<&str> = typst.lines().filter(|l| l.starts_with("#chart((")).collect();
    assert_eq!(calls.len(), EXPECTED.len(), "one chart slide per chartable table");
    for ((heading, _, _, values), call) in EXPECTED.iter().zip(&calls) {
        for series in *values {
            let literal: String = series.iter().map(|v| format!("{v:?},")).collect();
            assert!(call.contains(&format!("\"values\": ({literal})")), "{heading}: {call}");
        }
    }
    // Without charts the deck has one slide fewer per chart.
    let off = convert(&markdown.replacen("lang: zh", "lang: zh\ncharts: none", 1), "off.md");
    assert_eq!(slides.pages, off.get(Output::Slides).unwrap().pages + EXPECTED.len());
    // The chart slides show the labels and the values as text.
    let text = pdf_text_compact(&slides.bytes);
    for label in
        ["2025E", "月之暗面", "MiniMax", "-12.5", "80%", "亿美元", "２０２４年", "40.9%", "预测"]
    {
        assert!(text.contains(&compact(label)), "{label} is not on the slides");
    }
    assert!(tables_by_heading(&doc).len() > calls.len());
}

/// Every file of a zip, by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (file.name().unwrap().to_string(), data)
        })
        .collect()
}

/// The text of every `<tag>…</tag>` inside each `<section>…</section>`.
fn values_in(xml: &str, section: &str, tag: &str) -> Vec<Vec<String>> {
    xml.split(&format!("<{section}>"))
        .skip(1)
        .map(|part| {
            let part = &part[..part.find(&format!("</{section}>")).unwrap()];
            part.split(&format!("<{tag}>"))
                .skip(1)
                .map(|v| v[..v.find('<').unwrap()].to_string())
                .collect()
        })
        .collect()
}

/// The numbers of a worksheet by column letter, top to bottom.
fn sheet_numbers(sheet: &str) -> BTreeMap<char, Vec<f64>> {
    let mut columns: BTreeMap<char, Vec<f64>> = BTreeMap::new();
    for cell in sheet.split("<c r=\"").skip(1) {
        let column = cell.chars().next().unwrap();
        let tag_end = cell.find('>').unwrap();
        if cell[..tag_end].contains("t=\"s\"") || !cell.contains("<v>") {
            continue;
        }
        let value = &cell[cell.find("<v>").unwrap() + 3..cell.find("</v>").unwrap()];
        columns.entry(column).or_default().push(value.parse().unwrap());
    }
    columns
}

#[test]
fn issue_19_the_pptx_holds_native_charts_with_the_tables_numbers_in_their_workbooks() {
    let (markdown, _) = read_fixture();
    let converted = convert(&markdown, "charts.md");
    let files = unzip(&converted.get(Output::Pptx).unwrap().bytes);
    let types = String::from_utf8(files["[Content_Types].xml"].clone()).unwrap();
    for (n, (heading, kind, categories, values)) in EXPECTED.iter().enumerate() {
        let n = n + 1;
        let xml = String::from_utf8(files[&format!("ppt/charts/chart{n}.xml")].clone()).unwrap();
        assert!(types.contains(&format!("/ppt/charts/chart{n}.xml")), "chart{n} has a type");
        let shape = match kind {
            ChartKind::Line => "<c:lineChart>",
            ChartKind::Bar => "<c:barDir val=\"bar\"/>",
            _ => "<c:barDir val=\"col\"/>",
        };
        assert!(xml.contains(shape), "{heading}: {shape}");
        let cached_categories = &values_in(&xml, "c:strCache", "c:v")[1];
        assert_eq!(cached_categories, categories, "{heading}");
        let cached: Vec<Vec<f64>> = values_in(&xml, "c:numCache", "c:v")
            .iter()
            .map(|s| s.iter().map(|v| v.parse().unwrap()).collect())
            .collect();
        let expected: Vec<Vec<f64>> = values.iter().map(|s| s.to_vec()).collect();
        assert_eq!(cached, expected, "{heading}: the chart's numbers");
        let rels = String::from_utf8(files[&format!("ppt/charts/_rels/chart{n}.xml.rels")].clone());
        assert!(rels.unwrap().contains(&format!("../embeddings/chart{n}.xlsx")));
        let book = unzip(&files[&format!("ppt/embeddings/chart{n}.xlsx")]);
        let sheet = String::from_utf8(book["xl/worksheets/sheet1.xml"].clone()).unwrap();
        let columns: Vec<Vec<f64>> = sheet_numbers(&sheet).into_values().collect();
        assert_eq!(columns, expected, "{heading}: the workbook's numbers (Edit data)");
    }
    assert!(!files.contains_key(&format!("ppt/charts/chart{}.xml", EXPECTED.len() + 1)));
}

#[test]
fn issue_19_replace_puts_the_chart_in_the_tables_place_and_the_table_in_the_notes() {
    let (markdown, _) = read_fixture();
    let slides_pages = convert(&markdown, "charts.md").get(Output::Slides).unwrap().pages;
    let replaced =
        convert(&markdown.replacen("lang: zh", "lang: zh\ncharts: replace", 1), "replace.md");
    let slides = replaced.get(Output::Slides).unwrap();
    assert_eq!(slides.pages, slides_pages - EXPECTED.len(), "no extra slides");
    let typst = slides.typst.as_deref().unwrap();
    assert_eq!(typst.lines().filter(|l| l.starts_with("#chart((")).count(), EXPECTED.len());
    let notes = String::from_utf8(replaced.get(Output::SpeakerNotes).unwrap().bytes.clone());
    let notes = notes.unwrap();
    assert!(notes.contains("年份 | 市场规模 | 同比增速"), "the table's header in the notes");
    assert!(notes.contains("2025E | 300 亿元 | 70%"), "its rows in the notes");
}

#[test]
fn issue_19_both_draws_the_chart_under_the_table_in_print() {
    let (markdown, _) = read_fixture();
    let count = |converted: &Converted| {
        let text = pdf_text_compact(&converted.get(Output::Report).unwrap().bytes);
        text.matches("月之暗面").count()
    };
    let plain = convert(&markdown, "charts.md");
    let both = convert(&markdown.replacen("lang: zh", "lang: zh\ncharts: both", 1), "both.md");
    assert_eq!(count(&plain), 1, "print shows the table only");
    assert_eq!(count(&both), 2, "the table and its chart's label");
    let typst = both.get(Output::Report).unwrap().typst.clone().unwrap();
    assert_eq!(typst.matches("#chart-figure((").count(), EXPECTED.len());
}

#[test]
fn issue_19_a_bad_directive_is_a_warning_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let report = "# R\n\n<!-- folio: chart=pie -->\n| 年份 | 收入 |\n|---|---|\n| 2022 | 1 |\n\
                  | 2023 | 2 |\n| 2024 | 3 |\n\n<!-- folio: chart=line -->\n\n段落。\n\n\
                  <!-- folio: chart=bar -->\n| 年份 | 进展 |\n|---|---|\n| 2022 | 立项 |\n";
    std::fs::write(dir.path().join("report.md"), report).unwrap();
    let output = folio(dir.path(), &["build", "report.md", "-o", "out"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("report.md:3: folio directive ignored: chart=\"pie\""), "{err}");
    assert!(
        err.contains("report.md:10: folio directive ignored: it applies to the table"),
        "{err}"
    );
    assert!(err.contains("report.md:15: folio directive: this table is not charted"), "{err}");
    assert!(dir.path().join("out/report.slides.pdf").exists(), "the report is not lost");
}

/// Whether two laid-out text runs cover some of the same area (each its width by the
/// height of its letters above and below the baseline), with a hair of tolerance.
fn runs_overlap(a: &folio::engine::inspect::TextRun, b: &folio::engine::inspect::TextRun) -> bool {
    let (a_top, b_top) = (a.y - a.size * 0.75, b.y - b.size * 0.75);
    let (a_bottom, b_bottom) = (a.y + a.size * 0.15, b.y + b.size * 0.15);
    let x = a.x.max(b.x) < (a.x + a.width).min(b.x + b.width) - 0.5;
    let y = a_top.max(b_top) < a_bottom.min(b_bottom) - 0.5;
    x && y
}

#[test]
fn issue_19_chart_labels_never_overlap_even_when_crowded() {
    for name in ["charts/charts.md", "charts/crowded.md"] {
        let path = fixture(name);
        let markdown = std::fs::read_to_string(&path).unwrap();
        let input =
            Input { path: &path, markdown: &markdown, base_dir: None, run: None, style: None };
        let converted = common::converter().convert(&input).unwrap();
        let (doc, _) = common::converter().read(&input).unwrap();
        let deck = folio::deck::plan(&doc, &Default::default(), &folio::theme::Theme::default());
        let typst = converted.get(Output::Slides).unwrap().typst.clone().unwrap();
        let document = common::converter().typeset_document(typst, None).unwrap();
        let pages = folio::engine::inspect::page_texts(&document);
        let chart_pages: Vec<usize> = (deck.slides.iter().enumerate())
            .filter(|(_, s)| s.blocks.iter().any(|b| matches!(b.kind, BlockKind::Chart(_))))
            .map(|(i, _)| i + 1)
            .collect();
        assert!(chart_pages.len() >= 3, "{name}: {chart_pages:?}");
        for page in chart_pages.iter().map(|&i| &pages[i]) {
            let runs: Vec<_> = page.runs.iter().filter(|r| !r.text.trim().is_empty()).collect();
            for (i, a) in runs.iter().enumerate() {
                for b in &runs[i + 1..] {
                    assert!(!runs_overlap(a, b), "{name}: {a:?} over {b:?}");
                }
                assert!(a.x >= 0.0 && a.x + a.width <= page.width, "{name}: {a:?} off the page");
            }
        }
    }
}

#[test]
fn issue_19_the_charts_flag_wins_over_folio_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("charts/charts.md"), dir.path().join("r.md")).unwrap();
    std::fs::write(dir.path().join("folio.toml"), "charts = \"replace\"\n").unwrap();
    let pages = |args: &[&str]| {
        let output =
            folio(dir.path(), &[&["build", "r.md", "--force", "-o", "out"], args].concat());
        assert!(output.status.success(), "{}", stderr(&output));
        lopdf::Document::load(dir.path().join("out/r.slides.pdf")).unwrap().get_pages().len()
    };
    let replaced = pages(&[]);
    assert_eq!(pages(&["--charts", "slides"]), replaced + EXPECTED.len());
    assert_eq!(pages(&["--charts", "none"]), replaced, "no extra slides, as with replace");
    let both = folio(dir.path(), &["build", "r.md", "--force", "-o", "both", "--charts", "both"]);
    assert!(both.status.success());
    let print = std::fs::read(dir.path().join("both/r.pdf")).unwrap();
    assert_eq!(
        pdf_text_compact(&print).matches("月之暗面").count(),
        2,
        "the chart under the table"
    );
}
