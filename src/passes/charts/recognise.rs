//! Table → [`Chart`]: one label column (the first) and numeric columns, every cell a
//! figure in one unit per column, at least three rows. Anything else is no chart.

use super::labels::{all_time_like, is_estimate};
use super::numbers::{Quantity, parse_quantity};
use crate::model::{Chart, ChartKind, Series, Table, plain_text};

/// The fewest rows a chart is drawn from: two points are better read as text.
const FEWEST_ROWS: usize = 3;

/// More points than this over time read better as a line than as columns.
const MOST_COLUMNS: usize = 8;

/// The table as a chart of `kind` (or the kind its columns call for), or `None` when it
/// is not a table of figures.
pub fn chart_of(table: &Table, kind: Option<ChartKind>) -> Option<Chart> {
    let width = table.header.len();
    if width < 2 || table.rows.len() < FEWEST_ROWS || table.rows.iter().any(|r| r.len() != width)
    {
        return None;
    }
    let categories: Vec<String> =
        table.rows.iter().map(|row| plain_text(&row[0]).trim().to_string()).collect();
    if categories.iter().any(String::is_empty) {
        return None;
    }
    let series = (1..width).map(|column| column_series(table, column)).collect::<Option<Vec<_>>>()?;
    let time_like = all_time_like(&categories);
    let estimates = categories.iter().map(|c| time_like && is_estimate(c)).collect();
    let mut chart = Chart {
        kind: ChartKind::Column,
        category_title: plain_text(&table.header[0]).trim().to_string(),
        categories,
        estimates,
        series,
    };
    chart.kind = kind.unwrap_or_else(|| natural_kind(&chart, time_like));
    arrange(&mut chart)?;
    Some(chart)
}

/// One numeric column as a series; `None` when a cell is not a figure or the units differ.
fn column_series(table: &Table, column: usize) -> Option<Series> {
    let quantities: Vec<Quantity> = table
        .rows
        .iter()
        .map(|row| parse_quantity(&plain_text(&row[column])))
        .collect::<Option<_>>()?;
    let (name, header_unit) = split_header(&plain_text(&table.header[column]));
    let mut units = quantities.iter().map(|q| q.unit.as_str()).filter(|u| !u.is_empty());
    let unit = units.next().unwrap_or(&header_unit).to_string();
    if units.any(|other| other != unit) {
        return None;
    }
    let values = quantities.iter().map(|q| q.value).collect();
    Some(Series { name, values, unit, secondary: false })
}

/// `市场规模（亿元）` → (`市场规模`, `亿元`); `Revenue ($M)` → (`Revenue`, `$M`).
fn split_header(header: &str) -> (String, String) {
    let header = header.trim();
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let Some(inner) = header.strip_suffix(close)
            && let Some((name, unit)) = inner.rsplit_once(open)
            && !name.trim().is_empty()
            && unit.chars().count() <= 8
        {
            return (name.trim().to_string(), unit.trim().to_string());
        }
    }
    (header.to_string(), String::new())
}

/// The chart an analyst would draw: over time, columns (a line when long) with the
/// percentages beside values as a line on a second axis; over categories, sorted bars.
fn natural_kind(chart: &Chart, time_like: bool) -> ChartKind {
    let percent = chart.series.iter().filter(|s| s.unit == "%").count();
    let mixed = percent > 0 && percent < chart.series.len();
    match (time_like, mixed) {
        (_, true) => ChartKind::ColumnLine,
        (true, false) if chart.categories.len() > MOST_COLUMNS => ChartKind::Line,
        (true, false) => ChartKind::Column,
        (false, false) if chart.series.len() == 1 => ChartKind::Bar,
        (false, false) => ChartKind::Column,
    }
}

/// Puts percentages beside values on the second axis (drawn as a line whatever the kind)
/// and sorts bars by value; `None` when the series cannot share the chart (value series
/// in different units, or percentages beside values on bars).
fn arrange(chart: &mut Chart) -> Option<()> {
    let has_values = chart.series.iter().any(|s| s.unit != "%");
    for series in chart.series.iter_mut() {
        series.secondary = has_values && series.unit == "%";
    }
    let has_secondary = chart.series.iter().any(|s| s.secondary);
    if chart.kind == ChartKind::Bar && has_secondary {
        return None;
    }
    if chart.kind == ChartKind::ColumnLine && !has_secondary {
        chart.kind = ChartKind::Column;
    }
    let mut units = chart.series.iter().filter(|s| !s.secondary).map(|s| s.unit.as_str());
    let first = units.next()?;
    if units.any(|unit| unit != first) {
        return None;
    }
    if chart.kind == ChartKind::Bar && chart.series.len() == 1 {
        sort_bars(chart);
    }
    Some(())
}

/// Largest first, as a ranking is read.
fn sort_bars(chart: &mut Chart) {
    let mut order: Vec<usize> = (0..chart.categories.len()).collect();
    let values = &chart.series[0].values;
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]));
    chart.categories = order.iter().map(|&i| chart.categories[i].clone()).collect();
    chart.estimates = order.iter().map(|&i| chart.estimates[i]).collect();
    for series in &mut chart.series {
        series.values = order.iter().map(|&i| series.values[i]).collect();
    }
}
