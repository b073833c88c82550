//! The theme: colours, fonts, text sizes and spacing, table, cover and callout styles,
//! slide metrics and the words Folio writes itself, as one typed value that every writer
//! is given. Themes are data (`templates/themes/NAME.toml`, the words from
//! `templates/words.toml`), read and checked when Folio starts, so a theme missing a key
//! fails before any report with the key's name; the Typst library receives the value as
//! JSON and the PowerPoint writer reads it directly, so no number is kept in step between
//! Rust and Typst by hand.

mod chart;
mod colour;
mod slide;
mod words;

pub use chart::ChartColours;
pub use colour::Colour;
pub use slide::{Slide, SlideCapacity, SlideInsets, SlideRules, SlideSizes};
pub use words::{CalloutWords, Units, Words};

use crate::model::AlertKind;
use crate::templates::{THEMES_DIR, Templates};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use crate::style::DEFAULT_THEME;
/// The shared words, by template name.
pub const WORDS_FILE: &str = "words.toml";
/// The language whose words stand in for a language without its own.
const FALLBACK_LANGUAGE: &str = "en";

/// One theme, complete: every field is required in the theme file (no defaults), and
/// unknown keys are refused, so a typo is an error rather than a silently ignored value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Theme {
    pub colours: Colours,
    pub fonts: Fonts,
    /// The print briefing's body text.
    pub text: Text,
    /// Print tables.
    pub table: TableStyle,
    pub cover: Cover,
    pub callouts: Callouts,
    pub slide: Slide,
    /// Words by language, from the shared words file rather than the theme file.
    #[serde(skip_deserializing)]
    pub words: BTreeMap<String, Words>,
}

/// The theme's colours; the brand colour replaces `accent`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Colours {
    pub accent: Colour,
    /// The light accent is the accent mixed with this share of white.
    pub accent_tint: f64,
    /// Metadata, footers, captions.
    pub muted: Colour,
    /// Table and header rules.
    pub rule: Colour,
}

/// Font families, each a list tried in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Fonts {
    pub serif: Vec<String>,
    pub sans: Vec<String>,
    pub mono: Vec<String>,
    /// The family of body text.
    pub body: Family,
    /// The family of headings.
    pub heading: Family,
}

/// Which of the theme's families sets a kind of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Serif,
    Sans,
}

/// The print briefing's text: size in points, spacing in em.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Text {
    pub size: f64,
    pub leading: f64,
    pub paragraph_spacing: f64,
}

/// How print tables look.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct TableStyle {
    /// The header row filled with the accent (or only ruled).
    pub filled_header: bool,
    /// The fill of every other row.
    pub zebra: Colour,
}

/// The full cover page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Cover {
    /// A band of the accent along the top.
    pub band: bool,
}

/// GitHub alerts: a rule in the alert's colour, a fill of that colour lightened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Callouts {
    /// The fill is the colour mixed with this share of white.
    pub tint: f64,
    /// Width of the rule down the left, in points.
    pub rule: f64,
    pub note: Colour,
    pub tip: Colour,
    pub important: Colour,
    pub warning: Colour,
    pub caution: Colour,
}

impl Callouts {
    /// The colour of an alert of `kind`.
    pub fn colour(&self, kind: AlertKind) -> Colour {
        match kind {
            AlertKind::Note => self.note,
            AlertKind::Tip => self.tip,
            AlertKind::Important => self.important,
            AlertKind::Warning => self.warning,
            AlertKind::Caution => self.caution,
        }
    }
}

impl Colours {
    /// The light accent (quote rules, the slide title rule).
    pub fn accent_light(&self) -> Colour {
        self.accent.lighten(self.accent_tint)
    }
}

impl Theme {
    /// Reads the theme file `file` (its template name, for messages) and gives it the
    /// shared `words`.
    pub fn parse(
        file: &str,
        text: &str,
        words: &BTreeMap<String, Words>,
    ) -> Result<Theme, ThemeError> {
        let mut theme: Theme =
            toml::from_str(text).map_err(|e| ThemeError::toml(file, text, &e))?;
        let problem = theme.slide.problem().or_else(|| theme.fonts.problem());
        if let Some(message) = problem {
            return Err(ThemeError { file: file.to_string(), line: None, message });
        }
        theme.words = words.clone();
        Ok(theme)
    }

    /// The theme with the brand colour (`#rrggbb`, checked with the style) as its accent.
    pub fn with_brand_colour(mut self, brand_colour: Option<&str>) -> Theme {
        if let Some(colour) = brand_colour.and_then(Colour::parse) {
            self.colours.accent = colour;
        }
        self
    }

