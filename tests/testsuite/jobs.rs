//! Jobs run in this process, as a library caller runs them: every report gets its
//! outcome in input order, a failing one never stops the others, and the files written
//! are named by their typed outputs.

use crate::common;
use folio::Output;
use folio::inputs::find_jobs;
use folio::jobs::{BatchOptions, Hooks, run_in_process};
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

#[test]
fn reports_convert_in_process_and_a_failure_stays_its_own() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(inputs.join("a.md"), "# A\n\nFirst report.\n").unwrap();
    std::fs::write(inputs.join("b.md"), b"# B\n\n\xff\n").unwrap();
    std::fs::write(inputs.join("c.md"), "# C\n\nThird report.\n").unwrap();
    let out = tmp.path().join("out");
    let jobs = find_jobs(&[inputs], &out);
    let done = Mutex::new(Vec::new());
    let on_done = |outcome: &folio::jobs::Outcome| {
        done.lock().unwrap().push(outcome.job.input.clone());
    };
    let stop = AtomicBool::new(false);
    let hooks = Hooks { on_done: &on_done, stop: &stop };
    let options = BatchOptions::default();
    let outcomes = run_in_process(common::converter(), jobs, &options, 2, &hooks);
    let names: Vec<String> = outcomes
        .iter()
        .map(|o| o.job.input.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.md", "b.md", "c.md"], "in input order");
    assert_eq!(done.lock().unwrap().len(), 3, "each outcome reported as it finished");
    let failure = outcomes[1].result.as_ref().unwrap_err().to_string();
    assert!(failure.contains("b.md:3: not UTF-8"), "{failure}");
    for (outcome, stem) in [(&outcomes[0], "a"), (&outcomes[2], "c")] {
        let written = outcome.result.as_ref().unwrap();
        let expected: Vec<_> = [Output::Report, Output::Slides, Output::SpeakerNotes]
            .map(|output| output.path(&out.join(stem)))
            .to_vec();
        assert_eq!(written.files, expected);
        assert!(expected.iter().all(|path| path.is_file()));
    }
}
