//! A block quote opening the body (right under the title and metadata) is the report's
//! lead abstract: set as a lead box in print and a slide of its own.

use crate::error::Warning;
use crate::model::{BlockKind, Document};

pub fn run(doc: &mut Document) -> Vec<Warning> {
    if !doc.lead.is_empty() {
        return Vec::new();
    }
    if matches!(doc.blocks.first().map(|b| &b.kind), Some(BlockKind::BlockQuote(_)))
        && let BlockKind::BlockQuote(inner) = doc.blocks.remove(0).kind
    {
        doc.lead = inner;
    }
    Vec::new()
}
