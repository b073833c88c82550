//! The look of the deck, read from the same Typst theme file the slides PDF uses (after
//! the brand colour is appended), so both outputs share colours and fonts and a theme
//! override with `--templates` changes both.

use serde::Serialize;

/// Colours as `RRGGBB`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Colours {
    pub accent: String,
    /// The accent lightened by 82 %, as `accent-light` in `lib/common.typ`.
    pub accent_light: String,
    pub muted: String,
    pub rule: String,
}

/// Font names for Latin, East Asian and code text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fonts {
    pub latin: String,
    pub east_asian: String,
    pub mono: String,
}

/// A theme's colours and fonts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Theme {
    pub colours: Colours,
    pub fonts: Fonts,
}

impl Theme {
    /// Reads `#let name = value` lines of a Typst theme; the last one of a name wins (the
    /// brand colour is appended as a second `accent`). Unreadable values keep the
    /// corporate theme's.
    pub fn from_typst(source: &str) -> Theme {
        let mut accent = [0x1f, 0x4e, 0x79];
        let mut muted = [105; 3];
        let mut rule = [200; 3];
        let mut sans = "Noto Sans SC".to_string();
        let mut mono = "DejaVu Sans Mono".to_string();
        for line in source.lines() {
            let Some(rest) = line.trim().strip_prefix("#let ") else { continue };
            let Some((name, value)) = rest.split_once('=') else { continue };
            let value = value.trim();
            match name.trim() {
                "accent" => accent = colour(value).unwrap_or(accent),
                "muted" => muted = colour(value).unwrap_or(muted),
                "rule-colour" => rule = colour(value).unwrap_or(rule),
                "sans" => sans = first_font(value).unwrap_or(sans),
                "mono" => mono = first_font(value).unwrap_or(mono),
                _ => {}
            }
        }
        let light = accent.map(|c| (f32::from(c) + (255.0 - f32::from(c)) * 0.82).round() as u8);
        Theme {
            colours: Colours {
                accent: hex(accent),
                accent_light: hex(light),
                muted: hex(muted),
                rule: hex(rule),
            },
            fonts: Fonts { latin: sans.clone(), east_asian: sans, mono },
        }
    }
}

/// `rgb("#1f4e79")`, `luma(105)`, `white` or `black`.
fn colour(value: &str) -> Option<[u8; 3]> {
    let value = value.split("//").next()?.trim();
    if let Some(inner) = value.strip_prefix("rgb(").and_then(|v| v.strip_suffix(')')) {
        let hex = inner.trim().trim_matches('"').strip_prefix('#')?;
        if hex.len() != 6 {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        return Some([byte(0)?, byte(2)?, byte(4)?]);
    }
    if let Some(inner) = value.strip_prefix("luma(").and_then(|v| v.strip_suffix(')')) {
        let level: u8 = inner.trim().parse().ok()?;
        return Some([level; 3]);
    }
    match value {
        "white" => Some([255; 3]),
        "black" => Some([0; 3]),
        _ => None,
    }
}

/// The first name of a font list `("Noto Sans SC", …)`.
fn first_font(value: &str) -> Option<String> {
    let start = value.find('"')? + 1;
    let end = start + value[start..].find('"')?;
    let name = value[start..end].trim();
    (!name.is_empty()).then(|| name.to_string())
}

fn hex(rgb: [u8; 3]) -> String {
    format!("{:02X}{:02X}{:02X}", rgb[0], rgb[1], rgb[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_typst_theme_and_the_appended_brand_colour() {
        let source = "#let sans = (\"Noto Sans SC\",)\n#let mono = (\"DejaVu Sans Mono\", \"X\")\n\
                      #let accent = rgb(\"#1f4e79\")\n#let muted = luma(105)\n\
                      #let accent = rgb(\"#c00000\")\n";
        let theme = Theme::from_typst(source);
        assert_eq!(theme.colours.accent, "C00000");
        assert_eq!(theme.colours.muted, "696969");
        assert_eq!(theme.fonts.east_asian, "Noto Sans SC");
        assert_eq!(theme.fonts.mono, "DejaVu Sans Mono");
        assert_eq!(
            Theme::from_typst("#let accent = rgb(\"#000000\")").colours.accent_light,
            "D1D1D1"
        );
    }
}
