//! Syntax colours for code outside Typst (the editable deck): the very grammars and
//! theme Typst colours `raw` blocks with in the PDF (`typst::text::RAW_SYNTAXES`, the
//! two-face set, and `RAW_THEME`), so code looks the same in both.
//!
//! Highlighting is bounded as a slide's code is: code over [`MAX_BYTES`] stays plain,
//! and lines after [`BUDGET`] has run out stay plain, so a slow grammar costs a deck
//! some colour, never its conversion. The budget is far above what a slide's code takes
//! (the planner splits code into slide-sized blocks, a few kilobytes, highlighted in a
//! few milliseconds), so the same report still gives the same bytes.

use std::time::{Duration, Instant};
use syntect::easy::HighlightLines;
use syntect::highlighting::{FontStyle, Style};
use typst::text::{RAW_SYNTAXES, RAW_THEME};

/// Code longer than this is not highlighted: a slide never shows that much, and a
/// grammar's time grows with the text.
pub const MAX_BYTES: usize = 16 * 1024;
/// Time one code block may take to highlight (a 100-line block takes about 2 ms).
pub const BUDGET: Duration = Duration::from_secs(1);

/// A piece of a line in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    /// `RRGGBB`, when the piece is not in the theme's plain text colour.
    pub colour: Option<[u8; 3]>,
    pub bold: bool,
    pub italic: bool,
}

/// The lines of `code` (split at `\n`) as coloured pieces, in the grammar of `lang` (a
/// grammar name, as [`crate::engine::grammar_for`] routes it); `None` when no
/// grammar knows `lang` or the code is too long.
pub fn highlight(code: &str, lang: &str) -> Option<Vec<Vec<Piece>>> {
    if code.len() > MAX_BYTES {
        return None;
    }
    // Looked up exactly as Typst and `grammar_for` look it up (ASCII case aside): a
    // Unicode lowercasing (the Kelvin sign becomes `k`) could reach a grammar the
    // routing never saw, such as Markdown's, which embeds the JavaScript that hangs.
    let syntax = RAW_SYNTAXES.find_syntax_by_token(lang)?;
    let theme = &*RAW_THEME;
    let plain = theme.settings.foreground.unwrap_or(syntect::highlighting::Color::BLACK);
    let mut highlighter = HighlightLines::new(syntax, theme);
    let started = Instant::now();
    let mut lines = Vec::new();
    for line in code.split('\n') {
        let line = line.trim_end_matches('\r');
        let styled = match started.elapsed() < BUDGET {
            true => highlighter.highlight_line(line, &RAW_SYNTAXES).ok(),
            false => None,
        };
        let pieces = match styled {
            Some(styled) => {
                styled.into_iter().map(|(style, text)| piece(style, text, plain)).collect()
            }
            None => {
                vec![Piece { text: line.to_string(), colour: None, bold: false, italic: false }]
            }
        };
        lines.push(pieces);
    }
    Some(lines)
}

fn piece(style: Style, text: &str, plain: syntect::highlighting::Color) -> Piece {
    let c = style.foreground;
    let colour = (c != plain).then_some([c.r, c.g, c.b]);
    Piece {
        text: text.to_string(),
        colour,
        bold: style.font_style.contains(FontStyle::BOLD),
        italic: style.font_style.contains(FontStyle::ITALIC),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A language name that only a Unicode lowercasing turns into a known one (the
    /// Kelvin sign becomes `k`: `marKdown`) is no grammar: it must never reach
    /// Markdown's, which embeds the JavaScript grammar that hangs.
    #[test]
    fn a_name_known_only_after_unicode_lowercasing_is_not_highlighted() {
        let lang = "mar\u{212A}down";
        assert_eq!(crate::engine::grammar_for(lang), Some(lang));
        assert!(highlight("```js\n  return x\n  /*\n```", lang).is_none());
    }

    #[test]
    fn keywords_strings_and_comments_get_the_pdfs_colours() {
        let lines = highlight("fn main() {\n    // hi\n    let s = \"x\";\n}", "rust").unwrap();
        assert_eq!(lines.len(), 4);
        let text: String = lines[2].iter().map(|p| p.text.as_str()).collect();
        assert_eq!(text, "    let s = \"x\";");
        let keyword = lines[0].iter().find(|p| p.text == "fn").unwrap();
        assert!(keyword.colour.is_some());
        let comment = lines[1].iter().find(|p| p.text.contains("hi")).unwrap();
        assert!(comment.colour.is_some() && comment.colour != keyword.colour);
    }

    #[test]
    fn unknown_languages_and_huge_code_stay_plain() {
        assert_eq!(highlight("x", "no-such-language"), None);
        assert_eq!(highlight(&"x".repeat(MAX_BYTES + 1), "rust"), None);
    }
}
