//! Autocomplete: interview questions that match what has been typed so far. Lexical and cheap,
//! so it answers well inside Discord's three seconds.

use std::collections::HashSet;

use super::analysis::{analyse_words, analyzer};
use super::truncate_chars;
use crate::corpus::Corpus;

struct Entry {
    text: String,
    /// Analysed terms of the question, for whole-word matches.
    terms: HashSet<String>,
    /// Lowercased words, for prefix matches of the word being typed.
    words: Vec<String>,
}

pub struct QuestionList {
    entries: Vec<Entry>,
}

impl QuestionList {
    pub fn new(corpus: &Corpus) -> Self {
        let mut a = analyzer();
        let mut seen = HashSet::new();
        let mut entries = Vec::new();
        for q in corpus.passages.iter().filter_map(|p| p.question.as_deref()) {
            let text = q.split_whitespace().collect::<Vec<_>>().join(" ");
            if !seen.insert(text.to_lowercase()) {
                continue;
            }
            entries.push(Entry {
                terms: analyse_words(&mut a, &text).into_iter().collect(),
                words: lower_words(&text),
                text,
            });
        }
        Self { entries }
    }

    /// A few questions to try, spread over the articles.
    pub fn samples(&self, n: usize) -> Vec<String> {
        let step = (self.entries.len() / n.max(1)).max(1);
        self.entries
            .iter()
            .step_by(step)
            .take(n)
            .map(|e| e.text.clone())
            .collect()
    }

    pub fn suggest(&self, typed: &str, limit: usize, max_chars: usize) -> Vec<String> {
        let typed: String = typed.chars().take(200).collect();
        let words = lower_words(&typed);
        let complete = !typed.ends_with(|c: char| c.is_alphanumeric());
        let (done, partial) = match words.split_last() {
            Some((last, rest)) if !complete => (rest.to_vec(), Some(last.clone())),
            _ => (words.clone(), None),
        };
        let mut a = analyzer();
        let done_terms: Vec<String> = done.iter().flat_map(|w| analyse_words(&mut a, w)).collect();
        let mut scored: Vec<(usize, usize)> = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            let mut score = done_terms.iter().filter(|t| e.terms.contains(*t)).count() * 2;
            if let Some(p) = &partial {
                if e.words.iter().any(|w| w.starts_with(p.as_str())) {
                    score += 1;
                }
            }
            if score > 0 || words.is_empty() {
                scored.push((score, i));
            }
        }
        scored.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        scored
            .into_iter()
            .take(limit)
            .map(|(_, i)| truncate_chars(&self.entries[i].text, max_chars))
            .collect()
    }
}

fn lower_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}
