//! Finding quoted statements and who said them.
//!
//! Interview answers are quotes as a whole (their speaker is known from the layout). In prose,
//! double-quoted spans of at least `MIN_QUOTE_WORDS` words are quotes, attributed from the text
//! around them, in this order of trust:
//!
//! 1. an attribution right after the quote (`,” Rosenberg recalled`, `,” said Ritter`);
//! 2. the clause before it in the same sentence: a speech verb ("saying,", "added:") or a single
//!    person named ("Rosenberg is “...”") gives that clause's subject;
//! 3. a quote opening a paragraph whose previous paragraph ends in ":" ("She explained:") gets
//!    the subject of that lead-in;
//! 4. another attributed quote in the same paragraph (continuations of one statement);
//! 5. a quote opening a sentence gets the subject of the previous sentence.
//!
//! Pronouns ("she explained") resolve to the most recently named known person, ignoring names in
//! parentheses (cast credits such as "Trish (Rachael Taylor)") and inside quotes. Nothing is
//! guessed beyond that: an unattributable quote keeps speaker `None`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use once_cell::sync::Lazy;
use regex::Regex;

use super::split::NOT_SPEAKERS;
use super::{Passage, PassageKind, Quote};
use crate::config::{normalize_name, Speakers};

/// Fewer words than this ("as of August", "bad guy") are scare quotes or titles, not statements.
pub const MIN_QUOTE_WORDS: usize = 5;

/// The marks a quotation closes with: a plain hyphen after one signs it ("\"...\" - Name").
pub(super) const CLOSING_QUOTES: [char; 4] = ['"', '”', '’', '\''];
/// How far after a closing quote mark an attribution ("Rosenberg told Esquire") is looked for.
const AFTER_WINDOW: usize = 120;

pub(super) const SPEECH_VERBS: &str = "said|says|saying|told|tells|telling|recalled|recalls|explained|explains|explaining|added|adds|adding|stated|states|noted|notes|revealed|reveals|admitted|admits|continued|continues|joked|jokes|stressed|stresses|insisted|insists|confirmed|confirms|teased|teases|asked|asks|replied|replies|answered|answers|wrote|writes|tweeted|posted|captioned|remarked|remarks|commented|comments|acknowledged|acknowledges|argued|argues|suggested|suggests|shared|shares|offered|offers|quipped|laughed|mused|muses|put it|went on|according to|had (?:this|the following) to say|reflected|reflects|described|describes|agreed|agrees|concluded|concludes|pointed out|points out|elaborated|clarified|promised|hinted|hints|warned|warns|declared|declares";

/// A name: one to three capitalised words.
const NAME: &str = r"\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*){0,2}";

/// What people are in the articles' world: a report calls a person it has named by one ("the
/// critic said"), puts one before a name ("Composer Lars Holm"), and a headline speaks
/// through one ("Showrunner Talks").
pub(super) const JOBS: &[&str] = &[
    "actress",
    "actor",
    "director",
    "star",
    "newcomer",
    "creator",
    "showrunner",
    "writer",
    "author",
    "producer",
    "composer",
    "editor",
    "host",
    "presenter",
    "guest",
    "coordinator",
    "supervisor",
    "designer",
    "singer",
    "musician",
    "artist",
    "comedian",
    "novelist",
    "filmmaker",
    "photographer",
    "dancer",
    "chef",
    "player",
    "coach",
    "manager",
    "founder",
    "ceo",
    "chairman",
    "chairwoman",
    "president",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "reporter",
    "journalist",
    "critic",
    "co-star",
    "colleague",
    // Public and professional offices, as news reports and official transcripts put them
    // before a name ("Harbour Commissioner Adaeze Okafor", "the engineer said").
    "commissioner",
    "mayor",
    "senator",
    "minister",
    "secretary",
    "governor",
    "councillor",
    "councilor",
    "official",
    "engineer",
    "officer",
    "inspector",
    "detective",
    "professor",
    "scientist",
    "researcher",
    "historian",
    "curator",
    "teacher",
    "lawyer",
    "ambassador",
    // The arts' other trades, as reports put them before the names of the people interviews
    // are with ("Conductor Mirela Sandu, who led the premiere").
    "conductor",
    "playwright",
    "poet",
    "translator",
    "architect",
    "choreographer",
    "librettist",
];

/// Nouns a report uses for a person it has named ("the actress said", "the 34-year-old added").
pub(super) static PERSON_NOUNS: Lazy<String> =
    Lazy::new(|| format!(r"\d+-year-old|{}", JOBS.join("|")));

static AFTER_NAME_VERB: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"^[\s,;:—–\-]*(?:(?P<name>{NAME})(?:,[^,.;:]{{1,80}},)?|(?P<pro>[Hh]e|[Ss]he|[Tt]he\s+(?:[\w-]+\s+)?(?:{})))\s+(?:also\s+|later\s+|then\s+)?(?:{SPEECH_VERBS})\b",
        *PERSON_NOUNS
    ))
    .expect("static regex compiles")
});
/// Words for a man and for a woman in a family, which say which pronoun fits the name after them.
const MALE_KIN: &str = "son|brother|father|dad|husband|nephew|grandson|widower";
const FEMALE_KIN: &str = "daughter|sister|mother|mum|mom|wife|niece|granddaughter|widow";

/// Words for a relative or a friend, which reports put before a name ("said her daughter, Grace
/// Bell", "Her son, Daniel Oduya, said").
pub(super) static KIN: Lazy<String> =
    Lazy::new(|| format!("{MALE_KIN}|{FEMALE_KIN}|partner|friend|neighbour|neighbor|colleague"));

/// "said Name", "said her daughter, Name", "said the club's chairman, Name".
static AFTER_VERB_NAME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"^[\s,;:—–\-]*(?:said|says|recalled|explained|added|continued|noted|told|asked|replied|wrote|according to)\s+(?:(?:his|her|their|its|the)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{}|{}),?\s+)?(?P<name>{NAME})",
        *KIN,
        *PERSON_NOUNS
    ))
    .expect("static regex compiles")
});
/// How a topic's lead-in opens ("On the result:", "About the penalty:", "Regarding his
/// future:").
static TOPIC_LEAD_IN: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:on|about|regarding|re|asked about)\s").expect("static regex compiles")
});
static SPEECH_VERB: Lazy<Regex> =
    Lazy::new(|| Regex::new(&format!(r"\b(?:{SPEECH_VERBS})\b")).expect("static regex compiles"));
