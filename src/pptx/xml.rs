//! XML text: the one place report text is escaped for the package's parts, and the
//! template format of the part templates (`templates/pptx/*.xml.j2`).

use crate::templates::TemplateFormat;
use minijinja::value::{Value, ValueKind};
use minijinja::{Error, ErrorKind, Output, State};

/// The PowerPoint part templates (`pptx/…`): every value is printed as XML text;
/// DrawingML built in Rust is marked safe.
pub const XML: TemplateFormat = TemplateFormat {
    escape: "xml",
    owns: |name| name.starts_with("pptx/"),
    formatter: xml_formatter,
};

/// Prints a value as XML character data: report text can never become markup.
fn xml_formatter(out: &mut Output, _state: &mut State, value: &Value) -> Result<(), Error> {
    let text = match value.kind() {
        _ if value.is_safe() => value.as_str().unwrap_or_default().to_string(),
        ValueKind::Undefined | ValueKind::None => String::new(),
        ValueKind::Bool => if value.is_true() { "1" } else { "0" }.to_string(),
        ValueKind::String => escape(value.as_str().unwrap_or_default()),
        _ => escape(&value.to_string()),
    };
    out.write_str(&text).map_err(|e| Error::new(ErrorKind::WriteFailure, e.to_string()))
}

/// `text` as XML character data or attribute value: markup characters escaped, and the
/// characters XML 1.0 forbids (most control characters, U+FFFE, U+FFFF) dropped, since a
/// single one makes PowerPoint refuse the whole file.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Characters allowed in an XML 1.0 document.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// A link address as a relationship target: characters outside URI syntax (spaces,
/// non-ASCII, quotes) percent-encoded, so every editor accepts it, then XML-escaped.
pub fn uri(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for byte in url.trim().bytes() {
        let keep = byte.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&byte);
        if keep {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    escape(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(escape("<a:t>&\"'</a:t>"), "&lt;a:t&gt;&amp;&quot;&apos;&lt;/a:t&gt;");
        assert_eq!(escape("a\u{0}b\u{B}c\u{1F}d\u{FFFE}e\tf"), "abcde\tf");
        assert_eq!(escape("中文 🙂"), "中文 🙂");
    }

    #[test]
    fn link_targets_are_valid_uris() {
        assert_eq!(
            uri("https://例.cn/a b?x=1&y=\"2\""),
            "https://%E4%BE%8B.cn/a%20b?x=1&amp;y=%222%22"
        );
    }
}
