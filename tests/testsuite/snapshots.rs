//! Snapshots of the model, the deck plan and both generated Typst sources per fixture,
//! so every change of output is reviewed in the diff (`cargo insta review`). The model is
//! taken from `prepare`, the converter's own front half: exactly what the writers get.

use folio::render::{render_report, render_slides};
use folio::templates::Templates;
use std::path::Path;

fn check_fixture(name: &str) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let markdown = std::fs::read_to_string(fixtures.join(name)).unwrap();
    // A relative path, so the snapshots do not depend on where the checkout lives.
    let path = Path::new(name);
    let input = folio::Input {
        path,
        markdown: &markdown,
        base_dir: Some(&fixtures),
        run: None,
        style: None,
    };
    let (doc, warnings) = folio::prepare::prepare(&input, &[], &Default::default()).unwrap();
    let deck = folio::deck::plan(&doc, &Default::default(), &folio::theme::Theme::default());
    let templates = Templates::embedded();
    let stem = name.trim_end_matches(".md");
    insta::assert_yaml_snapshot!(format!("{stem}.model"), doc);
    insta::assert_yaml_snapshot!(format!("{stem}.warnings"), warnings);
    insta::assert_yaml_snapshot!(format!("{stem}.deck"), deck);
    insta::assert_snapshot!(
        format!("{stem}.report.typ"),
        render_report(&doc, &Default::default(), &templates).unwrap()
    );
    insta::assert_snapshot!(
        format!("{stem}.slides.typ"),
        render_slides(&deck, &Default::default(), &templates).unwrap()
    );
}

#[test]
fn scraped_chinese_report() {
    check_fixture("scraped-zh.md");
}

#[test]
fn plain_english_report() {
    check_fixture("plain-en.md");
}

#[test]
fn every_construct() {
    check_fixture("constructs.md");
}

#[test]
fn formulas() {
    check_fixture("math.md");
}

/// The brief deck of a 43-slide report as an outline: each slide's title, what it shows and how
/// many notes it carries (issue 16).
#[test]
fn brief_deck_outline() {
    let name = "long-report.md";
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let markdown = std::fs::read_to_string(fixtures.join(name)).unwrap();
    let input = folio::Input {
        path: Path::new(name),
        markdown: &markdown,
        base_dir: None,
        run: None,
        style: None,
    };
    let (doc, _) = folio::prepare::prepare(&input, &[], &Default::default()).unwrap();
    let options = folio::deck::DeckOptions {
        length: Some(folio::deck::DeckLength::Brief),
        ..Default::default()
    };
    let deck = folio::deck::plan(&doc, &options, &folio::theme::Theme::default());
    let mut outline = String::new();
    for slide in &deck.slides {
        outline.push_str(&format!(
            "== {} [{:?}] notes: {}\n",
            slide.title,
            slide.kind,
            slide.notes.len()
        ));
        let mut blocks = slide.blocks.clone();
        folio::model::visit_block_inlines_mut(&mut blocks, &mut |inlines, _, _| {
            outline.push_str(&format!("   {}\n", folio::model::plain_text(inlines)));
        });
    }
    insta::assert_snapshot!("long-report.brief-outline", outline);
}
