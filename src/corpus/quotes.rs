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

use std::collections::HashMap;
use std::ops::Range;

use once_cell::sync::Lazy;
use regex::Regex;

use super::{Passage, PassageKind, Quote};
use crate::config::{normalize_name, Speakers};

/// Fewer words than this ("as of August", "bad guy") are scare quotes or titles, not statements.
pub const MIN_QUOTE_WORDS: usize = 5;
/// How far after a closing quote mark an attribution ("Rosenberg told Esquire") is looked for.
const AFTER_WINDOW: usize = 120;

const SPEECH_VERBS: &str = "said|says|saying|told|tells|telling|recalled|recalls|explained|explains|explaining|added|adds|adding|stated|states|noted|notes|revealed|reveals|admitted|admits|continued|continues|joked|jokes|stressed|stresses|insisted|insists|confirmed|confirms|teased|teases|asked|asks|replied|replies|answered|answers|wrote|writes|tweeted|remarked|remarks|commented|comments|acknowledged|acknowledges|argued|argues|suggested|suggests|shared|shares|offered|offers|quipped|laughed|mused|muses|put it|went on|according to|had (?:this|the following) to say|reflected|reflects|described|describes|agreed|agrees|concluded|concludes|pointed out|points out|elaborated|clarified|promised|hinted|hints|warned|warns|declared|declares";

/// A name: one to three capitalised words.
const NAME: &str = r"\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*){0,2}";

static AFTER_NAME_VERB: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"^[\s,;:—–\-]*(?:(?P<name>{NAME})|(?P<pro>[Hh]e|[Ss]he))\s+(?:also\s+|later\s+|then\s+)?(?:{SPEECH_VERBS})\b"
    ))
    .expect("static regex compiles")
});
static AFTER_VERB_NAME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"^[\s,;:—–\-]*(?:said|says|recalled|explained|added|continued|noted|told|asked|replied|wrote|according to)\s+(?P<name>{NAME})"
    ))
    .expect("static regex compiles")
});
static SPEECH_VERB: Lazy<Regex> =
    Lazy::new(|| Regex::new(&format!(r"\b(?:{SPEECH_VERBS})\b")).expect("static regex compiles"));
static PRONOUN: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\b(?:[Hh]e|[Ss]he)\b").expect("static regex compiles"));

/// Capitalised words that start a clause but never name the speaker.
const NOT_NAMES: &[&str] = &[
    "the", "this", "that", "it", "its", "they", "we", "i", "you", "there", "here", "but", "and",
    "so", "as", "then", "when", "while", "if", "a", "an", "in", "on", "his", "her", "their", "our",
    "my", "one", "some", "many", "most", "all", "both",
];

/// Finds quotes in one article's passages. `first_passage` is the global index of
/// `passages[0]` in `Corpus::passages`.
pub fn extract_quotes(
    passages: &[Passage],
    first_passage: usize,
    speakers: &Speakers,
) -> Vec<Quote> {
    let names = NameFinder::new(speakers);
    let mut ctx = Context::default();
    let mut out = Vec::new();
    for (k, passage) in passages.iter().enumerate() {
        let global = first_passage + k;
        match passage.kind {
            PassageKind::Exchange => {
                let text = passage.answer.trim();
                if !text.is_empty() {
                    out.push(Quote {
                        article: passage.article,
                        passage: global,
                        text: text.to_string(),
                        speaker: passage.speaker.clone(),
                    });
                }
                // What follows an answer does not continue a prose lead-in.
                ctx.lead_in_subject = None;
            }
            PassageKind::Prose => {
                for para in passage.answer.split("\n\n") {
                    paragraph_quotes(
                        para,
                        passage.article,
                        global,
                        &names,
                        speakers,
                        &mut ctx,
                        &mut out,
                    );
                }
            }
        }
    }
    out
}

