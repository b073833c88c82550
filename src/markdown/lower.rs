//! comrak AST → model. One arm per node type we support; anything else keeps its text.

use super::html::{InlineBuilder, Token, is_block_tag, tokenize};
use crate::error::Warning;
use crate::model::{
    AlertKind, Align, Anchor, Block, BlockKind, ChartRequest, DescriptionItem, Footnote, Formula,
    Inline, List, ListItem, Span, Table, plain_text,
};
use comrak::nodes::{AlertType, ListType, NodeValue, TableAlignment};

type Node<'a> = comrak::Node<'a>;

/// The warning for a directive comment with no table right below it.
const DIRECTIVE_NOT_ABOVE_TABLE: &str =
    "folio directive ignored: it applies to the table right below it, and none follows";

/// Walks the AST, collecting footnote definitions and warnings on the way.
#[derive(Default)]
pub struct Lowerer {
    pub footnotes: Vec<Footnote>,
    pub warnings: Vec<Warning>,
    /// HTML block elements open across HTML blocks (`<div align="center">`, a blank line,
    /// Markdown, `</div>`), each with whether it centres its content.
    open_elements: Vec<(String, bool)>,
    /// What a directive comment just read asked of the table right below it.
    /// (request, line of the comment).
    chart_request: Option<(ChartRequest, usize)>,
}

fn span_of(node: Node<'_>) -> Span {
    let pos = node.data().sourcepos;
    Span { line: pos.start.line, end_line: pos.end.line }
}

