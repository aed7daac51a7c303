//! Ranking candidate passages: lexical and dense retrieval, the features of each candidate
//! (BM25, coverage, sentence-window coverage, the model's similarity), their fusion, and how
//! well a passage fits what the question asks for.

use super::sentences::{self, Sentence};
use super::*;

use once_cell::sync::Lazy;
use regex::Regex;

/// The lexical weight for questions of one or two content words (see `lexical_weight`).
pub(super) const SHORT_LEXICAL_WEIGHT: f32 = 0.7;
/// At most this many words typed, a topic of one or two content words is a keyword ("the
/// hellcat thing", "jess and trish"); more make it a phrase.
const SHORT_TOPIC_WORDS: usize = 3;

/// How much a passage's fit to what the question asks for moves its score (see `Engine::fit`).
pub(super) const FIT_STEP: f32 = 0.25;

/// How much a passage's resemblance to the rest of its article is taken off its similarity to
/// the question (as CSLS corrects for hubs in nearest-neighbour search).
pub(super) const HUB_DISCOUNT: f32 = 0.4;

/// The share of the coverage signal given to coverage within two neighbouring sentences.
pub(super) const WINDOW_SHARE: f32 = 0.8;

/// The share of a question word's weight that a passage gets when only its article's title
/// or introduction has the word.
const HEAD_CREDIT: f32 = 0.5;
/// How many leading candidates have their sentence-window coverage measured.
pub(super) const WINDOW_DEPTH: usize = 12;

/// How many lexical candidates are re-ranked.
pub(super) const CANDIDATES: usize = 40;

/// What the ranking knows about one candidate passage.
#[derive(Debug, Clone, Copy, Serialize)]
pub(super) struct Features {
    /// BM25 relative to the best candidate (0..1).
    pub(super) bm25: f32,
    /// Share of the question's rare words the passage has (0..1).
    pub(super) coverage: f32,
    /// The best share of the question's rare words found within two neighbouring sentences:
    /// words scattered over a long passage say less than words together.
    pub(super) window: f32,
    /// The model's best sentence similarity, with a model.
    pub(super) cosine: Option<f32>,
    /// That similarity scaled across the candidates (best 1, worst 0): raw cosines of one
    /// question sit in a narrow band, which would let the lexical scores decide alone.
    pub(super) dense: Option<f32>,
    /// A writer's introduction in an interview article, or a transcript's sign-off: it names
    /// the guest and the topics the exchanges answer, so it resembles many questions while
    /// answering none of them.
    pub(super) intro: bool,
}

impl Features {
    /// One score from the features; the weights were chosen on the dev and paraphrase sets
    /// (`ask --explain` dumps the features) and live in config so they can be revisited.
    pub(super) fn fuse(&self, c: &SearchConfig, lexical_weight: f32) -> f32 {
        let lexical = c.bm25_share * self.bm25
            + (1.0 - c.bm25_share) * (1.0 - WINDOW_SHARE) * self.coverage
            + (1.0 - c.bm25_share) * WINDOW_SHARE * self.window;
        let score = match self.dense {
            Some(d) => lexical_weight * lexical + (1.0 - lexical_weight) * d,
            None => lexical,
        };
        if self.intro {
            score * c.intro_factor
        } else {
            score
        }
    }
}

/// A candidate being ranked.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scored {
    pub(super) id: usize,
    pub(super) coverage: f32,
    pub(super) cosine: Option<f32>,
    pub(super) score: f32,
    pub(super) features: Option<Features>,
}

/// The share of words (against the model) in ranking quotes. A bare name or keyword as a topic
/// ("Hellcat") gives the model too little to place, so words decide more for topics of one or
/// two content words typed as a keyword. (Two content words in a phrase still read as a
/// phrase to the model: "why quiet people are scary".)
pub(super) fn lexical_weight(c: &SearchConfig, question: &Analysed) -> f32 {
    let typed = question.corrected.split_whitespace().count();
    if question.words.len() <= 2 && !question.words.is_empty() && typed <= SHORT_TOPIC_WORDS {
        c.lexical_weight.max(SHORT_LEXICAL_WEIGHT)
    } else {
        c.lexical_weight
    }
}

/// The largest of `values` (at least a tiny positive number, to divide by).
pub(super) fn highest(values: impl Iterator<Item = f32>) -> f32 {
    values.fold(0.0f32, f32::max).max(1e-6)
}

/// Maps the candidates' similarities onto 0..1 (lowest 0, highest 1): one question's raw
/// cosines sit in a narrow band, which would let the lexical scores decide alone.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scale {
    pub(super) lo: f32,
    pub(super) spread: f32,
}

impl Scale {
    pub(super) fn of(values: impl Iterator<Item = f32>) -> Self {
        let (lo, hi) = values.fold((f32::MAX, f32::MIN), |(lo, hi), c| (lo.min(c), hi.max(c)));
        Self {
            lo,
            spread: (hi - lo).max(1e-6),
        }
    }

