//! Votes on answers (👍 / 👎), stored for real through one data layer: sqlx's `Any` driver,
//! with the migrations in `migrations/`. SQLite by default (embedded, WAL), a file under the
//! data folder; PostgreSQL when `DATABASE_URL` points at one, for bots whose processes run on
//! several machines and must share one store.
//!
//! The engine knows nothing of this: the Discord side records votes, `interview-bot feedback`
//! reads them back.

mod report;

use std::path::Path;
use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::AnyPool;
use sqlx::Row;

pub use report::{export_cases, Summary};

/// Which way a vote went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Up,
    Down,
}

impl Verdict {
    fn as_i64(self) -> i64 {
        match self {
            Verdict::Up => 1,
            Verdict::Down => -1,
        }
    }
}

/// One vote, as the Discord side knows it.
#[derive(Debug, Clone)]
pub struct Vote {
    /// The interaction or message that asked.
    pub answer: u64,
    /// The voter's id: stored only as a keyed hash ([`FeedbackStore::user_hash`]).
    pub user: u64,
    pub guild: Option<u64>,
    pub question: String,
    /// Earlier questions of the conversation it was asked in.
    pub history_len: usize,
    /// The passage shown when the vote was cast: its article file and passage id.
    pub article_file: Option<String>,
    pub passage: Option<usize>,
    pub verdict: Verdict,
}

#[derive(Debug, thiserror::Error)]
pub enum FeedbackError {
    #[error("cannot open the feedback database {place}: {source}")]
    Open {
        place: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("cannot create the feedback folder {path}: {source}")]
    Folder {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot bring the feedback database up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("the feedback database failed: {0}")]
    Query(#[from] sqlx::Error),
}

/// The one handle on the votes (a connection pool: cheap to clone).
#[derive(Clone)]
pub struct FeedbackStore {
    pool: AnyPool,
    /// Keys the hash of voters' ids, so the stored hashes cannot be reversed by hashing every
    /// possible id.
    key: [u8; 32],
    backend: Backend,
}

/// Where the votes live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl std::fmt::Debug for FeedbackStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FeedbackStore")
            .field("backend", &self.backend)
            .finish_non_exhaustive()
    }
}

/// How long a vote may wait for the database: the click must be answered within Discord's 3
/// seconds whatever the database does.
pub const WRITE_TIMEOUT: Duration = Duration::from_millis(1500);

impl FeedbackStore {
    /// Opens (creating it if need be) the SQLite file at `path`, in WAL mode.
    pub async fn open_sqlite(path: &Path, secret: &str) -> Result<Self, FeedbackError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| FeedbackError::Folder {
                path: dir.display().to_string(),
                source,
            })?;
        }
        // sqlx opens SQLite files in WAL mode unless told otherwise; it is asked for anyway,
        // so that the mode does not depend on a library default.
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let store =
            Self::connect(&url, &path.display().to_string(), secret, Backend::Sqlite).await?;
        sqlx::query("PRAGMA journal_mode = WAL")
            .execute(&store.pool)
            .await?;
        Ok(store)
    }

    /// Connects to the PostgreSQL database at `url` (`postgres://…`).
    pub async fn open_postgres(url: &str, secret: &str) -> Result<Self, FeedbackError> {
        // The URL may carry a password: only its host part is ever shown.
        let place = url.rsplit('@').next().unwrap_or("PostgreSQL").to_string();
        Self::connect(url, &place, secret, Backend::Postgres).await
    }

    async fn connect(
        url: &str,
        place: &str,
        secret: &str,
        backend: Backend,
    ) -> Result<Self, FeedbackError> {
        sqlx::any::install_default_drivers();
        let pool = AnyPoolOptions::new()
            .max_connections(4)
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await
            .map_err(|source| FeedbackError::Open {
                place: place.to_string(),
                source,
            })?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Self {
            pool,
            key: blake3::derive_key("interview-bot 2026-12 feedback voter", secret.as_bytes()),
            backend,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The stored form of a voter's id.
    pub fn user_hash(&self, user: u64) -> String {
        blake3::keyed_hash(&self.key, &user.to_le_bytes()).to_hex()[..32].to_string()
    }

    /// Stores `vote`, replacing the same user's earlier vote on the same answer.
    pub async fn record(&self, vote: &Vote) -> Result<(), FeedbackError> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        sqlx::query(
            "INSERT INTO votes (answer_id, user_hash, voted_at, guild_id, question, history_len, \
             article_file, passage_id, vote) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (answer_id, user_hash) DO UPDATE SET voted_at = excluded.voted_at, \
             article_file = excluded.article_file, passage_id = excluded.passage_id, \
             vote = excluded.vote",
        )
        .bind(vote.answer.to_string())
        .bind(self.user_hash(vote.user))
        .bind(now)
        .bind(vote.guild.map(|g| g.to_string()))
        .bind(vote.question.clone())
        .bind(vote.history_len as i64)
        .bind(vote.article_file.clone())
        .bind(vote.passage.map(|p| p as i64))
        .bind(vote.verdict.as_i64())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Every vote, oldest first.
    pub async fn votes(&self) -> Result<Vec<StoredVote>, FeedbackError> {
        let rows = sqlx::query(
            "SELECT answer_id, user_hash, voted_at, guild_id, question, history_len, \
             article_file, passage_id, vote FROM votes ORDER BY voted_at, answer_id, user_hash",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(StoredVote {
                answer: r.try_get("answer_id")?,
                user_hash: r.try_get("user_hash")?,
                voted_at: r.try_get("voted_at")?,
                guild: r.try_get("guild_id")?,
                question: r.try_get("question")?,
                history_len: r.try_get("history_len")?,
                article_file: r.try_get("article_file")?,
                passage: r.try_get("passage_id")?,
                up: r.try_get::<i64, _>("vote")? > 0,
            });
        }
        Ok(out)
    }

    /// Closes the pool (pending writes finish first).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A vote as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredVote {
    pub answer: String,
    pub user_hash: String,
    /// Unix seconds.
    pub voted_at: i64,
    pub guild: Option<String>,
    pub question: String,
    pub history_len: i64,
    pub article_file: Option<String>,
    pub passage: Option<i64>,
    pub up: bool,
}
