//! Decks on a company template (`--reference-pptx`, issue 20): templates written in the
//! test (a 4:3 one with Chinese layout names, a logo on its master and a green accent; one
//! whose body box is half the usual height; one with only a blank and a title-only layout;
//! one without a notes master; broken ones), and a report converted on each. What is
//! checked is what PowerPoint would open: the template's masters, theme, logo and slide
//! size kept, its example slide gone, every slide on one of its layouts with its text
//! inside the layout's boxes, notes pages, and as many slides as the slides PDF has pages.

mod template;

use crate::common::{fixture, folio, stderr};
use crate::pptx::{attributes, check_package, resolve, text, unzip};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use template::{EXAMPLE_TEXT, Frame, Spec, png, usual_layouts};

const FOUR_THREE: (i64, i64) = (9_144_000, 6_858_000);
const WIDE: (i64, i64) = (12_192_000, 6_858_000);
const CHINESE: [&str; 5] = ["标题幻灯片", "标题和内容", "节标题", "仅标题", "空白"];
const ENGLISH: [&str; 5] =
    ["Title Slide", "Title and Content", "Section Header", "Title Only", "Blank"];

/// The usual body box of a slide of `size`: under the title, down to the footers.
fn usual_body((w, h): (i64, i64)) -> Frame {
    (w / 20, h * 23 / 100, w * 9 / 10, h * 66 / 100)
}

/// A template with PowerPoint's usual layouts named in `names`, the content layout's body
/// `body`, and the given accent, fonts, logo and notes master.
fn spec(size: (i64, i64), names: [&'static str; 5], body: Frame) -> Spec {
    Spec {
        size,
        accent: "00A651",
        fonts: ("Georgia", "SimHei"),
        layouts: usual_layouts(size, names, body),
        master_body: usual_body(size),
        logo: Some(png(16, [200, 30, 30])),
        notes_master: true,
    }
}

/// A folder with the briefing and `template` (as `template.potx`).
fn folder(template: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("reference/briefing.md"), dir.path().join("briefing.md")).unwrap();
    std::fs::write(dir.path().join("template.potx"), template).unwrap();
    dir
}

/// Converts the briefing on the template in `dir`; fails the test if Folio failed.
fn build(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", "briefing.md", "-o", "out", "--reference-pptx", "template.potx"];
    args.extend(extra);
    let output = folio(dir, &args);
    assert!(output.status.success(), "folio failed: {}", stderr(&output));
    output
}

/// What a deck on a template was found to be.
struct Checked {
    slides: usize,
    /// The layout name of each slide.
    layouts: Vec<String>,
    files: BTreeMap<String, Vec<u8>>,
}

/// Checks the deck `out/briefing.pptx` against the template it was written on, with
/// `body` the deck's body area (the content layout's body box, or the master's).
fn check_deck(dir: &Path, template: &[u8], body: Frame) -> Checked {
    let files = unzip(&std::fs::read(dir.join("out/briefing.pptx")).unwrap());
    let original = unzip(template);
    let slides = check_package(&files);
    let presentation = text(&files, "ppt/presentation.xml");
    let size = |xml: &str| (attributes(xml, "p:sldSz", "cx"), attributes(xml, "p:sldSz", "cy"));
    assert_eq!(size(&presentation), size(&text(&original, "ppt/presentation.xml")));
    for kept in ["ppt/slideMasters/slideMaster1.xml", "ppt/theme/theme1.xml", "ppt/media/logo.png"]
    {
        assert_eq!(files.get(kept), original.get(kept), "{kept} is not the template's");
    }
    assert!(text(&files, "ppt/theme/theme1.xml").contains("<a:srgbClr val=\"00A651\"/>"));
    for (name, bytes) in &files {
        let shown = String::from_utf8_lossy(bytes);
        assert!(!shown.contains(EXAMPLE_TEXT), "{name} keeps the template's example slide");
    }
    assert!(!files.contains_key("ppt/media/example-only.png"), "the example slide's picture");
    assert!(!presentation.contains("sectionLst"), "sections naming the example slide are kept");
    check_presentation(&presentation, &text(&files, "ppt/_rels/presentation.xml.rels"));
    let mut layouts = Vec::new();
    for (i, slide) in slides.iter().enumerate() {
        let layout = layout_of(&files, slide);
        assert_eq!(
            files.get(&layout),
            original.get(&layout),
            "{slide}: {layout} not the template's"
        );
        let layout_xml = text(&files, &layout);
        layouts.push(attributes(&layout_xml, "p:cSld", "name").remove(0));
        let xml = text(&files, slide);
        assert!(xml.contains("<p:ph type=\"title\"") || xml.contains("<p:ph type=\"ctrTitle\""));
        if i > 0 {
            for frame in frames(&xml) {
                // A title on a layout without a title placeholder takes the master's box.
                let placed_title = frame == master_title(size_of(&presentation));
                assert!(
                    inside(frame, body) || placed_title,
                    "{slide}: a shape at {frame:?} lies outside {body:?}"
                );
            }
        }
    }
    check_notes(&files, &slides);
    let pdf = lopdf::Document::load(dir.join("out/briefing.slides.pdf")).unwrap();
    assert_eq!(pdf.get_pages().len(), slides.len(), "slides PDF pages against .pptx slides");
    Checked { slides: slides.len(), layouts, files }
}

