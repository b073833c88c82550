//! Pictures embedded in the package: the same bytes the slides PDF typesets (the report's
//! own files, already checked to lie in its folder, or the re-encoded copies in
//! `Document.assets`), each stored once however often it is shown.

use super::geometry::Rect;
use super::package::Rels;
use crate::error::Warning;
use crate::model::Asset;
use crate::picture::{self, Kind};
use crate::sandbox::resolve_inside;
use image::ImageFormat;
use std::path::Path;

/// EMU per pixel at 96 dpi.
const EMU_PER_PX: f64 = 9_525.0;

/// One picture as placed on a slide.
#[derive(Debug, Clone)]
pub struct Picture {
    /// Relationship id from the slide.
    pub rel: String,
    width: u32,
    height: u32,
}

impl Picture {
    /// Width over height.
    pub fn aspect(&self) -> f64 {
        f64::from(self.width.max(1)) / f64::from(self.height.max(1))
    }

    /// The picture's box inside `area`: its shape kept, centred across, never enlarged
    /// past 96 dpi unless it may `grow` (a drawn diagram fills the room it gets).
    pub fn fit(&self, area: Rect, grow: bool) -> Rect {
        let (w, h) =
            (f64::from(self.width.max(1)) * EMU_PER_PX, f64::from(self.height.max(1)) * EMU_PER_PX);
        let factor = (area.w as f64 / w).min(area.h as f64 / h);
        let factor = if grow { factor } else { factor.min(1.0) };
        let (w, h) = ((w * factor).round() as i64, (h * factor).round() as i64);
        Rect { x: area.x + (area.w - w) / 2, y: area.y, w: w.max(1), h: h.max(1) }
    }
}

/// A picture stored in the package: its part name (under `ppt/media/`) and pixel size.
type Embedded = (String, u32, u32);

/// Draws an SVG picture (by its address, as the slides PDF names it) as PNG at the
/// given pixels per point: editors differ in what SVG they read, every one reads PNG.
pub type Rasterize<'a> = &'a dyn Fn(&str, f32) -> Option<Vec<u8>>;

/// Pixels per point of rasterized SVG pictures (about 216 dpi).
const SVG_PIXELS_PER_PT: f32 = 3.0;

/// Longest side, in pixels, of a rasterized SVG: an SVG may declare any size, and its
/// PNG must stay a picture an editor opens (4096 px is 64 MB of pixels while drawn).
const MAX_RASTER_SIDE: f32 = 4096.0;

/// Points per SVG pixel, as Typst places SVG pictures (96 px per inch).
const PT_PER_SVG_PX: f32 = 0.75;

/// The pictures of a deck.
pub struct Media<'a> {
    assets: &'a [Asset],
    base_dir: Option<&'a Path>,
    rasterize: Option<Rasterize<'a>>,
    /// Each address seen, with its part when it could be embedded.
    items: Vec<(String, Option<Embedded>)>,
    parts: Vec<(String, Vec<u8>)>,
    pub warnings: Vec<Warning>,
    /// Put before every part name (`folio-image1.png`), to keep clear of a template's.
    prefix: &'static str,
}

impl<'a> Media<'a> {
    pub fn new(
        assets: &'a [Asset],
        base_dir: Option<&'a Path>,
        rasterize: Option<Rasterize<'a>>,
    ) -> Self {
        Media {
            assets,
            base_dir,
            rasterize,
            items: Vec::new(),
            parts: Vec::new(),
            warnings: Vec::new(),
            prefix: "",
        }
    }

    /// The pictures named with `prefix` before each part name.
    pub fn named(self, prefix: &'static str) -> Self {
        Media { prefix, ..self }
    }

    /// Embeds the picture at `url` (as the images pass left it) and relates it to the
    /// slide; `None` when it cannot be shown, with a warning the first time.
    pub fn embed(&mut self, url: &str, rels: &mut Rels) -> Option<Picture> {
        let index = match self.items.iter().position(|(u, _)| u == url) {
            Some(index) => index,
            None => {
                let loaded = self.load(url);
                self.items.push((url.to_string(), loaded));
                self.items.len() - 1
            }
        };
        let (part, width, height) = self.items[index].1.clone()?;
        let rel = rels.add("image", &format!("../media/{part}"));
        Some(Picture { rel, width, height })
    }

    /// The media parts (`ppt/media/…`) to add to the package.
    pub fn into_parts(self) -> (Vec<(String, Vec<u8>)>, Vec<Warning>) {
        (self.parts, self.warnings)
    }

