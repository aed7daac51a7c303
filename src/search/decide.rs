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
                    || (s.coverage >= 0.1 && cos >= floor * 0.75)
                    || (s.coverage >= 0.75 && cos >= search.min_semantic_similarity * 0.7)
            }
            None => !current.is_empty() && s.coverage >= search.min_lexical_confidence * leniency,
        }
    }

    /// A passage close to the question that still does not answer it: the question asks for a
    /// kind of fact (a number, a time) the passage does not state where it matches, or the
    /// question's most specific words appear nowhere in the articles.
    pub(super) fn near_miss(
        &self,
        top: &Scored,
        intent: &intent::Intent,
        terms: &Analysed,
        used_context: bool,
    ) -> bool {
        if !self.levers.answer_type {
            return false;
        }
        if !used_context && self.lacks_names(top.id, &intent.named) {
            return true;
        }
        if !self.holds_wanted(top.id, intent, terms) {
            return true;
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
}
