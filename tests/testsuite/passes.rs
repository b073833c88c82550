//! The repairs for scraped reports, each shown on the smallest report that needs it.

use folio::markdown::{ReadOptions, read};
use folio::model::{BlockKind, Document, plain_text};

fn repaired(markdown: &str) -> Document {
    let (mut doc, _) = read(markdown, &ReadOptions::default()).unwrap();
    folio::passes::run_all(&mut doc, &[]);
    doc
}

fn kinds(doc: &Document) -> Vec<&'static str> {
    doc.blocks
        .iter()
        .map(|b| match &b.kind {
            BlockKind::Heading { .. } => "heading",
            BlockKind::Paragraph(_) => "paragraph",
            BlockKind::List(_) => "list",
            BlockKind::Table(_) => "table",
            BlockKind::BlockQuote(_) => "quote",
            BlockKind::CodeBlock { .. } => "code",
            BlockKind::ThematicBreak => "rule",
            BlockKind::Alert { .. } => "alert",
            BlockKind::DescriptionList(_) => "terms",
            BlockKind::Math(_) => "math",
            BlockKind::Chart(_) => "chart",
        })
        .collect()
}

const SCRAPED: &str = "# 2025.9.23标题

- 分类: 行业分析
- 日期: 2025.09.23
- 文章ID: 616
- 来源： http://example.com/a/616

---

> 导语第一句。第二句。

## **核心摘要**

· **要点一**：内容一。

· **要点二**：内容二。

## **1. 第一章**

·

**阿里云**：

·

· **战略**：战略内容。

· **优势**：优势内容。

00001. **云平台**：甲。

00002. **算力**：乙。

---

来源：某某研究所
";

#[test]
fn metadata_list_under_the_title_becomes_metadata() {
    let doc = repaired(SCRAPED);
    assert_eq!(doc.meta.title.as_deref(), Some("2025.9.23标题"));
    assert_eq!(doc.meta.date.as_deref(), Some("2025.09.23"));
    assert_eq!(doc.meta.date_ymd.map(|d| d.ymd()), Some((2025, 9, 23)));
    assert_eq!(doc.meta.source.as_deref(), Some("http://example.com/a/616"));
    let fields = vec![("分类".into(), "行业分析".into()), ("文章ID".into(), "616".into())];
    assert_eq!(doc.meta.fields, fields);
}

#[test]
fn lead_quote_becomes_the_abstract_and_summary_the_key_points() {
    let doc = repaired(SCRAPED);
    assert_eq!(doc.lead.len(), 1);
    let key_points = doc.key_points.as_ref().expect("key points found");
    assert_eq!(key_points.title, "核心摘要");
    let BlockKind::List(list) = &key_points.blocks[0].kind else { panic!("{key_points:?}") };
    assert_eq!(list.items.len(), 2);
}

#[test]
fn pseudo_bullets_become_a_list_and_lone_bullets_vanish() {
    let doc = repaired(SCRAPED);
    assert_eq!(kinds(&doc), ["heading", "paragraph", "list", "list"]);
    let BlockKind::List(list) = &doc.blocks[2].kind else { unreachable!() };
    let items: Vec<String> = list
        .items
        .iter()
        .map(|i| match &i.blocks[0].kind {
            BlockKind::Paragraph(p) => plain_text(p),
            _ => String::new(),
        })
        .collect();
    assert_eq!(items, ["战略：战略内容。", "优势：优势内容。"]);
}

#[test]
fn bold_wrapped_headings_are_unwrapped_and_zero_padded_lists_start_at_one() {
    let doc = repaired(SCRAPED);
    let BlockKind::Heading { content, .. } = &doc.blocks[0].kind else { unreachable!() };
    assert_eq!(content, &vec![folio::model::Inline::Text("1. 第一章".into())]);
    let BlockKind::List(list) = &doc.blocks[3].kind else { unreachable!() };
    assert_eq!(list.start, Some(1));
    assert_eq!(list.items.len(), 2);
}

#[test]
fn closing_source_line_becomes_the_source_note() {
    let doc = repaired(SCRAPED);
    assert_eq!(doc.source_note.as_deref().map(plain_text).as_deref(), Some("来源：某某研究所"));
}

