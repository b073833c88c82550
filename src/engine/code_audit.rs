//! What code a generated Typst source holds, for checking that report text never became
//! code: every function call by the name it calls, and every code construct (`import`,
//! `show`, `let`, `include`, …) by its keyword. Math is left to the math guard, which
//! decides what a formula may hold.

use typst::syntax::{SyntaxKind, SyntaxNode};

/// The code in `source`, in order: `strong`, `report.with`, `import`, `show`…
pub fn code_heads(source: &str) -> Vec<String> {
    let root = typst::syntax::parse(source);
    let mut heads = Vec::new();
    collect(&root, &mut heads);
    heads
}

/// Whether `source` failed to parse: generated sources never should.
pub fn has_syntax_errors(source: &str) -> bool {
    typst::syntax::parse(source).diagnosis().errors
}

fn collect(node: &SyntaxNode, heads: &mut Vec<String>) {
    match node.kind() {
        SyntaxKind::Equation => return,
        SyntaxKind::FuncCall => {
            let callee = node.children().next().map(|c| c.full_text());
            heads.push(callee.map(|c| c.to_string()).unwrap_or_default());
        }
        kind => {
            if let Some(keyword) = construct(kind) {
                heads.push(keyword.to_string());
            }
        }
    }
    for child in node.children() {
        collect(child, heads);
    }
}

/// The keyword naming a code construct, for the kinds of node that are one.
fn construct(kind: SyntaxKind) -> Option<&'static str> {
    Some(match kind {
        SyntaxKind::LetBinding => "let",
        SyntaxKind::SetRule => "set",
        SyntaxKind::ShowRule => "show",
        SyntaxKind::Contextual => "context",
        SyntaxKind::Conditional => "if",
        SyntaxKind::WhileLoop => "while",
        SyntaxKind::ForLoop => "for",
        SyntaxKind::ModuleImport => "import",
        SyntaxKind::ModuleInclude => "include",
        SyntaxKind::Closure => "closure",
        SyntaxKind::FuncReturn => "return",
        SyntaxKind::LoopBreak => "break",
        SyntaxKind::LoopContinue => "continue",
        SyntaxKind::DestructAssignment => "assign",
        _ => return None,
    })
}
