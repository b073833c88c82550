//! The integration tests, one module per area, built as one test binary so that
//! `cargo test` links Typst once instead of once per test file.

mod common;

mod budgets;
mod code_audit;

mod architecture;
mod browser;
mod charts;
mod cli;
mod commonmark;
mod compile;
mod conventions;
mod dates;
mod deck_quality;
mod errors;
mod faults;
mod gfm;
mod hostile;
mod html;
mod inputs;
mod jobs;
mod language;
mod links;
mod math;
mod mermaid;
mod passes;
mod pathological;
mod picture_server;
mod pptx;
mod pptx_fit;
mod readmes;
mod reference;
mod remote;
mod serve;
mod snapshots;
mod svg;
mod text_safety;
mod themes;
mod webdriver;
