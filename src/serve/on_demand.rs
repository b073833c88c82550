//! The files to download, made when they are downloaded rather than on every save: on a
//! 20-page report, writing the `.pptx` took about 65 ms of each rebuild and exporting the
//! two PDFs 30–45 ms, for files fetched now and then. Each save makes only what the
//! pages show ([`live_options`]); a converter of its own, loaded on the first download,
//! makes the rest, once per version of a report.

use super::library::Entry;
use crate::config::Styles;
use crate::convert::{Converter, ConverterOptions};
use crate::jobs::BatchOptions;
use crate::output::Output;
use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;

/// What every save makes: the print briefing and the slides as SVG pages (no PDF), the
/// notes for the presenter view, and the web deck when asked for.
pub fn live_options(options: &ConverterOptions) -> ConverterOptions {
    let mut live = options.clone();
    live.svg_pages = true;
    live.skip_pdf = true;
    live.outputs = BTreeSet::from([Output::Report, Output::Slides, Output::SpeakerNotes]);
    if options.outputs.contains(&Output::SlidesHtml) {
        live.outputs.insert(Output::SlidesHtml);
    }
    live
}

/// What is made on download: both PDFs, the `.pptx`, and the notes pages and handout
/// when asked for.
pub fn deferred(options: &ConverterOptions) -> BTreeSet<Output> {
    let mut outputs = options.outputs.clone();
    outputs.extend([Output::Report, Output::Slides, Output::Pptx]);
    outputs.remove(&Output::SpeakerNotes);
    outputs.remove(&Output::SlidesHtml);
    outputs
}

/// One report's files made on download: the version they were made from, and each file.
type Made = (u64, Vec<(Output, Vec<u8>)>);

/// Makes the downloads of a served report, once per version.
pub struct OnDemand {
    options: ConverterOptions,
    batch: BatchOptions,
    converter: Mutex<Option<Converter>>,
    /// The last files made of each report.
    made: Mutex<HashMap<usize, Made>>,
}

impl OnDemand {
    /// From the options `folio serve` was given: the [`deferred`] outputs.
    pub fn new(mut options: ConverterOptions, batch: BatchOptions) -> OnDemand {
        options.outputs = deferred(&options);
        options.svg_pages = false;
        options.skip_pdf = false;
        OnDemand { options, batch, converter: Mutex::new(None), made: Mutex::default() }
    }

    /// Whether `output` is made here.
    pub fn makes(&self, output: Output) -> bool {
        self.options.outputs.contains(&output)
    }

    /// The outputs made here, in [`Output::ALL`] order.
    pub fn outputs(&self) -> impl Iterator<Item = Output> + '_ {
        self.options.outputs.iter().copied()
    }

    /// `output` of report `id` as it is now, or why it cannot be made.
    pub fn file(&self, id: usize, entry: &Entry, output: Output) -> Result<Vec<u8>, String> {
        let lookup = |made: &HashMap<usize, Made>| {
            let (version, files) = made.get(&id)?;
            let found = files.iter().find(|(o, _)| *o == output);
            (*version == entry.version).then(|| found.map(|(_, bytes)| bytes.clone()))
        };
        if let Some(found) = lookup(&self.made.lock().unwrap_or_else(|e| e.into_inner())) {
            return found.ok_or_else(|| format!("no {output} was made"));
        }
        // Typesetting (pictures drawn for the deck) needs a large stack.
        let files = std::thread::scope(|scope| {
            let spawned = std::thread::Builder::new()
                .stack_size(crate::engine::TYPESETTING_STACK)
                .spawn_scoped(scope, || self.convert(entry));
            match spawned {
                Ok(handle) => handle.join().unwrap_or_else(|_| Err("internal error".into())),
                Err(err) => Err(err.to_string()),
            }
        })?;
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        made.insert(id, (entry.version, files));
        lookup(&made).flatten().ok_or_else(|| format!("no {output} was made"))
    }

    fn convert(&self, entry: &Entry) -> Result<Vec<(Output, Vec<u8>)>, String> {
        let mut converter = self.converter.lock().unwrap_or_else(|e| e.into_inner());
        if converter.is_none() {
            *converter = Some(Converter::new(self.options.clone()).map_err(|e| e.to_string())?);
        }
        let converter = converter.as_ref().ok_or("no converter")?;
        let styles = Styles::default();
        let converted = crate::jobs::convert_job(converter, &entry.job, &self.batch, &styles)
            .map_err(|e| e.to_string())?;
        Ok(converted
            .outputs
            .into_iter()
            .map(|(output, artifact)| (output, artifact.bytes))
            .collect())
    }
}
