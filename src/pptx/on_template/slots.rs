//! The placeholders of a template layout that a slide fills: the slide's title in the
//! layout's title, its text in the layout's body, the footer and slide number in the
//! layout's own, each written without a box so it keeps the layout's place and look.

use super::Template;
use crate::pptx::geometry::Rect;
use crate::pptx::reference::{Layout, Placeholder, PlaceholderKind, SlideRole, is_usable};
use crate::pptx::shapes::TitleBox;
use std::collections::BTreeMap;

/// Where a slide's parts go on the layout it is written on.
#[derive(Debug, Clone, PartialEq)]
pub struct Slots {
    /// The layout part, as a target from `ppt/slides/`.
    pub target: String,
    /// The `p:ph` element of the title (the layout's; a plain title when it has none).
    pub title: String,
    /// The title's box in EMU: the layout's, else the master's.
    pub title_box: Option<Rect>,
    /// Whether the title must carry its box (the master's): the layout has no title
    /// placeholder to take it from.
    pub title_placed: bool,
    /// The title's text size (hundredths of a point): the layout's, else the master's.
    pub title_size: Option<u32>,
    /// The footer's box (EMU) and text size (hundredths of a point), where known.
    pub footer_box: Option<(Rect, Option<u32>)>,
    /// The title's and the footer's sizes must be written on their text: the template
    /// gives them only on its sample text, which new text does not inherit.
    pub title_size_given: bool,
    pub footer_size_given: bool,
    /// The `p:ph` elements of the body, subtitle, footer and slide number, when the
    /// layout has them.
    pub body: Option<String>,
    pub subtitle: Option<String>,
    pub footer: Option<String>,
    pub number: Option<String>,
}

impl Slots {
    /// The slots of the layout `template` chose for `role`.
    pub fn of(template: &Template, role: SlideRole) -> Slots {
        let reference = template.reference;
        let layout = reference.layout(template.choice, role);
        let master_title = reference.master.iter().find(|p| p.kind == PlaceholderKind::Title);
        let title = layout.title();
        let footer = layout.placeholder(PlaceholderKind::Footer);
        let usable = |p: &Placeholder| p.frame.filter(|r| is_usable(*r, reference.slide_size));
        Slots {
            target: super::target_from("ppt/slides", &layout.part),
            title: title.map_or_else(|| "<p:ph type=\"title\"/>".to_string(), ph),
            title_box: title.and_then(usable).or(master_title.and_then(usable)),
            title_placed: title.is_none(),
            title_size: title.or(master_title).and_then(|p| p.text_size),
            title_size_given: title.or(master_title).is_some_and(|p| p.size_is_sample),
            footer_size_given: footer.is_some_and(|p| p.size_is_sample && p.text_size.is_some()),
            body: layout.body().map(ph),
            subtitle: subtitle(layout).map(ph),
            footer: footer.map(ph),
            footer_box: footer.and_then(|p| Some((usable(p)?, p.text_size))),
            number: layout.placeholder(PlaceholderKind::SlideNumber).map(ph),
        }
    }
}

impl Slots {
    /// Where the title goes: the layout's place, or the master's title box when the
    /// layout has no title placeholder.
    pub fn title_place(&self) -> TitleBox {
        match (self.title_placed, self.title_box) {
            (true, Some(rect)) => TitleBox::Placed(rect),
            _ => TitleBox::Layout,
        }
    }
}

/// The slots of every kind of slide on a template.
#[derive(Debug, Clone)]
pub struct SlideSlots(BTreeMap<SlideRole, Slots>);

impl SlideSlots {
    pub fn new(template: Template) -> SlideSlots {
        SlideSlots(SlideRole::ALL.iter().map(|&role| (role, Slots::of(&template, role))).collect())
    }

    /// The slots of the layout a slide of `role` goes on.
    pub fn get(&self, role: SlideRole) -> &Slots {
        &self.0[&role]
    }
}

/// The title slide's subtitle: the layout's subtitle, else its body.
fn subtitle(layout: &Layout) -> Option<&Placeholder> {
    layout.placeholder(PlaceholderKind::Subtitle).or_else(|| layout.body())
}

/// The `p:ph` element that ties a slide's shape to the layout's placeholder: same type,
/// same index.
fn ph(placeholder: &Placeholder) -> String {
    let kind = placeholder.kind.type_name().map(|t| format!(" type=\"{t}\""));
    let idx = placeholder.idx.map(|i| format!(" idx=\"{i}\""));
    format!("<p:ph{}{}/>", kind.unwrap_or_default(), idx.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_placeholder_is_tied_by_type_and_index() {
        let body = Placeholder {
            kind: PlaceholderKind::Content,
            idx: Some(1),
            frame: None,
            text_size: None,
            size_is_sample: false,
        };
        assert_eq!(ph(&body), "<p:ph idx=\"1\"/>");
        let footer = Placeholder { kind: PlaceholderKind::Footer, idx: Some(11), ..body.clone() };
        assert_eq!(ph(&footer), "<p:ph type=\"ftr\" idx=\"11\"/>");
        let title = Placeholder { kind: PlaceholderKind::CentredTitle, idx: None, ..body };
        assert_eq!(ph(&title), "<p:ph type=\"ctrTitle\"/>");
    }
}
