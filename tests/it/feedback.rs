//! Votes on answers: 👍 / 👎 under every answer, stored through one data layer in SQLite (the
//! default, WAL) and in PostgreSQL (a real server that scripts/test.sh starts), one vote per
//! user per answer and changeable; a write that fails is logged and the voter still answered;
//! `interview-bot feedback` and `feedback export` read them back.

use fake_discord::*;
use interview_bot::discord::render;
use interview_bot::feedback::{FeedbackStore, Summary, Verdict, Vote};
use serde_json::Value;

use crate::support::{bin, captured_log, log_text, stdout_of, Options, TestBot};

fn vote(answer: u64, user: u64, verdict: Verdict) -> Vote {
    Vote {
        answer,
        user,
        guild: Some(GUILD_ID),
        question: "who plays jess".into(),
        history_len: 2,
        article_file: Some("a.txt".into()),
        passage: Some(7),
        verdict,
    }
}

/// What every back end must do: one row per user per answer, a later vote replacing the
/// earlier one, voters stored only as keyed hashes.
async fn one_vote_per_user_per_answer(store: &FeedbackStore) {
    store
        .record(&vote(11, 500, Verdict::Up))
        .await
        .expect("vote");
    store
        .record(&vote(11, 500, Verdict::Down))
        .await
        .expect("changed vote");
    store
        .record(&vote(11, 501, Verdict::Up))
        .await
        .expect("another voter");
    store
        .record(&vote(12, 500, Verdict::Down))
        .await
        .expect("another answer");
    let votes = store.votes().await.expect("votes");
    assert_eq!(votes.len(), 3, "{votes:?}");
    let changed = votes
        .iter()
        .find(|v| v.answer == "11" && v.user_hash == store.user_hash(500))
        .expect("the first voter's vote");
    assert!(!changed.up, "the later vote counts");
    assert_eq!(changed.question, "who plays jess");
    assert_eq!(changed.history_len, 2);
    assert_eq!(changed.article_file.as_deref(), Some("a.txt"));
    assert_eq!(changed.passage, Some(7));
    assert_eq!(
        changed.guild.as_deref(),
        Some(GUILD_ID.to_string().as_str())
    );
    assert!(
        votes.iter().all(|v| !v.user_hash.contains("500")),
        "ids are hashed"
    );
    let s = Summary::of(&votes);
    assert_eq!((s.total.up, s.total.down), (1, 2));
}

#[tokio::test]
async fn sqlite_keeps_one_vote_per_user_per_answer_in_wal_mode() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("data/feedback.sqlite3");
    let store = FeedbackStore::open_sqlite(&path, "secret")
        .await
        .expect("opens");
    one_vote_per_user_per_answer(&store).await;
    store.close().await;
    // Reopened: the votes are still there, the migrations not run twice.
    let again = FeedbackStore::open_sqlite(&path, "secret")
        .await
        .expect("reopens");
    assert_eq!(again.votes().await.expect("votes").len(), 3);
    let mode: String = rusqlite::Connection::open(&path)
        .expect("sqlite")
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("journal mode");
    assert_eq!(mode, "wal");
}

/// Against a real PostgreSQL server: scripts/test.sh starts one (a throwaway data folder on a
/// local port) and sets `INTERVIEW_BOT_TEST_POSTGRES`; with `INTERVIEW_BOT_REQUIRE_POSTGRES=1`
/// (also set by the script) its absence fails the test.
#[tokio::test]
async fn postgres_keeps_one_vote_per_user_per_answer() {
    let Some(url) = crate::support::test_postgres() else {
        return;
    };
    let store = FeedbackStore::open_postgres(&url, "secret")
        .await
        .expect("connects");
    sqlx_reset(&url).await;
    one_vote_per_user_per_answer(&store).await;
    store.close().await;
}

/// The PostgreSQL database is shared by test runs: start from an empty table.
async fn sqlx_reset(url: &str) {
    use sqlx::Connection;
    let mut c = sqlx::PgConnection::connect(url).await.expect("connects");
    sqlx::query("DELETE FROM votes")
        .execute(&mut c)
        .await
        .expect("empties the table");
}

