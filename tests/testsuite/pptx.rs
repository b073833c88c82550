//! The editable PowerPoint deck, read back as an editor would: a valid package (content
//! types, relationships, well-formed XML), exactly the slides of the slides PDF, each
//! title in its title placeholder, every text run and note, tables as tables, pictures
//! embedded. The same checks with python-pptx and LibreOffice are in
//! `scripts/validate-pptx.sh`.

use crate::common::{self, compact, fixture, fonts_dir, good_reports};
use folio::Output;
use folio::deck::{Deck, DeckOptions, Slide};
use folio::model::{Block, BlockKind, Inline};
use folio::{Converted, Converter, ConverterOptions, Input};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A converter that writes the `.pptx` too.
fn converter() -> &'static Converter {
    common::pptx_converter()
}

/// Converts a report; returns the outputs and the deck they were made from.
pub(crate) fn convert(path: &Path) -> (Converted, Deck) {
    let markdown = std::fs::read_to_string(path).unwrap();
    let input =
        Input { path, markdown: &markdown, base_dir: path.parent(), run: None, style: None };
    let converted =
        converter().convert(&input).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (doc, _) = converter().read(&input).unwrap();
    let theme = folio::theme::Theme::default();
    (converted, folio::deck::plan(&doc, &DeckOptions::default(), &theme))
}

/// Every file of a zip, by name.
pub(crate) fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a valid zip");
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        assert!(files.insert(name, data).is_none(), "a part is stored twice");
    }
    files
}

pub(crate) fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    let bytes = files.get(name).unwrap_or_else(|| panic!("no part {name}"));
    String::from_utf8(bytes.clone()).unwrap()
}

