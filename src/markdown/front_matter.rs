//! YAML front matter → [`Meta`].

use super::ReadError;
use crate::error::Warning;
use crate::model::Meta;
use serde_yaml_ng::Value;

/// Reads the YAML between the `---` fences into `meta`; known keys fill named fields,
/// the rest are kept in order as `fields`. Returns false when the block is not a YAML
/// mapping: then it was no front matter but Markdown (`---` rules around a line).
///
/// Only YAML that cannot be parsed fails: a value of the wrong shape (`title: [a, b]`,
/// `date: {x: 1}`, `lang: 5`, `author: null`) is left out with a warning at its line.
pub fn apply(
    raw: &str,
    first_line: usize,
    meta: &mut Meta,
    warnings: &mut Vec<Warning>,
) -> Result<bool, ReadError> {
    let yaml = strip_fences(raw);
    if let Some(reason) = too_costly(yaml) {
        // The YAML parser slows down with every unclosed bracket (200 KB of `[` took
        // 38 s): such front matter is skipped before parsing, and the report converts.
        warnings.push(Warning {
            line: Some(first_line),
            message: format!("front matter ignored: {reason}"),
        });
        return Ok(true);
    }
    let value: Value = serde_yaml_ng::from_str(yaml).map_err(|err| {
        // The YAML text starts with the newline after the opening fence, so its line N
        // is the file's line `first_line + N - 1`; its own positions would mislead.
        let message = err.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        ReadError {
            line: first_line + err.location().map_or(1, |l| l.line()) - 1,
            message: format!("invalid YAML front matter: {message}"),
        }
    })?;
    let Value::Mapping(map) = value else {
        return Ok(matches!(value, Value::Null));
    };
    for (key, value) in map {
        let Some(key) = scalar(&key) else {
            warnings.push(Warning {
                line: Some(first_line),
                message: "front matter key that is not text ignored".into(),
            });
            continue;
        };
        let line = key_line(raw, first_line, &key);
        match value_text(&key, &value) {
            Ok(text) => set(meta, key, text, line, warnings),
            Err(shape) => warnings.push(Warning {
                line: Some(line),
                message: format!("front matter \"{key}\" {shape}; ignored"),
            }),
        }
    }
    Ok(true)
}

/// Puts one well-shaped value into `meta`, remembering its line.
fn set(meta: &mut Meta, key: String, text: String, line: usize, warnings: &mut Vec<Warning>) {
    meta.lines.insert(key.clone(), line);
    match key.as_str() {
        "title" => meta.title = Some(text),
        "subtitle" => meta.subtitle = Some(text),
        "author" => meta.author = Some(text),
        "date" => meta.date = Some(text),
        "lang" => match language(&text) {
            Some(lang) => meta.lang = lang,
            None => warnings.push(Warning {
                line: Some(line),
                message: format!(
                    "front matter lang \"{}\" is not a language code like en or zh; \
                     ignored (the language is guessed from the text)",
                    crate::text::clip(&text, 40)
                ),
            }),
        },
        style_key if crate::style::KEYS.contains(&style_key) => {
            // Only known keys reach here, so setting cannot fail; the values are checked
            // with the configuration's (convert/style.rs).
            let _ = meta.style.set(style_key, &text);
        }
        "skip-repairs" | "skip_repairs" => {
            meta.skip_repairs = text.split(',').map(|s| s.trim().to_string()).collect()
        }
        _ => meta.fields.push((key, text)),
    }
}
/// Front matter larger than this is not read: real front matter is a few lines.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;
/// Brackets and braces nested deeper than this are not read (real values nest 2 or 3).
pub const MAX_FRONT_MATTER_DEPTH: usize = 32;

/// Why the YAML is not worth parsing: too large, or flow collections nested too deep.
/// Brackets inside quotes count too; real front matter is far from either limit.
fn too_costly(yaml: &str) -> Option<String> {
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        return Some(format!("larger than {} KB", MAX_FRONT_MATTER_BYTES / 1024));
    }
    let mut depth = 0usize;
    for byte in yaml.bytes() {
        match byte {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_FRONT_MATTER_DEPTH {
            return Some(format!("brackets nested deeper than {MAX_FRONT_MATTER_DEPTH} levels"));
        }
    }
    None
}

fn strip_fences(raw: &str) -> &str {
    let body = raw.trim_start().strip_prefix("---").unwrap_or(raw);
    let body = body.trim_end();
    body.strip_suffix("---").unwrap_or(body)
}

