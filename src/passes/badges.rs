//! `[![build](https://img.shields.io/…)](https://ci…) [![npm](…)](…)`: a row of status
//! badges becomes small text chips with the badges' descriptions (clickable when linked),
//! instead of a column of placeholders for pictures Folio does not fetch, wherever the
//! row stands (under the title, under `## Introduction`, in a list item). The slides
//! leave them off; they are never fetched.
//!
//! A row is a paragraph holding only remote pictures (linked or not) and space, each of
//! them a badge: from a badge service (shields.io, badgen, badge.fury.io, codecov, Travis,
//! GitHub Actions' `badge.svg`, Read the Docs, pepy…) or described as one (`build`,
//! `license`, `npm`…). A remote logo or chart stays a picture.

use crate::address::is_web;
use crate::error::Warning;
use crate::model::{BlockKind, Document, Inline};

/// Hosts that serve only badges.
const BADGE_HOSTS: &[&str] = &[
    "shields.io",
    "badgen.net",
    "badge.fury.io",
    "codecov.io",
    "travis-ci.org",
    "travis-ci.com",
    "circleci.com",
    "coveralls.io",
    "readthedocs.org",
    "readthedocs.io",
    "pepy.tech",
    "goreportcard.com",
    "snyk.io",
    "codacy.com",
    "sonarcloud.io",
    "ci.appveyor.com",
    "bestpractices.coreinfrastructure.org",
    "deepsource.io",
    "codeclimate.com",
    "badgen.now.sh",
    "img.badgesize.io",
    "api.netlify.com",
    "david-dm.org",
    "docs.rs",
    "pkg.go.dev",
];

/// Address parts that name a badge anywhere (GitHub Actions' `…/workflows/ci.yml/badge.svg`,
/// GitLab's `pipeline.svg`).
const BADGE_PATHS: &[&str] =
    &["/badge", "badge.svg", "/status.svg", "pipeline.svg", "coverage.svg"];

/// Words a badge's description starts with.
const BADGE_WORDS: &[&str] = &[
    "build",
    "ci",
    "tests",
    "test",
    "license",
    "licence",
    "npm",
    "pypi",
    "crates",
    "version",
    "release",
    "coverage",
    "codecov",
    "downloads",
    "status",
    "docs",
    "documentation",
    "chat",
    "discord",
    "gitter",
    "python",
    "node",
    "go",
    "rust",
    "platform",
    "stars",
    "forks",
    "sponsor",
    "sponsors",
    "donate",
    "maintained",
    "pipeline",
    "code style",
    "dependencies",
    "pre-commit",
    "ruff",
    "black",
    "mypy",
    "conda",
    "homebrew",
    "docker",
    "pulls",
    "issues",
];

pub fn run(doc: &mut Document) -> Vec<Warning> {
    doc.visit_blocks_mut(&mut |block| {
        if let BlockKind::Paragraph(inlines) = &mut block.kind
            && is_badge_row(inlines)
        {
            for inline in inlines.iter_mut() {
                if let Some(badge) = as_badge(inline) {
                    *inline = badge;
                }
            }
        }
    });
    Vec::new()
}

/// Badges (linked or not) and nothing but space between them.
fn is_badge_row(inlines: &[Inline]) -> bool {
    let mut pictures = inlines.iter().filter_map(remote_picture).peekable();
    pictures.peek().is_some()
        && pictures.all(|(url, alt)| is_badge(url, alt))
        && inlines.iter().all(|inline| match inline {
            Inline::Text(text) => text.trim().is_empty(),
            Inline::SoftBreak | Inline::LineBreak | Inline::Anchor(_) => true,
            other => as_badge(other).is_some(),
        })
}

/// Whether a remote picture is a status badge, by its address or its description.
pub fn is_badge(url: &str, alt: &str) -> bool {
    let url = url.to_ascii_lowercase();
    let host = crate::address::web_host(&url).unwrap_or("");
    let on_badge_host = BADGE_HOSTS.iter().any(|h| host == *h || host.ends_with(&format!(".{h}")));
    let path = url.split_once(host).map_or("", |(_, rest)| rest);
    let alt = alt.trim().to_lowercase();
    let described = BADGE_WORDS.iter().any(|word| {
        alt.strip_prefix(word)
            .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    });
    on_badge_host || BADGE_PATHS.iter().any(|p| path.contains(p)) || described
}

/// The address and description of a remote picture, alone or as a link's only content.
fn remote_picture(inline: &Inline) -> Option<(&str, &str)> {
    match inline {
        Inline::Image { url, alt } if is_web(url) => Some((url, alt)),
        Inline::Link { content, .. } => {
            let mut pictures = content.iter().filter(|i| !is_blank(i));
            match (pictures.next(), pictures.next()) {
                (Some(Inline::Image { url, alt }), None) if is_web(url) => Some((url, alt)),
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
    fn rows_of_badges_are_chips_but_other_remote_pictures_are_not() {
        let link = |url: &str| Inline::Link { url: "https://ci".into(), content: vec![image(url)] };
        let space = Inline::Text(" ".into());
        let shield = "https://img.shields.io/npm/v/x";
        let actions = "https://github.com/o/r/actions/workflows/ci.yml/badge.svg";
        assert!(is_badge_row(&[link(shield), space.clone(), image(actions)]));
        assert!(is_badge_row(&[link("https://codecov.io/gh/o/r/graph/badge.svg")]));
        let described =
            Inline::Image { url: "https://example.com/b.svg".into(), alt: "License: MIT".into() };
        assert!(is_badge_row(&[described]));
        assert!(!is_badge_row(&[image("https://example.com/logo.png")]));
        assert!(!is_badge_row(&[image(shield), image("https://example.com/arch.png")]));
        assert!(!is_badge_row(&[image(shield), Inline::Text(" and text".into())]));
        assert!(!is_badge_row(&[image("local.svg"), image("other.svg")]));
        assert!(!is_badge("https://example.com/x.png", "building plan"));
        assert!(is_badge("https://pepy.tech/badge/x", "") && is_badge("https://x/y", "build"));
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
