//! The layout's values checked on small hand-made slides, without any XML.

use super::*;
use crate::deck::Aspect;
use crate::model::{AlertKind, Align, Span};
use crate::pptx::geometry::Boxes;
use std::sync::LazyLock;

/// The default theme, whose slide metrics every layout here is made with.
static THEME: LazyLock<Theme> = LazyLock::new(Theme::default);

fn block(kind: BlockKind) -> Block {
    Block::new(Span::default(), kind)
}

fn paragraph(text: &str) -> Block {
    block(BlockKind::Paragraph(vec![Inline::Text(text.into())]))
}

fn picture(url: &str, alt: &str) -> Block {
    block(BlockKind::Paragraph(vec![Inline::Image { url: url.into(), alt: alt.into() }]))
}

fn code(lines: usize) -> Block {
    let code = (0..lines).map(|i| format!("let x{i} = {i};\n")).collect();
    block(BlockKind::CodeBlock { lang: None, code })
}

fn quote(text: &str) -> Block {
    block(BlockKind::BlockQuote(vec![paragraph(text)]))
}

fn table(rows: usize, caption: bool) -> Block {
    let cell = |text: &str| vec![Inline::Text(text.into())];
    block(BlockKind::Table(Table {
        align: vec![Align::Auto; 2],
        header: vec![cell("Region"), cell("Sales")],
        rows: (0..rows).map(|i| vec![cell("North"), cell(&i.to_string())]).collect(),
        caption: caption.then(|| cell("Sales by region")),
        chart_request: Default::default(),
        chart: None,
    }))
}

fn content(blocks: Vec<Block>) -> Slide {
    Slide {
        kind: SlideKind::Content,
        section: None,
        title: "Title".into(),
        blocks,
        footnotes: Vec::new(),
        notes: Vec::new(),
    }
}

/// The body area of the 16:9 slide, in EMU.
fn body_area(g: &Geometry) -> Rect {
    Boxes::new(g, &THEME.slide).body
}

/// Boxes are rounded to whole EMU one by one, so edges may be 1 EMU apart.
fn near(a: i64, b: i64) -> bool {
    (a - b).abs() <= 1
}

fn bottom(rect: Rect) -> i64 {
    rect.y + rect.h
}

fn inside(rect: Rect, area: Rect) -> bool {
    rect.x >= area.x
        && rect.y >= area.y
        && rect.x + rect.w <= area.x + area.w
        && bottom(rect) <= bottom(area) + 1
}

#[test]
fn a_table_sits_below_the_text_inside_the_body() {
    let g = Geometry::new(Aspect::Wide, &THEME.slide);
    let slide = content(vec![paragraph("Sales grew in every region."), table(3, false)]);
    let lines: Vec<f64> = segments(&slide).iter().map(|s| segment_lines(&g, &THEME, s)).collect();
    let layout = super::slide(&g, &THEME, &slide, 2, 3);
    assert_eq!(layout.master, MasterLayout::Content);
    assert_eq!(layout.body.scale, 1.0, "a paragraph and a short table fit");
    let [text, table] = layout.body.shapes.as_slice() else { panic!("two shapes") };
    assert!(matches!(text.shape, BodyShape::Text { placeholder: true, .. }));
    let BodyShape::Table { frame, caption: None, .. } = table.shape else { panic!("a table") };
    let area = body_area(&g);
    assert_eq!(text.slot.y, area.y, "the text starts at the top of the body");
    assert!(near(table.slot.y, bottom(text.slot)), "the table right under the text");
    assert!(inside(text.slot, area) && inside(table.slot, area) && inside(frame, table.slot));
    // Heights follow the planner's estimates: the table keeps its own, the text grows
    // by a quarter into the room left over.
    assert!(near(table.slot.h, g.emu(lines[1] * g.line())));
    assert!(near(text.slot.h, g.emu(lines[0] * g.line() * (1.0 + TEXT_GROWTH))));
    assert!(frame.h < table.slot.h, "the frame is as tall as its rows, not its slot");
}

#[test]
fn an_overfull_slide_shrinks_every_segment_by_one_scale_never_under_the_minimum() {
    let g = Geometry::new(Aspect::Wide, &THEME.slide);
    let slide = content(vec![paragraph("Intro."), code(40)]);
    let lines: Vec<f64> = segments(&slide).iter().map(|s| segment_lines(&g, &THEME, s)).collect();
    let layout = body(&g, &THEME, segments(&slide), 0.0);
    let (_, height) = g.body();
    let expected = height / g.line() / lines.iter().sum::<f64>();
    assert!((layout.scale - expected).abs() < 1e-9 && layout.scale < 1.0);
    let [text, listing] = layout.shapes.as_slice() else { panic!("two shapes") };
    assert!(near(text.slot.h, g.emu(lines[0] * g.line() * layout.scale)));
    assert!(near(listing.slot.h, g.emu(lines[1] * g.line() * layout.scale)));
    assert!(near(bottom(listing.slot), bottom(body_area(&g))), "together they fill the body");
    let BodyShape::Code { rect, inset, .. } = listing.shape else { panic!("code") };
    assert_eq!(inset, THEME.slide.insets.code * layout.scale, "insets shrink with the text");
    assert!(rect.h < listing.slot.h && rect.y == listing.slot.y);

    let longer = content(vec![paragraph("Intro."), code(400)]);
    assert_eq!(body(&g, &THEME, segments(&longer), 0.0).scale, THEME.slide.min_scale());
}

