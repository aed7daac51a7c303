//! `--index-dir`: the index is saved, reopened while the articles are unchanged, and rebuilt
//! when they change or the saved copy is damaged.

use std::path::Path;
use std::process::Output;

const QUESTION: &str = "Which awards did Jessica Jones win?";

fn ask(seeds: &Path, index: &Path) -> (serde_json::Value, String) {
    let out: Output = crate::support::bin()
        .args(["ask", QUESTION, "--json", "--no-model", "--seeds"])
        .arg(seeds)
        .arg("--index-dir")
        .arg(index)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RUST_LOG", "interview_bot=info")
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (serde_json::from_slice(&out.stdout).expect("json"), stderr)
}

fn saved_indexes(index: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(index)
        .expect("index folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

use crate::support::copy_seeds;

#[test]
fn an_unchanged_corpus_reopens_the_saved_index_and_answers_the_same() {
    let seeds = tempfile::tempdir().expect("tempdir");
    let index = tempfile::tempdir().expect("tempdir");
    copy_seeds(seeds.path());

    let (first, log) = ask(seeds.path(), index.path());
    assert!(!log.contains("opened the saved index"), "{log}");
    assert_eq!(saved_indexes(index.path()).len(), 1);

    let (second, log) = ask(seeds.path(), index.path());
    assert!(log.contains("opened the saved index"), "{log}");
    assert_eq!(first, second);
    assert!(second["results"][0]["text"]
        .as_str()
        .is_some_and(|t| t.contains("Peabody Award")));
}

#[test]
fn a_changed_article_rebuilds_and_the_old_index_is_removed() {
    let seeds = tempfile::tempdir().expect("tempdir");
    let index = tempfile::tempdir().expect("tempdir");
    copy_seeds(seeds.path());
    ask(seeds.path(), index.path());
    let before = saved_indexes(index.path());

    std::fs::write(
        seeds.path().join("100_new.txt"),
        "A New Interview\n\nInterviewer: What is your favourite sourdough recipe?\n\n\
         JANE DOE: A long, cold fermentation with rye flour and plenty of patience, always.\n\n\
         Interviewer: Do you bake every day?\n\nJANE DOE: Every morning before dawn, yes.\n",
    )
    .expect("write");
    let (_, log) = ask(seeds.path(), index.path());
    assert!(!log.contains("opened the saved index"), "{log}");
    let after = saved_indexes(index.path());
    assert_eq!(after.len(), 1, "{after:?}");
    assert_ne!(before, after);
}

#[test]
fn a_damaged_saved_index_is_rebuilt_not_trusted() {
    let seeds = tempfile::tempdir().expect("tempdir");
    let index = tempfile::tempdir().expect("tempdir");
    copy_seeds(seeds.path());
    let (first, _) = ask(seeds.path(), index.path());
    let saved = index.path().join(&saved_indexes(index.path())[0]);
    std::fs::write(
        saved.join(interview_bot::search::STATE_FILE),
        b"{ truncated",
    )
    .expect("damage");

    let (again, log) = ask(seeds.path(), index.path());
    assert!(log.contains("cannot be used; rebuilding"), "{log}");
    assert_eq!(first, again);
}
