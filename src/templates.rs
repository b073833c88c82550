//! Embedded templates, user overrides, and the Minijinja environments that fill them.
//!
//! A neutral module: every writer fills its own templates here through a
//! [`TemplateFormat`] it registers — which `.j2` files are its own and the escaper that
//! prints every value — so no writer reaches into another (the Typst writer's format is
//! in `render/`, the PowerPoint writer's in `pptx/`). Values are escaped for their
//! format, so `{{ meta.title }}` can never inject markup; markup built in Rust is marked
//! safe.

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, Output, State};
use serde::Serialize;
use std::path::Path;

/// The folder of theme files among the templates: `themes/NAME.toml` is the theme `NAME`.
pub const THEMES_DIR: &str = "themes/";

/// Templates compiled into the binary: (name, text).
const EMBEDDED: &[(&str, &str)] = &[
    ("report.typ.j2", include_str!("../templates/report.typ.j2")),
    ("slides.typ.j2", include_str!("../templates/slides.typ.j2")),
    ("notes.typ.j2", include_str!("../templates/notes.typ.j2")),
    ("handout.typ.j2", include_str!("../templates/handout.typ.j2")),
    ("lib/common.typ", include_str!("../templates/lib/common.typ")),
    ("lib/handouts.typ", include_str!("../templates/lib/handouts.typ")),
    ("lib/theme.typ", include_str!("../templates/lib/theme.typ")),
    ("lib/report.typ", include_str!("../templates/lib/report.typ")),
    ("lib/slides.typ", include_str!("../templates/lib/slides.typ")),
    ("lib/math.typ", include_str!("../templates/lib/math.typ")),
    ("lib/charts.typ", include_str!("../templates/lib/charts.typ")),
    ("themes/corporate.toml", include_str!("../templates/themes/corporate.toml")),
    ("themes/minimal.toml", include_str!("../templates/themes/minimal.toml")),
    ("words.toml", include_str!("../templates/words.toml")),
    ("pptx/macros.xml.j2", include_str!("../templates/pptx/macros.xml.j2")),
    ("pptx/theme.xml.j2", include_str!("../templates/pptx/theme.xml.j2")),
    ("pptx/master.xml.j2", include_str!("../templates/pptx/master.xml.j2")),
    ("pptx/layout.xml.j2", include_str!("../templates/pptx/layout.xml.j2")),
    ("pptx/notes-master.xml.j2", include_str!("../templates/pptx/notes-master.xml.j2")),
    ("pptx/notes.xml.j2", include_str!("../templates/pptx/notes.xml.j2")),
    ("pptx/slide.xml.j2", include_str!("../templates/pptx/slide.xml.j2")),
    ("pptx/presentation.xml.j2", include_str!("../templates/pptx/presentation.xml.j2")),
    ("pptx/core.xml.j2", include_str!("../templates/pptx/core.xml.j2")),
    ("pptx/app.xml.j2", include_str!("../templates/pptx/app.xml.j2")),
    ("pptx/pres-props.xml.j2", include_str!("../templates/pptx/pres-props.xml.j2")),
    ("pptx/view-props.xml.j2", include_str!("../templates/pptx/view-props.xml.j2")),
    ("pptx/table-styles.xml.j2", include_str!("../templates/pptx/table-styles.xml.j2")),
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
    /// there is one (e.g. `DIR/lib/report.typ`), and every other theme of `DIR/themes/`
    /// added (`DIR/themes/neon.toml` is the theme `neon`).
    pub fn with_overrides(dir: &Path) -> std::io::Result<Self> {
        let mut templates = Self::embedded();
        for (name, text) in &mut templates.files {
            let path = dir.join(&*name);
            if path.is_file() {
                *text = std::fs::read_to_string(&path)?;
            }
        }
        let mut added: Vec<(String, String)> = Vec::new();
        for entry in std::fs::read_dir(dir.join(THEMES_DIR)).into_iter().flatten() {
            let path = entry?.path();
            let Some(file) = path.file_name().and_then(|f| f.to_str()) else { continue };
            let name = format!("{THEMES_DIR}{file}");
            let new = !templates.files.iter().any(|(known, _)| *known == name);
            if new && file.ends_with(".toml") && path.is_file() {
                added.push((name, std::fs::read_to_string(&path)?));
            }
        }
        // In name order, whatever order the folder lists them in.
        added.sort();
        templates.files.extend(added);
        Ok(templates)
    }

    /// Names of the themes (`themes/NAME.toml`), sorted.
    pub fn themes(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .files
            .iter()
            .filter_map(|(name, _)| name.strip_prefix(THEMES_DIR)?.strip_suffix(".toml"))
            .map(str::to_string)
            .collect();
        names.sort();
        names
    }

    /// The text of the template `name` (e.g. `themes/corporate.toml`), if there is one.
    pub fn file(&self, name: &str) -> Option<&str> {
        self.files.iter().find(|(n, _)| n == name).map(|(_, text)| text.as_str())
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

    /// A Minijinja environment over the `.j2` files `format` owns, printing every value
    /// with its escaper; an undefined variable is an error.
    pub fn environment(&self, format: &TemplateFormat) -> Result<Environment<'static>, Error> {
        let mut env = Environment::new();
        let escape = format.escape;
        env.set_auto_escape_callback(move |_| AutoEscape::Custom(escape.into()));
        env.set_formatter(format.formatter);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        for (name, text) in &self.files {
            if name.ends_with(".j2") && (format.owns)(name) {
                env.add_template_owned(name.clone(), text.clone())?;
            }
        }
        Ok(env)
    }

    /// Renders template `name` of `format` with `context`.
    pub fn render(
        &self,
        format: &TemplateFormat,
        name: &str,
        context: &impl Serialize,
    ) -> Result<String, TemplateError> {
        let wrap = |source| TemplateError { name: name.to_string(), source };
        let env = self.environment(format).map_err(wrap)?;
        let template = env.get_template(name).map_err(wrap)?;
        template.render(Value::from(minijinja::value::Serde(context))).map_err(wrap)
    }
}

/// An output format's templates: the `.j2` files it owns and the escaper through which
/// every value they print passes. Each writer defines one.
pub struct TemplateFormat {
    /// Name of the escaping mode (Minijinja's auto-escape name).
    pub escape: &'static str,
    /// Whether a template (by name) belongs to this format.
    pub owns: fn(&str) -> bool,
    /// Prints one value: escaped for the format, or as it is when marked safe.
    pub formatter: fn(&mut Output, &mut State, &Value) -> Result<(), Error>,
}

/// A template that failed to render (a broken user override, usually).
#[derive(Debug, thiserror::Error)]
#[error("template {name}: {source}")]
pub struct TemplateError {
    pub name: String,
    #[source]
    pub source: minijinja::Error,
}
