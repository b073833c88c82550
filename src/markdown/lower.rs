//! comrak AST → model. One arm per node type we support; anything else keeps its text.

use super::push_text;
use crate::model::{Align, Block, BlockKind, Inline, List, ListItem, Span, Table};
use comrak::nodes::{ListType, NodeValue, TableAlignment};

type Node<'a> = comrak::Node<'a>;

/// Lowers the children of a block container.
pub fn blocks<'a>(parent: Node<'a>) -> Vec<Block> {
    let mut out = Vec::new();
    for node in parent.children() {
        lower_block(node, &mut out);
    }
    out
}

fn span_of(node: Node<'_>) -> Span {
    let pos = node.data().sourcepos;
    Span { line: pos.start.line, end_line: pos.end.line }
}

fn lower_block<'a>(node: Node<'a>, out: &mut Vec<Block>) {
    let span = span_of(node);
    let value = node.data().value.clone();
    let kind = match value {
        NodeValue::FrontMatter(_) => return,
        NodeValue::Heading(h) => BlockKind::Heading { level: h.level, content: inlines(node) },
        NodeValue::Paragraph => BlockKind::Paragraph(inlines(node)),
        NodeValue::CodeBlock(code) => {
            let lang = code.info.split_whitespace().next().map(str::to_string);
            BlockKind::CodeBlock { lang, code: code.literal.clone() }
        }
        NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
            BlockKind::BlockQuote(blocks(node))
        }
        NodeValue::List(list) => BlockKind::List(lower_list(node, &list)),
        NodeValue::Table(_) => BlockKind::Table(lower_table(node)),
        NodeValue::ThematicBreak => BlockKind::ThematicBreak,
        NodeValue::HtmlBlock(html) => BlockKind::Html(html.literal.trim_end().to_string()),
        // Containers we do not model yet keep their content rather than lose it.
        _ => {
            out.extend(blocks(node));
            return;
        }
    };
    out.push(Block::new(span, kind));
}

fn lower_list<'a>(node: Node<'a>, list: &comrak::nodes::NodeList) -> List {
    let items = node
        .children()
        .map(|item| {
            let checked = match &item.data().value {
                NodeValue::TaskItem(task) => Some(task.symbol.is_some()),
                _ => None,
            };
            ListItem { checked, blocks: blocks(item) }
        })
        .collect();
    let start = (list.list_type == ListType::Ordered).then_some(list.start);
    List { start, tight: list.tight, items }
}

fn lower_table<'a>(node: Node<'a>) -> Table {
    let align = match &node.data().value {
        NodeValue::Table(t) => t.alignments.iter().map(|a| lower_align(*a)).collect(),
        _ => Vec::new(),
    };
    let mut header = Vec::new();
    let mut rows = Vec::new();
    for row in node.children() {
        let is_header = matches!(row.data().value, NodeValue::TableRow(true));
        let cells: Vec<Vec<Inline>> = row.children().map(inlines).collect();
        if is_header {
            header = cells;
        } else {
            rows.push(cells);
        }
    }
    Table { align, header, rows }
}

fn lower_align(align: TableAlignment) -> Align {
    match align {
        TableAlignment::None => Align::Auto,
        TableAlignment::Left => Align::Left,
        TableAlignment::Center => Align::Center,
        TableAlignment::Right => Align::Right,
    }
}

/// Lowers the inline children of a node.
fn inlines<'a>(parent: Node<'a>) -> Vec<Inline> {
    let mut out = Vec::new();
    for node in parent.children() {
        lower_inline(node, &mut out);
    }
    out
}

fn lower_inline<'a>(node: Node<'a>, out: &mut Vec<Inline>) {
    let value = node.data().value.clone();
    let inline = match value {
        NodeValue::Text(text) => return push_text(out, &text),
        NodeValue::Emph => Inline::Emph(inlines(node)),
        NodeValue::Strong => Inline::Strong(inlines(node)),
        NodeValue::Strikethrough => Inline::Strike(inlines(node)),
        NodeValue::Code(code) => Inline::Code(code.literal),
        NodeValue::Link(link) => Inline::Link { url: link.url.clone(), content: inlines(node) },
        NodeValue::Image(link) => {
            Inline::Image { url: link.url.clone(), alt: crate::model::plain_text(&inlines(node)) }
        }
        NodeValue::SoftBreak => Inline::SoftBreak,
        NodeValue::LineBreak => Inline::LineBreak,
        NodeValue::HtmlInline(html) => Inline::Html(html),
        NodeValue::Raw(raw) => return push_text(out, &raw),
        // Inline kinds we do not model yet keep their text.
        _ => {
            for child in inlines(node) {
                match child {
                    Inline::Text(t) => push_text(out, &t),
                    other => out.push(other),
                }
            }
            return;
        }
    };
    out.push(inline);
}
