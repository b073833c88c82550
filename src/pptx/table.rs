//! Tables as real PowerPoint tables (`a:tbl`): one cell per cell, the header row filled
//! with the accent in bold white as on the PDF slides, zebra rows, thin rules, column
//! widths and alignment as in the PDF.

use super::fit;
use super::geometry::Rect;
use super::text::{Colour, Ctx, Para, Run, Writer};
use crate::model::{Align, Inline, Table};
use crate::theme::{Slide, Theme};
use std::fmt::Write;

/// Table text in the PDF: the theme's table size, its wide-table size when more than six
/// columns (as `table-frame` in `lib/slides.typ`).
fn text_pt(slide: &Slide, columns: usize) -> f64 {
    if columns > 6 { slide.sizes.wide_table } else { slide.sizes.table }
}

/// Cell margin above and below, in Typst points (across it is the PDF's inset); less
/// than the PDF's, as an editor's rows already have some room.
const CELL_Y: f64 = 4.0;

/// Each column's share of `width` points, from the table's column weights.
fn column_widths(table: &Table, width: f64) -> Vec<f64> {
    let columns = table.align.len().max(table.header.len()).max(1);
    let weights = table.column_weights(columns);
    let total = weights.iter().sum::<usize>().max(1) as f64;
    weights.iter().map(|w| width * *w as f64 / total).collect()
}

/// Row heights in Typst points (before the fit scale): each row as tall as its tallest
/// cell once wrapped at its column's inner width, measured with the fonts the PDF uses,
/// at the table's text size (the header in bold). Rows are written with these heights
/// and editors only grow a row its text overflows, so these must not be short.
pub fn row_heights(table: &Table, text_width: f64, theme: &Theme) -> Vec<f64> {
    let slide = &theme.slide;
    let cell_x = slide.insets.table_x;
    let widths = column_widths(table, text_width);
    let size = text_pt(slide, widths.len());
    let inner: Vec<f64> = widths.iter().map(|w| (w - 2.0 * cell_x).max(size)).collect();
    fit::row_texts(table).iter().map(|cells| fit::row_height(cells, &inner, size, CELL_Y)).collect()
}

/// A `p:graphicFrame` holding the table, in `frame`.
pub fn frame(ctx: &mut Ctx, id: u32, table: &Table, frame: Rect) -> String {
    let columns = table.align.len().max(table.header.len()).max(1);
    let weights = table.column_weights(columns);
    let total: usize = weights.iter().sum::<usize>().max(1);
    let mut widths: Vec<i64> = weights.iter().map(|w| frame.w * *w as i64 / total as i64).collect();
    // Whole EMU: the last column takes the rounding.
    let rounding = frame.w - widths.iter().sum::<i64>();
    if let Some(last) = widths.last_mut() {
        *last += rounding;
    }
    let aligns: Vec<Option<&'static str>> = (0..columns)
        .map(|i| match table.align.get(i).copied().unwrap_or(Align::Auto) {
            Align::Auto if table.is_numeric_column(i) => Some("r"),
            Align::Auto | Align::Left => None,
            Align::Center => Some("ctr"),
            Align::Right => Some("r"),
        })
        .collect();
    let (theme, slide) = (ctx.theme, &ctx.theme.slide);
    let heights = row_heights(table, ctx.geometry.text_width(), theme);
    let size = text_pt(slide, columns);
    let zebra = slide.zebra.office_hex();
    let mut out = format!(
        "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"{id}\" name=\"Table {id}\"/>\
         <p:cNvGraphicFramePr><a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/>\
         </p:nvGraphicFramePr><p:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></p:xfrm>\
         <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/table\">\
         <a:tbl><a:tblPr firstRow=\"1\" bandRow=\"1\"/><a:tblGrid>",
        frame.x, frame.y, frame.w, frame.h
    );
    for width in &widths {
        let _ = write!(out, "<a:gridCol w=\"{width}\"/>");
    }
    out.push_str("</a:tblGrid>");
    let rule = ctx_rule_line(ctx);
    for (y, row) in std::iter::once(&table.header).chain(&table.rows).enumerate() {
        let height = ctx.emu(heights.get(y).copied().unwrap_or(size));
        let _ = write!(out, "<a:tr h=\"{height}\">");
        for (x, align) in aligns.iter().enumerate() {
            let empty = Vec::new();
            let cell: &Vec<Inline> = row.get(x).unwrap_or(&empty);
            let (run, fill) = match y {
                0 => (
                    Run { bold: true, colour: Some(Colour::Scheme("bg1")), ..Run::default() },
                    "<a:solidFill><a:schemeClr val=\"accent1\"/></a:solidFill>".to_string(),
                ),
                y if y % 2 == 0 => (
                    Run::default(),
                    format!("<a:solidFill><a:srgbClr val=\"{zebra}\"/></a:solidFill>"),
                ),
                _ => (Run::default(), "<a:noFill/>".to_string()),
            };
            let mut writer = Writer::new(ctx);
            writer.paragraph(Para { align: *align, ..Para::body(slide, size) }, cell, &run);
            let paragraphs = writer.finish();
            let (mx, my) = (ctx.emu(slide.insets.table_x), ctx.emu(CELL_Y));
            let _ = write!(
                out,
                "<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{paragraphs}</a:txBody>\
                 <a:tcPr marL=\"{mx}\" marR=\"{mx}\" marT=\"{my}\" marB=\"{my}\" anchor=\"t\">\
                 {rule}{fill}</a:tcPr></a:tc>"
            );
        }
        out.push_str("</a:tr>");
    }
    out.push_str("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>");
    out
}

/// Thin rules on all four sides of a cell, in the theme's rule colour (`accent3`).
fn ctx_rule_line(ctx: &Ctx) -> String {
    let width = ctx.geometry.emu(ctx.theme.slide.rules.table).max(3175);
    ["lnL", "lnR", "lnT", "lnB"]
        .iter()
        .map(|side| {
            format!(
                "<a:{side} w=\"{width}\" cap=\"flat\" cmpd=\"sng\" algn=\"ctr\"><a:solidFill>\
                 <a:schemeClr val=\"accent3\"/></a:solidFill><a:prstDash val=\"solid\"/></a:{side}>"
            )
        })
        .collect()
}
