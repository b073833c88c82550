//! Queries on the model that more than one writer asks: how wide a table's columns
//! are, which columns hold figures, the first and last character of an inline. They
//! live with the model so no writer imports another.

use super::{Block, BlockKind, Inline, Table, plain_text};
use crate::text::is_cjk;

impl Table {
    /// Relative column widths from the longest cell of each column (CJK counts double),
    /// kept between 3 and 24 so no column starves or swallows the table.
    pub fn column_weights(&self, columns: usize) -> Vec<usize> {
        (0..columns)
            .map(|i| {
                std::iter::once(&self.header)
                    .chain(self.rows.iter())
                    .filter_map(|row| row.get(i))
                    .map(|cell| display_width(&plain_text(cell)))
                    .max()
                    .unwrap_or(0)
                    .clamp(3, 24)
            })
            .collect()
    }

    /// Whether the body cells of `column` are (nearly all) numbers, amounts or
    /// percentages, which are set flush right.
    pub fn is_numeric_column(&self, column: usize) -> bool {
        let cells: Vec<String> = self
            .rows
            .iter()
            .filter_map(|row| row.get(column))
            .map(|cell| plain_text(cell).trim().to_string())
            .filter(|text| !text.is_empty())
            .collect();
        let numeric = cells.iter().filter(|text| looks_numeric(text)).count();
        !cells.is_empty() && numeric * 5 >= cells.len() * 4
    }
}

fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_cjk(c) { 2 } else { 1 }).sum()
}

/// `177.5 亿美元`, `-12%`, `$30`, `1,024`, `0.51 元/Wh`: a number, maybe with a sign,
/// currency and a short unit.
fn looks_numeric(text: &str) -> bool {
    let body = text.trim_start_matches(['+', '-', '−', '约', '~', '$', '¥', '€', '£', ' ']);
    let digits = body.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',')).count();
    let unit = body.chars().skip(digits).filter(|c| !c.is_whitespace()).count();
    body.starts_with(|c: char| c.is_ascii_digit()) && unit <= 6
}

impl Inline {
    /// The last character this inline shows; `None` for badges, which stay apart even
    /// beside Chinese text.
    pub fn last_char(&self) -> Option<char> {
        match self {
            Inline::Text(t) | Inline::Code(t) => t.chars().last(),
            Inline::Math(formula) => formula.latex.chars().last(),
            Inline::Image { alt, .. } | Inline::MissingImage { alt, .. } => alt.chars().last(),
            Inline::Badge { .. } => None,
            other => other.children()?.last().and_then(Inline::last_char),
        }
    }

    /// The first character this inline shows (see [`Inline::last_char`]).
    pub fn first_char(&self) -> Option<char> {
        match self {
            Inline::Text(t) | Inline::Code(t) => t.chars().next(),
            Inline::Math(formula) => formula.latex.chars().next(),
            Inline::Image { alt, .. } | Inline::MissingImage { alt, .. } => alt.chars().next(),
            Inline::Badge { .. } => None,
            other => other.children()?.first().and_then(Inline::first_char),
        }
    }
}

/// The level of the top headings among `blocks` (1 when there is none): the level the
/// writers lift to 1 and the deck planners split sections at.
pub fn top_heading_level(blocks: &[Block]) -> u8 {
    let levels = blocks.iter().filter_map(|block| match block.kind {
        BlockKind::Heading { level, .. } => Some(level),
        _ => None,
    });
    levels.min().unwrap_or(1)
}
