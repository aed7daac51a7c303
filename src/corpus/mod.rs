//! Reading the corpus folder: cleaning web boilerplate out of each article, splitting it into
//! passages a person would want as an answer, and extracting attributed quotes.
//!
//! Nothing in here knows about tantivy or Discord.

mod clean;
mod quotes;
mod split;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::{ArticleMeta, Config, Speakers};

pub use clean::clean_article;
pub use quotes::extract_quotes;
pub use split::{split_passages, MAX_PASSAGE_CHARS};

/// Where a passage or quote comes from, as shown to a person and in the `--json` contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// File name inside the corpus folder, e.g. `000_d93815e5fb1ac8b5.txt`.
    pub file: String,
    pub title: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

/// One article file after cleaning.
#[derive(Debug, Clone)]
pub struct Article {
    pub source: Source,
    /// The canonical name of the person interviewed, when known (config or detected).
    pub interviewee: Option<String>,
    /// Cleaned paragraphs of the article body (title and boilerplate removed), in order.
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PassageKind {
    /// An interviewer's question and the interviewee's answer.
    Exchange,
    /// Ordinary article text: one paragraph or a few short ones joined.
    Prose,
}

/// A unit of answer: what `ask` returns.
#[derive(Debug, Clone)]
pub struct Passage {
    /// Index into `Corpus::articles`.
    pub article: usize,
    pub kind: PassageKind,
    /// The interviewer's question, for an exchange.
    pub question: Option<String>,
    /// The answer (exchange) or the paragraph text (prose).
    pub answer: String,
    /// Canonical name of who speaks in `answer` (exchange), or `None` for prose.
    pub speaker: Option<String>,
}

impl Passage {
    /// The whole passage as shown to a person: question, blank line, answer.
    pub fn text(&self) -> String {
        match &self.question {
            Some(q) => format!("{q}\n\n{}", self.answer),
            None => self.answer.clone(),
        }
    }
}

/// A verbatim quote with who said it.
#[derive(Debug, Clone)]
pub struct Quote {
    /// Index into `Corpus::articles`.
    pub article: usize,
    /// Index into `Corpus::passages` of the passage the quote was found in.
    pub passage: usize,
    /// The quoted words, without the surrounding quote marks.
    pub text: String,
    /// Canonical speaker name, `None` when the text does not say who said it.
    pub speaker: Option<String>,
}

/// A file that was skipped, and why. The rest of the corpus is still served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusWarning {
    pub file: PathBuf,
    pub message: String,
}

impl std::fmt::Display for CorpusWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.message)
    }
}

/// The corpus could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error(
        "the corpus folder {0} does not exist (set `seeds_dir` in config/ or pass --seeds DIR)"
    )]
    MissingFolder(PathBuf),
    #[error("cannot read the corpus folder {path}: {source}")]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the corpus folder {0} has no usable *.txt articles{1}")]
    Empty(PathBuf, String),
}

#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub passages: Vec<Passage>,
    pub quotes: Vec<Quote>,
    pub warnings: Vec<CorpusWarning>,
}

impl Corpus {
    pub fn source_of(&self, passage: &Passage) -> &Source {
        &self.articles[passage.article].source
    }
}

/// Reads every `*.txt` file in `dir` (sorted by name) into a corpus.
///
/// Bad files (not UTF-8, empty, nothing left after cleaning, unreadable) become warnings naming the
/// file; a missing folder or one with no usable article is an error.
pub fn load_corpus(dir: &Path, config: &Config) -> Result<Corpus, CorpusError> {
    todo_corpus(dir, config)
}

/// Builds one article (cleaning, passages, quotes) from its file name and raw text and appends it
/// to `corpus`. Returns a message when the text has nothing left after cleaning.
pub fn add_article(
    corpus: &mut Corpus,
    file: &str,
    raw: &str,
    meta: Option<&ArticleMeta>,
    speakers: &Speakers,
) -> Result<(), String> {
    let _ = (corpus, file, raw, meta, speakers);
    Err("not implemented".into())
}

fn todo_corpus(dir: &Path, _config: &Config) -> Result<Corpus, CorpusError> {
    Err(CorpusError::MissingFolder(dir.to_path_buf()))
}
