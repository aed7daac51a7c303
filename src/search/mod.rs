//! The tantivy index over passages and quotes, query building, ranking, follow-up context and the
//! no-answer decision.

mod analysis;
mod casual;
mod dense;
mod highlight;
mod index;
mod intent;
mod suggest;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Serialize;

use crate::config::{Config, SearchConfig, Speakers};
use crate::corpus::{Corpus, Passage, PassageKind, Source};
use crate::embed::Embedder;

pub use analysis::{Analysed, Origin, QueryTerm, MAX_QUERY_CHARS};
pub use highlight::sentences;

use analysis::Vocabulary;
use dense::UnitVectors;
use index::{DocIndex, IndexDoc, PASSAGE_WEIGHTS, QUOTE_WEIGHTS};

/// The parts of the ranking that can be switched off one at a time, to measure what each adds
/// (`interview-bot eval --ablate`). All on in normal use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Levers {
    /// Chat forms written out ("u", "eps", "s2") and chat filler dropped.
    pub chat: bool,
    /// Initials and shortened first names completed from the articles' own names.
    pub names: bool,
    /// Synonym groups from config.
    pub synonyms: bool,
    /// Earlier questions of the conversation.
    pub history: bool,
    /// Question words found together in two neighbouring sentences count more.
    pub proximity: bool,
    /// The sentence-embedding model's similarity (when a model is loaded).
    pub model: bool,
    /// Declining when the best passage lacks what the question asks for (a number for "how
    /// many", a time for "when").
    pub answer_type: bool,
}

impl Default for Levers {
    fn default() -> Self {
        Self {
            chat: true,
            names: true,
            synonyms: true,
            history: true,
            proximity: true,
            model: true,
            answer_type: true,
        }
    }
}

impl Levers {
    /// `all` with each lever switched off in turn, named.
    pub fn each_off(all: Levers) -> Vec<(&'static str, Levers)> {
        let mut out = Vec::new();
        let mut off = |name: &'static str, f: fn(&mut Levers)| {
            let mut l = all;
            f(&mut l);
            if l != all {
                out.push((name, l));
            }
        };
        off("chat forms", |l| l.chat = false);
        off("names from articles", |l| l.names = false);
        off("synonyms", |l| l.synonyms = false);
        off("history", |l| l.history = false);
        off("proximity", |l| l.proximity = false);
        off("model", |l| l.model = false);
        off("answer type", |l| l.answer_type = false);
        out
    }
}

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
    /// The heading of the article's section the passage is in, where it has them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
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
    /// Why there is no answer, when there is none. The engine writes no wording: each front
    /// end says it in its own way (`crate::wording` for the terminal and Discord).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_answer: Option<NoAnswer>,
    /// Only the first [`MAX_QUERY_CHARS`] characters of the question were read.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

/// Why `ask` or `quote` gave no answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum NoAnswer {
    /// The question (or quote topic) was empty.
    Empty,
    /// Nothing in it can be searched for (only stop words, symbols, emoji).
    NoSearchableWords,
    /// The closest passage is not close enough, or does not hold what the question asks for.
    NotCovered,
    /// `quote --speaker NAME` named nobody the articles quote.
    UnknownSpeaker { typed: String, quoted: Vec<String> },
    /// No quote about the topic (by that speaker, when one was given).
    NoQuote { speaker: Option<String> },
}

impl Answer {
    fn none(reason: NoAnswer) -> Self {
        Self {
            no_answer: Some(reason),
            ..Self::default()
        }
    }
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
    Index(#[from] tantivy::TantivyError),
    #[error("embedding the passages failed: {0}")]
    Embedding(#[from] crate::embed::ModelError),
    #[error("saved index: {0}")]
    Saved(String),
}

/// Bumped whenever what is saved changes meaning.
const SAVED_FORMAT: u32 = 4;
/// The corpus, the term counts and the autocomplete lists of a saved index (bincode: reading
/// JSON back took a third of a second at 10,000 articles).
pub const STATE_FILE: &str = "state.bin";

#[derive(Serialize)]
struct SavedState<'a> {
    format: u32,
    corpus: &'a Corpus,
    counts: &'a analysis::Counts,
    questions: &'a suggest::QuestionList,
}

#[derive(serde::Deserialize)]
struct LoadedState {
    format: u32,
    corpus: Corpus,
    counts: analysis::Counts,
    questions: suggest::QuestionList,
}

/// Term statistics over every passage (its question, answer, speaker and article title), from
/// the passage index.
fn vocabulary_counts(passages: &DocIndex, n: usize) -> Result<analysis::Counts, EngineError> {
    let f = passages.fields;
    let doc_freq = passages.doc_freqs(&[f.question, f.answer, f.speaker, f.title])?;
    Ok(analysis::Counts::from_doc_freq(
        doc_freq,
        u32::try_from(n).unwrap_or(u32::MAX),
    ))
}

/// Everything built from a corpus: its two indexes (in RAM or under `dir`), the term counts
/// read from them, and the autocomplete lists.
fn index_corpus(
    corpus: &Corpus,
    dir: Option<&std::path::Path>,
) -> Result<
    (
        (DocIndex, DocIndex),
        analysis::Counts,
        suggest::QuestionList,
    ),
    EngineError,
> {
    let started = std::time::Instant::now();
    let (passages, quotes) = build_indexes(corpus, dir)?;
    stage("tantivy indexes", started);
    let counts = vocabulary_counts(&passages, corpus.passages.len())?;
    stage("vocabulary counts", started);
    let questions = suggest::QuestionList::new(corpus);
    stage("autocomplete list", started);
    Ok(((passages, quotes), counts, questions))
}

/// The passage and quote indexes, in RAM or under `dir` (`passages/` and `quotes/`).
fn build_indexes(
    corpus: &Corpus,
    dir: Option<&std::path::Path>,
) -> Result<(DocIndex, DocIndex), EngineError> {
    // Each index is one segment written on one thread; the two are written side by side.
    let (passages, quotes) = rayon::join(
        || {
            DocIndex::build(
                corpus.passages.iter().enumerate().map(|(i, p)| IndexDoc {
                    id: i as u64,
                    question: p.question.as_deref().unwrap_or(""),
                    answer: &p.answer,
                    speaker: p.speaker.as_deref().unwrap_or(""),
                    title: &corpus.source_of(p).title,
                    context: p.section.as_deref().unwrap_or(""),
                }),
                dir.map(|d| d.join("passages")).as_deref(),
            )
        },
        || {
            DocIndex::build(
                corpus.quotes.iter().enumerate().map(|(i, q)| {
                    let passage = &corpus.passages[q.passage];
                    IndexDoc {
                        id: i as u64,
                        question: "",
                        answer: &q.text,
                        speaker: q.speaker.as_deref().unwrap_or(""),
                        title: &corpus.articles[q.article].source.title,
                        context: passage.question.as_deref().unwrap_or(&passage.answer),
                    }
                }),
                dir.map(|d| d.join("quotes")).as_deref(),
            )
        },
    );
    let (passages, quotes) = (passages?, quotes?);
    Ok((passages, quotes))
}

/// A name in fewer than this share of passages is specific enough that a passage answering a
/// question about it names it too.
const NAMED_SHARE: f32 = 0.25;

/// The lexical weight for questions of one or two content words (see `lexical_weight`).
const SHORT_LEXICAL_WEIGHT: f32 = 0.7;

/// How much a passage's fit to what the question asks for moves its score (see `Engine::fit`).
const FIT_STEP: f32 = 0.25;

/// The share of the coverage signal given to coverage within two neighbouring sentences.
const WINDOW_SHARE: f32 = 0.8;

/// How many leading candidates have their sentence-window coverage measured.
const WINDOW_DEPTH: usize = 12;

/// A word in at least this share of the passages is common to the folder (see `embed_query`).
const COMMON_SHARE: f32 = 0.4;

/// Weight of the question's vector without its common words, beside the whole question's.
const SPECIFIC_WEIGHT: f32 = 0.5;

/// How much a quote's passage's similarity to the topic counts as the quote's own.
const QUOTE_CONTEXT: f32 = 0.9;

/// How many lexical candidates are re-ranked.
const CANDIDATES: usize = 40;

/// Sentence vectors of everything searchable, when a model is loaded.
struct Dense {
    embedder: Embedder,
    passages: UnitVectors,
    quotes: UnitVectors,
}

/// The answer engine: corpus, index and (optionally) a sentence-embedding model.
pub struct Engine {
    corpus: Corpus,
    config: Config,
    speakers: Speakers,
    vocab: Vocabulary,
    passages: DocIndex,
    quotes: DocIndex,
    questions: suggest::QuestionList,
    dense: Option<Dense>,
    /// Per passage: is it the introduction of an interview article (see `Features::intro`).
    intro: Vec<bool>,
    /// Everyone quoted, in order of first appearance.
    quoted: Vec<String>,
    /// Names the articles use, for initials and nicknames in questions.
    names: casual::Names,
    /// (passage, quote) for every quote, sorted: who speaks in a passage.
    quotes_by_passage: Vec<(u32, u32)>,
    levers: Levers,
}

/// What the ranking knows about one candidate passage.
#[derive(Debug, Clone, Copy, Serialize)]
struct Features {
    /// BM25 relative to the best candidate (0..1).
    bm25: f32,
    /// Share of the question's rare words the passage has (0..1).
    coverage: f32,
    /// The best share of the question's rare words found within two neighbouring sentences:
    /// words scattered over a long passage say less than words together.
    window: f32,
    /// The model's best sentence similarity, with a model.
    cosine: Option<f32>,
    /// That similarity scaled across the candidates (best 1, worst 0): raw cosines of one
    /// question sit in a narrow band, which would let the lexical scores decide alone.
    dense: Option<f32>,
    /// A writer's introduction in an interview article: it names the topics the exchanges
    /// below it answer, so it resembles many questions while answering none of them.
    intro: bool,
}

impl Features {
    /// One score from the features; the weights were chosen on the dev and paraphrase sets
    /// (`ask --explain` dumps the features) and live in config so they can be revisited.
    fn fuse(&self, c: &SearchConfig, lexical_weight: f32) -> f32 {
        let lexical = c.bm25_share * self.bm25
            + (1.0 - c.bm25_share) * (1.0 - WINDOW_SHARE) * self.coverage
            + (1.0 - c.bm25_share) * WINDOW_SHARE * self.window;
        let score = match self.dense {
            Some(d) => lexical_weight * lexical + (1.0 - lexical_weight) * d,
            None => lexical,
        };
        if self.intro {
            score * c.intro_factor
        } else {
            score
        }
    }
}

/// A candidate being ranked.
#[derive(Debug, Clone, Copy)]
struct Scored {
    id: usize,
    coverage: f32,
    cosine: Option<f32>,
    score: f32,
    features: Option<Features>,
}

impl Engine {
    /// Builds the index in RAM.
    pub fn build(
        corpus: Corpus,
        config: Config,
        embedder: Option<Embedder>,
    ) -> Result<Self, EngineError> {
        let started = std::time::Instant::now();
        let (indexes, counts, questions) = index_corpus(&corpus, None)?;
        let engine = Self::assemble(corpus, config, embedder, counts, indexes, questions);
        stage("engine", started);
        engine
    }

