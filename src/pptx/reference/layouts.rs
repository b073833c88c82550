//! The template's slide layouts, known by what they hold (their placeholders), not by
//! their names, which are in the template's language (`标题和内容`, `Titel und Inhalt`):
//! each kind of Folio slide is given the layout whose placeholders suit it.

use super::package::relations;
use super::{children, find, parse};
use crate::pptx::geometry::Rect;
use std::collections::BTreeMap;

/// What a placeholder is for, as its `type` says (absent means content, `obj`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceholderKind {
    Title,
    CentredTitle,
    Subtitle,
    Body,
    Content,
    Date,
    Footer,
    SlideNumber,
    Picture,
    Table,
    Chart,
    Other,
}

impl PlaceholderKind {
    fn from_type(kind: Option<&str>) -> Self {
        match kind.unwrap_or("obj") {
            "title" => Self::Title,
            "ctrTitle" => Self::CentredTitle,
            "subTitle" => Self::Subtitle,
            "body" => Self::Body,
            "obj" => Self::Content,
            "dt" => Self::Date,
            "ftr" => Self::Footer,
            "sldNum" => Self::SlideNumber,
            "pic" => Self::Picture,
            "tbl" => Self::Table,
            "chart" => Self::Chart,
            _ => Self::Other,
        }
    }

    /// The `type` a slide's placeholder of this kind is written with (none for content).
    pub fn type_name(self) -> Option<&'static str> {
        Some(match self {
            Self::Title => "title",
            Self::CentredTitle => "ctrTitle",
            Self::Subtitle => "subTitle",
            Self::Body | Self::Other => "body",
            Self::Content => return None,
            Self::Date => "dt",
            Self::Footer => "ftr",
            Self::SlideNumber => "sldNum",
            Self::Picture => "pic",
            Self::Table => "tbl",
            Self::Chart => "chart",
        })
    }

    pub fn is_title(self) -> bool {
        matches!(self, Self::Title | Self::CentredTitle)
    }

    /// A box for running text: a body or a content placeholder.
    fn holds_text(self) -> bool {
        matches!(self, Self::Body | Self::Content)
    }

    /// The master placeholder a layout's placeholder of this kind inherits from.
    fn inherits_from(self) -> Self {
        match self {
            Self::CentredTitle => Self::Title,
            Self::Subtitle | Self::Content | Self::Picture | Self::Table | Self::Chart => {
                Self::Body
            }
            other => other,
        }
    }
}

/// One placeholder of a layout: its kind, index, box (its own or its master's), and
/// first-level text size in hundredths of a point where the layout or master sets one.
#[derive(Debug, Clone, PartialEq)]
pub struct Placeholder {
    pub kind: PlaceholderKind,
    pub idx: Option<u32>,
    pub frame: Option<Rect>,
    pub text_size: Option<u32>,
    /// Whether that size is only its sample text's, which new text does not inherit.
    pub size_is_sample: bool,
}

/// A slide layout of the template.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Its part, e.g. `ppt/slideLayouts/slideLayout2.xml`.
    pub part: String,
    /// Its name as the template gives it (shown in PowerPoint's layout menu).
    pub name: String,
    /// The `type` PowerPoint gives the layout (`title`, `obj`, `secHead`, `titleOnly`,
    /// `blank`…), when it says.
    pub kind: Option<String>,
    /// The part of the master it belongs to.
    pub master: String,
    pub placeholders: Vec<Placeholder>,
}

impl Layout {
    pub fn has_title(&self) -> bool {
        self.placeholders.iter().any(|p| p.kind.is_title())
    }

    /// The placeholders for running text.
    fn text_boxes(&self) -> impl Iterator<Item = &Placeholder> {
        self.placeholders.iter().filter(|p| p.kind.holds_text())
    }

    /// The largest box for running text, where the deck's body goes; the first of
    /// equal ones (the left column of a two-column layout).
    pub fn body(&self) -> Option<&Placeholder> {
        let area = |p: &&Placeholder| p.frame.map_or(0, |f| f.w.max(0).saturating_mul(f.h.max(0)));
        let largest = self.text_boxes().map(|p| area(&p)).max()?;
        self.text_boxes().find(|p| area(p) == largest)
    }

