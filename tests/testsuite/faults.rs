//! Faults while writing never lose or corrupt output: a run killed outright leaves no
//! partial file under a final name and the next run completes and tidies up; a full disk
//! or a file-size limit fails one document, named, and the run goes on; an output folder
//! that cannot be written is one clear error.

use crate::common::{fixture, folio, folio_command, stderr};
use std::path::{Path, PathBuf};

/// Files in `dir` (not below it) whose names satisfy `keep`, sorted.
fn files_in(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect()
        })
        .unwrap_or_default();
    names.retain(|name| keep(name));
    names.sort();
    names
}

fn temporary_files(dir: &Path) -> Vec<String> {
    files_in(dir, |name| name.starts_with(".folio-"))
}

/// A small report and a large one (its PDF is hundreds of kilobytes), in `in/`.
fn small_and_large(root: &Path) -> PathBuf {
    let reports = root.join("in");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::write(reports.join("a-small.md"), "# Small\n\nShort.\n").unwrap();
    std::fs::copy(fixture("long-report.md"), reports.join("b-large.md")).unwrap();
    reports
}

/// With `ulimit -f` below the large PDF's size, that document fails with the output's
/// path and the reason, its temporary file is gone, and the small one converts.
#[cfg(unix)]
#[test]
fn a_file_size_limit_fails_one_document_by_name_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    small_and_large(tmp.path());
    let folio_bin = env!("CARGO_BIN_EXE_folio");
    // 100 blocks of 512 bytes: the small PDF (~12 KB) fits, the large one does not.
    let script = format!("ulimit -f 100; exec '{folio_bin}' build in --only report -j 1");
    let out = std::process::Command::new("sh")
        .current_dir(tmp.path())
        .args(["-c", &script])
        .env_remove("FOLIO_JOBS")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert!(err.contains("error: output/b-large.pdf: File too large"), "{err}");
    assert!(!err.contains(".folio-"), "no temporary path in the message: {err}");
    assert!(err.contains("converted 1 of 2"), "{err}");
    let output = tmp.path().join("output");
    assert_eq!(files_in(&output, |n| n.ends_with(".pdf")), ["a-small.pdf"]);
    assert!(lopdf::Document::load(output.join("a-small.pdf")).is_ok());
    assert_eq!(temporary_files(&output), Vec::<String>::new());
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(output.join("folio-manifest.json")).unwrap())
            .unwrap();
    let error = manifest["documents"]["in/b-large.md"]["error"].as_str().unwrap();
    assert!(error.contains("File too large"), "{error}");
}

