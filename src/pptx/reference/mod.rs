//! A company's own PowerPoint template (`--reference-pptx`, issue 20): its package read
//! and checked once, so the deck can be written on its masters and layouts.
//!
//! A template is anyone's file: it is checked for size before it is read, every part is
//! read with a cap on its unpacked size, and its XML is parsed by `roxmltree` (no
//! external entities, bounded entity expansion). What Folio needs of it is gathered here:
//! the slide size, the theme's colours and fonts, and each layout's placeholders
//! ([`layouts`]); the parts themselves are kept to be copied into the deck.

mod brand;
mod frame;
pub mod layouts;
mod package;
mod theme;

pub use brand::brand_pdfs;
pub use frame::{Fitted, fit, is_usable};
pub use layouts::{Layout, LayoutChoice, Placeholder, PlaceholderKind, SlideRole};
pub use theme::ThemeFacts;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Largest template accepted, in bytes (a real one with pictures on its masters is a
/// few MB).
pub const MAX_TEMPLATE_BYTES: u64 = 100 * 1024 * 1024;

/// Why a template cannot be used; each names the file.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
#[error("{path}: cannot use as a PowerPoint template: {reason}", path = path.display())]
pub struct ReferenceError {
    pub path: PathBuf,
    pub reason: String,
}

/// A template, read and checked.
#[derive(Debug, Clone)]
pub struct Reference {
    pub path: PathBuf,
    /// Every part of the package by name (`ppt/slideMasters/slideMaster1.xml`…).
    pub parts: BTreeMap<String, Vec<u8>>,
    /// Slide width and height, in EMU.
    pub slide_size: (i64, i64),
    pub theme: ThemeFacts,
    /// The layouts of every master, in the order the masters list them.
    pub layouts: Vec<Layout>,
    /// The first master's placeholders: the boxes and text sizes its layouts inherit.
    pub master: Vec<Placeholder>,
    /// The masters of the template's own example slides, in their order.
    pub example_masters: Vec<String>,
}

impl Reference {
    /// The layout of each kind of slide: by placeholders, on the masters the template's
    /// example slides show for title and content first; `overrides` from `[pptx.layouts]`.
    pub fn choose(&self, overrides: &BTreeMap<String, String>) -> Result<LayoutChoice, String> {
        let preferred = layouts::Preferred {
            title: self.example_masters.first().map(String::as_str),
            body: self.example_masters.get(1).map(String::as_str),
        };
        layouts::choose_preferring(&self.layouts, preferred, overrides)
    }
}

/// What changes when the template at `path` is saved again (its size and time of
/// change), for the build fingerprint: a deck on a changed template is made again.
pub fn stamp(path: &Path) -> Vec<u8> {
    let metadata = std::fs::metadata(path).ok();
    let modified = metadata.as_ref().and_then(|m| m.modified().ok());
    let since = modified.and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
    let length = metadata.map_or(0, |m| m.len());
    format!("{}:{length}:{since:?}", path.display()).into_bytes()
}

/// Reads the template at `path`: a `.pptx` or `.potx` of at most
/// [`MAX_TEMPLATE_BYTES`] with at least one layout that has a title placeholder.
pub fn read(path: &Path) -> Result<Reference, ReferenceError> {
    let fail = |reason: String| ReferenceError { path: path.to_path_buf(), reason };
    let parts = package::read_parts(path).map_err(fail)?;
    let presentation = parts
        .get("ppt/presentation.xml")
        .ok_or_else(|| fail("not a presentation (no ppt/presentation.xml)".into()))?;
    let slide_size = package::slide_size(presentation).map_err(fail)?;
    let theme = theme::read(&parts).map_err(fail)?;
    let (layouts, master) = layouts::read_all(&parts).map_err(fail)?;
    if !layouts.iter().any(Layout::has_title) {
        return Err(fail("no slide layout has a title placeholder".into()));
    }
    let examples = package::example_layouts(&parts).map_err(fail)?;
    let example_masters = examples
        .iter()
        .filter_map(|part| layouts.iter().find(|l| l.part == *part))
        .map(|layout| layout.master.clone())
        .collect();
    Ok(Reference {
        path: path.to_path_buf(),
        parts,
        slide_size,
        theme,
        layouts,
        master,
        example_masters,
    })
}

pub(crate) use package::{relations, resolve};

/// The XML text of part `name`, parsed; an error in words naming the part.
pub(crate) fn parse<'a>(name: &str, bytes: &'a [u8]) -> Result<roxmltree::Document<'a>, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| format!("{name} is not UTF-8 XML"))?;
    let options = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
    roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| format!("{name} is not well-formed XML: {e}"))
}

/// The first descendant of `node` with local name `name`.
fn find<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.descendants().find(|n| n.tag_name().name() == name)
}

/// The children of `node` with local name `name`.
fn children<'a, 'i: 'a>(
    node: roxmltree::Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> + 'a {
    node.children().filter(move |n| n.tag_name().name() == name)
}

#[cfg(test)]
mod tests;
