//! Sentence embeddings with all-MiniLM-L6-v2 in pure Rust (candle).

use std::path::{Path, PathBuf};

/// Dimension of all-MiniLM-L6-v2's sentence vectors.
pub const DIM: usize = 384;

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("model file {path}: {message}")]
    File { path: PathBuf, message: String },
    #[error("embedding failed: {0}")]
    Inference(String),
}

/// A loaded sentence-embedding model.
pub struct Embedder {
    name: String,
    fingerprint: String,
}

impl Embedder {
    /// Loads a sentence-transformers folder (`config.json`, `tokenizer.json`, `model.safetensors`).
    pub fn load(dir: &Path) -> Result<Self, ModelError> {
        Err(ModelError::File {
            path: dir.to_path_buf(),
            message: "not implemented".into(),
        })
    }

    /// L2-normalised sentence vectors, one per text, mean-pooled as sentence-transformers does.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, ModelError> {
        let _ = texts;
        Err(ModelError::Inference("not implemented".into()))
    }

    /// A short human name for logs and `sources`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Changes whenever the model files change: part of embedding-cache keys.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }
}

/// Where `scripts/fetch-model.sh` puts the model, if it is there.
pub fn default_model_dir() -> Option<PathBuf> {
    None
}

/// Downloads all-MiniLM-L6-v2 from the Hugging Face hub into `cache_dir`.
pub fn fetch_model(cache_dir: &Path) -> anyhow::Result<PathBuf> {
    anyhow::bail!("not implemented: {}", cache_dir.display())
}

/// The folder models are fetched into by default.
pub fn default_cache_dir() -> Option<PathBuf> {
    None
}
