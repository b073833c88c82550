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
    /// The left edge of the text column, in Typst points (the side margin on Folio's own
    /// master, the body placeholder's left on a template).
    pub margin_x: f64,
    /// Width of the text column, in Typst points.
    column_width: f64,
    /// The slide size in EMU.
    slide_emu: (i64, i64),
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
        Geometry {
            width,
            height,
            unit: slide_width / width,
            aspect,
            margin_x: slide.margin_x,
            column_width: width - 2.0 * slide.margin_x,
            slide_emu: (slide_width as i64, 6_858_000),
            margin_top: slide.margin_top,
            body_top,
            margin_bottom: slide.margin_bottom,
            line: Self::wide_body(slide) / slide.capacity.lines,
        }
    }

    /// The slide of a company template (`--reference-pptx`): its size, its content
    /// layout's title and body boxes (EMU), the slides PDF's page of `aspect` for the
    /// unit, so text is set at the sizes of `slide` (the theme fitted to the template).
    pub fn on_template(aspect: Aspect, slide: &Slide, frame: &TemplateFrame) -> Self {
        let (width_emu, height_emu) = frame.slide;
        let unit = Self::unit_for(aspect, width_emu);
        let pt = |emu: i64| emu as f64 / unit;
        let (body, title) = (frame.body, frame.title);
        Geometry {
            width: pt(width_emu),
            height: pt(height_emu),
            unit,
            aspect,
            margin_x: pt(body.x),
            column_width: pt(body.w),
            slide_emu: frame.slide,
            margin_top: pt(title.y),
            body_top: pt(body.y),
            margin_bottom: pt(height_emu - body.y - body.h),
            line: pt(body.h) / slide.capacity.lines,
        }
    }

    /// Height of the 16:9 body in Typst points: the planner counts the same lines on
    /// either aspect, those of this body.
    pub fn wide_body(slide: &Slide) -> f64 {
        let body_top = slide.margin_top + TITLE_BLOCK + slide.title_gap;
        page_size(Aspect::Wide).1 - body_top - slide.margin_bottom
    }

    /// EMU per Typst point on a slide `width_emu` wide standing for the PDF page of
    /// `aspect`.
    pub fn unit_for(aspect: Aspect, width_emu: i64) -> f64 {
        width_emu as f64 / page_size(aspect).0
    }

    /// One line of body text as the planner counts them, in Typst points: the 16:9
    /// body's height over the theme's lines per slide.
    pub fn line(&self) -> f64 {
        self.line
    }

    /// The slide size in EMU.
    pub fn slide(&self) -> Rect {
        let (w, h) = self.slide_emu;
        Rect { x: 0, y: 0, w, h }
    }

    /// A length in Typst points, in EMU.
    pub fn emu(&self, pt: f64) -> i64 {
        (pt * self.unit).round() as i64
    }

    /// A length in EMU, in Typst points.
    pub fn points(&self, emu: i64) -> f64 {
        emu as f64 / self.unit
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
        self.column_width
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

/// What Folio takes of a template's content layout: the slide size, the title and body
/// boxes, in EMU.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TemplateFrame {
    pub slide: (i64, i64),
    pub title: Rect,
    pub body: Rect,
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
