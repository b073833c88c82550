//! The title slide: title, subtitle and the metadata lines under it, the logo above.

use super::geometry::Rect;
use super::layout::{self, MasterLayout};
use super::on_template::recolour;
use super::on_template::slots::Slots;
use super::package::Rels;
use super::reference::SlideRole;
use super::shapes::{TitleBox, picture_shape, text_box, title_shape};
use super::slide::{DeckCtx, Ids, SlideParts, template_title_size};
use super::text::{Colour, Para, Run, Writer};
use crate::deck::Deck;
use crate::model::{Inline, Meta};
use crate::theme::{Theme, Words};

/// One line under the title, as `title-slide` in `lib/slides.typ` sets it.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverLine {
    /// Text size in Typst points.
    pub size: f64,
    pub inlines: Vec<Inline>,
    /// Bold in the accent colour (the confidentiality mark); muted grey otherwise.
    pub accent: bool,
}

impl CoverLine {
    fn muted(size: f64, inlines: Vec<Inline>) -> Self {
        CoverLine { size, inlines, accent: false }
    }
}

/// The title slide: title, subtitle and the metadata lines under it, like `title-slide`.
pub fn title_slide(ctx: &mut DeckCtx, logo: Option<&str>) -> SlideParts {
    if let Some(template) = &ctx.template {
        let slots = template.get(SlideRole::Title).clone();
        return title_slide_on_template(ctx, &slots);
    }
    let mut rels = Rels::default();
    rels.add("slideLayout", &MasterLayout::Title.target());
    let mut ids = Ids(1);
    let title = ctx.deck.meta.title.as_deref().unwrap_or_default();
    let ph = "<p:ph type=\"ctrTitle\"/>";
    let mut shapes = title_shape(ids.next(), ph, (title, ctx.lang), TitleBox::Layout, None);
    let lines = cover_lines(ctx.deck, ctx.theme, ctx.words);
    if !lines.is_empty() {
        let subtitle = "<p:ph type=\"subTitle\" idx=\"1\"/>";
        shapes.push_str(&subtitle_shape(ctx, &mut rels, (ids.next(), subtitle), &lines));
    }
    if let Some(logo) = logo
        && let Some(picture) = ctx.media.embed(logo, &mut rels)
    {
        let rect = layout::logo(&ctx.geometry, ctx.theme, picture.aspect());
        shapes.push_str(&picture_shape(ids.next(), &picture.rel, "", rect));
    }
    SlideParts { shapes, rels }
}

/// The title slide on the template's title layout: the title in its title placeholder,
/// the lines under it in its subtitle (or body) placeholder, or in a box under the title
/// when it has neither. The template's master brings its own logo.
fn title_slide_on_template(ctx: &mut DeckCtx, slots: &Slots) -> SlideParts {
    let mut rels = Rels::default();
    rels.add("slideLayout", &slots.target);
    let mut ids = Ids(1);
    let title = ctx.deck.meta.title.as_deref().unwrap_or_default();
    let size = template_title_size(ctx, title, slots);
    let place = slots.title_place();
    let mut shapes = title_shape(ids.next(), &slots.title, (title, ctx.lang), place, size);
    let lines = cover_lines(ctx.deck, ctx.theme, ctx.words);
    if !lines.is_empty() {
        let id = ids.next();
        let subtitle = match &slots.subtitle {
            Some(ph) => subtitle_shape(ctx, &mut rels, (id, ph), &lines),
            None => lines_under_title(ctx, &mut rels, (id, slots.title_box), &lines),
        };
        shapes.push_str(&subtitle);
    }
    SlideParts { shapes: recolour(&shapes), rels }
}

/// The cover lines in a text box from under the title box to near the foot of the slide.
fn lines_under_title(
    ctx: &DeckCtx,
    rels: &mut Rels,
    (id, title_box): (u32, Option<Rect>),
    lines: &[CoverLine],
) -> String {
    let slide = ctx.geometry.slide();
    let title = title_box.unwrap_or(Rect {
        x: slide.w / 20,
        y: slide.h / 4,
        w: slide.w * 9 / 10,
        h: slide.h / 4,
    });
    let top = title.y + title.h;
    let rect = Rect { y: top, h: (slide.h * 9 / 10 - top).max(slide.h / 10), ..title };
    let body = cover_paragraphs(ctx, rels, lines);
    text_box(id, "Subtitle", rect, &body, None, 0.0, &ctx.geometry)
}

