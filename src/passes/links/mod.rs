//! Links, resolved before anything is typeset, so no link can fail a document.
//!
//! Every place a link may land on gets a number: the title, the key points, each heading
//! (by its GitHub slug and the other common spellings, see [`names`]), each HTML anchor
//! and each footnote. `[text](#anchor)` becomes an [`Inline::Jump`] to that number, and
//! the renderer writes Folio's own label (`<folio-a12>`) there, never report text. A link
//! to nowhere becomes its text, with a warning naming the line and the anchor. Links to
//! other files point at their PDF when that file is converted in the same run, and
//! otherwise show where they pointed.

mod files;
mod names;

pub use files::RunDocuments;

use crate::address::{Address, classify, is_linkable};
use crate::error::Warning;
use crate::model::{Anchor, Block, BlockKind, Document, Inline, Span, plain_text};
use names::Names;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Where a link written `url` in the report at `report` points once converted: the
/// relative path of a PDF of this run, or `None` (for the build fingerprint).
pub fn link_target_pdf(report: &Path, url: &str, run: &RunDocuments) -> Option<String> {
    match classify(url) {
        Address::File { path, .. } => files::pdf_link(report, &path, run),
        _ => None,
    }
}

/// Resolves every link of `doc` (the report at `report`); `run` lists the reports
/// converted alongside it, when known.
pub fn resolve_links(
    doc: &mut Document,
    report: &Path,
    run: Option<&RunDocuments>,
) -> Vec<Warning> {
    let mut places = Places::default();
    let title = places.title(doc);
    let key_points = places.key_points(doc);
    // Notes cited only in headings are typeset inside the heading, which outlines and
    // running headers repeat: nothing in them can carry a label.
    let hidden = places.footnotes(doc);
    for_each_sequence(doc, &hidden, &mut |inlines, _, heading| {
        if heading {
            places.heading(inlines);
        }
    });
    for_each_sequence(doc, &hidden, &mut |inlines, _, heading| {
        if !heading {
            places.anchors(inlines);
        }
    });
    places.names.add("top", title);

    let mut warnings = Vec::new();
    let mut used = HashSet::new();
    let run = run.filter(|r| !r.is_empty());
    doc.visit_all_inlines_mut(&mut |inlines, line| {
        let mut resolver = Resolver { names: &places.names, report, run, used: &mut used };
        resolver.links(inlines, line, &mut warnings);
    });

    // Only places some link lands on keep their number; the rest are written as nothing.
    let written = written_targets(doc, &hidden, &used);
    for_each_sequence(doc, &HashSet::new(), &mut |inlines, _, _| forget_unused(inlines, &used));
    if used.contains(&title) {
        let anchor = Anchor { names: Vec::new(), target: Some(title) };
        doc.blocks.insert(0, anchor_paragraph(anchor));
    }
    if let (Some(place), Some(points)) = (key_points, &mut doc.key_points)
        && used.contains(&place)
    {
        let anchor = Anchor { names: Vec::new(), target: Some(place) };
        points.blocks.insert(0, anchor_paragraph(anchor));
    }
    let written: HashSet<usize> = written.into_iter().chain([title]).chain(key_points).collect();
    // A footnote referenced only from a heading gets no label: links to it stay text.
    doc.visit_all_inlines_mut(&mut |inlines, line| {
        for _ in 0..unlink_unwritten(inlines, &written) {
            let message = "in-page link to a footnote referenced only in a heading, which \
                           cannot be linked to; shown as plain text";
            warnings.push(Warning { line: Some(line), message: message.to_string() });
        }
    });
    warnings
}

/// The places found so far and the names that lead to them.
#[derive(Default)]
struct Places {
    names: Names,
    count: usize,
}

impl Places {
    fn next(&mut self) -> usize {
        self.count += 1;
        self.count - 1
    }

    /// The title: by its text and any anchors the leading H1 carried.
    fn title(&mut self, doc: &Document) -> usize {
        let place = self.next();
        for name in &doc.title_anchors {
            self.names.add(name, place);
        }
        if let Some(title) = &doc.meta.title {
            self.names.add_heading(title, place);
        }
        place
    }

    /// The key points box, by the title of the section it came from.
    fn key_points(&mut self, doc: &Document) -> Option<usize> {
        let title = &doc.key_points.as_ref()?.title;
        let place = self.next();
        self.names.add_heading(title, place);
        Some(place)
    }

