//! Splitting cleaned paragraphs into passages: interview exchanges and prose.
//!
//! Layout is decided per article from structure, not from one paragraph: a prose paragraph that
//! happens to end in "?" does not make an interview.
//!
//! * Labelled layout: paragraphs start with a speaker label ("ROSENBERG: ...", "Collider: ...?",
//!   "Q:"/"A:"), and at least two answers follow a question (or questions are labelled).
//! * Unlabelled layout: a run of at least two question paragraphs (ending in "?") each followed by
//!   answer paragraphs, where the questions address "you" or the answers speak in the first
//!   person, as interviews do and news reports do not.

use std::collections::HashMap;

use once_cell::sync::Lazy;
use regex::Regex;
use unicode_segmentation::UnicodeSegmentation;

use super::clean::{ParaInfo, Post};
use super::names::{account_display, person_for_account};
use super::{Passage, PassageKind};
use crate::config::{normalize_name, Speakers};

/// The longest speaker label with a description after the name ("NAME, MARITIME HISTORIAN,
/// UNIVERSITY OF LEIDEN:").
const DESCRIBED_LABEL_MAX_CHARS: usize = 80;

/// No passage (question and answer together) is longer than this many characters.
///
/// Enforced on the UTF-8 byte length, which is never less than the character count, so the bound
/// holds whichever way a caller measures.
pub const MAX_PASSAGE_CHARS: usize = 1600;

/// Prose paragraphs shorter than this are joined to a neighbour: alone they make poor answers.
const SHORT_PARAGRAPH: usize = 300;
/// Questions longer than this are not interview questions but prose that ends in "?".
const MAX_QUESTION_LEN: usize = 1200;
/// A question that leaves less room than this for its answer is shortened.
const MIN_ANSWER_BUDGET: usize = MAX_PASSAGE_CHARS / 4;

/// Labels of a narrator's voice, nobody's turn in the conversation.
const NARRATION_LABELS: &[&str] = &[
    "narrator",
    "narration",
    "vo",
    "voice over",
    "voiceover",
    "voice-over",
    "v/o",
];

/// Labels that introduce a note rather than a speaker.
pub(super) const NOT_SPEAKERS: &[&str] = &[
    "source",
    "update",
    "updated",
    "note",
    "editor's note",
    "editors note",
    "editor note",
    "photo",
    "photos",
    "image",
    "images",
    "via",
    "credit",
    "credits",
    "spoilers",
    "spoiler",
    "spoiler alert",
    "warning",
    "next",
    "related",
    "watch",
    "read more",
    "also",
    "plus",
    "bonus",
    "trailer",
    "video",
    "listen",
    "season",
    "episode",
    "tl dr",
    "tldr",
    "ps",
    "p s",
    "edit",
    "correction",
    "disclosure",
    "full disclosure",
    "caption",
    "synopsis",
    "summary",
    "q and a",
];

static SECOND_PERSON: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\b(?:you|your|yours|yourself|yourselves)\b").expect("static regex compiles")
});
static FIRST_PERSON: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\b(?:I|[Ww]e|[Mm]y|[Oo]ur|[Mm]e|[Uu]s|[Mm]yself|[Oo]urselves)\b")
        .expect("static regex compiles")
});

/// What a paragraph is, structurally.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Role {
    /// A labelled question ("Collider: ...?", "Q: ...").
    LabelQ,
    /// A labelled answer, with the canonical speaker when the label names one.
    LabelA(Option<String>),
    /// An unlabelled paragraph ending in "?".
    PlainQ,
    Plain,
    /// A narrator's words (a documentary's, a news report's voice-over): the article's own
    /// prose between the exchanges, never part of an answer.
    Narration,
}

#[derive(Debug, Clone)]
struct Para<'a> {
    role: Role,
    /// The text without its label.
    body: &'a str,
    /// The section heading the paragraph is under.
    section: Option<&'a str>,
    /// A fact box: prose of its own, never part of an answer.
    facts: bool,
    /// The live-blog entry it is in.
    entry: usize,
    /// How many turns the paragraph's label has in the article (0 when it is not a turn).
    label_turns: usize,
}

/// Who the article's layout names: the interviewee (config or text) and the interviewer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Roles<'a> {
    pub interviewee: Option<&'a str>,
    pub interviewer: Option<&'a str>,
}

/// Short answers like "For continuity." or "I do not." are reactions to the answer before them,
/// not answers of their own.
const INTERJECTION_MAX_WORDS: usize = 8;

static QA_DOT: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^([QA])[.)]\s+(\S.*)$").expect("static regex compiles"));
static PAREN_LABEL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?P<base>[^()]{1,40}?)\s*\((?P<paren>[^()]{1,64})\)$")
        .expect("static regex compiles")
});
/// An unnamed asker's label, as minutes and event write-ups record a question from the audience
/// ("Question from the floor:", "Audience question:", "Another question from a reader:",
/// "Audience member (in the blue apron):", "Q from the livestream chat (@sourdough_sibyl):").
static FLOOR_LABEL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:(?:(?:another|a|one|final|last|first|next)\s+)?(?:(?:audience|reader|viewer|listener|caller)\s+)?(?:question|comment)|q|(?:audience|crowd|studio)\s+member|member\s+of\s+the\s+(?:audience|public))(?:\s+from\s+(?:the\s+)?(?:floor|audience|room|chat|crowd|(?:a|an)\s+[a-z]+(?:\s+[a-z]+)?|(?:live\s*stream|stream|online|zoom|youtube|twitch)\s+(?:chat|audience|viewers?)))?(?:\s*\([^()]{1,40}\))?$")
        .expect("static regex compiles")
});

/// A parenthesis after a label that says the speaker is asking.
static ASKER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\b(?:interviewer|host|moderator|mod|journalist|reporter|correspondent|byline|presenter|anchor|q)\b")
        .expect("static regex compiles")
});

/// Who labels most answers, when the article is a labelled interview.
pub fn detect_interviewee(
    paragraphs: &[String],
    info: &[ParaInfo],
    speakers: &Speakers,
    interviewer: Option<&str>,
) -> Option<String> {
    let roles = Roles {
        interviewee: None,
        interviewer,
    };
    let paras = classify(paragraphs, info, speakers, roles);
    if layout(&paras) != Layout::Labelled {
        return None;
    }
    // Per name: turns that answer a question, all its turns, its first turn.
    let mut counts: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    for (i, p) in paras.iter().enumerate() {
        if let Role::LabelA(Some(name)) = &p.role {
            let e = counts.entry(name.as_str()).or_insert((0, 0, i));
            e.1 += 1;
            // A host's turns ("Next caller, line three.") can outnumber the guest's; the guest
            // is who answers the questions.
            if follows_question(&paras, i) {
                e.0 += 1;
            }
        }
    }
    // Most answers to questions wins, then most turns; on a tie, whoever answered first.
    counts
        .into_iter()
        .max_by(|a, b| {
            (a.1 .0, a.1 .1)
                .cmp(&(b.1 .0, b.1 .1))
                .then(b.1 .2.cmp(&a.1 .2))
        })
        .map(|(name, _)| name.to_string())
}

/// A label that stands for nobody in particular: a transcription service's "Speaker 1",
/// "Speaker B", "Participant 2".
static GENERIC_LABEL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:unknown\s+)?(?:speaker|participant|person|voice|spk)\s*(?:\d{1,2}|[a-z])$")
        .expect("static label pattern compiles")
});

