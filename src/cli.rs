//! Command-line flags, parsed into the library's options. No conversion logic lives here.

use crate::batch::{BatchOptions, DEFAULT_MAX_INPUT_BYTES};
use crate::convert::{ConverterOptions, Outputs};
use crate::deck::{Aspect, DeckOptions};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Markdown reports → a print-quality briefing PDF and a 16:9 slide deck.
#[derive(Debug, Parser)]
#[command(name = "folio", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert reports: each input gives `<stem>.pdf` and `<stem>.slides.pdf`.
    Build(BuildArgs),
    /// Convert, then convert again whenever a report, an image it uses or a template
    /// changes (Ctrl-C to stop).
    Watch(BuildArgs),
    /// Internal: a worker process of `folio build`, converting the jobs it reads on stdin.
    #[command(name = "__worker", hide = true)]
    Worker(BuildArgs),
    /// List the themes: the built-in ones, and with --templates DIR those of DIR/themes/
    /// too (each checked, as a build would).
    Themes {
        /// A folder of templates whose themes/*.toml replace or add themes.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
    /// Work with the templates.
    Templates {
        #[command(subcommand)]
        command: TemplatesCommand,
    },
    /// Work with build manifests.
    Manifest {
        #[command(subcommand)]
        command: ManifestCommand,
    },
}

/// `folio manifest …`
#[derive(Debug, Subcommand)]
pub enum ManifestCommand {
    /// Merge the manifests of several shards into OUT.
    Merge {
        #[arg(value_name = "OUT")]
        out: PathBuf,
        #[arg(value_name = "MANIFEST", required = true)]
        inputs: Vec<PathBuf>,
    },
}

/// `folio templates …`
#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Write the embedded templates to DIR, as a starting point for --templates DIR.
    Export {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

/// Flags of `folio build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Markdown files (any extension) or folders (their .md/.markdown files, recursively).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Folder for the outputs; folder inputs keep their tree below it.
    #[arg(short, long, value_name = "DIR", default_value = "output")]
    pub out_dir: PathBuf,
    /// Produce only the print briefing or only the slide deck.
    #[arg(long, value_enum)]
    pub only: Option<Only>,
    /// Also write the generated Typst sources (`<stem>.typ`, `<stem>.slides.typ`).
    #[arg(long)]
    pub emit_typst: bool,
    /// Extra font folder, searched before the bundled fonts (repeatable).
    #[arg(long = "fonts", value_name = "DIR")]
    pub font_dirs: Vec<PathBuf>,
    /// Use only the --fonts folders, not Folio's bundled fonts.
    #[arg(long)]
    pub no_bundled_fonts: bool,
    /// Folder whose files override the embedded templates by name; its themes/*.toml
    /// also add themes.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Style options file [default: folio.toml here or in the first input folder].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Switch off a repair of scraped reports (repeatable): metadata-list, lead-abstract,
    /// bold-headings, key-points, pseudo-bullets, source-note, table-captions, or all.
    #[arg(long = "skip-repair", value_name = "NAME", value_parser = repair_name)]
    pub skip_repairs: Vec<String>,
    /// Slide proportions.
    #[arg(long, value_enum, default_value = "16:9")]
    pub aspect: AspectArg,
    /// A divider slide before each top-level section.
    #[arg(long)]
    pub section_dividers: bool,
    /// Also write `<stem>.notes.pdf`: each slide above its speaker notes.
    #[arg(long)]
    pub notes_pages: bool,
    /// Also write `<stem>.handout.pdf` with N slides per A4 page (1–12).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=12))]
    pub handout: Option<u8>,
    /// Also write `<stem>.pptx`: the slide deck as an editable PowerPoint file (or set
    /// `pptx = true` in folio.toml).
    #[arg(long)]
    pub pptx: bool,
    /// Also write PNG previews: `<stem>.page1.png`, `<stem>.contact.png` (every page as
    /// a thumbnail), and the same for the slides.
    #[arg(long)]
    pub preview: bool,
    /// Make the print briefing declare and satisfy a PDF standard.
    #[arg(long, value_enum, value_name = "STANDARD")]
    pub pdf_standard: Option<PdfStandardArg>,
    /// Convert every input, even those the manifest says are up to date.
    #[arg(long)]
    pub force: bool,
    /// Build manifest [default: OUT_DIR/folio-manifest.json].
    #[arg(long, value_name = "PATH")]
    pub manifest: Option<PathBuf>,
    /// Documents converted at once [default: one per core].
    #[arg(short, long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    pub jobs: usize,
    /// Convert only shard I of N (e.g. 2/8): a stable share of the inputs, for spreading
    /// a corpus over machines.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// Largest report accepted, in MB; larger ones fail at once.
    #[arg(long, value_name = "MB", default_value_t = DEFAULT_MAX_INPUT_BYTES as f64 / 1e6)]
    pub max_input_mb: f64,
    /// A report still typesetting after SECS seconds is stopped and reported as failed;
    /// 0 means no limit.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    pub timeout: u64,
    /// Print nothing but errors.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print a line for every file converted.
    #[arg(short, long)]
    pub verbose: bool,
}

