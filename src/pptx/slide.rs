//! One slide's shapes, written from its [`layout`](super::layout): the title in its
//! placeholder, the section label, the body's boxes (text, code, table, picture, quote,
//! footnotes), the footer, slide number and progress bar.

use super::geometry::{Geometry, Rect};
use super::layout::{self, BodyLayout, BodyShape, MasterLayout, PictureBoxes};
use super::media::Media;
use super::on_template::recolour;
use super::on_template::slots::{SlideSlots, Slots};
use super::package::Rels;
use super::reference::SlideRole;
use super::shapes::{
    OWN_BODY, TitleBox, bar, body_placeholder, picture_shape, text_box, title_shape,
};
use super::table;
use super::text::{Colour, Ctx, Para, Run, Writer};
use crate::deck::{Deck, Slide, SlideKind};
use crate::engine::measure::Face;
use crate::model::{Block, BlockKind, Inline, Table};
use crate::theme::{Theme, Words};
use std::collections::HashMap;
use std::fmt::Write;

/// What a slide needs from the deck as a whole.
pub struct DeckCtx<'a> {
    pub deck: &'a Deck,
    pub geometry: Geometry,
    pub lang: &'a str,
    /// The report's theme: sizes, colours and words come from it.
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
    /// The charts drawn so far, numbered deck-wide (`ppt/charts/chartN.xml`).
    pub charts: Vec<crate::model::Chart>,
    /// Put before the names of Folio's picture and chart parts (see [`Media::named`]).
    pub part_prefix: &'static str,
    /// On a company template: the placeholders of the layout of each kind of slide.
    pub template: Option<SlideSlots>,
}

impl<'a> DeckCtx<'a> {
    /// The text context of one slide's paragraphs at `scale`, its links related in
    /// `rels`. It borrows nothing of `self`, so pictures and numbers can be counted while
    /// it is in use.
    pub fn text<'c>(
        &self,
        scale: f64,
        rels: &'c mut Rels,
        geometry: &'c Geometry,
        footnotes: &'c HashMap<String, usize>,
    ) -> Ctx<'c>
    where
        'a: 'c,
    {
        Ctx {
            geometry,
            scale,
            lang: self.lang,
            theme: self.theme,
            words: self.words,
            rels,
            footnotes,
            landings: &self.deck.landings,
        }
    }
}

/// A slide's shapes (the inside of `p:spTree`), its relationships and layout.
pub struct SlideParts {
    pub shapes: String,
    pub rels: Rels,
}

/// Shape ids: unique within a slide, 1 is the shape tree.
pub struct Ids(pub u32);

impl Ids {
    /// The id of the next shape: ids follow the order the shapes are written in.
    pub fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }
}

/// A slide of the deck (`number` counts the title slide as 1).
pub fn slide(ctx: &mut DeckCtx, slide: &Slide, number: usize) -> SlideParts {
    if let Some(template) = &ctx.template {
        let layout = layout::slide_on_template(&ctx.geometry, ctx.theme, slide);
        let slots = template.get(role_of(slide, &layout)).clone();
        return slide_on_template(ctx, slide, &layout, number, &slots);
    }
    let layout = layout::slide(&ctx.geometry, ctx.theme, slide, number, ctx.deck.page_count());
    let mut rels = Rels::default();
    let mut ids = Ids(1);
    rels.add("slideLayout", &layout.master.target());
    let place = layout.title.map_or(TitleBox::Layout, |t| TitleBox::Grown(t.rect));
    let title = (slide.title.as_str(), ctx.lang);
    let mut shapes = title_shape(ids.next(), "<p:ph type=\"title\"/>", title, place, None);
    if let Some(title) = layout.title {
        shapes.push_str(&bar(ids.next(), "Title Rule", title.rule, "<a:schemeClr val=\"bg2\"/>"));
    }
    if let Some((section, rect)) = layout.section {
        shapes.push_str(&section_label(ctx, ids.next(), section, rect));
    }
    shapes.push_str(&body_shapes(ctx, &layout.body, &mut ids, (&mut rels, Some(OWN_BODY))));
    shapes.push_str(&footer_shapes(ctx, number, &mut ids, None));
    if let Some(rect) = layout.progress {
        shapes.push_str(&bar(ids.next(), "Progress", rect, "<a:schemeClr val=\"accent1\"/>"));
    }
    SlideParts { shapes, rels }
}

