//! Native, editable PowerPoint charts: a chart part (`ppt/charts/chartN.xml`, DrawingML
//! charts) whose numbers are cached in the part and kept in an embedded workbook
//! (`ppt/embeddings/chartN.xlsx`), so "Edit data" opens them in PowerPoint and
//! LibreOffice. The chart is the one the slides PDF draws: same kind, numbers, order,
//! theme colours and lighter estimates.

use super::geometry::Rect;
use super::xml::escape;
use crate::model::{Chart, ChartKind, Series};
use crate::theme::ChartColours;

const CHART_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";

/// Axis ids: the category and value axes, then the second pair for the percentage line.
const AXES: [u32; 4] = [5001, 5002, 5003, 5004];

/// The graphic frame on the slide that shows chart part `rel`.
pub fn frame(id: u32, rect: Rect, rel: &str) -> String {
    format!(
        "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"{id}\" name=\"Chart {id}\"/>\
         <p:cNvGraphicFramePr><a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/>\
         </p:nvGraphicFramePr><p:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/>\
         </p:xfrm><a:graphic><a:graphicData uri=\"{CHART_NS}\"><c:chart xmlns:c=\"{CHART_NS}\" \
         r:id=\"{rel}\"/></a:graphicData></a:graphic></p:graphicFrame>",
        rect.x, rect.y, rect.w, rect.h
    )
}

/// What a chart part is written from besides the chart.
pub struct Look<'a> {
    pub colours: &'a ChartColours,
    /// The Office language tag of the deck (`zh-CN`).
    pub lang: &'a str,
    /// The latin and East Asian font of the labels.
    pub font: &'a str,
    /// Label size in hundredths of a point.
    pub size: u32,
}

/// The chart part; its relationship `rId1` is the embedded workbook.
pub fn chart_part(chart: &Chart, look: &Look) -> String {
    let primary: Vec<(usize, &Series)> =
        chart.series.iter().enumerate().filter(|(_, s)| !s.secondary).collect();
    let secondary: Vec<(usize, &Series)> =
        chart.series.iter().enumerate().filter(|(_, s)| s.secondary).collect();
    let mut plot = match chart.kind {
        ChartKind::Line => line_group(chart, &primary, look, [AXES[0], AXES[1]]),
        _ => bar_group(chart, &primary, look),
    };
    plot.push_str(&category_axis(AXES[0], AXES[1], chart.kind == ChartKind::Bar, false));
    plot.push_str(&value_axis(AXES[1], AXES[0], chart, chart.primary_unit(), false));
    if !secondary.is_empty() {
        plot.push_str(&line_group(chart, &secondary, look, [AXES[2], AXES[3]]));
        plot.push_str(&category_axis(AXES[2], AXES[3], false, true));
        plot.push_str(&value_axis(AXES[3], AXES[2], chart, "%", true));
    }
    let legend = match chart.series.len() {
        1 => String::new(),
        _ => "<c:legend><c:legendPos val=\"t\"/><c:overlay val=\"0\"/></c:legend>".to_string(),
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <c:chartSpace xmlns:c=\"{CHART_NS}\" \
         xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <c:date1904 val=\"0\"/><c:lang val=\"{lang}\"/><c:roundedCorners val=\"0\"/>\
         <c:chart><c:autoTitleDeleted val=\"1\"/><c:plotArea><c:layout/>{plot}</c:plotArea>\
         {legend}<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>\
         {text}<c:externalData r:id=\"rId1\"><c:autoUpdate val=\"0\"/></c:externalData>\
         </c:chartSpace>",
        lang = escape(look.lang),
        text = text_properties(look),
    )
}

/// Columns (grouped when several series) or horizontal bars.
fn bar_group(chart: &Chart, series: &[(usize, &Series)], look: &Look) -> String {
    let direction = if chart.kind == ChartKind::Bar { "bar" } else { "col" };
    let mut out = format!(
        "<c:barChart><c:barDir val=\"{direction}\"/><c:grouping val=\"clustered\"/>\
         <c:varyColors val=\"0\"/>"
    );
    for (index, s) in series {
        let colour = look.colours.series_colour(*index);
        out.push_str(&format!(
            "<c:ser>{head}<c:spPr><a:solidFill><a:srgbClr val=\"{fill}\"/></a:solidFill></c:spPr>\
             <c:invertIfNegative val=\"0\"/>{estimates}{labels}{data}</c:ser>",
            head = series_head(*index, s),
            fill = colour.office_hex(),
            estimates = estimate_points(chart, colour, look.colours.estimate_tint),
            labels = data_labels(s, "outEnd"),
            data = series_data(chart, *index, s),
        ));
    }
    out.push_str(&format!(
        "<c:gapWidth val=\"60\"/><c:axId val=\"{}\"/><c:axId val=\"{}\"/></c:barChart>",
        AXES[0], AXES[1]
    ));
    out
}

