//! The editable PowerPoint deck (`<stem>.pptx`): the same [`Deck`] the slides PDF is
//! typeset from, written as Office Open XML by Folio itself, with no other program.
//!
//! The package parts that are fixed in shape (theme, master, layouts, notes pages,
//! presentation) come from Minijinja templates under `templates/pptx/`, overridable with
//! `--templates DIR` like the Typst ones; the shapes of each slide are DrawingML written
//! in Rust ([`slide`], [`text`], [`table`]). Colours, fonts, sizes, margins and words
//! come from the report's [`Theme`], the value the slides PDF is typeset with. Every
//! piece of report text passes through [`xml::escape`].

mod cover;
mod geometry;
mod media;
mod package;
mod shapes;
mod slide;
mod table;
mod text;
mod theme;
pub mod xml;

use crate::deck::{Aspect, Deck};
use crate::error::Warning;
use crate::model::Asset;
use crate::templates::{TemplateError, Templates};
use crate::theme::Theme;
use geometry::{Boxes, Geometry, Rect, Sizes};
pub use media::SVG_PIXELS_PER_PT;
use package::{Package, Rels};
use serde::Serialize;
use std::path::Path;

/// The layouts of the master: (template kind, PresentationML layout type).
const LAYOUTS: [(&str, &str); 4] =
    [("title", "title"), ("content", "obj"), ("section", "secHead"), ("title-only", "titleOnly")];

/// Why a `.pptx` could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PptxError {
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error("writing the .pptx package: {0}")]
    Package(String),
}

/// What the deck is made from besides the plan.
pub struct Sources<'a> {
    /// The report's theme (brand colour applied): colours, fonts, slide metrics, words.
    pub theme: &'a Theme,
    pub templates: &'a Templates,
    /// Pictures served from memory (re-encoded images, the logo).
    pub assets: &'a [Asset],
    /// The report's folder, where its own pictures are read from.
    pub base_dir: Option<&'a Path>,
    /// The logo's asset path, when the style sets one.
    pub logo: Option<&'a str>,
    /// Draws SVG pictures as PNG (Typst does it for the converter).
    pub rasterize: Option<media::Rasterize<'a>>,
}

