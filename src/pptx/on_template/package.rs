//! The template's own parts in the deck's package: everything its presentation reaches
//! but its example slides (masters, layouts, themes, notes and handout masters, their
//! pictures, the presentation's properties), copied as they are with their content
//! types; and its presentation part with the deck's slides listed in place of its own.

use crate::pptx::package::{Package, PartType};
use crate::pptx::reference::{Reference, parse, relations, resolve};
use crate::pptx::xml;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::ops::Range;

const PRESENTATION: &str = "ppt/presentation.xml";
const PRESENTATION_RELS: &str = "ppt/_rels/presentation.xml.rels";
const P_NS: &str = "http://schemas.openxmlformats.org/presentationml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// Relationships left out: to the template's example slides and their notes, to its
/// view settings (which list its slides; the deck gets Folio's), and to macros (a
/// `.potm`'s), which a `.pptx` may not hold.
const LEFT_OUT: [&str; 4] = ["slide", "notesSlide", "viewProps", "vbaProject"];

/// A relationship of the presentation part.
#[derive(Debug, Clone, PartialEq)]
struct Rel {
    id: String,
    kind: String,
    target: String,
    external: bool,
}

/// The template's parts, copied; what the rest of the package needs to know of them.
#[derive(Debug)]
pub struct Copied {
    /// The notes master's part name and relationship id, when the template has one.
    pub notes_master: Option<(String, String)>,
    /// The presentation's relationships kept from the template.
    rels: Vec<Rel>,
}

/// Copies every part the template's presentation reaches, but its slides and their
/// notes, with each part's relationships.
pub fn copy_parts(package: &mut Package, reference: &Reference) -> Result<Copied, String> {
    let parts = &reference.parts;
    let rels = presentation_rels(reference)?;
    let kept_rels: Vec<Rel> =
        rels.into_iter().filter(|r| !LEFT_OUT.contains(&short(&r.kind))).collect();
    let mut queue: VecDeque<String> =
        kept_rels.iter().filter(|r| !r.external).map(|r| resolve_from_ppt(&r.target)).collect();
    let mut kept = BTreeSet::new();
    while let Some(part) = queue.pop_front() {
        // The presentation part is written anew; nothing reached from it replaces it.
        if part == PRESENTATION || !parts.contains_key(&part) || !kept.insert(part.clone()) {
            continue;
        }
        for (kind, target) in relations(parts, &part)? {
            if !LEFT_OUT.contains(&kind.as_str()) {
                queue.push_back(target);
            }
        }
    }
    let types = ContentTypes::read(reference)?;
    for part in &kept {
        package.copied(part, types.of(part), parts[part].clone());
        let rels = rels_name(part);
        if let Some(bytes) = parts.get(&rels) {
            package.copied(&rels, PartType::None, bytes.clone());
        }
    }
    // A relationship to a part the template lacks would dangle.
    let kept_rels: Vec<Rel> = kept_rels
        .into_iter()
        .filter(|r| r.external || kept.contains(&resolve_from_ppt(&r.target)))
        .collect();
    let notes_master = kept_rels
        .iter()
        .find(|r| short(&r.kind) == "notesMaster")
        .map(|r| (resolve_from_ppt(&r.target), r.id.clone()));
    Ok(Copied { notes_master, rels: kept_rels })
}