/// Lines with round markers; the percentage line on the second axis is the theme's line
/// colour and carries no value labels: PowerPoint and LibreOffice place labels without
/// looking at the others, and a line's over the columns' would be drawn over each other
/// (the right axis gives its reading; the slides PDF, which places labels clear of each
/// other, shows them).
fn line_group(chart: &Chart, series: &[(usize, &Series)], look: &Look, axes: [u32; 2]) -> String {
    let mut out =
        "<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>".to_string();
    for (k, (index, s)) in series.iter().enumerate() {
        let colour = match s.secondary && k == 0 {
            true => look.colours.line,
            false => look.colours.series_colour(*index),
        };
        let hex = colour.office_hex();
        out.push_str(&format!(
            "<c:ser>{head}<c:spPr><a:ln w=\"28575\" cap=\"rnd\"><a:solidFill><a:srgbClr val=\"{hex}\"/>\
             </a:solidFill></a:ln></c:spPr><c:marker><c:symbol val=\"circle\"/><c:size val=\"6\"/>\
             <c:spPr><a:solidFill><a:srgbClr val=\"{hex}\"/></a:solidFill></c:spPr></c:marker>\
             {labels}{data}<c:smooth val=\"0\"/></c:ser>",
            head = series_head(*index, s),
            labels = if s.secondary { String::new() } else { data_labels(s, "t") },
            data = series_data(chart, *index, s),
        ));
    }
    out.push_str(&format!(
        "<c:marker val=\"1\"/><c:axId val=\"{}\"/><c:axId val=\"{}\"/></c:lineChart>",
        axes[0], axes[1]
    ));
    out
}

/// Index, order and name (a reference to the header cell in the workbook).
fn series_head(index: usize, series: &Series) -> String {
    format!(
        "<c:idx val=\"{index}\"/><c:order val=\"{index}\"/><c:tx><c:strRef><c:f>{cell}</c:f>\
         <c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>{name}</c:v></c:pt></c:strCache>\
         </c:strRef></c:tx>",
        cell = sheet_range(index + 1, 0, 0),
        name = escape(&series.name),
    )
}

/// Estimates (`2025E`) filled lighter with the series' colour.
fn estimate_points(chart: &Chart, colour: crate::theme::Colour, tint: f64) -> String {
    let light = colour.lighten(tint).office_hex();
    chart
        .estimates
        .iter()
        .enumerate()
        .filter(|(_, estimate)| **estimate)
        .map(|(i, _)| {
            format!(
                "<c:dPt><c:idx val=\"{i}\"/><c:invertIfNegative val=\"0\"/><c:bubble3D val=\"0\"/>\
                 <c:spPr><a:solidFill><a:srgbClr val=\"{light}\"/></a:solidFill></c:spPr></c:dPt>"
            )
        })
        .collect()
}

/// Values shown on the bars or above the points, a percentage with its sign.
fn data_labels(series: &Series, position: &str) -> String {
    format!(
        "<c:dLbls><c:numFmt formatCode=\"{}\" sourceLinked=\"0\"/><c:spPr><a:noFill/><a:ln><a:noFill/>\
         </a:ln></c:spPr><c:dLblPos val=\"{position}\"/><c:showLegendKey val=\"0\"/>\
         <c:showVal val=\"1\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/>\
         <c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>",
        escape(&number_format(series))
    )
}

/// `0.##` trimmed of a trailing point by Office itself; percentages as the table wrote them.
fn number_format(series: &Series) -> String {
    match series.unit.as_str() {
        "%" => "General\"%\"".to_string(),
        _ => "General".to_string(),
    }
}

/// The categories and values, as workbook references with their cached numbers.
fn series_data(chart: &Chart, index: usize, series: &Series) -> String {
    let rows = chart.categories.len();
    let categories: String = chart
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| format!("<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>", escape(c)))
        .collect();
    let values: String = series
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("<c:pt idx=\"{i}\"><c:v>{v}</c:v></c:pt>"))
        .collect();
    format!(
        "<c:cat><c:strRef><c:f>{cat_ref}</c:f><c:strCache><c:ptCount val=\"{rows}\"/>{categories}\
         </c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>{val_ref}</c:f><c:numCache>\
         <c:formatCode>General</c:formatCode><c:ptCount val=\"{rows}\"/>{values}</c:numCache>\
         </c:numRef></c:val>",
        cat_ref = sheet_range(0, 1, rows),
        val_ref = sheet_range(index + 1, 1, rows),
    )
}

