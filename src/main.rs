//! The `folio` binary: parse the command line and run it (see `folio::cli`).

use clap::Parser;

/// Typst allocates many small, short-lived objects; mimalloc serves them faster than the
/// system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    folio::outputs::report_file_size_limits_as_errors();
    folio::cli::run(folio::cli::Cli::parse())
}
