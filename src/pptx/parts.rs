//! The package's parts, a function for each group: document properties, presentation,
//! theme, slide master and layouts, notes master, slides with their notes pages,
//! pictures. The fixed parts are rendered from the templates under `templates/pptx/`;
//! the slides' shapes come already written ([`super::slide`]). Parts are added in a
//! fixed order, so the same deck always gives the same bytes.

use super::PptxError;
use super::geometry::{Boxes, Geometry, Sizes};
use super::layout;
use super::on_template::package::{copy_parts, presentation_part, presentation_rels_part};
use super::on_template::{Template, target_from};
use super::package::{Package, PartType, Rels};
use super::slide::SlideParts;
use super::xml;
use crate::deck::{Aspect, Deck};
use crate::templates::{TemplateError, Templates};
use crate::theme::Theme;
use minijinja::Value;
use serde::Serialize;

/// The layouts of the master: (template kind, PresentationML layout type), in the order
/// of [`layout::MasterLayout`].
const LAYOUTS: [(&str, &str); 4] =
    [("title", "title"), ("content", "obj"), ("section", "secHead"), ("title-only", "titleOnly")];

/// The package being written and the part templates it is written from.
pub struct PartWriter {
    env: minijinja::Environment<'static>,
    package: Package,
    /// The notes master's part name, which every notes page is related to.
    notes_master: String,
}

impl PartWriter {
    /// Loads the part templates (the embedded ones, or those `--templates` overrides).
    pub fn new(templates: &Templates) -> Result<Self, PptxError> {
        let env = templates
            .environment(&xml::XML)
            .map_err(|source| TemplateError { name: "pptx/".into(), source })?;
        let notes_master = "ppt/notesMasters/notesMaster1.xml".to_string();
        Ok(PartWriter { env, package: Package::default(), notes_master })
    }

    fn render(&self, name: &str, ctx: Value) -> Result<String, PptxError> {
        let wrap = |source| TemplateError { name: name.to_string(), source };
        let template = self.env.get_template(name).map_err(wrap)?;
        Ok(template.render(ctx).map_err(wrap)?)
    }

    /// Adds the XML part at `path`, of content `kind`, rendered from `template`.
    fn part(
        &mut self,
        path: &str,
        kind: &str,
        template: &str,
        ctx: Value,
    ) -> Result<(), PptxError> {
        let text = self.render(template, ctx)?;
        self.package.xml(path, kind, text);
        Ok(())
    }

    /// The package's relationships and the document properties: title, author and date
    /// for the file's properties, slide and notes counts for the application's.
    pub fn document_properties(
        &mut self,
        deck: &Deck,
        slides: usize,
        notes: &[String],
    ) -> Result<(), PptxError> {
        let mut root = Rels::default();
        root.add("officeDocument", "ppt/presentation.xml");
        root.add("core-properties", "docProps/core.xml");
        root.add("extended-properties", "docProps/app.xml");
        self.package.rels("", &root);
        let created = deck.meta.date_ymd.map(|date| {
            let (y, m, d) = date.ymd();
            format!("{y:04}-{m:02}-{d:02}T00:00:00Z")
        });
        let core = minijinja::context! { meta => value(&deck.meta), created };
        self.part("docProps/core.xml", "core-properties", "pptx/core.xml.j2", core)?;
        let notes_count = notes.iter().filter(|n| !n.trim().is_empty()).count();
        let format = match deck.aspect {
            Aspect::Wide => "Widescreen",
            Aspect::Standard => "On-screen Show (4:3)",
        };
        let app = minijinja::context! {
            format, slides, notes => notes_count, version => "16.0000",
        };
        self.part("docProps/app.xml", "extended-properties", "pptx/app.xml.j2", app)
    }

    /// The presentation: slide size and the list of slides, related to the masters,
    /// the theme, the property parts and the slides; then those property parts.
    pub fn presentation(
        &mut self,
        geometry: &Geometry,
        slides: usize,
        lang: &str,
    ) -> Result<(), PptxError> {
        let mut presentation = Rels::default();
        presentation.add("slideMaster", "slideMasters/slideMaster1.xml");
        presentation.add("notesMaster", "notesMasters/notesMaster1.xml");
        presentation.add("theme", "theme/theme1.xml");
        presentation.add("presProps", "presProps.xml");
        presentation.add("viewProps", "viewProps.xml");
        presentation.add("tableStyles", "tableStyles.xml");
        let slide_rels: Vec<String> = (1..=slides)
            .map(|n| presentation.add("slide", &format!("slides/slide{n}.xml")))
            .collect();
        let size_type = match geometry.aspect {
            Aspect::Wide => None,
            Aspect::Standard => Some("screen4x3"),
        };
        let ctx = minijinja::context! {
            slide_rels, size => value(geometry.slide()), size_type, lang,
        };
        self.part("ppt/presentation.xml", "presentation", "pptx/presentation.xml.j2", ctx)?;
        self.package.rels("ppt/presentation.xml", &presentation);
        for (path, kind, template) in [
            ("ppt/presProps.xml", "presProps", "pptx/pres-props.xml.j2"),
            ("ppt/viewProps.xml", "viewProps", "pptx/view-props.xml.j2"),
            ("ppt/tableStyles.xml", "tableStyles", "pptx/table-styles.xml.j2"),
        ] {
            self.part(path, kind, template, minijinja::context! {})?;
        }
        Ok(())
    }