/// Writes the deck as a `.pptx` package; warnings name pictures that could not go in.
pub fn write(deck: &Deck, sources: &Sources) -> Result<(Vec<u8>, Vec<Warning>), PptxError> {
    let env = sources
        .templates
        .environment(&xml::XML)
        .map_err(|source| TemplateError { name: "pptx/".into(), source })?;
    let render = |name: &str, ctx: minijinja::Value| -> Result<String, PptxError> {
        let wrap = |source| TemplateError { name: name.to_string(), source };
        let template = env.get_template(name).map_err(wrap)?;
        Ok(template.render(ctx).map_err(wrap)?)
    };
    let theme = sources.theme;
    let geometry = Geometry::new(deck.aspect, &theme.slide);
    let words = theme.words_for(&deck.meta.lang);
    let lang = words.office.as_str();
    let mut footer = deck.meta.title.clone().unwrap_or_default();
    if let Some(date) = &deck.meta.date {
        footer.push_str(&format!(" · {date}"));
    }
    let mut ctx = slide::DeckCtx {
        deck,
        geometry,
        lang,
        theme,
        words,
        footnotes: deck
            .footnote_labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.clone(), i + 1))
            .collect(),
        media: media::Media::new(sources.assets, sources.base_dir, sources.rasterize),
        footer,
        figures: 0,
        tables: 0,
    };
    let mut slides = vec![cover::title_slide(&mut ctx, sources.logo)];
    for (i, planned) in deck.slides.iter().enumerate() {
        slides.push(slide::slide(&mut ctx, planned, i + 2));
    }
    let notes = deck.page_notes();

    let look = minijinja::context! {
        name => "theme",
        colours => value(theme::Colours::new(theme)),
        fonts => value(theme::Fonts::new(theme)),
        g => value(Boxes::new(&geometry, &theme.slide)),
        sz => value(Sizes::new(&geometry, &theme.slide)),
        indent => geometry.emu(22.0),
        hanging => geometry.emu(22.0 * 0.8),
        layouts => LAYOUTS.len(),
        notes => value(notes_boxes(&geometry)),
        lang => lang,
    };
    let mut package = Package::default();
    let mut root = Rels::default();
    root.add("officeDocument", "ppt/presentation.xml");
    root.add("core-properties", "docProps/core.xml");
    root.add("extended-properties", "docProps/app.xml");
    package.rels("", &root);
    let created = deck.meta.date_ymd.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}T00:00:00Z"));
    package.xml(
        "docProps/core.xml",
        "core-properties",
        render("pptx/core.xml.j2", minijinja::context! { meta => value(&deck.meta), created })?,
    );
    let notes_count = notes.iter().filter(|n| !n.trim().is_empty()).count();
    let format = match deck.aspect {
        Aspect::Wide => "Widescreen",
        Aspect::Standard => "On-screen Show (4:3)",
    };
    let app = minijinja::context! {
        format, slides => slides.len(), notes => notes_count, version => "16.0000",
    };
    package.xml("docProps/app.xml", "extended-properties", render("pptx/app.xml.j2", app)?);

    let mut presentation = Rels::default();
    presentation.add("slideMaster", "slideMasters/slideMaster1.xml");
    presentation.add("notesMaster", "notesMasters/notesMaster1.xml");
    presentation.add("theme", "theme/theme1.xml");
    presentation.add("presProps", "presProps.xml");
    presentation.add("viewProps", "viewProps.xml");
    presentation.add("tableStyles", "tableStyles.xml");
    let slide_rels: Vec<String> = (1..=slides.len())
        .map(|n| presentation.add("slide", &format!("slides/slide{n}.xml")))
        .collect();
    let size_type = match deck.aspect {
        Aspect::Wide => None,
        Aspect::Standard => Some("screen4x3"),
    };
    let presentation_ctx = minijinja::context! {
        slide_rels, size => value(geometry.slide()), size_type, lang,
    };
    package.xml(
        "ppt/presentation.xml",
        "presentation",
        render("pptx/presentation.xml.j2", presentation_ctx)?,
    );
    package.rels("ppt/presentation.xml", &presentation);
    for (path, kind, template) in [
        ("ppt/presProps.xml", "presProps", "pptx/pres-props.xml.j2"),
        ("ppt/viewProps.xml", "viewProps", "pptx/view-props.xml.j2"),
        ("ppt/tableStyles.xml", "tableStyles", "pptx/table-styles.xml.j2"),
    ] {
        package.xml(path, kind, render(template, minijinja::context! {})?);
    }
    for n in 1..=2 {
        package.xml(
            &format!("ppt/theme/theme{n}.xml"),
            "theme",
            render("pptx/theme.xml.j2", look.clone())?,
        );
    }
    let mut master = Rels::default();
    for n in 1..=LAYOUTS.len() {
        master.add("slideLayout", &format!("../slideLayouts/slideLayout{n}.xml"));
    }
    master.add("theme", "../theme/theme1.xml");
    package.xml(
        "ppt/slideMasters/slideMaster1.xml",
        "slideMaster",
        render("pptx/master.xml.j2", look.clone())?,
    );
    package.rels("ppt/slideMasters/slideMaster1.xml", &master);
    for (n, &(kind, layout_type)) in LAYOUTS.iter().enumerate() {
        let ctx = minijinja::context! { kind, layout_type, ..look.clone() };
        let path = format!("ppt/slideLayouts/slideLayout{}.xml", n + 1);
        package.xml(&path, "slideLayout", render("pptx/layout.xml.j2", ctx)?);
        let mut rels = Rels::default();
        rels.add("slideMaster", "../slideMasters/slideMaster1.xml");
        package.rels(&path, &rels);
    }
    package.xml(
        "ppt/notesMasters/notesMaster1.xml",
        "notesMaster",
        render("pptx/notes-master.xml.j2", look.clone())?,
    );
    let mut notes_master = Rels::default();
    notes_master.add("theme", "../theme/theme2.xml");
    package.rels("ppt/notesMasters/notesMaster1.xml", &notes_master);

    for (i, mut parts) in slides.into_iter().enumerate() {
        let n = i + 1;
        let path = format!("ppt/slides/slide{n}.xml");
        let note = notes.get(i).map(String::as_str).unwrap_or_default();
        if !note.trim().is_empty() {
            let notes_path = format!("ppt/notesSlides/notesSlide{n}.xml");
            parts.rels.add("notesSlide", &format!("../notesSlides/notesSlide{n}.xml"));
            let lines: Vec<String> = note.lines().map(str::to_string).collect();
            let ctx = minijinja::context! { lines, lang };
            package.xml(&notes_path, "notesSlide", render("pptx/notes.xml.j2", ctx)?);
            let mut rels = Rels::default();
            rels.add("notesMaster", "../notesMasters/notesMaster1.xml");
            rels.add("slide", &format!("../slides/slide{n}.xml"));
            package.rels(&notes_path, &rels);
        }
        let shapes = minijinja::Value::from_safe_string(parts.shapes);
        package.xml(&path, "slide", render("pptx/slide.xml.j2", minijinja::context! { shapes })?);
        package.rels(&path, &parts.rels);
    }
    let (media, warnings) = ctx.media.into_parts();
    for (name, bytes) in media {
        package.media(&format!("ppt/media/{name}"), bytes);
    }
    let bytes = package.finish().map_err(PptxError::Package)?;
    Ok((bytes, warnings))
}

/// A serializable value for a template context.
fn value<T: Serialize>(value: T) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(value))
}

/// The notes page (portrait, 7.5 × 10 in): the slide above, the notes below.
#[derive(Serialize)]
struct NotesBoxes {
    image: Rect,
    body: Rect,
}

fn notes_boxes(geometry: &Geometry) -> NotesBoxes {
    let slide = geometry.slide();
    let (x, y, w) = (685_800, 685_800, 5_486_400);
    let h = w * slide.h / slide.w;
    let body_y = y + h + 228_600;
    NotesBoxes {
        image: Rect { x, y, w, h },
        body: Rect { x, y: body_y, w, h: 9_144_000 - body_y - 685_800 },
    }
}
