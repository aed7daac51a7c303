//! Transcripts set in capitals (closed captions, teleprompter copy): "THE NIGHTS ARE FREEZING."
//! Read as they are, every line looks like a headline or a caption and is dropped; rewritten
//! in sentence case, they read as the speech they are.

use std::collections::HashMap;

/// A line has to have this many letters to count towards deciding that a text shouts.
const MIN_LETTERS: usize = 12;
/// At least this many such lines, and this share of them in capitals.
const MIN_LINES: usize = 3;
const SHOUTING_SHARE: f32 = 0.6;

/// Words a title in Title Case capitalises that are no names.
const SMALL_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "on",
    "in",
    "and",
    "or",
    "to",
    "for",
    "with",
    "at",
    "by",
    "from",
    "as",
    "is",
    "it",
    "its",
    "this",
    "that",
    "my",
    "your",
    "our",
    "his",
    "her",
    "their",
    "about",
    "after",
    "before",
    "into",
    "over",
    "under",
    "up",
    "out",
    "how",
    "why",
    "what",
    "who",
    "when",
    "where",
    "we",
    "you",
    "not",
    "no",
    "but",
    "talks",
    "says",
    "interview",
];

/// The text with its lines in capitals rewritten in sentence case, if most of its lines (after
/// the first, which may be a title) are in capitals; `None` otherwise. A speaker label before a
/// colon stays as it is ("WREN ADEYEMI: ..."), and a word the rest of the text capitalises
/// ("Adeyemi" in the title) keeps its capitals.
pub fn unshout(raw: &str) -> Option<String> {
    let body: Vec<&str> = raw
        .lines()
        .skip(1)
        .filter(|l| letters(l) >= MIN_LETTERS)
        .collect();
    let loud = body.iter().filter(|l| shouts(l)).count();
    if body.len() < MIN_LINES || (loud as f32) < SHOUTING_SHARE * body.len() as f32 {
        return None;
    }
    Some(recase(raw))
}

/// Every line of `raw` in capitals in sentence case (after a label of up to four words), with
/// the names the rest of the text writes in mixed case spelled as it does.
pub(super) fn recase(raw: &str) -> String {
    // How the text writes a word where it is not shouting: names keep their capitals.
    let mut known: HashMap<String, String> = HashMap::new();
    for line in raw.lines().filter(|l| !shouts(l)) {
        // A word capitalised only because it opens a sentence says nothing of its spelling;
        // a speaker's label ("Rosalind Teague: ...") is a name, not a sentence.
        let labelled = line
            .find(": ")
            .is_some_and(|i| line[..i].split_whitespace().count() <= 4);
        let mut opens = !labelled;
        for w in line.split_inclusive(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
            let sentence_start = opens;
            let tail = w.trim_start_matches(|c: char| c.is_alphanumeric() || c == '\'' || c == '’');
            let w = &w[..w.len() - tail.len()];
            if !w.is_empty() {
                opens = false;
            }
            if tail.contains(['.', '!', '?', '"', '“', ':']) {
                opens = true;
            }
            let lower = w.to_lowercase();
            if !sentence_start
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).any(char::is_lowercase)
                && !SMALL_WORDS.contains(&lower.as_str())
            {
                known.entry(lower).or_insert_with(|| w.to_string());
            }
        }
    }
    let out: Vec<String> = raw
        .lines()
        .map(|line| {
            if letters(line) == 0 || !shouts(line) {
                return line.to_string();
            }
            let (label, speech) = match line.find(':') {
                Some(i) if i <= 40 && line[..i].split_whitespace().count() <= 4 => {
                    line.split_at(i + 1)
                }
                _ => ("", line),
            };
            format!("{label}{}", sentence_case(speech, &known))
        })
        .collect();
    out.join("\n")
}

/// How many letters a line has.
fn letters(line: &str) -> usize {
    line.chars().filter(|c| c.is_alphabetic()).count()
}

/// Whether a line has no lower-case letter.
fn shouts(line: &str) -> bool {
    !line.chars().any(char::is_lowercase)
}

/// `text` in lower case but for each sentence's first letter, "I", and the words `known`
/// gives a spelling for.
fn sentence_case(text: &str, known: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let mut sentence_start = true;
    let flush = |word: &mut String, out: &mut String, start: &mut bool| {
        if word.is_empty() {
            return;
        }
        let lower = word.to_lowercase();
        let base = lower.split(['\'', '’']).next().unwrap_or("");
        let written = if let Some(k) = known.get(&lower) {
            k.clone()
        } else if base == "i" || *start {
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        } else {
            lower
        };
        out.push_str(&written);
        word.clear();
        *start = false;
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '\'' || c == '’' {
            word.push(c);
        } else {
            flush(&mut word, &mut out, &mut sentence_start);
            out.push(c);
            if matches!(c, '.' | '!' | '?') {
                sentence_start = true;
            }
        }
    }
    flush(&mut word, &mut out, &mut sentence_start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transcript_in_capitals_is_read_in_sentence_case() {
        let raw = "Late Desk: Wren Adeyemi on The Salt Roads\n\n>> WREN ADEYEMI, WELCOME. I'M GLAD YOU CAME.\n>> THANK YOU. IT IS GOOD TO BE SOMEWHERE WARM.\n>> COLD? IN THE DESERT?\nWREN ADEYEMI: THE NIGHTS ARE FREEZING.";
        let text = unshout(raw).expect("shouting");
        assert_eq!(
            text,
            "Late Desk: Wren Adeyemi on The Salt Roads\n\n>> Wren Adeyemi, welcome. I'm glad you came.\n>> Thank you. It is good to be somewhere warm.\n>> Cold? In the desert?\nWREN ADEYEMI: The nights are freezing."
        );
        // A headline or a label in capitals here and there is not a shouting text.
        assert_eq!(
            unshout("THE BIG INTERVIEW\n\nShe said it was cold.\nIt was very cold indeed.\nNobody argued with that.\nROSA: Quite right."),
            None
        );
    }
}
