//! Turning what a person typed into weighted index terms: the same analyzer as the index, stop
//! words out, misspellings corrected against the corpus vocabulary, synonyms added at a discount.
//!
//! User text never goes through tantivy's query parser, so no input is a syntax error.

use std::collections::{HashMap, HashSet};

use levenshtein_automata::{LevenshteinAutomatonBuilder, DFA};
use rustc_hash::FxHashMap;
use tantivy_fst::{IntoStreamer, Streamer};

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

/// Name under which the analyzer is registered with tantivy.
pub const ANALYZER: &str = "interview_en";

/// At most this many characters of a question are read; the rest cannot change the answer much
/// and would only make a slow query.
pub const MAX_QUERY_CHARS: usize = 1000;

/// At most this many distinct terms go into one query.
const MAX_TERMS: usize = 48;

pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(CachedStemmer)
        .build()
}

/// English Snowball stemming (the algorithm tantivy's own `Stemmer` runs) with a memo of the
/// words already stemmed. Stemming was a third of the time it takes to index a large corpus, and
/// words repeat: most tokens of an article are words seen before.
#[derive(Clone, Copy, Default)]
pub struct CachedStemmer;

/// Entries a memo keeps before it starts over; each analyzer (one per field and indexing
/// thread) has its own, so this bounds their memory.
const STEM_MEMO_MAX: usize = 50_000;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner,
            memo: FxHashMap::default(),
        }
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    memo: FxHashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.memo.len() > STEM_MEMO_MAX {
            self.memo.clear();
        }
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

pub struct CachedStemmerStream<'a, T> {
    tail: T,
    memo: &'a mut FxHashMap<String, String>,
    stemmer: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        match self.memo.get(token.text.as_str()) {
            Some(stem) => {
                token.text.clear();
                token.text.push_str(stem);
            }
            None => {
                let stem = self.stemmer.stem(&token.text).into_owned();
                let word = std::mem::replace(&mut token.text, stem.clone());
                self.memo.insert(word, stem);
            }
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Words that carry no topic: dropped from queries.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "during",
    "each",
    "either",
    "else",
    "ever",
    "for",
    "from",
    "get",
    "gets",
    "got",
    "had",
    "has",
    "have",
    "having",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "let",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "no",
    "nor",
    "not",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "please",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "he",
    "s",
    "t",
    "d",
    "ll",
    "re",
    "ve",
    "m",
    "don",
    "didn",
    "doesn",
    "isn",
    "wasn",
    "won",
    "aren",
    "ok",
    "okay",
    "hey",
    "hi",
    "hello",
    "thanks",
    "thank",
    "anything",
    "something",
    "everything",
    "thing",
    "things",
    "kind",
    "sort",
    "really",
    "actually",
    "maybe",
    "anyone",
    "someone",
];

/// True for a lowercased word that carries no topic ("the", "what", "did").
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// Words that say how a question is asked rather than what about ("what did she *say* about"):
/// kept, but at a low weight and not counted when judging whether the articles cover a question.
const WEAK_WORDS: &[&str] = &[
    "say",
    "said",
    "says",
    "tell",
    "told",
    "talk",
    "talked",
    "talks",
    "think",
    "thought",
    "feel",
    "felt",
    "know",
    "knew",
    "mean",
    "means",
    "explain",
    "explained",
    "describe",
    "mention",
    "mentioned",
    "discuss",
    "discussed",
    "reveal",
    "revealed",
    // "according to her": who says it, not what about.
    "according",
    "share",
    "give",
    "make",
    "made",
    "go",
    "going",
    "come",
    "came",
    "want",
    "wanted",
    "like",
    "way",
    "ways",
    "lot",
    "interview",
    "question",
    "answer",
    "happen",
    "happened",
    "take",
    "took",
    "see",
    "saw",
    "look",
    "new",
    "good",
    "best",
    "many",
    "one",
    "two",
    "first",
    "second",
    "time",
    "year",
    "years",
    "people",
    "work",
    "worked",
];

/// Pronouns and openers that make a question lean on the conversation before it.
const ANAPHORA: &[&str] = &[
    "she", "he", "her", "him", "his", "hers", "they", "them", "their", "it", "its", "that", "this",
    "those", "these", "there", "then", "also", "too", "else", "again", "same",
];

/// One weighted term of a query.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerm {
    /// The analysed (stemmed, lowercased) term, as stored in the index.
    pub term: String,
    /// Relative weight: 1 for a word the user typed, less for expansions and context.
    pub weight: f32,
    /// How the term came to be in the query.
    pub origin: Origin,
    /// Index into `Analysed::words` of the typed word this term stands for (itself, a
    /// correction or a synonym); `None` for context terms.
    pub word: Option<usize>,
    /// The multi-word synonym this term is one word of ("academy award" for "oscar"): its
    /// words found together stand for the typed word in full.
    pub phrase: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Typed by the user (possibly spelling-corrected).
    Typed,
    /// A low-information word the user typed ("say", "think").
    Weak,
    /// A synonym of a typed word.
    Synonym,
    /// From the conversation before this question.
    Context,
    /// A name of what an article is about ("Deep Watch" in a question about the Deep Watch
    /// interview): searched for in titles only, where every passage of the article has it.
    Subject,
}

