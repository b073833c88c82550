//! The company template a report's deck is written on (issue 20): `--reference-pptx`
//! over the one the report's folio.toml names, read once and shared by every report that
//! uses it.

use super::Converter;
use crate::deck::DeckOptions;
use crate::error::{Error, Warning};
use crate::pptx::reference::{self, Fitted, LayoutChoice, Reference, ReferenceError};
use crate::sandbox::{Refused, resolve_inside};
use crate::style::Style;
use crate::theme::Theme;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Templates read so far, by path, with their stamp when read ([`reference::stamp`]), or
/// why they cannot be used.
pub(super) type References =
    Mutex<HashMap<PathBuf, (Vec<u8>, Result<Arc<Reference>, ReferenceError>)>>;

/// A report's template with the layout each kind of slide goes on.
pub struct OnTemplate {
    pub reference: Arc<Reference>,
    pub choice: LayoutChoice,
}

impl OnTemplate {
    /// `theme` fitted to the template's content layout, for the planner and the `.pptx`.
    pub fn fit(&self, theme: &Theme) -> Fitted {
        reference::fit(theme, &self.reference, &self.choice)
    }
}

impl Converter {
    /// The template a report of `style` is written on, if any, with its layouts chosen.
    /// One named by a folio.toml found beside the reports must lie in that file's folder,
    /// as its logo must.
    pub(super) fn on_template(&self, style: &Style) -> Result<Option<OnTemplate>, Error> {
        let fail =
            |path: &Path, reason: String| Error::Reference { path: path.to_path_buf(), reason };
        // A folio.toml's template path is absolute (`Style::from_file`), and front matter
        // cannot name one.
        let path = match (&self.options.reference_pptx, &style.reference_pptx) {
            (Some(path), _) => path.clone(),
            (None, Some(path)) => {
                if let Some(root) = &style.logo_root {
                    resolve_inside(root, path).map_err(|refused| match refused {
                        Refused::Outside => {
                            fail(path, "outside the folder of the folio.toml that names it".into())
                        }
                        Refused::Unreadable(e) => fail(path, e.to_string()),
                    })?;
                }
                path.clone()
            }
            (None, None) => return Ok(None),
        };
        let reference = self.read_reference(&path).map_err(|e| fail(&e.path, e.reason))?;
        let overrides = style.pptx_layouts.clone().unwrap_or_default();
        let choice = reference.choose(&overrides).map_err(|reason| fail(&path, reason))?;
        Ok(Some(OnTemplate { reference, choice }))
    }

    /// The template at `path`, read on first use and again when it changed since (the
    /// preview server and `watch` keep one converter while the template is edited).
    fn read_reference(&self, path: &Path) -> Result<Arc<Reference>, ReferenceError> {
        let stamp = reference::stamp(path);
        let mut read = self.references.lock().unwrap_or_else(|e| e.into_inner());
        match read.get(path) {
            Some((seen, template)) if *seen == stamp => template.clone(),
            _ => {
                let template = reference::read(path).map(Arc::new);
                read.insert(path.to_path_buf(), (stamp, template.clone()));
                template
            }
        }
    }

    /// The theme of a report of `style`, and its deck's options: on a template, in the
    /// template's slide proportions and, when asked, with the template's accent and fonts
    /// (each missing font a warning).
    pub(super) fn theme_for(
        &self,
        style: &Style,
        template: Option<&OnTemplate>,
        warnings: &mut Vec<Warning>,
    ) -> (Theme, DeckOptions) {
        let mut deck_options = self.deck_options(style);
        if let Some(template) = template {
            deck_options.aspect = template.reference.aspect();
        }
        let mut theme = self.themes.styled(style.theme_name(), style.brand_colour.as_deref());
        theme.slide.sizes.raise_to(deck_options.aspect.smallest_text());
        let branded = self.options.brand_from_reference || style.brand_from_reference == Some(true);
        if let Some(template) = template.filter(|_| branded) {
            let installed = |family: &str| self.typesetter.has_family(family);
            let facts = &template.reference.theme;
            let missing = reference::brand_pdfs(&mut theme, facts, &installed);
            warnings.extend(missing.into_iter().map(|message| Warning { line: None, message }));
        }
        (theme, deck_options)
    }
}
