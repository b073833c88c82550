//! `[![build](https://img.shields.io/…)](https://ci…) [![npm](…)](…)`: a row of linked
//! remote badge pictures at the top of a README becomes small text chips with the
//! badges' descriptions (clickable when linked), instead of a column of placeholders for
//! pictures Folio does not fetch. The slides leave them off.
//!
//! A row is a paragraph among the first few blocks, before any heading, holding only
//! remote pictures (linked or not): two or more, or one whose address names a badge.
//! A lone remote logo or chart stays a placeholder with its warning.

use crate::address::is_web;
use crate::error::Warning;
use crate::model::{BlockKind, Document, Inline};

/// How many blocks under the title may hold badge rows (logo, badges, tagline, links).
const TOP_BLOCKS: usize = 5;

pub fn run(doc: &mut Document) -> Vec<Warning> {
    let top = doc.blocks.iter().position(|b| matches!(b.kind, BlockKind::Heading { .. }));
    let end = top.unwrap_or(doc.blocks.len()).min(TOP_BLOCKS);
    for block in &mut doc.blocks[..end] {
        if let BlockKind::Paragraph(inlines) = &mut block.kind
            && is_badge_row(inlines)
        {
            for inline in inlines.iter_mut() {
                if let Some(badge) = as_badge(inline) {
                    *inline = badge;
                }
            }
        }
    }
    Vec::new()
}

/// Remote pictures (linked or not) and nothing but space between them.
fn is_badge_row(inlines: &[Inline]) -> bool {
    let pictures: Vec<&str> = inlines.iter().filter_map(remote_picture).collect();
    let badge_like = |url: &&str| {
        let url = url.to_ascii_lowercase();
        ["shields.io", "badge", "badgen", "/status", ".svg"].iter().any(|s| url.contains(s))
    };
    (pictures.len() >= 2 || pictures.iter().any(badge_like))
        && inlines.iter().all(|inline| match inline {
            Inline::Text(text) => text.trim().is_empty(),
            Inline::SoftBreak | Inline::LineBreak | Inline::Anchor(_) => true,
            other => as_badge(other).is_some(),
        })
}

/// The address of a remote picture, alone or as a link's only content.
fn remote_picture(inline: &Inline) -> Option<&str> {
    match inline {
        Inline::Image { url, .. } if is_web(url) => Some(url),
        Inline::Link { content, .. } => {
            let mut pictures = content.iter().filter(|i| !is_blank(i));
            match (pictures.next(), pictures.next()) {
                (Some(Inline::Image { url, .. }), None) if is_web(url) => Some(url),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The chip for a remote picture, or a link holding only one.
fn as_badge(inline: &Inline) -> Option<Inline> {
    match inline {
        Inline::Image { url, alt } if is_web(url) => {
            Some(Inline::Badge { alt: badge_text(alt, url), link: None })
        }
        Inline::Link { url, content } => {
            let mut pictures =
                content.iter().filter(|i| !matches!(i, Inline::Text(t) if t.trim().is_empty()));
            let (Some(Inline::Image { url: src, alt }), None) = (pictures.next(), pictures.next())
            else {
                return None;
            };
            let link = is_web(url).then(|| url.clone());
            is_web(src).then(|| Inline::Badge { alt: badge_text(alt, src), link })
        }
        _ => None,
    }
}

fn is_blank(inline: &&Inline) -> bool {
    matches!(inline, Inline::Text(t) if t.trim().is_empty())
}

/// The description, or words from the picture's address when there is none
/// (`…/badge/license-MIT-blue.svg` → `license MIT blue`).
fn badge_text(alt: &str, url: &str) -> String {
    if !alt.trim().is_empty() {
        return alt.trim().to_string();
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let stem = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
    let words = crate::text::percent_decode(stem).replace(['-', '_'], " ");
    if words.trim().is_empty() { "badge".to_string() } else { words.trim().to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(url: &str) -> Inline {
        Inline::Image { url: url.into(), alt: "b".into() }
    }

    #[test]
    fn rows_of_remote_pictures_are_badges_but_a_lone_picture_is_not() {
        let link = |url: &str| Inline::Link { url: "https://ci".into(), content: vec![image(url)] };
        let space = Inline::Text(" ".into());
        assert!(is_badge_row(&[link("https://a/x.png"), space.clone(), image("https://b/y")]));
        assert!(is_badge_row(&[link("https://img.shields.io/npm/v/x")]));
        assert!(!is_badge_row(&[image("https://example.com/logo.png")]));
        assert!(!is_badge_row(&[image("https://a/x"), Inline::Text(" and text".into())]));
        assert!(!is_badge_row(&[image("local.svg"), image("other.svg")]));
    }

    #[test]
    fn badge_text_comes_from_alt_or_address() {
        assert_eq!(badge_text("CI", "https://x/y.svg"), "CI");
        assert_eq!(
            badge_text("", "https://img.shields.io/badge/license-MIT-blue.svg"),
            "license MIT blue"
        );
        assert_eq!(badge_text(" ", "https://x/"), "x");
    }
}
