//! DrawingML shapes every slide uses: placeholders, text boxes, pictures, filled bars.

use super::geometry::{Geometry, Rect};

/// A shape's position and size (`a:xfrm`).
pub fn xfrm(rect: Rect) -> String {
    format!(
        "<a:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></a:xfrm>",
        rect.x, rect.y, rect.w, rect.h
    )
}

/// Where a title is, when not where its layout puts it.
#[derive(Debug, Clone, Copy)]
pub enum TitleBox {
    /// The layout's place.
    Layout,
    /// A box of its own, filled white: a title that takes more lines than the layout's
    /// box holds, over the layout's rule.
    Grown(Rect),
    /// A box of its own, unfilled: the layout has no title placeholder.
    Placed(Rect),
}

/// The title placeholder (`ph`, a `p:ph` element), its position and style from the
/// layout or in its own box; `size` (hundredths of a point) when the layout's size must
/// be smaller.
pub fn title_shape(
    id: u32,
    ph: &str,
    (title, lang): (&str, &str),
    place: TitleBox,
    size: Option<u32>,
) -> String {
    let text = super::xml::escape(title);
    let sp_pr = match place {
        TitleBox::Layout => "<p:spPr/>".to_string(),
        TitleBox::Grown(rect) => format!(
            "<p:spPr>{}<a:solidFill><a:schemeClr val=\"bg1\"/></a:solidFill></p:spPr>",
            xfrm(rect)
        ),
        TitleBox::Placed(rect) => format!("<p:spPr>{}</p:spPr>", xfrm(rect)),
    };
    let sz = size.map_or(String::new(), |size| format!(" sz=\"{size}\""));
    let run = if text.is_empty() {
        format!("<a:endParaRPr lang=\"{lang}\"/>")
    } else {
        format!("<a:r><a:rPr lang=\"{lang}\"{sz} dirty=\"0\"/><a:t>{text}</a:t></a:r>")
    };
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Title\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/>\
         </p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>{sp_pr}<p:txBody>\
         <a:bodyPr><a:normAutofit/></a:bodyPr><a:lstStyle/><a:p>{run}</a:p></p:txBody></p:sp>"
    )
}

/// The layout's body placeholder (`ph`, a `p:ph` element), moved to `rect`.
pub fn body_placeholder(id: u32, ph: &str, rect: Rect, body: &str) -> String {
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Content\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/>\
         </p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr>{}</p:spPr><p:txBody>\
         <a:bodyPr lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" anchor=\"t\"><a:normAutofit/></a:bodyPr>\
         <a:lstStyle/>{body}</p:txBody></p:sp>",
        xfrm(rect)
    )
}

/// The body placeholder of Folio's own content layout.
pub const OWN_BODY: &str = "<p:ph idx=\"1\"/>";

/// A text box that is no placeholder, optionally filled, with `inset` points of margin.
pub fn text_box(
    id: u32,
    name: &str,
    rect: Rect,
    body: &str,
    fill: Option<&str>,
    inset: f64,
    g: &Geometry,
) -> String {
    let fill = fill.map_or(String::new(), |hex| {
        format!("<a:solidFill><a:srgbClr val=\"{hex}\"/></a:solidFill>")
    });
    let inset = g.emu(inset);
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name} {id}\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/>\
         </p:nvSpPr><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>{fill}</p:spPr>\
         <p:txBody><a:bodyPr wrap=\"square\" lIns=\"{inset}\" tIns=\"{inset}\" rIns=\"{inset}\" \
         bIns=\"{inset}\" rtlCol=\"0\" anchor=\"t\"><a:normAutofit/></a:bodyPr><a:lstStyle/>{body}\
         </p:txBody></p:sp>",
        xfrm(rect)
    )
}

/// An embedded picture.
pub fn picture_shape(id: u32, rel: &str, alt: &str, rect: Rect) -> String {
    let alt = super::xml::escape(alt);
    format!(
        "<p:pic><p:nvPicPr><p:cNvPr id=\"{id}\" name=\"Picture {id}\" descr=\"{alt}\"/><p:cNvPicPr>\
         <a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill>\
         <a:blip r:embed=\"{rel}\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{}\
         <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>",
        xfrm(rect)
    )
}

/// A filled rectangle without outline (`colour` is a DrawingML colour element): the rule
/// of a quote or callout, the progress bar.
pub fn bar(id: u32, name: &str, rect: Rect, colour: &str) -> String {
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name}\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>\
         <p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:solidFill>{colour}\
         </a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>",
        xfrm(rect)
    )
}
