//! The brief deck (`--deck brief`): at most 15 slides for a report of any length.
//!
//! After the title slide: an agenda, the key points (the report's key points, else its
//! abstract, else the first sentence of each section), one slide per top-level section
//! with the lead of each subsection as a bullet, the section's most important table (its
//! first with figures, else its first) with its top rows when slides are left, and a
//! closing slide with the source note. Nothing is lost: what a slide leaves out is in
//! its speaker notes, in the report's order.

use super::capacity::Capacity;
use super::notes::lead_of;
use super::split::block_text;
use super::{Slide, SlideKind, landings};
use crate::model::{Block, BlockKind, Document, Inline, List, ListItem, Table, plain_text};
use crate::theme::Words;
use std::collections::BTreeMap;

/// Slides after the title slide, at most (15 with it).
const MAX_SLIDES: usize = 14;
/// Bullets on a brief slide, at most.
const MAX_BULLETS: usize = 6;
/// Table rows on a brief slide, at most.
const MAX_ROWS: usize = 6;

/// One top-level section: its title, its own blocks, its subsections, its link targets.
struct Section {
    title: String,
    intro: Vec<Block>,
    subsections: Vec<(String, Vec<Block>)>,
    targets: Vec<usize>,
}

impl Section {
    /// Every block of the section in order, subsection headings included.
    fn all_blocks(&self) -> Vec<Block> {
        let mut blocks = self.intro.clone();
        for (title, inner) in &self.subsections {
            let content = vec![Inline::Text(title.clone())];
            blocks.push(Block::new(Default::default(), BlockKind::Heading { level: 3, content }));
            blocks.extend(inner.iter().cloned());
        }
        blocks
    }
}

/// The brief deck's slides, and where in-page links land on them.
pub fn plan_brief(
    doc: &Document,
    capacity: &Capacity,
    words: &Words,
) -> (Vec<Slide>, BTreeMap<usize, usize>) {
    let (opening, sections) = sections_of(&doc.blocks);
    let closing = doc.source_note.as_ref().map(|note| closing_slide(note, words));
    let fixed = usize::from(sections.len() >= 2) + 1 + usize::from(closing.is_some());
    let room = MAX_SLIDES.saturating_sub(fixed).max(1);
    let groups = group_sections(&sections, room);
    let mut tables_left = room.saturating_sub(groups.len());
    let mut slides = Vec::new();
    let mut landings = BTreeMap::new();
    if sections.len() >= 2 {
        let titles = groups.iter().map(|g| group_title(&sections, g)).collect::<Vec<_>>();
        slides.push(agenda_slide(&titles, words));
    }
    let key_points = key_points_slide(doc, &opening, &sections, words);
    let points = doc.key_points.iter().flat_map(|k| landings::targets_in(&k.blocks));
    let summary_targets = landings::targets_in(&opening).into_iter().chain(points);
    for target in summary_targets.chain(landings::targets_in(&doc.lead)) {
        landings.entry(target).or_insert(slides.len());
    }
    slides.push(key_points);
    for group in &groups {
        for section in &sections[group.clone()] {
            for target in &section.targets {
                landings.entry(*target).or_insert(slides.len());
            }
        }
        let mut slide = section_slide(&sections, group.clone());
        slide.notes.extend(footnotes_of(&sections[group.clone()], &doc.footnotes));
        slides.push(slide);
        let table = (group.len() == 1 && tables_left > 0)
            .then(|| table_slide(&sections[group.start], capacity))
            .flatten();
        if let Some(table) = table {
            slides.push(table);
            tables_left -= 1;
        }
    }
    slides.extend(closing);
    (slides, landings)
}

/// The blocks before the first heading, and the top-level sections.
fn sections_of(blocks: &[Block]) -> (Vec<Block>, Vec<Section>) {
    let top = crate::model::top_heading_level(blocks);
    let mut opening = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    // Invisible blocks (anchors, badge rows) are kept for their link targets; leads and
    // notes skip them.
    for block in blocks {
        let heading = match &block.kind {
            BlockKind::Heading { level, content } if *level <= top + 1 => Some((*level, content)),
            _ => None,
        };
        let targets = landings::targets_in(std::slice::from_ref(block));
        match (heading, sections.last_mut()) {
            (Some((level, content)), _) if level == top => sections.push(Section {
                title: plain_text(content).trim().to_string(),
                intro: Vec::new(),
                subsections: Vec::new(),
                targets,
            }),
            (Some((_, content)), Some(section)) => {
                section.subsections.push((plain_text(content).trim().to_string(), Vec::new()));
                section.targets.extend(targets);
            }
            (_, Some(section)) => {
                section.targets.extend(targets);
                match section.subsections.last_mut() {
                    Some((_, inner)) => inner.push(block.clone()),
                    None => section.intro.push(block.clone()),
                }
            }
            (_, None) => opening.push(block.clone()),
        }
    }
    (opening, sections)
}

