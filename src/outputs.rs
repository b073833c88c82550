//! Writing a report's outputs: every file through a temporary file renamed into place,
//! so no reader ever sees half a file and a stopped worker leaves nothing behind.

use crate::convert::Converted;
use crate::error::{Error, Warning};
use crate::inputs::Job;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Files written for one input.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Written {
    pub files: Vec<PathBuf>,
    pub pages: usize,
    pub warnings: Vec<Warning>,
}

/// Writes every output of `converted` beside `job.out_stem`, with its Typst source when
/// `emit_typst` and its previews when made; names come from [`crate::output::Output`].
pub fn write_outputs(job: &Job, converted: &Converted, emit_typst: bool) -> Result<Written, Error> {
    let mut files = Vec::new();
    let mut pages = 0;
    for (output, artifact) in &converted.outputs {
        let path = output.path(&job.out_stem);
        write_atomically(&path, &artifact.bytes)?;
        files.push(path);
        if output.is_typeset() {
            pages += artifact.pages;
        }
        if let Some(typst) = artifact.typst.as_ref().filter(|_| emit_typst) {
            let path = output.typst_path(&job.out_stem);
            write_atomically(&path, typst.as_bytes())?;
            files.push(path);
        }
        if let Some(previews) = &artifact.previews {
            let pngs = [&previews.first_page, &previews.contact_sheet];
            for (path, png) in output.preview_paths(&job.out_stem).into_iter().zip(pngs) {
                write_atomically(&path, png)?;
                files.push(path);
            }
        }
    }
    Ok(Written { files, pages, warnings: converted.warnings.clone() })
}

/// Writes through a temporary file renamed into place, so no reader ever sees half a file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io_error = |source| Error::Io { path: path.to_path_buf(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io_error)?;
    let mut file = tempfile::Builder::new()
        .prefix(&temporary_prefix(std::process::id()))
        .tempfile_in(dir)
        .map_err(io_error)?;
    file.write_all(bytes).map_err(io_error)?;
    // Temporary files are private (0600); outputs get the usual permissions.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::Permissions::from_mode(0o644);
        file.as_file().set_permissions(permissions).map_err(io_error)?;
    }
    file.persist(path).map_err(|e| io_error(e.error))?;
    Ok(())
}

/// Temporary files of process `pid` start with this, so that what a killed worker left
/// behind can be found and removed.
fn temporary_prefix(pid: u32) -> String {
    format!(".folio-{pid}-")
}

/// Removes the temporary files process `pid` left beside the outputs of `out_stem`.
pub fn remove_temporary_files(out_stem: &Path, pid: u32) {
    let dir = out_stem.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let prefix = temporary_prefix(pid);
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
