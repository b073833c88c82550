//! The Open Packaging Conventions container: parts, their relationships, the content
//! types, and a deterministic zip (fixed timestamps, parts in a stable order), so the same
//! report always gives the same bytes.

use super::xml;
use std::io::Write;

const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Relationship types by short name (`slide`, `image`, `hyperlink`…).
fn rel_type(kind: &str) -> String {
    match kind {
        "core-properties" => {
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
                .to_string()
        }
        "extended-properties" => format!("{REL_NS}/extended-properties"),
        // A type copied whole from a template's relationships.
        full if full.contains("://") => full.to_string(),
        other => format!("{REL_NS}/{other}"),
    }
}

/// The relationships of one part, numbered `rId1`, `rId2`… in the order added.
#[derive(Debug, Clone, Default)]
pub struct Rels {
    items: Vec<(String, String, bool)>,
}

impl Rels {
    /// Adds a relationship to another part of the package (a path relative to the
    /// source part's folder); returns its id.
    pub fn add(&mut self, kind: &str, target: &str) -> String {
        self.items.push((kind.to_string(), xml::escape(target), false));
        format!("rId{}", self.items.len())
    }

    /// Adds a link to an address outside the package, once per address; returns its id.
    pub fn external(&mut self, kind: &str, url: &str) -> String {
        let target = xml::uri(url);
        if let Some(i) = self.items.iter().position(|(k, t, e)| *e && k == kind && *t == target) {
            return format!("rId{}", i + 1);
        }
        self.items.push((kind.to_string(), target, true));
        format!("rId{}", self.items.len())
    }

    /// The `.rels` part.
    pub fn to_xml(&self) -> String {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
        );
        for (i, (kind, target, external)) in self.items.iter().enumerate() {
            let mode = if *external { " TargetMode=\"External\"" } else { "" };
            out.push_str(&format!(
                "<Relationship Id=\"rId{}\" Type=\"{}\" Target=\"{target}\"{mode}/>",
                i + 1,
                rel_type(kind)
            ));
        }
        out.push_str("</Relationships>");
        out
    }
}

/// Content types of the package's XML parts, by part kind.
pub fn content_type(kind: &str) -> &'static str {
    match kind {
        "presentation" => {
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
        }
        "slideMaster" => {
            "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"
        }
        "slideLayout" => {
            "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"
        }
        "slide" => "application/vnd.openxmlformats-officedocument.presentationml.slide+xml",
        "notesMaster" => {
            "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml"
        }
        "notesSlide" => {
            "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml"
        }
        "theme" => "application/vnd.openxmlformats-officedocument.theme+xml",
        "chart" => "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
        "presProps" => "application/vnd.openxmlformats-officedocument.presentationml.presProps+xml",
        "viewProps" => "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml",
        "tableStyles" => {
            "application/vnd.openxmlformats-officedocument.presentationml.tableStyles+xml"
        }
        "core-properties" => "application/vnd.openxmlformats-package.core-properties+xml",
        "extended-properties" => {
            "application/vnd.openxmlformats-officedocument.extended-properties+xml"
        }
        _ => "application/xml",
    }
}

/// How a part copied from a template declares its content type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartType {
    /// Its own (`Override`).
    Override(String),
    /// Its extension's (`Default`): the extension and the type.
    Default(String, String),
    /// None declared.
    None,
}

/// Pictures and chart workbooks the package embeds, by file extension.
pub const MEDIA_TYPES: &[(&str, &str)] = &[
    ("png", "image/png"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
];

/// Parts collected in order, then zipped.
#[derive(Debug, Default)]
pub struct Package {
    /// (path inside the zip, content type override or none for media, bytes)
    parts: Vec<(String, Option<String>, Vec<u8>)>,
    /// Content types by extension besides [`MEDIA_TYPES`], for parts copied from a
    /// template (`emf`, `jpg`, `svg`…).
    defaults: std::collections::BTreeMap<String, String>,
}

impl Package {
    /// Adds an XML part with its content type.
    pub fn xml(&mut self, path: &str, kind: &str, text: String) {
        let kind = content_type(kind).to_string();
        self.parts.push((path.to_string(), Some(kind), text.into_bytes()));
    }

    /// Adds a part copied as it is, with its content type: an override, or by extension.
    pub fn copied(&mut self, path: &str, content_type: PartType, bytes: Vec<u8>) {
        let content_type = match content_type {
            PartType::Override(content_type) => Some(content_type),
            PartType::Default(extension, content_type) => {
                let known = MEDIA_TYPES.iter().any(|(e, _)| e.eq_ignore_ascii_case(&extension));
                let fixed = ["rels", "xml"].contains(&extension.to_ascii_lowercase().as_str());
                if !known && !fixed {
                    self.defaults.insert(extension, content_type);
                }
                None
            }
            PartType::None => None,
        };
        self.parts.push((path.to_string(), content_type, bytes));
    }

    /// Whether a part of that name was added.
    pub fn has(&self, path: &str) -> bool {
        self.parts.iter().any(|(p, _, _)| p == path)
    }

    /// Adds the relationships of the part at `path` (`""` for the package itself).
    pub fn rels(&mut self, path: &str, rels: &Rels) {
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        let rels_path = match dir {
            "" => format!("_rels/{name}.rels"),
            dir => format!("{dir}/_rels/{name}.rels"),
        };
        self.parts.push((rels_path, None, rels.to_xml().into_bytes()));
    }

    /// Adds a picture (its type comes from the extension, see [`MEDIA_TYPES`]).
    pub fn media(&mut self, path: &str, bytes: Vec<u8>) {
        self.parts.push((path.to_string(), None, bytes));
    }

    /// `[Content_Types].xml`: defaults by extension, an override for every XML part.
    fn content_types(&self) -> String {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>",
        );
        let defaults = MEDIA_TYPES.iter().map(|(e, m)| (*e, *m));
        let copied = self.defaults.iter().map(|(e, m)| (e.as_str(), m.as_str()));
        for (extension, mime) in defaults.chain(copied) {
            let (extension, mime) = (xml::escape(extension), xml::escape(mime));
            out.push_str(&format!("<Default Extension=\"{extension}\" ContentType=\"{mime}\"/>"));
        }
        for (path, content_type, _) in &self.parts {
            if let Some(content_type) = content_type {
                out.push_str(&format!(
                    "<Override PartName=\"/{}\" ContentType=\"{}\"/>",
                    xml::escape(path),
                    xml::escape(content_type)
                ));
            }
        }
        out.push_str("</Types>");
        out
    }

    /// The zip: content types first, then the parts in the order added.
    pub fn finish(self) -> Result<Vec<u8>, String> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        let content_types = self.content_types();
        let files =
            std::iter::once(("[Content_Types].xml".to_string(), content_types.into_bytes()))
                .chain(self.parts.into_iter().map(|(path, _, bytes)| (path, bytes)));
        for (path, bytes) in files {
            zip.start_file(path, options).map_err(|e| e.to_string())?;
            zip.write_all(&bytes).map_err(|e| e.to_string())?;
        }
        Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
    }
}
