//! Building and reopening the engine: the indexes, the saved state of a large corpus, and the
//! sentence vectors.

use std::sync::Arc;

use super::*;

/// Question vectors kept for questions asked again.
const RECENT_QUESTIONS: std::num::NonZeroUsize = std::num::NonZeroUsize::new(512).unwrap();

/// Bumped whenever what is saved changes meaning.
pub(super) const SAVED_FORMAT: u32 = 4;

#[derive(Serialize)]
pub(super) struct SavedState<'a> {
    pub(super) format: u32,
    pub(super) corpus: &'a Corpus,
    pub(super) counts: &'a analysis::Counts,
    pub(super) questions: &'a suggest::QuestionList,
}

#[derive(serde::Deserialize)]
pub(super) struct LoadedState {
    pub(super) format: u32,
    pub(super) corpus: Corpus,
    pub(super) counts: analysis::Counts,
    pub(super) questions: suggest::QuestionList,
}

/// Term statistics over every passage (its question, answer, speaker and article title), from
/// the passage index.
pub(super) fn vocabulary_counts(
    passages: &DocIndex,
    n: usize,
) -> Result<analysis::Counts, EngineError> {
    let f = passages.fields;
    let doc_freq = passages.doc_freqs(&[f.question, f.answer, f.speaker, f.title])?;
    Ok(analysis::Counts::from_doc_freq(
        doc_freq,
        u32::try_from(n).unwrap_or(u32::MAX),
    ))
}