/// A slide on the template layout of its kind: its title in the layout's title
/// placeholder (smaller only when it would not fit), its body in the template's body box,
/// the footer and slide number where the layout has them.
fn slide_on_template(
    ctx: &mut DeckCtx,
    slide: &Slide,
    layout: &layout::SlideLayout,
    number: usize,
    slots: &Slots,
) -> SlideParts {
    let mut rels = Rels::default();
    let mut ids = Ids(1);
    rels.add("slideLayout", &slots.target);
    let size = template_title_size(ctx, &slide.title, slots);
    let title = (slide.title.as_str(), ctx.lang);
    let mut shapes = title_shape(ids.next(), &slots.title, title, slots.title_place(), size);
    let body_ph = slots.body.as_deref();
    shapes.push_str(&body_shapes(ctx, &layout.body, &mut ids, (&mut rels, body_ph)));
    shapes.push_str(&footer_shapes(ctx, number, &mut ids, Some(slots)));
    SlideParts { shapes: recolour(&shapes), rels }
}

/// The size a title is set at in a template's title placeholder when the layout's own
/// would not fit it (hundredths of a point); `None` keeps the layout's.
pub fn template_title_size(ctx: &DeckCtx, title: &str, slots: &Slots) -> Option<u32> {
    let frame = slots.title_box?;
    let g = &ctx.geometry;
    let layout_size = slots.title_size.filter(|s| (100..=400_000).contains(s));
    // Hundredths of a point as EMU (12,700 a point), then as Typst points.
    let size = layout_size.map_or(ctx.theme.slide.sizes.title, |s| g.points(i64::from(s) * 127));
    let scale = super::fit::title_scale(title, size, (g.points(frame.w), g.points(frame.h)));
    (scale < 1.0 || slots.title_size_given).then(|| g.size(size * scale))
}

/// The footer for a template's footer box, which is often small: `title · date` when it
/// fits on one line, else the title, else the title cut short with `…`.
fn template_footer(ctx: &DeckCtx, slots: &Slots) -> String {
    let Some((frame, size)) = slots.footer_box else { return ctx.footer.clone() };
    let g = &ctx.geometry;
    // Footers are small print: 12 pt where the template does not say.
    let size = g.points(i64::from(size.unwrap_or(1200).clamp(100, 400_000)) * 127);
    // Less the box's default insets, and a share for an editor's wider fonts.
    let width = (g.points(frame.w) - 14.4) * 0.85;
    let fits = |text: &str| super::fit::lines(Face::Sans, text, size, width) <= 1;
    let title = ctx.deck.meta.title.clone().unwrap_or_default();
    match (fits(&ctx.footer), fits(&title)) {
        (true, _) => ctx.footer.clone(),
        (false, true) => title,
        (false, false) => cut_to_fit(&title, &fits),
    }
}

/// The longest start of `text`, followed by `…`, that `fits` (a binary search: a title
/// may be long, and each try measures it).
fn cut_to_fit(text: &str, fits: &dyn Fn(&str) -> bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let cut = |n: usize| format!("{}…", chars[..n].iter().collect::<String>());
    let (mut low, mut high) = (0, chars.len());
    while low < high {
        let middle = (low + high).div_ceil(2);
        if fits(&cut(middle)) { low = middle } else { high = middle - 1 }
    }
    cut(low)
}

/// The kind of template layout a slide goes on.
fn role_of(slide: &Slide, layout: &layout::SlideLayout) -> SlideRole {
    let holds =
        |wanted: fn(&BodyShape) -> bool| layout.body.shapes.iter().any(|p| wanted(&p.shape));
    match layout.master {
        MasterLayout::Section => SlideRole::Divider,
        MasterLayout::Title => SlideRole::Title,
        MasterLayout::Content => match slide.kind {
            SlideKind::Agenda => SlideRole::Agenda,
            SlideKind::Summary => SlideRole::Summary,
            _ => SlideRole::Content,
        },
        MasterLayout::TitleOnly if holds(|s| matches!(s, BodyShape::Chart(_))) => SlideRole::Chart,
        MasterLayout::TitleOnly if holds(|s| matches!(s, BodyShape::Picture(_))) => {
            SlideRole::Picture
        }
        MasterLayout::TitleOnly => SlideRole::Table,
    }
}

