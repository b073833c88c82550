//! LaTeX math: typeset as real math in print and on the slides, drawn as pictures in the
//! PowerPoint deck, and refused (shown as its source, with a warning) when it cannot be
//! converted or would smuggle code.

use crate::common::{self, compact, fixture, folio, fonts_dir, pdf_text_compact, stderr};
use folio::{Converted, Converter, Input, Output};
use std::io::Read;
use std::path::Path;

/// The formula test set: one LaTeX formula per line.
fn test_set() -> Vec<String> {
    let text = std::fs::read_to_string(fixture("formulas.tex")).unwrap();
    text.lines().filter(|line| !line.trim().is_empty()).map(str::to_string).collect()
}

fn convert_with(converter: &Converter, markdown: &str) -> Converted {
    let path = Path::new("math.md");
    let input = Input { path, markdown, base_dir: None, run: None, style: None };
    converter.convert(&input).unwrap_or_else(|e| panic!("{e}"))
}

fn convert(markdown: &str) -> Converted {
    convert_with(common::converter(), markdown)
}

/// Warnings about formulas shown as their LaTeX source.
fn formula_warnings(converted: &Converted) -> Vec<String> {
    let warnings = converted.warnings.iter().map(|w| format!("line {:?}: {}", w.line, w.message));
    warnings.filter(|w| w.contains("formula")).collect()
}

#[test]
fn every_formula_of_the_test_set_is_typeset() {
    let formulas = test_set();
    assert!(formulas.len() >= 60, "{} formulas", formulas.len());
    let markdown: String = formulas.iter().map(|f| format!("$$\n{f}\n$$\n\n")).collect();
    let converted = convert(&format!("# Formulas\n\n{markdown}"));
    assert_eq!(formula_warnings(&converted), Vec::<String>::new());
    for output in [Output::Report, Output::Slides] {
        let text = pdf_text_compact(&converted.get(output).unwrap().bytes);
        for source in [r"\frac", r"\begin", r"\sum", r"\text", "mitex", "textmath"] {
            assert!(!text.contains(source), "{output:?} shows {source}");
        }
        assert!(text.contains("增长率") && text.contains("年复合增长率"), "{output:?}");
    }
}

#[test]
fn inline_math_is_set_as_math_in_the_text() {
    let converted = convert("# Energy\n\nEinstein wrote $E=mc^2$ in 1905.\n");
    assert_eq!(formula_warnings(&converted), Vec::<String>::new());
    let text = pdf_text_compact(&converted.get(Output::Report).unwrap().bytes);
    // Math italic letters (U+1D438 𝐸, U+1D45A 𝑚, U+1D450 𝑐), not the source.
    assert!(text.contains("wrote𝐸=𝑚𝑐2in1905"), "{text}");
    assert!(!text.contains("mc^2"));
}

#[test]
fn gfm_math_blocks_and_display_dollars_are_typeset() {
    let markdown = "# M\n\n```math\n\\sqrt{x^2+y^2}\n```\n\nText with $$\\alpha^2$$ inside.\n";
    let converted = convert(markdown);
    assert_eq!(formula_warnings(&converted), Vec::<String>::new());
    let text = pdf_text_compact(&converted.get(Output::Report).unwrap().bytes);
    assert!(text.contains("√") && text.contains("𝛼"), "{text}");
    assert!(!text.contains(r"\sqrt") && !text.contains(r"\alpha"), "{text}");
}

/// LaTeX that would reach Typst code, files or document structure if copied through.
const HOSTILE: &[&str] = &[
    r#"\iftypst #read("secret.txt") \fi"#,
    r#"\includegraphics{"secret.txt"}"#,
    r"\includegraphics[width=1cm]{secret.png}",
    r"x \cite{secret}",
    r"\begin{figure} x \end{figure}",
    r"\footnote{x}",
    r"\section{x}",
    r"\begin{tabular}{cc} a & b \end{tabular}",
];