/// Everything built from a corpus: its two indexes (in RAM or under `dir`), the term counts
/// read from them, and the autocomplete lists.
pub(super) fn index_corpus(
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

/// Per article, what every passage of it is indexed under as its title: the title and the
/// interviewee, since every passage of an interview is about its guest, whether or not the
/// title names them.
pub(super) fn article_heads(corpus: &Corpus) -> Vec<String> {
    corpus
        .articles
        .iter()
        .map(|a| match &a.interviewee {
            Some(guest) => format!("{} {guest}", a.source.title),
            None => a.source.title.clone(),
        })
        .collect()
}

/// The passage and quote indexes, in RAM or under `dir` (`passages/` and `quotes/`).
pub(super) fn build_indexes(
    corpus: &Corpus,
    dir: Option<&std::path::Path>,
) -> Result<(DocIndex, DocIndex), EngineError> {
    let heads = article_heads(corpus);
    // Each index is one segment written on one thread; the two are written side by side.
    let (passages, quotes) = rayon::join(
        || {
            DocIndex::build(
                corpus.passages.iter().enumerate().map(|(i, p)| IndexDoc {
                    id: i as u64,
                    question: p.asked().unwrap_or(""),
                    answer: &p.answer,
                    speaker: p.speaker.as_deref().unwrap_or(""),
                    title: &heads[p.article],
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

/// The sentence-embedding model an engine ranks with: loaded once by the front end and shared by
/// every engine it builds (a reload keeps it), and where the vectors of texts it has embedded are
/// kept on disk (`None`: nowhere), which is the front end's choice, not the engine's.
#[derive(Clone)]
pub struct Model {
    pub embedder: Arc<Embedder>,
    pub cache: Option<std::path::PathBuf>,
}

impl Model {
    pub fn new(embedder: Arc<Embedder>, cache: Option<std::path::PathBuf>) -> Self {
        Self { embedder, cache }
    }
}

/// Sentence vectors of everything searchable, when a model is loaded.
pub(super) struct Dense {
    pub(super) embedder: Arc<Embedder>,
    pub(super) passages: UnitVectors,
    pub(super) quotes: UnitVectors,
}

/// How many sentences with no question in them make an opening turn a welcome: an
/// interviewer's prompt is one ("Tell us how the film started."), a welcome several.
const OPENING_MIN_SENTENCES: usize = 2;

/// Prose passages that come before the first exchange of an article that has exchanges (its
/// introduction), or after the last one (a transcript's sign-off, "Dana Vasko, thank you.
/// Driftglass opens Friday."): both name the guest and the work, not what they said of it.
/// In an account in one person's own words, the writer's lines before and after theirs are
/// the same.
pub(super) fn intro_passages(corpus: &Corpus) -> Vec<bool> {
    // Per article, the first and last passage of what its guest says.
    let mut spoken: HashMap<usize, (usize, usize)> = HashMap::new();
    let mut narrated: HashMap<usize, (usize, usize)> = HashMap::new();
    for (i, p) in corpus.passages.iter().enumerate() {
        let span = match (p.kind, &p.speaker) {
            (PassageKind::Exchange, _) => &mut spoken,
            (PassageKind::Prose, Some(_)) => &mut narrated,
            (PassageKind::Prose, None) => continue,
        };
        span.entry(p.article)
            .and_modify(|(_, last)| *last = i)
            .or_insert((i, i));
    }
    corpus
        .passages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let framing = p.kind == PassageKind::Prose
                && p.speaker.is_none()
                && spoken
                    .get(&p.article)
                    .or_else(|| narrated.get(&p.article))
                    .is_some_and(|&(first, last)| i < first || i > last);
            // A broadcast's opening: the host's welcome, which asks nothing, and the guest's
            // thanks read as the first exchange ("Good morning and welcome to Morning Run. My
            // guest today won ... Marta Kowalczyk, welcome." / "Thank you, Cal.").
            let opening = p.kind == PassageKind::Exchange
                && spoken.get(&p.article).is_some_and(|&(first, _)| i == first)
                && p.question.as_deref().is_some_and(|q| {
                    !q.contains('?')
                        && q.split_inclusive(['.', '!'])
                            .filter(|s| !s.trim().is_empty())
                            .count()
                            >= OPENING_MIN_SENTENCES
                });
            framing || opening
        })
        .collect()
}

/// The words of a title that may belong to a name, lowercased: those it capitalises when it
/// is written in sentence case, and those in capitals ("THE BEEKEEPER'S ALMANAC") in any case.
/// A title in Title Case ("Frost, Ladders and a Borrowed Accordion") says nothing by its
/// capitals.
pub(super) fn title_names(title: &str) -> Vec<String> {
    let words: Vec<&str> = title.split_whitespace().collect();
    let letters = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count();
    let capital = |w: &str| {
        w.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
    };
    let shouting = |w: &str| letters(w) >= 3 && !w.chars().any(char::is_lowercase);
    // Names are capitalised in any case, so only a title with hardly a lowercase word is
    // taken for Title Case.
    let long: Vec<&str> = words
        .iter()
        .skip(1)
        .copied()
        .filter(|w| letters(w) >= 4 && !shouting(w))
        .collect();
    let capitals = long.iter().filter(|w| capital(w)).count();
    let title_case = !long.is_empty() && capitals as f32 >= 0.8 * long.len() as f32;
    words
        .into_iter()
        .filter(|w| shouting(w) || (!title_case && capital(w)))
        .flat_map(plan::plain_words)
        .collect()
}

/// The parts of a passage the model embeds, in the order the store keeps their units: what
/// it answers (the interviewer's question or its section), if anything, then the answer.
pub(super) fn embedded_parts(p: &Passage) -> Vec<&str> {
    p.asked().into_iter().chain([p.answer.as_str()]).collect()
}

/// Per article, the analysed terms of its title and introduction (see `Engine::lacks_names`).
pub(super) fn article_context(corpus: &Corpus, intro: &[bool]) -> Vec<HashSet<String>> {
    let mut a = analysis::analyzer();
    let mut about: Vec<HashSet<String>> = corpus
        .articles
        .iter()
        .map(|art| {
            analysis::analyse_words(&mut a, &art.source.title)
                .into_iter()
                .collect()
        })
        .collect();
    for (p, _) in corpus.passages.iter().zip(intro).filter(|(_, &i)| i) {
        if let Some(set) = about.get_mut(p.article) {
            set.extend(analysis::analyse_words(&mut a, &p.answer));
        }
    }
    // A report without exchanges has no introduction before them, but its first paragraph
    // (the lede) names what the whole report is about ("a museum dedicated to the 1962 film The
    // Lamp at Skerry Head opened ..."), and the rest seldom repeats it.
    let with_exchanges: HashSet<usize> = corpus
        .passages
        .iter()
        .filter(|p| p.kind == PassageKind::Exchange)
        .map(|p| p.article)
        .collect();
    let mut seen: HashSet<usize> = HashSet::new();
    for p in &corpus.passages {
        if with_exchanges.contains(&p.article) || !seen.insert(p.article) {
            continue;
        }
        let lede = p.answer.split("\n\n").next().unwrap_or_default();
        if let Some(set) = about.get_mut(p.article) {
            set.extend(analysis::analyse_words(&mut a, lede));
        }
    }
    about
}

/// Per article, the analysed terms of the names its title and introduction write capitalised
/// (not a sentence's first word): what every passage of the article is about ("The Salt Road",
/// its creator), named or not.
pub(super) fn article_names(corpus: &Corpus, intro: &[bool]) -> Vec<HashSet<String>> {
    let mut a = analysis::analyzer();
    let mut out: Vec<HashSet<String>> = vec![HashSet::new(); corpus.articles.len()];
    let mut add = |article: usize, text: &str, all: bool| {
        let mut names = String::new();
        let mut opens = true;
        for word in text.split_whitespace() {
            let w = word.trim_matches(|c: char| !c.is_alphanumeric());
            if (all || !opens) && w.chars().next().is_some_and(char::is_uppercase) {
                names.push_str(w);
                names.push(' ');
            }
            opens = word.ends_with(['.', '!', '?', ':', '"', '”']);
        }
        if let Some(set) = out.get_mut(article) {
            set.extend(analysis::analyse_words(&mut a, &names));
        }
    };
    for (i, art) in corpus.articles.iter().enumerate() {
        add(i, &art.source.title, true);
    }
    for (p, _) in corpus.passages.iter().zip(intro).filter(|(_, &i)| i) {
        add(p.article, &p.answer, false);
    }
    out
}

/// Per article, the analysed terms of its interviewee's name (empty when it has none).
pub(super) fn interviewee_terms(corpus: &Corpus) -> Vec<HashSet<String>> {
    let mut a = analysis::analyzer();
    corpus
        .articles
        .iter()
        .map(|art| {
            art.interviewee
                .as_deref()
                .map(|name| analysis::analyse_words(&mut a, name).into_iter().collect())
                .unwrap_or_default()
        })
        .collect()
}

impl Engine {
    /// Builds the index in RAM.
    pub fn build(
        corpus: Corpus,
        config: Config,
        model: Option<Model>,
    ) -> Result<Self, EngineError> {
        let started = std::time::Instant::now();
        let (indexes, counts, questions) = index_corpus(&corpus, None)?;
        let engine = Self::assemble(corpus, config, model, counts, indexes, questions);
        stage("engine", started);
        engine
    }

    /// Builds the index and saves it in `dir` (created; it must not exist yet), so that
    /// [`Engine::open_saved`] can start from it without reading the articles again.
    pub fn build_saved(
        corpus: Corpus,
        config: Config,
        model: Option<Model>,
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
        Self::assemble(corpus, config, model, counts, (passages, quotes), questions)
    }

    /// Opens an index saved by [`Engine::build_saved`].
    pub fn open_saved(
        dir: &std::path::Path,
        config: Config,
        model: Option<Model>,
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
            model,
            state.counts,
            (passages, quotes),
            state.questions,
        );
        stage("engine", started);
        engine
    }

    pub(super) fn assemble(
        corpus: Corpus,
        config: Config,
        model: Option<Model>,
        counts: analysis::Counts,
        (passages, quotes): (DocIndex, DocIndex),
        questions: suggest::QuestionList,
    ) -> Result<Self, EngineError> {
        let vocab = Vocabulary::from_counts(counts, &config.lexicon());
        let speakers = config.speakers();
        let intro = intro_passages(&corpus);
        let about = article_context(&corpus, &intro);
        let about_names = article_names(&corpus, &intro);
        let interviewee_terms = interviewee_terms(&corpus);
        let title_words = corpus
            .articles
            .iter()
            .flat_map(|a| title_names(&a.source.title))
            .collect();
        let mut seen = HashSet::new();
        let quoted: Vec<String> = corpus
            .quotes
            .iter()
            .filter_map(|q| q.speaker.clone())
            .filter(|s| seen.insert(s.clone()))
            .collect();
        let dense = match model {
            Some(Model { embedder, cache }) => {
                let parts: Vec<Vec<&str>> = corpus.passages.iter().map(embedded_parts).collect();
                // Passages are measured against the rest of their article (the hub discount).
                let articles: Vec<usize> = corpus.passages.iter().map(|p| p.article).collect();
                let quote_parts: Vec<Vec<&str>> = corpus
                    .quotes
                    .iter()
                    .map(|q| {
                        let passage = &corpus.passages[q.passage];
                        let lead = (passage.kind == PassageKind::Prose)
                            .then(|| quote::lead_in(&passage.answer, &q.text))
                            .flatten();
                        lead.into_iter().chain([q.text.as_str()]).collect()
                    })
                    .collect();
                // Side by side: most of a warm start is reading the store and shaping vectors,
                // which one core does per side; new sentences go through the model together.
                let (passages, quotes) = UnitVectors::build_pair(
                    &embedder,
                    (&parts, &articles),
                    (&quote_parts, &[]),
                    cache.as_deref(),
                )?;
                Some(Dense {
                    embedder,
                    passages,
                    quotes,
                })
            }
            None => None,
        };
        let names = casual::Names::from_texts(
            passage_texts(&corpus).chain(corpus.articles.iter().map(|a| a.source.title.as_str())),
            corpus
                .passages
                .iter()
                .filter_map(|p| p.speaker.as_deref())
                // A guest credited with no passage (a caption track's) is a name too.
                .chain(
                    corpus
                        .articles
                        .iter()
                        .filter_map(|a| a.interviewee.as_deref()),
                ),
        )
        .with_nicknames(corpus.articles.iter().flat_map(|a| {
            a.nicknames
                .iter()
                .map(|(nick, name)| (nick.as_str(), name.as_str()))
        }));
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
        let mut credits: Vec<intent::CastCredit> = passage_texts(&corpus)
            .flat_map(intent::cast_credit_names)
            .collect();
        credits.sort_by(|a, b| a.around.cmp(&b.around));
        credits.dedup();
        let quotes_by_speaker = quotes_by_speaker(&corpus.quotes);
        let by_word = quote::credits_by_word(&credits);
        let mut roles: Vec<(String, usize)> = quoted
            .iter()
            .enumerate()
            .flat_map(|(i, actor)| {
                quote::roles_of(actor, &credits, &by_word)
                    .into_iter()
                    .map(move |r| (r, i))
            })
            .collect();
        roles.sort_unstable();
        let jobs = jobs_of(&quoted, passage_texts(&corpus));
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
            about,
            about_names,
            interviewee_terms,
            title_words,
            question_vectors: std::sync::Mutex::new(lru::LruCache::new(RECENT_QUESTIONS)),
            analysed: std::sync::Mutex::new(lru::LruCache::new(sentences::KEPT_PASSAGES)),
            name_parts: name_parts(&quoted),
            jobs,
            quotes_by_speaker,
            roles,
            quoted,
            names,
            levers: Levers::default(),
        })
    }
}

/// Every passage's interviewer's question and answer, as the articles' text to read names,
/// credits and jobs from.
fn passage_texts(corpus: &Corpus) -> impl Iterator<Item = &str> {
    corpus
        .passages
        .iter()
        .flat_map(|p| p.question.as_deref().into_iter().chain([p.answer.as_str()]))
}

/// The quotes of each credited speaker, in order.
fn quotes_by_speaker(quotes: &[crate::corpus::Quote]) -> HashMap<String, Vec<usize>> {
    let mut out: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, q) in quotes.iter().enumerate() {
        if let Some(s) = &q.speaker {
            out.entry(s.clone()).or_default().push(i);
        }
    }
    out
}

/// The most lower-case words in front of a name that say what the person is ("head coach").
const JOB_WORDS_BEFORE: usize = 2;

/// What `texts` call each person of `quoted` (full names only) in the lower-case words right
/// in front of their name ("Head coach Alan Whitcombe and captain Joe Ruiz"): each such word
/// with the indices in `quoted` of whoever it is said of. Small words ("and", "the") end the
/// run; a capitalised word does too ("Head").
fn jobs_of<'t>(
    quoted: &[String],
    texts: impl Iterator<Item = &'t str>,
) -> HashMap<String, Vec<usize>> {
    // Full names by their first word, as words.
    let mut by_first: HashMap<&str, Vec<(Vec<&str>, usize)>> = HashMap::new();
    for (i, name) in quoted.iter().enumerate() {
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() >= 2 {
            by_first.entry(words[0]).or_default().push((words, i));
        }
    }
    let mut jobs: HashMap<String, Vec<usize>> = HashMap::new();
    for text in texts {
        let words: Vec<&str> = text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
            .collect();
        for at in 0..words.len() {
            let Some(names) = by_first.get(words[at]) else {
                continue;
            };
            for (name, who) in names {
                if words.get(at..at + name.len()) != Some(name.as_slice()) {
                    continue;
                }
                for word in words[..at].iter().rev().take(JOB_WORDS_BEFORE) {
                    let lower = word.chars().all(|c| c.is_lowercase() || c == '-');
                    if word.is_empty() || !lower || analysis::is_stop_word(word) {
                        break;
                    }
                    let people = jobs.entry((*word).to_string()).or_default();
                    if !people.contains(who) {
                        people.push(*who);
                    }
                }
            }
        }
    }
    jobs
}

