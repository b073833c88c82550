//! Cleanup passes over the model: the repairs scraped reports need.
//!
//! A pass is `fn(&mut Document) -> Vec<Warning>`; passes run in the order of [`PASSES`]
//! and each can be switched off by name. Passes work on the typed model, never on text.

mod badges;
mod bold_headings;
mod charts;
mod date;
mod diagrams;
mod images;
mod key_points;
mod lead_abstract;
mod links;
mod math;
mod metadata_list;
mod pseudo_bullets;
mod source_note;
mod table_captions;

pub use charts::resolve_charts;
pub use diagrams::resolve_diagrams;
pub use images::{Sources, picture_file, resolve_images};
pub use links::{RunDocuments, link_target_pdf, resolve_links};
pub use math::{resolve_math, shown_as_latex};

use crate::error::Warning;
use crate::model::Document;

/// A named cleanup pass.
pub struct Pass {
    pub name: &'static str,
    pub run: fn(&mut Document) -> Vec<Warning>,
}

/// The repairs, in the order they run: metadata and abstract are read off the top of the
/// body first, so the later passes see only the body.
pub const PASSES: &[Pass] = &[
    Pass { name: "badges", run: badges::run },
    Pass { name: "metadata-list", run: metadata_list::run },
    Pass { name: "lead-abstract", run: lead_abstract::run },
    Pass { name: "bold-headings", run: bold_headings::run },
    Pass { name: "key-points", run: key_points::run },
    Pass { name: "pseudo-bullets", run: pseudo_bullets::run },
    Pass { name: "source-note", run: source_note::run },
    Pass { name: "table-captions", run: table_captions::run },
];

/// Runs every pass not named in `disabled` or in the document's own `skip-repairs`
/// (`all` disables every one), collecting their warnings, then reads the date.
pub fn run_all(doc: &mut Document, disabled: &[String]) -> Vec<Warning> {
    let mut disabled = disabled.to_vec();
    disabled.extend(doc.meta.skip_repairs.iter().cloned());
    let skip_all = disabled.iter().any(|d| d == "all");
    let mut warnings: Vec<Warning> = disabled
        .iter()
        .filter(|d| *d != "all" && !names().any(|n| n == d.as_str()))
        .map(|d| Warning { line: None, message: format!("unknown repair \"{d}\" ignored") })
        .collect();
    warnings.extend(
        PASSES
            .iter()
            .filter(|pass| !skip_all && !disabled.iter().any(|d| d == pass.name))
            .flat_map(|pass| (pass.run)(doc)),
    );
    warnings.extend(date::read(&mut doc.meta));
    warnings
}

/// The names of all passes, for `--help` and errors.
pub fn names() -> impl Iterator<Item = &'static str> {
    PASSES.iter().map(|p| p.name)
}