#[test]
fn each_repair_can_be_switched_off() {
    let (mut doc, _) = read(SCRAPED, &ReadOptions::default()).unwrap();
    folio::passes::run_all(&mut doc, &["all".to_string()]);
    assert!(doc.lead.is_empty() && doc.key_points.is_none() && doc.meta.source.is_none());
    assert_eq!(kinds(&doc)[..3], ["list", "rule", "quote"]);

    let (mut doc, _) = read(SCRAPED, &ReadOptions::default()).unwrap();
    folio::passes::run_all(&mut doc, &["pseudo-bullets".to_string()]);
    assert!(doc.key_points.is_some(), "other repairs still run");
    assert!(
        kinds(&doc).iter().filter(|k| **k == "paragraph").count() > 3,
        "bullets stay paragraphs"
    );

    let front = format!("---\nskip-repairs: [key-points, lead-abstract]\n---\n{SCRAPED}");
    let doc = repaired(&front);
    assert!(doc.key_points.is_none() && doc.lead.is_empty());
    assert!(doc.meta.source.is_some(), "metadata repair still runs");
}

#[test]
fn ordinary_reports_are_left_alone() {
    let markdown = "# Memo\n\n- apples: red\n- a longer sentence that is not a key value pair\n\n> quote later\n\n## Summary of results\n\nText · with a dot.\n";
    let doc = repaired(markdown);
    assert!(doc.meta.fields.is_empty(), "a list with a non key-value item stays");
    assert!(doc.key_points.is_none(), "'Summary of results' is not a key-points title");
    assert_eq!(kinds(&doc), ["list", "quote", "heading", "paragraph"]);
}

#[test]
fn a_caption_line_above_a_table_becomes_its_caption() {
    let doc = repaired(
        "# T\n\n表 1：主要厂商融资情况\n\n| 企业 | 金额 |\n|---|---:|\n| 甲 | 1 亿元 |\n\nTable 2: Not a caption, a paragraph follows.\n\nText.\n",
    );
    let BlockKind::Table(table) = &doc.blocks[0].kind else { panic!("{:?}", doc.blocks[0]) };
    assert_eq!(table.caption.as_deref().map(plain_text).as_deref(), Some("主要厂商融资情况"));
    assert_eq!(kinds(&doc), ["table", "paragraph", "paragraph"]);
}

