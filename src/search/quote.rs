//! `quote`: a verbatim quote about a topic, and who said it.

use once_cell::sync::Lazy;
use regex::Regex;

use super::*;

/// A person asked about by what they are ("the coach", "their bassist").
static JOB_ASKED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?i:the|their|her|his|its|our|your)\s+(?P<job>\p{L}[\p{L}-]*)$")
        .expect("static regex compiles")
});

/// The most words of a speaker typed with a title or job before the name ("chef odile
/// marchetti-hale").
const TITLED_NAME_MAX_WORDS: usize = 4;

/// How much a quote's passage's similarity to the topic counts as the quote's own.
pub(super) const QUOTE_CONTEXT: f32 = 0.9;

/// An actor whose character a topic names, and the topic's terms that name it.
pub(super) struct Cast {
    pub(super) actor: String,
    named: HashSet<String>,
}

/// The entry of `cast` for the actor who said `quote`, if the topic names their character.
fn cast_of<'c>(cast: &'c [Cast], quote: &crate::corpus::Quote) -> Option<&'c Cast> {
    cast.iter()
        .find(|c| quote.speaker.as_deref() == Some(c.actor.as_str()))
}

/// The analysed names of the characters `actor` plays, by `credits`: the names in each credit
/// that also names the actor by surname (two people may share a first name), other than the
/// actor's own. `by_word` lists, for each word, the credits whose text has it.
pub(super) fn roles_of(
    actor: &str,
    credits: &[intent::CastCredit],
    by_word: &HashMap<&str, Vec<usize>>,
) -> HashSet<String> {
    let normalized = crate::config::normalize_name(actor);
    let own: Vec<&str> = normalized
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .collect();
    let Some(surname) = own.last() else {
        return HashSet::new();
    };
    // The surname is the actor's where no other name stands right before it: "Tobias
    // Lindqvist plays Deputy Amos Hale" does not credit Owen Hale.
    let theirs = |c: &intent::CastCredit| {
        let words: Vec<&str> = c
            .around
            .split(|ch: char| !(ch.is_alphanumeric() || ch == '-'))
            .collect();
        words.iter().enumerate().any(|(i, w)| {
            *w == *surname
                && (i == 0 || {
                    let before = words[i - 1];
                    before.is_empty()
                        || own.contains(&before)
                        || !c.names.iter().any(|n| n == before)
                })
        })
    };
    let mut a = analysis::analyzer();
    by_word
        .get(surname)
        .into_iter()
        .flatten()
        .filter_map(|&i| credits.get(i))
        .filter(|c| theirs(c))
        .flat_map(|c| &c.names)
        .filter(|n| !own.contains(&n.as_str()) && !analysis::is_stop_word(n))
        .flat_map(|n| analysis::analyse_words(&mut a, n))
        .collect()
}

/// For each word of the credits' texts, the credits that have it (see [`roles_of`]).
pub(super) fn credits_by_word(credits: &[intent::CastCredit]) -> HashMap<&str, Vec<usize>> {
    let mut out: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in credits.iter().enumerate() {
        for w in c.around.split(|ch: char| !ch.is_alphanumeric()) {
            let list = out.entry(w).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    out
}

/// `text` with "the character" for the words that analyse to one of `terms` (a character's
/// names): an actor speaks of "the character" or "her", seldom by name, and dropping the name
/// instead would leave "what's next for" with nothing for the model to place.
fn as_the_character(text: &str, terms: &HashSet<&str>) -> String {
    let mut a = analysis::analyzer();
    let mut kept: Vec<&str> = Vec::new();
    for w in text.split_whitespace() {
        let names = analysis::analyse_words(&mut a, w)
            .iter()
            .any(|t| terms.contains(t.as_str()));
        if !names {
            kept.push(w);
        } else if kept.last() != Some(&"character") {
            // "jessica jones" is one character.
            kept.extend(["the", "character"]);
        }
    }
    kept.join(" ")
}

/// The sentence that leads into a quote in running prose ("Kaminska learned to drive a lorry
/// for the part. \"I wanted the tiredness to be real,\" she says."): what the quote is about is
/// often said there, not in it, and a news passage holds several people's quotes, each with
/// its own lead-in. `None` when the quote is not found verbatim or nothing leads into it.
pub(super) fn lead_in<'a>(answer: &'a str, quote: &str) -> Option<&'a str> {
    // Its first words, up to where a split quote's attribution may have been taken out.
    let head: String = quote.chars().take(40).collect();
    let head = match head.find([',', '.', '?', '!', ';']) {
        Some(cut) if cut >= 8 => &head[..cut],
        _ => head.as_str(),
    }
    .trim();
    if head.is_empty() {
        return None;
    }
    let at = answer.find(head)?;
    let before = answer[..at].trim_end_matches(['"', '“', '‘', '\'', ' ', '\n']);
    // Back to the end of the quote before it: its words are its own.
    // (A closing single mark only after the punctuation that ends a quote: '’' alone is
    // mostly an apostrophe.)
    let from = ["\"", "”", ",’", ".’", "?’", "!’"]
        .iter()
        .filter_map(|mark| before.rfind(mark).map(|i| i + mark.len()))
        .max()
        .unwrap_or(0);
    let before = &before[from..];
    let spans = highlight::sentences(before);
    let last = spans
        .iter()
        .rev()
        .find(|&r| before[r.clone()].split_whitespace().count() >= 3)?;
    Some(before[last.clone()].trim())
}

