//! The command line as people expect it from typst-cli, ripgrep and cargo: completions
//! and a man page, colour, JSON messages, standard input and output, config discovery,
//! environment variables, version and help, Ctrl-C. Each run in a temporary folder.

use crate::common::{self, folio, folio_command, stderr};

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    let tmp = tempfile::tempdir().unwrap();
    let expected = [
        ("bash", "_folio()"),
        ("zsh", "#compdef folio"),
        ("fish", "complete -c folio"),
        ("powershell", "Register-ArgumentCompleter"),
    ];
    for (shell, marker) in expected {
        let out = folio(tmp.path(), &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell}: {script:.300}");
        assert!(script.contains("message-format"), "{shell} completes build's flags");
    }
    let man = folio(tmp.path(), &["man"]);
    assert!(man.status.success());
    let page = stdout(&man);
    assert!(page.starts_with(".ie") || page.contains(".TH folio"), "{page:.200}");
    assert!(page.contains("completions") && page.contains("build"), "{page:.2000}");
    assert_eq!(folio(tmp.path(), &["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn version_names_folio_typst_and_the_commit_and_help_ends_with_examples() {
    let tmp = tempfile::tempdir().unwrap();
    let version = stdout(&folio(tmp.path(), &["--version"]));
    assert!(version.starts_with(&format!("folio {}", env!("CARGO_PKG_VERSION"))), "{version}");
    assert!(version.contains("typst 0.15.1") && version.contains("commit "), "{version}");
    let help = stdout(&folio(tmp.path(), &["--help"]));
    let tail: Vec<&str> = help.trim_end().lines().rev().take(4).collect();
    assert!(tail[3].starts_with("Examples:"), "{help}");
    assert!(
        tail[..3].iter().all(|line| line.trim_start().starts_with("folio build")
            || line.trim_start().starts_with("cat ")),
        "{help}"
    );
    let build_help = stdout(&folio(tmp.path(), &["build", "--help"]));
    for variable in ["FOLIO_FONTS", "FOLIO_CONFIG", "FOLIO_JOBS", "FOLIO_TIMEOUT"] {
        assert!(build_help.contains(&format!("[env: {variable}")), "{variable}: {build_help}");
    }
}

/// A report with a missing picture: a warning to colour.
fn report_with_a_warning(dir: &Path) {
    std::fs::write(dir.join("r.md"), "# T\n\n![chart](missing.png)\n\nText.\n").unwrap();
}

const YELLOW_WARNING: &str = "\u{1b}[1;33mwarning:";

#[test]
fn warnings_are_coloured_on_request_and_never_in_a_pipe() {
    let tmp = tempfile::tempdir().unwrap();
    report_with_a_warning(tmp.path());
    let args = ["build", "r.md", "--only", "report", "--force"];
    let always = folio(tmp.path(), &[&args[..], &["--color", "always"]].concat());
    assert!(stderr(&always).contains(YELLOW_WARNING), "{}", stderr(&always));
    for extra in [&["--color", "never"][..], &[]] {
        let plain = folio(tmp.path(), &[&args[..], extra].concat());
        assert!(stderr(&plain).contains("warning: r.md:3: image not found"), "{}", stderr(&plain));
        assert!(!stderr(&plain).contains('\u{1b}'), "{extra:?}: {}", stderr(&plain));
    }
    assert_eq!(
        folio(tmp.path(), &[&args[..], &["--color", "pink"]].concat()).status.code(),
        Some(2)
    );
}

/// On a terminal (a pseudo-terminal from `script`), `auto` colours unless `NO_COLOR`.
#[test]
fn no_color_is_honoured_on_a_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    report_with_a_warning(tmp.path());
    let command = format!("{} build r.md --only report --force 2>&1", env!("CARGO_BIN_EXE_folio"));
    let on_terminal = |no_color: bool| {
        let mut script = Command::new("script");
        script.current_dir(tmp.path()).args(["-qec", &command, "/dev/null"]);
        script.env_remove("FOLIO_FONTS").env_remove("NO_COLOR");
        if no_color {
            script.env("NO_COLOR", "1");
        }
        stdout(&script.output().expect("script(1) runs"))
    };
    assert!(on_terminal(false).contains(YELLOW_WARNING), "{}", on_terminal(false));
    let plain = on_terminal(true);
    assert!(plain.contains("warning:") && !plain.contains('\u{1b}'), "{plain}");
}

fn events(output: &Output) -> Vec<serde_json::Value> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

fn of_kind<'e>(events: &'e [serde_json::Value], kind: &str) -> Vec<&'e serde_json::Value> {
    events.iter().filter(|e| e["event"] == kind).collect()
}

