//! Any text as a report, through the front half only (read, passes, deck plan, both Typst
//! sources; no layout, so it runs fast enough for millions of inputs): Folio must never
//! panic, the sources must parse, and every piece of code in them must be one the
//! template's skeleton has or a call Folio's writer makes (report text never becomes
//! code). See `folio::render::audit`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(markdown) = std::str::from_utf8(data) else { return };
    if let Err(problem) = folio::render::audit::audit_report(markdown, None) {
        panic!("{problem}");
    }
});
