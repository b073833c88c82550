//! The PowerPoint deck, made when it is downloaded rather than on every save: writing it
//! took about 65 ms of each rebuild of a 20-page report, for a file opened now and then.
//! A converter of its own (only the `.pptx`) is loaded on the first download.

use super::library::Entry;
use crate::config::Styles;
use crate::convert::{Converter, ConverterOptions};
use crate::jobs::BatchOptions;
use crate::output::Output;
use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;

/// Makes the `.pptx` of a served report, once per version.
pub struct OnDemand {
    options: ConverterOptions,
    batch: BatchOptions,
    converter: Mutex<Option<Converter>>,
    /// The last deck made of each report, with the version it was made from.
    made: Mutex<HashMap<usize, (u64, Vec<u8>)>>,
}

impl OnDemand {
    /// From the live converter's options, with the `.pptx` the only output.
    pub fn new(mut options: ConverterOptions, batch: BatchOptions) -> OnDemand {
        options.outputs = BTreeSet::from([Output::Pptx]);
        options.svg_pages = false;
        OnDemand { options, batch, converter: Mutex::new(None), made: Mutex::default() }
    }

    /// The `.pptx` of report `id` as it is now, or why it cannot be made.
    pub fn pptx(&self, id: usize, entry: &Entry) -> Result<Vec<u8>, String> {
        let made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((version, bytes)) = made.get(&id).filter(|(v, _)| *v == entry.version) {
            debug_assert_eq!(*version, entry.version);
            return Ok(bytes.clone());
        }
        drop(made);
        // Typesetting (pictures drawn for the deck) needs a large stack.
        let bytes = std::thread::scope(|scope| {
            let spawned = std::thread::Builder::new()
                .stack_size(crate::engine::TYPESETTING_STACK)
                .spawn_scoped(scope, || self.convert(entry));
            match spawned {
                Ok(handle) => handle.join().unwrap_or_else(|_| Err("internal error".into())),
                Err(err) => Err(err.to_string()),
            }
        })?;
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        made.insert(id, (entry.version, bytes.clone()));
        Ok(bytes)
    }

    fn convert(&self, entry: &Entry) -> Result<Vec<u8>, String> {
        let mut converter = self.converter.lock().unwrap_or_else(|e| e.into_inner());
        if converter.is_none() {
            *converter = Some(Converter::new(self.options.clone()).map_err(|e| e.to_string())?);
        }
        let converter = converter.as_ref().ok_or("no converter")?;
        let styles = Styles::default();
        let converted = crate::jobs::convert_job(converter, &entry.job, &self.batch, &styles)
            .map_err(|e| e.to_string())?;
        converted.get(Output::Pptx).map(|a| a.bytes.clone()).ok_or("no deck was made".into())
    }
}
