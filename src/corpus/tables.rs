//! A transcript copied out of a table (a transcription tool's export, a spreadsheet): one row
//! per turn, its cells apart by tabs ("00:00:21<TAB>CAL HENDRY<TAB>What was your time?"),
//! often under a header row ("Time<TAB>Speaker<TAB>Text"). Read as "NAME: words" turns, the
//! form every labelled layout is read in.

use once_cell::sync::Lazy;
use regex::Regex;

/// A row: an optional time cell, the speaker's cell, the words.
static ROW: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:[\[(]?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?[\])]?\t+)?(?P<who>\p{Lu}[\p{L}.'’\-]*(?:\s\p{L}[\p{L}.'’\-]*){0,3})\t+(?P<said>\S.*)$")
        .expect("static row pattern compiles")
});

/// A header row: the names of the columns, no one's words.
static HEADER_ROW: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:(?:time|timecode|timestamp|start|end|speaker|name|who|text|transcript|words|dialogue|line)\t*)+$")
        .expect("static header row pattern compiles")
});

/// How many rows make a table (a stray tab in prose is none).
const MIN_ROWS: usize = 3;

/// The text with each table row as a "NAME: words" turn, or `None` when it has no table.
pub(super) fn rows(raw: &str) -> Option<String> {
    let rows = raw.lines().filter(|l| ROW.is_match(l.trim())).count();
    if rows < MIN_ROWS {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    for line in raw.lines() {
        let t = line.trim();
        if t.contains('\t') && HEADER_ROW.is_match(t) {
            continue;
        }
        match ROW.captures(t) {
            Some(c) => out.push_str(&format!("\n{}: {}\n", &c["who"], c["said"].trim())),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    Some(out)
}

pub(super) fn warm_up() {
    Lazy::force(&ROW);
    Lazy::force(&HEADER_ROW);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tables_rows_are_labelled_turns() {
        let raw = "Time\tSpeaker\tText\n00:00:04\tCAL HENDRY\tWelcome.\n00:00:15\tMARTA KOWALCZYK\tThank you.\n00:00:21\tCAL HENDRY\tYour time?\n";
        assert_eq!(
            rows(raw).as_deref(),
            Some("\nCAL HENDRY: Welcome.\n\n\nMARTA KOWALCZYK: Thank you.\n\n\nCAL HENDRY: Your time?\n\n")
        );
        assert_eq!(rows("Name\tAge\nTom\t4\n"), None);
    }
}
