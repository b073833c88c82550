//! YAML front matter → [`Meta`].

use super::ReadError;
use crate::model::Meta;
use serde_yaml_ng::Value;

/// Reads the YAML between the `---` fences into `meta`; known keys fill named fields,
/// the rest are kept in order as `fields`. Returns false when the block is not a YAML
/// mapping: then it was no front matter but Markdown (`---` rules around a line).
pub fn apply(raw: &str, first_line: usize, meta: &mut Meta) -> Result<bool, ReadError> {
    let yaml = strip_fences(raw);
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
        let Some(key) = scalar_text(&key) else {
            continue;
        };
        let Some(text) = scalar_text(&value) else {
            continue;
        };
        match key.as_str() {
            "title" => meta.title = Some(text),
            "subtitle" => meta.subtitle = Some(text),
            "author" => meta.author = Some(text),
            "date" => meta.date = Some(text),
            "lang" => meta.lang = text,
            style_key if crate::style::KEYS.contains(&style_key) => {
                // Only known keys reach here, so setting cannot fail.
                let _ = meta.style.set(style_key, &text);
            }
            "skip-repairs" | "skip_repairs" => {
                meta.skip_repairs = text.split(',').map(|s| s.trim().to_string()).collect()
            }
            _ => meta.fields.push((key, text)),
        }
    }
    Ok(true)
}

fn strip_fences(raw: &str) -> &str {
    let body = raw.trim_start().strip_prefix("---").unwrap_or(raw);
    let body = body.trim_end();
    body.strip_suffix("---").unwrap_or(body)
}

/// Scalars as text; lists joined with `, `; anything else ignored.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Sequence(items) => {
            let parts: Vec<String> = items.iter().filter_map(scalar_text).collect();
            Some(parts.join(", "))
        }
        _ => None,
    }
}
