//! The names an in-page link may use for a place, and finding a place by such a name.
//!
//! Other tools spell anchors differently: GitHub lower-cases, drops punctuation and keeps
//! CJK (`#安装`, `#faq-1` for a second "FAQ"); people write `#Contact` or the raw heading
//! text; pandoc strips leading digits; HTML exports percent-encode (`#%E5%AE%89%E8%A3%85`)
//! or prefix `user-content-`; some table-of-contents generators turn every non-ASCII
//! character into `-` (`#----` for "配置指南"). A link is matched against each spelling in turn, strictest
//! first, so a loose match never wins over an exact one.

use std::collections::{HashMap, HashSet};

/// Every name known for every place, by how strictly it is matched.
#[derive(Debug, Default)]
pub struct Names {
    exact: HashMap<String, usize>,
    folded: HashMap<String, usize>,
    loose: HashMap<String, usize>,
    /// Slugs with every non-ASCII character as `-`, numbered among themselves.
    dashed: HashMap<String, usize>,
    /// How many headings had each dashed slug so far.
    dashed_count: HashMap<String, usize>,
    /// GitHub slugs handed out so far.
    taken: HashSet<String>,
    /// For each slug, the next `-N` to try for a duplicate (no rescanning from `-1`).
    next_suffix: HashMap<String, usize>,
}

impl Names {
    /// A name written in the source (an HTML `id`, `{#id}`, a footnote id). The first
    /// place to claim a name keeps it.
    pub fn add(&mut self, name: &str, place: usize) {
        self.exact.entry(name.to_string()).or_insert(place);
        self.folded.entry(name.to_lowercase()).or_insert(place);
        let loose = loose(name);
        if !loose.is_empty() {
            self.loose.entry(loose).or_insert(place);
        }
    }

    /// A heading's text: its GitHub slug (numbered if taken), its pandoc identifier and
    /// the text itself.
    pub fn add_heading(&mut self, text: &str, place: usize) {
        let slug = github_slug(text);
        let unique = if self.taken.contains(&slug) {
            let n = self.next_suffix.entry(slug.clone()).or_insert(1);
            while self.taken.contains(&format!("{slug}-{n}")) {
                *n += 1;
            }
            *n += 1;
            format!("{slug}-{}", *n - 1)
        } else {
            slug
        };
        self.taken.insert(unique.clone());
        self.add(&unique, place);
        self.add(&pandoc_identifier(text), place);
        self.add(text.trim(), place);
        let dashed = dashed_slug(text);
        let count = self.dashed_count.entry(dashed.clone()).or_insert(0);
        let numbered = if *count == 0 { dashed } else { format!("{dashed}-{count}") };
        *count += 1;
        self.dashed.entry(numbered).or_insert(place);
    }

    /// The place a link's fragment (without `#`) lands on.
    pub fn find(&self, fragment: &str) -> Option<usize> {
        let decoded = crate::text::percent_decode(fragment);
        let mut tries = vec![fragment.to_string(), decoded.clone()];
        if let Some(rest) = decoded.strip_prefix("user-content-") {
            tries.push(rest.to_string());
        }
        for name in &tries {
            if let Some(place) = self.exact.get(name) {
                return Some(*place);
            }
        }
        for name in &tries {
            let folded = name.to_lowercase();
            let slugged = github_slug(name);
            for table_key in [&folded, &slugged] {
                if let Some(place) = self.folded.get(table_key.as_str()) {
                    return Some(*place);
                }
            }
        }
        if let Some(place) = tries.iter().find_map(|name| self.dashed.get(name)) {
            return Some(*place);
        }
        tries.iter().find_map(|name| self.loose.get(&loose(name)).copied())
    }
}

/// GitHub's heading slug: lower-cased; letters, digits, marks, `-` and `_` kept; spaces
/// become `-`; everything else dropped.
pub fn github_slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() || is_mark(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// The slug of table-of-contents generators that keep only ASCII: lower-cased ASCII
/// letters, digits, `-` and `_` kept, spaces and every other character outside ASCII
/// become `-`, ASCII punctuation dropped.
fn dashed_slug(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| match c {
            c if c.is_ascii_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            ' ' => Some('-'),
            c if !c.is_ascii() => Some('-'),
            _ => None,
        })
        .collect()
}

/// Combining marks GitHub keeps (accents, emoji variation selectors).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{FE00}'..='\u{FE0F}' | '\u{20D0}'..='\u{20FF}')
}

/// Pandoc's identifier: formatting and punctuation but `_-.` dropped, spaces to `-`,
/// lower-cased, nothing before the first letter.
fn pandoc_identifier(text: &str) -> String {
    let kept: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .flat_map(char::to_lowercase)
        .collect();
    kept.trim_start_matches(|c: char| !c.is_alphabetic()).to_string()
}

/// Letters and digits only, lower-cased: `Foo & Bar`, `foo--bar` and `foo-bar` agree.
fn loose(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_github() {
        assert_eq!(github_slug("安装"), "安装");
        assert_eq!(github_slug("Quick Start!"), "quick-start");
        assert_eq!(github_slug("What's `new` in 2.0?"), "whats-new-in-20");
        assert_eq!(github_slug("Foo & Bar"), "foo--bar");
        assert_eq!(github_slug("🚀 Getting started"), "-getting-started");
        assert_eq!(github_slug("常见问题 (FAQ)"), "常见问题-faq");
    }

    #[test]
    fn links_find_headings_by_every_common_spelling() {
        let mut names = Names::default();
        names.add_heading("安装", 0);
        names.add_heading("Contact", 1);
        names.add_heading("FAQ", 2);
        names.add_heading("FAQ", 3);
        names.add_heading("1. Getting Started", 4);
        names.add_heading("FAQ", 6);
        names.add("fn-1", 5);
        assert_eq!(names.find("安装"), Some(0));
        assert_eq!(names.find("%E5%AE%89%E8%A3%85"), Some(0));
        assert_eq!(names.find("user-content-安装"), Some(0));
        assert_eq!(names.find("Contact"), Some(1));
        assert_eq!(names.find("contact"), Some(1));
        assert_eq!(names.find("CONTACT"), Some(1));
        assert_eq!(names.find("faq"), Some(2));
        assert_eq!(names.find("faq-1"), Some(3));
        assert_eq!(names.find("faq-2"), Some(6));
        assert_eq!(names.find("1-getting-started"), Some(4));
        assert_eq!(names.find("getting-started"), Some(4));
        assert_eq!(names.find("1. Getting Started"), Some(4));
        assert_eq!(names.find("user-content-fn-1"), Some(5));
        assert_eq!(names.find("nowhere"), None);
    }

    #[test]
    fn ascii_only_toc_slugs_find_cjk_headings() {
        let mut names = Names::default();
        names.add_heading("配置指南", 0);
        names.add_heading("rsbuild.config.mjs", 1);
        names.add_heading("默认配置", 2);
        assert_eq!(names.find("----"), Some(0));
        assert_eq!(names.find("rsbuildconfigmjs"), Some(1));
        assert_eq!(names.find("-----1"), Some(2));
    }
}
