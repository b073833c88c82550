//! Chart slides: a table of figures (one the chart recognition gave a chart) gets a slide
//! of its own right after the last slide showing the table, or, with `charts =
//! "replace"`, the chart takes the table's place and the table's figures go to the
//! speaker notes.

use super::{ChartPlacement, Slide, SlideKind};
use crate::model::{Block, BlockKind, Chart, Table, plain_text};
use std::collections::BTreeMap;

/// Places the charts of the tables on `slides` as `placement` asks, at most `limit` slides
/// in all, and moves the slides links land on (`landings`) with them.
pub fn place_charts(
    slides: Vec<Slide>,
    landings: &mut BTreeMap<usize, usize>,
    placement: ChartPlacement,
    continued: &str,
    limit: usize,
) -> Vec<Slide> {
    let mut placed = Vec::with_capacity(slides.len());
    // Where each slide of `slides` went, for the landings.
    let mut moved_to = Vec::with_capacity(slides.len());
    let count = slides.len();
    let mut charted: Vec<usize> = Vec::new();
    let mut next_lines: Vec<Vec<usize>> = slides.iter().skip(1).map(charted_lines).collect();
    next_lines.push(Vec::new());
    for (slide, next) in slides.into_iter().zip(next_lines) {
        moved_to.push(placed.len());
        match placement {
            ChartPlacement::Off => placed.push(slide),
            ChartPlacement::Slides | ChartPlacement::Both => {
                let charts = finished_charts(&slide, &next);
                placed.push(slide);
                for (title, chart) in charts {
                    if count + placed.len() - moved_to.len() < limit {
                        let base = placed.last().expect("just pushed");
                        placed.push(chart_slide(base, title, chart, continued));
                    }
                }
            }
            ChartPlacement::Replace => {
                let had_blocks = !slide.blocks.is_empty();
                let slide = replace_tables(slide, &mut charted);
                // A divider has no blocks and stays; a slide left empty held only the
                // rest of a table already shown as a chart.
                if had_blocks && slide.blocks.is_empty() {
                    moved_to.pop();
                    moved_to.push(placed.len().saturating_sub(1));
                    if let Some(last) = placed.last_mut() {
                        last.notes.extend(slide.notes);
                    }
                } else {
                    placed.push(slide);
                }
            }
        }
    }
    for slide in landings.values_mut() {
        *slide = moved_to.get(*slide).copied().unwrap_or(*slide);
    }
    placed
}

/// The lines of the charted tables on a slide (a split table keeps its line on every
/// piece, so the pieces of one table are known as one).
fn charted_lines(slide: &Slide) -> Vec<usize> {
    charted_tables(&slide.blocks).map(|(block, _)| block.span.line).collect()
}

fn charted_tables(blocks: &[Block]) -> impl Iterator<Item = (&Block, &Table)> {
    blocks.iter().filter_map(|block| match &block.kind {
        BlockKind::Table(table) if table.chart.is_some() => Some((block, table)),
        _ => None,
    })
}

/// The charts of the tables whose last piece is on `slide` (none continues on the next),
/// each with its title: the table's caption, else the heading above it on the slide.
fn finished_charts(slide: &Slide, next_lines: &[usize]) -> Vec<(Option<String>, Chart)> {
    let mut heading = None;
    let mut charts = Vec::new();
    for block in &slide.blocks {
        match &block.kind {
            BlockKind::Heading { content, .. } => heading = Some(plain_text(content)),
            BlockKind::Table(table) if !next_lines.contains(&block.span.line) => {
                let caption = table.caption.as_ref().map(|c| plain_text(c)).or(heading.clone());
                if let Some(chart) = &table.chart {
                    charts.push((caption.map(|c| c.trim().to_string()), chart.clone()));
                }
            }
            _ => {}
        }
    }
    charts
}

/// A slide holding only the chart, titled by the table's caption or heading, else the
/// slide's title.
fn chart_slide(after: &Slide, caption: Option<String>, chart: Chart, continued: &str) -> Slide {
    let title = caption
        .unwrap_or_else(|| after.title.strip_suffix(continued).unwrap_or(&after.title).to_string());
    let span = after.blocks.iter().find(|b| matches!(b.kind, BlockKind::Table(_))).map(|b| b.span);
    Slide {
        kind: SlideKind::Content,
        section: after.section.clone(),
        title,
        blocks: vec![Block::new(span.unwrap_or_default(), BlockKind::Chart(chart))],
        footnotes: Vec::new(),
        notes: Vec::new(),
    }
}

