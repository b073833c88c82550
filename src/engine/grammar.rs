//! Which grammar highlights a code block, shared by every writer that colours code (the
//! print and slide sources name it, the `.pptx` colours its runs with it).
//!
//! Typst 0.15.1's JavaScript grammar never returns on some code (e.g. `  return x`
//! followed by `  /*`), and every grammar that embeds it (HTML's `<script>`, Vue, Svelte,
//! PHP, Markdown's fenced blocks…) inherits the hang. Such blocks are routed to a grammar
//! that cannot reach JavaScript: TypeScript (a superset) for JavaScript itself, XML for
//! markup, and no highlighting for the rest. The unit test below walks the syntax set
//! Typst ships and fails when any grammar that can reach JavaScript is not routed here.

/// What a block in a grammar that can reach JavaScript is highlighted with instead.
enum Detour {
    /// JavaScript itself: the TypeScript grammar, a superset that does not hang.
    TypeScript,
    /// Markup embedding scripts: the XML grammar (tags and attributes keep their
    /// colours; scripts stay plain).
    Xml,
    /// C-family languages whose documentation comments embed HTML: the C# grammar,
    /// whose keywords, strings, comments and annotations colour them alike.
    CSharp,
    /// No close grammar: the block is set without colours.
    Plain,
}

/// Every grammar of Typst's syntax set that can reach JavaScript (by name, as the syntax
/// set names them), and its detour. The unit test below recomputes the set.
const DETOURS: &[(&str, Detour)] = &[
    ("JavaScript", Detour::TypeScript),
    ("JavaScript (Rails)", Detour::TypeScript),
    ("HTML", Detour::Xml),
    ("HTML (ASP)", Detour::Xml),
    ("HTML (EEx)", Detour::Xml),
    ("HTML (Erlang)", Detour::Xml),
    ("HTML (Jinja2)", Detour::Xml),
    ("HTML (Rails)", Detour::Xml),
    ("HTML (Tcl)", Detour::Xml),
    ("HTML (Twig)", Detour::Xml),
    ("Java Server Page (JSP)", Detour::Xml),
    ("Vue Component", Detour::Xml),
    ("Svelte", Detour::Xml),
    ("CFML", Detour::Xml),
    ("Java", Detour::CSharp),
    ("Javadoc", Detour::CSharp),
    ("Groovy", Detour::CSharp),
    ("ASP", Detour::Plain),
    ("CFML Script", Detour::Plain),
    ("CFML Script (Tags)", Detour::Plain),
    ("Crystal", Detour::Plain),
    ("Email", Detour::Plain),
    ("Graphviz (DOT)", Detour::Plain),
    ("HTTP Request and Response", Detour::Plain),
    ("LaTeX", Detour::Plain),
    ("Literate Haskell", Detour::Plain),
    ("Markdown", Detour::Plain),
    ("MediaWiki", Detour::Plain),
    ("MultiMarkdown", Detour::Plain),
    ("PHP", Detour::Plain),
    ("PHP Source", Detour::Plain),
    ("Perl", Detour::Plain),
    ("PureScript", Detour::Plain),
    ("QML", Detour::Plain),
    ("Rd (R Documentation)", Detour::Plain),
    ("Ruby", Detour::Plain),
    ("Ruby Haml", Detour::Plain),
    ("Ruby Slim", Detour::Plain),
    ("Ruby on Rails", Detour::Plain),
    ("SQL (Rails)", Detour::Plain),
    ("Textile", Detour::Plain),
    ("orgmode", Detour::Plain),
    ("reStructuredText", Detour::Plain),
];

