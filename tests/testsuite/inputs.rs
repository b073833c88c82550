//! Which files a run converts: folders walked like ripgrep walks them (ignore files,
//! hidden folders and `node_modules` skipped unless `--no-ignore`), symbolic links that
//! neither loop nor lead out of the folder, each file converted once whatever path names
//! it, and `watch` taking exactly what `build` takes.

use crate::common::{folio, folio_command, stderr};
use std::path::{Path, PathBuf};

fn write_report(path: &Path, title: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, format!("# {title}\n\nText of {title}.\n")).unwrap();
}

/// Every PDF under `dir`, relative to it, sorted.
fn pdfs(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "pdf") {
                found.push(path.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    found
}

fn manifest_keys(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
    manifest["documents"].as_object().unwrap().keys().cloned().collect()
}

/// A link back to a parent folder (`sub/loop -> ..`) is not a way down into ever deeper
/// copies of the folder: each report converts once.
#[cfg(unix)]
#[test]
fn a_symlink_loop_in_an_input_folder_converts_each_report_once() {
    let tmp = tempfile::tempdir().unwrap();
    write_report(&tmp.path().join("in/a.md"), "A");
    write_report(&tmp.path().join("in/sub/b.md"), "B");
    std::os::unix::fs::symlink("..", tmp.path().join("in/sub/loop")).unwrap();
    std::os::unix::fs::symlink(".", tmp.path().join("in/self")).unwrap();
    let out = folio(tmp.path(), &["build", "in", "--only", "report"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert_eq!(pdfs(&tmp.path().join("output")), ["a.pdf", "sub/b.pdf"]);
}

/// A link leading out of the input folder is not followed (a report cannot pull in a
/// file from elsewhere on the disk by being in a folder with a link), and says so.
#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_input_folder_is_skipped_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    write_report(&tmp.path().join("in/a.md"), "A");
    write_report(&tmp.path().join("elsewhere/secret.md"), "Secret");
    std::os::unix::fs::symlink("../elsewhere", tmp.path().join("in/linked")).unwrap();
    std::os::unix::fs::symlink("../elsewhere/secret.md", tmp.path().join("in/s.md")).unwrap();
    let out = folio(tmp.path(), &["build", "in", "--only", "report"]);
    let err = stderr(&out);
    assert!(out.status.success(), "stderr: {err}");
    assert_eq!(pdfs(&tmp.path().join("output")), ["a.pdf"]);
    assert!(
        err.contains("warning: in/linked: symbolic link not followed: it leads out of"),
        "{err}"
    );
    assert!(err.contains("warning: in/s.md: symbolic link not followed"), "{err}");
}

/// A link to a report inside the folder converts that report once, under its own name.
#[cfg(unix)]
#[test]
fn a_symlink_to_a_report_in_the_folder_converts_it_once() {
    let tmp = tempfile::tempdir().unwrap();
    write_report(&tmp.path().join("in/sub/b.md"), "B");
    std::os::unix::fs::symlink("sub/b.md", tmp.path().join("in/b-link.md")).unwrap();
    let out = folio(tmp.path(), &["build", "in", "--only", "report"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert_eq!(pdfs(&tmp.path().join("output")), ["sub/b.pdf"]);
}

/// A project folder: its README and docs convert; installed packages, the repository's
/// own files, hidden folders and what .gitignore/.ignore list do not, unless
/// `--no-ignore` asks for everything.
#[test]
fn ignored_hidden_and_package_folders_are_skipped_unless_no_ignore() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    for file in [
        "README.md",
        "docs/guide.md",
        "node_modules/pkg/README.md",
        ".git/info/notes.md",
        ".github/ISSUE.md",
        "build/generated.md",
        "drafts/wip.md",
    ] {
        write_report(&project.join(file), file);
    }
    std::fs::write(project.join(".gitignore"), "build/\n").unwrap();
    std::fs::write(project.join(".ignore"), "drafts/\n").unwrap();
    let out = folio(tmp.path(), &["build", "project", "--only", "report"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert_eq!(pdfs(&tmp.path().join("output")), ["README.pdf", "docs/guide.pdf"]);

    let all = ["build", "project", "--only", "report", "--no-ignore", "-o", "all"];
    let out = folio(tmp.path(), &all);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert_eq!(pdfs(&tmp.path().join("all")).len(), 7, "{:?}", pdfs(&tmp.path().join("all")));
}

/// `t/a.md`, `./t/a.md` and a glob matching it name one file: it converts once and has
/// one manifest entry.
#[test]
fn one_file_named_by_several_paths_converts_once_with_one_manifest_entry() {
    let tmp = tempfile::tempdir().unwrap();
    write_report(&tmp.path().join("t/a.md"), "A");
    let out = folio(tmp.path(), &["build", "t/a.md", "./t/a.md", "t/*.md", "--only", "report"]);
    let err = stderr(&out);
    assert!(out.status.success(), "stderr: {err}");
    assert!(err.contains("converted 1 of 1 report(s)"), "{err}");
    assert_eq!(manifest_keys(&tmp.path().join("output/folio-manifest.json")), ["t/a.md"]);
    // Named another way on the next run, it is the same document, up to date.
    let out = folio(tmp.path(), &["build", "./t/../t/a.md", "--only", "report"]);
    assert!(stderr(&out).contains("1 up to date"), "{}", stderr(&out));
}

/// A glob walks like a folder does: no match inside `node_modules`, and `*` stays in its
/// folder while `**` goes down.
#[test]
fn globs_follow_the_same_walk_as_folders() {
    let tmp = tempfile::tempdir().unwrap();
    for file in ["r/a.md", "r/deep/b.md", "r/node_modules/c.md", "top.md"] {
        write_report(&tmp.path().join(file), file);
    }
    let out = folio(tmp.path(), &["build", "r/**/*.md", "--only", "report", "-o", "deep"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert_eq!(pdfs(&tmp.path().join("deep")), ["a.pdf", "b.pdf"]);
    let out = folio(tmp.path(), &["build", "r/*.md", "*.md", "--only", "report", "-o", "flat"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert_eq!(pdfs(&tmp.path().join("flat")), ["a.pdf", "top.pdf"]);
}

/// Waits up to 10 s for `path` to exist with `needle` in it.
fn wait_for(path: &Path, needle: &str) -> bool {
    for _ in 0..200 {
        if std::fs::read_to_string(path).is_ok_and(|text| text.contains(needle)) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    false
}

/// `watch` takes the glob `build` takes, and keeps going through what editors and users
/// do to files: a save by write-and-rename, a deleted report, a renamed one.
#[test]
fn watch_takes_a_glob_and_survives_delete_rename_and_atomic_saves() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path().join("t");
    write_report(&t.join("a.md"), "Alpha one");
    write_report(&t.join("b.md"), "Beta one");
    let mut child =
        folio_command(tmp.path(), &["watch", "t/*.md", "--only", "report", "--emit-typst"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
    let typ = |name: &str| -> PathBuf { tmp.path().join("output").join(format!("{name}.typ")) };
    let first = wait_for(&typ("a"), "Alpha one") && wait_for(&typ("b"), "Beta one");
    // An editor's save: write a temporary file beside, then rename it over the report.
    std::fs::write(t.join(".a.md.swp"), "# Alpha two\n\nSaved.\n").unwrap();
    std::fs::rename(t.join(".a.md.swp"), t.join("a.md")).unwrap();
    let saved = wait_for(&typ("a"), "Alpha two");
    std::fs::remove_file(t.join("b.md")).unwrap();
    std::fs::rename(t.join("a.md"), t.join("c.md")).unwrap();
    let renamed = wait_for(&typ("c"), "Alpha two");
    write_report(&t.join("d.md"), "Delta one");
    let added = wait_for(&typ("d"), "Delta one");
    let still_running = child.try_wait().unwrap().is_none();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(first, "first build");
    assert!(saved, "rebuilt after a write-and-rename save");
    assert!(renamed, "a renamed report converts under its new name");
    assert!(added, "a new report matching the glob converts");
    assert!(still_running, "watch keeps running after a report was deleted");
}

/// `a.md` and `a.slides.md` in one folder would both write `a.slides.pdf` (the slides of
/// one, the briefing of the other): one clear error naming both, before anything is
/// overwritten.
#[test]
fn two_reports_that_would_write_the_same_file_are_one_error_naming_both() {
    let tmp = tempfile::tempdir().unwrap();
    write_report(&tmp.path().join("in/a.md"), "A");
    write_report(&tmp.path().join("in/a.slides.md"), "B");
    let out = folio(tmp.path(), &["build", "in"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert!(
        err.contains("in/a.md and in/a.slides.md would both write output/a.slides.pdf"),
        "{err}"
    );
    assert!(!tmp.path().join("output/a.slides.pdf").exists());
}

/// `folio watch .` with no output folder yet: its own outputs, written inside the watched
/// folder, do not set off another rebuild, again and again.
#[test]
fn watch_of_the_current_folder_does_not_rebuild_on_its_own_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    write_report(&tmp.path().join("r.md"), "R");
    let mut child = folio_command(tmp.path(), &["watch", ".", "--only", "report", "--emit-typst"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let converted = wait_for(&tmp.path().join("output/r.typ"), "R");
    std::thread::sleep(std::time::Duration::from_secs(3));
    child.kill().unwrap();
    let output = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(converted, "first build: {err}");
    assert_eq!(err.matches("rebuilt").count(), 1, "{err}");
}
