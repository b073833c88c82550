//! The colours of charts, worked out once from the theme so the Typst charts and the
//! PowerPoint charts are the same colours: the accent first, then the callout colours
//! (distinct and already chosen to sit together), estimates as a lighter tint.

use super::{Colour, Theme};
use serde::Serialize;

/// How much white an estimate's fill (`2025E`) is mixed with: visibly lighter, still the
/// series' colour.
const ESTIMATE_TINT: f64 = 0.55;

/// Series colours and the estimate tint, as the chart writers read them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ChartColours {
    /// One colour per series, in order (repeating past the end).
    pub series: Vec<Colour>,
    /// The second-axis line (growth, share).
    pub line: Colour,
    pub estimate_tint: f64,
}

impl Theme {
    /// The chart colours of this theme (brand colour applied).
    pub fn chart_colours(&self) -> ChartColours {
        let c = &self.callouts;
        ChartColours {
            series: vec![self.colours.accent, c.note, c.tip, c.important, c.caution],
            line: c.warning,
            estimate_tint: ESTIMATE_TINT,
        }
    }
}

impl ChartColours {
    /// The colour of series `index`.
    pub fn series_colour(&self, index: usize) -> Colour {
        self.series[index % self.series.len()]
    }
}