    pub fn title(&self) -> Option<&Placeholder> {
        self.placeholders.iter().find(|p| p.kind.is_title())
    }

    /// The first placeholder of `kind`.
    pub fn placeholder(&self, kind: PlaceholderKind) -> Option<&Placeholder> {
        self.placeholders.iter().find(|p| p.kind == kind)
    }

    fn is(&self, kind: &str) -> bool {
        self.kind.as_deref() == Some(kind)
    }
}

/// The kinds of Folio slide, each put on one layout of the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SlideRole {
    Title,
    Agenda,
    Summary,
    Divider,
    Content,
    Table,
    Picture,
    Chart,
}

impl SlideRole {
    pub const ALL: [SlideRole; 8] = [
        Self::Title,
        Self::Agenda,
        Self::Summary,
        Self::Divider,
        Self::Content,
        Self::Table,
        Self::Picture,
        Self::Chart,
    ];

    /// The kind whose layout this one takes unless `[pptx.layouts]` names one for it:
    /// the agenda and summary are text slides, pictures and charts fill the slide as
    /// tables do.
    fn follows(self) -> Option<SlideRole> {
        match self {
            Self::Agenda | Self::Summary => Some(Self::Content),
            Self::Picture | Self::Chart => Some(Self::Table),
            _ => None,
        }
    }

    /// The key naming the role in `[pptx.layouts]`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Agenda => "agenda",
            Self::Summary => "summary",
            Self::Divider => "divider",
            Self::Content => "content",
            Self::Table => "table",
            Self::Picture => "picture",
            Self::Chart => "chart",
        }
    }
}

/// The layout (an index into the template's layouts) each kind of slide goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutChoice(pub BTreeMap<SlideRole, usize>);

/// The masters a template's own example slides are on: its first slide's (a title
/// slide) and its second's (a content slide). A template with several designs (Debian
/// LibreOffice's: a cover master, then a content master) shows which is for what there.
#[derive(Debug, Clone, Copy, Default)]
pub struct Preferred<'a> {
    pub title: Option<&'a str>,
    pub body: Option<&'a str>,
}

/// Chooses a layout for every kind of slide by its placeholders; `overrides` (role key →
/// layout name, from `[pptx.layouts]`) win. An unknown key or layout name is an error
/// naming the choices.
pub fn choose(
    layouts: &[Layout],
    overrides: &BTreeMap<String, String>,
) -> Result<LayoutChoice, String> {
    choose_preferring(layouts, Preferred::default(), overrides)
}