impl Lowerer {
    /// Lowers the children of a block container.
    pub fn blocks<'a>(&mut self, parent: Node<'a>) -> Vec<Block> {
        let mut out = Vec::new();
        for node in parent.children() {
            self.block(node, &mut out);
        }
        attach_lone_anchors(&mut out);
        out
    }

    fn block<'a>(&mut self, node: Node<'a>, out: &mut Vec<Block>) {
        let span = span_of(node);
        let value = node.data().value.clone();
        if let NodeValue::HtmlBlock(html) = &value
            && let Some(directive) = super::directive::parse(&html.literal)
        {
            return self.directive(directive, span);
        }
        // A directive applies to the block right below it, and only to a table.
        let pending = self.chart_request.take();
        if let Some((_, line)) = pending
            && !matches!(value, NodeValue::Table(_))
        {
            self.warn_all(vec![DIRECTIVE_NOT_ABOVE_TABLE.to_string()], line);
        }
        self.chart_request = pending.filter(|_| matches!(value, NodeValue::Table(_)));
        let kind = match value {
            NodeValue::FrontMatter(_) => return,
            NodeValue::Heading(h) => {
                let mut content = self.inlines(node);
                take_explicit_id(&mut content);
                BlockKind::Heading { level: h.level, content }
            }
            NodeValue::Paragraph => display_math_alone(self.inlines(node)),
            NodeValue::CodeBlock(code) => {
                let lang = code.info.split_whitespace().next().map(str::to_string);
                if lang.as_deref() == Some("math") {
                    BlockKind::Math(Formula::new(code.literal.trim(), true))
                } else {
                    BlockKind::CodeBlock { lang, code: code.literal.clone() }
                }
            }
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
                BlockKind::BlockQuote(self.blocks(node))
            }
            NodeValue::Alert(alert) => BlockKind::Alert {
                kind: lower_alert(alert.alert_type),
                title: alert.title.clone(),
                blocks: self.blocks(node),
            },
            NodeValue::List(list) => BlockKind::List(self.list(node, &list)),
            NodeValue::DescriptionList => BlockKind::DescriptionList(self.description_list(node)),
            NodeValue::Table(_) => BlockKind::Table(self.table(node)),
            NodeValue::ThematicBreak => BlockKind::ThematicBreak,
            NodeValue::Math(math) => BlockKind::Math(Formula::new(math.literal.trim(), true)),
            NodeValue::HtmlBlock(html) => return out.extend(self.html_block(&html.literal, span)),
            NodeValue::FootnoteDefinition(def) => {
                let blocks = self.blocks(node);
                self.footnotes.push(Footnote { label: def.name.clone(), blocks });
                return;
            }
            // Containers we do not model keep their content rather than lose it.
            _ => {
                out.extend(self.blocks(node));
                return;
            }
        };
        let mut block = Block::new(span, kind);
        block.centred = matches!(block.kind, BlockKind::Paragraph(_)) && self.centring();
        out.push(block);
    }

    /// Whether an open HTML element centres what is inside it.
    fn centring(&self) -> bool {
        self.open_elements.iter().any(|(_, centre)| *centre)
    }

    /// Keeps track of the HTML block elements that are open.
    fn track_element(&mut self, token: &Token) {
        match token {
            Token::Open { name, attrs, self_closing: false }
                if matches!(name.as_str(), "p" | "div" | "center") =>
            {
                let centre = name == "center"
                    || attrs.iter().any(|(k, v)| k == "align" && v.eq_ignore_ascii_case("center"));
                self.open_elements.push((name.clone(), centre));
            }
            Token::Close { name } => {
                if let Some(i) = self.open_elements.iter().rposition(|(n, _)| n == name) {
                    self.open_elements.truncate(i);
                }
            }
            _ => {}
        }
    }

    fn list<'a>(&mut self, node: Node<'a>, list: &comrak::nodes::NodeList) -> List {
        let items = node
            .children()
            .map(|item| {
                let checked = match &item.data().value {
                    NodeValue::TaskItem(task) => Some(task.symbol.is_some()),
                    _ => None,
                };
                ListItem { checked, blocks: self.blocks(item) }
            })
            .collect();
        let start = (list.list_type == ListType::Ordered).then_some(list.start);
        List { start, tight: list.tight, items }
    }

    fn description_list<'a>(&mut self, node: Node<'a>) -> Vec<DescriptionItem> {
        let mut items = Vec::new();
        for item in node.children() {
            let mut term = Vec::new();
            let mut details = Vec::new();
            for part in item.children() {
                match part.data().value {
                    NodeValue::DescriptionTerm => {
                        // The term is a paragraph; take its inline content.
                        for block in self.blocks(part) {
                            if let BlockKind::Paragraph(content) = block.kind {
                                term.extend(content);
                            }
                        }
                    }
                    _ => details.extend(self.blocks(part)),
                }
            }
            items.push(DescriptionItem { term, details });
        }
        items
    }

    fn table<'a>(&mut self, node: Node<'a>) -> Table {
        let align = match &node.data().value {
            NodeValue::Table(t) => t.alignments.iter().map(|a| lower_align(*a)).collect(),
            _ => Vec::new(),
        };
        let mut header = Vec::new();
        let mut rows = Vec::new();
        for row in node.children() {
            let is_header = matches!(row.data().value, NodeValue::TableRow(true));
            let cells: Vec<Vec<Inline>> = row.children().map(|cell| self.inlines(cell)).collect();
            if is_header {
                header = cells;
            } else {
                rows.push(cells);
            }
        }
        let chart_request =
            self.chart_request.take().map(|(request, _)| request).unwrap_or_default();
        Table { align, header, rows, caption: None, chart_request, chart: None }
    }

    /// An HTML block: its text as paragraphs (split at block-level tags), images kept.
    fn html_block(&mut self, html: &str, span: Span) -> Vec<Block> {
        let mut builder = InlineBuilder::default();
        // (content, centred, heading level) of each piece between block-level tags.
        let mut pieces = Vec::new();
        let mut heading = None;
        for token in tokenize(html) {
            let breaks = matches!(&token, Token::Open { name, .. } | Token::Close { name } if is_block_tag(name));
            if breaks {
                pieces.push((builder.take_root(), self.centring(), heading.take()));
            }
            // `<h1 align="center">Name</h1>` heads many READMEs: a heading, so a title.
            if let Token::Open { name, .. } = &token {
                heading = heading_level(name);
            }
            self.track_element(&token);
            builder.token(token);
        }
        let (rest, warnings) = builder.finish();
        pieces.push((rest, self.centring(), heading));
        self.warn_all(warnings, span.line);
        let mut blocks: Vec<Block> = pieces
            .into_iter()
            .map(|(p, centred, level)| (collapse_whitespace(p), centred, level))
            .filter(|(p, _, _)| !p.is_empty())
            .map(|(content, centred, level)| match level {
                Some(level) => Block::new(span, BlockKind::Heading { level, content }),
                None => Block { centred, ..Block::new(span, BlockKind::Paragraph(content)) },
            })
            .collect();
        attach_lone_anchors(&mut blocks);
        blocks
    }

    /// Lowers the inline children of a node.
    fn inlines<'a>(&mut self, parent: Node<'a>) -> Vec<Inline> {
        let mut builder = InlineBuilder::default();
        for node in parent.children() {
            self.inline(node, &mut builder);
        }
        let (content, warnings) = builder.finish();
        self.warn_all(warnings, span_of(parent).line);
        content
    }

    fn inline<'a>(&mut self, node: Node<'a>, out: &mut InlineBuilder) {
        let value = node.data().value.clone();
        let inline = match value {
            NodeValue::Text(text) => Inline::Text(text.to_string()),
            NodeValue::Emph => Inline::Emph(self.inlines(node)),
            NodeValue::Strong => Inline::Strong(self.inlines(node)),
            NodeValue::Strikethrough => Inline::Strike(self.inlines(node)),
            NodeValue::Superscript => Inline::Superscript(self.inlines(node)),
            NodeValue::Subscript => Inline::Subscript(self.inlines(node)),
            NodeValue::Underline => Inline::Underline(self.inlines(node)),
            NodeValue::Highlight => Inline::Highlight(self.inlines(node)),
            NodeValue::Code(code) => Inline::Code(code.literal),
            NodeValue::Link(link) => {
                Inline::Link { url: link.url.clone(), content: self.inlines(node) }
            }
            NodeValue::Image(link) => {
                Inline::Image { url: link.url.clone(), alt: plain_text(&self.inlines(node)) }
            }
            NodeValue::FootnoteReference(reference) => Inline::FootnoteRef(reference.name.clone()),
            NodeValue::Math(math) => Inline::Math(Formula::new(math.literal, math.display_math)),
            NodeValue::SoftBreak => Inline::SoftBreak,
            NodeValue::LineBreak => Inline::LineBreak,
            NodeValue::HtmlInline(html) => return out.html(&html),
            NodeValue::Raw(raw) => Inline::Text(raw),
            // Inline kinds we do not model keep their content.
            _ => {
                for child in self.inlines(node) {
                    out.push(child);
                }
                return;
            }
        };
        out.push(inline);
    }

    /// Keeps a directive comment for the table below it, or warns why it cannot be used.
    fn directive(&mut self, directive: Result<super::directive::Directive, String>, span: Span) {
        match directive {
            Ok(directive) => self.chart_request = Some((directive.chart, span.line)),
            Err(why) => self.warn_all(vec![format!("folio directive ignored: {why}")], span.line),
        }
    }

    fn warn_all(&mut self, messages: Vec<String>, line: usize) {
        self.warnings
            .extend(messages.into_iter().map(|message| Warning { line: Some(line), message }));
    }
}