/// The analysed form of a question.
#[derive(Debug, Clone, Default)]
pub struct Analysed {
    pub terms: Vec<QueryTerm>,
    /// The typed content words (analysed), each with its inverse document frequency: what
    /// coverage is measured against.
    pub words: Vec<(String, f32)>,
    /// Content words the corpus has never seen (after spelling correction failed).
    pub unknown: Vec<String>,
    /// True when the question leans on earlier ones ("what did *she* say about *it*").
    pub anaphoric: bool,
    /// True when the question only makes sense after an earlier one: it opens like a
    /// continuation ("and trish?", "what about her mom") or is a bare fragment ("why tho").
    pub elliptic: bool,
    /// True when the question was cut to `MAX_QUERY_CHARS`.
    pub truncated: bool,
    /// The question with misspelled words replaced by the corpus's spelling ("Helcat" ->
    /// "Hellcat"), for the sentence-embedding model, which cannot correct them itself.
    pub corrected: String,
}

impl Analysed {
    /// Merge `other`'s terms in with their weights scaled, keeping the highest weight per term.
    pub fn add_scaled(&mut self, other: &[QueryTerm], scale: f32, origin: Origin) {
        for t in other {
            let w = t.weight * scale;
            match self.terms.iter_mut().find(|x| x.term == t.term) {
                Some(existing) => {
                    if w > existing.weight {
                        existing.weight = w;
                    }
                }
                None => self.terms.push(QueryTerm {
                    term: t.term.clone(),
                    weight: w,
                    origin,
                    word: None,
                    phrase: None,
                }),
            }
        }
    }

    /// True when the question has no word worth searching for.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Document frequencies of every analysed term of a corpus: what a saved index keeps so that it
/// need not read the index's posting lists again.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    doc_freq: FxHashMap<String, u32>,
    docs: u32,
}

impl Counts {
    /// Counts read from an index: every term's document frequency over `docs` documents.
    pub fn from_doc_freq(doc_freq: FxHashMap<String, u32>, docs: u32) -> Self {
        Self { doc_freq, docs }
    }

    #[cfg(test)]
    pub fn doc_freqs(&self) -> &FxHashMap<String, u32> {
        &self.doc_freq
    }

    /// Counts over `texts`, each document given as its parts (its fields), by analysing the
    /// text: the reference the index-derived counts are tested against.
    #[cfg(test)]
    pub fn count<'a, D: AsRef<[&'a str]>>(texts: &[D]) -> Self {
        let mut analyzer = analyzer();
        let mut doc_freq: FxHashMap<String, u32> = FxHashMap::default();
        for doc in texts {
            let terms: HashSet<String> = doc
                .as_ref()
                .iter()
                .flat_map(|text| analyse_words(&mut analyzer, text))
                .collect();
            for t in terms {
                *doc_freq.entry(t).or_default() += 1;
            }
        }
        Self {
            doc_freq,
            docs: u32::try_from(texts.len()).unwrap_or(u32::MAX),
        }
    }
}

/// What the analyser knows about the corpus: document frequencies of every analysed term, and the
/// synonym groups (analysed).
pub struct Vocabulary {
    doc_freq: FxHashMap<String, u32>,
    /// Every term, sorted, as an automaton: spelling correction walks it with a Levenshtein
    /// automaton instead of comparing the word with every term of a similar length.
    terms: Option<tantivy_fst::Map<Vec<u8>>>,
    /// Levenshtein automaton builders for distances 1 and 2, made on first use (building the
    /// tables takes longer than a query, and many runs never correct a word).
    levenshtein: std::sync::OnceLock<[LevenshteinAutomatonBuilder; 2]>,
    /// Each analysed term's irregular forms, or the word it is a form of ("child" and
    /// "children"), where the articles use one of the two.
    forms: HashMap<String, Vec<String>>,
    synonyms: Vec<Vec<Vec<String>>>,
    synonym_index: HashMap<String, Vec<usize>>,
    stop: HashSet<String>,
    weak: HashSet<String>,
    /// The thesaurus's words (analysed): words of the language, which a question may use
    /// where the articles do not, and so are never typing slips for an article's word
    /// ("discord server" is not "disorder several").
    words: HashSet<String>,
    /// Verbs (analysed) that the thesaurus joins to a particle after them as one word ("give"
    /// of "give up", "end" of "end up"), each with its particles.
    phrasal: HashMap<String, Vec<String>>,
    /// The phrasal verbs' verbs that a thesaurus pairs a single word with (an irregular
    /// form and its lemma: "gave" → "give").
    lemmas: HashMap<String, Vec<String>>,
    docs: u32,
}

