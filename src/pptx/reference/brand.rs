//! `--brand-from-reference`: the print briefing and the slides PDF in the template's
//! house style, its first accent colour and its body fonts, where this machine has them.

use super::ThemeFacts;
use crate::theme::{Colour, Theme};

/// The theme with the template's accent and, in front of its sans and serif families,
/// the template's body fonts (Latin, then East Asian) that `installed` says are there.
/// Each font that is missing gives a message: the PDFs keep Folio's fonts in its place.
pub fn brand_pdfs(
    theme: &mut Theme,
    facts: &ThemeFacts,
    installed: &dyn Fn(&str) -> bool,
) -> Vec<String> {
    if let Some(accent) =
        facts.colours.get("accent1").and_then(|hex| Colour::parse(&format!("#{hex}")))
    {
        theme.colours.accent = accent;
    }
    let mut missing = Vec::new();
    let mut fonts = Vec::new();
    for font in [&facts.minor_latin, &facts.minor_east_asian] {
        // `+mn-lt` and the like name a theme slot, not a font.
        if font.is_empty() || font.starts_with('+') || fonts.contains(font) {
            continue;
        }
        match installed(font) {
            true => fonts.push(font.clone()),
            false => missing.push(format!(
                "the template's font \"{font}\" is not installed; the PDFs use {} in its place \
                 (add its folder with --fonts DIR)",
                theme.fonts.first_sans()
            )),
        }
    }
    for family in [&mut theme.fonts.sans, &mut theme.fonts.serif] {
        family.retain(|f| !fonts.contains(f));
        family.splice(0..0, fonts.iter().cloned());
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_accent_and_installed_fonts_come_first_and_missing_fonts_are_named() {
        let facts = ThemeFacts {
            colours: [("accent1".to_string(), "00A651".to_string())].into(),
            minor_latin: "DejaVu Sans".into(),
            minor_east_asian: "SimSun".into(),
            ..ThemeFacts::default()
        };
        let mut theme = Theme::default();
        let missing = brand_pdfs(&mut theme, &facts, &|f| f == "DejaVu Sans");
        assert_eq!(theme.colours.accent.office_hex(), "00A651");
        assert_eq!(theme.fonts.sans[0], "DejaVu Sans");
        assert_eq!(theme.fonts.serif[0], "DejaVu Sans");
        assert!(theme.fonts.sans.contains(&"Noto Sans SC".to_string()));
        assert_eq!(missing.len(), 1);
        assert!(missing[0].contains("\"SimSun\" is not installed"), "{missing:?}");
    }
}