    /// Builds the index and saves it in `dir` (created; it must not exist yet), so that
    /// [`Engine::open_saved`] can start from it without reading the articles again.
    pub fn build_saved(
        corpus: Corpus,
        config: Config,
        embedder: Option<Embedder>,
        dir: &std::path::Path,
    ) -> Result<Self, EngineError> {
        let saved = |e: std::io::Error| EngineError::Saved(format!("{}: {e}", dir.display()));
        // Built next to its final place and renamed into it, so a crash never leaves a
        // half-written index where a later start would trust it.
        let tmp = dir.with_extension(format!("partial-{}", std::process::id()));
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(saved)?;
        }
        for sub in ["passages", "quotes"] {
            std::fs::create_dir_all(tmp.join(sub)).map_err(saved)?;
        }
        let ((passages, quotes), counts, questions) = index_corpus(&corpus, Some(&tmp))?;
        let state = bincode::serialize(&SavedState {
            format: SAVED_FORMAT,
            corpus: &corpus,
            counts: &counts,
            questions: &questions,
        })
        .map_err(|e| EngineError::Saved(e.to_string()))?;
        std::fs::write(tmp.join(STATE_FILE), state).map_err(saved)?;
        std::fs::rename(&tmp, dir).map_err(saved)?;
        drop((passages, quotes));
        // Reopened from its final place: the readers must not point at the temporary folder.
        let passages = DocIndex::open(&dir.join("passages"))?;
        let quotes = DocIndex::open(&dir.join("quotes"))?;
        Self::assemble(
            corpus,
            config,
            embedder,
            counts,
            (passages, quotes),
            questions,
        )
    }

    /// Opens an index saved by [`Engine::build_saved`].
    pub fn open_saved(
        dir: &std::path::Path,
        config: Config,
        embedder: Option<Embedder>,
    ) -> Result<Self, EngineError> {
        let started = std::time::Instant::now();
        let unreadable = |e: std::io::Error| {
            EngineError::Saved(format!("{}: {e}", dir.join(STATE_FILE).display()))
        };
        let file = std::fs::File::open(dir.join(STATE_FILE)).map_err(unreadable)?;
        // SAFETY: the file is only ever written whole, in a temporary folder that is renamed
        // into place, and never modified afterwards; mapping it instead of reading it saves
        // copying a hundred megabytes into fresh memory at 10,000 articles.
        let bytes = unsafe { memmap2::Mmap::map(&file) }.map_err(unreadable)?;
        // The format number comes first, so an older layout is named as such rather than
        // misread.
        stage("read state", started);
        let format: Option<u32> = bincode::deserialize(&bytes).ok();
        if format != Some(SAVED_FORMAT) {
            return Err(EngineError::Saved(format!(
                "{} was saved in another format ({}), this build reads {SAVED_FORMAT}",
                dir.display(),
                format.map_or_else(|| "unreadable".to_string(), |f| f.to_string())
            )));
        }
        let state: LoadedState = bincode::deserialize(&bytes)
            .map_err(|e| EngineError::Saved(format!("{}: {e}", dir.join(STATE_FILE).display())))?;
        debug_assert_eq!(state.format, SAVED_FORMAT);
        stage("saved corpus", started);
        let passages = DocIndex::open(&dir.join("passages"))?;
        let quotes = DocIndex::open(&dir.join("quotes"))?;
        stage("opened tantivy indexes", started);
        let engine = Self::assemble(
            state.corpus,
            config,
            embedder,
            state.counts,
            (passages, quotes),
            state.questions,
        );
        stage("engine", started);
        engine
    }

