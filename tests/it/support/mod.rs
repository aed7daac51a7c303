//! What the tests share, written once: the project's folders and configuration, copies of the
//! seeds, the real model (or a failure when it is required), the binary, and [`TestBot`]: the
//! real bot against the fake Discord.

pub mod bot;
pub mod tiny_model;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};

use interview_bot::app::{self, ModelChoice, Overrides};
use interview_bot::config::Config;
use interview_bot::search::Engine;

pub use bot::{Options, TestBot};

/// The project folder (config/, seeds/, tests/fixtures/).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The project's configuration over the articles in `articles`, words only, as the binary
/// builds it from `--seeds DIR --no-model`.
pub fn words_config(articles: &Path) -> Config {
    app::load_config(&Overrides {
        config: Some(root().join("config")),
        seeds: Some(articles.to_path_buf()),
        model: ModelChoice::Off,
        ..Overrides::default()
    })
    .expect("config loads")
}

/// The project's configuration files alone (no flags).
pub fn project_config() -> Config {
    Config::load(Some(&root().join("config"))).expect("config loads")
}

/// The seeds, words only: one engine for the whole test binary (fast and deterministic).
pub fn seeds_engine() -> Arc<Engine> {
    static ENGINE: OnceLock<Arc<Engine>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let config = words_config(&root().join("seeds"));
            Arc::new(app::build_engine(config).expect("engine builds from the seeds"))
        })
        .clone()
}

/// Copies the five seed articles into `to`.
pub fn copy_seeds(to: &Path) {
    for e in std::fs::read_dir(root().join("seeds")).expect("seeds") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
    }
}

/// A temporary article folder holding the seeds, for a test that changes or adds articles.
pub fn seeds_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_seeds(dir.path());
    dir
}

/// The real all-MiniLM-L6-v2 folder, or `None` when it is not there. With
/// `INTERVIEW_BOT_REQUIRE_MODEL=1` (set by scripts/test.sh once it has fetched the model, so in
/// CI) a missing model fails the test instead of skipping it.
pub fn real_model() -> Option<PathBuf> {
    let dir = interview_bot::config::model_folder_from_env();
    if dir.is_none() {
        skipping_unless_required(
            "INTERVIEW_BOT_REQUIRE_MODEL",
            "there is no model: run scripts/fetch-model.sh",
        );
    }
    dir
}

/// A test is about to skip for want of `missing`: fine on a developer's machine, a failure
/// when `require` is 1 (scripts/test.sh sets it once it has provided the thing, so in CI).
fn skipping_unless_required(require: &str, missing: &str) {
    assert!(
        std::env::var(require).as_deref() != Ok("1"),
        "{require}=1 but {missing}"
    );
    eprintln!("skipped: {missing}");
}

/// The binary, run from the project folder as the README says (config/ and seeds/ found there).
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_interview-bot"));
    c.current_dir(root());
    c
}

/// What `command` prints, after checking it succeeded (its stderr in the failure message).
pub fn stdout_of(command: &mut Command) -> String {
    let out = command.output().expect("the binary runs");
    assert!(
        out.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The bot's warnings, captured once for the whole test binary (a global subscriber: tests
/// look for lines of their own).
pub fn captured_log() -> &'static Arc<Mutex<Vec<u8>>> {
    static LOG: std::sync::OnceLock<Arc<Mutex<Vec<u8>>>> = std::sync::OnceLock::new();
    LOG.get_or_init(|| {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let writer = buf.clone();
        let _ = tracing_subscriber::fmt()
            .with_env_filter("interview_bot=warn")
            .with_ansi(false)
            .with_writer(move || LogWriter(writer.clone()))
            .try_init();
        buf
    })
}

struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for LogWriter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log").extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub fn log_text() -> String {
    String::from_utf8_lossy(&captured_log().lock().expect("log")).into_owned()
}

/// The PostgreSQL server scripts/test.sh starts (`INTERVIEW_BOT_TEST_POSTGRES`). Without one a
/// test skips, unless `INTERVIEW_BOT_REQUIRE_POSTGRES=1` (also set by the script) makes its
/// absence a failure.
pub fn test_postgres() -> Option<String> {
    let url = std::env::var("INTERVIEW_BOT_TEST_POSTGRES")
        .ok()
        .filter(|u| !u.is_empty());
    if url.is_none() {
        skipping_unless_required(
            "INTERVIEW_BOT_REQUIRE_POSTGRES",
            "INTERVIEW_BOT_TEST_POSTGRES is not set: no PostgreSQL server (scripts/test.sh starts one)",
        );
    }
    url
}

/// A new, empty database on the server at `url`, for a test that must not share its tables
/// with the others running at the same time; its URL.
pub async fn fresh_postgres_database(url: &str) -> String {
    use sqlx::Connection;
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("test_{}_{n}", std::process::id());
    let mut c = sqlx::PgConnection::connect(url).await.expect("connects");
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name}"
    )))
    .execute(&mut c)
    .await
    .expect("drops a leftover");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut c)
        .await
        .expect("creates the database");
    let (server, _) = url.rsplit_once('/').expect("a URL ending in /database");
    format!("{server}/{name}")
}
