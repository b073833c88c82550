//! The settings fingerprint: everything besides a report that decides its outputs.

use super::{ConverterOptions, load_templates};
use crate::engine;
use crate::error::Error;
use crate::manifest::Fingerprint;
use crate::templates::Templates;
use std::path::PathBuf;

/// The settings fingerprint of [`super::Converter::settings_fingerprint`], without
/// loading fonts: what a run that leaves converting to worker processes needs.
pub fn settings_fingerprint(options: &ConverterOptions) -> Result<Fingerprint, Error> {
    let font_dirs = engine::font_dirs(&options.font_dirs, !options.no_bundled_fonts);
    Ok(fingerprint(options, &load_templates(options)?, &font_dirs))
}

/// Folio's version, the templates, the font files (names and sizes) and the options.
pub(super) fn fingerprint(
    options: &ConverterOptions,
    templates: &Templates,
    font_dirs: &[PathBuf],
) -> Fingerprint {
    let mut fingerprint = Fingerprint::default();
    fingerprint.add(env!("CARGO_PKG_VERSION").as_bytes());
    for (name, text) in templates.files() {
        fingerprint.add(name.as_bytes()).add(text.as_bytes());
    }
    for dir in font_dirs {
        let mut fonts: Vec<(String, u64)> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| {
                (e.file_name().to_string_lossy().into_owned(), e.metadata().map_or(0, |m| m.len()))
            })
            .collect();
        fonts.sort();
        for (name, len) in fonts {
            fingerprint.add(name.as_bytes()).add(&len.to_le_bytes());
        }
    }
    fingerprint.add(format!("{:?}", options).as_bytes());
    for template in [&options.reference_pptx, &options.style.reference_pptx].into_iter().flatten() {
        fingerprint.add(&crate::pptx::reference::stamp(template));
    }
    fingerprint
}