#[test]
fn room_left_over_goes_to_text_and_the_rest_to_a_last_text_box() {
    let g = Geometry::new(Aspect::Wide, &THEME.slide);
    let slide = content(vec![paragraph("First."), code(3), paragraph("Last.")]);
    let layout = body(&g, &THEME, segments(&slide), 0.0);
    let [first, listing, last] = layout.shapes.as_slice() else { panic!("three shapes") };
    let placeholders: Vec<bool> = [first, last]
        .iter()
        .map(|p| matches!(p.shape, BodyShape::Text { placeholder: true, .. }))
        .collect();
    assert_eq!(placeholders, [true, false], "one body placeholder, then text boxes");
    let code_lines = segment_lines(&g, &THEME, &segments(&slide)[1]);
    assert!(near(listing.slot.h, g.emu(code_lines * g.line())), "code keeps its estimate");
    assert!(near(bottom(last.slot), bottom(body_area(&g))), "the last text runs down");

    // A quote's rule would run down the slide: a quote at the end keeps its height.
    let quoted = content(vec![paragraph("First."), quote("A quote.")]);
    let layout = body(&g, &THEME, segments(&quoted), 0.0);
    assert!(bottom(layout.shapes[1].slot) < bottom(body_area(&g)) - g.emu(g.line()));
}

#[test]
fn a_quote_has_its_rule_on_the_left_and_its_text_beside() {
    let g = Geometry::new(Aspect::Wide, &THEME.slide);
    let alert = block(BlockKind::Alert {
        kind: AlertKind::Tip,
        title: None,
        blocks: vec![paragraph("Tip.")],
    });
    let slide = content(vec![alert]);
    let layout = body(&g, &THEME, segments(&slide), 0.0);
    let [boxed] = layout.shapes.as_slice() else { panic!("one shape") };
    let BodyShape::Boxed { rule, text, inset, .. } = boxed.shape else { panic!("boxed") };
    assert_eq!((rule.x, rule.y, rule.w), (boxed.slot.x, boxed.slot.y, g.emu(3.0)));
    assert_eq!(text.x, rule.x + rule.w);
    assert_eq!(text.w + rule.w, boxed.slot.w);
    assert_eq!((rule.h, text.h), (boxed.slot.h - g.emu(4.0), boxed.slot.h - g.emu(4.0)));
    assert_eq!(inset, 10.0);
}

#[test]
fn captions_sit_under_their_table_or_picture() {
    let g = Geometry::new(Aspect::Wide, &THEME.slide);
    let slide = content(vec![
        table(2, true),
        picture("chart.png", "Market share"),
        picture("chart.png", " "),
    ]);
    let layout = super::slide(&g, &THEME, &slide, 2, 2);
    assert_eq!(layout.master, MasterLayout::TitleOnly, "no text: no body placeholder");
    // Two pictures and a table are more than a slide: a caption line is scaled too.
    assert!(layout.body.scale < 1.0);
    let line = g.emu(g.line() * layout.body.scale);
    let [table, captioned, bare] = layout.body.shapes.as_slice() else { panic!("three") };
    let BodyShape::Table { frame, caption: Some(caption), .. } = table.shape else {
        panic!("a captioned table")
    };
    assert_eq!(caption, Rect { y: bottom(frame), h: line, ..table.slot });
    assert!(inside(caption, table.slot));
    let BodyShape::Picture(picture) = &captioned.shape else { panic!("a picture") };
    assert_eq!(picture.caption, Some(line));
    assert_eq!(picture.area.h + line, captioned.slot.h, "room for the caption");
    assert_eq!(picture.missing, Rect { h: line, ..picture.area });
    let BodyShape::Picture(picture) = &bare.shape else { panic!("a picture") };
    assert_eq!((picture.caption, picture.area), (None, bare.slot), "blank alt: no caption");
}

#[test]
fn segments_keep_text_together_and_set_the_rest_apart() {
    let alert = BlockKind::Alert { kind: AlertKind::Note, title: None, blocks: vec![] };
    let mut slide = content(vec![
        paragraph("One."),
        paragraph("Two."),
        code(2),
        paragraph("Three."),
        picture("https://example.com/remote.png", "remote"),
        picture("local.png", "local"),
        table(1, false),
        block(alert),
    ]);
    slide.footnotes = vec![(1, vec![paragraph("A note.")])];
    let kinds: Vec<String> = segments(&slide)
        .iter()
        .map(|s| match s {
            Segment::Text(blocks) => format!("text {}", blocks.len()),
            Segment::Code(..) => "code".into(),
            Segment::Table(_) => "table".into(),
            Segment::Chart(_) => "chart".into(),
            Segment::Picture { url, .. } => format!("picture {url}"),
            Segment::Formula { url, .. } => format!("formula {url}"),
            Segment::Boxed(_) => "boxed".into(),
            Segment::Footnotes(notes) => format!("footnotes {}", notes.len()),
        })
        .collect();
    assert_eq!(
        kinds,
        ["text 2", "code", "text 2", "picture local.png", "table", "boxed", "footnotes 1"],
        "a remote picture stays in the text, as its alternative text"
    );
}

