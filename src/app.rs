//! Start-up shared by every mode: configuration, corpus, model and engine.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;

use crate::config::{process_env, CliLayer, Config, Loaded};
use crate::corpus::{load_corpus_with_progress, Corpus};
use crate::embed::Embedder;
use crate::search::{Engine, Model};

/// Which sentence-embedding model to use.
#[derive(Debug, Clone, Default)]
pub enum ModelChoice {
    /// Whatever the configuration says ([`Config::model_folder`]).
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
    pub index_dir: Option<PathBuf>,
    pub model: ModelChoice,
    /// `serve --shards` and `--total-shards`.
    pub shards: Option<String>,
    pub total_shards: Option<u32>,
}

impl Overrides {
    /// The command line's layer of the configuration.
    pub fn cli_layer(&self) -> CliLayer {
        CliLayer {
            seeds_dir: self.seeds.clone(),
            index_dir: self.index_dir.clone(),
            model_dir: match &self.model {
                ModelChoice::Dir(d) => Some(d.clone()),
                _ => None,
            },
            no_model: matches!(self.model, ModelChoice::Off),
            shards: self.shards.clone(),
            total_shards: self.total_shards,
        }
    }
}

/// Every layer of the configuration merged (see [`crate::config`]), with where each value came
/// from.
pub fn load_layers(o: &Overrides) -> anyhow::Result<Loaded> {
    Ok(Loaded::load(
        o.config.as_deref().into(),
        process_env(),
        &o.cli_layer(),
    )?)
}

/// The merged configuration, its model folder resolved ([`Config::model_folder`]).
pub fn load_config(o: &Overrides) -> anyhow::Result<Config> {
    let mut config = load_layers(o)?.config;
    config.model_dir = config.model_folder();
    Ok(config)
}

/// Reads the corpus, loads the model (if any) and builds the engine. Skipped files are logged.
/// With `index_dir`, an index saved for exactly these articles and this configuration is
/// opened instead of rebuilt.
pub fn build_engine(config: Config) -> anyhow::Result<Engine> {
    // The model loads on a thread of its own while the articles are read: each takes a few
    // hundred milliseconds of a start.
    let for_model = config.clone();
    std::thread::scope(|s| {
        let loading = s.spawn(move || load_model_for(&for_model));
        build_engine_when(config, move || loaded(loading))
    })
}

/// The words-only engine a bot answers with at once, and the model (if any) for the engine
/// that replaces it once the model has read the articles: the model loads on a thread of its
/// own while the words-only index is built, so the first answer waits for the longer of the
/// two, not both.
pub fn words_first(config: Config) -> anyhow::Result<(Engine, Option<Model>)> {
    let for_model = config.clone();
    std::thread::scope(|s| {
        let loading = s.spawn(move || load_model_for(&for_model));
        let engine = build_engine_with(config, None);
        Ok((engine?, loaded(loading)?))
    })
}

/// The model a loading thread (see [`build_engine`], [`words_first`]) ended with.
fn loaded(
    loading: std::thread::ScopedJoinHandle<'_, anyhow::Result<Option<Model>>>,
) -> anyhow::Result<Option<Model>> {
    loading
        .join()
        .unwrap_or_else(|_| Err(anyhow::anyhow!("loading the model stopped unexpectedly")))
}

/// [`build_engine`] with a model already loaded (see [`load_model_for`]): a bot that rebuilds
/// its index keeps the model it started with instead of loading it again.
pub fn build_engine_with(config: Config, model: Option<Model>) -> anyhow::Result<Engine> {
    build_engine_when(config, || Ok(model))
}

/// Builds the engine, asking `model` for the model only once the articles are read.
fn build_engine_when(
    config: Config,
    model: impl FnOnce() -> anyhow::Result<Option<Model>>,
) -> anyhow::Result<Engine> {
    match config.index_dir.clone() {
        Some(dir) => open_or_build(config, &dir, model),
        None => build_in_ram(config, model),
    }
}

fn open_or_build(
    config: Config,
    root: &Path,
    model: impl FnOnce() -> anyhow::Result<Option<Model>>,
) -> anyhow::Result<Engine> {
    let started = std::time::Instant::now();
    let fingerprint = corpus_fingerprint(&config)?;
    tracing::debug!(
        elapsed_ms = started.elapsed().as_secs_f64() * 1e3,
        "fingerprinted the articles"
    );
    let dir = root.join(format!("index-{fingerprint}"));
    let saved = dir.join(crate::search::STATE_FILE).is_file();
    // Read while the model loads, unless a saved index is there to open.
    let corpus = if saved {
        None
    } else {
        Some(read_articles(&config)?)
    };
    let model = model()?;
    if saved {
        match Engine::open_saved(&dir, config.clone(), model.clone()) {
            Ok(engine) => {
                for w in &engine.corpus().warnings {
                    tracing::warn!("skipped {w}");
                }
                tracing::info!(dir = %dir.display(), "opened the saved index");
                log_ready(&engine, started);
                return Ok(engine);
            }
            Err(e) => tracing::warn!(error = %e, "the saved index cannot be used; rebuilding"),
        }
        std::fs::remove_dir_all(&dir)
            .with_context(|| format!("cannot remove the unusable index {}", dir.display()))?;
    }
    std::fs::create_dir_all(root)
        .with_context(|| format!("cannot create the index folder {}", root.display()))?;
    let corpus = match corpus {
        Some(corpus) => corpus,
        None => read_articles(&config)?,
    };
    let engine = Engine::build_saved(corpus, config, model, &dir)?;
    remove_stale_indexes(root, &dir);
    log_ready(&engine, started);
    Ok(engine)
}