    fn assemble(
        corpus: Corpus,
        config: Config,
        embedder: Option<Embedder>,
        counts: analysis::Counts,
        (passages, quotes): (DocIndex, DocIndex),
        questions: suggest::QuestionList,
    ) -> Result<Self, EngineError> {
        let vocab = Vocabulary::from_counts(counts, &config.synonyms);
        let speakers = config.speakers();
        let intro = intro_passages(&corpus);
        let mut seen = HashSet::new();
        let quoted: Vec<String> = corpus
            .quotes
            .iter()
            .filter_map(|q| q.speaker.clone())
            .filter(|s| seen.insert(s.clone()))
            .collect();
        let dense = match embedder {
            Some(embedder) => {
                // Unchanged articles and model: the vectors come from disk, not the model.
                let cache = config
                    .index_dir
                    .as_ref()
                    .map(|d| d.join("embeddings"))
                    .or_else(|| crate::embed::default_cache_dir().map(|d| d.join("embeddings")));
                let parts: Vec<Vec<&str>> = corpus
                    .passages
                    .iter()
                    .map(|p| {
                        p.question
                            .as_deref()
                            .into_iter()
                            .chain([p.answer.as_str()])
                            .collect()
                    })
                    .collect();
                let passages = UnitVectors::build(&embedder, &parts, cache.as_deref())?;
                let parts: Vec<Vec<&str>> = corpus
                    .quotes
                    .iter()
                    .map(|q| vec![q.text.as_str()])
                    .collect();
                let quotes = UnitVectors::build(&embedder, &parts, cache.as_deref())?;
                Some(Dense {
                    embedder,
                    passages,
                    quotes,
                })
            }
            None => None,
        };
        let names = casual::Names::from_texts(
            corpus
                .passages
                .iter()
                .flat_map(|p| p.question.as_deref().into_iter().chain([p.answer.as_str()]))
                .chain(corpus.articles.iter().map(|a| a.source.title.as_str())),
        );
        let mut quotes_by_passage: Vec<(u32, u32)> = corpus
            .quotes
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let id = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                (id(q.passage), id(i))
            })
            .collect();
        quotes_by_passage.sort_unstable();
        Ok(Self {
            quotes_by_passage,
            corpus,
            config,
            speakers,
            vocab,
            passages,
            quotes,
            questions,
            dense,
            intro,
            quoted,
            names,
            levers: Levers::default(),
        })
    }

    pub fn levers(&self) -> Levers {
        self.levers
    }

    /// Switches parts of the ranking off (for measuring what each adds).
    pub fn set_levers(&mut self, levers: Levers) {
        self.levers = levers;
    }

    fn limit(&self, asked: usize) -> usize {
        let n = if asked == 0 {
            self.config.search.results
        } else {
            asked
        };
        n.clamp(1, 25)
    }

    pub fn ask(&self, query: &AskQuery<'_>) -> Answer {
        self.ask_ranked(query).0
    }

    /// Every candidate the ranking weighed for `query`, with its features: for tuning and for
    /// understanding a surprising answer (`interview-bot ask --explain`).
    pub fn explain(&self, query: &AskQuery<'_>) -> serde_json::Value {
        let (answer, ranked) = self.ask_ranked(query);
        let current = self.analyse(query.question, self.config.search.synonym_weight);
        let candidates: Vec<serde_json::Value> = ranked
            .iter()
            .map(|s| {
                serde_json::json!({
                    "passage": s.id,
                    "score": s.score,
                    "features": s.features,
                    "text": self.corpus.passages[s.id].text(),
                })
            })
            .collect();
        serde_json::json!({
            "answered": answer.answered,
            "read_as": current.corrected,
            "unknown": current.unknown,
            "intent": format!("{:?}", intent::Intent::of(&current.corrected)),
            "named": self.rare_names(&current.corrected),
            "candidates": candidates,
        })
    }

    fn ask_ranked(&self, query: &AskQuery<'_>) -> (Answer, Vec<Scored>) {
        let limit = self.limit(query.limit);
        let question = query.question.trim();
        if question.is_empty() {
            let answer = Answer {
                suggestions: self.questions.samples(3),
                ..Answer::none(NoAnswer::Empty)
            };
            return (answer, Vec::new());
        }
        let syn = self.config.search.synonym_weight;
        let mut current = self.analyse(question, syn);
        if self.levers.answer_type && intent::Intent::of(&current.corrected).casting {
            // "the actress behind jess" asks about Jessica; "actress" says what kind of answer
            // is wanted (a cast credit, checked in ranking), not what it is about.
            demote(&mut current, intent::CASTING_WORDS);
        }
        let history_on = if self.levers.history {
            query.history
        } else {
            &[]
        };
        let history: Vec<&str> = history_on
            .iter()
            .rev()
            .map(|h| h.trim())
            .filter(|h| !h.is_empty())
            .take(3)
            .collect();

        let current_vec = self.embed_query(&current.corrected);
        let mut combined = current.clone();
        let mut dense_vec = current_vec.clone();
        let mut used_context = false;
        // The article the conversation's last answer came from.
        let mut previous_article = None;
        if !history.is_empty() {
            let standalone = self.rank_passages(&current, current_vec.as_deref(), None, None);
            let confident = standalone
                .first()
                .is_some_and(|s| self.is_confident(s, &current));
            if current.anaphoric || current.is_empty() || current.elliptic || !confident {
                used_context = true;
                for (age, h) in history.iter().enumerate() {
                    let earlier = self.analyse(h, syn);
                    let scale = self.config.search.history_weight * 0.6f32.powi(age as i32);
                    let terms: Vec<QueryTerm> = earlier
                        .terms
                        .into_iter()
                        .filter(|t| t.origin != Origin::Weak)
                        .collect();
                    combined.add_scaled(&terms, scale, Origin::Context);
                }
                // What the conversation was about is best named by the answer it got: its
                // rarest proper names ("she" after a question about the villain is Alisa).
                let previous = self.analyse(history[0], syn);
                if let Some(top) = self.rank_passages(&previous, None, None, None).first() {
                    let names = self.salient_names(&self.corpus.passages[top.id], 3);
                    combined.add_scaled(&names, self.config.search.history_weight, Origin::Context);
                    previous_article = Some(self.corpus.passages[top.id].article);
                }
                // The model reads the question in the light of the one before it: the two
                // vectors summed, the earlier one at half weight.
                if self.dense.is_some() {
                    if let (Some(cur), Some(prev)) = (
                        current_vec.as_deref(),
                        self.embed_query(&previous.corrected),
                    ) {
                        dense_vec = Some(unit_sum(cur, &prev, 0.5));
                    }
                }
            }
        }

        // What the question asks for; a fragment ("and trish?") asks what the question before
        // it asked ("who plays jess").
        let mut intent = intent::Intent::of(&current.corrected);
        let fragment = used_context && intent.is_plain();
        intent.named = self.rare_names(&current.corrected);
        if fragment {
            if let Some(h) = history.first() {
                let earlier = intent::Intent::of(&self.analyse(h, syn).corrected);
                intent.wants = earlier.wants;
                intent.which = earlier.which;
                intent.casting = earlier.casting;
            }
        }
        let truncated = current.truncated;
        if combined.terms.is_empty() {
            let answer = Answer {
                suggestions: self.questions.samples(3),
                truncated,
                ..Answer::none(NoAnswer::NoSearchableWords)
            };
            return (answer, Vec::new());
        }
        let mut ranked = self.rank_passages(
            &combined,
            dense_vec.as_deref(),
            Some(&current),
            Some(&intent),
        );
        // "What's she making next?": a pronoun points back at whom the last answer was about,
        // so the article that answer came from is the likeliest place for this one.
        if let (true, Some(article)) = (current.anaphoric && used_context, previous_article) {
            for s in &mut ranked {
                if self.corpus.passages[s.id].article == article {
                    s.score *= 1.0 + FIT_STEP;
                }
            }
            ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        }
        let answered = ranked.first().is_some_and(|top| {
            if used_context && current.is_empty() {
                // "What about her?": everything it asks comes from the conversation, so
                // matching the conversation's words is enough.
                top.coverage > 0.0
                    || top.cosine.is_some()
                    || top.features.is_some_and(|f| f.bm25 > 0.0)
            } else {
                // A follow-up leans on words of the conversation, so its own words need
                // only cover part of the passage.
                let leniency = if used_context { 0.6 } else { 1.0 };
                // A passage naming the rarely named person or thing the question asks about
                // is on topic even where the model sees little resemblance.
                let named = !intent.named.is_empty() && !self.lacks_names(top.id, &intent.named);
                let leniency = if named { leniency * 0.75 } else { leniency };
                self.is_confident_with(top, &current, leniency)
            }
        }) && !ranked
            .first()
            .is_some_and(|top| self.near_miss(top, &intent, &combined, used_context));
        if !answered {
            // The closest interview questions, topped up with questions from across the
            // articles so there is always something to try.
            let mut suggestions: Vec<String> = Vec::new();
            let closest = ranked
                .iter()
                .filter_map(|s| self.corpus.passages[s.id].question.clone());
            for q in closest.chain(self.questions.samples(3)) {
                if suggestions.len() < 3 && !suggestions.contains(&q) {
                    suggestions.push(q);
                }
            }
            let answer = Answer {
                suggestions,
                truncated,
                ..Answer::none(NoAnswer::NotCovered)
            };
            return (answer, ranked);
        }
        let results = ranked
            .iter()
            .take(limit)
            .map(|s| self.passage_hit(s, &combined))
            .collect();
        let answer = Answer {
            answered: true,
            results,
            truncated,
            ..Answer::default()
        };
        (answer, ranked)
    }

    /// The question analysed against the corpus's vocabulary.
    fn analyse(&self, text: &str, synonym_weight: f32) -> Analysed {
        let levers = casual::Rewrites {
            chat: self.levers.chat,
            names: self.levers.names,
        };
        let text = casual::rewrite(text, &self.names, levers, |w| self.vocab.knows_word(w));
        let synonym_weight = if self.levers.synonyms {
            synonym_weight
        } else {
            0.0
        };
        self.vocab
            .analyse_with(&text, synonym_weight, |term| self.spelling_of(term))
    }

    /// How the articles write `term` (an analysed term): the word it comes from in the first
    /// passage that has it ("kilgrav" -> "Kilgrave").
    fn spelling_of(&self, term: &str) -> Option<String> {
        let f = self.passages.fields;
        let id = self
            .passages
            .first_with(term, &[f.answer, f.question, f.speaker, f.title])
            .ok()??;
        let p = self.corpus.passages.get(usize::try_from(id).ok()?)?;
        let title = &self.corpus.source_of(p).title;
        let mut a = analysis::analyzer();
        for text in [
            p.answer.as_str(),
            p.question.as_deref().unwrap_or(""),
            p.speaker.as_deref().unwrap_or(""),
            title.as_str(),
        ] {
            let mut stream = a.token_stream(text);
            while let Some(tok) = stream.next() {
                if tok.text == term {
                    return text.get(tok.offset_from..tok.offset_to).map(str::to_string);
                }
            }
        }
        None
    }

    /// The confident-match decision: enough of what was asked is in the passage (by the
    /// model's similarity when there is one, otherwise by the share of the question's rare
    /// words the passage contains).
    fn is_confident(&self, s: &Scored, current: &Analysed) -> bool {
        self.is_confident_with(s, current, 1.0)
    }

    fn is_confident_with(&self, s: &Scored, current: &Analysed, leniency: f32) -> bool {
        let search = &self.config.search;
        match s.cosine {
            // The model's similarity separates covered from uncovered questions far better
            // than word overlap; a passage with nearly all the question's words is let
            // through at a lower similarity.
            // Below the similarity floor, a passage still counts if it is nearly as similar and
            // holds some of the question's words, or holds nearly all of them.
            Some(cos) => {
                let floor = search.min_semantic_similarity * leniency;
                // Most of what the question names is nowhere in the articles ("a recipe for
                // sourdough"): the few words it shares with a passage are no evidence.
                if current.unknown.len() * 2 > current.words.len() {
                    return cos >= floor;
                }
                cos >= floor
                    || (s.coverage >= 0.1 && cos >= floor * 0.75)
                    || (s.coverage >= 0.75 && cos >= search.min_semantic_similarity * 0.7)
            }
            None => !current.is_empty() && s.coverage >= search.min_lexical_confidence * leniency,
        }
    }

    /// A passage close to the question that still does not answer it: the question asks for a
    /// kind of fact (a number, a time) the passage does not state where it matches, or the
    /// question's most specific words appear nowhere in the articles.
    fn near_miss(
        &self,
        top: &Scored,
        intent: &intent::Intent,
        terms: &Analysed,
        used_context: bool,
    ) -> bool {
        if !self.levers.answer_type {
            return false;
        }
        if !used_context && self.lacks_names(top.id, &intent.named) {
            return true;
        }
        if !self.holds_wanted(top.id, intent, terms) {
            return true;
        }
        if let Some(who) = &intent.said_by {
            // Asked for someone's words: they must be someone the articles quote, and the
            // passage must hold their words.
            match self.find_speaker(who) {
                None => return true,
                Some(name) => return !self.speaks_in(top.id, &name),
            }
        }
        false
    }

    /// How well a passage fits what the question asks for beyond its words: 1 when it holds
    /// it, less when it cannot answer that kind of question, more for a cast credit when the
    /// question asks who plays someone and for the person's own words when it asks what they
    /// said (`said_by`: that person's canonical name, resolved once per question).
    fn fit(
        &self,
        id: usize,
        intent: &intent::Intent,
        said_by: Option<&str>,
        terms: &Analysed,
    ) -> f32 {
        let mut fit = 1.0;
        if !self.holds_wanted(id, intent, terms) {
            fit *= 1.0 - FIT_STEP;
        }
        // A passage that does not name whom the question asks about cannot answer it.
        if self.lacks_names(id, &intent.named) {
            fit *= 0.5;
        }
        if intent.casting && self.credits_asked_role(id, terms) {
            fit *= 1.0 + FIT_STEP;
        }
        if said_by.is_some_and(|name| self.speaks_in(id, name)) {
            fit *= 1.0 + FIT_STEP;
        }
        fit
    }

    /// Whether passage `id` credits an actor with the role the casting question names (any
    /// credit when it names none): "who plays jess" is not answered by "Trish (Rachael Taylor)".
    fn credits_asked_role(&self, id: usize, terms: &Analysed) -> bool {
        let text = self.corpus.passages[id].text();
        let credits = intent::cast_credits(&text);
        let role: Vec<&str> = terms
            .words
            .iter()
            .map(|(w, _)| w.as_str())
            .filter(|w| !intent::CASTING_WORDS.contains(w))
            .collect();
        if role.is_empty() {
            return !credits.is_empty();
        }
        let mut a = analysis::analyzer();
        credits.iter().any(|credit| {
            let words = analysis::analyse_words(&mut a, credit);
            role.iter().any(|r| words.iter().any(|w| w == r))
        })
    }

    /// The names in a question that the articles seldom use (in under [`NAMED_SHARE`] of the
    /// passages), one list of words per name: a passage answering a question about "Janet
    /// McTeer" names her. Names most passages share (the show's title, the interviewee of a
    /// corpus of her interviews) are not asked of every passage.
    fn rare_names(&self, question: &str) -> Vec<Vec<String>> {
        let mut a = analysis::analyzer();
        let mut out: Vec<Vec<String>> = Vec::new();
        let mut entity: Vec<String> = Vec::new();
        for raw in question.split_whitespace() {
            let word = raw
                .trim_matches(|c: char| !c.is_alphanumeric())
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .to_lowercase();
            let rare = self.names.is_name_word(&word)
                && analysis::analyse_words(&mut a, &word)
                    .iter()
                    .all(|t| self.vocab.share(t) < NAMED_SHARE);
            if rare {
                entity.push(word);
            } else if !entity.is_empty() {
                out.push(std::mem::take(&mut entity));
            }
        }
        if !entity.is_empty() {
            out.push(entity);
        }
        out
    }

    /// Whether passage `id` leaves out one of `names` (each a list of words, any of which
    /// will do: "McTeer" for "Janet McTeer").
    fn lacks_names(&self, id: usize, names: &[Vec<String>]) -> bool {
        if names.is_empty() {
            return false;
        }
        // The article's title and subject count as named: every passage of an interview about
        // a film is about that film.
        let p = &self.corpus.passages[id];
        let article = &self.corpus.articles[p.article];
        let text = [
            p.text().as_str(),
            p.speaker.as_deref().unwrap_or(""),
            article.source.title.as_str(),
            article.interviewee.as_deref().unwrap_or(""),
        ]
        .join(" ")
        .to_lowercase();
        names
            .iter()
            .any(|name| !name.iter().any(|w| text.contains(w.as_str())))
    }

    /// Whether passage `id` states the kind of fact asked for where it matches the question
    /// best (that sentence and its neighbours).
    fn holds_wanted(&self, id: usize, intent: &intent::Intent, terms: &Analysed) -> bool {
        if intent.wants == intent::Wants::Anything && intent.which.is_none() {
            return true;
        }
        let p = &self.corpus.passages[id];
        let h = highlight::highlight(&p.answer, &terms.terms, |t| self.vocab.idf(t));
        let window = around(&p.answer, h.best_sentence, 1);
        let kind_named = intent.which.as_deref().is_none_or(|noun| {
            let mut a = analysis::analyzer();
            let stems = analysis::analyse_words(&mut a, noun);
            let words = analysis::analyse_words(&mut a, window);
            stems.iter().all(|s| words.contains(s))
        });
        kind_named && intent::holds(window, intent.wants)
    }

    /// The best coverage of the question by two neighbouring sentences of passage `id` (its
    /// interviewer's question counts as sentences too).
    fn window_coverage(&self, id: usize, question: &Analysed) -> f32 {
        let p = &self.corpus.passages[id];
        let mut a = analysis::analyzer();
        let mut best = 0.0f32;
        for text in p.question.as_deref().into_iter().chain([p.answer.as_str()]) {
            let sentences: Vec<HashSet<String>> = sentences(text)
                .into_iter()
                .map(|r| {
                    analysis::analyse_words(&mut a, &text[r])
                        .into_iter()
                        .collect()
                })
                .collect();
            for i in 0..sentences.len() {
                let next = sentences.get(i + 1);
                let c = self.coverage(question, |t| {
                    sentences[i].contains(t) || next.is_some_and(|n| n.contains(t))
                });
                best = best.max(c);
            }
        }
        best
    }

    /// Whether `name` speaks in passage `id`: its answer, or a quote found in it.
    fn speaks_in(&self, id: usize, name: &str) -> bool {
        if self.corpus.passages[id].speaker.as_deref() == Some(name) {
            return true;
        }
        let from = self
            .quotes_by_passage
            .partition_point(|&(p, _)| (p as usize) < id);
        self.quotes_by_passage[from..]
            .iter()
            .take_while(|&&(p, _)| p as usize == id)
            .any(|&(_, q)| self.corpus.quotes[q as usize].speaker.as_deref() == Some(name))
    }

    /// The question's sentence vector, when a model is loaded.
    ///
    /// Words that most passages share (the show's name in a folder about one show) dominate a
    /// short question's vector, so every passage about the show looks alike to the model. The
    /// question is also embedded without them, and the two vectors are summed: the second one
    /// carries what the question asks about the show.
    fn embed_query(&self, text: &str) -> Option<Vec<f32>> {
        let d = self.dense.as_ref().filter(|_| self.levers.model)?;
        let specific = self.without_common_words(text);
        let texts: Vec<&str> = match &specific {
            Some(s) => vec![text, s.as_str()],
            None => vec![text],
        };
        match d.embedder.embed(&texts) {
            Ok(v) => match v.as_slice() {
                [whole, specific] => Some(unit_sum(whole, specific, SPECIFIC_WEIGHT)),
                [whole] => Some(whole.clone()),
                _ => None,
            },
            Err(e) => {
                tracing::warn!(error = %e, "embedding the question failed; ranking by words");
                None
            }
        }
    }

    /// `text` without the words that most passages hold, or `None` when it has none of them
    /// or nothing else.
    fn without_common_words(&self, text: &str) -> Option<String> {
        let mut a = analysis::analyzer();
        let mut dropped = false;
        let kept: Vec<&str> = text
            .split_whitespace()
            .filter(|w| {
                let terms = analysis::analyse_words(&mut a, w);
                let common =
                    !terms.is_empty() && terms.iter().all(|t| self.vocab.share(t) >= COMMON_SHARE);
                dropped |= common;
                !common
            })
            .collect();
        let content = kept
            .iter()
            .filter(|w| {
                let terms = analysis::analyse_words(&mut a, w);
                terms.iter().any(|t| !self.vocab.is_stop(t))
            })
            .count();
        (dropped && content > 0).then(|| kept.join(" "))
    }

    /// Lexical candidates (plus the model's nearest passages), re-ranked on coverage of the
    /// question, BM25 and the model's similarity. `current` is the question alone when `terms`
    /// also carries conversation context.
    fn rank_passages(
        &self,
        terms: &Analysed,
        query_vec: Option<&[f32]>,
        current: Option<&Analysed>,
        intent: Option<&intent::Intent>,
    ) -> Vec<Scored> {
        let current = current.unwrap_or(terms);
        let mut candidates: HashMap<usize, f32> = HashMap::new();
        if let Some(query) = self.passages.query(&terms.terms, PASSAGE_WEIGHTS) {
            match self.passages.search(query, None, CANDIDATES) {
                Ok(hits) => candidates.extend(hits.into_iter().map(|(id, s)| (id as usize, s))),
                Err(e) => tracing::warn!(error = %e, "passage search failed"),
            }
        }
        let best_cosine: Option<Vec<f32>> = match (&self.dense, query_vec) {
            (Some(d), Some(qv)) => Some(d.passages.best_per_item(qv)),
            _ => None,
        };
        if let Some(best) = &best_cosine {
            for id in top_indices(best, 15) {
                candidates.entry(id).or_insert(0.0);
            }
        }
        let max_bm25 = highest(candidates.values().copied());
        let ids: Vec<usize> = candidates.keys().copied().collect();
        let has = self.question_terms_in(current, &ids);
        let cosine_of = |id: usize| best_cosine.as_ref().and_then(|b| b.get(id).copied());
        let scale = Scale::of(ids.iter().filter_map(|&id| cosine_of(id)));
        let mut scored: Vec<Scored> = ids
            .iter()
            .zip(&has)
            .map(|(&id, has)| {
                let bm25 = candidates[&id];
                let f = Features {
                    bm25: bm25 / max_bm25,
                    coverage: self.coverage(current, |t| has.contains(t)),
                    // Its upper bound for now: measured below for the leading candidates only.
                    window: self.coverage(current, |t| has.contains(t)),
                    cosine: cosine_of(id),
                    dense: cosine_of(id).map(|c| scale.apply(c)),
                    intro: self.intro[id],
                };
                Scored {
                    id,
                    coverage: f.coverage,
                    cosine: f.cosine,
                    score: f.fuse(&self.config.search, self.config.search.lexical_weight),
                    features: Some(f),
                }
            })
            .collect();
        if let Some(intent) = intent.filter(|i| self.levers.answer_type && !i.is_plain()) {
            let said_by = intent.said_by.as_deref().and_then(|w| self.find_speaker(w));
            for s in &mut scored {
                s.score *= self.fit(s.id, intent, said_by.as_deref(), terms);
            }
        }
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        // Words together in two neighbouring sentences, measured where it can change the order
        // (reading every candidate's text would cost a large corpus more than the query).
        let search = &self.config.search;
        for s in scored.iter_mut().take(WINDOW_DEPTH) {
            let Some(f) = s.features.as_mut() else {
                continue;
            };
            let before = f.fuse(search, search.lexical_weight);
            f.window = if self.levers.proximity && f.coverage > 0.0 {
                self.window_coverage(s.id, current)
            } else {
                0.0
            };
            let after = f.fuse(search, search.lexical_weight);
            if before > 0.0 {
                s.score *= after / before;
            }
        }
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        if tracing::enabled!(tracing::Level::DEBUG) {
            for s in scored.iter().take(5) {
                let p = &self.corpus.passages[s.id];
                let head: String = p.text().chars().take(70).collect();
                tracing::debug!(id = s.id, score = s.score, coverage = s.coverage, cosine = ?s.cosine, "candidate {head:?}");
            }
        }
        scored
    }

    /// For each passage of `ids`, the question's terms it contains (in its question, answer or
    /// speaker), read from the index's posting lists.
    fn question_terms_in<'q>(
        &self,
        question: &'q Analysed,
        ids: &[usize],
    ) -> Vec<HashSet<&'q str>> {
        let mut terms: Vec<&str> = question
            .terms
            .iter()
            .filter(|t| t.word.is_some())
            .map(|t| t.term.as_str())
            .collect();
        terms.sort_unstable();
        terms.dedup();
        let f = self.passages.fields;
        match self
            .passages
            .has_terms(ids, &terms, &[f.question, f.answer, f.speaker])
        {
            Ok(rows) => rows
                .into_iter()
                .map(|row| {
                    terms
                        .iter()
                        .zip(row)
                        .filter_map(|(t, has)| has.then_some(*t))
                        .collect()
                })
                .collect(),
            Err(e) => {
                // Slower, same answer: analyse the passages' text instead.
                tracing::warn!(error = %e, "reading posting lists failed");
                ids.iter()
                    .map(|&id| {
                        let words = self.passage_terms(&self.corpus.passages[id]);
                        terms
                            .iter()
                            .copied()
                            .filter(|t| words.contains(*t))
                            .collect()
                    })
                    .collect()
            }
        }
    }

    /// The analysed terms of a passage (question, answer and speaker).
    fn passage_terms(&self, p: &Passage) -> HashSet<String> {
        let mut a = analysis::analyzer();
        let mut out: HashSet<String> = analysis::analyse_words(&mut a, &p.answer)
            .into_iter()
            .collect();
        if let Some(q) = &p.question {
            out.extend(analysis::analyse_words(&mut a, q));
        }
        if let Some(s) = &p.speaker {
            out.extend(analysis::analyse_words(&mut a, s));
        }
        out
    }

    /// Share of the question's content words (weighted by rarity) found in `terms`: a synonym
    /// counts at its discount, a word the corpus never uses counts against.
    fn coverage(&self, question: &Analysed, has: impl Fn(&str) -> bool) -> f32 {
        let total: f32 = question.words.iter().map(|(_, idf)| idf).sum();
        if total <= 0.0 {
            return 0.0;
        }
        let mut got = 0.0;
        for (i, (_, idf)) in question.words.iter().enumerate() {
            let best = question
                .terms
                .iter()
                .filter(|t| t.word == Some(i) && has(&t.term))
                .map(|t| t.weight.min(1.0))
                .fold(0.0f32, f32::max);
            got += best * idf;
        }
        got / total
    }

    /// The rarest capitalised names in a passage, as query terms.
    fn salient_names(&self, p: &Passage, n: usize) -> Vec<QueryTerm> {
        let mut a = analysis::analyzer();
        let mut names: Vec<(f32, String)> = Vec::new();
        for r in sentences(&p.answer) {
            let sentence = &p.answer[r];
            for word in sentence.split_whitespace().skip(1) {
                let w = word.trim_matches(|c: char| !c.is_alphanumeric());
                if !w.chars().next().is_some_and(char::is_uppercase) || w.len() < 3 {
                    continue;
                }
                for term in analysis::analyse_words(&mut a, w) {
                    if self.vocab.is_stop(&term) || names.iter().any(|(_, t)| *t == term) {
                        continue;
                    }
                    names.push((self.vocab.idf(&term), term));
                }
            }
        }
        names.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        names
            .into_iter()
            .take(n)
            .map(|(_, term)| QueryTerm {
                term,
                weight: 1.0,
                origin: Origin::Context,
                word: None,
            })
            .collect()
    }

    fn passage_hit(&self, s: &Scored, terms: &Analysed) -> Hit {
        let p = &self.corpus.passages[s.id];
        let h = highlight::highlight(&p.answer, &terms.terms, |t| self.vocab.idf(t));
        Hit {
            text: p.text(),
            question: p.question.clone(),
            answer: p.answer.clone(),
            speaker: p.speaker.clone(),
            section: p.section.clone(),
            kind: p.kind,
            source: self.corpus.source_of(p).clone(),
            score: s.score,
            best_sentence: h.best_sentence,
            matched: h.matched,
            passage: s.id,
        }
    }

    pub fn quote(&self, query: &QuoteQuery<'_>) -> Answer {
        let limit = self.limit(query.limit);
        let topic = query.topic.trim();
        let speaker = match query.speaker.map(str::trim).filter(|s| !s.is_empty()) {
            Some(name) => match self.find_speaker(name) {
                Some(canonical) => Some(canonical),
                None => {
                    return Answer::none(NoAnswer::UnknownSpeaker {
                        typed: truncate_chars(name, 80),
                        quoted: self.quoted.clone(),
                    });
                }
            },
            None => None,
        };
        if topic.is_empty() {
            return Answer::none(NoAnswer::Empty);
        }
        let terms = self.analyse(topic, self.config.search.synonym_weight);
        let Some(q) = self.quotes.query(&terms.terms, QUOTE_WEIGHTS) else {
            return Answer::none(NoAnswer::NoSearchableWords);
        };
        let hits = match self.quotes.search(q, speaker.as_deref(), CANDIDATES) {
            Ok(h) => h,
            Err(e) => {
                tracing::warn!(error = %e, "quote search failed");
                Vec::new()
            }
        };
        let quote_cosine: Option<Vec<f32>> = self.dense.as_ref().and_then(|d| {
            let qv = self.embed_query(topic)?;
            let own = d.quotes.best_per_item(&qv);
            // What a quote is about is often named around it, not in it: by the interviewer's
            // question it answers, or the sentence that introduces it. Its passage's best
            // similarity counts, a little discounted.
            let context = d.passages.best_per_item(&qv);
            Some(
                own.iter()
                    .zip(&self.corpus.quotes)
                    .map(|(&c, q)| {
                        let around = context.get(q.passage).copied().unwrap_or(-1.0);
                        c.max(QUOTE_CONTEXT * around)
                    })
                    .collect(),
            )
        });
        let mut candidates: HashMap<usize, f32> =
            hits.into_iter().map(|(id, s)| (id as usize, s)).collect();
        // The model's nearest quotes too: a topic typed in other words than the quote's.
        if let Some(best) = &quote_cosine {
            for id in top_indices(best, 15) {
                let by = self.corpus.quotes[id].speaker.as_deref();
                if speaker.is_none() || by == speaker.as_deref() {
                    candidates.entry(id).or_insert(0.0);
                }
            }
        }
        let max_bm25 = highest(candidates.values().copied());
        let ids: Vec<usize> = candidates.keys().copied().collect();
        // A quote's words are its passage's words, so its passage's terms are what it covers.
        let passages: Vec<usize> = ids
            .iter()
            .map(|&id| self.corpus.quotes[id].passage)
            .collect();
        let has = self.question_terms_in(&terms, &passages);
        let cosine_of = |id: usize| quote_cosine.as_ref().and_then(|b| b.get(id).copied());
        let scale = Scale::of(ids.iter().filter_map(|&id| cosine_of(id)));
        let search = &self.config.search;
        let mut scored: Vec<Scored> = ids
            .iter()
            .zip(&has)
            .map(|(&id, has)| {
                let quote = &self.corpus.quotes[id];
                let passage = &self.corpus.passages[quote.passage];
                let coverage = self.coverage(&terms, |t| has.contains(t));
                let cosine = cosine_of(id);
                let lexical = search.bm25_share * candidates[&id] / max_bm25
                    + (1.0 - search.bm25_share) * coverage;
                let lw = lexical_weight(search, &terms);
                let mut score = match cosine {
                    Some(c) => lw * lexical + (1.0 - lw) * scale.apply(c),
                    None => lexical,
                };
                // Words the writer put in quotation marks are what people mean by "a quote";
                // a whole interview answer is a quote too, but a lesser one.
                if passage.kind == PassageKind::Prose {
                    score += 0.1;
                }
                // A quote nobody is credited with cannot say who said it.
                if quote.speaker.is_none() {
                    score *= 0.5;
                }
                Scored {
                    id,
                    coverage,
                    cosine,
                    score,
                    features: None,
                }
            })
            .collect();
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        // A topic is often a word or two ("Hellcat"), which the model places poorly: its words
        // found in the quote's passage are enough.
        let answered = scored.first().is_some_and(|top| {
            !terms.is_empty()
                && (top.coverage >= self.config.search.min_lexical_confidence
                    || self.is_confident(top, &terms))
        });
        if !answered {
            return Answer::none(NoAnswer::NoQuote { speaker });
        }
        let results = scored
            .iter()
            .take(limit)
            .map(|s| {
                let quote = &self.corpus.quotes[s.id];
                let passage = &self.corpus.passages[quote.passage];
                let h = highlight::highlight(&quote.text, &terms.terms, |t| self.vocab.idf(t));
                Hit {
                    text: quote.text.clone(),
                    question: passage.question.clone(),
                    answer: quote.text.clone(),
                    speaker: quote.speaker.clone(),
                    section: passage.section.clone(),
                    kind: passage.kind,
                    source: self.corpus.articles[quote.article].source.clone(),
                    score: s.score,
                    best_sentence: h.best_sentence,
                    matched: h.matched,
                    passage: quote.passage,
                }
            })
            .collect();
        Answer {
            answered: true,
            results,
            ..Answer::default()
        }
    }

    /// The canonical name of a speaker the user typed: config aliases first, then any quoted
    /// speaker whose name contains it, then a close spelling.
    fn find_speaker(&self, typed: &str) -> Option<String> {
        if let Some(c) = self.speakers.resolve(typed) {
            return Some(c.to_string());
        }
        let key = crate::config::normalize_name(typed);
        let known = &self.quoted;
        known
            .iter()
            .find(|s| crate::config::normalize_name(s).contains(&key) && !key.is_empty())
            .or_else(|| {
                known.iter().find(|s| {
                    crate::config::normalize_name(s).split(' ').any(|part| {
                        part.len() >= 4 && analysis::edit_distance_at_most(part, &key, 2)
                    })
                })
            })
            .cloned()
    }

    /// Interview questions from the articles that match what was typed so far (autocomplete).
    /// Each at most `max_chars` characters (cut on a char boundary with an ellipsis).
    pub fn suggest_questions(&self, typed: &str, limit: usize, max_chars: usize) -> Vec<String> {
        self.questions.suggest(typed, limit, max_chars)
    }

    /// Known speakers whose name or alias matches what was typed.
    pub fn suggest_speakers(&self, typed: &str, limit: usize) -> Vec<String> {
        let key = crate::config::normalize_name(typed);
        let mut names: Vec<String> = self.quoted.clone();
        for n in self.speakers.names() {
            if !names.iter().any(|x| x == n) {
                names.push(n.to_string());
            }
        }
        names
            .into_iter()
            .filter(|n| {
                key.is_empty()
                    || crate::config::normalize_name(n)
                        .split(' ')
                        .any(|w| w.starts_with(&key))
                    || crate::config::normalize_name(n).starts_with(&key)
                    || self.speakers.resolve(typed).is_some_and(|c| c == n)
            })
            .take(limit)
            .collect()
    }

    pub fn sources(&self) -> Vec<SourceSummary> {
        let n = self.corpus.articles.len();
        let (mut passages, mut quotes) = (vec![0; n], vec![0; n]);
        for p in &self.corpus.passages {
            passages[p.article] += 1;
        }
        for q in &self.corpus.quotes {
            quotes[q.article] += 1;
        }
        self.corpus
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| SourceSummary {
                source: a.source.clone(),
                interviewee: a.interviewee.clone(),
                passages: passages[i],
                quotes: quotes[i],
            })
            .collect()
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The sentence-embedding model in use, if any.
    pub fn model_name(&self) -> Option<&str> {
        self.dense.as_ref().map(|d| d.embedder.name())
    }
}

