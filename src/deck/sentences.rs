//! Where sentences end, for the leads the slides show and for splitting long prose.
//!
//! A full-width mark (`。！？；`) always ends a sentence. A Latin one (`.!?;`) ends it only
//! when a space or the end of the text follows, so the dots of `3.5`, `2025.9.23`,
//! `config.toml` and `https://img.shields.io` never do, and never after a known
//! abbreviation (`e.g.`, `i.e.`, `etc.`, `Dr.`, `vs.`). Closing quotes and brackets stay
//! with the sentence they close. Written by hand rather than with UAX #29 sentence bounds:
//! those cut after `Dr.` and miss the Chinese `；` the planner needs, so the exceptions
//! would outweigh the rule.

use crate::text::is_cjk;

/// Abbreviations whose dot ends no sentence, lower-cased, without their last dot.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "dr", "vs", "mr", "mrs", "ms", "prof", "fig", "no", "cf", "approx", "st",
    "jr", "sr", "inc", "ltd", "co", "al", "eq", "vol", "p", "pp", "ch", "sec",
];

/// Cuts text after each sentence end, keeping every character.
pub fn split_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ends = match c {
            '。' | '！' | '？' | '；' => true,
            '.' | '!' | '?' | ';' => {
                let next = text[i + c.len_utf8()..].chars().find(|c| !is_closing(*c));
                next.is_none_or(char::is_whitespace) && !(c == '.' && is_abbreviation(&text[..i]))
            }
            _ => false,
        };
        if !ends {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, closing)) = chars.peek().filter(|(_, c)| is_closing(*c)) {
            end = j + closing.len_utf8();
            chars.next();
        }
        out.push(text[start..end].to_string());
        start = end;
    }
    if start < text.len() {
        out.push(text[start..].to_string());
    }
    out
}

/// The first sentence of `text`, trimmed.
pub fn first_sentence(text: &str) -> String {
    split_sentences(text.trim()).into_iter().next().unwrap_or_default().trim().to_string()
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '）' | '」' | '』' | '》')
}

/// Whether `before` (the text up to a dot) ends with an abbreviation.
fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// `text` cut to at most `max` characters at a place a line could break (a space, or
/// between CJK characters), never inside a word, number or URL, with `…` where it was
/// cut. A text with no such place within `max` is cut after its first word.
pub fn clip_at_word(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let breaks_before = |k: usize| {
        let (prev, next) = (chars[k - 1].1, chars[k].1);
        prev.is_whitespace() || next.is_whitespace() || is_cjk(prev) || is_cjk(next)
    };
    let cut = (1..=max.min(chars.len() - 1)).rev().find(|&k| breaks_before(k));
    let cut = cut.or_else(|| (max.max(1)..chars.len()).find(|&k| breaks_before(k)));
    match cut {
        Some(k) => format!("{}…", text[..chars[k].0].trim_end()),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_inside_numbers_urls_files_and_abbreviations_end_no_sentence() {
        let cases = [
            ("Version 3.5 is out. Next.", "Version 3.5 is out."),
            ("更新于 2025.9.23，版本 3.5。后文", "更新于 2025.9.23，版本 3.5。"),
            ("Edit config.toml first. Then run.", "Edit config.toml first."),
            (
                "Python Versionhttps://img.shields.io/pypi/x.svg badge. More",
                "Python Versionhttps://img.shields.io/pypi/x.svg badge.",
            ),
            (
                "Use a cache, e.g. Redis, i.e. a store. Next",
                "Use a cache, e.g. Redis, i.e. a store.",
            ),
            (
                "Ask Dr. Smith vs. Mr. Jones etc. today! Then",
                "Ask Dr. Smith vs. Mr. Jones etc. today!",
            ),
            ("He said \"stop.\" Then left.", "He said \"stop.\""),
            ("（见附表。）其后", "（见附表。）"),
            ("No end at all", "No end at all"),
        ];
        for (text, first) in cases {
            assert_eq!(first_sentence(text), first, "{text}");
        }
    }

    #[test]
    fn splitting_keeps_every_character() {
        let text = "A 3.5 kW rack. 它用于 https://a.b/c.d 的场景；其后。Done";
        assert_eq!(split_sentences(text).concat(), text);
        assert_eq!(split_sentences(text).len(), 4);
    }

    #[test]
    fn clipping_never_cuts_inside_a_word_number_or_url() {
        let text = "Risks include a pause in capex (a 5.5 % cut) and https://example.com/x";
        let clipped = clip_at_word(text, 40);
        assert_eq!(clipped, "Risks include a pause in capex (a 5.5 %…");
        assert_eq!(
            clip_at_word("储能电芯均价已跌至每瓦时零点三元以下", 10),
            "储能电芯均价已跌至每…"
        );
        assert_eq!(clip_at_word("short", 10), "short");
        let url = "https://example.com/a/very/long/path then words";
        assert_eq!(clip_at_word(url, 10), "https://example.com/a/very/long/path…");
    }

    proptest::proptest! {
        /// Any text: splitting keeps it whole, clipping never panics and keeps a prefix.
        #[test]
        fn any_text_splits_whole_and_clips_to_a_prefix(text in "\\PC{0,120}", max in 0usize..80) {
            proptest::prop_assert_eq!(split_sentences(&text).concat(), text.clone());
            let clipped = clip_at_word(&text, max);
            proptest::prop_assert!(text.starts_with(clipped.trim_end_matches('…').trim_end()));
        }
    }
}
