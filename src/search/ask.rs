//! `ask`: a question and the conversation before it, planned, ranked and answered (or a typed
//! `NoAnswer`).

use super::*;

/// How far down, and how close in score to the best, a passage stating the kind of fact a
/// question asks for may be to go first.
const WANTED_WITHIN: usize = 5;
const WANTED_CLOSE: f32 = 0.8;
/// How close in score a passage answering the same question first must be to go ahead of a
/// later answer to it (see `first_answer_first`).
const FIRST_ANSWER_CLOSE: f32 = 0.98;
/// How much more of the model's resemblance a passage needs when all it shares with the
/// question is the name of the article it is from: the title's words alone make a question
/// look like every passage that names it.
const NAME_ONLY_STRICTNESS: f32 = 1.25;

/// How many of the conversation's last questions a question is read with.
const HISTORY_READ: usize = 3;

impl Engine {
    /// The passage the conversation's last question was answered with: that question asked
    /// again with the conversation before it, as the reader was shown it, not a rougher
    /// reading by its words alone.
    fn last_answer(&self, history: &[String]) -> Option<Scored> {
        let (last, before) = history.split_last()?;
        // As far back as a question itself reads its conversation.
        let query = AskQuery {
            question: last,
            history: &before[before.len().saturating_sub(HISTORY_READ - 1)..],
            limit: 1,
        };
        self.ask_ranked(&query).1.first().copied()
    }

    /// A fragment that swaps one thing of the question before it ("and trish?" after "who
    /// plays jess") written out as that question asked again ("who plays trish").
    pub(super) fn resolve_fragment(
        &self,
        question: &str,
        history: &[String],
    ) -> Option<ellipsis::Rewrite> {
        let previous = history.last().filter(|_| self.levers.history)?;
        let syn = self.config.search.synonym_weight;
        let previous = self.analyse(previous.trim(), syn).corrected;
        let fragment = self.analyse(question.trim(), syn).corrected;
        ellipsis::substitute(&fragment, &previous, |t| self.names_in(t))
    }

    /// A follow-up naming a performer by their trade ("what did the actress say" after "is
    /// trish gonna turn into hellcat") written out with the name of the one quoted actor of
    /// the character the question before it named.
    pub(super) fn resolve_performer(
        &self,
        question: &str,
        history: &[String],
    ) -> Option<ellipsis::Rewrite> {
        let previous = history
            .last()
            .filter(|_| self.levers.history && self.levers.names)?;
        let syn = self.config.search.synonym_weight;
        let current = self.analyse(question.trim(), syn);
        // It names the character itself ("the actress, does trish ..."): nothing to carry over.
        if !self.characters_named(&current, None).is_empty() {
            return None;
        }
        let previous = self.analyse(previous.trim(), syn);
        match self.characters_named(&previous, None).as_slice() {
            [one] => ellipsis::name_performer(&current.corrected, &one.actor),
            _ => None,
        }
    }

    /// A follow-up written out as the question it asks, when it only swaps one thing of the
    /// question before it or names the actor of that question's character by their trade.
    pub(super) fn rewrite_follow_up(
        &self,
        question: &str,
        history: &[String],
    ) -> Option<ellipsis::Rewrite> {
        self.resolve_fragment(question, history)
            .or_else(|| self.resolve_performer(question, history))
    }