/// A quote with the interviewer's question it answers, if any: what it is about.
fn quote_with_question(quote: &crate::corpus::Quote, passage: &Passage) -> String {
    match &passage.question {
        Some(q) => format!("{q} {}", quote.text),
        None => quote.text.clone(),
    }
}

impl Engine {
    pub fn quote(&self, query: &QuoteQuery<'_>) -> Answer {
        // A first name that several quoted people share ("Tomasz" in a big folder) may mean
        // any of them: each is asked, and the one whose words hold most of the topic answers.
        let sharing = query
            .speaker
            .map_or_else(Vec::new, |typed| self.sharing_name(typed));
        if sharing.len() > 1 {
            let best = sharing
                .iter()
                .map(|person| {
                    self.quote_by(&QuoteQuery {
                        speaker: Some(person),
                        ..query.clone()
                    })
                })
                .filter(|a| a.answered)
                .max_by(|a, b| {
                    let fit = |a: &Answer| {
                        a.results
                            .first()
                            .map_or((0, 0.0), |h| (h.matched.len(), h.score))
                    };
                    let (fa, fb) = (fit(a), fit(b));
                    fa.0.cmp(&fb.0).then(fa.1.total_cmp(&fb.1))
                });
            if let Some(answer) = best {
                return answer;
            }
        }
        self.quote_by(query)
    }

    /// The quoted people whose names have the one word typed as a whole word ("tomasz":
    /// Tomasz Wren and Tomasz Wierzbicki), unless config names whom it means.
    fn sharing_name(&self, typed: &str) -> Vec<String> {
        let key = crate::config::normalize_name(typed.trim());
        if key.is_empty() || key.contains(' ') || self.speakers.resolve(typed).is_some() {
            return Vec::new();
        }
        self.quoted
            .iter()
            .filter(|s| {
                crate::config::normalize_name(s)
                    .split(' ')
                    .any(|w| w == key)
            })
            .cloned()
            .collect()
    }

