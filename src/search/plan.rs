//! The question read once: casual forms, spelling, compounds and weights (`analyse`), the
//! rarely named people it asks about, and the vector the model compares passages with.

use super::*;

/// A name in fewer than this share of passages is specific enough that a passage answering a
/// question about it names it too.
pub(super) const NAMED_SHARE: f32 = 0.25;

/// A word in at least this share of the passages is common to the folder (see `embed_query`).
pub(super) const COMMON_SHARE: f32 = 0.4;

/// Weight of the question's vector without its common words, beside the whole question's.
pub(super) const SPECIFIC_WEIGHT: f32 = 0.5;

/// A name the title or introduction of an article gives is that article's subject when at
/// most this share of its other passages repeat it (see `Engine::subject_words`).
pub(super) const SUBJECT_SHARE: f32 = 0.34;

/// A name that more than this many articles give in their title or introduction is a topic the
/// folder shares (the show, in a server about one show), not what one article is about; the
/// articles are not tested one by one then (at 10,000 articles that took 300 ms a question).
pub(super) const SUBJECT_MAX_ARTICLES: usize = 10;

/// Makes the question's words `stems` weak: searched for, but not what coverage is measured on.
pub(super) fn demote(question: &mut Analysed, stems: &[&str]) {
    demote_as(question, stems, Origin::Weak, DEMOTED_WEIGHT);
}

/// Makes the question's words `stems` (see `Engine::subject_words`) say which article it asks
/// about: searched for in titles, and not what coverage is measured on.
pub(super) fn demote_subjects(question: &mut Analysed, stems: &[&str]) {
    demote_as(question, stems, Origin::Subject, 1.0);
}

fn demote_as(question: &mut Analysed, stems: &[&str], origin: Origin, weight: f32) {
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
            t.origin = origin;
            t.weight *= weight;
        }
    }
}

/// Weight left to a question word that names the kind of answer wanted.
pub(super) const DEMOTED_WEIGHT: f32 = 0.3;

/// How many passages holding both halves of a split word are read to find them side by side:
/// enough to find a phrase the articles use, few enough to cost nothing on a large corpus.
const SIDE_BY_SIDE_READS: usize = 50;

