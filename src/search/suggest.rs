//! Autocomplete: interview questions that match what has been typed so far. Lexical, with its
//! own small inverted index (whole words by analysed term, the word being typed by prefix over a
//! sorted word list), so a keystroke costs the size of a few posting lists, not a scan of every
//! question: it answers well inside Discord's three seconds at any corpus size.

use std::collections::HashSet;

use rustc_hash::FxHashMap;

use super::analysis::{analyse_words, analyzer, is_stop_word};
use super::truncate_chars;
use crate::corpus::Corpus;

#[derive(serde::Serialize, serde::Deserialize)]
pub struct QuestionList {
    texts: Vec<String>,
    /// Analysed term -> questions containing it (ascending ids).
    by_term: FxHashMap<String, Vec<u32>>,
    /// Every lowercased word, sorted, with the questions containing it: a prefix is a range.
    words: Vec<(String, Vec<u32>)>,
}

/// The word being typed must have at least this many characters to be matched as a prefix
/// (a single letter matches nearly everything).
const MIN_PREFIX: usize = 2;

impl QuestionList {
    pub fn new(corpus: &Corpus) -> Self {
        use rayon::prelude::*;
        let mut seen = HashSet::new();
        let texts: Vec<String> = corpus
            .passages
            .iter()
            .filter_map(|p| p.question.as_deref())
            .map(|q| q.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|text| seen.insert(text.to_lowercase()))
            .collect();
        // Questions are posted in chunks on every core (analysis is most of the work), and the
        // chunks' lists joined in order, so every list stays ascending.
        let chunk = texts
            .len()
            .div_ceil(rayon::current_num_threads().max(1))
            .max(512);
        type Lists = FxHashMap<String, Vec<u32>>;
        let parts: Vec<(Lists, Lists)> = texts
            .par_chunks(chunk)
            .enumerate()
            .map(|(n, texts)| {
                let mut a = analyzer();
                let (mut by_term, mut by_word) = (Lists::default(), Lists::default());
                for (i, text) in texts.iter().enumerate() {
                    let id = (n * chunk + i) as u32;
                    let terms = analyse_words(&mut a, text);
                    let words = lower_words(text);
                    for (map, keys) in [(&mut by_term, terms), (&mut by_word, words)] {
                        for k in keys {
                            match map.get_mut(k.as_str()) {
                                // A word twice in one question is posted once.
                                Some(ids) if ids.last() == Some(&id) => {}
                                Some(ids) => ids.push(id),
                                None => {
                                    map.insert(k, vec![id]);
                                }
                            }
                        }
                    }
                }
                (by_term, by_word)
            })
            .collect();
        let mut parts = parts.into_iter();
        let (mut by_term, mut by_word) = parts.next().unwrap_or_default();
        for (terms, words) in parts {
            for (map, part) in [(&mut by_term, terms), (&mut by_word, words)] {
                for (k, ids) in part {
                    map.entry(k).or_default().extend(ids);
                }
            }
        }
        let mut words: Vec<(String, Vec<u32>)> = by_word.into_iter().collect();
        words.sort_by(|x, y| x.0.cmp(&y.0));
        Self {
            texts,
            by_term,
            words,
        }
    }

    /// A few questions to try, spread over the articles.
    pub fn samples(&self, n: usize) -> Vec<String> {
        let step = (self.texts.len() / n.max(1)).max(1);
        self.texts.iter().step_by(step).take(n).cloned().collect()
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
        let content: Vec<String> = done
            .iter()
            .filter(|w| !is_stop_word(w))
            .flat_map(|w| analyse_words(&mut a, w))
            .collect();
        // Scores live in an array over all questions, not a hash map: a common name's posting
        // list holds thousands of questions at a large corpus, and each keystroke walks it.
        let mut scores = vec![0u32; self.texts.len()];
        let mut touched: Vec<u32> = Vec::new();
        let mut add = |id: u32, points: u32, scores: &mut Vec<u32>| {
            if let Some(s) = scores.get_mut(id as usize) {
                if *s == 0 {
                    touched.push(id);
                }
                *s += points;
            }
        };
        for t in &content {
            for id in self.by_term.get(t).into_iter().flatten() {
                add(*id, 2, &mut scores);
            }
        }
        let prefix = partial
            .as_deref()
            .filter(|p| p.chars().count() >= MIN_PREFIX);
        if let Some(p) = prefix {
            let start = self.words.partition_point(|(w, _)| w.as_str() < p);
            // A question with two words starting with the prefix counts once.
            let mut hit = vec![false; self.texts.len()];
            for (w, ids) in &self.words[start..] {
                if !w.starts_with(p) {
                    break;
                }
                for &id in ids {
                    if let Some(h) = hit.get_mut(id as usize) {
                        if !*h {
                            *h = true;
                            add(id, 1, &mut scores);
                        }
                    }
                }
            }
        }
        let ranked: Vec<(u32, u32)> = if content.is_empty() && prefix.is_none() {
            // Nothing specific typed yet ("", "what did"): the first questions, in order.
            (0..self.texts.len().min(limit) as u32)
                .map(|i| (0, i))
                .collect()
        } else {
            touched
                .into_iter()
                .map(|id| (scores[id as usize], id))
                .collect()
        };
        let by_score = |x: &(u32, u32), y: &(u32, u32)| y.0.cmp(&x.0).then(x.1.cmp(&y.1));
        super::top_n(ranked, limit, by_score)
            .into_iter()
            .map(|(_, id)| truncate_chars(&self.texts[id as usize], max_chars))
            .collect()
    }
}

fn lower_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Passage, PassageKind};

    fn list(questions: &[&str]) -> QuestionList {
        let mut corpus = Corpus::default();
        for q in questions {
            corpus.passages.push(Passage {
                article: 0,
                kind: PassageKind::Exchange,
                question: Some(q.to_string()),
                answer: "answer".into(),
                speaker: None,
                section: None,
            });
        }
        QuestionList::new(&corpus)
    }

    #[test]
    fn whole_words_outrank_a_prefix_and_order_is_stable() {
        let l = list(&[
            "How did Kilgrave come back?",
            "What about the killing?",
            "Why did Kilgrave return for one episode?",
        ]);
        assert_eq!(
            l.suggest("kilgrave ret", 25, 100),
            vec![
                "Why did Kilgrave return for one episode?".to_string(),
                "How did Kilgrave come back?".to_string(),
            ]
        );
        assert_eq!(l.suggest("kil", 25, 100).len(), 3);
    }

    #[test]
    fn nothing_typed_lists_questions_and_limits_hold() {
        let l = list(&["One question here?", "Another question there?", "A third?"]);
        assert_eq!(l.suggest("", 2, 100).len(), 2);
        assert_eq!(l.suggest("what did ", 25, 100).len(), 3);
        assert!(l
            .suggest("question", 25, 10)
            .iter()
            .all(|s| s.chars().count() <= 10));
        assert!(l.suggest("zzz", 25, 100).is_empty());
    }
}
