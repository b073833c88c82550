//! The one place that tells what a picture is and re-encodes it: the images pass, the
//! PowerPoint writer and the logo all sniff, decode and encode through here, with the
//! same decoding limits. SVG pictures are checked in [`svg`] before Typst sees them.

pub mod svg;

mod limits;

pub use limits::{Header, Limits};

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use std::io::Cursor;

/// Decoding refuses pictures wider or taller than this whatever their pixel count.
const MAX_DECODE_SIDE: u32 = 20_000;

/// How far into a file the SVG root element is looked for (past an XML declaration,
/// a doctype and comments).
const SVG_HEAD: usize = 4096;

/// What a picture's bytes are, whatever its name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Svg,
    Raster(ImageFormat),
}

impl Kind {
    /// Pictures Typst places as they are: SVG, PNG, JPEG, GIF and WebP.
    pub fn typst_reads(self) -> bool {
        matches!(
            self,
            Kind::Svg
                | Kind::Raster(
                    ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP
                )
        )
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Svg => "svg",
            Kind::Raster(format) => format.extensions_str().first().copied().unwrap_or("bin"),
        }
    }
}

/// The kind of picture in `bytes`, from the bytes alone; `None` for anything else. A
/// raster picture's magic number comes first, so a JPEG whose metadata mentions `<svg`
/// stays a JPEG.
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    if let Ok(format) = image::guess_format(bytes) {
        return Some(Kind::Raster(format));
    }
    is_svg(bytes).then_some(Kind::Svg)
}

/// An SVG document: its root element appears near the start.
pub fn is_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(SVG_HEAD)]).to_ascii_lowercase();
    head.contains("<svg")
}

/// Decodes a raster picture once its header shows it within `limits` (a 48 KB PNG
/// may declare 20,000 × 20,000 pixels: 1.6 GB decoded); the decoder is held to the
/// same memory budget while it works.
pub fn decode(bytes: &[u8], format: ImageFormat, limits: &Limits) -> Result<DynamicImage, String> {
    let mut decoder = decoder(bytes, format)?;
    limits.check(&Header::of(&decoder))?;
    let mut budget = image::Limits::default();
    budget.max_image_width = Some(MAX_DECODE_SIDE);
    budget.max_image_height = Some(MAX_DECODE_SIDE);
    budget.max_alloc = Some(limits.max_bytes);
    decoder.set_limits(budget).map_err(|e| format!("too large: {e}"))?;
    DynamicImage::from_decoder(decoder).map_err(|e| format!("unreadable or too large: {e}"))
}

/// What a raster picture's header declares, read without decoding its pixels.
pub fn header(bytes: &[u8], format: ImageFormat) -> Result<Header, String> {
    Ok(Header::of(&decoder(bytes, format)?))
}

/// A decoder that has read the picture's header and nothing more.
fn decoder(bytes: &[u8], format: ImageFormat) -> Result<impl ImageDecoder + '_, String> {
    let reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.into_decoder().map_err(|e| format!("unreadable: {e}"))
}

/// Encodes a picture as PNG, or as JPEG (without alpha) when `format` is JPEG.
pub fn encode(picture: DynamicImage, format: ImageFormat) -> Result<Vec<u8>, String> {
    let mut encoded = Cursor::new(Vec::new());
    let (picture, format) = match format {
        ImageFormat::Jpeg => (picture.into_rgb8().into(), ImageFormat::Jpeg),
        _ => (picture, ImageFormat::Png),
    };
    picture.write_to(&mut encoded, format).map_err(|e| format!("cannot re-encode: {e}"))?;
    Ok(encoded.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png() -> Vec<u8> {
        encode(DynamicImage::new_rgb8(3, 2), ImageFormat::Png).unwrap()
    }

    #[test]
    fn pictures_are_known_by_their_bytes() {
        let table: Vec<(Vec<u8>, Option<Kind>)> = vec![
            (png(), Some(Kind::Raster(ImageFormat::Png))),
            (b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(), Some(Kind::Svg)),
            (b"<?xml version='1.0'?>\n<!-- c -->\n<SVG></SVG>".to_vec(), Some(Kind::Svg)),
            (b"GIF89a......".to_vec(), Some(Kind::Raster(ImageFormat::Gif))),
            (b"GIF89a <x:xmpmeta><svg".to_vec(), Some(Kind::Raster(ImageFormat::Gif))),
            (b"plain text, not a picture".to_vec(), None),
            (Vec::new(), None),
        ];
        for (bytes, expected) in table {
            assert_eq!(sniff(&bytes), expected, "{:?}", String::from_utf8_lossy(&bytes));
        }
        assert!(Kind::Svg.typst_reads() && !Kind::Raster(ImageFormat::Bmp).typst_reads());
        assert_eq!(Kind::Raster(ImageFormat::Jpeg).extension(), "jpg");
        let header = header(&png(), ImageFormat::Png).unwrap();
        assert_eq!((header.width, header.height, header.decoded_bytes), (3, 2, 18));
        assert_eq!(decode(&png(), ImageFormat::Png, &Limits::default()).unwrap().width(), 3);
    }
}