/// Where the time of a build goes, for `RUST_LOG=interview_bot=debug`.
fn stage(name: &str, started: std::time::Instant) {
    tracing::debug!(
        elapsed_ms = started.elapsed().as_secs_f64() * 1e3,
        rss_mb = ?crate::rss_mb(),
        "built {name}"
    );
}

/// Prose passages that come before the first exchange of an article that has exchanges.
fn intro_passages(corpus: &Corpus) -> Vec<bool> {
    let mut first_exchange: HashMap<usize, usize> = HashMap::new();
    for (i, p) in corpus.passages.iter().enumerate() {
        if p.kind == PassageKind::Exchange {
            first_exchange.entry(p.article).or_insert(i);
        }
    }
    corpus
        .passages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            p.kind == PassageKind::Prose && first_exchange.get(&p.article).is_some_and(|&f| i < f)
        })
        .collect()
}

/// The share of words (against the model) in ranking quotes. A bare name or keyword as a topic
/// ("Hellcat") gives the model too little to place, so words decide more for topics of one or
/// two content words. (A question of two content words still reads as a question to the model:
/// "who's the actress behind jess".)
fn lexical_weight(c: &SearchConfig, question: &Analysed) -> f32 {
    if question.words.len() <= 2 && !question.words.is_empty() {
        c.lexical_weight.max(SHORT_LEXICAL_WEIGHT)
    } else {
        c.lexical_weight
    }
}

