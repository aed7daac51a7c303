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

use super::{Passage, PassageKind};
use crate::config::{normalize_name, Speakers};

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

/// Labels that introduce a note rather than a speaker.
const NOT_SPEAKERS: &[&str] = &[
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
}

#[derive(Debug, Clone)]
struct Para<'a> {
    role: Role,
    /// The text without its label.
    body: &'a str,
}

/// Who labels most answers, when the article is a labelled interview.
pub fn detect_interviewee(paragraphs: &[String], speakers: &Speakers) -> Option<String> {
    let paras = classify(paragraphs, speakers, None);
    if layout(&paras) != Layout::Labelled {
        return None;
    }
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, p) in paras.iter().enumerate() {
        if let Role::LabelA(Some(name)) = &p.role {
            let e = counts.entry(name.as_str()).or_insert((0, i));
            e.0 += 1;
        }
    }
    // Most answers wins; on a tie, whoever answered first.
    counts
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(name, _)| name.to_string())
}

/// Splits one article's paragraphs into passages.
pub fn split_passages(
    article: usize,
    paragraphs: &[String],
    interviewee: Option<&str>,
    speakers: &Speakers,
) -> Vec<Passage> {
    let paras = classify(paragraphs, speakers, interviewee);
    let layout = layout(&paras);
    let mut out = Vec::new();
    if layout == Layout::Prose {
        let texts: Vec<&str> = paras.iter().map(|p| p.body).collect();
        prose_passages(article, &texts, &mut out);
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
    let is_question = |i: usize| -> bool {
        match paras[i].role {
            Role::LabelQ => true,
            Role::PlainQ => match layout {
                // Only a question when a labelled answer (possibly after more question
                // paragraphs) follows; otherwise it is an answer that ends in "?".
                Layout::Labelled => label_follows[i],
                _ => paras[i].body.len() <= MAX_QUESTION_LEN,
            },
            _ => false,
        }
    };

    let mut prose: Vec<&str> = Vec::new();
    let mut pending_q: Option<String> = None;
    let mut last_q: Option<String> = None;
    let mut current: Option<(Option<String>, Option<String>, Vec<&str>)> = None;
    let flush = |current: &mut Option<(Option<String>, Option<String>, Vec<&str>)>,
                 out: &mut Vec<Passage>| {
        if let Some((q, speaker, answer)) = current.take() {
            exchange_passages(article, q, speaker, &answer.join("\n\n"), out);
        }
    };

    for (i, p) in paras.iter().enumerate() {
        if is_question(i) {
            flush(&mut current, &mut out);
            prose_passages(article, &std::mem::take(&mut prose), &mut out);
            pending_q = Some(match pending_q.take() {
                Some(q) => format!("{q}\n\n{}", p.body),
                None => p.body.to_string(),
            });
            continue;
        }
        match &p.role {
            Role::LabelA(speaker) => {
                flush(&mut current, &mut out);
                prose_passages(article, &std::mem::take(&mut prose), &mut out);
                // Several people answering one question each get the question.
                let q = pending_q.take().or_else(|| last_q.clone());
                last_q.clone_from(&q);
                current = Some((q, speaker.clone(), vec![p.body]));
            }
            _ => {
                if let Some((_, _, answer)) = current.as_mut() {
                    answer.push(p.body);
                } else if let Some(q) = pending_q.take() {
                    last_q = Some(q.clone());
                    current = Some((Some(q), interviewee.map(str::to_string), vec![p.body]));
                } else {
                    prose.push(p.body);
                }
            }
        }
    }
    flush(&mut current, &mut out);
    // A question nobody answered (the article ends on it) is still text of the article.
    let trailing_q = pending_q.take();
    if let Some(q) = &trailing_q {
        prose.push(q);
    }
    prose_passages(article, &prose, &mut out);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Labelled,
    Unlabelled,
    Prose,
}

fn classify<'a>(
    paragraphs: &'a [String],
    speakers: &Speakers,
    interviewee: Option<&str>,
) -> Vec<Para<'a>> {
    paragraphs
        .iter()
        .map(|p| {
            let p = p.trim();
            if let Some((label, body)) = split_label(p) {
                if let Some(role) = label_role(label, body, speakers, interviewee) {
                    return Para { role, body };
                }
            }
            let role = if ends_with_question(p) {
                Role::PlainQ
            } else {
                Role::Plain
            };
            Para { role, body: p }
        })
        .collect()
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

/// "LABEL: body" when the part before the first colon is short and looks like a name.
fn split_label(p: &str) -> Option<(&str, &str)> {
    let (colon, _) = p.char_indices().take(45).find(|&(_, c)| c == ':')?;
    let label = p[..colon].trim();
    let body = p[colon + 1..].trim_start();
    if body.is_empty() || !p[colon + 1..].starts_with(char::is_whitespace) || label.is_empty() {
        return None;
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    if words.len() > 4 {
        return None;
    }
    let name_like = words.iter().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
    });
    name_like.then_some((label, body))
}

fn label_role(
    label: &str,
    body: &str,
    speakers: &Speakers,
    interviewee: Option<&str>,
) -> Option<Role> {
    let key = normalize_name(label);
    if NOT_SPEAKERS.contains(&key.as_str()) {
        return None;
    }
    if let Some(name) = speakers.resolve(label) {
        return Some(Role::LabelA(Some(name.to_string())));
    }
    match key.as_str() {
        "q" | "question" | "interviewer" => return Some(Role::LabelQ),
        "a" | "answer" => return Some(Role::LabelA(interviewee.map(str::to_string))),
        _ => {}
    }
    if ends_with_question(body) {
        // An outlet or interviewer asking ("Collider: ...?").
        return Some(Role::LabelQ);
    }
    let letters: Vec<char> = label.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    // An unknown name in capitals is the transcript convention for the person answering; an
    // unknown title-case label is too ambiguous ("Season Two: ...") to call a speaker.
    all_caps.then(|| Role::LabelA(Some(title_case(label))))
}

/// "MELISSA ROSENBERG" → "Melissa Rosenberg", for speakers config does not know.
fn title_case(label: &str) -> String {
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
            out.push(Passage {
                article,
                kind: PassageKind::Prose,
                question: None,
                answer: part,
                speaker: None,
            });
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
    Lazy::force(&SECOND_PERSON);
    Lazy::force(&FIRST_PERSON);
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
}