/// Consecutive sections sharing a slide, so that there are at most `room` slides.
fn group_sections(sections: &[Section], room: usize) -> Vec<std::ops::Range<usize>> {
    let per_slide = sections.len().div_ceil(room).max(1);
    (0..sections.len())
        .step_by(per_slide)
        .map(|start| start..(start + per_slide).min(sections.len()))
        .collect()
}

fn group_title(sections: &[Section], group: &std::ops::Range<usize>) -> String {
    let titles: Vec<&str> = sections[group.clone()].iter().map(|s| s.title.as_str()).collect();
    super::sentences::clip_at_word(&titles.join(" · "), 60)
}

/// A slide of bullets.
fn bullet_slide(kind: SlideKind, title: String, bullets: Vec<Vec<Inline>>) -> Slide {
    let items = bullets
        .into_iter()
        .map(|inlines| ListItem {
            checked: None,
            blocks: vec![Block::new(Default::default(), BlockKind::Paragraph(inlines))],
        })
        .collect::<Vec<_>>();
    let blocks = if items.is_empty() {
        Vec::new()
    } else {
        vec![Block::new(
            Default::default(),
            BlockKind::List(List { start: None, tight: true, items }),
        )]
    };
    Slide { kind, section: None, title, blocks, footnotes: Vec::new(), notes: Vec::new() }
}

fn agenda_slide(titles: &[String], words: &Words) -> Slide {
    let bullets = titles.iter().map(|t| vec![Inline::Text(t.clone())]).collect();
    bullet_slide(SlideKind::Agenda, words.agenda.clone(), bullets)
}

/// The key points, else the abstract's sentences, else each section's first sentence;
/// the notes hold the abstract, the key points and the opening in full.
fn key_points_slide(
    doc: &Document,
    opening: &[Block],
    sections: &[Section],
    words: &Words,
) -> Slide {
    let point_blocks = doc.key_points.as_ref().map(|k| k.blocks.as_slice()).unwrap_or_default();
    let mut bullets: Vec<Vec<Inline>> = leads_of(point_blocks);
    if bullets.is_empty() {
        bullets = leads_of(&doc.lead);
    }
    if bullets.is_empty() {
        bullets = sections
            .iter()
            .filter_map(|s| lead_of_blocks(&s.all_blocks()).map(|lead| labelled(&s.title, &lead)))
            .collect();
    }
    bullets.truncate(MAX_BULLETS);
    let title = doc.key_points.as_ref().map_or(&words.key_points, |k| &k.title).clone();
    let mut slide = bullet_slide(SlideKind::Summary, title, bullets);
    slide.notes = notes_of(doc.lead.iter().chain(point_blocks).chain(opening));
    slide
}

/// One bullet per paragraph or list item of `blocks`: its lead.
fn leads_of(blocks: &[Block]) -> Vec<Vec<Inline>> {
    let mut leads = Vec::new();
    for block in blocks.iter().filter(|b| !landings::is_invisible(b)) {
        match &block.kind {
            BlockKind::Paragraph(inlines) => leads.push(vec![Inline::Text(lead_of(inlines))]),
            BlockKind::List(list) => leads.extend(
                list.items
                    .iter()
                    .filter_map(|item| lead_of_blocks(&item.blocks))
                    .map(|l| vec![Inline::Text(l)]),
            ),
            BlockKind::BlockQuote(inner) => leads.extend(leads_of(inner)),
            _ => {}
        }
    }
    leads.retain(|lead| !plain_text(lead).trim().is_empty());
    leads
}

/// The lead of the first paragraph (or list item) of `blocks`.
fn lead_of_blocks(blocks: &[Block]) -> Option<String> {
    let visible = blocks.iter().filter(|b| !landings::is_invisible(b));
    visible.into_iter().find_map(|block| match &block.kind {
        BlockKind::Paragraph(inlines) => Some(lead_of(inlines)).filter(|l| !l.trim().is_empty()),
        BlockKind::List(list) => list.items.iter().find_map(|item| lead_of_blocks(&item.blocks)),
        BlockKind::BlockQuote(inner) | BlockKind::Alert { blocks: inner, .. } => {
            lead_of_blocks(inner)
        }
        _ => None,
    })
}