static PRONOUN: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\b(?:[Hh]e|[Ss]he)\b").expect("static regex compiles"));
/// Any third-person singular pronoun, for learning whether a name is a he or a she.
/// ("her" and "him" are left out: "was in the water with her" is usually someone else.)
static GENDERED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\b(?:[Hh]e|[Hh]is|[Hh]imself|[Ss]he|[Hh]erself)\b").expect("static regex compiles")
});
/// A word for a man or a woman in a family right before a name ("her son, ", "said his widow ").
static KIN_BEFORE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:(?P<male>{MALE_KIN})|{FEMALE_KIN}),?\s+$"
    ))
    .expect("static regex compiles")
});
/// A relative clause after a name (", who plays Rory,"): names inside it are not the subject.
static RELATIVE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r",\s+who\b[^,.;]{0,120},").expect("static regex compiles"));
/// An attribution line closing a paragraph: "… — Name (@handle) March 2, 2024", "… — Name, role".
static SIGNATURE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\s(?P<dash>[—–]|-\s)\s*(?P<name>\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,3})(?:,\s*[^()\n]{1,60}?)?(?:\s*\(@[\w.]+\))?(?:\s+[\p{L}\d ,.]{4,30})?$")
        .expect("static regex compiles")
});

/// Capitalised words that start a clause but never name the speaker.
const NOT_NAMES: &[&str] = &[
    "the",
    "this",
    "that",
    "it",
    "its",
    "they",
    "we",
    "i",
    "you",
    "there",
    "here",
    "but",
    "and",
    "so",
    "as",
    "then",
    "when",
    "while",
    "if",
    "a",
    "an",
    "in",
    "on",
    "his",
    "her",
    "their",
    "our",
    "my",
    "one",
    "some",
    "many",
    "most",
    "all",
    "both",
    "interview",
    "interviewed",
];

/// The longest source line after a quotation page's quote ("— Interview with The Stage, 12
/// March 2004").
const CITATION_MAX_CHARS: usize = 100;

/// What follows a signature's name when the signature cites a source rather than a person:
/// only a date or a year ("— Western Mail, 3 October 2011", "— BBC Radio Wales, 2018").
static CITED_DATE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\s*,?\s*(?:(?:\d{1,2}\s+)?\p{Lu}\p{Ll}+\.?\s+(?:\d{1,2},?\s+)?)?\d{4}\.?\s*$")
        .expect("static regex compiles")
});

/// Finds quotes in one article's passages. `first_passage` is the global index of
/// `passages[0]` in `Corpus::passages`.
/// `known` are the people a pronoun or an unnamed subject can stand for (config's and those the
/// article names); a pronoun prefers those of them in `speaking` (shown speaking in the article).
/// `own_words`: every paragraph of a narrated passage is its narrator's (a thread of posts).
pub fn extract_quotes(
    passages: &[Passage],
    first_passage: usize,
    speakers: &Speakers,
    known: &HashSet<String>,
    speaking: &HashSet<String>,
    own_words: bool,
) -> Vec<Quote> {
    let names = NameFinder::new(speakers, known);
    let people = People {
        names: &names,
        speakers,
        speaking,
    };
    let mut ctx = Context::default();
    let mut out = Vec::new();
    for (k, passage) in passages.iter().enumerate() {
        let global = first_passage + k;
        match passage.kind {
            // Minutes and write-ups answer in reported speech ("Ms. Vane said the book took
            // seven years. 'I threw the first draft out,' she said."): the answer is the
            // writer's, and only what it quotes is the speaker's.
            PassageKind::Exchange if reported(&passage.answer) => {
                for para in passage.answer.split("\n\n") {
                    paragraph_quotes(para, passage.article, global, &people, &mut ctx, &mut out);
                }
                ctx.lead_in_subject = None;
            }
            PassageKind::Exchange => {
                for (text, speaker) in answer_turns(passage, speakers) {
                    if !text.is_empty()
                        && (speaker == passage.speaker || word_count(text) >= MIN_QUOTE_WORDS)
                    {
                        out.push(Quote {
                            article: passage.article,
                            passage: global,
                            text: text.to_string(),
                            speaker,
                        });
                    }
                }
                // What follows an answer does not continue a prose lead-in.
                ctx.lead_in_subject = None;
            }
            PassageKind::Prose if passage.speaker.is_some() => {
                // One person's own account: their words, paragraph by paragraph.
                for para in super::voice::narrated_paragraphs(passage, own_words) {
                    if word_count(para) >= MIN_QUOTE_WORDS {
                        out.push(Quote {
                            article: passage.article,
                            passage: global,
                            text: para.to_string(),
                            speaker: passage.speaker.clone(),
                        });
                    }
                }
            }
            PassageKind::Prose => {
                let from = out.len();
                for para in passage.answer.split("\n\n") {
                    paragraph_quotes(para, passage.article, global, &people, &mut ctx, &mut out);
                }
                // Quotes under a heading that is a person's name ("ALAN WHITCOMBE" over
                // "\"We earned it,\" he said") are that person's, where nothing else names a
                // speaker.
                if let Some(person) = passage
                    .section
                    .as_deref()
                    .and_then(|s| super::split::heading_person(s, speakers))
                {
                    for q in out[from..].iter_mut().filter(|q| q.speaker.is_none()) {
                        q.speaker = Some(person.to_string());
                    }
                }
            }
        }
    }
    out
}

/// An answer's opening that reports what someone said rather than saying it: a name (with its
/// title) or a pronoun, then a verb of saying.
static REPORTED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|Cllr)\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}|She|He|They)\s+(?:(?:then|also|later)\s+)?(?:said|says|explained|replied|answered|told|added|noted|agreed|admitted|recalled|declined|insisted|suggested|confirmed|described)\b")
        .expect("static regex compiles")
});

/// Whether an answer is the writer's report of what was said: it opens with a report and
/// speaks in the first person only inside quotation marks.
fn reported(answer: &str) -> bool {
    let answer = answer.trim_start();
    // "Who told you that?", "Nobody said it would be easy": the speaker's own words.
    let subject = answer.split_whitespace().next().unwrap_or_default();
    REPORTED.is_match(answer)
        && !NOT_REPORTERS.contains(&subject)
        && !super::voice::first_person(answer)
}

/// Capitalised words that open a sentence of the speaker's own, not a report's subject.
const NOT_REPORTERS: &[&str] = &[
    "Who",
    "What",
    "Why",
    "How",
    "When",
    "Where",
    "Which",
    "It",
    "This",
    "That",
    "There",
    "Nobody",
    "Everyone",
    "Everybody",
    "Someone",
    "Somebody",
    "Anyone",
    "One",
    "We",
    "You",
    "I",
    "Nothing",
    "Everything",
    "People",
    "Nobody's",
];