/// The weight of a phrasal verb's verb: it still says what is asked ("start out"), but
/// alone it matches other senses ("gave her a purpose" for "gave up").
const PHRASAL_VERB_WEIGHT: f32 = 0.5;

/// Particles that make a phrasal verb of the verb before them ("give up", "end up").
const PARTICLES: &[&str] = &["up", "out", "off", "down", "away", "over", "back"];

impl Vocabulary {
    /// `texts` are all indexed documents (each the concatenation of its fields).
    #[cfg(test)]
    pub fn build<'a>(texts: impl Iterator<Item = &'a str>, synonym_groups: &[Vec<String>]) -> Self {
        let lexicon = crate::config::Lexicon {
            synonyms: synonym_groups.to_vec(),
            forms: Vec::new(),
        };
        Self::build_with(texts, &lexicon)
    }

    #[cfg(test)]
    pub fn build_with<'a>(
        texts: impl Iterator<Item = &'a str>,
        lexicon: &crate::config::Lexicon,
    ) -> Self {
        let docs: Vec<[&str; 1]> = texts.map(|t| [t]).collect();
        Self::from_counts(Counts::count(&docs), lexicon)
    }

    /// The lexicon's synonym groups (config's, then the thesaurus's) expand each of their
    /// words to the others; its irregular forms join a word and its form both ways.
    pub fn from_counts(counts: Counts, lexicon: &crate::config::Lexicon) -> Self {
        let synonym_groups = &lexicon.synonyms;
        let Counts { doc_freq, docs } = counts;
        tracing::debug!(terms = doc_freq.len(), "vocabulary");
        let mut analyzer = analyzer();
        let mut sorted: Vec<&str> = doc_freq.keys().map(String::as_str).collect();
        sorted.sort_unstable();
        // Sorted, distinct keys are all `from_iter` asks for; should it still refuse, the
        // only loss is spelling correction.
        let terms = tantivy_fst::Map::from_iter(sorted.into_iter().map(|t| (t, 0u64)))
            .map_err(|e| tracing::warn!(error = %e, "no spelling correction"))
            .ok();
        let stem_all = |words: &[&str]| -> HashSet<String> {
            let mut a = analyzer.clone();
            words
                .iter()
                .flat_map(|w| analyse_words(&mut a, w))
                .collect()
        };
        let stop = stem_all(STOP_WORDS);
        let weak = stem_all(WEAK_WORDS);
        let forms = irregular_forms(&lexicon.forms, &doc_freq);
        let mut synonyms = Vec::new();
        let mut synonym_index: HashMap<String, Vec<usize>> = HashMap::new();
        let mut phrasal: HashMap<String, Vec<String>> = HashMap::new();
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut words: HashSet<String> = HashSet::new();
        for group in synonym_groups {
            let analysed: Vec<Vec<String>> = group
                .iter()
                .map(|w| analyse_words(&mut analyzer, w))
                .filter(|w| !w.is_empty())
                .collect();
            for member in &analysed {
                if let [verb, particle] = member.as_slice() {
                    if PARTICLES.contains(&particle.as_str()) {
                        let e = phrasal.entry(verb.clone()).or_default();
                        if !e.contains(particle) {
                            e.push(particle.clone());
                        }
                    }
                }
            }
            if let [a, b] = analysed.as_slice() {
                if let ([a], [b]) = (a.as_slice(), b.as_slice()) {
                    pairs.push((a.clone(), b.clone()));
                }
            }
            for member in &analysed {
                if let [single] = member.as_slice() {
                    if !words.contains(single) {
                        words.insert(single.clone());
                    }
                }
            }
            // A group none of whose words the articles use cannot lead a question to them
            // (most of a general thesaurus, for any one corpus).
            let used = analysed.iter().any(|m| {
                m.iter().all(|t| {
                    doc_freq.contains_key(t)
                        || forms
                            .get(t)
                            .into_iter()
                            .flatten()
                            .any(|f| doc_freq.contains_key(f))
                })
            });
            if !used {
                continue;
            }
            let id = synonyms.len();
            for member in &analysed {
                if let [single] = member.as_slice() {
                    synonym_index.entry(single.clone()).or_default().push(id);
                }
            }
            synonyms.push(analysed);
        }
        // Of the thesaurus's thousands of one-word pairs, only those leading to a phrasal
        // verb's verb are ever looked up.
        let mut lemmas: HashMap<String, Vec<String>> = HashMap::new();
        for (a, b) in pairs {
            if phrasal.contains_key(&b) {
                lemmas.entry(a.clone()).or_default().push(b.clone());
            }
            if phrasal.contains_key(&a) {
                lemmas.entry(b).or_default().push(a);
            }
        }
        Self {
            doc_freq,
            terms,
            levenshtein: std::sync::OnceLock::new(),
            forms,
            synonyms,
            synonym_index,
            stop,
            weak,
            words,
            phrasal,
            lemmas,
            docs,
        }
    }

    /// Whether `verb` (or its lemma, for an irregular form) and `particle` are one phrasal
    /// verb in the thesaurus.
    fn is_phrasal(&self, verb: &str, particle: &str) -> bool {
        let joined = |v: &str| {
            self.phrasal
                .get(v)
                .is_some_and(|p| p.iter().any(|p| p == particle))
        };
        joined(verb)
            || self
                .lemmas
                .get(verb)
                .into_iter()
                .flatten()
                .any(|v| joined(v))
    }

    pub fn doc_freq(&self, term: &str) -> u32 {
        self.doc_freq.get(term).copied().unwrap_or(0)
    }

    /// BM25-style inverse document frequency; unseen terms get the highest value.
    pub fn idf(&self, term: &str) -> f32 {
        let n = self.docs.max(1) as f32;
        let df = self.doc_freq(term) as f32;
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    /// Share of documents that hold `term`.
    pub fn share(&self, term: &str) -> f32 {
        self.doc_freq(term) as f32 / self.docs.max(1) as f32
    }

    /// Whether the articles use `word` (a lowercased word as typed, analysed here).
    pub fn knows_word(&self, word: &str) -> bool {
        let mut a = analyzer();
        let terms = analyse_words(&mut a, word);
        !terms.is_empty() && terms.iter().all(|t| self.doc_freq(t) > 0)
    }

    pub fn is_stop(&self, term: &str) -> bool {
        self.stop.contains(term)
    }

    /// Whether an analysed term says how something is asked rather than what about ("take",
    /// "say"): too general to stand for another word.
    pub fn is_weak(&self, term: &str) -> bool {
        self.weak.contains(term)
    }

    /// The closest known term within a small edit distance, preferring frequent ones.
    fn correct(&self, term: &str) -> Option<String> {
        let len = term.chars().count();
        // Short words are too often other real words one letter away ("joke" / "jones",
        // "oscar" / "scar", "bread" / "break").
        if len < 6 || term.chars().any(|c| c.is_ascii_digit()) || self.words.contains(term) {
            return None;
        }
        let max_dist = usize::from(typo_edits(term));
        let terms = self.terms.as_ref()?;
        let builders = self.levenshtein.get_or_init(|| {
            [
                LevenshteinAutomatonBuilder::new(1, false),
                LevenshteinAutomatonBuilder::new(2, false),
            ]
        });
        let dfa = builders[max_dist - 1].build_dfa(term);
        let mut stream = terms.search(Levenshtein(&dfa)).into_stream();
        let mut best: Option<(u8, u32, String)> = None;
        while let Some((key, _)) = stream.next() {
            let Ok(cand) = std::str::from_utf8(key) else {
                continue;
            };
            if self.stop.contains(cand) {
                continue;
            }
            let levenshtein_automata::Distance::Exact(d) = dfa.eval(key) else {
                continue;
            };
            let df = self.doc_freq(cand);
            let better = match &best {
                None => true,
                Some((bd, bdf, bc)) => {
                    d < *bd || (d == *bd && (df > *bdf || (df == *bdf && cand < bc.as_str())))
                }
            };
            if better {
                best = Some((d, df, cand.to_string()));
            }
        }
        best.map(|(_, _, c)| c)
    }

    /// Analyse a question into weighted terms.
    #[cfg(test)]
    pub fn analyse(&self, question: &str, synonym_weight: f32) -> Analysed {
        self.analyse_with(question, synonym_weight, &Unwritten)
    }

    /// [`Vocabulary::analyse`], with `written` saying how the articles write words (for
    /// respelling corrected words for the sentence-embedding model, and for reading one typed
    /// word as the two the articles write apart).
    pub fn analyse_with(
        &self,
        question: &str,
        synonym_weight: f32,
        written: &impl Written,
    ) -> Analysed {
        let mut out = Analysed::default();
        let mut text = question;
        if text.chars().count() > MAX_QUERY_CHARS {
            let cut = text
                .char_indices()
                .nth(MAX_QUERY_CHARS)
                .map(|(i, _)| i)
                .unwrap_or(text.len());
            text = &text[..cut];
            out.truncated = true;
        }
        let mut analyzer = analyzer();
        let lower = text.to_lowercase();
        out.anaphoric = lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| ANAPHORA.contains(&w));
        let opening: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .take(2)
            .collect();
        out.elliptic = matches!(
            opening.as_slice(),
            ["and" | "but" | "or" | "also" | "plus" | "then", ..]
                | ["what" | "how", "about" | "abt"]
                | ["why" | "how" | "when" | "where" | "who"]
        );
        let mut seen = HashSet::new();
        let mut stream = analyzer.token_stream(text);
        let mut typed = Vec::new();
        let mut spans = Vec::new();
        while let Some(tok) = stream.next() {
            spans.push((tok.offset_from..tok.offset_to, tok.text.clone()));
            if seen.insert(tok.text.clone()) && typed.len() < MAX_TERMS {
                typed.push(tok.text.clone());
            }
        }
        // Numbers the multi-word synonyms of the question.
        let mut phrases = 0u32;
        let mut corrections: HashMap<String, String> = HashMap::new();
        let mut splits: HashMap<String, String> = HashMap::new();
        // "gave up": the verb of a phrasal verb means something else alone ("gave her a
        // purpose").
        let phrasal: HashSet<&String> = spans
            .windows(2)
            .filter(|w| self.is_phrasal(&w[0].1, &w[1].1))
            .map(|w| &w[0].1)
            .collect();
        for term in typed {
            if self.stop.contains(&term) {
                continue;
            }
            if self.weak.contains(&term) {
                push_max(&mut out.terms, &term, 0.3, Origin::Weak, None);
                continue;
            }
            let (term, weight) = if phrasal.contains(&term) {
                (term, PHRASAL_VERB_WEIGHT)
            } else if self.doc_freq(&term) > 0 || !self.forms_of(&term).is_empty() {
                (term, 1.0)
            } else if let Some(fixed) = self.correct(&term) {
                corrections.insert(term, fixed.clone());
                (fixed, 0.9)
            } else if let Some((left, right, apart)) = spans
                .iter()
                .find(|(_, stem)| *stem == term)
                .and_then(|(range, _)| self.split_compound(&text[range.clone()], written))
            {
                // One word for two the articles write apart ("headspace" -> "head space").
                splits.insert(term, apart);
                let word = out.words.len();
                out.words.push((right.clone(), self.idf(&right)));
                push_max(&mut out.terms, &right, 0.9, Origin::Typed, Some(word));
                (left, 0.9)
            } else {
                // Unknown, but its synonyms may be known ("prizes" -> "award").
                if !self.has_known_synonym(&term) {
                    out.unknown.push(term.clone());
                }
                (term, 1.0)
            };
            let word = out.words.len();
            // A word and its irregular forms are one word, as common as the commoner.
            let forms = self.forms_of(&term);
            let idf = forms
                .iter()
                .map(|f| self.idf(f))
                .fold(self.idf(&term), f32::min);
            out.words.push((term.clone(), idf));
            push_max(&mut out.terms, &term, weight, Origin::Typed, Some(word));
            for form in &forms {
                push_max(&mut out.terms, form, weight, Origin::Typed, Some(word));
            }
            let groups = std::iter::once(&term)
                .chain(&forms)
                .flat_map(|t| self.synonym_index.get(t).into_iter().flatten());
            for group in groups {
                for member in &self.synonyms[*group] {
                    let content: Vec<&String> = member
                        .iter()
                        .filter(|s| **s != term && !forms.contains(s) && !self.stop.contains(*s))
                        .collect();
                    if content.is_empty() {
                        continue;
                    }
                    // A multi-word synonym ("bad guy", "academy award") spreads its weight over
                    // its words, which count in full only together.
                    let w = synonym_weight / member.len() as f32;
                    let phrase = (content.len() > 1).then(|| {
                        phrases += 1;
                        phrases
                    });
                    // A one-word synonym's irregular forms too: "kids", read as "child",
                    // finds "children".
                    let single = phrase.is_none();
                    for s in content {
                        let also = if single { self.forms_of(s) } else { Vec::new() };
                        for t in std::iter::once(s).chain(&also) {
                            push_term(
                                &mut out.terms,
                                QueryTerm {
                                    term: t.clone(),
                                    weight: w,
                                    origin: Origin::Synonym,
                                    word: Some(word),
                                    phrase,
                                },
                            );
                        }
                    }
                }
            }
        }
        out.corrected = self.respell(text, &spans, &corrections, &splits, |t| written.spelling(t));
        out
    }

    fn respell(
        &self,
        text: &str,
        spans: &[(std::ops::Range<usize>, String)],
        corrections: &HashMap<String, String>,
        splits: &HashMap<String, String>,
        spelling: impl Fn(&str) -> Option<String>,
    ) -> String {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for (range, stem) in spans {
            let word = match (splits.get(stem), corrections.get(stem)) {
                (Some(split), _) => split.clone(),
                (None, Some(fixed)) => match spelling(fixed) {
                    Some(word) => word,
                    None => continue,
                },
                (None, None) => continue,
            };
            out.push_str(&text[at..range.start]);
            out.push_str(&word);
            at = range.end;
        }
        out.push_str(&text[at..]);
        out
    }

    /// A word the articles never use, read as two they do ("headspace", "showrunning"):
    /// the two analysed terms and the two words as typed, apart. Of the ways to cut it, one
    /// whose two words the articles write side by side ("head space", not "heads pace") wins.
    fn split_compound(
        &self,
        word: &str,
        written: &impl Written,
    ) -> Option<(String, String, String)> {
        let lower = word.to_lowercase();
        if lower.len() < 7 || !lower.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let mut a = analyzer();
        let mut cuts: Vec<(u32, String, String, String)> = (3..=lower.len() - 3)
            .filter_map(|i| {
                let (l, r) = lower.split_at(i);
                let left = analyse_words(&mut a, l).pop()?;
                let right = analyse_words(&mut a, r).pop()?;
                let known = |t: &str| !self.stop.contains(t) && self.doc_freq(t) > 0;
                (known(&left) && known(&right)).then(|| {
                    let rarer = self.doc_freq(&left).min(self.doc_freq(&right));
                    (rarer, left, right, format!("{l} {r}"))
                })
            })
            .collect();
        // Only a choice between cuts needs the articles read.
        let (_, left, right, apart) = if cuts.len() <= 1 {
            cuts.pop()?
        } else {
            cuts.into_iter().max_by_key(|(rarer, left, right, apart)| {
                (written.side_by_side(left, right, apart), *rarer)
            })?
        };
        Some((left, right, apart))
    }

    /// The other forms of analysed `term` the articles use: its irregular forms from the
    /// lexicon, and, for a word ending in "man" or "men", the other ("woman" and "women",
    /// "fisherman" and "fishermen": WordNet's own rule for nouns, which no stemmer has).
    fn forms_of(&self, term: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .forms
            .get(term)
            .into_iter()
            .flatten()
            .filter(|f| self.doc_freq(f) > 0)
            .cloned()
            .collect();
        let other = match (term.strip_suffix("men"), term.strip_suffix("man")) {
            (Some(stem), _) => Some(format!("{stem}man")),
            (_, Some(stem)) => Some(format!("{stem}men")),
            _ => None,
        };
        // Not a short word that merely ends so ("omen", "amen").
        let other = other.filter(|o| o.len() == 3 || o.len() >= 5);
        if let Some(o) = other.filter(|o| self.doc_freq(o) > 0 && !out.contains(o)) {
            out.push(o);
        }
        out
    }

    fn has_known_synonym(&self, term: &str) -> bool {
        self.synonym_index.get(term).into_iter().flatten().any(|g| {
            self.synonyms[*g].iter().any(|m| {
                m.iter()
                    .all(|w| self.doc_freq(w) > 0 || !self.forms_of(w).is_empty())
            })
        })
    }
}

