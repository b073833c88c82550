//! Compile tests with the bundled fonts only: what a reader of the PDFs sees.

use crate::common::{self, compact, converter, good_reports, pdf_text_compact};
use folio::Input;
use folio::Output;
use folio::model::{Block, BlockKind, plain_text};

const A4: (f64, f64) = (595.28, 841.89);

fn convert(path: &std::path::Path) -> folio::Converted {
    let markdown = std::fs::read_to_string(path).unwrap();
    let input =
        Input { path, markdown: &markdown, base_dir: path.parent(), run: None, style: None };
    converter().convert(&input).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every paragraph, heading, list item, quote and table cell of the document, as text.
fn texts(blocks: &[Block], out: &mut Vec<String>) {
    for block in blocks {
        match &block.kind {
            BlockKind::Heading { content, .. } | BlockKind::Paragraph(content) => {
                out.extend(segments(content))
            }
            BlockKind::CodeBlock { code, .. } => out.extend(code.lines().map(str::to_string)),
            BlockKind::BlockQuote(inner) => texts(inner, out),
            BlockKind::List(list) => list.items.iter().for_each(|i| texts(&i.blocks, out)),
            BlockKind::Table(table) => {
                out.extend(table.header.iter().map(|c| plain_text(c)));
                out.extend(table.rows.iter().flatten().map(|c| plain_text(c)));
            }
            BlockKind::ThematicBreak => {}
            BlockKind::Alert { blocks, .. } => texts(blocks, out),
            BlockKind::DescriptionList(items) => {
                for item in items {
                    out.push(plain_text(&item.term));
                    texts(&item.details, out);
                }
            }
            // Typeset math is glyphs, not its source; a formula left as LaTeX shows it.
            BlockKind::Math(formula) if formula.typst.is_some() => {}
            BlockKind::Math(formula) => out.push(formula.latex.clone()),
        }
    }
}

/// Text of every page without the running header and footer.
fn body_text(document: &folio::engine::PagedDocument) -> String {
    let pages = folio::engine::inspect::page_texts(document);
    let inside =
        |page: &folio::engine::inspect::PageText, y: f64| y > 60.0 && y < page.height - 55.0;
    pages
        .iter()
        .flat_map(|page| page.runs.iter().filter(move |run| inside(page, run.y)))
        .map(|run| run.text.as_str())
        .collect()
}

/// The text of a paragraph in pieces split at footnote references, whose numbers the
/// PDF puts in between, and at typeset formulas, which are glyphs rather than source.
fn segments(inlines: &[folio::model::Inline]) -> Vec<String> {
    let mut out = vec![String::new()];
    for inline in inlines {
        match inline {
            folio::model::Inline::FootnoteRef(_) => out.push(String::new()),
            folio::model::Inline::Math(formula) if formula.typst.is_some() => {
                out.push(String::new())
            }
            other => out.last_mut().unwrap().push_str(&plain_text(std::slice::from_ref(other))),
        }
    }
    out
}

/// Everything of the document a reader must find: metadata, abstract, key points, body,
/// source note.
fn all_texts(doc: &folio::model::Document) -> Vec<String> {
    let meta = &doc.meta;
    let mut out: Vec<String> =
        [&meta.title, &meta.subtitle, &meta.author, &meta.date, &meta.source]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
    out.extend(meta.fields.iter().flat_map(|(k, v)| [k.clone(), v.clone()]));
    texts(&doc.lead, &mut out);
    if let Some(points) = &doc.key_points {
        out.push(points.title.clone());
        texts(&points.blocks, &mut out);
    }
    texts(&doc.blocks, &mut out);
    out.extend(doc.source_note.as_deref().map(plain_text));
    for note in &doc.footnotes {
        texts(&note.blocks, &mut out);
    }
    out
}

#[test]
fn print_pdf_is_a4_and_holds_every_text_of_the_report() {
    for path in good_reports() {
        let converted = convert(&path);
        let report = converted.get(Output::Report).cloned().expect("report produced");
        let markdown = std::fs::read_to_string(&path).unwrap();
        let input =
            Input { path: &path, markdown: &markdown, base_dir: None, run: None, style: None };
        let (doc, _) = converter().read(&input).unwrap();

        // The running header and footer interrupt a paragraph that crosses a page break
        // in extracted PDF text, so paragraphs are looked for in the laid-out body text
        // (header and footer zones left out); the PDF's own text must show every line.
        let document =
            converter().typeset_document(report.typst.clone().unwrap(), path.parent()).unwrap();
        let body = compact(&body_text(&document));
        let pdf_text = pdf_text_compact(&report.bytes);
        for text in all_texts(&doc) {
            let text = compact(&text);
            assert!(body.contains(&text), "{}: missing from the pages: {text}", path.display());
        }
        for run in folio::engine::inspect::page_texts(&document).iter().flat_map(|p| p.runs.iter())
        {
            let run_text = compact(&run.text);
            assert!(
                pdf_text.contains(&run_text),
                "{}: not in the PDF text: {run_text}",
                path.display()
            );
        }
        assert!(!pdf_text.contains("**"), "{}: literal ** in PDF", path.display());
        // Nothing runs into the outer centimetre of the page (tables included).
        for page in folio::engine::inspect::page_texts(&document) {
            for run in &page.runs {
                let inside = run.x >= 28.0 && run.x + run.width <= page.width - 28.0;
                assert!(inside, "{}: text past the margins: {run:?}", path.display());
            }
        }
        // Every heading of the body is in the PDF outline.
        let headings =
            doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Heading { .. })).count();
        let outline = lopdf::Document::load_mem(&report.bytes)
            .unwrap()
            .get_toc()
            .map_or(0, |toc| toc.toc.len());
        assert_eq!(outline, headings, "{}: outline entries", path.display());

        for (w, h) in folio::engine::page_sizes(&document) {
            assert!((w - A4.0).abs() < 0.5 && (h - A4.1).abs() < 0.5, "not A4: {w} x {h}");
        }
        assert_eq!(report.pages, document.pages().len());
    }
}

