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
        // No memory map: a warm start reads every stored vector, and mapped pages count
        // towards the process's memory (0.9 GB of a 1.96 GB peak at 10,000 generated
        // articles), where pages read by system calls stay in the kernel's cache. Timed back
        // to back at 1,000 articles plus one, the map was no faster (3.0–3.5 s either way).
        conn.pragma_update(None, "mmap_size", 0i64)
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
        let mut found = HashMap::with_capacity(keys.len());
        self.get_each(keys, dim, |i, v| {
            found.insert(keys[i], v.to_vec());
        })?;
        Ok(found)
    }

    /// [`EmbeddingCache::get_many`] without keeping the vectors: `found(i, vector)` sees the
    /// stored vector of `keys[i]`, for each that checks out, and keeps what it needs (a warm
    /// start at 10,000 articles reads half a million of them, which as `f32` take 0.7 GB).
    pub fn get_each(
        &mut self,
        keys: &[[u8; 32]],
        dim: usize,
        mut found: impl FnMut(usize, &[f32]),
    ) -> Result<(), StoreError> {
        let sqlite = |source| StoreError::Sqlite {
            path: self.path.clone(),
            source,
        };
        let today = self.today;
        let tx = self.conn.transaction().map_err(sqlite)?;
        {
            let mut get = tx
                .prepare_cached("SELECT dim, data, used FROM vectors WHERE key = ?1")
                .map_err(sqlite)?;
            let mut touch = tx
                .prepare_cached("UPDATE vectors SET used = ?2 WHERE key = ?1")
                .map_err(sqlite)?;
            let mut vector = Vec::with_capacity(dim);
            for (i, key) in keys.iter().enumerate() {
                // Decoded straight from SQLite's copy of the row into one buffer.
                let used = get
                    .query_row(params![&key[..]], |r| {
                        let data = r.get_ref(1)?.as_blob()?;
                        let good = decode(r.get::<_, i64>(0)?, data, dim, &mut vector);
                        Ok(good.then_some(r.get::<_, i64>(2)?))
                    })
                    .optional()
                    .map_err(sqlite)?;
                let Some(Some(used)) = used else {
                    continue;
                };
                // Written at most once a day per row, so a warm start mostly only reads.
                if used < today {
                    touch.execute(params![&key[..], today]).map_err(sqlite)?;
                }
                found(i, &vector);
            }
        }
        tx.commit().map_err(sqlite)
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

/// Decodes a stored row into `into` (`dim` values); false when it does not check out.
fn decode(row_dim: i64, data: &[u8], dim: usize, into: &mut Vec<f32>) -> bool {
    if usize::try_from(row_dim).ok() != Some(dim) || data.len() != dim * 4 {
        return false;
    }
    into.clear();
    into.extend(
        data.chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])),
    );
    into.iter().all(|x| x.is_finite())
}

/// Days since 1970, today.
fn today() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| (d.as_secs() / 86_400) as i64)
}

/// `embedder.embed(texts)`, with every text the same model already embedded read from the store
/// in `cache_dir` instead: only new texts go through the model. Without a cache folder every
/// text does (each distinct text once). A store that can't be used is logged and bypassed,
/// never an error: the vectors are still good.
pub fn embed_cached(
    embedder: &Embedder,
    texts: &[&str],
    cache_dir: Option<&Path>,
) -> Result<Vec<Vec<f32>>, ModelError> {
    #[derive(Default)]
    struct Kept {
        ids: Vec<u32>,
        table: Vec<Vec<f32>>,
    }
    impl VectorSink for Kept {
        fn ids(&mut self, distinct: usize, mut ids: Vec<Vec<u32>>) {
            self.ids = ids.pop().unwrap_or_default();
            self.table = vec![Vec::new(); distinct];
        }
        fn vector(&mut self, id: u32, v: &[f32]) {
            if let Some(slot) = self.table.get_mut(id as usize) {
                *slot = v.to_vec();
            }
        }
    }
    let mut kept = Kept::default();
    embed_cached_into(embedder, &[texts], cache_dir, &mut kept)?;
    Ok(kept
        .ids
        .iter()
        .map(|&id| kept.table.get(id as usize).cloned().unwrap_or_default())
        .collect())
}

/// Where [`embed_cached_into`] puts what it finds, so that the caller keeps what it needs (8-bit
/// codes) and the `f32` vectors of a large folder are never all held at once.
pub trait VectorSink {
    /// First, per list, each text's id: a text that occurs many times, in one list or
    /// several, has one id, and the ids are `0..distinct`.
    fn ids(&mut self, distinct: usize, ids: Vec<Vec<u32>>);
    /// Then each id's vector, once, in no particular order (an empty one when the model gave
    /// none).
    fn vector(&mut self, id: u32, v: &[f32]);
}

