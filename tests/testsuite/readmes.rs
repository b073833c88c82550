//! Real-world README and documentation pages (tests/fixtures/readmes: English and
//! Chinese, badges, TOC anchor lists, HTML anchors, footnotes, relative links, long
//! JavaScript) converted as one batch through the `folio` binary, as a user would.
//!
//! Every document converts; every in-page link lands on its target's page or is reported
//! with file:line and the anchor; links between the documents point at their PDFs; badge
//! rows are chips in print and left off the slides.

use crate::common::{self, compact, converter, fixture};
use folio::model::{Block, BlockKind, Document, Inline, plain_text};
use folio::{Input, RunDocuments};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The in-page links the corpus breaks on purpose: (file, line, anchor).
const BROKEN: &[(&str, usize, &str)] =
    &[("README.zh-CN.md", 20, "#更新日志"), ("docs/faq.md", 7, "#contact-us")];

/// The batch, run once for all tests.
struct Batch {
    _tmp: tempfile::TempDir,
    out: PathBuf,
    stderr: String,
    success: bool,
    jobs: Vec<folio::inputs::Job>,
    run: RunDocuments,
}

fn batch() -> &'static Batch {
    static BATCH: OnceLock<Batch> = OnceLock::new();
    BATCH.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let output = Command::new(env!("CARGO_BIN_EXE_folio"))
            .current_dir(tmp.path())
            .env_remove("FOLIO_FONTS")
            .arg("build")
            .arg(corpus())
            .arg("-o")
            .arg(&out)
            .args(["--emit-typst", "--fonts"])
            .arg(common::fonts_dir())
            .output()
            .expect("folio runs");
        let jobs = folio::inputs::find_jobs(&[corpus()], &out);
        let mut run = RunDocuments::default();
        for job in &jobs {
            run.insert(&job.input, &with_extension(&job.out_stem, "pdf"));
        }
        Batch {
            _tmp: tmp,
            out,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            success: output.status.success(),
            jobs,
            run,
        }
    })
}

fn corpus() -> PathBuf {
    fixture("readmes")
}

fn with_extension(stem: &Path, extension: &str) -> PathBuf {
    let mut path = stem.as_os_str().to_os_string();
    path.push(format!(".{extension}"));
    PathBuf::from(path)
}

/// The PDF (or `.slides.bytes`, …) of the corpus file `name`.
fn output(name: &str, suffix: &str) -> Vec<u8> {
    let stem = batch().out.join(name.trim_end_matches(".md"));
    let path = with_extension(&stem, suffix);
    std::fs::read(&path).unwrap_or_else(|_| panic!("{} not written", path.display()))
}

/// A corpus document read as the batch read it (passes and link resolution done).
fn resolved(input: &Path) -> (Document, Vec<folio::Warning>) {
    let markdown = std::fs::read_to_string(input).unwrap();
    let run = &batch().run;
    let input = Input {
        path: input,
        markdown: &markdown,
        base_dir: input.parent(),
        run: Some(run),
        style: None,
    };
    converter().read(&input).unwrap()
}