    /// The theme, twice: the slide master's and the notes master's.
    pub fn themes(&mut self, look: &Value) -> Result<(), PptxError> {
        for n in 1..=2 {
            let path = format!("ppt/theme/theme{n}.xml");
            self.part(&path, "theme", "pptx/theme.xml.j2", look.clone())?;
        }
        Ok(())
    }

    /// The slide master and its layouts (see [`LAYOUTS`]).
    pub fn slide_master(&mut self, look: &Value) -> Result<(), PptxError> {
        let mut master = Rels::default();
        for n in 1..=LAYOUTS.len() {
            master.add("slideLayout", &format!("../slideLayouts/slideLayout{n}.xml"));
        }
        master.add("theme", "../theme/theme1.xml");
        let path = "ppt/slideMasters/slideMaster1.xml";
        self.part(path, "slideMaster", "pptx/master.xml.j2", look.clone())?;
        self.package.rels(path, &master);
        for (n, &(kind, layout_type)) in LAYOUTS.iter().enumerate() {
            let ctx = minijinja::context! { kind, layout_type, ..look.clone() };
            let path = format!("ppt/slideLayouts/slideLayout{}.xml", n + 1);
            self.part(&path, "slideLayout", "pptx/layout.xml.j2", ctx)?;
            let mut rels = Rels::default();
            rels.add("slideMaster", "../slideMasters/slideMaster1.xml");
            self.package.rels(&path, &rels);
        }
        Ok(())
    }

    /// The notes master, on the second theme.
    pub fn notes_master(&mut self, look: &Value) -> Result<(), PptxError> {
        let path = "ppt/notesMasters/notesMaster1.xml";
        self.part(path, "notesMaster", "pptx/notes-master.xml.j2", look.clone())?;
        let mut rels = Rels::default();
        rels.add("theme", "../theme/theme2.xml");
        self.package.rels(path, &rels);
        Ok(())
    }

    /// The slides in order, each after its notes page when it has speaker notes
    /// (`notes` holds every slide's, the title slide's first).
    pub fn slides(
        &mut self,
        slides: Vec<SlideParts>,
        notes: &[String],
        lang: &str,
    ) -> Result<(), PptxError> {
        for (i, parts) in slides.into_iter().enumerate() {
            let note = notes.get(i).map(String::as_str).unwrap_or_default();
            self.slide(i + 1, parts, note, lang)?;
        }
        Ok(())
    }

    /// Slide `n` and, when `note` has text, its notes page.
    fn slide(
        &mut self,
        n: usize,
        mut parts: SlideParts,
        note: &str,
        lang: &str,
    ) -> Result<(), PptxError> {
        if !note.trim().is_empty() {
            parts.rels.add("notesSlide", &format!("../notesSlides/notesSlide{n}.xml"));
            self.notes_slide(n, note, lang)?;
        }
        let path = format!("ppt/slides/slide{n}.xml");
        let shapes = Value::from_safe_string(parts.shapes);
        self.part(&path, "slide", "pptx/slide.xml.j2", minijinja::context! { shapes })?;
        self.package.rels(&path, &parts.rels);
        Ok(())
    }

    /// The notes page of slide `n`: its speaker notes, a paragraph per line.
    fn notes_slide(&mut self, n: usize, note: &str, lang: &str) -> Result<(), PptxError> {
        let path = format!("ppt/notesSlides/notesSlide{n}.xml");
        let lines: Vec<String> = note.lines().map(str::to_string).collect();
        self.part(&path, "notesSlide", "pptx/notes.xml.j2", minijinja::context! { lines, lang })?;
        let mut rels = Rels::default();
        rels.add("notesMaster", &target_from("ppt/notesSlides", &self.notes_master));
        rels.add("slide", &format!("../slides/slide{n}.xml"));
        self.package.rels(&path, &rels);
        Ok(())
    }