/// Of an article's generic labels ("Speaker 1", "Speaker 2"), the one whose turns answer
/// the others' questions most often: the guest's.
pub fn answering_generic_label(paragraphs: &[String]) -> Option<String> {
    let mut answers: HashMap<&str, usize> = HashMap::new();
    let mut previous: Option<(&str, bool)> = None;
    for p in paragraphs {
        let Some((label, _, body)) = turn_label(p.trim()) else {
            continue;
        };
        let asked = body.trim_end().ends_with('?');
        if !GENERIC_LABEL.is_match(label.trim()) {
            // Someone else asking (a stream's chat, a named host): the generic voice that
            // answers is the guest too.
            previous = Some((label, asked));
            continue;
        }
        let count = answers.entry(label).or_insert(0);
        if previous.is_some_and(|(other, asked)| asked && other != label) {
            *count += 1;
        }
        previous = Some((label, asked));
    }
    if answers.len() < 2 {
        return None;
    }
    answers
        .into_iter()
        .filter(|&(_, n)| n > 0)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(label, _)| label.to_string())
}

/// The speaker labels an article's paragraphs start with ("ABERNATHY", "TH", "Jane Doe"), for
/// finding the people they stand for.
pub fn label_names(paragraphs: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in paragraphs {
        if let Some((label, _, _)) = turn_label(p.trim()) {
            if !NOT_SPEAKERS.contains(&normalize_name(label).as_str())
                && !out.iter().any(|l| l == label)
            {
                out.push(label.to_string());
            }
        }
    }
    out
}

/// Splits one article's paragraphs into passages.
pub fn split_passages(
    article: usize,
    paragraphs: &[String],
    info: &[ParaInfo],
    roles: Roles<'_>,
    speakers: &Speakers,
) -> Vec<Passage> {
    if info.iter().any(|i| i.post.is_some()) {
        return thread_passages(article, paragraphs, info, roles, speakers);
    }
    let interviewee = roles.interviewee;
    let paras = classify(paragraphs, info, speakers, roles);
    let layout = layout(&paras);
    let mut out = Vec::new();
    if layout == Layout::Prose {
        for run in section_runs(&paras) {
            let texts: Vec<&str> = run.iter().map(|p| p.body).collect();
            let first = out.len();
            let section = run.first().and_then(|p| p.section);
            let person = section.and_then(|s| heading_person(s, speakers));
            if run.first().is_some_and(|p| p.facts) {
                facts_passage(article, &texts, &mut out);
            } else if let Some(person) = person {
                topic_passages(article, &texts, person, &mut out);
            } else {
                prose_passages(article, &texts, &mut out);
            }
            set_section(&mut out[first..], section);
        }
        return out;
    }

    // For each paragraph: does the first non-question paragraph after it carry a label?
    // Computed backwards once so that runs of questions stay linear.
    let mut label_follows = vec![false; paras.len()];
    let mut next_labelled = false;
    for i in (0..paras.len()).rev() {
        label_follows[i] = next_labelled;
        if paras[i].role != Role::PlainQ {
            next_labelled = matches!(paras[i].role, Role::LabelA(_) | Role::LabelQ);
        }
    }
    // People talking with each other and nobody asking for a living (two artists interviewing
    // each other, a panel): a turn that asks is the question the next person's turn, straight
    // after it, answers.
    let nobody_asks = !paras.iter().any(|p| p.role == Role::LabelQ)
        && !paras
            .windows(2)
            .any(|w| w[0].role == Role::PlainQ && matches!(w[1].role, Role::LabelA(_)));
    let answered_by_another = |i: usize| -> bool {
        let Role::LabelA(Some(asker)) = &paras[i].role else {
            return false;
        };
        matches!(paras.get(i + 1).map(|p| &p.role), Some(Role::LabelA(Some(who))) if who != asker)
    };
    // Where one person answers everyone (an ask-me-anything thread), the turn of a passer-by
    // (someone with a turn or two, not a host who asks all along) that asks, answered by the
    // guest's (maybe after other passers-by asking too), is a question.
    let passer_by = |i: usize| (1..=PASSER_BY_MAX_TURNS).contains(&paras[i].label_turns);
    let guest_answers = |i: usize| -> bool {
        let (Some(guest), Role::LabelA(Some(asker))) = (interviewee, &paras[i].role) else {
            return false;
        };
        if asker == guest || !passer_by(i) || !asks_anywhere(paras[i].body) {
            return false;
        }
        (i + 1..paras.len())
            .find(|&j| match &paras[j].role {
                Role::LabelA(Some(who)) if who == guest => true,
                Role::LabelA(_) | Role::LabelQ => !(passer_by(j) && asks_anywhere(paras[j].body)),
                _ => true,
            })
            .is_some_and(|j| matches!(&paras[j].role, Role::LabelA(Some(who)) if who == guest))
    };
    let is_question = |i: usize| -> bool {
        match &paras[i].role {
            Role::LabelQ => true,
            Role::LabelA(_) => {
                layout == Layout::Labelled
                    && (nobody_asks
                        && (prompts(paras[i].body) || ends_asking(paras[i].body))
                        && answered_by_another(i)
                        || guest_answers(i))
            }
            Role::PlainQ => match layout {
                // Only a question when a labelled answer (possibly after more question
                // paragraphs) follows; otherwise it is an answer that ends in "?".
                Layout::Labelled => label_follows[i],
                _ => paras[i].body.len() <= MAX_QUESTION_LEN,
            },
            _ => false,
        }
    };

    // Where the answers carry labels, unlabelled paragraphs after the last labelled turn are
    // the page's footer ("Listen again on the app. Terms apply."), not an answer.
    let labelled_answers = paras
        .iter()
        .filter(|p| matches!(p.role, Role::LabelA(_)))
        .count();
    let footer_from = paras
        .iter()
        .rposition(|p| matches!(p.role, Role::LabelA(_) | Role::LabelQ))
        .map_or(paras.len(), |i| i + 1);
    let is_footer = |i: usize| labelled_answers >= 2 && i >= footer_from;

    let mut prose: Vec<&str> = Vec::new();
    let mut footer: Vec<&str> = Vec::new();
    let mut pending_q: Option<String> = None;
    let mut last_q: Option<String> = None;
    // Who has answered `last_q`.
    let mut answered_last_q: Vec<Option<String>> = Vec::new();
    let mut current: Option<(Option<String>, Option<String>, Vec<String>)> = None;
    let mut section: Option<&str> = None;
    // Whether the exchange under way ends with someone else's interjection.
    let mut interjected = false;
    let flush = |current: &mut Option<(Option<String>, Option<String>, Vec<String>)>,
                 out: &mut Vec<Passage>,
                 section: Option<&str>| {
        if let Some((q, speaker, answer)) = current.take() {
            let first = out.len();
            exchange_passages(article, q, speaker, &answer.join("\n\n"), out);
            set_section(&mut out[first..], section);
        }
    };
    let prose_in = |texts: &[&str], out: &mut Vec<Passage>, section: Option<&str>| {
        let first = out.len();
        prose_passages(article, texts, out);
        set_section(&mut out[first..], section);
    };
    let flush_prose = |prose: &mut Vec<&str>, out: &mut Vec<Passage>, section: Option<&str>| {
        prose_in(&std::mem::take(prose), out, section);
    };

    let mut entry = paras.first().map_or(0, |p| p.entry);
    for (i, p) in paras.iter().enumerate() {
        if p.section != section {
            flush(&mut current, &mut out, section);
            flush_prose(&mut prose, &mut out, section);
            // Questions nobody answers before the next heading (a reading guide's "Questions
            // for Discussion") are their section's text, not the next section's question.
            if let Some(q) = pending_q.take() {
                let asked: Vec<&str> = q.split("\n\n").collect();
                prose_in(&asked, &mut out, section);
            }
            section = p.section;
        }
        if p.entry != entry {
            // Prose stops at a live blog's entry; an answer under way may go on past a time.
            flush_prose(&mut prose, &mut out, section);
            entry = p.entry;
        }
        if p.facts {
            flush(&mut current, &mut out, section);
            flush_prose(&mut prose, &mut out, section);
            let first = out.len();
            facts_passage(article, &[p.body], &mut out);
            set_section(&mut out[first..], section);
            continue;
        }
        if is_question(i) {
            flush(&mut current, &mut out, section);
            flush_prose(&mut prose, &mut out, section);
            // The host's opening turn, before anyone has answered, that asks nothing
            // ("Welcome everyone! Our guest is Ilse Varga, who ...") introduces the interview:
            // it is the article's introduction, not part of the first question.
            let opening = pending_q.as_deref().is_some_and(|q| !q.contains('?'))
                && !out
                    .iter()
                    .any(|p: &Passage| p.kind == PassageKind::Exchange);
            if let Some(q) = pending_q.take_if(|_| opening) {
                prose_in(&[q.as_str()], &mut out, section);
            }
            pending_q = Some(match pending_q.take() {
                Some(q) => format!("{q}\n\n{}", p.body),
                None => p.body.to_string(),
            });
            continue;
        }
        match &p.role {
            // The guest returning the host's welcome answers nothing yet: the host's turn
            // ("So how accurate is the show? Joining me now is ...") waits for the answer.
            Role::LabelA(_) if pending_q.is_some() && is_greeting(p.body) => continue,
            Role::LabelA(speaker) => {
                if pending_q.is_none() {
                    if let Some((_, cur_speaker, answer)) = current.as_mut() {
                        // The same person going on after an interjection, or a short reaction
                        // from someone else: part of the exchange under way.
                        if cur_speaker == speaker {
                            // Named again after someone else's interjection, so that the
                            // passage reads right.
                            match (speaker, interjected) {
                                (Some(who), true) => answer.push(format!("{who}: {}", p.body)),
                                _ => answer.push(p.body.to_string()),
                            }
                            interjected = false;
                            continue;
                        }
                        if p.body.split_whitespace().count() <= INTERJECTION_MAX_WORDS {
                            let who = speaker.clone().unwrap_or_else(|| "Interjection".into());
                            answer.push(format!("{who}: {}", p.body));
                            interjected = true;
                            continue;
                        }
                    }
                }
                let previous_asked = current
                    .as_ref()
                    .and_then(|(_, _, answer)| answer.last())
                    .is_some_and(|last| ends_asking(last));
                flush(&mut current, &mut out, section);
                flush_prose(&mut prose, &mut out, section);
                // Several people answering one question each get the question.
                // Not so where people ask each other: the next turn after an answer is
                // someone's own.
                // Nor to someone who has answered it already (two voices talking on), nor
                // after a turn that asked something of its own ("Juno, can you hear me?").
                let fresh = pending_q.is_some();
                let q = pending_q.take().or_else(|| {
                    last_q.clone().filter(|_| {
                        !nobody_asks && !previous_asked && !answered_last_q.contains(speaker)
                    })
                });
                if fresh {
                    answered_last_q.clear();
                }
                answered_last_q.push(speaker.clone());
                last_q.clone_from(&q);
                current = Some((q, speaker.clone(), vec![p.body.to_string()]));
                interjected = false;
            }
            Role::Narration => {
                // The narrator closes the exchange: whoever speaks next answers no question
                // of before.
                flush(&mut current, &mut out, section);
                prose.push(p.body);
                last_q = None;
            }
            _ => {
                if is_footer(i) {
                    flush(&mut current, &mut out, section);
                    footer.push(p.body);
                } else if current.is_some() && THANKS_TO.is_match(p.body) {
                    // The writer thanking the guest by name ("Huge thanks to Odalys for her
                    // time!") closes the interview: that and what follows (a recipe, a
                    // reading list) are the article's prose, not the last answer.
                    flush(&mut current, &mut out, section);
                    prose.push(p.body);
                    last_q = None;
                } else if let Some((_, _, answer)) = current.as_mut() {
                    answer.push(p.body.to_string());
                } else if let Some(q) = pending_q.take() {
                    last_q = Some(q.clone());
                    current = Some((
                        Some(q),
                        interviewee.map(str::to_string),
                        vec![p.body.to_string()],
                    ));
                } else {
                    prose.push(p.body);
                }
            }
        }
    }
    flush(&mut current, &mut out, section);
    // A question nobody answered (the article ends on it) is still text of the article.
    // A host's sign-off nobody answers ("Please thank Dr. Okafor.") is no text worth finding.
    let trailing_q = pending_q
        .take()
        .filter(|q| q.contains('?') || says_more_than_thanks(q));
    if let Some(q) = &trailing_q {
        prose.push(q);
    }
    prose.append(&mut footer);
    flush_prose(&mut prose, &mut out, section);
    // "Amara, thank you." / "Thank you.": a sign-off answers nothing. The host's turn before
    // it may still say something ("The soundtrack is out now on vinyl."): that stays, as
    // the article's prose.
    out.into_iter()
        .filter_map(|p| {
            if p.kind != PassageKind::Exchange || !is_courtesy(&p.answer) {
                return Some(p);
            }
            let said = p
                .question
                .filter(|q| !q.ends_with('?') && says_more_than_thanks(q))?;
            Some(Passage {
                section: p.section,
                ..prose_passage(article, said)
            })
        })
        .collect()
}

