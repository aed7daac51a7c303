//! A transcript copied out of a table (a transcription tool's export, a spreadsheet): one row
//! per turn, its cells apart by tabs ("00:00:21<TAB>CAL HENDRY<TAB>What was your time?"),
//! often under a header row ("Time<TAB>Speaker<TAB>Text"). Read as "NAME: words" turns, the
//! form every labelled layout is read in. A table in markdown's pipes ("| Question | Answer |"
//! over "|---|---|") is read by its header: questions and answers as "Q:" and "A:" turns,
//! speakers and their words as turns, anything else as a list of facts.

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

/// The line under a markdown table's header: "|---|:---:|", "--- | ---".
static PIPE_RULE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?$")
        .expect("static pipe rule pattern compiles")
});

/// Header cells that name a question column and an answer column.
static ASKED_COLUMN: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:q|question|questions|asked|ask)$").expect("static column pattern compiles")
});
static ANSWERED_COLUMN: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:a|answer|answers|reply|replies|response)$")
        .expect("static column pattern compiles")
});

/// A markdown table row's cells, trimmed.
fn cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(|c| c.trim().to_string()).collect()
}

/// The text with each markdown table read by its header (see the module's comment), or
/// `None` when it has no such table (a header, its rule and at least one row).
pub(super) fn pipe_rows(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    let rule = |i: usize| lines.get(i).is_some_and(|l| PIPE_RULE.is_match(l.trim()));
    if !(1..lines.len()).any(|i| rule(i) && lines[i - 1].contains('|')) {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < lines.len() {
        if !(rule(i + 1) && lines[i].contains('|')) {
            out.push_str(lines[i]);
            out.push('\n');
            i += 1;
            continue;
        }
        let header = cells(lines[i]);
        let said_by =
            header.len() >= 2 && header.len() <= 3 && HEADER_ROW.is_match(&header.join("\t"));
        let asked = header.len() == 2
            && ASKED_COLUMN.is_match(&header[0])
            && ANSWERED_COLUMN.is_match(&header[1]);
        i += 2;
        out.push('\n');
        while i < lines.len() && lines[i].contains('|') && !lines[i].trim().is_empty() {
            let row: Vec<String> = cells(lines[i])
                .into_iter()
                .filter(|c| !c.is_empty())
                .collect();
            i += 1;
            match row.as_slice() {
                [] => {}
                [q, a] if asked => out.push_str(&format!("\nQ: {q}\n\nA: {a}\n\n")),
                [.., who, said] if said_by => out.push_str(&format!("\n{who}: {said}\n\n")),
                [only] => out.push_str(&format!("- {only}\n")),
                [first, rest @ ..] => out.push_str(&format!("- {first}: {}\n", rest.join(", "))),
            }
        }
        out.push('\n');
    }
    Some(out)
}

pub(super) fn warm_up() {
    Lazy::force(&ROW);
    Lazy::force(&HEADER_ROW);
    Lazy::force(&PIPE_RULE);
    Lazy::force(&ASKED_COLUMN);
    Lazy::force(&ANSWERED_COLUMN);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_markdown_table_is_read_by_its_header() {
        let raw = "Intro.\n\n| Question | Answer |\n|---|---|\n| How long? | Nine years. |\n| Scale? | HO. |\n\nThanks!\n";
        assert_eq!(
            pipe_rows(raw).as_deref(),
            Some("Intro.\n\n\n\nQ: How long?\n\nA: Nine years.\n\n\nQ: Scale?\n\nA: HO.\n\n\n\nThanks!\n")
        );
        let facts = "| Film | Year |\n| --- | --- |\n| Tidewater | 2021 |\n";
        assert_eq!(pipe_rows(facts).as_deref(), Some("\n- Tidewater: 2021\n\n"));
        assert_eq!(pipe_rows("a | b\nno rule here\n"), None);
    }

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
