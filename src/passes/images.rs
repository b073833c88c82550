//! Images: found only inside the report's folder, checked, and made ready for Typst.
//!
//! Typst reads PNG, JPEG, GIF, WebP and SVG itself; other raster formats (BMP, TIFF) are
//! decoded and re-encoded as PNG, and very large pictures are scaled down to print
//! resolution. Missing, remote, corrupt or oversized images become a framed placeholder
//! with a warning, so one bad picture never fails a report.

use crate::error::Warning;
use crate::model::{Asset, Document, Inline};
use image::{ImageFormat, ImageReader, Limits};
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// Longest side, in pixels, kept as it is: 25 cm at 300 dpi.
const MAX_SIDE: u32 = 3000;
/// Decoding refuses pictures larger than this (decompression bombs).
const MAX_DECODE_SIDE: u32 = 20_000;
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// Resolves every image of `doc` against `base_dir`; images that cannot be used become
/// placeholders. Converted pictures are added to `doc.assets`.
pub fn resolve_images(doc: &mut Document, base_dir: Option<&Path>) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let mut assets: Vec<Asset> = Vec::new();
    doc.visit_all_inlines_mut(&mut |inlines, line| {
        for inline in inlines.iter_mut() {
            let Inline::Image { url, alt } = inline else { continue };
            match prepare(base_dir, url, assets.len()) {
                // Rooted at the report's folder: the template library resolves it.
                Ok(Prepared::AsIs(path)) => *url = format!("/{}", path.replace('\\', "/")),
                Ok(Prepared::Converted(asset)) => {
                    *url = asset.path.clone();
                    assets.push(asset);
                }
                Err(problem) => {
                    warnings.push(Warning {
                        line: Some(line),
                        message: format!("image not found: {url} ({problem})"),
                    });
                    *inline = Inline::MissingImage { url: url.clone(), alt: alt.clone() };
                }
            }
        }
    });
    doc.assets.extend(assets);
    warnings
}

enum Prepared {
    /// Typst reads the file itself, at this path relative to the report.
    AsIs(String),
    /// A re-encoded copy served from memory.
    Converted(Asset),
}

fn prepare(base_dir: Option<&Path>, url: &str, index: usize) -> Result<Prepared, String> {
    if url.starts_with("http://") || url.starts_with("https://") || url.contains("://") {
        return Err("remote images are not fetched".into());
    }
    if url.starts_with("data:") {
        return Err("embedded data URLs are not supported".into());
    }
    let (relative, path) = locate(base_dir, url)?;
    let bytes = std::fs::read(&path).map_err(|e| format!("cannot read: {e}"))?;
    if is_svg(&path, &bytes) {
        return Ok(Prepared::AsIs(relative));
    }
    let format =
        image::guess_format(&bytes).map_err(|_| "not an image Folio can read".to_string())?;
    let picture = decode(&bytes, format)?;
    let native = matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP
    );
    if native && picture.width().max(picture.height()) <= MAX_SIDE {
        return Ok(Prepared::AsIs(relative));
    }
    let picture = if picture.width().max(picture.height()) > MAX_SIDE {
        picture.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Lanczos3)
    } else {
        picture
    };
    let (extension, format) = if format == ImageFormat::Jpeg {
        ("jpg", ImageFormat::Jpeg)
    } else {
        ("png", ImageFormat::Png)
    };
    let mut encoded = Cursor::new(Vec::new());
    let picture = if format == ImageFormat::Jpeg { picture.into_rgb8().into() } else { picture };
    picture.write_to(&mut encoded, format).map_err(|e| format!("cannot re-encode: {e}"))?;
    let path = format!("/.folio-assets/{index}.{extension}");
    Ok(Prepared::Converted(Asset { path, bytes: encoded.into_inner() }))
}

/// Finds the file for `url` inside `base_dir` (trying the URL percent-decoded too);
/// returns the path to give Typst and the real path.
fn locate(base_dir: Option<&Path>, url: &str) -> Result<(String, PathBuf), String> {
    let base = base_dir
        .and_then(|d| d.canonicalize().ok())
        .ok_or_else(|| "no folder to read images from".to_string())?;
    let url = url.split(['?', '#']).next().unwrap_or(url);
    for candidate in [url.to_string(), crate::text::percent_decode(url)] {
        if Path::new(&candidate).is_absolute() {
            return Err("absolute paths are not allowed".into());
        }
        let Ok(real) = base.join(&candidate).canonicalize() else { continue };
        if !real.starts_with(&base) {
            return Err("outside the report's folder".into());
        }
        if real.is_file() {
            return Ok((candidate, real));
        }
    }
    Err("no such file".into())
}

fn decode(bytes: &[u8], format: ImageFormat) -> Result<image::DynamicImage, String> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODE_SIDE);
    limits.max_image_height = Some(MAX_DECODE_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    reader.decode().map_err(|e| format!("unreadable or too large: {e}"))
}

fn is_svg(path: &Path, bytes: &[u8]) -> bool {
    let svg_name = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
    svg_name && head.contains("<svg")
}