    /// A heading: one place for its text and every anchor inside it.
    fn heading(&mut self, content: &mut Vec<Inline>) {
        let place = self.next();
        let mut found = false;
        for_each_inline(content, &mut |inline| {
            if let Inline::Anchor(anchor) = inline {
                for name in &anchor.names {
                    self.names.add(name, place);
                }
                anchor.target = Some(place).filter(|_| !found);
                found = true;
            }
        });
        if !found {
            content.insert(0, Inline::Anchor(Anchor { names: Vec::new(), target: Some(place) }));
        }
        self.names.add_heading(plain_text(content).trim(), place);
    }

    /// HTML anchors in running text, each a place of its own.
    fn anchors(&mut self, inlines: &mut [Inline]) {
        for_each_inline(inlines, &mut |inline| {
            if let Inline::Anchor(anchor) = inline
                && anchor.target.is_none()
            {
                let place = self.next();
                for name in &anchor.names {
                    self.names.add(name, place);
                }
                anchor.target = Some(place);
            }
        });
    }

    /// Footnotes land where they are first referenced (`#fn-1`, `#fnref-1`, `#fn:1`).
    /// Returns the labels of those never referenced outside a heading.
    fn footnotes(&mut self, doc: &mut Document) -> HashSet<String> {
        let mut places = HashMap::new();
        for note in &doc.footnotes {
            let place = self.next();
            for prefix in ["fn-", "fnref-", "fn:", "fnref:", "fn", "footnote-"] {
                self.names.add(&format!("{prefix}{}", note.label), place);
            }
            places.insert(note.label.clone(), place);
        }
        for_each_sequence(doc, &HashSet::new(), &mut |inlines, _, heading| {
            if !heading {
                anchor_first_refs(inlines, &mut places);
            }
        });
        places.into_keys().collect()
    }
}

/// Puts an anchor before the first reference to each footnote still in `places`.
fn anchor_first_refs(inlines: &mut Vec<Inline>, places: &mut HashMap<String, usize>) {
    let mut i = 0;
    while i < inlines.len() {
        if let Inline::FootnoteRef(label) = &inlines[i]
            && let Some(place) = places.remove(label)
        {
            let anchor = Anchor { names: Vec::new(), target: Some(place) };
            inlines.insert(i, Inline::Anchor(anchor));
            i += 1;
        } else if let Some(children) = inlines[i].children_mut() {
            anchor_first_refs(children, places);
        }
        i += 1;
    }
}

/// Rewrites the links of one inline sequence.
struct Resolver<'r> {
    names: &'r Names,
    report: &'r Path,
    run: Option<&'r RunDocuments>,
    used: &'r mut HashSet<usize>,
}

/// Why a link stays text: its scheme is not one a click may follow, or it is too long.
fn unlinked(url: &str) -> String {
    let shown: String = url.chars().take(60).collect();
    let more = if shown.len() < url.len() { "…" } else { "" };
    match url.len() > crate::address::MAX_LINK_LENGTH {
        true => {
            format!("link address of {} characters ({shown}{more}); shown as plain text", url.len())
        }
        false => format!(
            "link to {shown}{more}: only web, mail and in-document links are kept; shown as plain text"
        ),
    }
}

impl Resolver<'_> {
    fn links(&mut self, inlines: &mut Vec<Inline>, line: usize, warnings: &mut Vec<Warning>) {
        if !inlines.iter().any(|i| matches!(i, Inline::Link { .. })) {
            return;
        }
        // Rebuilt rather than spliced: a paragraph of thousands of links stays linear.
        let mut out = Vec::with_capacity(inlines.len());
        for inline in std::mem::take(inlines) {
            let Inline::Link { url, content } = &inline else {
                out.push(inline);
                continue;
            };
            match classify(url) {
                Address::Empty => out.push(inline),
                Address::Web | Address::Data | Address::Other if is_linkable(url) => {
                    out.push(inline)
                }
                Address::Web | Address::Data | Address::Other => {
                    warnings.push(Warning { line: Some(line), message: unlinked(url) });
                    out.extend(content.iter().cloned());
                }
                Address::InPage(fragment) => {
                    out.extend(self.in_page(url, fragment, content, line, warnings))
                }
                Address::File { path, fragment } => {
                    out.extend(self.file(url, &path, fragment, content, line, warnings))
                }
            }
        }
        *inlines = out;
    }

    fn in_page(
        &mut self,
        url: &str,
        fragment: &str,
        content: &[Inline],
        line: usize,
        warnings: &mut Vec<Warning>,
    ) -> Vec<Inline> {
        match self.names.find(fragment) {
            Some(target) => {
                self.used.insert(target);
                vec![Inline::Jump { target, content: content.to_vec() }]
            }
            None => {
                warnings.push(Warning {
                    line: Some(line),
                    message: format!(
                        "link to {url}: no heading or anchor of that name; shown as plain text"
                    ),
                });
                content.to_vec()
            }
        }
    }

    fn file(
        &mut self,
        url: &str,
        path: &str,
        fragment: Option<&str>,
        content: &[Inline],
        line: usize,
        warnings: &mut Vec<Warning>,
    ) -> Vec<Inline> {
        if let Some(fragment) = fragment
            && files::is_same_file(self.report, path)
        {
            return self.in_page(url, fragment, content, line, warnings);
        }
        if let Some(pdf) = self.run.and_then(|run| files::pdf_link(self.report, path, run)) {
            return vec![Inline::Link { url: pdf, content: content.to_vec() }];
        }
        let mut shown = content.to_vec();
        let text = plain_text(content);
        let bare = |s: &str| s.trim().trim_start_matches("./").to_string();
        if bare(&text) != bare(url) && bare(&text) != bare(path) {
            shown.push(Inline::Text(format!(" ({url})")));
        }
        shown
    }
}