/// The section name above the title, small and muted.
fn section_label(ctx: &DeckCtx, id: u32, section: &str, rect: Rect) -> String {
    let size = ctx.geometry.size(ctx.theme.slide.sizes.section);
    let run = format!(
        "<a:r><a:rPr lang=\"{}\" sz=\"{size}\" dirty=\"0\"><a:solidFill><a:schemeClr val=\"accent2\"/>\
         </a:solidFill></a:rPr><a:t>{}</a:t></a:r>",
        ctx.lang,
        super::xml::escape(section)
    );
    let body = format!("<a:p><a:pPr><a:buNone/></a:pPr>{run}</a:p>");
    text_box(id, "Section", rect, &body, None, 0.0, &ctx.geometry)
}

/// The body's shapes, in the boxes and at the scale of its layout; its first text goes
/// in the layout's body placeholder (`body_ph`), or a text box when it has none.
fn body_shapes(
    ctx: &mut DeckCtx,
    body: &BodyLayout,
    ids: &mut Ids,
    (rels, body_ph): (&mut Rels, Option<&str>),
) -> String {
    let geometry = ctx.geometry;
    let footnotes = ctx.footnotes.clone();
    let mut text = ctx.text(body.scale, rels, &geometry, &footnotes);
    let mut shapes = String::new();
    for placed in &body.shapes {
        let xml = match &placed.shape {
            BodyShape::Text { blocks, placeholder } => {
                let ph = body_ph.filter(|_| *placeholder);
                text_shape(&mut text, ids.next(), blocks, placed.slot, ph)
            }
            BodyShape::Boxed { block, rule, text: inner, inset } => {
                boxed_shapes(&mut text, ids, block, (*rule, *inner), *inset)
            }
            BodyShape::Code { code, lang, rect, inset } => {
                code_shape(&mut text, ids.next(), (code, *lang), *rect, *inset)
            }
            BodyShape::Table { table, frame, caption } => {
                table_shapes(&mut text, ids, &mut ctx.tables, table, (*frame, *caption))
            }
            BodyShape::Picture(picture) => {
                let deckwide = (&mut ctx.media, &mut ctx.figures);
                picture_shapes(&mut text, ids, deckwide, picture)
            }
            BodyShape::Footnotes(notes) => {
                footnotes_shape(&mut text, ids.next(), notes, placed.slot)
            }
            BodyShape::Chart(chart) => {
                ctx.charts.push((*chart).clone());
                let part = format!("../charts/{}chart{}.xml", ctx.part_prefix, ctx.charts.len());
                super::chart::frame(ids.next(), placed.slot, &text.rels.add("chart", &part))
            }
        };
        shapes.push_str(&xml);
    }
    shapes
}

/// Paragraphs, headings and lists: the layout's body placeholder (`ph`), or a text box.
fn text_shape(text: &mut Ctx, id: u32, blocks: &[&Block], rect: Rect, ph: Option<&str>) -> String {
    let para = body_para(text.theme);
    let mut writer = Writer::new(text);
    for block in blocks {
        writer.blocks(std::slice::from_ref(*block), para, &Run::default());
    }
    let body = writer.finish();
    match ph {
        Some(ph) => body_placeholder(id, ph, rect, &body),
        None => text_box(id, "Text", rect, &body, None, 0.0, text.geometry),
    }
}

