//! Report text is data: arbitrary strings in every kind of node compile without errors
//! and come back literally in the laid-out pages.

use crate::common::{compact, converter};
use folio::model::{
    Anchor, Block, BlockKind, Document, Footnote, Inline, List, ListItem, Meta, Span, Table,
};
use folio::render::{render_report, render_slides};
use folio::templates::Templates;
use proptest::prelude::*;

/// Typst syntax, Markdown syntax, CJK, and printable Unicode from many blocks.
fn text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        "#",
        "$",
        "*",
        "_",
        "`",
        "<",
        ">",
        "@",
        "[",
        "]",
        "~",
        "'",
        "\"",
        "\\",
        "//",
        "/*",
        "*/",
        "=",
        "-",
        "+",
        "1.",
        "...",
        "--",
        "-?",
        "-1",
        "#let x = 1",
        "#eval(\"1\")",
        "<l>",
        "@r",
        "#import \"@preview/x:0.1.0\"",
        "#read(\"/etc/passwd\")",
        "{",
        "}",
        "(",
        ")",
        ";",
        ":",
        "=>",
        "http://a.b//c",
        "\\u{41}",
        "中文",
        "（全角）",
        "。",
        "、",
        "·",
        "•",
        "→",
        "€",
        "½",
        "ß",
        "é",
    ])
    .prop_map(str::to_string);
    let printable = any::<char>()
        .prop_filter("visible character", |c| {
            !c.is_whitespace()
                && !c.is_control()
                && (*c as u32) < 0x3_0000
                && !('\u{0300}'..='\u{036F}').contains(c) // combining marks join their neighbour
                && !('\u{200B}'..='\u{206F}').contains(c) // zero-width and bidi controls
                && !('\u{E000}'..='\u{F8FF}').contains(c) // private use
                && !('\u{FE00}'..='\u{FE0F}').contains(c) // variation selectors
                && !is_right_to_left(*c) // bidi reordering moves neighbours around
                && *c != '\u{00AD}'
                && *c != '\u{FEFF}'
        })
        .prop_map(String::from);
    prop::collection::vec(
        prop_oneof![3 => special, 2 => printable, 1 => Just(" ".to_string())],
        1..12,
    )
    .prop_map(|parts| parts.concat())
    .prop_filter("not blank", |s| !s.trim().is_empty())
}