    pub(super) fn apply(self, value: f32) -> f32 {
        (value - self.lo) / self.spread
    }
}

/// A sentence that opens with a pronoun standing for something named before it.
static PRONOUN_OPENING: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\W*(?i:it|its|it's|they|their|she|her|he|his)\b").expect("static regex compiles")
});

/// Whom the dates (or counts) in a text belong to, for a question naming `names`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dating {
    /// A clause names one of them and holds a date (or count).
    Named,
    /// Every dated clause names something else while the same sentence names one of them in
    /// another clause ("Daredevil debuts on March 18, and Luke Cage later in the year" does
    /// not date Luke Cage).
    Elsewhere,
    /// Neither: no names asked, or a date with no name near it ("It arrives in June"), which
    /// may well be the named one's.
    Unclear,
}

/// How the dates or counts (of the kind `wants`) in `text` (analysed as `sentences`) relate
/// to `names`, clause by clause.
fn dating(
    text: &str,
    sentences: &[Sentence],
    names: &HashSet<String>,
    wants: intent::Wants,
) -> Dating {
    if names.is_empty() {
        return Dating::Unclear;
    }
    let mut elsewhere = false;
    // Whether the sentence before named them: a sentence that opens with a pronoun goes on
    // about it ("What about Night Ferry? It arrives in June").
    let mut before = false;
    for sentence in sentences {
        let Some(whole) = text.get(sentence.range.clone()) else {
            continue;
        };
        let refers_back = before && PRONOUN_OPENING.is_match(whole);
        let clauses: Vec<(bool, bool)> = sentence
            .clauses
            .iter()
            .enumerate()
            .map(|(i, (range, words))| {
                let named = (i == 0 && refers_back) || words.iter().any(|w| names.contains(w));
                let clause = text.get(range.clone()).unwrap_or_default();
                (intent::holds(clause, wants), named)
            })
            .collect();
        if clauses.iter().any(|&(dated, named)| dated && named) {
            return Dating::Named;
        }
        elsewhere |= clauses.iter().any(|c| c.0) && clauses.iter().any(|c| c.1);
        before = clauses.iter().any(|c| c.1);
    }
    if elsewhere {
        Dating::Elsewhere
    } else {
        Dating::Unclear
    }
}

/// A word of a text, as [`words_name`] reads it.
struct NameWord {
    lower: String,
    capitalised: bool,
    /// Only spaces between it and the word before: the two may be one name.
    joined: bool,
}

fn name_words(text: &str) -> Vec<NameWord> {
    let mut out: Vec<NameWord> = Vec::new();
    let mut gap = String::new();
    for piece in text.split_inclusive(|c: char| !c.is_alphanumeric()) {
        let word = piece.trim_end_matches(|c: char| !c.is_alphanumeric());
        if !word.is_empty() {
            out.push(NameWord {
                lower: word.to_lowercase(),
                capitalised: word.starts_with(char::is_uppercase),
                joined: !out.is_empty() && !gap.is_empty() && gap.chars().all(|c| c == ' '),
            });
            gap.clear();
        }
        gap.push_str(&piece[word.len()..]);
    }
    out
}

/// Whether `words` name `name` (its words lowercased): one of its words, or the start of one
/// ("jess" for Jessica) at least half as long, never the middle of another ("low" is not in
/// "allowed"). Of a name of several words, a word found inside another name does not count:
/// "Orchard" beside "Glass" is that title's, not "iron orchard"'s.
/// A name's word this long or longer may be spelt a letter differently (see `words_name`).
const VARIANT_LETTERS: usize = 5;

fn words_name(words: &[NameWord], name: &[String]) -> bool {
    // A shortened name is at least half the word, as `casual` reads one ("jess" of Jessica,
    // not "salt" of Saltmarsh).
    let in_name = |w: &NameWord| {
        name.iter()
            .any(|n| w.lower.starts_with(n.as_str()) && n.len() * 2 >= w.lower.len())
    };
    // A name's words are spelt differently from one article to the next ("Rachel" and
    // "Rachael Taylor"): a word a letter away from one of them is that word, not another name.
    let variant = |w: &NameWord| {
        w.lower.chars().count() >= VARIANT_LETTERS
            && name.iter().any(|n| {
                n.chars().count() >= VARIANT_LETTERS && analysis::within_edits(n, 1)(&w.lower)
            })
    };
    let other_name = |w: &NameWord| {
        w.capitalised && !in_name(w) && !analysis::is_stop_word(&w.lower) && !variant(w)
    };
    words.iter().enumerate().any(|(i, w)| {
        in_name(w)
            && (name.len() < 2
                || !((w.joined && i > 0 && other_name(&words[i - 1]))
                    || words
                        .get(i + 1)
                        .is_some_and(|next| next.joined && other_name(next))))
    })
}

