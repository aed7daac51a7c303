//! On-disk cache of sentence vectors, one row per text: adding, editing or removing an article
//! embeds only the texts that are new, whatever else changed in the folder.
//!
//! An embedded SQLite database (`vectors.sqlite3` in the cache folder, WAL mode, so several
//! processes can share it) with one table:
//!
//! ```text
//! vectors(key BLOB PRIMARY KEY,  -- blake3 of the model's fingerprint and the text
//!         dim INTEGER,           -- values per vector
//!         data BLOB,             -- dim f32, little-endian
//!         used INTEGER)          -- the day (since 1970) a build last used it
//! meta(name TEXT PRIMARY KEY, value INTEGER)  -- 'collected': the day of the last collection
//! ```
//!
//! A row that does not check out (wrong length, another dimension, non-finite values) is a
//! miss, and so is a store that cannot be opened or read: the texts are embedded again and the
//! vectors are still returned. A store SQLite reports as damaged is moved aside and rebuilt.
//! Rows no build has used for [`KEEP_DAYS`] days are deleted (as are files of the
//! one-file-per-corpus format this replaced).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};

use super::{Embedder, ModelError};

/// Rows unused for this many days are collected.
pub const KEEP_DAYS: i64 = 30;

/// New texts are embedded (and their progress logged) this many at a time.
const PROGRESS_EVERY: usize = 4096;

/// The database file inside the cache folder.
pub const STORE_FILE: &str = "vectors.sqlite3";

/// Why the store could not be used (the vectors are then computed without it).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The vector store in one cache folder.
pub struct EmbeddingCache {
    path: PathBuf,
    conn: Connection,
    today: i64,
}

impl EmbeddingCache {
    /// Opens (creating if needed) the store in `dir`. A file SQLite reports as damaged is
    /// moved aside (`vectors.sqlite3.damaged`) and a new store started.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = dir.join(STORE_FILE);
        match Self::open_file(&path) {
            Ok(cache) => Ok(cache),
            Err(StoreError::Sqlite { source, .. }) if is_damage(&source) => {
                tracing::warn!(path = %path.display(), error = %source, "embedding store is damaged; starting a new one");
                let aside = path.with_extension("sqlite3.damaged");
                for suffix in ["-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
                std::fs::rename(&path, &aside).map_err(|source| StoreError::Io {
                    path: path.clone(),
                    source,
                })?;
                Self::open_file(&path)
            }
            Err(e) => Err(e),
        }
    }

