//! Raw HTML split into tags and text by a tokenizer that follows the WHATWG standard
//! (`html5gum`), so attribute values holding `>` or quotes, unquoted values, entities and
//! declarations are read the way a browser reads them.
//!
//! `<a title="x>y" href="/u">link</a>` → `Open a {href: "/u", title: "x>y"}`, `Text link`,
//! `Close a`; `<!DOCTYPE html>` and `<?xml …?>` → nothing; `<!-- note -->` → `Comment`.

use html5gum::{DefaultEmitter, Error, HtmlString, Span, StartTag, Token as Html, Tokenizer};

/// One piece of HTML, as the inline builder and the block splitter consume it.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// Text with its character references decoded.
    Text(String),
    /// A start tag; names are lower case, attributes in name order, the first of a
    /// duplicated name wins.
    Open { name: String, attrs: Vec<(String, String)>, self_closing: bool },
    /// An end tag.
    Close { name: String },
    /// A `<!-- … -->` comment (its content is never shown).
    Comment,
}

/// Splits HTML into tags and decoded text. Never panics; a tag cut off by the end of the
/// input is kept as the text it was written as, and a CDATA section shows its content.
pub fn tokenize(html: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut rest = html;
    while let Some(after) = tokenize_to_cdata(rest, &mut tokens) {
        rest = after;
    }
    tokens
}

/// Tokenizes `html` up to its first CDATA section, whose content becomes text verbatim,
/// and returns what follows the section; `None` once the input is used up. (The
/// standard reads CDATA in HTML content as a bogus comment, so it would hide the text
/// CommonMark passes through as raw HTML.)
fn tokenize_to_cdata<'h>(html: &'h str, tokens: &mut Vec<Token>) -> Option<&'h str> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // `<script>`, `<style>`, `<textarea>`… hold text, not tags, as in a browser.
    emitter.naively_switch_states(true);
    // Where the last token the tokenizer emitted ends, and whether it gave up on a tag
    // at the end of the input (the standard drops such a tag; we keep its text).
    let mut consumed = 0;
    let mut cut_tag = false;
    for token in Tokenizer::new_with_emitter(html, emitter) {
        let Ok(token) = token;
        consumed = consumed.max(end_of(&token));
        match token {
            Html::Error(error) => cut_tag |= *error == Error::EofInTag,
            Html::Comment(comment) if source(html, comment.span).starts_with(CDATA) => {
                let body = html.get(comment.span.start + CDATA.len()..).unwrap_or_default();
                let (content, after) = body.split_once("]]>").unwrap_or((body, ""));
                tokens.push(Token::Text(content.to_string()));
                return Some(after);
            }
            other => tokens.extend(convert(other, html)),
        }
    }
    if cut_tag && let Some(rest) = html.get(consumed..).filter(|rest| !rest.is_empty()) {
        tokens.push(Token::Text(rest.to_string()));
    }
    None
}

const CDATA: &str = "<![CDATA[";

/// The input a token was read from.
fn source(html: &str, span: Span<usize>) -> &str {
    html.get(span.start..span.end).unwrap_or_default()
}

/// The byte offset where a token ends in the input (0 for errors, which mark a point).
fn end_of(token: &Html<usize>) -> usize {
    match token {
        Html::StartTag(tag) => tag.span.end,
        Html::EndTag(tag) => tag.span.end,
        Html::String(text) => text.span.end,
        Html::Comment(comment) => comment.span.end,
        Html::Doctype(doctype) => doctype.span.end,
        Html::Error(_) => 0,
    }
}

/// One tokenizer token as ours; doctypes, processing instructions and other bogus
/// comments (`<?xml …?>`, `</3>`) become nothing, as they show nothing in a browser.
fn convert(token: Html<usize>, html: &str) -> Option<Token> {
    match token {
        Html::StartTag(tag) => Some(open(tag)),
        Html::EndTag(tag) => Some(Token::Close { name: string(&tag.name) }),
        Html::String(text) => Some(Token::Text(string(&text.value))),
        Html::Comment(comment) => {
            source(html, comment.span).starts_with("<!--").then_some(Token::Comment)
        }
        Html::Doctype(_) | Html::Error(_) => None,
    }
}

fn open(tag: StartTag<usize>) -> Token {
    let attrs =
        tag.attributes.iter().map(|(name, value)| (string(name), string(&value.value))).collect();
    Token::Open { name: string(&tag.name), attrs, self_closing: tag.self_closing }
}

/// The tokenizer works on bytes of the UTF-8 input, so its strings are UTF-8; lossy
/// conversion only guards against a surprise.
fn string(bytes: &HtmlString) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(name: &str, attrs: &[(&str, &str)]) -> Token {
        let attrs = attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Token::Open { name: name.into(), attrs, self_closing: false }
    }

    fn text(s: &str) -> Token {
        Token::Text(s.into())
    }

    #[test]
    fn attribute_values_are_read_as_a_browser_reads_them() {
        let cases: &[(&str, Token)] = &[
            (
                r#"<a title="x>y" href="https://example.com">"#,
                open("a", &[("href", "https://example.com"), ("title", "x>y")]),
            ),
            (r#"<a title='say "hi"'>"#, open("a", &[("title", "say \"hi\"")])),
            (r#"<a href="?a=1&amp;b=2">"#, open("a", &[("href", "?a=1&b=2")])),
            ("<A HREF=x ID=q>", open("a", &[("href", "x"), ("id", "q")])),
            ("<img src=x onerror=alert(1)>", open("img", &[("onerror", "alert(1)"), ("src", "x")])),
            (r#"<b class="1" class="2">"#, open("b", &[("class", "1")])),
        ];
        for (html, expected) in cases {
            assert_eq!(tokenize(html), vec![expected.clone()], "{html}");
        }
    }

    #[test]
    fn declarations_are_dropped_and_comments_marked() {
        assert_eq!(tokenize("<!DOCTYPE html>a"), vec![text("a")]);
        assert_eq!(tokenize(r#"<?xml version="1.0"?>a"#), vec![text("a")]);
        assert_eq!(tokenize("a<!-- x > y -->b"), vec![text("a"), Token::Comment, text("b")]);
    }

    #[test]
    fn broken_html_keeps_its_text() {
        assert_eq!(tokenize("1 < 2 &amp; 3"), vec![text("1 < 2 & 3")]);
        assert_eq!(tokenize("tail <b"), vec![text("tail "), text("<b")]);
        assert_eq!(tokenize(r#"<a href="x"#), vec![text(r#"<a href="x"#)]);
        assert_eq!(tokenize("中文 <b>粗"), vec![text("中文 "), open("b", &[]), text("粗")]);
    }

    #[test]
    fn cdata_shows_its_content_as_written() {
        assert_eq!(
            tokenize("a <![CDATA[x > &amp; <b>]]> <i>"),
            vec![text("a "), text("x > &amp; <b>"), text(" "), open("i", &[])]
        );
        assert_eq!(tokenize("<![CDATA[open"), vec![text("open")]);
    }

    #[test]
    fn script_content_is_text_not_tags() {
        assert_eq!(
            tokenize("<script>if (a<b) x()</script>"),
            vec![open("script", &[]), text("if (a<b) x()"), Token::Close { name: "script".into() }]
        );
    }
}