#[test]
fn slides_are_16_9_one_page_per_planned_slide_and_nothing_runs_off() {
    for path in good_reports() {
        let converted = convert(&path);
        let slides = converted.get(Output::Slides).cloned().expect("slides produced");
        let markdown = std::fs::read_to_string(&path).unwrap();
        let input =
            Input { path: &path, markdown: &markdown, base_dir: None, run: None, style: None };
        let (doc, _) = converter().read(&input).unwrap();
        let deck = folio::deck::plan(&doc, &Default::default(), &folio::theme::Theme::default());
        assert_eq!(slides.pages, deck.page_count(), "{}: pages vs planned slides", path.display());

        let document =
            converter().typeset_document(slides.typst.clone().unwrap(), path.parent()).unwrap();
        for (i, page) in folio::engine::inspect::page_texts(&document).iter().enumerate() {
            let ratio = page.width / page.height;
            assert!((ratio - 16.0 / 9.0).abs() < 0.01, "slide {i} is not 16:9: {ratio}");
            for run in &page.runs {
                let inside = run.x >= -0.5
                    && run.x + run.width <= page.width + 0.5
                    && run.y >= 0.0
                    && run.y <= page.height;
                assert!(inside, "{}: slide {} text off the page: {run:?}", path.display(), i + 1);
                // Readable from the back of the room: body text at least 1/30 of the slide
                // height, table and note text at least 1/40 (header and footer excepted).
                // Footnote markers (one or two superscript digits) are small by design.
                let marker = run.text.len() <= 2 && run.text.chars().all(|c| c.is_ascii_digit());
                let in_body = i > 0 && run.y > 80.0 && run.y < page.height - 45.0 && !marker;
                assert!(
                    !in_body || run.size >= page.height / 40.0,
                    "{}: slide {} text at {:.1} pt: {:?}",
                    path.display(),
                    i + 1,
                    run.size,
                    run.text
                );
            }
        }
        for slide in &deck.slides {
            let bullets: usize = slide.blocks.iter().map(count_bullets).sum();
            // Seven at most, or eight when a list of a few items with sub-items would
            // otherwise leave one item alone on a continuation slide (issue 16).
            assert!(bullets <= 8, "{}: {} bullets on {:?}", path.display(), bullets, slide.title);
        }
        // Every sentence of the report is on a slide or in that slide's notes.
        let slide_text = pdf_text_compact(&slides.bytes);
        let pdfpc: serde_json::Value = serde_json::from_str(
            &converted
                .get(Output::SpeakerNotes)
                .map(|a| String::from_utf8(a.bytes.clone()).unwrap())
                .expect("notes file"),
        )
        .unwrap();
        let pages = pdfpc["pages"].as_array().unwrap();
        assert_eq!(pages.len(), slides.pages, "one pdfpc entry per slide");
        let notes = compact(&pages.iter().filter_map(|p| p["note"].as_str()).collect::<String>());
        for text in all_texts(&doc) {
            let text = compact(&text);
            let found = slide_text.contains(&text) || notes.contains(&text);
            assert!(found, "{}: missing from slides and notes: {text}", path.display());
        }
    }
}