/// The largest of `values` (at least a tiny positive number, to divide by).
fn highest(values: impl Iterator<Item = f32>) -> f32 {
    values.fold(0.0f32, f32::max).max(1e-6)
}

/// Maps the candidates' similarities onto 0..1 (lowest 0, highest 1): one question's raw
/// cosines sit in a narrow band, which would let the lexical scores decide alone.
#[derive(Debug, Clone, Copy)]
struct Scale {
    lo: f32,
    spread: f32,
}

impl Scale {
    fn of(values: impl Iterator<Item = f32>) -> Self {
        let (lo, hi) = values.fold((f32::MAX, f32::MIN), |(lo, hi), c| (lo.min(c), hi.max(c)));
        Self {
            lo,
            spread: (hi - lo).max(1e-6),
        }
    }

    fn apply(self, value: f32) -> f32 {
        (value - self.lo) / self.spread
    }
}

/// Makes the question's words `stems` weak: searched for, but not what coverage is measured on.
fn demote(question: &mut Analysed, stems: &[&str]) {
    let asks = |t: &str| stems.contains(&t);
    if question.words.iter().all(|(w, _)| asks(w)) {
        return;
    }
    // Terms point at the typed word they stand for: renumber them past the removed words.
    let mut renumbered = Vec::with_capacity(question.words.len());
    let mut kept = 0;
    for (w, _) in &question.words {
        renumbered.push((!asks(w)).then_some(kept));
        kept += usize::from(!asks(w));
    }
    question.words.retain(|(w, _)| !asks(w));
    for t in &mut question.terms {
        t.word = t.word.and_then(|i| renumbered.get(i).copied().flatten());
        if asks(&t.term) {
            t.origin = Origin::Weak;
            t.weight *= DEMOTED_WEIGHT;
        }
    }
}

