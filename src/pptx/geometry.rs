//! Where things sit on a slide. Positions are written in Typst points of the slides PDF's
//! page, from the theme's slide metrics (the numbers `templates/lib/slides.typ` lays the
//! PDF out with), and scaled to PowerPoint's slide size: every box and font grows by the
//! same factor, so text wraps as in the PDF and the deck planner's capacity estimates
//! hold for both.

use crate::deck::Aspect;
use crate::theme::Slide;
use serde::Serialize;

/// EMU (English metric units) per point.
const EMU_PER_PT: f64 = 12_700.0;

/// A box in EMU.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rect {
    pub x: i64,
    pub y: i64,
    pub w: i64,
    pub h: i64,
}

/// The page of the slides PDF and the PowerPoint slide it maps to.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    /// Width and height of the PDF page, in Typst points.
    pub width: f64,
    pub height: f64,
    /// EMU per Typst point.
    unit: f64,
    pub aspect: Aspect,
    /// Side margins, in Typst points.
    pub margin_x: f64,
    /// Top of the title.
    pub margin_top: f64,
    /// Top of the body text, below the title and its rule.
    body_top: f64,
    /// Bottom margin, holding the footer.
    margin_bottom: f64,
    /// One line of body text as the planner counts them.
    line: f64,
}

/// Height of the title block, title and rule, above the theme's `title-gap`: the PDF's
/// title block for a one-line title of the slide title size.
const TITLE_BLOCK: f64 = 44.0;
/// Height of the title placeholder (the rule sits under it, at the foot of the block).
pub const TITLE_HEIGHT: f64 = 40.0;

impl Geometry {
    /// Typst's `presentation-16-9` (297 × 167.0625 mm) on PowerPoint's widescreen
    /// (13.333 × 7.5 in); `presentation-4-3` (280 × 210 mm) on 10 × 7.5 in; margins from
    /// the theme's slide metrics.
    pub fn new(aspect: Aspect, slide: &Slide) -> Self {
        let (width, height) = page_size(aspect);
        let slide_width = match aspect {
            Aspect::Wide => 12_192_000.0,
            Aspect::Standard => 9_144_000.0,
        };
        let body_top = slide.margin_top + TITLE_BLOCK + slide.title_gap;
        // The planner counts the same lines on either aspect: those of the 16:9 body.
        let wide_body = page_size(Aspect::Wide).1 - body_top - slide.margin_bottom;
        Geometry {
            width,
            height,
            unit: slide_width / width,
            aspect,
            margin_x: slide.margin_x,
            margin_top: slide.margin_top,
            body_top,
            margin_bottom: slide.margin_bottom,
            line: wide_body / slide.capacity.lines,
        }
    }

    /// One line of body text as the planner counts them, in Typst points: the 16:9
    /// body's height over the theme's lines per slide.
    pub fn line(&self) -> f64 {
        self.line
    }

    /// The slide size in EMU.
    pub fn slide(&self) -> Rect {
        let (w, h) = match self.aspect {
            Aspect::Wide => (12_192_000, 6_858_000),
            Aspect::Standard => (9_144_000, 6_858_000),
        };
        Rect { x: 0, y: 0, w, h }
    }

    /// A length in Typst points, in EMU.
    pub fn emu(&self, pt: f64) -> i64 {
        (pt * self.unit).round() as i64
    }

    /// A box given in Typst points.
    pub fn rect(&self, x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x: self.emu(x), y: self.emu(y), w: self.emu(w).max(1), h: self.emu(h).max(1) }
    }

    /// A font size in Typst points as DrawingML's hundredths of a point.
    pub fn size(&self, pt: f64) -> u32 {
        ((pt * self.unit / EMU_PER_PT) * 100.0).round().clamp(100.0, 400_000.0) as u32
    }

    /// The title box and the rule under it for a title `extra` points taller than the
    /// layout's one-line box: the box grows down, the rule moves down under it.
    pub fn grown_title(&self, extra: f64, rule: f64) -> (Rect, Rect) {
        let (x, w) = (self.margin_x, self.text_width());
        let title = self.rect(x, self.margin_top, w, TITLE_HEIGHT + extra);
        let rule = self.rect(x, self.margin_top + TITLE_BLOCK + extra, w, rule);
        (title, rule)
    }

    /// Width of the text column, in Typst points.
    pub fn text_width(&self) -> f64 {
        self.width - 2.0 * self.margin_x
    }

    /// The body area under the title, in Typst points: (top, height).
    pub fn body(&self) -> (f64, f64) {
        (self.body_top, self.height - self.body_top - self.margin_bottom)
    }
}

/// The PDF page of an aspect, in Typst points.
fn page_size(aspect: Aspect) -> (f64, f64) {
    let mm = 72.0 / 25.4;
    match aspect {
        Aspect::Wide => (297.0 * mm, 167.0625 * mm),
        Aspect::Standard => (280.0 * mm, 210.0 * mm),
    }
}

/// The boxes of the master and layouts, for the templates.
#[derive(Debug, Clone, Serialize)]
pub struct Boxes {
    pub title: Rect,
    pub title_rule: Rect,
    pub body: Rect,
    pub footer: Rect,
    pub number: Rect,
    pub cover_title: Rect,
    pub cover_rule: Rect,
    pub cover_subtitle: Rect,
    pub divider_title: Rect,
    pub divider_rule: Rect,
}

impl Boxes {
    /// The boxes on a page of `g`, with the rules of `slide`.
    pub fn new(g: &Geometry, slide: &Slide) -> Self {
        let (w, h, text, x) = (g.width, g.height, g.text_width(), g.margin_x);
        let (body_top, body_height) = g.body();
        let rules = &slide.rules;
        let title_rule_y = g.margin_top + TITLE_BLOCK;
        Boxes {
            title: g.rect(x, g.margin_top, text, TITLE_HEIGHT),
            title_rule: g.rect(x, title_rule_y, text, rules.title),
            body: g.rect(x, body_top, text, body_height),
            footer: g.rect(x, h - 30.0, text * 0.75, 16.0),
            number: g.rect(w - x - 100.0, h - 30.0, 100.0, 16.0),
            cover_title: g.rect(x, h * 0.16, text, h * 0.32),
            cover_rule: g.rect(x, h * 0.5, text * rules.cover_length, rules.accent),
            cover_subtitle: g.rect(x, h * 0.53, text, h * 0.4),
            divider_title: g.rect(x, h * 0.2, text, h * 0.3),
            divider_rule: g.rect(x, h * 0.52, text * rules.divider_length, rules.accent),
        }
    }
}

/// Font sizes of the master and layouts (hundredths of a point), for the templates.
#[derive(Debug, Clone, Serialize)]
pub struct Sizes {
    pub title: u32,
    pub body: u32,
    pub footer: u32,
    pub cover_title: u32,
    pub subtitle: u32,
    pub divider: u32,
    /// Space before a list item, in hundredths of a point.
    pub item_gap: u32,
}

impl Sizes {
    /// The theme's slide text sizes on a page of `g`.
    pub fn new(g: &Geometry, slide: &Slide) -> Self {
        let s = &slide.sizes;
        Sizes {
            title: g.size(s.title),
            body: g.size(s.body),
            footer: g.size(s.footer),
            cover_title: g.size(s.cover_title),
            subtitle: g.size(s.cover_subtitle),
            divider: g.size(s.divider),
            item_gap: g.size(s.body * super::text::ITEM_GAP),
        }
    }
}
