//! The Typst writer's template format: every value a `*.typ.j2` template prints is
//! written as a Typst literal, so `{{ meta.title }}` can never inject markup; markup
//! produced in Rust is marked safe and goes in as it is.

use super::escape::string_literal;
use crate::templates::TemplateFormat;
use minijinja::value::{Value, ValueKind};
use minijinja::{Error, ErrorKind, Output, State};

/// The Typst templates (`*.typ.j2`) and their escaper.
pub const TYPST: TemplateFormat = TemplateFormat {
    escape: "typst",
    owns: |name| name.ends_with(".typ.j2"),
    formatter: typst_formatter,
};

/// Prints a value as a Typst literal; safe strings (markup built in Rust) go in as they are.
fn typst_formatter(out: &mut Output, _state: &mut State, value: &Value) -> Result<(), Error> {
    let text = typst_literal(value)?;
    out.write_str(&text).map_err(|e| Error::new(ErrorKind::WriteFailure, e.to_string()))
}

/// A value (e.g. a serialised chart) as a Typst literal, strings escaped.
pub(crate) fn value_literal(value: &Value) -> String {
    // Only a failing custom object can make this fail; serialised data has none.
    typst_literal(value).unwrap_or_else(|_| "none".to_string())
}

fn typst_literal(value: &Value) -> Result<String, Error> {
    if value.is_safe() {
        return Ok(value.as_str().unwrap_or_default().to_string());
    }
    Ok(match value.kind() {
        ValueKind::Undefined | ValueKind::None => "none".to_string(),
        ValueKind::Bool => value.is_true().to_string(),
        ValueKind::Number => value.to_string(),
        ValueKind::String => string_literal(value.as_str().unwrap_or_default()),
        ValueKind::Seq | ValueKind::Iterable => {
            let items: Result<Vec<String>, Error> =
                value.try_iter()?.map(|v| typst_literal(&v)).collect();
            format!("({})", items?.iter().map(|i| format!("{i},")).collect::<String>())
        }
        ValueKind::Map => {
            let mut parts = String::new();
            for key in value.try_iter()? {
                let item = value.get_item(&key)?;
                let key = string_literal(&key.to_string());
                parts.push_str(&format!("{key}: {}, ", typst_literal(&item)?));
            }
            if parts.is_empty() { "(:)".to_string() } else { format!("({parts})") }
        }
        _ => string_literal(&value.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::Templates;

    fn render(template: &str, ctx: Value) -> String {
        let mut env = Templates::embedded().environment(&TYPST).unwrap();
        env.add_template_owned("t", template.to_string()).unwrap();
        env.get_template("t").unwrap().render(ctx).unwrap()
    }

    #[test]
    fn values_become_typst_literals_and_cannot_inject_markup() {
        let ctx = minijinja::context! {
            title => "#eval(\"1\") ] [",
            missing => Value::from(()),
            pairs => vec![("分类", "行业")],
            flag => true,
            body => Value::from_safe_string("#strong[x]".into()),
        };
        let out = render("{{ title }}|{{ missing }}|{{ pairs }}|{{ flag }}|{{ body }}", ctx);
        assert_eq!(out, r##""#eval(\"1\") ] ["|none|(("分类","行业",),)|true|#strong[x]"##);
    }
}
