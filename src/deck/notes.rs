//! Long prose does not become a wall of text on a slide: the slide shows its lead (the
//! bold label before a colon or dash, or else the first sentence) as a bullet, and the
//! whole paragraph goes to the speaker notes. Code lines too long to read on a slide are
//! cut short there, the whole block in the notes.

use super::capacity::{Capacity, contains_image};
use super::sentences::{clip_at_word, first_sentence};
use crate::model::{Block, BlockKind, Inline, List, ListItem, plain_text};

/// Paragraphs longer than this many full lines are shortened on the slide.
const LONG_PROSE_LINES: f32 = 3.0;
/// A lead sentence longer than this (in characters) is cut with an ellipsis.
const MAX_LEAD_CHARS: usize = 60;

/// Replaces long paragraphs by a bullet with their lead (consecutive leads form one list)
/// and elides code lines too long for a slide. Returns each block with its notes.
pub fn shorten_prose(blocks: Vec<Block>, capacity: &Capacity) -> Vec<(Block, Vec<String>)> {
    let mut out: Vec<(Block, Vec<String>)> = Vec::new();
    // Whether the last block out is a list of leads made here, which the next joins.
    let mut last_is_leads = false;
    for block in blocks {
        if let BlockKind::CodeBlock { lang, code } = &block.kind
            && let Some(elided) = elide_long_lines(code, capacity)
        {
            let kind = BlockKind::CodeBlock { lang: lang.clone(), code: elided };
            out.push((Block::new(block.span, kind), vec![code.clone()]));
            last_is_leads = false;
            continue;
        }
        let long_text = match &block.kind {
            BlockKind::Paragraph(inlines) if !contains_image(inlines) => {
                let text = plain_text(inlines);
                (capacity.text_units(&text) > LONG_PROSE_LINES).then_some((text, lead_of(inlines)))
            }
            _ => None,
        };
        let Some((text, lead)) = long_text else {
            out.push((block, Vec::new()));
            last_is_leads = false;
            continue;
        };
        // The lead keeps citing the paragraph's footnotes, so they stay on the slide.
        let mut lead_inlines = vec![Inline::Text(lead)];
        if let BlockKind::Paragraph(inlines) = &block.kind {
            collect_footnote_refs(inlines, &mut lead_inlines);
        }
        let lead = Block::new(block.span, BlockKind::Paragraph(lead_inlines));
        let item = ListItem { checked: None, blocks: vec![lead] };
        match out.last_mut() {
            Some((Block { kind: BlockKind::List(list), .. }, notes)) if last_is_leads => {
                list.items.push(item);
                notes.push(text);
            }
            _ => {
                let list = List { start: None, tight: true, items: vec![item] };
                out.push((Block::new(block.span, BlockKind::List(list)), vec![text]));
            }
        }
        last_is_leads = true;
    }
    out
}

/// A code line wrapping to more rows than this on a slide (an inline SVG path, minified
/// JSON) is cut short there, and the whole block goes to the notes.
const LONG_CODE_ROWS: f32 = 3.0;
/// Rows of an elided code line the slide still shows.
const ELIDED_CODE_ROWS: f32 = 2.0;

/// `code` with each line longer than [`LONG_CODE_ROWS`] cut to [`ELIDED_CODE_ROWS`] and
/// ending in `…`; `None` when no line is that long.
fn elide_long_lines(code: &str, capacity: &Capacity) -> Option<String> {
    let too_long = |line: &str| capacity.code_rows(line) > LONG_CODE_ROWS;
    if !code.lines().any(too_long) {
        return None;
    }
    let elide = |line: &str| {
        let mut used = 0.0;
        let end = line
            .char_indices()
            .find(|(_, c)| {
                used += capacity.code_units(c.encode_utf8(&mut [0; 4]));
                used > ELIDED_CODE_ROWS
            })
            .map_or(line.len(), |(i, _)| i);
        format!("{} …", &line[..end])
    };
    let lines: Vec<String> = code
        .lines()
        .map(|line| if too_long(line) { elide(line) } else { line.to_string() })
        .collect();
    Some(lines.join("\n"))
}