/// A section of what others say about the subject or the work ("Praise for The Salt Orchard",
/// "Reviews", "What critics are saying").
static PRAISE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:(?:advance |early )?praise|acclaim|critical (?:acclaim|response|reception)|reviews?|testimonials|endorsements|what (?:the )?(?:critics|people|readers|reviewers|the press|others) (?:are )?say(?:ing)?)(?-u:\b)")
        .expect("static regex compiles")
});

/// Credits `subject` (the person the article is about) with the quotes nobody is credited
/// with that stand alone as a whole paragraph, after a paragraph quoting nobody: a pull quote
/// or a quote list under a profile ("Water is never blue." between two paragraphs about her)
/// says no name because the page is about its speaker. A quote continuing someone else's
/// quoted paragraph, or following a paragraph that names someone else of `people` (who may be
/// the one going on: "Tom Vail designed the ticket office." then a quote), is left alone.
pub fn credit_standalone(
    quotes: &mut [Quote],
    passages: &[Passage],
    first: usize,
    subject: &str,
    people: &HashSet<String>,
) {
    // The words of the other people's names, any of which may stand for them.
    let others: HashSet<&str> = people
        .iter()
        .filter(|p| p.as_str() != subject)
        .flat_map(|p| p.split_whitespace())
        .filter(|w| w.chars().count() >= 3 && !subject.split_whitespace().any(|s| s == *w))
        .collect();
    let names_another = |para: &str| {
        para.split(|c: char| !c.is_alphanumeric())
            .any(|w| others.contains(w))
    };
    // Whether the paragraph before quotes or names someone, who may be the one going on.
    let mut after_someone = false;
    let mut standalone: Vec<(usize, &str)> = Vec::new();
    for (k, passage) in passages.iter().enumerate() {
        if passage.kind != PassageKind::Prose || passage.speaker.is_some() {
            after_someone = false;
            continue;
        }
        // Praise quoted under its heading is other people's words about the subject.
        if passage
            .section
            .as_deref()
            .is_some_and(|s| PRAISE.is_match(s))
        {
            after_someone = true;
            continue;
        }
        for para in passage.answer.split("\n\n").map(str::trim) {
            // The module's own reading of quotation marks (apostrophes are not quotes).
            let spans = quote_spans(para);
            let mut credited = false;
            // A list of pull quotes, one after another with nothing but punctuation or
            // bullets between ("Key quotes": - "..." - "..."), stands alone just as one does.
            let only_quotes = spans.len() >= 2 && {
                let mut at = 0;
                let mut between = String::new();
                for q in &spans {
                    between.push_str(&para[at..q.outer.start]);
                    at = q.outer.end;
                }
                between.push_str(&para[at..]);
                between
                    .chars()
                    .all(|c| c.is_whitespace() || c.is_ascii_punctuation() || c == '•')
            };
            if only_quotes && !after_someone {
                for q in &spans {
                    standalone.push((first + k, para[q.inner.clone()].trim()));
                }
                credited = true;
            } else if let [one] = spans.as_slice() {
                let rest = para[one.outer.end..].trim();
                // A quotation page cites each quote's source after it ("— Western Mail,
                // 2011"); a source naming a person was credited already.
                let cited = rest.starts_with(['—', '–'])
                    && rest.chars().count() <= CITATION_MAX_CHARS
                    && !rest.contains(['“', '”', '"']);
                let whole = one.outer.start == 0
                    && (cited
                        || rest
                            .chars()
                            .all(|c| c.is_whitespace() || c.is_ascii_punctuation()));
                if whole && !after_someone {
                    standalone.push((first + k, para[one.inner.clone()].trim()));
                    credited = true;
                }
            }
            // The subject's own pull quote does not stop the next one being theirs.
            after_someone = (!spans.is_empty() && !credited) || names_another(para);
        }
    }
    for q in quotes.iter_mut().filter(|q| q.speaker.is_none()) {
        if standalone
            .iter()
            .any(|&(passage, text)| passage == q.passage && text == q.text.trim())
        {
            q.speaker = Some(subject.to_string());
        }
    }
}

/// An exchange's answer as runs of one speaker: interjections attached to it ("Ruben Szabo: For
/// continuity.") are their speaker's, not the answerer's, and the answerer's words after one
/// ("Delphine Abernathy: For continuity, he says.") are a quote of their own.
/// The lower-case words inside people's names: "van", "de la", "bin".
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "da", "das", "dos", "di", "du", "la", "le",
    "bin", "bint", "al", "el", "ter", "ten", "y", "e",
];

fn answer_turns<'p>(passage: &'p Passage, speakers: &Speakers) -> Vec<(&'p str, Option<String>)> {
    let text = passage.answer.trim();
    let mut out: Vec<(&str, Option<String>)> = Vec::new();
    // The run under way: where its words start and who speaks them.
    let mut run: (usize, Option<String>) = (0, passage.speaker.clone());
    let mut offset = 0usize;
    for para in text.split("\n\n") {
        // The answer's first paragraph is its speaker's ("Only one: Warley in November." is
        // no label): interjections are attached after it.
        let labelled = para
            .split_once(": ")
            .filter(|_| offset > 0)
            .and_then(|(label, body)| {
                let who = speakers.resolve(label).map(str::to_string).or_else(|| {
                    (label.split_whitespace().count() <= 4
                    && !NOT_SPEAKERS.contains(&normalize_name(label).as_str())
                    && label.chars().next().is_some_and(char::is_uppercase)
                    && label
                        .chars()
                        .all(|c| c.is_alphabetic() || " .'’-".contains(c))
                    // A name's words are capitalised, but for its particles: "Ludwig van
                    // Beethoven", not "P.S. The varnish book".
                    && label.split_whitespace().all(|w| {
                        w.chars().next().is_some_and(char::is_uppercase)
                            || NAME_PARTICLES.contains(&w)
                    })
                    // A chat log's nick ("@kettle_drum: noooo").
                    || super::split::is_nick(label))
                    .then(|| label.to_string())
                })?;
                // Only a label marks a change of speaker (the answerer's own "Edit: ..." is not).
                let changes = Some(&who) != run.1.as_ref() || run.1 != passage.speaker;
                changes.then_some((who, para.len() - body.len()))
            });
        if let Some((who, label_len)) = labelled {
            if run.0 < offset {
                out.push((text[run.0..offset].trim(), run.1.take()));
            }
            run = (offset + label_len, Some(who));
        }
        offset += para.len() + 2;
    }
    if run.0 < text.len() {
        out.push((text[run.0..].trim(), run.1));
    }
    out
}

