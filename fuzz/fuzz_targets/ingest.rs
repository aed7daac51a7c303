//! Arbitrary bytes as an article file, through the same ingestion `load_corpus` runs on every
//! file (`ingest_bytes`: UTF-8 checks, cleaning, passage splitting, quote extraction), then the
//! corpus invariants the engine relies on.
//!
//! Run it as described in docs/testing.md ("Fuzzing article ingestion").

#![no_main]

// The bot's own source files, not copies: the fuzz build compiles them into this crate so it
// needs none of the search, model or Discord dependencies.
#[allow(dead_code, unused_imports)]
#[path = "../../src/config.rs"]
mod config;
#[allow(dead_code, unused_imports)]
#[path = "../../src/corpus/mod.rs"]
mod corpus;

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use once_cell::sync::Lazy;

use config::{Config, Speakers};
use corpus::{ingest_bytes, Corpus, MAX_PASSAGE_CHARS};

struct Setup {
    speakers: Speakers,
    /// A corpus that already holds one article, so that the new article's passage and quote
    /// indices have to be offset correctly.
    base: Corpus,
}

static SETUP: Lazy<Setup> = Lazy::new(|| {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config");
    let config = Config::load(Some(&dir)).unwrap_or_default();
    let speakers = config.speakers();
    let mut base = Corpus::default();
    let first = "A First Article\n\n\
        Q: What was the hardest part of the season?\n\n\
        ROSENBERG: Finding the ending, which took us a long time to get right.\n\n\
        “It was the most personal story we have told,” Rosenberg said of the finale.\n";
    if let Err(e) = ingest_bytes(&mut base, "first.txt", first.as_bytes(), None, &speakers) {
        panic!("the base article must load: {e}");
    }
    Setup { speakers, base }
});

fuzz_target!(|data: &[u8]| {
    let setup = &*SETUP;
    let mut c = setup.base.clone();
    let before = (c.articles.len(), c.passages.len(), c.quotes.len());
    match ingest_bytes(&mut c, "fuzz.txt", data, None, &setup.speakers) {
        Err(message) => {
            assert!(!message.is_empty());
            assert_eq!(
                before,
                (c.articles.len(), c.passages.len(), c.quotes.len()),
                "a rejected article left something behind"
            );
        }
        Ok(()) => {
            assert_eq!(c.articles.len(), before.0 + 1);
            assert!(c.passages.len() > before.1, "an article without passages");
            for p in &c.passages[before.1..] {
                assert_eq!(p.article, before.0);
                let len = p.text().len();
                assert!(len <= MAX_PASSAGE_CHARS, "a passage of {len} bytes");
                assert!(!p.answer.trim().is_empty(), "an empty passage");
            }
            for q in &c.quotes[before.2..] {
                assert!(q.passage >= before.1 && q.passage < c.passages.len());
                assert_eq!(q.article, before.0);
                assert_eq!(c.passages[q.passage].article, q.article);
                assert!(!q.text.is_empty());
                assert!(q.text.len() <= MAX_PASSAGE_CHARS);
                assert!(
                    c.passages[q.passage].answer.contains(&q.text),
                    "a quote that is not verbatim from its passage"
                );
            }
        }
    }
});
