//! The title slide: title, subtitle and the metadata lines under it, the logo above.

use super::package::Rels;
use super::shapes::{picture_shape, title_shape};
use super::slide::{DeckCtx, Ids, SlideParts};
use super::text::{Colour, Ctx, Para, Run, Writer};
use crate::model::Inline;
use std::fmt::Write;

/// The title slide: title, subtitle and the metadata lines under it, like `title-slide`.
pub fn title_slide(ctx: &mut DeckCtx, logo: Option<&str>) -> SlideParts {
    let deck = ctx.deck;
    let meta = &deck.meta;
    let mut rels = Rels::default();
    rels.add("slideLayout", "../slideLayouts/slideLayout1.xml");
    let mut ids = Ids(1);
    let mut shapes = String::new();
    let title = meta.title.as_deref().unwrap_or_default();
    shapes.push_str(&title_shape(ids.next(), "ctrTitle", title, ctx.lang));
    let footnotes = ctx.footnotes.clone();
    let mut text_ctx = Ctx {
        geometry: &ctx.geometry,
        scale: 1.0,
        lang: ctx.lang,
        theme: ctx.theme,
        words: ctx.words,
        rels: &mut rels,
        footnotes: &footnotes,
        landings: &ctx.deck.landings,
    };
    let mut writer = Writer::new(&mut text_ctx);
    let muted = Run { colour: Some(Colour::Scheme("accent2")), ..Run::default() };
    let (theme, words) = (ctx.theme, ctx.words);
    let slide = &theme.slide;
    let sizes = &slide.sizes;
    let line = |para: f64| Para { gap: 0.4, ..Para::body(slide, para) };
    if let Some(subtitle) = &meta.subtitle {
        writer.paragraph(line(sizes.cover_subtitle), &[Inline::Text(subtitle.clone())], &muted);
    }
    let mut items = Vec::new();
    if let Some(date) = &meta.date {
        items.push(format!("{}: {date}", words.date));
    }
    if let Some(author) = &meta.author {
        items.push(format!("{}: {author}", words.author));
    }
    items.extend(meta.fields.iter().map(|(k, v)| format!("{k}: {v}")));
    if !items.is_empty() {
        let text = [Inline::Text(items.join("   ·   "))];
        writer.paragraph(line(sizes.cover_meta), &text, &muted);
    }
    if let Some(source) = &meta.source {
        let mut inlines = vec![Inline::Text(format!("{}: ", words.source))];
        let text = vec![Inline::Text(source.clone())];
        let web = crate::address::is_web(source);
        inlines.push(if web {
            Inline::Link { url: source.clone(), content: text }
        } else {
            text[0].clone()
        });
        writer.paragraph(line(sizes.cover_note), &inlines, &muted);
    }
    if let Some(note) = &deck.source_note {
        writer.paragraph(line(sizes.cover_note), note, &muted);
    }
    let style = &deck.meta.style;
    if let Some(org) = &style.organisation {
        writer.paragraph(line(sizes.cover_meta), &[Inline::Text(org.clone())], &muted);
    }
    if let Some(confidential) = &style.confidential {
        let accent = Run { bold: true, colour: Some(Colour::Scheme("accent1")), ..Run::default() };
        let text = [Inline::Text(confidential.clone())];
        writer.paragraph(line(sizes.cover_confidential), &text, &accent);
    }
    if !writer.is_empty() {
        let body = writer.finish();
        let _ = write!(
            shapes,
            "<p:sp><p:nvSpPr><p:cNvPr id=\"{}\" name=\"Subtitle\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/>\
             </p:cNvSpPr><p:nvPr><p:ph type=\"subTitle\" idx=\"1\"/></p:nvPr></p:nvSpPr><p:spPr/>\
             <p:txBody><a:bodyPr><a:normAutofit/></a:bodyPr><a:lstStyle/>{body}</p:txBody></p:sp>",
            ids.next()
        );
    }
    if let Some(logo) = logo
        && let Some(picture) = ctx.media.embed(logo, &mut rels)
    {
        let g = &ctx.geometry;
        let height = theme.slide.logo_height;
        let width = height * picture.aspect();
        let rect = g.rect(g.margin_x, g.height * 0.16 - height - 8.0, width, height);
        shapes.push_str(&picture_shape(ids.next(), &picture.rel, "", rect));
    }
    SlideParts { shapes, rels }
}
