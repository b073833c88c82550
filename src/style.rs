//! Look-and-feel options of the print briefing and the slides: theme, brand colour, logo,
//! organisation, cover, table of contents… Set in `folio.toml` (next to the content or
//! given with `--config`) and per report in front matter, front matter winning.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The theme a report gets when its style names none.
pub const DEFAULT_THEME: &str = "corporate";

/// The options; unset ones take the theme's defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Style {
    /// A theme of `templates/themes/` (`corporate`, `minimal`, or one added with
    /// `--templates DIR`).
    pub theme: Option<String>,
    /// Accent colour as `#rrggbb`.
    pub brand_colour: Option<String>,
    /// Logo image for the cover and title slide (a path relative to folio.toml or the
    /// report).
    pub logo: Option<PathBuf>,
    /// Organisation shown on the cover and in the footer.
    pub organisation: Option<String>,
    /// Text in the footer beside the page number.
    pub footer: Option<String>,
    /// A confidentiality line, e.g. `内部资料` or `Confidential`.
    pub confidential: Option<String>,
    /// `full` (a cover page) or `compact` (a title block above the text).
    pub cover: Option<String>,
    /// Table of contents: `auto` (when there are more than four sections), `true`, `false`.
    pub toc: Option<String>,
    /// Paper size for print: `a4`, `letter`, `a5`, `legal`…
    pub paper: Option<String>,
    /// Indent the first line of paragraphs (Chinese convention).
    pub indent: Option<bool>,
    /// Link addresses: `clickable` (default) or `footnotes` (also printed as footnotes).
    pub link_urls: Option<String>,
    /// Number headings (`1`, `1.1`), except those whose text carries its own number.
    pub number_headings: Option<bool>,
    /// Also write the deck as an editable PowerPoint file, `<stem>.pptx` (`true`/`false`;
    /// kept as text so a bad value is reported by [`Style::validate`], wherever it came
    /// from). Not a look: serialised only when set, so workers receive it and the Typst
    /// templates, which ignore it, see it only then.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "bool_or_text")]
    pub pptx: Option<String>,
    /// How long the slide deck is: `full` (every section) or `brief` (at most 15 slides,
    /// the rest in the speaker notes). Serialised only when set, like `pptx`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deck: Option<String>,
    /// Where tables of figures are drawn as charts: `slides` (a chart slide after the
    /// table's, the default), `both` (also a figure under the table in print), `replace`
    /// (the chart instead of the table on the slides, the table in the notes) or `none`.
    /// Serialised only when set, like `pptx`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charts: Option<String>,
    /// The folder a logo must come from, for a configuration found beside the reports
    /// (as untrusted as front matter; see `config::Styles`); `None` for the
    /// user's own (`--config`, the current folder's), whose logo may be anywhere.
    #[serde(skip)]
    pub logo_root: Option<PathBuf>,
    /// Download the report's remote pictures, as `--fetch-images` does (`true`/`false`).
    /// Not a look: serialised only when set, like `pptx`.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "bool_or_text")]
    pub fetch_images: Option<String>,
    /// A company's PowerPoint template (`.pptx` or `.potx`) the deck is written on,
    /// relative to folio.toml. Only folio.toml and `--reference-pptx` set it: front matter
    /// cannot name a file to read. Serialised only when set, like `pptx`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_pptx: Option<PathBuf>,
    /// The PDFs take the template's theme colours and fonts too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand_from_reference: Option<bool>,
    /// `[pptx.layouts]`: the template layout, by name, for a kind of slide (`content =
    /// "Corporate body"`), over the one chosen by its placeholders.
    /// (Its key is not one a folio.toml can write: only `[pptx.layouts]` sets it.)
    #[serde(rename = "pptx.layouts", skip_serializing_if = "Option::is_none")]
    pub pptx_layouts: Option<BTreeMap<String, String>>,
}

/// `pptx = true` in folio.toml, or `pptx: "true"` in text.
fn bool_or_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Text(String),
    }
    Ok(Some(match Flag::deserialize(d)? {
        Flag::Bool(b) => b.to_string(),
        Flag::Text(t) => t,
    }))
}

/// A style option that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{key}: {message}")]
pub struct StyleError {
    pub key: String,
    pub message: String,
}

/// Keys that front matter may set.
pub const KEYS: &[&str] = &[
    "theme",
    "brand-colour",
    "brand-color",
    "logo",
    "organisation",
    "organization",
    "footer",
    "confidential",
    "cover",
    "toc",
    "paper",
    "indent",
    "link-urls",
    "number-headings",
    "pptx",
    "deck",
    "charts",
    "fetch-images",
];

/// The values of `charts` (`deck::ChartPlacement::name`).
pub const CHART_PLACES: &[&str] = &["slides", "both", "replace", "none"];

