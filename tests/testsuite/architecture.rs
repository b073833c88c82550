//! The shape the architecture document promises, checked on the source: top-level
//! modules import each other without a cycle, no writer imports another, no file is over
//! 600 lines and no function over 80.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

/// The top-level module a file of `src/` belongs to (`None` for lib.rs and main.rs).
fn module_of(path: &Path) -> Option<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let first = path.strip_prefix(&src).ok()?.components().next()?;
    let name = first.as_os_str().to_str()?.trim_end_matches(".rs").to_string();
    (name != "lib" && name != "main").then_some(name)
}

/// The top-level modules `text` names through `crate::x` or `crate::{x, y::z}`.
fn imported(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            for item in inner.split(',') {
                names.insert(item.trim().split("::").next().unwrap_or("").to_string());
            }
        } else {
            let name: String =
                rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            names.insert(name);
        }
    }
    names.retain(|n| !n.is_empty() && n.chars().next().is_some_and(|c| c.is_ascii_lowercase()));
    names
}

fn import_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let sources = sources();
    let modules: BTreeSet<String> = sources.iter().filter_map(|(p, _)| module_of(p)).collect();
    for (path, text) in &sources {
        let Some(module) = module_of(path) else { continue };
        let edges = graph.entry(module.clone()).or_default();
        edges.extend(imported(text).into_iter().filter(|m| *m != module && modules.contains(m)));
    }
    graph
}

/// A cycle through `start`, if there is one.
fn cycle_from(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![vec![start.to_string()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = path.last().unwrap();
        for next in graph.get(last).into_iter().flatten() {
            if next == start {
                return Some([path.clone(), vec![next.clone()]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push([path.clone(), vec![next.clone()]].concat());
            }
        }
    }
    None
}

#[test]
fn top_level_modules_import_each_other_without_a_cycle() {
    let graph = import_graph();
    assert!(graph.len() > 10, "the graph was read: {graph:?}");
    assert!(graph["convert"].contains("render") && graph["convert"].contains("pptx"));
    for module in graph.keys() {
        assert_eq!(cycle_from(&graph, module), None, "import cycle");
    }
}

#[test]
fn no_writer_imports_another() {
    let graph = import_graph();
    let writers = ["render", "pptx", "pdfpc", "html"];
    for writer in writers {
        for other in writers.iter().filter(|w| **w != writer) {
            assert!(!graph[writer].contains(*other), "{writer} imports {other}");
        }
    }
}

#[test]
fn files_and_functions_stay_small() {
    let mut too_long = Vec::new();
    for (path, text) in sources() {
        let lines: Vec<&str> = text.lines().collect();
        if lines.len() > 600 {
            too_long.push(format!("{}: {} lines", path.display(), lines.len()));
        }
        for (start, line) in lines.iter().enumerate() {
            let code = line.trim_start();
            let is_fn = ["fn ", "pub fn ", "pub(crate) fn ", "pub(super) fn ", "const fn "]
                .iter()
                .any(|p| code.starts_with(p));
            if !is_fn || code.ends_with(';') {
                continue;
            }
            let indent = &line[..line.len() - code.len()];
            let end = lines[start..].iter().position(|l| *l == format!("{indent}}}"));
            let length = end.map_or(0, |end| end + 1);
            if length > 80 {
                too_long.push(format!(
                    "{}:{}: a function of {length} lines",
                    path.display(),
                    start + 1
                ));
            }
        }
    }
    assert!(too_long.is_empty(), "{too_long:#?}");
}

#[test]
fn imports_are_read_in_both_forms() {
    let text = "use crate::model::Block;\nuse crate::{deck, render::escape};\nlet x = crate::text::is_cjk(c);";
    let names: Vec<String> = imported(text).into_iter().collect();
    assert_eq!(names, ["deck", "model", "render", "text"]);
}
