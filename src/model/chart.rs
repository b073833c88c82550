//! A chart drawn from a table of figures: what every writer (Typst, PowerPoint) draws,
//! decided once by the chart recognition (`passes::charts`) so the slides, the print
//! figure and the editable PowerPoint chart always show the same numbers.

use serde::Serialize;

/// The shape of a chart, chosen as an analyst would from the table's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    /// Vertical columns over time-like labels; several value columns are grouped.
    Column,
    /// A line per series: long time series (more than eight points), or asked for.
    Line,
    /// Horizontal bars over categories, sorted by value, largest on top.
    Bar,
    /// Columns of the values with the percentages (growth, share) as a line on a second
    /// axis.
    ColumnLine,
}

/// A chart's data: labels along one axis, one or more series of values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    pub kind: ChartKind,
    /// The label column's header (`年份`), the category axis title.
    pub category_title: String,
    /// The labels as written (`2025E`), in the order drawn.
    pub categories: Vec<String>,
    /// Per category: an estimate or forecast (`2025E`, `2026F`, `预测`), drawn lighter.
    pub estimates: Vec<bool>,
    pub series: Vec<Series>,
}

/// One numeric column of the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    /// The column header, unit part removed when it was in brackets (`市场规模`).
    pub name: String,
    /// One value per category, in the unit below.
    pub values: Vec<f64>,
    /// The unit the values are written in (`亿元`, `%`, `$`, `GW`); empty when none.
    pub unit: String,
    /// Drawn as a line on the second (right) axis: a percentage beside values.
    pub secondary: bool,
}

/// What the author asked of a table with a `<!-- folio: chart=… -->` comment right
/// above it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartRequest {
    /// Chart it when it is chartable, choosing the kind.
    #[default]
    Auto,
    /// Never chart it.
    Off,
    /// Chart it as this kind when it is chartable.
    Kind(ChartKind),
}

impl ChartRequest {
    /// Whether this is the default, to keep it out of the model snapshots.
    pub fn is_auto(&self) -> bool {
        *self == ChartRequest::Auto
    }
}

impl Chart {
    /// The unit of the first (left) value axis.
    pub fn primary_unit(&self) -> &str {
        self.series.iter().find(|s| !s.secondary).map_or("", |s| s.unit.as_str())
    }

    /// The unit of the second (right) axis, when some series is drawn there.
    pub fn secondary_unit(&self) -> Option<&str> {
        self.series.iter().find(|s| s.secondary).map(|s| s.unit.as_str())
    }
}