/// The slide size a presentation part gives.
fn size_of(presentation: &str) -> (i64, i64) {
    let number = |name| attributes(presentation, "p:sldSz", name)[0].parse().unwrap();
    (number("cx"), number("cy"))
}

/// The title box of the test templates' master (see `template::master`).
fn master_title((w, h): (i64, i64)) -> Frame {
    (w / 20, h / 25, w * 9 / 10, h / 6)
}

/// The presentation part as PowerPoint reads it: its lists in the schema's order, each
/// once, every relationship id it names among its relationships.
fn check_presentation(presentation: &str, rels: &str) {
    const ORDER: [&str; 7] = [
        "sldMasterIdLst",
        "notesMasterIdLst",
        "handoutMasterIdLst",
        "sldIdLst",
        "sldSz",
        "notesSz",
        "extLst",
    ];
    let doc = roxmltree::Document::parse(presentation).unwrap();
    let names: Vec<&str> = doc
        .root_element()
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    let positions: Vec<usize> =
        names.iter().filter_map(|name| ORDER.iter().position(|o| o == name)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "lists out of order or twice: {names:?}");
    let ids = attributes(rels, "Relationship", "Id");
    let r_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    for node in doc.descendants() {
        if let Some(id) = node.attribute((r_ns, "id")) {
            assert!(
                ids.iter().any(|i| i == id),
                "{id} of {} is no relationship",
                node.tag_name().name()
            );
        }
    }
}

/// The layout part a slide is based on.
fn layout_of(files: &BTreeMap<String, Vec<u8>>, slide: &str) -> String {
    let (dir, name) = slide.rsplit_once('/').unwrap();
    let rels = text(files, &format!("{dir}/_rels/{name}.rels"));
    let targets = attributes(&rels, "Relationship", "Target");
    let target = targets.iter().find(|t| t.contains("slideLayout")).expect("a layout");
    resolve(dir, target)
}

/// Every notes page belongs to the deck's notes master, and some slides have notes.
fn check_notes(files: &BTreeMap<String, Vec<u8>>, slides: &[String]) {
    let notes: Vec<&String> =
        files.keys().filter(|n| n.starts_with("ppt/notesSlides/notesSlide")).collect();
    assert!(!notes.is_empty(), "no notes pages among {} slides", slides.len());
    for page in notes {
        let (dir, name) = page.rsplit_once('/').unwrap();
        let rels = text(files, &format!("{dir}/_rels/{name}.rels"));
        let targets = attributes(&rels, "Relationship", "Target");
        let master = targets.iter().find(|t| t.contains("notesMaster")).expect("its master");
        assert!(files.contains_key(&resolve(dir, master)), "{page}: {master} missing");
        assert!(text(files, page).contains("<a:t>"), "{page} is empty");
    }
}

