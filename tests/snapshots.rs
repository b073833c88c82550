//! Snapshots of the model, the deck plan and both generated Typst sources per fixture,
//! so every change of output is reviewed in the diff (`cargo insta review`).

use folio::markdown::{ReadOptions, read};
use folio::render::{render_report, render_slides};
use folio::templates::Templates;
use std::path::Path;

fn check_fixture(name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let markdown = std::fs::read_to_string(&path).unwrap();
    let options = ReadOptions { fallback_title: Some("fallback".into()) };
    let (mut doc, mut warnings) = read(&markdown, &options).unwrap();
    warnings.extend(folio::passes::run_all(&mut doc, &[]));
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
