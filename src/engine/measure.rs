//! Text measured with the fonts Typst sets it in: the width of a run, the lines a text
//! wraps to in a given width, and the height of a line.
//!
//! The editable deck sizes its boxes with these numbers, so a box holds the text it
//! really holds once an editor lays it out (before, boxes were sized by counting source
//! lines and characters, and Impress shrank a fifth of the slides to make them fit).
//! The faces are the bundled Noto Sans SC (regular and bold) and Typst's embedded
//! DejaVu Sans Mono; code falls back to Noto Sans SC for characters the monospace font
//! lacks (CJK), as Typst and editors both do, and that fallback's taller line counts.

use super::fonts::{font_dirs, map_file};
use std::sync::OnceLock;

/// A face text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Sans,
    SansBold,
    Mono,
}

/// Advance of a character no font could be read for, in em: wider than most Latin
/// letters, so an estimate errs on the side of room.
const FALLBACK_EM: f64 = 0.62;

/// A font file's numbers: what measuring needs, read once.
struct Metrics {
    face: ttf_parser::Face<'static>,
    per_em: f64,
    /// Ascender plus descender plus line gap, in em: the line an editor sets at 100 %.
    line: f64,
}

impl Metrics {
    fn parse(data: &'static [u8]) -> Option<Metrics> {
        let face = ttf_parser::Face::parse(data, 0).ok()?;
        let per_em = f64::from(face.units_per_em().max(1));
        let units =
            i32::from(face.ascender()) - i32::from(face.descender()) + i32::from(face.line_gap());
        Some(Metrics { line: f64::from(units) / per_em, per_em, face })
    }

    fn advance(&self, c: char) -> Option<f64> {
        let glyph = self.face.glyph_index(c)?;
        self.face.glyph_hor_advance(glyph).map(|u| f64::from(u) / self.per_em)
    }
}

/// The three faces, loaded on first use; `None` when a file could not be read.
struct Faces {
    sans: Option<Metrics>,
    bold: Option<Metrics>,
    mono: Option<Metrics>,
}

fn faces() -> &'static Faces {
    static FACES: OnceLock<Faces> = OnceLock::new();
    FACES.get_or_init(|| {
        // Mapped, not read, as the typesetter's fonts are: a CJK face is 10–15 MB, and
        // measuring touches few of its pages. Kept for the process, as the faces are.
        let bundled = |name: &str| -> Option<&'static [u8]> {
            let map = font_dirs(&[], true).iter().find_map(|d| map_file(&d.join(name)).ok());
            map.map(|map| &**Box::leak(Box::new(map)))
        };
        let mono = typst_assets::fonts().find(|data| {
            ttf_parser::Face::parse(data, 0).is_ok_and(|face| {
                face.names().into_iter().any(|n| {
                    n.name_id == ttf_parser::name_id::FULL_NAME
                        && n.to_string().as_deref() == Some("DejaVu Sans Mono")
                })
            })
        });
        Faces {
            sans: bundled("NotoSansSC_400Regular.ttf").and_then(Metrics::parse),
            bold: bundled("NotoSansSC_700Bold.ttf").and_then(Metrics::parse),
            mono: mono.and_then(Metrics::parse),
        }
    })
}

impl Face {
    fn metrics(self) -> Option<&'static Metrics> {
        let faces = faces();
        match self {
            Face::Sans => faces.sans.as_ref(),
            Face::SansBold => faces.bold.as_ref().or(faces.sans.as_ref()),
            Face::Mono => faces.mono.as_ref(),
        }
    }

    /// The face a character the font lacks is drawn in (CJK in code).
    fn fallback(self) -> Face {
        match self {
            Face::SansBold => Face::SansBold,
            _ => Face::Sans,
        }
    }

    /// Advance of `c` in em, with the fallback's when the face lacks it.
    fn advance(self, c: char) -> f64 {
        if c.is_control() {
            return 0.0;
        }
        self.metrics()
            .and_then(|m| m.advance(c))
            .or_else(|| self.fallback().metrics().and_then(|m| m.advance(c)))
            .unwrap_or_else(|| if is_wide(c) { 1.0 } else { FALLBACK_EM })
    }

    /// Whether `c` is drawn in the fallback face.
    fn falls_back(self, c: char) -> bool {
        self == Face::Mono
            && !c.is_control()
            && self.metrics().is_none_or(|m| m.advance(c).is_none())
    }
}

/// Width of `text` in `face`, in em.
pub fn width_em(face: Face, text: &str) -> f64 {
    text.chars().map(|c| face.advance(c)).sum()
}