/// Weight left to a question word that names the kind of answer wanted.
const DEMOTED_WEIGHT: f32 = 0.3;

/// `a + w·b`, scaled to unit length.
fn unit_sum(a: &[f32], b: &[f32], w: f32) -> Vec<f32> {
    let sum: Vec<f32> = a.iter().zip(b).map(|(x, y)| x + w * y).collect();
    let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
    sum.into_iter().map(|x| x / norm).collect()
}

/// The sentence `best` with `n` sentences either side (the whole text without a best sentence).
fn around(text: &str, best: Option<Range<usize>>, n: usize) -> &str {
    let Some(best) = best else {
        return text;
    };
    let all = sentences(text);
    let Some(i) = all
        .iter()
        .position(|r| r.start <= best.start && best.start < r.end.max(r.start + 1))
    else {
        return text;
    };
    let from = all[i.saturating_sub(n)].start;
    let to = all[(i + n).min(all.len() - 1)].end;
    text.get(from..to).unwrap_or(text)
}

/// Indices of the `n` highest scores.
fn top_indices(scores: &[f32], n: usize) -> Vec<usize> {
    let by_score = |a: &usize, b: &usize| scores[*b].total_cmp(&scores[*a]).then(a.cmp(b));
    let mut all: Vec<usize> = (0..scores.len()).collect();
    // Only the top `n` need ordering: a full sort of every passage would cost a large corpus
    // far more than the query itself.
    if all.len() > n {
        all.select_nth_unstable_by(n, by_score);
        all.truncate(n);
    }
    all.sort_by(by_score);
    all
}

