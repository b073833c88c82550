//! Any bytes as a report: Folio must never panic, and whatever it reads must typeset
//! without a Typst error (report text can never become Typst code).
#![no_main]

use folio::{Converter, ConverterOptions, Error, Input};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn converter() -> &'static Converter {
    static CONVERTER: OnceLock<Converter> = OnceLock::new();
    CONVERTER.get_or_init(|| {
        let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fonts");
        let options = ConverterOptions { font_dirs: vec![fonts], ..Default::default() };
        Converter::new(options).expect("bundled fonts load")
    })
}

fuzz_target!(|data: &[u8]| {
    // Invalid UTF-8 is rejected before reading (tested elsewhere); fuzz the text.
    let Ok(markdown) = std::str::from_utf8(data) else { return };
    let input =
        Input { path: Path::new("fuzz.md"), markdown, base_dir: None, run: None, style: None };
    let result = converter().convert(&input);
    // As in a batch: Typst's caches go between documents, so memory stays flat.
    folio::engine::evict_caches();
    match result {
        Ok(_) | Err(Error::Markdown { .. }) => {}
        Err(err) => panic!("report text broke typesetting: {err}"),
    }
});
