use super::*;
use std::path::PathBuf;

const NS: &str = r#"xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink""#;

/// An SVG 40 × 20 px whose body is `inner`.
fn svg(inner: &str) -> Vec<u8> {
    format!(r#"<svg {NS} width="40" height="20">{inner}</svg>"#).into_bytes()
}

/// A report folder holding `pic.png` and `sub/`, beside a `secret.png` outside it.
fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("report");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    let png = picture::encode(image::DynamicImage::new_rgb8(4, 2), ImageFormat::Png).unwrap();
    std::fs::write(root.join("pic.png"), &png).unwrap();
    std::fs::write(dir.path().join("secret.png"), &png).unwrap();
    (dir, root)
}

fn linked(root: &Path, inner: &str) -> Result<Svg, String> {
    check(&svg(inner), Some(Links { root, dir: root }))
}

#[test]
fn a_good_svg_passes_unchanged_with_its_size() {
    let bytes = svg(r#"<rect width="40" height="20" fill="red"/>"#);
    let checked = check(&bytes, None).unwrap();
    assert_eq!(checked.bytes, bytes);
    assert_eq!((checked.width, checked.height), (40.0, 20.0));
}

#[test]
fn svgs_typst_would_refuse_are_refused_with_the_reason() {
    let deep = format!("{}{}", "<g>".repeat(1_100), "</g>".repeat(1_100));
    let many = "<g/>".repeat(1_000_001);
    let table: Vec<(Vec<u8>, &str)> = vec![
        (b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>".to_vec(), "not well-formed SVG"),
        (b"not an svg at all".to_vec(), "not well-formed SVG"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'>\xff\xfe</svg>".to_vec(), "not UTF-8"),
        (svg(&deep), "over usvg's limit"),
        (svg(&many), "over usvg's limit"),
        (b"\x1f\x8b\x08\x00broken gzip".to_vec(), "not compressed correctly"),
    ];
    for (bytes, reason) in table {
        let problem = check(&bytes, None).unwrap_err();
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
        assert!(problem.contains(reason), "{problem:?} for {head:?}");
    }
}

#[test]
fn a_compressed_svg_is_served_unpacked() {
    let bytes = svg(r#"<rect width="40" height="20"/>"#);
    let mut packed = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut packed, &bytes).unwrap();
    let checked = check(&packed.finish().unwrap(), None).unwrap();
    assert_eq!(checked.bytes, bytes);
}

#[test]
fn pictures_linked_inside_the_folder_are_inlined_however_the_href_is_written() {
    let (_dir, root) = folder();
    let entity = format!(
        r#"<!DOCTYPE svg [<!ENTITY pic "pic.png">]><svg {NS} width="9" height="9"><image xlink:href="&pic;" width="4" height="2"/></svg>"#
    );
    let cases = [
        svg(r#"<image href="pic.png" width="4" height="2"/>"#),
        svg(r#"<image xlink:href='sub/../pic.png' width="4" height="2"/>"#),
        svg(r#"<image href="file://pic.png" width="4" height="2"/>"#),
        entity.into_bytes(),
    ];
    for bytes in cases {
        let checked = check(&bytes, Some(Links { root: &root, dir: &root })).unwrap();
        let text = String::from_utf8(checked.bytes).unwrap();
        assert!(text.contains("data:image/png;base64,iVBORw0KGgo"), "{text}");
        // Self-contained now: it passes with no file access at all.
        assert!(check(text.as_bytes(), None).is_ok(), "{text}");
    }
}

#[test]
fn a_linked_file_that_is_missing_outside_or_not_a_picture_is_refused() {
    let (dir, root) = folder();
    std::fs::write(root.join("other.svg"), svg("")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("secret.png"), root.join("link.png")).unwrap();
    let image = |href: &str| format!(r#"<image href="{href}" width="4" height="2"/>"#);
    let table: &[(&str, &str)] = &[
        ("missing.png", "links missing.png: no such file"),
        ("../secret.png", "links ../secret.png: outside the report's folder"),
        ("/etc/passwd", "absolute path"),
        ("https://example.com/a.png", "remote pictures are not fetched"),
        ("other.svg", "not a PNG, JPEG, GIF or WebP picture"),
        ("sub", "not a file"),
        #[cfg(unix)]
        ("link.png", "outside the report's folder"),
    ];
    for (href, reason) in table {
        let problem = linked(&root, &image(href)).unwrap_err();
        assert!(problem.contains(reason), "{href}: {problem:?}");
    }
}

#[test]
fn without_links_no_file_is_read() {
    let (_dir, root) = folder();
    let bytes = svg(r#"<image href="pic.png" width="4" height="2"/>"#);
    let problem = check(&bytes, None).unwrap_err();
    assert!(problem.contains("links the file pic.png, not allowed here"), "{problem}");
    assert!(linked(&root, r#"<image href="pic.png" width="4" height="2"/>"#).is_ok());
}
