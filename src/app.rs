//! Start-up shared by every mode: configuration, corpus, model and engine.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::config::Config;
use crate::corpus::load_corpus;
use crate::embed::{default_model_dir, Embedder};
use crate::search::Engine;

/// Which sentence-embedding model to use.
#[derive(Debug, Clone, Default)]
pub enum ModelChoice {
    /// `model_dir` from config or `INTERVIEW_BOT_MODEL_DIR`, else the fetched model if present,
    /// else none.
    #[default]
    Auto,
    /// This folder (an error if it is not a valid model).
    Dir(PathBuf),
    /// Words only.
    Off,
}

/// Command-line overrides of the configuration.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub config: Option<PathBuf>,
    pub seeds: Option<PathBuf>,
    pub model: ModelChoice,
}

pub fn load_config(o: &Overrides) -> anyhow::Result<Config> {
    let mut config = Config::load(o.config.as_deref())?;
    if let Some(seeds) = &o.seeds {
        config.seeds_dir = seeds.clone();
    }
    match &o.model {
        ModelChoice::Auto => {}
        ModelChoice::Dir(d) => config.model_dir = Some(d.clone()),
        ModelChoice::Off => config.model_dir = None,
    }
    if matches!(o.model, ModelChoice::Auto) && config.model_dir.is_none() {
        config.model_dir = default_model_dir();
    }
    Ok(config)
}

/// Reads the corpus, loads the model (if any) and builds the engine. Skipped files are logged.
pub fn build_engine(config: Config) -> anyhow::Result<Engine> {
    let started = std::time::Instant::now();
    let corpus = load_corpus(&config.seeds_dir, &config)
        .with_context(|| format!("cannot load the articles in {}", config.seeds_dir.display()))?;
    for w in &corpus.warnings {
        tracing::warn!("skipped {w}");
    }
    let embedder = match &config.model_dir {
        Some(dir) => Some(load_model(dir)?),
        None => {
            tracing::info!(
                "no sentence-embedding model: answers are ranked by words alone \
                 (run scripts/fetch-model.sh or set INTERVIEW_BOT_MODEL_DIR for better answers)"
            );
            None
        }
    };
    let engine = Engine::build(corpus, config, embedder)?;
    tracing::info!(
        articles = engine.corpus().articles.len(),
        passages = engine.corpus().passages.len(),
        quotes = engine.corpus().quotes.len(),
        model = engine.model_name().unwrap_or("none"),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "index ready"
    );
    Ok(engine)
}

fn load_model(dir: &Path) -> anyhow::Result<Embedder> {
    let e = Embedder::load(dir).with_context(|| {
        format!(
            "cannot load the sentence-embedding model in {}",
            dir.display()
        )
    })?;
    tracing::info!(model = e.name(), "sentence-embedding model loaded");
    Ok(e)
}