fn lower_alert(kind: AlertType) -> AlertKind {
    match kind {
        AlertType::Note => AlertKind::Note,
        AlertType::Tip => AlertKind::Tip,
        AlertType::Important => AlertKind::Important,
        AlertType::Warning => AlertKind::Warning,
        AlertType::Caution => AlertKind::Caution,
    }
}

fn lower_align(align: TableAlignment) -> Align {
    match align {
        TableAlignment::None => Align::Auto,
        TableAlignment::Left => Align::Left,
        TableAlignment::Center => Align::Center,
        TableAlignment::Right => Align::Right,
    }
}

/// The level of an HTML heading tag (`h1`…`h6`).
fn heading_level(tag: &str) -> Option<u8> {
    match tag.strip_prefix('h')?.parse::<u8>() {
        Ok(level @ 1..=6) => Some(level),
        _ => None,
    }
}

/// `<a name="x"></a>` on a line of its own names what follows: its anchors move into the
/// next heading or paragraph instead of standing as an empty paragraph.
fn attach_lone_anchors(blocks: &mut Vec<Block>) {
    let is_lone = |b: &Block| {
        matches!(&b.kind, BlockKind::Paragraph(p)
            if !p.is_empty() && p.iter().all(|x| matches!(x, Inline::Anchor(_))))
    };
    if !blocks.iter().any(is_lone) {
        return;
    }
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut pending: Vec<Block> = Vec::new();
    for mut block in std::mem::take(blocks) {
        if is_lone(&block) {
            pending.push(block);
            continue;
        }
        if let BlockKind::Heading { content, .. } | BlockKind::Paragraph(content) = &mut block.kind
        {
            let anchors = pending.drain(..).flat_map(|p| match p.kind {
                BlockKind::Paragraph(anchors) => anchors,
                _ => Vec::new(),
            });
            content.splice(0..0, anchors);
        } else {
            out.append(&mut pending);
        }
        out.push(block);
    }
    out.append(&mut pending);
    *blocks = out;
}