/// Who can be credited: the people the article names and how to find them in its text.
#[derive(Clone, Copy)]
struct People<'a> {
    names: &'a NameFinder,
    speakers: &'a Speakers,
    /// Those shown speaking, whom a pronoun stands for first.
    speaking: &'a HashSet<String>,
}

/// What carries over from one paragraph to the next.
#[derive(Debug, Default)]
struct Context {
    /// People named so far, most recent last, for a pronoun whose gender skips the last one.
    recent: Vec<String>,
    /// Per person: pronouns seen referring to them (he minus she).
    gender: HashMap<String, i32>,
    /// When the previous paragraph ended with a lead-in ("She explained:"), who it names.
    lead_in_subject: Option<String>,
    /// What the people introduced without a name are ("spokesperson" for "A spokesperson for
    /// the studio said ..."), so far.
    unnamed: Vec<String>,
}

#[derive(Debug, Clone)]
struct Span {
    /// From the opening mark to after the closing mark.
    outer: Range<usize>,
    /// The words inside the marks.
    inner: Range<usize>,
}

fn paragraph_quotes(
    para: &str,
    article: usize,
    passage: usize,
    people: &People<'_>,
    ctx: &mut Context,
    out: &mut Vec<Quote>,
) {
    let People {
        names,
        speakers,
        speaking,
    } = *people;
    // An embedded post or a quote signed on its last line: the signature names the speaker.
    // A plain hyphen signs only a quotation ("\"...\" - Name"); elsewhere it is a dash.
    let signed = SIGNATURE.captures(para).and_then(|c| {
        let whole = c.get(0)?;
        if c.name("dash")?.as_str().starts_with('-')
            && !para[..whole.start()].ends_with(CLOSING_QUOTES)
        {
            return None;
        }
        let written = c.name("name")?;
        // A source and its date cite where the words were printed, not who said them.
        if speakers.resolve(written.as_str()).is_none()
            && CITED_DATE.is_match(&para[written.end()..whole.end()])
        {
            return None;
        }
        let name = plausible_name(written.as_str(), speakers)?;
        Some((whole.start(), name))
    });
    let body = signed.as_ref().map_or(para, |(end, _)| &para[..*end]);
    // A signed quotation in straight single quotes ('It was cold.' - Name): its marks are
    // quotation marks, though elsewhere a straight single quote is too often an apostrophe.
    let body = match signed {
        Some(_) => body
            .trim()
            .strip_prefix('\'')
            .and_then(|b| b.strip_suffix('\''))
            .filter(|b| !b.contains('\''))
            .unwrap_or(body),
        None => body,
    };
    let spans = quote_spans(body);
    let parens = paren_spans(para);
    let relatives: Vec<Range<usize>> = RELATIVE.find_iter(para).map(|m| m.range()).collect();
    let hidden = |pos: usize| {
        spans.iter().any(|s| s.outer.contains(&pos))
            || parens.iter().any(|r| r.contains(&pos))
            || relatives.iter().any(|r| r.contains(&pos))
    };
    let mentions: Vec<(usize, String)> = names
        .find(para)
        .into_iter()
        .filter(|(pos, _)| !hidden(*pos))
        .collect();
    let pronouns: Vec<usize> = PRONOUN
        .find_iter(para)
        .map(|m| m.start())
        .filter(|p| !hidden(*p))
        .collect();

    // Learn genders: a word for a relative right before a mention says it outright ("her son,
    // Daniel Oduya"), whatever pronoun follows ("said she taught ...", of his mother).
    for (pos, name) in &mentions {
        if let Some(c) = KIN_BEFORE.captures(&para[..*pos]) {
            let vote = if c.name("male").is_some() { 3 } else { -3 };
            *ctx.gender.entry(name.clone()).or_default() += vote;
        }
    }
    // And the first he/she-type pronoun after a mention, before the next mention.
    for (k, (pos, name)) in mentions.iter().enumerate() {
        let end = mentions.get(k + 1).map_or(para.len(), |(p, _)| *p);
        let end = floor_boundary(para, end.min(pos + 200));
        if let Some(m) = GENDERED
            .find_iter(&para[*pos..end])
            .find(|m| !hidden(pos + m.start()))
        {
            let vote = if m.as_str().to_lowercase().starts_with('h')
                && !m.as_str().to_lowercase().starts_with("her")
            {
                1
            } else {
                -1
            };
            *ctx.gender.entry(name.clone()).or_default() += vote;
        }
    }
    let gender = &ctx.gender;
    let fits = |name: &str, pronoun_pos: usize| -> bool {
        let word: String = para[pronoun_pos..]
            .chars()
            .take(4)
            .flat_map(char::to_lowercase)
            .collect();
        let g = gender.get(name).copied().unwrap_or(0);
        if word.starts_with("he") && !word.starts_with("her") {
            g >= 0
        } else if word.starts_with("she") {
            g <= 0
        } else {
            true
        }
    };
    let recent = ctx.recent.clone();
    // A mention opens its sentence when at most a title or a conjunction comes before it
    // ("Actress Rachel Taylor", "But Taylor").
    let opens_sentence =
        |p: usize| word_count(&para[last_sentence_start(&para[..p])..p]) <= OPENING_WORDS;
    let person_before = |pos: usize| -> Option<String> {
        let candidates = || {
            mentions
                .iter()
                .rev()
                .filter(|(p, _)| *p < pos)
                .map(|(_, n)| n)
                .chain(recent.iter().rev())
                .filter(|n| fits(n, pos))
        };
        // Whom this paragraph is about comes first: the nearest sentence before the pronoun
        // that opens with a person who fits ("Rachel Taylor, who played Trish, was asked ...
        // She stressed ... and added:"), even one not yet shown speaking.
        let here = mentions
            .iter()
            .rev()
            .filter(|(p, _)| *p < pos && opens_sentence(*p))
            .map(|(_, n)| n)
            .find(|n| fits(n, pos));
        let mut all = candidates();
        here.or_else(|| candidates().find(|n| speaking.contains(*n)))
            .or_else(|| all.next())
            .cloned()
    };
    // The first person a stretch of text is about: a named known person or a resolved pronoun.
    let subject = |range: Range<usize>| -> Option<String> {
        let named = mentions.iter().find(|(p, _)| range.contains(p));
        let pronoun = pronouns.iter().find(|p| range.contains(p));
        match (named, pronoun) {
            (Some((np, n)), Some(pp)) if np < pp => Some(n.clone()),
            (_, Some(pp)) => person_before(*pp),
            (Some((_, n)), None) => Some(n.clone()),
            (None, None) => None,
        }
    };

    if let Some((_, name)) = &signed {
        if spans.is_empty() {
            push_quote(out, article, passage, body, Some(name.clone()), speakers);
        } else {
            for span in &spans {
                push_quote(
                    out,
                    article,
                    passage,
                    &body[span.inner.clone()],
                    Some(name.clone()),
                    speakers,
                );
            }
        }
        remember(ctx, &mentions, para, None);
        return;
    }
    if spans.is_empty() {
        // A block quote: a paragraph without quote marks after a lead-in ("She wrote:").
        let trimmed = para.trim_end();
        if let (Some(s), false) = (&ctx.lead_in_subject, trimmed.ends_with(':')) {
            let s = s.clone();
            push_quote(out, article, passage, para, Some(s), speakers);
        }
        let lead = trimmed.strip_suffix(':').and_then(|lead| {
            let start = last_sentence_start(lead);
            subject(start..trimmed.len())
        });
        remember(ctx, &mentions, para, lead);
        return;
    }

    let mut speakers_of: Vec<Option<String>> = Vec::with_capacity(spans.len());
    let mut opens_sentence: Vec<Option<Range<usize>>> = Vec::with_capacity(spans.len());
    // Whether span i and span i+1 are one quote split around its attribution, and whether
    // the attribution ends a sentence between them.
    let mut joins_next: Vec<bool> = Vec::with_capacity(spans.len());
    let mut joins_sentence: Vec<bool> = Vec::with_capacity(spans.len());
    for (i, span) in spans.iter().enumerate() {
        let prev_end = if i == 0 { 0 } else { spans[i - 1].outer.end };
        let next_start = spans.get(i + 1).map_or(para.len(), |s| s.outer.start);

        // 1. Attribution after the quote.
        let after_end = floor_boundary(para, (span.outer.end + AFTER_WINDOW).min(next_start));
        let after = &para[span.outer.end..after_end];
        let mut who = attribution_after(after, speakers).map(|a| match a {
            Attribution::Name(n) => Some(n),
            Attribution::Pronoun(at) => {
                unnamed_credit(&after[at.clone()], &ctx.unnamed, &para[..span.outer.start])
                    .or_else(|| person_before(span.outer.end + at.start))
            }
        });
        let between = &para[span.outer.end..next_start];
        let inner = para[span.inner.clone()].trim_end();
        let attributed_between =
            who.is_some() && i + 1 < spans.len() && between.len() <= AFTER_WINDOW;
        // "'It was cold,' she said, 'and I kept going.'" goes on mid-sentence; "'It was cold,'
        // she said. 'I kept going.'" goes on with a new one: the comma that ends the first
        // part says the speaker is not done.
        let mid_sentence = between.trim_end().ends_with(',') && !inner.ends_with(['.', '!', '?']);
        // Only when the attribution is all that comes between: a sentence more ("Lind said.
        // Aron Malle has entered every year.") and the next quote is another statement.
        let new_sentence = between
            .trim_end()
            .strip_suffix('.')
            .is_some_and(|attribution| !attribution.contains(['.', '!', '?']))
            && inner.ends_with(',');
        joins_next.push(attributed_between && (mid_sentence || new_sentence));
        joins_sentence.push(attributed_between && new_sentence);

        // 2. The clause before the quote, within its sentence.
        let between = &para[prev_end..span.outer.start];
        let clause_start = prev_end + last_sentence_start(between);
        let clause = &para[clause_start..span.outer.start];
        // A topic's lead-in ("On Danny Okoro's winner: \"...\"") names what the quote is about,
        // not who said it.
        let topic = TOPIC_LEAD_IN.is_match(clause.trim_start()) && clause.trim_end().ends_with(':');
        if who.is_none() && !clause.trim().is_empty() && !topic {
            let clause_range = clause_start..span.outer.start;
            if SPEECH_VERB.is_match(clause) || clause.trim_end().ends_with([',', ':']) {
                if let Some(s) = subject(clause_range.clone()) {
                    who = Some(Some(s));
                }
            }
            if who.is_none() {
                let mut in_clause = mentions.iter().filter(|(p, _)| clause_range.contains(p));
                if let (Some((_, only)), None) = (in_clause.next(), in_clause.next()) {
                    who = Some(Some(only.clone()));
                }
            }
        }

        // 3. A lead-in paragraph ending in ":".
        if who.is_none() && para[..span.outer.start].trim().is_empty() {
            if let Some(s) = &ctx.lead_in_subject {
                who = Some(Some(s.clone()));
            }
        }

        // Remember where the previous sentence is, for rule 5.
        let starts_sentence = clause.trim().is_empty() && clause_start > 0;
        opens_sentence.push(starts_sentence.then(|| {
            let before = para[..clause_start].trim_end();
            let cut = before.len().saturating_sub(1);
            last_sentence_start(&before[..floor_boundary(before, cut)])..clause_start
        }));
        speakers_of.push(who.flatten());
    }
    // A part after a finished attribution that is credited to someone else is their reply.
    for i in 0..spans.len().saturating_sub(1) {
        if joins_sentence[i] && speakers_of[i + 1].is_some() && speakers_of[i + 1] != speakers_of[i]
        {
            joins_next[i] = false;
            joins_sentence[i] = false;
        }
    }
    // A quote split around its attribution is one statement by one speaker.
    for i in 0..spans.len().saturating_sub(1) {
        if joins_next[i] && speakers_of[i + 1].is_none() {
            speakers_of[i + 1] = speakers_of[i].clone();
        }
    }

    // 4. Continuations: the nearest attributed quote in the paragraph, earlier ones first.
    let resolved = speakers_of.clone();
    for (i, who) in speakers_of.iter_mut().enumerate() {
        if who.is_none() {
            *who = resolved[..i]
                .iter()
                .rev()
                .chain(resolved[i + 1..].iter())
                .find_map(Clone::clone);
        }
    }
    // 5. The subject of the previous sentence.
    for (who, prev) in speakers_of.iter_mut().zip(&opens_sentence) {
        if let (true, Some(range)) = (who.is_none(), prev) {
            *who = subject(range.clone());
        }
    }

    let mut i = 0;
    while i < spans.len() {
        let mut text = clean_quote(&para[spans[i].inner.clone()]).to_string();
        let who = speakers_of[i].clone();
        while i + 1 < spans.len() && joins_next[i] {
            if joins_sentence[i] {
                text.push('.');
            }
            i += 1;
            text.push(' ');
            text.push_str(clean_quote(&para[spans[i].inner.clone()]));
        }
        push_quote(out, article, passage, &text, who, speakers);
        i += 1;
    }

    // Carry the discourse over to the next paragraph.
    let trimmed = para.trim_end();
    let lead = trimmed.strip_suffix(':').and_then(|lead| {
        let start = last_sentence_start(lead);
        subject(start..trimmed.len())
    });
    remember(ctx, &mentions, para, lead);
}

