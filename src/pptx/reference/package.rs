//! The template's zip package: checked for size and kind before it is read, each part
//! read with a cap on its unpacked size.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// Unpacked size of all parts together, at most: a template is a few MB; a zip bomb
/// must not fill the memory.
const MAX_UNPACKED_BYTES: u64 = 400 * 1024 * 1024;
/// Parts in a package, at most.
const MAX_PARTS: usize = 5000;

/// The presentation namespace of Strict Open XML.
const STRICT_PRESENTATION: &str = "http://purl.oclc.org/ooxml/presentationml/main";

/// The signature of an OLE compound file: what Office writes for an encrypted (or a
/// pre-2007) presentation.
const COMPOUND_FILE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Every part of the package at `path`, by name; an error in words.
pub fn read_parts(path: &Path) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let metadata = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !metadata.is_file() {
        return Err("not a regular file".into());
    }
    if metadata.len() > super::MAX_TEMPLATE_BYTES {
        let mb = metadata.len() / (1024 * 1024);
        return Err(format!("{mb} MB, over the limit of {} MB", super::MAX_TEMPLATE_BYTES >> 20));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    if bytes.starts_with(COMPOUND_FILE) {
        return Err(
            "encrypted or in the old binary format (save it as .pptx without a password)".into()
        );
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| "not a zip package (a .pptx or .potx is one)".to_string())?;
    if archive.len() > MAX_PARTS {
        return Err(format!("more than {MAX_PARTS} parts"));
    }
    let mut parts = BTreeMap::new();
    let mut budget = MAX_UNPACKED_BYTES;
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).map_err(|e| format!("unreadable part: {e}"))?;
        if file.is_dir() {
            continue;
        }
        let name = file.name().map_err(|e| format!("unreadable part name: {e}"))?.to_string();
        let mut data = Vec::new();
        (&mut file).take(budget + 1).read_to_end(&mut data).map_err(|e| format!("{name}: {e}"))?;
        budget = budget
            .checked_sub(data.len() as u64)
            .ok_or_else(|| format!("unpacks to more than {} MB", MAX_UNPACKED_BYTES >> 20))?;
        parts.insert(name, data);
    }
    Ok(parts)
}

/// The slide size `presentation.xml` declares, in EMU.
pub fn slide_size(presentation: &[u8]) -> Result<(i64, i64), String> {
    let doc = super::parse("ppt/presentation.xml", presentation)?;
    // Strict Open XML names every part in other namespaces, which Folio does not write.
    if doc.root_element().tag_name().namespace() == Some(STRICT_PRESENTATION) {
        return Err("saved as Strict Open XML (save it as a PowerPoint presentation)".into());
    }
    let size = super::find(doc.root(), "sldSz").ok_or("the presentation has no slide size")?;
    let read = |name| size.attribute(name).and_then(|v: &str| v.parse::<i64>().ok());
    // The sizes Office Open XML allows: 1 to 56 inches a side.
    let allowed = 914_400..=51_206_400;
    match (read("cx"), read("cy")) {
        (Some(cx), Some(cy)) if allowed.contains(&cx) && allowed.contains(&cy) => Ok((cx, cy)),
        _ => Err("the presentation's slide size is not two lengths of 1 to 56 inches".into()),
    }
}

/// The layout of each of the template's own example slides, in the order the
/// presentation lists them.
pub fn example_layouts(parts: &BTreeMap<String, Vec<u8>>) -> Result<Vec<String>, String> {
    let name = "ppt/presentation.xml";
    let Some(bytes) = parts.get(name) else { return Ok(Vec::new()) };
    let doc = super::parse(name, bytes)?;
    let r_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let ids: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "sldId")
        .filter_map(|n| n.attribute((r_ns, "id")))
        .collect();
    let rels_name = "ppt/_rels/presentation.xml.rels";
    let Some(rels) = parts.get(rels_name) else { return Ok(Vec::new()) };
    let rels = super::parse(rels_name, rels)?;
    let target_of = |id: &str| {
        rels.descendants()
            .find(|n| n.tag_name().name() == "Relationship" && n.attribute("Id") == Some(id))
            .and_then(|n| n.attribute("Target"))
            .map(|target| resolve("ppt", target))
    };
    let mut layouts = Vec::new();
    for slide in ids.into_iter().filter_map(target_of) {
        let layout = relations(parts, &slide)?.into_iter().find(|(kind, _)| kind == "slideLayout");
        layouts.extend(layout.map(|(_, part)| part));
    }
    Ok(layouts)
}

/// The parts `part` relates to, by relationship type (its last path segment, e.g.
/// `slideLayout`), with targets resolved to part names.
pub fn relations(
    parts: &BTreeMap<String, Vec<u8>>,
    part: &str,
) -> Result<Vec<(String, String)>, String> {
    let (folder, file) = part.rsplit_once('/').unwrap_or(("", part));
    let rels_name = format!("{folder}/_rels/{file}.rels");
    let Some(bytes) = parts.get(&rels_name) else { return Ok(Vec::new()) };
    let doc = super::parse(&rels_name, bytes)?;
    let mut out = Vec::new();
    for rel in doc.descendants().filter(|n| n.tag_name().name() == "Relationship") {
        if rel.attribute("TargetMode") == Some("External") {
            continue;
        }
        let (Some(kind), Some(target)) = (rel.attribute("Type"), rel.attribute("Target")) else {
            continue;
        };
        let kind = kind.rsplit('/').next().unwrap_or(kind).to_string();
        out.push((kind, resolve(folder, target)));
    }
    Ok(out)
}

/// A relationship target (relative to `folder`, or absolute from the package root) as
/// a part name; `..` never climbs above the root.
pub fn resolve(folder: &str, target: &str) -> String {
    let mut segments: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => folder.split('/').filter(|s| !s.is_empty()).collect(),
    };
    for segment in target.trim_start_matches('/').split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    segments.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slide_sizes_past_what_office_allows_and_strict_files_are_refused() {
        let presentation = |ns: &str, cx: &str| {
            format!(
                r#"<p:presentation xmlns:p="{ns}"><p:sldSz cx="{cx}" cy="6858000"/></p:presentation>"#
            )
        };
        let transitional = "http://schemas.openxmlformats.org/presentationml/2006/main";
        assert_eq!(
            slide_size(presentation(transitional, "9144000").as_bytes()),
            Ok((9144000, 6858000))
        );
        for cx in ["4000000000000000000", "0", "-5", "100"] {
            let error = slide_size(presentation(transitional, cx).as_bytes()).unwrap_err();
            assert!(error.contains("1 to 56 inches"), "{cx}: {error}");
        }
        let strict = slide_size(presentation(STRICT_PRESENTATION, "9144000").as_bytes());
        assert!(strict.unwrap_err().contains("Strict Open XML"));
    }

    #[test]
    fn targets_resolve_against_the_part_folder_and_never_above_the_root() {
        assert_eq!(
            resolve("ppt/slideLayouts", "../slideMasters/slideMaster1.xml"),
            "ppt/slideMasters/slideMaster1.xml"
        );
        assert_eq!(
            resolve("ppt", "slideMasters/slideMaster1.xml"),
            "ppt/slideMasters/slideMaster1.xml"
        );
        assert_eq!(resolve("ppt", "/ppt/theme/theme1.xml"), "ppt/theme/theme1.xml");
        assert_eq!(resolve("ppt", "../../../etc/passwd"), "etc/passwd");
    }
}
