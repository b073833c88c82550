//! Command-line flags, parsed into the library's options. No conversion logic lives here.

use crate::convert::ConverterOptions;
use crate::deck::{Aspect, ChartPlacement, DeckLength, DeckOptions};
use crate::jobs::{BatchOptions, DEFAULT_MAX_INPUT_BYTES};
use crate::output::Output;
use crate::picture::Limits;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Folio's version, the Typst release typesetting, and the commit built.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (typst ",
    env!("FOLIO_TYPST_VERSION"),
    ", commit ",
    env!("FOLIO_COMMIT"),
    ")"
);

const EXAMPLES: &str = "\
Examples:
  folio build reports/                      every report under reports/ into output/
  folio build report.md --only report -o -  the print briefing of one report on stdout
  cat report.md | folio build - --name q3   a report from stdin into output/q3.pdf …";

/// Markdown reports → a print-quality briefing PDF and a 16:9 slide deck.
#[derive(Debug, Parser)]
#[command(name = "folio", version = VERSION, about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// When to colour `error:` and `warning:`: auto (on a terminal, unless NO_COLOR is
    /// set), always or never.
    #[arg(long, value_enum, global = true, default_value = "auto", value_name = "WHEN")]
    pub color: ColorChoice,
}

/// When to colour messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// How `build` and `watch` report what happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// Lines for people on stderr.
    Human,
    /// One JSON object per event on stdout, for programs.
    Json,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert reports: each input gives `<stem>.pdf` and `<stem>.slides.pdf`.
    Build(BuildArgs),
    /// Convert, then convert again whenever a report, an image it uses or a template
    /// changes (Ctrl-C to stop).
    Watch(BuildArgs),
    /// Serve live previews in the browser: each report's briefing and slides, updated on
    /// save, a presenter view, downloads, and with --allow-upload a converter page.
    Serve(ServeArgs),
    /// Internal: a worker process of `folio build`, converting the jobs it reads on stdin.
    #[command(name = "__worker", hide = true)]
    Worker,
    /// List the themes: the built-in ones, and with --templates DIR those of DIR/themes/
    /// too (each checked, as a build would).
    Themes {
        /// A folder of templates whose themes/*.toml replace or add themes.
        #[arg(long, value_name = "DIR", env = "FOLIO_TEMPLATES")]
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
    /// Print a shell completion script (e.g. `folio completions bash > ~/.local/share/bash-completion/completions/folio`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `folio man > folio.1`.
    Man,
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

/// Flags of `folio serve`: where to listen, and the converter page; the rest as `build`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on. Anything but loopback lets other machines see the reports
    /// (a warning says so).
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    pub host: String,
    /// Port to listen on; 0 picks a free one (the URL printed names it).
    #[arg(long, default_value_t = 7878)]
    pub port: u16,
    /// Offer the converter page (/upload): a Markdown file or a zip with its pictures in,
    /// the briefing, the deck and the .pptx out. Off unless given.
    #[arg(long)]
    pub allow_upload: bool,
    /// Largest upload, in megabytes.
    #[arg(long, default_value_t = 20.0, value_name = "MB", value_parser = positive_number)]
    pub max_upload_mb: f64,
    #[command(flatten)]
    pub build: BuildArgs,
}