/// Indices of the `n` highest scores.
pub(super) fn top_indices(scores: &[f32], n: usize) -> Vec<usize> {
    super::top_n((0..scores.len()).collect(), n, |a: &usize, b: &usize| {
        scores[*b].total_cmp(&scores[*a]).then(a.cmp(b))
    })
}

impl Engine {
    /// How well a passage fits what the question asks for beyond its words: 1 when it holds
    /// it, less when it cannot answer that kind of question, more for a cast credit when the
    /// question asks who plays someone and for the person's own words when it asks what they
    /// said (`said_by`: that person's canonical name, resolved once per question).
    pub(super) fn fit(
        &self,
        id: usize,
        intent: &intent::Intent,
        said_by: Option<&str>,
        terms: &Analysed,
    ) -> f32 {
        let mut fit = 1.0;
        if !self.holds_wanted(id, intent, terms) {
            fit *= 1.0 - FIT_STEP;
        }
        // "What poem did they talk about in the writers room" asks for a poem: a passage that
        // never speaks of one (nor of a synonym) matches only the rest of the question. ("Which
        // X" is weighed by `holds_wanted`.)
        if intent.which.is_none()
            && intent
                .thing
                .as_deref()
                .is_some_and(|thing| !self.speaks_of(id, thing, terms))
        {
            fit *= 1.0 - FIT_STEP;
        }
        // A passage that does not name whom the question asks about cannot answer it.
        if self.lacks_names(id, intent) {
            fit *= 0.5;
        }
        // Nor does one about another season or episode than the one asked about, where it
        // matches the question: an answer about season two may look back at season one.
        if !intent.parts.is_empty()
            && intent::names_other_parts(&self.best_stretch(id, terms), &intent.parts)
        {
            fit *= 0.5;
        }
        // "Who plays Colm" is answered by a cast credit of Colm ("Colm Tull (Dev Okonjo)"),
        // not by what the interview says about the character.
        if intent.casting {
            if self.credits_asked_role(id, terms) {
                fit *= 1.0 + FIT_STEP;
            } else {
                fit *= 1.0 - FIT_STEP;
            }
        }
        if said_by.is_some_and(|name| self.speaks_in(id, name)) {
            fit *= 1.0 + FIT_STEP;
        } else if intent
            .about
            .as_deref()
            .is_some_and(|name| self.speaks_in(id, name) && !self.interviews(id, name))
        {
            // Someone asked about by name is best answered in their own words, except in
            // their own interview, where nearly every answer is theirs and the writer's
            // introduction may be what answers.
            fit *= 1.0 + FIT_STEP;
        }
        fit
    }

    /// Whether passage `id` (its interviewer's question or its answer) has `word` of the
    /// question, in one of the forms or synonyms the question's reading gives it.
    fn speaks_of(&self, id: usize, word: &str, terms: &Analysed) -> bool {
        let Some(mut forms) = forms_of(terms, word) else {
            return true;
        };
        let read = self.sentences_of(id);
        forms.any(|t| {
            t.phrase.is_none()
                && read
                    .question
                    .iter()
                    .chain(&read.answer)
                    .any(|s| s.words.contains(&t.term))
        })
    }

