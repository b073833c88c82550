//! Diagrams: a ```` ```mermaid ```` code block becomes a picture.
//!
//! ````text
//! ```mermaid                      ─▶  an image paragraph of /.folio-assets/diagram-<hash>.svg,
//! flowchart TD; A[收集] --> B[发布]       placed by the writers like any picture
//! ```
//! ````
//!
//! Drawing happens in-process, offline, through [`mermaid::draw`]. A diagram that cannot
//! be drawn (a syntax error, an unsupported kind, too large, a renderer failure) stays a
//! code block and gets a warning with its line: a diagram never costs a report.

mod cache;
#[cfg(feature = "mermaid")]
mod measure;
#[cfg(feature = "mermaid")]
mod mermaid;

use crate::error::Warning;
use crate::model::{Asset, BlockKind, Document, Inline};
use std::sync::Arc;

/// Turns every Mermaid code block of `doc` into a picture, adding the drawings to
/// `doc.assets`; blocks that cannot be drawn stay code, with a warning each.
pub fn resolve_diagrams(doc: &mut Document) -> Vec<Warning> {
    let mut found = Found::default();
    doc.visit_blocks_mut(&mut |block| {
        if let BlockKind::CodeBlock { lang: Some(lang), code } = &block.kind
            && is_mermaid(lang)
            && let Some(picture) = picture(code, block.span.line, &mut found)
        {
            block.kind = picture;
        }
    });
    doc.assets.extend(found.assets);
    found.warnings
}

/// What the walk collected: drawings to serve and warnings to report.
#[derive(Default)]
struct Found {
    assets: Vec<Asset>,
    warnings: Vec<Warning>,
}

/// The info string of a Mermaid block: `mermaid`, in any case, maybe with attributes after.
fn is_mermaid(lang: &str) -> bool {
    lang.split_whitespace().next().is_some_and(|word| word.eq_ignore_ascii_case("mermaid"))
}

/// The picture for the diagram `code` at `line`, its drawing added to `found`; `None`
/// (with a warning) when it cannot be drawn.
fn picture(code: &str, line: usize, found: &mut Found) -> Option<BlockKind> {
    match draw(code) {
        Ok(svg) => {
            let path = crate::model::diagram_path(cache::key(code));
            if !found.assets.iter().any(|asset| asset.path == path) {
                found.assets.push(Asset {
                    path: path.clone(),
                    bytes: svg.to_vec(),
                    pixels_per_pt: None,
                });
            }
            // No description: it would become a caption under every diagram.
            Some(BlockKind::Paragraph(vec![Inline::Image { url: path, alt: String::new() }]))
        }
        Err(reason) => {
            let message = format!("Mermaid diagram not drawn, shown as code: {reason}");
            found.warnings.push(Warning { line: Some(line), message });
            None
        }
    }
}

/// The SVG of the diagram `code`, drawn once per process for each distinct source.
fn draw(code: &str) -> Result<Arc<[u8]>, String> {
    cache::get_or_draw(code, render)
}

#[cfg(feature = "mermaid")]
fn render(code: &str) -> Result<Arc<[u8]>, String> {
    mermaid::draw(code).map(Arc::from)
}

#[cfg(not(feature = "mermaid"))]
fn render(_code: &str) -> Result<Arc<[u8]>, String> {
    Err("this Folio was built without the `mermaid` feature".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Span};

    fn code_block(lang: &str, code: &str) -> Block {
        let kind = BlockKind::CodeBlock { lang: Some(lang.into()), code: code.into() };
        Block::new(Span { line: 3, end_line: 5 }, kind)
    }

    #[test]
    fn mermaid_is_told_by_the_first_word_of_the_info_string() {
        assert!(is_mermaid("mermaid"));
        assert!(is_mermaid("Mermaid {width=80%}"));
        assert!(!is_mermaid("mermaidjs"));
        assert!(!is_mermaid("rust"));
    }

    #[test]
    fn other_code_blocks_are_left_alone() {
        let mut doc = Document::default();
        doc.blocks.push(code_block("rust", "fn main() {}"));
        let before = doc.clone();
        assert!(resolve_diagrams(&mut doc).is_empty());
        assert_eq!(doc, before);
    }

    #[test]
    fn a_diagram_that_cannot_be_drawn_stays_code_with_a_warning_at_its_line() {
        let mut doc = Document::default();
        doc.blocks.push(code_block("mermaid", "flowchart TD\n  A[never closed --> B"));
        let before = doc.clone();
        let warnings = resolve_diagrams(&mut doc);
        assert_eq!(doc, before);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(3));
        assert!(warnings[0].message.contains("Mermaid diagram not drawn"), "{warnings:?}");
    }

    #[cfg(feature = "mermaid")]
    #[test]
    fn a_diagram_in_a_list_becomes_a_picture_served_from_memory() {
        let mut doc = Document::default();
        let item = crate::model::ListItem {
            checked: None,
            blocks: vec![code_block("mermaid", "pie\n  \"甲\" : 1\n  \"乙\" : 2")],
        };
        let list = crate::model::List { start: None, tight: true, items: vec![item] };
        doc.blocks.push(Block::new(Span::default(), BlockKind::List(list)));
        assert!(resolve_diagrams(&mut doc).is_empty());
        let BlockKind::List(list) = &doc.blocks[0].kind else { panic!("not a list") };
        let BlockKind::Paragraph(content) = &list.items[0].blocks[0].kind else {
            panic!("not drawn: {:?}", list.items[0].blocks[0])
        };
        let [Inline::Image { url, .. }] = content.as_slice() else { panic!("{content:?}") };
        assert!(crate::model::is_diagram(url) && url.ends_with(".svg"));
        assert_eq!(doc.assets.len(), 1);
        assert_eq!(&doc.assets[0].path, url);
    }
}