/// What question analysis may ask of the articles beyond their vocabulary.
pub trait Written {
    /// How the articles write an analysed term ("kilgrav" -> "Kilgrave").
    fn spelling(&self, term: &str) -> Option<String>;
    /// Whether the articles write the words `apart` ("head space"; `left` and `right` are
    /// their analysed terms) side by side somewhere.
    fn side_by_side(&self, left: &str, right: &str, apart: &str) -> bool;
}

/// No articles to ask: terms are not respelled and no two words are known to stand together.
#[cfg(test)]
pub struct Unwritten;

#[cfg(test)]
impl Written for Unwritten {
    fn spelling(&self, _: &str) -> Option<String> {
        None
    }

    fn side_by_side(&self, _: &str, _: &str, _: &str) -> bool {
        false
    }
}

/// A Levenshtein DFA as an automaton over the vocabulary's term automaton.
struct Levenshtein<'a>(&'a DFA);

impl tantivy_fst::Automaton for Levenshtein<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(
            self.0.distance(*state),
            levenshtein_automata::Distance::Exact(_)
        )
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != levenshtein_automata::SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

fn push_max(
    terms: &mut Vec<QueryTerm>,
    term: &str,
    weight: f32,
    origin: Origin,
    word: Option<usize>,
) {
    push_term(
        terms,
        QueryTerm {
            term: term.to_string(),
            weight,
            origin,
            word,
            phrase: None,
        },
    );
}

