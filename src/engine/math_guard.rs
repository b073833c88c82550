//! The second line of defence for formulas (see the math module): the converter's output
//! is parsed as Typst math and only math constructs, known names and plain text pass.
//! The converter copies some LaTeX through verbatim (`\iftypst…\fi`,
//! `\includegraphics{…}`), so its output is never trusted as it is.

use typst::syntax::{SyntaxKind, SyntaxNode};

/// The names a formula may use (kept by the math module, which knows the converter).
pub trait MathNames {
    /// The name to write for `name` (Typst 0.15's, if it was renamed), when allowed.
    fn allowed(&self, name: &str) -> Option<String>;
    /// Whether `name` sets text (`#textmath[…]`): the only call allowed from code.
    fn is_text_function(&self, name: &str) -> bool;
}

/// The Typst math markup `typst`, with old symbol names renamed, when it holds only
/// math; otherwise why not.
pub fn checked(typst: &str, names: &impl MathNames) -> Result<String, String> {
    let root = typst::syntax::parse_math(typst);
    if root.diagnosis().errors {
        return Err("the converted formula is not valid Typst math".into());
    }
    let mut out = String::with_capacity(typst.len());
    math(&root, names, &mut out)?;
    Ok(out)
}

/// A node in math mode.
fn math(node: &SyntaxNode, names: &impl MathNames, out: &mut String) -> Result<(), String> {
    use SyntaxKind::*;
    match node.kind() {
        MathIdent | Ident => name(node.leaf_text(), names, out),
        // `arrow.l.r`: names and dots only, checked as one dotted name.
        MathFieldAccess => name(&node.full_text(), names, out),
        Named => named(node, names, out),
        Math | MathCall | MathArgs | MathDelimited | MathAttach | MathFrac | MathRoot => {
            children(node, names, out)
        }
        MathText | MathShorthand | MathAlignPoint | MathPrimes | Escape | Linebreak | Space
        | Text | LeftParen | RightParen | LeftBrace | RightBrace | LeftBracket | RightBracket
        | Comma | Semicolon | Colon | Underscore | Hat | Slash | Root | Dot | Bang | Shorthand => {
            out.push_str(node.leaf_text());
            Ok(())
        }
        kind => Err(format!("the converted formula holds {} (only math is allowed)", kind.name())),
    }
}

/// The children of a math node. Embedded code (`#…`) is allowed only as a call of a text
/// function (`#textmath[…]`); anything else after `#` is refused, so no name escapes the
/// check by being spelled out in code.
fn children(node: &SyntaxNode, names: &impl MathNames, out: &mut String) -> Result<(), String> {
    let mut children = node.children();
    while let Some(child) = children.next() {
        if child.kind() != SyntaxKind::Hash {
            math(child, names, out)?;
            continue;
        }
        match children.next() {
            Some(call) if call.kind() == SyntaxKind::FuncCall => text_call(call, names, out)?,
            _ => return Err("the converted formula holds Typst code".into()),
        }
    }
    Ok(())
}

/// A name, renamed to Typst 0.15's name; a single letter is always fine.
fn name(text: &str, names: &impl MathNames, out: &mut String) -> Result<(), String> {
    if text.chars().count() == 1 {
        out.push_str(text);
        return Ok(());
    }
    let allowed = names.allowed(text).ok_or(format!("`{text}` is not a math name Folio knows"))?;
    out.push_str(&allowed);
    Ok(())
}

/// A named argument (`arg0: c c` of an array's column spec): its name is an
/// argument name, its value math.
fn named(node: &SyntaxNode, names: &impl MathNames, out: &mut String) -> Result<(), String> {
    for child in node.children() {
        match child.kind() {
            SyntaxKind::Ident if is_argument_name(child.leaf_text()) => {
                out.push_str(child.leaf_text())
            }
            _ => math(child, names, out)?,
        }
    }
    Ok(())
}

fn is_argument_name(name: &str) -> bool {
    name.strip_prefix("arg").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `#textmath[…]`: an embedded call, allowed only to a text function with one content
/// block of plain text.
fn text_call(node: &SyntaxNode, names: &impl MathNames, out: &mut String) -> Result<(), String> {
    let mut children = node.children();
    let callee = children.next().map(|c| c.leaf_text().as_str()).unwrap_or_default();
    if !names.is_text_function(callee) {
        return Err(format!("`{callee}` cannot be called from a formula"));
    }
    out.push('#');
    out.push_str(callee);
    for args in children {
        for arg in args.children() {
            match arg.kind() {
                SyntaxKind::ContentBlock => content_block(arg, out)?,
                _ => return Err("text in a formula takes only text".into()),
            }
        }
    }
    Ok(())
}

/// `[…]` holding only text, spaces, escapes and line breaks.
fn content_block(node: &SyntaxNode, out: &mut String) -> Result<(), String> {
    use SyntaxKind::*;
    for child in node.children() {
        match child.kind() {
            LeftBracket | RightBracket => out.push_str(child.leaf_text()),
            Markup => {
                for part in child.children() {
                    match part.kind() {
                        Text | Space | Escape | Linebreak => out.push_str(part.leaf_text()),
                        // `...` or `--` as typed, not an ellipsis or a dash.
                        Shorthand => part.leaf_text().chars().for_each(|c| {
                            out.push('\\');
                            out.push(c);
                        }),
                        kind => return Err(format!("text in a formula holds {}", kind.name())),
                    }
                }
            }
            kind => return Err(format!("text in a formula holds {}", kind.name())),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Knows `frac` and `textmath` only.
    struct Few;

    impl MathNames for Few {
        fn allowed(&self, name: &str) -> Option<String> {
            (name == "frac").then(|| name.to_string())
        }

        fn is_text_function(&self, name: &str) -> bool {
            name == "textmath"
        }
    }

    #[test]
    fn math_and_text_calls_pass() {
        assert_eq!(
            checked("frac(a, b) + #textmath[x y]", &Few).unwrap(),
            "frac(a, b) + #textmath[x y]"
        );
    }

    #[test]
    fn code_and_unknown_names_are_refused() {
        for typst in [
            "r#e#a#d",
            "#read(\"x\")",
            "#textmath(\"x\")",
            "#textmath[#read(\"x\")]",
            "sum",
            "\"text\"",
            "x // comment",
            "$x$",
        ] {
            assert!(checked(typst, &Few).is_err(), "{typst} was let through");
        }
    }
}