#[test]
fn dividers_take_the_section_layout_and_the_progress_bar_grows_to_the_last_slide() {
    let g = Geometry::new(Aspect::Wide, &THEME.slide);
    let mut divider = content(vec![paragraph("Ignored on a divider.")]);
    divider.kind = SlideKind::Divider;
    divider.section = Some("Part one".into());
    let layout = super::slide(&g, &THEME, &divider, 3, 5);
    assert_eq!(layout.master, MasterLayout::Section);
    assert!(layout.body.shapes.is_empty());
    let (name, label) = layout.section.expect("a section label");
    assert_eq!(name, "Part one");
    assert!(
        bottom(label) <= Boxes::new(&g, &THEME.slide).title.y,
        "the label sits above the title"
    );

    let slide = g.slide();
    let half = progress_bar(&g, &THEME, 3, 5).expect("a bar");
    assert!(near(half.w, slide.w / 2) && near(bottom(half), slide.h));
    assert!(near(progress_bar(&g, &THEME, 5, 5).expect("a bar").w, slide.w));
    assert_eq!((progress_bar(&g, &THEME, 1, 5), progress_bar(&g, &THEME, 2, 1)), (None, None));
}

#[test]
fn the_logo_sits_above_the_cover_title_and_notes_pages_keep_the_slide_shape() {
    for aspect in [Aspect::Wide, Aspect::Standard] {
        let g = Geometry::new(aspect, &THEME.slide);
        let logo = logo(&g, &THEME, 2.0);
        assert!(near(logo.w, 2 * logo.h), "the logo keeps its shape");
        assert!(near(bottom(logo) + g.emu(8.0), Boxes::new(&g, &THEME.slide).cover_title.y));
        let notes = notes_boxes(&g);
        let slide = g.slide();
        assert!((notes.image.w * slide.h - notes.image.h * slide.w).abs() < slide.w);
        assert_eq!(notes.body.y, bottom(notes.image) + 228_600, "a quarter inch under");
        assert_eq!(bottom(notes.body), 9_144_000 - 685_800, "10 in page, 0.75 in margin");
    }
}

/// Issue 21: a code box is as tall as its lines once wrapped, not as its source lines.
#[test]
fn a_code_line_that_wraps_gets_the_room_of_its_wrapped_lines() {
    let g = Geometry::new(Aspect::Wide, &THEME.slide);
    let listing = |code: &str| {
        let block = block(BlockKind::CodeBlock { lang: Some("sh".into()), code: code.into() });
        segment_lines(&g, &THEME, &segments(&content(vec![block]))[0])
    };
    let short = listing("fitctl get /config\n");
    let synopsis = listing(&format!("fitctl {}\n", "[--option VALUE] ".repeat(20)));
    let two = listing("fitctl get /config\nfitctl put /config on\n");
    let one_line = two - short;
    // 346 characters of monospace at 15 pt in a 741 pt box: five lines.
    assert!((synopsis - short - 4.0 * one_line).abs() < 0.01, "{short} {synopsis} {two}");
    // Chinese in code is set in the fallback's taller line.
    assert!(listing("# 读取配置\n") > short + 0.1);
}

/// Issue 21: a title that wraps gets a taller box, its own rule, and the body moves down.
#[test]
fn a_two_line_title_grows_its_box_and_moves_the_body_down() {
    let g = Geometry::new(Aspect::Wide, &THEME.slide);
    let plain = content(vec![paragraph("Body.")]);
    let short = super::slide(&g, &THEME, &plain, 2, 3);
    assert_eq!(short.title, None);
    let mut long = content(vec![paragraph("Body.")]);
    long.title = "A title long enough that it needs two lines on a slide of the deck, \
                  as report titles often do"
        .into();
    let long = super::slide(&g, &THEME, &long, 2, 3);
    let title = long.title.expect("a grown title");
    let boxes = Boxes::new(&g, &THEME.slide);
    assert_eq!(title.rect.y, boxes.title.y);
    let two_lines = g.emu(2.0 * fit::title_line_height(&THEME));
    assert!(title.rect.h >= two_lines, "the box holds two lines");
    assert!(title.rule.y >= bottom(title.rect) && title.rule.y > boxes.title_rule.y);
    let (short_top, long_top) = (short.body.shapes[0].slot.y, long.body.shapes[0].slot.y);
    assert!(near(long_top - short_top, title.rule.y - boxes.title_rule.y));
    assert!(bottom(long.body.shapes[0].slot) <= bottom(body_area(&g)) + 1);
}