/// A quote or callout: its rule (the callout's colour, or the theme's `bg2`), then its
/// text, on the callout's tint for a callout.
fn boxed_shapes(
    text: &mut Ctx,
    ids: &mut Ids,
    block: &Block,
    (rule, inner): (Rect, Rect),
    inset: f64,
) -> String {
    let theme = text.theme;
    let mut writer = Writer::new(text);
    let para = body_para(theme);
    let (colour, fill) = match &block.kind {
        BlockKind::Alert { kind, title, blocks } => {
            writer.alert(*kind, title.as_deref(), blocks, para, &Run::default());
            let (colour, tint) = (theme.callouts.colour(*kind), theme.callouts.tint);
            let bar = format!("<a:srgbClr val=\"{}\"/>", colour.office_hex());
            (bar, Some(colour.lighten(tint).office_hex()))
        }
        BlockKind::BlockQuote(inner) => {
            writer.blocks(inner, para, &Run::default());
            ("<a:schemeClr val=\"bg2\"/>".to_string(), None)
        }
        _ => {
            writer.blocks(std::slice::from_ref(block), para, &Run::default());
            ("<a:schemeClr val=\"bg2\"/>".to_string(), None)
        }
    };
    let body = writer.finish();
    let mut shapes = bar(ids.next(), "Rule", rule, &colour);
    let fill = fill.as_deref();
    shapes.push_str(&text_box(ids.next(), "Quote", inner, &body, fill, inset, text.geometry));
    shapes
}

/// Code (in its language's syntax colours) or display math in monospace lines on a
/// grey box.
fn code_shape(
    text: &mut Ctx,
    id: u32,
    (code, lang): (&str, Option<&str>),
    rect: Rect,
    inset: f64,
) -> String {
    let fill = text.theme.slide.code_fill.office_hex();
    let para = body_para(text.theme);
    let mut writer = Writer::new(text);
    writer.code(code, lang, para);
    let body = writer.finish();
    text_box(id, "Code", rect, &body, Some(&fill), inset, text.geometry)
}

/// A table and its numbered caption (`表 1　…`, `Table 1: …`).
fn table_shapes(
    text: &mut Ctx,
    ids: &mut Ids,
    tables: &mut usize,
    table: &Table,
    (frame, caption_rect): (Rect, Option<Rect>),
) -> String {
    let mut shapes = table::frame(text, ids.next(), table, frame);
    if let (Some(caption), Some(rect)) = (&table.caption, caption_rect) {
        *tables += 1;
        let label = text.words.numbered(&text.words.table, *tables);
        let inlines: Vec<Inline> =
            std::iter::once(Inline::Text(label)).chain(caption.iter().cloned()).collect();
        shapes.push_str(&caption_box(text, ids.next(), rect, &inlines));
    }
    shapes
}

/// A picture fitted into its area (or a line naming it when it cannot be embedded),
/// and its numbered caption under it (`图 1　…`, `Figure 1: …`).
fn picture_shapes(
    text: &mut Ctx,
    ids: &mut Ids,
    (media, figures): (&mut Media, &mut usize),
    boxes: &PictureBoxes,
) -> String {
    let PictureBoxes { url, alt, area, missing, caption } = *boxes;
    let mut shapes = String::new();
    let placed = match media.embed(url, text.rels) {
        Some(picture) => {
            let fitted = picture.fit(area, crate::model::is_diagram(url));
            shapes.push_str(&picture_shape(ids.next(), &picture.rel, alt, fitted));
            fitted
        }
        None => {
            shapes.push_str(&missing_picture(text, ids.next(), url, missing));
            missing
        }
    };
    if let Some(height) = caption {
        *figures += 1;
        let label = text.words.numbered(&text.words.figure, *figures);
        let below = layout::below(placed, area, height);
        let inlines = [Inline::Text(label), Inline::Text(alt.to_string())];
        shapes.push_str(&caption_box(text, ids.next(), below, &inlines));
    }
    shapes
}

/// The line shown instead of a picture that could not be embedded: its address, muted.
fn missing_picture(text: &mut Ctx, id: u32, url: &str, rect: Rect) -> String {
    let para = body_para(text.theme);
    let mut writer = Writer::new(text);
    let missing = [Inline::MissingImage { url: url.to_string(), alt: String::new() }];
    writer.paragraph(para, &missing, &Run::default());
    let body = writer.finish();
    text_box(id, "Picture", rect, &body, None, 0.0, text.geometry)
}