#[test]
fn formulas_that_smuggle_code_are_refused_and_shown_as_source() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("secret.txt"), "TOPSECRET42").unwrap();
    let blocks: String = HOSTILE.iter().map(|f| format!("$$\n{f}\n$$\n\n")).collect();
    let markdown = format!("# Hostile\n\nBefore.\n\n{blocks}After.\n");
    std::fs::write(tmp.path().join("r.md"), &markdown).unwrap();
    let fonts = fonts_dir();
    let out = folio(tmp.path(), &["build", "r.md", "-o", ".", "--fonts", fonts.to_str().unwrap()]);
    let messages = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{messages}");
    for (index, latex) in HOSTILE.iter().enumerate() {
        let line = 5 + 4 * index;
        let expected = format!("warning: r.md:{line}: formula shown as LaTeX source:");
        assert!(messages.contains(&expected), "{latex}: no `{expected}` in\n{messages}");
    }
    let text = pdf_text_compact(&std::fs::read(tmp.path().join("r.pdf")).unwrap());
    assert!(!text.contains("TOPSECRET42"));
    assert!(text.contains("Before.") && text.contains("After."));
    assert!(text.contains(&compact(r#"\iftypst #read("secret.txt") \fi"#)), "{text}");
}

#[test]
fn a_formula_typst_cannot_set_falls_back_with_its_line() {
    let converted = convert("# M\n\nOne.\n\n$$\n\\limits\n$$\n\nTwo $x^2$.\n");
    let warnings = formula_warnings(&converted);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].starts_with("line Some(5)"), "{warnings:?}");
    assert!(warnings[0].contains("Typst cannot set it"), "{warnings:?}");
    let text = pdf_text_compact(&converted.get(Output::Report).unwrap().bytes);
    assert!(text.contains(r"\limits") && text.contains("Two𝑥2."), "{text}");
}

#[test]
fn a_formula_asking_for_kilometres_of_space_converts() {
    let markdown = "# Wide\n\n$$\n\\hspace{99999999cm}x\n$$\n\nAfter.\n";
    let converted = convert_with(common::pptx_converter(), markdown);
    assert!(converted.get(Output::Pptx).is_some());
    let text = pdf_text_compact(&converted.get(Output::Report).unwrap().bytes);
    assert!(text.contains("After."), "{text}");
}

#[test]
fn the_powerpoint_deck_shows_display_formulas_as_pictures_with_their_source() {
    let markdown = "# Growth\n\n$$\n\\frac{a+b}{c}\n$$\n";
    let converted = convert_with(common::pptx_converter(), markdown);
    let pptx = &converted.get(Output::Pptx).unwrap().bytes;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(pptx)).unwrap();
    let mut slides = String::new();
    let mut pictures = 0;
    for index in 0..zip.len() {
        let mut file = zip.by_index(index).unwrap();
        let name = file.name().unwrap().to_string();
        if name.starts_with("ppt/slides/slide") && name.ends_with(".xml") {
            file.read_to_string(&mut slides).unwrap();
        }
        pictures += usize::from(name.starts_with("ppt/media/") && name.ends_with(".png"));
    }
    assert_eq!(pictures, 1);
    assert!(slides.contains(r#"descr="\frac{a+b}{c}""#), "{slides}");
    assert!(!slides.contains(r"<a:t>\frac"), "the formula is also text: {slides}");
}

/// Every command and environment the converter knows, written with three arguments:
/// each is typeset or refused by the guard, never a failed report; the few Typst
/// cannot set alone are shown as source.
#[test]
fn every_command_the_converter_knows_is_typeset_or_refused() {
    let spec = &*mitex_spec_gen::DEFAULT_SPEC;
    let mut formulas: Vec<String> = spec
        .items()
        .map(|(name, item)| match item {
            mitex_spec::CommandSpecItem::Cmd(_) => format!(r"\{name}{{a}}{{b}}{{c}}"),
            mitex_spec::CommandSpecItem::Env(_) => {
                format!(r"\begin{{{name}}} a & b \\ c & d \end{{{name}}}")
            }
        })
        .collect();
    formulas.sort();
    assert!(formulas.len() > 900, "{}", formulas.len());
    let markdown: String = formulas.iter().map(|f| format!("$$\n{f}\n$$\n\n")).collect();
    let converted = convert(&format!("# All\n\n{markdown}"));
    let typst_errors: Vec<String> = formula_warnings(&converted)
        .into_iter()
        .filter(|w| w.contains("Typst cannot set it"))
        .collect();
    let allowed = [r"\limits{", r"\nolimits{"];
    let unexpected: Vec<&String> =
        typst_errors.iter().filter(|w| !allowed.iter().any(|a| w.contains(a))).collect();
    assert!(unexpected.is_empty(), "{} formulas:\n{unexpected:#?}", unexpected.len());
}