/// The words of a quote without the comma its attribution leaves at the end.
fn clean_quote(text: &str) -> &str {
    let text = text.trim();
    text.strip_suffix(',').unwrap_or(text).trim_end()
}

fn push_quote(
    out: &mut Vec<Quote>,
    article: usize,
    passage: usize,
    text: &str,
    who: Option<String>,
    speakers: &Speakers,
) {
    let text = clean_quote(text.trim().trim_matches(['"', '“', '”', '‘', '’']));
    if word_count(text) >= MIN_QUOTE_WORDS {
        out.push(Quote {
            article,
            passage,
            text: text.to_string(),
            speaker: who.map(|w| speakers.canonical(&w)),
        });
    }
}

/// What a paragraph leaves for the next one: the last person named and a lead-in's subject.
fn remember(ctx: &mut Context, mentions: &[(usize, String)], para: &str, lead: Option<String>) {
    ctx.lead_in_subject = lead;
    for noun in unnamed_in(para) {
        if !ctx.unnamed.contains(&noun) {
            ctx.unnamed.push(noun);
        }
    }
    for (_, n) in mentions {
        ctx.recent.retain(|r| r != n);
        ctx.recent.push(n.clone());
    }
}

/// Someone a report introduces by what they are and never names, opening a sentence: "A
/// spokesperson for the studio said", "One crew member told". A later "the spokesperson said"
/// stands for them, not for the last person named.
static UNNAMED_INTRO: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?:^|[.!?][\x22”’']?\s+)(?:A|An|One)\s+(?:[\w-]+\s+)?(?P<noun>{})\b",
        *PERSON_NOUNS
    ))
    .expect("static regex compiles")
});

