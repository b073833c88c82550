//! The one escaping rule for HTML: report text and file names become text, never markup,
//! in element content and in quoted attribute values alike.

/// `text` with `&`, `<`, `>`, `"` and `'` as character references.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn markup_characters_become_references() {
        let table = [
            ("plain", "plain"),
            ("a & b", "a &amp; b"),
            ("<img src=x onerror=y>", "&lt;img src=x onerror=y&gt;"),
            ("\" onclick='x'", "&quot; onclick=&#39;x&#39;"),
            ("中文 é", "中文 é"),
        ];
        for (text, expected) in table {
            assert_eq!(escape_html(text), expected);
        }
    }
}