/// Flags of `folio build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Markdown files (any extension), folders (their .md/.markdown files, recursively),
    /// glob patterns, or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Folder for the outputs; folder inputs keep their tree below it. `-` writes the one
    /// output asked for (`--only report` or `--only slides`) to standard output.
    #[arg(short, long, value_name = "DIR", default_value = "output")]
    pub out_dir: PathBuf,
    /// The output name (stem) of a report read from standard input [default: stdin].
    #[arg(long, value_name = "STEM")]
    pub name: Option<String>,
    /// How to report progress, warnings and failures.
    #[arg(long, value_enum, default_value = "human", value_name = "FORMAT")]
    pub message_format: MessageFormat,
    /// Produce only the print briefing or only the slide deck.
    #[arg(long, value_enum)]
    pub only: Option<Only>,
    /// Also write the generated Typst sources (`<stem>.typ`, `<stem>.slides.typ`).
    #[arg(long)]
    pub emit_typst: bool,
    /// Extra font folder, searched before the bundled fonts (repeatable).
    #[arg(long = "fonts", value_name = "DIR", env = "FOLIO_FONTS")]
    #[cfg_attr(unix, arg(value_delimiter = ':'))]
    #[cfg_attr(windows, arg(value_delimiter = ';'))]
    pub font_dirs: Vec<PathBuf>,
    /// Use only the --fonts folders, not Folio's bundled fonts.
    #[arg(long)]
    pub no_bundled_fonts: bool,
    /// Folder whose files override the embedded templates by name; its themes/*.toml
    /// also add themes.
    #[arg(long, value_name = "DIR", env = "FOLIO_TEMPLATES")]
    pub templates: Option<PathBuf>,
    /// Style options file for every report [default: the nearest folio.toml from each
    /// report's folder up to its repository root, else ./folio.toml].
    #[arg(long, value_name = "FILE", env = "FOLIO_CONFIG")]
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
    /// How long the slide deck is: `full` (every section) or `brief` (at most 15 slides,
    /// everything else in the speaker notes) [default: `deck` in folio.toml or front
    /// matter, else full].
    #[arg(long, value_enum, value_name = "LENGTH")]
    pub deck: Option<DeckArg>,
    /// Where tables of figures are drawn as charts: `slides` (a chart slide after the
    /// table's), `both` (also under the table in print), `replace` (the chart instead of
    /// the table on the slides) or `none` [default: `charts` in folio.toml or front
    /// matter, else slides].
    #[arg(long, value_enum, value_name = "PLACE")]
    pub charts: Option<ChartsArg>,
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
    /// Write the `.pptx` on a company's PowerPoint template (`.pptx` or `.potx`): its
    /// masters, layouts, theme, logo and footer; implies --pptx [default:
    /// `reference-pptx` in folio.toml].
    #[arg(long, value_name = "FILE")]
    pub reference_pptx: Option<PathBuf>,
    /// Also give the PDFs the template's accent colour and body fonts (the template of
    /// --reference-pptx or of `reference-pptx` in folio.toml).
    #[arg(long)]
    pub brand_from_reference: bool,
    /// Also write `<stem>.slides.html`: the slide deck as one self-contained web page
    /// (arrow keys, `f` full screen, `n` notes, `p` print), which opens offline.
    #[arg(long)]
    pub html: bool,
    /// Also write PNG previews: `<stem>.page1.png`, `<stem>.contact.png` (every page as
    /// a thumbnail), and the same for the slides.
    #[arg(long)]
    pub preview: bool,
    /// Make the print briefing declare and satisfy a PDF standard.
    #[arg(long, value_enum, value_name = "STANDARD")]
    pub pdf_standard: Option<PdfStandardArg>,
    /// Walk input folders and glob patterns without skipping anything: files listed in
    /// .gitignore/.ignore, hidden folders and node_modules are converted too.
    #[arg(long)]
    pub no_ignore: bool,
    /// Convert every input, even those the manifest says are up to date.
    #[arg(long)]
    pub force: bool,
    /// Build manifest [default: OUT_DIR/folio-manifest.json].
    #[arg(long, value_name = "PATH")]
    pub manifest: Option<PathBuf>,
    /// Documents converted at once [default: one per core].
    #[arg(
        short,
        long,
        value_name = "N",
        default_value_t = 0,
        hide_default_value = true,
        env = "FOLIO_JOBS"
    )]
    pub jobs: usize,
    /// Convert only shard I of N (e.g. 2/8): a stable share of the inputs, for spreading
    /// a corpus over machines.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// Largest report accepted, in MB; larger ones fail at once.
    #[arg(long, value_name = "MB", default_value_t = DEFAULT_MAX_INPUT_BYTES as f64 / 1e6)]
    pub max_input_mb: f64,
    /// Largest raster picture decoded, in megapixels; larger ones become a placeholder
    /// with a warning, found from the picture's header without decoding it.
    #[arg(long, value_name = "MP", default_value_t = 100.0, value_parser = positive_number)]
    pub max_image_megapixels: f64,
    /// Most memory one decoded raster picture may take, in MB; larger ones become a
    /// placeholder with a warning.
    #[arg(long, value_name = "MB", default_value_t = 512.0, value_parser = positive_number)]
    pub max_image_mb: f64,
    /// A report still typesetting after SECS seconds is stopped and reported as failed;
    /// 0 means no limit.
    #[arg(long, value_name = "SECS", default_value_t = 60, env = "FOLIO_TIMEOUT")]
    pub timeout: u64,
    /// A worker process holding more than MB of memory is stopped and its report
    /// reported as failed (the other reports go on); 0 means no limit.
    #[arg(long, value_name = "MB", default_value_t = crate::jobs::DEFAULT_MAX_MEMORY_MB, env = "FOLIO_MAX_MEMORY_MB")]
    pub max_memory_mb: u64,
    #[command(flatten)]
    pub fetch: FetchArgs,
    /// Print nothing but errors.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print a line for every file converted.
    #[arg(short, long)]
    pub verbose: bool,
}