    fn open_file(path: &Path) -> Result<Self, StoreError> {
        let sqlite = |source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open(path).map_err(sqlite)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(sqlite)?;
        // A row (32-byte key, 1,536 bytes of vector) fits in an 8 KiB page but not in SQLite's
        // default 4 KiB one, where each read also follows an overflow page. Only a new file
        // takes the setting; it must come before the first table.
        conn.pragma_update(None, "page_size", 8192)
            .map_err(sqlite)?;
        // Reads through a memory map instead of a system call per page: a warm start reads
        // every stored vector.
        conn.pragma_update(None, "mmap_size", 1i64 << 30)
            .map_err(sqlite)?;
        // WAL: readers never wait for a writer, and another process may share the store.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(sqlite)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sqlite)?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS vectors (
                 key BLOB PRIMARY KEY,
                 dim INTEGER NOT NULL,
                 data BLOB NOT NULL,
                 used INTEGER NOT NULL
             ) WITHOUT ROWID;
             CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);",
        )
        .map_err(sqlite)?;
        Ok(Self {
            path: path.to_path_buf(),
            conn,
            today: today(),
        })
    }

    /// Uses `day` (days since 1970) as today: for tests of collection.
    pub fn with_today(mut self, day: i64) -> Self {
        self.today = day;
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The key of `text` embedded by the model with `model_fingerprint`.
    pub fn key(model_fingerprint: &str, text: &str) -> [u8; 32] {
        let mut hasher = blake3::Hasher::new();
        hasher.update(b"interview-bot sentence vector\0");
        hasher.update(&(model_fingerprint.len() as u64).to_le_bytes());
        hasher.update(model_fingerprint.as_bytes());
        hasher.update(text.as_bytes());
        *hasher.finalize().as_bytes()
    }

    /// The stored vectors of `keys` that check out (length `dim`, finite), marking them used
    /// today.
    pub fn get_many(
        &mut self,
        keys: &[[u8; 32]],
        dim: usize,
    ) -> Result<HashMap<[u8; 32], Vec<f32>>, StoreError> {
        let sqlite = |source| StoreError::Sqlite {
            path: self.path.clone(),
            source,
        };
        let today = self.today;
        let tx = self.conn.transaction().map_err(sqlite)?;
        let mut found = HashMap::with_capacity(keys.len());
        {
            let mut get = tx
                .prepare_cached("SELECT dim, data, used FROM vectors WHERE key = ?1")
                .map_err(sqlite)?;
            let mut touch = tx
                .prepare_cached("UPDATE vectors SET used = ?2 WHERE key = ?1")
                .map_err(sqlite)?;
            for key in keys {
                // Decoded straight from SQLite's copy of the row, not from one of our own: a
                // warm start reads a quarter of a million of them at 1,000 articles.
                let row = get
                    .query_row(params![&key[..]], |r| {
                        let data = r.get_ref(1)?.as_blob()?;
                        Ok((decode(r.get::<_, i64>(0)?, data, dim), r.get::<_, i64>(2)?))
                    })
                    .optional()
                    .map_err(sqlite)?;
                let Some((Some(vector), used)) = row else {
                    continue;
                };
                // Written at most once a day per row, so a warm start mostly only reads.
                if used < today {
                    touch.execute(params![&key[..], today]).map_err(sqlite)?;
                }
                found.insert(*key, vector);
            }
        }
        tx.commit().map_err(sqlite)?;
        Ok(found)
    }

    /// Stores `vectors` under their keys (replacing what was there), in one transaction.
    pub fn put_many(&mut self, rows: &[([u8; 32], &[f32])]) -> Result<(), StoreError> {
        let sqlite = |source| StoreError::Sqlite {
            path: self.path.clone(),
            source,
        };
        let today = self.today;
        let tx = self.conn.transaction().map_err(sqlite)?;
        {
            let mut put = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO vectors (key, dim, data, used) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(sqlite)?;
            for (key, vector) in rows {
                let data: Vec<u8> = vector.iter().flat_map(|x| x.to_le_bytes()).collect();
                put.execute(params![&key[..], vector.len() as i64, data, today])
                    .map_err(sqlite)?;
            }
        }
        tx.commit().map_err(sqlite)
    }

    /// Deletes the rows no build has used for [`KEEP_DAYS`] days, and files of the old
    /// one-file-per-corpus format; returns how many rows went. At most once a day: it reads
    /// the whole table.
    pub fn collect(&mut self) -> Result<usize, StoreError> {
        let sqlite = |source| StoreError::Sqlite {
            path: self.path.clone(),
            source,
        };
        let last: Option<i64> = self
            .conn
            .query_row("SELECT value FROM meta WHERE name = 'collected'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(sqlite)?;
        if last.is_some_and(|day| day >= self.today) {
            return Ok(0);
        }
        let deleted = self
            .conn
            .execute(
                "DELETE FROM vectors WHERE used < ?1",
                params![self.today - KEEP_DAYS],
            )
            .map_err(sqlite)?;
        self.conn
            .execute(
                "INSERT OR REPLACE INTO meta (name, value) VALUES ('collected', ?1)",
                params![self.today],
            )
            .map_err(sqlite)?;
        if let Some(dir) = self.path.parent() {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if name.starts_with("embeddings-") && name.ends_with(".bin") {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        Ok(deleted)
    }

    /// How many vectors the store holds.
    pub fn len(&self) -> Result<usize, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM vectors", [], |r| r.get::<_, i64>(0))
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(|source| StoreError::Sqlite {
                path: self.path.clone(),
                source,
            })
    }

    pub fn is_empty(&self) -> Result<bool, StoreError> {
        self.len().map(|n| n == 0)
    }
}

/// Whether SQLite says the file is not a usable database.
fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt)
    )
}

/// A stored row as a vector of `dim` values, or `None` when it does not check out.
fn decode(row_dim: i64, data: &[u8], dim: usize) -> Option<Vec<f32>> {
    if usize::try_from(row_dim).ok()? != dim || data.len() != dim * 4 {
        return None;
    }
    let v: Vec<f32> = data
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    v.iter().all(|x| x.is_finite()).then_some(v)
}

/// Days since 1970, today.
fn today() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| (d.as_secs() / 86_400) as i64)
}

/// `embedder.embed(texts)`, with every text the same model already embedded read from the store
/// in `cache_dir` instead: only new texts go through the model. Without a cache folder every
/// text does (each distinct text once). A store that can't be used is logged and bypassed, never an error: the
/// vectors are still good.
pub fn embed_cached(
    embedder: &Embedder,
    texts: &[&str],
    cache_dir: Option<&Path>,
) -> Result<Vec<Vec<f32>>, ModelError> {
    Ok(embed_cached_sets(embedder, &[texts], cache_dir)?
        .pop()
        .unwrap_or_default()
        .into_iter()
        .map(|v| v.to_vec())
        .collect())
}

/// A vector shared by every occurrence of its text.
pub type Shared = std::sync::Arc<[f32]>;

/// One list's keys, in order, and the vectors the store has for them.
type Looked = (Vec<[u8; 32]>, HashMap<[u8; 32], Vec<f32>>);