fn count_bullets(block: &Block) -> usize {
    match &block.kind {
        BlockKind::List(list) => {
            list.items.iter().map(|i| 1 + i.blocks.iter().map(count_bullets).sum::<usize>()).sum()
        }
        _ => 0,
    }
}

#[test]
fn pdfs_embed_every_font_and_carry_title_and_language() {
    let path = common::fixture("scraped-zh.md");
    let converted = convert(&path);
    for pdf in [
        &converted.get(Output::Report).unwrap().bytes,
        &converted.get(Output::Slides).unwrap().bytes,
    ] {
        let doc = lopdf::Document::load_mem(pdf).unwrap();
        let mut fonts = 0;
        for object in doc.objects.values() {
            let Ok(dict) = object.as_dict() else { continue };
            if dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(&b"FontDescriptor"[..]) {
                fonts += 1;
                let embedded =
                    [&b"FontFile"[..], b"FontFile2", b"FontFile3"].iter().any(|k| dict.has(k));
                assert!(embedded, "font not embedded: {dict:?}");
            }
        }
        assert!(fonts >= 2, "expected serif/sans fonts, found {fonts} descriptors");
        let raw = String::from_utf8_lossy(pdf);
        assert!(raw.contains("zh-CN") || raw.contains("(zh"), "PDF language not set");
        let info = pdf_title(&doc);
        assert_eq!(info.as_deref(), Some("2025.11.02数据中心液冷行业观察"));
    }
}

fn pdf_title(doc: &lopdf::Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
    let title = doc.get_object(info).ok()?.as_dict().ok()?.get(b"Title").ok()?;
    let bytes = title.as_str().ok()?;
    // PDF text strings are UTF-16BE with a byte-order mark when not ASCII.
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> =
            bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16(&units).ok()
    } else {
        Some(String::from_utf8_lossy(bytes).into_owned())
    }
}

#[test]
fn every_typst_special_character_comes_out_literally() {
    // Backslash-escaped where Markdown itself would read them; Typst must not read any.
    let markdown = concat!(
        "# T\n\n",
        r#"x # $ \* \_ \` \< > @ \[ \] ~ ' " \\ // /* */ = - + 1. ... -- --- -? -5 \<label> @ref #let x = 1 \$x^2\$ http://x.cn//y"#,
        "\n\n= heading?\n\n/ term: x\n\n\\+ plus\n\n1\\. not a list\n",
    );
    let specials = r#"x # $ * _ ` < > @ [ ] ~ ' " \ // /* */ = - + 1. ... -- --- -? -5 <label> @ref #let x = 1 $x^2$ http://x.cn//y"#;
    let path = std::path::Path::new("specials.md");
    let input = Input { path, markdown, base_dir: None, run: None, style: None };
    let converted = converter().convert(&input).unwrap();
    let report = converted.get(Output::Report).cloned().unwrap();
    let document = converter().typeset_document(report.typst.clone().unwrap(), None).unwrap();
    let laid_out: String =
        folio::engine::inspect::page_texts(&document).iter().map(|p| p.text()).collect();
    // Typst lays out text in runs without the spaces between them.
    assert!(compact(&laid_out).contains(&compact(specials)), "laid out: {laid_out}");
    for line in ["=heading?", "/term:x", "+plus", "1.notalist"] {
        assert!(compact(&laid_out).contains(line), "{line} lost in: {laid_out}");
    }
}

