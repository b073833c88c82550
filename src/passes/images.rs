//! Images: found only inside the report's folder, checked, and made ready for Typst.
//!
//! Typst reads PNG, JPEG, GIF and WebP itself; other raster formats (BMP, TIFF) are
//! decoded and re-encoded as PNG, and very large pictures are scaled down to print
//! resolution. Every raster picture's header is checked against the decoding
//! [`Limits`] first, so no picture Folio or Typst decodes is over them. An SVG is
//! checked as Typst would parse it, its linked pictures inlined, and served from memory. Missing, remote, corrupt or oversized images and unusable
//! SVGs become a framed placeholder with a warning, so one bad picture never fails a
//! report.

use crate::address::Address;
use crate::error::Warning;
use crate::model::{Asset, Document, Inline};
use crate::picture::svg::{self, Links};
use crate::picture::{self, Kind, Limits};
use crate::sandbox::{Refused, resolve_inside};
use image::ImageFormat;
use std::path::{Path, PathBuf};

/// Longest side, in pixels, kept as it is: 25 cm at 300 dpi.
const MAX_SIDE: u32 = 3000;

/// Resolves every image of `doc` against `base_dir`; images that cannot be used (or are
/// over `limits`) become placeholders. Converted pictures are added to `doc.assets`.
pub fn resolve_images(
    doc: &mut Document,
    base_dir: Option<&Path>,
    limits: &Limits,
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let mut assets: Vec<Asset> = Vec::new();
    // Numbered after any assets already there, so no two share a path whatever runs first.
    let first = doc.assets.len();
    doc.visit_all_inlines_mut(&mut |inlines, line| {
        for inline in inlines.iter_mut() {
            let Inline::Image { url, alt } = inline else { continue };
            match prepare(base_dir, url, first + assets.len(), limits) {
                // Rooted at the report's folder: the template library resolves it.
                Ok(Prepared::AsIs(path)) => *url = format!("/{}", path.replace('\\', "/")),
                Ok(Prepared::Converted(asset)) => {
                    *url = asset.path.clone();
                    assets.push(asset);
                }
                Err(problem) => {
                    let message = match problem {
                        Problem::NotFound(reason) => format!("image not found: {url} ({reason})"),
                        Problem::NotUsable(reason) => format!("image not usable: {url} ({reason})"),
                    };
                    warnings.push(Warning { line: Some(line), message });
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

/// Why an image is left out: there is no file to read, or the file cannot be used.
enum Problem {
    NotFound(String),
    NotUsable(String),
}

impl From<String> for Problem {
    fn from(reason: String) -> Self {
        Problem::NotFound(reason)
    }
}

impl From<&str> for Problem {
    fn from(reason: &str) -> Self {
        Problem::NotFound(reason.to_string())
    }
}

fn prepare(
    base_dir: Option<&Path>,
    url: &str,
    index: usize,
    limits: &Limits,
) -> Result<Prepared, Problem> {
    match crate::address::classify(url) {
        Address::Data => return Err("embedded data URLs are not supported".into()),
        Address::Web | Address::Other => return Err("remote images are not fetched".into()),
        Address::Empty | Address::InPage(_) | Address::File { .. } => {}
    }
    let base = base_dir.ok_or("no folder to read images from")?;
    let (relative, path) = picture_file(base, url, limits)?;
    let bytes = std::fs::read(&path).map_err(|e| format!("cannot read: {e}"))?;
    let kind = picture::sniff(&bytes).ok_or("not an image Folio can read")?;
    // Typst goes by the file's extension: a picture misnamed (an SVG saved as `.png`) is
    // served from memory under the right one.
    let as_is = |bytes: Vec<u8>| match picture::named_as(&path, kind) {
        true => Prepared::AsIs(relative.clone()),
        false => {
            let path = format!("/.folio-assets/{index}.{}", kind.extension());
            Prepared::Converted(Asset { path, bytes, pixels_per_pt: None })
        }
    };
    let Kind::Raster(format) = kind else {
        // Checked as Typst will parse it; Typst then reads exactly these bytes.
        let links = Links { root: base, dir: path.parent().unwrap_or(base) };
        let checked = svg::check(&bytes, Some(links)).map_err(Problem::NotUsable)?;
        let path = format!("/.folio-assets/{index}.svg");
        return Ok(Prepared::Converted(Asset { path, bytes: checked.bytes, pixels_per_pt: None }));
    };
    // From the header alone: a picture over the limits costs no decoding, in Folio or
    // in Typst, which decodes the pictures passed to it as they are.
    limits.check(&picture::header(&bytes, format)?).map_err(Problem::NotUsable)?;
    let decoded = picture::decode(&bytes, format, limits)?;
    let oversized = decoded.width().max(decoded.height()) > MAX_SIDE;
    if kind.typst_reads() && !oversized {
        return Ok(as_is(bytes));
    }
    let decoded = if oversized { shrink(&decoded) } else { decoded };
    let extension = if format == ImageFormat::Jpeg { "jpg" } else { "png" };
    let bytes = picture::encode(decoded, format)?;
    let path = format!("/.folio-assets/{index}.{extension}");
    Ok(Prepared::Converted(Asset { path, bytes, pixels_per_pt: None }))
}

/// A picture scaled down to [`MAX_SIDE`]. Lanczos resampling works on a float copy
/// of the source's width at the target height (16 bytes a pixel: 1.9 GB for a
/// 40,000 px wide strip), so a picture at least twice the target size is averaged down
/// in integers instead, which needs no more than the result (each target pixel is the
/// mean of a block of two or more source pixels a side, with no aliasing to speak of).
fn shrink(decoded: &image::DynamicImage) -> image::DynamicImage {
    if decoded.width().max(decoded.height()) >= 2 * MAX_SIDE {
        decoded.thumbnail(MAX_SIDE, MAX_SIDE)
    } else {
        decoded.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Lanczos3)
    }
}

/// The one rule for which file a picture reference may read: a regular file inside
/// `base` (see [`locate`]) no larger than the picture memory limit, so that neither a
/// conversion nor the fingerprint reads a huge file, a device or a FIFO because a report
/// named it. Returns the path to give Typst and the real path.
pub fn picture_file(base: &Path, url: &str, limits: &Limits) -> Result<(String, PathBuf), String> {
    let (relative, path) = locate(base, url)?;
    let size = std::fs::metadata(&path).map_err(|e| format!("cannot read: {e}"))?.len();
    if size > limits.max_bytes {
        let (size, limit) = (size as f64 / 1e6, limits.max_bytes as f64 / 1e6);
        return Err(format!(
            "a {size:.1} MB file, over the {limit:.0} MB limit for one picture (--max-image-mb)"
        ));
    }
    Ok((relative, path))
}

/// Finds the file for `url` inside `base` (trying the URL percent-decoded too);
/// returns the path to give Typst and the real path.
fn locate(base: &Path, url: &str) -> Result<(String, PathBuf), String> {
    let url = url.split(['?', '#']).next().unwrap_or(url);
    for candidate in [url.to_string(), crate::text::percent_decode(url)] {
        if Path::new(&candidate).is_absolute() {
            return Err("absolute paths are not allowed".into());
        }
        let real = match resolve_inside(base, &base.join(&candidate)) {
            Ok(real) => real,
            Err(Refused::Outside) => return Err(Refused::Outside.to_string()),
            Err(Refused::Unreadable(_)) => continue,
        };
        if real.is_file() {
            return Ok((candidate, real));
        }
    }
    Err("no such file".into())
}
