//! The front half of a conversion, font-free: Markdown → model, the repairs of scraped
//! reports, pictures, diagrams and links resolved. The converter, the snapshot tests and the
//! benches all call [`prepare`], so the model they see is exactly what the writers get.

use crate::error::{Error, Warning};
use crate::fetch::RemotePictures;
use crate::model::Document;
use crate::passes::RunDocuments;
use crate::picture::Limits;
use crate::style::Style;
use crate::{markdown, passes};
use std::path::Path;

/// One input document, held in memory.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    /// Path used in messages (and whose stem is the fallback title).
    pub path: &'a Path,
    pub markdown: &'a str,
    /// The folder images may be read from; `None` allows no file access.
    pub base_dir: Option<&'a Path>,
    /// The reports converted in the same run, so links between them point at each
    /// other's PDFs; `None` when unknown (links to other files then show their target).
    pub run: Option<&'a RunDocuments>,
    /// The configuration that applies to this report (its `folio.toml`); `None`: the
    /// converter's own.
    pub style: Option<&'a Style>,
}

/// Reads and cleans a document: Markdown → model after the passes (except those named in
/// `disabled_passes`), with its pictures (none decoded over `image_limits`), formulas and
/// links resolved.
pub fn prepare(
    input: &Input,
    disabled_passes: &[String],
    image_limits: &Limits,
) -> Result<(Document, Vec<Warning>), Error> {
    prepare_fetched(input, None, disabled_passes, image_limits)
}

/// [`prepare`] for a report whose remote pictures were fetched (`remote`; `None` when it
/// did not ask for them).
pub fn prepare_fetched(
    input: &Input,
    remote: Option<&RemotePictures>,
    disabled_passes: &[String],
    image_limits: &Limits,
) -> Result<(Document, Vec<Warning>), Error> {
    let fallback_title = input.path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let read_options = markdown::ReadOptions { fallback_title };
    let (mut doc, mut warnings) = markdown::read(input.markdown, &read_options).map_err(|e| {
        Error::Markdown { path: input.path.to_path_buf(), line: e.line, message: e.message }
    })?;
    warnings.extend(passes::run_all(&mut doc, disabled_passes));
    let sources = passes::Sources { base_dir: input.base_dir, remote };
    warnings.extend(passes::resolve_images(&mut doc, sources, image_limits));
    warnings.extend(passes::resolve_math(&mut doc));
    // After the images: the pictures it makes are served from memory, not looked up.
    warnings.extend(passes::resolve_diagrams(&mut doc));
    warnings.extend(passes::resolve_charts(&mut doc));
    warnings.extend(passes::resolve_links(&mut doc, input.path, input.run));
    Ok((doc, warnings))
}