    /// Whether `sentences` speak of what a "where" question asks the place of: its verb or a
    /// one-word synonym ("shot" for "filmed"), not a general one ("take"). "Confirmed at the
    /// critics' press tour" is not where a show is filmed.
    pub(super) fn does_asked_thing<'s>(
        &self,
        sentences: impl Iterator<Item = &'s sentences::Sentence>,
        terms: &Analysed,
    ) -> bool {
        let Some(verb) = intent::place_verb(&terms.corrected) else {
            return true;
        };
        let Some(forms) = forms_of(terms, verb) else {
            return true;
        };
        let family: Vec<&str> = forms
            .filter(|t| t.phrase.is_none() && !self.vocab.is_weak(&t.term))
            .map(|t| t.term.as_str())
            .collect();
        sentences
            .into_iter()
            .any(|s| family.iter().any(|t| s.words.contains(*t)))
    }

    /// The sentence of `answer` that matches the question best, with its neighbours (all of
    /// `answer` when none matches).
    fn best_window<'s>(
        &self,
        answer: &'s [sentences::Sentence],
        terms: &Analysed,
    ) -> &'s [sentences::Sentence] {
        match sentences::best(answer, &terms.terms, |t| self.vocab.idf(t)) {
            Some(i) => &answer[i.saturating_sub(1)..(i + 2).min(answer.len())],
            None => answer,
        }
    }

    /// Passage `id` where it matches the question best: the interviewer's question, and the
    /// answer's best sentence with its neighbours (all of the answer when none matches).
    fn best_stretch(&self, id: usize, terms: &Analysed) -> String {
        let p = &self.corpus.passages[id];
        let read = self.sentences_of(id);
        let window = self.best_window(&read.answer, terms);
        format!(
            "{}\n{}",
            p.question.as_deref().unwrap_or(""),
            sentences::span(&p.answer, window)
        )
    }

    /// Whether passage `id` credits an actor with the role the casting question names (any
    /// credit when it names none): "who plays jess" is not answered by "Trish (Rachael Taylor)".
    pub(super) fn credits_asked_role(&self, id: usize, terms: &Analysed) -> bool {
        let text = self.corpus.passages[id].text();
        let credits = intent::cast_credits(&text);
        let role: Vec<&str> = terms
            .words
            .iter()
            .map(|(w, _)| w.as_str())
            .filter(|w| !intent::CASTING_WORDS.contains(w))
            .collect();
        if role.is_empty() {
            return !credits.is_empty();
        }
        let mut a = analysis::analyzer();
        credits.iter().any(|credit| {
            let words = analysis::analyse_words(&mut a, credit);
            role.iter().any(|r| words.iter().any(|w| w == r))
        })
    }

    /// Whether passage `id` leaves out one of the names the question asks about (`intent.named`,
    /// each a list of words, any of which will do: "McTeer" for "Janet McTeer", but not as part
    /// of another name: "Orchard" in "Glass Orchard" does not name "the iron orchard").
    pub(super) fn lacks_names(&self, id: usize, intent: &intent::Intent) -> bool {
        let names = &intent.named;
        if names.is_empty() {
            return false;
        }
        // The article's title and subject count as named: every passage of an interview about
        // a film is about that film.
        let p = &self.corpus.passages[id];
        let article = &self.corpus.articles[p.article];
        let text = [
            p.text().as_str(),
            p.speaker.as_deref().unwrap_or(""),
            article.source.title.as_str(),
        ]
        .join("\n");
        let interviewee = name_words(article.interviewee.as_deref().unwrap_or(""));
        // So do the names its introduction gives (a standfirst naming the film the whole
        // interview is about), compared as analysed terms: all of a name's words, as the
        // introduction's terms are not in order.
        let about = self.about.get(p.article).filter(|_| self.levers.context);
        let mut a = analysis::analyzer();
        let mut in_intro = |name: &[String]| {
            about.is_some_and(|about| {
                let terms = analysis::analyse_words(&mut a, &name.join(" "));
                !terms.is_empty() && terms.iter().all(|t| about.contains(t))
            })
        };
        // Where several people answer (a panel, a candidates' questionnaire), a person named
        // who has turns of their own is named by those turns only, not by the introduction
        // that presents them all, nor by being the article's main voice: "what would callum
        // do" asks for Callum's answer, not the one beside it. A turn of one of the people
        // named answers a question about two of them ("how did grete and lorcan meet").
        let speaker = name_words(p.speaker.as_deref().unwrap_or(""));
        let by_one_named = names
            .iter()
            .chain(&intent.people)
            .any(|name| words_name(&speaker, name));
        let has_turns = |name: &[String]| {
            p.speaker.is_some()
                && !by_one_named
                && self.corpus.passages_of(p.article).any(|other| {
                    self.corpus.passages[other]
                        .speaker
                        .as_deref()
                        .is_some_and(|s| words_name(&name_words(s), name))
                })
        };
        let words = name_words(&text);
        names.iter().any(|name| {
            !words_name(&words, name)
                && (has_turns(name) || !in_intro(name) && !words_name(&interviewee, name))
        })
    }

    /// Whether passage `id` states the kind of fact asked for where it matches the question
    /// best (that sentence and its neighbours), or, for "which X", names an X with the rest.
    pub(super) fn holds_wanted(
        &self,
        id: usize,
        intent: &intent::Intent,
        terms: &Analysed,
    ) -> bool {
        let p = &self.corpus.passages[id];
        if let Some(credit) = intent.credit {
            let asked = plain_words(&terms.corrected);
            if !intent::names_credit(p.question.as_deref(), &p.answer, credit, &asked) {
                return false;
            }
        }
        if intent.wants == intent::Wants::Anything && intent.which.is_none() {
            return true;
        }
        // Where someone is from is said once, anywhere in what they or the writer say about
        // them (a fact box's first line, an aside), not next to the question's other words.
        if intent.wants == intent::Wants::Origin {
            return intent::holds(&p.answer, intent.wants);
        }
        let read = self.sentences_of(id);
        let Some(noun) = intent.which.as_deref() else {
            // The sentence that matches the question best and its neighbours.
            let window = self.best_window(&read.answer, terms);
            let window_text = sentences::span(&p.answer, window);
            // A name answers "what was her dog called" where the dog is: a sentence that
            // speaks of it names something the question does not, or the interviewer asks
            // about it and the answer names something.
            if intent.wants == intent::Wants::Name {
                let asked = plain_words(&terms.corrected);
                // Its words that are not names the question gives ("maisie" of "the show
                // maisie did").
                let thing: Vec<&String> = intent
                    .name_of
                    .iter()
                    .filter(|w| !self.names.is_name_word(w))
                    .collect();
                let of_it = |text: &str| {
                    thing.is_empty()
                        || plain_words(text)
                            .iter()
                            .any(|w| thing.iter().any(|n| w.starts_with(n.as_str())))
                };
                let asks_it = p.question.as_deref().is_some_and(&of_it);
                return window
                    .iter()
                    .map(|s| sentences::span(&p.answer, std::slice::from_ref(s)))
                    .any(|s| (asks_it || of_it(s)) && intent::names_something(s, &asked));
            }
            if !intent.wants.is_stated_fact() {
                return intent::holds(window_text, intent.wants);
            }
            // "How old were you when you started?" / "Fifty-one.": asked by the interviewer,
            // an age is given as a bare number opening the answer.
            if intent.wants == intent::Wants::Age
                && p.question.as_deref().is_some_and(|q| {
                    split_units(q)
                        .last()
                        .is_some_and(|q| intent::wants(q) == intent::Wants::Age)
                })
                && read.answer.first().is_some_and(|s| {
                    intent::holds(
                        sentences::span(&p.answer, std::slice::from_ref(s)),
                        intent::Wants::Number,
                    )
                })
            {
                return true;
            }
            // A count of what the question counts, in any sentence ("how many lemons will i
            // get": "Expect three or four lemons in a good year", far from "grow lemons"),
            // where the question names no one and nothing whose count it must be.
            if intent.wants == intent::Wants::Number
                && intent.named.is_empty()
                && intent::counted_noun(&terms.corrected)
                    .is_some_and(|noun| self.counts_in_answer(id, &noun, terms))
            {
                return true;
            }
            // A date or a count belongs to what its clause names: the passage must date (or
            // count) what the question names, where it matches the question best or in any
            // clause that names it ("X runs to six episodes, while Y has yet to say").
            let mut a = analysis::analyzer();
            let names: HashSet<String> = intent
                .named
                .iter()
                .flatten()
                .flat_map(|w| analysis::analyse_words(&mut a, w))
                .collect();
            return match dating(&p.answer, &read.answer, &names, intent.wants) {
                Dating::Named => true,
                _ if !intent::holds(window_text, intent.wants) => false,
                _ => dating(&p.answer, window, &names, intent.wants) != Dating::Elsewhere,
            };
        };
        // "Which X ... Y" asks for the X that goes with Y: some stretch of the passage (a
        // sentence, or two in a row) names an X and speaks of Y, the rest of the question
        // past the X and the names it is about, or it names some other X ("which episode has
        // the river crossing" is not answered by "the north tower, episode six"). The X may
        // be named by the interviewer's question instead ("Is there a storm you are proudest
        // of?" answered by "The lighthouse gale").
        let mut a = analysis::analyzer();
        let kind: Vec<String> = analysis::analyse_words(&mut a, noun);
        let mut aside: HashSet<String> = intent
            .named
            .iter()
            .flatten()
            .flat_map(|w| analysis::analyse_words(&mut a, w))
            .collect();
        aside.extend(kind.iter().cloned());
        let rest: Vec<usize> = terms
            .words
            .iter()
            .enumerate()
            .filter(|(_, (w, _))| !aside.contains(w) && !self.vocab.is_stop(w))
            .map(|(i, _)| i)
            .collect();
        let asked = |t: &String| read.question.iter().any(|s| s.words.contains(t));
        // "Which episode" is answered by one episode, numbered ("episode 11") or not ("the new
        // season", "the finale"), not by a count of them ("all 13 episodes").
        let numbered = |span: &str| {
            intent::part_kind(noun).is_none_or(|k| {
                intent::parts(span).iter().any(|part| part.kind == k)
                    || plain_words(span)
                        .iter()
                        .any(|w| intent::names_one_part(w, k))
            })
        };
        (0..read.answer.len()).any(|i| {
            let pair = &read.answer[i..(i + 2).min(read.answer.len())];
            let has = |t: &String| pair.iter().any(|s| s.words.contains(t)) || asked(t);
            let names_kind = kind.iter().all(has);
            let speaks_of_rest = rest.is_empty()
                || terms
                    .terms
                    .iter()
                    .any(|t| t.word.is_some_and(|i| rest.contains(&i)) && has(&t.term));
            let span = sentences::span(&p.answer, pair);
            names_kind && speaks_of_rest && intent::holds(span, intent.wants) && numbered(span)
        })
    }

    /// Whether passage `id` counts `noun` (the "viewers" of "how many viewers"): one of its
    /// sentences holds a number next to the noun (or a form or synonym the question's reading
    /// gives it; see [`intent::counts`]), or the interviewer's question names the noun ("How
    /// many costumes did you make?" / "Around four hundred.").
    pub(super) fn counts_asked(&self, id: usize, noun: &str, terms: &Analysed) -> bool {
        let Some(forms) = forms_of(terms, noun) else {
            return true;
        };
        let forms: Vec<&str> = forms.map(|t| t.term.as_str()).collect();
        let names = |s: &sentences::Sentence| forms.iter().any(|f| s.words.contains(*f));
        let read = self.sentences_of(id);
        read.question.iter().any(names) || self.counts_in_answer(id, noun, terms)
    }

    /// Whether one of passage `id`'s answer sentences names `noun` and holds a number that
    /// counts it (see [`Engine::counts_asked`]).
    fn counts_in_answer(&self, id: usize, noun: &str, terms: &Analysed) -> bool {
        let Some(forms) = forms_of(terms, noun) else {
            return false;
        };
        let forms: Vec<&str> = forms.map(|t| t.term.as_str()).collect();
        let names = |s: &sentences::Sentence| forms.iter().any(|f| s.words.contains(*f));
        let read = self.sentences_of(id);
        let answer = &self.corpus.passages[id].answer;
        let mut analyzer = analysis::analyzer();
        let mut counted = |word: &str| {
            analysis::analyse_words(&mut analyzer, word)
                .iter()
                .any(|w| forms.contains(&w.as_str()))
        };
        read.answer.iter().enumerate().any(|(k, s)| {
            let text = sentences::span(answer, std::slice::from_ref(s));
            // "The pasty, by miles. We make four hundred on a Friday.": the count may come
            // in the next sentence, its noun left out.
            let next = read
                .answer
                .get(k + 1)
                .map_or("", |n| sentences::span(answer, std::slice::from_ref(n)));
            names(s) && intent::counts(text, next, &mut counted)
        })
    }

    /// Whether the title or introduction of passage `id`'s article has term `t`: every
    /// passage of an interview about a film is about that film, named or not.
    fn heads(&self, id: usize, t: &str) -> bool {
        self.levers.context
            && self
                .about_names
                .get(self.corpus.passages[id].article)
                .is_some_and(|about| about.contains(t))
    }

    /// How much of each term passage `id` has: all of those `has` finds in it, and
    /// [`HEAD_CREDIT`] of those only its article's title or introduction has.
    pub(super) fn found_in<'h>(
        &'h self,
        id: usize,
        has: impl Fn(&str) -> bool + 'h,
    ) -> impl Fn(&str) -> f32 + 'h {
        move |t| {
            if has(t) {
                1.0
            } else if self.heads(id, t) {
                HEAD_CREDIT
            } else {
                0.0
            }
        }
    }

    /// The best coverage of the question by two neighbouring sentences of passage `id` (its
    /// interviewer's question counts as sentences too), each said by the passage's speaker.
    pub(super) fn window_coverage(&self, id: usize, question: &Analysed) -> f32 {
        let read = self.sentences_of(id);
        let mut best = 0.0f32;
        for text in [&read.question, &read.answer] {
            for i in 0..text.len() {
                let pair = &text[i..(i + 2).min(text.len())];
                let found = self.found_in(id, |t: &str| {
                    read.speaker.contains(t) || pair.iter().any(|s| s.words.contains(t))
                });
                best = best.max(self.coverage_scaled(question, found));
            }
        }
        best
    }

    /// Whether passage `id` is from an interview with `name` alone: nobody else answers in it.
    fn interviews(&self, id: usize, name: &str) -> bool {
        let article = self.corpus.passages[id].article;
        self.corpus.articles[article].interviewee.as_deref() == Some(name)
            && self.corpus.passages[self.corpus.passages_of(article)]
                .iter()
                .all(|p| p.speaker.as_deref().is_none_or(|s| s == name))
    }

    /// Whether `name` speaks in passage `id`: its answer, or a quote found in it.
    pub(super) fn speaks_in(&self, id: usize, name: &str) -> bool {
        self.corpus.passages[id].speaker.as_deref() == Some(name)
            || self
                .quotes_of(id)
                .any(|q| self.corpus.quotes[q].speaker.as_deref() == Some(name))
    }

    /// The quotes found in passage `id`.
    pub(super) fn quotes_of(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        let from = self
            .quotes_by_passage
            .partition_point(|&(p, _)| (p as usize) < id);
        self.quotes_by_passage[from..]
            .iter()
            .take_while(move |&&(p, _)| p as usize == id)
            .map(|&(_, q)| q as usize)
    }

    /// Lexical candidates (plus the model's nearest passages), re-ranked on coverage of the
    /// question, BM25 and the model's similarity. `current` is the question alone when `terms`
    /// also carries conversation context.
    pub(super) fn rank_passages(
        &self,
        terms: &Analysed,
        query_vec: Option<&[f32]>,
        current: Option<&Analysed>,
        intent: Option<&intent::Intent>,
    ) -> Vec<Scored> {
        let current = current.unwrap_or(terms);
        let mut candidates: HashMap<usize, f32> = HashMap::new();
        if let Some(query) = self.passages.query(&terms.terms, PASSAGE_WEIGHTS) {
            match self.passages.search(query, None, CANDIDATES) {
                Ok(hits) => candidates.extend(hits.into_iter().map(|(id, s)| (id as usize, s))),
                Err(e) => tracing::warn!(error = %e, "passage search failed"),
            }
        }
        let best_cosine: Option<Vec<f32>> = match (&self.dense, query_vec) {
            (Some(d), Some(qv)) => {
                let lexical: Vec<usize> = candidates.keys().copied().collect();
                Some(d.passages.best_per_item(qv, &lexical))
            }
            _ => None,
        };
        if let Some(best) = &best_cosine {
            for id in top_indices(best, 15) {
                candidates.entry(id).or_insert(0.0);
            }
        }
        let max_bm25 = highest(candidates.values().copied());
        let ids: Vec<usize> = candidates.keys().copied().collect();
        let has = self.question_terms_in(current, &ids);
        let cosine_of = |id: usize| best_cosine.as_ref().and_then(|b| b.get(id).copied());
        // For ranking, a passage's similarity less how much it resembles its own article: a
        // hub (an introduction, a fact box) resembles every question about the article.
        let ranked_cosine = |id: usize| {
            let d = self.dense.as_ref()?;
            cosine_of(id).map(|c| c - HUB_DISCOUNT * d.passages.centrality(id))
        };
        let scale = Scale::of(ids.iter().filter_map(|&id| ranked_cosine(id)));
        let mut scored: Vec<Scored> = ids
            .iter()
            .zip(&has)
            .map(|(&id, has)| {
                let bm25 = candidates[&id];
                let coverage =
                    self.coverage_scaled(current, self.found_in(id, |t| has.contains(t)));
                let f = Features {
                    bm25: bm25 / max_bm25,
                    coverage,
                    // Its upper bound for now: measured below for the leading candidates only.
                    window: coverage,
                    cosine: cosine_of(id),
                    dense: ranked_cosine(id).map(|c| scale.apply(c)),
                    intro: self.intro[id],
                };
                Scored {
                    id,
                    coverage: f.coverage,
                    cosine: f.cosine,
                    score: f.fuse(&self.config.search, self.config.search.lexical_weight),
                    features: Some(f),
                }
            })
            .collect();
        if let Some(intent) =
            intent.filter(|i| self.levers.answer_type && (!i.is_plain() || !i.parts.is_empty()))
        {
            let said_by = intent.said_by.as_deref().and_then(|w| self.find_speaker(w));
            for s in &mut scored {
                s.score *= self.fit(s.id, intent, said_by.as_deref(), terms);
            }
        }
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        // Words together in two neighbouring sentences, measured where it can change the order
        // (reading every candidate's text would cost a large corpus more than the query).
        let search = &self.config.search;
        for s in scored.iter_mut().take(WINDOW_DEPTH) {
            let Some(f) = s.features.as_mut() else {
                continue;
            };
            let before = f.fuse(search, search.lexical_weight);
            f.window = if self.levers.proximity && f.coverage > 0.0 {
                self.window_coverage(s.id, current)
            } else {
                0.0
            };
            let after = f.fuse(search, search.lexical_weight);
            if before > 0.0 {
                s.score *= after / before;
            }
        }
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        if tracing::enabled!(tracing::Level::DEBUG) {
            for s in scored.iter().take(5) {
                let p = &self.corpus.passages[s.id];
                let head: String = p.text().chars().take(70).collect();
                tracing::debug!(id = s.id, score = s.score, coverage = s.coverage, cosine = ?s.cosine, "candidate {head:?}");
            }
        }
        scored
    }

    /// For each passage of `ids`, the question's terms it contains (in its question, answer or
    /// speaker), read from the index's posting lists.
    pub(super) fn question_terms_in<'q>(
        &self,
        question: &'q Analysed,
        ids: &[usize],
    ) -> Vec<HashSet<&'q str>> {
        let mut terms: Vec<&str> = question
            .terms
            .iter()
            .filter(|t| t.word.is_some())
            .map(|t| t.term.as_str())
            .collect();
        terms.sort_unstable();
        terms.dedup();
        let f = self.passages.fields;
        match self
            .passages
            .has_terms(ids, &terms, &[f.question, f.answer, f.speaker])
        {
            Ok(rows) => rows
                .into_iter()
                .map(|row| {
                    terms
                        .iter()
                        .zip(row)
                        .filter_map(|(t, has)| has.then_some(*t))
                        .collect()
                })
                .collect(),
            Err(e) => {
                // Slower, same answer: analyse the passages' text instead.
                tracing::warn!(error = %e, "reading posting lists failed");
                ids.iter()
                    .map(|&id| {
                        let words = self.passage_terms(&self.corpus.passages[id]);
                        terms
                            .iter()
                            .copied()
                            .filter(|t| words.contains(*t))
                            .collect()
                    })
                    .collect()
            }
        }
    }

    /// The analysed terms of a passage (question, answer and speaker).
    pub(super) fn passage_terms(&self, p: &Passage) -> HashSet<String> {
        let mut a = analysis::analyzer();
        let mut out: HashSet<String> = analysis::analyse_words(&mut a, &p.answer)
            .into_iter()
            .collect();
        if let Some(q) = &p.question {
            out.extend(analysis::analyse_words(&mut a, q));
        }
        if let Some(s) = &p.speaker {
            out.extend(analysis::analyse_words(&mut a, s));
        }
        out
    }

    /// Share of the question's content words (weighted by rarity) found in `terms`: a synonym
    /// counts at its discount, a word the corpus never uses counts against.
    pub(super) fn coverage(&self, question: &Analysed, has: impl Fn(&str) -> bool) -> f32 {
        self.coverage_scaled(question, |t| if has(t) { 1.0 } else { 0.0 })
    }

    /// [`Self::coverage`] where a term may be found only in part (`has` gives its share).
    pub(super) fn coverage_scaled(&self, question: &Analysed, has: impl Fn(&str) -> f32) -> f32 {
        let total: f32 = question.words.iter().map(|(_, idf)| idf).sum();
        if total <= 0.0 {
            return 0.0;
        }
        let mut got = 0.0;
        for (i, (_, idf)) in question.words.iter().enumerate() {
            let mut best = 0.0f32;
            // The words found of each multi-word synonym, summed.
            let mut phrases: Vec<(u32, f32)> = Vec::new();
            for (t, share) in question
                .terms
                .iter()
                .filter(|t| t.word == Some(i))
                .map(|t| (t, has(&t.term)))
                .filter(|&(_, share)| share > 0.0)
            {
                let weight = t.weight * share;
                match t.phrase {
                    None => best = best.max(weight),
                    Some(p) => match phrases.iter_mut().find(|(q, _)| *q == p) {
                        Some((_, sum)) => *sum += weight,
                        None => phrases.push((p, weight)),
                    },
                }
            }
            for (_, sum) in phrases {
                best = best.max(sum);
            }
            got += best.min(1.0) * idf;
        }
        got / total
    }

    /// The rarest capitalised names in a passage, as query terms.
    pub(super) fn salient_names(&self, p: &Passage, n: usize) -> Vec<QueryTerm> {
        let mut a = analysis::analyzer();
        let mut names: Vec<(f32, String)> = Vec::new();
        for r in sentences(&p.answer) {
            let sentence = &p.answer[r];
            for word in sentence.split_whitespace().skip(1) {
                let w = word.trim_matches(|c: char| !c.is_alphanumeric());
                if !w.chars().next().is_some_and(char::is_uppercase) || w.len() < 3 {
                    continue;
                }
                for term in analysis::analyse_words(&mut a, w) {
                    if self.vocab.is_stop(&term) || names.iter().any(|(_, t)| *t == term) {
                        continue;
                    }
                    names.push((self.vocab.idf(&term), term));
                }
            }
        }
        names.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        names
            .into_iter()
            .take(n)
            .map(|(_, term)| QueryTerm {
                term,
                weight: 1.0,
                origin: Origin::Context,
                word: None,
                phrase: None,
            })
            .collect()
    }
}

