//! Any text as a LaTeX formula: the converter and its guard must never panic, and what
//! the guard lets through must be math only: embedded code is never anything but a text
//! function given a content block (checked again here, from the markup).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(latex) = std::str::from_utf8(data) else { return };
    let Ok(typst) = folio::math::to_typst(latex) else { return };
    // Embedded code is only ever a text function with a content block.
    for (index, _) in typst.match_indices('#') {
        let before = typst[..index].chars().next_back();
        if before == Some('\\') {
            continue;
        }
        let call = &typst[index + 1..];
        let name: String = call.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        assert!(name.starts_with("text") || name == "emph", "code in {typst:?} from {latex:?}");
        assert!(call[name.len()..].starts_with('['), "call in {typst:?} from {latex:?}");
    }
});