/// Values of `attribute="…"` in the elements named `element` (a plain scan: Folio writes
/// attributes with double quotes).
pub(crate) fn attributes(xml: &str, element: &str, attribute: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in xml.split(&format!("<{element} ")).skip(1) {
        let tag = &piece[..piece.find('>').unwrap_or(piece.len())];
        if let Some(start) = tag
            .find(&format!(" {attribute}=\""))
            .map(|i| i + attribute.len() + 3)
            .or_else(|| tag.starts_with(&format!("{attribute}=\"")).then_some(attribute.len() + 2))
        {
            let end = start + tag[start..].find('"').unwrap();
            out.push(unescape(&tag[start..end]));
        }
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The text of every `a:t` element, a line per paragraph.
fn drawing_text(xml: &str) -> String {
    let mut out = String::new();
    for paragraph in xml.split("<a:p>").skip(1) {
        let paragraph = paragraph.split("</a:p>").next().unwrap_or_default();
        for piece in paragraph.split("<a:t>").skip(1) {
            out.push_str(&unescape(piece.split("</a:t>").next().unwrap_or_default()));
        }
        out.push('\n');
    }
    out
}

/// The shapes (`p:sp`) of a slide whose placeholder has this type.
fn placeholder_text(xml: &str, kind: &str) -> Option<String> {
    xml.split("<p:sp>")
        .find(|shape| shape.contains(&format!("<p:ph type=\"{kind}\"")))
        .map(|shape| drawing_text(shape).trim_end().to_string())
}

/// Whitespace- and control-character-free text, for comparing runs with the slides.
fn squeeze(text: &str) -> String {
    compact(text).chars().filter(|c| !c.is_control()).collect()
}

/// Checks the package itself: every part well-formed XML with a content type, every
/// internal relationship pointing at a part that exists. Returns the slide part names
/// in presentation order.
pub(crate) fn check_package(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let types = text(files, "[Content_Types].xml");
    let overrides = attributes(&types, "Override", "PartName");
    let defaults = attributes(&types, "Default", "Extension");
    for (name, bytes) in files {
        let extension = name.rsplit('.').next().unwrap();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let mut reader = quick_xml::Reader::from_reader(bytes.as_slice());
            let mut buffer = Vec::new();
            loop {
                match reader.read_event_into(&mut buffer) {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => buffer.clear(),
                    Err(e) => panic!("{name} is not well-formed XML: {e}"),
                }
            }
        }
        if name == "[Content_Types].xml" || name.ends_with(".rels") {
            continue;
        }
        if name.ends_with(".xml") {
            assert!(overrides.contains(&format!("/{name}")), "{name} has no content type");
        } else {
            assert!(defaults.iter().any(|d| d == extension), "{name} has no content type");
        }
    }
    for part in &overrides {
        assert!(files.contains_key(part.trim_start_matches('/')), "{part} is listed but absent");
    }
    for (name, bytes) in files.iter().filter(|(n, _)| n.ends_with(".rels")) {
        let rels = String::from_utf8(bytes.clone()).unwrap();
        let source_dir =
            name.trim_end_matches(".rels").rsplit_once("/_rels/").map_or("", |(d, _)| d);
        let source_dir = if name.starts_with("_rels/") { "" } else { source_dir };
        let targets = attributes(&rels, "Relationship", "Target");
        let modes =
            rels.split("<Relationship ").skip(1).map(|r| r.contains("TargetMode=\"External\""));
        for (target, external) in targets.iter().zip(modes) {
            if external {
                continue;
            }
            let resolved = resolve(source_dir, target);
            assert!(
                files.contains_key(&resolved),
                "{name}: target {target} ({resolved}) is missing"
            );
        }
    }
    let presentation = text(files, "ppt/presentation.xml");
    let rels = text(files, "ppt/_rels/presentation.xml.rels");
    let ids = attributes(&presentation, "p:sldId", "r:id");
    let rel_ids = attributes(&rels, "Relationship", "Id");
    let rel_targets = attributes(&rels, "Relationship", "Target");
    ids.iter()
        .map(|id| {
            let i = rel_ids.iter().position(|r| r == id).expect("slide relationship");
            resolve("ppt", &rel_targets[i])
        })
        .collect()
}

/// `dir` + a relative `target`, with `..` resolved.
pub(crate) fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// The notes part of a slide, through its relationships.
fn notes_of(files: &BTreeMap<String, Vec<u8>>, slide: &str) -> Option<String> {
    let (dir, name) = slide.rsplit_once('/').unwrap();
    let rels = text(files, &format!("{dir}/_rels/{name}.rels"));
    let targets = attributes(&rels, "Relationship", "Target");
    let target = targets.iter().find(|t| t.contains("notesSlides/"))?;
    Some(text(files, &resolve(dir, target)))
}

/// The text runs a reader must find on a slide: every piece of text of its blocks and
/// footnotes (footnote numbers and list markers sit between them).
fn runs(slide: &Slide) -> Vec<String> {
    let mut out = Vec::new();
    for block in slide.blocks.iter().chain(slide.footnotes.iter().flat_map(|(_, b)| b)) {
        block_runs(block, &mut out);
    }
    out.into_iter().map(|r| squeeze(&r)).filter(|r| !r.is_empty()).collect()
}

fn block_runs(block: &Block, out: &mut Vec<String>) {
    match &block.kind {
        BlockKind::Heading { content, .. } | BlockKind::Paragraph(content) => {
            inline_runs(content, out)
        }
        BlockKind::CodeBlock { code, .. } => out.extend(code.lines().map(str::to_string)),
        // A typeset display formula is a picture in the deck, its source the alt text.
        BlockKind::Math(formula) if formula.typst.is_some() => {}
        BlockKind::Math(formula) => out.extend(formula.latex.lines().map(str::to_string)),
        BlockKind::BlockQuote(inner) => inner.iter().for_each(|b| block_runs(b, out)),
        BlockKind::List(list) => {
            list.items.iter().flat_map(|i| &i.blocks).for_each(|b| block_runs(b, out))
        }
        BlockKind::Table(table) => {
            for cell in table.header.iter().chain(table.rows.iter().flatten()) {
                inline_runs(cell, out);
            }
            if let Some(caption) = &table.caption {
                inline_runs(caption, out);
            }
        }
        BlockKind::Alert { blocks, .. } => blocks.iter().for_each(|b| block_runs(b, out)),
        BlockKind::DescriptionList(items) => {
            for item in items {
                inline_runs(&item.term, out);
                item.details.iter().for_each(|b| block_runs(b, out));
            }
        }
        // A chart is a chart part, its text in the chart's cached data, not in runs.
        BlockKind::ThematicBreak | BlockKind::Chart(_) => {}
    }
}

fn inline_runs(inlines: &[Inline], out: &mut Vec<String>) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push(t.clone()),
            Inline::Math(formula) => out.push(formula.latex.clone()),
            Inline::Image { alt, .. } => out.push(alt.clone()),
            Inline::MissingImage { url, alt } => out.extend([alt.clone(), url.clone()]),
            other => inline_runs(other.children().map_or(&[][..], Vec::as_slice), out),
        }
    }
}

