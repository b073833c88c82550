//! Which grammar a code block is highlighted with, shared by every writer that colours
//! code (the slides and print PDF through Typst, the editable deck through
//! [`crate::engine::highlight`]), so both colour the same code the same way.

/// The grammar to highlight a code block with. Typst 0.15.1's JavaScript grammar never
/// returns on some code (e.g. `  return x` followed by `  /*`); the TypeScript grammar,
/// a superset, highlights the same code safely.
pub fn highlight_language(lang: &str) -> &str {
    match lang.to_ascii_lowercase().as_str() {
        "js" | "javascript" | "node" | "nodejs" | "mjs" | "cjs" | "jsx" => "typescript",
        _ => lang,
    }
}
