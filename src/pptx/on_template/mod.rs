//! Writing the deck on a company template (`--reference-pptx`, issue 20): each kind of
//! slide on the template layout chosen for it ([`slots`]), the template's masters,
//! layouts, theme and notes master copied into the package in place of Folio's own
//! ([`package`]).

pub mod package;
pub mod slots;

use super::geometry::TemplateFrame;
use super::reference::{LayoutChoice, Reference};

/// A company template and what Folio chose of it.
#[derive(Debug, Clone, Copy)]
pub struct Template<'a> {
    pub reference: &'a Reference,
    /// The layout of each kind of slide.
    pub choice: &'a LayoutChoice,
    /// The content layout's title and body boxes, which the deck was planned for.
    pub frame: TemplateFrame,
}

/// Folio's own theme keeps its muted grey in `accent2` and its rule colour in `accent3`;
/// a template's accents are colours of its brand. On a template, text and rules Folio
/// sets muted take the template's text colour, lightened, instead.
pub fn recolour(shapes: &str) -> String {
    shapes
        .replace(
            "<a:schemeClr val=\"accent2\"/>",
            "<a:schemeClr val=\"tx1\"><a:lumMod val=\"65000\"/><a:lumOff val=\"35000\"/></a:schemeClr>",
        )
        .replace(
            "<a:schemeClr val=\"accent3\"/>",
            "<a:schemeClr val=\"tx1\"><a:lumMod val=\"25000\"/><a:lumOff val=\"75000\"/></a:schemeClr>",
        )
}

/// A relationship target from a part in `folder` (e.g. `ppt/slides`) to the part `name`:
/// relative under `ppt/`, else absolute from the package root.
pub fn target_from(folder: &str, name: &str) -> String {
    let folder_top = folder.split('/').next().unwrap_or_default();
    match name.split_once('/') {
        Some((top, rest)) if top == folder_top && folder.matches('/').count() == 1 => {
            format!("../{rest}")
        }
        _ => format!("/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_relative_under_ppt_and_absolute_elsewhere() {
        assert_eq!(
            target_from("ppt/slides", "ppt/slideLayouts/slideLayout3.xml"),
            "../slideLayouts/slideLayout3.xml"
        );
        assert_eq!(target_from("ppt/slides", "layouts/a.xml"), "/layouts/a.xml");
    }

    #[test]
    fn muted_and_rule_colours_become_shades_of_the_templates_text() {
        let shapes = "<a:solidFill><a:schemeClr val=\"accent2\"/></a:solidFill>";
        let recoloured = recolour(shapes);
        assert!(recoloured.contains("val=\"tx1\"><a:lumMod"), "{recoloured}");
        assert!(!recoloured.contains("accent2"));
        assert_eq!(recolour("<a:schemeClr val=\"accent1\"/>"), "<a:schemeClr val=\"accent1\"/>");
    }
}