/// Keys whose value must be one piece of text; the others may be lists (`author: [A, B]`).
const SINGLE: &[&str] = &["title", "subtitle", "date", "lang"];

/// The value as text, or why it has the wrong shape: scalars as they are, lists of
/// scalars joined with `, ` where a list makes sense.
fn value_text(key: &str, value: &Value) -> Result<String, &'static str> {
    match value {
        Value::Null => Err("has no value"),
        Value::Mapping(_) => Err("is a mapping, not text"),
        Value::Tagged(_) => Err("is a tagged value, not text"),
        Value::Sequence(_) if SINGLE.contains(&key) => Err("is a list, not text"),
        Value::Sequence(items) => {
            let parts: Option<Vec<String>> = items.iter().map(scalar).collect();
            parts.map(|parts| parts.join(", ")).ok_or("is a list of lists or mappings, not text")
        }
        _ => scalar(value).ok_or("is not text"),
    }
}

/// Strings, numbers and booleans as text.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The language part of a tag (`en` of `en-US`), lower case, when it is two or three
/// letters: what Typst's `text(lang:)` accepts, so no tag fails the report.
fn language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?;
    let letters =
        (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
    letters.then(|| primary.to_ascii_lowercase())
}

/// The file line of `key:` at the top level of the front matter (whose fence is on
/// `first_line`); the fence's line when it cannot be found (a key written `? key`).
fn key_line(raw: &str, first_line: usize, key: &str) -> usize {
    let starts_entry = |line: &str| {
        let line = line.trim_start_matches(['"', '\'']);
        line.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start_matches(['"', '\'']).trim_start().starts_with(':'))
    };
    raw.lines().position(starts_entry).map_or(first_line, |index| first_line + index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(yaml: &str) -> (Meta, Vec<Warning>) {
        let (mut meta, mut warnings) = (Meta::default(), Vec::new());
        let raw = format!("---\n{yaml}\n---\n");
        assert!(apply(&raw, 1, &mut meta, &mut warnings).expect("valid YAML"));
        (meta, warnings)
    }

    #[test]
    fn front_matter_too_deep_or_too_large_is_skipped_with_a_warning() {
        let deep = format!("title: T\nk: {}{}", "[".repeat(33), "]".repeat(33));
        let (meta, warnings) = read(&deep);
        assert_eq!(meta.title, None);
        assert!(warnings[0].message.contains("nested deeper than 32"), "{warnings:?}");
        let shallow = format!("title: T\nk: {}{}", "[".repeat(5), "]".repeat(5));
        assert_eq!(read(&shallow).0.title.as_deref(), Some("T"));
        let large = format!("title: T\nk: \"{}\"", "x".repeat(70_000));
        assert!(read(&large).1[0].message.contains("larger than 64 KB"));
    }

    #[test]
    fn values_of_the_wrong_shape_are_warnings_at_their_line() {
        let cases = [
            ("title: [a, b]", "\"title\" is a list, not text; ignored"),
            ("date: {x: 1}", "\"date\" is a mapping, not text; ignored"),
            ("author: null", "\"author\" has no value; ignored"),
            ("lang: 5", "lang \"5\" is not a language code"),
            ("tags: [[a], b]", "\"tags\" is a list of lists or mappings"),
        ];
        for (yaml, expected) in cases {
            let (meta, warnings) = read(&format!("subtitle: S\n{yaml}"));
            assert_eq!(warnings.len(), 1, "{yaml}: {warnings:?}");
            assert_eq!(warnings[0].line, Some(3), "{yaml}");
            assert!(warnings[0].message.contains(expected), "{yaml}: {warnings:?}");
            assert_eq!(meta.subtitle.as_deref(), Some("S"));
            assert_eq!(
                (meta.title, meta.date, meta.author, meta.lang),
                (None, None, None, String::new())
            );
        }
    }

    #[test]
    fn well_shaped_values_are_kept() {
        let (meta, warnings) = read("author: [A, B]\nlang: en-US\ndate: 2025-09-23\ntitle: 2025");
        assert_eq!(warnings, []);
        assert_eq!(meta.author.as_deref(), Some("A, B"));
        assert_eq!(meta.lang, "en");
        assert_eq!(meta.title.as_deref(), Some("2025"));
        assert_eq!(meta.lines.get("date"), Some(&4));
    }
}