#[test]
fn json_messages_give_every_event_with_file_line_outputs_pages_and_time() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("in")).unwrap();
    report_with_a_warning(&tmp.path().join("in"));
    std::fs::write(tmp.path().join("in/bad.md"), b"# Bad\n\nline two\n\xff\xfe\n").unwrap();
    let args = ["build", "in", "--only", "report", "--message-format", "json"];
    let out = folio(tmp.path(), &args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let all = events(&out);
    let warning = of_kind(&all, "warning");
    assert_eq!(warning.len(), 1, "{all:?}");
    assert_eq!(
        (warning[0]["file"].as_str(), warning[0]["line"].as_u64()),
        (Some("in/r.md"), Some(3))
    );
    let converted = of_kind(&all, "converted");
    assert_eq!(converted[0]["outputs"], serde_json::json!(["output/r.pdf"]));
    assert!(converted[0]["pages"].as_u64() >= Some(1) && converted[0]["milliseconds"].is_u64());
    let failed = of_kind(&all, "failed");
    assert_eq!(
        (failed[0]["file"].as_str(), failed[0]["line"].as_u64()),
        (Some("in/bad.md"), Some(4))
    );
    assert!(failed[0]["message"].as_str().unwrap().contains("not UTF-8"));
    let summary = of_kind(&all, "summary");
    assert_eq!(
        (summary[0]["converted"].as_u64(), summary[0]["failed"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(!stderr(&out).contains("warning:"), "people's lines stay off: {}", stderr(&out));

    let again = events(&folio(tmp.path(), &args));
    let skipped = of_kind(&again, "skipped");
    assert_eq!(skipped.len(), 1, "{again:?}");
    assert_eq!(
        (skipped[0]["file"].as_str(), skipped[0]["reason"].as_str()),
        (Some("in/r.md"), Some("up to date"))
    );
}

fn with_stdin(mut command: Command, input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_report_on_standard_input_and_a_pdf_on_standard_output() {
    let tmp = tempfile::tempdir().unwrap();
    let markdown = b"# From a pipe\n\nPiped text here.\n";
    let named = with_stdin(
        folio_command(tmp.path(), &["build", "-", "--name", "q3", "--only", "report"]),
        markdown,
    );
    assert!(named.status.success(), "{}", stderr(&named));
    let pdf = std::fs::read(tmp.path().join("output/q3.pdf")).unwrap();
    assert!(common::pdf_text_compact(&pdf).contains("Pipedtexthere."));
    let again = with_stdin(
        folio_command(tmp.path(), &["build", "-", "--name", "q3", "--only", "report"]),
        markdown,
    );
    assert!(stderr(&again).contains("converted 1 of 1"), "never skipped: {}", stderr(&again));
    let unnamed =
        with_stdin(folio_command(tmp.path(), &["build", "-", "--only", "slides"]), markdown);
    assert!(unnamed.status.success(), "{}", stderr(&unnamed));
    assert!(tmp.path().join("output/stdin.slides.pdf").is_file());

    std::fs::write(tmp.path().join("r.md"), markdown).unwrap();
    let piped = folio(tmp.path(), &["build", "r.md", "--only", "report", "-o", "-"]);
    assert!(piped.status.success(), "{}", stderr(&piped));
    assert!(piped.stdout.starts_with(b"%PDF-"), "PDF bytes on stdout");
    assert!(common::pdf_text_compact(&piped.stdout).contains("Pipedtexthere."));
    let both = with_stdin(
        folio_command(tmp.path(), &["build", "-", "--only", "report", "-o", "-"]),
        markdown,
    );
    assert!(both.stdout.starts_with(b"%PDF-"), "stdin to stdout: {}", stderr(&both));

    let bad =
        with_stdin(folio_command(tmp.path(), &["build", "-", "--name", "q4"]), b"# T\n\xff\n");
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
    assert!(stderr(&bad).contains("q4:2: not UTF-8"), "{}", stderr(&bad));
    let outside =
        with_stdin(folio_command(tmp.path(), &["build", "-", "--name", "../x"]), markdown);
    assert_eq!(outside.status.code(), Some(2), "--name stays a file name: {}", stderr(&outside));
    assert!(!tmp.path().join("x.pdf").exists());

    let refused: [&[&str]; 4] = [
        &["build", "r.md", "-o", "-"],
        &["build", "r.md", "--only", "report", "--pptx", "-o", "-"],
        &["build", "r.md", "r.md", "--only", "report", "-o", "-"],
        &["build", "r.md", "--only", "report", "--emit-typst", "-o", "-"],
    ];
    for args in refused {
        let out = folio(tmp.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty() && stderr(&out).contains("-o -"), "{args:?}");
    }
    assert!(!tmp.path().join("-").exists(), "never a folder named -");
}

/// The footer line of page 1 says which configuration applied.
fn footer_of(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut command = folio_command(dir, args);
    command.envs(env.iter().copied());
    let out = command.output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    let pdf = std::fs::read(dir.join("output/r.pdf")).unwrap();
    let text = common::pdf_text_compact(&pdf);
    ["NEAREST", "REPOROOT", "OUTSIDE", "EXPLICIT"]
        .into_iter()
        .filter(|word| text.contains(word))
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn folio_toml_is_found_walking_up_to_the_repository_root_unless_given() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let repo = root.join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("docs/2025")).unwrap();
    let config = |dir: &Path, word: &str| {
        std::fs::write(dir.join("folio.toml"), format!("footer = \"{word}\"\n")).unwrap()
    };
    config(root, "OUTSIDE");
    config(&repo, "REPOROOT");
    std::fs::write(repo.join("docs/2025/r.md"), "# T\n\nText.\n").unwrap();
    let args = ["build", "repo/docs/2025/r.md", "--only", "report"];
    assert_eq!(footer_of(root, &args, &[]), "REPOROOT");
    config(&repo.join("docs"), "NEAREST");
    assert_eq!(footer_of(root, &args, &[]), "NEAREST");
    config(root, "EXPLICIT");
    std::fs::rename(root.join("folio.toml"), root.join("explicit.toml")).unwrap();
    let explicit = [&args[..], &["--config", "explicit.toml"]].concat();
    assert_eq!(footer_of(root, &explicit, &[]), "EXPLICIT");
    assert_eq!(footer_of(root, &args, &[("FOLIO_CONFIG", "explicit.toml")]), "EXPLICIT");
    // A broken configuration stops the run before any report, naming the file.
    std::fs::write(repo.join("docs/folio.toml"), "footer = [\n").unwrap();
    let out = folio(root, &args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("docs/folio.toml"), "{}", stderr(&out));
}

/// `watch` reads the configuration again: an edited `folio.toml` shows in the rebuild.
#[test]
fn watch_rebuilds_with_an_edited_folio_toml() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("in")).unwrap();
    std::fs::write(tmp.path().join("in/r.md"), "# T\n\nText.\n").unwrap();
    std::fs::write(tmp.path().join("in/folio.toml"), "footer = \"FIRSTFOOTER\"\n").unwrap();
    let args = ["watch", "in", "--only", "report"];
    let mut child = folio_command(tmp.path(), &args).stderr(Stdio::null()).spawn().unwrap();
    let pdf = tmp.path().join("output/r.pdf");
    let shows = |word: &str| {
        std::fs::read(&pdf).is_ok_and(|bytes| {
            std::panic::catch_unwind(|| common::pdf_text_compact(&bytes))
                .is_ok_and(|t| t.contains(word))
        })
    };
    let first = wait_until(Duration::from_secs(60), || shows("FIRSTFOOTER"));
    std::fs::write(tmp.path().join("in/folio.toml"), "footer = \"SECONDFOOTER\"\n").unwrap();
    let second = wait_until(Duration::from_secs(60), || shows("SECONDFOOTER"));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(first && second, "first {first}, second {second}");
}

/// A template override that makes the report titled "Hang" typeset forever (Typst's
/// JavaScript highlighter never returns on this code).
fn hanging_templates(dir: &Path) {
    let template = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/report.typ.j2"),
    )
    .unwrap();
    let hang = "{% if meta.title == \"Hang\" %}\n\
                #raw(\"  return x\\n  /*\", lang: \"js\", block: true)\n{% endif %}\n";
    std::fs::create_dir_all(dir.join("tpl")).unwrap();
    std::fs::write(dir.join("tpl/report.typ.j2"), format!("{template}\n{hang}")).unwrap();
}

fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// Ctrl-C finishes the document in flight, starts no more, and exits 130.
#[test]
fn ctrl_c_exits_130_after_the_documents_in_flight() {
    let tmp = tempfile::tempdir().unwrap();
    hanging_templates(tmp.path());
    std::fs::create_dir(tmp.path().join("in")).unwrap();
    std::fs::write(tmp.path().join("in/a.md"), "# A\n\nText.\n").unwrap();
    std::fs::write(tmp.path().join("in/hang.md"), "# Hang\n\nNever.\n").unwrap();
    std::fs::write(tmp.path().join("in/z.md"), "# Z\n\nText.\n").unwrap();
    let args =
        ["build", "in", "--templates", "tpl", "--only", "report", "-j", "1", "--timeout", "4"];
    let child = folio_command(tmp.path(), &args).stderr(Stdio::piped()).spawn().unwrap();
    let first = wait_until(Duration::from_secs(60), || tmp.path().join("output/a.pdf").exists());
    // `hang.md` is in flight now: interrupt the parent only, as a terminal's Ctrl-C would
    // (its workers ignore it).
    let kill = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(first && kill.success());
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert!(stderr(&out).contains("not started (interrupted)"), "{}", stderr(&out));
    assert!(!tmp.path().join("output/z.pdf").exists(), "no document started after Ctrl-C");
}

/// `watch` runs on the same workers as `build`: a report that hangs is stopped after
/// `--timeout` and the others still convert.
#[test]
fn watch_stops_a_hanging_report_after_the_timeout() {
    let tmp = tempfile::tempdir().unwrap();
    hanging_templates(tmp.path());
    std::fs::create_dir(tmp.path().join("in")).unwrap();
    std::fs::write(tmp.path().join("in/hang.md"), "# Hang\n\nNever.\n").unwrap();
    std::fs::write(tmp.path().join("in/ok.md"), "# Fine\n\nText.\n").unwrap();
    let log = tmp.path().join("watch.log");
    let args = ["watch", "in", "--templates", "tpl", "--only", "report", "--timeout", "3"];
    let mut child = folio_command(tmp.path(), &args)
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let read_log = || std::fs::read_to_string(&log).unwrap_or_default();
    let stopped =
        wait_until(Duration::from_secs(90), || read_log().contains("rebuilt 2 report(s)"));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(stopped, "{}", read_log());
    assert!(read_log().contains("hang.md: stopped after 3 s"), "{}", read_log());
    assert!(tmp.path().join("output/ok.pdf").is_file());
    assert!(!tmp.path().join("output/hang.pdf").exists());
}