/// A name right after what someone is ("A spokesperson, Dana Hill, said"; "A spokesperson
/// Dana Hill"): the person is named after all.
static NAMED_NEXT: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^,?\s+\p{Lu}\p{Ll}+\s+\p{Lu}").expect("static regex compiles"));

/// What the unnamed people `text` introduces are: see `UNNAMED_INTRO`.
fn unnamed_in(text: &str) -> Vec<String> {
    UNNAMED_INTRO
        .captures_iter(text)
        .filter_map(|c| c.name("noun"))
        .filter(|m| !NAMED_NEXT.is_match(&text[m.end()..]))
        .map(|m| m.as_str().to_lowercase())
        .collect()
}

/// "The spokesperson" for someone introduced unnamed (in `unnamed`, or in `before`, the
/// paragraph up to the quote): the credit "A spokesperson". `None` for "the actress" a named
/// person was called, or a pronoun.
fn unnamed_credit(pronoun: &str, unnamed: &[String], before: &str) -> Option<String> {
    let noun = pronoun
        .strip_prefix("The ")
        .or_else(|| pronoun.strip_prefix("the "))?
        .split_whitespace()
        .last()?
        .to_lowercase();
    let introduced = unnamed.contains(&noun) || unnamed_in(before).contains(&noun);
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "An"
    } else {
        "A"
    };
    introduced.then(|| format!("{article} {noun}"))
}

enum Attribution {
    Name(String),
    /// A pronoun or "the actress", where it stands in the text after the quote.
    Pronoun(Range<usize>),
}

fn attribution_after(after: &str, speakers: &Speakers) -> Option<Attribution> {
    if let Some(c) = AFTER_NAME_VERB.captures(after) {
        if let Some(p) = c.name("pro") {
            return Some(Attribution::Pronoun(p.range()));
        }
        if let Some(n) = c
            .name("name")
            .and_then(|m| plausible_name(m.as_str(), speakers))
        {
            return Some(Attribution::Name(n));
        }
    }
    AFTER_VERB_NAME
        .captures(after)
        .and_then(|c| c.name("name"))
        .and_then(|m| plausible_name(m.as_str(), speakers))
        .map(Attribution::Name)
}

/// A capitalised phrase next to a speech verb is a person unless it starts with a function word
/// ("The show said" is not someone).
fn plausible_name(name: &str, speakers: &Speakers) -> Option<String> {
    if let Some(known) = speakers.resolve(name) {
        return Some(known.to_string());
    }
    let first = name.split_whitespace().next()?;
    if NOT_NAMES.contains(&normalize_name(first).as_str()) {
        return None;
    }
    // What the person is may stand before their name ("Actor Mared Pugh").
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() >= 3 && JOBS.contains(&normalize_name(first).as_str()) {
        return Some(speakers.canonical(&words[1..].join(" ")));
    }
    Some(speakers.canonical(name))
}

/// At most this many words before a name, it opens its sentence (see `paragraph_quotes`).
const OPENING_WORDS: usize = 2;

/// Byte offset in `s` where its last sentence starts (after the last ". ", "! ", "? ").
fn last_sentence_start(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = bytes.len();
    while i > 1 {
        i -= 1;
        if bytes[i].is_ascii_whitespace() && matches!(bytes[i - 1], b'.' | b'!' | b'?') {
            return i + 1;
        }
        // A sentence can also end in a closing quote mark (…now.” Then) or a period inside
        // brackets; the closing marks are multi-byte, so look at the char before the space.
        if bytes[i].is_ascii_whitespace() {
            let before = s[..i].trim_end_matches(['”', '’', '"', ')']);
            if before.len() < i && before.ends_with(['.', '!', '?']) {
                return i + 1;
            }
        }
    }
    0
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Quoted spans: double (curly “…” and straight "…") and single (curly ‘…’ and straight '…').
/// An opening double mark without a close runs to the end of the paragraph, as in
/// multi-paragraph quotations; a single mark must close, since it is also an apostrophe
/// (it's, Shona’s, the ’90s). A span inside another (a quote within a quote) is not separate.
fn quote_spans(para: &str) -> Vec<Span> {
    let mut spans = double_spans(para);
    for s in single_spans(para) {
        if !spans
            .iter()
            .any(|d| d.outer.start <= s.outer.start && s.outer.end <= d.outer.end)
        {
            spans.retain(|d| !(s.outer.start <= d.outer.start && d.outer.end <= s.outer.end));
            spans.push(s);
        }
    }
    spans.sort_by_key(|s| s.outer.start);
    spans
}

fn double_spans(para: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in para.char_indices() {
        match (c, open) {
            ('“', _) => open = Some((i, c)),
            ('”', Some((o, m @ '“'))) | ('"', Some((o, m @ '"'))) => {
                spans.push(Span {
                    outer: o..i + c.len_utf8(),
                    inner: o + m.len_utf8()..i,
                });
                open = None;
            }
            ('"', None) => open = Some((i, c)),
            _ => {}
        }
    }
    if let Some((o, c)) = open {
        spans.push(Span {
            outer: o..para.len(),
            inner: o + c.len_utf8()..para.len(),
        });
    }
    spans
}

fn single_spans(para: &str) -> Vec<Span> {
    let chars: Vec<(usize, char)> = para.char_indices().collect();
    let mut spans = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let word_before = prev.is_some_and(char::is_alphanumeric);
        let word_after = next.is_some_and(char::is_alphanumeric);
        let opens = matches!(c, '‘' | '\'')
            && !word_before
            && next.is_some_and(|n| n.is_alphabetic() || n == '…' || n == '"' || n == '“');
        let closes =
            matches!(c, '’' | '\'') && !word_after && prev.is_some_and(|p| !p.is_whitespace());
        match open {
            Some((o, m)) if closes && (m == '‘') == (c == '’') => {
                spans.push(Span {
                    outer: o..i + c.len_utf8(),
                    inner: o + m.len_utf8()..i,
                });
                open = None;
            }
            None if opens
                && (c == '‘' || prev.is_none_or(|p| p.is_whitespace() || "([—–-".contains(p))) =>
            {
                open = Some((i, c));
            }
            _ => {}
        }
    }
    spans
}

