//! A letters page or advice column: each reader's letter opens "Dear Rosa," and ends with a
//! signature ("Frustrated in Filey", "Tom, Leeds"), and the columnist's reply runs under it
//! until the next letter. Read as "Q:" (the letter) and "A:" (the reply), the form every
//! question-and-answer layout is read in, so the reply is the columnist's answer.
//!
//! An interview by correspondence is letters written to each side in turn ("Dear Teodora,"
//! then "Dear Ottoline,"): each letter is a turn of its writer, the person the letters
//! either side of it write to, and its valediction, signature and the dateline over the next
//! letter are no one's words.

use once_cell::sync::Lazy;
use regex::Regex;

/// A letter's salutation on a line of its own: "Dear Rosa," "Dear Dr Quint:".
static SALUTATION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^Dear\s+(?P<to>\p{Lu}[\p{L}.'’\-]*(?:\s+\p{Lu}[\p{L}.'’\-]*){0,2})\s*[,:!]?$")
        .expect("static salutation pattern compiles")
});

/// A letter's closing line, before the signature: "Yours,", "Best wishes,", "With love,".
static VALEDICTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:(?:yours|ever yours|yours (?:ever|truly|sincerely|faithfully)|best|all (?:my |the )?best|best wishes|(?:kind |warm |warmest |best )?regards|sincerely|warmly|love|with love|much love|fondly|affectionately|cheers|until next time|more soon)[,.!]?)(?:\s+(?P<name>\p{Lu}[\p{L}.'’\-]*(?:\s+\p{Lu}[\p{L}.'’\-]*){0,2}))?$")
        .expect("static valediction pattern compiles")
});
/// A letter's postscript: "P.S.", "PS", "P.P.S.".
static POSTSCRIPT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^P\.?(?:P\.?)?S\.?(?:\s|:)").expect("static postscript pattern compiles")
});
/// The place and date a letter was written, over it: "Porto, 19 March", "Edinburgh, 2 March 2023".
static PLACE_DATE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^\p{Lu}[\p{L}' .\-]{1,30},\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+\p{L}{3,9}\.?|\p{L}{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?)(?:,?\s+\d{4})?$")
        .expect("static place and date pattern compiles")
});

/// How many letters make a letters page (one "Dear X," is a letter quoted in an article).
const MIN_LETTERS: usize = 2;
/// A signature is a short line; and a letter with none found within this many paragraphs is
/// taken to be its first paragraph, the reply the rest.
const SIGNATURE_MAX_WORDS: usize = 8;
const LETTER_MAX_PARAGRAPHS: usize = 4;

/// A letter's signature: a short line that ends no sentence ("Tom, Leeds", "— Worried Mum").
fn is_signature(line: &str) -> bool {
    let line = line.trim_start_matches(['—', '–', '-', ' ']);
    let words = line.split_whitespace().count();
    (1..=SIGNATURE_MAX_WORDS).contains(&words)
        && line.chars().next().is_some_and(char::is_uppercase)
        && !line.ends_with(['.', '?', '!', ':', ';', ',', '"', '”'])
}

