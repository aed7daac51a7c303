//! Whether the best passage answers the question, or the engine says it does not know: the
//! confidence floors and the near-miss checks.

use super::*;

impl Engine {
    /// The confident-match decision: enough of what was asked is in the passage (by the
    /// model's similarity when there is one, otherwise by the share of the question's rare
    /// words the passage contains).
    pub(super) fn is_confident(&self, s: &Scored, current: &Analysed) -> bool {
        self.is_confident_with(s, current, 1.0)
    }

    pub(super) fn is_confident_with(&self, s: &Scored, current: &Analysed, leniency: f32) -> bool {
        let search = &self.config.search;
        match s.cosine {
            // The model's similarity separates covered from uncovered questions far better
            // than word overlap; a passage with nearly all the question's words is let
            // through at a lower similarity.
            // Below the similarity floor, a passage still counts if it is nearly as similar and
            // holds some of the question's words, or holds nearly all of them.
            Some(cos) => {
                let floor = search.min_semantic_similarity * leniency;
                // Most of what the question names is nowhere in the articles ("a recipe for
                // sourdough"): the few words it shares with a passage are no evidence.
                if current.unknown.len() * 2 > current.words.len() {
                    return cos >= floor;
                }
                cos >= floor
                    || (current.unknown.len() < 2 && s.coverage >= 0.1 && cos >= floor * 0.75)
                    || (s.coverage >= 0.75 && cos >= search.min_semantic_similarity * 0.7)
            }
            None => !current.is_empty() && s.coverage >= search.min_lexical_confidence * leniency,
        }
    }

    /// A passage close to the question that still does not answer it: the question asks for a
    /// kind of fact (a number, a time) the passage does not state where it matches, or states
    /// about something else, or the question's most specific words appear nowhere in the
    /// articles.
    pub(super) fn near_miss(
        &self,
        top: &Scored,
        intent: &intent::Intent,
        terms: &Analysed,
        used_context: bool,
        query_vec: Option<&[f32]>,
    ) -> bool {
        if !self.levers.answer_type {
            return false;
        }
        if self.states_another_fact(top.id, intent, query_vec) {
            return true;
        }
        // "Which hospital", "who's her husband": articles that never use the word (nor one
        // of its synonyms) name no hospital and no husband, however close a passage is.
        if let Some(thing) = &intent.thing {
            let stems = analysis::analyse_words(&mut analysis::analyzer(), thing);
            if !stems.is_empty() && stems.iter().all(|s| terms.unknown.contains(s)) {
                return true;
            }
        }
        if !used_context && self.lacks_names(top.id, intent) {
            return true;
        }
        // A place is often described in words no pattern knows ("where the tide turns"), so
        // a passage naming none is ranked lower but not taken for a near miss.
        let place = matches!(intent.wants, intent::Wants::Place | intent::Wants::Showing);
        if !place && !self.holds_wanted(top.id, intent, terms) {
            return true;
        }
        // A number answers "how many viewers" only where it counts viewers: "an eight-part
        // drama, the most-watched series for three weeks" counts other things.
        if intent.wants == intent::Wants::Number {
            if let Some(noun) = intent::counted_noun(&terms.corrected) {
                if !self.counts_asked(top.id, &noun, terms) {
                    return true;
                }
            }
        }
        // But it speaks of what the question asks the place of somewhere: a passage that never
        // speaks of filming cannot say where something was filmed.
        if intent.wants == intent::Wants::Place {
            let read = self.sentences_of(top.id);
            if !self.does_asked_thing(read.question.iter().chain(&read.answer), terms) {
                return true;
            }
        }
        if let Some(who) = &intent.said_by {
            // Asked for someone's words: they must be someone the articles quote, and the
            // passage must hold their words.
            match self.find_speaker(who) {
                None => return true,
                Some(name) => return !self.speaks_in(top.id, &name),
            }
        }
        false
    }

    /// Whether the passage's date or count, for a question asking for one, is about something
    /// else: the sentences that state one (or a sentence and its neighbour) resemble the
    /// question less than `min_fact_similarity`. "When does Halfway to Vega come out in
    /// cinemas" is not answered by "A play in Dublin in the spring", however close the passage
    /// is as a whole. In an exchange, the answer's facts are about what the interviewer asked
    /// ("How many costumes did you make?" / "Around four hundred."), so the question counts as
    /// the fact's sentence too. Without the model nothing is measured.
    fn states_another_fact(
        &self,
        id: usize,
        intent: &intent::Intent,
        query_vec: Option<&[f32]>,
    ) -> bool {
        let dated = intent.wants.is_stated_fact();
        let (Some(d), Some(qv), true) = (self.dense.as_ref(), query_vec, dated) else {
            return false;
        };
        let mut parts: Vec<Vec<&str>> = embedded_parts(&self.corpus.passages[id])
            .into_iter()
            .map(split_units)
            .collect();
        let answer = parts.pop().unwrap_or_default();
        let asked = parts.concat();
        let cosines = d.passages.unit_cosines(qv, id);
        if cosines.len() != asked.len() + answer.len() {
            return false;
        }
        let (asked_cos, answer_cos) = cosines.split_at(asked.len());
        let stating = |units: &[&str], cos: &[f32]| {
            units
                .iter()
                .zip(cos)
                .filter(|(u, _)| intent::holds(u, intent.wants))
                .map(|(_, &c)| c)
                .reduce(f32::max)
        };
        let in_answer = stating(&answer, answer_cos);
        let best = [
            stating(&asked, asked_cos),
            in_answer,
            in_answer.and(asked_cos.iter().copied().reduce(f32::max)),
        ]
        .into_iter()
        .flatten()
        .reduce(f32::max);
        // A passage stating none is left to `holds_wanted`.
        best.is_some_and(|b| b < self.config.search.min_fact_similarity)
    }
}
