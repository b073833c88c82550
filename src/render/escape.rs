//! Typst escaping: the one place that decides how report text becomes Typst.
//!
//! Report text is data. Everything written here comes out literally and can never run
//! as Typst code, open a comment, start a heading or list, or become a label or reference.

/// Escapes text for Typst markup mode so that every character comes out literally.
///
/// Newlines become spaces: paragraph structure comes from the model, never from text.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '#' | '$' | '*' | '_' | '`' | '<' | '>' | '@' | '[' | ']' | '~' | '\'' | '"'
            | '/' | '=' | '-' | '+' => {
                out.push('\\');
                out.push(c);
            }
            // `1.` would start a numbered list, `...` is an ellipsis shorthand.
            '.' if prev.is_some_and(|p| p.is_ascii_digit() || p == '.') || next == Some('.') => {
                out.push_str("\\.");
            }
            _ => out.push(c),
        }
        prev = Some(c);
    }
    out
}

/// Writes a Typst string literal (with quotes) holding `text` exactly.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_escapes_every_special_character() {
        let cases = [
            ("plain 中文 text", "plain 中文 text"),
            ("#let x = 1", "\\#let x \\= 1"),
            ("$x$", "\\$x\\$"),
            ("*bold* _emph_", "\\*bold\\* \\_emph\\_"),
            ("`raw`", "\\`raw\\`"),
            ("<label> @ref", "\\<label\\> \\@ref"),
            ("[a] ~", "\\[a\\] \\~"),
            ("a\\b", "a\\\\b"),
            ("'q' \"q\"", "\\'q\\' \\\"q\\\""),
            ("http://x.cn // c /* d", "http:\\/\\/x.cn \\/\\/ c \\/\\* d"),
            ("= h", "\\= h"),
            ("- a + b", "\\- a \\+ b"),
            ("1. item", "1\\. item"),
            ("wait...", "wait\\.\\.\\."),
            ("-5 --", "\\-5 \\-\\-"),
            ("line\nbreak", "line break"),
            ("end.", "end."),
        ];
        for (input, expected) in cases {
            assert_eq!(escape_markup(input), expected, "input: {input:?}");
        }
    }

    #[test]
    fn string_literal_escapes_quotes_backslashes_and_controls() {
        let cases = [
            ("a", "\"a\""),
            ("say \"hi\"", "\"say \\\"hi\\\"\""),
            ("c:\\dir", "\"c:\\\\dir\""),
            ("two\nlines\t", "\"two\\nlines\\t\""),
            ("bell\u{7}", "\"bell\\u{7}\""),
        ];
        for (input, expected) in cases {
            assert_eq!(string_literal(input), expected, "input: {input:?}");
        }
    }
}