/// Parenthesised stretches, whose names are credits or asides rather than subjects.
fn paren_spans(para: &str) -> Vec<Range<usize>> {
    let mut stack = Vec::new();
    let mut out = Vec::new();
    for (i, c) in para.char_indices() {
        match c {
            '(' => stack.push(i),
            ')' => {
                if let Some(o) = stack.pop() {
                    out.push(o..i + 1);
                }
            }
            _ => {}
        }
    }
    out
}

/// Finds mentions of configured people (any alias) in running text, in one pass over its words.
struct NameFinder {
    /// First word of a form → (all words of the form, canonical name), longest forms first.
    by_first: HashMap<String, Vec<(Vec<String>, String)>>,
}

impl NameFinder {
    /// Finds the forms of the people in `speaking` only.
    fn new(speakers: &Speakers, speaking: &HashSet<String>) -> Self {
        let mut by_first: HashMap<String, Vec<(Vec<String>, String)>> = HashMap::new();
        for (form, canonical) in speakers.all_forms() {
            if !speaking.contains(&canonical) {
                continue;
            }
            let words: Vec<String> = form.split(' ').map(str::to_string).collect();
            if let Some(first) = words.first().cloned() {
                by_first.entry(first).or_default().push((words, canonical));
            }
        }
        for forms in by_first.values_mut() {
            forms.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        Self { by_first }
    }

    /// (byte offset, canonical name) of each capitalised mention.
    fn find(&self, text: &str) -> Vec<(usize, String)> {
        if self.by_first.is_empty() {
            return Vec::new();
        }
        let words: Vec<(usize, String, bool)> = words_of(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let (pos, word, capital) = &words[i];
            let mut matched = 0;
            if *capital {
                if let Some(forms) = self.lookup(word) {
                    for (form, canonical) in forms {
                        let fits = form.len() <= words.len() - i
                            && form.iter().enumerate().all(|(k, w)| {
                                let cand = &words[i + k].1;
                                cand == w || possessive_of(cand, w)
                            });
                        if fits {
                            out.push((*pos, canonical.clone()));
                            matched = form.len();
                            break;
                        }
                    }
                }
            }
            i += matched.max(1);
        }
        out
    }

    fn lookup(&self, word: &str) -> Option<&Vec<(Vec<String>, String)>> {
        self.by_first
            .get(word)
            .or_else(|| word.strip_suffix('s').and_then(|w| self.by_first.get(w)))
    }
}

/// "rosenbergs" (from "Rosenberg’s") is a mention of "rosenberg".
fn possessive_of(candidate: &str, word: &str) -> bool {
    candidate.len() == word.len() + 1 && candidate.starts_with(word) && candidate.ends_with('s')
}

/// Words as (byte offset, normalised form, starts with a capital).
fn words_of(text: &str) -> Vec<(usize, String, bool)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let flush = |start: usize, end: usize, out: &mut Vec<(usize, String, bool)>| {
        let raw = &text[start..end];
        let norm = normalize_name(raw);
        if !norm.is_empty() {
            let capital = raw.chars().next().is_some_and(char::is_uppercase);
            out.push((start, norm, capital));
        }
    };
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphanumeric() || ((c == '\'' || c == '’') && start.is_some());
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                flush(s, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        flush(s, text.len(), &mut out);
    }
    out
}