fn is_right_to_left(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

fn block(kind: BlockKind) -> Block {
    Block::new(Span { line: 1, end_line: 1 }, kind)
}

/// A document with `t` in every kind of node.
fn document(t: &[String]) -> Document {
    let text = |i: usize| Inline::Text(t[i].clone());
    let paragraph = |inlines: Vec<Inline>| block(BlockKind::Paragraph(inlines));
    Document {
        meta: Meta {
            title: Some(t[0].clone()),
            subtitle: Some(t[1].clone()),
            author: Some(t[2].clone()),
            date: Some(t[3].clone()),
            source: Some(t[4].clone()),
            lang: "en".into(),
            fields: vec![(t[5].clone(), t[6].clone())],
            ..Meta::default()
        },
        lead: vec![paragraph(vec![text(7)])],
        key_points: None,
        blocks: vec![
            block(BlockKind::Heading { level: 2, content: vec![text(8)] }),
            paragraph(vec![
                text(9),
                Inline::Strong(vec![text(10)]),
                Inline::Emph(vec![text(11)]),
                Inline::Code(t[12].clone()),
                Inline::Link { url: t[13].clone(), content: vec![text(14)] },
                Inline::MissingImage { url: t[15].clone(), alt: t[16].clone() },
                Inline::FootnoteRef("n".into()),
            ]),
            paragraph(vec![
                Inline::Badge { alt: t[25].clone(), link: Some(t[13].clone()) },
                Inline::Anchor(Anchor { names: vec![t[26].clone()], target: None }),
                Inline::Link { url: format!("#{}", t[26]), content: vec![text(14)] },
            ]),
            block(BlockKind::List(List {
                start: Some(3),
                tight: true,
                items: vec![ListItem {
                    checked: Some(true),
                    blocks: vec![paragraph(vec![text(17)])],
                }],
            })),
            block(BlockKind::Table(Table {
                align: vec![folio::model::Align::Right],
                header: vec![vec![text(18)]],
                rows: vec![vec![vec![text(19)]]],
                caption: None,
                chart_request: Default::default(),
                chart: None,
            })),
            block(BlockKind::BlockQuote(vec![paragraph(vec![text(20)])])),
            block(BlockKind::CodeBlock { lang: Some(t[21].clone()), code: t[22].clone() }),
        ],
        source_note: Some(vec![text(23)]),
        footnotes: vec![Footnote { label: "n".into(), blocks: vec![paragraph(vec![text(24)])] }],
        ..Document::default()
    }
}

/// Laid-out text, compacted; Typst may hyphenate English words at line ends.
fn laid_out(typst: String) -> String {
    let document = converter().typeset_document(typst, None).expect("compiles without errors");
    let pages = folio::engine::inspect::page_texts(&document);
    // A hyphenated word carries a soft hyphen at the break.
    compact(&pages.iter().map(|p| p.text()).collect::<String>()).replace('\u{AD}', "")
}

fn expected_texts(t: &[String]) -> Vec<String> {
    // Code-block language (21) only selects highlighting; URLs show through their text.
    let shown = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20, 22, 23, 24];
    // A missing picture (15) on the web shows its host; its address is the link (issue 15).
    let text = |i: usize| match (i, folio::address::web_host(&t[i])) {
        (15, Some(host)) => compact(host),
        _ => compact(&t[i]),
    };
    shown.iter().map(|&i| text(i)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_text_in_any_node_comes_out_literally(t in prop::collection::vec(text(), 27)) {
        let mut doc = document(&t);
        // Anchor names and in-page links are report text too: resolved, never labels.
        let warnings = folio::passes::resolve_links(&mut doc, std::path::Path::new("t.md"), None);
        let to_anchor = format!("link to #{}:", t[26]);
        prop_assert!(!warnings.iter().any(|w| w.message.starts_with(&to_anchor)), "{:?}", warnings);
        let templates = Templates::embedded();
        let report = laid_out(render_report(&doc, &Default::default(), &templates).unwrap());
        for expected in expected_texts(&t).into_iter().chain([compact(&t[25])]) {
            prop_assert!(report.contains(&expected), "print lost {:?}; laid out: {}", expected, report);
        }
        let deck = folio::deck::plan(&doc, &Default::default(), &folio::theme::Theme::default());
        let slides = laid_out(render_slides(&deck, &Default::default(), &templates).unwrap());
        // Long prose is shortened on the slide; the whole text is in the speaker notes.
        let notes = compact(&deck.page_notes().concat());
        for expected in expected_texts(&t) {
            let found = slides.contains(&expected) || notes.contains(&expected);
            prop_assert!(found, "slides lost {:?}; laid out: {}", expected, slides);
        }
    }
}

/// LaTeX: commands, groups, environments, specials and code-smuggling attempts, mixed
/// with any text.
fn latex() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        r"\frac",
        r"\sqrt",
        "{",
        "}",
        "[",
        "]",
        "^",
        "_",
        "&",
        r"\\",
        r"\left(",
        r"\right)",
        r"\begin{pmatrix}",
        r"\end{pmatrix}",
        r"\begin{cases}",
        r"\end{cases}",
        r"\text{",
        r"\iftypst",
        r"\fi",
        r"\includegraphics",
        r"\operatorname{",
        r"\mathbb{",
        r"\color{",
        r"\hspace{",
        r"\sum_",
        r"\limits",
        r"\cite{",
        r"\label{",
        "#",
        "\"",
        "x",
        "1",
        " ",
    ])
    .prop_map(str::to_string);
    prop::collection::vec(prop_oneof![3 => pieces, 1 => text()], 1..10)
        .prop_map(|parts| parts.concat().replace('~', "-"))
}

/// A Markdown report whose only body is `latex` as a math block.
fn math_report(latex: &str) -> String {
    format!("# M\n\n~~~math\n{latex}\n~~~\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any formula is either typeset or shown as its source with a warning: never a
    /// failed report, whatever it holds.
    #[test]
    fn any_formula_is_typeset_or_shown_as_its_source(latex in latex()) {
        let markdown = math_report(&latex);
        let input = folio::Input {
            path: std::path::Path::new("m.md"), markdown: &markdown, base_dir: None, run: None, style: None,
        };
        let (doc, _) = converter().read(&input).unwrap();
        let converted = converter().convert(&input);
        prop_assert!(converted.is_ok(), "{latex:?} failed the report: {:?}", converted.err());
        let warned = converted.unwrap().warnings.iter().any(|w| w.message.starts_with("formula shown"));
        let converted_by_guard = matches!(&doc.blocks[..], [Block { kind: BlockKind::Math(f), .. }] if f.typst.is_some());
        prop_assert!(warned || converted_by_guard, "{latex:?}: neither typeset nor warned");
    }

    /// Text inside `\text{…}` comes out literally, whatever characters it holds.
    #[test]
    fn text_in_a_formula_comes_out_literally(t in text()) {
        prop_assume!(!t.contains(['\\', '{', '}', '$', '%', '~', '^', '_', '&', '#']));
        let markdown = math_report(&format!(r"\text{{{t}}}"));
        let input = folio::Input {
            path: std::path::Path::new("m.md"), markdown: &markdown, base_dir: None, run: None, style: None,
        };
        let (doc, _) = converter().read(&input).unwrap();
        let templates = Templates::embedded();
        let report = laid_out(render_report(&doc, &Default::default(), &templates).unwrap());
        prop_assert!(report.contains(&compact(&t)), "lost {:?}; laid out: {}", t, report);
    }
}