/// A configuration file larger than this is refused unread: real ones are a few lines.
pub const MAX_CONFIG_BYTES: u64 = 256 * 1024;

/// A configuration file's text, checked to be a regular file of at most
/// [`MAX_CONFIG_BYTES`] before it is read (a `folio.toml` found beside the reports is
/// anyone's: a FIFO or a huge file must not hang or fill the run).
pub fn read_config_text(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let metadata = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !metadata.is_file() {
        return Err("not a regular file".into());
    }
    let mut text = String::new();
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    file.take(MAX_CONFIG_BYTES + 1).read_to_string(&mut text).map_err(|e| e.to_string())?;
    if text.len() as u64 > MAX_CONFIG_BYTES {
        return Err(format!("larger than {} KB", MAX_CONFIG_BYTES / 1024));
    }
    Ok(text)
}

const PAPERS: &[&str] = &["a4", "a5", "a3", "letter", "legal", "b5", "us-letter", "us-legal"];

impl Style {
    /// Reads `folio.toml`; relative logo and template paths are taken relative to the
    /// file.
    pub fn from_file(path: &Path) -> Result<Style, String> {
        let text = read_config_text(path)?;
        let mut style = Style::from_toml(&text)?;
        // Absolute, so a relative `--config` still finds them wherever the report is.
        let absolute = std::path::absolute(path).map_err(|e| e.to_string())?;
        let dir = absolute.parent().unwrap_or(Path::new("/"));
        for file in [&mut style.logo, &mut style.reference_pptx].into_iter().flatten() {
            if file.is_relative() {
                *file = dir.join(&*file);
            }
        }
        Ok(style)
    }

    /// The options of a `folio.toml` text. `pptx` is either a switch (`pptx = true`) or a
    /// table (`[pptx]` with `write = true` and a `layouts` table), which is unfolded into
    /// [`Style::pptx`] and [`Style::pptx_layouts`].
    fn from_toml(text: &str) -> Result<Style, String> {
        let mut table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        let Some(toml::Value::Table(mut pptx)) = table.remove("pptx") else {
            return toml::from_str(text).map_err(|e| e.to_string());
        };
        let layouts = match pptx.remove("layouts") {
            Some(layouts) => Some(layouts.try_into().map_err(|e| format!("[pptx.layouts]: {e}"))?),
            None => None,
        };
        if let Some(write) = pptx.remove("write") {
            table.insert("pptx".into(), write);
        }
        if let Some(key) = pptx.keys().next() {
            return Err(format!("[pptx]: unknown key `{key}` (keys: write, layouts)"));
        }
        let mut style: Style = table.try_into().map_err(|e| e.to_string())?;
        style.pptx_layouts = layouts.or(style.pptx_layouts);
        Ok(style)
    }

