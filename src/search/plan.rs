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

/// Makes the question's words `stems` weak: searched for, but not what coverage is measured on.
pub(super) fn demote(question: &mut Analysed, stems: &[&str]) {
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
pub(super) const DEMOTED_WEIGHT: f32 = 0.3;

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
        self.vocab
            .analyse_with(&text, synonym_weight, |term| self.spelling_of(term))
    }

    /// How the articles write `term` (an analysed term): the word it comes from in the first
    /// passage that has it ("kilgrav" -> "Kilgrave").
    pub(super) fn spelling_of(&self, term: &str) -> Option<String> {
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

    /// The names in a question that the articles seldom use (in under [`NAMED_SHARE`] of the
    /// passages), one list of words per name: a passage answering a question about "Janet
    /// McTeer" names her. Names most passages share (the show's title, the interviewee of a
    /// corpus of her interviews) are not asked of every passage.
    pub(super) fn rare_names(&self, question: &str) -> Vec<Vec<String>> {
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

    /// The question's sentence vector, when a model is loaded.
    ///
    /// Words that most passages share (the show's name in a folder about one show) dominate a
    /// short question's vector, so every passage about the show looks alike to the model. The
    /// question is also embedded without them, and the two vectors are summed: the second one
    /// carries what the question asks about the show.
    pub(super) fn embed_query(&self, text: &str) -> Option<Vec<f32>> {
        let d = self.dense.as_ref().filter(|_| self.levers.model)?;
        // A thread's follow-ups embed its earlier questions again, and people re-ask (or pick
        // the same autocomplete entry): the model's time is most of an `ask`.
        if let Some(v) = self.recent_vectors().get(text).cloned() {
            return Some(v);
        }
        let v = self.embed_query_uncached(d, text)?;
        self.recent_vectors().put(text.to_string(), v.clone());
        Some(v)
    }

    /// The cache of recent questions' vectors.
    fn recent_vectors(&self) -> std::sync::MutexGuard<'_, lru::LruCache<String, Vec<f32>>> {
        // A cache: a panic elsewhere cannot leave it inconsistent.
        self.question_vectors
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    fn embed_query_uncached(&self, d: &Dense, text: &str) -> Option<Vec<f32>> {
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
    pub(super) fn without_common_words(&self, text: &str) -> Option<String> {
        let mut a = analysis::analyzer();
        let mut dropped = false;
        let mut content = false;
        let mut kept: Vec<&str> = Vec::new();
        for word in text.split_whitespace() {
            let terms = analysis::analyse_words(&mut a, word);
            if !terms.is_empty() && terms.iter().all(|t| self.vocab.share(t) >= COMMON_SHARE) {
                dropped = true;
            } else {
                content |= terms.iter().any(|t| !self.vocab.is_stop(t));
                kept.push(word);
            }
        }
        (dropped && content).then(|| kept.join(" "))
    }
}
