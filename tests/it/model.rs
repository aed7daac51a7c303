//! The bot with and without a sentence-embedding model, as a user of the binary sees it.

use std::process::Output;

fn run(args: &[&str]) -> Output {
    crate::support::bin()
        .args(args)
        .env_remove("INTERVIEW_BOT_MODEL_DIR")
        .output()
        .expect("the binary runs")
}

#[test]
fn without_a_model_the_bot_answers_by_words_and_says_so() {
    let out = run(&["sources", "--no-model"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("words only"), "{text}");

    let out = run(&[
        "ask",
        "Which awards did Jessica Jones win?",
        "--no-model",
        "--json",
    ]);
    assert!(out.status.success());
    let reply: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(reply["answered"], true);
    assert!(reply["results"][0]["text"]
        .as_str()
        .is_some_and(|t| t.contains("Peabody Award")));
}

#[test]
fn a_corrupt_model_folder_is_a_clear_error_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("config.json"), "{ not json").expect("write");
    std::fs::write(dir.path().join("tokenizer.json"), "{}").expect("write");
    std::fs::write(dir.path().join("model.safetensors"), b"\x00\x01").expect("write");
    let model = dir.path().display().to_string();
    let out = run(&[
        "ask",
        "Which awards did Jessica Jones win?",
        "--model",
        &model,
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config.json"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        err.trim().lines().count(),
        1,
        "one line for a person: {err}"
    );
}

#[test]
fn with_the_model_sources_names_it() {
    let Some(dir) = crate::support::real_model() else {
        return;
    };
    let out = run(&["sources", "--model", &dir.display().to_string()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("all-MiniLM-L6-v2"), "{text}");
}
