//! The template's theme: its colour scheme and its heading and body fonts, which the
//! deck inherits and `--brand-from-reference` passes on to the PDFs.

use super::package::relations;
use std::collections::BTreeMap;

/// The colours and fonts of the template's first master's theme.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThemeFacts {
    /// Scheme colours by slot (`dk1`, `lt1`, `dk2`, `lt2`, `accent1`…`accent6`, `hlink`,
    /// `folHlink`) as `RRGGBB`.
    pub colours: BTreeMap<String, String>,
    /// Heading (`major`) and body (`minor`) typefaces, Latin and East Asian; empty when
    /// the theme leaves one to the application.
    pub major_latin: String,
    pub major_east_asian: String,
    pub minor_latin: String,
    pub minor_east_asian: String,
}

/// The theme of the first slide master the presentation lists.
pub fn read(parts: &BTreeMap<String, Vec<u8>>) -> Result<ThemeFacts, String> {
    let master = first_of(parts, "ppt/presentation.xml", "slideMaster")?
        .ok_or("the presentation has no slide master")?;
    let Some(theme) = first_of(parts, &master, "theme")? else {
        return Ok(ThemeFacts::default());
    };
    let bytes = parts.get(&theme).ok_or_else(|| format!("{theme} is missing"))?;
    let doc = super::parse(&theme, bytes)?;
    let mut facts = ThemeFacts::default();
    if let Some(scheme) = super::find(doc.root(), "clrScheme") {
        for slot in scheme.children().filter(|n| n.is_element()) {
            if let Some(colour) = colour_of(slot) {
                facts.colours.insert(slot.tag_name().name().to_string(), colour);
            }
        }
    }
    let typeface = |font: &str, script: &str| {
        super::find(doc.root(), font)
            .and_then(|f| super::children(f, script).next())
            .and_then(|n| n.attribute("typeface"))
            .unwrap_or_default()
            .to_string()
    };
    facts.major_latin = typeface("majorFont", "latin");
    facts.major_east_asian = typeface("majorFont", "ea");
    facts.minor_latin = typeface("minorFont", "latin");
    facts.minor_east_asian = typeface("minorFont", "ea");
    Ok(facts)
}

/// The first part of relationship type `kind` that `part` relates to.
fn first_of(
    parts: &BTreeMap<String, Vec<u8>>,
    part: &str,
    kind: &str,
) -> Result<Option<String>, String> {
    Ok(relations(parts, part)?.into_iter().find(|(k, _)| k == kind).map(|(_, target)| target))
}

/// A scheme slot's colour as `RRGGBB`: an sRGB value, or a system colour's last value.
fn colour_of(slot: roxmltree::Node) -> Option<String> {
    let value = slot.children().find_map(|c| match c.tag_name().name() {
        "srgbClr" => c.attribute("val"),
        "sysClr" => c.attribute("lastClr"),
        _ => None,
    })?;
    let valid = value.len() == 6 && value.chars().all(|c| c.is_ascii_hexdigit());
    valid.then(|| value.to_ascii_uppercase())
}
