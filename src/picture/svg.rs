//! SVG pictures checked before Typst sees them.
//!
//! Typst stops a whole document when an SVG does not parse, is over usvg's limits
//! (1,000,000 elements, 1,024 levels of nesting) or links a picture it cannot load. So
//! every SVG — a report's picture, a logo, a drawing Folio makes — is parsed here first
//! with the same usvg release and the options Typst 0.15 uses (`typst-library`'s
//! `visualize/image/svg.rs`: no default font family, no resources folder, data URLs
//! decoded, string hrefs resolved by the caller). A problem is a reason string, which the
//! caller turns into a placeholder and a warning.
//!
//! Pictures linked from the SVG (`<image href="chart.png">`) are read here, through the
//! sandbox rule, and written into the SVG as data URLs; the result is parsed again with
//! links refused. Typst is then given these bytes from memory, so it reads no file of the
//! report's folder on the SVG's behalf and none from outside it.

use crate::picture::{self, Kind};
use crate::sandbox::{Refused, resolve_inside};
use base64::Engine as _;
use image::ImageFormat;
use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Largest SVG text accepted once a compressed `.svgz` is unpacked (a gzip bomb packs
/// gigabytes into a few megabytes); Typst itself unpacks without a limit.
const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;

/// Where the pictures an SVG links may be read from.
#[derive(Debug, Clone, Copy)]
pub struct Links<'a> {
    /// The report's folder: no linked file may lie outside it.
    pub root: &'a Path,
    /// The SVG file's own folder, which its relative hrefs start from.
    pub dir: &'a Path,
}

/// An SVG that usvg parses as Typst will: self-contained, with its size.
#[derive(Debug, Clone, PartialEq)]
pub struct Svg {
    /// The SVG text (unpacked if it was `.svgz`), linked pictures inlined as data URLs.
    pub bytes: Vec<u8>,
    /// Width in SVG pixels (96 per inch; Typst places 1 px as 0.75 pt).
    pub width: f32,
    /// Height in SVG pixels.
    pub height: f32,
}

/// Checks `bytes` as an SVG picture. With `links`, pictures it links inside the
/// report's folder are inlined; without, any linked file is refused (an SVG Folio draws
/// itself never needs one).
pub fn check(bytes: &[u8], links: Option<Links>) -> Result<Svg, String> {
    let text = unpack(bytes)?;
    let inlined = Mutex::new(BTreeMap::new());
    let tree = parse(&text, &|href| {
        let links = links.ok_or_else(|| format!("links the file {href}, not allowed here"))?;
        let (kind, data_url) = load_linked(href, links)?;
        inlined.lock().unwrap_or_else(|e| e.into_inner()).insert(href.to_string(), data_url);
        Ok(kind)
    })?;
    let inlined = inlined.into_inner().unwrap_or_else(|e| e.into_inner());
    if inlined.is_empty() {
        return Ok(sized(text, &tree));
    }
    let text = inline(&text, &inlined)?;
    let tree = parse(&text, &|href| Err(format!("links {href}, which was not inlined")))?;
    Ok(sized(text, &tree))
}

fn sized(text: String, tree: &usvg::Tree) -> Svg {
    Svg { bytes: text.into_bytes(), width: tree.size().width(), height: tree.size().height() }
}

/// The SVG text: UTF-8, unpacked from gzip when it starts with gzip's magic number, as
/// usvg does.
fn unpack(bytes: &[u8]) -> Result<String, String> {
    let bytes = match bytes.starts_with(&[0x1f, 0x8b]) {
        false => bytes.to_vec(),
        true => {
            let mut unpacked = Vec::new();
            let decoder = flate2::read::GzDecoder::new(bytes);
            decoder
                .take(MAX_UNPACKED_BYTES + 1)
                .read_to_end(&mut unpacked)
                .map_err(|_| "not compressed correctly".to_string())?;
            if unpacked.len() as u64 > MAX_UNPACKED_BYTES {
                return Err(format!("over {} MB unpacked", MAX_UNPACKED_BYTES >> 20));
            }
            unpacked
        }
    };
    String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())
}

/// How a linked picture's href is answered: its picture, or why it cannot be used.
type Resolver<'r> = dyn Fn(&str) -> Result<usvg::ImageKind, String> + Sync + 'r;

/// Parses `text` with Typst's options, asking `resolve` for every linked file; the
/// first refusal fails the parse, as it fails Typst's.
fn parse(text: &str, resolve: &Resolver) -> Result<usvg::Tree, String> {
    let refusal = Mutex::new(None::<String>);
    let options = usvg::Options {
        // Typst's base options: no fallback to "Times New Roman", no resources folder.
        font_family: String::new(),
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|href, _| match resolve(href) {
                Ok(kind) => Some(kind),
                Err(problem) => {
                    let mut refusal = refusal.lock().unwrap_or_else(|e| e.into_inner());
                    refusal.get_or_insert(problem);
                    None
                }
            }),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(text, &options).map_err(describe)?;
    drop(options);
    match refusal.into_inner().unwrap_or_else(|e| e.into_inner()) {
        Some(problem) => Err(problem),
        None => Ok(tree),
    }
}