/// Flags for remote pictures, which are fetched only when asked.
#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Download http(s) pictures before typesetting (or set `fetch-images = true` in
    /// folio.toml or front matter); without it no request is made.
    #[arg(long)]
    pub fetch_images: bool,
    /// Use only pictures already in the cache: no request at all (implies
    /// --fetch-images, from the cache only).
    #[arg(long)]
    pub offline: bool,
    /// Where downloaded pictures are kept [default: the platform's cache folder, e.g.
    /// ~/.cache/folio/pictures].
    #[arg(long, value_name = "DIR", env = "FOLIO_CACHE_DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Allow pictures from loopback, private and link-local addresses (an intranet, a
    /// test server); refused by default.
    #[arg(long)]
    pub allow_private_hosts: bool,
    /// Longest one picture's download may take, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 20.0, value_parser = positive_number)]
    pub fetch_timeout: f64,
    /// Longest the downloads of one report's pictures may take together, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 60.0, value_parser = positive_number)]
    pub fetch_report_timeout: f64,
    /// Largest picture downloaded, in MB.
    #[arg(long, value_name = "MB", default_value_t = 20.0, value_parser = positive_number)]
    pub max_download_mb: f64,
    /// Redirects followed at most for one picture.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub max_redirects: u32,
    /// Downloads at once, for the whole run.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub parallel_downloads: u32,
}

impl FetchArgs {
    /// The fetching options the flags ask for.
    pub fn options(&self) -> crate::fetch::FetchOptions {
        let seconds = std::time::Duration::from_secs_f64;
        crate::fetch::FetchOptions {
            enabled: self.fetch_images || self.offline,
            cache_dir: self.cache_dir.clone().unwrap_or_else(crate::fetch::cache::default_dir),
            offline: self.offline,
            allow_private_hosts: self.allow_private_hosts,
            per_picture: seconds(self.fetch_timeout),
            per_report: seconds(self.fetch_report_timeout),
            max_bytes: (self.max_download_mb * 1e6) as u64,
            max_redirects: self.max_redirects,
            parallel: self.parallel_downloads as usize,
        }
    }
}

/// Slide proportions on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AspectArg {
    #[value(name = "16:9")]
    Wide,
    #[value(name = "4:3")]
    Standard,
}

/// Deck lengths on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeckArg {
    Full,
    Brief,
}

/// Chart placements on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartsArg {
    Slides,
    Both,
    Replace,
    None,
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
    /// Options for the converter; `style` comes from `--config`.
    pub fn converter_options(&self, style: crate::style::Style) -> ConverterOptions {
        ConverterOptions {
            font_dirs: self.font_dirs.clone(),
            no_bundled_fonts: self.no_bundled_fonts,
            templates_dir: self.templates.clone(),
            outputs: self.outputs(),
            handout_per_page: self.handout.unwrap_or(6),
            disabled_passes: self.skip_repairs.clone(),
            deck: DeckOptions {
                section_dividers: self.section_dividers,
                aspect: match self.aspect {
                    AspectArg::Wide => Aspect::Wide,
                    AspectArg::Standard => Aspect::Standard,
                },
                length: self.deck.map(|length| match length {
                    DeckArg::Full => DeckLength::Full,
                    DeckArg::Brief => DeckLength::Brief,
                }),
                charts: self.charts.map(|charts| match charts {
                    ChartsArg::Slides => ChartPlacement::Slides,
                    ChartsArg::Both => ChartPlacement::Both,
                    ChartsArg::Replace => ChartPlacement::Replace,
                    ChartsArg::None => ChartPlacement::Off,
                }),
            },
            style,
            previews: self.preview,
            svg_pages: false,
            skip_pdf: false,
            image_limits: Limits::from_megas(self.max_image_megapixels, self.max_image_mb),
            pdf_standard: self.pdf_standard.map(|standard| match standard {
                PdfStandardArg::A2b => crate::engine::PdfStandard::A2b,
                PdfStandardArg::Ua1 => crate::engine::PdfStandard::Ua1,
            }),
            reference_pptx: self
                .reference_pptx
                .as_deref()
                .map(|path| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())),
            brand_from_reference: self.brand_from_reference,
        }
    }

    /// The outputs the flags ask for.
    pub fn outputs(&self) -> BTreeSet<Output> {
        let mut outputs = match self.only {
            None => BTreeSet::from([Output::Report, Output::Slides, Output::SpeakerNotes]),
            Some(Only::Report) => BTreeSet::from([Output::Report]),
            Some(Only::Slides) if self.to_stdout() => BTreeSet::from([Output::Slides]),
            Some(Only::Slides) => BTreeSet::from([Output::Slides, Output::SpeakerNotes]),
        };
        let extras = [
            (self.notes_pages, Output::NotesPages),
            (self.handout.is_some(), Output::Handout),
            (self.pptx || self.reference_pptx.is_some(), Output::Pptx),
            (self.html, Output::SlidesHtml),
        ];
        outputs.extend(extras.into_iter().filter(|(on, _)| *on).map(|(_, output)| output));
        outputs
    }

    /// Whether the output goes to standard output (`-o -`).
    pub fn to_stdout(&self) -> bool {
        self.out_dir == Path::new("-")
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
            emit_typst: self.emit_typst,
            max_input_bytes: (self.max_input_mb.max(0.0) * 1e6) as u64,
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

/// A limit given as a number above zero (`0.5`, `100`); zero would refuse every picture.
fn positive_number(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(value) if value.is_finite() && value > 0.0 => Ok(value),
        _ => Err("expected a number above zero, e.g. 100".into()),
    }
}
