//! The deck planner (`&Document` → [`Deck`]): which slides exist and what each holds.
//!
//! The full deck: a title slide, an agenda, a summary slide (abstract and key points),
//! optional section dividers, then content slides per section and subsection, short
//! sections sharing one ([`merge`]). Capacity is estimated from the text ([`capacity`])
//! so long sections continue on further slides ([`paginate`]), blocks split evenly
//! ([`split`], [`even`]); long prose goes to the speaker notes with its lead on the slide
//! ([`notes`], [`sentences`]). The brief deck ([`brief`]) is at most 15 slides, the rest
//! in the notes. The slide template scales content down a little when an estimate was
//! short, so no slide ever overflows.

mod brief;
pub(crate) mod capacity;
mod even;
mod landings;
mod merge;
mod notes;
mod paginate;
mod sentences;
mod split;

use crate::model::{
    Block, BlockKind, Document, Footnote, Inline, List, ListItem, Meta, plain_text,
};
use crate::theme::{Theme, Words};
use capacity::Capacity;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// How the deck is laid out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct DeckOptions {
    /// A divider slide before each top-level section.
    pub section_dividers: bool,
    pub aspect: Aspect,
    /// Every section on slides (`full`), or a dozen slides with the rest in the notes;
    /// `None` leaves it to the report's style (`deck = "brief"`), else `full`.
    pub length: Option<DeckLength>,
}

/// How much of the report the slides show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum DeckLength {
    /// Every section, split over as many slides as it needs.
    #[default]
    Full,
    /// At most 15 slides: the lead of each section, everything else in the notes.
    Brief,
}

/// Slide proportions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Aspect {
    #[default]
    Wide,
    Standard,
}

impl Aspect {
    /// Typst's paper name for the slides.
    pub fn paper(self) -> &'static str {
        match self {
            Aspect::Wide => "presentation-16-9",
            Aspect::Standard => "presentation-4-3",
        }
    }

    /// The smallest text a slide of these proportions may hold: 1/40 of its height (Typst's
    /// presentation papers are 28 cm wide, 15.75 cm or 21 cm high), below which an
    /// audience at the back cannot read it.
    pub fn smallest_text(self) -> f64 {
        let height_cm: f64 = match self {
            Aspect::Wide => 15.75,
            Aspect::Standard => 21.0,
        };
        // Rounded up to a tenth of a point (11.2 pt, 14.9 pt).
        (height_cm / 2.54 * 72.0 / 40.0 * 10.0).ceil() / 10.0
    }
}

/// A planned slide deck: a title slide from `meta`, then `slides`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deck {
    pub meta: Meta,
    pub aspect: Aspect,
    /// The report's closing source line, shown on the title slide.
    pub source_note: Option<Vec<Inline>>,
    /// Footnote definitions of the report.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<Footnote>,
    /// Footnote labels in the order they are numbered on the slides.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub footnote_labels: Vec<String>,
    pub slides: Vec<Slide>,
    /// Where in-page links land: link target → index in `slides`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub landings: BTreeMap<usize, usize>,
}

/// The kinds of slide after the title slide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SlideKind {
    Agenda,
    Summary,
    Divider,
    Content,
}

/// One slide after the title slide.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slide {
    pub kind: SlideKind,
    /// The top-level section this slide belongs to, shown in the slide header.
    pub section: Option<String>,
    /// The slide title; continuation slides carry the theme's `continued` suffix
    /// (`（续）` / ` (cont.)`).
    pub title: String,
    pub blocks: Vec<Block>,
    /// Footnotes referenced on this slide, with their deck-wide numbers.
    pub footnotes: Vec<(usize, Vec<Block>)>,
    /// Speaker notes: report text shown on the slide only in short.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// Slides after the title slide at most: a deck past this is no deck any more, and
/// typesetting one costs gigabytes (20,000 bold lines made 2,700 slides and 1.4 GB).
pub const MAX_SLIDES: usize = 500;

impl Deck {
    /// Keeps the first [`MAX_SLIDES`] slides; returns how many were left out, if any.
    pub fn cap_slides(&mut self) -> Option<usize> {
        let extra = self.slides.len().checked_sub(MAX_SLIDES).filter(|n| *n > 0)?;
        self.slides.truncate(MAX_SLIDES);
        self.landings.retain(|_, slide| *slide < MAX_SLIDES);
        Some(extra)
    }

    /// The number of pages the slides PDF will have.
    pub fn page_count(&self) -> usize {
        1 + self.slides.len()
    }