/// The slide with each charted table replaced by its chart (the first piece of a split
/// table; later pieces, their line in `charted` already, are dropped), the tables'
/// figures added to its notes.
fn replace_tables(mut slide: Slide, charted: &mut Vec<usize>) -> Slide {
    let mut blocks = Vec::with_capacity(slide.blocks.len());
    for block in std::mem::take(&mut slide.blocks) {
        let chart = match &block.kind {
            BlockKind::Table(table) => table.chart.clone().map(|chart| (chart, table)),
            _ => None,
        };
        let Some((chart, table)) = chart else {
            blocks.push(block);
            continue;
        };
        slide.notes.push(table_as_text(table));
        if !charted.contains(&block.span.line) {
            charted.push(block.span.line);
            blocks.push(Block::new(block.span, BlockKind::Chart(chart)));
        }
    }
    slide.blocks = blocks;
    slide
}

/// A table as lines of text for the speaker notes: `年份 | 市场规模 | 同比增速`, then a
/// line per row.
fn table_as_text(table: &Table) -> String {
    let line = |cells: &[Vec<crate::model::Inline>]| {
        cells.iter().map(|c| plain_text(c).trim().to_string()).collect::<Vec<_>>().join(" | ")
    };
    std::iter::once(line(&table.header))
        .chain(table.rows.iter().map(|row| line(row)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Align, ChartKind, Inline, Series, Span};

    fn table_block(line: usize, rows: &[&str]) -> Block {
        let cell = |t: &str| vec![Inline::Text(t.to_string())];
        let chart = Chart {
            kind: ChartKind::Column,
            category_title: "年份".into(),
            categories: vec!["2022".into(), "2023".into(), "2024".into()],
            estimates: vec![false; 3],
            series: vec![Series {
                name: "收入".into(),
                values: vec![1.0, 2.0, 3.0],
                unit: String::new(),
                secondary: false,
            }],
        };
        let table = Table {
            align: vec![Align::Auto; 2],
            header: vec![cell("年份"), cell("收入")],
            rows: rows.iter().map(|r| vec![cell(r), cell("1")]).collect(),
            caption: None,
            chart_request: Default::default(),
            chart: Some(chart),
        };
        Block::new(Span { line, end_line: line + 4 }, BlockKind::Table(table))
    }

    fn slide(kind: SlideKind, title: &str, blocks: Vec<Block>) -> Slide {
        let (section, footnotes, notes) = (None, Vec::new(), Vec::new());
        Slide { kind, section, title: title.into(), blocks, footnotes, notes }
    }

    /// A divider, a table split over two slides, then a slide a link lands on.
    fn deck() -> (Vec<Slide>, BTreeMap<usize, usize>) {
        let slides = vec![
            slide(SlideKind::Divider, "一", Vec::new()),
            slide(SlideKind::Content, "收入", vec![table_block(5, &["2022", "2023"])]),
            slide(SlideKind::Content, "收入（续）", vec![table_block(5, &["2024"])]),
            slide(SlideKind::Content, "其后", Vec::new()),
        ];
        (slides, BTreeMap::from([(7, 3)]))
    }

    #[test]
    fn a_split_tables_chart_follows_its_last_piece_and_links_move_with_their_slide() {
        let (slides, mut landings) = deck();
        let placed = place_charts(slides, &mut landings, ChartPlacement::Slides, "（续）", 99);
        let titles: Vec<&str> = placed.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["一", "收入", "收入（续）", "收入", "其后"]);
        assert!(matches!(placed[3].blocks[0].kind, BlockKind::Chart(_)));
        assert_eq!(landings[&7], 4);
        let (slides, mut landings) = deck();
        let capped = place_charts(slides, &mut landings, ChartPlacement::Slides, "（续）", 4);
        assert_eq!(capped.len(), 4, "no chart slide past the limit");
    }

    #[test]
    fn replace_keeps_dividers_and_drops_only_the_rest_of_a_charted_table() {
        let (slides, mut landings) = deck();
        let placed = place_charts(slides, &mut landings, ChartPlacement::Replace, "（续）", 99);
        let titles: Vec<&str> = placed.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["一", "收入", "其后"]);
        assert!(matches!(placed[1].blocks[..], [Block { kind: BlockKind::Chart(_), .. }]));
        assert_eq!(placed[1].notes.len(), 2, "both pieces' rows in the notes");
        assert!(placed[1].notes[1].ends_with("2024 | 1"));
        assert_eq!(landings[&7], 2);
    }
}