/// The lexicon's irregular forms (a form and its lemma), analysed, each way: a question's
/// "kids" (read as "child") must find "children", its "teeth" the articles' "tooth". Only
/// pairs the stemmer has not joined and one of which the articles use.
fn irregular_forms(
    pairs: &[(String, String)],
    doc_freq: &FxHashMap<String, u32>,
) -> HashMap<String, Vec<String>> {
    let mut a = analyzer();
    let mut one = |w: &str| <[String; 1]>::try_from(analyse_words(&mut a, w)).ok();
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for (form, lemma) in pairs {
        let (Some([f]), Some([l])) = (one(form), one(lemma)) else {
            continue;
        };
        if f == l || !(doc_freq.contains_key(&f) || doc_freq.contains_key(&l)) {
            continue;
        }
        for (x, y) in [(&f, &l), (&l, &f)] {
            let e = out.entry(x.clone()).or_default();
            if !e.contains(y) {
                e.push(y.clone());
            }
        }
    }
    out
}

/// Adds `new`, or raises the weight of the same term already there.
fn push_term(terms: &mut Vec<QueryTerm>, new: QueryTerm) {
    match terms.iter_mut().find(|t| t.term == new.term) {
        Some(t) => {
            if new.weight > t.weight {
                *t = new;
            }
        }
        None => terms.push(new),
    }
}

