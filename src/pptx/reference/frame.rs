//! The template's content layout as the slide Folio plans for: its title and body boxes,
//! and the theme fitted to them, so the deck planner splits a report into slides the
//! template's body box holds (a smaller box or larger text makes more slides) and the
//! `.pptx` sets body text at the template's size.

use super::Reference;
use super::layouts::{Layout, LayoutChoice, Placeholder, PlaceholderKind, SlideRole};
use crate::deck::Aspect;
use crate::pptx::geometry::{Geometry, Rect, TemplateFrame};
use crate::theme::Theme;

/// A template's text size is taken as at most twice and at least half the theme's: a
/// 60 pt body would leave one line a slide, a 6 pt one unreadable slides.
const SIZE_RANGE: (f64, f64) = (0.5, 2.0);
/// EMU per point.
const EMU_PER_PT: f64 = 12_700.0;
/// Fewest lines a slide's body is planned for, however small the template's box.
const MIN_LINES: f64 = 3.0;

/// The theme, slide proportions and boxes a report's deck is planned and written with on
/// a template.
#[derive(Debug, Clone)]
pub struct Fitted {
    pub theme: Theme,
    pub aspect: Aspect,
    pub frame: TemplateFrame,
}

/// `theme` fitted to the template's content layout (as `choice` picked it): body text at
/// the layout's size, the planner's lines and characters per line counted in its body box.
pub fn fit(theme: &Theme, reference: &Reference, choice: &LayoutChoice) -> Fitted {
    let aspect = reference.aspect();
    let content = reference.layout(choice, SlideRole::Content);
    let frame = frame(reference, content);
    let unit = Geometry::unit_for(aspect, frame.slide.0);
    let points = |emu: i64| emu as f64 / unit;
    let size_points = |hundredths: u32| f64::from(hundredths) / 100.0 * EMU_PER_PT / unit;
    let mut fitted = theme.clone();
    let sizes = &mut fitted.slide.sizes;
    let body_size = text_size(content.body(), reference, PlaceholderKind::Body);
    let body_scale = body_size.map_or(1.0, |s| ratio(size_points(s), sizes.body));
    for size in [
        &mut sizes.body,
        &mut sizes.heading,
        &mut sizes.code,
        &mut sizes.table,
        &mut sizes.wide_table,
        &mut sizes.footnote,
    ] {
        *size *= body_scale;
    }
    if let Some(title) = text_size(content.title(), reference, PlaceholderKind::Title) {
        sizes.title *= ratio(size_points(title), sizes.title);
    }
    let capacity = &mut fitted.slide.capacity;
    let folio_line = Geometry::wide_body(&theme.slide) / capacity.lines;
    let lines = (points(frame.body.h) / (folio_line * body_scale)).max(MIN_LINES);
    let folio_width = Geometry::new(aspect, &theme.slide).text_width();
    let widths = points(frame.body.w) / folio_width / body_scale;
    capacity.picture_lines = (capacity.picture_lines / body_scale).min(lines * 0.9).max(1.0);
    capacity.lines = lines;
    capacity.cjk_per_line = (capacity.cjk_per_line * widths).max(8.0);
    capacity.latin_per_line = (capacity.latin_per_line * widths).max(16.0);
    Fitted { theme: fitted, aspect, frame }
}

/// `wanted` over `own`, within [`SIZE_RANGE`].
fn ratio(wanted: f64, own: f64) -> f64 {
    (wanted / own).clamp(SIZE_RANGE.0, SIZE_RANGE.1)
}

impl Reference {
    /// The slide proportions nearest the template's: 4:3 up to about 3:2, else 16:9.
    pub fn aspect(&self) -> Aspect {
        let (w, h) = self.slide_size;
        if (w as f64) < 1.55 * h as f64 { Aspect::Standard } else { Aspect::Wide }
    }

    /// The layout chosen for `role`.
    pub fn layout(&self, choice: &LayoutChoice, role: SlideRole) -> &Layout {
        let index = choice.0.get(&role).copied().unwrap_or(0);
        &self.layouts[index.min(self.layouts.len() - 1)]
    }

    /// The master's placeholder of `kind`.
    fn master_placeholder(&self, kind: PlaceholderKind) -> Option<&Placeholder> {
        self.master.iter().find(|p| p.kind == kind)
    }
}

/// The title and body boxes of `content`: its own, else the master's; a body box below
/// the title when neither has one (a layout with only a title).
fn frame(reference: &Reference, content: &Layout) -> TemplateFrame {
    let (w, h) = reference.slide_size;
    let title = content
        .title()
        .and_then(|p| p.frame)
        .or_else(|| reference.master_placeholder(PlaceholderKind::Title).and_then(|p| p.frame))
        .filter(|r| is_usable(*r, (w, h)))
        .unwrap_or(Rect { x: w / 20, y: h / 25, w: w * 9 / 10, h: h / 7 });
    let body = content
        .body()
        .and_then(|p| p.frame)
        .or_else(|| reference.master_placeholder(PlaceholderKind::Body).and_then(|p| p.frame))
        .filter(|r| is_usable(*r, (w, h)))
        .unwrap_or_else(|| {
            let top = title.y + title.h + h / 50;
            Rect { x: title.x, y: top, w: title.w, h: (h * 23 / 25 - top).max(h / 4) }
        });
    TemplateFrame { slide: (w, h), title, body }
}

/// A box that lies on the slide and is not a sliver: a template's stray values (a box
/// off the slide, or 0 wide) would put the deck's text where no one sees it.
pub fn is_usable(rect: Rect, (w, h): (i64, i64)) -> bool {
    rect.x >= 0
        && rect.y >= 0
        && rect.w >= w / 10
        && rect.h >= h / 20
        && rect.x.saturating_add(rect.w) <= w
        && rect.y.saturating_add(rect.h) <= h
}

/// The first-level text size of `placeholder`, else of the master's placeholder of
/// `kind` (hundredths of a point).
fn text_size(
    placeholder: Option<&Placeholder>,
    reference: &Reference,
    kind: PlaceholderKind,
) -> Option<u32> {
    placeholder
        .and_then(|p| p.text_size)
        .or_else(|| reference.master_placeholder(kind).and_then(|p| p.text_size))
        .filter(|&size| (100..=400_000).contains(&size))
}