/// `Sheet1!$B$2:$B$4`: column `column` (0 is A), rows `first` to `first + count - 1`
/// (0 is the header row); one cell when `count` is 0.
fn sheet_range(column: usize, first: usize, count: usize) -> String {
    let letter = column_letter(column);
    let cell = |row: usize| format!("${letter}${}", row + 1);
    match count {
        0 => format!("Sheet1!{}", cell(first)),
        n => format!("Sheet1!{}:{}", cell(first), cell(first + n - 1)),
    }
}

/// `A`, `B`… `Z`, `AA`: a spreadsheet column name.
fn column_letter(column: usize) -> String {
    let mut n = column + 1;
    let mut name = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        name.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    name.iter().rev().collect()
}

/// The category axis; `reversed` for bars (the largest on top, as in the PDF); `hidden`
/// for the second pair's.
fn category_axis(id: u32, cross: u32, reversed: bool, hidden: bool) -> String {
    let orientation = if reversed { "maxMin" } else { "minMax" };
    let position = if reversed { "l" } else { "b" };
    format!(
        "<c:catAx><c:axId val=\"{id}\"/><c:scaling><c:orientation val=\"{orientation}\"/>\
         </c:scaling><c:delete val=\"{}\"/><c:axPos val=\"{position}\"/>\
         <c:numFmt formatCode=\"General\" sourceLinked=\"1\"/><c:majorTickMark val=\"none\"/>\
         <c:minorTickMark val=\"none\"/><c:tickLblPos val=\"low\"/><c:crossAx val=\"{cross}\"/>\
         <c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/>\
         <c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>",
        u8::from(hidden)
    )
}

/// A value axis with light grid lines and its unit as title; the second one on the right.
fn value_axis(id: u32, cross: u32, chart: &Chart, unit: &str, second: bool) -> String {
    let bars = chart.kind == ChartKind::Bar;
    let position = match (second, bars) {
        (true, _) => "r",
        (false, true) => "b",
        (false, false) => "l",
    };
    let grid = match second {
        true => String::new(),
        false => {
            "<c:majorGridlines><c:spPr><a:ln w=\"6350\"><a:solidFill><a:srgbClr val=\"D9D9D9\"/>\
                  </a:solidFill></a:ln></c:spPr></c:majorGridlines>"
                .to_string()
        }
    };
    let title = match unit {
        "" => String::new(),
        unit => format!(
            "<c:title><c:tx><c:rich><a:bodyPr rot=\"0\" vert=\"horz\"/><a:p><a:r><a:t>{}</a:t>\
             </a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>",
            escape(unit)
        ),
    };
    // Bars run from the top: their value axis crosses at the far end to stay at the bottom.
    let crosses = if second || bars { "max" } else { "autoZero" };
    format!(
        "<c:valAx><c:axId val=\"{id}\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>\
         <c:delete val=\"0\"/><c:axPos val=\"{position}\"/>{grid}{title}\
         <c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/>\
         <c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"{cross}\"/>\
         <c:crosses val=\"{crosses}\"/><c:crossBetween val=\"between\"/></c:valAx>"
    )
}

/// The labels' font and size.
fn text_properties(look: &Look) -> String {
    let font = escape(look.font);
    format!(
        "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"{}\"><a:latin typeface=\"{font}\"/>\
         <a:ea typeface=\"{font}\"/></a:defRPr></a:pPr><a:endParaRPr lang=\"{}\"/></a:p></c:txPr>",
        look.size,
        escape(look.lang)
    )
}

/// The workbook behind the chart: the label column and one column per series, as the
/// table had them, with a fixed creation date so the same report gives the same bytes.
pub fn workbook(chart: &Chart) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};
    let error = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(error)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let sheet = book.add_worksheet();
    sheet.set_name("Sheet1").map_err(error)?;
    sheet.write_string(0, 0, &chart.category_title).map_err(error)?;
    for (row, category) in (1u32..).zip(&chart.categories) {
        sheet.write_string(row, 0, category).map_err(error)?;
    }
    for (column, series) in (1u16..).zip(&chart.series) {
        sheet.write_string(0, column, &series.name).map_err(error)?;
        for (row, value) in (1u32..).zip(&series.values) {
            sheet.write_number(row, column, *value).map_err(error)?;
        }
    }
    book.save_to_buffer().map_err(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_references_name_the_right_cells() {
        assert_eq!(sheet_range(0, 1, 3), "Sheet1!$A$2:$A$4");
        assert_eq!(sheet_range(2, 0, 0), "Sheet1!$C$1");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }
}
