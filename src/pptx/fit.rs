//! Box sizes from measured text: how tall a code box, a table row and a title must be
//! for the text they hold once an editor wraps it, measured with the fonts Typst sets
//! the PDF in ([`crate::engine::measure`]). Editors lay text out themselves; a box sized
//! by counting source lines is shrunk by their autofit (Impress shrank the worst code to
//! 35 %) or, for a table, grows over what lies under it.

use super::text::LINE_SPACING_SHARE;
use crate::engine::measure::{Face, line_em, wrapped_lines};
use crate::model::{Inline, Table, plain_text};
use crate::theme::Theme;

/// Measured widths are taken this much wider: editors round glyph positions and their
/// line breaking differs in detail from the greedy one measured here.
const WIDTH_SLACK: f64 = 1.04;

/// Measured heights are taken this much taller: Impress rounds each line up to its own
/// units (measured: 18.1 pt a line of 17.1 pt DejaVu Sans Mono at 90 %, where the font
/// gives 17.9 pt), and its autofit, which shrinks in coarse steps (94 % for a box half a
/// point short), must never have to act. Over 40 decks (832 slides) Impress shrank 36
/// code boxes to 97–99 % with 3 % more, 2 to 99 % with 6 %.
const HEIGHT_SLACK: f64 = 1.06;

/// Lines of `text` in `face` at `size` points across `width` points.
pub fn lines(face: Face, text: &str, size: f64, width: f64) -> usize {
    let width_em = (width / size / WIDTH_SLACK).max(1.0);
    wrapped_lines(face, text, width_em)
}

/// Height in points of the lines of `text` (a paragraph) at `size` points, `width`
/// points wide, set at the deck's line spacing. An empty paragraph takes the height of
/// its end mark, which is set in the theme's sans.
pub fn paragraph_height(face: Face, text: &str, size: f64, width: f64) -> f64 {
    let face = if text.is_empty() { Face::Sans } else { face };
    let count = lines(face, text, size, width) as f64;
    count * line_em(face, text) * LINE_SPACING_SHARE * size * HEIGHT_SLACK
}

/// What the first line of a text box takes over the others: Impress sets the very first
/// line of a box at 100 % whatever the line spacing (measured: a one-line code box with
/// room for 90 % was shrunk to 98 %).
fn first_line_extra(face: Face, text: &str, size: f64) -> f64 {
    line_em(face, text) * (1.0 - LINE_SPACING_SHARE) * size
}

/// Height in points of a code box's text (its insets not included): each source line
/// wrapped at the box's inner `width`, at the theme's code size, every line as tall as
/// the monospace face or, for code with CJK, its taller fallback.
pub fn code_text_height(theme: &Theme, code: &str, width: f64) -> f64 {
    let size = theme.slide.sizes.code.min(theme.slide.sizes.body);
    let code = code.strip_suffix('\n').unwrap_or(code);
    let lines: f64 = code
        .split('\n')
        .map(|line| paragraph_height(Face::Mono, line.trim_end_matches('\r'), size, width))
        .sum();
    lines + first_line_extra(Face::Mono, code.lines().next().unwrap_or(""), size)
}

/// A table cell's text and the face it is measured in.
pub type CellText = (String, Face);

/// Height in points of a table row whose cells have the inner widths `widths` (points),
/// its text at `size` points, plus `margin` above and below.
pub fn row_height(cells: &[CellText], widths: &[f64], size: f64, margin: f64) -> f64 {
    let tallest = cells
        .iter()
        .zip(widths)
        .map(|((text, face), width)| {
            paragraph_height(*face, text, size, *width) + first_line_extra(*face, text, size)
        })
        .fold(line_em(Face::Sans, "") * size, f64::max);
    tallest + 2.0 * margin
}

/// The rows of `table` as plain text, header first, each cell with the face it is
/// measured in: bold in the header, and monospace when it holds code (a command in a
/// table wraps as monospace, wider than the sans).
pub fn row_texts(table: &Table) -> Vec<Vec<CellText>> {
    std::iter::once(&table.header)
        .chain(&table.rows)
        .enumerate()
        .map(|(y, row)| {
            row.iter()
                .map(|cell| {
                    let face = match (has_code(cell), y) {
                        (true, _) => Face::Mono,
                        (false, 0) => Face::SansBold,
                        (false, _) => Face::Sans,
                    };
                    (plain_text(cell), face)
                })
                .collect()
        })
        .collect()
}

/// Whether inline code (set in monospace) is among `inlines`, nested ones included.
fn has_code(inlines: &[Inline]) -> bool {
    inlines.iter().any(|inline| {
        matches!(inline, Inline::Code(_)) || inline.children().is_some_and(|c| has_code(c))
    })
}

