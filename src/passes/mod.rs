//! Cleanup passes over the model: the repairs scraped reports need.
//!
//! A pass is `fn(&mut Document) -> Vec<Warning>`; passes run in the order of [`PASSES`]
//! and each can be switched off by name. Passes work on the typed model, never on text.

mod images;

pub use images::drop_missing_images;

use crate::error::Warning;
use crate::model::Document;

/// A named cleanup pass.
pub struct Pass {
    pub name: &'static str,
    pub run: fn(&mut Document) -> Vec<Warning>,
}

/// The passes, in the order they run. The repairs for scraped reports come in a later
/// change; the pipeline already runs them here.
pub const PASSES: &[Pass] = &[];

/// Runs every pass not named in `disabled`, collecting their warnings.
pub fn run_all(doc: &mut Document, disabled: &[String]) -> Vec<Warning> {
    PASSES
        .iter()
        .filter(|pass| !disabled.iter().any(|d| d == pass.name))
        .flat_map(|pass| (pass.run)(doc))
        .collect()
}
