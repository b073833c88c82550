//! Label widths from the fonts Typst will draw the labels with.
//!
//! Mermaid sizes a node's box around its label, so the label must be measured with the
//! font it is finally set in: the drawings name [`FAMILY`], one of the families Folio
//! requires, and widths come from the same bundled files. Without them, widths are
//! estimated from character classes (a CJK character is one em wide in every CJK font,
//! so Chinese labels still fit).

use crate::engine::font_dirs;
use std::sync::OnceLock;

/// The family the drawings' text is set in.
pub const FAMILY: &str = "Noto Sans SC";

/// The bundled files of [`FAMILY`], regular and bold.
const REGULAR: &str = "NotoSansSC_400Regular.ttf";
const BOLD: &str = "NotoSansSC_700Bold.ttf";

/// Advance width of a character missing from the font and of every Latin character when
/// no font could be read, in em: wider than any Noto Sans Latin letter but `m`/`w`, so
/// estimated labels err on the side of room.
const FALLBACK_EM: f64 = 0.62;

/// The width, in CSS pixels, of `text` set at `size` pixels (bold when `bold`).
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let data = if bold { font_file(BOLD) } else { font_file(REGULAR) };
    let face = data.and_then(|data| ttf_parser::Face::parse(data, 0).ok());
    let em: f64 = match face {
        Some(face) => text.chars().map(|c| advance_em(&face, c)).sum(),
        None => text.chars().map(estimated_em).sum(),
    };
    em * size
}

fn advance_em(face: &ttf_parser::Face, c: char) -> f64 {
    let per_em = f64::from(face.units_per_em().max(1));
    face.glyph_index(c)
        .and_then(|glyph| face.glyph_hor_advance(glyph))
        .map_or_else(|| estimated_em(c), |units| f64::from(units) / per_em)
}

/// An advance guessed from the character alone: CJK is square, controls take nothing.
fn estimated_em(c: char) -> f64 {
    match c {
        c if c.is_control() => 0.0,
        c if crate::engine::measure::is_wide(c) => 1.0,
        _ => FALLBACK_EM,
    }
}

/// The bytes of the bundled font file `name`, read once per process; `None` when the
/// bundled fonts folder or the file is missing.
fn font_file(name: &'static str) -> Option<&'static [u8]> {
    static REGULAR_DATA: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    static BOLD_DATA: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    let cell = if name == BOLD { &BOLD_DATA } else { &REGULAR_DATA };
    let read = || font_dirs(&[], true).iter().find_map(|dir| std::fs::read(dir.join(name)).ok());
    cell.get_or_init(read).as_deref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_one_em_a_character_and_latin_narrower() {
        assert!((text_width("季度报告", 10.0, false) - 40.0).abs() < 0.5);
        let latin = text_width("report", 10.0, false);
        assert!(latin > 20.0 && latin < 40.0, "{latin}");
        assert!(text_width("report", 10.0, true) > latin);
    }

    #[test]
    fn estimates_give_cjk_a_full_em() {
        assert_eq!(estimated_em('报'), 1.0);
        assert_eq!(estimated_em('a'), FALLBACK_EM);
        assert_eq!(estimated_em('\n'), 0.0);
    }
}