/// Everything a reader checks in one converted report.
fn check_report(path: &Path) {
    let (converted, deck) = convert(path);
    let name = path.display();
    let slides_pdf = converted.get(Output::Slides).expect("slides PDF");
    let files = unzip(converted.get(Output::Pptx).map(|a| &a.bytes).expect("a .pptx"));
    let slides = check_package(&files);
    assert_eq!(slides.len(), slides_pdf.pages, "{name}: slide count differs from the slides PDF");
    assert_eq!(slides.len(), deck.page_count(), "{name}");

    let first = text(&files, &slides[0]);
    let title = deck.meta.title.clone().unwrap_or_default();
    assert_eq!(placeholder_text(&first, "ctrTitle").as_deref(), Some(title.as_str()), "{name}");
    let notes = deck.page_notes();
    for (i, (part, planned)) in slides.iter().skip(1).zip(&deck.slides).enumerate() {
        let xml = text(&files, part);
        let title = placeholder_text(&xml, "title");
        assert_eq!(title.as_deref(), Some(planned.title.as_str()), "{name}: slide {}", i + 2);
        let on_slide = squeeze(&drawing_text(&xml));
        for run in runs(planned) {
            assert!(on_slide.contains(&run), "{name}: slide {}: {run:?} missing", i + 2);
        }
        let tables = planned.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Table(_)));
        assert_eq!(xml.matches("<a:tbl>").count(), tables.count(), "{name}: slide {}", i + 2);
        let note = &notes[i + 1];
        match notes_of(&files, part) {
            Some(notes_xml) => {
                let body = placeholder_text(&notes_xml, "body").unwrap_or_default();
                assert_eq!(squeeze(&body), squeeze(note), "{name}: notes of slide {}", i + 2);
            }
            None => assert!(note.trim().is_empty(), "{name}: slide {} lost its notes", i + 2),
        }
    }
}

#[test]
fn every_report_gives_the_slides_of_its_pdf_with_all_their_text() {
    for report in good_reports() {
        check_report(&report);
    }
}

#[test]
fn long_tables_become_real_tables_on_the_same_slides() {
    check_report(&fixture("long-report.md"));
    let (converted, _) = convert(&fixture("long-report.md"));
    let files = unzip(converted.get(Output::Pptx).map(|a| &a.bytes).unwrap());
    let tables: usize = files
        .iter()
        .filter(|(n, _)| n.starts_with("ppt/slides/slide"))
        .map(|(_, x)| String::from_utf8_lossy(x).matches("<a:tbl>").count())
        .sum();
    assert!(tables >= 2, "the 300-row table is split over table slides, got {tables}");
}

#[test]
fn pictures_are_embedded_and_placed() {
    let path = fixture("with-image/report.md");
    check_report(&path);
    let (converted, _) = convert(&path);
    let files = unzip(converted.get(Output::Pptx).map(|a| &a.bytes).unwrap());
    let chart = std::fs::read(fixture("with-image/chart.png")).unwrap();
    let media: Vec<&Vec<u8>> =
        files.iter().filter(|(n, _)| n.starts_with("ppt/media/")).map(|(_, b)| b).collect();
    assert_eq!(media, vec![&chart], "the chart is embedded once, as it is");
    let slide = files.iter().find(|(n, x)| {
        n.starts_with("ppt/slides/slide") && String::from_utf8_lossy(x).contains("<p:pic>")
    });
    let (_, xml) = slide.expect("a slide shows the picture");
    assert!(String::from_utf8_lossy(xml).contains("descr=\"市场份额示意图\""));
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let path = fixture("scraped-zh.md");
    let (a, _) = convert(&path);
    let (b, _) = convert(&path);
    assert_eq!(
        a.get(Output::Pptx).map(|a| a.bytes.clone()),
        b.get(Output::Pptx).map(|a| a.bytes.clone())
    );
}

