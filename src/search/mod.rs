//! The tantivy index over passages and quotes, query building, ranking, follow-up context and the
//! no-answer decision.

use std::ops::Range;

use serde::Serialize;

use crate::config::Config;
use crate::corpus::{Corpus, PassageKind, Source};
use crate::embed::Embedder;

/// A question, with the conversation it belongs to.
#[derive(Debug, Clone, Default)]
pub struct AskQuery<'a> {
    pub question: &'a str,
    /// Earlier questions of the conversation, oldest first.
    pub history: &'a [String],
    /// How many results at most (best first). 0 means the configured default.
    pub limit: usize,
}

#[derive(Debug, Clone, Default)]
pub struct QuoteQuery<'a> {
    pub topic: &'a str,
    /// Only quotes by this person (any alias).
    pub speaker: Option<&'a str>,
    pub limit: usize,
}

/// One result: a passage (for `ask`) or a quote (for `quote`), ready to show.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The whole thing as shown to a person: for an exchange the question, a blank line, the
    /// answer; for a quote the quoted words.
    pub text: String,
    /// The interviewer's question, for an exchange.
    pub question: Option<String>,
    /// The answer, the prose paragraph, or the quote.
    pub answer: String,
    pub speaker: Option<String>,
    pub kind: PassageKind,
    pub source: Source,
    pub score: f32,
    /// Byte range in `answer` of the sentence that best matches the query.
    #[serde(skip)]
    pub best_sentence: Option<Range<usize>>,
    /// Byte ranges in `answer` of words that matched the query.
    #[serde(skip)]
    pub matched: Vec<Range<usize>>,
    /// Index of the passage in the corpus (for a quote: the passage it was found in).
    #[serde(skip)]
    pub passage: usize,
}

/// What `ask` and `quote` return. Never an error: odd input is an honest "no answer".
#[derive(Debug, Clone, Default, Serialize)]
pub struct Answer {
    pub answered: bool,
    pub results: Vec<Hit>,
    /// When not answered: the closest interview questions, to try instead.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
    /// A note for the person asking ("your question was empty", "only the first 1,000
    /// characters were used").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

/// One line of `sources`.
#[derive(Debug, Clone, Serialize)]
pub struct SourceSummary {
    pub source: Source,
    pub interviewee: Option<String>,
    pub passages: usize,
    pub quotes: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("building the search index failed: {0}")]
    Index(String),
    #[error("embedding the passages failed: {0}")]
    Embedding(String),
}

/// The answer engine: corpus, index and (optionally) a sentence-embedding model.
pub struct Engine {
    corpus: Corpus,
    config: Config,
    embedder: Option<Embedder>,
}

impl Engine {
    pub fn build(
        corpus: Corpus,
        config: Config,
        embedder: Option<Embedder>,
    ) -> Result<Self, EngineError> {
        Ok(Self {
            corpus,
            config,
            embedder,
        })
    }

    pub fn ask(&self, query: &AskQuery<'_>) -> Answer {
        let _ = query;
        Answer::default()
    }

    pub fn quote(&self, query: &QuoteQuery<'_>) -> Answer {
        let _ = query;
        Answer::default()
    }

    /// Interview questions from the articles that match what was typed so far (autocomplete).
    /// Each at most `max_chars` characters (cut on a char boundary with an ellipsis).
    pub fn suggest_questions(&self, typed: &str, limit: usize, max_chars: usize) -> Vec<String> {
        let _ = (typed, limit, max_chars);
        Vec::new()
    }

    /// Known speakers whose name or alias starts with / contains what was typed.
    pub fn suggest_speakers(&self, typed: &str, limit: usize) -> Vec<String> {
        let _ = (typed, limit);
        Vec::new()
    }

    pub fn sources(&self) -> Vec<SourceSummary> {
        Vec::new()
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The sentence-embedding model in use, if any.
    pub fn model_name(&self) -> Option<&str> {
        self.embedder.as_ref().map(|e| e.name())
    }
}