/// [`embed_cached`] for several lists of texts at once (the passages' sentences and the
/// quotes'), handing each distinct text's vector to `sink` as it comes out of the store or the
/// model.
///
/// The texts no list has stored go through the model together, once each, on every core, and
/// are stored a slice at a time (a long first embedding that is stopped keeps what it did).
/// One id per distinct text, because texts repeat: a quote is a sentence of its passage, and a
/// generated folder of 10,000 articles holds 2.4 million occurrences of 470,000 texts.
pub fn embed_cached_into(
    embedder: &Embedder,
    sets: &[&[&str]],
    cache_dir: Option<&Path>,
    sink: &mut dyn VectorSink,
) -> Result<(), ModelError> {
    use rayon::prelude::*;
    let fingerprint = embedder.fingerprint();
    let keys: Vec<Vec<[u8; 32]>> = sets
        .par_iter()
        .map(|texts| {
            texts
                .par_iter()
                .map(|t| EmbeddingCache::key(fingerprint, t))
                .collect()
        })
        .collect();
    let mut text_of: HashMap<[u8; 32], &str> = HashMap::new();
    for (texts, keys) in sets.iter().zip(&keys) {
        for (text, key) in texts.iter().zip(keys) {
            text_of.entry(*key).or_insert(text);
        }
    }
    // Ids in key order: the store's B-tree is then read page after page.
    let mut unique: Vec<[u8; 32]> = text_of.keys().copied().collect();
    unique.sort_unstable();
    let id_of: HashMap<[u8; 32], u32> = unique
        .iter()
        .enumerate()
        .map(|(i, k)| (*k, i as u32))
        .collect();
    sink.ids(
        unique.len(),
        keys.iter()
            .map(|keys| keys.iter().map(|k| id_of[k]).collect())
            .collect(),
    );
    drop(id_of);
    if unique.is_empty() {
        return Ok(());
    }

    let mut cache = match cache_dir.map(EmbeddingCache::open) {
        None => None,
        Some(Ok(cache)) => Some(cache),
        Some(Err(e)) => {
            tracing::warn!(error = %e, "cannot open the embedding store; embedding without it");
            None
        }
    };
    let mut done = vec![false; unique.len()];
    if let Some(cache) = cache.as_mut() {
        let read = cache.get_each(&unique, embedder.dim(), |i, v| {
            sink.vector(i as u32, v);
            done[i] = true;
        });
        // A read that fails part way keeps what it read; the rest is embedded.
        if let Err(e) = read {
            tracing::warn!(error = %e, "cannot read the embedding store; embedding the texts it did not give");
        }
    }
    let new: Vec<usize> = (0..unique.len()).filter(|&i| !done[i]).collect();
    let reused = unique.len() - new.len();
    if !new.is_empty() {
        let started = std::time::Instant::now();
        let mut embedded = 0usize;
        let mut store_failed = false;
        // In slices, so a long first embedding shows in the log how far it has got.
        for slice in new.chunks(PROGRESS_EVERY) {
            let texts: Vec<&str> = slice
                .iter()
                .map(|&i| text_of.get(&unique[i]).copied().unwrap_or_default())
                .collect();
            let vectors = embedder.embed(&texts)?;
            let rows: Vec<([u8; 32], &[f32])> = slice
                .iter()
                .zip(&vectors)
                .map(|(&i, v)| (unique[i], v.as_slice()))
                .collect();
            if let Some(Err(e)) = cache.as_mut().map(|c| c.put_many(&rows)) {
                if !std::mem::replace(&mut store_failed, true) {
                    tracing::warn!(error = %e, "cannot write the embedding store");
                }
            }
            for (&i, v) in slice.iter().zip(&vectors) {
                sink.vector(i as u32, v);
                done[i] = true;
            }
            embedded += slice.len();
            if new.len() > PROGRESS_EVERY {
                tracing::info!("embedding new sentences: {embedded}/{}", new.len());
            }
        }
        tracing::info!(
            new = new.len(),
            reused,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "embedded new texts"
        );
    } else {
        tracing::debug!(count = reused, "every vector read from the embedding store");
    }
    // A model that gave fewer vectors than texts leaves a text without one.
    for (i, _) in done.iter().enumerate().filter(|(_, &d)| !d) {
        sink.vector(i as u32, &[]);
    }
    match cache.as_mut().map(EmbeddingCache::collect) {
        None | Some(Ok(0)) => {}
        Some(Ok(n)) => tracing::info!(
            rows = n,
            "collected unused vectors from the embedding store"
        ),
        Some(Err(e)) => tracing::warn!(error = %e, "cannot collect the embedding store"),
    }
    Ok(())
}