    /// Sets one option from front matter text.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), StyleError> {
        let text = Some(value.to_string());
        match key {
            "theme" => self.theme = text,
            "brand-colour" | "brand-color" => self.brand_colour = text,
            "logo" => self.logo = Some(PathBuf::from(value)),
            "organisation" | "organization" => self.organisation = text,
            "footer" => self.footer = text,
            "confidential" => self.confidential = text,
            "cover" => self.cover = text,
            "toc" => self.toc = text,
            "paper" => self.paper = text,
            "indent" => self.indent = Some(matches!(value, "true" | "yes" | "1")),
            "link-urls" => self.link_urls = text,
            "number-headings" => self.number_headings = Some(matches!(value, "true" | "yes" | "1")),
            "pptx" => self.pptx = text,
            "deck" => self.deck = text,
            "charts" => self.charts = text,
            "fetch-images" => self.fetch_images = text,
            _ => return Err(StyleError { key: key.into(), message: "not a style option".into() }),
        }
        Ok(())
    }

    /// Clears an option [`validate`](Self::validate) checks, by the key its error names;
    /// false when it was not set here.
    pub fn unset(&mut self, key: &str) -> bool {
        let slot = match key {
            "theme" => &mut self.theme,
            "brand-colour" => &mut self.brand_colour,
            "cover" => &mut self.cover,
            "toc" => &mut self.toc,
            "paper" => &mut self.paper,
            "link-urls" => &mut self.link_urls,
            "pptx" => &mut self.pptx,
            "deck" => &mut self.deck,
            "charts" => &mut self.charts,
            "fetch-images" => &mut self.fetch_images,
            _ => return false,
        };
        slot.take().is_some()
    }

    /// `self` with every option `over` sets taking its place.
    pub fn merged(&self, over: &Style) -> Style {
        macro_rules! pick {
            ($($field:ident),*) => { Style { $($field: over.$field.clone().or_else(|| self.$field.clone())),* } };
        }
        pick!(
            theme,
            brand_colour,
            logo,
            organisation,
            footer,
            confidential,
            cover,
            toc,
            paper,
            indent,
            link_urls,
            number_headings,
            pptx,
            deck,
            charts,
            logo_root,
            fetch_images,
            reference_pptx,
            brand_from_reference,
            pptx_layouts
        )
    }

    /// Checks every option against what Folio can do, naming the first bad one.
    pub fn validate(&self, themes: &[String]) -> Result<(), StyleError> {
        let bad = |key: &str, message: String| Err(StyleError { key: key.into(), message });
        if let Some(theme) = &self.theme
            && !themes.contains(theme)
        {
            return bad(
                "theme",
                format!("unknown theme \"{theme}\"; themes: {}", themes.join(", ")),
            );
        }
        if let Some(colour) = &self.brand_colour
            && !is_hex_colour(colour)
        {
            return bad("brand-colour", format!("\"{colour}\" is not a colour like #1f4e79"));
        }
        let one_of = |key: &str, value: &Option<String>, allowed: &[&str]| match value {
            Some(v) if !allowed.contains(&v.as_str()) => {
                bad(key, format!("\"{v}\" is not one of {}", allowed.join(", ")))
            }
            _ => Ok(()),
        };
        one_of("cover", &self.cover, &["full", "compact"])?;
        one_of("toc", &self.toc, &["auto", "true", "false"])?;
        one_of("paper", &self.paper, PAPERS)?;
        one_of("link-urls", &self.link_urls, &["clickable", "footnotes"])?;
        one_of("pptx", &self.pptx, &["true", "false"])?;
        one_of("deck", &self.deck, &["full", "brief"])?;
        one_of("charts", &self.charts, CHART_PLACES)?;
        one_of("fetch-images", &self.fetch_images, &["true", "false"])
    }

    /// Whether the style asks for remote pictures to be downloaded.
    pub fn wants_fetched_images(&self) -> bool {
        self.fetch_images.as_deref() == Some("true")
    }

    /// Whether the style asks for charts under the tables in print too (`charts = "both"`).
    pub fn charts_in_print(&self) -> bool {
        self.charts.as_deref() == Some("both")
    }

    /// Whether the style asks for the `.pptx` too: `pptx = true`, or a template to write
    /// it on unless `pptx = false`.
    pub fn wants_pptx(&self) -> bool {
        match self.pptx.as_deref() {
            Some(pptx) => pptx == "true",
            None => self.reference_pptx.is_some(),
        }
    }

    /// The theme's name (the default theme when unset).
    pub fn theme_name(&self) -> &str {
        self.theme.as_deref().unwrap_or(DEFAULT_THEME)
    }
}

fn is_hex_colour(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_wins_and_bad_options_are_named() {
        let base =
            Style { theme: Some("minimal".into()), footer: Some("A".into()), ..Style::default() };
        let mut over = Style::default();
        over.set("footer", "B").unwrap();
        let merged = base.merged(&over);
        assert_eq!(
            (merged.theme.as_deref(), merged.footer.as_deref()),
            (Some("minimal"), Some("B"))
        );

        let themes = vec!["corporate".to_string(), "minimal".to_string()];
        assert!(merged.validate(&themes).is_ok());
        let bad = Style { brand_colour: Some("blue".into()), ..Style::default() };
        assert_eq!(bad.validate(&themes).unwrap_err().key, "brand-colour");
        let bad = Style { theme: Some("neon".into()), ..Style::default() };
        assert!(bad.validate(&themes).unwrap_err().message.contains("corporate, minimal"));
        let charts: Style = toml::from_str("charts = \"both\"").unwrap();
        assert!(charts.validate(&themes).is_ok() && charts.charts_in_print());
        let bad = Style { charts: Some("pie".into()), ..Style::default() };
        let error = bad.validate(&themes).unwrap_err();
        assert_eq!((error.key.as_str(), error.message.contains("slides, both")), ("charts", true));
        let injected = Style { brand_colour: Some("#fff\")".into()), ..Style::default() };
        assert!(injected.validate(&themes).is_err());
        let bad = Style { pptx: Some("yes please".into()), ..Style::default() };
        assert_eq!(bad.validate(&themes).unwrap_err().key, "pptx");
        let toml: Style = toml::from_str("pptx = true").unwrap();
        assert!(toml.wants_pptx() && toml.validate(&themes).is_ok());
        let bad: Style = toml::from_str("pptx = \"maybe\"").unwrap();
        assert_eq!(bad.validate(&themes).unwrap_err().key, "pptx");
        let brief: Style = toml::from_str("deck = \"brief\"").unwrap();
        assert!(brief.validate(&themes).is_ok() && brief.deck.as_deref() == Some("brief"));
        let bad: Style = toml::from_str("deck = \"short\"").unwrap();
        assert_eq!(bad.validate(&themes).unwrap_err().key, "deck");
    }
}
