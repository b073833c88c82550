//! A key–value list right under the title (`- 分类: 行业分析`, `- Date: …`) is metadata,
//! not body text: it moves into [`Meta`](crate::model::Meta), with the rule after it.

use crate::error::Warning;
use crate::model::{Block, BlockKind, Document, Meta, plain_text};

/// Longest key (in characters) still read as a metadata label.
const MAX_KEY_CHARS: usize = 16;

pub fn run(doc: &mut Document) -> Vec<Warning> {
    let Some(pairs) = doc.blocks.first().and_then(key_value_pairs) else { return Vec::new() };
    doc.blocks.remove(0);
    if doc.blocks.first().is_some_and(|b| b.kind == BlockKind::ThematicBreak) {
        doc.blocks.remove(0);
    }
    for (key, value, line) in pairs {
        apply(&mut doc.meta, key, value, line);
    }
    Vec::new()
}

/// The pairs of a bullet list whose every item is one `key: value` line, with its line.
fn key_value_pairs(block: &Block) -> Option<Vec<(String, String, usize)>> {
    let BlockKind::List(list) = &block.kind else { return None };
    if list.start.is_some() || list.items.is_empty() {
        return None;
    }
    list.items
        .iter()
        .map(|item| match item.blocks.as_slice() {
            [Block { kind: BlockKind::Paragraph(inlines), span, .. }] => {
                let (key, value) = split_pair(&plain_text(inlines))?;
                Some((key, value, span.line))
            }
            _ => None,
        })
        .collect()
}

fn split_pair(line: &str) -> Option<(String, String)> {
    let (key, value) = line.split_once([':', '：'])?;
    let (key, value) = (key.trim(), value.trim());
    let key_ok = !key.is_empty()
        && key.chars().count() <= MAX_KEY_CHARS
        && key.split_whitespace().count() <= 3;
    (key_ok && !value.is_empty()).then(|| (key.to_string(), value.to_string()))
}

/// Puts one pair into `meta`; the line of a date is kept for a warning if it is no day.
fn apply(meta: &mut Meta, key: String, value: String, line: usize) {
    let slot = match key.to_lowercase().as_str() {
        "日期" | "时间" | "发布日期" | "发布时间" | "date" | "published" => {
            if meta.date.is_none() {
                meta.lines.insert("date".into(), line);
            }
            &mut meta.date
        }
        "作者" | "撰稿" | "撰写" | "author" | "authors" | "by" => &mut meta.author,
        "来源" | "出处" | "原文" | "source" | "url" | "link" => &mut meta.source,
        "副标题" | "subtitle" => &mut meta.subtitle,
        _ => {
            meta.fields.push((key, value));
            return;
        }
    };
    if slot.is_none() {
        *slot = Some(value);
    } else {
        meta.fields.push((key, value));
    }
}