/// A sign-off that thanks someone by name, in the third person.
static THANKS_TO: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?i:(?:a\s+)?(?:huge|big|many|special|massive|enormous|sincere)?\s*thanks?(?:\s+you)?(?:\s+(?:so\s+much|again))?\s+to)\s+\p{Lu}")
        .expect("static regex compiles")
});

/// Whether a turn holds a sentence besides its courtesies ("Thank you so much, Ilse! The
/// soundtrack is out now on vinyl.").
fn says_more_than_thanks(turn: &str) -> bool {
    static VOCATIVE: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"^\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*){0,3},\s+")
            .expect("static regex compiles")
    });
    turn.split_sentence_bounds().any(|s| {
        // "Amara Osei, thank you." thanks someone by name.
        let s = VOCATIVE.replace(s.trim(), "");
        s.split_whitespace().count() >= 4 && !is_courtesy(&s)
    })
}

/// A reply that only returns a welcome ("Good evening, Dana. Thank you for having me.",
/// "Happy to be here."): every sentence a greeting, a thanks or a word or two.
fn is_greeting(turn: &str) -> bool {
    static GREETING: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"(?i)\b(?:good\s+(?:morning|afternoon|evening)|hello|hi|hey|(?:happy|glad|great|good|nice|lovely)\s+to\s+be\s+(?:here|with\s+you)|for\s+having\s+me)\b")
            .expect("static regex compiles")
    });
    GREETING.is_match(turn)
        && turn.split_sentence_bounds().all(|s| {
            let s = s.trim();
            s.split_whitespace().count() < 4 || GREETING.is_match(s) || is_courtesy(s)
        })
}

/// A reply that is only a courtesy ("Thank you.", "Thanks for having me!", "My pleasure.").
fn is_courtesy(answer: &str) -> bool {
    static COURTESY: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"(?i)^\W*(?:thank\s+you|thanks|cheers|my\s+pleasure|pleasure|you'?re\s+welcome|bye|goodbye|good\s*night|take\s+care|likewise|please\s+(?:thank|join\s+me\s+in\s+thanking)|(?:a\s+)?(?:big\s+)?round\s+of\s+applause\s+for)\b(?:[\w\s,'’]|\b(?:Dr|Mr|Mrs|Ms|Prof)\.)*[.!]*\W*$")
            .expect("static regex compiles")
    });
    let courteous = |s: &str| s.split_whitespace().count() <= 6 && COURTESY.is_match(s.trim());
    // "Thank you all. Goodnight from the coast": a courtesy in two sentences.
    courteous(answer)
        || answer.split_whitespace().count() <= 2 * 6
            && answer
                .split_sentence_bounds()
                .filter(|s| !s.trim().is_empty())
                .all(courteous)
}