/// The words of `text`, lowercased, without surrounding punctuation or a possessive "'s".
/// The runs of `text`'s words (lowercased, a possessive's "'s" off) that `is_name` takes for
/// part of a name, one list per run.
fn name_runs(text: &str, mut is_name: impl FnMut(&str) -> bool) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut entity: Vec<String> = Vec::new();
    for raw in text.split_whitespace() {
        let word = raw
            .trim_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches("'s")
            .trim_end_matches("’s")
            .to_lowercase();
        if is_name(&word) {
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

pub(super) fn plain_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// `a + w·b`, scaled to unit length.
pub(super) fn unit_sum(a: &[f32], b: &[f32], w: f32) -> Vec<f32> {
    let sum: Vec<f32> = a.iter().zip(b).map(|(x, y)| x + w * y).collect();
    let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
    sum.into_iter().map(|x| x / norm).collect()
}

impl Engine {
    /// The question analysed against the corpus's vocabulary.
    pub(super) fn analyse(&self, text: &str, synonym_weight: f32) -> Analysed {
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
        self.vocab.analyse_with(&text, synonym_weight, self)
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
        let article = &self.corpus.articles[p.article];
        let mut a = analysis::analyzer();
        // Where the index found it: the passage, or what it is indexed under as its title
        // (`setup::article_heads`).
        for text in [
            p.answer.as_str(),
            p.question.as_deref().unwrap_or(""),
            p.speaker.as_deref().unwrap_or(""),
            article.source.title.as_str(),
            article.interviewee.as_deref().unwrap_or(""),
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

    /// The names in a question that the articles seldom use (in under [`NAMED_SHARE`] of the
    /// passages), one list of words per name: a passage answering a question about "Janet
    /// McTeer" names her. Names most passages share (the show's title, the interviewee of a
    /// corpus of her interviews) are not asked of every passage.
    pub(super) fn rare_names(&self, question: &str) -> Vec<Vec<String>> {
        let mut a = analysis::analyzer();
        name_runs(question, |word| {
            self.names.is_name_word(word)
                && analysis::analyse_words(&mut a, word)
                    .iter()
                    .all(|t| self.vocab.share(t) < NAMED_SHARE)
        })
    }

    /// The names `text` uses that the articles use too, frequent or not, each as its
    /// lowercased words.
    pub(super) fn names_in(&self, text: &str) -> Vec<Vec<String>> {
        name_runs(text, |word| {
            self.names.is_name_word(word) && !analysis::is_stop_word(word)
        })
    }

    /// The stems of the question's names that say which article it is about rather than what
    /// it asks of it: names an article's title or introduction gives and few of its other
    /// passages repeat ("who was the captain in deep watch based on", where only the
    /// introduction of the Deep Watch interview says "Deep Watch"). Matching them would rank
    /// that introduction first; the passages of the article count as naming them anyway
    /// (`lacks_names`), so they keep the answer within the article.
    /// `named` is the question's [`rare_names`](Self::rare_names).
    pub(super) fn subject_words(&self, question: &str, named: &[Vec<String>]) -> Vec<String> {
        let mut a = analysis::analyzer();
        let words = plain_words(question);
        let mut out: Vec<String> = Vec::new();
        // Besides the names the articles use, a word a title writes capitalised may be part of
        // one ("the beekeeper movie" for THE BEEKEEPER'S ALMANAC).
        let mut names = named.to_vec();
        for w in &words {
            let named = names.iter().flatten().any(|n| n == w);
            if !named && self.title_words.contains(w) && !analysis::is_stop_word(w) {
                names.push(vec![w.clone()]);
            }
        }
        for name in names {
            let Some(start) = words.windows(name.len()).position(|w| w == name.as_slice()) else {
                continue;
            };
            let terms = analysis::analyse_words(&mut a, &name.join(" "));
            if terms.is_empty() || terms.iter().any(|t| out.contains(t)) {
                continue;
            }
            let introduces = |article: usize| terms.iter().all(|t| self.about[article].contains(t));
            let introduced = (0..self.about.len())
                .filter(|&article| introduces(article))
                .take(SUBJECT_MAX_ARTICLES + 1)
                .count();
            let shared = introduced > SUBJECT_MAX_ARTICLES;
            for article in 0..self.about.len() {
                if self.is_interviewee_of(article, &terms) {
                    out.extend(
                        terms
                            .iter()
                            .filter(|t| !out.contains(t))
                            .cloned()
                            .collect::<Vec<_>>(),
                    );
                    break;
                }
                if shared || !introduces(article) {
                    continue;
                }
                // A name's other words need not be names themselves ("deep" of "Deep Watch"
                // is an ordinary word elsewhere): the question's words either side of it that
                // continue it as the article's title or introduction writes it belong to it.
                let head = format!(" {} ", plain_words(&self.article_head(article)).join(" "));
                let has = |span: &[String]| head.contains(&format!(" {} ", span.join(" ")));
                let (mut from, mut to) = (start, start + name.len());
                while from > 0 && has(&words[from - 1..to]) {
                    from -= 1;
                }
                while to < words.len() && has(&words[from..=to]) {
                    to += 1;
                }
                let whole: Vec<String> =
                    analysis::analyse_words(&mut a, &words[from..to].join(" "))
                        .into_iter()
                        .filter(|t| !self.vocab.is_stop(t))
                        .collect();
                if self.is_subject_of(article, &whole) {
                    out.extend(
                        whole
                            .into_iter()
                            .filter(|t| !out.contains(t))
                            .collect::<Vec<_>>(),
                    );
                    break;
                }
            }
        }
        out
    }

    /// Whether the analysed `terms` of a name are what `article` is about: its title or
    /// introduction names it, at most [`SUBJECT_SHARE`] of the article's other passages
    /// repeat it (none in an interviewer's question), and no passage of another article does
    /// ("Trish", named in one introduction and discussed across the other articles, is a
    /// topic, not what that article is about).
    fn is_subject_of(&self, article: usize, terms: &[String]) -> bool {
        if terms.is_empty() {
            return false;
        }
        let (intro, others): (Vec<usize>, Vec<usize>) = self
            .corpus
            .passages_of(article)
            .partition(|&id| self.intro[id]);
        let wanted: Vec<&str> = terms.iter().map(String::as_str).collect();
        let f = self.passages.fields;
        let body = [f.question, f.answer, f.speaker];
        let count = |ids: &[usize]| -> Option<usize> {
            let rows = self.passages.has_terms(ids, &wanted, &body).ok()?;
            Some(rows.iter().filter(|row| row.iter().all(|&h| h)).count())
        };
        let (Some(in_intro), Some(repeats)) = (count(&intro), count(&others)) else {
            return false;
        };
        // An interviewer who asks about it treats it as one topic of the article ("a tender
        // exchange on the Ferris wheel"), not as what the whole article is about.
        let asked = self
            .passages
            .has_terms(&others, &wanted, &[f.question])
            .map(|rows| rows.iter().any(|row| row.iter().all(|&h| h)))
            .unwrap_or(true);
        if asked {
            return false;
        }
        let Ok(anywhere) = self.passages.count_with_all(&wanted, &body) else {
            return false;
        };
        let allowed = (SUBJECT_SHARE * others.len() as f32).max(1.0);
        repeats as f32 <= allowed && anywhere <= in_intro + repeats
    }

    /// Whether the analysed `terms` of a name are (part of) the name of the person `article`
    /// interviews, and no other article names them: then the name says which article the
    /// question is about ("what's wren adebayo doing next"), and every passage of it is theirs.
    /// Unlike a title's names, the interviewer addressing them ("Amara, how big was it?") does
    /// not make the name one topic among others.
    fn is_interviewee_of(&self, article: usize, terms: &[String]) -> bool {
        let Some(name) = self.interviewee_terms.get(article) else {
            return false;
        };
        if terms.is_empty() || !terms.iter().all(|t| name.contains(t)) {
            return false;
        }
        let wanted: Vec<&str> = terms.iter().map(String::as_str).collect();
        let f = self.passages.fields;
        let body = [f.question, f.answer, f.speaker];
        let ids: Vec<usize> = self.corpus.passages_of(article).collect();
        let here = self
            .passages
            .has_terms(&ids, &wanted, &body)
            .map(|rows| rows.iter().filter(|row| row.iter().all(|&h| h)).count());
        let anywhere = self.passages.count_with_all(&wanted, &body);
        matches!((here, anywhere), (Ok(here), Ok(anywhere)) if anywhere <= here)
    }

    /// An article's title and introduction, as one text.
    fn article_head(&self, article: usize) -> String {
        let mut head = self.corpus.articles[article].source.title.clone();
        for id in self
            .corpus
            .passages_of(article)
            .filter(|&id| self.intro[id])
        {
            head.push(' ');
            head.push_str(&self.corpus.passages[id].answer);
        }
        head
    }

    /// The question's sentence vector, when a model is loaded.
    ///
    /// Words that most passages share (the show's name in a folder about one show) dominate a
    /// short question's vector, so every passage about the show looks alike to the model. The
    /// question is also embedded without them, and the two vectors are summed: the second one
    /// carries what the question asks about the show.
    ///
    /// `subjects` (stems, see `subject_words`) are left out of that second vector too: it
    /// should carry what the question asks of the article, not which article it is.
    pub(super) fn embed_query(&self, text: &str, subjects: &[String]) -> Option<Vec<f32>> {
        let d = self.dense.as_ref().filter(|_| self.levers.model)?;
        // A thread's follow-ups embed its earlier questions again, and people re-ask (or pick
        // the same autocomplete entry): the model's time is most of an `ask`.
        let key = format!("{text}\u{1f}{}", subjects.join(" "));
        if let Some(v) = self.recent_vectors().get(&key).cloned() {
            return Some(v);
        }
        let v = self.embed_query_uncached(d, text, subjects)?;
        self.recent_vectors().put(key, v.clone());
        Some(v)
    }

    /// The cache of recent questions' vectors.
    fn recent_vectors(&self) -> std::sync::MutexGuard<'_, lru::LruCache<String, Vec<f32>>> {
        // A cache: a panic elsewhere cannot leave it inconsistent.
        self.question_vectors
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    fn embed_query_uncached(&self, d: &Dense, text: &str, subjects: &[String]) -> Option<Vec<f32>> {
        let specific = self.without_common_words(text, subjects);
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

    /// `text` without the words that most passages hold and the `subjects`, or `None` when it
    /// has none of them or nothing else.
    pub(super) fn without_common_words(&self, text: &str, subjects: &[String]) -> Option<String> {
        let mut a = analysis::analyzer();
        let mut dropped = false;
        let mut content = false;
        let mut kept: Vec<&str> = Vec::new();
        for word in text.split_whitespace() {
            let terms = analysis::analyse_words(&mut a, word);
            let common = |t: &String| self.vocab.share(t) >= COMMON_SHARE || subjects.contains(t);
            if !terms.is_empty() && terms.iter().all(common) {
                dropped = true;
            } else {
                content |= terms.iter().any(|t| !self.vocab.is_stop(t));
                kept.push(word);
            }
        }
        (dropped && content).then(|| kept.join(" "))
    }
}

impl analysis::Written for Engine {
    fn spelling(&self, term: &str) -> Option<String> {
        self.spelling_of(term)
    }

    fn side_by_side(&self, left: &str, right: &str, apart: &str) -> bool {
        let f = self.passages.fields;
        let ids = self
            .passages
            .with_both(left, right, f.answer, SIDE_BY_SIDE_READS)
            .unwrap_or_default();
        let hyphened = apart.replace(' ', "-");
        ids.iter()
            .filter_map(|&id| self.corpus.passages.get(usize::try_from(id).ok()?))
            .any(|p| {
                let text = p.answer.to_lowercase();
                text.contains(apart) || text.contains(&hyphened)
            })
    }
}