/// Compiles this module's patterns now (see `clean::warm_up`).
pub(super) fn warm_up() {
    for r in [
        &AFTER_NAME_VERB,
        &AFTER_VERB_NAME,
        &SPEECH_VERB,
        &TOPIC_LEAD_IN,
        &PRONOUN,
        &GENDERED,
        &KIN_BEFORE,
        &RELATIVE,
        &SIGNATURE,
        &CITED_DATE,
        &REPORTED,
    ] {
        Lazy::force(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SpeakerConfig;

    fn speakers() -> Speakers {
        Speakers::new(&[
            SpeakerConfig {
                name: "Melissa Rosenberg".into(),
                aliases: vec!["Rosenberg".into()],
            },
            SpeakerConfig {
                name: "Rachael Taylor".into(),
                aliases: vec!["Rachel Taylor".into(), "Taylor".into()],
            },
        ])
    }

    fn prose(text: &str) -> Passage {
        Passage {
            article: 0,
            kind: PassageKind::Prose,
            question: None,
            answer: text.into(),
            speaker: None,
            section: None,
        }
    }

    fn extract_quotes(passages: &[Passage], first: usize, speakers: &Speakers) -> Vec<Quote> {
        let all: HashSet<String> = speakers.names().map(str::to_string).collect();
        super::extract_quotes(passages, first, speakers, &all, &all, false)
    }

    #[test]
    fn a_quote_split_around_its_attribution_is_one_quote() {
        let p = prose("“One two three four five,” Rosenberg recalled, “six seven eight nine ten.”");
        let q = extract_quotes(&[p], 0, &speakers());
        assert_eq!(q.len(), 1);
        assert_eq!(
            q[0].text,
            "One two three four five six seven eight nine ten."
        );
        assert_eq!(q[0].speaker.as_deref(), Some("Melissa Rosenberg"));
        // A finished sentence before the attribution is not joined to the next one.
        let p = prose("“One two three four five.” Rosenberg recalled. “Six seven eight nine ten.”");
        assert_eq!(extract_quotes(&[p], 0, &speakers()).len(), 2);
        // A part left open by a comma goes on after the attribution, in a new sentence.
        let p = prose("‘One two three four five,’ she said. ‘Six seven eight. Nine ten.’");
        let q = extract_quotes(&[p], 0, &speakers());
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(
            q[0].text,
            "One two three four five. Six seven eight. Nine ten."
        );
        // Unless the next part is someone else's.
        let p = prose(
            "“One two three four five,” Rosenberg said. “Six seven eight nine ten,” Krysten Ritter replied.",
        );
        let q = extract_quotes(&[p], 0, &speakers());
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[1].speaker.as_deref(), Some("Krysten Ritter"));
        // Nor when more than the attribution comes between: the next quote is another
        // statement, whoever's it is.
        let p = prose(
            "“One two three four five,” Rosenberg said. Ritter has seen every episode twice. \
             “Six seven eight nine ten,” she said.",
        );
        assert_eq!(extract_quotes(&[p], 0, &speakers()).len(), 2);
    }

    #[test]
    fn single_quotes_are_quotes_and_apostrophes_are_not() {
        let p = prose("It's the show’s best year since the ’90s. ‘I knew it was Shona’s big moment,’ Rosenberg said, ‘and I wasn’t going to miss it.’");
        let q = extract_quotes(&[p], 0, &speakers());
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(
            q[0].text,
            "I knew it was Shona’s big moment and I wasn’t going to miss it."
        );
        assert_eq!(q[0].speaker.as_deref(), Some("Melissa Rosenberg"));
        let p = prose("Taylor said it was 'a very long day for everyone on set' in the end.");
        let q = extract_quotes(&[p], 0, &speakers());
        assert_eq!(q[0].text, "a very long day for everyone on set");
        assert_eq!(q[0].speaker.as_deref(), Some("Rachael Taylor"));
    }

    #[test]
    fn a_signed_paragraph_is_a_quote_of_its_signer() {
        let p = prose("Six weeks in a boot and a cast covered in stickers. Back soon — Rachael Taylor (@RachT) March 2, 2024");
        let q = extract_quotes(&[p], 0, &speakers());
        assert_eq!(q.len(), 1);
        assert_eq!(
            q[0].text,
            "Six weeks in a boot and a cast covered in stickers. Back soon"
        );
        assert_eq!(q[0].speaker.as_deref(), Some("Rachael Taylor"));
    }

    #[test]
    fn a_source_and_its_date_sign_for_no_one_and_a_job_before_a_name_is_dropped() {
        let p = prose("“A theatre with no roof teaches you more than any school.” — Western Mail, 3 October 2011\n\n“Idris makes you feel the weather.” — Actor Mared Pugh, Western Mail, 2011");
        let q = extract_quotes(&[p], 0, &speakers());
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].speaker, None);
        assert_eq!(q[1].speaker.as_deref(), Some("Mared Pugh"));
    }

    #[test]
    fn a_pronoun_skips_a_person_of_the_other_gender() {
        let p = prose("Rosenberg said she was proud. David Tennant, who plays the villain, was there. Rachael Taylor said she was cold.\n\n‘She finished the line and then sat down,’ he said.");
        let mut s = vec![SpeakerConfig {
            name: "David Tennant".into(),
            aliases: vec!["Tennant".into()],
        }];
        s.extend([
            SpeakerConfig {
                name: "Melissa Rosenberg".into(),
                aliases: vec!["Rosenberg".into()],
            },
            SpeakerConfig {
                name: "Rachael Taylor".into(),
                aliases: vec!["Taylor".into()],
            },
        ]);
        let s = Speakers::new(&s);
        let q = extract_quotes(&[p], 0, &s);
        assert_eq!(q[0].speaker.as_deref(), Some("David Tennant"));
    }

    #[test]
    fn a_pronoun_stands_for_the_person_its_paragraph_is_about_before_an_earlier_speaker() {
        // Ritter is shown speaking first; the next paragraph is about Taylor, who has not
        // spoken yet, and its "She ... added:" is hers.
        let p = prose("Others commented too, including star Krysten Ritter. Ritter had the following to say:\n\n\"It was a very conflicting moment for me and for her.\"\n\nRachel Taylor, who played Trish, was asked about her character. She stressed that it was early, but eventually relented and added:\n\n\"Of course, it would be amazing to play her one step further.\"");
        let s = Speakers::new(&[
            SpeakerConfig {
                name: "Krysten Ritter".into(),
                aliases: vec!["Ritter".into()],
            },
            SpeakerConfig {
                name: "Rachel Taylor".into(),
                aliases: vec!["Taylor".into()],
            },
        ]);
        let known: HashSet<String> = s.names().map(str::to_string).collect();
        let speaking: HashSet<String> = ["Krysten Ritter".to_string()].into();
        let q = super::extract_quotes(&[p], 0, &s, &known, &speaking, false);
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].speaker.as_deref(), Some("Krysten Ritter"));
        assert_eq!(q[1].speaker.as_deref(), Some("Rachel Taylor"), "{q:?}");
    }

    #[test]
    fn names_in_parentheses_are_not_pronoun_antecedents() {
        let p = prose("Rosenberg spoke. Trish (Rachael Taylor) matters. She said, \"this is a long quote here.\"");
        let q = extract_quotes(&[p], 0, &speakers());
        assert_eq!(q[0].speaker.as_deref(), Some("Melissa Rosenberg"));
    }

    #[test]
    fn unknown_speakers_after_quotes_are_kept_as_written() {
        let p = prose("“I loved every minute of it,” said Jane Doe. “The end of it all was sad,” the show noted.");
        let q = extract_quotes(&[p], 3, &speakers());
        assert_eq!(q[0].speaker.as_deref(), Some("Jane Doe"));
        assert_eq!(q[0].passage, 3);
    }

    #[test]
    fn unattributable_quotes_have_no_speaker() {
        let p = prose("The sign read “no one gets in without a ticket today” and that was that.");
        let q = extract_quotes(&[p], 0, &speakers());
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].speaker, None);
    }

    #[test]
    fn mentions_cover_possessives_and_full_names() {
        let all: HashSet<String> = speakers().names().map(str::to_string).collect();
        let f = NameFinder::new(&speakers(), &all);
        let m = f.find("Rachel Taylor met Rosenberg’s team; rosenberg lower case is skipped.");
        let names: Vec<&str> = m.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(names, vec!["Rachael Taylor", "Melissa Rosenberg"]);
    }
}
