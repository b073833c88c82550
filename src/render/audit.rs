//! The check that report text never became code: a generated source may hold only the
//! code its template's skeleton holds and the calls Folio's writer makes. Used by the
//! tests and the `front` fuzz target on every generated source.

use crate::engine::code_audit::{code_heads, has_syntax_errors};
use crate::templates::Templates;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::OnceLock;

/// Every function Folio's writer (`markup.rs`) and the literals it writes call: the
/// whole vocabulary of code that report content may turn into.
pub const WRITER_CALLS: &[&str] = &[
    "align",
    "box",
    "callout",
    "chart",
    "chart-figure",
    "checkbox",
    "emph",
    "enum",
    "figure",
    "footnote",
    "h",
    "heading",
    "highlight",
    "image",
    "line",
    "linebreak",
    "link",
    "list",
    "luma",
    "metadata",
    "missing-image",
    "picture",
    "quote",
    "raw",
    "remote-picture",
    "rgb",
    "strike",
    "strong",
    "sub",
    "super",
    "table",
    "table-frame",
    "table.cell",
    "table.header",
    "terms",
    "terms.item",
    "text",
    "underline",
    "v",
];

/// The code in `source` that neither its template skeleton (`skeleton`: the source of a
/// minimal report through the same template) nor Folio's writer accounts for: function
/// calls not in [`WRITER_CALLS`] or the skeleton, and more code constructs (`import`,
/// `show`, `let`…) than the skeleton has. Empty when the source is as it should be.
pub fn foreign_code(source: &str, skeleton: &str) -> Vec<String> {
    foreign_to(source, &code_heads(skeleton))
}

/// [`foreign_code`] with the skeleton's code already listed.
fn foreign_to(source: &str, skeleton_heads: &[String]) -> Vec<String> {
    let mut constructs: HashMap<&str, usize> = HashMap::new();
    for head in skeleton_heads.iter().filter(|head| is_construct(head)) {
        *constructs.entry(head).or_default() += 1;
    }
    let calls: BTreeSet<&str> = skeleton_heads.iter().map(String::as_str).collect();
    let mut foreign = Vec::new();
    for head in code_heads(source) {
        if is_construct(&head) {
            match constructs.get_mut(head.as_str()) {
                Some(left) if *left > 0 => *left -= 1,
                _ => foreign.push(head),
            }
        } else if !WRITER_CALLS.contains(&head.as_str()) && !calls.contains(head.as_str()) {
            foreign.push(head);
        }
    }
    foreign
}

/// Runs the front half of a conversion on `markdown` (read, passes, deck plan, both
/// Typst sources; no layout) and checks both sources: they parse, and hold no foreign
/// code. `Err` says what went wrong; a report Folio refuses to read is fine.
pub fn audit_report(markdown: &str, base_dir: Option<&Path>) -> Result<(), String> {
    // The skeleton's code, listed once: the fuzz target calls this millions of times.
    static SKELETONS: OnceLock<Result<[Vec<String>; 2], String>> = OnceLock::new();
    let skeletons = SKELETONS.get_or_init(|| {
        let sources = front_half("# Title\n\nText.\n", None)?.ok_or("the skeleton is refused")?;
        Ok(sources.map(|source| code_heads(&source)))
    });
    let skeletons = skeletons.as_ref().map_err(Clone::clone)?;
    let Some(generated) = front_half(markdown, base_dir)? else { return Ok(()) };
    for (source, skeleton) in generated.iter().zip(skeletons) {
        if has_syntax_errors(source) {
            return Err(format!("the generated source does not parse:\n{source}"));
        }
        let foreign = foreign_to(source, skeleton);
        if !foreign.is_empty() {
            return Err(format!("report text became code {foreign:?} in:\n{source}"));
        }
    }
    Ok(())
}

/// Both Typst sources of `markdown` (print, slides), as the converter writes them; `None`
/// for a report Folio refuses to read (too deep, say): nothing to check.
fn front_half(markdown: &str, base_dir: Option<&Path>) -> Result<Option<[String; 2]>, String> {
    let path = Path::new("audited.md");
    let input = crate::Input { path, markdown, base_dir, run: None, style: None };
    let Ok((doc, _)) = crate::prepare::prepare(&input, &[], &Default::default()) else {
        return Ok(None);
    };
    let theme = crate::theme::Theme::default();
    let deck = crate::deck::plan(&doc, &Default::default(), &theme);
    static TEMPLATES: OnceLock<Templates> = OnceLock::new();
    let templates = TEMPLATES.get_or_init(Templates::embedded);
    let rendered = super::render_report(&doc, &Default::default(), templates).and_then(|report| {
        Ok([report, super::render_slides(&deck, &Default::default(), templates)?])
    });
    rendered.map(Some).map_err(|err| format!("the templates failed: {err}"))
}

/// Whether a head names a code construct (`import`, `show`…) rather than a call.
fn is_construct(head: &str) -> bool {
    matches!(
        head,
        "let"
            | "set"
            | "show"
            | "context"
            | "if"
            | "while"
            | "for"
            | "import"
            | "include"
            | "closure"
            | "return"
            | "break"
            | "continue"
            | "assign"
    )
}

#[cfg(test)]
mod tests {
    use super::foreign_code;

    const SKELETON: &str = "#import \"/.folio/lib/report.typ\": report\n#show: report.with(title: [T])\n\n#strong[x]\n";

    #[test]
    fn writer_calls_pass_and_anything_else_is_foreign() {
        let fine = format!("{SKELETON}#emph[a] #link(\"https://x\")[b] #raw(\"c\")\n");
        assert_eq!(foreign_code(&fine, SKELETON), Vec::<String>::new());
        let injected = format!("{SKELETON}#read(\"/etc/passwd\") #eval(\"1\")\n");
        assert_eq!(foreign_code(&injected, SKELETON), ["read", "eval"]);
        let more = format!("{SKELETON}#import \"x.typ\": *\n#let a = 1\n#show: it => it\n");
        assert_eq!(foreign_code(&more, SKELETON), ["import", "let", "show", "closure"]);
    }
}
