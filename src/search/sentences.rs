//! A passage's sentences and clauses, stemmed once and kept between questions. Ranking reads
//! them for the leading candidates of every question (the words of two neighbouring sentences,
//! the sentence that best matches, the clause that dates or counts what is asked, the sentence
//! naming a "which X"); stemming them again at each question was a third of the slowest
//! question at 10,000 articles.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use once_cell::sync::Lazy;
use regex::Regex;

use super::analysis::{self, QueryTerm};
use super::highlight::sentences;
use super::Engine;

/// How many passages' analysed sentences are kept: the leading candidates of a few hundred
/// questions.
pub(super) const KEPT_PASSAGES: std::num::NonZeroUsize = std::num::NonZeroUsize::new(4096).unwrap();

/// Where a sentence divides into clauses that may each be about something else: "X returns on
/// 4 April, and Y follows later", "X wrapped in May, while Y is still casting".
static CLAUSE_BREAK: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)\s*;\s*|,\s+(?:and|but|while|whereas|though|although|yet)\s+|\s+(?:while|whereas)\s+",
    )
    .expect("static regex compiles")
});

/// One sentence of a text: where it is, its analysed words, and its clauses.
#[derive(Debug)]
pub(super) struct Sentence {
    pub range: Range<usize>,
    pub words: HashSet<String>,
    /// Each clause (split at [`CLAUSE_BREAK`]) with its analysed words.
    pub clauses: Vec<(Range<usize>, HashSet<String>)>,
}

/// A passage's interviewer question and answer, sentence by sentence.
#[derive(Debug)]
pub(super) struct Sentences {
    pub question: Vec<Sentence>,
    pub answer: Vec<Sentence>,
    /// The analysed words of the name of who speaks the answer: they say every sentence of it.
    pub speaker: HashSet<String>,
}

/// The sentences of `text`, analysed.
pub(super) fn analyse(a: &mut tantivy::tokenizer::TextAnalyzer, text: &str) -> Vec<Sentence> {
    sentences(text)
        .into_iter()
        .map(|range| {
            let sentence = &text[range.clone()];
            let mut from = 0;
            let mut clauses = Vec::new();
            let mut push = |r: Range<usize>, a: &mut tantivy::tokenizer::TextAnalyzer| {
                let words = analysis::analyse_words(a, &sentence[r.clone()])
                    .into_iter()
                    .collect();
                clauses.push((range.start + r.start..range.start + r.end, words));
            };
            for m in CLAUSE_BREAK.find_iter(sentence) {
                push(from..m.start(), a);
                from = m.end();
            }
            push(from..sentence.len(), a);
            let words = analysis::analyse_words(a, sentence).into_iter().collect();
            Sentence {
                range,
                words,
                clauses,
            }
        })
        .collect()
}

/// The text from the start of the first of `s` to the end of the last (all of `text` for none).
pub(super) fn span<'t>(text: &'t str, s: &[Sentence]) -> &'t str {
    match (s.first(), s.last()) {
        (Some(first), Some(last)) => text.get(first.range.start..last.range.end).unwrap_or(text),
        _ => text,
    }
}

/// The index of the sentence that matches `terms` best: the highest summed weight of the
/// distinct terms it holds (`highlight::term_weights`, as the highlighted sentence is chosen).
pub(super) fn best(
    s: &[Sentence],
    terms: &[QueryTerm],
    idf: impl Fn(&str) -> f32,
) -> Option<usize> {
    let weights = super::highlight::term_weights(terms, idf);
    let mut top: Option<(f32, usize)> = None;
    for (i, sentence) in s.iter().enumerate() {
        let score: f32 = weights
            .iter()
            .filter(|(t, _)| sentence.words.contains(**t))
            .map(|(_, w)| w)
            .sum();
        if score > 0.0 && top.is_none_or(|(b, _)| score > b) {
            top = Some((score, i));
        }
    }
    top.map(|(_, i)| i)
}

impl Engine {
    /// Passage `id`'s sentences, analysed (once, then kept among the recent ones).
    pub(super) fn sentences_of(&self, id: usize) -> Arc<Sentences> {
        // A cache: a panic elsewhere cannot leave it inconsistent.
        let lock = || self.analysed.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = lock().get(&id) {
            return Arc::clone(s);
        }
        let p = &self.corpus.passages[id];
        let mut a = analysis::analyzer();
        let s = Arc::new(Sentences {
            question: p
                .question
                .as_deref()
                .map(|q| analyse(&mut a, q))
                .unwrap_or_default(),
            answer: analyse(&mut a, &p.answer),
            speaker: p
                .speaker
                .as_deref()
                .map(|name| analysis::analyse_words(&mut a, name).into_iter().collect())
                .unwrap_or_default(),
        });
        lock().put(id, Arc::clone(&s));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_split_where_a_sentence_turns_to_something_else() {
        let mut a = analysis::analyzer();
        let text = "Glasswing returns on 4 April, and Saltmarsh follows later. It runs long.";
        let s = analyse(&mut a, text);
        assert_eq!(s.len(), 2);
        let clauses: Vec<&str> = s[0].clauses.iter().map(|(r, _)| &text[r.clone()]).collect();
        assert_eq!(
            clauses,
            vec!["Glasswing returns on 4 April", "Saltmarsh follows later."]
        );
        let term = |w: &str| analysis::analyse_words(&mut analysis::analyzer(), w).remove(0);
        let (glasswing, saltmarsh) = (term("Glasswing"), term("Saltmarsh"));
        assert!(s[0].clauses[1].1.contains(&saltmarsh));
        assert!(!s[0].clauses[0].1.contains(&saltmarsh));
        assert!(s[0].words.contains(&glasswing) && s[0].words.contains(&saltmarsh));
        assert_eq!(span(text, &s[1..]), "It runs long.");
    }
}
