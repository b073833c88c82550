//! A chart as a call of the template library's `chart` function (`lib/charts.typ`), its
//! data written as one Typst literal through the template escaper, so no label can
//! become markup or code.

use crate::model::Chart;

/// `#chart((kind: "column", categories: (…), series: (…), …))`; `figure` sets it as a
/// numbered figure under a table in print.
pub fn chart_call(chart: &Chart, figure: bool) -> String {
    let data = super::literal::value_literal(&minijinja::Value::from(minijinja::value::Serde(
        ChartData::of(chart),
    )));
    match figure {
        true => format!("#chart-figure({data})"),
        false => format!("#chart({data})"),
    }
}

/// What the library draws: the chart with its axis units worked out.
#[derive(serde::Serialize)]
struct ChartData<'a> {
    #[serde(flatten)]
    chart: &'a Chart,
    /// The left axis title (the values' unit, `亿元`).
    unit: &'a str,
    /// The right axis title, when some series is drawn there (`%`).
    secondary_unit: Option<&'a str>,
}

impl<'a> ChartData<'a> {
    fn of(chart: &'a Chart) -> Self {
        Self { chart, unit: chart.primary_unit(), secondary_unit: chart.secondary_unit() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ChartKind, Series};

    #[test]
    fn labels_are_data_not_markup() {
        let chart = Chart {
            kind: ChartKind::Bar,
            category_title: "公司 #eval(\"x\")".into(),
            categories: vec!["A\"]".into(), "B".into(), "C".into()],
            estimates: vec![false, false, true],
            series: vec![Series {
                name: "营收".into(),
                values: vec![3.0, 2.5, -1.0],
                unit: "亿元".into(),
                secondary: false,
            }],
        };
        let call = chart_call(&chart, false);
        assert!(call.starts_with("#chart(("), "{call}");
        assert!(call.contains(r#""category_title": "公司 #eval(\"x\")""#), "{call}");
        assert!(
            call.contains(r#""A\"]""#) && call.contains("2.5") && call.contains("-1"),
            "{call}"
        );
        assert!(call.contains(r#""kind": "bar""#) && call.contains(r#""unit": "亿元""#), "{call}");
    }
}
