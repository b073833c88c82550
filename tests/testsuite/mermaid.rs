//! Mermaid diagrams (issue 14): the six kinds drawn as pictures in the PDFs and the
//! `.pptx`, a diagram that cannot be drawn shown as code with a warning at its line, and
//! labels that stay text whatever they contain.
#![cfg(feature = "mermaid")]

use crate::common::{self, fixture, folio, fonts_dir, pdf_text_compact};
use folio::model::{BlockKind, Inline};
use folio::{Converted, Converter, Input, Output};
use std::io::Read;
use std::path::Path;

/// A converter that writes the `.pptx` too.
fn converter() -> &'static Converter {
    common::pptx_converter()
}

fn convert(path: &Path, markdown: &str) -> Converted {
    let input = Input { path, markdown, base_dir: path.parent(), run: None, style: None };
    converter().convert(&input).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn output(converted: &Converted, output: Output) -> &[u8] {
    &converted.get(output).unwrap_or_else(|| panic!("no {output:?}")).bytes
}

/// The slides of a `.pptx` that show a picture, and its media parts.
fn pptx_pictures(pptx: &[u8]) -> (usize, usize) {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(pptx)).expect("a valid zip");
    let (mut pictures, mut media) = (0, 0);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut xml = String::new();
        if name.starts_with("ppt/media/") {
            media += 1;
        } else if name.starts_with("ppt/slides/slide") && file.read_to_string(&mut xml).is_ok() {
            pictures += xml.matches("<p:pic>").count();
        }
    }
    (pictures, media)
}

/// Source text that must never reach a PDF once the diagrams are drawn.
const SOURCE_MARKERS: &[&str] =
    &["flowchart", "sequenceDiagram", "-->", "classDiagram", "stateDiagram", "dateFormat"];

#[test]
fn six_diagram_kinds_with_chinese_labels_are_drawn_in_both_pdfs_and_the_pptx() {
    let path = fixture("mermaid.md");
    let markdown = std::fs::read_to_string(&path).unwrap();
    let converted = convert(&path, &markdown);
    assert!(converted.warnings.is_empty(), "{:?}", converted.warnings);
    let print = pdf_text_compact(output(&converted, Output::Report));
    for label in ["收集数据", "生成季度报告", "提交报告", "国内市场", "需求调研", "报告", "审核中"]
    {
        assert!(print.contains(label), "label {label} is not text in the PDF: {print}");
    }
    for pdf in [Output::Report, Output::Slides] {
        let text = pdf_text_compact(output(&converted, pdf));
        for marker in SOURCE_MARKERS {
            assert!(!text.contains(marker), "{pdf:?} shows Mermaid source {marker}: {text}");
        }
    }
    let (pictures, media) = pptx_pictures(output(&converted, Output::Pptx));
    assert!(pictures >= 6 && media >= 6, "{pictures} pictures, {media} media parts");
}

#[test]
fn the_model_holds_each_diagram_as_a_picture_served_from_memory() {
    let path = fixture("mermaid.md");
    let markdown = std::fs::read_to_string(&path).unwrap();
    let input = Input { path: &path, markdown: &markdown, base_dir: None, run: None, style: None };
    let (doc, warnings) = folio::prepare::prepare(&input, &[], &Default::default()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let urls: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|block| match &block.kind {
            BlockKind::Paragraph(content) => match content.as_slice() {
                [Inline::Image { url, .. }] => Some(url.as_str()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    assert_eq!(urls.len(), 6, "{:#?}", doc.blocks);
    for url in &urls {
        assert!(folio::model::is_diagram(url) && url.ends_with(".svg"), "{url}");
        let asset = doc.assets.iter().find(|a| a.path == *url).expect("its drawing is served");
        assert!(String::from_utf8_lossy(&asset.bytes).contains("<svg"));
    }
    insta::assert_yaml_snapshot!("mermaid.model", doc.blocks);
}

#[test]
fn a_diagram_that_cannot_be_drawn_stays_code_with_a_warning_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let report = "# 报告\n\n正文。\n\n```mermaid\nflowchart TD\n  A[未闭合 --> B\n```\n\n\
                  ```mermaid\nmindmap\n  根\n```\n\n```mermaid\npie\n  \"甲\" : 1\n```\n";
    std::fs::write(dir.path().join("report.md"), report).unwrap();
    let run = folio(dir.path(), &["build", "report.md", "--only", "report"]);
    let stderr = common::stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("report.md:5") && stderr.contains("Mermaid diagram not drawn"),
        "{stderr}"
    );
    assert!(stderr.contains("report.md:10") && stderr.contains("`mindmap`"), "{stderr}");
    assert_eq!(stderr.matches("Mermaid diagram not drawn").count(), 2, "{stderr}");
    let pdf = std::fs::read(dir.path().join("output/report.pdf")).unwrap();
    let text = pdf_text_compact(&pdf);
    assert!(text.contains("A[未闭合-->B") && text.contains("mindmap"), "shown as code: {text}");
    assert!(!text.contains("pie"), "the good diagram is drawn: {text}");
}

#[test]
fn labels_are_text_whatever_they_contain() {
    // Mermaid itself reads `#` in a sequence message as a comment, so the Typst code goes
    // in a quoted flowchart label, where it is text. Flowchart labels are HTML to Mermaid:
    // their tags are dropped (as mermaid.js sanitizes them), the rest is text.
    let messages =
        [r#"<script>alert(1)</script>"#, r#"引号"和]括号"#, r#"$x$ 与 \ 反斜杠 *粗* _斜_ @ref"#];
    let typst = "#set page(width: 1cm) 与 #read(/etc/passwd)";
    let lines: String = messages.iter().map(|label| format!("  甲->>乙: {label}\n")).collect();
    let markdown = format!(
        "# 注入\n\n```mermaid\nsequenceDiagram\n{lines}```\n\n\
         ```mermaid\nflowchart LR\n  A[\"{typst}\"] --> B[\"]]> </text><svg>\"]\n```\n"
    );
    let path = Path::new("injection.md");
    let converted = convert(path, &markdown);
    assert!(converted.warnings.is_empty(), "{:?}", converted.warnings);
    let text = pdf_text_compact(output(&converted, Output::Report));
    for label in messages.iter().chain([&typst, &"]]>"]) {
        let label = common::compact(label);
        assert!(text.contains(&label), "{label} is not shown as text: {text}");
    }
    assert!(!text.contains("sequenceDiagram"), "{text}");
    let pages = lopdf::Document::load_mem(output(&converted, Output::Report)).unwrap();
    assert_eq!(pages.get_pages().len(), 1, "the page was not changed by a label");
}

/// Width in EMU of each picture on the slides of a `.pptx`.
fn pptx_picture_widths(pptx: &[u8]) -> Vec<i64> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(pptx)).expect("a valid zip");
    let mut widths = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut xml = String::new();
        if !file.name().unwrap().starts_with("ppt/slides/slide") {
            continue;
        }
        file.read_to_string(&mut xml).unwrap();
        for picture in xml.split("<p:pic>").skip(1) {
            let ext = picture.split("<a:ext cx=\"").nth(1).expect("a picture has a size");
            widths.push(ext.split('"').next().unwrap().parse().unwrap());
        }
    }
    widths
}