/// Each part of the names in `quoted` that could name someone in a question (three letters
/// or more, not a common word), with the indices of whoever has it.
fn name_parts(quoted: &[String]) -> HashMap<String, Vec<usize>> {
    let mut parts: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, name) in quoted.iter().enumerate() {
        for part in crate::config::normalize_name(name).split(' ') {
            if part.chars().count() >= 3 && !analysis::is_stop_word(part) {
                let who = parts.entry(part.to_string()).or_default();
                if !who.contains(&i) {
                    who.push(i);
                }
            }
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::{intro_passages, title_names};
    use crate::config::Speakers;
    use crate::corpus::{add_article, Corpus};

    #[test]
    fn a_transcripts_introduction_and_sign_off_frame_it() {
        let mut c = Corpus::default();
        add_article(
            &mut c,
            "radio.txt",
            "Night Desk: Marta Lind\n\n\
             HOST: Tonight my guest is the composer Marta Lind, whose album Saltmarsh is out.\n\n\
             HOST: Where did you record it?\n\n\
             MARTA LIND: In a lighthouse keeper's cottage, with the window open.\n\n\
             HOST: Marta Lind, thank you. Saltmarsh is out on Friday.\n",
            None,
            &Speakers::default(),
        )
        .expect("article loads");
        let framing: Vec<&str> = c
            .passages
            .iter()
            .zip(intro_passages(&c))
            .filter(|(_, f)| *f)
            .map(|(p, _)| p.answer.as_str())
            .collect();
        assert_eq!(
            framing,
            [
                "Tonight my guest is the composer Marta Lind, whose album Saltmarsh is out.",
                "Marta Lind, thank you. Saltmarsh is out on Friday."
            ]
        );
    }

    #[test]
    fn a_broadcasts_welcome_and_the_guests_thanks_frame_it_but_a_prompt_does_not() {
        let framing = |raw: &str| {
            let mut c = Corpus::default();
            add_article(&mut c, "radio.txt", raw, None, &Speakers::default())
                .expect("article loads");
            c.passages
                .iter()
                .zip(intro_passages(&c))
                .filter(|(_, f)| *f)
                .map(|(p, _)| p.answer.clone())
                .collect::<Vec<_>>()
        };
        let welcome = "Night Desk: Marta Lind\n\n\
             HOST: Good evening and welcome to Night Desk. My guest tonight is the composer \
             Marta Lind. Marta, welcome.\n\n\
             MARTA LIND: Thank you. It is strange to be on this side of the microphone.\n\n\
             HOST: Where did you record the album?\n\n\
             MARTA LIND: In a lighthouse keeper's cottage, with the window open.\n";
        assert_eq!(
            framing(welcome),
            ["Thank you. It is strange to be on this side of the microphone."]
        );
        let prompt = "Marta Lind on Saltmarsh\n\n\
             Q: Tell us how the album started.\n\n\
             A: With a cottage, and a window that would not shut.\n\n\
             Q: Where did you record it?\n\n\
             A: In that cottage.\n";
        assert!(framing(prompt).is_empty());
    }

    #[test]
    fn a_titles_capitals_name_something_unless_every_word_has_one() {
        assert_eq!(
            title_names("AMA: Odile Marchetti, director of THE BEEKEEPER'S ALMANAC, is here"),
            ["ama", "odile", "marchetti", "the", "beekeeper", "almanac"]
        );
        // Title Case capitalises every word: only words in capitals still stand out.
        assert!(title_names("Frost, Ladders and a Borrowed Accordion").is_empty());
        assert_eq!(
            title_names("DEEP WATCH Creator Talks Submarines And Silence"),
            ["deep", "watch"]
        );
    }

    #[test]
    fn a_job_is_the_lower_case_words_in_front_of_a_full_name() {
        let quoted = vec!["Alan Whitcombe".to_string(), "Joe Ruiz".to_string()];
        let jobs = super::jobs_of(
            &quoted,
            ["Head coach Alan Whitcombe and club captain Joe Ruiz spoke. Ruiz said so."]
                .into_iter(),
        );
        assert_eq!(jobs.get("coach"), Some(&vec![0]));
        assert_eq!(jobs.get("captain"), Some(&vec![1]));
        assert_eq!(jobs.get("club"), Some(&vec![1]));
        // A capitalised word and a small word end the run.
        assert!(!jobs.contains_key("Head") && !jobs.contains_key("head"));
        assert!(!jobs.contains_key("and"));
    }
}