/// [`embed_cached`] for several lists of texts at once (the passages' sentences and the
/// quotes'): each list is read from the store on its own thread, and the texts none of them
/// has stored go through the model together, once each, on every core. Embedding the lists
/// apart had the two compete for the cores and embed a sentence that a quote shares with its
/// passage twice. A text that occurs many times (a sentence many articles repeat) shares one
/// vector: a generated folder of 10,000 articles holds 2.4 million occurrences of 470,000
/// texts.
pub fn embed_cached_sets(
    embedder: &Embedder,
    sets: &[&[&str]],
    cache_dir: Option<&Path>,
) -> Result<Vec<Vec<Shared>>, ModelError> {
    use rayon::prelude::*;
    if sets.iter().all(|texts| texts.is_empty()) {
        return Ok(sets.iter().map(|_| Vec::new()).collect());
    }
    // Each list's keys, and the vectors the store has for them.
    let looked_up: Vec<Looked> = sets
        .par_iter()
        .map(|texts| {
            let keys: Vec<[u8; 32]> = texts
                .iter()
                .map(|t| EmbeddingCache::key(embedder.fingerprint(), t))
                .collect();
            let mut unique = keys.clone();
            unique.sort_unstable();
            unique.dedup();
            let known = match cache_dir.map(EmbeddingCache::open) {
                None => HashMap::new(),
                Some(Ok(mut cache)) => {
                    cache.get_many(&unique, embedder.dim()).unwrap_or_else(|e| {
                        tracing::warn!(error = %e, "cannot read the embedding store; embedding every text");
                        HashMap::new()
                    })
                }
                Some(Err(e)) => {
                    tracing::warn!(error = %e, "cannot open the embedding store; embedding without it");
                    HashMap::new()
                }
            };
            (keys, known)
        })
        .collect();
    // Each new text once, even when it occurs several times or in several lists.
    let mut new: Vec<(&str, [u8; 32])> = Vec::new();
    let mut queued = std::collections::HashSet::new();
    let mut reused = 0usize;
    for (texts, (keys, known)) in sets.iter().zip(&looked_up) {
        for (text, key) in texts.iter().zip(keys) {
            if known.contains_key(key) {
                reused += 1;
            } else if queued.insert(*key) {
                new.push((text, *key));
            }
        }
    }
    let mut fresh: HashMap<[u8; 32], Vec<f32>> = HashMap::with_capacity(new.len());
    let mut cache = match cache_dir.map(EmbeddingCache::open) {
        None => None,
        Some(Ok(cache)) => Some(cache),
        Some(Err(e)) => {
            tracing::warn!(error = %e, "cannot open the embedding store; not storing new vectors");
            None
        }
    };
    if !new.is_empty() {
        let started = std::time::Instant::now();
        let batch: Vec<&str> = new.iter().map(|&(t, _)| t).collect();
        let mut vectors = Vec::with_capacity(batch.len());
        // In slices, so a long first embedding shows in the log how far it has got.
        for slice in batch.chunks(PROGRESS_EVERY) {
            vectors.extend(embedder.embed(slice)?);
            if batch.len() > PROGRESS_EVERY {
                tracing::info!("embedding new sentences: {}/{}", vectors.len(), batch.len());
            }
        }
        tracing::info!(
            new = batch.len(),
            reused,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "embedded new texts"
        );
        let rows: Vec<([u8; 32], &[f32])> = new
            .iter()
            .zip(&vectors)
            .map(|(&(_, key), v)| (key, v.as_slice()))
            .collect();
        if let Some(Err(e)) = cache.as_mut().map(|c| c.put_many(&rows)) {
            tracing::warn!(error = %e, "cannot write the embedding store");
        }
        fresh.extend(new.iter().map(|&(_, k)| k).zip(vectors));
    } else {
        tracing::debug!(count = reused, "every vector read from the embedding store");
    }
    match cache.as_mut().map(EmbeddingCache::collect) {
        None | Some(Ok(0)) => {}
        Some(Ok(n)) => tracing::info!(
            rows = n,
            "collected unused vectors from the embedding store"
        ),
        Some(Err(e)) => tracing::warn!(error = %e, "cannot collect the embedding store"),
    }
    // One shared vector per text, whichever list or lists it came from.
    let mut table: HashMap<[u8; 32], Shared> = fresh
        .into_iter()
        .map(|(k, v)| (k, Shared::from(v)))
        .collect();
    let mut out = Vec::with_capacity(looked_up.len());
    for (keys, known) in looked_up {
        for (k, v) in known {
            table.entry(k).or_insert_with(|| Shared::from(v));
        }
        let empty: Shared = Shared::from(Vec::new());
        out.push(
            keys.iter()
                .map(|k| table.get(k).cloned().unwrap_or_else(|| empty.clone()))
                .collect(),
        );
    }
    Ok(out)
}