    pub(super) fn ask_ranked(&self, query: &AskQuery<'_>) -> (Answer, Vec<Scored>) {
        let limit = self.limit(query.limit);
        let question = query.question.trim();
        if question.is_empty() {
            let answer = Answer {
                suggestions: self.questions.samples(3),
                ..Answer::none(NoAnswer::Empty)
            };
            return (answer, Vec::new());
        }
        // "anyone wanna play valorant later lol" is said to the others in the channel.
        if self.levers.answer_type && casual::talks_to_channel(question) {
            return (Answer::none(NoAnswer::NotCovered), Vec::new());
        }
        // A long message that tells something before it asks: the asking part is the
        // question, and what comes before it is read as the conversation before it would be
        // (only when the question alone is not answered with confidence, and at half weight).
        if let Some((told, asked)) = casual::preamble(question).filter(|_| self.levers.history) {
            let mut history = query.history.to_vec();
            history.push(told.to_string());
            return self.ask_ranked(&AskQuery {
                question: asked,
                history: &history,
                limit: query.limit,
            });
        }
        let syn = self.config.search.synonym_weight;
        let resolved = self.rewrite_follow_up(question, query.history);
        let question = resolved.as_ref().map_or(question, |r| r.text.as_str());
        let mut current = self.analyse(question, syn);
        // What the question asks for, read once (its `named` is filled in below).
        let mut intent = intent::Intent::of(&current.corrected);
        if self.levers.answer_type && intent.casting {
            // "the actress behind jess" asks about Jessica; "actress" says what kind of answer
            // is wanted (a cast credit, checked in ranking), not what it is about.
            demote(&mut current, intent::CASTING_WORDS);
        }
        // Whom it asks about, by name or by the role they play. "Does the actor who plays amos
        // sail" then asks whether Idris Kallow sails: the role's words said who, not what.
        let mut role_words: Vec<String> = Vec::new();
        if let Some((person, role)) = self
            .person_asked_about(&current, &intent)
            .filter(|_| self.levers.names)
        {
            if !role.is_empty() {
                role_words = role;
                role_words.extend(intent::CASTING_WORDS.iter().map(|w| w.to_string()));
                let words: Vec<&str> = role_words.iter().map(String::as_str).collect();
                demote(&mut current, &words);
            }
            intent.about = Some(person);
        }
        // The rarely named people and things it asks about (read before the conversation is
        // added: a follow-up's own names).
        let mut named = self.rare_names(&current.corrected);
        if let Some(person) = intent.about.as_deref().filter(|_| !role_words.is_empty()) {
            // The role named whom it is about: a passage naming the actor names them.
            let mut a = analysis::analyzer();
            named.retain(|name| {
                !name.iter().any(|w| {
                    analysis::analyse_words(&mut a, w)
                        .iter()
                        .any(|t| role_words.contains(t))
                })
            });
            named.push(
                crate::config::normalize_name(person)
                    .split(' ')
                    .map(str::to_string)
                    .collect(),
            );
        }
        let subjects = if self.levers.context {
            self.subject_words(&current.corrected, &named)
        } else {
            Vec::new()
        };
        // A title it names ("the salt choir") is as much a name as a person's: a passage of
        // another article that does not name it cannot answer.
        if !subjects.is_empty() {
            let mut a = analysis::analyzer();
            // Its words that no name of the question has already ("choir" beside "salt",
            // which the articles capitalise elsewhere).
            let title: Vec<String> = plain_words(&current.corrected)
                .into_iter()
                .filter(|w| !named.iter().flatten().any(|n| n == w))
                .filter(|w| {
                    let stems = analysis::analyse_words(&mut a, w);
                    !stems.is_empty() && stems.iter().all(|t| subjects.contains(t))
                })
                .collect();
            if !title.is_empty() {
                named.push(title);
            }
        }
        // The question as asked, for judging whether a passage of the article it names answers.
        let asked = current.clone();
        let stems: Vec<&str> = subjects.iter().map(String::as_str).collect();
        demote_subjects(&mut current, &stems);
        let history_on = if self.levers.history {
            query.history
        } else {
            &[]
        };
        let history: Vec<&str> = history_on
            .iter()
            .rev()
            .map(|h| h.trim())
            .filter(|h| !h.is_empty())
            .take(HISTORY_READ)
            .collect();

        // The model reads it with and without the role's words too (see `embed_query`).
        let unspecific: Vec<String> = subjects.iter().chain(&role_words).cloned().collect();
        let current_vec = self.embed_query(&current.corrected, &unspecific);
        let mut combined = current.clone();
        let mut dense_vec = current_vec.clone();
        let mut used_context = false;
        // The article the conversation's last answer came from.
        let mut previous_article = None;
        // The earlier questions, newest first, read when the conversation is used.
        let mut earlier: Vec<Analysed> = Vec::new();
        if !history.is_empty() {
            let standalone = self.rank_passages(&current, current_vec.as_deref(), None, None);
            let confident = standalone
                .first()
                .is_some_and(|s| self.is_confident(s, &current));
            if current.anaphoric || current.is_empty() || current.elliptic || !confident {
                used_context = true;
                earlier = history.iter().map(|h| self.analyse(h, syn)).collect();
                for (age, question) in earlier.iter().enumerate() {
                    let scale = self.config.search.history_weight * 0.6f32.powi(age as i32);
                    let terms: Vec<QueryTerm> = question
                        .terms
                        .iter()
                        .filter(|t| t.origin != Origin::Weak)
                        .cloned()
                        .collect();
                    combined.add_scaled(&terms, scale, Origin::Context);
                }
                // What the conversation was about is best named by the answer it got: its
                // rarest proper names ("she" after a question about the villain is Alisa).
                let previous = &earlier[0];
                if let Some(top) = self.last_answer(history_on).as_ref() {
                    let names = self.salient_names(&self.corpus.passages[top.id], 3);
                    combined.add_scaled(&names, self.config.search.history_weight, Origin::Context);
                    previous_article = Some(self.corpus.passages[top.id].article);
                }
                // The model reads the question in the light of the one before it: the two
                // vectors summed, the earlier one at half weight.
                if self.dense.is_some() {
                    if let (Some(cur), Some(prev)) = (
                        current_vec.as_deref(),
                        self.embed_query(&previous.corrected, &[]),
                    ) {
                        dense_vec = Some(unit_sum(cur, &prev, 0.5));
                    }
                }
            }
        }

        // A fragment ("and trish?") asks what the question before it asked ("who plays jess").
        let fragment = used_context && intent.is_plain();
        intent.named = named;
        intent.people = self.names_in(&current.corrected);
        if fragment {
            if let Some(previous) = earlier.first() {
                let asked = intent::Intent::of(&previous.corrected);
                intent.wants = asked.wants;
                intent.which = asked.which;
                intent.casting = asked.casting;
            }
            // What a fragment names is what it is about ("what about night ferry?"): the
            // answer names it, and its date or count is the one asked for.
            // "and the mom part?" names the mother, not a part.
            if intent.named.is_empty() && current.elliptic && !current.anaphoric {
                let words: Vec<String> = plain_words(&current.corrected)
                    .into_iter()
                    .filter(|w| {
                        !analysis::is_stop_word(w)
                            && !self.vocab.is_stop(w)
                            && !intent::is_general_noun(w)
                    })
                    .collect();
                if !words.is_empty() {
                    intent.named = vec![words];
                }
            }
        }
        let truncated = current.truncated;
        if combined.terms.is_empty() {
            let answer = Answer {
                suggestions: self.questions.samples(3),
                truncated,
                ..Answer::none(NoAnswer::NoSearchableWords)
            };
            return (answer, Vec::new());
        }
        let mut ranked = self.rank_passages(
            &combined,
            dense_vec.as_deref(),
            Some(&current),
            Some(&intent),
        );
        // The last answer's article is the likeliest place for this one. "What's she making
        // next?": a pronoun points back at whom the last answer was about, so any of its
        // passages. A question that stands on its own ("why the delay" after "when does
        // glasswing come out") most likely goes on about it too: its passages that hold some
        // of the question's words. Not one written out from a fragment that swapped whom it
        // is about ("and ritter?"); one that swapped a season is about the same show.
        let favoured = if used_context {
            previous_article
                .filter(|_| current.anaphoric)
                .map(|article| (article, false))
        } else if self.levers.history && resolved.as_ref().is_none_or(|r| r.same_subject) {
            self.last_answer(history_on)
                .map(|top| (self.corpus.passages[top.id].article, true))
        } else {
            None
        };
        if let Some((article, needs_words)) = favoured {
            for s in &mut ranked {
                if self.corpus.passages[s.id].article == article
                    && (!needs_words || s.coverage > 0.0)
                {
                    s.score *= 1.0 + FIT_STEP;
                }
            }
            ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        }
        // A question that asks for a kind of fact (a year, a birthplace) is answered by a
        // passage stating one: when the best does not and a close one does, the close one
        // goes first rather than the question being declined.
        if self.levers.answer_type
            && (intent.wants != intent::Wants::Anything
                || intent.credit.is_some()
                || intent.casting)
        {
            // "Who plays X" wants a cast credit of X.
            let holds = |s: &Scored| {
                self.holds_wanted(s.id, &intent, &combined)
                    && (!intent.casting || self.credits_asked_role(s.id, &combined))
            };
            if let Some(top) = ranked.first().filter(|s| !holds(s)).map(|s| s.score) {
                let close = ranked
                    .iter()
                    .take(WANTED_WITHIN)
                    .skip(1)
                    .position(|s| s.score >= WANTED_CLOSE * top && holds(s));
                if let Some(i) = close {
                    let s = ranked.remove(i + 1);
                    ranked.insert(0, s);
                }
            }
        }
        self.first_answer_first(&mut ranked);
        let answered = ranked.first().is_some_and(|top| {
            if used_context && current.is_empty() {
                // "What about her?": everything it asks comes from the conversation, so
                // matching the conversation's words is enough.
                top.coverage > 0.0
                    || top.cosine.is_some()
                    || top.features.is_some_and(|f| f.bm25 > 0.0)
            } else {
                // A follow-up leans on words of the conversation, so its own words need
                // only cover part of the passage.
                let leniency = if used_context { 0.6 } else { 1.0 };
                // A passage naming the rarely named person or thing the question asks about
                // is on topic even where the model sees little resemblance, if it holds some
                // of what the question asks beyond the name of the article it is from: "who
                // composed the music for the salt house" is not answered by its release date.
                let has = if subjects.is_empty() {
                    Vec::new()
                } else {
                    self.question_terms_in(&asked, &[top.id])
                };
                let in_top = |t: &str| has.first().is_some_and(|h| h.contains(t));
                let beyond = |t: &str| !subjects.iter().any(|s| s == t) && in_top(t);
                let holds_beyond = subjects.is_empty() || self.coverage(&asked, beyond) > 0.0;
                let named =
                    !intent.named.is_empty() && !self.lacks_names(top.id, &intent) && holds_beyond;
                let leniency = if named { leniency * 0.75 } else { leniency };
                let leniency = if holds_beyond {
                    leniency
                } else {
                    leniency * NAME_ONLY_STRICTNESS
                };
                // Every passage of the article a question names names it: its subject words
                // count as found there ("was the collider thing an actual sit down").
                let mut top = *top;
                if named && !subjects.is_empty() {
                    let found = |t: &str| subjects.iter().any(|s| s == t) || in_top(t);
                    top.coverage = top.coverage.max(self.coverage(&asked, found));
                }
                self.is_confident_with(&top, &asked, leniency)
            }
        }) && !ranked.first().is_some_and(|top| {
            self.near_miss(top, &intent, &combined, used_context, dense_vec.as_deref())
        });
        if !answered {
            // The closest interview questions, topped up with questions from across the
            // articles so there is always something to try.
            let mut suggestions: Vec<String> = Vec::new();
            let closest = ranked
                .iter()
                .filter_map(|s| self.corpus.passages[s.id].question.clone());
            for q in closest.chain(self.questions.samples(3)) {
                if suggestions.len() < 3 && !suggestions.contains(&q) {
                    suggestions.push(q);
                }
            }
            let answer = Answer {
                suggestions,
                truncated,
                ..Answer::none(NoAnswer::NotCovered)
            };
            return (answer, ranked);
        }
        let results = ranked
            .iter()
            .take(limit)
            .map(|s| self.passage_hit(s, &combined))
            .collect();
        let close_call = match ranked.as_slice() {
            [first, second, ..] => second.score >= CLOSE_CALL * first.score,
            _ => false,
        };
        let answer = Answer {
            answered: true,
            results,
            truncated,
            close_call,
            ..Answer::default()
        };
        (answer, ranked)
    }