/// Analyse a short text into index terms.
pub fn analyse_words(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(tok) = stream.next() {
        out.push(tok.text.clone());
    }
    out
}

/// How many typing slips a word of this length may hold and still be read as the word meant:
/// none under four letters (too many real words are one letter apart), one up to seven,
/// two from eight ("rosenburg").
pub fn typo_edits(word: &str) -> u8 {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Words within `max` edits of `word` (`max` 1 or 2): the same Levenshtein automata that
/// spelling correction runs over the vocabulary, so the project has one edit distance.
pub fn within_edits(word: &str, max: u8) -> impl Fn(&str) -> bool {
    // Building an automaton builder computes its tables, which costs far more than a word's
    // automaton: one of each distance, built once.
    static BUILDERS: once_cell::sync::Lazy<[LevenshteinAutomatonBuilder; 2]> =
        once_cell::sync::Lazy::new(|| {
            [
                LevenshteinAutomatonBuilder::new(1, false),
                LevenshteinAutomatonBuilder::new(2, false),
            ]
        });
    let dfa = match max {
        0 | 1 => BUILDERS[0].build_dfa(word),
        2 => BUILDERS[1].build_dfa(word),
        _ => LevenshteinAutomatonBuilder::new(max, false).build_dfa(word),
    };
    let exact = max == 0;
    let word = word.to_string();
    move |other: &str| {
        if exact {
            return other == word;
        }
        matches!(dfa.eval(other), levenshtein_automata::Distance::Exact(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        Vocabulary::build(
            [
                "Melissa Rosenberg won a Peabody Award",
                "Kilgrave returned for one episode",
                "her mother Alisa",
                "Her head space is complex",
            ]
            .into_iter(),
            &[
                vec!["award".into(), "prize".into()],
                vec!["mother".into(), "mom".into()],
            ],
        )
    }

    #[test]
    fn misspelled_names_are_corrected_against_the_corpus() {
        let a = vocab().analyse("What did Rosenburg say about Kilgrve?", 0.6);
        let terms: Vec<&str> = a.terms.iter().map(|t| t.term.as_str()).collect();
        assert!(terms.contains(&"rosenberg"), "{terms:?}");
        assert!(terms.contains(&"kilgrav"), "{terms:?}");
        assert!(a.unknown.is_empty(), "{:?}", a.unknown);
    }

    #[test]
    fn a_word_of_the_language_is_not_taken_for_a_slip_of_an_articles_word() {
        let lexicon = crate::config::Lexicon {
            synonyms: vec![vec!["discord".into(), "strife".into()]],
            forms: Vec::new(),
        };
        let v = Vocabulary::build_with(
            ["her dissociative identity disorder", "a discard pile"].into_iter(),
            &lexicon,
        );
        let a = v.analyse("the discord server", 0.6);
        assert!(
            a.unknown.contains(&"discord".to_string()),
            "{:?}",
            a.unknown
        );
        // A slip that is no word still finds the article's.
        let a = v.analyse("a discardd pile", 0.6);
        assert!(a.terms.iter().any(|t| t.term == "discard"), "{:?}", a.terms);
    }

    #[test]
    fn irregular_forms_join_their_word_directly_and_through_synonyms() {
        let lexicon = crate::config::Lexicon {
            synonyms: vec![vec!["kid".into(), "child".into()]],
            forms: vec![
                ("children".into(), "child".into()),
                ("teeth".into(), "tooth".into()),
            ],
        };
        let v = Vocabulary::build_with(
            [
                "She taught eleven thousand children to swim",
                "He lost a tooth",
                "Two women and a fisherman",
                "an Oman visa",
            ]
            .into_iter(),
            &lexicon,
        );
        let terms = |q: &str| -> Vec<String> {
            let a = v.analyse(q, 0.6);
            assert!(a.unknown.is_empty(), "{q}: {:?}", a.unknown);
            a.terms.into_iter().map(|t| t.term).collect()
        };
        assert!(terms("how many kids").contains(&"children".into()));
        assert!(terms("his teeth").contains(&"tooth".into()));
        // WordNet's own rule for "-man" nouns, which no stemmer has.
        assert!(terms("which woman").contains(&"women".into()));
        assert!(terms("the fishermen").contains(&"fisherman".into()));
        // Not a short word that merely ends so.
        assert!(!v
            .analyse("a bad omen", 0.6)
            .terms
            .iter()
            .any(|t| t.term == "oman"));
    }

    /// Articles that write "head space" side by side and spell two names as the tests expect.
    struct Articles;

    impl Written for Articles {
        fn spelling(&self, term: &str) -> Option<String> {
            match term {
                "rosenberg" => Some("Rosenberg".to_string()),
                "kilgrav" => Some("Kilgrave".to_string()),
                _ => None,
            }
        }

        fn side_by_side(&self, _: &str, _: &str, apart: &str) -> bool {
            apart == "head space"
        }
    }

    #[test]
    fn misspellings_are_respelled_for_the_model() {
        let a = vocab().analyse_with("Did Rosenburg like Kilgrve?", 0.6, &Articles);
        assert_eq!(a.corrected, "Did Rosenberg like Kilgrave?");
    }

    #[test]
    fn the_words_of_a_multi_word_synonym_share_a_phrase() {
        let v = Vocabulary::build(
            ["She had one Academy Award nomination"].into_iter(),
            &[vec!["oscar".into(), "academy award".into()]],
        );
        let a = v.analyse("an oscar nod", 0.6);
        let of = |term: &str| a.terms.iter().find(|t| t.term == term).cloned();
        let (academy, award) = (of("academi").or(of("academy")), of("award"));
        let (Some(academy), Some(award)) = (academy, award) else {
            panic!("{:?}", a.terms);
        };
        assert!(academy.phrase.is_some() && academy.phrase == award.phrase);
        assert!((academy.weight + award.weight - 0.6).abs() < 1e-6);
        assert_eq!(of("oscar").and_then(|t| t.phrase), None);
    }

    #[test]
    fn the_verb_of_a_phrasal_verb_weighs_less_than_a_word_on_its_own() {
        let v = Vocabulary::build(
            ["It gave her a purpose. I quit the strings."].into_iter(),
            &[
                vec!["give up".into(), "quit".into()],
                vec!["gave".into(), "give".into()],
            ],
        );
        let weight = |question: &str, term: &str| {
            v.analyse(question, 0.6)
                .terms
                .iter()
                .find(|t| t.term == term)
                .map(|t| t.weight)
        };
        // An irregular form too: "gave up" is "give up".
        assert_eq!(
            weight("why she gave up strings", "gave"),
            Some(PHRASAL_VERB_WEIGHT)
        );
        assert_eq!(weight("why she gave her a purpose", "gave"), Some(1.0));
        assert_eq!(weight("why she gave strings up", "gave"), Some(1.0));
    }

    #[test]
    fn a_closed_compound_is_cut_where_the_articles_write_its_words_together() {
        let v = Vocabulary::build(
            [
                "Her head space is complex",
                "the heads of department",
                "a gentle pace",
            ]
            .into_iter(),
            &[],
        );
        let a = v.analyse_with("her headspace", 0.6, &Articles);
        let terms: Vec<&str> = a.terms.iter().map(|t| t.term.as_str()).collect();
        assert!(terms.contains(&"space"), "{terms:?}");
        assert!(!terms.contains(&"pace"), "{terms:?}");
        assert_eq!(a.corrected, "her head space");
    }

    #[test]
    fn a_closed_compound_is_read_as_the_two_words_the_articles_use() {
        let v = vocab();
        let a = v.analyse("her headspace", 0.6);
        let terms: Vec<&str> = a.terms.iter().map(|t| t.term.as_str()).collect();
        assert!(
            terms.contains(&"head") && terms.contains(&"space"),
            "{terms:?}"
        );
        assert_eq!(a.corrected, "her head space");
        assert!(a.unknown.is_empty());
    }

    #[test]
    fn synonyms_are_added_at_a_discount() {
        let a = vocab().analyse("Which prizes?", 0.6);
        let award = a.terms.iter().find(|t| t.term == "award").map(|t| t.weight);
        assert_eq!(award, Some(0.6));
        assert!(a.unknown.is_empty());
    }

    #[test]
    fn unknown_words_are_reported_and_stop_words_dropped() {
        let a = vocab().analyse("What is the recipe for sourdough?", 0.6);
        assert_eq!(
            a.unknown,
            vec!["recip".to_string(), "sourdough".to_string()]
        );
        assert!(a.terms.iter().all(|t| t.term != "the" && t.term != "what"));
    }

    #[test]
    fn pronouns_mark_a_follow_up() {
        assert!(
            vocab()
                .analyse("What condition does she suffer from?", 0.6)
                .anaphoric
        );
        assert!(
            !vocab()
                .analyse("Who is the villain of season 2?", 0.6)
                .anaphoric
        );
    }

    #[test]
    fn the_memo_stems_exactly_as_tantivys_stemmer_does() {
        use tantivy::tokenizer::{Language, Stemmer};
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build();
        let mut cached = analyzer();
        let text = "Running runners ran; the runner's running again. Kilgrave's Hellcat, \
                    Rosenberg's awards, naïve café generously generous generously.";
        // Twice, so the second pass is served from the memo.
        for _ in 0..2 {
            assert_eq!(
                analyse_words(&mut cached, text),
                analyse_words(&mut plain, text)
            );
        }
    }

    #[test]
    fn edit_distance_is_bounded() {
        assert!(within_edits("sitting", 2)("sittn"));
        assert!(!within_edits("sitting", 2)("kitten"));
        assert!(within_edits("ab", 2)(""));
        assert!(!within_edits("ab", 1)(""));
    }
}
