//! Mermaid source → SVG, in-process and offline, with merman.
//!
//! merman writes its "resvg-safe" SVG, made for usvg (which Typst reads SVG with): labels
//! as `<text>`, no `<foreignObject>`, no external references. Labels are set in the
//! bundled CJK family and measured with it (see [`super::measure`]). Everything that can
//! go wrong — a syntax error, a kind Folio does not draw, a source too large, a renderer
//! panic or a drawing usvg refuses — comes back as a reason, never as a panic.

use super::measure::{self, FAMILY};
use merman::svg::{
    DeterministicTextMeasurer, MeasurementProfileId, SvgEnvironment, SvgPipeline,
    SvgPipelinePreset, TextMeasurementPolicy, TextMeasurementProfile,
    TextMeasurementProfileIdentity, TextStyle,
};
use merman::{
    MermaidEngine, OperationControl, RenderOutput, RenderRequest, Renderer,
    SourcePresentationConfig, SvgRequest,
};
use std::sync::OnceLock;
use std::time::Duration;

/// Largest source drawn: a diagram past it would not fit a page legibly anyway.
pub const MAX_SOURCE_BYTES: usize = 50 * 1024;

/// Most statements (lines and `;`-separated parts) drawn: layout cost grows faster than
/// the node count, and a few hundred nodes are already unreadable on a page.
pub const MAX_STATEMENTS: usize = 400;

/// Longest a drawing may take before it is given up.
const DEADLINE: Duration = Duration::from_secs(10);

/// The first word of each kind drawn, and the name it goes by in messages.
const KINDS: &[(&str, &str)] = &[
    ("flowchart", "flowchart"),
    ("graph", "flowchart"),
    ("sequenceDiagram", "sequence"),
    ("pie", "pie"),
    ("gantt", "gantt"),
    ("classDiagram", "class"),
    ("classDiagram-v2", "class"),
    ("stateDiagram", "state"),
    ("stateDiagram-v2", "state"),
];

/// The SVG of the Mermaid diagram `source`, or why it cannot be drawn.
pub fn draw(source: &str) -> Result<Vec<u8>, String> {
    check_size(source)?;
    check_kind(source)?;
    let svg = crate::quiet::catch_quietly(|| render(source))
        .ok_or("the Mermaid renderer failed on it (internal error)")??;
    checked(sized(&svg)?.into_bytes())
}

/// Every drawing passes the check every SVG of a report passes before Typst reads it
/// (Typst's parser and limits, no linked files), and Typst gets the checked bytes.
fn checked(svg: Vec<u8>) -> Result<Vec<u8>, String> {
    let checked = crate::picture::svg::check(&svg, None)
        .map_err(|reason| format!("the drawing is not a usable SVG: {reason}"))?;
    Ok(checked.bytes)
}

fn check_size(source: &str) -> Result<(), String> {
    if source.len() > MAX_SOURCE_BYTES {
        return Err(format!("larger than {} KB", MAX_SOURCE_BYTES / 1024));
    }
    let statements: usize = source.lines().map(|line| line.split(';').count()).sum();
    if statements > MAX_STATEMENTS {
        return Err(format!("more than {MAX_STATEMENTS} statements"));
    }
    Ok(())
}

/// Refuses kinds Folio does not draw by name, before merman gives a vaguer message.
fn check_kind(source: &str) -> Result<(), String> {
    let Some(word) = kind_word(source) else { return Err("the diagram is empty".into()) };
    if KINDS.iter().any(|(first, _)| *first == word) {
        return Ok(());
    }
    let names: Vec<&str> = KINDS.iter().map(|(_, name)| *name).collect();
    let mut drawn = names.clone();
    drawn.dedup();
    Err(format!("`{word}` diagrams are not drawn (only {})", drawn.join(", ")))
}

/// The word that names the diagram's kind: the first of the first line that is not
/// blank, a `%%` comment or directive, or part of a `---` front matter block.
fn kind_word(source: &str) -> Option<&str> {
    let mut lines = source.lines().map(str::trim).peekable();
    if lines.peek() == Some(&"---") {
        lines.next();
        lines.by_ref().find(|line| *line == "---");
    }
    let line = lines.find(|line| !line.is_empty() && !line.starts_with("%%"))?;
    line.split(|c: char| c.is_whitespace() || c == ';').next()
}

fn render(source: &str) -> Result<String, String> {
    let request = SvgRequest {
        environment: environment().clone(),
        pipeline: Some(SvgPipeline::from_preset(SvgPipelinePreset::ResvgSafe)),
        ..SvgRequest::default()
    };
    let control = OperationControl::new().with_deadline(DEADLINE);
    match renderer().render(RenderRequest::svg(source, control, request)) {
        Ok(RenderOutput::Svg(Some(svg))) => Ok(svg.svg().to_string()),
        Ok(_) => Err("no Mermaid diagram found in it".into()),
        Err(e) => Err(first_line(&e.to_string())),
    }
}

/// A renderer whose drawings name [`FAMILY`] for every label.
fn renderer() -> &'static Renderer {
    static RENDERER: OnceLock<Renderer> = OnceLock::new();
    RENDERER.get_or_init(|| {
        let font = serde_json::json!({
            "fontFamily": FAMILY,
            "themeVariables": { "fontFamily": FAMILY },
        });
        let engine =
            MermaidEngine::new().with_site_config(SourcePresentationConfig::from_value(font));
        Renderer::new().with_presentation_engine(engine)
    })
}

