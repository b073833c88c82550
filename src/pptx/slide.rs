//! One slide's shapes: the title in its placeholder, the body cut into stacked boxes
//! (text, code, table, picture) whose heights come from the deck planner's line
//! estimates, the slide's footnotes, footer, slide number and progress bar.

use super::geometry::{Geometry, Rect};
use super::media::Media;
use super::package::Rels;
use super::shapes::{body_placeholder, picture_shape, text_box, title_shape, xfrm};
use super::table;
use super::text::{Colour, Ctx, Para, Run, Writer};
use crate::address::classify;
use crate::deck::capacity::Capacity;
use crate::deck::{Deck, Slide};
use crate::model::{Block, BlockKind, Inline, Table};
use crate::theme::{Theme, Words};
use std::collections::HashMap;
use std::fmt::Write;

/// What a slide needs from the deck as a whole.
pub struct DeckCtx<'a> {
    pub deck: &'a Deck,
    pub geometry: Geometry,
    pub lang: &'a str,
    pub theme: &'a Theme,
    /// The theme's words in the deck's language.
    pub words: &'a Words,
    pub footnotes: HashMap<String, usize>,
    pub media: Media<'a>,
    /// Footer text of every slide but the title slide.
    pub footer: String,
    /// Captioned pictures and tables so far, numbered deck-wide as Typst does.
    pub figures: usize,
    pub tables: usize,
}

/// A slide's shapes (the inside of `p:spTree`), its relationships and layout.
pub struct SlideParts {
    pub shapes: String,
    pub rels: Rels,
}

