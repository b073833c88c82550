//! Table → [`Chart`]: one label column (the first) and numeric columns, every cell a
//! figure in one unit per column, at least three rows. Anything else is no chart.

use super::labels::{all_time_like, is_estimate};
use super::numbers::{Quantity, parse_quantity};
use crate::model::{Chart, ChartKind, Series, Table, plain_text};

/// The fewest rows a chart is drawn from: two points are better read as text.
const FEWEST_ROWS: usize = 3;

/// The most rows charted: a longer table is data to look up, not a picture (and its
/// chart would cost the typesetter time for nothing anyone could read).
const MOST_ROWS: usize = 60;

/// The most series charted side by side; more are unreadable as grouped columns.
const MOST_SERIES: usize = 6;

/// More points than this over time read better as a line than as columns.
const MOST_COLUMNS: usize = 8;

/// The table as a chart of `kind` (or the kind its columns call for), or `None` when it
/// is not a table of figures.
pub fn chart_of(table: &Table, kind: Option<ChartKind>) -> Option<Chart> {
    let width = table.header.len();
    if width < 2 || table.rows.len() < FEWEST_ROWS || table.rows.iter().any(|r| r.len() != width) {
        return None;
    }
    let rows = charted_rows(table);
    if rows.len() < FEWEST_ROWS || rows.len() > MOST_ROWS || width - 1 > MOST_SERIES {
        return None;
    }
    let categories: Vec<String> =
        rows.iter().map(|row| plain_text(&row[0]).trim().to_string()).collect();
    if categories.iter().any(String::is_empty) || labels_carry_units(&categories) {
        return None;
    }
    let series =
        (1..width).map(|column| column_series(table, &rows, column)).collect::<Option<Vec<_>>>()?;
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
    arrange(&mut chart, time_like)?;
    Some(chart)
}

/// Labels of a closing total row (`合计`, `Total`): the sum of the others, not one of them.
const TOTALS: &[&str] = &["合计", "总计", "小计", "总和", "全部", "total", "sum", "all"];

type Row = Vec<Vec<crate::model::Inline>>;

/// The rows a chart is drawn from: all but a total row.
fn charted_rows(table: &Table) -> Vec<&Row> {
    let is_total = |row: &&Row| {
        let label = plain_text(&row[0]).trim().to_lowercase();
        TOTALS.contains(&label.as_str())
    };
    table.rows.iter().filter(|row| !is_total(row)).collect()
}

/// Whether the labels name their own units (`新增装机（GW）`, `系统均价（元/Wh）`): a
/// table of different measures, one per row, whose figures share no axis.
fn labels_carry_units(labels: &[String]) -> bool {
    labels.iter().any(|label| !split_header(label).1.is_empty())
}