/// Older saved indexes (other fingerprints) are of no further use.
fn remove_stale_indexes(root: &Path, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("index-") && path != keep && path.is_dir() {
            if let Err(err) = std::fs::remove_dir_all(&path) {
                tracing::warn!(dir = %path.display(), error = %err, "cannot remove an old index");
            }
        }
    }
}

/// Changes whenever an article file (its name, size or modification time), the article metadata,
/// the speakers, or this program (its version, or the build of it that runs) changes:
/// everything the saved index was made from. File metadata rather than contents: hashing 75 MB
/// of articles took longer than opening the saved index of 10,000 of them, and an edit changes
/// the modification time.
pub fn corpus_fingerprint(config: &Config) -> anyhow::Result<String> {
    let mut hasher = blake3::Hasher::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    // A build from newer code may read articles differently under the same version number.
    if let Ok(exe) = std::env::current_exe() {
        hash_file_stamp(&mut hasher, &exe);
    }
    hasher.update(&serde_json::to_vec(&(&config.articles, &config.speakers))?);
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&config.seeds_dir)
        .with_context(|| format!("cannot read the articles in {}", config.seeds_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt")))
        .collect();
    files.sort();
    for f in files {
        hasher.update(
            f.file_name()
                .map(|n| n.as_encoded_bytes())
                .unwrap_or_default(),
        );
        hasher.update(&[0]);
        hash_file_stamp(&mut hasher, &f);
    }
    Ok(hasher.finalize().to_hex()[..16].to_string())
}

/// Adds a file's size and modification time to `hasher`; nothing for a file that cannot be
/// read (an article still counts by name, and the corpus loader reports it).
fn hash_file_stamp(hasher: &mut blake3::Hasher, path: &std::path::Path) {
    if let Ok(meta) = std::fs::metadata(path) {
        hasher.update(&meta.len().to_le_bytes());
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .unwrap_or_default();
        hasher.update(&modified.as_nanos().to_le_bytes());
    }
}

/// The model `config` names, if any, with its vectors cached beside the saved index
/// (`index_dir`) or in the cache folder: unchanged articles are not embedded again.
pub fn load_model_for(config: &Config) -> anyhow::Result<Option<Model>> {
    let cache = config
        .index_dir
        .as_ref()
        .map(|d| d.join("embeddings"))
        .or_else(|| crate::embed::default_cache_dir().map(|d| d.join("embeddings")));
    match &config.model_dir {
        Some(dir) => Ok(Some(Model::new(Arc::new(load_model(dir)?), cache))),
        None => {
            tracing::info!(
                "no sentence-embedding model: answers are ranked by words alone \
                 (run scripts/fetch-model.sh or set INTERVIEW_BOT_MODEL_DIR for better answers)"
            );
            Ok(None)
        }
    }
}

fn build_in_ram(
    config: Config,
    model: impl FnOnce() -> anyhow::Result<Option<Model>>,
) -> anyhow::Result<Engine> {
    let started = std::time::Instant::now();
    let corpus = read_articles(&config)?;
    tracing::debug!(
        elapsed_ms = started.elapsed().as_secs_f64() * 1e3,
        rss_mb = ?crate::rss_mb(),
        "read the articles"
    );
    let engine = Engine::build(corpus, config, model()?)?;
    log_ready(&engine, started);
    Ok(engine)
}

fn log_ready(engine: &Engine, started: std::time::Instant) {
    tracing::info!(
        articles = engine.corpus().articles.len(),
        passages = engine.corpus().passages.len(),
        quotes = engine.corpus().quotes.len(),
        model = engine.model_name().unwrap_or("none"),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "index ready"
    );
}

/// Articles below this count load too fast for a progress display to be worth it.
const PROGRESS_FROM: usize = 500;

/// Reads the corpus, showing progress on a terminal (a bar) or in the log (every 10%) for large
/// corpora. Skipped files are logged.
fn read_articles(config: &Config) -> anyhow::Result<Corpus> {
    use std::io::IsTerminal;
    let bar = indicatif::ProgressBar::hidden();
    let tty = std::io::stderr().is_terminal();
    let last_logged = std::sync::atomic::AtomicUsize::new(0);
    let progress = |done: usize, total: usize| {
        if total < PROGRESS_FROM {
            return;
        }
        if tty {
            if bar.is_hidden() {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "reading articles {bar:40} {pos}/{len} ({eta} left)",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                bar.set_length(total as u64);
            }
            bar.set_position(done as u64);
        } else {
            let tenth = done * 10 / total;
            if last_logged.fetch_max(tenth, std::sync::atomic::Ordering::Relaxed) < tenth {
                tracing::info!("reading articles: {done}/{total}");
            }
        }
    };
    let corpus = load_corpus_with_progress(&config.seeds_dir, config, &progress)
        .with_context(|| format!("cannot load the articles in {}", config.seeds_dir.display()))?;
    bar.finish_and_clear();
    for w in &corpus.warnings {
        tracing::warn!("skipped {w}");
    }
    Ok(corpus)
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
