//! The slide deck as one self-contained web page (`<stem>.slides.html`): each slide is
//! Typst's SVG of the slides PDF's page, inlined as a data URL, with its notes beside it
//! and Folio's own CSS and script embedded, so the file opens from disk with no network.
//!
//! Each slide is an `<img>` of its own SVG document: inlined `<svg>` elements would share
//! one id space, and Typst names glyphs and clip paths alike on every page.

pub mod escape;

use base64::Engine as _;
use escape::escape_html;

/// The page's style sheet and script, Folio's own, embedded in the binary.
const STYLE: &str = include_str!("deck.css");
const SCRIPT: &str = include_str!("deck.js");

/// What the web deck shows.
pub struct WebDeck<'a> {
    /// The deck's title, for the browser tab.
    pub title: &'a str,
    /// The report's language (`de`, `zh`), for the page's `lang`.
    pub lang: &'a str,
    /// Every slide as an SVG document, in order.
    pub slides: &'a [String],
    /// Every slide's speaker notes, in the same order (may be shorter: no notes).
    pub notes: &'a [String],
}

/// The whole page: slides, notes, style and script in one HTML file.
pub fn deck_page(deck: &WebDeck) -> String {
    let (width, height) =
        deck.slides.first().and_then(|svg| svg_size(svg)).unwrap_or((842.0, 474.0));
    let mut html = String::with_capacity(deck.slides.iter().map(|s| s.len() * 4 / 3 + 200).sum());
    html.push_str("<!DOCTYPE html>\n<html lang=\"");
    html.push_str(&escape_html(deck.lang));
    html.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // Nothing may load from anywhere: the page is whole, and a report cannot make it reach out.
    html.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n",
    );
    html.push_str(&format!("<title>{}</title>\n", escape_html(deck.title)));
    html.push_str(&format!(
        "<style>\n@page {{ size: {width:.2}pt {height:.2}pt; margin: 0; }}\n:root {{ --aspect: {width:.2} / {height:.2}; }}\n{STYLE}</style>\n"
    ));
    html.push_str("</head>\n<body>\n<main id=\"deck\">\n");
    for (index, svg) in deck.slides.iter().enumerate() {
        let notes = deck.notes.get(index).map(String::as_str).unwrap_or("");
        push_slide(&mut html, index, svg, notes);
    }
    html.push_str("</main>\n<div id=\"counter\" aria-live=\"polite\"></div>\n");
    html.push_str(&format!("<script>\n{SCRIPT}</script>\n</body>\n</html>\n"));
    html
}

/// One slide: its picture and, hidden until `n`, its notes.
fn push_slide(html: &mut String, index: usize, svg: &str, notes: &str) {
    let number = index + 1;
    let data = base64::engine::general_purpose::STANDARD.encode(svg.as_bytes());
    html.push_str(&format!(
        "<section class=\"slide\" id=\"slide-{number}\" data-index=\"{index}\">\n\
         <img src=\"data:image/svg+xml;base64,{data}\" alt=\"Slide {number}\">\n"
    ));
    html.push_str("<aside class=\"notes\">");
    html.push_str(&escape_html(notes));
    html.push_str("</aside>\n</section>\n");
}

/// A page's size in points, from the `viewBox` of Typst's SVG.
pub fn svg_size(svg: &str) -> Option<(f64, f64)> {
    let start = svg.find("viewBox=\"")? + "viewBox=\"".len();
    let end = start + svg[start..].find('"')?;
    let numbers: Vec<f64> =
        svg[start..end].split_whitespace().filter_map(|n| n.parse().ok()).collect();
    match numbers[..] {
        [_, _, width, height] if width > 0.0 && height > 0.0 => Some((width, height)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str =
        r#"<svg class="typst-doc" viewBox="0 0 841.89 473.56" width="841.89pt"></svg>"#;

    #[test]
    fn notes_are_text_and_every_slide_is_inlined() {
        let slides = [SVG.to_string(), SVG.to_string()];
        let notes = [String::new(), "<script>alert(1)</script> & more".to_string()];
        let deck = WebDeck { title: "A <b>deck</b>", lang: "en", slides: &slides, notes: &notes };
        let page = deck_page(&deck);
        assert_eq!(page.matches("data:image/svg+xml;base64,").count(), 2);
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
        assert!(page.contains("<title>A &lt;b&gt;deck&lt;/b&gt;</title>"));
        assert!(page.contains("size: 841.89pt 473.56pt"));
        assert!(!page.contains("http://") && !page.contains("https://"));
    }

    #[test]
    fn the_page_size_comes_from_the_view_box() {
        assert_eq!(svg_size(SVG), Some((841.89, 473.56)));
        assert_eq!(svg_size("<svg>"), None);
        assert_eq!(svg_size(r#"<svg viewBox="0 0 -1 x">"#), None);
    }
}