fn set_section(passages: &mut [Passage], section: Option<&str>) {
    for p in passages {
        p.section = section.map(str::to_string);
    }
}

/// Consecutive paragraphs under one heading (a fact box is a run of its own).
fn section_runs<'p, 'a>(paras: &'p [Para<'a>]) -> Vec<&'p [Para<'a>]> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=paras.len() {
        let cut = i == paras.len()
            || paras[i].section != paras[start].section
            || paras[i].entry != paras[start].entry
            || paras[i].facts
            || paras[start].facts;
        if cut {
            if start < i {
                runs.push(&paras[start..i]);
            }
            start = i;
        }
    }
    runs
}

/// A fact box as one prose passage (cut only if it is too long).
fn facts_passage(article: usize, texts: &[&str], out: &mut Vec<Passage>) {
    for part in chunk_text(&texts.join(" "), MAX_PASSAGE_CHARS) {
        out.push(prose_passage(article, part));
    }
}

/// A thread (AMA, forum, mailing list): the guest's replies are answers to the comment they
/// follow; other verified accounts answering right after the guest share the question; a reply
/// after a deleted comment stands alone. Text outside any comment is prose.
fn thread_passages(
    article: usize,
    paragraphs: &[String],
    info: &[ParaInfo],
    roles: Roles<'_>,
    speakers: &Speakers,
) -> Vec<Passage> {
    // Comments in order: (post, its paragraphs); text outside comments as post None.
    let mut groups: Vec<(Option<&Post>, Vec<&str>, Option<&str>)> = Vec::new();
    for (p, i) in paragraphs.iter().zip(info) {
        let post = i.post.as_ref();
        match groups.last_mut() {
            Some((g, texts, _)) if g.map(|x| x.id) == post.map(|x| x.id) => texts.push(p),
            _ => groups.push((post, vec![p], i.section.as_deref())),
        }
    }
    let guest = thread_guest(info, roles.interviewee, speakers);
    let answers = |post: &Post| post.verified || Some(&post.author) == guest.as_ref();
    let person = |post: &Post| {
        speakers
            .resolve(&post.author)
            .map(str::to_string)
            .or_else(|| person_for_account(&post.author, speakers))
            .or_else(|| account_display(&post.author))
            .unwrap_or_else(|| post.author.clone())
    };

    let mut out = Vec::new();
    let mut pending: Option<(usize, String)> = None;
    let mut last: Option<(usize, Option<String>)> = None;
    let mut prose: Vec<&str> = Vec::new();
    for (post, texts, section) in &groups {
        let first = out.len();
        match post {
            Some(post) if answers(post) => {
                prose_passages(article, &std::mem::take(&mut prose), &mut out);
                let question = match (pending.take(), &last) {
                    (Some((id, q)), _) if id + 1 == post.id => Some(q),
                    (Some((_, q)), _) => {
                        out.push(prose_passage(article, q));
                        None
                    }
                    (None, Some((id, q))) if id + 1 == post.id => q.clone(),
                    _ => None,
                };
                exchange_passages(
                    article,
                    question.clone(),
                    Some(person(post)),
                    &texts.join("\n\n"),
                    &mut out,
                );
                last = Some((post.id, question));
            }
            Some(post) => {
                if let Some((_, q)) = pending.take() {
                    out.push(prose_passage(article, q));
                }
                pending = Some((post.id, texts.join("\n\n")));
                last = None;
            }
            None => {
                if let Some((_, q)) = pending.take() {
                    out.push(prose_passage(article, q));
                }
                prose.extend(texts.iter().copied());
                prose_passages(article, &std::mem::take(&mut prose), &mut out);
            }
        }
        set_section(&mut out[first..], *section);
    }
    if let Some((_, q)) = pending.take() {
        out.push(prose_passage(article, q));
    }
    out
}

fn prose_passage(article: usize, text: String) -> Passage {
    Passage {
        article,
        kind: PassageKind::Prose,
        question: None,
        answer: text,
        speaker: None,
        section: None,
    }
}

/// The account answering in a thread: the one named after the interviewee, else a verified
/// account, else the one that posts most.
pub fn thread_guest(
    info: &[ParaInfo],
    interviewee: Option<&str>,
    speakers: &Speakers,
) -> Option<String> {
    let mut counts: Vec<(&Post, usize)> = Vec::new();
    let mut last_id = None;
    for post in info.iter().filter_map(|i| i.post.as_ref()) {
        if last_id == Some(post.id) {
            continue;
        }
        last_id = Some(post.id);
        match counts.iter_mut().find(|(p, _)| p.author == post.author) {
            Some((_, n)) => *n += 1,
            None => counts.push((post, 1)),
        }
    }
    if let Some(name) = interviewee {
        if let Some((p, _)) = counts.iter().find(|(p, _)| {
            speakers.resolve(&p.author) == Some(name)
                || person_for_account(&p.author, speakers).as_deref() == Some(name)
        }) {
            return Some(p.author.clone());
        }
    }
    counts
        .iter()
        .max_by_key(|(p, n)| (p.verified, *n))
        .map(|(p, _)| p.author.clone())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Labelled,
    Unlabelled,
    Prose,
}

fn classify<'a>(
    paragraphs: &'a [String],
    info: &'a [ParaInfo],
    speakers: &Speakers,
    roles: Roles<'_>,
) -> Vec<Para<'a>> {
    // Who asks: a label most of whose turns are questions is the interviewer's, whatever a
    // single turn ends with; a label that mostly answers keeps answering.
    let mut turns: HashMap<String, (usize, usize)> = HashMap::new();
    for p in paragraphs {
        if let Some((label, _, body)) = turn_label(p.trim()) {
            let e = turns.entry(normalize_name(label)).or_default();
            e.0 += 1;
            if asks_in_turn(body) {
                e.1 += 1;
            }
        }
    }
    let interviewer = roles.interviewer.map(|n| speakers.canonical(n));
    let askers: Vec<String> = paragraphs
        .iter()
        .filter_map(|p| {
            let (label, paren, _) = turn_label(p.trim())?;
            paren.filter(|d| ASKER.is_match(d))?;
            speakers.resolve(label).map(str::to_string)
        })
        .collect();
    let mut paras: Vec<Para<'a>> = paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let p = p.trim();
            let meta = info.get(i);
            let section = meta.and_then(|m| m.section.as_deref());
            let facts = meta.is_some_and(|m| m.facts);
            let entry = meta.map_or(0, |m| m.entry);
            if !facts {
                if let Some((label, paren, body)) = turn_label(p) {
                    let (label_turns, asked) = turns
                        .get(&normalize_name(label))
                        .copied()
                        .unwrap_or_default();
                    let asks = (label_turns >= 2).then_some(asked * 2 >= label_turns);
                    let ctx = LabelContext {
                        speakers,
                        interviewee: roles.interviewee,
                        interviewer: interviewer.as_deref(),
                        askers: &askers,
                        asks,
                    };
                    if let Some(role) = label_role_in(label, paren, body, &ctx) {
                        return Para {
                            role,
                            body,
                            section,
                            facts,
                            entry,
                            label_turns,
                        };
                    }
                }
            }
            let role = if (ends_with_question(p)
                || is_prompt(p)
                || asks_with_remark(p)
                || asks_unpunctuated(p))
                && !facts
            {
                Role::PlainQ
            } else {
                Role::Plain
            };
            Para {
                role,
                body: p,
                section,
                facts,
                entry,
                label_turns: 0,
            }
        })
        .collect();
    answers_ending_in_a_question(&mut paras);
    hosts_ask(&mut paras);
    paras
}

