//! On-disk cache of a whole corpus' passage vectors, so an unchanged restart skips the model.
//!
//! One file per (model fingerprint, exact list of texts), named after the key:
//!
//! ```text
//! offset size  field
//! 0      4     magic  b"IBEV"
//! 4      4     format version (u32 LE) = 1
//! 8      4     dim (u32 LE)
//! 12     8     count (u64 LE)
//! 20     32    key: blake3 of model fingerprint + texts
//! 52     32    blake3 of the payload
//! 84     ..    count * dim f32 LE, row-major
//! ```
//!
//! Anything that does not check out is treated as a miss: recomputed and rewritten.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{Embedder, ModelError};

const MAGIC: &[u8; 4] = b"IBEV";
const VERSION: u32 = 1;
const HEADER_LEN: usize = 4 + 4 + 4 + 8 + 32 + 32;

/// A folder of embedding files keyed by model and texts.
#[derive(Debug, Clone)]
pub struct EmbeddingCache {
    dir: PathBuf,
}

impl EmbeddingCache {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Cache key of `texts` embedded by the model with `model_fingerprint`. Order matters.
    pub fn key(model_fingerprint: &str, texts: &[&str]) -> [u8; 32] {
        let mut hasher = blake3::Hasher::new();
        hasher.update(b"interview-bot embedding cache\0");
        hasher.update(&(model_fingerprint.len() as u64).to_le_bytes());
        hasher.update(model_fingerprint.as_bytes());
        hasher.update(&(texts.len() as u64).to_le_bytes());
        for text in texts {
            // Length prefixes keep ["ab", "c"] and ["a", "bc"] apart.
            hasher.update(&(text.len() as u64).to_le_bytes());
            hasher.update(text.as_bytes());
        }
        *hasher.finalize().as_bytes()
    }

    /// The file that holds (or would hold) the vectors for `key`.
    pub fn path_for(&self, key: &[u8; 32]) -> PathBuf {
        let hex = blake3::Hash::from(*key).to_hex();
        self.dir.join(format!("embeddings-{}.bin", &hex[..32]))
    }

    /// The cached vectors, or `None` when absent or unusable (corrupt files are logged).
    pub fn load(&self, key: &[u8; 32], dim: usize, count: usize) -> Option<Vec<Vec<f32>>> {
        let path = self.path_for(key);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "cannot read embedding cache; recomputing");
                return None;
            }
        };
        match decode(&bytes, key, dim, count) {
            Ok(vectors) => Some(vectors),
            Err(why) => {
                tracing::warn!(path = %path.display(), reason = why, "ignoring unusable embedding cache file; recomputing");
                None
            }
        }
    }

    /// Writes the vectors atomically (temporary file, then rename), so readers never see half a
    /// file, even when two processes race.
    pub fn store(
        &self,
        key: &[u8; 32],
        dim: usize,
        vectors: &[Vec<f32>],
    ) -> std::io::Result<PathBuf> {
        if vectors.iter().any(|v| v.len() != dim) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("vectors are not all of length {dim}"),
            ));
        }
        let bytes = encode(key, dim, vectors)?;
        std::fs::create_dir_all(&self.dir)?;
        let path = self.path_for(key);
        let tmp = self.dir.join(format!(
            ".{}.tmp-{}-{}",
            path.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        let written = (|| {
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(&bytes)?;
            file.sync_all()?;
            std::fs::rename(&tmp, &path)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        Ok(path)
    }
}

fn encode(key: &[u8; 32], dim: usize, vectors: &[Vec<f32>]) -> std::io::Result<Vec<u8>> {
    let too_big = || std::io::Error::new(std::io::ErrorKind::InvalidInput, "too many vectors");
    let dim32 = u32::try_from(dim).map_err(|_| too_big())?;
    let mut payload = Vec::with_capacity(vectors.len() * dim * 4);
    for x in vectors.iter().flatten() {
        payload.extend_from_slice(&x.to_le_bytes());
    }
    let mut bytes = Vec::with_capacity(HEADER_LEN + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&VERSION.to_le_bytes());
    bytes.extend_from_slice(&dim32.to_le_bytes());
    bytes.extend_from_slice(&(vectors.len() as u64).to_le_bytes());
    bytes.extend_from_slice(key);
    bytes.extend_from_slice(blake3::hash(&payload).as_bytes());
    bytes.extend_from_slice(&payload);
    Ok(bytes)
}

fn decode(
    bytes: &[u8],
    key: &[u8; 32],
    dim: usize,
    count: usize,
) -> Result<Vec<Vec<f32>>, &'static str> {
    if bytes.len() < HEADER_LEN {
        return Err("shorter than its header");
    }
    let (header, payload) = bytes.split_at(HEADER_LEN);
    if &header[0..4] != MAGIC {
        return Err("bad magic");
    }
    let u32_at = |at: usize| header[at..at + 4].try_into().map(u32::from_le_bytes);
    let version = u32_at(4).map_err(|_| "bad header")?;
    if version != VERSION {
        return Err("unknown format version");
    }
    let file_dim = u32_at(8).map_err(|_| "bad header")? as usize;
    let file_count = header[12..20]
        .try_into()
        .map(u64::from_le_bytes)
        .map_err(|_| "bad header")?;
    if file_dim != dim || file_count != count as u64 {
        return Err("dimension or count does not match the model and texts");
    }
    if &header[20..52] != key {
        return Err("written for another model or other texts");
    }
    if dim.checked_mul(count).and_then(|n| n.checked_mul(4)) != Some(payload.len()) {
        return Err("payload size does not match its header (truncated?)");
    }
    if header[52..84] != *blake3::hash(payload).as_bytes() {
        return Err("payload checksum mismatch");
    }
    let floats: Vec<f32> = payload
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    if floats.iter().any(|x| !x.is_finite()) {
        return Err("non-finite values");
    }
    if dim == 0 {
        return Ok(vec![Vec::new(); count]);
    }
    Ok(floats.chunks_exact(dim).map(<[f32]>::to_vec).collect())
}

/// `embedder.embed(texts)`, served from `cache_dir` when the same model already embedded the
/// same texts in the same order. Without a cache folder this is plain `embed`. Cache write
/// failures are logged, not returned: the vectors are still good.
pub fn embed_cached(
    embedder: &Embedder,
    texts: &[&str],
    cache_dir: Option<&Path>,
) -> Result<Vec<Vec<f32>>, ModelError> {
    let Some(dir) = cache_dir else {
        return embedder.embed(texts);
    };
    if texts.is_empty() {
        return Ok(Vec::new());
    }
    let cache = EmbeddingCache::new(dir);
    let key = EmbeddingCache::key(embedder.fingerprint(), texts);
    if let Some(vectors) = cache.load(&key, embedder.dim(), texts.len()) {
        tracing::debug!(count = texts.len(), path = %cache.path_for(&key).display(), "embedding cache hit");
        return Ok(vectors);
    }
    let started = std::time::Instant::now();
    let vectors = embedder.embed(texts)?;
    tracing::info!(
        count = texts.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "embedded texts (cache miss)"
    );
    if let Err(e) = cache.store(&key, embedder.dim(), &vectors) {
        tracing::warn!(dir = %dir.display(), error = %e, "cannot write embedding cache");
    }
    Ok(vectors)
}