/// The lines under the title, top to bottom: subtitle, the metadata line (date, author,
/// further fields), source, the report's source note, organisation, confidentiality.
pub fn cover_lines(deck: &Deck, theme: &Theme, words: &Words) -> Vec<CoverLine> {
    let meta = &deck.meta;
    let sizes = &theme.slide.sizes;
    let mut lines = Vec::new();
    if let Some(subtitle) = &meta.subtitle {
        lines.push(CoverLine::muted(sizes.cover_subtitle, vec![Inline::Text(subtitle.clone())]));
    }
    let items = meta_items(meta, words);
    if !items.is_empty() {
        let text = vec![Inline::Text(items.join("   ·   "))];
        lines.push(CoverLine::muted(sizes.cover_meta, text));
    }
    if let Some(source) = &meta.source {
        lines.push(CoverLine::muted(sizes.cover_note, source_inlines(source, words)));
    }
    if let Some(note) = &deck.source_note {
        lines.push(CoverLine::muted(sizes.cover_note, note.clone()));
    }
    let style = &meta.style;
    if let Some(org) = &style.organisation {
        lines.push(CoverLine::muted(sizes.cover_meta, vec![Inline::Text(org.clone())]));
    }
    if let Some(confidential) = &style.confidential {
        let inlines = vec![Inline::Text(confidential.clone())];
        lines.push(CoverLine { size: sizes.cover_confidential, inlines, accent: true });
    }
    lines
}

/// `Date: …`, `Author: …` and the further front-matter fields, in that order.
fn meta_items(meta: &Meta, words: &Words) -> Vec<String> {
    let mut items = Vec::new();
    if let Some(date) = &meta.date {
        items.push(format!("{}: {date}", words.date));
    }
    if let Some(author) = &meta.author {
        items.push(format!("{}: {author}", words.author));
    }
    items.extend(meta.fields.iter().map(|(k, v)| format!("{k}: {v}")));
    items
}

/// `Source: …`, a link when the source is a web address.
fn source_inlines(source: &str, words: &Words) -> Vec<Inline> {
    let mut inlines = vec![Inline::Text(format!("{}: ", words.source))];
    let text = Inline::Text(source.to_string());
    inlines.push(if crate::address::is_web(source) {
        Inline::Link { url: source.to_string(), content: vec![text] }
    } else {
        text
    });
    inlines
}

/// The subtitle placeholder (`ph`, a `p:ph` element) holding the cover lines.
fn subtitle_shape(
    ctx: &DeckCtx,
    rels: &mut Rels,
    (id, ph): (u32, &str),
    lines: &[CoverLine],
) -> String {
    let body = cover_paragraphs(ctx, rels, lines);
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Subtitle\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/>\
         </p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr/>\
         <p:txBody><a:bodyPr><a:normAutofit/></a:bodyPr><a:lstStyle/>{body}</p:txBody></p:sp>"
    )
}

/// The cover lines as paragraphs: muted, the confidentiality mark bold in the accent.
fn cover_paragraphs(ctx: &DeckCtx, rels: &mut Rels, lines: &[CoverLine]) -> String {
    let geometry = ctx.geometry;
    let footnotes = ctx.footnotes.clone();
    let mut text = ctx.text(1.0, rels, &geometry, &footnotes);
    let slide = &ctx.theme.slide;
    let mut writer = Writer::new(&mut text);
    for line in lines {
        let run = if line.accent {
            Run { bold: true, colour: Some(Colour::Scheme("accent1")), ..Run::default() }
        } else {
            Run { colour: Some(Colour::Scheme("accent2")), ..Run::default() }
        };
        writer.paragraph(Para { gap: 0.4, ..Para::body(slide, line.size) }, &line.inlines, &run);
    }
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::Aspect;

    fn deck(meta: Meta) -> Deck {
        Deck {
            meta,
            aspect: Aspect::Wide,
            source_note: None,
            footnotes: Vec::new(),
            footnote_labels: Vec::new(),
            slides: Vec::new(),
            landings: Default::default(),
        }
    }

    #[test]
    fn cover_lines_follow_the_title_slide_of_the_pdf() {
        let mut meta = Meta {
            subtitle: Some("Sub".into()),
            date: Some("2024-05-06".into()),
            author: Some("Ann".into()),
            source: Some("https://example.com/r".into()),
            fields: vec![("Desk".into(), "Energy".into())],
            ..Meta::default()
        };
        meta.style.confidential = Some("Internal".into());
        let theme = Theme::default();
        let lines = cover_lines(&deck(meta), &theme, theme.words_for("en"));
        let sizes: Vec<f64> = lines.iter().map(|l| l.size).collect();
        assert_eq!(sizes, [22.0, 14.0, 12.0, 13.0]);
        assert_eq!(
            lines[1].inlines,
            [Inline::Text("Date: 2024-05-06   ·   Author: Ann   ·   Desk: Energy".into())]
        );
        assert!(
            matches!(&lines[2].inlines[1], Inline::Link { url, .. } if url.contains("example"))
        );
        assert!(lines[3].accent && !lines[0].accent, "only the confidentiality mark stands out");
    }

    #[test]
    fn cover_labels_are_in_the_reports_language_and_a_bare_title_has_no_lines() {
        let meta =
            Meta { author: Some("王".into()), source: Some("内部".into()), ..Meta::default() };
        let theme = Theme::default();
        let lines = cover_lines(&deck(meta), &theme, theme.words_for("zh"));
        assert_eq!(lines[0].inlines, [Inline::Text("作者: 王".into())]);
        assert_eq!(lines[1].inlines, [Inline::Text("来源: ".into()), Inline::Text("内部".into())]);
        assert!(cover_lines(&deck(Meta::default()), &theme, theme.words_for("en")).is_empty());
    }
}