    /// The words for a report in `lang` (a BCP 47 tag): its first subtag's, else English.
    pub fn words_for(&self, lang: &str) -> &Words {
        let primary = lang.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        self.words
            .get(&primary)
            .or_else(|| self.words.get(FALLBACK_LANGUAGE))
            .expect("the words file is checked to have English")
    }

    /// The theme as the JSON the Typst library reads (`lib/theme.typ`).
    pub fn to_json(&self) -> String {
        /// The theme with its chart colours, which `lib/charts.typ` reads.
        #[derive(Serialize)]
        struct WithCharts<'a> {
            #[serde(flatten)]
            theme: &'a Theme,
            chart: ChartColours,
        }
        let data = WithCharts { theme: self, chart: self.chart_colours() };
        serde_json::to_string(&data).expect("a theme is plain data")
    }
}

impl Fonts {
    /// The first sans family, which the .pptx names for Latin and East Asian text.
    pub fn first_sans(&self) -> &str {
        self.sans.first().map_or("", String::as_str)
    }

    /// The first monospace family, for code in the .pptx.
    pub fn first_mono(&self) -> &str {
        self.mono.first().map_or("", String::as_str)
    }

    fn problem(&self) -> Option<String> {
        let lists = [("serif", &self.serif), ("sans", &self.sans), ("mono", &self.mono)];
        let (key, _) = lists.iter().find(|(_, list)| list.iter().all(|f| f.trim().is_empty()))?;
        Some(format!("fonts.{key}: name at least one font"))
    }
}

/// Every theme of a template set, read and checked once.
#[derive(Debug, Clone)]
pub struct Themes {
    themes: BTreeMap<String, Theme>,
}

impl Themes {
    /// Reads the words file and every `themes/NAME.toml` of `templates`; the first file
    /// that is not a complete, valid theme is the error.
    pub fn load(templates: &Templates) -> Result<Themes, ThemeError> {
        let words_text = templates.file(WORDS_FILE).unwrap_or_default();
        let words = parse_words(words_text)?;
        let mut themes = BTreeMap::new();
        for name in templates.themes() {
            let file = format!("{THEMES_DIR}{name}.toml");
            let text = templates.file(&file).unwrap_or_default();
            themes.insert(name, Theme::parse(&file, text, &words)?);
        }
        if !themes.contains_key(DEFAULT_THEME) {
            let message = format!("the default theme \"{DEFAULT_THEME}\" is missing");
            return Err(ThemeError { file: THEMES_DIR.into(), line: None, message });
        }
        Ok(Themes { themes })
    }

    /// The themes' names, sorted.
    pub fn names(&self) -> Vec<String> {
        self.themes.keys().cloned().collect()
    }

    /// The theme `name` with the brand colour applied: what a report's writers get. An
    /// unknown name (the style is checked against [`Themes::names`] first) gives the
    /// default theme.
    pub fn styled(&self, name: &str, brand_colour: Option<&str>) -> Theme {
        let theme = self.themes.get(name).unwrap_or_else(|| &self.themes[DEFAULT_THEME]);
        theme.clone().with_brand_colour(brand_colour)
    }
}

impl Default for Theme {
    /// The built-in default theme, for tests and tools that plan or write without a
    /// converter.
    fn default() -> Theme {
        let themes = Themes::load(&Templates::embedded()).expect("the built-in themes are valid");
        themes.styled(DEFAULT_THEME, None)
    }
}

/// Reads the words file: a table per language, English required.
fn parse_words(text: &str) -> Result<BTreeMap<String, Words>, ThemeError> {
    let words: BTreeMap<String, Words> =
        toml::from_str(text).map_err(|e| ThemeError::toml(WORDS_FILE, text, &e))?;
    if !words.contains_key(FALLBACK_LANGUAGE) {
        let message = format!("missing table `{FALLBACK_LANGUAGE}` (the words of other languages)");
        return Err(ThemeError { file: WORDS_FILE.into(), line: None, message });
    }
    Ok(words)
}

/// A theme or words file that cannot be used: its name, the line where known, and why
/// (`themes/neon.toml:12: missing field `accent``).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ThemeError {
    /// The file's template name, e.g. `themes/neon.toml`.
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl ThemeError {
    fn toml(file: &str, text: &str, error: &toml::de::Error) -> ThemeError {
        let line_of =
            |at: usize| text.get(..at).map_or(1, |before| before.matches('\n').count() + 1);
        let line = error.span().map(|span| line_of(span.start));
        ThemeError { file: file.to_string(), line, message: error.message().trim().to_string() }
    }
}

#[cfg(test)]
mod tests;
