//! `表 1：各厂商融资情况` or `Table 2: Lead times` written right above a table is that
//! table's caption: set as a caption (numbered by Typst) rather than a loose paragraph.

use crate::error::Warning;
use crate::model::{Block, BlockKind, Document, Inline, plain_text};

pub fn run(doc: &mut Document) -> Vec<Warning> {
    attach(&mut doc.blocks);
    Vec::new()
}

fn attach(blocks: &mut Vec<Block>) {
    let mut i = 0;
    while i + 1 < blocks.len() {
        let caption = match (&blocks[i].kind, &blocks[i + 1].kind) {
            (BlockKind::Paragraph(inlines), BlockKind::Table(table))
                if table.caption.is_none() && is_caption(&plain_text(inlines)) =>
            {
                Some(strip_label(inlines.clone()))
            }
            _ => None,
        };
        if let Some(caption) = caption {
            blocks.remove(i);
            if let BlockKind::Table(table) = &mut blocks[i].kind {
                table.caption = Some(caption);
            }
        }
        i += 1;
    }
}

/// `表 1：…`, `表1 …`, `Table 3: …` (short, one line).
fn is_caption(text: &str) -> bool {
    let text = text.trim();
    let rest = text.strip_prefix('表').or_else(|| text.strip_prefix("Table ")).map(str::trim_start);
    let Some(rest) = rest else { return false };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && text.chars().count() <= 60 && !text.contains('\n')
}

/// Drops the `表 1：` / `Table 1:` label; Typst numbers the caption itself.
fn strip_label(mut inlines: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text(first)) = inlines.first_mut() {
        let text = first.trim_start();
        let rest = text.strip_prefix('表').or_else(|| text.strip_prefix("Table ")).unwrap_or(text);
        let rest = rest.trim_start().trim_start_matches(|c: char| c.is_ascii_digit());
        *first = rest.trim_start_matches([':', '：', '.', ' ', '　']).to_string();
    }
    inlines
}
