//! Near-empty slides joined: a man page's `FILES`, `SEE ALSO` and `BUGS`, or a FAQ's
//! one-line answers, would each fill a slide with a heading and one short line.
//!
//! - A section whose own text is one short paragraph, before its subsections, opens the
//!   first subsection's slide instead of a slide of its own; so does a one-paragraph
//!   opening of the report before its first section.
//! - A short section shares a slide with its sibling sections before or after it, each
//!   under a small sub-heading, as many as fit; when none fits beside it, it opens the
//!   next sibling's first slide.

use super::capacity::Capacity;
use super::notes::shorten_prose;
use super::sentences::clip_at_word;
use super::{SlideKind, Topic};
use crate::model::{Block, BlockKind, Inline};
use crate::text::is_cjk;

/// A topic this short (in body lines) is near-empty on a slide of its own.
const SHORT_LINES: f32 = 3.0;
/// Widest title (in Latin characters) of a shared slide that lists its sections' titles:
/// one line of the slide title.
const MAX_JOINED_TITLE: usize = 44;

/// Joins near-empty topics into their neighbours (see the module documentation).
pub fn join_near_empty(topics: Vec<Topic>, capacity: &Capacity) -> Vec<Topic> {
    let topics = join_intros(topics, capacity);
    let topics = share_slides(topics, capacity);
    lean_on_next(topics, capacity)
}

/// A short topic left alone (its siblings too long to share a slide with) opens the
/// next sibling's first slide, each under its sub-heading; the rest of that sibling
/// continues as usual.
fn lean_on_next(topics: Vec<Topic>, capacity: &Capacity) -> Vec<Topic> {
    let mut out: Vec<Topic> = Vec::new();
    for mut topic in topics {
        let leans = out.last().is_some_and(|last| {
            is_short(last, capacity)
                && last.section.is_some()
                && last.section == topic.section
                && last.kind == topic.kind
                && !last.blocks.iter().any(|b| matches!(b.kind, BlockKind::Heading { .. }))
        });
        if leans {
            let short = out.pop().expect("checked above");
            let mut blocks = vec![sub_heading(&short)];
            blocks.extend(short.blocks);
            blocks.push(sub_heading(&topic));
            topic.blocks.splice(0..0, blocks);
            topic.targets.splice(0..0, short.targets);
            topic.title =
                shared_title(&[short.title, topic.title.clone()], topic.section.as_deref());
        }
        out.push(topic);
    }
    out
}

/// Lines a topic's blocks take on a slide, long prose shortened to its lead as the slide
/// shows it.
fn lines(topic: &Topic, capacity: &Capacity) -> f32 {
    let blocks = match topic.kind {
        SlideKind::Content => shorten_prose(topic.blocks.clone(), capacity),
        _ => topic.blocks.iter().map(|b| (b.clone(), Vec::new())).collect(),
    };
    blocks.iter().map(|(b, _)| capacity.block_lines(b)).sum()
}

fn is_short(topic: &Topic, capacity: &Capacity) -> bool {
    lines(topic, capacity) <= SHORT_LINES
}

/// A section of one short paragraph followed by its first subsection: the paragraph
/// opens the subsection's slide.
fn join_intros(topics: Vec<Topic>, capacity: &Capacity) -> Vec<Topic> {
    let mut out: Vec<Topic> = Vec::new();
    for mut topic in topics {
        let intro = out.last().filter(|last| {
            let one_paragraph =
                matches!(last.blocks.as_slice(), [b] if matches!(b.kind, BlockKind::Paragraph(_)));
            // The report's opening before any heading introduces the first section.
            let opening = last.kind == SlideKind::Content && last.in_section.is_none();
            let parent = last.section.is_none() && last.in_section.is_some();
            let child = topic.section.is_some() && topic.in_section == last.in_section;
            let first_section = opening && topic.kind == SlideKind::Content;
            ((parent && child) || first_section) && one_paragraph && is_short(last, capacity)
        });
        if intro.is_some() {
            let intro = out.pop().expect("checked above");
            topic.blocks.splice(0..0, intro.blocks);
            topic.targets.splice(0..0, intro.targets);
        }
        out.push(topic);
    }
    out
}

/// A short topic and its siblings (same parent section, or both top-level) on one slide.
fn share_slides(topics: Vec<Topic>, capacity: &Capacity) -> Vec<Topic> {
    let mut out: Vec<Topic> = Vec::new();
    // The titles of the topics the last one out holds, and whether it is short.
    let mut titles: Vec<String> = Vec::new();
    let mut last_short = false;
    for topic in topics {
        let short = is_short(&topic, capacity);
        // Joining adds a sub-heading for the topic, and one for the first when it is alone.
        let new_headings = if titles.len() == 1 { 2.0 } else { 1.0 };
        let joins = (short || last_short)
            && out.last().is_some_and(|last| {
                last.section == topic.section
                    && last.kind == topic.kind
                    && lines(last, capacity)
                        + lines(&topic, capacity)
                        + new_headings * HEADING_LINES
                        <= capacity.lines
            });
        if !joins {
            titles = vec![topic.title.clone()];
            last_short = short;
            out.push(topic);
            continue;
        }
        last_short = false;
        let last = out.last_mut().expect("checked above");
        if titles.len() == 1 {
            last.blocks.insert(0, sub_heading(last));
        }
        last.blocks.push(sub_heading(&topic));
        last.blocks.extend(topic.blocks);
        last.targets.extend(topic.targets);
        titles.push(topic.title);
        last.title = shared_title(&titles, last.section.as_deref());
    }
    out
}

/// `FILES · SEE ALSO · BUGS`, or the parent section's title when that is too long.
fn shared_title(titles: &[String], parent: Option<&str>) -> String {
    let joined = titles.join(" · ");
    // A CJK character is as wide as two Latin ones in a title.
    let width: usize = joined.chars().map(|c| if is_cjk(c) { 2 } else { 1 }).sum();
    match parent {
        Some(parent) if width > MAX_JOINED_TITLE => parent.to_string(),
        _ => clip_at_word(&joined, MAX_JOINED_TITLE),
    }
}

/// Lines a sub-heading takes (see [`Capacity::block_lines`]).
const HEADING_LINES: f32 = 1.6;

/// A small heading over one topic on a shared slide, at the line of its first block.
fn sub_heading(topic: &Topic) -> Block {
    let content = vec![Inline::Text(topic.title.clone())];
    let span = topic.blocks.first().map(|b| b.span).unwrap_or_default();
    Block::new(span, BlockKind::Heading { level: 3, content })
}