/// The least words an answer says before the question it ends on.
const ANSWER_BEFORE_QUESTION_MIN_WORDS: usize = 25;

/// An answer may end on a question it reports or asks itself ("... and my partner said, you
/// know this is a book, right?"). Right after a question, a paragraph that speaks at length in
/// the first person, and not to "you", before its last sentence is the answer.
fn answers_ending_in_a_question(paras: &mut [Para<'_>]) {
    for i in 1..paras.len() {
        if paras[i].role != Role::PlainQ
            || !matches!(paras[i - 1].role, Role::LabelQ | Role::PlainQ)
        {
            continue;
        }
        let body = paras[i].body.trim_end();
        let Some(cut) = body
            .trim_end_matches('?')
            .rfind(['.', '!'])
            .filter(|&c| c + 1 < body.len())
        else {
            continue;
        };
        let said = unquoted(&body[..=cut]);
        if said.split_whitespace().count() >= ANSWER_BEFORE_QUESTION_MIN_WORDS
            && FIRST_PERSON.is_match(&said)
            && !SECOND_PERSON.is_match(&said)
        {
            paras[i].role = Role::Plain;
        }
    }
}

/// A label that speaks often but never answers a question, while another label answers
/// several, is the host's or moderator's ("First caller, go ahead.", "We're back."): its turns
/// lead into the questions rather than answer them, so they count as the asking side.
fn hosts_ask(paras: &mut [Para<'_>]) {
    // Per label: turns, and turns that follow a question.
    let mut stats: HashMap<String, (usize, usize)> = HashMap::new();
    for (i, p) in paras.iter().enumerate() {
        if let Role::LabelA(Some(name)) = &p.role {
            let e = stats.entry(name.clone()).or_default();
            e.0 += 1;
            if follows_question(paras, i) {
                e.1 += 1;
            }
        }
    }
    if !stats.values().any(|&(_, answers)| answers >= 2) {
        return;
    }
    let hosts: Vec<String> = stats
        .into_iter()
        .filter(|&(_, (turns, answers))| turns >= 3 && answers == 0)
        .map(|(name, _)| name)
        .collect();
    for p in paras.iter_mut() {
        if matches!(&p.role, Role::LabelA(Some(name)) if hosts.contains(name)) {
            p.role = Role::LabelQ;
        }
    }
}

/// Whether paragraph `i` comes straight after a question (a question turn, or any paragraph
/// ending in "?").
fn follows_question(paras: &[Para<'_>], i: usize) -> bool {
    i.checked_sub(1)
        .and_then(|j| paras.get(j))
        .is_some_and(|q| {
            matches!(q.role, Role::LabelQ | Role::PlainQ) || ends_with_question(q.body)
        })
}

fn layout(paras: &[Para<'_>]) -> Layout {
    let label_q = paras.iter().filter(|p| p.role == Role::LabelQ).count();
    let answered_labels = paras
        .windows(2)
        .filter(|w| {
            matches!(w[0].role, Role::LabelQ | Role::PlainQ) && matches!(w[1].role, Role::LabelA(_))
        })
        .count();
    if answered_labels >= 2 || (label_q >= 1 && answered_labels >= 1) || label_q >= 2 {
        return Layout::Labelled;
    }
    // A transcript with nobody asking (a panel, a featurette, a documentary's interviews):
    // named people taking turns make most of it.
    let mut voices: Vec<&str> = Vec::new();
    let mut turns = 0usize;
    for p in paras {
        if let Role::LabelA(Some(name)) = &p.role {
            turns += 1;
            if !voices.contains(&name.as_str()) {
                voices.push(name);
            }
        }
    }
    if voices.len() >= 2 && turns >= 4 && turns * 2 >= paras.len() {
        return Layout::Labelled;
    }

    let mut pairs = 0usize;
    let mut addressed = 0usize;
    let mut first_person = 0usize;
    for w in paras.windows(2) {
        if w[0].role == Role::PlainQ
            && w[0].body.len() <= MAX_QUESTION_LEN
            && w[1].role == Role::Plain
        {
            pairs += 1;
            if SECOND_PERSON.is_match(&unquoted(w[0].body)) {
                addressed += 1;
            }
            if FIRST_PERSON.is_match(&unquoted(w[1].body)) {
                first_person += 1;
            }
        }
    }
    if pairs >= 2 && (addressed * 2 >= pairs || first_person * 5 >= pairs * 3) {
        Layout::Unlabelled
    } else {
        Layout::Prose
    }
}

/// The text with quoted speech removed, so that quotes in a news report do not look like an
/// interviewee speaking in the first person.
fn unquoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    let mut straight = false;
    for c in s.chars() {
        match c {
            '“' => depth += 1,
            '”' => depth = depth.saturating_sub(1),
            '"' => straight = !straight,
            c if depth == 0 && !straight => out.push(c),
            _ => {}
        }
    }
    out
}

fn ends_with_question(p: &str) -> bool {
    p.trim_end().ends_with('?')
}

/// The most turns of someone passing through a thread to ask (an ask-me-anything's fans),
/// where a host or a peer in conversation has many.
const PASSER_BY_MAX_TURNS: usize = 2;

/// The most words of a remark after a question in the same turn ("Who translated it? It reads
/// really well.").
const REMARK_MAX_WORDS: usize = 12;

/// Whether a turn asks: it ends with a question, or opens with one (of three words or more,
/// not an answer's "Me? ...") and adds no more than a one-sentence remark, as people asking
/// in a chat do, or it prompts ("Tell me about the mole.", with or without a remark after).
fn asks_in_turn(body: &str) -> bool {
    if ends_with_question(body) || prompts(body) {
        return true;
    }
    let Some(mark) = body.find('?') else {
        return false;
    };
    let (question, remark) = (&body[..mark], &body[mark + 1..]);
    !question.contains(['.', '!']) && question.split_whitespace().count() >= 3 && is_remark(remark)
}

/// An unlabelled question put to someone with a short remark after it ("How did you end up
/// restoring organs? It isn't exactly a careers-fair job."): one sentence that asks, of four
/// words or more and addressed to "you", then a remark; an answer opening on its own
/// rhetorical question ("Why did I stay? Money.") addresses no one.
fn asks_with_remark(p: &str) -> bool {
    let Some(mark) = p.find('?') else {
        return false;
    };
    let question = &p[..mark];
    !question.contains(['.', '!'])
        && question.split_whitespace().count() >= 4
        && SECOND_PERSON.is_match(question)
        && is_remark(&p[mark + 1..])
}

/// Whether a turn's last question is followed by no more than a one-sentence remark ("I'll
/// start with the thing everyone asks. Why an opera? It's a novel where nothing happens."):
/// someone talking with a peer puts their question last, after what led to it. Every turn
/// [`asks_in_turn`] takes for a question but a prompt is one of these: its first question is
/// its last.
pub(super) fn ends_asking(body: &str) -> bool {
    body.rfind('?')
        .is_some_and(|mark| is_remark(&body[mark + 1..]))
}

/// Whether what follows a question or a prompt in a turn is no more than a one-sentence
/// remark ("It reads really well.").
fn is_remark(text: &str) -> bool {
    text.split_whitespace().count() <= REMARK_MAX_WORDS
        && text
            .trim_end_matches(['.', '!', ' '])
            .matches(['.', '!', '?'])
            .count()
            == 0
}

/// The most words of a question typed in a chat without its question mark (see
/// [`asks_unpunctuated`]).
const UNPUNCTUATED_MAX_WORDS: usize = 16;

/// A short paragraph worded as a question that ends on a word, as questions typed in a chat
/// do ("how many playtests did it take", "the art is gorgeous btw. who did it"): a sentence
/// ending on a full stop states something.
fn asks_unpunctuated(p: &str) -> bool {
    p.split_whitespace().count() <= UNPUNCTUATED_MAX_WORDS
        && p.trim_end().ends_with(char::is_alphanumeric)
        && !p.contains('\n')
        && INTERROGATIVE.is_match(p)
}

/// A sentence worded as a question whatever it ends with ("ok WHY does the Gardener leave at
/// the end.", "and how often do you actually fire it", "whats the hardest mission"): a question
/// word before a verb that asks, or the verb before its subject, after a chat's opener or the
/// handle it is addressed to ("@annelie_strobl how long does it take").
static INTERROGATIVE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?:^|[.!?…]\s+)(?:@[\w.\-]+[,:]?\s+)?(?:(?:ok|okay|so|and|but|wait|hey|also|honestly|seriously|genuinely|sorry|hi|hello|lol|omg)[,!.]?\s+)*(?:(?:why|how|what|when|where|who|which)(?:\s+\w+){0,2}?\s+(?:do|does|did|is|are|was|were|can|could|would|will|should|has|have|had)|(?:what|who|where|how)['’]?s\s+(?:the|your|u|you|ur)\s|(?:do|does|did|is|are|was|were|can|could|would|will|have|has)\s+(?:you|u|she|he|they|it|we|there|your|the)\b)",
    )
    .expect("static regex compiles")
});

/// Whether a turn asks anywhere in it: a question mark, a prompt, or a sentence worded as a
/// question.
fn asks_anywhere(body: &str) -> bool {
    body.contains('?') || prompts(body) || INTERROGATIVE.is_match(body)
}

/// How an interviewer asks without a question mark: "Tell us how the film started.", "Talk me
/// through the casting.", "Describe the hardest day.", "Name one work of art that changed
/// you."
static PROMPT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^(?:(?:so|and|now|finally|lastly|first|next|ok|okay|please)[,.]?\s+)*(?:(?:tell|talk|walk|take|give)\s+(?:me|us)|describe|explain|sum\s+up|paint\s+(?:me|us)\s+a\s+picture|(?:name|pick|choose|share|list)\s+(?:one|two|three|four|five|a|an|your|the)\s)",
    )
    .expect("static regex compiles")
});