/// What carries over from one paragraph to the next.
#[derive(Debug, Default)]
struct Context {
    /// The most recently named known person, for pronouns.
    last_person: Option<String>,
    /// When the previous paragraph ended with a lead-in ("She explained:"), who it names.
    lead_in_subject: Option<String>,
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
    names: &NameFinder,
    speakers: &Speakers,
    ctx: &mut Context,
    out: &mut Vec<Quote>,
) {
    let spans = quote_spans(para);
    let parens = paren_spans(para);
    let hidden = |pos: usize| {
        spans.iter().any(|s| s.outer.contains(&pos)) || parens.iter().any(|r| r.contains(&pos))
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
    let person_before = |pos: usize| -> Option<String> {
        mentions
            .iter()
            .rev()
            .find(|(p, _)| *p < pos)
            .map(|(_, n)| n.clone())
            .or_else(|| ctx.last_person.clone())
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

    let mut speakers_of: Vec<Option<String>> = Vec::with_capacity(spans.len());
    let mut opens_sentence: Vec<Option<Range<usize>>> = Vec::with_capacity(spans.len());
    for (i, span) in spans.iter().enumerate() {
        let prev_end = if i == 0 { 0 } else { spans[i - 1].outer.end };
        let next_start = spans.get(i + 1).map_or(para.len(), |s| s.outer.start);

        // 1. Attribution after the quote.
        let after_end = floor_boundary(para, (span.outer.end + AFTER_WINDOW).min(next_start));
        let after = &para[span.outer.end..after_end];
        let mut who = attribution_after(after, speakers).map(|a| match a {
            Attribution::Name(n) => Some(n),
            Attribution::Pronoun => person_before(span.outer.start),
        });

        // 2. The clause before the quote, within its sentence.
        let between = &para[prev_end..span.outer.start];
        let clause_start = prev_end + last_sentence_start(between);
        let clause = &para[clause_start..span.outer.start];
        if who.is_none() && !clause.trim().is_empty() {
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

    for (span, who) in spans.iter().zip(speakers_of) {
        let text = para[span.inner.clone()].trim();
        let text = text.strip_suffix(',').unwrap_or(text).trim_end();
        if word_count(text) >= MIN_QUOTE_WORDS {
            out.push(Quote {
                article,
                passage,
                text: text.to_string(),
                speaker: who.map(|w| speakers.canonical(&w)),
            });
        }
    }

    // Carry the discourse over to the next paragraph.
    let trimmed = para.trim_end();
    ctx.lead_in_subject = trimmed.strip_suffix(':').and_then(|lead| {
        let start = last_sentence_start(lead);
        subject(start..trimmed.len())
    });
    if let Some((_, n)) = mentions.last() {
        ctx.last_person = Some(n.clone());
    }
}

enum Attribution {
    Name(String),
    Pronoun,
}

fn attribution_after(after: &str, speakers: &Speakers) -> Option<Attribution> {
    if let Some(c) = AFTER_NAME_VERB.captures(after) {
        if c.name("pro").is_some() {
            return Some(Attribution::Pronoun);
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
    Some(speakers.canonical(name))
}

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

/// Double-quoted spans: curly “…” and straight "…". An opening mark without a close runs to the
/// end of the paragraph, as in multi-paragraph quotations.
fn quote_spans(para: &str) -> Vec<Span> {
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
    fn new(speakers: &Speakers) -> Self {
        let mut by_first: HashMap<String, Vec<(Vec<String>, String)>> = HashMap::new();
        for (form, canonical) in speakers.all_forms() {
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
    for r in [&AFTER_NAME_VERB, &AFTER_VERB_NAME, &SPEECH_VERB, &PRONOUN] {
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
        }
    }

    #[test]
    fn split_quote_fragments_are_both_attributed() {
        let p = prose("“One two three four five,” Rosenberg recalled, “six seven eight nine ten.”");
        let q = extract_quotes(&[p], 0, &speakers());
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].text, "One two three four five");
        assert!(q
            .iter()
            .all(|q| q.speaker.as_deref() == Some("Melissa Rosenberg")));
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
        let f = NameFinder::new(&speakers());
        let m = f.find("Rachel Taylor met Rosenberg’s team; rosenberg lower case is skipped.");
        let names: Vec<&str> = m.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(names, vec!["Rachael Taylor", "Melissa Rosenberg"]);
    }
}
