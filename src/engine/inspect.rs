//! What a reader sees on the laid-out pages: text runs with their positions and fonts.
//! Used by checks (text lost? text off the page?) without going through a PDF reader.

use typst::layout::{Frame, FrameItem, Point, Transform};
use typst_layout::PagedDocument;

/// A run of text as laid out on a page, in points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub text: String,
    pub font_family: String,
    pub size: f64,
    pub x: f64,
    pub y: f64,
    pub width: f64,
}

/// One page's size and text runs.
#[derive(Debug, Clone, PartialEq)]
pub struct PageText {
    pub width: f64,
    pub height: f64,
    pub runs: Vec<TextRun>,
}

impl PageText {
    /// The page's text, runs joined without separators.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// The text of every page of a laid-out document.
pub fn page_texts(document: &PagedDocument) -> Vec<PageText> {
    document
        .pages()
        .iter()
        .map(|page| {
            let mut runs = Vec::new();
            collect_runs(&page.frame, Transform::identity(), &mut runs);
            PageText {
                width: page.frame.width().to_pt(),
                height: page.frame.height().to_pt(),
                runs,
            }
        })
        .collect()
}

fn collect_runs(frame: &Frame, ts: Transform, out: &mut Vec<TextRun>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let ts =
                    ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                collect_runs(&group.frame, ts, out);
            }
            FrameItem::Text(text) => {
                let start = pos.transform(ts);
                let end = (*pos + Point::with_x(text.width())).transform(ts);
                out.push(TextRun {
                    text: text.text.to_string(),
                    font_family: text.font.font().info().family.clone(),
                    // The size as drawn: a slide's body scaled to fit is smaller.
                    size: text.size.to_pt() * ts.sy.get().abs(),
                    x: start.x.to_pt(),
                    y: start.y.to_pt(),
                    width: (end.x - start.x).to_pt(),
                });
            }
            _ => {}
        }
    }
}

/// Characters laid out without a glyph (drawn as the font's empty box, glyph 0) because
/// no available font covers them, each once, in the order they first appear.
pub fn uncovered_chars(document: &PagedDocument) -> Vec<char> {
    let mut found = Vec::new();
    for page in document.pages() {
        collect_uncovered(&page.frame, &mut found);
    }
    found
}

fn collect_uncovered(frame: &Frame, found: &mut Vec<char>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => collect_uncovered(&group.frame, found),
            FrameItem::Text(text) => {
                for glyph in text.glyphs.iter().filter(|g| g.id == 0) {
                    let chars = text.text.get(glyph.range()).unwrap_or_default().chars();
                    for c in chars.filter(|c| !c.is_whitespace() && !c.is_control()) {
                        if !found.contains(&c) {
                            found.push(c);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}