/// The places the renderer labels: the first anchor of each heading, and anchors in
/// running text.
fn written_targets(
    doc: &mut Document,
    hidden: &HashSet<String>,
    used: &HashSet<usize>,
) -> HashSet<usize> {
    let mut written = HashSet::new();
    for_each_sequence(doc, hidden, &mut |inlines, _, heading| {
        let mut first = heading;
        for_each_inline(inlines, &mut |inline| {
            if let Inline::Anchor(Anchor { target: Some(t), .. }) = inline
                && used.contains(t)
                && (!heading || first)
            {
                written.insert(*t);
            }
            if matches!(inline, Inline::Anchor(Anchor { target: Some(_), .. })) {
                first = false;
            }
        });
    });
    written
}

/// Drops the numbers of places no link lands on, and the anchors Folio added for them.
fn forget_unused(inlines: &mut Vec<Inline>, used: &HashSet<usize>) {
    for inline in inlines.iter_mut() {
        if let Inline::Anchor(anchor) = inline
            && anchor.target.is_some_and(|t| !used.contains(&t))
        {
            anchor.target = None;
        }
        if let Some(children) = inline.children_mut() {
            forget_unused(children, used);
        }
    }
    inlines.retain(|i| !matches!(i, Inline::Anchor(a) if a.names.is_empty() && a.target.is_none()));
}

/// Jumps to places that are not labelled become their text.
fn unlink_unwritten(inlines: &mut Vec<Inline>, written: &HashSet<usize>) -> usize {
    let unwritten =
        |i: &Inline| matches!(i, Inline::Jump { target, .. } if !written.contains(target));
    let unlinked = inlines.iter().filter(|i| unwritten(i)).count();
    if unlinked > 0 {
        let mut out = Vec::with_capacity(inlines.len());
        for inline in std::mem::take(inlines) {
            match inline {
                Inline::Jump { target, content } if !written.contains(&target) => {
                    out.extend(content)
                }
                other => out.push(other),
            }
        }
        *inlines = out;
    }
    unlinked
}

fn anchor_paragraph(anchor: Anchor) -> Block {
    Block::new(Span::default(), BlockKind::Paragraph(vec![Inline::Anchor(anchor)]))
}

/// Calls `f` on every inline, depth first.
fn for_each_inline(inlines: &mut [Inline], f: &mut impl FnMut(&mut Inline)) {
    for inline in inlines {
        f(inline);
        if let Some(children) = inline.children_mut() {
            for_each_inline(children, f);
        }
    }
}

/// Calls `f` on each top-level inline sequence of the document in reading order (but
/// the footnotes labelled in `skip_notes`), with its line and whether it is a heading's.
fn for_each_sequence(
    doc: &mut Document,
    skip_notes: &HashSet<String>,
    f: &mut impl FnMut(&mut Vec<Inline>, usize, bool),
) {
    crate::model::visit_block_inlines_mut(&mut doc.lead, f);
    if let Some(points) = &mut doc.key_points {
        crate::model::visit_block_inlines_mut(&mut points.blocks, f);
    }
    crate::model::visit_block_inlines_mut(&mut doc.blocks, f);
    for note in doc.footnotes.iter_mut().filter(|n| !skip_notes.contains(&n.label)) {
        crate::model::visit_block_inlines_mut(&mut note.blocks, f);
    }
    if let Some(note) = &mut doc.source_note {
        f(note, 0, false);
    }
}
