//! Tables of figures become charts: each table whose first column holds labels and whose
//! other columns hold figures gets a [`Chart`](crate::model::Chart), which the deck
//! planner puts on a slide of its own and the writers draw natively (Typst, PowerPoint).
//! Tables that are not chartable are left exactly as they were.

mod labels;
mod numbers;
mod recognise;

use crate::error::Warning;
use crate::model::{BlockKind, ChartRequest, Document};

use recognise::chart_of;

/// Gives every chartable table its chart; a table its directive asks to chart that is not
/// a table of figures is a warning.
pub fn resolve_charts(doc: &mut Document) -> Vec<Warning> {
    let mut warnings = Vec::new();
    doc.visit_blocks_mut(&mut |block| {
        let line = block.span.line;
        let BlockKind::Table(table) = &mut block.kind else { return };
        table.chart = match table.chart_request {
            ChartRequest::Off => None,
            ChartRequest::Auto => chart_of(table, None),
            ChartRequest::Kind(kind) => {
                let chart = chart_of(table, Some(kind));
                if chart.is_none() {
                    warnings.push(Warning { line: Some(line), message: NOT_CHARTABLE.to_string() });
                }
                chart
            }
        };
    });
    warnings
}

/// Why a table a directive asked to chart is not charted.
const NOT_CHARTABLE: &str = "folio directive: this table is not charted: it needs a label \
     column, at least three rows, and figures in one unit per column in every other cell";