/// [`choose`], trying the layouts of the `preferred` masters first.
pub fn choose_preferring(
    layouts: &[Layout],
    preferred: Preferred,
    overrides: &BTreeMap<String, String>,
) -> Result<LayoutChoice, String> {
    let titled: Vec<usize> = (0..layouts.len()).filter(|&i| layouts[i].has_title()).collect();
    let first_titled = *titled.first().ok_or("no slide layout has a title placeholder")?;
    let of_master = |master: Option<&str>| -> Vec<usize> {
        let on = |i: &usize| Some(layouts[*i].master.as_str()) == master;
        (0..layouts.len()).filter(on).collect()
    };
    let everywhere: Vec<usize> = (0..layouts.len()).collect();
    let body_pools = [of_master(preferred.body), everywhere.clone()];
    let title_pools = [of_master(preferred.title), everywhere];
    // The first layout passing the first test that any passes, in the first pool with one.
    let pick = |pools: &[Vec<usize>], tests: &[&dyn Fn(&Layout) -> bool]| {
        pools.iter().find_map(|pool| {
            tests.iter().find_map(|test| pool.iter().copied().find(|&i| test(&layouts[i])))
        })
    };
    let one_body = |l: &Layout| l.has_title() && l.text_boxes().count() == 1;
    let content = pick(
        &body_pools,
        &[&|l| one_body(l) && (l.is("obj") || l.is("tx")), &one_body, &|l| {
            l.has_title() && l.body().is_some()
        }],
    )
    .unwrap_or(first_titled);
    let holds = |l: &Layout, kind| l.placeholders.iter().any(|p| p.kind == kind);
    let title = pick(
        &title_pools,
        &[&|l| l.is("title"), &|l| holds(l, PlaceholderKind::CentredTitle), &|l| {
            l.has_title() && holds(l, PlaceholderKind::Subtitle)
        }],
    )
    .unwrap_or(content);
    let divider = pick(&body_pools, &[&|l| l.is("secHead")]).unwrap_or(title);
    let title_only = |l: &Layout| l.has_title() && l.text_boxes().next().is_none();
    let bare = pick(
        &body_pools,
        &[&|l| l.is("titleOnly") && l.has_title(), &title_only, &|l| l.is("blank")],
    )
    .unwrap_or(content);
    let mut choice = BTreeMap::from([
        (SlideRole::Title, title),
        (SlideRole::Agenda, content),
        (SlideRole::Summary, content),
        (SlideRole::Divider, divider),
        (SlideRole::Content, content),
        (SlideRole::Table, bare),
        (SlideRole::Picture, bare),
        (SlideRole::Chart, bare),
    ]);
    for (key, name) in overrides {
        let role = SlideRole::ALL.into_iter().find(|r| r.key() == key).ok_or_else(|| {
            let keys: Vec<&str> = SlideRole::ALL.iter().map(|r| r.key()).collect();
            format!("[pptx.layouts] has no slide kind \"{key}\" (kinds: {})", keys.join(", "))
        })?;
        let index = layouts.iter().position(|l| l.name.trim() == name.trim()).ok_or_else(|| {
            let names: Vec<&str> = layouts.iter().map(|l| l.name.as_str()).collect();
            format!("the template has no layout named \"{name}\" (layouts: {})", names.join(", "))
        })?;
        choice.insert(role, index);
    }
    // A kind not named goes where the kind it follows was put.
    for role in SlideRole::ALL {
        if let Some(leader) = role.follows()
            && overrides.contains_key(leader.key())
            && !overrides.contains_key(role.key())
        {
            choice.insert(role, choice[&leader]);
        }
    }
    Ok(LayoutChoice(choice))
}

/// Every layout of every master, in the order the presentation lists the masters, and
/// the first master's placeholders (with its text sizes).
pub fn read_all(
    parts: &BTreeMap<String, Vec<u8>>,
) -> Result<(Vec<Layout>, Vec<Placeholder>), String> {
    let mut layouts = Vec::new();
    let mut first_master = None;
    for (kind, master) in relations(parts, "ppt/presentation.xml")? {
        if kind != "slideMaster" {
            continue;
        }
        let master_bytes = parts.get(&master).ok_or_else(|| format!("{master} is missing"))?;
        let master_doc = parse(&master, master_bytes)?;
        let inherited = placeholders(master_doc.root(), &[], &master_sizes(master_doc.root()));
        first_master.get_or_insert_with(|| inherited.clone());
        for (kind, part) in relations(parts, &master)? {
            if kind != "slideLayout" {
                continue;
            }
            let bytes = parts.get(&part).ok_or_else(|| format!("{part} is missing"))?;
            let mut layout = read_layout(&part, bytes, &inherited)?;
            layout.master = master.clone();
            layouts.push(layout);
        }
    }
    Ok((layouts, first_master.unwrap_or_default()))
}

fn read_layout(part: &str, bytes: &[u8], master: &[Placeholder]) -> Result<Layout, String> {
    let doc = parse(part, bytes)?;
    let root = doc.root_element();
    let name = find(root, "cSld").and_then(|c| c.attribute("name")).unwrap_or_default();
    Ok(Layout {
        part: part.to_string(),
        name: name.to_string(),
        kind: root.attribute("type").map(str::to_string),
        master: String::new(),
        placeholders: placeholders(root, master, &BTreeMap::new()),
    })
}