/// SVG services that measure labels with the bundled fonts instead of merman's estimate.
fn environment() -> &'static SvgEnvironment {
    static ENVIRONMENT: OnceLock<SvgEnvironment> = OnceLock::new();
    ENVIRONMENT.get_or_init(|| {
        let width = |text: &str, style: &TextStyle| {
            let bold = style.font_weight.as_deref().is_some_and(is_bold);
            measure::text_width(text, style.font_size, bold)
        };
        let backend = DeterministicTextMeasurer::default().with_width_callback(width);
        let profile = MeasurementProfileId::new("folio-bundled-fonts")
            .and_then(|id| TextMeasurementProfileIdentity::new(id, "1"));
        match profile {
            Ok(identity) => {
                let profile = TextMeasurementProfile::new(identity, backend);
                SvgEnvironment::deterministic()
                    .with_text_measurement_policy(TextMeasurementPolicy::uniform(profile))
            }
            // Only a malformed constant name gets here: merman's own estimate then.
            Err(_) => SvgEnvironment::deterministic(),
        }
    })
}

/// CSS weights drawn with the bold face: `bold`, `bolder` and 600 up.
fn is_bold(weight: &str) -> bool {
    let weight = weight.trim();
    weight.starts_with("bold") || weight.parse::<u16>().is_ok_and(|w| w >= 600)
}

/// merman's root is `width="100%"` for browsers; usvg and Typst need its size in units,
/// so the root gets the viewBox's width and height. Only the root tag, which merman
/// writes, is touched: labels are escaped text inside later elements.
fn sized(svg: &str) -> Result<String, String> {
    let start = svg.find("<svg").ok_or("the drawing has no <svg> root")?;
    let end = start + svg[start..].find('>').ok_or("the drawing's <svg> root is not closed")?;
    let root = &svg[start..end];
    let (width, height) = view_box_size(root).ok_or("the drawing has no usable viewBox")?;
    let mut fixed: String = remove_attribute(&remove_attribute(root, "width"), "style");
    fixed.push_str(&format!(r#" width="{width}" height="{height}""#));
    Ok(format!("{}{fixed}{}", &svg[..start], &svg[end..]))
}

/// The width and height of `viewBox="x y w h"` in the tag `root`, when both are positive.
fn view_box_size(root: &str) -> Option<(f64, f64)> {
    let value = attribute(root, "viewBox")?;
    let numbers: Vec<f64> =
        value.split([' ', ',']).filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect();
    match numbers.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 && w.is_finite() && h.is_finite() => Some((*w, *h)),
        _ => None,
    }
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].find('"').map(|end| &tag[at..at + end])
}

fn remove_attribute(tag: &str, name: &str) -> String {
    let Some(at) = tag.find(&format!(" {name}=\"")) else { return tag.to_string() };
    let value_start = at + name.len() + 3;
    match tag[value_start..].find('"') {
        Some(end) => format!("{}{}", &tag[..at], &tag[value_start + end + 1..]),
        None => tag.to_string(),
    }
}

/// merman's errors carry a source excerpt on later lines; a warning keeps the first.
fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_is_read_past_front_matter_comments_and_directives() {
        assert_eq!(kind_word("---\ntitle: 图\n---\n%% note\n\ngraph TD; A-->B"), Some("graph"));
        assert_eq!(
            kind_word("%%{init: {}}%%\nsequenceDiagram\n A->>B: hi"),
            Some("sequenceDiagram")
        );
        assert_eq!(kind_word("  \n"), None);
    }

    #[test]
    fn kinds_not_drawn_are_refused_by_name() {
        let refused = check_kind("mindmap\n  root").unwrap_err();
        assert!(
            refused.contains("`mindmap`") && refused.contains("flowchart, sequence"),
            "{refused}"
        );
        assert!(check_kind("stateDiagram-v2\n [*] --> A").is_ok());
    }

    #[test]
    fn sources_too_large_are_refused() {
        assert!(draw(&"%%\n".repeat(MAX_SOURCE_BYTES)).unwrap_err().contains("KB"));
        let many = format!("graph TD\n{}", "A-->B;".repeat(MAX_STATEMENTS));
        assert!(draw(&many).unwrap_err().contains("statements"));
    }

    #[test]
    fn the_root_gets_the_view_box_size() {
        let svg = r#"<svg id="m" width="100%" style="max-width:80px" viewBox="0 0 80 40.5"><text>a</text></svg>"#;
        let fixed = sized(svg).unwrap();
        assert!(
            fixed.starts_with(r#"<svg id="m" viewBox="0 0 80 40.5" width="80" height="40.5">"#),
            "{fixed}"
        );
        assert!(sized("<svg><g/></svg>").is_err());
    }

    #[test]
    fn every_kind_draws_with_chinese_labels_as_text_in_the_bundled_family() {
        for source in [
            "flowchart TD\n  A[收集数据] --> B{完整吗}",
            "sequenceDiagram\n  用户->>服务器: 提交报告",
            "pie title 收入\n  \"国内\" : 45\n  \"海外\" : 30",
            "gantt\n  dateFormat YYYY-MM-DD\n  section 阶段\n  调研 :a1, 2025-01-01, 10d",
            "classDiagram\n  class 报告 {\n    +导出()\n  }",
            "stateDiagram-v2\n  [*] --> 草稿\n  草稿 --> 发布",
        ] {
            let svg = String::from_utf8(draw(source).unwrap()).unwrap();
            assert!(svg.contains("<text"), "{source}");
            assert!(svg.contains(FAMILY), "{source}");
            assert!(!svg.contains("<foreignObject"), "{source}");
        }
    }

    #[test]
    fn a_syntax_error_gives_a_one_line_reason() {
        let reason = draw("flowchart TD\n  A[never closed --> B").unwrap_err();
        assert!(!reason.contains('\n') && !reason.is_empty(), "{reason}");
    }
}
