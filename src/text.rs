//! Small character classifications shared by the stages.

/// True for characters of CJK scripts and their full-width punctuation, between which
/// a line break is not a space.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3040..=0x30FF    // kana
        | 0x3100..=0x312F    // bopomofo
        | 0x3130..=0x318F    // hangul compatibility jamo
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xAC00..=0xD7AF    // hangul syllables
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // compatibility forms
        | 0xFF00..=0xFFEF    // half- and full-width forms
        | 0x20000..=0x3134F  // extensions B–G
    )
}

/// Whether a line break in the source between `before` and `after` reads as a space.
/// Chinese and Japanese put none between their characters; Korean separates words
/// with spaces, so a break next to Hangul is one, as it is between Latin words.
pub fn soft_break_is_space(before: Option<char>, after: Option<char>) -> bool {
    let joins = |c: Option<char>| c.is_some_and(|c| is_cjk(c) && !is_hangul(c));
    !(joins(before) && joins(after))
}

/// Hangul syllables and jamo.
fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF)
}

/// `%20` → space, and so on; invalid escapes stay as they are.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Runs of this many characters without a break opportunity get some (a full line holds
/// about 80, so only table cells and narrow columns ever see them).
const LONG_RUN: usize = 40;
/// Characters between inserted break opportunities in a long run.
const BREAK_EVERY: usize = 16;

/// Inserts zero-width spaces into long runs without spaces (URLs, base64, hashes), so
/// that they wrap instead of running off the page. Short text, and every short run of a
/// text that has a long one (an identifier in a code block), is left as it is: text
/// copied from the PDF should not carry invisible characters it does not need.
pub fn break_long_runs(text: &str) -> std::borrow::Cow<'_, str> {
    let breakable = |c: char| c.is_whitespace() || is_cjk(c);
    let longest = text.split(breakable).map(|run| run.chars().count()).max().unwrap_or(0);
    if longest < LONG_RUN {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / BREAK_EVERY * 3);
    let mut start = 0;
    for (index, c) in text.char_indices() {
        if breakable(c) {
            push_broken(&text[start..index], &mut out);
            out.push(c);
            start = index + c.len_utf8();
        }
    }
    push_broken(&text[start..], &mut out);
    std::borrow::Cow::Owned(out)
}

/// Appends `run`, with a zero-width space every [`BREAK_EVERY`] characters if it is long.
fn push_broken(run: &str, out: &mut String) {
    if run.chars().count() < LONG_RUN {
        out.push_str(run);
        return;
    }
    for (n, c) in run.chars().enumerate() {
        if n > 0 && n % BREAK_EVERY == 0 {
            out.push('\u{200B}');
        }
        out.push(c);
    }
}

/// `text` cut to at most `max` characters, with `…` where it was cut: for quoting user
/// text in a message.
pub fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod break_tests {
    use super::*;

    #[test]
    fn only_long_runs_get_break_opportunities() {
        assert_eq!(break_long_runs("short words 中文"), "short words 中文");
        let url = "https://example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        let broken = break_long_runs(url);
        assert_eq!(broken.replace('\u{200B}', ""), url);
        assert_eq!(broken.matches('\u{200B}').count(), 3);
        let code = format!("let insecureHTTPParser = \"{}\";", "A".repeat(48));
        let broken = break_long_runs(&code);
        assert!(broken.starts_with("let insecureHTTPParser = "), "{broken}");
    }
}
