//! Folio turns Markdown reports into a print-quality briefing PDF and a 16:9 slide deck,
//! typeset in-process by Typst with bundled CJK fonts.
//!
//! Data flows one way: [`markdown`] reads text into the [`model`], [`passes`] clean it,
//! [`deck`] plans the slides, [`render`] writes Typst through templates, and [`engine`]
//! typesets it. [`Converter`] runs the whole pipeline for one document in memory:
//!
//! ```no_run
//! use folio::{Converter, ConverterOptions, Input};
//! use std::path::Path;
//!
//! let converter = Converter::new(ConverterOptions::default())?;
//! let markdown = "# Title\n\nHello.";
//! let input = Input { path: Path::new("report.md"), markdown, base_dir: None, run: None };
//! let converted = converter.convert(&input)?;
//! std::fs::write("report.pdf", &converted.report.unwrap().pdf)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod address;
pub mod batch;
pub mod cli;
pub mod convert;
pub mod deck;
pub mod engine;
pub mod error;
pub mod manifest;
pub mod markdown;
pub mod model;
pub mod passes;
pub mod pdfpc;
pub mod picture;
pub mod pptx;
pub mod progress;
pub mod render;
pub mod sandbox;
pub mod style;
pub mod templates;
pub mod text;
pub mod theme;
pub mod workers;

pub use convert::{
    Artifact, Converted, Converter, ConverterOptions, Input, Outputs, Previews, RunDocuments,
};
pub use error::{Error, Warning};
