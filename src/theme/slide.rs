//! Slide metrics: the numbers the slides PDF is laid out with, which the .pptx and the deck
//! planner read too, so the three agree without any number kept in step by hand.

use super::Colour;
use serde::{Deserialize, Serialize};

/// The page of a slide, in Typst points (lengths) and em (spacings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Slide {
    pub margin_x: f64,
    pub margin_top: f64,
    pub margin_bottom: f64,
    /// Between the title block and the body.
    pub title_gap: f64,
    /// Line leading of body text, in em.
    pub leading: f64,
    /// Space between paragraphs, in em.
    pub paragraph_spacing: f64,
    /// Space between list items, in em.
    pub list_spacing: f64,
    /// The scales the body is shrunk by, in order, until it fits; the last is the floor.
    pub fit_scales: Vec<f64>,
    /// The tallest picture on a slide.
    pub picture_height: f64,
    /// The logo's height on the title slide.
    pub logo_height: f64,
    /// The fill behind code blocks.
    pub code_fill: Colour,
    /// The fill of every other table row.
    pub zebra: Colour,
    pub sizes: SlideSizes,
    pub insets: SlideInsets,
    pub rules: SlideRules,
    pub capacity: SlideCapacity,
}

/// Text sizes on a slide, in points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SlideSizes {
    pub body: f64,
    pub title: f64,
    /// Headings inside the body.
    pub heading: f64,
    /// The section name above a slide title.
    pub section: f64,
    pub footer: f64,
    pub footnote: f64,
    pub code: f64,
    pub table: f64,
    /// Tables of more than six columns.
    pub wide_table: f64,
    pub cover_title: f64,
    pub cover_subtitle: f64,
    /// The metadata line and the organisation on the title slide.
    pub cover_meta: f64,
    /// The source line and the source note on the title slide.
    pub cover_note: f64,
    pub cover_confidential: f64,
    /// A section divider's title.
    pub divider: f64,
}

impl SlideSizes {
    /// Raises every size below `floor` to it: a theme written for wide slides keeps its
    /// small print readable on taller ones.
    pub fn raise_to(&mut self, floor: f64) {
        for size in [
            &mut self.body,
            &mut self.title,
            &mut self.heading,
            &mut self.section,
            &mut self.footer,
            &mut self.footnote,
            &mut self.code,
            &mut self.table,
            &mut self.wide_table,
            &mut self.cover_title,
            &mut self.cover_subtitle,
            &mut self.cover_meta,
            &mut self.cover_note,
            &mut self.cover_confidential,
            &mut self.divider,
        ] {
            *size = size.max(floor);
        }
    }
}

/// Inner margins, in points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SlideInsets {
    pub code: f64,
    /// A quote's text from its rule.
    pub quote: f64,
    pub table_x: f64,
    pub table_y: f64,
}

/// Rule widths in points; the short rules' lengths as a share of the text width.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SlideRules {
    /// Under a slide title, in the light accent.
    pub title: f64,
    /// Under the title slide's and a divider's title, in the accent.
    pub accent: f64,
    /// Down the left of a quote.
    pub quote: f64,
    pub table: f64,
    /// The progress bar along the bottom edge.
    pub progress: f64,
    pub cover_length: f64,
    pub divider_length: f64,
}

/// The deck planner's measures of a slide's body, in lines of body text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SlideCapacity {
    /// Lines that fit on one slide.
    pub lines: f64,
    /// Full-width characters that fill one line.
    pub cjk_per_line: f64,
    /// Latin characters that fill one line.
    pub latin_per_line: f64,
    /// Lines a picture takes.
    pub picture_lines: f64,
}

impl Slide {
    /// The smallest scale the body is shrunk to.
    pub fn min_scale(&self) -> f64 {
        self.fit_scales.last().copied().unwrap_or(1.0)
    }

    /// Why the metrics cannot be used, if they cannot (`nan` is valid TOML: ranges
    /// refuse it where a plain comparison would let it through).
    pub(super) fn problem(&self) -> Option<String> {
        let scales = &self.fit_scales;
        let descending = scales.windows(2).all(|w| w[1] < w[0]);
        if scales.is_empty()
            || !descending
            || !scales.iter().all(|s| (f64::MIN_POSITIVE..=1.0).contains(s))
        {
            return Some("slide.fit-scales: give scales between 0 and 1, largest first".into());
        }
        let c = &self.capacity;
        let counts = [c.lines, c.cjk_per_line, c.latin_per_line, c.picture_lines];
        if !counts.iter().all(|n| (1.0..=f64::MAX).contains(n)) {
            return Some("slide.capacity: every measure must be at least 1".into());
        }
        let s = &self.sizes;
        if ![s.body, s.code, s.table, s.wide_table]
            .iter()
            .all(|n| (f64::MIN_POSITIVE..=f64::MAX).contains(n))
        {
            return Some("slide.sizes: text sizes must be above 0".into());
        }
        None
    }
}