/// A section far too long for one slide: a 2,000-character paragraph, a 60-row table, a
/// 40-item list and 80 lines of code must continue on further slides, and no slide may
/// overflow (one page per planned slide, every text run inside its page).
#[test]
fn long_sections_continue_on_further_slides_without_overflow() {
    let mut md = String::from("# 长文档\n\n## 很长的一节\n\n");
    md.push_str(&"这是一个很长的句子，用来测试幻灯片的自动分页功能。".repeat(80));
    md.push_str("\n\n| 序号 | 名称 | 数值 |\n| --- | --- | ---: |\n");
    for i in 0..60 {
        md.push_str(&format!("| {i} | 项目{i} | {} |\n", i * 17));
    }
    md.push('\n');
    for i in 0..40 {
        md.push_str(&format!("- 列表项 {i}：内容说明\n"));
    }
    md.push_str("\n```rust\n");
    for i in 0..80 {
        md.push_str(&format!("let line_{i} = {i};\n"));
    }
    md.push_str("```\n");

    let path = std::path::Path::new("long.md");
    let input = Input { path, markdown: &md, base_dir: None, run: None, style: None };
    let (doc, _) = converter().read(&input).unwrap();
    let deck = folio::deck::plan(&doc, &Default::default(), &folio::theme::Theme::default());
    assert!(deck.slides.len() >= 8, "expected continuation slides, got {}", deck.slides.len());
    assert!(deck.slides[1].title.ends_with("（续）"));
    // Every table part repeats the header row.
    for slide in &deck.slides {
        for block in &slide.blocks {
            if let BlockKind::Table(table) = &block.kind {
                assert_eq!(plain_text(&table.header[0]), "序号");
            }
        }
    }
    let slides = converter().convert(&input).unwrap().get(Output::Slides).cloned().unwrap();
    assert_eq!(slides.pages, deck.page_count());
    let document = converter().typeset_document(slides.typst.clone().unwrap(), None).unwrap();
    for (i, page) in folio::engine::inspect::page_texts(&document).iter().enumerate() {
        for run in &page.runs {
            assert!(
                run.x + run.width <= page.width + 0.5 && run.y <= page.height,
                "slide {i}: {run:?}"
            );
            assert!(run.size >= 8.0, "slide {i}: text shrunk to {} pt", run.size);
        }
    }
    let text = compact(
        &folio::engine::inspect::page_texts(&document).iter().map(|p| p.text()).collect::<String>(),
    );
    for needle in ["项目59", "列表项39", "letline_79=79;"] {
        assert!(text.contains(needle), "{needle} lost");
    }
}

#[test]
fn print_pdf_has_an_outline_and_the_expected_page_count() {
    let path = common::fixture("scraped-zh.md");
    let report = convert(&path).get(Output::Report).cloned().unwrap();
    let pdf = lopdf::Document::load_mem(&report.bytes).unwrap();
    assert_eq!(pdf.get_pages().len(), report.pages);
    // Regression guard for layout changes: this fixture fits on one A4 page.
    assert_eq!(report.pages, 1);
    let catalog = pdf.catalog().unwrap();
    let outlines = catalog.get(b"Outlines").and_then(|o| o.as_reference()).unwrap();
    let outlines = pdf.get_object(outlines).unwrap().as_dict().unwrap();
    let count = outlines.get(b"Count").and_then(|c| c.as_i64()).unwrap_or(0);
    assert!(count.abs() >= 2, "outline lists the top-level headings, got {count}");
    let first = outlines.get(b"First").and_then(|f| f.as_reference()).unwrap();
    let first = pdf.get_object(first).unwrap().as_dict().unwrap();
    let title = first.get(b"Title").and_then(|t| t.as_str()).unwrap();
    let units: Vec<u16> = title[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
    assert_eq!(String::from_utf16(&units).unwrap(), "1. 市场规模");
}

#[test]
fn the_world_refuses_packages_and_files_outside_the_report_folder() {
    let fixtures = common::fixture("with-image");
    let package = r#"#import "@preview/cetz:0.3.0": *"#.to_string();
    let err = converter().typeset_document(package, Some(&fixtures)).err().unwrap();
    assert!(err.to_string().contains("packages are not available"), "{err}");

    for path in ["../scraped-zh.md", "/../../Cargo.toml"] {
        let read = format!(r#"#read("{path}")"#);
        let err = converter().typeset_document(read, Some(&fixtures)).err();
        assert!(err.is_some(), "{path} must not be readable");
    }
    let inside = r#"#read("report.md")"#.to_string();
    assert!(converter().typeset_document(inside, Some(&fixtures)).is_ok());
}

/// Issue 8: Typst 0.15.1's JavaScript highlighter never returns on this block; Folio
/// highlights JavaScript with the TypeScript grammar instead.
#[test]
fn regression_issue_8_javascript_that_hangs_the_highlighter() {
    for lang in ["js", "javascript", "JS", "node"] {
        let text = briefing_text_within_a_minute(lang, "  return x\n  /*");
        assert!(text.contains("returnx/*"), "{text}");
    }
}

/// Issue 22: every grammar that embeds JavaScript inherited the hang (HTML's `<script>`,
/// Vue, Svelte, PHP, Markdown's fenced blocks, Ruby heredocs, Javadoc's HTML…). Each
/// block must convert, within a minute (a hang would otherwise stall the test run).
#[test]
fn code_in_grammars_that_embed_javascript_does_not_hang() {
    let script = "<script>\n  return x\n  /*\n</script>";
    let cases = [
        ("html", script.to_string()),
        ("vue", format!("<template><p/></template>\n{script}")),
        ("svelte", script.to_string()),
        ("php", format!("<?php echo 1; ?>\n{script}")),
        ("markdown", "```js\n  return x\n  /*\n```".to_string()),
        ("ruby", "x = <<~JS\n  return x\n  /*\nJS".to_string()),
        ("java", format!("/** {script} */\nclass A {{}}")),
        ("perl", "print <<JAVASCRIPT;\n  return x\n  /*\nJAVASCRIPT".to_string()),
    ];
    for (lang, code) in cases {
        let text = briefing_text_within_a_minute(lang, &code);
        assert!(text.contains("returnx/*"), "{lang}: {text}");
    }
}

/// The briefing's text for a report of one code block, converted on a thread that must
/// answer within a minute (a hanging highlighter would otherwise stall the test run).
fn briefing_text_within_a_minute(lang: &str, code: &str) -> String {
    let markdown = format!("# Code\n\n```{lang}\n{code}\n```\n");
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let path = std::path::Path::new("hang.md");
        let input = Input { path, markdown: &markdown, base_dir: None, run: None, style: None };
        let converted = converter().convert(&input).map(|c| c.get(Output::Report).cloned());
        let _ = sender.send(converted.ok().flatten().map(|pdf| pdf_text_compact(&pdf.bytes)));
    });
    receiver
        .recv_timeout(std::time::Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("{lang}: the highlighter hung"))
        .unwrap_or_else(|| panic!("{lang}: no PDF"))
}