    /// Notes of every page, the title slide's (none) first.
    pub fn page_notes(&self) -> Vec<String> {
        std::iter::once(String::new())
            .chain(self.slides.iter().map(|s| s.notes.join("\n\n")))
            .collect()
    }
}

/// Plans the deck for a document, measuring slides and wording titles as `theme` does.
pub fn plan(doc: &Document, options: &DeckOptions, theme: &Theme) -> Deck {
    let words = theme.words_for(&doc.meta.lang);
    let capacity = Capacity::new(&theme.slide);
    let full = full_slides(doc, options, &capacity, words);
    let (mut slides, landings) = match options.length.unwrap_or_default() {
        DeckLength::Full => full,
        // A short report's full deck is already brief.
        DeckLength::Brief => {
            let brief = brief::plan_brief(doc, &capacity, words);
            if full.0.len() <= brief.0.len() { full } else { brief }
        }
    };
    let footnote_labels = number_footnotes(&mut slides, &doc.footnotes);
    Deck {
        meta: doc.meta.clone(),
        aspect: options.aspect,
        source_note: doc.source_note.clone(),
        footnotes: doc.footnotes.clone(),
        footnote_labels,
        slides,
        landings,
    }
}

/// Every section on as many slides as it needs, and where in-page links land.
fn full_slides(
    doc: &Document,
    options: &DeckOptions,
    capacity: &Capacity,
    words: &Words,
) -> (Vec<Slide>, BTreeMap<usize, usize>) {
    let untitled = doc.meta.title.clone().unwrap_or_default();
    let body = split_into_topics(&doc.blocks, &untitled);
    let mut topics: Vec<Topic> = Vec::new();
    topics.extend(agenda_topic(&body, words));
    topics.extend(summary_topic(doc, words));
    let mut current_section = None;
    for topic in body {
        if options.section_dividers
            && topic.in_section.is_some()
            && topic.in_section != current_section
        {
            current_section = topic.in_section.clone();
            let title = current_section.clone().unwrap_or_default();
            let divider = Topic {
                kind: SlideKind::Divider,
                section: None,
                title,
                blocks: Vec::new(),
                in_section: None,
                targets: Vec::new(),
            };
            topics.push(divider);
        }
        topics.push(topic);
    }
    let topics = merge::join_near_empty(topics, capacity);
    let mut slides = Vec::new();
    let mut landings = BTreeMap::new();
    for topic in topics {
        for target in &topic.targets {
            landings.entry(*target).or_insert(slides.len());
        }
        if topic.kind == SlideKind::Divider {
            slides.push(Slide::new(&topic, topic.title.clone(), Vec::new(), Vec::new()));
            continue;
        }
        let blocks = match topic.kind {
            SlideKind::Content => notes::shorten_prose(topic.blocks.clone(), capacity),
            _ => topic.blocks.iter().map(|b| (b.clone(), Vec::new())).collect(),
        };
        for (i, (blocks, notes)) in
            paginate::paginate(blocks, doc, capacity, words).into_iter().enumerate()
        {
            let title = match i {
                0 => topic.title.clone(),
                _ => format!("{}{}", topic.title, words.continued),
            };
            slides.push(Slide::new(&topic, title, blocks, notes));
        }
    }
    (slides, landings)
}

impl Slide {
    fn new(topic: &Topic, title: String, blocks: Vec<Block>, notes: Vec<String>) -> Self {
        Slide {
            kind: topic.kind,
            section: topic.section.clone(),
            title,
            blocks,
            footnotes: Vec::new(),
            notes,
        }
    }
}

/// Footnotes set at the foot of one slide at most; the slide's further notes go to the
/// speaker notes (8,000 notes under one paragraph took Typst 21 s and 2.2 GB).
pub const MAX_SLIDE_FOOTNOTES: usize = 8;

/// Gives each footnote a number by its first reference in the deck, and lists on every
/// slide the notes it refers to (past [`MAX_SLIDE_FOOTNOTES`], in its speaker notes).
/// Returns the labels in number order.
fn number_footnotes(slides: &mut [Slide], footnotes: &[Footnote]) -> Vec<String> {
    let by_label: HashMap<&str, &Footnote> =
        footnotes.iter().map(|f| (f.label.as_str(), f)).collect();
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut numbered: Vec<String> = Vec::new();
    for slide in slides {
        for label in footnote_refs(&slide.blocks) {
            let Some(note) = by_label.get(label.as_str()) else { continue };
            let number = *numbers.entry(label.clone()).or_insert_with(|| {
                numbered.push(label.clone());
                numbered.len()
            });
            if slide.footnotes.len() < MAX_SLIDE_FOOTNOTES {
                slide.footnotes.push((number, note.blocks.clone()));
            } else {
                let text = brief::notes_of(note.blocks.iter()).join(" ");
                slide.notes.push(format!("[{number}] {text}"));
            }
        }
    }
    numbered
}