/// `**行业转折点**：…` → `行业转折点`: a bold phrase followed by a colon or a dash is a
/// label and stands for its paragraph. Any other paragraph (`**awk** 是一种编程语言…`)
/// shows its first sentence, clipped between words when long.
pub(super) fn lead_of(inlines: &[Inline]) -> String {
    if let Some(label) = bold_label(inlines) {
        return label;
    }
    clip_at_word(&first_sentence(&plain_text(inlines)), MAX_LEAD_CHARS)
}

/// The bold phrase opening `inlines` when a colon or a dash follows it (or ends it).
fn bold_label(inlines: &[Inline]) -> Option<String> {
    let mut visible =
        inlines.iter().filter(|i| !matches!(i, Inline::Text(t) if t.trim().is_empty()));
    let Some(Inline::Strong(strong)) = visible.next() else { return None };
    let phrase = plain_text(strong);
    let after = visible.next().map(|next| plain_text(std::slice::from_ref(next)));
    let colon_inside = phrase.trim_end().ends_with([':', '：']);
    let marked_after =
        after.is_some_and(|a| a.trim_start().starts_with([':', '：', '-', '—', '–']));
    let phrase = phrase.trim().trim_end_matches([':', '：']).trim();
    let short = !phrase.is_empty() && phrase.chars().count() <= MAX_LEAD_CHARS;
    (short && (colon_inside || marked_after)).then(|| phrase.to_string())
}

/// The footnote references inside `inlines`, at any depth, in order.
fn collect_footnote_refs(inlines: &[Inline], out: &mut Vec<Inline>) {
    for inline in inlines {
        match inline {
            Inline::FootnoteRef(_) => out.push(inline.clone()),
            other => {
                if let Some(children) = other.children() {
                    collect_footnote_refs(children, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(bold: &str, rest: &str) -> Vec<Inline> {
        vec![Inline::Strong(vec![Inline::Text(bold.into())]), Inline::Text(rest.into())]
    }

    #[test]
    fn only_a_bold_phrase_before_a_colon_or_dash_is_a_label() {
        let label = paragraph("行业转折点", "：2024 年以后，大多数团队迁移了。其后。");
        assert_eq!(lead_of(&label), "行业转折点");
        assert_eq!(lead_of(&paragraph("Origin:", " the server. More.")), "Origin");
        assert_eq!(lead_of(&paragraph("Edge", " — a cache close to users. More.")), "Edge");
        let term = paragraph("awk", " 是一种编程语言，用于处理文本。它支持正则表达式。");
        assert_eq!(lead_of(&term), "awk 是一种编程语言，用于处理文本。");
        let english = paragraph("kvctl", " is the client of kvd, e.g. for scripts. It talks.");
        assert_eq!(lead_of(&english), "kvctl is the client of kvd, e.g. for scripts.");
    }

    #[test]
    fn code_lines_too_long_to_read_are_elided_with_the_whole_block_in_the_notes() {
        let capacity = Capacity::new(&crate::theme::Theme::default().slide);
        let long = format!("<path d=\"{}\"/>", "M12 2C6.48 2 2 6.48 2 12s".repeat(40));
        let code = format!("<svg>\n{long}\n</svg>");
        let elided = elide_long_lines(&code, &capacity).expect("elided");
        let lines: Vec<&str> = elided.lines().collect();
        assert_eq!((lines[0], lines[2]), ("<svg>", "</svg>"));
        assert!(lines[1].ends_with(" …") && long.starts_with(lines[1].trim_end_matches(" …")));
        assert!(capacity.code_rows(lines[1]) <= LONG_CODE_ROWS);
        assert_eq!(elide_long_lines("fn main() {}\n", &capacity), None);
        let block =
            Block::new(Default::default(), BlockKind::CodeBlock { lang: None, code: code.clone() });
        let shortened = shorten_prose(vec![block], &capacity);
        assert_eq!(shortened[0].1, vec![code]);
    }
}
