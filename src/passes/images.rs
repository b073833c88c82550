//! Local images that cannot be found become their alt text with a warning, rather than
//! failing the whole document.

use crate::error::Warning;
use crate::model::{Document, Inline, visit_inlines_mut};
use std::path::Path;

/// Replaces images under `base_dir` that do not exist (or any local image when there is
/// no base folder) by their alt text, warning with the line.
pub fn drop_missing_images(doc: &mut Document, base_dir: Option<&Path>) -> Vec<Warning> {
    let mut warnings = Vec::new();
    visit_inlines_mut(&mut doc.blocks, &mut |inlines, line| {
        for inline in inlines.iter_mut() {
            let Inline::Image { url, alt } = inline else {
                continue;
            };
            if url.contains("://") || url.starts_with("data:") || url.is_empty() {
                continue;
            }
            if let Err(problem) = check_image(base_dir, url) {
                warnings.push(Warning {
                    line: Some(line),
                    message: format!("image {url}: {problem} (shown as its description)"),
                });
                let text = if alt.is_empty() { url.clone() } else { alt.clone() };
                *inline = Inline::Text(format!("[{text}]"));
            }
        }
    });
    warnings
}

/// Typesetting may read only files inside the report's folder: say why an image can't be.
fn check_image(base_dir: Option<&Path>, url: &str) -> Result<(), &'static str> {
    let Some(base) = base_dir.and_then(|d| d.canonicalize().ok()) else {
        return Err("no folder to read images from");
    };
    if Path::new(url).is_absolute() {
        return Err("absolute paths are not allowed");
    }
    let Ok(real) = base.join(url).canonicalize() else {
        return Err("not found");
    };
    if !real.starts_with(&base) {
        return Err("outside the report's folder");
    }
    if !real.is_file() {
        return Err("not a file");
    }
    Ok(())
}