/// The boxes (`a:off` and `a:ext`) of a slide's shapes, in EMU; not the shape tree's
/// own empty one.
fn frames(xml: &str) -> Vec<Frame> {
    xml.split("<a:off ")
        .skip(1)
        .map(|piece| {
            let number = |name: &str| -> i64 {
                let start = piece.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                piece[start..start + piece[start..].find('"').unwrap()].parse().unwrap()
            };
            (number("x"), number("y"), number("cx"), number("cy"))
        })
        .filter(|&frame| frame != (0, 0, 0, 0))
        .collect()
}

/// Whether `frame` lies inside `area`, to half a percent of the slide.
fn inside(frame: Frame, area: Frame) -> bool {
    let slack = 60_000;
    frame.0 >= area.0 - slack
        && frame.1 >= area.1 - slack
        && frame.0 + frame.2 <= area.0 + area.2 + slack
        && frame.1 + frame.3 <= area.1 + area.3 + slack
}

#[test]
fn a_four_by_three_template_with_chinese_layouts_keeps_its_logo_colours_and_size() {
    let body = usual_body(FOUR_THREE);
    let template = template::write(&spec(FOUR_THREE, CHINESE, body));
    let dir = folder(&template);
    build(dir.path(), &[]);
    let checked = check_deck(dir.path(), &template, body);
    assert_eq!(checked.layouts[0], "标题幻灯片");
    for used in ["标题和内容", "仅标题"] {
        assert!(
            checked.layouts.iter().any(|l| l == used),
            "no slide on {used}: {:?}",
            checked.layouts
        );
    }
    // The title slide's title and lines sit in the layout's placeholders.
    let first = text(&checked.files, "ppt/slides/slide1.xml");
    assert!(
        first.contains("2026 年储能行业季度简报")
            && first.contains("<p:ph type=\"subTitle\" idx=\"1\"/>")
    );
    // The slides PDF takes the template's proportions.
    let pdf = lopdf::Document::load(dir.path().join("out/briefing.slides.pdf")).unwrap();
    let page = pdf.get_pages()[&1];
    let media_box =
        pdf.get_dictionary(page).unwrap().get(b"MediaBox").unwrap().as_array().unwrap().clone();
    let side = |i: usize| media_box[i].as_float().unwrap() - media_box[i - 2].as_float().unwrap();
    assert!((side(2) / side(3) - 4.0 / 3.0).abs() < 0.01, "slides PDF is not 4:3");
}

#[test]
fn a_smaller_body_box_makes_more_slides_with_the_text_inside_it() {
    let full = usual_body(WIDE);
    let half = (full.0, full.1, full.2, full.3 / 2);
    let mut counts = Vec::new();
    for body in [full, half] {
        let template = template::write(&spec(WIDE, ENGLISH, body));
        let dir = folder(&template);
        // A README of prose, lists and code, which fill their slides.
        let readme = fixture("decks/pixelwise-readme.md");
        std::fs::copy(readme, dir.path().join("briefing.md")).unwrap();
        build(dir.path(), &[]);
        counts.push(check_deck(dir.path(), &template, body).slides);
    }
    eprintln!("slides on the full and the half body box: {counts:?}");
    assert!(counts[1] as f64 >= counts[0] as f64 * 1.3, "slides on full and half body: {counts:?}");
}

#[test]
fn a_template_of_only_blank_and_title_only_layouts_takes_text_in_boxes() {
    let mut spec = spec(WIDE, ENGLISH, usual_body(WIDE));
    spec.layouts.retain(|(name, _, _)| ["Title Only", "Blank"].contains(name));
    spec.notes_master = false;
    let template = template::write(&spec);
    let dir = folder(&template);
    build(dir.path(), &[]);
    let checked = check_deck(dir.path(), &template, usual_body(WIDE));
    assert!(checked.layouts.iter().all(|l| l == "Title Only"), "{:?}", checked.layouts);
    let text_shown: String = (2..=checked.slides)
        .map(|n| text(&checked.files, &format!("ppt/slides/slide{n}.xml")))
        .collect();
    assert!(text_shown.contains("宁德时代") && text_shown.contains("txBox=\"1\""));
    // Without a notes master of its own, the deck gets Folio's, listed in the presentation.
    let presentation = text(&checked.files, "ppt/presentation.xml");
    assert!(presentation.contains("notesMasterIdLst"), "{presentation}");
}