/// `**Title**: lead`, with the colon of the lead's script.
fn labelled(title: &str, lead: &str) -> Vec<Inline> {
    let cjk = lead.chars().next().is_some_and(crate::text::is_cjk)
        || title.chars().last().is_some_and(crate::text::is_cjk);
    let colon = if cjk { "：" } else { ": " };
    vec![
        Inline::Strong(vec![Inline::Text(title.to_string())]),
        Inline::Text(format!("{colon}{lead}")),
    ]
}

/// The slide of one section (or of a few sharing it): the lead of each subsection, or
/// of each paragraph when there are none; the notes hold the sections in full.
fn section_slide(sections: &[Section], group: std::ops::Range<usize>) -> Slide {
    let shown = &sections[group.clone()];
    let bullets: Vec<Vec<Inline>> = if let [section] = shown {
        let subsections = section.subsections.iter().filter_map(|(title, blocks)| {
            lead_of_blocks(blocks).map(|lead| labelled(title, &lead))
        });
        let mut bullets: Vec<Vec<Inline>> = leads_of(&section.intro);
        bullets.truncate(if section.subsections.is_empty() { MAX_BULLETS } else { 1 });
        bullets.extend(subsections);
        bullets
    } else {
        shown
            .iter()
            .filter_map(|s| lead_of_blocks(&s.all_blocks()).map(|lead| labelled(&s.title, &lead)))
            .collect()
    };
    let title = group_title(sections, &group);
    let mut bullets = bullets;
    bullets.truncate(MAX_BULLETS);
    let mut slide = bullet_slide(SlideKind::Content, title, bullets);
    let blocks: Vec<Block> = shown.iter().flat_map(Section::all_blocks).collect();
    slide.notes = notes_of(blocks.iter());
    slide
}

/// The section's table with figures (else its first), header and top rows; the notes
/// hold the rows left out.
fn table_slide(section: &Section, capacity: &Capacity) -> Option<Slide> {
    let blocks = section.all_blocks();
    let tables: Vec<&Table> = blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Table(table) => Some(table),
            _ => None,
        })
        .collect();
    let columns = |t: &Table| t.header.len();
    let table = tables
        .iter()
        .find(|t| (0..columns(t)).any(|c| t.is_numeric_column(c)))
        .or(tables.first())?;
    let mut top = (*table).clone();
    top.rows.truncate(MAX_ROWS);
    let too_tall = |t: &Table| {
        capacity.block_lines(&Block::new(Default::default(), BlockKind::Table(t.clone())))
            > capacity.lines
    };
    while top.rows.len() > 2 && too_tall(&top) {
        top.rows.pop();
    }
    let left_out = table.rows[top.rows.len()..].to_vec();
    let title =
        table.caption.as_ref().map(|c| plain_text(c)).unwrap_or_else(|| section.title.clone());
    let notes = if left_out.is_empty() {
        Vec::new()
    } else {
        let rest = Table { rows: left_out, ..(*table).clone() };
        vec![block_text(&Block::new(Default::default(), BlockKind::Table(rest)))]
    };
    Some(Slide {
        kind: SlideKind::Content,
        section: Some(section.title.clone()),
        title,
        blocks: vec![Block::new(Default::default(), BlockKind::Table(top))],
        footnotes: Vec::new(),
        notes,
    })
}

fn closing_slide(note: &[Inline], words: &Words) -> Slide {
    let paragraph = Block::new(Default::default(), BlockKind::Paragraph(note.to_vec()));
    Slide {
        kind: SlideKind::Content,
        section: None,
        title: words.source.clone(),
        blocks: vec![paragraph],
        footnotes: Vec::new(),
        notes: Vec::new(),
    }
}

/// The footnotes the sections cite, as `[label] text` for the notes: the bullets of a
/// brief slide cite none.
fn footnotes_of(sections: &[Section], footnotes: &[crate::model::Footnote]) -> Vec<String> {
    let blocks: Vec<Block> = sections.iter().flat_map(Section::all_blocks).collect();
    super::footnote_refs(&blocks)
        .iter()
        .filter_map(|label| footnotes.iter().find(|f| f.label == *label))
        .map(|f| format!("[{}] {}", f.label, notes_of(f.blocks.iter()).join(" ")))
        .collect()
}

/// The text of each block, for the speaker notes.
pub(super) fn notes_of<'a>(blocks: impl Iterator<Item = &'a Block>) -> Vec<String> {
    blocks
        .filter(|b| !landings::is_invisible(b))
        .map(block_text)
        .filter(|text| !text.trim().is_empty())
        .collect()
}