/// At most `max` characters of `s`, cut on a char boundary, with an ellipsis when cut.
pub fn truncate_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_frequencies_from_the_index_equal_a_count_over_the_text() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = Config::load(Some(&root.join("config"))).expect("config");
        let corpus = crate::corpus::load_corpus(&root.join("seeds"), &config).expect("seeds");
        let (passages, _) = build_indexes(&corpus, None).expect("index");
        let from_index = vocabulary_counts(&passages, corpus.passages.len()).expect("counts");
        let docs: Vec<[&str; 4]> = corpus
            .passages
            .iter()
            .map(|p| {
                [
                    p.question.as_deref().unwrap_or(""),
                    &p.answer,
                    p.speaker.as_deref().unwrap_or(""),
                    &corpus.source_of(p).title,
                ]
            })
            .collect();
        let counted = analysis::Counts::count(&docs);
        assert!(counted.doc_freqs().len() > 500);
        assert_eq!(from_index.doc_freqs(), counted.doc_freqs());
    }

    #[test]
    fn terms_read_from_posting_lists_are_the_terms_of_the_passage_text() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = Config::load(Some(&root.join("config"))).expect("config");
        let corpus = crate::corpus::load_corpus(&root.join("seeds"), &config).expect("seeds");
        let engine = Engine::build(corpus, config, None).expect("engine");
        let question = engine.analyse(
            "Did Rosenberg's Dexter years shape how Jessica, Trish and Kilgrave were written?",
            0.6,
        );
        let ids: Vec<usize> = (0..engine.corpus.passages.len()).collect();
        let from_index = engine.question_terms_in(&question, &ids);
        let mut nonempty = 0;
        for (id, has) in ids.iter().zip(&from_index) {
            let words = engine.passage_terms(&engine.corpus.passages[*id]);
            let expected: HashSet<&str> = question
                .terms
                .iter()
                .filter(|t| t.word.is_some() && words.contains(&t.term))
                .map(|t| t.term.as_str())
                .collect();
            assert_eq!(has, &expected, "passage {id}");
            nonempty += usize::from(!has.is_empty());
        }
        assert!(nonempty > 10, "only {nonempty} passages share a term");
    }

    #[test]
    fn corrected_words_are_respelled_as_the_articles_write_them() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = Config::load(Some(&root.join("config"))).expect("config");
        let corpus = crate::corpus::load_corpus(&root.join("seeds"), &config).expect("seeds");
        let engine = Engine::build(corpus, config, None).expect("engine");
        let a = engine.analyse("Did Rosenburg like Kilgrve?", 0.6);
        assert_eq!(a.corrected, "Did Rosenberg like Kilgrave?");
    }
}
