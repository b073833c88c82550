//! A report's style: its configuration with its front matter over it, checked; a logo
//! becomes an asset served from memory.

use super::{Converter, Input};
use crate::error::{Error, Warning};
use crate::model::{Asset, Document};
use crate::picture::Kind;
use crate::picture::svg::{self, Links};
use crate::sandbox::{Refused, resolve_inside};
use crate::style::Style;
use std::path::Path;

impl Converter {
    /// The style of one report: its configuration (or the converter's) with its front
    /// matter over it, validated.
    pub(super) fn style_for(
        &self,
        input: &Input,
        doc: &mut Document,
        warnings: &mut Vec<Warning>,
    ) -> Result<Style, Error> {
        let base = input.style.unwrap_or(&self.options.style);
        let mut style = base.merged(&doc.meta.style);
        // A bad value from the report's own front matter costs only that option (issue
        // 17); one from the configuration is the user's to fix, and fails.
        while let Err(source) = style.validate(&self.themes.names()) {
            if !doc.meta.style.unset(&source.key) {
                return Err(Error::Style { path: input.path.to_path_buf(), source });
            }
            warnings.push(Warning {
                line: doc.meta.lines.get(&source.key).copied(),
                message: format!("front matter {source}; ignored"),
            });
            style = base.merged(&doc.meta.style);
        }
        // A logo named by the report itself may come only from the report's folder, like
        // its images; one from a folio.toml found beside the reports only from that
        // file's folder; one from the user's own configuration from anywhere.
        let from_report = doc.meta.style.logo.is_some();
        let confined_to = match from_report {
            true => Some(input.base_dir.map(Path::to_path_buf)),
            false => style.logo_root.clone().map(Some),
        };
        if let Some(logo) = style.logo.take() {
            let path = match (logo.is_relative(), input.base_dir) {
                (true, Some(dir)) => dir.join(&logo),
                _ => logo.clone(),
            };
            let allowed = match &confined_to {
                None => Ok(()),
                Some(Some(dir)) => resolve_inside(dir, &path).map(drop),
                Some(None) => Err(Refused::Outside),
            };
            // Pictures a logo's SVG links may come from the same folder the logo may.
            let root = match &confined_to {
                Some(Some(dir)) => dir.to_path_buf(),
                _ => path.parent().unwrap_or(Path::new(".")).to_path_buf(),
            };
            let loaded = allowed
                .map_err(|refused| match (from_report, refused) {
                    (false, Refused::Outside) => {
                        "outside the folder of the folio.toml that names it".to_string()
                    }
                    (_, refused) => refused.to_string(),
                })
                .and_then(|()| load_logo(&path, &root));
            match loaded {
                Ok(asset) => {
                    style.logo = Some(asset.path.clone().into());
                    doc.assets.push(asset);
                }
                Err(message) => warnings.push(Warning {
                    line: None,
                    message: format!("logo {}: {message}; left out", logo.display()),
                }),
            }
        }
        Ok(style)
    }
}

/// Reads a logo picture into an asset, checking it is an image Typst can place; an
/// SVG is checked as Typst will parse it, pictures it links inside `root` inlined.
fn load_logo(path: &Path, root: &Path) -> Result<Asset, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let kind = crate::picture::sniff(&bytes).filter(|kind| kind.typst_reads());
    let kind = kind.ok_or("not a PNG, JPEG, GIF, WebP or SVG picture")?;
    let bytes = match kind {
        Kind::Svg => {
            let links = Links { root, dir: path.parent().unwrap_or(root) };
            svg::check(&bytes, Some(links))
                .map_err(|reason| format!("not usable ({reason})"))?
                .bytes
        }
        // Typst decodes the logo as it is: its header must be within the decoding limits.
        Kind::Raster(format) => {
            let header = crate::picture::header(&bytes, format)?;
            crate::picture::Limits::default().check(&header)?;
            bytes
        }
    };
    Ok(Asset {
        path: format!("/.folio-assets/logo.{}", kind.extension()),
        bytes,
        pixels_per_pt: None,
    })
}