/// The placeholders in `root`'s shape tree; a box or size not set is taken from the
/// `inherited` placeholder of the same kind, or from `sizes` (the master's text styles).
fn placeholders(
    root: roxmltree::Node,
    inherited: &[Placeholder],
    sizes: &BTreeMap<&str, u32>,
) -> Vec<Placeholder> {
    let Some(tree) = find(root, "spTree") else { return Vec::new() };
    let mut out = Vec::new();
    for shape in tree.children().filter(|n| n.is_element()) {
        let Some(ph) = find(shape, "ph") else { continue };
        let kind = PlaceholderKind::from_type(ph.attribute("type"));
        let from = inherited.iter().find(|p| p.kind == kind.inherits_from());
        let style = if kind.inherits_from() == PlaceholderKind::Title { "title" } else { "body" };
        out.push(Placeholder {
            kind,
            idx: ph.attribute("idx").and_then(|v| v.parse().ok()),
            frame: frame(shape).or(from.and_then(|p| p.frame)),
            ..sized(shape, from, sizes.get(style).copied())
        });
    }
    out
}

/// A shape's own box, from its `a:xfrm`.
fn frame(shape: roxmltree::Node) -> Option<Rect> {
    let xfrm = children(shape, "spPr").next().and_then(|sp| children(sp, "xfrm").next())?;
    let number = |node: Option<roxmltree::Node>, name: &str| {
        node.and_then(|n| n.attribute(name)).and_then(|v| v.parse::<i64>().ok())
    };
    let (off, ext) = (children(xfrm, "off").next(), children(xfrm, "ext").next());
    Some(Rect {
        x: number(off, "x")?,
        y: number(off, "y")?,
        w: number(ext, "cx")?,
        h: number(ext, "cy")?,
    })
}

/// A placeholder with only its text size set: the size new text in it takes (its own list
/// style's, else the one it inherits, else the master's text style's `styled`), else its
/// sample text's, which new text does not take and must be given (LibreOffice writes
/// sizes only on sample text).
fn sized(shape: roxmltree::Node, from: Option<&Placeholder>, styled: Option<u32>) -> Placeholder {
    let (listed, sample) = text_sizes(shape);
    let inherited = from.filter(|p| !p.size_is_sample).and_then(|p| p.text_size);
    let (text_size, size_is_sample) = match listed.or(inherited).or(styled) {
        Some(size) => (Some(size), false),
        None => (sample.or(from.and_then(|p| p.text_size)), true),
    };
    Placeholder { kind: PlaceholderKind::Other, idx: None, frame: None, text_size, size_is_sample }
}

/// The first-level text size a placeholder's own list style sets (as PowerPoint writes
/// it), and the size of its sample text's first run (as LibreOffice writes it).
fn text_sizes(shape: roxmltree::Node) -> (Option<u32>, Option<u32>) {
    let Some(body) = children(shape, "txBody").next() else { return (None, None) };
    let listed = children(body, "lstStyle")
        .next()
        .and_then(|style| children(style, "lvl1pPr").next())
        .and_then(|level| children(level, "defRPr").next())
        .and_then(|run| run.attribute("sz"))
        .and_then(|v| v.parse().ok());
    let sample = body
        .descendants()
        .filter(|n| matches!(n.tag_name().name(), "rPr" | "endParaRPr"))
        .find_map(|run| run.attribute("sz"))
        .and_then(|v| v.parse().ok());
    (listed, sample)
}

/// The master's first-level title and body text sizes (`p:txStyles`).
fn master_sizes<'a>(root: roxmltree::Node) -> BTreeMap<&'a str, u32> {
    let mut sizes = BTreeMap::new();
    for (style, key) in [("titleStyle", "title"), ("bodyStyle", "body")] {
        let size = find(root, style)
            .and_then(|s| children(s, "lvl1pPr").next())
            .and_then(|l| children(l, "defRPr").next())
            .and_then(|d| d.attribute("sz"))
            .and_then(|v| v.parse().ok());
        if let Some(size) = size {
            sizes.insert(key, size);
        }
    }
    sizes
}