/// `## Title {#id}` (pandoc, kramdown, many site generators): the id names the heading
/// and leaves its text.
fn take_explicit_id(content: &mut Vec<Inline>) {
    let Some(Inline::Text(text)) = content.last_mut() else { return };
    let trimmed = text.trim_end();
    let Some(open) = trimmed.rfind("{#") else { return };
    let id = &trimmed[open + 2..];
    let Some(id) = id.strip_suffix('}') else { return };
    if id.is_empty() || id.contains(char::is_whitespace) || id.contains(['{', '}']) {
        return;
    }
    let anchor = Anchor { names: vec![id.to_string()], target: None };
    text.truncate(open);
    let rest = text.trim_end().len();
    text.truncate(rest);
    if text.is_empty() {
        content.pop();
    }
    content.push(Inline::Anchor(anchor));
}

/// HTML whitespace rules: each run of whitespace is one space; none at either end.
fn collapse_whitespace(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = inlines
        .into_iter()
        .map(|inline| match inline {
            Inline::Text(text) => Inline::Text(squash_spaces(&text)),
            other => other,
        })
        .collect();
    if let Some(Inline::Text(first)) = out.first_mut() {
        *first = first.trim_start().to_string();
    }
    if let Some(Inline::Text(last)) = out.last_mut() {
        *last = last.trim_end().to_string();
    }
    out.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    out
}

fn squash_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if !c.is_whitespace() {
            out.push(c);
        } else if !in_space {
            out.push(' ');
        }
        in_space = c.is_whitespace();
    }
    out
}

/// A paragraph that is only display math (`$$…$$` on lines of its own) is a math block;
/// any other paragraph stays one.
fn display_math_alone(mut inlines: Vec<Inline>) -> BlockKind {
    let is_blank = |inline: &Inline| match inline {
        Inline::SoftBreak | Inline::LineBreak => true,
        Inline::Text(text) => text.trim().is_empty(),
        _ => false,
    };
    let mut shown = inlines.iter().enumerate().filter(|(_, inline)| !is_blank(inline));
    let alone = match (shown.next(), shown.next()) {
        (Some((index, Inline::Math(formula))), None) if formula.display => Some(index),
        _ => None,
    };
    match alone.map(|index| inlines.swap_remove(index)) {
        Some(Inline::Math(formula)) => {
            BlockKind::Math(Formula { latex: formula.latex.trim().to_string(), ..formula })
        }
        _ => BlockKind::Paragraph(inlines),
    }
}