#[test]
fn report_text_cannot_inject_markup_and_bad_characters_are_dropped() {
    let markdown = "---\ntitle: \"A <b>&</b> \\\"deck\\\"\"\nauthor: \"</dc:creator><x>\"\n---\n\n\
                    # Part </a:t></a:r> one\n\nText with \u{1}control\u{B} and <p:sp> and \
                    [a link](<https://例.cn/a b?x=1&y=\"2\">).\n\n# Part two\n\n- item ]]> &amp;\n";
    let path = PathBuf::from("escape.md");
    let input = Input { path: &path, markdown, base_dir: None, run: None, style: None };
    let converted = converter().convert(&input).unwrap();
    let files = unzip(converted.get(Output::Pptx).map(|a| &a.bytes).unwrap());
    let slides = check_package(&files);
    let all: String = slides.iter().map(|s| drawing_text(&text(&files, s))).collect();
    for expected in ["A <b>&</b> \"deck\"", "Part </a:t></a:r> one", "<p:sp>", "item ]]> &"] {
        assert!(all.contains(expected), "{expected:?} not shown as text in {all}");
    }
    assert!(all.contains("Text with control and"), "control characters are dropped");
    let core = text(&files, "docProps/core.xml");
    assert!(core.contains("<dc:creator>&lt;/dc:creator&gt;&lt;x&gt;</dc:creator>"), "{core}");
    let rels: String = files
        .iter()
        .filter(|(n, _)| n.starts_with("ppt/slides/_rels/"))
        .map(|(_, x)| String::from_utf8_lossy(x).into_owned())
        .collect();
    assert!(
        rels.contains(
            "Target=\"https://%E4%BE%8B.cn/a%20b?x=1&amp;y=%222%22\" TargetMode=\"External\""
        ),
        "{rels}"
    );
}

#[test]
fn four_to_three_decks_have_a_four_to_three_slide_size() {
    let options = ConverterOptions {
        font_dirs: vec![fonts_dir()],
        outputs: [Output::Report, Output::Slides, Output::SpeakerNotes, Output::Pptx].into(),
        deck: DeckOptions {
            aspect: folio::deck::Aspect::Standard,
            section_dividers: true,
            ..DeckOptions::default()
        },
        ..Default::default()
    };
    let converter = Converter::new(options).unwrap();
    let path = fixture("plain-en.md");
    let markdown = std::fs::read_to_string(&path).unwrap();
    let input =
        Input { path: &path, markdown: &markdown, base_dir: path.parent(), run: None, style: None };
    let converted = converter.convert(&input).unwrap();
    let files = unzip(converted.get(Output::Pptx).map(|a| &a.bytes).unwrap());
    let slides = check_package(&files);
    assert_eq!(
        slides.len(),
        converted.get(Output::Slides).cloned().unwrap().pages,
        "dividers count as slides too"
    );
    let presentation = text(&files, "ppt/presentation.xml");
    assert!(presentation.contains("<p:sldSz cx=\"9144000\" cy=\"6858000\" type=\"screen4x3\"/>"));
    let layouts: Vec<String> = slides
        .iter()
        .map(|s| text(&files, &format!("ppt/slides/_rels/{}.rels", s.rsplit('/').next().unwrap())))
        .collect();
    assert!(
        layouts.iter().any(|r| r.contains("slideLayout3.xml")),
        "a divider uses the section layout"
    );
}

#[test]
/// A bad value in front matter costs only that option (issue 17): no .pptx, a warning.
fn a_bad_pptx_option_is_a_warning_naming_it() {
    let path = PathBuf::from("bad.md");
    let markdown = "---\npptx: maybe\n---\n\n# Title\n\nText.\n";
    let input = Input { path: &path, markdown, base_dir: None, run: None, style: None };
    let converted = common::converter().convert(&input).expect("converts");
    let warning = &converted.warnings[0];
    assert_eq!(warning.line, Some(2));
    assert!(warning.message.contains("pptx") && warning.message.contains("maybe"), "{warning:?}");
    assert!(converted.outputs.iter().all(|(output, _)| *output != Output::Pptx));
}

