//! Answer quality, measured the way `../shared/eval/score.py` measures it: the dev cases run
//! through the real binary's `--json` output.

use std::process::Command;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_interview-bot");
/// An answer is a passage, not an article: longer texts never count (as in score.py).
const MAX_CHARS: usize = 1600;

fn run(args: &[&str]) -> Value {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?} printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// score.py's normalisation: lowercase, straight quotes and dashes, single spaces.
fn norm(s: &str) -> String {
    let s = s
        .to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace(['\u{2013}', '\u{2014}'], "-");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Outcome {
    id: String,
    kind: &'static str,
    passed: bool,
    shown: String,
}

fn judge(case: &Value, reply: &Value) -> bool {
    let results = reply["results"].as_array().cloned().unwrap_or_default();
    if case["expect"] == "no_answer" {
        return reply["answered"] == false;
    }
    if reply["answered"] != true || results.is_empty() {
        return false;
    }
    let top = &results[0];
    let text = top["text"].as_str().unwrap_or("");
    let phrases: Vec<String> = case["expect_any"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(norm)
        .collect();
    let mut ok =
        text.chars().count() <= MAX_CHARS && phrases.iter().any(|p| norm(text).contains(p));
    if case["command"] == "quote" {
        let want = norm(case["speaker"].as_str().unwrap_or(""));
        ok &= norm(top["speaker"].as_str().unwrap_or("")).contains(&want);
    }
    ok
}

fn run_cases(file: &str, extra: &[&str]) -> Vec<Outcome> {
    let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
    let cases = std::fs::read_to_string(path).expect("eval cases");
    cases
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let case: Value = serde_json::from_str(line).expect("a JSON case");
            let command = case["command"].as_str().expect("command").to_string();
            let query = case["query"].as_str().expect("query").to_string();
            let mut args = vec![command.clone(), query];
            for h in case["history"].as_array().into_iter().flatten() {
                args.push("--history".into());
                args.push(h.as_str().unwrap_or_default().into());
            }
            if let Some(s) = case["speaker"].as_str() {
                args.push("--speaker".into());
                args.push(s.into());
            }
            args.push("--json".into());
            args.extend(extra.iter().map(|s| s.to_string()));
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            let reply = run(&refs);
            let kind = if case["expect"] == "no_answer" {
                "no_answer"
            } else if case.get("history").is_some() {
                "follow_up"
            } else if command == "quote" {
                "quote"
            } else {
                "ask"
            };
            Outcome {
                id: case["id"].as_str().unwrap_or("?").to_string(),
                kind,
                passed: judge(&case, &reply),
                shown: norm(
                    reply["results"][0]["text"]
                        .as_str()
                        .unwrap_or("(no result)"),
                )
                .chars()
                .take(100)
                .collect(),
            }
        })
        .collect()
}

fn report(outcomes: &[Outcome]) -> usize {
    for o in outcomes.iter().filter(|o| !o.passed) {
        eprintln!("FAIL {} ({}): {}", o.id, o.kind, o.shown);
    }
    outcomes.iter().filter(|o| o.passed).count()
}

fn assert_kinds_all_pass(outcomes: &[Outcome], kinds: &[&str]) {
    for kind in kinds {
        let failing: Vec<&str> = outcomes
            .iter()
            .filter(|o| o.kind == *kind && !o.passed)
            .map(|o| o.id.as_str())
            .collect();
        assert!(failing.is_empty(), "{kind} cases failing: {failing:?}");
    }
}

/// The real model, when `scripts/fetch-model.sh` (or INTERVIEW_BOT_MODEL_DIR) provided it.
fn model_dir() -> Option<String> {
    let dir = interview_bot::embed::find_model_dir();
    if dir.is_none() {
        eprintln!("skipped: model not present, run scripts/fetch-model.sh");
    }
    dir.map(|d| d.display().to_string())
}

#[test]
fn dev_cases_pass_with_words_alone() {
    let outcomes = run_cases("dev.jsonl", &["--no-model"]);
    let passed = report(&outcomes);
    assert_kinds_all_pass(&outcomes, &["no_answer", "follow_up"]);
    assert!(
        passed >= 22,
        "only {passed} of {} dev cases pass",
        outcomes.len()
    );
}

#[test]
fn dev_cases_pass_with_the_model() {
    let Some(dir) = model_dir() else { return };
    let outcomes = run_cases("dev.jsonl", &["--model", &dir]);
    let passed = report(&outcomes);
    assert_kinds_all_pass(&outcomes, &["no_answer", "follow_up"]);
    assert!(
        passed >= 23,
        "only {passed} of {} dev cases pass",
        outcomes.len()
    );
}

/// Our own paraphrase set guards the method against regressions (the dev set alone is too easy
/// to fit). The floors are a little under what the engine scores today (28 and 30 of 34).
#[test]
fn paraphrased_questions_are_understood() {
    let outcomes = run_cases("paraphrase.jsonl", &["--no-model"]);
    let passed = report(&outcomes);
    assert_kinds_all_pass(&outcomes, &["no_answer"]);
    assert!(
        passed >= 27,
        "words alone: only {passed} of {} pass",
        outcomes.len()
    );
    let Some(dir) = model_dir() else { return };
    let outcomes = run_cases("paraphrase.jsonl", &["--model", &dir]);
    let passed = report(&outcomes);
    assert_kinds_all_pass(&outcomes, &["no_answer"]);
    assert!(
        passed >= 29,
        "with the model: only {passed} of {} pass",
        outcomes.len()
    );
}

#[test]
fn odd_questions_get_an_ordinary_reply() {
    let long = "why ".repeat(1500);
    for q in [
        "",
        "   ",
        "title:(AND\"",
        "*",
        "~",
        "🦀🎬❤️",
        "@everyone what about <@&123>?",
        "the of and to a in",
        long.as_str(),
    ] {
        for command in ["ask", "quote"] {
            let reply = run(&[command, q, "--json", "--no-model"]);
            assert!(reply["answered"].is_boolean(), "{command} {q:?}: {reply}");
            for r in reply["results"].as_array().into_iter().flatten() {
                assert!(r["text"]
                    .as_str()
                    .is_some_and(|t| t.chars().count() <= MAX_CHARS));
            }
        }
    }
}

#[test]
fn off_topic_questions_are_not_answered_and_suggest_questions() {
    let reply = run(&[
        "ask",
        "What is the recipe for sourdough bread?",
        "--json",
        "--no-model",
    ]);
    assert_eq!(reply["answered"], false);
    let suggestions = reply["suggestions"].as_array().cloned().unwrap_or_default();
    assert!(!suggestions.is_empty() && suggestions.len() <= 3, "{reply}");
}
