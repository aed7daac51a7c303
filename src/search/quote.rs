//! `quote`: a verbatim quote about a topic, and who said it.

use super::*;

/// How much a quote's passage's similarity to the topic counts as the quote's own.
pub(super) const QUOTE_CONTEXT: f32 = 0.9;

impl Engine {
    pub fn quote(&self, query: &QuoteQuery<'_>) -> Answer {
        let limit = self.limit(query.limit);
        let topic = query.topic.trim();
        let speaker = match query.speaker.map(str::trim).filter(|s| !s.is_empty()) {
            Some(name) => match self.find_speaker(name) {
                Some(canonical) => Some(canonical),
                None => {
                    return Answer::none(NoAnswer::UnknownSpeaker {
                        typed: truncate_chars(name, 80),
                        quoted: self.quoted.clone(),
                    });
                }
            },
            None => None,
        };
        if topic.is_empty() {
            return Answer::none(NoAnswer::Empty);
        }
        let terms = self.analyse(topic, self.config.search.synonym_weight);
        let Some(q) = self.quotes.query(&terms.terms, QUOTE_WEIGHTS) else {
            return Answer::none(NoAnswer::NoSearchableWords);
        };
        let hits = match self.quotes.search(q, speaker.as_deref(), CANDIDATES) {
            Ok(h) => h,
            Err(e) => {
                tracing::warn!(error = %e, "quote search failed");
                Vec::new()
            }
        };
        let quote_cosine: Option<Vec<f32>> = self.dense.as_ref().and_then(|d| {
            // The model reads the topic as analysis respelled it ("s2" -> "season 2"), as
            // `ask` does.
            let qv = self.embed_query(&terms.corrected, &[])?;
            let qv = qv.as_slice();
            let lexical: Vec<usize> = hits.iter().map(|&(id, _)| id as usize).collect();
            let own = d.quotes.best_per_item(qv, &lexical);
            // What a quote is about is often named around it, not in it: by the interviewer's
            // question it answers, or the sentence that introduces it. Its passage's best
            // similarity counts, a little discounted.
            let passages: Vec<usize> = lexical
                .iter()
                .filter_map(|&i| self.corpus.quotes.get(i).map(|q| q.passage))
                .collect();
            let context = d.passages.best_per_item(qv, &passages);
            Some(
                own.iter()
                    .zip(&self.corpus.quotes)
                    .map(|(&c, q)| {
                        let around = context.get(q.passage).copied().unwrap_or(-1.0);
                        c.max(QUOTE_CONTEXT * around)
                    })
                    .collect(),
            )
        });
        let mut candidates: HashMap<usize, f32> =
            hits.into_iter().map(|(id, s)| (id as usize, s)).collect();
        // The model's nearest quotes too: a topic typed in other words than the quote's.
        if let Some(best) = &quote_cosine {
            for id in top_indices(best, 15) {
                let by = self.corpus.quotes[id].speaker.as_deref();
                if speaker.is_none() || by == speaker.as_deref() {
                    candidates.entry(id).or_insert(0.0);
                }
            }
        }
        let max_bm25 = highest(candidates.values().copied());
        let ids: Vec<usize> = candidates.keys().copied().collect();
        // A quote's words are its passage's words, so its passage's terms are what it covers.
        let passages: Vec<usize> = ids
            .iter()
            .map(|&id| self.corpus.quotes[id].passage)
            .collect();
        let has = self.question_terms_in(&terms, &passages);
        let cosine_of = |id: usize| quote_cosine.as_ref().and_then(|b| b.get(id).copied());
        let scale = Scale::of(ids.iter().filter_map(|&id| cosine_of(id)));
        let search = &self.config.search;
        let mut scored: Vec<Scored> = ids
            .iter()
            .zip(&has)
            .map(|(&id, has)| {
                let quote = &self.corpus.quotes[id];
                let passage = &self.corpus.passages[quote.passage];
                let coverage = self.coverage(&terms, |t| has.contains(t));
                let cosine = cosine_of(id);
                let lexical = search.bm25_share * candidates[&id] / max_bm25
                    + (1.0 - search.bm25_share) * coverage;
                let lw = lexical_weight(search, &terms);
                let mut score = match cosine {
                    Some(c) => lw * lexical + (1.0 - lw) * scale.apply(c),
                    None => lexical,
                };
                // Words the writer put in quotation marks are what people mean by "a quote";
                // a whole interview answer is a quote too, but a lesser one.
                if passage.kind == PassageKind::Prose {
                    score += 0.1;
                }
                // A quote nobody is credited with cannot say who said it.
                if quote.speaker.is_none() {
                    score *= 0.5;
                }
                Scored {
                    id,
                    coverage,
                    cosine,
                    score,
                    features: None,
                }
            })
            .collect();
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        // A topic is often a word or two ("Hellcat"), which the model places poorly: its words
        // found in the quote's passage are enough.
        let answered = scored.first().is_some_and(|top| {
            !terms.is_empty()
                && (top.coverage >= self.config.search.min_lexical_confidence
                    || self.is_confident(top, &terms))
        });
        if !answered {
            return Answer::none(NoAnswer::NoQuote { speaker });
        }
        let results = scored
            .iter()
            .take(limit)
            .map(|s| {
                let quote = &self.corpus.quotes[s.id];
                let passage = &self.corpus.passages[quote.passage];
                let h = highlight::highlight(&quote.text, &terms.terms, |t| self.vocab.idf(t));
                Hit {
                    text: quote.text.clone(),
                    question: passage.question.clone(),
                    answer: quote.text.clone(),
                    speaker: quote.speaker.clone(),
                    section: passage.section.clone(),
                    kind: passage.kind,
                    source: self.corpus.articles[quote.article].source.clone(),
                    score: s.score,
                    best_sentence: h.best_sentence,
                    matched: h.matched,
                    passage: quote.passage,
                }
            })
            .collect();
        Answer {
            answered: true,
            results,
            ..Answer::default()
        }
    }

    /// The canonical name of a speaker the user typed: config aliases first, then any quoted
    /// speaker whose name contains it, then a close spelling.
    pub(super) fn find_speaker(&self, typed: &str) -> Option<String> {
        if let Some(c) = self.speakers.resolve(typed) {
            return Some(c.to_string());
        }
        let key = crate::config::normalize_name(typed);
        let known = &self.quoted;
        known
            .iter()
            .find(|s| crate::config::normalize_name(s).contains(&key) && !key.is_empty())
            .or_else(|| {
                let close = analysis::within_edits(&key, 2);
                known.iter().find(|s| {
                    crate::config::normalize_name(s)
                        .split(' ')
                        .any(|part| part.len() >= 4 && close(part))
                })
            })
            .cloned()
    }
}
