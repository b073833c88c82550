//! Images: found only inside the report's folder or fetched when asked, checked, and
//! made ready for Typst.
//!
//! Typst reads PNG, JPEG, GIF and WebP itself; other raster formats (BMP, TIFF) are
//! decoded and re-encoded as PNG, and very large pictures are scaled down to print
//! resolution. Every raster picture's header is checked against the decoding
//! [`Limits`] first, so no picture Folio or Typst decodes is over them. An SVG is
//! checked as Typst would parse it, its linked pictures inlined, and served from memory.
//! A remote picture is taken from the pictures the driver fetched (see [`crate::fetch`]),
//! checked the same way; when the report did not ask for them, remote pictures are
//! counted in one warning. Missing, remote, corrupt or oversized images and unusable
//! SVGs become a framed placeholder with a warning, so one bad picture never fails a
//! report.

use crate::address::Address;
use crate::error::Warning;
use crate::fetch::{Remote, RemotePictures};
use crate::model::{Asset, Document, Inline};
use crate::picture::svg::{self, Links};
use crate::picture::{self, Kind, Limits};
use crate::sandbox::{Refused, resolve_inside};
use image::ImageFormat;
use std::path::{Path, PathBuf};

/// Longest side, in pixels, kept as it is: 25 cm at 300 dpi.
const MAX_SIDE: u32 = 3000;

/// Where a report's pictures come from: its folder, and the remote pictures fetched for it
/// (`None` when it did not ask for them).
#[derive(Debug, Clone, Copy, Default)]
pub struct Sources<'a> {
    pub base_dir: Option<&'a Path>,
    pub remote: Option<&'a RemotePictures>,
}

/// Resolves every image of `doc`; images that cannot be used (or are over `limits`)
/// become placeholders. Converted pictures are added to `doc.assets`.
pub fn resolve_images(doc: &mut Document, sources: Sources, limits: &Limits) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let mut not_fetched = Vec::new();
    let mut assets: Vec<Asset> = Vec::new();
    // A picture named again is read, checked and decoded once.
    let mut served: std::collections::HashMap<String, String> = Default::default();
    // Numbered after any assets already there, so no two share a path whatever runs first.
    let first = doc.assets.len();
    doc.visit_all_inlines_mut(&mut |inlines, line| {
        for inline in inlines.iter_mut() {
            let Inline::Image { url, alt } = inline else { continue };
            if let Some(path) = served.get(url.as_str()) {
                *url = path.clone();
                continue;
            }
            match prepare(sources, url, first + assets.len(), limits) {
                Ok(asset) => {
                    served.insert(url.clone(), asset.path.clone());
                    *url = asset.path.clone();
                    assets.push(asset);
                }
                Err(problem) => {
                    let message = match problem {
                        Problem::NotFound(reason) => format!("image not found: {url} ({reason})"),
                        Problem::NotUsable(reason) => format!("image not usable: {url} ({reason})"),
                        Problem::NotFetched => format!("{}{url}", crate::error::NOT_FETCHED),
                        Problem::FetchFailed(reason) => {
                            format!("image not fetched: {url} ({reason})")
                        }
                    };
                    let warning = Warning { line: Some(line), message };
                    match warning.is_detail() {
                        true => not_fetched.push(warning),
                        false => warnings.push(warning),
                    }
                    *inline = Inline::MissingImage { url: url.clone(), alt: alt.clone() };
                }
            }
        }
    });
    doc.assets.extend(assets);
    warnings.extend(summarise_not_fetched(not_fetched));
    warnings
}

/// One warning for all the remote pictures a report did not ask to fetch, followed by one
/// line per picture that only `-v` shows.
fn summarise_not_fetched(pictures: Vec<Warning>) -> Vec<Warning> {
    let Some(first) = pictures.first() else { return Vec::new() };
    let count = pictures.len();
    let noun = if count == 1 { "remote picture" } else { "remote pictures" };
    let summary = Warning {
        line: first.line,
        message: format!("{count} {noun} not fetched; pass --fetch-images to download them"),
    };
    std::iter::once(summary).chain(pictures).collect()
}