/// The terms the question's reading gives its word `word` (the word's forms and synonyms),
/// or `None` when the question, as read, does not have the word.
fn forms_of<'t>(terms: &'t Analysed, word: &str) -> Option<impl Iterator<Item = &'t QueryTerm>> {
    let stems = analysis::analyse_words(&mut analysis::analyzer(), word);
    let k = terms.words.iter().position(|(w, _)| stems.contains(w))?;
    Some(terms.terms.iter().filter(move |t| t.word == Some(k)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_found_by_any_of_its_words_but_not_inside_another_name() {
        let names = |text: &str, name: &str| {
            let name: Vec<String> = name.split(' ').map(str::to_string).collect();
            words_name(&name_words(text), &name)
        };
        assert!(names("The Iron Orchard is a 2023 film.", "iron orchard"));
        assert!(names("McTeer was there.", "janet mcteer"));
        assert!(names("Janet McTeer was there.", "janet mcteer"));
        assert!(names("Jessica Jones", "jess"));
        // One word of a name is any name's that has it.
        assert!(names("Janet McTeer was there.", "mcteer"));
        assert!(names("We planted an orchard.", "iron orchard"));
        // Not the middle of a word, nor a word of another name.
        assert!(!names("It was allowed.", "low"));
        assert!(!names("The premiere of Glass Orchard.", "iron orchard"));
        assert!(!names("Hester Vane plays Ottilie Vane.", "tomas vane"));
        // A line break ends a name.
        assert!(names("Glass\nOrchard scenes", "iron orchard"));
        // A name spelt a letter differently is the same name.
        assert!(names("Rachel Taylor, who played Trish", "rachael taylor"));
        assert!(!names("Rachel Taylor, who played Trish", "janet taylor"));
    }
}
