//! LaTeX math to Typst math: converted by the `mitex` crates, then checked so that only
//! math reaches Typst (see `engine::math_guard`). A formula that cannot be converted
//! stays LaTeX source, with the reason, and never fails a report.

mod names;

/// Longer formulas are not converted: the converter's cost grows with the input.
const MAX_CHARS: usize = 8_000;
/// Deeper groups are not converted: the converter recurses into each group.
const MAX_NESTING: usize = 48;

/// The Typst math markup for the LaTeX formula `latex`, trimmed, or why there is none.
pub fn to_typst(latex: &str) -> Result<String, String> {
    let latex = latex.trim();
    if latex.is_empty() {
        return Err("the formula is empty".into());
    }
    if latex.chars().count() > MAX_CHARS {
        return Err(format!("the formula is longer than {MAX_CHARS} characters"));
    }
    if latex.contains("\\iftypst") {
        return Err("`\\iftypst` passes Typst code through".into());
    }
    if nesting(latex) > MAX_NESTING {
        return Err(format!("the formula nests deeper than {MAX_NESTING} levels"));
    }
    let converted = convert_quietly(latex)
        .ok_or("the LaTeX converter failed on it")?
        .map_err(|error| reason(&error))?;
    let typst = crate::engine::math_guard::checked(&converted, &names::FormulaNames)?;
    let typst = typst.trim();
    if typst.is_empty() {
        return Err("the formula draws nothing".into());
    }
    Ok(typst.to_string())
}

/// Runs the converter; `None` when it panicked (caught, not printed).
fn convert_quietly(latex: &str) -> Option<Result<String, String>> {
    let spec = Some(mitex_spec_gen::DEFAULT_SPEC.clone());
    crate::quiet::catch_quietly(|| mitex::convert_math(latex, spec))
}

/// The converter's message without its `error: ` prefix, on one line.
fn reason(error: &str) -> String {
    let message = error.trim().trim_start_matches("error:").trim();
    crate::text::clip(&message.replace('\n', " "), 120)
}

/// How deep braces, optional arguments, `\left…\right` and `\begin…\end` nest.
fn nesting(latex: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = latex;
    while let Some(c) = rest.chars().next() {
        let step = if c == '\\' { command_at(rest) } else { c.to_string() };
        match step.as_str() {
            "{" | "[" | "\\left" | "\\begin" => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            "}" | "]" | "\\right" | "\\end" => depth = depth.saturating_sub(1),
            _ => {}
        }
        rest = &rest[step.len()..];
    }
    deepest
}

/// The command or escaped character at the start of `text`, which begins with `\`.
fn command_at(text: &str) -> String {
    let name: String = text[1..].chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    if name.is_empty() { text.chars().take(2).collect() } else { format!("\\{name}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_typst_math() {
        assert_eq!(to_typst("E = mc^2").unwrap(), "E  =  m c ^(2 )");
        assert!(to_typst(r"\frac{\partial u}{\partial t}").unwrap().contains("partial"));
        assert!(to_typst(r"\text{增长率}").unwrap().starts_with("#textmath[增长率]"));
    }

    #[test]
    fn smuggled_code_is_refused() {
        let hostile = [
            r#"\iftypst #read("/etc/passwd") \fi"#,
            r#"\includegraphics{"/etc/passwd"}"#,
            r"\includegraphics[width=1cm]{/etc/passwd}",
            r"x \cite{key}",
            r"\begin{figure} x \end{figure}",
            r"\footnote{x}",
            r"\section{x}",
            r"\begin{tabular}{cc} a & b \end{tabular}",
        ];
        for latex in hostile {
            assert!(to_typst(latex).is_err(), "{latex} was let through: {:?}", to_typst(latex));
        }
    }

    #[test]
    fn escaped_text_stays_text() {
        let typst = to_typst(r#"\text{"]; #eval("1+1") ["}"#).unwrap();
        assert!(typst.contains(r"\#eval"), "{typst}");
    }

    #[test]
    fn broken_and_oversized_formulas_say_why() {
        assert!(to_typst(r"\unknowncommand{x}").unwrap_err().contains("unknowncommand"));
        assert!(to_typst(r"\left( x").is_err());
        assert!(to_typst(&"{".repeat(60)).unwrap_err().contains("nests"));
        assert!(to_typst(&"x+".repeat(5_000)).unwrap_err().contains("longer"));
        assert!(to_typst("  ").is_err());
    }
}