/// A run of the body that becomes one shape.
enum Segment<'b> {
    Text(Vec<&'b Block>),
    Code(&'b str),
    Table(&'b Table),
    Picture {
        url: &'b str,
        alt: &'b str,
    },
    /// A quote or callout: a box with a coloured rule down its left side.
    Boxed(&'b Block),
    Footnotes,
}

/// Shape ids: unique within a slide, 1 is the shape tree.
pub struct Ids(pub u32);

impl Ids {
    pub fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }
}

/// A slide of the deck (`number` counts the title slide as 1).
pub fn slide(ctx: &mut DeckCtx, slide: &Slide, number: usize) -> SlideParts {
    let mut rels = Rels::default();
    let mut ids = Ids(1);
    let mut shapes = String::new();
    let divider = slide.kind == crate::deck::SlideKind::Divider;
    let segments = if divider { Vec::new() } else { segments(slide) };
    let has_text = segments.iter().any(|s| matches!(s, Segment::Text(_) | Segment::Footnotes));
    let layout = match (divider, has_text) {
        (true, _) => 2,
        (false, true) => 1,
        (false, false) => 3,
    };
    rels.add("slideLayout", &format!("../slideLayouts/slideLayout{}.xml", layout + 1));
    shapes.push_str(&title_shape(ids.next(), "title", &slide.title, ctx.lang));
    if let Some(section) = &slide.section {
        let g = &ctx.geometry;
        let rect = g.rect(g.margin_x, 12.0, g.text_width(), 17.0);
        let size = g.size(ctx.theme.slide.sizes.section);
        let run = format!(
            "<a:r><a:rPr lang=\"{}\" sz=\"{size}\" dirty=\"0\"><a:solidFill><a:schemeClr val=\"accent2\"/>\
             </a:solidFill></a:rPr><a:t>{}</a:t></a:r>",
            ctx.lang,
            super::xml::escape(section)
        );
        let body = format!("<a:p><a:pPr><a:buNone/></a:pPr>{run}</a:p>");
        shapes.push_str(&text_box(ids.next(), "Section", rect, &body, None, 0.0, &ctx.geometry));
    }
    body_shapes(ctx, slide, &segments, &mut ids, &mut rels, &mut shapes);
    footer_shapes(ctx, number, &mut ids, &mut shapes);
    SlideParts { shapes, rels }
}

/// The body's segments in order: text runs, code, tables and pictures, then footnotes.
fn segments(slide: &Slide) -> Vec<Segment<'_>> {
    let mut segments: Vec<Segment> = Vec::new();
    for block in &slide.blocks {
        let own = match &block.kind {
            BlockKind::Paragraph(content) => match content.as_slice() {
                [Inline::Image { url, alt }] if !classify(url).is_remote() && !url.is_empty() => {
                    Some(Segment::Picture { url, alt })
                }
                _ => None,
            },
            BlockKind::CodeBlock { code, .. } => Some(Segment::Code(code)),
            BlockKind::Math(source) => Some(Segment::Code(source)),
            BlockKind::Table(table) => Some(Segment::Table(table)),
            BlockKind::BlockQuote(_) | BlockKind::Alert { .. } => Some(Segment::Boxed(block)),
            _ => None,
        };
        match (own, segments.last_mut()) {
            (Some(segment), _) => segments.push(segment),
            (None, Some(Segment::Text(blocks))) => blocks.push(block),
            (None, _) => segments.push(Segment::Text(vec![block])),
        }
    }
    if !slide.footnotes.is_empty() {
        segments.push(Segment::Footnotes);
    }
    segments
}

/// Body lines a segment takes, by the planner's estimates.
fn segment_lines(g: &Geometry, theme: &Theme, slide: &Slide, segment: &Segment) -> f64 {
    let capacity = Capacity::new(&theme.slide);
    let lines = match segment {
        Segment::Text(blocks) => blocks.iter().map(|b| capacity.block_lines(b)).sum(),
        Segment::Code(code) => capacity.code_lines(code),
        Segment::Table(table) => {
            let caption = if table.caption.is_some() { 1.0 } else { 0.0 };
            let rows: f64 = table::row_heights(table, g.text_width(), theme).iter().sum();
            return rows / g.line() + caption + 0.3;
        }
        Segment::Picture { alt, .. } => {
            capacity.picture_lines + if alt.trim().is_empty() { 0.0 } else { 1.0 }
        }
        Segment::Boxed(block) => capacity.block_lines(block),
        Segment::Footnotes => {
            let scale = capacity.footnote_scale;
            let blocks = slide.footnotes.iter().flat_map(|(_, b)| b);
            let notes: f32 = blocks.map(|b| capacity.block_lines(b) * scale).sum();
            notes + 0.8
        }
    };
    f64::from(lines)
}

/// Stacks the segments down the body area. Heights follow the estimates, shrunk by the
/// same factor when they add up to more than a slide (the PDF's `fit` does the same);
/// text boxes get some of the room left over, and `normAutofit` shrinks any text an
/// estimate fell short for.
fn body_shapes(
    ctx: &mut DeckCtx,
    slide: &Slide,
    segments: &[Segment],
    ids: &mut Ids,
    rels: &mut Rels,
    shapes: &mut String,
) {
    if segments.is_empty() {
        return;
    }
    let (g, theme) = (ctx.geometry, ctx.theme);
    let (m, line_pt) = (&theme.slide, g.line());
    let (top, height) = g.body();
    let width = g.text_width();
    let lines: Vec<f64> = segments.iter().map(|s| segment_lines(&g, theme, slide, s)).collect();
    let available = height / line_pt;
    let wanted: f64 = lines.iter().sum::<f64>().max(1.0);
    let scale = (available / wanted).clamp(m.min_scale(), 1.0);
    let mut heights: Vec<f64> = lines.iter().map(|l| l * line_pt * scale).collect();
    let is_text =
        |s: &Segment| matches!(s, Segment::Text(_) | Segment::Footnotes | Segment::Boxed(_));
    let text_height: f64 =
        heights.iter().zip(segments).filter(|(_, s)| is_text(s)).map(|(h, _)| h).sum();
    let mut spare = (height - heights.iter().sum::<f64>()).max(0.0);
    if text_height > 0.0 {
        let extra = spare.min(text_height * 0.25);
        for (h, s) in heights.iter_mut().zip(segments) {
            if is_text(s) {
                *h += extra * *h / text_height;
            }
        }
        spare -= extra;
        // The rest to a last plain text box (a quote's rule would run down the slide).
        if let (Some(last), Some(h)) = (segments.last(), heights.last_mut())
            && matches!(last, Segment::Text(_) | Segment::Footnotes)
        {
            *h += spare;
        }
    }
    let footnotes = ctx.footnotes.clone();
    let mut text_ctx = Ctx {
        geometry: &g,
        scale,
        lang: ctx.lang,
        theme,
        words: ctx.words,
        rels,
        footnotes: &footnotes,
        landings: &ctx.deck.landings,
    };
    let mut y = top;
    let mut placeholder_used = false;
    for (segment, h) in segments.iter().zip(heights) {
        let rect = g.rect(g.margin_x, y, width, h);
        y += h;
        match segment {
            Segment::Text(blocks) => {
                let mut writer = Writer::new(&mut text_ctx);
                for block in blocks {
                    writer.blocks(
                        std::slice::from_ref(*block),
                        Para::body(m, m.sizes.body),
                        &Run::default(),
                    );
                }
                let body = writer.finish();
                let id = ids.next();
                if placeholder_used {
                    shapes.push_str(&text_box(id, "Text", rect, &body, None, 0.0, &g));
                } else {
                    placeholder_used = true;
                    shapes.push_str(&body_placeholder(id, rect, &body));
                }
            }
            Segment::Boxed(block) => {
                let mut writer = Writer::new(&mut text_ctx);
                let para = Para::body(m, m.sizes.body);
                let (bar, fill, rule_pt) = match &block.kind {
                    BlockKind::Alert { kind, title, blocks } => {
                        writer.alert(*kind, title.as_deref(), blocks, para, &Run::default());
                        let (colour, tint) = (theme.callouts.colour(*kind), theme.callouts.tint);
                        let bar = format!("<a:srgbClr val=\"{}\"/>", colour.office_hex());
                        (bar, Some(colour.lighten(tint).office_hex()), theme.callouts.rule)
                    }
                    BlockKind::BlockQuote(inner) => {
                        writer.blocks(inner, para, &Run::default());
                        ("<a:schemeClr val=\"bg2\"/>".to_string(), None, m.rules.quote)
                    }
                    _ => {
                        writer.blocks(std::slice::from_ref(*block), para, &Run::default());
                        ("<a:schemeClr val=\"bg2\"/>".to_string(), None, m.rules.quote)
                    }
                };
                let body = writer.finish();
                // As `callout` and the quote style of `lib/slides.typ`: the theme's rules.
                let rule = g.emu(rule_pt * scale).max(1);
                let gap = g.emu(4.0 * scale);
                let boxed = Rect { h: (rect.h - gap).max(1), ..rect };
                let bar_rect = Rect { w: rule, ..boxed };
                let _ = write!(
                    shapes,
                    "<p:sp><p:nvSpPr><p:cNvPr id=\"{}\" name=\"Rule\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>\
                     <p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:solidFill>{bar}\
                     </a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>",
                    ids.next(),
                    xfrm(bar_rect)
                );
                let inset = 10.0 * scale;
                let text_rect = Rect { x: boxed.x + rule, w: (boxed.w - rule).max(1), ..boxed };
                let fill = fill.as_deref();
                shapes.push_str(&text_box(ids.next(), "Quote", text_rect, &body, fill, inset, &g));
            }
            Segment::Footnotes => {
                let mut writer = Writer::new(&mut text_ctx);
                let muted = Run { colour: Some(Colour::Scheme("accent2")), ..Run::default() };
                for (number, blocks) in &slide.footnotes {
                    let mut first = vec![
                        Inline::Superscript(vec![Inline::Text(number.to_string())]),
                        Inline::Text(" ".into()),
                    ];
                    let mut rest = blocks.as_slice();
                    if let Some(Block { kind: BlockKind::Paragraph(content), .. }) = rest.first() {
                        first.extend(content.iter().cloned());
                        rest = &rest[1..];
                    }
                    let para = Para { gap: 0.3, ..Para::body(m, m.sizes.footnote) };
                    writer.paragraph(para, &first, &muted);
                    writer.blocks(rest, para, &muted);
                }
                let body = writer.finish();
                shapes.push_str(&text_box(ids.next(), "Footnotes", rect, &body, None, 0.0, &g));
            }
            Segment::Code(code) => {
                let mut writer = Writer::new(&mut text_ctx);
                writer.code(code, Para::body(m, m.sizes.body));
                let body = writer.finish();
                let inset = m.insets.code * scale;
                let fill = m.code_fill.office_hex();
                let fill = Some(fill.as_str());
                let rect = Rect { h: (rect.h - g.emu(6.0 * scale)).max(1), ..rect };
                shapes.push_str(&text_box(ids.next(), "Code", rect, &body, fill, inset, &g));
            }
            Segment::Table(table) => {
                let caption_h = match table.caption {
                    Some(_) => g.emu(line_pt * scale),
                    None => 0,
                };
                let rows: f64 = table::row_heights(table, g.text_width(), theme).iter().sum();
                let height = g.emu(rows * scale).min(rect.h - caption_h).max(1);
                let table_rect = Rect { h: height, ..rect };
                shapes.push_str(&table::frame(&mut text_ctx, ids.next(), table, table_rect));
                if let Some(caption) = &table.caption {
                    ctx.tables += 1;
                    let label = ctx.words.numbered(&ctx.words.table, ctx.tables);
                    let below = Rect { y: rect.y + height, h: caption_h, ..rect };
                    let inlines: Vec<Inline> = std::iter::once(Inline::Text(label))
                        .chain(caption.iter().cloned())
                        .collect();
                    shapes.push_str(&caption_box(&mut text_ctx, ids.next(), below, &inlines));
                }
            }
            Segment::Picture { url, alt } => {
                let caption_h = if alt.trim().is_empty() { 0 } else { g.emu(line_pt * scale) };
                let area = Rect { h: (rect.h - caption_h).max(1), ..rect };
                let placed = match ctx.media.embed(url, text_ctx.rels) {
                    Some(picture) => {
                        let fitted = picture.fit(area);
                        shapes.push_str(&picture_shape(ids.next(), &picture.rel, alt, fitted));
                        fitted
                    }
                    None => {
                        let mut writer = Writer::new(&mut text_ctx);
                        let missing =
                            [Inline::MissingImage { url: url.to_string(), alt: String::new() }];
                        writer.paragraph(Para::body(m, m.sizes.body), &missing, &Run::default());
                        let body = writer.finish();
                        let line = Rect { h: g.emu(line_pt * scale), ..area };
                        shapes.push_str(&text_box(
                            ids.next(),
                            "Picture",
                            line,
                            &body,
                            None,
                            0.0,
                            &g,
                        ));
                        line
                    }
                };
                if caption_h > 0 {
                    ctx.figures += 1;
                    let label = ctx.words.numbered(&ctx.words.figure, ctx.figures);
                    let below = Rect { y: placed.y + placed.h, h: caption_h, ..rect };
                    let inlines = [Inline::Text(label), Inline::Text(alt.to_string())];
                    shapes.push_str(&caption_box(&mut text_ctx, ids.next(), below, &inlines));
                }
            }
        }
    }
}

/// A centred caption under a table or picture.
fn caption_box(ctx: &mut Ctx, id: u32, rect: Rect, inlines: &[Inline]) -> String {
    let slide = &ctx.theme.slide;
    let para = Para { align: Some("ctr"), ..Para::body(slide, slide.sizes.body * 0.9) };
    let mut writer = Writer::new(ctx);
    writer.paragraph(para, inlines, &Run::default());
    let body = writer.finish();
    text_box(id, "Caption", rect, &body, None, 0.0, ctx.geometry)
}

/// Footer (`title · date`), slide number and the progress bar along the bottom edge.
fn footer_shapes(ctx: &DeckCtx, number: usize, ids: &mut Ids, shapes: &mut String) {
    let lang = ctx.lang;
    let footer = super::xml::escape(&ctx.footer);
    // Alignment, size and colour are repeated from the master: not every editor
    // inherits them for footers.
    let props = format!(
        "lang=\"{lang}\" sz=\"{}\" dirty=\"0\"><a:solidFill><a:schemeClr val=\"accent2\"/></a:solidFill></a:rPr>",
        ctx.geometry.size(ctx.theme.slide.sizes.footer)
    );
    let _ = write!(
        shapes,
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{}\" name=\"Footer\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/>\
         </p:cNvSpPr><p:nvPr><p:ph type=\"ftr\" sz=\"quarter\" idx=\"11\"/></p:nvPr></p:nvSpPr>\
         <p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:pPr algn=\"l\"/><a:r><a:rPr {props}\
         <a:t>{footer}</a:t></a:r></a:p></p:txBody></p:sp>",
        ids.next()
    );
    let _ = write!(
        shapes,
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{}\" name=\"Slide Number\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/>\
         </p:cNvSpPr><p:nvPr><p:ph type=\"sldNum\" sz=\"quarter\" idx=\"12\"/></p:nvPr></p:nvSpPr>\
         <p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:pPr algn=\"r\"/><a:fld id=\"{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}\" \
         type=\"slidenum\"><a:rPr {props}<a:t>{number}</a:t></a:fld></a:p></p:txBody></p:sp>",
        ids.next()
    );
    let total = ctx.deck.page_count();
    if number > 1 && total > 1 {
        let g = &ctx.geometry;
        let share = (number - 1) as f64 / (total - 1) as f64;
        let bar = ctx.theme.slide.rules.progress;
        let rect = g.rect(0.0, g.height - bar, g.width * share, bar);
        let _ = write!(
            shapes,
            "<p:sp><p:nvSpPr><p:cNvPr id=\"{}\" name=\"Progress\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>\
             <p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:solidFill>\
             <a:schemeClr val=\"accent1\"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>",
            ids.next(),
            xfrm(rect)
        );
    }
}
