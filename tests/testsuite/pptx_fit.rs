//! Issue 21: a deck that holds up when it is opened. What the `.pptx` says about its own
//! boxes (the LibreOffice half, which lays the deck out and counts what it shrank, is
//! `scripts/validate-pptx.sh`): code in the PDF's syntax colours, with a named CJK
//! fallback; and a nested table of contents split over slides like a flat list.

use crate::common::fixture;
use crate::pptx::{convert, unzip};
use folio::Output;
use folio::model::{Block, BlockKind};
use std::collections::BTreeSet;

/// The `p:sp` elements of a slide's XML whose name starts with `name`.
fn shapes<'x>(xml: &'x str, name: &str) -> Vec<&'x str> {
    xml.split("<p:sp>")
        .filter(|shape| shape.contains(&format!("name=\"{name}")))
        .map(|shape| &shape[..shape.find("</p:sp>").unwrap_or(shape.len())])
        .collect()
}

/// Bullets a block shows: its list items, nested ones included.
fn bullets(block: &Block) -> usize {
    match &block.kind {
        BlockKind::List(list) => {
            list.items.iter().map(|item| 1 + item.blocks.iter().map(bullets).sum::<usize>()).sum()
        }
        _ => 0,
    }
}

/// Bullets one slide shows at most (the planner's rule).
const MAX_BULLETS: usize = 7;

#[test]
fn code_is_in_the_pdfs_syntax_colours_with_a_named_cjk_fallback() {
    let (converted, _) = convert(&fixture("decks/fit-stress.md"));
    let files = unzip(&converted.get(Output::Pptx).unwrap().bytes);
    let slides: Vec<String> = files
        .iter()
        .filter(|(name, _)| name.starts_with("ppt/slides/slide") && name.ends_with(".xml"))
        .map(|(_, xml)| String::from_utf8_lossy(xml).into_owned())
        .collect();
    let code: Vec<&str> = slides.iter().flat_map(|xml| shapes(xml, "Code ")).collect();
    let python = code.iter().find(|shape| shape.contains(">print<")).expect("the Python block");
    let colours: BTreeSet<&str> = python
        .split("<a:srgbClr val=\"")
        .skip(1)
        .map(|rest| &rest[..6])
        .filter(|hex| *hex != "F5F5F5")
        .collect();
    assert!(colours.len() >= 3, "keywords, comments and names in colour: {colours:?}");
    assert!(python.contains("<a:ea typeface=\"Noto Sans SC\"/>"), "the CJK fallback is named");
    let json = code.iter().find(|shape| shape.contains("cluster")).expect("the JSON block");
    assert!(json.contains("<a:srgbClr"), "JSON strings in colour");
}

#[test]
fn a_nested_table_of_contents_is_split_over_slides_like_a_flat_list() {
    let (converted, deck) = convert(&fixture("decks/fit-stress.md"));
    let contents: Vec<_> =
        deck.slides.iter().filter(|s| s.title.starts_with("Table of contents")).collect();
    assert!(contents.len() >= 3, "one item holding 32 entries: {} slides", contents.len());
    for slide in &contents {
        let shown: usize = slide.blocks.iter().map(bullets).sum();
        assert!(shown <= MAX_BULLETS, "{}: {shown} bullets", slide.title);
        // Each piece repeats the item it is cut from, as a split table repeats its header.
        let BlockKind::List(list) = &slide.blocks[0].kind else { panic!("a list") };
        assert_eq!(list.items.len(), 1);
    }
    let pdf = converted.get(Output::Slides).unwrap();
    assert_eq!(pdf.pages, deck.page_count());
}