/// The grammar a code block tagged `lang` is highlighted with: `Some(lang)` itself in
/// most cases, another grammar when `lang`'s own can reach JavaScript, and `None` (no
/// highlighting) when no safe grammar is close. `lang` is resolved as Typst resolves it.
pub fn grammar_for(lang: &str) -> Option<&str> {
    let Some(syntax) = typst::text::RAW_SYNTAXES.find_syntax_by_token(lang) else {
        return Some(lang);
    };
    match DETOURS.iter().find(|(name, _)| *name == syntax.name) {
        None => Some(lang),
        Some((_, Detour::TypeScript)) => Some("typescript"),
        Some((_, Detour::Xml)) => Some("xml"),
        Some((_, Detour::CSharp)) => Some("cs"),
        Some((_, Detour::Plain)) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use syntect::parsing::SyntaxSet;
    use syntect::parsing::syntax_definition::{
        Context, ContextReference, MatchOperation, Pattern, SyntaxDefinition,
    };

    /// The syntax a linked context belongs to. `ContextId` keeps its index private; its
    /// debug form is the only public view of it.
    fn syntax_index(reference: &ContextReference) -> Option<usize> {
        let id = reference.id().ok()?;
        let debug = format!("{id:?}");
        let rest = &debug[debug.find("syntax_index: ")? + "syntax_index: ".len()..];
        rest[..rest.find(|c: char| !c.is_ascii_digit())?].parse().ok()
    }

    fn references(context: &Context) -> Vec<&ContextReference> {
        let mut out = Vec::new();
        for pattern in &context.patterns {
            match pattern {
                Pattern::Include(reference) => out.push(reference),
                Pattern::Match(found) => {
                    if let MatchOperation::Push(list) | MatchOperation::Set(list) = &found.operation
                    {
                        out.extend(list);
                    }
                    out.extend(&found.with_prototype);
                }
            }
        }
        out
    }

    /// For each syntax, the syntaxes its contexts refer to directly.
    fn edges(definitions: &[SyntaxDefinition]) -> Vec<BTreeSet<usize>> {
        definitions
            .iter()
            .map(|definition| {
                definition.contexts.values().flat_map(references).filter_map(syntax_index).collect()
            })
            .collect()
    }

    /// Every syntax from which the JavaScript syntax can be reached.
    fn reaching_javascript(set: &SyntaxSet) -> BTreeSet<usize> {
        let javascript = set
            .syntaxes()
            .iter()
            .position(|s| s.scope.to_string() == "source.js")
            .expect("the syntax set has JavaScript");
        let edges = edges(set.clone().into_builder().syntaxes());
        let mut reaching = BTreeSet::from([javascript]);
        loop {
            let before = reaching.len();
            for (index, targets) in edges.iter().enumerate() {
                if targets.iter().any(|t| reaching.contains(t)) {
                    reaching.insert(index);
                }
            }
            if reaching.len() == before {
                return reaching;
            }
        }
    }

    #[test]
    fn no_language_reaches_the_javascript_grammar() {
        let set: &SyntaxSet = &typst::text::RAW_SYNTAXES;
        let reaching = reaching_javascript(set);
        assert!(reaching.len() > 3, "the walk finds HTML and friends: {reaching:?}");
        let mut unsafe_tokens = Vec::new();
        for index in &reaching {
            let syntax = &set.syntaxes()[*index];
            let tokens = syntax.file_extensions.iter().cloned().chain([syntax.name.clone()]);
            for token in tokens {
                let chosen = grammar_for(&token).and_then(|g| set.find_syntax_by_token(g));
                let chosen =
                    chosen.and_then(|s| set.syntaxes().iter().position(|t| std::ptr::eq(t, s)));
                if chosen.is_some_and(|c| reaching.contains(&c)) {
                    unsafe_tokens.push(format!("{token} ({})", syntax.name));
                }
            }
        }
        assert!(unsafe_tokens.is_empty(), "route these around JavaScript: {unsafe_tokens:?}");
    }

    #[test]
    fn common_languages_keep_their_own_grammar() {
        for lang in ["rust", "python", "json", "yaml", "toml", "bash", "go", "c", "typescript"] {
            assert_eq!(grammar_for(lang), Some(lang));
        }
        assert_eq!(grammar_for("JS"), Some("typescript"));
        assert_eq!(grammar_for("html"), Some("xml"));
        assert_eq!(grammar_for("java"), Some("cs"));
        assert_eq!(grammar_for("Gemfile"), None);
        assert_eq!(grammar_for("no-such-language"), Some("no-such-language"));
    }

    #[test]
    fn every_detour_names_a_grammar_of_the_set() {
        for (name, _) in DETOURS {
            let found = typst::text::RAW_SYNTAXES.find_syntax_by_name(name);
            assert!(found.is_some(), "{name} is not in the syntax set");
        }
    }
}
