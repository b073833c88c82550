//! The names converted math may use: what the LaTeX converter emits, Typst's own math
//! functions and symbols, and Folio's definitions in `templates/lib/math.typ`. Every
//! other name is refused, so report text can never reach a Typst function that reads
//! files or evaluates code.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Typst names the converter emits that no command aliases, plus the targets of
/// [`renamed`].
const TYPST_BUILTINS: &[&str] = &[
    "lr", "mid", "limits", "scripts", "thin", "med", "thick", "quad", "wide", "zws", "inter",
    "partial", "chevron", "compose", "planck", "oo", "tilde.op",
];

/// Names that read files, evaluate code or place document structure (headings,
/// footnotes, figures, references). Refused even where the converter emits them.
const DENIED: &[&str] = &[
    "read",
    "eval",
    "image",
    "include",
    "import",
    "plugin",
    "json",
    "yaml",
    "toml",
    "csv",
    "xml",
    "cbor",
    "figure",
    "table",
    "quote",
    "heading",
    "footnote",
    "link",
    "label",
    "cite",
    "ref",
    "bibliography",
    "outline",
    "metadata",
    "state",
    "counter",
    "query",
    "here",
    "locate",
    "context",
    "page",
    "pagebreak",
    "place",
    "enumerate",
    "itemize",
    "mitexcite",
    "miteximage",
    "mitexref",
    "mitexlabel",
    "mitexcaption",
    "sys",
    "std",
];

/// Functions that set text (`\text{…}`, `\textbf{…}`), the only ones called from code
/// (`#textmath[…]`), always with one content block of plain text.
pub const TEXT_FUNCTIONS: &[&str] = &[
    "textmath",
    "textbf",
    "textit",
    "textmd",
    "textnormal",
    "textrm",
    "textsf",
    "texttt",
    "textup",
    "emph",
];

/// Folio's math library, whose `#let` names are allowed.
const LIBRARY: &str = include_str!("../../templates/lib/math.typ");

/// The names of Folio's formulas, for the guard that checks converted markup.
pub struct FormulaNames;

impl crate::engine::math_guard::MathNames for FormulaNames {
    fn allowed(&self, name: &str) -> Option<String> {
        let renamed = renamed(name);
        is_known(&renamed).then_some(renamed)
    }

    fn is_text_function(&self, name: &str) -> bool {
        TEXT_FUNCTIONS.contains(&name)
    }
}

/// Whether math may use `name` (a plain or dotted name, after [`renamed`]).
pub fn is_known(name: &str) -> bool {
    static KNOWN: OnceLock<HashSet<String>> = OnceLock::new();
    KNOWN.get_or_init(known_names).contains(name)
}

fn known_names() -> HashSet<String> {
    let spec = &*mitex_spec_gen::DEFAULT_SPEC;
    let mut names: HashSet<String> = HashSet::new();
    for (command, item) in spec.items() {
        let alias = match item {
            mitex_spec::CommandSpecItem::Cmd(shape) => shape.alias.as_deref(),
            mitex_spec::CommandSpecItem::Env(shape) => shape.alias.as_deref(),
        };
        let name = alias.unwrap_or(command);
        if is_name(name) {
            names.insert(renamed(name));
        }
    }
    names.extend(TYPST_BUILTINS.iter().map(|name| name.to_string()));
    names.extend(library_names());
    for denied in DENIED {
        names.remove(*denied);
    }
    names
}

/// A plain or dotted identifier (`alpha`, `arrow.l.r`), not an operator or code.
fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text.split('.').all(|part| {
            part.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

/// The names the math library defines with `#let name` or `#let name(…)`.
fn library_names() -> impl Iterator<Item = String> {
    LIBRARY.lines().filter_map(|line| {
        let rest = line.strip_prefix("#let ").filter(|rest| !rest.starts_with('_'))?;
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))?;
        Some(rest[..end].to_string())
    })
}

/// Typst 0.15's name for a symbol or function the converter still calls by an older
/// name (Typst 0.14 renamed or removed them).
pub fn renamed(name: &str) -> String {
    let mut parts: Vec<&str> = name.split('.').collect();
    match parts[0] {
        "diff" => parts[0] = "partial",
        "sect" => parts[0] = "inter",
        "set" => parts[0] = "mitexset",
        "angle" if parts.len() == 2 && matches!(parts[1], "l" | "r") => parts[0] = "chevron",
        "planck" if parts.get(1) == Some(&"reduce") => return "planck".into(),
        "circle" if parts.get(1) == Some(&"nested") => return "compose.o".into(),
        "ast" if parts.get(1) == Some(&"circle") => return "ast.op.o".into(),
        "ohm" if parts.get(1) == Some(&"inv") => return "mho".into(),
        _ => {}
    }
    let circled = matches!(parts[0], "dash" | "dot" | "minus" | "plus" | "times");
    for part in parts.iter_mut().skip(1) {
        match *part {
            "circle" if circled => *part = "o",
            "double" if parts_start(name, "bracket") => *part = "stroked",
            "dash" if parts_start(name, "arrow") => *part = "dashed",
            _ => {}
        }
    }
    parts.join(".")
}

fn parts_start(name: &str, first: &str) -> bool {
    name.split('.').next() == Some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_symbol_names_become_typst_0_15_names() {
        let cases = [
            ("diff", "partial"),
            ("sect.big", "inter.big"),
            ("angle.l", "chevron.l"),
            ("angle.arc", "angle.arc"),
            ("plus.circle.big", "plus.o.big"),
            ("bracket.l.double", "bracket.l.stroked"),
            ("arrow.r.dash", "arrow.r.dashed"),
            ("planck.reduce", "planck"),
            ("alpha", "alpha"),
        ];
        for (old, new) in cases {
            assert_eq!(renamed(old), new, "{old}");
        }
    }

    #[test]
    fn file_and_code_functions_are_unknown() {
        let helpers = ["_plain", "plain", "_length-of", "units"];
        for name in ["read", "eval", "image", "mitexcite", "heading", "footnote", "table"]
            .into_iter()
            .chain(helpers)
        {
            assert!(!is_known(name), "{name}");
        }
        for name in ["frac", "alpha", "mitexsqrt", "textmath", "pmatrix", "plus.minus", "lr"] {
            assert!(is_known(name), "{name}");
        }
    }
}
