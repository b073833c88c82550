//! Folio turns Markdown reports into a print-quality briefing PDF and a 16:9 slide deck,
//! typeset in-process by Typst with bundled CJK fonts.
//!
//! Data flows one way: [`markdown`] reads text into the [`model`], [`passes`] clean it and
//! resolve links and pictures ([`prepare`] runs this front half), [`deck`] plans the
//! slides, the writers ([`render`] for Typst, [`pptx`]) write each [`Output`], and
//! [`engine`] typesets. [`Converter`] runs the whole pipeline for one document in memory:
//!
//! ```no_run
//! use folio::{Converter, ConverterOptions, Input, Output};
//! use std::path::Path;
//!
//! let converter = Converter::new(ConverterOptions::default())?;
//! let markdown = "# Title\n\nHello.";
//! let input =
//!     Input { path: Path::new("report.md"), markdown, base_dir: None, run: None, style: None };
//! let converted = converter.convert(&input)?;
//! std::fs::write("report.pdf", &converted.get(Output::Report).unwrap().bytes)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod address;
pub mod cli;
pub mod config;
pub mod convert;
pub mod dates;
pub mod deck;
pub mod engine;
pub mod error;
pub mod fetch;
pub mod html;
pub mod incremental;
pub mod inputs;
pub mod jobs;
pub mod manifest;
pub mod markdown;
pub mod math;
pub mod model;
pub mod output;
pub mod outputs;
pub mod passes;
pub mod pdfpc;
pub mod picture;
pub mod pptx;
pub mod prefetch;
pub mod prepare;
pub mod quiet;
pub mod render;
pub mod sandbox;
pub mod serve;
pub mod style;
pub mod templates;
pub mod text;
pub mod theme;
pub mod wire_path;

pub use convert::{
    Artifact, Converted, Converter, ConverterOptions, Input, Previews, RunDocuments,
};
pub use error::{Error, Warning};
pub use output::Output;