    /// On a company template: its masters, layouts, themes and notes master copied in
    /// place of Folio's own (a notes master of Folio's when it has none), and its
    /// presentation part listing the deck's `slides`.
    pub fn template_presentation(
        &mut self,
        template: &Template,
        slides: usize,
        look: &Value,
    ) -> Result<(), PptxError> {
        let copied =
            copy_parts(&mut self.package, template.reference).map_err(PptxError::Package)?;
        let added_notes_master = match &copied.notes_master {
            Some((name, _)) => {
                self.notes_master = name.clone();
                None
            }
            None => Some(self.own_notes_master(look)?),
        };
        let view = free_name(&self.package, "viewProps", "viewProps");
        self.part(&view, "viewProps", "pptx/view-props.xml.j2", minijinja::context! {})?;
        let targets: Vec<String> = (1..=slides).map(|n| format!("slides/slide{n}.xml")).collect();
        // Folio's own parts are named under `ppt/`, where the presentation is.
        let from_ppt = |name: &str| name.strip_prefix("ppt/").unwrap_or(name).to_string();
        let mut added: Vec<(&str, String)> = targets.iter().map(|t| ("slide", t.clone())).collect();
        added.push(("viewProps", from_ppt(&view)));
        added.extend(added_notes_master.as_deref().map(|n| ("notesMaster", from_ppt(n))));
        let added: Vec<(&str, &str)> = added.iter().map(|(k, t)| (*k, t.as_str())).collect();
        let (rels, mut ids) = presentation_rels_part(&copied, &added);
        let notes_id = match &copied.notes_master {
            Some((_, id)) => Some(id.clone()),
            None => ids.pop(),
        };
        ids.truncate(slides);
        let presentation = presentation_part(template.reference, &ids, notes_id.as_deref())
            .map_err(PptxError::Package)?;
        self.package.xml("ppt/presentation.xml", "presentation", presentation);
        let rels_part = "ppt/_rels/presentation.xml.rels";
        self.package.copied(rels_part, PartType::None, rels.into_bytes());
        Ok(())
    }

    /// Folio's notes master and its theme, under names the template left free; returns
    /// the notes master's part name.
    fn own_notes_master(&mut self, look: &Value) -> Result<String, PptxError> {
        let theme = free_name(&self.package, "theme/theme", "");
        self.part(&theme, "theme", "pptx/theme.xml.j2", look.clone())?;
        let path = free_name(&self.package, "notesMasters/notesMaster", "");
        self.part(&path, "notesMaster", "pptx/notes-master.xml.j2", look.clone())?;
        let mut rels = Rels::default();
        rels.add("theme", &target_from("ppt/notesMasters", &theme));
        self.package.rels(&path, &rels);
        self.notes_master = path.clone();
        Ok(path)
    }

    /// The pictures the slides show (`ppt/media/…`), each once.
    pub fn media(&mut self, media: Vec<(String, Vec<u8>)>) {
        for (name, bytes) in media {
            self.package.media(&format!("ppt/media/{name}"), bytes);
        }
    }

    /// The chart parts the slides show (`ppt/charts/chartN.xml`, numbered in the order
    /// the slides refer to them), each with its workbook (`ppt/embeddings/chartN.xlsx`).
    /// `prefix` keeps the names apart from a template's own parts.
    pub fn charts(
        &mut self,
        charts: &[crate::model::Chart],
        theme: &crate::theme::Theme,
        (lang, prefix): (&str, &str),
    ) -> Result<(), PptxError> {
        let colours = theme.chart_colours();
        // Chart labels are set as the slide's footnotes are (hundredths of a point).
        let size = (theme.slide.sizes.footnote * 100.0).round() as u32;
        let font = theme.fonts.first_sans();
        let look = super::chart::Look { colours: &colours, lang, font, size };
        for (i, chart) in charts.iter().enumerate() {
            let n = i + 1;
            let path = format!("ppt/charts/{prefix}chart{n}.xml");
            self.package.xml(&path, "chart", super::chart::chart_part(chart, &look));
            let workbook = super::chart::workbook(chart).map_err(PptxError::Package)?;
            self.package.media(&format!("ppt/embeddings/{prefix}chart{n}.xlsx"), workbook);
            let mut rels = Rels::default();
            rels.add("package", &format!("../embeddings/{prefix}chart{n}.xlsx"));
            self.package.rels(&path, &rels);
        }
        Ok(())
    }

    /// The zip.
    pub fn finish(self) -> Result<Vec<u8>, PptxError> {
        self.package.finish().map_err(PptxError::Package)
    }
}

/// The first part name `ppt/{stem}{n}.xml` (or `ppt/{fallback}.xml` first, when given)
/// the package does not hold yet.
fn free_name(package: &Package, stem: &str, fallback: &str) -> String {
    let first = (!fallback.is_empty()).then(|| format!("ppt/{fallback}.xml"));
    let numbered = (1..).map(|n| format!("ppt/{stem}{n}.xml"));
    first.into_iter().chain(numbered).find(|p| !package.has(p)).unwrap_or_default()
}

/// What the theme, master, layout and notes-master templates share: the theme's colours
/// and fonts, the boxes and font sizes of the slide, the list indents, the notes page.
pub fn look(theme: &Theme, geometry: &Geometry, lang: &str) -> Value {
    minijinja::context! {
        name => "theme",
        colours => value(super::theme::Colours::new(theme)),
        fonts => value(super::theme::Fonts::new(theme)),
        g => value(Boxes::new(geometry, &theme.slide)),
        sz => value(Sizes::new(geometry, &theme.slide)),
        indent => geometry.emu(22.0),
        hanging => geometry.emu(22.0 * 0.8),
        layouts => LAYOUTS.len(),
        notes => value(layout::notes_boxes(geometry)),
        lang => lang,
    }
}

/// A serializable value for a template context.
fn value<T: Serialize>(value: T) -> Value {
    Value::from(minijinja::value::Serde(value))
}
