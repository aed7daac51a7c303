//! Reading the corpus folder: cleaning web boilerplate out of each article, splitting it into
//! passages a person would want as an answer, and extracting attributed quotes.
//!
//! Nothing in here knows about tantivy or Discord.

mod bilingual;
mod boards;
mod broadcast;
mod captions;
mod chat;
mod clean;
mod clippings;
mod comments;
mod email;
mod feed;
mod fields;
mod labels;
mod letters;
mod lists;
mod markup;
mod microblog;
mod names;
mod notes;
mod pages;
mod qa_site;
mod quotes;
mod shouting;
mod social;
mod split;
mod tables;
mod talk;
mod voice;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::{ArticleMeta, Config, Speakers};

pub use clean::{clean_article, Cleaned, ParaInfo, Post};
pub use names::full_name_in_handle;
pub use quotes::extract_quotes;
pub use split::{detect_interviewee, split_passages, Roles, MAX_PASSAGE_CHARS};

/// Months and days: capitalised like names and places, and neither.
pub const CALENDAR_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Where a passage or quote comes from, as shown to a person and in the `--json` contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// File name inside the corpus folder, e.g. `000_d93815e5fb1ac8b5.txt`.
    pub file: String,
    pub title: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

/// One article file after cleaning.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    pub source: Source,
    /// The canonical name of the person interviewed, when known (config or detected).
    pub interviewee: Option<String>,
    /// Who the article credits as its source ("Source: Esquire."), kept out of the body.
    pub credited_source: Option<String>,
    /// Nicknames the article gives inside names ("Roz" in 'Rosalind "Roz" Tembe'), each with
    /// the person's name: a reader may call them by it where the text no longer does.
    #[serde(default)]
    pub nicknames: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassageKind {
    /// An interviewer's question and the interviewee's answer.
    Exchange,
    /// Ordinary article text: one paragraph or a few short ones joined.
    Prose,
}

/// A unit of answer: what `ask` returns.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Passage {
    /// Index into `Corpus::articles`.
    pub article: usize,
    pub kind: PassageKind,
    /// The interviewer's question, for an exchange.
    pub question: Option<String>,
    /// The answer (exchange) or the paragraph text (prose).
    pub answer: String,
    /// Canonical name of who speaks in `answer` (exchange, or prose in one person's own words:
    /// an essay, an account "as told to" a writer, a thread of their posts), else `None`.
    pub speaker: Option<String>,
    /// The heading of the article section the passage is in, when the article has headings
    /// (or the heading of a fact box).
    #[serde(default)]
    pub section: Option<String>,
}

impl Passage {
    /// The whole passage as shown to a person: question, blank line, answer.
    pub fn text(&self) -> String {
        match &self.question {
            Some(q) => format!("{q}\n\n{}", self.answer),
            None => self.answer.clone(),
        }
    }

    /// What the passage answers: the interviewer's question, or, for prose under a heading
    /// ("Season two arrives next spring"), that heading.
    pub fn asked(&self) -> Option<&str> {
        self.question.as_deref().or(self
            .section
            .as_deref()
            .filter(|_| self.kind == PassageKind::Prose))
    }
}

/// A verbatim quote with who said it.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub passages: Vec<Passage>,
    pub quotes: Vec<Quote>,
    pub warnings: Vec<CorpusWarning>,
}

impl Corpus {
    /// Appends `other`'s articles, passages, quotes and warnings, renumbering its indices.
    pub fn append(&mut self, other: Corpus) {
        let articles = self.articles.len();
        let passages = self.passages.len();
        self.articles.extend(other.articles);
        self.passages
            .extend(other.passages.into_iter().map(|mut p| {
                p.article += articles;
                p
            }));
        self.quotes.extend(other.quotes.into_iter().map(|mut q| {
            q.article += articles;
            q.passage += passages;
            q
        }));
        self.warnings.extend(other.warnings);
    }

    pub fn source_of(&self, passage: &Passage) -> &Source {
        &self.articles[passage.article].source
    }

    /// The ids of `article`'s passages (passages are stored article by article).
    pub fn passages_of(&self, article: usize) -> std::ops::Range<usize> {
        let from = self.passages.partition_point(|p| p.article < article);
        let to = self.passages.partition_point(|p| p.article <= article);
        from..to
    }
}

