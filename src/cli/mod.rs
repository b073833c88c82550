//! The command line: flags ([`args`]) and the commands they run. `main.rs` only parses
//! and calls [`run`].

pub mod args;
mod build;
pub mod messages;
mod serve;
mod settings;
mod stdout;
mod watch;

pub use args::{BuildArgs, Cli, Command};

use crate::manifest::Manifest;
use crate::outputs::write_atomically;
use crate::templates::Templates;
use args::{ManifestCommand, TemplatesCommand};
use clap::CommandFactory;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs the command `cli` names; every failure is printed as `error: …` here.
pub fn run(cli: Cli) -> ExitCode {
    let colour = messages::colour_enabled(cli.color);
    let result = match cli.command {
        Command::Build(args) => build::build(&args, colour),
        Command::Watch(args) => watch::watch(&args, colour),
        Command::Serve(args) => serve::serve(&args, colour),
        Command::Worker => {
            crate::jobs::serve_as_worker().map(|()| ExitCode::SUCCESS).map_err(anyhow::Error::from)
        }
        Command::Themes { templates } => list_themes(templates.as_deref(), colour),
        Command::Templates { command: TemplatesCommand::Export { dir } } => export_templates(&dir),
        Command::Manifest { command: ManifestCommand::Merge { out, inputs } } => {
            merge_manifests(&out, &inputs)
        }
        Command::Completions { shell } => {
            let mut command = Cli::command();
            clap_complete::generate(shell, &mut command, "folio", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => clap_mangen::Man::new(Cli::command())
            .render(&mut std::io::stdout())
            .map(|()| ExitCode::SUCCESS)
            .map_err(anyhow::Error::from),
    };
    result.unwrap_or_else(|err| {
        messages::say("error", colour, &format!("{err:#}"));
        ExitCode::from(1)
    })
}

/// Prints a usage problem found after parsing; exit code 2, as clap's own.
fn usage_error(message: &str, colour: bool) -> ExitCode {
    messages::say("error", colour, message);
    ExitCode::from(2)
}

fn merge_manifests(out: &Path, inputs: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let mut merged = Manifest::load(out);
    for input in inputs {
        let text = std::fs::read_to_string(input)
            .map_err(|e| anyhow::anyhow!("{}: {e}", input.display()))?;
        let manifest: Manifest =
            serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", input.display()))?;
        merged.merge(manifest);
    }
    write_atomically(out, merged.to_json().as_bytes())?;
    eprintln!("{}: {} documents", out.display(), merged.documents.len());
    Ok(ExitCode::SUCCESS)
}

fn list_themes(templates_dir: Option<&Path>, colour: bool) -> anyhow::Result<ExitCode> {
    let themes = match load_themes(templates_dir) {
        Ok(themes) => themes,
        Err(message) => return Ok(usage_error(&message, colour)),
    };
    for theme in themes.names() {
        println!("{theme}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Every theme of the templates in use (the embedded ones, with `dir`'s over them),
/// checked: a theme file missing a key is named here, before any report.
pub(crate) fn load_themes(dir: Option<&Path>) -> Result<crate::theme::Themes, String> {
    let templates = match dir {
        Some(dir) => {
            Templates::with_overrides(dir).map_err(|e| format!("{}: {e}", dir.display()))?
        }
        None => Templates::embedded(),
    };
    crate::theme::Themes::load(&templates).map_err(|e| e.to_string())
}

fn export_templates(dir: &Path) -> anyhow::Result<ExitCode> {
    for (name, text) in Templates::embedded().files() {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