/// The longest prompt: one short sentence, not a paragraph that happens to open with "Tell me".
const MAX_PROMPT_LEN: usize = 200;

/// Whether a turn opens with a prompt ("Tell me about the mole. People still talk about it."):
/// its first sentence is one, and a one-sentence remark at most follows.
fn prompts(body: &str) -> bool {
    let body = body.trim();
    let Some(end) = body.find(['.', '…', ':']) else {
        return false;
    };
    let (first, remark) = body.split_at(end + 1);
    is_prompt(first) && is_remark(remark)
}

/// Whether `p` is an interviewer's prompt: a short imperative that asks for an answer.
pub(super) fn is_prompt(p: &str) -> bool {
    let p = p.trim();
    p.len() <= MAX_PROMPT_LEN
        && PROMPT.is_match(p)
        && p.ends_with(['.', ':', '…'])
        && p.matches(['.', '!', '?']).count() <= 1
}

/// A turn's label, what the label's parenthesis says ("Q (Variety):", "JANE DOE (interviewer):")
/// and the body: "LABEL: body", or "Q. body" / "A. body".
fn turn_label(p: &str) -> Option<(&str, Option<&str>, &str)> {
    if let Some(c) = QA_DOT.captures(p) {
        if let (Some(l), Some(b)) = (c.get(1), c.get(2)) {
            return Some((l.as_str(), None, b.as_str()));
        }
    }
    let (label, body) = split_label(p)?;
    if FLOOR_LABEL.is_match(label) {
        return Some(("Q", Some(label), body));
    }
    if let Some((base, description)) = described_label(label) {
        return Some((base, Some(description), body));
    }
    Some(label)
        .filter(|_| !label.contains('('))
        .map(|l| (l, None, body))
        .or_else(|| {
            let c = PAREN_LABEL.captures(label)?;
            let base = c.name("base")?.as_str().trim();
            let paren = c.name("paren")?.as_str().trim();
            name_like(base).then_some((base, Some(paren), body))
        })
}

/// "LABEL: body" when the part before the first colon is short and looks like a name (or a
/// name with a parenthesis: "Q (The Globe and Mail)").
fn split_label(p: &str) -> Option<(&str, &str)> {
    let (colon, _) = p
        .char_indices()
        .take(DESCRIBED_LABEL_MAX_CHARS + 1)
        .find(|&(_, c)| c == ':')?;
    let label = p[..colon].trim();
    let body = p[colon + 1..].trim_start();
    if body.is_empty() || !p[colon + 1..].starts_with(char::is_whitespace) || label.is_empty() {
        return None;
    }
    if described_label(label).is_some() || FLOOR_LABEL.is_match(label) {
        return Some((label, body));
    }
    if let Some(open) = label.find('(') {
        return (label.ends_with(')') && name_like(label[..open].trim())).then_some((label, body));
    }
    if label.chars().count() > 45 {
        return None;
    }
    name_like(label).then_some((label, body))
}

/// A broadcast transcript's first label for a speaker gives the name and then what they are,
/// all in capitals ("DANA ROURKE, WNX ANCHOR", "NKEM ADEYEMI, MARITIME HISTORIAN, UNIVERSITY OF
/// LEIDEN"); later turns use the surname alone. The name and the description.
fn described_label(label: &str) -> Option<(&str, &str)> {
    let (base, description) = label.split_once(',')?;
    let (base, description) = (base.trim(), description.trim());
    let letters = || label.chars().filter(|c| c.is_alphabetic());
    (label.chars().count() <= DESCRIBED_LABEL_MAX_CHARS
        && !description.is_empty()
        && letters().count() >= 4
        && letters().all(char::is_uppercase)
        && !label.contains(['(', ')'])
        && name_like(base))
    .then_some((base, description))
}

fn name_like(label: &str) -> bool {
    if handle_like(label) || GENERIC_LABEL.is_match(label) {
        return true;
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
        })
}

/// A user name as chat logs, forums and comment threads print it ("lanternworks-mod",
/// "pixel_otter", "glassjaw_92", "u/fernweh"): one word of letters and digits joined by
/// underscores, hyphens, dots or a slash, in any case. It needs one of those joiners or a
/// digit, so that an ordinary lowercase word before a colon ("edit:", "answer:") is not one.
fn handle_like(label: &str) -> bool {
    if label.starts_with('@') {
        return is_nick(label);
    }
    let n = label.chars().count();
    (3..=32).contains(&n)
        && label.chars().next().is_some_and(char::is_alphabetic)
        && label
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'))
        && label
            .chars()
            .any(|c| matches!(c, '_' | '-' | '/') || c.is_ascii_digit())
        && label.chars().last().is_some_and(char::is_alphanumeric)
}

/// "@" and a handle, whatever it looks like: a chat log's nick as the reader writes it
/// ("@tfinch", "@kettle_drum").
pub(super) fn is_nick(label: &str) -> bool {
    label.strip_prefix('@').is_some_and(|nick| {
        (2..=32).contains(&nick.chars().count())
            && nick
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
    })
}

struct LabelContext<'a> {
    speakers: &'a Speakers,
    interviewee: Option<&'a str>,
    interviewer: Option<&'a str>,
    /// People whose first label says they ask ("HANNAH ORTIZ, BYLINE:"), whatever their later
    /// labels say ("ORTIZ:").
    askers: &'a [String],
    /// Whether this label's turns are mostly questions (`None`: too few turns to tell).
    asks: Option<bool>,
}

#[cfg(test)]
fn label_role(
    label: &str,
    body: &str,
    speakers: &Speakers,
    interviewee: Option<&str>,
) -> Option<Role> {
    label_role_in(
        label,
        None,
        body,
        &LabelContext {
            speakers,
            interviewee,
            interviewer: None,
            askers: &[],
            asks: None,
        },
    )
}