/// Reads every `*.txt` file in `dir` (sorted by name) into a corpus.
///
/// Bad files (not UTF-8, empty, binary, nothing left after cleaning, unreadable, a directory or
/// a symlink loop) become warnings naming the file; a missing folder or one with no usable
/// article is an error.
pub fn load_corpus(dir: &Path, config: &Config) -> Result<Corpus, CorpusError> {
    load_corpus_with_progress(dir, config, &|_, _| {})
}

/// [`load_corpus`], calling `progress(done, total)` as articles are read (from any thread).
pub fn load_corpus_with_progress(
    dir: &Path,
    config: &Config,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Corpus, CorpusError> {
    let meta = match std::fs::metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(CorpusError::MissingFolder(dir.to_path_buf()))
        }
        Err(source) => {
            return Err(CorpusError::Unreadable {
                path: dir.to_path_buf(),
                source,
            })
        }
    };
    if !meta.is_dir() {
        return Err(CorpusError::Unreadable {
            path: dir.to_path_buf(),
            source: std::io::Error::other("it is a file, not a folder"),
        });
    }
    let entries = std::fs::read_dir(dir).map_err(|source| CorpusError::Unreadable {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| CorpusError::Unreadable {
            path: dir.to_path_buf(),
            source,
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_txt = Path::new(&name)
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("txt"));
        if is_txt {
            files.push((name, entry.path()));
        }
    }
    files.sort();

    // The patterns take longer to compile than five articles take to read: compile them on
    // both cores at once.
    rayon::join(clean::warm_up, || {
        quotes::warm_up();
        split::warm_up();
        names::warm_up();
        email::warm_up();
        comments::warm_up();
        labels::warm_up();
        chat::warm_up();
        lists::warm_up();
        letters::warm_up();
        bilingual::warm_up();
        broadcast::warm_up();
        tables::warm_up();
        social::warm_up();
        notes::warm_up();
        boards::warm_up();
        feed::warm_up();
        microblog::warm_up();
        fields::warm_up();
        qa_site::warm_up();
        pages::warm_up();
        talk::warm_up();
        clippings::warm_up();
    });
    let speakers = config.speakers();
    // Articles are independent: read and split them on every core, then append them in file
    // order so the corpus is the same whatever the scheduling.
    use rayon::prelude::*;
    let done = std::sync::atomic::AtomicUsize::new(0);
    let parsed: Vec<Result<Corpus, String>> = files
        .par_iter()
        .map(|(name, path)| {
            let mut one = Corpus::default();
            let result = read_article_bytes(path).and_then(|bytes| {
                ingest_bytes(&mut one, name, &bytes, config.articles.get(name), &speakers)
            });
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(n, files.len());
            result.map(|()| one)
        })
        .collect();
    let mut corpus = Corpus::default();
    for ((_, path), result) in files.iter().zip(parsed) {
        match result {
            Ok(one) => corpus.append(one),
            Err(message) => {
                tracing::warn!(file = %path.display(), "skipping article: {message}");
                corpus.warnings.push(CorpusWarning {
                    file: path.clone(),
                    message,
                });
            }
        }
    }

    if corpus.articles.is_empty() {
        return Err(CorpusError::Empty(
            dir.to_path_buf(),
            empty_reason(files.len(), &corpus.warnings),
        ));
    }
    Ok(corpus)
}

/// The tail of the `Empty` error message: why nothing could be used.
fn empty_reason(files: usize, warnings: &[CorpusWarning]) -> String {
    const SHOWN: usize = 5;
    if files == 0 {
        return " (no *.txt files found)".to_string();
    }
    let mut parts: Vec<String> = warnings
        .iter()
        .take(SHOWN)
        .map(|w| {
            let name = w.file.file_name().map_or_else(
                || w.file.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            format!("{name}: {}", w.message)
        })
        .collect();
    if warnings.len() > SHOWN {
        parts.push(format!("and {} more", warnings.len() - SHOWN));
    }
    format!(" (skipped: {})", parts.join("; "))
}

/// The file's bytes, or why it cannot be read as an article.
fn read_article_bytes(path: &Path) -> Result<Vec<u8>, String> {
    // `metadata` follows symlinks, so a loop or a dangling link fails here rather than later.
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read the file: {e}"))?;
    if meta.is_dir() {
        return Err("is a directory, not a text file".into());
    }
    if !meta.is_file() {
        // Reading a FIFO or device could block forever or never end.
        return Err("is not a regular file".into());
    }
    std::fs::read(path).map_err(|e| format!("cannot read the file: {e}"))
}

/// Builds one article from the raw bytes of its file, as `load_corpus` does for each file:
/// rejects what is not UTF-8 text, then cleans, splits and extracts quotes (`add_article`).
/// The message says why the file cannot be used.
pub fn ingest_bytes(
    corpus: &mut Corpus,
    file: &str,
    bytes: &[u8],
    meta: Option<&ArticleMeta>,
    speakers: &Speakers,
) -> Result<(), String> {
    let raw = decode_article(bytes)?;
    add_article(corpus, file, raw, meta, speakers)
}

/// Checks raw bytes for the ways a file can fail to be a text article.
fn decode_article(bytes: &[u8]) -> Result<&str, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".into());
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("is UTF-16 text; save it as UTF-8".into());
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "binary file (NUL byte at byte offset {pos}), not a text article"
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let offset = e.valid_up_to();
            let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
            let byte = bytes.get(offset).copied().unwrap_or_default();
            Err(format!(
                "not valid UTF-8: byte 0x{byte:02X} at byte offset {offset} (line {line}); save the file as UTF-8"
            ))
        }
    }
}