/// Letters and digits only: emoji, punctuation and spacing are left to the font tests.
fn letters(text: &str) -> String {
    compact(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

#[test]
fn every_readme_converts_with_exit_zero_and_its_text_in_the_pdf() {
    let batch = batch();
    assert!(batch.success, "stderr: {}", batch.stderr);
    assert!(batch.jobs.len() >= 10, "{} documents", batch.jobs.len());
    let summary = format!("converted {0} of {0} report(s)", batch.jobs.len());
    assert!(batch.stderr.contains(&summary), "stderr: {}", batch.stderr);
    // Emoji, arrows, box drawing and CJK in code: every character has a glyph.
    assert!(!batch.stderr.contains("no font has a glyph"), "stderr: {}", batch.stderr);
    for job in &batch.jobs {
        let (doc, _) = resolved(&job.input);
        // What the pages show (running header and footer aside), from the batch's Typst.
        let typst = std::fs::read_to_string(with_extension(&job.out_stem, "typ")).unwrap();
        let document = converter().typeset_document(typst, job.input.parent()).unwrap();
        let pages = folio::engine::inspect::page_texts(&document);
        let body: String = pages
            .iter()
            .flat_map(|page| {
                let height = page.height;
                page.runs.iter().filter(move |run| run.y > 60.0 && run.y < height - 55.0)
            })
            .map(|run| run.text.as_str())
            .collect();
        let body = letters(&body);
        for text in document_texts(&doc) {
            let text = letters(&text);
            assert!(body.contains(&text), "{}: missing: {text}", job.input.display());
        }
        // …and the PDF the batch wrote holds that text.
        let pdf = std::fs::read(with_extension(&job.out_stem, "pdf")).unwrap();
        let pdf_text = letters(&pdf_extract::extract_text_from_mem(&pdf).unwrap());
        for run in pages.iter().flat_map(|p| p.runs.iter()) {
            let text = letters(&run.text);
            assert!(pdf_text.contains(&text), "{}: not in PDF: {text}", job.input.display());
        }
    }
}

#[test]
fn every_in_page_link_lands_on_its_target_page_or_is_reported_with_file_line_and_anchor() {
    let batch = batch();
    let mut reported = Vec::new();
    let (mut links, mut landed) = (0, 0);
    for job in &batch.jobs {
        let markdown = std::fs::read_to_string(&job.input).unwrap();
        let (mut raw, _) = folio::markdown::read(&markdown, &Default::default()).unwrap();
        let mut in_page = 0;
        raw.visit_all_inlines_mut(&mut |inlines, _| {
            in_page += inlines
                .iter()
                .filter(|i| matches!(i, Inline::Link { url, .. } if url.starts_with('#')))
                .count();
        });
        let (mut doc, warnings) = resolved(&job.input);
        let mut jumps = Vec::new();
        doc.visit_all_inlines_mut(&mut |inlines, _| {
            jumps.extend(inlines.iter().filter_map(|i| match i {
                Inline::Jump { target, .. } => Some(*target),
                _ => None,
            }));
        });
        let unresolved: Vec<&folio::Warning> =
            warnings.iter().filter(|w| w.message.starts_with("link to #")).collect();
        let name = job.input.display();
        assert_eq!(jumps.len() + unresolved.len(), in_page, "{name}: links lost");
        links += in_page;
        landed += jumps.len();
        for warning in unresolved {
            let line = warning.line.expect("a broken link names its line");
            // The CLI names the file, the line and the anchor.
            let shown = format!("{name}:{line}: {}", warning.message);
            assert!(batch.stderr.contains(&shown), "not reported: {shown}\n{}", batch.stderr);
            let relative = job.input.strip_prefix(corpus()).unwrap().to_string_lossy().into_owned();
            let anchor = warning.message["link to ".len()..].split(':').next().unwrap().to_string();
            reported.push((relative, line, anchor));
        }
        // A link to a heading goes to the heading's named destination, on the heading's
        // page; any other lands on a page of the document.
        let pdf = std::fs::read(with_extension(&job.out_stem, "pdf")).unwrap();
        let page_texts = pdf_extract::extract_text_from_mem_by_pages(&pdf).unwrap();
        let dests = link_destinations(&pdf);
        assert!(dests.iter().all(|(_, page)| page.is_some()), "{name}: {dests:?}");
        let typst = std::fs::read_to_string(with_extension(&job.out_stem, "typ")).unwrap();
        for target in &jumps {
            let label = format!("folio-a{target}");
            // Labelled exactly once, and linked to.
            let links = typst.matches(&format!("#link(<{label}>)")).count();
            let labels = typst.matches(&format!("<{label}>")).count() - links;
            assert!(links > 0 && labels == 1, "{name}: {label}: {links} links, {labels} labels");
            if let Some(heading) = heading_text(&doc.blocks, *target) {
                let page = dests
                    .iter()
                    .find(|(dest, _)| dest.as_deref() == Some(label.as_str()))
                    .and_then(|(_, page)| *page)
                    .unwrap_or_else(|| panic!("{name}: no link to {label}"));
                let text = letters(&page_texts[page as usize - 1]);
                assert!(text.contains(&letters(&heading)), "{name}: {heading} not on page {page}");
            }
        }
    }
    let expected: Vec<(String, usize, String)> =
        BROKEN.iter().map(|(f, l, a)| (f.to_string(), *l, a.to_string())).collect();
    reported.sort();
    assert_eq!(reported, expected);
    assert!(links >= 45 && landed == links - BROKEN.len(), "{landed} of {links} landed");
}

#[test]
fn links_between_documents_point_at_their_pdfs_and_others_show_their_target() {
    let uris = |name: &str| link_uris(&output(name, "pdf"));
    let readme = uris("README.md");
    for pdf in [
        "docs/guide.pdf",
        "CHANGELOG.pdf",
        "README.zh-CN.pdf",
        "packages/cli/README.pdf",
        "examples/README.pdf",
        "docs/faq.pdf",
        "CONTRIBUTING.pdf",
        "SECURITY.pdf",
        "docs/api.zh.pdf",
    ] {
        assert!(readme.iter().any(|u| u == pdf), "README: no link to {pdf}: {readme:?}");
    }
    for (name, expected) in [
        ("docs/guide.md", &["../README.pdf", "api.zh.pdf", "faq.pdf"][..]),
        ("packages/cli/README.md", &["../../README.pdf", "../../docs/guide.pdf"]),
        ("wiki/部署指南.md", &["../README.zh-CN.pdf"]),
        ("README.zh-CN.md", &["wiki/部署指南.pdf", "README.pdf", "docs/migration.zh.pdf"]),
    ] {
        let found = uris(name);
        for pdf in expected {
            assert!(found.iter().any(|u| u == pdf), "{name}: no link to {pdf}: {found:?}");
        }
    }
    // Web and mail links stay clickable; no link points at a file that was not converted.
    assert!(readme.iter().any(|u| u == "https://lumen.example"));
    assert!(readme.iter().any(|u| u == "mailto:maintainers@lumen.example"));
    for job in &batch().jobs {
        let pdf = std::fs::read(with_extension(&job.out_stem, "pdf")).unwrap();
        for uri in link_uris(&pdf) {
            let web = ["https://", "http://", "mailto:"].iter().any(|s| uri.starts_with(s));
            assert!(web || uri.ends_with(".pdf"), "{}: link to {uri}", job.input.display());
        }
    }
    // Files not converted keep their text and show where the link pointed.
    let text = letters(&pdf_extract::extract_text_from_mem(&output("README.md", "pdf")).unwrap());
    assert!(text.contains(&letters("code of conduct (CODE_OF_CONDUCT.md)")), "{text}");
    let wiki =
        letters(&pdf_extract::extract_text_from_mem(&output("wiki/部署指南.md", "pdf")).unwrap());
    assert!(wiki.contains(&letters("config/default.yaml")));
}

#[test]
fn badge_rows_are_chips_in_print_and_left_off_the_slides() {
    let batch = batch();
    assert!(!batch.stderr.contains("image not found"), "{}", batch.stderr);
    for (name, badges) in [
        ("README.md", &["CI status", "npm version", "license MIT", "coverage 98% brightgreen"][..]),
        ("README.zh-CN.md", &["构建状态"]),
        ("packages/cli/README.md", &["downloads"]),
    ] {
        let print = pdf_extract::extract_text_from_mem(&output(name, "pdf")).unwrap();
        let slides = pdf_extract::extract_text_from_mem(&output(name, "slides.pdf")).unwrap();
        assert!(!print.contains("shields.io"), "{name}: a badge placeholder: {print}");
        for badge in badges {
            assert!(compact(&print).contains(&compact(badge)), "{name}: no chip {badge}");
            assert!(!compact(&slides).contains(&compact(badge)), "{name}: {badge} on a slide");
        }
    }
    // Linked badges stay links.
    let readme = link_uris(&output("README.md", "pdf"));
    assert!(readme.iter().any(|u| u == "https://www.npmjs.com/package/lumen-js"), "{readme:?}");
}

#[test]
fn slide_links_land_on_the_first_slide_of_their_section() {
    let slides = output("README.md", "slides.pdf");
    let typst = String::from_utf8(output("README.md", "slides.typ")).unwrap();
    let dests = link_destinations(&slides);
    let page_texts = pdf_extract::extract_text_from_mem_by_pages(&slides).unwrap();
    // Slide N of the plan is page N + 2 (the title slide comes first); every link lands
    // on a slide that carries a landing label.
    let landing: Vec<u32> = typst
        .match_indices("#metadata(none)<folio-s")
        .map(|(i, m)| typst[i + m.len()..].split('>').next().unwrap().parse::<u32>().unwrap() + 2)
        .collect();
    let pages: Vec<u32> = dests.iter().filter_map(|(_, page)| *page).collect();
    assert!(pages.len() >= 5, "{dests:?}");
    for page in &pages {
        assert!(landing.contains(page), "a link lands on page {page}, not a labelled slide");
    }
    // The table of contents' "Installation" and "Contact" land on those sections' slides.
    for section in ["Installation", "Contact", "FAQ"] {
        let link = format!(")[{section}]");
        let at = typst.find(&link).unwrap_or_else(|| panic!("no link to {section}"));
        let label = &typst[..at];
        let index: u32 =
            label[label.rfind("<folio-s").unwrap() + 8..].trim_end_matches('>').parse().unwrap();
        // The slide's title names the section (short sections share a slide: `A · B`).
        let text = page_texts[index as usize + 1].trim_start().to_string();
        let title = text.lines().next().unwrap_or_default();
        assert!(title.contains(section), "{section} lands on: {text}");
    }
}

/// Every text a reader must find in a document.
fn document_texts(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = doc.meta.title.iter().cloned().collect();
    texts(&doc.lead, &mut out);
    if let Some(points) = &doc.key_points {
        out.push(points.title.clone());
        texts(&points.blocks, &mut out);
    }
    texts(&doc.blocks, &mut out);
    for note in &doc.footnotes {
        texts(&note.blocks, &mut out);
    }
    out
}

fn texts(blocks: &[Block], out: &mut Vec<String>) {
    for block in blocks {
        match &block.kind {
            BlockKind::Heading { content, .. } | BlockKind::Paragraph(content) => {
                // Footnote numbers come between the pieces in the PDF.
                let mut piece = Vec::new();
                for inline in content {
                    if matches!(inline, Inline::FootnoteRef(_)) {
                        out.push(plain_text(&std::mem::take(&mut piece)));
                    } else {
                        piece.push(inline.clone());
                    }
                }
                out.push(plain_text(&piece));
            }
            BlockKind::CodeBlock { code, .. } => out.extend(code.lines().map(str::to_string)),
            BlockKind::BlockQuote(inner) | BlockKind::Alert { blocks: inner, .. } => {
                texts(inner, out)
            }
            BlockKind::List(list) => list.items.iter().for_each(|i| texts(&i.blocks, out)),
            BlockKind::Table(table) => {
                out.extend(table.header.iter().map(|c| plain_text(c)));
                out.extend(table.rows.iter().flatten().map(|c| plain_text(c)));
            }
            _ => {}
        }
    }
}

/// The text of the heading a link target belongs to, if it is a heading's.
fn heading_text(blocks: &[Block], target: usize) -> Option<String> {
    blocks.iter().find_map(|block| match &block.kind {
        BlockKind::Heading { content, .. } if first_target(content) == Some(target) => {
            Some(plain_text(content))
        }
        _ => None,
    })
}

fn first_target(inlines: &[Inline]) -> Option<usize> {
    inlines.iter().find_map(|inline| match inline {
        Inline::Anchor(anchor) => anchor.target,
        other => first_target(other.children()?),
    })
}

/// The web, mail and file addresses the PDF's links open, percent-decoded.
fn link_uris(pdf: &[u8]) -> Vec<String> {
    let uris = crate::common::link_uris(pdf);
    uris.iter().map(|uri| folio::text::percent_decode(uri)).collect()
}

/// Where in-document links go (the destination's name, when it has one) and the page
/// each lands on.
fn link_destinations(pdf: &[u8]) -> Vec<(Option<String>, Option<u32>)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let pages: std::collections::HashMap<lopdf::ObjectId, u32> =
        doc.get_pages().into_iter().map(|(number, id)| (id, number)).collect();
    let mut named = std::collections::HashMap::new();
    if let Ok(tree) = doc
        .catalog()
        .and_then(|c| c.get_deref(b"Names", &doc))
        .and_then(|n| n.as_dict())
        .and_then(|n| n.get_deref(b"Dests", &doc))
        .and_then(|d| d.as_dict())
    {
        name_tree(&doc, tree, &mut named);
    }
    let mut out = Vec::new();
    for annotation in annotations(&doc) {
        let Ok(dest) = annotation.get(b"Dest") else { continue };
        if let Ok(name) = dest.as_str() {
            let name = String::from_utf8_lossy(name).into_owned();
            let page = named.get(&name).and_then(|page_id| pages.get(page_id)).copied();
            out.push((Some(name), page));
        } else {
            let array = doc.dereference(dest).ok().and_then(|(_, d)| d.as_array().ok());
            let page_id = array.and_then(|a| a.first()).and_then(|p| p.as_reference().ok());
            out.push((None, page_id.and_then(|id| pages.get(&id)).copied()));
        }
    }
    out
}

fn name_tree(
    doc: &lopdf::Document,
    node: &lopdf::Dictionary,
    out: &mut std::collections::HashMap<String, lopdf::ObjectId>,
) {
    if let Ok(kids) = node.get_deref(b"Kids", doc).and_then(|k| k.as_array()) {
        for kid in kids {
            if let Ok(kid) = kid.as_reference().and_then(|id| doc.get_dictionary(id)) {
                name_tree(doc, kid, out);
            }
        }
    }
    if let Ok(names) = node.get_deref(b"Names", doc).and_then(|n| n.as_array()) {
        for pair in names.chunks(2) {
            let [key, value] = pair else { continue };
            let Ok(key) = key.as_str() else { continue };
            let value = doc.dereference(value).map(|(_, v)| v);
            let array = match value {
                Ok(lopdf::Object::Array(array)) => Some(array),
                Ok(lopdf::Object::Dictionary(dict)) => {
                    dict.get(b"D").and_then(|d| d.as_array()).ok()
                }
                _ => None,
            };
            if let Some(page) = array.and_then(|a| a.first()).and_then(|p| p.as_reference().ok()) {
                out.insert(String::from_utf8_lossy(key).into_owned(), page);
            }
        }
    }
}

fn annotations(doc: &lopdf::Document) -> Vec<&lopdf::Dictionary> {
    doc.get_pages()
        .values()
        .flat_map(|id| doc.get_page_annotations(*id).unwrap_or_default())
        .collect()
}
