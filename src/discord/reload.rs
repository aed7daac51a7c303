//! Rebuilding the index while the bot runs: `/reload` (admins) and SIGHUP.
//!
//! The new engine is built off the async runtime while the old one keeps answering, then
//! swapped in under a write lock held only for the pointer swap; answers in flight finish on
//! the engine they started with. One reload runs at a time.
//!
//! A reload that finds a broken article (one `load_corpus` would skip with a warning: not
//! UTF-8, empty, binary, …) is refused and the last good index stays. At start-up such files
//! are skipped so the bot can come up at all; on a reload the operator is there to fix the
//! file, and silently dropping an article from a running bot would lose answers. Files that
//! were already skipped by the index being served are not new breakage and do not block.

use std::collections::HashSet;
use std::fmt;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use crate::corpus::CorpusWarning;
use crate::search::Engine;

/// Builds a fresh engine (blocking; run off the async runtime).
pub type Rebuild = Arc<dyn Fn() -> anyhow::Result<Engine> + Send + Sync>;

/// A reload that went through.
#[derive(Debug, Clone)]
pub struct Reloaded {
    pub articles: usize,
    pub passages: usize,
    pub quotes: usize,
    pub elapsed: Duration,
    /// Files the new index skips that the old one skipped too.
    pub still_skipped: Vec<CorpusWarning>,
}

impl fmt::Display for Reloaded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Reloaded: {} articles, {} passages, {} quotes in {:.1} s.",
            self.articles,
            self.passages,
            self.quotes,
            self.elapsed.as_secs_f64()
        )?;
        if !self.still_skipped.is_empty() {
            write!(f, " Still skipped: {}.", files(&self.still_skipped))?;
        }
        Ok(())
    }
}

/// Why a reload did not swap in a new index. The previous index keeps serving in every case.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ReloadError {
    #[error("A reload is already running; the current index keeps serving until it finishes.")]
    Busy,
    #[error("Reloading is not set up for this bot.")]
    Unavailable,
    #[error("Kept the previous index: {}", files(.0))]
    BrokenFiles(Vec<CorpusWarning>),
    #[error("Kept the previous index: {0}")]
    Failed(String),
}

/// `name: why; name: why`, with file names only (the folder is the operator's own).
fn files(ws: &[CorpusWarning]) -> String {
    ws.iter()
        .map(|w| {
            let name = w.file.file_name().map_or_else(
                || w.file.display().to_string(),
                |n| n.to_string_lossy().into(),
            );
            format!("{name}: {}", w.message)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The engine being served and how to rebuild it.
pub struct Reloader {
    engine: RwLock<Arc<Engine>>,
    rebuild: Option<Rebuild>,
    busy: Arc<tokio::sync::Mutex<()>>,
}

impl Reloader {
    pub fn new(engine: Arc<Engine>, rebuild: Option<Rebuild>) -> Self {
        Self {
            engine: RwLock::new(engine),
            rebuild,
            busy: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    pub fn engine(&self) -> Arc<Engine> {
        self.engine
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn replace_engine(&self, engine: Arc<Engine>) {
        *self.engine.write().unwrap_or_else(|e| e.into_inner()) = engine;
    }

    /// Whether a reload is running now.
    pub fn is_busy(&self) -> bool {
        self.busy.try_lock().is_err()
    }

    /// Rebuilds and swaps in the new engine, or says why not. Logs the outcome.
    pub async fn reload(self: &Arc<Self>) -> Result<Reloaded, ReloadError> {
        let result = self.clone().run().await;
        match &result {
            Ok(r) => tracing::info!(
                articles = r.articles,
                passages = r.passages,
                quotes = r.quotes,
                elapsed_ms = r.elapsed.as_millis() as u64,
                "index reloaded"
            ),
            Err(ReloadError::Busy) => tracing::info!("reload requested while one is running"),
            Err(e) => tracing::warn!("reload failed: {e}"),
        }
        result
    }

    async fn run(self: Arc<Self>) -> Result<Reloaded, ReloadError> {
        let rebuild = self.rebuild.clone().ok_or(ReloadError::Unavailable)?;
        let guard = self
            .busy
            .clone()
            .try_lock_owned()
            .map_err(|_| ReloadError::Busy)?;
        // Its own task, so a caller that goes away (an interaction handler cancelled, a
        // shutdown) cannot leave the reload half-done or the lock held.
        let task = tokio::spawn(async move {
            let _guard = guard;
            let started = Instant::now();
            let built = tokio::task::spawn_blocking(move || on_spare_cores(|| rebuild())).await;
            let engine = match built {
                Ok(Ok(e)) => e,
                Ok(Err(e)) => return Err(ReloadError::Failed(format!("{e:#}"))),
                Err(_) => {
                    return Err(ReloadError::Failed(
                        "building the index panicked".to_string(),
                    ))
                }
            };
            let old = self.engine();
            let known: HashSet<(&std::path::Path, &str)> = old
                .corpus()
                .warnings
                .iter()
                .map(|w| (w.file.as_path(), w.message.as_str()))
                .collect();
            let (still, new): (Vec<_>, Vec<_>) = engine
                .corpus()
                .warnings
                .iter()
                .cloned()
                .partition(|w| known.contains(&(w.file.as_path(), w.message.as_str())));
            if !new.is_empty() {
                return Err(ReloadError::BrokenFiles(new));
            }
            let corpus = engine.corpus();
            let report = Reloaded {
                articles: corpus.articles.len(),
                passages: corpus.passages.len(),
                quotes: corpus.quotes.len(),
                elapsed: started.elapsed(),
                still_skipped: still,
            };
            self.replace_engine(Arc::new(engine));
            Ok(report)
        });
        task.await.unwrap_or_else(|_| {
            Err(ReloadError::Failed(
                "the reload task stopped unexpectedly".to_string(),
            ))
        })
    }
}

/// Runs a rebuild on all cores but one, so that the bot goes on answering at its usual speed
/// while a reload (or the model's first reading of a new folder) embeds sentences for minutes.
/// With one core, or if the pool cannot be made, on the global pool.
fn on_spare_cores<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    let spare = rayon::current_num_threads().saturating_sub(1);
    if spare == 0 {
        return f();
    }
    match rayon::ThreadPoolBuilder::new()
        .num_threads(spare)
        .thread_name(|i| format!("rebuild-{i}"))
        .build()
    {
        Ok(pool) => pool.install(f),
        Err(e) => {
            tracing::warn!(error = %e, "cannot start the rebuild's threads; using all cores");
            f()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::on_spare_cores;

    #[test]
    fn a_rebuild_leaves_one_core_to_the_answers() {
        let all = rayon::current_num_threads();
        let inside = on_spare_cores(rayon::current_num_threads);
        assert_eq!(inside, all.saturating_sub(1).max(1).min(all));
        if all > 1 {
            assert!(inside < all, "the rebuild used every core");
        }
    }
}
