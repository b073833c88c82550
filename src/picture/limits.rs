//! How large a raster picture may be before it is decoded: a picture's header declares
//! its size in a few bytes, and a tiny file can declare a picture that takes gigabytes
//! and seconds to decode. Pictures over the limits are refused from the header alone.

use image::ImageDecoder;
use serde::{Deserialize, Serialize};

/// What Folio may spend decoding one raster picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Pixels (width × height), e.g. `100_000_000` for 100 megapixels.
    pub max_pixels: u64,
    /// Bytes the decoded pixels may take, e.g. `512 * 1024 * 1024` for 512 MB.
    pub max_bytes: u64,
}

impl Default for Limits {
    /// 100 megapixels and 512 MB: a 10,000 × 10,000 photograph, four times what a
    /// full-page picture needs at print resolution (3,000 px a side is kept).
    fn default() -> Self {
        Limits { max_pixels: 100_000_000, max_bytes: 512 * 1024 * 1024 }
    }
}

impl Limits {
    /// Limits given in megapixels and megabytes (as the command line takes them).
    pub fn from_megas(megapixels: f64, megabytes: f64) -> Limits {
        let whole = |value: f64, unit: f64| (value.max(0.0) * unit).round() as u64;
        Limits { max_pixels: whole(megapixels, 1e6), max_bytes: whole(megabytes, 1024.0 * 1024.0) }
    }

    /// `Err` with the reason when a picture of `header`'s size is over the limits.
    pub fn check(&self, header: &Header) -> Result<(), String> {
        let Header { width, height, decoded_bytes } = *header;
        let pixels = u64::from(width) * u64::from(height);
        if pixels > self.max_pixels {
            return Err(format!(
                "{width} × {height} pixels, over the limit of {} megapixels",
                megas(self.max_pixels, 1e6)
            ));
        }
        if decoded_bytes > self.max_bytes {
            return Err(format!(
                "{width} × {height} pixels take {} MB decoded, over the limit of {} MB",
                megas(decoded_bytes, MB),
                megas(self.max_bytes, MB)
            ));
        }
        Ok(())
    }
}

const MB: f64 = 1024.0 * 1024.0;

/// `value` in `unit`s, without decimals when whole (`100`, `0.5`).
fn megas(value: u64, unit: f64) -> String {
    let megas = value as f64 / unit;
    if megas.fract() == 0.0 { format!("{megas}") } else { format!("{megas:.1}") }
}

/// A raster picture's size as its header declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub width: u32,
    pub height: u32,
    /// Bytes of the decoded pixels (width × height × bytes per pixel).
    pub decoded_bytes: u64,
}

impl Header {
    /// The size a decoder has read from the header.
    pub fn of(decoder: &impl ImageDecoder) -> Header {
        let (width, height) = decoder.dimensions();
        Header { width, height, decoded_bytes: decoder.total_bytes() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_over_either_limit_are_refused_with_their_size() {
        let limits = Limits::default();
        let header = |width, height, bytes_per_pixel: u64| Header {
            width,
            height,
            decoded_bytes: u64::from(width) * u64::from(height) * bytes_per_pixel,
        };
        assert_eq!(limits.check(&header(10_000, 10_000, 4)), Ok(()));
        let refused = limits.check(&header(20_000, 20_000, 1)).unwrap_err();
        assert_eq!(refused, "20000 × 20000 pixels, over the limit of 100 megapixels");
        let refused = limits.check(&header(10_000, 10_000, 8)).unwrap_err();
        assert!(refused.contains("over the limit of 512 MB"), "{refused}");
        let small = Limits::from_megas(0.5, 1.0);
        assert_eq!(small, Limits { max_pixels: 500_000, max_bytes: 1024 * 1024 });
        assert!(small.check(&header(1000, 1000, 1)).unwrap_err().contains("0.5 megapixels"));
    }
}
