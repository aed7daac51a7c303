//! Sentence-embedding side of the ranking. A passage is embedded as several short units (the
//! interviewer's question, and its answer a sentence or two at a time) rather than as a whole:
//! MiniLM was trained on sentence pairs, and one long vector blurs a passage that touches many
//! topics, so "What prizes has the series received?" barely resembles the paragraph whose one
//! sentence lists its awards. A passage scores as its best unit.

use std::path::Path;

use crate::embed::{embed_cached, Embedder, ModelError};

use super::highlight::sentences;

/// Units shorter than this are joined to the next sentence.
const MIN_UNIT_CHARS: usize = 60;
/// Sentences are grouped up to about this length.
const MAX_UNIT_CHARS: usize = 320;

/// Vectors of the units of a list of texts, and which text each unit belongs to.
pub struct UnitVectors {
    vectors: Vec<Vec<f32>>,
    owner: Vec<usize>,
    count: usize,
}

impl UnitVectors {
    /// `texts[i]` is a list of parts of item i that are embedded separately (each part is
    /// further cut into sentence groups).
    pub fn build(
        embedder: &Embedder,
        texts: &[Vec<&str>],
        cache: Option<&Path>,
    ) -> Result<Self, ModelError> {
        let mut units: Vec<&str> = Vec::new();
        let mut owner = Vec::new();
        for (i, parts) in texts.iter().enumerate() {
            for part in parts {
                for unit in split_units(part) {
                    units.push(unit);
                    owner.push(i);
                }
            }
        }
        let vectors = embed_cached(embedder, &units, cache)?;
        Ok(Self {
            vectors,
            owner,
            count: texts.len(),
        })
    }

    /// Best cosine per item (items without units get -1).
    pub fn best_per_item(&self, query: &[f32]) -> Vec<f32> {
        let mut best = vec![-1.0f32; self.count];
        for (v, &i) in self.vectors.iter().zip(&self.owner) {
            let c = dot(query, v);
            if c > best[i] {
                best[i] = c;
            }
        }
        best
    }
}

/// Sentence groups of `text`, each roughly `MIN_UNIT_CHARS..MAX_UNIT_CHARS` long.
pub fn split_units(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    for r in sentences(text) {
        let s = *start.get_or_insert(r.start);
        if r.end - s > MAX_UNIT_CHARS && end > s {
            out.push(&text[s..end]);
            start = Some(r.start);
        }
        end = r.end;
        if let Some(s) = start {
            if end - s >= MIN_UNIT_CHARS {
                out.push(&text[s..end]);
                start = None;
            }
        }
    }
    if let Some(s) = start {
        if end > s {
            match out.last_mut() {
                // A short tail belongs with what came before it.
                Some(last)
                    if end - s < MIN_UNIT_CHARS && last.len() + (end - s) <= MAX_UNIT_CHARS * 2 =>
                {
                    let from = last.as_ptr() as usize - text.as_ptr() as usize;
                    *last = &text[from..end];
                }
                _ => out.push(&text[s..end]),
            }
        }
    }
    if out.is_empty() && !text.trim().is_empty() {
        out.push(text.trim());
    }
    out
}

pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_group_short_sentences_and_cover_the_text() {
        let text = "Yes. It was lovely! It really began organically, with a long story about how. \
                    And then more happened, which is a second sentence of decent length here.";
        let units = split_units(text);
        assert!(units.len() >= 2, "{units:?}");
        assert!(units[0].starts_with("Yes. It was lovely!"), "{units:?}");
        assert!(units.iter().all(|u| !u.is_empty()));
        assert!(units.last().is_some_and(|u| u.ends_with("here.")));
    }

    #[test]
    fn a_text_without_sentence_ends_is_one_unit() {
        assert_eq!(split_units("just some words"), vec!["just some words"]);
        assert!(split_units("   ").is_empty());
    }
}