/// An output folder that cannot be made or written is one error before any report is
/// converted, exit code 1, not one failure per report.
#[test]
fn an_output_folder_that_cannot_be_written_is_one_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    small_and_large(tmp.path());
    std::fs::write(tmp.path().join("blocker"), "a file where a folder should be").unwrap();
    let out = folio(tmp.path(), &["build", "in", "-o", "blocker/out"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(err.contains("error: output folder blocker/out cannot be written: "), "{err}");
    assert!(!err.contains("converted"), "nothing was tried: {err}");
}

/// Temporary files left by a process that no longer runs are removed by the next run;
/// those of a running process (perhaps another run writing there) are left alone.
#[cfg(unix)]
#[test]
fn the_next_run_removes_what_a_killed_run_left_behind() {
    let tmp = tempfile::tempdir().unwrap();
    small_and_large(tmp.path());
    let output = tmp.path().join("output");
    std::fs::create_dir_all(&output).unwrap();
    let dead = ".folio-2147483000-AbCdEf"; // beyond any pid Linux hands out
    let live = format!(".folio-{}-XyZ", std::process::id());
    for name in [dead, live.as_str()] {
        std::fs::write(output.join(name), "%PDF-1.7 half a fi").unwrap();
    }
    let out = folio(tmp.path(), &["build", "in", "--only", "report"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert_eq!(temporary_files(&output), [live]);
}

/// A batch killed with SIGKILL (parent and workers at once) in the middle: every file
/// with a final name is a whole PDF, the manifest is absent or valid JSON, and the next
/// run converts everything and leaves no temporary file.
#[cfg(unix)]
#[test]
fn a_batch_killed_in_the_middle_leaves_only_whole_files_and_the_next_run_completes() {
    use std::os::unix::process::CommandExt;
    let tmp = tempfile::tempdir().unwrap();
    let reports = tmp.path().join("in");
    std::fs::create_dir_all(&reports).unwrap();
    let long = std::fs::read_to_string(fixture("long-report.md")).unwrap();
    for index in 0..12 {
        std::fs::write(reports.join(format!("r{index:02}.md")), &long).unwrap();
    }
    let mut child = folio_command(tmp.path(), &["build", "in", "-j", "2"])
        .process_group(0)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let output = tmp.path().join("output");
    let pdfs = |dir: &Path| files_in(dir, |name| name.ends_with(".pdf"));
    // Until the first PDF is out (at most a minute on a loaded machine).
    for _ in 0..3000 {
        if !pdfs(&output).is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let group = format!("-{}", child.id());
    std::process::Command::new("kill").args(["-KILL", "--", &group]).status().unwrap();
    child.wait().unwrap();
    let written = pdfs(&output);
    assert!(written.len() < 24, "killed mid-batch: {written:?}");
    for name in &written {
        assert!(lopdf::Document::load(output.join(name)).is_ok(), "{name} is a whole PDF");
    }
    if let Ok(text) = std::fs::read_to_string(output.join("folio-manifest.json")) {
        assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok(), "{text}");
    }
    let out = folio(tmp.path(), &["build", "in", "-j", "2"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert_eq!(pdfs(&output).len(), 24, "{:?}", pdfs(&output));
    assert_eq!(temporary_files(&output), Vec::<String>::new());
}

/// File names and report text with control characters (a sequence that sets the
/// terminal's title, a carriage return and newline that forge a line) reach stderr
/// escaped, never raw.
#[cfg(unix)]
#[test]
fn control_characters_in_names_and_report_text_reach_the_terminal_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let name = "evil\u{1b}]0;pwned\u{7}\r\nerror: forged.md";
    let report = "# T\n\n![x](missing&#x1b;[2J.png)\n";
    std::fs::write(tmp.path().join(name), report).unwrap();
    let out = folio(tmp.path(), &["build", name, "--only", "report"]);
    let err = stderr(&out);
    assert!(out.status.success(), "stderr: {err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\r') && !err.contains('\u{7}'), "{err:?}");
    assert!(!err.lines().any(|line| line.starts_with("error: forged")), "{err}");
    assert!(err.contains("evil\\u{1b}]0;pwned\\u{7}\\u{d}\\u{a}error: forged.md"), "{err}");
    assert!(err.contains("missing\\u{1b}[2J.png"), "{err}");
}

/// A symbolic link planted inside the output folder cannot send outputs elsewhere: the
/// run stops with one error naming the folder, and nothing is written through the link.
#[cfg(unix)]
#[test]
fn a_symlink_planted_in_the_output_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("in/sub")).unwrap();
    std::fs::write(tmp.path().join("in/sub/r.md"), "# R\n\nText.\n").unwrap();
    std::fs::create_dir_all(tmp.path().join("output")).unwrap();
    std::fs::create_dir_all(tmp.path().join("elsewhere")).unwrap();
    std::os::unix::fs::symlink("../elsewhere", tmp.path().join("output/sub")).unwrap();
    let out = folio(tmp.path(), &["build", "in", "--only", "report"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert!(err.contains("error: output/sub leads out of the output folder output"), "{err}");
    assert_eq!(files_in(&tmp.path().join("elsewhere"), |_| true), Vec::<String>::new());
}

/// The batch process reads nothing a report names that the conversion may not read: a
/// file outside the report's folder changes nothing in the fingerprint (so two manifests
/// tell nothing of it), and a huge file, a device or a FIFO is never opened.
#[cfg(unix)]
#[test]
fn the_fingerprint_reads_only_pictures_the_report_may_show() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("in")).unwrap();
    std::fs::write(tmp.path().join("secret.txt"), "one").unwrap();
    let fifo = tmp.path().join("in/pipe.png");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::fs::write(
        tmp.path().join("in/r.md"),
        "# R\n\n![s](../secret.txt) ![z](/dev/zero) ![p](pipe.png)\n",
    )
    .unwrap();
    let build = || folio(tmp.path(), &["build", "in", "--only", "report", "--timeout", "20"]);
    let first = build();
    assert!(first.status.success(), "stderr: {}", stderr(&first));
    std::fs::write(tmp.path().join("secret.txt"), "two").unwrap();
    let second = build();
    assert!(stderr(&second).contains("1 up to date"), "{}", stderr(&second));
}

/// A small hostile report (a megabyte of nested `>`) costs the batch process nothing: it
/// is scanned, not parsed, before the workers get it; the other report converts and the
/// manifest is written, whatever becomes of the hostile one.
#[test]
fn a_hostile_report_does_not_stop_the_batch_before_it_starts() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("in")).unwrap();
    std::fs::write(tmp.path().join("in/deep.md"), ">".repeat(1_000_000) + " deep\n").unwrap();
    std::fs::write(tmp.path().join("in/fine.md"), "# Fine\n\nText.\n").unwrap();
    let out = folio(tmp.path(), &["build", "in", "--only", "report", "--timeout", "10"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "stderr: {}", stderr(&out));
    assert!(tmp.path().join("output/fine.pdf").is_file(), "stderr: {}", stderr(&out));
    let manifest = std::fs::read_to_string(tmp.path().join("output/folio-manifest.json")).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    assert_eq!(manifest["documents"].as_object().unwrap().len(), 2);
}

/// A report whose file name is not UTF-8 converts like any other (paths travel to the
/// workers as bytes), and so do the other reports of its run.
#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_converts() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"r\xff.md");
    std::fs::write(dir.path().join(name), "# Odd name\n\ntext\n").unwrap();
    std::fs::write(dir.path().join("plain.md"), "# Plain\n\ntext\n").unwrap();
    let run = folio(dir.path(), &["build", ".", "-o", "out", "--only", "report"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(dir.path().join("out").join(std::ffi::OsStr::from_bytes(b"r\xff.pdf")).is_file());
    assert!(dir.path().join("out/plain.pdf").is_file());
}

/// A report that converted once and now fails loses its old outputs, so no PDF passes
/// for the current one beside a manifest entry that records the failure.
#[test]
fn a_report_that_now_fails_leaves_no_outputs_of_its_last_run() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.md");
    std::fs::write(&report, "# Report\n\ntext\n").unwrap();
    let first = folio(dir.path(), &["build", "r.md", "-o", "out", "--pptx"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(dir.path().join("out/r.pdf").is_file() && dir.path().join("out/r.pptx").is_file());
    // A file the manifest names that this report never writes is not its to remove.
    let manifest_path = dir.path().join("out/folio-manifest.json");
    let manifest = std::fs::read_to_string(&manifest_path).unwrap();
    let planted =
        manifest.replacen("\"outputs\": [", "\"outputs\": [\n      \"out/notes.docx\",", 1);
    assert_ne!(planted, manifest);
    std::fs::write(&manifest_path, planted).unwrap();
    std::fs::write(dir.path().join("out/notes.docx"), "the user's own").unwrap();
    std::fs::write(&report, "---\ntitle: [unclosed\n---\n\ntext\n").unwrap();
    let second = folio(dir.path(), &["build", "r.md", "-o", "out", "--pptx"]);
    assert_eq!(second.status.code(), Some(1), "{}", stderr(&second));
    let left = files_in(&dir.path().join("out"), |name| name.starts_with("r."));
    assert!(left.is_empty(), "{left:?}");
    assert!(dir.path().join("out/notes.docx").is_file(), "a file not the report's was removed");
    let manifest = std::fs::read_to_string(dir.path().join("out/folio-manifest.json")).unwrap();
    assert!(manifest.contains("invalid YAML front matter"), "{manifest}");
}
