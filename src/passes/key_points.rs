//! A top-level section titled 核心摘要 / 要点 / Key takeaways / Summary is the report's
//! key points: it leaves the body for a highlighted box in print and a slide of its own.

use crate::error::Warning;
use crate::model::{BlockKind, Document, Section, plain_text};

/// Section titles read as key points, compared without case and trailing colons.
const TITLES: &[&str] = &[
    "核心摘要",
    "摘要",
    "要点",
    "核心要点",
    "内容摘要",
    "核心观点",
    "关键要点",
    "要点摘要",
    "key takeaways",
    "key points",
    "summary",
    "executive summary",
    "highlights",
    "tl;dr",
];

pub fn run(doc: &mut Document) -> Vec<Warning> {
    if doc.key_points.is_some() {
        return Vec::new();
    }
    let Some(top) = doc.blocks.iter().filter_map(heading_level).min() else { return Vec::new() };
    let found = doc.blocks.iter().position(|b| match &b.kind {
        BlockKind::Heading { level, content } => {
            *level == top && is_key_points_title(&plain_text(content))
        }
        _ => false,
    });
    let Some(start) = found else { return Vec::new() };
    let end = doc.blocks[start + 1..]
        .iter()
        .position(|b| heading_level(b).is_some_and(|l| l <= top))
        .map_or(doc.blocks.len(), |i| start + 1 + i);
    let mut taken = doc.blocks.drain(start..end);
    let title = match taken.next().map(|b| b.kind) {
        Some(BlockKind::Heading { content, .. }) => plain_text(&content).trim().to_string(),
        _ => String::new(),
    };
    let blocks = taken.collect();
    doc.key_points = Some(Section { title, blocks });
    Vec::new()
}

fn heading_level(block: &crate::model::Block) -> Option<u8> {
    match block.kind {
        BlockKind::Heading { level, .. } => Some(level),
        _ => None,
    }
}

fn is_key_points_title(title: &str) -> bool {
    let title = title.trim().trim_end_matches([':', '：']).trim().to_lowercase();
    TITLES.contains(&title.as_str())
}