/// Found by the fuzzer: an image inside a footnote was not resolved and Typst tried to
/// read it. Every image anywhere in the document is now checked.
#[test]
fn regression_fuzz_image_in_footnote() {
    let path = common::fixture("fuzz-image-in-footnote.md");
    let markdown = std::fs::read_to_string(&path).unwrap();
    let input = Input { path: &path, markdown: &markdown, base_dir: None, run: None, style: None };
    let converted = converter().convert(&input).expect("converts");
    assert!(converted.warnings.iter().any(|w| w.message.contains("image not found: nothing.png")));
}

/// Emoji, arrows, maths and currency signs, full-width forms, box drawing and Chinese
/// inside code: every character has a glyph in the bundled fonts, in print and slides.
#[test]
fn emoji_symbols_box_drawing_and_cjk_in_code_all_have_glyphs() {
    let converted = convert(&common::fixture("symbols-and-emoji.md"));
    let uncovered: Vec<_> =
        converted.warnings.iter().filter(|w| w.message.contains("no font has a glyph")).collect();
    assert!(uncovered.is_empty(), "{uncovered:?}");
    let text = pdf_text_compact(&converted.get(Output::Report).cloned().unwrap().bytes);
    for expected in ["✅完成", "🎉发布", "🚀上线", "→←↑↓", "∑∫≤≥", "€£¥₹", "├──src/", "//中文注释"]
    {
        assert!(text.contains(expected), "{expected} missing from {text}");
    }
}

/// A character no bundled font covers is named once, with its code point and the first
/// line that holds it, however often it appears and in however many outputs.
#[test]
fn a_character_no_font_covers_is_reported_with_its_line() {
    let markdown = "# Title\n\nPlain text.\n\nGe'ez: ሰ and again ሰ.\n\n- ሰ\n";
    let input = Input {
        path: std::path::Path::new("geez.md"),
        markdown,
        base_dir: None,
        run: None,
        style: None,
    };
    let converted = converter().convert(&input).expect("converts");
    let uncovered: Vec<_> =
        converted.warnings.iter().filter(|w| w.message.contains("no font has a glyph")).collect();
    assert_eq!(uncovered.len(), 1, "{uncovered:?}");
    assert_eq!(uncovered[0].line, Some(5));
    assert!(uncovered[0].message.contains("U+1230"), "{}", uncovered[0].message);
}
