//! A report ending in a rule and a `来源: …` / `Source: …` line gets that line as its
//! source note, set apart at the end rather than as a stray body paragraph.

use crate::error::Warning;
use crate::model::{BlockKind, Document, plain_text};

const LABELS: &[&str] = &["来源", "出处", "原文", "资料来源", "数据来源", "source", "sources"];

pub fn run(doc: &mut Document) -> Vec<Warning> {
    let n = doc.blocks.len();
    if n < 2 || doc.blocks[n - 2].kind != BlockKind::ThematicBreak {
        return Vec::new();
    }
    let BlockKind::Paragraph(inlines) = &doc.blocks[n - 1].kind else { return Vec::new() };
    let text = plain_text(inlines);
    let Some((label, _)) = text.split_once([':', '：']) else { return Vec::new() };
    if !LABELS.contains(&label.trim().to_lowercase().as_str()) {
        return Vec::new();
    }
    let note = inlines.clone();
    doc.blocks.truncate(n - 2);
    doc.source_note = Some(note);
    Vec::new()
}