/// The slide's footnotes in small muted type, each after its superscript number.
fn footnotes_shape(text: &mut Ctx, id: u32, notes: &[(usize, Vec<Block>)], rect: Rect) -> String {
    let writer_theme = text.theme;
    let mut writer = Writer::new(text);
    let muted = Run { colour: Some(Colour::Scheme("accent2")), ..Run::default() };
    for (number, blocks) in notes {
        let mut first = vec![
            Inline::Superscript(vec![Inline::Text(number.to_string())]),
            Inline::Text(" ".into()),
        ];
        let mut rest = blocks.as_slice();
        if let Some(Block { kind: BlockKind::Paragraph(content), .. }) = rest.first() {
            first.extend(content.iter().cloned());
            rest = &rest[1..];
        }
        let slide = &writer_theme.slide;
        let para = Para { gap: 0.3, ..Para::body(slide, slide.sizes.footnote) };
        writer.paragraph(para, &first, &muted);
        writer.blocks(rest, para, &muted);
    }
    let body = writer.finish();
    text_box(id, "Footnotes", rect, &body, None, 0.0, text.geometry)
}

/// A paragraph of body text, at the theme's body size.
fn body_para(theme: &Theme) -> Para {
    Para::body(&theme.slide, theme.slide.sizes.body)
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

/// Footer (`title · date`) and slide number, in the master's placeholders; on a template
/// (`slots`), in its layout's, where it has them, in the template's own look.
fn footer_shapes(ctx: &DeckCtx, number: usize, ids: &mut Ids, slots: Option<&Slots>) -> String {
    let lang = ctx.lang;
    let footer = match slots {
        Some(slots) => super::xml::escape(&template_footer(ctx, slots)),
        None => super::xml::escape(&ctx.footer),
    };
    // Alignment, size and colour are repeated from Folio's master: not every editor
    // inherits them for footers.
    let (props, align_left, align_right) = match slots {
        Some(slots) => {
            let size =
                slots.footer_box.and_then(|(_, size)| size).filter(|_| slots.footer_size_given);
            let sz = size.map_or(String::new(), |size| format!(" sz=\"{size}\""));
            (format!("lang=\"{lang}\"{sz} dirty=\"0\"/>"), "", "")
        }
        None => (
            format!(
                "lang=\"{lang}\" sz=\"{}\" dirty=\"0\"><a:solidFill><a:schemeClr val=\"accent2\"/></a:solidFill></a:rPr>",
                ctx.geometry.size(ctx.theme.slide.sizes.footer)
            ),
            "<a:pPr algn=\"l\"/>",
            "<a:pPr algn=\"r\"/>",
        ),
    };
    let (footer_ph, number_ph) = match slots {
        Some(slots) => (slots.footer.as_deref(), slots.number.as_deref()),
        None => (
            Some("<p:ph type=\"ftr\" sz=\"quarter\" idx=\"11\"/>"),
            Some("<p:ph type=\"sldNum\" sz=\"quarter\" idx=\"12\"/>"),
        ),
    };
    let mut shapes = String::new();
    if let Some(ph) = footer_ph {
        let _ = write!(
            shapes,
            "<p:sp><p:nvSpPr><p:cNvPr id=\"{}\" name=\"Footer\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/>\
             </p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>\
             <a:p>{align_left}<a:r><a:rPr {props}<a:t>{footer}</a:t></a:r></a:p></p:txBody></p:sp>",
            ids.next()
        );
    }
    if let Some(ph) = number_ph {
        let _ = write!(
            shapes,
            "<p:sp><p:nvSpPr><p:cNvPr id=\"{}\" name=\"Slide Number\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/>\
             </p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>\
             <a:p>{align_right}<a:fld id=\"{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}\" type=\"slidenum\">\
             <a:rPr {props}<a:t>{number}</a:t></a:fld></a:p></p:txBody></p:sp>",
            ids.next()
        );
    }
    shapes
}

#[cfg(test)]
mod tests {
    use super::cut_to_fit;

    #[test]
    fn a_footer_too_long_for_its_box_is_cut_with_an_ellipsis() {
        let fits = |text: &str| text.chars().count() <= 6;
        assert_eq!(cut_to_fit("年第三季度协作机器人市场简报", &fits), "年第三季度…");
        assert_eq!(cut_to_fit("abc", &|_: &str| false), "…");
    }
}