    fn quote_by(&self, query: &QuoteQuery<'_>) -> Answer {
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
        // "ferreira on the score" asks for Ferreira's words about the score. (A job instead,
        // "the editor on staying off set", is left to the words: "the orchids on set" is
        // not led by a person.)
        let (speaker, topic) = match (speaker, intent::speaker_on(topic)) {
            (None, Some((who, what))) => match self.person_named(who) {
                Some(canonical) => (Some(canonical), what),
                None => (None, topic),
            },
            (speaker, _) => (speaker, topic),
        };
        // "what lars was going for": Lars's own words say it best, though others' about him
        // may too.
        let subject = match (&speaker, intent::subject_of_topic(topic)) {
            (None, Some(who)) if self.levers.names => self.person_named(who),
            _ => None,
        };
        let terms = self.analyse(topic, self.config.search.synonym_weight);
        // Fans name an actor's character rather than the actor ("what's next for trish", of
        // Rachael Taylor, who plays Trish), and the actor's own words seldom say the name.
        let cast = if self.levers.names {
            self.characters_named(&terms, speaker.as_deref())
        } else {
            Vec::new()
        };
        let named: HashSet<&str> = cast
            .iter()
            .flat_map(|c| c.named.iter().map(String::as_str))
            .collect();
        // With the actor asked for, searching for the name would only favour the few of their
        // quotes that happen to say it; their coverage counts it instead (below).
        let searched: Vec<analysis::QueryTerm> = terms
            .terms
            .iter()
            .filter(|t| speaker.is_none() || !named.contains(t.term.as_str()))
            .cloned()
            .collect();
        let searched = if searched.is_empty() {
            &terms.terms
        } else {
            &searched
        };
        let Some(q) = self.quotes.query(searched, QUOTE_WEIGHTS) else {
            return Answer::none(NoAnswer::NoSearchableWords);
        };
        let hits = match self.quotes.search(q, speaker.as_deref(), CANDIDATES) {
            Ok(h) => h,
            Err(e) => {
                tracing::warn!(error = %e, "quote search failed");
                Vec::new()
            }
        };
        let lexical: Vec<usize> = hits.iter().map(|&(id, _)| id as usize).collect();
        // The model reads the topic as analysis respelled it ("s2" -> "season 2"), as `ask` does.
        let full = self.quote_similarity(&terms.corrected, &lexical);
        let quote_cosine = match full {
            Some(mut full) if !cast.is_empty() => {
                // The model reads the topic with "the character" for the name for the actor's
                // quotes: the name would draw the topic to those that say it, whatever they
                // are about.
                let unnamed = as_the_character(&terms.corrected, &named);
                if let Some(unnamed) = self.quote_similarity(&unnamed, &lexical) {
                    for c in &cast {
                        for &id in self.quotes_by_speaker.get(&c.actor).into_iter().flatten() {
                            if let (Some(f), Some(&u)) = (full.get_mut(id), unnamed.get(id)) {
                                *f = u;
                            }
                        }
                    }
                }
                Some(full)
            }
            full => full,
        };
        let mut candidates: HashMap<usize, f32> =
            hits.into_iter().map(|(id, s)| (id as usize, s)).collect();
        // The model's nearest quotes too: a topic typed in other words than the quote's.
        if let Some(best) = &quote_cosine {
            // Nearest among a speaker's own quotes, not the corpus's nearest filtered down.
            let mut nearest = |ids: &[usize]| {
                let order = |a: &usize, b: &usize| {
                    let (x, y) = (best.get(*a).copied(), best.get(*b).copied());
                    y.unwrap_or(f32::MIN)
                        .total_cmp(&x.unwrap_or(f32::MIN))
                        .then(a.cmp(b))
                };
                for id in top_n(ids.to_vec(), 15, order) {
                    if best.get(id).is_some_and(|&c| c > f32::MIN) {
                        candidates.entry(id).or_insert(0.0);
                    }
                }
            };
            match &speaker {
                None => nearest(&top_indices(best, 15)),
                Some(s) => nearest(self.quotes_by_speaker.get(s).map_or(&[], Vec::as_slice)),
            }
            // And those of each actor whose character the topic names.
            for c in &cast {
                nearest(
                    self.quotes_by_speaker
                        .get(&c.actor)
                        .map_or(&[], Vec::as_slice),
                );
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
        // The seasons and episodes the topic names ("s3" read as season 3).
        let parts = intent::parts(&terms.corrected);
        let cosine_of = |id: usize| quote_cosine.as_ref().and_then(|b| b.get(id).copied());
        let scale = Scale::of(ids.iter().filter_map(|&id| cosine_of(id)));
        let search = &self.config.search;
        let mut scored: Vec<Scored> = ids
            .iter()
            .zip(&has)
            .map(|(&id, has)| {
                let quote = &self.corpus.quotes[id];
                let passage = &self.corpus.passages[quote.passage];
                // The character's name is in all the actor's words.
                let plays = cast_of(&cast, quote).map(|c| &c.named);
                // As in `ask`, what the article's title or introduction names counts in part.
                let coverage = self.coverage_scaled(
                    &terms,
                    self.found_in(quote.passage, |t| {
                        has.contains(t) || plays.is_some_and(|n| n.contains(t))
                    }),
                );
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
                // Naming the character asks for the actor's words, as naming a person does
                // in `ask`; so does naming who did what the topic is about.
                if plays.is_some() || subject.is_some() && quote.speaker == subject {
                    score *= 1.0 + FIT_STEP;
                }
                // Nor a quote about another season or episode than the topic names, as in
                // `ask`: by its passage (an interviewer's question about season two), or, where
                // the passage names several, by the quote itself.
                if !parts.is_empty()
                    && (intent::names_other_parts(&passage.text(), &parts)
                        || intent::names_other_parts(&quote_with_question(quote, passage), &parts))
                {
                    score *= 0.5;
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
        if tracing::enabled!(tracing::Level::DEBUG) {
            for s in scored.iter().take(8) {
                let q = &self.corpus.quotes[s.id];
                let head: String = q.text.chars().take(60).collect();
                tracing::debug!(id = s.id, score = s.score, coverage = s.coverage, cosine = ?s.cosine, speaker = ?q.speaker, "quote candidate {head:?}");
            }
        }
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

    /// Each quote's similarity to `topic` (those in `lexical` at least, with a bounded dense
    /// search), or none without the model.
    fn quote_similarity(&self, topic: &str, lexical: &[usize]) -> Option<Vec<f32>> {
        let d = self.dense.as_ref()?;
        let qv = self.embed_query(topic, &[])?;
        let qv = qv.as_slice();
        let own = d.quotes.best_per_item(qv, lexical);
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
    }

    /// The quoted actors whose characters `terms` names (only `speaker`, when given), each
    /// with the topic's terms that name the character: its names by the articles' cast
    /// credits, or the first few letters of one ("jess" for Jessica).
    pub(super) fn characters_named(&self, terms: &Analysed, speaker: Option<&str>) -> Vec<Cast> {
        // Each actor (in `quoted` order) with the topic's terms that name one of their roles.
        let mut named: std::collections::BTreeMap<usize, HashSet<String>> = Default::default();
        for t in terms.terms.iter().map(|t| t.term.as_str()) {
            let from = self.roles.partition_point(|(r, _)| r.as_str() < t);
            let prefix = t.chars().count() >= 4;
            for (role, actor) in self.roles[from..]
                .iter()
                .take_while(|(r, _)| r.starts_with(t))
            {
                if prefix || role == t {
                    named.entry(*actor).or_default().insert(t.to_string());
                }
            }
        }
        named
            .into_iter()
            .map(|(i, named)| Cast {
                actor: self.quoted[i].clone(),
                named,
            })
            .filter(|c| speaker.is_none_or(|s| s == c.actor))
            .collect()
    }

    /// The quoted person a question is about: one it names (any part of their name, when only
    /// one quoted person has it), or, when it asks about a role's actor ("does the actor who
    /// plays amos sail"), the one actor of the character it names, with the terms that name
    /// the character.
    pub(super) fn person_asked_about(
        &self,
        question: &Analysed,
        intent: &intent::Intent,
    ) -> Option<(String, Vec<String>)> {
        if intent.said_by.is_some() || intent.casting {
            return None;
        }
        let mut named: Vec<usize> = crate::config::normalize_name(&question.corrected)
            .split(' ')
            .map(|w| {
                // "kallow's boat" names Kallow.
                w.strip_suffix("'s")
                    .or_else(|| w.strip_suffix("’s"))
                    .unwrap_or(w)
            })
            .filter_map(|w| self.name_parts.get(w))
            .flatten()
            .copied()
            .collect();
        named.sort_unstable();
        named.dedup();
        if let [one] = named.as_slice() {
            return Some((self.quoted[*one].clone(), Vec::new()));
        }
        if !named.is_empty() || !intent.of_role {
            return None;
        }
        match self.characters_named(question, None).as_slice() {
            [one] => Some((one.actor.clone(), one.named.iter().cloned().collect())),
            _ => None,
        }
    }

    /// The quoted person `words` name, each word one of their name's words (or a close
    /// spelling of one, by [`analysis::typo_edits`]: "frost" is not "Rosa"): stricter than [`Engine::find_speaker`], whose
    /// typed part of a name may be any part of it ("al" is in "Rosalind"), because these
    /// words were not typed as a name.
    fn person_named(&self, words: &str) -> Option<String> {
        let canonical = self.find_speaker(words)?;
        let name = crate::config::normalize_name(&canonical);
        let parts: Vec<&str> = name.split(' ').collect();
        crate::config::normalize_name(words)
            .split(' ')
            .all(|w| {
                let edits = analysis::typo_edits(w);
                let close = analysis::within_edits(w, edits.max(1));
                parts.iter().any(|p| *p == w || (edits > 0 && close(p)))
            })
            .then_some(canonical)
    }

    /// The canonical name of a speaker the user typed: config aliases first, then any quoted
    /// speaker whose name contains it, then a close spelling.
    pub(super) fn find_speaker(&self, typed: &str) -> Option<String> {
        if let Some(c) = self.speakers.resolve(typed) {
            return Some(c.to_string());
        }
        // "the coach", "their bassist": the one person the articles call so.
        if let Some(job) = JOB_ASKED
            .captures(typed.trim())
            .map(|c| c["job"].to_lowercase())
        {
            return match self.jobs.get(&job).map(Vec::as_slice) {
                Some([one]) => Some(self.quoted[*one].clone()),
                _ => None,
            };
        }
        let key = crate::config::normalize_name(typed);
        let known = &self.quoted;
        known
            .iter()
            .find(|s| crate::config::normalize_name(s).contains(&key) && !key.is_empty())
            // "mel rosenberg", "maren osby": each word typed is the start of the name's word
            // ("mel" of "Melissa"), as people shorten a first name, or a letter off it.
            .or_else(|| {
                let typed: Vec<&str> = key.split(' ').collect();
                let close: Vec<_> = typed.iter().map(|t| analysis::within_edits(t, 1)).collect();
                known.iter().find(|s| {
                    let name = crate::config::normalize_name(s);
                    let words: Vec<&str> = name.split(' ').collect();
                    typed.len() >= 2
                        && typed.len() == words.len()
                        && typed.iter().zip(&close).zip(&words).all(|((t, near), w)| {
                            (t.len() >= 3 && w.starts_with(t)) || (t.len() >= 4 && near(w))
                        })
                })
            })
            // A handle typed for a person ("lenavarga", "@lena_varga"), as people copy it from
            // a thread, read as the articles' account names are.
            .or_else(|| {
                let name =
                    crate::corpus::full_name_in_handle(typed, known.iter().map(String::as_str))?;
                known.iter().find(|s| s.as_str() == name)
            })
            .or_else(|| {
                let close = analysis::within_edits(&key, 2);
                known.iter().find(|s| {
                    crate::config::normalize_name(s)
                        .split(' ')
                        .any(|part| part.len() >= 4 && close(part))
                })
            })
            .cloned()
            // A title or job typed before the name ("chef marchetti-hale", "councillor
            // vance"), when no quoted name has that word: the name after it. A name is a few
            // words; anything longer is no name with a title.
            .or_else(|| {
                if !(2..=TITLED_NAME_MAX_WORDS).contains(&key.split(' ').count()) {
                    return None;
                }
                let (first, rest) = key.split_once(' ')?;
                let in_a_name = known.iter().any(|s| {
                    crate::config::normalize_name(s)
                        .split(' ')
                        .any(|w| w == first)
                });
                (!in_a_name).then(|| self.find_speaker(rest)).flatten()
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_actor_plays_the_roles_credited_to_their_own_name() {
        let credits: Vec<intent::CastCredit> = [
            "Tobias Lindqvist plays Deputy Amos Hale.",
            "Star Idris Kallow, who plays the smuggler Amos Crane, said so.",
        ]
        .into_iter()
        .flat_map(intent::cast_credit_names)
        .collect();
        let by_word = credits_by_word(&credits);
        assert!(roles_of("Idris Kallow", &credits, &by_word).contains("amo"));
        assert!(roles_of("Tobias Lindqvist", &credits, &by_word).contains("amo"));
        // A character's surname is not an actor's who shares it.
        assert!(roles_of("Owen Hale", &credits, &by_word).is_empty());
    }

    #[test]
    fn a_quote_in_prose_is_led_in_by_the_sentence_before_it() {
        let answer = "Kaminska learned to drive a lorry for the part. \"I wanted the tiredness \
                      to be real,\" she says. \"By the end I could reverse.\"\n\nAdeyemi was on \
                      set every day. \"Dorota builds a character from the body first,\" she says.";
        assert_eq!(
            lead_in(
                answer,
                "I wanted the tiredness to be real. By the end I could reverse."
            ),
            Some("Kaminska learned to drive a lorry for the part.")
        );
        assert_eq!(
            lead_in(answer, "Dorota builds a character from the body first"),
            Some("Adeyemi was on set every day.")
        );
        assert_eq!(lead_in("\"It was cold,\" she said.", "It was cold"), None);
    }

    #[test]
    fn a_characters_name_in_a_topic_becomes_the_character() {
        let mut a = analysis::analyzer();
        let terms = analysis::analyse_words(&mut a, "jessica jones trish");
        let named: HashSet<&str> = terms.iter().map(String::as_str).collect();
        assert_eq!(
            as_the_character("what's next for trish", &named),
            "what's next for the character"
        );
        assert_eq!(
            as_the_character("jessica jones after kilgrave", &named),
            "the character after kilgrave"
        );
        assert_eq!(as_the_character("season two", &named), "season two");
    }
}
