//! A document's notes exported under its text: a word processor's margin comments and
//! footnotes, each on a line that opens with the marker the text carries ("...since 2017.[b]"
//! and, at the end, "[b]Mara Quint: she said 2016 on the call — check?"). They are the
//! editors' words about the article, not the article, and a comment's "Name:" would otherwise
//! read as a speaker's turn.

use std::collections::HashSet;

use once_cell::sync::Lazy;
use regex::Regex;

/// A note's marker glued to the word or full stop it annotates: "[a]", "[12]".
static MARKER_IN_TEXT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"[^\s\[]\[(?P<m>[a-z]{1,2}|\d{1,3})\]").expect("static marker pattern compiles")
});

/// A line that opens with a note's marker: "[a]Mara Quint: ...", "[3] Interview by phone.".
static NOTE_LINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\[(?P<m>[a-z]{1,2}|\d{1,3})\]\s*\S").expect("static note line pattern compiles")
});

/// `raw` without the notes whose markers its text carries (a note's lines up to a blank line
/// or the next note), or `None` when it has none.
pub(super) fn strip_notes(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    let note_of = |line: &str| {
        NOTE_LINE
            .captures(line.trim_start())
            .map(|c| c["m"].to_string())
    };
    // Markers in the text itself, not on the notes' own lines.
    let marked: HashSet<String> = lines
        .iter()
        .filter(|l| note_of(l).is_none())
        .flat_map(|l| MARKER_IN_TEXT.captures_iter(l).map(|c| c["m"].to_string()))
        .collect();
    let is_note = |line: &str| note_of(line).is_some_and(|m| marked.contains(&m));
    if !lines.iter().any(|l| is_note(l)) {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    let mut in_note = false;
    for line in lines {
        if is_note(line) {
            in_note = true;
            continue;
        }
        if line.trim().is_empty() {
            in_note = false;
        } else if in_note {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    Some(out)
}

pub(super) fn warm_up() {
    Lazy::force(&MARKER_IN_TEXT);
    Lazy::force(&NOTE_LINE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_documents_comments_under_its_markers_are_dropped() {
        let raw = "I left the orchestra in 2017.[b]\n\nOne drum.[c]\n\n[b]Mara Quint: she said 2016 — check?\n[c]Dev Patel: pull quote\nstill Dev\n\nThe end.\n";
        assert_eq!(
            strip_notes(raw).as_deref(),
            Some("I left the orchestra in 2017.[b]\n\nOne drum.[c]\n\n\nThe end.\n")
        );
        // A bracketed label no text refers to is a speaker's, not a note.
        assert_eq!(strip_notes("[Q] Who drove?\n[A] I did.\n"), None);
    }
}
