//! A letters page or advice column: each reader's letter opens "Dear Rosa," and ends with a
//! signature ("Frustrated in Filey", "Tom, Leeds"), and the columnist's reply runs under it
//! until the next letter. Read as "Q:" (the letter) and "A:" (the reply), the form every
//! question-and-answer layout is read in, so the reply is the columnist's answer.

use once_cell::sync::Lazy;
use regex::Regex;

/// A letter's salutation on a line of its own: "Dear Rosa," "Dear Dr Quint:".
static SALUTATION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^Dear\s+(?P<to>\p{Lu}[\p{L}.'’\-]*(?:\s+\p{Lu}[\p{L}.'’\-]*){0,2})\s*[,:!]?$")
        .expect("static salutation pattern compiles")
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
    let one_addressee = salutations.windows(2).all(|w| w[0].1 == w[1].1);
    if salutations.len() < MIN_LETTERS || !one_addressee {
        return None;
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

pub(super) fn warm_up() {
    Lazy::force(&SALUTATION);
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
        // Emails written to each side in turn are no letters page.
        assert_eq!(
            letters("Dear Rosa,\nWhy do tomatoes split?\nTom\n\nDear Tom,\nWatering.\nRosa\n"),
            None
        );
    }
}