#[test]
fn a_small_diagram_grows_to_the_room_it_gets() {
    let markdown = "# Flow\n\n```mermaid\nflowchart LR\n  A[开始] --> B[结束]\n```\n";
    let tmp = tempfile::tempdir().unwrap();
    let converted = convert(&tmp.path().join("small.md"), markdown);
    let widths = pptx_picture_widths(output(&converted, Output::Pptx));
    // Drawn about 200 pt wide; the slide is 13.33 in (12,192,000 EMU) across.
    assert_eq!(widths.len(), 1);
    assert!(widths[0] > 6_000_000, "the diagram stayed at its drawn size: {widths:?}");
}

/// Done means: a report with formulas, the six diagram kinds and each SVG problem
/// converts with exit code 0; formulas and diagrams are drawn, with no warning; each bad
/// SVG is a placeholder with its warning.
#[test]
fn a_report_with_formulas_diagrams_and_broken_svgs_converts() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let diagrams = std::fs::read_to_string(fixture("mermaid.md")).unwrap();
    std::fs::write(dir.join("broken.svg"), "<svg xmlns='http://www.w3.org/2000/svg'><g>").unwrap();
    let missing = "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' width='10' height='10'><image xlink:href='gone.png' width='10' height='10'/></svg>";
    std::fs::write(dir.join("missing.svg"), missing).unwrap();
    std::fs::write(dir.join("outside.svg"), missing.replace("gone.png", "../secret.png")).unwrap();
    let body = diagrams.lines().skip_while(|l| !l.starts_with("##")).collect::<Vec<_>>().join("\n");
    let markdown = format!(
        "# 综合\n\n增长率 $g = \\frac{{a}}{{b}}$。\n\n$$\n\\sum_{{i=1}}^n x_i\n$$\n\n\
         ![坏图](broken.svg)\n\n![缺图](missing.svg)\n\n![外部](outside.svg)\n\n{body}\n"
    );
    std::fs::write(dir.join("all.md"), markdown).unwrap();
    let fonts = fonts_dir();
    let out = folio(dir, &["build", "all.md", "-o", "out", "--fonts", fonts.to_str().unwrap()]);
    let messages = common::stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{messages}");
    let warnings: Vec<&str> = messages.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 3, "{messages}");
    for (line, file) in [(9, "broken.svg"), (11, "missing.svg"), (13, "outside.svg")] {
        let expected = format!("warning: all.md:{line}: image not usable: {file} (");
        assert!(warnings.iter().any(|w| w.starts_with(&expected)), "{expected} in {messages}");
    }
    let text = pdf_text_compact(&std::fs::read(dir.join("out/all.pdf")).unwrap());
    assert!(!text.contains("\\frac") && !text.contains("\\sum") && text.contains("𝑥"), "{text}");
    for marker in SOURCE_MARKERS {
        assert!(!text.contains(marker), "Mermaid source {marker} in the PDF");
    }
    assert!(text.contains("收集数据") && text.contains("坏图") && text.contains("缺图"), "{text}");
}