/// The 👍 / 👎 buttons of a message: (up, down) custom ids.
fn vote_buttons(msg: &Value) -> (String, String) {
    let ids: Vec<String> = msg["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c["custom_id"].as_str().map(String::from))
        .collect();
    let find = |p: &str| {
        ids.iter()
            .find(|id| id.starts_with(p))
            .cloned()
            .unwrap_or_else(|| panic!("no {p} button in {ids:?}"))
    };
    (find("ib1:up:"), find("ib1:down:"))
}

async fn bot_with_votes(path: &std::path::Path) -> (TestBot, FeedbackStore) {
    let store = FeedbackStore::open_sqlite(path, "secret")
        .await
        .expect("store");
    let app = TestBot::spawn(Options {
        feedback: Some(store.clone()),
        ..Options::default()
    })
    .await;
    (app, store)
}

/// A vote is a click: thanked in a note only the voter sees, stored with the question and
/// the passage shown; a second click changes it.
#[tokio::test]
async fn a_vote_is_stored_thanked_and_changeable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (app, store) = bot_with_votes(&dir.path().join("votes.sqlite3")).await;
    let fake = &app.fake;
    let q = "Which awards did Jessica Jones win?";
    let i = ask(q, &Place::channel());
    app.call(&i).await;
    let answer = fake.original_response(&i).expect("answer");
    let (up, down) = vote_buttons(&answer);

    let body = app.click(&answer, &up).await;
    assert_eq!(body["data"]["flags"], 64, "only the voter sees it: {body}");
    assert_eq!(body["data"]["content"], render::VOTED_UP);
    let body = app.click(&answer, &down).await;
    assert_eq!(body["data"]["content"], render::VOTED_DOWN);

    let votes = store.votes().await.expect("votes");
    assert_eq!(votes.len(), 1, "one vote per user per answer: {votes:?}");
    let v = &votes[0];
    assert!(!v.up);
    assert_eq!(v.question, q);
    assert_eq!(v.answer, id_of(&i).to_string());
    let shown = &app.engine.ask(&interview_bot::search::AskQuery {
        question: q,
        history: &[],
        limit: render::ANSWER_RESULTS,
    });
    assert_eq!(
        v.article_file.as_deref(),
        Some(shown.results[0].source.file.as_str())
    );
    assert_eq!(v.passage, Some(shown.results[0].passage as i64));
    assert_eq!(v.user_hash, store.user_hash(USER_ID));
    app.stop().await;
}

/// A write that fails (here the table is gone) is logged; the voter is still answered and the
/// bot goes on answering.
#[tokio::test]
async fn a_vote_that_cannot_be_stored_is_logged_and_still_answered() {
    captured_log();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("votes.sqlite3");
    let (app, _store) = bot_with_votes(&path).await;
    let answer = app.answer_message("Who plays Trish?").await;
    rusqlite::Connection::open(&path)
        .expect("sqlite")
        .execute_batch("DROP TABLE votes")
        .expect("the table is dropped");
    let (up, _) = vote_buttons(&answer);
    let body = app.click(&answer, &up).await;
    assert_eq!(body["data"]["content"], render::VOTE_NOT_STORED);
    assert!(
        log_text().contains("a vote was not stored"),
        "{}",
        log_text()
    );
    app.assert_still_answers().await;
    app.stop().await;
}

/// `interview-bot feedback` sums the votes up and `feedback export` writes the down-voted
/// questions as evaluation cases.
#[tokio::test]
async fn the_feedback_command_reports_and_exports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("votes.sqlite3");
    let store = FeedbackStore::open_sqlite(&path, "secret")
        .await
        .expect("store");
    store
        .record(&vote(1, 9, Verdict::Down))
        .await
        .expect("vote");
    store.record(&vote(2, 9, Verdict::Up)).await.expect("vote");
    store.close().await;
    let run = |args: &[&str]| {
        stdout_of(
            bin()
                .env("INTERVIEW_BOT_FEEDBACK__DATABASE", &path)
                .args(args),
        )
    };
    let report = run(&["feedback"]);
    assert!(report.contains("2 votes: 1 👍, 1 👎"), "{report}");
    assert!(
        report.contains("a.txt") && report.contains("who plays jess"),
        "{report}"
    );
    let export = run(&["feedback", "export"]);
    let cases: Vec<Value> = export
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON lines"))
        .collect();
    assert_eq!(cases.len(), 1, "{export}");
    assert_eq!(cases[0]["command"], "ask");
    assert_eq!(cases[0]["query"], "who plays jess");
    assert_eq!(cases[0]["shown"][0]["file"], "a.txt");
}