/// Height of a line of `text` set in `face` at 100 % line spacing, in em: the face's
/// ascender, descender and line gap, or its fallback's when the text uses the fallback
/// and that line is taller (Noto Sans SC's 1.45 em against DejaVu Sans Mono's 1.16 em).
pub fn line_em(face: Face, text: &str) -> f64 {
    let own = face.metrics().map_or(1.45, |m| m.line);
    if text.chars().any(|c| face.falls_back(c)) {
        own.max(face.fallback().metrics().map_or(1.45, |m| m.line))
    } else {
        own
    }
}

/// The lines `text` wraps to in `width` em of `face`: breaks after spaces and hyphens and
/// around CJK characters (as editors and Typst do); a word longer than a line breaks
/// between its characters. An empty text is one line.
pub fn wrapped_lines(face: Face, text: &str, width: f64) -> usize {
    let mut lines = 1;
    let mut line = 0.0;
    for (word, trailing_space) in words(text) {
        let w = width_em(face, word);
        if line > 0.0 && line + w > width {
            lines += 1;
            line = 0.0;
        }
        if w > width {
            // A word longer than the line: it fills lines character by character.
            for c in word.chars() {
                let a = face.advance(c);
                if line > 0.0 && line + a > width {
                    lines += 1;
                    line = 0.0;
                }
                line += a;
            }
        } else {
            line += w;
        }
        line += width_em(face, trailing_space);
    }
    lines
}

/// The text cut where a line may break: each piece is a word (or one CJK character, or
/// a word ending with a hyphen between letters, as in `well-known`; editors do not break
/// the hyphens of `--option`) and the spaces after it.
fn words(text: &str) -> Vec<(&str, &str)> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut previous = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let end = i + c.len_utf8();
        let between_letters =
            previous.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
        previous = Some(c);
        let breaks_after = (c == '-' && between_letters)
            || is_wide(c)
            || next.is_some_and(|n| is_wide(n) || n == ' ');
        if c == ' ' {
            continue;
        }
        if breaks_after || next.is_none() {
            let mut space_end = end;
            while let Some(&(j, ' ')) = chars.peek() {
                space_end = j + 1;
                previous = Some(' ');
                chars.next();
            }
            pieces.push((&text[start..end], &text[end..space_end]));
            start = space_end;
        }
    }
    if start < text.len() {
        pieces.push(("", &text[start..]));
    }
    pieces
}

/// Characters set a full em wide, each a place a line may break (CJK, full-width forms).
pub fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{20000}'..='\u{3FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monospace_is_six_tenths_of_an_em_and_chinese_one_em() {
        assert!((width_em(Face::Mono, "abcdefghij") - 6.02).abs() < 0.01);
        assert!((width_em(Face::Sans, "季度报告") - 4.0).abs() < 0.01);
        // Chinese in code is drawn in the fallback, a full em each.
        assert!((width_em(Face::Mono, "注释") - 2.0).abs() < 0.01);
        assert!(width_em(Face::SansBold, "report") > width_em(Face::Sans, "report"));
    }

    #[test]
    fn code_with_chinese_takes_the_fallbacks_taller_line() {
        let mono = line_em(Face::Mono, "let x = 1;");
        assert!((mono - 1.164).abs() < 0.01, "{mono}");
        let cjk = line_em(Face::Mono, "# 读取配置");
        assert!((cjk - 1.448).abs() < 0.01, "{cjk}");
    }

    #[test]
    fn lines_wrap_at_spaces_around_chinese_and_inside_long_words() {
        // 10 characters of monospace: 6.02 em.
        assert_eq!(wrapped_lines(Face::Mono, "aaaa bbbb", 6.1), 1);
        assert_eq!(wrapped_lines(Face::Mono, "aaaa bbbb cccc", 6.1), 2);
        assert_eq!(wrapped_lines(Face::Mono, "", 6.1), 1);
        // A 25-character word in 10-character lines: three lines.
        assert_eq!(wrapped_lines(Face::Mono, &"x".repeat(25), 6.1), 3);
        // Chinese breaks between any two characters: 12 characters in 5 em.
        assert_eq!(wrapped_lines(Face::Sans, "数据中心液冷产业观察报告", 5.0), 3);
        assert_eq!(wrapped_lines(Face::Mono, "well-known-long-word", 6.1), 3);
        // An option's leading hyphens hold to it: 12 characters in 10-character lines.
        assert_eq!(wrapped_lines(Face::Mono, "a --endpoint", 6.1), 2);
        assert_eq!(words("a --endpoint").len(), 2);
    }
}