#[test]
fn front_matter_can_ask_for_the_pptx() {
    let path = PathBuf::from("asks.md");
    let markdown = "---\npptx: true\n---\n\n# Title\n\nText.\n";
    let input = Input { path: &path, markdown, base_dir: None, run: None, style: None };
    let converted = common::converter().convert(&input).unwrap();
    assert!(
        converted.get(Output::Pptx).map(|a| a.bytes.clone()).is_some(),
        "pptx: true in front matter writes the .pptx"
    );
    let plain = Input {
        path: &path,
        markdown: "# Title\n\nText.\n",
        base_dir: None,
        run: None,
        style: None,
    };
    assert!(
        common::converter()
            .convert(&plain)
            .unwrap()
            .get(Output::Pptx)
            .map(|a| a.bytes.clone())
            .is_none(),
        "off by default"
    );
}

#[test]
fn the_cli_writes_the_pptx_next_to_the_slides_pdf() {
    let out = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "--pptx", "-q", "--fonts"])
        .arg(fonts_dir())
        .arg("-o")
        .arg(out.path())
        .arg(fixture("plain-en.md"))
        .status()
        .unwrap();
    assert!(status.success());
    let pptx = std::fs::read(out.path().join("plain-en.pptx")).expect("plain-en.pptx written");
    assert!(out.path().join("plain-en.slides.pdf").is_file());
    check_package(&unzip(&pptx));
    let manifest = std::fs::read_to_string(out.path().join("folio-manifest.json")).unwrap();
    assert!(manifest.contains("plain-en.pptx"), "the manifest lists the .pptx");
}

/// One slide's XML, a line per shape, paragraph and table row, so changes of output are
/// reviewed in the diff (`cargo insta review`).
#[test]
fn slide_xml_snapshot() {
    let (converted, _) = convert(&fixture("plain-en.md"));
    let files = unzip(converted.get(Output::Pptx).map(|a| &a.bytes).unwrap());
    let slides = check_package(&files);
    let xml = slides.iter().map(|s| text(&files, s)).find(|x| x.contains("<a:tbl>")).unwrap();
    let mut readable = xml;
    for tag in ["<p:sp>", "<p:graphicFrame>", "<p:pic>", "<a:p>", "<a:tr "] {
        readable = readable.replace(tag, &format!("\n{tag}"));
    }
    insta::assert_snapshot!("plain-en.table-slide.xml", readable);
}

/// A report showing one SVG picture `width` × `height` px with description `alt`:
/// its conversion, and the files of its `.pptx`.
fn deck_with_svg(width: u32, height: u32, alt: &str) -> (Converted, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    let svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"><rect width="{width}" height="{height}" fill="red"/></svg>"#
    );
    std::fs::write(dir.path().join("d.svg"), svg).unwrap();
    let path = dir.path().join("r.md");
    let markdown = format!("# Pictures\n\n![{alt}](d.svg)\n");
    let input = Input {
        path: &path,
        markdown: &markdown,
        base_dir: Some(dir.path()),
        run: None,
        style: None,
    };
    let converted = converter().convert(&input).unwrap();
    let files = unzip(converted.get(Output::Pptx).map(|a| &a.bytes).unwrap());
    (converted, files)
}

/// Pixel size of the first picture of a deck, drawn from an SVG.
fn first_png_size(files: &BTreeMap<String, Vec<u8>>) -> (u32, u32) {
    let png = files.get("ppt/media/image1.png").expect("the SVG drawn as PNG");
    image::load_from_memory(png).map(|i| (i.width(), i.height())).unwrap()
}

#[test]
fn svg_pictures_are_drawn_as_png() {
    let (converted, files) = deck_with_svg(40, 20, "a drawing");
    assert!(
        converted.warnings.iter().all(|w| !w.message.contains("pptx")),
        "{:?}",
        converted.warnings
    );
    check_package(&files);
    assert_eq!(first_png_size(&files), (90, 45), "40 × 20 px (30 × 15 pt) at 3 px/pt");
    assert!(files.iter().any(|(n, x)| n.starts_with("ppt/slides/slide")
        && String::from_utf8_lossy(x).contains("descr=\"a drawing\"")));
}