/// Why an image is left out: there is no file to read, the file cannot be used, or it is
/// remote and the report did not ask for it to be fetched.
enum Problem {
    NotFound(String),
    NotUsable(String),
    NotFetched,
    /// Fetching was asked for and failed (or the fetched bytes are no picture).
    FetchFailed(String),
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

/// A picture ready for Typst, served from memory: Typst reads exactly the bytes checked
/// here, never a file it would find by a path of its own (`pic\\a.png` checked, then
/// `pic/a.png` read, would skip every check).
fn prepare(sources: Sources, url: &str, index: usize, limits: &Limits) -> Result<Asset, Problem> {
    match crate::address::classify(url) {
        Address::Data => return Err("embedded data URLs are not supported".into()),
        Address::Web => return prepare_remote(sources.remote, url, index, limits),
        Address::Other => return Err("only http and https pictures can be fetched".into()),
        Address::Empty | Address::InPage(_) | Address::File { .. } => {}
    }
    let base = sources.base_dir.ok_or("no folder to read images from")?;
    let (_, path) = picture_file(base, url, limits)?;
    let bytes = std::fs::read(&path).map_err(|e| format!("cannot read: {e}"))?;
    let kind = picture::sniff(&bytes).ok_or("not an image Folio can read")?;
    let Kind::Raster(format) = kind else {
        // Checked as Typst will parse it; Typst then reads exactly these bytes.
        let links = Links { root: base, dir: path.parent().unwrap_or(base) };
        let checked = svg::check(&bytes, Some(links)).map_err(Problem::NotUsable)?;
        return Ok(served(index, kind, checked.bytes));
    };
    raster(bytes, format, index, limits)
}

/// A fetched picture, from the cache, checked like a local one (an SVG may link nothing).
fn prepare_remote(
    remote: Option<&RemotePictures>,
    url: &str,
    index: usize,
    limits: &Limits,
) -> Result<Asset, Problem> {
    let path = match remote.ok_or(Problem::NotFetched)?.get(url) {
        Some(Remote::Fetched { path, .. }) => path,
        Some(Remote::Failed { reason }) => return Err(Problem::FetchFailed(reason.clone())),
        None => return Err(Problem::FetchFailed("not downloaded".into())),
    };
    let bytes = std::fs::read(path)
        .map_err(|e| Problem::FetchFailed(format!("cannot read the cached copy: {e}")))?;
    let kind = picture::sniff(&bytes).ok_or(Problem::FetchFailed("not a picture".into()))?;
    let Kind::Raster(format) = kind else {
        let checked = svg::check(&bytes, None).map_err(Problem::NotUsable)?;
        return Ok(served(index, kind, checked.bytes));
    };
    raster(bytes, format, index, limits)
}

/// A picture served from memory under a name Typst reads as its kind (whatever the
/// file's own name says: an SVG saved as `.png` is still an SVG).
fn served(index: usize, kind: Kind, bytes: Vec<u8>) -> Asset {
    let path = format!("/.folio-assets/{index}.{}", kind.extension());
    Asset { path, bytes, pixels_per_pt: None }
}

/// A raster picture within `limits`: as it is when Typst reads it and it is not
/// oversized, else decoded, shrunk when needed, and re-encoded.
fn raster(
    bytes: Vec<u8>,
    format: ImageFormat,
    index: usize,
    limits: &Limits,
) -> Result<Asset, Problem> {
    // From the header alone: a picture over the limits costs no decoding, in Folio or
    // in Typst, which decodes the pictures passed to it as they are.
    limits.check(&picture::header(&bytes, format)?).map_err(Problem::NotUsable)?;
    let decoded = picture::decode(&bytes, format, limits)?;
    let oversized = decoded.width().max(decoded.height()) > MAX_SIDE;
    if Kind::Raster(format).typst_reads() && !oversized {
        return Ok(served(index, Kind::Raster(format), bytes));
    }
    let decoded = if oversized { shrink(&decoded) } else { decoded };
    let extension = if format == ImageFormat::Jpeg { "jpg" } else { "png" };
    let bytes = picture::encode(decoded, format)?;
    let path = format!("/.folio-assets/{index}.{extension}");
    Ok(Asset { path, bytes, pixels_per_pt: None })
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
