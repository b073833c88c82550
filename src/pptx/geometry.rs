//! Where things sit on a slide. Positions are written in Typst points of the slides PDF's
//! page (so they read like `templates/lib/slides.typ`) and scaled to PowerPoint's slide
//! size: every box and font grows by the same factor, so text wraps as in the PDF and the
//! deck planner's capacity estimates hold for both.

use crate::deck::Aspect;
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
}

/// Side margins of a slide (as in `lib/slides.typ`).
pub const MARGIN_X: f64 = 42.0;
/// Top of the body text, below the title and its rule.
pub const BODY_TOP: f64 = 88.0;
/// Bottom margin, holding the footer.
pub const MARGIN_BOTTOM: f64 = 40.0;

impl Geometry {
    /// Typst's `presentation-16-9` (297 × 167.0625 mm) on PowerPoint's widescreen
    /// (13.333 × 7.5 in); `presentation-4-3` (280 × 210 mm) on 10 × 7.5 in.
    pub fn new(aspect: Aspect) -> Self {
        let mm = 72.0 / 25.4;
        let (width, height, slide_width) = match aspect {
            Aspect::Wide => (297.0 * mm, 167.0625 * mm, 12_192_000.0),
            Aspect::Standard => (280.0 * mm, 210.0 * mm, 9_144_000.0),
        };
        Geometry { width, height, unit: slide_width / width, aspect }
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

    /// Width of the text column, in Typst points.
    pub fn text_width(&self) -> f64 {
        self.width - 2.0 * MARGIN_X
    }

    /// The body area under the title, in Typst points: (top, height).
    pub fn body(&self) -> (f64, f64) {
        (BODY_TOP, self.height - BODY_TOP - MARGIN_BOTTOM)
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
    pub fn new(g: &Geometry) -> Self {
        let (w, h, text) = (g.width, g.height, g.text_width());
        let (body_top, body_height) = g.body();
        Boxes {
            title: g.rect(MARGIN_X, 30.0, text, 40.0),
            title_rule: g.rect(MARGIN_X, 74.0, text, 1.0),
            body: g.rect(MARGIN_X, body_top, text, body_height),
            footer: g.rect(MARGIN_X, h - 30.0, text * 0.75, 16.0),
            number: g.rect(w - MARGIN_X - 100.0, h - 30.0, 100.0, 16.0),
            cover_title: g.rect(MARGIN_X, h * 0.16, text, h * 0.32),
            cover_rule: g.rect(MARGIN_X, h * 0.5, text * 0.4, 2.0),
            cover_subtitle: g.rect(MARGIN_X, h * 0.53, text, h * 0.4),
            divider_title: g.rect(MARGIN_X, h * 0.2, text, h * 0.3),
            divider_rule: g.rect(MARGIN_X, h * 0.52, text * 0.3, 2.0),
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
    pub fn new(g: &Geometry) -> Self {
        Sizes {
            title: g.size(TITLE_PT),
            body: g.size(BODY_PT),
            footer: g.size(10.0),
            cover_title: g.size(34.0),
            subtitle: g.size(22.0),
            divider: g.size(32.0),
            item_gap: g.size(BODY_PT * 0.35),
        }
    }
}

/// Slide title and body text sizes in the PDF (`lib/slides.typ`).
pub const TITLE_PT: f64 = 26.0;
pub const BODY_PT: f64 = 20.0;
