//! Which sentence of a passage best answers the question, and which words matched, from
//! tantivy's snippet highlight ranges (never its HTML).

use std::collections::BTreeMap;
use std::ops::Range;

use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;

use super::analysis::{analyse_words, analyzer, QueryTerm};

/// Byte ranges of the sentences of `text`: split after `.`, `!` or `?` (and any closing quote or
/// bracket) followed by white space.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')' | ']') {
                j += 1;
            }
            if j < chars.len() && chars[j].1.is_whitespace() {
                let end = chars[j].0;
                if !text[start..end].trim().is_empty() {
                    out.push(trim_range(text, start..end));
                }
                start = end;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if !text[start..].trim().is_empty() {
        out.push(trim_range(text, start..text.len()));
    }
    out
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    r.start + lead..r.end - trail
}

/// The best sentence of `text` for `terms` and the matched word ranges, both as byte ranges.
pub struct Highlight {
    pub best_sentence: Option<Range<usize>>,
    pub matched: Vec<Range<usize>>,
}

/// Each distinct term's weight in choosing a sentence: its weight in the question times its
/// rarity, the highest where analysis gave a term twice. Ranking's choice of the best sentence
/// (`sentences::best`) weighs terms by this too, so the sentence shown is the one ranked.
/// Borrowed from `terms`: ranking reads it for each leading candidate, and copies nothing.
pub(super) fn term_weights(terms: &[QueryTerm], idf: impl Fn(&str) -> f32) -> BTreeMap<&str, f32> {
    let mut weights: BTreeMap<&str, f32> = BTreeMap::new();
    for t in terms {
        let w = t.weight * idf(&t.term);
        let e = weights.entry(t.term.as_str()).or_default();
        *e = e.max(w);
    }
    weights
}

pub fn highlight(text: &str, terms: &[QueryTerm], idf: impl Fn(&str) -> f32) -> Highlight {
    let weights = term_weights(terms, idf);
    // The field is only used by snippet_from_doc; snippet() works on the text we pass.
    let generator = SnippetGenerator::new(
        weights.iter().map(|(t, &w)| (t.to_string(), w)).collect(),
        analyzer(),
        Field::from_field_id(0),
        text.len() + 1,
    );
    let mut tokenizer = analyzer();
    let mut best: Option<(f32, Range<usize>)> = None;
    let mut matched = Vec::new();
    for sentence in sentences(text) {
        let snippet = generator.snippet(&text[sentence.clone()]);
        let mut seen = std::collections::HashSet::new();
        let mut score = 0.0;
        for r in snippet.highlighted() {
            let abs = sentence.start + snippet.fragment_range().start + r.start
                ..sentence.start + snippet.fragment_range().start + r.end;
            for term in analyse_words(&mut tokenizer, &text[abs.clone()]) {
                if seen.insert(term.clone()) {
                    score += weights.get(term.as_str()).copied().unwrap_or(0.0);
                }
            }
            matched.push(abs);
        }
        if score > 0.0 && best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, sentence));
        }
    }
    Highlight {
        best_sentence: best.map(|(_, r)| r),
        matched,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analysis::Origin;

    #[test]
    fn sentences_split_after_closing_quotes() {
        let t = "He said “Stop.” Then he left! Did he? Yes";
        let s: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            s,
            vec!["He said “Stop.”", "Then he left!", "Did he?", "Yes"]
        );
    }

    #[test]
    fn best_sentence_is_the_one_with_the_rarest_matches() {
        let text = "Writing is tough. The Peabody Award was a surprise. Writing again.";
        let terms = vec![
            QueryTerm {
                term: "award".into(),
                weight: 1.0,
                origin: Origin::Typed,
                word: Some(0),
                phrase: None,
            },
            QueryTerm {
                term: "write".into(),
                weight: 1.0,
                origin: Origin::Typed,
                word: Some(1),
                phrase: None,
            },
        ];
        let h = highlight(text, &terms, |t| if t == "award" { 3.0 } else { 0.5 });
        let best = h.best_sentence.map(|r| &text[r]);
        assert_eq!(best, Some("The Peabody Award was a surprise."));
        let words: Vec<&str> = h.matched.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(words, vec!["Writing", "Award", "Writing"]);
    }
}