    pub(super) fn passage_hit(&self, s: &Scored, terms: &Analysed) -> Hit {
        let p = &self.corpus.passages[s.id];
        let h = highlight::highlight(&p.answer, &terms.terms, |t| self.vocab.idf(t));
        Hit {
            text: p.text(),
            question: p.question.clone(),
            answer: p.answer.clone(),
            speaker: p.speaker.clone(),
            section: p.section.clone(),
            kind: p.kind,
            source: self.corpus.source_of(p).clone(),
            score: s.score,
            best_sentence: h.best_sentence,
            matched: h.matched,
            passage: s.id,
        }
    }

    /// A question several people answer in turn ("Tomas, how do you play a man who won't
    /// talk?" / TOMAS: ... / MIRA: "And nobody asks him ..."): each answer carries the
    /// question, so a search that matches the question scores them alike, and a short remark
    /// after the answer may edge ahead of it. When the best passage repeats the question of
    /// one before it in the article, and that one scores nearly as well, the first answer
    /// to the question, the one it was put to, goes first.
    fn first_answer_first(&self, ranked: &mut [Scored]) {
        let [top, next, ..] = ranked else {
            return;
        };
        let (a, b) = (
            &self.corpus.passages[top.id],
            &self.corpus.passages[next.id],
        );
        if next.id < top.id
            && a.article == b.article
            && a.question.is_some()
            && a.question == b.question
            && next.score >= FIRST_ANSWER_CLOSE * top.score
        {
            ranked.swap(0, 1);
        }
    }
}
