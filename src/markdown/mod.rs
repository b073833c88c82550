//! Markdown reader: text → [`Document`]. The only module that imports comrak.

mod budget;
mod front_matter;
mod html;
mod html_tokens;
mod language;
mod lower;
mod nesting;
pub mod targets;

use crate::error::Warning;
use crate::model::{BlockKind, Document, Inline};

/// How to read a report.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Title to use when neither front matter nor a leading H1 gives one (e.g. the file stem).
    pub fallback_title: Option<String>,
}

/// Parses Markdown into the document model, with warnings about anything dropped.
///
/// Never fails on odd Markdown (comrak accepts any text); it fails only on malformed
/// YAML front matter, which the user must fix.
pub fn read(text: &str, options: &ReadOptions) -> Result<(Document, Vec<Warning>), ReadError> {
    let mut doc = Document::default();
    let mut meta_warnings = Vec::new();
    let (blocks, lowerer) = match parse(text, true, &mut doc, &mut meta_warnings)? {
        Some(parsed) => parsed,
        // The `---` block was no YAML mapping: read it all as Markdown.
        None => {
            parse(text, false, &mut doc, &mut meta_warnings)?.expect("no front matter to reject")
        }
    };
    let mut warnings = meta_warnings;
    warnings.extend(lowerer.warnings);
    doc.blocks = blocks;
    nesting::limit_nesting(&mut doc.blocks, &mut warnings);
    budget::limit_counts(&mut doc.blocks, &mut warnings);
    doc.footnotes = lowerer.footnotes;
    nesting::limit_inline_nesting(&mut doc, &mut warnings);
    take_title_from_leading_h1(&mut doc);
    if doc.meta.title.is_none() {
        doc.meta.title = options.fallback_title.clone();
    }
    if doc.meta.lang.is_empty() {
        doc.meta.lang = language::guess(text).to_string();
    }
    Ok((doc, warnings))
}

/// Parses and lowers; `None` when front matter was found that is not a YAML mapping.
fn parse(
    text: &str,
    front_matter: bool,
    doc: &mut Document,
    warnings: &mut Vec<Warning>,
) -> Result<Option<(Vec<crate::model::Block>, lower::Lowerer)>, ReadError> {
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, text, &comrak_options(front_matter));
    for node in root.children() {
        let ast = node.data();
        if let comrak::nodes::NodeValue::FrontMatter(raw) = &ast.value
            && !front_matter::apply(raw, ast.sourcepos.start.line, &mut doc.meta, warnings)?
        {
            return Ok(None);
        }
    }
    let mut lowerer = lower::Lowerer::default();
    let blocks = lowerer.blocks(root);
    Ok(Some((blocks, lowerer)))
}

/// A report whose Markdown could not be read.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ReadError {
    pub line: usize,
    pub message: String,
}

fn comrak_options(front_matter: bool) -> comrak::Options<'static> {
    let mut options = comrak::Options::default();
    let ext = &mut options.extension;
    ext.strikethrough = true;
    ext.table = true;
    ext.autolink = true;
    ext.tasklist = true;
    ext.footnotes = true;
    ext.alerts = true;
    ext.description_lists = true;
    ext.math_dollars = true;
    ext.front_matter_delimiter = front_matter.then(|| "---".to_string());
    // `**（测试）**后文` is bold only with this on.
    ext.cjk_friendly_emphasis = true;
    options
}

/// Without a front-matter title, a report's first block, when it is an H1, is its title
/// (and so not repeated as a heading).
fn take_title_from_leading_h1(doc: &mut Document) {
    if doc.meta.title.is_some() {
        return;
    }
    let Some(first) = doc.blocks.first() else {
        return;
    };
    let BlockKind::Heading { level: 1, content } = &first.kind else {
        return;
    };
    let title = crate::model::plain_text(content).trim().to_string();
    if !title.is_empty() {
        doc.meta.title = Some(title);
        let mut names = Vec::new();
        collect_anchor_names(content, &mut names);
        doc.title_anchors = names;
        doc.blocks.remove(0);
    }
}

fn collect_anchor_names(inlines: &[Inline], out: &mut Vec<String>) {
    for inline in inlines {
        match inline {
            Inline::Anchor(anchor) => out.extend(anchor.names.iter().cloned()),
            other => collect_anchor_names(other.children().map_or(&[][..], Vec::as_slice), out),
        }
    }
}

/// Appends text to an inline list, merging with a preceding text run.
pub(crate) fn push_text(out: &mut Vec<Inline>, text: &str) {
    if let Some(Inline::Text(prev)) = out.last_mut() {
        prev.push_str(text);
    } else if !text.is_empty() {
        out.push(Inline::Text(text.to_string()));
    }
}