/// An SVG may declare any size; its PNG in the deck stays at most 4096 px a side, in
/// the SVG's proportions.
#[test]
fn a_huge_svg_is_drawn_at_most_4096_pixels_a_side() {
    let (_, files) = deck_with_svg(40_000, 20_000, "a huge drawing");
    assert_eq!(first_png_size(&files), (4096, 2048), "capped, proportions kept");
}

#[test]
fn the_pptx_comes_without_the_slides_pdf_too() {
    let options = ConverterOptions {
        font_dirs: vec![fonts_dir()],
        outputs: [Output::Report, Output::Pptx].into(),
        ..Default::default()
    };
    let converter = Converter::new(options).unwrap();
    let path = fixture("scraped-zh.md");
    let markdown = std::fs::read_to_string(&path).unwrap();
    let input =
        Input { path: &path, markdown: &markdown, base_dir: path.parent(), run: None, style: None };
    let converted = converter.convert(&input).unwrap();
    assert!(
        converted.get(Output::Slides).cloned().is_none()
            && converted.get(Output::Report).cloned().is_some()
    );
    let (with_pdf, deck) = convert(&path);
    assert_eq!(
        converted.get(Output::Pptx).map(|a| a.bytes.clone()),
        with_pdf.get(Output::Pptx).map(|a| a.bytes.clone()),
        "the same deck either way"
    );
    assert_eq!(
        check_package(&unzip(converted.get(Output::Pptx).map(|a| &a.bytes).unwrap())).len(),
        deck.page_count()
    );
}

#[test]
fn the_logo_is_on_the_title_slide() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("with-image/chart.png"), dir.path().join("logo.png")).unwrap();
    let path = dir.path().join("r.md");
    let markdown = "---\ntitle: With a logo\nlogo: logo.png\n---\n\n# Part\n\nText.\n";
    let input = Input { path: &path, markdown, base_dir: Some(dir.path()), run: None, style: None };
    let converted = converter().convert(&input).unwrap();
    let files = unzip(converted.get(Output::Pptx).map(|a| &a.bytes).unwrap());
    let slides = check_package(&files);
    assert!(text(&files, &slides[0]).contains("<p:pic>"), "the logo is placed");
    assert!(files.contains_key("ppt/media/image1.png"));
}

/// An in-page link jumps to the slide its target lands on, as in the slides PDF.
#[test]
fn in_page_links_jump_to_the_slide_of_their_target() {
    let path = PathBuf::from("jumps.md");
    // Each part long enough for a slide of its own (short sections share one).
    let items = "- one item\n- two items\n- three items\n- four items\n- five items\n";
    let markdown = &format!(
        "# Deck\n\n## First part\n\nSee [the second part](#second-part).\n\n{items}\n\
         ## Second part\n\nThe target.\n\n{items}"
    );
    let input = Input { path: &path, markdown, base_dir: None, run: None, style: None };
    let files = unzip(
        &converter().convert(&input).unwrap().get(Output::Pptx).map(|a| a.bytes.clone()).unwrap(),
    );
    let (slide, xml) = files
        .iter()
        .filter(|(name, _)| name.starts_with("ppt/slides/slide"))
        .map(|(name, bytes)| (name.clone(), String::from_utf8(bytes.clone()).unwrap()))
        .find(|(_, xml)| xml.contains("the second part"))
        .expect("a slide with the link");
    assert!(xml.contains("action=\"ppaction://hlinksldjump\""), "{xml}");
    let (dir, name) = slide.rsplit_once('/').unwrap();
    let rels = text(&files, &format!("{dir}/_rels/{name}.rels"));
    let ids = attributes(&rels, "Relationship", "Id");
    let targets = attributes(&rels, "Relationship", "Target");
    let link_id = attributes(&xml, "a:hlinkClick", "r:id").pop().unwrap();
    let target = &targets[ids.iter().position(|id| *id == link_id).unwrap()];
    let landed = text(&files, &resolve(dir, target));
    assert_eq!(placeholder_text(&landed, "title").as_deref(), Some("Second part"), "{landed}");
}