/// Labels of the footnotes referenced in `blocks`, each once, in order.
fn footnote_refs(blocks: &[Block]) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<String> = Default::default();
    crate::model::visit_inlines_mut(&mut blocks.to_vec(), &mut |inlines, _| {
        for inline in inlines.iter() {
            if let Inline::FootnoteRef(label) = inline
                && seen.insert(label.clone())
            {
                labels.push(label.clone());
            }
        }
    });
    labels
}

/// A run of blocks under one heading, before pagination.
#[derive(Debug, Clone)]
struct Topic {
    kind: SlideKind,
    section: Option<String>,
    title: String,
    blocks: Vec<Block>,
    /// The top-level section the topic is part of.
    in_section: Option<String>,
    /// Link targets in the topic (its heading's too): links to them land on its first slide.
    targets: Vec<usize>,
}

/// The top-level sections as a list, when there are several.
fn agenda_topic(body: &[Topic], words: &Words) -> Option<Topic> {
    let mut sections: Vec<&str> = Vec::new();
    for section in body.iter().filter_map(|t| t.in_section.as_deref()) {
        if sections.last() != Some(&section) {
            sections.push(section);
        }
    }
    if sections.len() < 2 {
        return None;
    }
    let items = sections
        .iter()
        .map(|title| {
            let paragraph = Block::new(
                Default::default(),
                BlockKind::Paragraph(vec![Inline::Text(title.to_string())]),
            );
            ListItem { checked: None, blocks: vec![paragraph] }
        })
        .collect();
    let list = List { start: None, tight: true, items };
    Some(Topic {
        kind: SlideKind::Agenda,
        section: None,
        title: words.agenda.to_string(),
        blocks: vec![Block::new(Default::default(), BlockKind::List(list))],
        in_section: None,
        targets: Vec::new(),
    })
}

/// The lead abstract (as a quote) and the key points, on slides of their own.
fn summary_topic(doc: &Document, words: &Words) -> Option<Topic> {
    let mut blocks = Vec::new();
    let mut targets = landings::targets_in(&doc.lead);
    if let Some(first) = doc.lead.first() {
        blocks.push(Block::new(first.span, BlockKind::BlockQuote(doc.lead.clone())));
    }
    if let Some(points) = &doc.key_points {
        targets.extend(landings::targets_in(&points.blocks));
        blocks.extend(points.blocks.iter().filter(|b| !landings::is_invisible(b)).cloned());
    }
    if blocks.is_empty() {
        return None;
    }
    let title = doc.key_points.as_ref().map_or(&words.summary, |k| &k.title).clone();
    Some(Topic {
        kind: SlideKind::Summary,
        section: None,
        title,
        blocks,
        in_section: None,
        targets,
    })
}

/// Splits the body at its top two heading levels; each heading starts a topic.
fn split_into_topics(blocks: &[Block], untitled: &str) -> Vec<Topic> {
    let top = crate::model::top_heading_level(blocks);
    let mut topics = Vec::new();
    let mut current = Topic {
        kind: SlideKind::Content,
        section: None,
        title: untitled.to_string(),
        blocks: Vec::new(),
        in_section: None,
        targets: Vec::new(),
    };
    let mut section: Option<String> = None;
    for block in blocks {
        if let BlockKind::Heading { level, content } = &block.kind
            && *level <= top + 1
        {
            let title = plain_text(content).trim().to_string();
            if *level == top {
                section = Some(title.clone());
            }
            let next = Topic {
                kind: SlideKind::Content,
                section: if *level == top { None } else { section.clone() },
                title,
                blocks: Vec::new(),
                in_section: section.clone(),
                targets: landings::inlines_targets(content),
            };
            let previous = std::mem::replace(&mut current, next);
            if previous.blocks.is_empty() {
                // A heading with no slide of its own: its links land on the next one.
                current.targets.splice(0..0, previous.targets);
            } else {
                topics.push(previous);
            }
            continue;
        }
        current.targets.extend(landings::targets_in(std::slice::from_ref(block)));
        if !landings::is_invisible(block) {
            current.blocks.push(block.clone());
        }
    }
    if !current.blocks.is_empty() {
        topics.push(current);
    } else if let Some(last) = topics.last_mut() {
        last.targets.extend(current.targets);
    }
    topics
}
