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
    #[serde(with = "crate::wire_path::list")]
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
    // Through the `File`: the temporary file's own writer names its random path in errors.
    file.as_file_mut().write_all(bytes).map_err(io_error)?;
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

/// Checks that outputs can be written in `dir` (made if missing), so an output folder
/// that cannot be written is one error before any report is converted, not one per
/// report.
pub fn check_writable(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    tempfile::Builder::new().prefix(&temporary_prefix(std::process::id())).tempfile_in(dir)?;
    Ok(())
}

/// Whether writing into `dir` would land outside `root` (both as given): a folder on the
/// way, perhaps a symbolic link someone planted inside the output folder, resolves to
/// somewhere else. Folders not yet made are judged by their nearest existing parent.
pub fn leads_outside(dir: &Path, root: &Path) -> bool {
    let Ok(root) = root.canonicalize() else { return false };
    let existing = dir.ancestors().find(|folder| folder.exists()).unwrap_or(Path::new("."));
    existing.canonicalize().is_ok_and(|real| !real.starts_with(&root))
}

/// Makes a file-size limit (`ulimit -f`) an error on the write that meets it, naming its
/// output, instead of the signal that kills the process by default (SIGXFSZ).
pub fn report_file_size_limits_as_errors() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to "ignore" runs no handler code.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// Removes the temporary files that processes no longer running (a run killed with
/// SIGKILL, a machine that lost power) left in `dirs`; those of a live process, perhaps
/// another run writing to the same folder, stay.
pub fn remove_stale_temporary_files<'a>(dirs: impl IntoIterator<Item = &'a Path>) {
    let mut seen = std::collections::HashSet::new();
    for dir in dirs.into_iter().filter(|dir| seen.insert(*dir)) {
        let Ok(entries) = std::fs::read_dir(dir) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let pid = name.to_str().and_then(|name| name.strip_prefix(".folio-"));
            let pid = pid.and_then(|rest| rest.split('-').next()?.parse::<u32>().ok());
            if pid.is_some_and(|pid| !process_is_running(pid)) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Whether process `pid` exists (`kill(pid, 0)`: no signal is sent). Elsewhere than on
/// Unix every process counts as running, so nothing is removed.
fn process_is_running(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
        // SAFETY: signal 0 only checks that the process exists and may be signalled.
        let alive = unsafe { libc::kill(pid, 0) } == 0;
        alive || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
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