/// The presentation's relationships: the template's kept ones, then `added` (kind and
/// target from `ppt/`), numbered after the template's. Returns the part and the added
/// relationships' ids in order.
pub fn presentation_rels_part(copied: &Copied, added: &[(&str, &str)]) -> (String, Vec<String>) {
    let numbers = copied.rels.iter().filter_map(|r| r.id.strip_prefix("rId")?.parse().ok());
    let mut next: u32 = numbers.max().unwrap_or(0);
    let mut rels = copied.rels.clone();
    let mut ids = Vec::new();
    for (kind, target) in added {
        next += 1;
        let id = format!("rId{next}");
        let kind = format!("{R_NS}/{kind}");
        rels.push(Rel { id: id.clone(), kind, target: target.to_string(), external: false });
        ids.push(id);
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for rel in &rels {
        let mode = if rel.external { " TargetMode=\"External\"" } else { "" };
        out.push_str(&format!(
            "<Relationship Id=\"{}\" Type=\"{}\" Target=\"{}\"{mode}/>",
            xml::escape(&rel.id),
            xml::escape(&rel.kind),
            xml::escape(&rel.target)
        ));
    }
    out.push_str("</Relationships>");
    (out, ids)
}

/// The template's presentation part with `slides` (relationship ids) as its slide list
/// and `notes_master` (a relationship id) as its notes master list. Its own slide and
/// notes master lists, custom shows and sections (which name its slides) are left out;
/// everything else (masters, slide and notes sizes, default text style) stays as the
/// template has it.
pub fn presentation_part(
    reference: &Reference,
    slides: &[String],
    notes_master: Option<&str>,
) -> Result<String, String> {
    let text = std::str::from_utf8(&reference.parts[PRESENTATION])
        .map_err(|_| format!("{PRESENTATION} is not UTF-8 XML"))?;
    let doc = parse(PRESENTATION, text.as_bytes())?;
    let root = doc.root_element();
    let (p, p_decl) = prefix(root, P_NS, "p", true);
    let (r, r_decl) = prefix(root, R_NS, "r", false);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for child in root.children().filter(|n| n.is_element()) {
        match child.tag_name().name() {
            "sldIdLst" | "custShowLst" | "notesMasterIdLst" => {
                edits.push((child.range(), String::new()))
            }
            "extLst" => {
                let sections = child
                    .children()
                    .filter(|ext| ext.descendants().any(|n| n.tag_name().name() == "sectionLst"));
                edits.extend(sections.map(|ext| (ext.range(), String::new())));
            }
            "sldMasterIdLst" => {
                if let Some(id) = notes_master {
                    let list = format!(
                        "<{p}notesMasterIdLst{p_decl}{r_decl}><{p}notesMasterId {r}id=\"{id}\"/></{p}notesMasterIdLst>"
                    );
                    edits.push((child.range().end..child.range().end, list));
                }
            }
            "sldSz" => {
                let ids: String = slides
                    .iter()
                    .enumerate()
                    .map(|(i, id)| format!("<{p}sldId id=\"{}\" {r}id=\"{id}\"/>", 256 + i))
                    .collect();
                let list = format!("<{p}sldIdLst{p_decl}{r_decl}>{ids}</{p}sldIdLst>");
                edits.push((child.range().start..child.range().start, list));
            }
            _ => {}
        }
    }
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out = String::with_capacity(text.len() + slides.len() * 40);
    let mut at = 0;
    for (range, insert) in edits {
        out.push_str(&text[at..range.start]);
        out.push_str(&insert);
        at = range.end;
    }
    out.push_str(&text[at..]);
    Ok(out)
}

/// The prefix (`p:`) the root binds to `uri`, and no declaration; else `fallback` with
/// its declaration. A default namespace serves elements, never attributes.
fn prefix(root: roxmltree::Node, uri: &str, fallback: &str, elements: bool) -> (String, String) {
    for ns in root.namespaces() {
        match ns.name() {
            Some(name) if ns.uri() == uri => return (format!("{name}:"), String::new()),
            None if elements && ns.uri() == uri => return (String::new(), String::new()),
            _ => {}
        }
    }
    (format!("{fallback}:"), format!(" xmlns:{fallback}=\"{uri}\""))
}

/// The presentation part's relationships as written, types and ids whole.
fn presentation_rels(reference: &Reference) -> Result<Vec<Rel>, String> {
    let Some(bytes) = reference.parts.get(PRESENTATION_RELS) else { return Ok(Vec::new()) };
    let doc = parse(PRESENTATION_RELS, bytes)?;
    let rels = doc.descendants().filter(|n| n.tag_name().name() == "Relationship");
    Ok(rels
        .filter_map(|rel| {
            Some(Rel {
                id: rel.attribute("Id")?.to_string(),
                kind: rel.attribute("Type")?.to_string(),
                target: rel.attribute("Target")?.to_string(),
                external: rel.attribute("TargetMode") == Some("External"),
            })
        })
        .collect())
}

/// A relationship type's last segment (`slideMaster`).
fn short(kind: &str) -> &str {
    kind.rsplit('/').next().unwrap_or(kind)
}

/// A target of the presentation part (relative to `ppt/`, or absolute) as a part name.
fn resolve_from_ppt(target: &str) -> String {
    resolve("ppt", target)
}

/// The relationships part of `part`.
fn rels_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((folder, file)) => format!("{folder}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// The template's `[Content_Types].xml`: overrides by part, defaults by extension.
struct ContentTypes {
    overrides: BTreeMap<String, String>,
    defaults: BTreeMap<String, String>,
}

impl ContentTypes {
    fn read(reference: &Reference) -> Result<ContentTypes, String> {
        let name = "[Content_Types].xml";
        let bytes = reference.parts.get(name).ok_or("the package has no [Content_Types].xml")?;
        let doc = parse(name, bytes)?;
        let mut types = ContentTypes { overrides: BTreeMap::new(), defaults: BTreeMap::new() };
        for node in doc.descendants() {
            let content_type = node.attribute("ContentType").unwrap_or_default().to_string();
            match (node.tag_name().name(), node.attribute("PartName"), node.attribute("Extension"))
            {
                ("Override", Some(part), _) => {
                    let part = part.trim_start_matches('/').to_ascii_lowercase();
                    types.overrides.insert(part, content_type);
                }
                ("Default", _, Some(extension)) => {
                    types.defaults.insert(extension.to_ascii_lowercase(), content_type);
                }
                _ => {}
            }
        }
        Ok(types)
    }

    /// How `part` declares its type.
    fn of(&self, part: &str) -> PartType {
        if let Some(content_type) = self.overrides.get(&part.to_ascii_lowercase()) {
            return PartType::Override(content_type.clone());
        }
        let extension = part.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        match extension.and_then(|e| self.defaults.get(&e).map(|t| (e, t.clone()))) {
            Some((extension, content_type)) => PartType::Default(extension, content_type),
            None => PartType::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presentation_targets_resolve_from_ppt() {
        assert_eq!(
            resolve_from_ppt("slideMasters/slideMaster1.xml"),
            "ppt/slideMasters/slideMaster1.xml"
        );
        assert_eq!(resolve_from_ppt("/ppt/theme/theme1.xml"), "ppt/theme/theme1.xml");
        assert_eq!(
            rels_name("ppt/slideMasters/slideMaster1.xml"),
            "ppt/slideMasters/_rels/slideMaster1.xml.rels"
        );
    }
}