/// Lines a slide title takes across `width` points (at least one, at most three: a
/// longer title is the planner's to shorten).
pub fn title_lines(theme: &Theme, title: &str, width: f64) -> usize {
    lines(Face::SansBold, title, theme.slide.sizes.title, width).clamp(1, 3)
}

/// Height in points of one title line at the theme's title size (titles are set at
/// 100 % line spacing).
pub fn title_line_height(theme: &Theme) -> f64 {
    line_em(Face::SansBold, "") * theme.slide.sizes.title
}

/// The largest share of `size` (down to 60 %) at which `title` fits a box `width` ×
/// `height` points (less the box's default insets), as a template's title placeholder.
pub fn title_scale(title: &str, size: f64, (width, height): (f64, f64)) -> f64 {
    let (width, height) = (width - 14.4, height - 7.2);
    for scale in [1.0, 0.9, 0.8, 0.7, 0.6] {
        let size = size * scale;
        let lines = lines(Face::SansBold, title, size, width).max(1);
        if lines as f64 * line_em(Face::SansBold, "") * size <= height {
            return scale;
        }
    }
    0.6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_set_smaller_only_when_it_would_not_fit_its_box() {
        let short = "Market overview";
        assert_eq!(title_scale(short, 40.0, (700.0, 70.0)), 1.0);
        let long = "A very long slide title that certainly takes two or three lines at this size";
        let scale = title_scale(long, 40.0, (700.0, 70.0));
        assert!((0.6..1.0).contains(&scale), "{scale}");
        assert_eq!(title_scale(long, 40.0, (700.0, 200.0)), 1.0, "a taller box holds it");
    }

    #[test]
    fn a_long_command_line_wraps_to_several_lines_of_code() {
        let theme = Theme::default();
        let one = code_text_height(&theme, "ls -l", 700.0);
        let synopsis = "fitctl [--endpoint URL] [--timeout SECONDS] [--output text|json|table] \
                        [--user NAME:PASSWORD] [--cacert FILE] [--cert FILE] [--key FILE] [--insecure] \
                        [--retries COUNT] [--verbose] COMMAND [ARGS...]";
        let wrapped = code_text_height(&theme, synopsis, 700.0);
        let pitch = code_text_height(&theme, "ls -l\nls -l", 700.0) - one;
        // 196 characters, about 72 to a line 700 pt wide at 15 pt: two more lines.
        assert!((wrapped - one - 2.0 * pitch).abs() < 0.01, "{one} {pitch} {wrapped}");
        // Chinese in code takes the fallback's taller line.
        let chinese = code_text_height(&theme, "# 注释", 700.0);
        assert!(chinese > 1.2 * one, "{one} {chinese}");
    }

    #[test]
    fn a_row_is_as_tall_as_its_longest_wrapped_cell() {
        let cells = [("a".to_string(), Face::Sans), ("word ".repeat(40), Face::Sans)];
        let one = row_height(&cells[..1], &[100.0], 16.0, 4.0);
        let tall = row_height(&cells, &[100.0, 200.0], 16.0, 4.0);
        assert!(tall > 5.0 * (one - 8.0), "{one} {tall}");
        // A command in a cell is measured in monospace (wider than the sans), the header
        // in bold.
        let text = |t: &str| vec![Inline::Text(t.into())];
        let table = Table {
            align: vec![crate::model::Align::Auto; 2],
            header: vec![text("Tool"), text("Command")],
            rows: vec![vec![text("ugrep"), vec![Inline::Code("ugrep -r -w 'x'".into())]]],
            caption: None,
            chart_request: Default::default(),
            chart: None,
        };
        let faces: Vec<Vec<Face>> =
            row_texts(&table).iter().map(|r| r.iter().map(|c| c.1).collect()).collect();
        assert_eq!(faces, [[Face::SansBold, Face::SansBold], [Face::Sans, Face::Mono]]);
        assert!(lines(Face::Mono, "ugrep -r --ignore-files", 16.0, 180.0) == 2);
        assert!(lines(Face::Sans, "ugrep -r --ignore-files", 16.0, 180.0) == 1);
    }

    #[test]
    fn a_long_title_takes_two_lines() {
        let theme = Theme::default();
        assert_eq!(title_lines(&theme, "Agenda", 770.0), 1);
        let long = "A title long enough that it needs two lines on a slide of the deck, \
                    as report titles often do";
        assert_eq!(title_lines(&theme, long, 770.0), 2);
    }
}
