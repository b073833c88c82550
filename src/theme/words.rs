//! The words Folio writes itself (page labels, `（续）`, callout titles…), per language,
//! from the shared `words.toml`: the same words in the PDFs and the .pptx.

use crate::model::AlertKind;
use serde::{Deserialize, Serialize};

/// The words of one language. Placeholders in braces are filled in by the writer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Words {
    /// Typst's region for the language (`cn`), empty for none.
    pub region: String,
    /// The language tag of text runs in the .pptx (`zh-CN`).
    pub office: String,
    /// The page footer of the print briefing: `Page {n} of {total}`.
    pub page: String,
    pub date: String,
    pub author: String,
    pub source: String,
    /// The summary slide's title when the report names no key points section.
    pub summary: String,
    /// The key points box's title when the report gives none.
    pub key_points: String,
    /// The print briefing's table of contents.
    pub contents: String,
    /// The agenda slide's title.
    pub agenda: String,
    /// Appended to the title of a slide that continues the one before.
    pub continued: String,
    pub figure: String,
    pub table: String,
    /// Between a figure's or table's number and its caption.
    pub caption_separator: String,
    /// The line closing a block cut short on the slides: `{count} more {unit}`.
    pub more: String,
    /// A remote picture not downloaded: `Picture: {alt} · {host}`.
    pub remote_picture: String,
    /// The legend entry of a chart's estimates and forecasts (`2025E`), drawn lighter.
    pub estimate: String,
    pub units: Units,
    /// Default titles of GitHub alerts.
    pub callouts: CalloutWords,
}

/// What a block cut short on the slides is counted in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Units {
    pub rows: String,
    pub items: String,
    pub code_lines: String,
    pub parts: String,
}

/// Default titles of the five GitHub alert kinds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct CalloutWords {
    pub note: String,
    pub tip: String,
    pub important: String,
    pub warning: String,
    pub caution: String,
}

impl Words {
    /// `Figure 3: ` or `图 3 `: a caption's label, as the Typst library writes it.
    pub fn numbered(&self, word: &str, number: usize) -> String {
        format!("{word} {number}{}", self.caption_separator)
    }

    /// The line saying `count` more `unit` went to the notes.
    pub fn more(&self, count: usize, unit: &str) -> String {
        self.more.replace("{count}", &count.to_string()).replace("{unit}", unit)
    }

    /// The default title of an alert of `kind`.
    pub fn callout(&self, kind: AlertKind) -> &str {
        let c = &self.callouts;
        match kind {
            AlertKind::Note => &c.note,
            AlertKind::Tip => &c.tip,
            AlertKind::Important => &c.important,
            AlertKind::Warning => &c.warning,
            AlertKind::Caution => &c.caution,
        }
    }
}
