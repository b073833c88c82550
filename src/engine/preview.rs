//! Previews of laid-out pages, rendered in-process: a page at screen resolution and a
//! contact sheet of every page as thumbnails (PNG), and every page as vector SVG.

use image::{ImageFormat, Rgba, RgbaImage};
use std::io::Cursor;
use typst_layout::PagedDocument;

/// Thumbnails per row of a contact sheet.
const SHEET_COLUMNS: u32 = 4;
/// Gap around thumbnails, in pixels.
const GAP: u32 = 12;

/// One page as PNG, `pixels_per_pt` pixels per point (2 gives a sharp screen image).
pub fn page_png(document: &PagedDocument, page: usize, pixels_per_pt: f32) -> Option<Vec<u8>> {
    encode(&render(document, page, pixels_per_pt)?)
}

/// Every page as a standalone SVG document (text as glyph outlines, pictures embedded),
/// sharp at any zoom; each page is its own document, so ids never clash between pages.
pub fn page_svgs(document: &PagedDocument) -> Vec<String> {
    let options = typst_svg::SvgOptions::default();
    document.pages().iter().map(|page| typst_svg::svg(page, &options)).collect()
}

/// Most bytes of SVG a [`SvgCache`] keeps; past it, it starts afresh.
const SVG_CACHE_BYTES: usize = 64 << 20;

/// SVG pages already made, by a hash of the laid-out page (cheap: Typst keeps the hash
/// of a frame's content). After an edit most pages are laid out exactly as before, so
/// the preview server exports only the pages that changed: for a 20-page report and its
/// 35 slides, SVG export was half of each rebuild.
#[derive(Default)]
pub struct SvgCache {
    pages: std::sync::Mutex<(std::collections::HashMap<u128, String>, usize)>,
}

impl SvgCache {
    /// Every page as SVG, as [`page_svgs`] makes them, reusing those made before.
    pub fn page_svgs(&self, document: &PagedDocument) -> Vec<String> {
        let options = typst_svg::SvgOptions::default();
        let lock = || self.pages.lock().unwrap_or_else(|e| e.into_inner());
        document
            .pages()
            .iter()
            .map(|page| {
                let key = typst::utils::hash128(page);
                if let Some(svg) = lock().0.get(&key) {
                    return svg.clone();
                }
                let svg = typst_svg::svg(page, &options);
                let mut cache = lock();
                if cache.1 + svg.len() > SVG_CACHE_BYTES {
                    *cache = Default::default();
                }
                cache.1 += svg.len();
                cache.0.insert(key, svg.clone());
                svg
            })
            .collect()
    }
}

/// Every page as a thumbnail `thumb_width` pixels wide, four to a row, on a light grey
/// sheet.
pub fn contact_sheet_png(document: &PagedDocument, thumb_width: u32) -> Option<Vec<u8>> {
    let first = document.pages().first()?;
    let scale = thumb_width as f32 / first.frame.width().to_pt() as f32;
    let thumbs: Vec<RgbaImage> =
        (0..document.pages().len()).filter_map(|i| render(document, i, scale)).collect();
    let cell_height = thumbs.iter().map(RgbaImage::height).max()?;
    let columns = SHEET_COLUMNS.min(thumbs.len() as u32).max(1);
    let rows = (thumbs.len() as u32).div_ceil(columns);
    let width = columns * (thumb_width + GAP) + GAP;
    let height = rows * (cell_height + GAP) + GAP;
    let mut sheet = RgbaImage::from_pixel(width, height, Rgba([226, 229, 233, 255]));
    for (i, thumb) in thumbs.iter().enumerate() {
        let (column, row) = (i as u32 % columns, i as u32 / columns);
        let x = GAP + column * (thumb_width + GAP);
        let y = GAP + row * (cell_height + GAP);
        image::imageops::overlay(&mut sheet, thumb, i64::from(x), i64::from(y));
    }
    encode(&sheet)
}

/// Longest side, in pixels, of any rendered page: a page as wide as a formula that asks
/// for kilometres of space is drawn smaller rather than exhausting memory.
const MAX_RENDER_SIDE: f64 = 16_384.0;

fn render(document: &PagedDocument, page: usize, pixels_per_pt: f32) -> Option<RgbaImage> {
    let page = document.pages().get(page)?;
    let longest = page.frame.width().to_pt().max(page.frame.height().to_pt()).max(1.0);
    let pixels_per_pt = f64::from(pixels_per_pt).min(MAX_RENDER_SIDE / longest);
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(pixels_per_pt),
        ..Default::default()
    };
    let pixmap = typst_render::render(page, &options);
    // Pages are rendered on white, so premultiplied and straight alpha agree.
    RgbaImage::from_raw(pixmap.width(), pixmap.height(), pixmap.data().to_vec())
}

fn encode(picture: &RgbaImage) -> Option<Vec<u8>> {
    let mut png = Cursor::new(Vec::new());
    picture.write_to(&mut png, ImageFormat::Png).ok()?;
    Some(png.into_inner())
}