/// A usvg error in a reader's words.
fn describe(error: usvg::Error) -> String {
    match error {
        usvg::Error::NotAnUtf8Str => "not UTF-8 text".into(),
        usvg::Error::MalformedGZip => "not compressed correctly".into(),
        // usvg 0.47 reports both of its limits (1,000,000 elements, 1,024 levels of
        // nesting) as roxmltree's `NodesLimitReached`.
        usvg::Error::ElementsLimitReached
        | usvg::Error::ParsingFailed(usvg::roxmltree::Error::NodesLimitReached) => {
            "over usvg's limit of 1,000,000 elements or 1,024 levels of nesting".into()
        }
        usvg::Error::InvalidSize => "its width, height or viewBox is invalid".into(),
        usvg::Error::ParsingFailed(error) => format!("not well-formed SVG: {error}"),
    }
}

/// The picture a linked href names inside the report's folder, and its data URL. Only
/// what Typst accepts in an SVG: PNG, JPEG, GIF and WebP, given by a relative path.
fn load_linked(href: &str, links: Links) -> Result<(usvg::ImageKind, String), String> {
    let path = href.strip_prefix("file://").unwrap_or(href);
    if path.starts_with('/') || Path::new(path).is_absolute() {
        return Err(format!("links {href} by an absolute path"));
    }
    if path.contains("://") {
        return Err(format!("links {href}, and remote pictures are not fetched"));
    }
    let bytes = read_inside(path, links).map_err(|reason| format!("links {href}: {reason}"))?;
    let format = match picture::sniff(&bytes) {
        Some(Kind::Raster(
            format @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP),
        )) => format,
        _ => return Err(format!("links {href}, which is not a PNG, JPEG, GIF or WebP picture")),
    };
    // A corrupt or huge picture would fail Typst's PDF export as surely as a bad SVG; Typst
    // decodes it as it is, so it is held to the default decoding limits.
    picture::decode(&bytes, format, &picture::Limits::default())
        .map_err(|reason| format!("links {href}: {reason}"))?;
    let data_url = format!(
        "data:{};base64,{}",
        format.to_mime_type(),
        base64::engine::general_purpose::STANDARD.encode(&bytes)
    );
    let bytes = Arc::new(bytes);
    let kind = match format {
        ImageFormat::Png => usvg::ImageKind::PNG(bytes),
        ImageFormat::Jpeg => usvg::ImageKind::JPEG(bytes),
        ImageFormat::Gif => usvg::ImageKind::GIF(bytes),
        _ => usvg::ImageKind::WEBP(bytes),
    };
    Ok((kind, data_url))
}

/// The bytes of the file at `path` (relative to the SVG's folder, percent-decoded if
/// need be), when it really lies inside the report's folder.
fn read_inside(path: &str, links: Links) -> Result<Vec<u8>, String> {
    let decoded = crate::text::percent_decode(path);
    let mut problem = String::from("no such file");
    for candidate in [path, decoded.as_str()] {
        match resolve_inside(links.root, &links.dir.join(candidate)) {
            Ok(real) if real.is_file() => {
                return std::fs::read(&real).map_err(|e| format!("cannot read: {e}"));
            }
            Ok(_) => problem = "not a file".into(),
            Err(Refused::Outside) => return Err(Refused::Outside.to_string()),
            Err(Refused::Unreadable(_)) => {}
        }
    }
    Err(problem)
}

/// `text` with every `href` attribute whose value was resolved replaced by its data
/// URL. Positions come from the parsed document, so an href however written (entities,
/// `xlink:` prefix, either quote) is found.
fn inline(text: &str, inlined: &BTreeMap<String, String>) -> Result<String, String> {
    let options = usvg::roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let document = usvg::roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| format!("not well-formed SVG: {e}"))?;
    let mut replacements: BTreeMap<usize, (usize, &str)> = BTreeMap::new();
    for node in document.descendants().filter(|node| node.is_element()) {
        for attribute in node.attributes().filter(|a| a.name() == "href") {
            if let Some(data_url) = inlined.get(attribute.value()) {
                let range = attribute.range_value();
                replacements.insert(range.start, (range.end, data_url.as_str()));
            }
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, (end, data_url)) in replacements {
        // Ranges never overlap, but one from an entity may repeat; take each once.
        if start < at || end > text.len() {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(data_url);
        at = end;
    }
    out.push_str(&text[at..]);
    Ok(out)
}

#[cfg(test)]
mod tests;