fn label_role_in(
    label: &str,
    paren: Option<&str>,
    body: &str,
    ctx: &LabelContext<'_>,
) -> Option<Role> {
    let key = normalize_name(label);
    if NOT_SPEAKERS.contains(&key.as_str()) {
        return None;
    }
    if NARRATION_LABELS.contains(&key.as_str()) {
        return Some(Role::Narration);
    }
    if paren.is_some_and(|p| ASKER.is_match(p)) {
        return Some(Role::LabelQ);
    }
    match key.as_str() {
        "q" | "question" | "interviewer" | "host" | "moderator" => return Some(Role::LabelQ),
        "a" | "answer" | "guest" | "interviewee" | "respondent" => {
            return Some(Role::LabelA(ctx.interviewee.map(str::to_string)))
        }
        _ => {}
    }
    let known = ctx.speakers.resolve(label).map(str::to_string);
    if known.is_some() && known.as_deref() == ctx.interviewer
        || known.as_ref().is_some_and(|k| ctx.askers.contains(k))
    {
        return Some(Role::LabelQ);
    }
    match ctx.asks {
        Some(true) if known.as_deref() != ctx.interviewee || known.is_none() => {
            return Some(Role::LabelQ)
        }
        _ => {}
    }
    // A label with too few turns to tell by asks when its turn does: an outlet or interviewer
    // ("Collider: ...?"), someone who speaks once, to ask ("When do tickets go on sale? My mam
    // wants to book"), as a thread's commenters do; never the interviewee.
    if ctx.asks.is_none()
        && (known.is_none() || known.as_deref() != ctx.interviewee)
        && asks_in_turn(body)
    {
        return Some(Role::LabelQ);
    }
    if let Some(name) = known {
        return Some(Role::LabelA(Some(name)));
    }
    // A transcription service's voice that no one is known by ("Speaker 1"), an account
    // ("@quill"): a voice still, whose turns are not to be run together.
    if GENERIC_LABEL.is_match(label.trim()) || is_nick(label.trim()) {
        return Some(Role::LabelA(Some(label.trim().to_string())));
    }
    let letters: Vec<char> = label.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    // An unknown name in capitals is the transcript convention for the person answering; an
    // unknown title-case label is too ambiguous ("Season Two: ...") to call a speaker.
    all_caps.then(|| Role::LabelA(Some(title_case(label))))
}

/// "MELISSA ROSENBERG" → "Melissa Rosenberg", for speakers config does not know.
pub(super) fn title_case(label: &str) -> String {
    label
        .split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// One exchange, split into several passages (each repeating the question) when too long.
fn exchange_passages(
    article: usize,
    question: Option<String>,
    speaker: Option<String>,
    answer: &str,
    out: &mut Vec<Passage>,
) {
    let question = question.map(|q| {
        if MAX_PASSAGE_CHARS.saturating_sub(q.len() + 2) < MIN_ANSWER_BUDGET {
            shorten(&q, MAX_PASSAGE_CHARS / 2)
        } else {
            q
        }
    });
    let budget = match &question {
        Some(q) => MAX_PASSAGE_CHARS - q.len() - 2,
        None => MAX_PASSAGE_CHARS,
    };
    for part in chunk_text(answer, budget) {
        out.push(Passage {
            article,
            kind: PassageKind::Exchange,
            question: question.clone(),
            answer: part,
            speaker: speaker.clone(),
            section: None,
        });
    }
}

/// The start of `text` within `max` bytes, cut at a sentence end when possible, marked with "…".
fn shorten(text: &str, max: usize) -> String {
    let room = max.saturating_sub('…'.len_utf8());
    let head = chunk_text(text, room)
        .into_iter()
        .next()
        .unwrap_or_default();
    format!("{head}…")
}

/// Prose paragraphs into passages: lead-ins ending in ":" go with what they introduce, short
/// paragraphs join a neighbour, long ones are cut at sentence ends.
/// A topic's lead-in before a quote, as a club's or a team's page sets out what each person
/// said after a match ("On the result: \"We earned it the hard way.\"").
static TOPIC_QUOTE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r#"^(?P<topic>(?:On|About|Regarding|Asked about)\s[^:"“]{1,80}):\s+(?P<said>["“].+)$"#,
    )
    .expect("static regex compiles")
});

/// The person a section heading names and nothing more ("ALAN WHITCOMBE"): a full name of two
/// to four words the article's people resolve.
pub(super) fn heading_person<'s>(heading: &str, speakers: &'s Speakers) -> Option<&'s str> {
    let words = heading.split_whitespace().count();
    if !(2..=4).contains(&words) {
        return None;
    }
    speakers
        .resolve(heading)
        .filter(|name| name.split_whitespace().count() >= 2)
}

/// A section under a person's name: each topic's lead-in and quote is that person's answer on
/// the topic, as if asked ("On the result" / "We earned it the hard way."); the rest of the
/// section is prose.
fn topic_passages(article: usize, paragraphs: &[&str], person: &str, out: &mut Vec<Passage>) {
    let mut prose: Vec<&str> = Vec::new();
    for p in paragraphs {
        let Some(c) = TOPIC_QUOTE.captures(p.trim()) else {
            prose.push(p);
            continue;
        };
        if !prose.is_empty() {
            prose_passages(article, &std::mem::take(&mut prose), out);
        }
        let said = c["said"].trim();
        // One quote and nothing after it: the words without their marks.
        let inner = said
            .strip_prefix(['"', '“'])
            .and_then(|s| s.strip_suffix(['"', '”']))
            .filter(|s| !s.contains(['"', '“', '”']))
            .unwrap_or(said);
        exchange_passages(
            article,
            Some(c["topic"].trim().to_string()),
            Some(person.to_string()),
            inner,
            out,
        );
    }
    if !prose.is_empty() {
        prose_passages(article, &prose, out);
    }
}

fn prose_passages(article: usize, paragraphs: &[&str], out: &mut Vec<Passage>) {
    let mut units: Vec<String> = Vec::new();
    let mut joining_lead_in = false;
    for p in paragraphs {
        match units.last_mut() {
            Some(last) if joining_lead_in => {
                last.push_str("\n\n");
                last.push_str(p);
            }
            _ => units.push((*p).to_string()),
        }
        joining_lead_in = p.trim_end().ends_with(':');
    }

    // A short paragraph in a news story usually leads into the one after it ("Lastly, when
    // asked about The Defenders, ..." then the quote), so it joins forward; only a short last
    // paragraph joins backward.
    let mut joined: Vec<String> = Vec::new();
    let mut pending: Option<String> = None;
    for u in units {
        let u = match pending.take() {
            // Two short paragraphs that together are no longer short: the second one leads into
            // what follows it ("X, who plays Y, was there." before X's quote), so the first
            // stands on its own.
            Some(p)
                if u.len() < SHORT_PARAGRAPH
                    && p.len() >= SHORT_PARAGRAPH / 2
                    && p.len() + 2 + u.len() >= SHORT_PARAGRAPH =>
            {
                joined.push(p);
                u
            }
            Some(p) if p.len() + 2 + u.len() <= MAX_PASSAGE_CHARS => format!("{p}\n\n{u}"),
            Some(p) => {
                joined.push(p);
                u
            }
            None => u,
        };
        if u.len() < SHORT_PARAGRAPH {
            pending = Some(u);
        } else {
            joined.push(u);
        }
    }
    if let Some(p) = pending {
        match joined.last_mut() {
            Some(last) if last.len() + 2 + p.len() <= MAX_PASSAGE_CHARS => {
                last.push_str("\n\n");
                last.push_str(&p);
            }
            _ => joined.push(p),
        }
    }

    for unit in joined {
        for part in chunk_text(&unit, MAX_PASSAGE_CHARS) {
            out.push(prose_passage(article, part));
        }
    }
}

