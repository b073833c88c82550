//! A theme colour: `#rrggbb` in a theme file, checked as it is read, so the Typst library
//! and the PowerPoint writer never see a colour they cannot use.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An sRGB colour, read from and written as `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour([u8; 3]);

impl Colour {
    /// Reads `#rrggbb` (either case); anything else is `None`.
    pub fn parse(text: &str) -> Option<Colour> {
        let hex = text.strip_prefix('#').filter(|h| h.len() == 6)?;
        let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        Some(Colour([channel(0)?, channel(2)?, channel(4)?]))
    }

    /// A colour from its red, green and blue channels (a syntax colour of code).
    pub const fn from_channels(channels: [u8; 3]) -> Colour {
        Colour(channels)
    }

    /// The colour mixed with white, `amount` of it (0 to 1), as Typst's `lighten` does.
    pub fn lighten(self, amount: f64) -> Colour {
        Colour(self.0.map(|c| {
            let c = f64::from(c);
            (c + (255.0 - c) * amount).round().clamp(0.0, 255.0) as u8
        }))
    }

    /// `RRGGBB`, as DrawingML writes colours.
    pub fn office_hex(self) -> String {
        let [r, g, b] = self.0;
        format!("{r:02X}{g:02X}{b:02X}")
    }
}

impl fmt::Display for Colour {
    /// `#rrggbb`, as Typst's `rgb` reads it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl Serialize for Colour {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Colour, D::Error> {
        let text = String::deserialize(deserializer)?;
        Colour::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("\"{text}\" is not a colour like \"#1f4e79\""))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_writes_and_lightens() {
        let navy = Colour::parse("#1F4e79").unwrap();
        assert_eq!(navy.to_string(), "#1f4e79");
        assert_eq!(navy.office_hex(), "1F4E79");
        assert_eq!(Colour::parse("#000000").unwrap().lighten(0.82).office_hex(), "D1D1D1");
        for bad in ["1f4e79", "#1f4e7", "#1f4e799", "#gggggg", "navy", "#1f4e7é"] {
            assert_eq!(Colour::parse(bad), None, "{bad}");
        }
    }
}
