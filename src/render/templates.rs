//! Embedded templates, user overrides, and the Minijinja environment that fills them.
//!
//! Two layers, as pandoc does it: `*.typ.j2` files only move metadata and body markup into
//! a call of a real Typst library function (`lib/*.typ`). Every value a template prints
//! is written as a Typst literal by [`typst_formatter`], so `{{ meta.title }}` can never
//! inject markup; markup produced in Rust is marked safe.

use super::escape::string_literal;
use minijinja::value::{Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State};
use std::path::Path;

/// Templates compiled into the binary: (name, text).
const EMBEDDED: &[(&str, &str)] = &[
    ("report.typ.j2", include_str!("../../templates/report.typ.j2")),
    ("slides.typ.j2", include_str!("../../templates/slides.typ.j2")),
    ("notes.typ.j2", include_str!("../../templates/notes.typ.j2")),
    ("handout.typ.j2", include_str!("../../templates/handout.typ.j2")),
    ("lib/common.typ", include_str!("../../templates/lib/common.typ")),
    ("lib/handouts.typ", include_str!("../../templates/lib/handouts.typ")),
    ("lib/themes/corporate.typ", include_str!("../../templates/lib/themes/corporate.typ")),
    ("lib/themes/minimal.typ", include_str!("../../templates/lib/themes/minimal.typ")),
    ("lib/report.typ", include_str!("../../templates/lib/report.typ")),
    ("lib/slides.typ", include_str!("../../templates/lib/slides.typ")),
    ("pptx/macros.xml.j2", include_str!("../../templates/pptx/macros.xml.j2")),
    ("pptx/theme.xml.j2", include_str!("../../templates/pptx/theme.xml.j2")),
    ("pptx/master.xml.j2", include_str!("../../templates/pptx/master.xml.j2")),
    ("pptx/layout.xml.j2", include_str!("../../templates/pptx/layout.xml.j2")),
    ("pptx/notes-master.xml.j2", include_str!("../../templates/pptx/notes-master.xml.j2")),
    ("pptx/notes.xml.j2", include_str!("../../templates/pptx/notes.xml.j2")),
    ("pptx/slide.xml.j2", include_str!("../../templates/pptx/slide.xml.j2")),
    ("pptx/presentation.xml.j2", include_str!("../../templates/pptx/presentation.xml.j2")),
    ("pptx/core.xml.j2", include_str!("../../templates/pptx/core.xml.j2")),
    ("pptx/app.xml.j2", include_str!("../../templates/pptx/app.xml.j2")),
    ("pptx/pres-props.xml.j2", include_str!("../../templates/pptx/pres-props.xml.j2")),
    ("pptx/view-props.xml.j2", include_str!("../../templates/pptx/view-props.xml.j2")),
    ("pptx/table-styles.xml.j2", include_str!("../../templates/pptx/table-styles.xml.j2")),
];

/// The template set in use: the embedded one, with any file overridden from a folder.
#[derive(Debug, Clone)]
pub struct Templates {
    files: Vec<(String, String)>,
}

impl Templates {
    /// The templates built into Folio.
    pub fn embedded() -> Self {
        let files = EMBEDDED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        Self { files }
    }

    /// The embedded templates, each replaced by a file of the same name under `dir` if
    /// there is one (e.g. `DIR/lib/report.typ`).
    pub fn with_overrides(dir: &Path) -> std::io::Result<Self> {
        let mut templates = Self::embedded();
        for (name, text) in &mut templates.files {
            let path = dir.join(&*name);
            if path.is_file() {
                *text = std::fs::read_to_string(&path)?;
            }
        }
        Ok(templates)
    }

    /// Names of the themes (`lib/themes/NAME.typ`).
    pub fn themes(&self) -> Vec<String> {
        self.files
            .iter()
            .filter_map(|(name, _)| name.strip_prefix("lib/themes/")?.strip_suffix(".typ"))
            .map(str::to_string)
            .collect()
    }

    /// The `lib/theme.typ` the library imports: the chosen theme, then the brand colour
    /// (validated as `#rrggbb` before it gets here).
    pub fn theme_file(&self, theme: &str, brand_colour: Option<&str>) -> String {
        let path = format!("lib/themes/{theme}.typ");
        let base =
            self.files.iter().find(|(name, _)| *name == path).map_or("", |(_, t)| t.as_str());
        match brand_colour {
            Some(colour) => format!("{base}\n#let accent = rgb(\"{colour}\")\n"),
            None => base.to_string(),
        }
    }

    /// Every template as (name, text), for `folio templates export`.
    pub fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(n, t)| (n.as_str(), t.as_str()))
    }

    /// The Typst library files (`lib/…`) the generated sources import.
    pub fn library_files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files
            .iter()
            .filter(|(name, _)| name.starts_with("lib/"))
            .map(|(n, t)| (n.as_str(), t.as_str()))
    }

    /// A Minijinja environment over the PowerPoint part templates (`pptx/…`): every value
    /// is printed as XML text by [`xml_formatter`]; DrawingML built in Rust is marked safe.
    pub fn xml_environment(&self) -> Result<Environment<'static>, Error> {
        self.environment_over(|name| name.starts_with(PPTX), "xml", xml_formatter)
    }

    /// A Minijinja environment over the Typst templates (every `.j2` file but the
    /// PowerPoint parts).
    pub fn environment(&self) -> Result<Environment<'static>, Error> {
        self.environment_over(|name| !name.starts_with(PPTX), "typst", typst_formatter)
    }

    /// An environment over the `.j2` files `wanted` picks, printing every value with
    /// `formatter` (escape `escape`); an undefined variable is an error.
    fn environment_over(
        &self,
        wanted: impl Fn(&str) -> bool,
        escape: &'static str,
        formatter: fn(&mut Output, &mut State, &Value) -> Result<(), Error>,
    ) -> Result<Environment<'static>, Error> {
        let mut env = Environment::new();
        env.set_auto_escape_callback(move |_| AutoEscape::Custom(escape.into()));
        env.set_formatter(formatter);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        for (name, text) in &self.files {
            if name.ends_with(".j2") && wanted(name) {
                env.add_template_owned(name.clone(), text.clone())?;
            }
        }
        Ok(env)
    }
}

/// Where the PowerPoint part templates live; they are filled by [`Templates::xml_environment`].
const PPTX: &str = "pptx/";

/// Prints a value as a Typst literal; safe strings (markup built in Rust) go in as they are.
fn typst_formatter(out: &mut Output, _state: &mut State, value: &Value) -> Result<(), Error> {
    let text = typst_literal(value)?;
    out.write_str(&text).map_err(|e| Error::new(ErrorKind::WriteFailure, e.to_string()))
}

/// Prints a value as XML character data: report text can never become markup.
fn xml_formatter(out: &mut Output, _state: &mut State, value: &Value) -> Result<(), Error> {
    let text = match value.kind() {
        _ if value.is_safe() => value.as_str().unwrap_or_default().to_string(),
        ValueKind::Undefined | ValueKind::None => String::new(),
        ValueKind::Bool => if value.is_true() { "1" } else { "0" }.to_string(),
        ValueKind::String => crate::pptx::xml::escape(value.as_str().unwrap_or_default()),
        _ => crate::pptx::xml::escape(&value.to_string()),
    };
    out.write_str(&text).map_err(|e| Error::new(ErrorKind::WriteFailure, e.to_string()))
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

    fn render(template: &str, ctx: Value) -> String {
        let mut env = Templates::embedded().environment().unwrap();
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