#[test]
fn layouts_can_be_chosen_by_name_in_folio_toml() {
    let template = template::write(&spec(WIDE, CHINESE, usual_body(WIDE)));
    let dir = folder(&template);
    let config = "reference-pptx = \"template.potx\"\n\n[pptx.layouts]\ncontent = \"仅标题\"\n";
    std::fs::write(dir.path().join("folio.toml"), config).unwrap();
    let output = folio(dir.path(), &["build", "briefing.md", "-o", "out"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let checked = check_deck(dir.path(), &template, usual_body(WIDE));
    assert!(!checked.layouts.iter().any(|l| l == "标题和内容"), "{:?}", checked.layouts);
    std::fs::write(dir.path().join("folio.toml"), config.replace("仅标题", "Corporate body"))
        .unwrap();
    let output = folio(dir.path(), &["build", "briefing.md", "-o", "again"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message.contains("no layout named \"Corporate body\"") && message.contains("标题和内容"),
        "{message}"
    );
}

#[test]
fn the_pdfs_take_the_templates_accent_and_installed_fonts_when_asked() {
    let mut spec = spec(WIDE, ENGLISH, usual_body(WIDE));
    spec.fonts = ("DejaVu Sans Mono", "SimSun");
    let template = template::write(&spec);
    let dir = folder(&template);
    let plain = build(dir.path(), &["--preview"]);
    assert!(!stderr(&plain).contains("SimSun"), "a warning without --brand-from-reference");
    let branded = folio(
        dir.path(),
        &[
            "build",
            "briefing.md",
            "-o",
            "branded",
            "--reference-pptx",
            "template.potx",
            "--brand-from-reference",
            "--preview",
        ],
    );
    let message = stderr(&branded);
    assert!(branded.status.success(), "{message}");
    assert!(message.contains("\"SimSun\" is not installed"), "{message}");
    assert!(!message.contains("\"DejaVu Sans Mono\" is not"), "{message}");
    let fonts = |out: &str| pdf_fonts(&dir.path().join(out).join("briefing.pdf"));
    assert!(!fonts("out").iter().any(|f| f.contains("DejaVuSansMono")), "{:?}", fonts("out"));
    assert!(
        fonts("branded").iter().any(|f| f.contains("DejaVuSansMono")),
        "{:?}",
        fonts("branded")
    );
    let green = |out: &str| accent_pixels(&dir.path().join(out).join("briefing.slides.page1.png"));
    assert!(
        green("branded") > 50 && green("out") == 0,
        "green pixels: {} and {}",
        green("branded"),
        green("out")
    );
}

/// The base font names a PDF embeds.
fn pdf_fonts(path: &Path) -> Vec<String> {
    let pdf = lopdf::Document::load(path).unwrap();
    pdf.objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter_map(|dict| dict.get(b"BaseFont").ok()?.as_name().ok())
        .map(|name| String::from_utf8_lossy(name).into_owned())
        .collect()
}

/// Pixels of a PNG close to the template's accent, #00A651.
fn accent_pixels(path: &Path) -> usize {
    let image = image::open(path).unwrap().to_rgb8();
    image
        .pixels()
        .filter(|p| p.0[0] < 40 && (140..=190).contains(&p.0[1]) && (60..=110).contains(&p.0[2]))
        .count()
}

#[test]
fn bad_templates_are_one_error_naming_the_file_and_nothing_is_written() {
    let mut no_title = spec(WIDE, ENGLISH, usual_body(WIDE));
    no_title.layouts.retain(|(name, _, _)| *name == "Blank");
    let no_presentation = {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        zip.finish().unwrap().into_inner()
    };
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.extend([0; 512]);
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("text", b"not a presentation at all".to_vec(), "not a zip"),
        ("word", no_presentation, "not a presentation"),
        ("encrypted", encrypted, "encrypted"),
        ("no title", template::write(&no_title), "no slide layout has a title"),
    ];
    for (case, bytes, reason) in cases {
        let dir = folder(&bytes);
        let output = folio(
            dir.path(),
            &["build", "briefing.md", "-o", "out", "--reference-pptx", "template.potx"],
        );
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{case}: {message}");
        assert!(message.contains("template.potx") && message.contains(reason), "{case}: {message}");
        assert_eq!(message.lines().filter(|l| l.contains("error")).count(), 1, "{case}: {message}");
        let written: Vec<PathBuf> = std::fs::read_dir(dir.path().join("out"))
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        assert!(written.is_empty(), "{case}: wrote {written:?}");
    }
}

#[test]
fn a_changed_template_makes_the_deck_again() {
    let mut spec = spec(WIDE, ENGLISH, usual_body(WIDE));
    let dir = folder(&template::write(&spec));
    build(dir.path(), &[]);
    let again = build(dir.path(), &[]);
    assert!(stderr(&again).contains("1 up to date"), "{}", stderr(&again));
    spec.accent = "C00000";
    std::fs::write(dir.path().join("template.potx"), template::write(&spec)).unwrap();
    let changed = build(dir.path(), &[]);
    assert!(stderr(&changed).contains("converted 1 of 1"), "{}", stderr(&changed));
    let deck = unzip(&std::fs::read(dir.path().join("out/briefing.pptx")).unwrap());
    assert!(text(&deck, "ppt/theme/theme1.xml").contains("C00000"));
}

#[test]
fn a_table_on_a_blank_layout_keeps_its_title_in_the_masters_title_box() {
    let template = template::write(&spec(WIDE, ENGLISH, usual_body(WIDE)));
    let dir = folder(&template);
    std::fs::write(dir.path().join("folio.toml"), "[pptx.layouts]\ntable = \"Blank\"\n").unwrap();
    build(dir.path(), &[]);
    let checked = check_deck(dir.path(), &template, usual_body(WIDE));
    let blank = checked.layouts.iter().position(|l| l == "Blank").expect("a slide on Blank");
    let xml = text(&checked.files, &format!("ppt/slides/slide{}.xml", blank + 1));
    assert!(xml.contains("<a:tbl>"), "the blank layout's slide holds the table");
    assert!(frames(&xml).contains(&master_title(WIDE)), "the title has no box of its own");
}

#[test]
fn a_folio_toml_beside_the_reports_names_a_template_only_in_its_own_folder() {
    let template = template::write(&spec(WIDE, ENGLISH, usual_body(WIDE)));
    let dir = folder(&template);
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    std::fs::rename(dir.path().join("briefing.md"), reports.join("briefing.md")).unwrap();
    std::fs::write(reports.join("folio.toml"), "reference-pptx = \"../template.potx\"\n").unwrap();
    let output = folio(dir.path(), &["build", "reports/briefing.md", "-o", "out"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(message.contains("outside the folder of the folio.toml that names it"), "{message}");
    assert!(!dir.path().join("out/briefing.pptx").exists());
    // The user's own configuration, given with a relative --config, may name it.
    let conf = dir.path().join("conf");
    std::fs::create_dir(&conf).unwrap();
    std::fs::write(conf.join("folio.toml"), "reference-pptx = \"../template.potx\"\n").unwrap();
    let args = ["build", "reports/briefing.md", "-o", "out", "--config", "conf/folio.toml"];
    let output = folio(dir.path(), &args);
    assert!(output.status.success(), "{}", stderr(&output));
    let deck = unzip(&std::fs::read(dir.path().join("out/briefing.pptx")).unwrap());
    assert!(text(&deck, "ppt/theme/theme1.xml").contains("00A651"));
}