#[test]
fn readme_headers_badge_rows_and_anchors() {
    let doc = repaired(
        "<a name=\"readme-top\"></a>\n\n<div align=\"center\">\n<h1 align=\"center\">Lumen</h1>\n\
         <p align=\"center\"><a href=\"https://ci\"><img src=\"https://img.shields.io/x\" alt=\"CI\"></a>\n\
         <img src=\"https://img.shields.io/y\" alt=\"npm\"></p>\n</div>\n\n\
         Tagline.\n\n<a name=\"install\"></a>\n\n## Install {#setup}\n\nText.\n",
    );
    // The HTML heading is the title, with the anchor that stood before it.
    assert_eq!(doc.meta.title.as_deref(), Some("Lumen"));
    assert_eq!(doc.title_anchors, ["readme-top"]);
    assert_eq!(kinds(&doc), ["paragraph", "paragraph", "heading", "paragraph"]);
    // The badge row is chips (one linked), centred like its <p>.
    let BlockKind::Paragraph(badges) = &doc.blocks[0].kind else { panic!() };
    let chips: Vec<(String, Option<String>)> = badges
        .iter()
        .filter_map(|i| match i {
            folio::model::Inline::Badge { alt, link } => Some((alt.clone(), link.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(chips, [("CI".into(), Some("https://ci".into())), ("npm".into(), None)]);
    assert!(doc.blocks[0].centred);
    // Markdown inside <div align="center"> is not centred once the div has closed.
    assert!(!doc.blocks[1].centred);
    // The lone anchor and `{#setup}` both name the heading; `{#…}` leaves its text.
    let BlockKind::Heading { content, .. } = &doc.blocks[2].kind else { panic!() };
    assert_eq!(plain_text(content), "Install");
    let names: Vec<&str> = content
        .iter()
        .filter_map(|i| match i {
            folio::model::Inline::Anchor(a) => Some(a.names[0].as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(names, ["install", "setup"]);
}

/// A valid PNG declaring `side` × `side` one-bit grey pixels, all black: a few dozen KB
/// that decode to hundreds of megabytes.
fn declared_png(side: u32) -> Vec<u8> {
    use std::io::Write;
    fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        png.extend((data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        png.extend(kind);
        png.extend(data);
        png.extend(crc.sum().to_be_bytes());
    }
    let mut header = Vec::new();
    header.extend(side.to_be_bytes());
    header.extend(side.to_be_bytes());
    header.extend([1, 0, 0, 0, 0]); // bit depth 1, greyscale, deflate, no filter, no interlace
    let mut pixels = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let row = vec![0u8; 1 + side.div_ceil(8) as usize]; // filter type 0, then the bits
    for _ in 0..side {
        pixels.write_all(&row).unwrap();
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &pixels.finish().unwrap());
    chunk(&mut png, b"IEND", &[]);
    png
}

/// Issue 17: a 48 KB PNG declaring 20,000 × 20,000 pixels took 5.8 s and 1.4 GB to
/// convert. It is refused from its header: a placeholder and a warning, exit code 0.
#[test]
fn a_picture_declaring_too_many_pixels_is_a_placeholder_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let png = declared_png(20_000);
    assert!(png.len() < 100_000, "{} bytes", png.len());
    std::fs::write(tmp.path().join("bomb.png"), png).unwrap();
    let report = "# Pictures\n\nBefore.\n\n![the bomb](bomb.png)\n\nAfter.\n";
    std::fs::write(tmp.path().join("r.md"), report).unwrap();
    let out = crate::common::folio(tmp.path(), &["build", "r.md", "--only", "report"]);
    let err = crate::common::stderr(&out);
    assert!(out.status.success(), "{err}");
    let expected = "r.md:5: image not usable: bomb.png (20000 × 20000 pixels, over the limit of 100 megapixels)";
    assert!(err.contains(expected), "missing {expected:?} in: {err}");
    let pdf = std::fs::read(tmp.path().join("output/r.pdf")).unwrap();
    let text = crate::common::pdf_text_compact(&pdf);
    // The placeholder shows the description and the address.
    assert!(text.contains("thebomb") && text.contains("bomb.png"), "{text}");
}

/// Issue 22: `pic\a.png` was checked (on Unix, a file of that very name), then handed
/// to Typst as `pic/a.png`, another file that no check saw. Typst now gets the bytes that
/// were checked, so the file under the limits is the one in the PDF.
#[cfg(unix)]
#[test]
fn typst_gets_the_very_picture_bytes_that_were_checked() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("pic\\a.png"), declared_png(4)).unwrap();
    std::fs::create_dir(tmp.path().join("pic")).unwrap();
    std::fs::write(tmp.path().join("pic/a.png"), declared_png(3_000)).unwrap();
    std::fs::write(tmp.path().join("r.md"), "# P\n\n![a](pic\\a.png)\n").unwrap();
    let args = ["build", "r.md", "--only", "report", "--max-image-megapixels", "1"];
    let out = crate::common::folio(tmp.path(), &args);
    let err = crate::common::stderr(&out);
    assert!(out.status.success() && !err.contains("warning"), "{err}");
    let widths = crate::common::image_widths(&tmp.path().join("output/r.pdf"));
    assert_eq!(widths, [4]);
}

/// The limits are flags: a small picture is refused under a smaller limit.
#[test]
fn the_picture_limits_are_set_on_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("pic.png"), declared_png(2_000)).unwrap();
    std::fs::write(tmp.path().join("r.md"), "# P\n\n![pic](pic.png)\n").unwrap();
    let run = |args: &[&str]| {
        let base = ["build", "r.md", "--only", "report", "--force"];
        let out = crate::common::folio(tmp.path(), &[&base[..], args].concat());
        assert!(out.status.success(), "{}", crate::common::stderr(&out));
        crate::common::stderr(&out)
    };
    assert!(!run(&[]).contains("image not usable"));
    let err = run(&["--max-image-megapixels", "1"]);
    assert!(err.contains("pic.png (2000 × 2000 pixels, over the limit of 1 megapixels)"), "{err}");
    let err = run(&["--max-image-mb", "1"]);
    assert!(err.contains("pic.png (2000 × 2000 pixels take 3.8 MB decoded"), "{err}");
}
