//! Which pictures a run fetches: for each report that asks (the flag, its folio.toml or
//! its front matter), the remote pictures left after the repairs (a badge row becomes
//! chips and is not fetched), each URL fetched once for the whole run by [`crate::fetch`].
//! The driver calls this before any report is dispatched.

use crate::fetch::{FetchOptions, Remote, RemotePictures, Source, fetch_all};
use crate::inputs::Job;
use crate::style::Style;

/// What a run fetched: pictures downloaded, taken from the cache, failed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub network: usize,
    pub cache: usize,
    pub failed: usize,
}

/// Fetches the remote pictures of every job that asks for them and gives each such job
/// its own (`job.pictures`); `style` applies to jobs without a folio.toml of their own.
pub fn prefetch(jobs: &mut [Job], options: &FetchOptions, asks: &Asks) -> Tally {
    let wanted: Vec<Option<Vec<String>>> =
        jobs.iter().map(|job| wanted_in(job, options, asks)).collect();
    let reports: Vec<Vec<String>> = wanted.iter().flatten().cloned().collect();
    if reports.iter().all(Vec::is_empty) {
        for (job, urls) in jobs.iter_mut().zip(wanted) {
            job.pictures = urls.map(|_| RemotePictures::new());
        }
        return Tally::default();
    }
    let fetched = fetch_all(&reports, options);
    let mut tally = Tally::default();
    for remote in fetched.values() {
        match remote {
            Remote::Fetched { source: Source::Network, .. } => tally.network += 1,
            Remote::Fetched { source: Source::Cache, .. } => tally.cache += 1,
            Remote::Failed { .. } => tally.failed += 1,
        }
    }
    for (job, urls) in jobs.iter_mut().zip(wanted) {
        job.pictures = urls.map(|urls| {
            let own = urls.iter().filter_map(|url| Some((url.clone(), fetched.get(url)?.clone())));
            own.collect::<RemotePictures>()
        });
    }
    tally
}

/// What decides whether a report asks for its pictures, besides its own text.
pub struct Asks<'a> {
    /// The run's style, for jobs without a folio.toml of their own.
    pub style: &'a Style,
    pub disabled_passes: &'a [String],
    /// Reports larger than this are not read (the worker reports them as too large).
    pub max_input_bytes: u64,
}

/// [`wanted_urls`] on a thread with the typesetting stack: the report is user input,
/// parsed here in the parent, and deep nesting must not overflow a small stack.
fn wanted_in(job: &Job, options: &FetchOptions, asks: &Asks) -> Option<Vec<String>> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(crate::engine::TYPESETTING_STACK)
            .spawn_scoped(scope, || wanted_urls(job, options, asks))
            .ok()?
            .join()
            .ok()?
    })
}

/// The remote pictures of `job` when it asks for them to be fetched; `None` when not.
fn wanted_urls(job: &Job, options: &FetchOptions, asks: &Asks) -> Option<Vec<String>> {
    let Asks { style, disabled_passes, max_input_bytes } = *asks;
    let text = match &job.text {
        Some(text) => text.clone(),
        None => crate::jobs::read_report(&job.input, max_input_bytes).ok()?,
    };
    // Most runs do not fetch: a report is parsed here only when something may ask.
    let config = job.config.as_deref().and_then(|path| crate::style::read_config_text(path).ok());
    let may_ask = |text: &str| text.contains("fetch-images");
    if !options.enabled
        && !style.wants_fetched_images()
        && !may_ask(&text)
        && !config.as_deref().is_some_and(may_ask)
    {
        return None;
    }
    let (mut doc, _) = crate::markdown::read(&text, &Default::default()).ok()?;
    let own = job.config.as_deref().and_then(|path| Style::from_file(path).ok());
    let style = own.as_ref().unwrap_or(style).merged(&doc.meta.style);
    if !options.enabled && !style.wants_fetched_images() {
        return None;
    }
    crate::passes::run_all(&mut doc, disabled_passes);
    let mut urls = Vec::new();
    doc.visit_all_inlines_mut(&mut |inlines, _| {
        for inline in inlines.iter() {
            if let crate::model::Inline::Image { url, .. } = inline
                && crate::address::classify(url) == crate::address::Address::Web
            {
                urls.push(url.clone());
            }
        }
    });
    Some(urls)
}
