//! Raw HTML in Markdown: never executed, never lost.
//!
//! Text inside tags is kept; `<br>` is a line break, `<img>` an image, and the common
//! inline tags (`<b>`, `<i>`, `<sub>`, `<sup>`, `<kbd>`, …) become their model
//! equivalents. `<script>`/`<style>` content and comments are dropped with a warning.
//! The tags themselves come from `html_tokens`; this module only decides what they become.

pub use super::html_tokens::{Token, tokenize};
use super::push_text;
use crate::model::{Anchor, Inline};

/// Tags whose content is dropped.
const DROPPED: &[&str] = &["script", "style", "template", "noscript"];

/// How an element's content is wrapped.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Wrap {
    Strong,
    Emph,
    Strike,
    Superscript,
    Subscript,
    Underline,
    Highlight,
    Code,
    Link,
    /// Keep the content as it is.
    Plain,
    /// Drop the content (script, style).
    Drop,
}

fn wrap_for(name: &str) -> Wrap {
    match name {
        "b" | "strong" => Wrap::Strong,
        "i" | "em" | "cite" | "var" | "dfn" => Wrap::Emph,
        "s" | "del" | "strike" => Wrap::Strike,
        "sup" => Wrap::Superscript,
        "sub" => Wrap::Subscript,
        "u" | "ins" => Wrap::Underline,
        "mark" => Wrap::Highlight,
        "kbd" | "code" | "tt" | "samp" => Wrap::Code,
        "a" => Wrap::Link,
        name if DROPPED.contains(&name) => Wrap::Drop,
        _ => Wrap::Plain,
    }
}

/// Tags that end a paragraph when they appear in an HTML block.
pub fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "table"
            | "thead"
            | "tbody"
            | "td"
            | "th"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "details"
            | "summary"
            | "blockquote"
            | "center"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "hr"
            | "pre"
            | "dl"
            | "dt"
            | "dd"
            | "figure"
            | "figcaption"
            | "nav"
            | "aside"
    )
}

struct Frame {
    name: String,
    wrap: Wrap,
    href: String,
    content: Vec<Inline>,
}

/// Builds inline content from a mix of model inlines and HTML tokens, pairing open and
/// close tags across them (comrak gives each inline tag as its own node).
pub struct InlineBuilder {
    stack: Vec<Frame>,
    /// Messages about content that was dropped.
    pub warnings: Vec<String>,
}

impl Default for InlineBuilder {
    fn default() -> Self {
        let root = Frame {
            name: String::new(),
            wrap: Wrap::Plain,
            href: String::new(),
            content: Vec::new(),
        };
        Self { stack: vec![root], warnings: Vec::new() }
    }
}

impl InlineBuilder {
    fn top(&mut self) -> &mut Vec<Inline> {
        &mut self.stack.last_mut().expect("root frame is never popped").content
    }

    /// Adds a model inline (text merges with text before it).
    pub fn push(&mut self, inline: Inline) {
        match inline {
            Inline::Text(text) => push_text(self.top(), &text),
            other => self.top().push(other),
        }
    }

    /// Adds raw HTML.
    pub fn html(&mut self, html: &str) {
        for token in tokenize(html) {
            self.token(token);
        }
    }

    /// Adds one HTML token.
    pub fn token(&mut self, token: Token) {
        match token {
            Token::Text(text) => push_text(self.top(), &text),
            Token::Comment => self.warnings.push("HTML comment dropped".to_string()),
            Token::Open { name, attrs, self_closing } => self.open(name, attrs, self_closing),
            Token::Close { name } => self.close(&name),
        }
    }

