//! The Office theme's colours and fonts (`pptx/theme.xml.j2`, the master and layouts),
//! taken from the report's [`Theme`]: the same value the slides PDF is typeset with, so
//! both share colours and fonts and a theme added or replaced with `--templates` changes
//! both.

use crate::theme::Theme;
use serde::Serialize;

/// Colours as `RRGGBB`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Colours {
    pub accent: String,
    /// The light accent (`accent-light` in `lib/theme.typ`).
    pub accent_light: String,
    pub muted: String,
    pub rule: String,
    /// Callout colours, the Office theme's remaining accents.
    pub note: String,
    pub tip: String,
    pub caution: String,
}

/// Font names for Latin, East Asian and code text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fonts {
    pub latin: String,
    pub east_asian: String,
    pub mono: String,
}

impl Colours {
    /// The theme's colours, brand colour included.
    pub fn new(theme: &Theme) -> Colours {
        let (colours, callouts) = (&theme.colours, &theme.callouts);
        Colours {
            accent: colours.accent.office_hex(),
            accent_light: colours.accent_light().office_hex(),
            muted: colours.muted.office_hex(),
            rule: colours.rule.office_hex(),
            note: callouts.note.office_hex(),
            tip: callouts.tip.office_hex(),
            caution: callouts.caution.office_hex(),
        }
    }
}

impl Fonts {
    /// The first sans family for Latin and East Asian text, the first mono for code.
    pub fn new(theme: &Theme) -> Fonts {
        let sans = theme.fonts.first_sans().to_string();
        Fonts { latin: sans.clone(), east_asian: sans, mono: theme.fonts.first_mono().to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_colours_and_fonts_come_from_the_theme_and_its_brand_colour() {
        let theme = Theme::default().with_brand_colour(Some("#c00000"));
        let colours = Colours::new(&theme);
        assert_eq!((colours.accent.as_str(), colours.muted.as_str()), ("C00000", "696969"));
        assert_eq!(colours.note, "0969DA");
        let fonts = Fonts::new(&Theme::default());
        assert_eq!(
            (fonts.east_asian.as_str(), fonts.mono.as_str()),
            ("Noto Sans SC", "DejaVu Sans Mono")
        );
        let black = Theme::default().with_brand_colour(Some("#000000"));
        assert_eq!(Colours::new(&black).accent_light, "D1D1D1");
    }
}
