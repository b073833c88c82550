//! `## **1. 标题**`: headings wrapped whole in bold are unwrapped; the heading style
//! already makes them bold, and the wrapper would hide the text from outline and slides.

use crate::error::Warning;
use crate::model::{BlockKind, Document, Inline};

pub fn run(doc: &mut Document) -> Vec<Warning> {
    for block in &mut doc.blocks {
        if let BlockKind::Heading { content, .. } = &mut block.kind {
            unwrap_strong(content);
        }
    }
    Vec::new()
}

fn unwrap_strong(content: &mut Vec<Inline>) {
    let is_blank = |i: &Inline| matches!(i, Inline::Text(t) if t.trim().is_empty());
    let mut strong = content.iter().filter(|i| !is_blank(i));
    let (Some(Inline::Strong(inner)), None) = (strong.next(), strong.next()) else { return };
    *content = inner.clone();
}
