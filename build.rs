//! Records what `folio --version` names besides Folio's own version: the Typst release
//! compiled in (from Cargo.lock) and the commit built (from git, when there is one).

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=Cargo.lock");
    for path in [".git/HEAD", ".git/refs/heads", ".git/packed-refs"] {
        if std::path::Path::new(path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
    println!("cargo:rustc-env=FOLIO_TYPST_VERSION={}", typst_version());
    println!("cargo:rustc-env=FOLIO_COMMIT={}", commit());
}

/// The version of the `typst` package in Cargo.lock.
fn typst_version() -> String {
    let lock = std::fs::read_to_string("Cargo.lock").unwrap_or_default();
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"typst\"" {
            let version = lines.next().and_then(|l| l.strip_prefix("version = \""));
            return version.map_or("unknown", |v| v.trim_end_matches('"')).to_string();
        }
    }
    "unknown".to_string()
}

/// The short hash of the commit built, or `unknown` outside a git checkout.
fn commit() -> String {
    let output = Command::new("git").args(["rev-parse", "--short=9", "HEAD"]).output();
    match output {
        Ok(output) if output.status.success() => {
            String::from_utf8_lossy(&output.stdout).trim().to_string()
        }
        _ => "unknown".to_string(),
    }
}
