//! Templates written part by part in the test: a 4:3 one with Chinese layout names and a
//! changed accent colour, one whose body box is half the usual height, one with only a
//! blank and a title-only layout, and broken ones.

use super::*;
use std::io::Write;

const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A placeholder shape: its type (`None`: content) and box in EMU.
fn shape(kind: Option<&str>, frame: Option<(i64, i64, i64, i64)>) -> String {
    let ph = match kind {
        Some(kind) => format!(r#"<p:ph type="{kind}"/>"#),
        None => r#"<p:ph idx="1"/>"#.to_string(),
    };
    let xfrm = frame.map_or(String::new(), |(x, y, w, h)| {
        format!(r#"<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>"#)
    });
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="2" name="s"/><p:cNvSpPr/><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr>{xfrm}</p:spPr></p:sp>"#
    )
}

fn rels(targets: &[(&str, &str)]) -> String {
    let items: String = targets
        .iter()
        .enumerate()
        .map(|(i, (kind, target))| {
            format!(r#"<Relationship Id="rId{}" Type="{REL}/{kind}" Target="{target}"/>"#, i + 1)
        })
        .collect();
    format!(
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>"#
    )
}

/// A template package: slide size, accent1, and layouts as (name, type, shapes).
fn template(size: (i64, i64), accent: &str, layouts: &[(&str, Option<&str>, String)]) -> Vec<u8> {
    let mut parts: Vec<(String, String)> = Vec::new();
    parts.push((
        "ppt/presentation.xml".into(),
        format!(r#"<p:presentation {NS}><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:sldSz cx="{}" cy="{}"/></p:presentation>"#, size.0, size.1),
    ));
    parts.push((
        "ppt/_rels/presentation.xml.rels".into(),
        rels(&[("slideMaster", "slideMasters/slideMaster1.xml")]),
    ));
    let master_shapes = shape(Some("title"), Some((457200, 274638, 8229600, 1143000)))
        + &shape(Some("body"), Some((457200, 1600200, 8229600, 4525963)));
    parts.push((
        "ppt/slideMasters/slideMaster1.xml".into(),
        format!(r#"<p:sldMaster {NS}><p:cSld><p:spTree>{master_shapes}</p:spTree></p:cSld><p:txStyles><p:titleStyle><a:lvl1pPr><a:defRPr sz="4400"/></a:lvl1pPr></p:titleStyle><p:bodyStyle><a:lvl1pPr><a:defRPr sz="3200"/></a:lvl1pPr></p:bodyStyle></p:txStyles></p:sldMaster>"#),
    ));
    let mut master_rels = vec![("theme", "../theme/theme1.xml".to_string())];
    for (i, (name, kind, shapes)) in layouts.iter().enumerate() {
        let kind = kind.map_or(String::new(), |k| format!(r#" type="{k}""#));
        let part = format!("ppt/slideLayouts/slideLayout{}.xml", i + 1);
        parts.push((part.clone(), format!(r#"<p:sldLayout {NS}{kind}><p:cSld name="{name}"><p:spTree>{shapes}</p:spTree></p:cSld></p:sldLayout>"#)));
        parts.push((
            format!("ppt/slideLayouts/_rels/slideLayout{}.xml.rels", i + 1),
            rels(&[("slideMaster", "../slideMasters/slideMaster1.xml")]),
        ));
        master_rels.push(("slideLayout", format!("../slideLayouts/slideLayout{}.xml", i + 1)));
    }
    let master_rels: Vec<(&str, &str)> =
        master_rels.iter().map(|(k, t)| (*k, t.as_str())).collect();
    parts.push(("ppt/slideMasters/_rels/slideMaster1.xml.rels".into(), rels(&master_rels)));
    parts.push((
        "ppt/theme/theme1.xml".into(),
        format!(r#"<a:theme {NS} name="T"><a:themeElements><a:clrScheme name="C"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:accent1><a:srgbClr val="{accent}"/></a:accent1></a:clrScheme><a:fontScheme name="F"><a:majorFont><a:latin typeface="Georgia"/><a:ea typeface="SimHei"/></a:majorFont><a:minorFont><a:latin typeface="Arial"/><a:ea typeface="SimSun"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>"#),
    ));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn saved(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("template.potx");
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// The usual five layouts, named in Chinese, on a 4:3 slide with a green accent.
fn chinese_four_by_three() -> Vec<u8> {
    let title = shape(Some("title"), None);
    template(
        (9144000, 6858000),
        "00A651",
        &[
            (
                "标题幻灯片",
                Some("title"),
                shape(Some("ctrTitle"), Some((685800, 2130425, 7772400, 1470025)))
                    + &shape(Some("subTitle"), None),
            ),
            ("标题和内容", Some("obj"), title.clone() + &shape(None, None)),
            ("节标题", Some("secHead"), title.clone() + &shape(Some("body"), None)),
            ("仅标题", Some("titleOnly"), title.clone()),
            ("空白", Some("blank"), String::new()),
        ],
    )
}

#[test]
fn a_four_by_three_template_with_chinese_names_is_read_and_mapped_by_placeholders() {
    let (_dir, path) = saved(&chinese_four_by_three());
    let reference = read(&path).expect("a valid template");
    assert_eq!(reference.slide_size, (9144000, 6858000));
    assert_eq!(reference.theme.colours["accent1"], "00A651");
    assert_eq!(reference.theme.colours["dk1"], "000000");
    assert_eq!(
        (reference.theme.major_latin.as_str(), reference.theme.minor_east_asian.as_str()),
        ("Georgia", "SimSun")
    );
    let names: Vec<&str> = reference.layouts.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["标题幻灯片", "标题和内容", "节标题", "仅标题", "空白"]);
    let choice = layouts::choose(&reference.layouts, &BTreeMap::new()).unwrap();
    let name = |role| reference.layouts[choice.0[&role]].name.as_str();
    assert_eq!(name(SlideRole::Title), "标题幻灯片");
    assert_eq!(name(SlideRole::Content), "标题和内容");
    assert_eq!(name(SlideRole::Agenda), "标题和内容");
    assert_eq!(name(SlideRole::Divider), "节标题");
    assert_eq!(name(SlideRole::Table), "仅标题");
    assert_eq!(name(SlideRole::Picture), "仅标题");
    // The content layout's body box and text size come from the master.
    let body = reference.layouts[choice.0[&SlideRole::Content]].body().unwrap();
    assert_eq!(
        body.frame,
        Some(crate::pptx::geometry::Rect { x: 457200, y: 1600200, w: 8229600, h: 4525963 })
    );
    assert_eq!(body.text_size, Some(3200));
}

#[test]
fn layouts_are_chosen_by_what_they_hold_when_they_give_no_type() {
    let half_body = shape(None, Some((457200, 1600200, 8229600, 2262981)));
    let bytes = template(
        (12192000, 6858000),
        "C00000",
        &[
            ("Corporate body", None, shape(Some("title"), None) + &half_body),
            ("Cover", None, shape(Some("ctrTitle"), None)),
        ],
    );
    let (_dir, path) = saved(&bytes);
    let reference = read(&path).unwrap();
    let choice = layouts::choose(&reference.layouts, &BTreeMap::new()).unwrap();
    let name = |role| reference.layouts[choice.0[&role]].name.as_str();
    assert_eq!(name(SlideRole::Content), "Corporate body");
    assert_eq!(name(SlideRole::Title), "Cover");
    let body = reference.layouts[0].body().unwrap().frame.unwrap();
    assert_eq!(body.h, 2262981, "the layout's own box wins over the master's");
}

#[test]
fn a_template_of_a_blank_and_a_title_only_layout_puts_everything_on_the_title_only_one() {
    let bytes = template(
        (12192000, 6858000),
        "1F4E79",
        &[
            ("Blank", Some("blank"), String::new()),
            ("Title Only", Some("titleOnly"), shape(Some("title"), None)),
        ],
    );
    let (_dir, path) = saved(&bytes);
    let reference = read(&path).unwrap();
    let choice = layouts::choose(&reference.layouts, &BTreeMap::new()).unwrap();
    assert!(SlideRole::ALL.iter().all(|role| choice.0[role] == 1), "{choice:?}");
}

#[test]
fn a_mapping_in_the_config_overrides_and_bad_names_are_errors_naming_the_choices() {
    let (_dir, path) = saved(&chinese_four_by_three());
    let reference = read(&path).unwrap();
    let overrides = BTreeMap::from([("content".to_string(), "仅标题".to_string())]);
    let choice = layouts::choose(&reference.layouts, &overrides).unwrap();
    assert_eq!(reference.layouts[choice.0[&SlideRole::Content]].name, "仅标题");
    let unknown = BTreeMap::from([("content".to_string(), "Corporate".to_string())]);
    let error = layouts::choose(&reference.layouts, &unknown).unwrap_err();
    assert!(
        error.contains("no layout named \"Corporate\"") && error.contains("标题和内容"),
        "{error}"
    );
    let bad_key = BTreeMap::from([("body".to_string(), "空白".to_string())]);
    assert!(
        layouts::choose(&reference.layouts, &bad_key)
            .unwrap_err()
            .contains("no slide kind \"body\"")
    );
}

#[test]
fn bad_templates_are_one_error_naming_the_file_and_the_reason() {
    let only_blank =
        template((12192000, 6858000), "000000", &[("Blank", Some("blank"), String::new())]);
    let mut not_presentation = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    not_presentation
        .start_file("word/document.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    not_presentation.write_all(b"<w/>").unwrap();
    let not_presentation = not_presentation.finish().unwrap().into_inner();
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.extend([0; 504]);
    let cases: [(&[u8], &str); 4] = [
        (b"just text", "not a zip package"),
        (&encrypted, "encrypted"),
        (&not_presentation, "not a presentation"),
        (&only_blank, "no slide layout has a title placeholder"),
    ];
    for (bytes, reason) in cases {
        let (_dir, path) = saved(bytes);
        let error = read(&path).unwrap_err();
        assert!(error.reason.contains(reason), "{error}");
        assert!(error.to_string().starts_with(&path.display().to_string()), "{error}");
    }
}

#[test]
fn a_template_over_the_size_limit_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.pptx");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_TEMPLATE_BYTES + 1).unwrap();
    let error = read(&path).unwrap_err();
    assert!(error.reason.contains("over the limit of 100 MB"), "{error}");
}

#[test]
fn xml_with_a_document_type_is_refused() {
    let bomb = r#"<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><p:presentation><p:sldSz cx="&b;" cy="1"/></p:presentation>"#;
    assert!(package::slide_size(bomb.as_bytes()).unwrap_err().contains("not well-formed"));
}

/// LibreOffice's templates type their title layout `tx` with a title and a subtitle, and
/// keep text sizes on the placeholders' sample runs, not in list styles.
#[test]
fn a_title_layout_as_libreoffice_writes_it_is_found_with_its_sizes() {
    let title_run = r#"<p:sp><p:nvSpPr><p:cNvPr id="2" name="t"/><p:cNvSpPr/><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:p><a:r><a:rPr lang="en-US" sz="3300"/><a:t>Title</a:t></a:r></a:p></p:txBody></p:sp>"#;
    let bytes = template(
        (10080625, 5670550),
        "729FCF",
        &[
            ("Title, Content", Some("obj"), shape(Some("title"), None) + &shape(None, None)),
            ("Title Slide", Some("tx"), title_run.to_string() + &shape(Some("subTitle"), None)),
        ],
    );
    let (_dir, path) = saved(&bytes);
    let reference = read(&path).unwrap();
    let choice = layouts::choose(&reference.layouts, &BTreeMap::new()).unwrap();
    let title_layout = &reference.layouts[choice.0[&SlideRole::Title]];
    assert_eq!(title_layout.name, "Title Slide");
    // New text takes the master's title style (44 pt), not the sample run's 33 pt.
    let title = title_layout.title().unwrap();
    assert_eq!((title.text_size, title.size_is_sample), (Some(4400), false));
}

/// A 4:3 template whose content layout's body box is `height` EMU tall, its text at the
/// master's 32 pt.
fn with_body_height(height: i64) -> Reference {
    let body = shape(None, Some((457200, 1600200, 8229600, height)));
    let bytes = template(
        (9144000, 6858000),
        "00A651",
        &[("Title and Content", Some("obj"), shape(Some("title"), None) + &body)],
    );
    let (_dir, path) = saved(&bytes);
    read(&path).unwrap()
}

#[test]
fn the_planner_counts_lines_in_the_templates_body_box_at_its_text_size() {
    let theme = crate::theme::Theme::default();
    let full = with_body_height(4525963);
    let half = with_body_height(4525963 / 2);
    let plan = |reference: &Reference| {
        let choice = layouts::choose(&reference.layouts, &BTreeMap::new()).unwrap();
        fit(&theme, reference, &choice)
    };
    let (full, half) = (plan(&full), plan(&half));
    assert_eq!(full.aspect, crate::deck::Aspect::Standard);
    let ratio = half.theme.slide.capacity.lines / full.theme.slide.capacity.lines;
    assert!((ratio - 0.5).abs() < 0.02, "half the box holds {ratio} of the lines");
    // 32 pt on a 10-inch slide is larger than the theme's body text: fewer lines and
    // characters a line than Folio's own slide, body and table text set larger alike.
    let own = &theme.slide;
    let fitted = &full.theme.slide;
    assert!(fitted.capacity.lines < own.capacity.lines);
    assert!(fitted.capacity.cjk_per_line < own.capacity.cjk_per_line);
    let grown = fitted.sizes.body / own.sizes.body;
    assert!(grown > 1.3 && (fitted.sizes.table / own.sizes.table - grown).abs() < 1e-9);
    assert_eq!(full.frame.body.h, 4525963);
    assert_eq!(fitted.sizes.title, own.sizes.title * ratio_of(4400, &full));
}

/// The template's `size` (hundredths of a point) over the theme's title size.
fn ratio_of(size: u32, fitted: &Fitted) -> f64 {
    let unit = crate::pptx::geometry::Geometry::unit_for(fitted.aspect, fitted.frame.slide.0);
    let own = crate::theme::Theme::default().slide.sizes.title;
    (f64::from(size) / 100.0 * 12_700.0 / unit / own).clamp(0.5, 2.0)
}

#[test]
fn the_masters_of_the_templates_example_slides_are_preferred() {
    let placeholder =
        |kind| Placeholder { kind, idx: None, frame: None, text_size: None, size_is_sample: false };
    let layout = |master: &str, part: &str, kind: &str, placeholders: Vec<Placeholder>| Layout {
        part: part.into(),
        name: part.into(),
        kind: Some(kind.into()),
        master: master.into(),
        placeholders,
    };
    let title_and_body =
        || vec![placeholder(PlaceholderKind::Title), placeholder(PlaceholderKind::Content)];
    let cover = || vec![placeholder(PlaceholderKind::CentredTitle)];
    let layouts = [
        layout("cover", "cover-title", "title", cover()),
        layout("cover", "cover-content", "obj", title_and_body()),
        layout("inside", "inside-title", "title", cover()),
        layout("inside", "inside-content", "obj", title_and_body()),
    ];
    let none = BTreeMap::new();
    let plain = layouts::choose(&layouts, &none).unwrap();
    assert_eq!(plain.0[&SlideRole::Content], 1);
    let preferred = layouts::Preferred { title: Some("cover"), body: Some("inside") };
    let chosen = layouts::choose_preferring(&layouts, preferred, &none).unwrap();
    assert_eq!((chosen.0[&SlideRole::Title], chosen.0[&SlideRole::Content]), (0, 3));
}
