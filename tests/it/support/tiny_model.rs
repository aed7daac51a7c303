//! A tiny BERT written on the fly (random weights, a 60-word vocabulary): a real `Embedder`
//! for tests of everything around the model, in milliseconds and without the real weights.

use std::path::{Path, PathBuf};

use candle_core::{DType, Device};
use candle_nn::{VarBuilder, VarMap};
use candle_transformers::models::bert::{BertModel, Config as BertConfig};
use interview_bot::embed::Embedder;
use tokenizers::models::wordpiece::WordPiece;
use tokenizers::normalizers::BertNormalizer;
use tokenizers::pre_tokenizers::bert::BertPreTokenizer;
use tokenizers::processors::bert::BertProcessing;
use tokenizers::Tokenizer;

pub const TINY_HIDDEN: usize = 32;

/// Words that are each one token in the tiny vocabulary.
pub const WORDS: &[&str] = &[
    "the",
    "show",
    "season",
    "interview",
    "writer",
    "actor",
    "award",
    "episode",
    "character",
    "story",
    "jessica",
    "trish",
    "alisa",
    "wheel",
    "mother",
    "director",
    "women",
    "series",
    "peabody",
    "hugo",
    "router",
    "password",
    "why",
    "what",
    "how",
    "did",
    "is",
    "at",
    "its",
    "best",
    "when",
    "from",
    "a",
    "place",
    "of",
    "it",
];

pub fn tiny_config(hidden: usize, vocab_size: usize) -> serde_json::Value {
    serde_json::json!({
        "architectures": ["BertModel"],
        "attention_probs_dropout_prob": 0.1,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "_name_or_path": "tiny-bert",
        "hidden_size": hidden,
        "initializer_range": 0.02,
        "intermediate_size": hidden * 2,
        "layer_norm_eps": 1e-12,
        "max_position_embeddings": 512,
        "model_type": "bert",
        "num_attention_heads": 4,
        "num_hidden_layers": 2,
        "pad_token_id": 0,
        "position_embedding_type": "absolute",
        "type_vocab_size": 2,
        "vocab_size": vocab_size
    })
}

/// Writes a randomly initialised BERT in the sentence-transformers folder layout.
pub fn write_tiny_model(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let mut vocab: Vec<String> = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    vocab.extend(WORDS.iter().map(|s| s.to_string()));
    for c in 'a'..='z' {
        vocab.push(c.to_string());
        vocab.push(format!("##{c}"));
    }
    vocab.extend(["!", ",", ".", "?", "'", "-"].iter().map(|s| s.to_string()));
    // Duplicates would leave holes in the ids ("a" is both a word and a letter).
    let mut seen = std::collections::HashSet::new();
    vocab.retain(|t| seen.insert(t.clone()));
    let vocab_path = dir.join("vocab.txt");
    std::fs::write(&vocab_path, vocab.join("\n") + "\n").unwrap();

    let wordpiece = WordPiece::from_file(vocab_path.to_str().unwrap())
        .unk_token("[UNK]".into())
        .build()
        .unwrap();
    let mut tokenizer = Tokenizer::new(wordpiece);
    tokenizer
        .with_normalizer(Some(BertNormalizer::default()))
        .with_pre_tokenizer(Some(BertPreTokenizer))
        .with_post_processor(Some(BertProcessing::new(
            ("[SEP]".into(), 3),
            ("[CLS]".into(), 2),
        )));
    tokenizer.save(dir.join("tokenizer.json"), false).unwrap();

    let config_json = tiny_config(TINY_HIDDEN, vocab.len());
    std::fs::write(dir.join("config.json"), config_json.to_string()).unwrap();
    let config: BertConfig = serde_json::from_value(config_json).unwrap();
    let varmap = VarMap::new();
    let vb = VarBuilder::from_varmap(&varmap, DType::F32, &Device::Cpu);
    BertModel::load(vb, &config).unwrap();
    varmap.save(dir.join("model.safetensors")).unwrap();
}

pub fn tiny_model() -> (tempfile::TempDir, PathBuf, Embedder) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tiny-bert");
    write_tiny_model(&dir);
    let embedder = Embedder::load(&dir).unwrap();
    (tmp, dir, embedder)
}
