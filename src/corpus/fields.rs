//! A document that opens with a header of fields, one per line, as archives, research projects
//! and notes apps export their transcripts ("Project: Night Shift Voices", "Transcript ID:
//! NSV-014", "Participant: P14 (Joyce Mensah, night bus driver, 61)", "Date of interview:
//! 22/08/2024"). Read as the lines of a paragraph, the fields would run into one another; read
//! one by one, most are no text anyone asks about. The title, the cast and the date are kept,
//! each on a line of its own, where the page reader looks for them; the rest goes.

use once_cell::sync::Lazy;
use regex::Regex;

/// One field: a short capitalised name, a colon, a value.
static FIELD: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?P<key>\p{Lu}[\p{L}'’ ]{0,30}?)\s*:\s+(?P<value>\S.{0,150})$")
        .expect("static field pattern compiles")
});

/// Fields whose value names the document.
static TITLE_KEY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:title|project|subject|topic|collection|series|interview)$")
        .expect("static title key pattern compiles")
});

/// The fewest fields that make a header (a title line and a date line are a page's head).
const MIN_FIELDS: usize = 3;

/// `raw` with its header of fields (its first block, every line a field) rewritten: the title
/// field's value, the cast lines (`is_cast`) and the date field's value, each a paragraph of
/// its own; `None` when it opens with no such header.
pub(super) fn header(raw: &str, is_cast: impl Fn(&str) -> bool) -> Option<String> {
    let start = raw.len() - raw.trim_start().len();
    let block_end = raw[start..]
        .find("\n\n")
        .or_else(|| raw[start..].find("\r\n\r\n"))
        .map_or(raw.len(), |i| start + i);
    let lines: Vec<&str> = raw[start..block_end]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // A field's value is a name, a code or a date, not a sentence: lines that end one are
    // turns ("Q: Why?" / "A: Because it rained.").
    let is_field = |l: &&str| {
        FIELD.is_match(l)
            && !l
                .trim_end_matches(['"', '”', ')'])
                .ends_with(['.', '?', '!'])
    };
    if lines.len() < MIN_FIELDS || !lines.iter().all(is_field) {
        return None;
    }
    let mut title: Option<&str> = None;
    let mut kept: Vec<&str> = Vec::new();
    for line in &lines {
        let Some(c) = FIELD.captures(line) else {
            continue;
        };
        let (Some(key), Some(value)) = (c.name("key"), c.name("value")) else {
            continue;
        };
        let key = key.as_str().trim();
        if is_cast(line) {
            kept.push(line);
        } else if TITLE_KEY.is_match(key) {
            title.get_or_insert(value.as_str().trim());
        } else if key.to_lowercase().split_whitespace().any(|w| w == "date") {
            kept.push(value.as_str().trim());
        }
    }
    let mut out = String::with_capacity(raw.len());
    for line in title.into_iter().chain(kept) {
        out.push_str(line);
        out.push_str("\n\n");
    }
    out.push_str(&raw[block_end..]);
    Some(out)
}

pub(super) fn warm_up() {
    Lazy::force(&FIELD);
    Lazy::force(&TITLE_KEY);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_of_fields_keeps_its_title_cast_and_date() {
        let raw = "Project: Night Voices\nTranscript ID: NV-14\nParticipant: P14 (Ann Lee, driver)\nDate of interview: 22/08/2024\nDuration: 00:41:12\n\nI: Hello?\n\nP14: Hi.\n";
        let out = header(raw, |l| l.starts_with("Participant")).expect("header");
        assert_eq!(
            out,
            "Night Voices\n\nParticipant: P14 (Ann Lee, driver)\n\n22/08/2024\n\n\n\nI: Hello?\n\nP14: Hi.\n"
        );
    }

    #[test]
    fn a_title_over_turns_is_no_header() {
        assert_eq!(
            header("A talk\n\nQ: Why?\n\nA: Because.\n", |_| false),
            None
        );
        // Turns in the first block are speech, not fields.
        assert_eq!(
            header(
                "Q: Why?\nA: Because it rained.\nQ: And then?\nA: We went home.\n",
                |_| false
            ),
            None
        );
    }
}