/// One numeric column as a series; `None` when a cell is not a figure or the units differ.
fn column_series(table: &Table, rows: &[&Row], column: usize) -> Option<Series> {
    let quantities: Vec<Quantity> =
        rows.iter().map(|row| parse_quantity(&plain_text(&row[column]))).collect::<Option<_>>()?;
    let (name, header_unit) = split_header(&plain_text(&table.header[column]));
    // Every cell with the same unit, or none with a unit (then the header's): a bare
    // `5000` beside `1.2 亿` is another measure, not 5000 亿.
    let first = quantities.first()?.unit.as_str();
    if quantities.iter().any(|q| q.unit != first) {
        return None;
    }
    let unit = if first.is_empty() { header_unit } else { first.to_string() };
    let values: Vec<f64> = quantities.iter().map(|q| q.value).collect();
    // Years (`成立年份 2001`, `成立年份（年）`) are dates, not figures to draw.
    let years = values.iter().all(|v| v.fract() == 0.0 && (1900.0..=2100.0).contains(v));
    if years && (unit.is_empty() || unit == "年") {
        return None;
    }
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
/// and sorts categories by value; `None` when the series cannot share the chart (value series
/// in different units, or percentages beside values on bars).
fn arrange(chart: &mut Chart, time_like: bool) -> Option<()> {
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
    if !time_like {
        sort_by_first_series(chart);
    }
    Some(())
}

/// Categories largest first by the first series, as a ranking is read; time keeps its
/// order.
fn sort_by_first_series(chart: &mut Chart) {
    let mut order: Vec<usize> = (0..chart.categories.len()).collect();
    let values = &chart.series[0].values;
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]));
    chart.categories = order.iter().map(|&i| chart.categories[i].clone()).collect();
    chart.estimates = order.iter().map(|&i| chart.estimates[i]).collect();
    for series in &mut chart.series {
        series.values = order.iter().map(|&i| series.values[i]).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Align, Inline};
    use proptest::prelude::*;

    fn table(rows: &[&[&str]]) -> Table {
        let cells = |row: &[&str]| row.iter().map(|c| vec![Inline::Text(c.to_string())]).collect();
        Table {
            align: vec![Align::Auto; rows[0].len()],
            header: cells(rows[0]),
            rows: rows[1..].iter().map(|r| cells(r)).collect(),
            caption: None,
            chart_request: Default::default(),
            chart: None,
        }
    }

    #[test]
    fn a_total_row_is_left_out_and_categories_are_ranked() {
        let chart = chart_of(
            &table(&[
                &["地区", "出口量（万辆）", "同比"],
                &["西欧", "46.2", "8%"],
                &["中东", "24.8", "67%"],
                &["东南亚", "31.5", "42%"],
                &["合计", "102.5", "31%"],
            ]),
            None,
        )
        .unwrap();
        assert_eq!(chart.kind, ChartKind::ColumnLine);
        assert_eq!(chart.categories, ["西欧", "东南亚", "中东"]);
        assert_eq!(chart.series[1].values, [8.0, 42.0, 67.0], "the line follows its rows");
    }

    #[test]
    fn very_long_or_wide_tables_are_no_chart() {
        let years: Vec<String> = (0..61).map(|i| format!("{}", 1950 + i)).collect();
        let mut rows: Vec<Vec<&str>> = vec![vec!["年份", "产量"]];
        rows.extend(years.iter().map(|y| vec![y.as_str(), "5 吨"]));
        let long: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
        assert_eq!(chart_of(&table(&long), None), None);
        assert!(chart_of(&table(&long[..61]), None).is_some(), "60 rows are charted");
        let header = ["年份", "a", "b", "c", "d", "e", "f", "g"];
        let row = ["2024", "1", "2", "3", "4", "5", "6", "7"];
        let wide = table(&[&header, &row, &row, &row]);
        assert_eq!(chart_of(&wide, None), None);
    }

    #[test]
    fn bare_figures_beside_figures_with_a_unit_are_no_series() {
        let mixed =
            table(&[&["年份", "规模"], &["2023", "1.2 亿"], &["2024", "5000"], &["2025", "3 亿"]]);
        assert_eq!(chart_of(&mixed, None), None);
        let founded = table(&[
            &["公司", "成立年份（年）", "员工"],
            &["甲", "2001", "300 人"],
            &["乙", "2010", "120 人"],
            &["丙", "2015", "80 人"],
        ]);
        assert_eq!(chart_of(&founded, None), None);
    }

    #[test]
    fn a_column_of_years_is_no_series() {
        let founded = table(&[
            &["公司", "成立年份", "员工"],
            &["甲", "2001", "300 人"],
            &["乙", "2010", "120 人"],
            &["丙", "2015", "80 人"],
        ]);
        assert_eq!(chart_of(&founded, None), None);
    }

    #[test]
    fn rows_of_different_measures_are_no_chart() {
        let measures = table(&[
            &["指标", "2025Q1", "2025Q2"],
            &["新增装机（GW）", "9.8", "12.6"],
            &["招标规模（GWh）", "31.2", "38.5"],
            &["系统均价（元/Wh）", "0.52", "0.49"],
        ]);
        assert_eq!(chart_of(&measures, None), None);
    }

    proptest! {
        /// Any column holding two different units is never charted, whatever the rest.
        #[test]
        fn mixed_units_are_never_charted(
            values in proptest::collection::vec(1u32..1000, 3..8),
            odd in 0usize..3,
            units in proptest::sample::subsequence(vec!["亿美元", "亿人民币", "GW", "%", "k"], 2),
        ) {
            let cells: Vec<String> = values
                .iter()
                .enumerate()
                .map(|(i, v)| format!("{v} {}", if i == odd { units[1] } else { units[0] }))
                .collect();
            let labels: Vec<String> = (0..values.len()).map(|i| format!("{}", 2010 + i)).collect();
            let mut rows: Vec<Vec<&str>> = vec![vec!["年份", "金额"]];
            rows.extend(labels.iter().zip(&cells).map(|(l, c)| vec![l.as_str(), c.as_str()]));
            let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
            prop_assert_eq!(chart_of(&table(&rows), None), None);
        }
    }
}
