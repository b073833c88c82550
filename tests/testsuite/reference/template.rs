//! Company templates written part by part, as PowerPoint lays a template out: a master
//! with title, body, date, footer and slide number placeholders (and optionally a logo),
//! its layouts, a theme, a notes master, and an example slide that a deck must drop.

use std::io::Write;

const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT: &str = "application/vnd.openxmlformats-officedocument.presentationml";

/// The text of the template's example slide, which no deck may show.
pub const EXAMPLE_TEXT: &str = "Example slide of the template";

/// A box in EMU: x, y, width, height.
pub type Frame = (i64, i64, i64, i64);

/// A template to write.
pub struct Spec {
    pub size: (i64, i64),
    pub accent: &'static str,
    /// Body fonts: Latin and East Asian.
    pub fonts: (&'static str, &'static str),
    /// (name, PowerPoint's layout type, its placeholders as (type or none for content, idx, own box))
    pub layouts: Vec<(&'static str, Option<&'static str>, Vec<Placeholder>)>,
    pub master_body: Frame,
    /// A PNG drawn on the master.
    pub logo: Option<Vec<u8>>,
    pub notes_master: bool,
}

/// A layout placeholder: its type (none: content), index and own box.
pub type Placeholder = (Option<&'static str>, Option<u32>, Option<Frame>);

fn xfrm(frame: Option<Frame>) -> String {
    frame.map_or(String::new(), |(x, y, w, h)| {
        format!(r#"<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>"#)
    })
}

fn shape(id: usize, (kind, idx, frame): Placeholder) -> String {
    let kind = kind.map_or(String::new(), |k| format!(r#" type="{k}""#));
    let idx = idx.map_or(String::new(), |i| format!(r#" idx="{i}""#));
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="Placeholder {id}"/><p:cNvSpPr/><p:nvPr><p:ph{kind}{idx}/></p:nvPr></p:nvSpPr><p:spPr>{}</p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>"#,
        xfrm(frame)
    )
}

fn tree(shapes: &str) -> String {
    format!(
        r#"<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>{shapes}</p:spTree></p:cSld>"#
    )
}

fn rels(targets: &[(&str, String)]) -> String {
    let items: String = targets
        .iter()
        .enumerate()
        .map(|(i, (kind, target))| {
            format!(r#"<Relationship Id="rId{}" Type="{REL}/{kind}" Target="{target}"/>"#, i + 1)
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>"#
    )
}

/// The master: title, body, date, footer and slide number, the logo, text sizes.
fn master(spec: &Spec, layouts: usize) -> (String, String) {
    let (w, h) = spec.size;
    let mut shapes = shape(2, (Some("title"), None, Some((w / 20, h / 25, w * 9 / 10, h / 6))));
    shapes += &shape(3, (Some("body"), Some(1), Some(spec.master_body)));
    shapes += &shape(4, (Some("dt"), Some(10), Some((w / 20, h * 92 / 100, w / 4, h / 20))));
    shapes +=
        &shape(5, (Some("ftr"), Some(11), Some((w * 35 / 100, h * 92 / 100, w * 3 / 10, h / 20))));
    shapes +=
        &shape(6, (Some("sldNum"), Some(12), Some((w * 7 / 10, h * 92 / 100, w / 4, h / 20))));
    let mut targets: Vec<(&str, String)> = (1..=layouts)
        .map(|n| ("slideLayout", format!("../slideLayouts/slideLayout{n}.xml")))
        .collect();
    targets.push(("theme", "../theme/theme1.xml".into()));
    if spec.logo.is_some() {
        targets.push(("image", "../media/logo.png".into()));
        shapes += &format!(
            r#"<p:pic><p:nvPicPr><p:cNvPr id="7" name="Company logo"/><p:cNvPicPr/><p:nvPr userDrawn="1"/></p:nvPicPr><p:blipFill><a:blip r:embed="rId{}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>"#,
            targets.len(),
            xfrm(Some((w * 85 / 100, h / 50, w / 10, h / 20)))
        );
    }
    let ids: String = (1..=layouts)
        .map(|n| format!(r#"<p:sldLayoutId id="{}" r:id="rId{n}"/>"#, 2147483648u32 + n as u32))
        .collect();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sldMaster {NS}>{}<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/><p:sldLayoutIdLst>{ids}</p:sldLayoutIdLst><p:txStyles><p:titleStyle><a:lvl1pPr><a:defRPr sz="3600"/></a:lvl1pPr></p:titleStyle><p:bodyStyle><a:lvl1pPr><a:defRPr sz="2400"/></a:lvl1pPr></p:bodyStyle><p:otherStyle/></p:txStyles></p:sldMaster>"#,
        tree(&shapes)
    );
    (xml, rels(&targets))
}

fn theme(spec: &Spec) -> String {
    let colours: String = [
        ("dk1", "000000"),
        ("lt1", "FFFFFF"),
        ("dk2", "1F2937"),
        ("lt2", "EEECE1"),
        ("accent1", spec.accent),
        ("accent2", "ED7D31"),
        ("accent3", "A5A5A5"),
        ("accent4", "FFC000"),
        ("accent5", "5B9BD5"),
        ("accent6", "70AD47"),
        ("hlink", "0563C1"),
        ("folHlink", "954F72"),
    ]
    .iter()
    .map(|(slot, hex)| format!(r#"<a:{slot}><a:srgbClr val="{hex}"/></a:{slot}>"#))
    .collect();
    let (latin, ea) = spec.fonts;
    let font = |kind: &str| {
        format!(
            r#"<a:{kind}><a:latin typeface="{latin}"/><a:ea typeface="{ea}"/><a:cs typeface=""/></a:{kind}>"#
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a:theme {NS} name="House"><a:themeElements><a:clrScheme name="House">{colours}</a:clrScheme><a:fontScheme name="House">{}{}</a:fontScheme><a:fmtScheme name="House"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"#,
        font("majorFont"),
        font("minorFont")
    )
}

/// The template's bytes (a `.potx` package).
pub fn write(spec: &Spec) -> Vec<u8> {
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |name: &str, text: String| parts.push((name.to_string(), text.into_bytes()));
    let mut overrides = vec![
        ("/ppt/presentation.xml", format!("{CT}.template.main+xml")),
        ("/ppt/slideMasters/slideMaster1.xml", format!("{CT}.slideMaster+xml")),
        ("/ppt/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml".into()),
        ("/ppt/slides/slide1.xml", format!("{CT}.slide+xml")),
    ];
    let layout_names: Vec<String> =
        (1..=spec.layouts.len()).map(|n| format!("/ppt/slideLayouts/slideLayout{n}.xml")).collect();
    for name in &layout_names {
        overrides.push((name.as_str(), format!("{CT}.slideLayout+xml")));
    }
    let mut presentation_rels = vec![("slideMaster", "slideMasters/slideMaster1.xml".to_string())];
    let notes_list = if spec.notes_master {
        overrides.push(("/ppt/notesMasters/notesMaster1.xml", format!("{CT}.notesMaster+xml")));
        overrides.push((
            "/ppt/theme/theme2.xml",
            "application/vnd.openxmlformats-officedocument.theme+xml".into(),
        ));
        presentation_rels.push(("notesMaster", "notesMasters/notesMaster1.xml".into()));
        add(
            "ppt/notesMasters/notesMaster1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:notesMaster {NS}>{}<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/></p:notesMaster>"#,
                tree(
                    &(shape(
                        2,
                        (Some("sldImg"), Some(2), Some((1143000, 685800, 4572000, 3429000)))
                    ) + &shape(
                        3,
                        (Some("body"), Some(3), Some((685800, 4400550, 5486400, 3600450)))
                    ))
                )
            ),
        );
        add(
            "ppt/notesMasters/_rels/notesMaster1.xml.rels",
            rels(&[("theme", "../theme/theme2.xml".into())]),
        );
        add("ppt/theme/theme2.xml", theme(spec));
        format!(
            r#"<p:notesMasterIdLst><p:notesMasterId r:id="rId{}"/></p:notesMasterIdLst>"#,
            presentation_rels.len()
        )
    } else {
        String::new()
    };
    presentation_rels.push(("slide", "slides/slide1.xml".into()));
    presentation_rels.push(("theme", "theme/theme1.xml".into()));
    add(
        "ppt/presentation.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:presentation {NS} saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>{notes_list}<p:sldIdLst><p:sldId id="256" r:id="rId{}"/></p:sldIdLst><p:sldSz cx="{}" cy="{}"/><p:notesSz cx="6858000" cy="9144000"/><p:extLst><p:ext uri="{{521415D9-36F7-43E2-AB2F-B90AF26B5E84}}"><p14:sectionLst xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main"><p14:section name="Examples" id="{{A1B2C3D4-0000-0000-0000-000000000001}}"><p14:sldIdLst><p14:sldId id="256"/></p14:sldIdLst></p14:section></p14:sectionLst></p:ext></p:extLst></p:presentation>"#,
            presentation_rels.len() - 1,
            spec.size.0,
            spec.size.1
        ),
    );
    add("ppt/_rels/presentation.xml.rels", rels(&presentation_rels));
    let (master, master_rels) = master(spec, spec.layouts.len());
    add("ppt/slideMasters/slideMaster1.xml", master);
    add("ppt/slideMasters/_rels/slideMaster1.xml.rels", master_rels);
    for (n, (name, kind, placeholders)) in spec.layouts.iter().enumerate() {
        let kind = kind.map_or(String::new(), |k| format!(r#" type="{k}""#));
        let shapes: String =
            placeholders.iter().enumerate().map(|(i, p)| shape(i + 2, *p)).collect();
        add(
            &format!("ppt/slideLayouts/slideLayout{}.xml", n + 1),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sldLayout {NS}{kind} preserve="1">{}<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"#,
                tree(&shapes).replacen("<p:cSld>", &format!(r#"<p:cSld name="{name}">"#), 1)
            ),
        );
        add(
            &format!("ppt/slideLayouts/_rels/slideLayout{}.xml.rels", n + 1),
            rels(&[("slideMaster", "../slideMasters/slideMaster1.xml".into())]),
        );
    }
    add("ppt/theme/theme1.xml", theme(spec));
    add(
        "ppt/slides/slide1.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sld {NS}>{}</p:sld>"#,
            tree(&format!(
                r#"<p:sp><p:nvSpPr><p:cNvPr id="2" name="Title"/><p:cNvSpPr/><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>{EXAMPLE_TEXT}</a:t></a:r></a:p></p:txBody></p:sp>"#
            ))
        ),
    );
    add(
        "ppt/slides/_rels/slide1.xml.rels",
        rels(&[
            ("slideLayout", "../slideLayouts/slideLayout1.xml".into()),
            ("image", "../media/example-only.png".into()),
        ]),
    );
    add("_rels/.rels", rels(&[("officeDocument", "ppt/presentation.xml".into())]));
    let overrides: String = overrides
        .iter()
        .map(|(part, ct)| format!(r#"<Override PartName="{part}" ContentType="{ct}"/>"#))
        .collect();
    add(
        "[Content_Types].xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>{overrides}</Types>"#
        ),
    );
    if let Some(logo) = &spec.logo {
        parts.push(("ppt/media/logo.png".into(), logo.clone()));
    }
    parts.push(("ppt/media/example-only.png".into(), png(3, [9, 9, 9])));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A small square PNG of one colour.
pub fn png(side: u32, rgb: [u8; 3]) -> Vec<u8> {
    let image = image::RgbImage::from_pixel(side, side, image::Rgb(rgb));
    let mut bytes = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap();
    bytes
}

/// PowerPoint's usual layouts on a slide of `size`, named in `names` (title slide, title
/// and content, section header, title only, blank), the content layout's body `body`.
pub fn usual_layouts(
    (w, h): (i64, i64),
    names: [&'static str; 5],
    body: Frame,
) -> Vec<(&'static str, Option<&'static str>, Vec<Placeholder>)> {
    let title: Placeholder = (Some("title"), None, None);
    let footers: Vec<Placeholder> = vec![
        (Some("dt"), Some(10), None),
        (Some("ftr"), Some(11), None),
        (Some("sldNum"), Some(12), None),
    ];
    let with_footers = |mut shapes: Vec<Placeholder>| {
        shapes.extend(footers.iter().copied());
        shapes
    };
    vec![
        (
            names[0],
            Some("title"),
            with_footers(vec![
                (Some("ctrTitle"), None, Some((w / 10, h * 3 / 10, w * 8 / 10, h / 5))),
                (Some("subTitle"), Some(1), Some((w / 5, h * 53 / 100, w * 6 / 10, h / 4))),
            ]),
        ),
        (names[1], Some("obj"), with_footers(vec![title, (None, Some(1), Some(body))])),
        (
            names[2],
            Some("secHead"),
            with_footers(vec![
                (Some("title"), None, Some((w / 12, h * 4 / 10, w * 8 / 10, h / 5))),
                (Some("body"), Some(1), Some((w / 12, h * 62 / 100, w * 8 / 10, h / 8))),
            ]),
        ),
        (names[3], Some("titleOnly"), with_footers(vec![title])),
        (names[4], Some("blank"), footers.clone()),
    ]
}