    fn load(&mut self, url: &str) -> Option<Embedded> {
        let drawn_at = self.assets.iter().find(|a| a.path == url).and_then(|a| a.pixels_per_pt);
        let is_svg = |bytes: &[u8]| picture::sniff(bytes) == Some(picture::Kind::Svg);
        let prepared = self.read(url).and_then(|bytes| match is_svg(&bytes) {
            true => self.rasterize_svg(url, &bytes),
            false => prepare(&bytes).map(|(extension, bytes, width, height)| match drawn_at {
                Some(density) => (extension, bytes, shown(width, density), shown(height, density)),
                None => (extension, bytes, width, height),
            }),
        });
        match prepared {
            Ok((extension, bytes, width, height)) => {
                // Addresses spelled differently (`a.png`, `./a.png`) or two copies of a
                // file share one part: 20 references to a 6.7 MB picture made 27 MB.
                if let Some((name, _)) = self.parts.iter().find(|(_, part)| *part == bytes) {
                    return Some((name.clone(), width, height));
                }
                let name = format!("{}image{}.{extension}", self.prefix, self.parts.len() + 1);
                self.parts.push((name.clone(), bytes));
                Some((name, width, height))
            }
            Err(problem) => {
                self.warnings.push(Warning {
                    line: None,
                    message: format!("picture {url} left out of the .pptx: {problem}"),
                });
                None
            }
        }
    }

    /// An SVG drawn as PNG, once it passes the same check as every SVG Typst reads
    /// (the images pass has already inlined its linked pictures), at most
    /// [`MAX_RASTER_SIDE`] pixels a side.
    fn rasterize_svg(&self, url: &str, bytes: &[u8]) -> Result<Prepared, String> {
        let checked =
            picture::svg::check(bytes, None).map_err(|reason| format!("not usable: {reason}"))?;
        let longest_pt = checked.width.max(checked.height) * PT_PER_SVG_PX;
        let pixels_per_pt = SVG_PIXELS_PER_PT.min(MAX_RASTER_SIDE / longest_pt.max(1.0));
        let draw = self.rasterize.ok_or("the SVG cannot be drawn")?;
        let png = draw(url, pixels_per_pt).ok_or("the SVG cannot be drawn")?;
        let (extension, png, width, height) = prepare(&png)?;
        Ok((extension, png, shown(width, pixels_per_pt), shown(height, pixels_per_pt)))
    }

    /// The bytes behind a picture address: an asset, or a file of the report's folder.
    fn read(&self, url: &str) -> Result<Vec<u8>, String> {
        if let Some(asset) = self.assets.iter().find(|a| a.path == url) {
            return Ok(asset.bytes.clone());
        }
        let base = self.base_dir.ok_or("no folder to read pictures from")?;
        let path = resolve_inside(base, &base.join(url.trim_start_matches('/')))
            .map_err(|refused| refused.to_string())?;
        std::fs::read(&path).map_err(|e| e.to_string())
    }
}

/// Pixels at 96 dpi of a picture drawn at `pixels_per_pt`: shown at its size in the PDF.
fn shown(px: u32, pixels_per_pt: f32) -> u32 {
    (px as f32 / pixels_per_pt * 96.0 / 72.0).round() as u32
}

/// A picture ready to embed: its extension, bytes and size in pixels.
type Prepared = (&'static str, Vec<u8>, u32, u32);

/// Bytes ready to embed: PNG, JPEG and GIF as they are (every editor reads them), other
/// raster formats re-encoded as PNG. The images pass has already refused pictures over
/// the decoding limits and scaled large ones to 3,000 px; the header is checked against
/// the default limits again so this writer never decodes more whatever it is given.
fn prepare(bytes: &[u8]) -> Result<Prepared, String> {
    let Some(Kind::Raster(format)) = picture::sniff(bytes) else {
        return Err("not a picture Folio can read".into());
    };
    let limits = picture::Limits::default();
    let header = picture::header(bytes, format)?;
    limits.check(&header)?;
    let (width, height) = (header.width, header.height);
    let extension = match format {
        ImageFormat::Png => "png",
        ImageFormat::Jpeg => "jpeg",
        ImageFormat::Gif => "gif",
        _ => {
            let png = picture::encode(picture::decode(bytes, format, &limits)?, ImageFormat::Png)?;
            return Ok(("png", png, width, height));
        }
    };
    Ok((extension, bytes.to_vec(), width, height))
}
