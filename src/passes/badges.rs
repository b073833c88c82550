//! `[![build](https://img.shields.io/…)](https://ci…) [![npm](…)](…)`: a row of linked
//! remote badge pictures at the top of a README becomes small text chips with the
//! badges' descriptions (clickable when linked), instead of a column of placeholders for
//! pictures Folio does not fetch. The slides leave them off.

use crate::error::Warning;
use crate::model::{BlockKind, Document, Inline};

pub fn run(doc: &mut Document) -> Vec<Warning> {
    let top = doc.blocks.iter().position(|b| matches!(b.kind, BlockKind::Heading { .. }));
    let end = top.unwrap_or(doc.blocks.len());
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
    let badges = inlines.iter().filter(|i| as_badge(i).is_some()).count();
    badges > 0
        && inlines.iter().all(|inline| match inline {
            Inline::Text(text) => text.trim().is_empty(),
            Inline::SoftBreak | Inline::LineBreak | Inline::Anchor(_) => true,
            other => as_badge(other).is_some(),
        })
}

/// The chip for a remote picture, or a link holding only one.
fn as_badge(inline: &Inline) -> Option<Inline> {
    match inline {
        Inline::Image { url, alt } if is_remote(url) => {
            Some(Inline::Badge { alt: badge_text(alt, url), link: None })
        }
        Inline::Link { url, content } => {
            let mut pictures =
                content.iter().filter(|i| !matches!(i, Inline::Text(t) if t.trim().is_empty()));
            let (Some(Inline::Image { url: src, alt }), None) = (pictures.next(), pictures.next())
            else {
                return None;
            };
            let link =
                (url.starts_with("http://") || url.starts_with("https://")).then(|| url.clone());
            is_remote(src).then(|| Inline::Badge { alt: badge_text(alt, src), link })
        }
        _ => None,
    }
}

fn is_remote(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
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
    let words = super::images::percent_decode(stem).replace(['-', '_'], " ");
    if words.trim().is_empty() { "badge".to_string() } else { words.trim().to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

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