/// Slide proportions on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AspectArg {
    #[value(name = "16:9")]
    Wide,
    #[value(name = "4:3")]
    Standard,
}

/// PDF standards on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PdfStandardArg {
    /// PDF/A-2b (archival).
    #[value(name = "a-2b")]
    A2b,
    /// PDF/UA-1 (accessibility).
    #[value(name = "ua-1")]
    Ua1,
}

/// One of the two outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Only {
    Report,
    Slides,
}

impl BuildArgs {
    /// Options for the converter; `style` comes from the config file.
    pub fn converter_options(&self, style: crate::style::Style) -> ConverterOptions {
        let outputs = match self.only {
            None => Outputs::default(),
            Some(Only::Report) => Outputs { report: true, slides: false },
            Some(Only::Slides) => Outputs { report: false, slides: true },
        };
        ConverterOptions {
            font_dirs: self.font_dirs.clone(),
            no_bundled_fonts: self.no_bundled_fonts,
            templates_dir: self.templates.clone(),
            outputs,
            disabled_passes: self.skip_repairs.clone(),
            deck: DeckOptions {
                section_dividers: self.section_dividers,
                aspect: match self.aspect {
                    AspectArg::Wide => Aspect::Wide,
                    AspectArg::Standard => Aspect::Standard,
                },
            },
            notes_pages: self.notes_pages,
            handout: self.handout,
            style,
            previews: self.preview,
            pptx: self.pptx,
            pdf_standard: self.pdf_standard.map(|standard| match standard {
                PdfStandardArg::A2b => crate::engine::PdfStandard::A2b,
                PdfStandardArg::Ua1 => crate::engine::PdfStandard::Ua1,
            }),
        }
    }

    /// The time limit for one report, if any.
    pub fn timeout(&self) -> Option<std::time::Duration> {
        (self.timeout > 0).then(|| std::time::Duration::from_secs(self.timeout))
    }

    /// Where the build manifest is kept.
    pub fn manifest_path(&self) -> PathBuf {
        self.manifest.clone().unwrap_or_else(|| self.out_dir.join("folio-manifest.json"))
    }

    /// Options for the batch run.
    pub fn batch_options(&self) -> BatchOptions {
        BatchOptions {
            out_dir: self.out_dir.clone(),
            emit_typst: self.emit_typst,
            max_input_bytes: (self.max_input_mb.max(0.0) * 1e6) as u64,
            jobs: self.jobs,
            run: Default::default(),
        }
    }
}

fn repair_name(name: &str) -> Result<String, String> {
    if name == "all" || crate::passes::names().any(|n| n == name) {
        Ok(name.to_string())
    } else {
        let known: Vec<&str> = crate::passes::names().chain(["all"]).collect();
        Err(format!("unknown repair; known: {}", known.join(", ")))
    }
}

fn parse_shard(text: &str) -> Result<(usize, usize), String> {
    let (index, count) = text.split_once('/').ok_or("expected I/N, e.g. 2/8")?;
    let index: usize = index.trim().parse().map_err(|_| "I must be a number")?;
    let count: usize = count.trim().parse().map_err(|_| "N must be a number")?;
    if count == 0 || index == 0 || index > count {
        return Err(format!("shard {index}/{count} does not exist: I runs from 1 to N"));
    }
    Ok((index, count))
}
