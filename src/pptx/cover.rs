//! The title slide: title, subtitle and the metadata lines under it, the logo above.

use super::layout::{self, MasterLayout};
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
    rels.add("slideLayout", &MasterLayout::Title.target());
    let mut ids = Ids(1);
    let mut shapes = String::new();
    let title = meta.title.as_deref().unwrap_or_default();
    shapes.push_str(&title_shape(ids.next(), "ctrTitle", title, ctx.lang));
    let footnotes = ctx.footnotes.clone();
    let mut text_ctx = Ctx {
        geometry: &ctx.geometry,
        scale: 1.0,
        lang: ctx.lang,
        zh: ctx.zh,
        mono: ctx.mono,
        rels: &mut rels,
        footnotes: &footnotes,
        landings: &ctx.deck.landings,
    };
    let mut writer = Writer::new(&mut text_ctx);
    let muted = Run { colour: Some(Colour::Scheme("accent2")), ..Run::default() };
    let line = |para: f64| Para { gap: 0.4, ..Para::body(para) };
    if let Some(subtitle) = &meta.subtitle {
        writer.paragraph(line(22.0), &[Inline::Text(subtitle.clone())], &muted);
    }
    let zh = ctx.zh;
    let label = |zh_label: &str, en: &str| if zh { zh_label.to_string() } else { en.to_string() };
    let mut items = Vec::new();
    if let Some(date) = &meta.date {
        items.push(format!("{}: {date}", label("日期", "Date")));
    }
    if let Some(author) = &meta.author {
        items.push(format!("{}: {author}", label("作者", "Author")));
    }
    items.extend(meta.fields.iter().map(|(k, v)| format!("{k}: {v}")));
    if !items.is_empty() {
        writer.paragraph(line(14.0), &[Inline::Text(items.join("   ·   "))], &muted);
    }
    if let Some(source) = &meta.source {
        let mut inlines = vec![Inline::Text(format!("{}: ", label("来源", "Source")))];
        let text = vec![Inline::Text(source.clone())];
        let web = crate::address::is_web(source);
        inlines.push(if web {
            Inline::Link { url: source.clone(), content: text }
        } else {
            text[0].clone()
        });
        writer.paragraph(line(12.0), &inlines, &muted);
    }
    if let Some(note) = &deck.source_note {
        writer.paragraph(line(12.0), note, &muted);
    }
    let style = &deck.meta.style;
    if let Some(org) = &style.organisation {
        writer.paragraph(line(14.0), &[Inline::Text(org.clone())], &muted);
    }
    if let Some(confidential) = &style.confidential {
        let accent = Run { bold: true, colour: Some(Colour::Scheme("accent1")), ..Run::default() };
        writer.paragraph(line(13.0), &[Inline::Text(confidential.clone())], &accent);
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
        let rect = layout::logo(&ctx.geometry, picture.aspect());
        shapes.push_str(&picture_shape(ids.next(), &picture.rel, "", rect));
    }
    SlideParts { shapes, rels }
}