/// `speakers` with `alias` standing for `name`, who is added first if no one has that name.
fn with_alias(mut speakers: Speakers, name: &str, alias: &str) -> Speakers {
    if speakers.resolve(name).is_none() {
        speakers = speakers.with_people(&[crate::config::SpeakerConfig {
            name: name.to_string(),
            aliases: Vec::new(),
        }]);
    }
    let canonical = speakers.canonical(name);
    speakers.add_alias(&canonical, alias);
    speakers
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
    let default_meta = ArticleMeta::default();
    let meta = meta.unwrap_or(&default_meta);
    let cleaned = clean_article(raw);
    if cleaned.paragraphs.is_empty() {
        return Err("no article text left after removing captions, links and comment forms".into());
    }
    // The people the article names, so that its short forms ("Pryce-Hollis", "ABERNATHY:",
    // an account name) resolve to one full name; config stays the first authority.
    let labels = split::label_names(&cleaned.paragraphs);
    let title_text = meta.title.as_deref().or(cleaned.title.as_deref());
    let people = names::discover(title_text, &cleaned.paragraphs, &labels, speakers);
    let config_names: Vec<String> = speakers.names().map(str::to_string).collect();
    let mut with_people = speakers.with_people(&people.found);
    // A research transcript's codes ("P14") for the people its header names.
    // One letter ("I", "R") is left to the turns: it would stand for a person wherever a
    // sentence says "I".
    for (code, name) in cleaned
        .codes
        .iter()
        .filter(|(code, _)| code.chars().count() >= 2)
    {
        with_people = with_alias(with_people, name, code);
    }
    names::alias_titled_labels(&mut with_people, &labels);
    // A nickname given inside a name ("Rosalind \"Roz\" Tembe") is that person's, wherever the
    // text gives it: a standfirst the cleaning drops introduces people too. Only someone the
    // article names: "Netflix 'Daredevil' Season" quotes a title between two words.
    let mut nicknames: Vec<(String, String)> = Vec::new();
    for (name, nickname) in names::nicknames(raw) {
        let cast = [&cleaned.guest, &cleaned.interviewer, &cleaned.author]
            .into_iter()
            .any(|n| n.as_deref() == Some(name.as_str()));
        if with_people.resolve(&name).is_none() && !cast {
            continue;
        }
        with_people = with_alias(with_people, &name, &nickname);
        if let Some(person) = with_people.resolve(&nickname) {
            let pair = (nickname, person.to_string());
            if !nicknames.contains(&pair) {
                nicknames.push(pair);
            }
        }
    }
    // A chat log's nick names the person it spells ("@tfinch" for Teodora Finch).
    for label in labels.iter().filter(|l| l.starts_with('@')) {
        if with_people.resolve(label).is_none() {
            if let Some(person) = names::person_for_account(label, &with_people) {
                with_people.add_alias(&person, label);
            }
        }
    }
    // A transcription service's "Speaker 2" who answers the questions is the person the
    // introduction presents ("I'm with Hollis Brae, the potter who ...").
    if let Some(label) = split::answering_generic_label(&cleaned.paragraphs) {
        if let Some(guest) = names::main_person(
            title_text,
            &cleaned.paragraphs,
            &with_people,
            with_people.given(),
            &[],
        ) {
            with_people.add_alias(&guest, &label);
        }
    }
    // A thread opened by its guest ("I'm Ines Alvarado ... Ask me anything!", posted by
    // u/kestrel_films): the account is that person.
    if let (Some(poster), Some(name)) = (
        &cleaned.poster,
        names::introduced_self(title_text, &cleaned.paragraphs),
    ) {
        with_people = with_people.with_people(&[crate::config::SpeakerConfig {
            name: name.clone(),
            aliases: vec![poster.clone()],
        }]);
        let canonical = with_people.canonical(&name);
        with_people.add_alias(&canonical, poster);
    }
    let speakers = &with_people;
    let interviewer = cleaned.interviewer.as_deref();
    let thread = cleaned.info.iter().any(|i| i.post.is_some());
    let exclude: Vec<&str> = interviewer
        .into_iter()
        .chain(cleaned.author.as_deref())
        .chain(people.works.iter().map(String::as_str))
        .collect();
    let interviewee = meta
        .interviewee
        .as_deref()
        .map(|n| speakers.canonical(n))
        .or_else(|| cleaned.guest.as_deref().map(|n| speakers.canonical(n)))
        // A thread of one person's posts is theirs.
        .or_else(|| {
            cleaned
                .author
                .as_deref()
                .filter(|_| cleaned.own_words)
                .map(|n| speakers.canonical(n))
        })
        .or_else(|| {
            split::detect_interviewee(&cleaned.paragraphs, &cleaned.info, speakers, interviewer)
        })
        // An email's unquoted text is its sender's.
        .or_else(|| cleaned.sender.as_deref().map(|n| speakers.canonical(n)))
        // A caption track with no capitals names its guest in the host's opening.
        .or_else(|| names::presented_in_lower_case(&cleaned.paragraphs))
        .or_else(|| {
            // Config's people are candidates too: a new article may interview one of them.
            names::main_person(
                title_text,
                &cleaned.paragraphs,
                speakers,
                speakers.given(),
                &exclude,
            )
        })
        .or_else(|| {
            thread
                .then(|| split::thread_guest(&cleaned.info, None, speakers))
                .flatten()
                .map(|account| {
                    speakers
                        .resolve(&account)
                        .map(str::to_string)
                        .or_else(|| names::person_for_account(&account, speakers))
                        .unwrap_or(account)
                })
        });
    let index = corpus.articles.len();
    let roles = Roles {
        interviewee: interviewee.as_deref(),
        interviewer,
    };
    let mut passages = split_passages(index, &cleaned.paragraphs, &cleaned.info, roles, speakers);
    // An account "as told to" a writer is its subject's; an essay is its author's.
    let narrator = if cleaned.told_to {
        interviewee.clone()
    } else {
        cleaned.author.as_deref().map(|a| speakers.canonical(a))
    };
    if let Some(narrator) = &narrator {
        voice::credit_narrator(&mut passages, narrator, cleaned.own_words);
    }
    if passages.is_empty() {
        return Err("no article text left after cleaning".into());
    }
    // Pronouns stand for people the text names, those it shows speaking first; never for the
    // writer or the interviewer.
    let mut speaking = people.speaking;
    speaking.extend(config_names);
    speaking.extend(interviewee.iter().cloned());
    speaking.extend(passages.iter().filter_map(|p| p.speaker.clone()));
    let mut known = people.known;
    known.extend(speaking.iter().cloned());
    for e in &exclude {
        let e = speakers.canonical(e);
        speaking.remove(&e);
        known.remove(&e);
    }
    let mut quotes = extract_quotes(
        &passages,
        corpus.passages.len(),
        speakers,
        &known,
        &speaking,
        cleaned.own_words,
    );
    if let Some(subject) = &interviewee {
        quotes::credit_standalone(
            &mut quotes,
            &passages,
            corpus.passages.len(),
            subject,
            &known,
        );
    }
    let title = meta
        .title
        .clone()
        .or(cleaned.title)
        .unwrap_or_else(|| file.trim_end_matches(".txt").to_string());
    corpus.articles.push(Article {
        source: Source {
            file: file.to_string(),
            title,
            outlet: meta.outlet.clone().or(cleaned.outlet),
            date: meta.date.clone().or(cleaned.date),
            url: meta.url.clone(),
        },
        interviewee,
        credited_source: cleaned.source,
        nicknames,
    });
    corpus.passages.extend(passages);
    corpus.quotes.extend(quotes);
    Ok(())
}