/// The text with each letter as a "Q:" turn and the reply under it as "A:", or `None` when
/// the text has fewer than two salutations.
pub(super) fn letters(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    let salutations: Vec<(usize, String)> = (0..lines.len())
        .filter_map(|i| {
            SALUTATION
                .captures(lines[i].trim())
                .map(|c| (i, c["to"].to_lowercase()))
        })
        .collect();
    // Letters to a column all write to its columnist; an exchange of emails writes to each
    // side in turn, and is read as emails.
    if salutations.len() < MIN_LETTERS {
        return None;
    }
    let one_addressee = salutations.windows(2).all(|w| w[0].1 == w[1].1);
    if !one_addressee {
        return correspondence(&lines, &salutations);
    }
    let starts: Vec<usize> = salutations.iter().map(|(i, _)| *i).collect();
    let mut out = String::with_capacity(raw.len() + 64);
    for line in &lines[..starts[0]] {
        out.push_str(line);
        out.push('\n');
    }
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let body = &lines[start + 1..end];
        // The letter runs to its signature; with none in sight, to its first paragraph's end.
        let mut paragraphs = 0;
        let mut signature = None;
        let mut previous_blank = true;
        for (j, line) in body.iter().enumerate() {
            let t = line.trim();
            if t.is_empty() {
                previous_blank = true;
                continue;
            }
            if previous_blank {
                paragraphs += 1;
                if paragraphs > LETTER_MAX_PARAGRAPHS {
                    break;
                }
            }
            previous_blank = false;
            if j > 0 && is_signature(t) {
                signature = Some(j);
                break;
            }
        }
        let (letter, reply) = match signature {
            Some(j) => (&body[..j], &body[j + 1..]),
            None => {
                let first = body.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
                let end = body[first..]
                    .iter()
                    .position(|l| l.trim().is_empty())
                    .map_or(body.len(), |n| first + n);
                (&body[..end], &body[end..])
            }
        };
        let letter: Vec<&str> = letter
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        out.push_str(&format!("\nQ: {}\n\n", letter.join(" ")));
        let mut opened = false;
        for line in reply {
            if !opened && !line.trim().is_empty() {
                out.push_str("A: ");
                opened = true;
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    Some(out)
}

/// Letters written to two people in turn, each signed off, as turns labelled with their
/// writers' names; `None` for anything else (emails to and fro without sign-offs are read as
/// emails).
fn correspondence(lines: &[&str], salutations: &[(usize, String)]) -> Option<String> {
    let alternate = salutations.windows(2).all(|w| w[0].1 != w[1].1);
    let mut names: Vec<&str> = salutations.iter().map(|(_, to)| to.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let signed = salutations
        .iter()
        .enumerate()
        .filter(|&(k, &(start, _))| {
            let end = salutations.get(k + 1).map_or(lines.len(), |s| s.0);
            lines[start..end]
                .iter()
                .any(|l| VALEDICTION.is_match(l.trim()))
        })
        .count();
    if !alternate || names.len() != 2 || signed * 2 < salutations.len() {
        return None;
    }
    // As the letter writes it: "Dear Teodora," is to Teodora, so from the other one.
    let label_of = |to: &str| -> String {
        let from = if names[0] == to { names[1] } else { names[0] };
        let start = salutations.iter().find(|(_, n)| n == from).map(|s| s.0);
        start
            .and_then(|i| SALUTATION.captures(lines[i].trim()))
            .map_or_else(|| from.to_string(), |c| c["to"].to_string())
    };
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum::<usize>() + 256);
    let first = salutations[0].0;
    // The page over the first letter, less the first letter's dateline.
    let head_end = (0..first)
        .rev()
        .find(|&i| {
            let t = lines[i].trim();
            !t.is_empty() && !PLACE_DATE.is_match(t)
        })
        .map_or(0, |i| i + 1);
    for line in &lines[..head_end] {
        out.push_str(line);
        out.push('\n');
    }
    for (k, (start, to)) in salutations.iter().enumerate() {
        let next = salutations.get(k + 1).map(|s| s.0);
        let body = &lines[start + 1..next.unwrap_or(lines.len())];
        let label = label_of(to);
        let mut paragraph: Vec<&str> = Vec::new();
        let mut signed_off = false;
        let mut rest_from = None;
        let mut j = 0;
        let push = |paragraph: &mut Vec<&str>, out: &mut String| {
            if !paragraph.is_empty() {
                out.push_str(&format!("\n{label}: {}\n", paragraph.join(" ")));
                paragraph.clear();
            }
        };
        while j < body.len() {
            let t = body[j].trim();
            j += 1;
            if t.is_empty() {
                push(&mut paragraph, &mut out);
                continue;
            }
            if !signed_off {
                if let Some(c) = VALEDICTION.captures(t) {
                    push(&mut paragraph, &mut out);
                    signed_off = true;
                    // The signature on the line under it ("O.", "Teodora").
                    if c.name("name").is_none() {
                        if let Some(n) = body[j..].iter().position(|l| !l.trim().is_empty()) {
                            if body[j + n].split_whitespace().count() <= SIGNATURE_MAX_WORDS / 2 {
                                j += n + 1;
                            }
                        }
                    }
                    continue;
                }
                paragraph.push(t);
                continue;
            }
            // After the signature: its postscripts; then, before the next letter, its
            // dateline and the rule between letters; after the last, the rest of the page.
            if POSTSCRIPT.is_match(t) || !paragraph.is_empty() {
                paragraph.push(t);
                continue;
            }
            if next.is_none() {
                rest_from = Some(j - 1);
                break;
            }
            if PLACE_DATE.is_match(t) || !t.chars().any(char::is_alphanumeric) {
                continue;
            }
            out.push_str(&format!("\n{t}\n"));
        }
        push(&mut paragraph, &mut out);
        out.push('\n');
        if let Some(from) = rest_from {
            for line in &body[from..] {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    Some(out)
}

pub(super) fn warm_up() {
    Lazy::force(&SALUTATION);
    Lazy::force(&VALEDICTION);
    Lazy::force(&POSTSCRIPT);
    Lazy::force(&PLACE_DATE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_is_a_question_and_the_reply_under_it_the_answer() {
        let raw = "Ask Rosa\n\nDear Rosa,\nMy tomatoes split.\nWhy?\nFrustrated in Filey\n\nUneven watering.\n\nWater in the morning.\n\nDear Rosa,\nCan I grow lemons?\n\nYou can.\n";
        assert_eq!(
            letters(raw).as_deref(),
            Some("Ask Rosa\n\n\nQ: My tomatoes split. Why?\n\n\nA: Uneven watering.\n\nWater in the morning.\n\n\nQ: Can I grow lemons?\n\n\nA: You can.\n")
        );
        // One letter quoted in an article is no letters page.
        assert_eq!(
            letters("She wrote:\n\nDear Tom,\nI am leaving.\nAnna\n"),
            None
        );
        // Emails written to each side in turn, not signed off, are no letters page.
        assert_eq!(
            letters("Dear Rosa,\nWhy do tomatoes split?\nTom\n\nDear Tom,\nWatering.\nRosa\n"),
            None
        );
    }

    #[test]
    fn letters_to_each_side_in_turn_are_their_writers_turns() {
        let raw = "Letters with Rosa Vell\n\nLeeds, 2 March\n\nDear Rosa,\n\nWhy do tomatoes split?\n\nBest,\nT.\n\n* * *\n\nYork, 9 March\n\nDear Tom,\n\nUneven watering.\nWater in the morning.\n\nYours,\nRosa\n\nP.S. The swallows are back.\n\nNotes\n\n1. A note.\n";
        assert_eq!(
            letters(raw).as_deref(),
            Some("Letters with Rosa Vell\n\nTom: Why do tomatoes split?\n\n\nRosa: Uneven watering. Water in the morning.\n\nRosa: P.S. The swallows are back.\n\nNotes\n\n1. A note.\n")
        );
    }
}