/// Cuts `text` into pieces of at most `budget` bytes: at sentence ends outside quotations when
/// possible, else at any sentence end, else at a space, else at a char boundary. Linear in the
/// length of the text.
pub(crate) fn chunk_text(text: &str, budget: usize) -> Vec<String> {
    let text = text.trim();
    let budget = budget.max(16);
    if text.len() <= budget {
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![text.to_string()]
        };
    }
    let bounds = sentence_bounds(text);
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut next_bound = 0usize;
    loop {
        start += text[start..].len() - text[start..].trim_start().len();
        if start >= text.len() {
            break;
        }
        if text.len() - start <= budget {
            out.push(text[start..].trim_end().to_string());
            break;
        }
        let limit = start + budget;
        while next_bound < bounds.len() && bounds[next_bound].0 <= start {
            next_bound += 1;
        }
        let mut fits = next_bound;
        while fits < bounds.len() && bounds[fits].0 <= limit {
            fits += 1;
        }
        let candidates = &bounds[next_bound..fits];
        let min_len = budget / 3;
        let end = candidates
            .iter()
            .rev()
            .find(|(b, in_quote)| !in_quote && b - start >= min_len)
            .or_else(|| candidates.last())
            .map(|(b, _)| *b)
            .unwrap_or_else(|| hard_cut(text, start, limit));
        let piece = text[start..end].trim();
        if !piece.is_empty() {
            out.push(piece.to_string());
        }
        start = end;
    }
    out
}

/// Sentence ends as byte offsets, each with whether a quotation is open there.
fn sentence_bounds(text: &str) -> Vec<(usize, bool)> {
    let ends: Vec<usize> = text
        .split_sentence_bound_indices()
        .map(|(i, s)| i + s.len())
        .filter(|&e| e < text.len())
        .collect();
    let mut out = Vec::with_capacity(ends.len());
    let mut depth = 0usize;
    let mut straight = false;
    let mut chars = text.char_indices().peekable();
    for end in ends {
        while let Some(&(i, c)) = chars.peek() {
            if i >= end {
                break;
            }
            match c {
                '“' => depth += 1,
                '”' => depth = depth.saturating_sub(1),
                '"' => straight = !straight,
                '\n' => {
                    // Quotes do not run across paragraphs in practice; an unbalanced mark must
                    // not make the rest of the text look quoted.
                    depth = 0;
                    straight = false;
                }
                _ => {}
            }
            chars.next();
        }
        out.push((end, depth > 0 || straight));
    }
    out
}

/// Where to cut a sentence longer than the budget: the last space in the second half of the
/// window, else the last char boundary.
fn hard_cut(text: &str, start: usize, limit: usize) -> usize {
    let mut limit = limit.min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &text[start..limit];
    if let Some(sp) = window.rfind(char::is_whitespace) {
        if sp >= window.len() / 2 {
            return start + sp;
        }
    }
    if limit > start {
        limit
    } else {
        // A budget smaller than one character: take the character anyway to make progress.
        start + text[start..].chars().next().map_or(1, char::len_utf8)
    }
}

/// Compiles this module's patterns now (see `clean::warm_up`).
pub(super) fn warm_up() {
    for r in [
        &SECOND_PERSON,
        &FIRST_PERSON,
        &QA_DOT,
        &PAREN_LABEL,
        &ASKER,
        &FLOOR_LABEL,
        &TOPIC_QUOTE,
        &INTERROGATIVE,
    ] {
        Lazy::force(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_respect_the_budget_and_keep_all_text() {
        let sentence = "This is a sentence about the show. ";
        let text = sentence.repeat(200);
        let chunks = chunk_text(&text, 300);
        assert!(chunks.iter().all(|c| c.len() <= 300));
        assert!(chunks.iter().all(|c| c.ends_with('.')));
        let words: usize = chunks.iter().map(|c| c.split_whitespace().count()).sum();
        assert_eq!(words, text.split_whitespace().count());
    }

    #[test]
    fn a_giant_sentence_is_cut_on_char_boundaries() {
        let text = "é".repeat(5000);
        let chunks = chunk_text(&text, 1600);
        assert!(chunks.iter().all(|c| c.len() <= 1600));
        assert_eq!(chunks.concat(), text);
    }

    #[test]
    fn a_turn_asks_when_it_opens_with_a_question_and_adds_a_remark() {
        assert!(asks_in_turn(
            "Who did the translation? It reads really well"
        ));
        assert!(asks_in_turn("Is there a sequel??"));
        assert!(!asks_in_turn("Me? I was asleep."));
        assert!(!asks_in_turn(
            "Why did I leave? The money ran out. Nobody would lend us more."
        ));
    }

    #[test]
    fn labels_are_recognised() {
        let s = Speakers::default();
        assert_eq!(split_label("ROSENBERG: Yes."), Some(("ROSENBERG", "Yes.")));
        assert_eq!(split_label("So her question is: \"Who am I?\""), None);
        assert_eq!(split_label("http://x.com"), None);
        assert_eq!(
            label_role("JOHN DOE", "Yes.", &s, None),
            Some(Role::LabelA(Some("John Doe".into())))
        );
        assert_eq!(label_role("Collider", "Why?", &s, None), Some(Role::LabelQ));
        assert_eq!(label_role("Season Two", "It was fun.", &s, None), None);
        assert_eq!(label_role("UPDATE", "It was fun.", &s, None), None);
    }

    #[test]
    fn the_floors_askers_and_numbered_prompts_ask() {
        for label in [
            "Audience member",
            "Audience member (in the blue apron)",
            "Q from the livestream chat (@sourdough_sibyl)",
            "Question from the floor",
        ] {
            let line = format!("{label}: Can you freeze the broth?");
            assert_eq!(
                turn_label(&line).map(|(l, _, body)| (l, body)),
                Some(("Q", "Can you freeze the broth?")),
                "{label}"
            );
        }
        assert!(is_prompt(
            "Name one local work of art that changed how you see Corriston."
        ));
        assert!(is_prompt("Pick one song you'd save from a fire."));
        assert!(!is_prompt("Name tags were handed out at the door."));
    }

    #[test]
    fn user_names_are_labels_but_lowercase_words_are_not() {
        for handle in [
            "lanternworks-mod",
            "pixel_otter",
            "glassjaw_92",
            "u/fernweh",
        ] {
            assert!(name_like(handle), "{handle}");
        }
        for word in ["edit", "answer", "tl;dr", "x", "2024", "see-"] {
            assert!(!name_like(word), "{word}");
        }
        assert_eq!(
            split_label("pixel_otter: what key is it in?"),
            Some(("pixel_otter", "what key is it in?"))
        );
    }

    #[test]
    fn a_courtesy_turn_that_says_something_else_keeps_it() {
        assert!(says_more_than_thanks(
            "Thank you so much, Ilse! The soundtrack is out now on vinyl."
        ));
        assert!(!says_more_than_thanks("Amara Osei, thank you."));
        assert!(is_greeting("Good evening, Dana. Thank you for having me."));
        assert!(is_greeting("Happy to be here, Dana."));
        assert!(!is_greeting(
            "Hi! Yes, the whole score was written at night."
        ));
        assert!(!says_more_than_thanks("Thanks for coming in. Cheers!"));
        // Asking the room to thank the guest is a sign-off too.
        assert!(is_courtesy("Please thank Dr. Okafor."));
        assert!(is_courtesy("Thank you all. Goodnight from the coast"));
        assert!(!is_courtesy("Thank you. The book took seven years."));
        assert!(!says_more_than_thanks(
            "Please join me in thanking Prof. Lind."
        ));
    }
}
