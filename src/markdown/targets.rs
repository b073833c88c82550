//! Every address a report may refer to, found by a linear scan of its text rather than a
//! parse: the batch process fingerprints each report before converting it, and a small
//! hostile report (nested quotes, runs of `*`) can make a Markdown parse take minutes or
//! overflow a stack. The scan errs on the side of finding too much (a candidate that is
//! no real reference only feeds a file that does not matter into the fingerprint); every
//! real link and picture address is among what it finds.

use std::collections::BTreeSet;

/// More candidates than this and the report is not fingerprinted (it is converted on
/// every run): no real report refers to so many files.
pub const MAX_TARGETS: usize = 4096;

/// The addresses in `text`, sorted and without repeats: link and picture destinations
/// (`](…)`, `](<…>)`), reference definitions (`[x]: …`) and HTML `src`/`href` values.
/// `None` when there are more than [`MAX_TARGETS`].
pub fn targets(text: &str) -> Option<BTreeSet<String>> {
    let mut found = BTreeSet::new();
    let mut add = |target: &str| {
        let target = target.trim();
        if !target.is_empty() {
            found.insert(target.to_string());
        }
    };
    for (at, _) in text.match_indices("](") {
        add(destination(&text[at + 2..]));
    }
    for line in text.lines() {
        let line = line.trim_start();
        if line.starts_with('[')
            && let Some(at) = line.find("]:")
        {
            add(destination(&line[at + 2..]));
        }
    }
    let lower = text.to_ascii_lowercase();
    for attribute in ["src=", "href="] {
        for (at, _) in lower.match_indices(attribute) {
            add(attribute_value(&text[at + attribute.len()..]));
        }
    }
    (found.len() <= MAX_TARGETS).then_some(found)
}

/// The destination at the start of `rest`: `<…>`, or up to whitespace or `)`.
fn destination(rest: &str) -> &str {
    let rest = rest.trim_start();
    match rest.strip_prefix('<') {
        Some(inner) => &inner[..inner.find('>').unwrap_or(inner.len())],
        None => &rest[..rest.find(|c: char| c.is_whitespace() || c == ')').unwrap_or(rest.len())],
    }
}

/// An HTML attribute's value at the start of `rest`: quoted, or up to whitespace or `>`.
fn attribute_value(rest: &str) -> &str {
    let rest = rest.trim_start();
    match rest.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            let inner = &rest[1..];
            &inner[..inner.find(quote).unwrap_or(inner.len())]
        }
        _ => &rest[..rest.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(rest.len())],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_reference_is_found() {
        let text = "![a](img/a.png \"t\") [b](docs/b.md#x) [c](<my file.md>)\n\
                    ![d][ref]\n\n  [ref]: pics/d.svg\n\
                    <img SRC=\"h.png\"> <a href='x.md'>x</a> <img src=bare.png>\n";
        let found: Vec<String> = targets(text).unwrap().into_iter().collect();
        let expected =
            ["bare.png", "docs/b.md#x", "h.png", "img/a.png", "my file.md", "pics/d.svg", "x.md"];
        assert_eq!(found, expected);
    }

    #[test]
    fn hostile_text_is_scanned_in_linear_time_and_too_many_targets_give_none() {
        let nested = ">".repeat(2_000_000) + " deep";
        assert_eq!(targets(&nested).map(|t| t.len()), Some(0));
        let many: String = (0..5000).map(|i| format!("[x](f{i}.png) ")).collect();
        assert_eq!(targets(&many), None);
    }
}
