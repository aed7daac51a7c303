//! What a running bot keeps in memory: the engine behind its reloader, the conversations of
//! threads, and the answers remembered for their buttons.

use std::sync::{Arc, Mutex};

use lru::LruCache;
use serenity::all::UserId;

use super::reload::{Rebuild, Reloader};
use super::render::Mode;
use super::threads::{self, ThreadStore};
use super::BotSettings;
use crate::search::{Answer, Engine};

/// An answer kept for its buttons ("Another passage", "Follow up in a thread").
#[derive(Debug, Clone)]
pub struct StoredAnswer {
    pub mode: Mode,
    pub question: String,
    pub answer: Answer,
    /// Whether a thread can be started on the message (a server text channel).
    pub thread_button: bool,
    /// Earlier questions of the conversation it was asked in (stored with a vote).
    pub history_len: usize,
    /// Whether the answer carries 👍 / 👎 (a feedback store is open).
    pub votes: bool,
    /// Shown only to its asker (a message context-menu answer): it offers "Post for everyone".
    pub private: bool,
}

/// Answers remembered for their buttons; older buttons answer "expired".
pub const ANSWERS_CACHED: usize = 2000;

/// The state a running bot keeps in memory, shared by the handlers ([`Data`]) and by whoever
/// started the bot (SIGHUP, load tests looking at cache sizes).
pub struct Shared {
    /// Holds the engine, so a rebuilt index can replace it while the bot runs.
    pub reloader: Arc<Reloader>,
    pub threads: ThreadStore,
    answers: Mutex<LruCache<u64, Arc<StoredAnswer>>>,
    /// Set while the bot answers by words and the model reads the articles in the background.
    warming: Mutex<Option<Warming>>,
}

/// The model reading the articles in the background, and how many texts it had embedded when
/// it began.
struct Warming {
    model: Arc<crate::embed::Embedder>,
    embedded_before: u64,
}

impl Shared {
    pub fn new(engine: Arc<Engine>, rebuild: Option<Rebuild>) -> Self {
        Self {
            reloader: Arc::new(Reloader::new(engine, rebuild)),
            threads: ThreadStore::default(),
            answers: Mutex::new(threads::lru(ANSWERS_CACHED)),
            warming: Mutex::new(None),
        }
    }

    /// Sentences the model has embedded since the bot began answering by words while it reads
    /// the articles; `None` when it is not doing that.
    pub fn warming_progress(&self) -> Option<u64> {
        let warming = self.warming.lock().unwrap_or_else(|e| e.into_inner());
        warming
            .as_ref()
            .map(|w| w.model.embedded_count().saturating_sub(w.embedded_before))
    }

    /// Marks the bot as answering by words while `model` reads the articles, and returns the
    /// work to run in the background: the rebuild (with the model), swapped in when it is
    /// ready, as a reload does.
    pub fn warm_up(
        self: Arc<Self>,
        model: Arc<crate::embed::Embedder>,
    ) -> impl std::future::Future<Output = ()> + Send {
        let embedded_before = model.embedded_count();
        *self.warming.lock().unwrap_or_else(|e| e.into_inner()) = Some(Warming {
            model,
            embedded_before,
        });
        tracing::info!("answering by words while the model reads the articles");
        async move {
            // The reloader logs a failure; the bot then goes on answering by words.
            if self.reloader.reload().await.is_ok() {
                tracing::info!("the model has read the articles: ranking by words and the model");
            }
            *self.warming.lock().unwrap_or_else(|e| e.into_inner()) = None;
        }
    }

    /// Answers remembered for their buttons (bounded by [`ANSWERS_CACHED`]).
    pub fn answers_cached(&self) -> usize {
        self.answers.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

/// Everything the handlers share. One per running bot; no globals.
pub struct Data {
    pub shared: Arc<Shared>,
    pub settings: BotSettings,
    pub bot_id: UserId,
}

impl Data {
    pub fn new(engine: Arc<Engine>, settings: BotSettings, bot_id: UserId) -> Self {
        Self::with_shared(Arc::new(Shared::new(engine, None)), settings, bot_id)
    }

    pub fn with_shared(shared: Arc<Shared>, settings: BotSettings, bot_id: UserId) -> Self {
        Self {
            shared,
            settings,
            bot_id,
        }
    }

    pub fn engine(&self) -> Arc<Engine> {
        self.shared.reloader.engine()
    }

    /// Swaps in another engine (e.g. after re-reading the corpus); answers in flight finish on
    /// the old one.
    pub fn replace_engine(&self, engine: Arc<Engine>) {
        self.shared.reloader.replace_engine(engine);
    }

    pub fn remember(&self, id: u64, answer: StoredAnswer) -> Arc<StoredAnswer> {
        let a = Arc::new(answer);
        self.shared
            .answers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .put(id, a.clone());
        a
    }

    pub fn recall(&self, id: u64) -> Option<Arc<StoredAnswer>> {
        self.shared
            .answers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
            .cloned()
    }
}
