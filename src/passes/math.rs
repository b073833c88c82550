//! Formulas: LaTeX converted to checked Typst math. One that cannot be converted keeps
//! its LaTeX source, shown as code, with a warning that says why.

use crate::error::Warning;
use crate::model::Document;

/// Converts every formula of `doc`; warns, with its line, about each left as LaTeX.
pub fn resolve_math(doc: &mut Document) -> Vec<Warning> {
    let mut warnings = Vec::new();
    doc.visit_formulas_mut(&mut |formula, line| match crate::math::to_typst(&formula.latex) {
        Ok(typst) => formula.typst = Some(typst),
        Err(reason) => {
            formula.typst = None;
            warnings.push(shown_as_latex(&formula.latex, line, &reason));
        }
    });
    warnings
}

/// The warning for a formula shown as its LaTeX source.
pub fn shown_as_latex(latex: &str, line: usize, reason: &str) -> Warning {
    let latex = crate::text::clip(latex.trim(), 60);
    Warning {
        line: Some(line),
        message: format!("formula shown as LaTeX source: {latex} ({reason})"),
    }
}