    fn open(&mut self, name: String, attrs: Vec<(String, String)>, self_closing: bool) {
        let attr = |key: &str| attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        // `<a name="x">`, `<a id="x">` and any element with an `id` are link targets.
        let names: Vec<String> = attrs
            .iter()
            .filter(|(k, v)| (k == "id" || (k == "name" && name == "a")) && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
            .collect();
        if !names.is_empty() {
            self.top().push(Inline::Anchor(Anchor { names, target: None }));
        }
        match name.as_str() {
            "br" => self.top().push(Inline::LineBreak),
            "img" => {
                let url = attr("src").unwrap_or_default();
                let alt = attr("alt").or_else(|| attr("title")).unwrap_or_default();
                self.top().push(Inline::Image { url, alt });
            }
            _ if self_closing || is_void(&name) => {}
            _ => {
                let wrap = wrap_for(&name);
                if wrap == Wrap::Drop {
                    self.warnings.push(format!("<{name}> content dropped"));
                }
                let href = attr("href").unwrap_or_default();
                self.stack.push(Frame { name, wrap, href, content: Vec::new() });
            }
        }
    }

    fn close(&mut self, name: &str) {
        // Only close what is open; a stray close tag is ignored.
        let Some(depth) = self.stack.iter().skip(1).rposition(|f| f.name == name) else { return };
        while self.stack.len() > depth + 1 {
            self.pop_frame();
        }
    }

    fn pop_frame(&mut self) {
        let frame = self.stack.pop().expect("only called above the root");
        let wrapped = match frame.wrap {
            Wrap::Drop => return,
            Wrap::Plain => {
                for inline in frame.content {
                    self.push(inline);
                }
                return;
            }
            Wrap::Strong => Inline::Strong(frame.content),
            Wrap::Emph => Inline::Emph(frame.content),
            Wrap::Strike => Inline::Strike(frame.content),
            Wrap::Superscript => Inline::Superscript(frame.content),
            Wrap::Subscript => Inline::Subscript(frame.content),
            Wrap::Underline => Inline::Underline(frame.content),
            Wrap::Highlight => Inline::Highlight(frame.content),
            Wrap::Code => Inline::Code(crate::model::plain_text(&frame.content)),
            Wrap::Link if frame.href.is_empty() => {
                for inline in frame.content {
                    self.push(inline);
                }
                return;
            }
            Wrap::Link => Inline::Link { url: frame.href, content: frame.content },
        };
        self.top().push(wrapped);
    }

    /// Takes what has been built so far at the top level (for paragraph breaks in HTML
    /// blocks); open elements stay open.
    pub fn take_root(&mut self) -> Vec<Inline> {
        while self.stack.len() > 1 && self.stack.last().is_some_and(|f| f.wrap == Wrap::Plain) {
            self.pop_frame();
        }
        std::mem::take(&mut self.stack[0].content)
    }

    /// Closes whatever is still open (keeping its content) and returns the result.
    pub fn finish(mut self) -> (Vec<Inline>, Vec<String>) {
        while self.stack.len() > 1 {
            self.pop_frame();
        }
        let content = self.stack.pop().map(|f| f.content).unwrap_or_default();
        (content, self.warnings)
    }
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "hr" | "input"
            | "meta"
            | "link"
            | "source"
            | "wbr"
            | "col"
            | "area"
            | "base"
            | "embed"
            | "param"
            | "track"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(html: &str) -> Vec<Inline> {
        let mut builder = InlineBuilder::default();
        builder.html(html);
        builder.finish().0
    }

    #[test]
    fn inline_tags_become_model_inlines() {
        let text = |s: &str| Inline::Text(s.to_string());
        assert_eq!(
            build("a<b>b</b>c"),
            vec![text("a"), Inline::Strong(vec![text("b")]), text("c")]
        );
        assert_eq!(
            build("H<sub>2</sub>O"),
            vec![text("H"), Inline::Subscript(vec![text("2")]), text("O")]
        );
        assert_eq!(build("x<br/>y"), vec![text("x"), Inline::LineBreak, text("y")]);
        assert_eq!(build("<kbd>Ctrl</kbd>"), vec![Inline::Code("Ctrl".into())]);
        assert_eq!(build("a &amp; b &#x4e2d;"), vec![text("a & b 中")]);
        assert_eq!(
            build(r#"<img src="a.png" alt="图">"#),
            vec![Inline::Image { url: "a.png".into(), alt: "图".into() }]
        );
    }

    #[test]
    fn ids_and_names_become_anchors() {
        let anchor = |n: &[&str]| {
            Inline::Anchor(Anchor {
                names: n.iter().map(|s| s.to_string()).collect(),
                target: None,
            })
        };
        assert_eq!(build(r#"<a name="top"></a>"#), vec![anchor(&["top"])]);
        assert_eq!(
            build(r#"<span id="x">y</span>"#),
            vec![anchor(&["x"]), Inline::Text("y".into())]
        );
        assert_eq!(build(r#"<input name="q">"#), vec![]);
    }

    #[test]
    fn scripts_and_comments_are_dropped_with_warnings_and_broken_tags_kept() {
        let mut builder = InlineBuilder::default();
        builder.html("a<script>alert(1)</script><!-- hidden -->b <div>kept</div> 1 < 2");
        let (content, warnings) = builder.finish();
        assert_eq!(content, vec![Inline::Text("ab kept 1 < 2".into())]);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }
}
