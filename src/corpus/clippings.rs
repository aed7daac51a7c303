//! An e-reader's export of highlights (a Kindle's "My Clippings"): entries split by lines of
//! "==========", each under the book's title line and a line saying what it is and where
//! ("- Your Highlight on page 12 | Location 176-177 | Added on Tuesday, 3 March 2026
//! 10:31:47"). The highlights are the book's words; the reader's notes and bookmarks are not,
//! and go. Read as the book's title over its highlights, one paragraph each, in order.

use std::collections::HashMap;

use once_cell::sync::Lazy;
use regex::Regex;

/// An entry's kind and place: "- Your Highlight on page 3 | Location 41-44 | Added on ...",
/// "- Your Note at location 184 | Added on ...".
static ENTRY_LINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^-\s*your\s+(?P<kind>highlight|note|bookmark|clip(?:ping)?)\b[^|]*(?:\|[^|]*)*\|\s*added\s+on\b")
        .expect("static clipping entry pattern compiles")
});

/// The line between entries.
static SEPARATOR: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^={8,}\s*$").expect("static separator pattern compiles"));

/// The author an export puts after the title: "(Achterberg, Daniel)".
static AUTHOR: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\s*\([^()]{2,60}\)\s*$").expect("static clipping author pattern compiles")
});

/// The entries that must be found for a file to be read as an export.
const MIN_ENTRIES: usize = 2;

/// The export's highlights under the book's title, or `None` when `raw` is not such an export.
pub(super) fn highlights(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.split('\n').collect();
    let entries = lines
        .split(|l| SEPARATOR.is_match(l.trim()))
        .filter(|e| e.iter().any(|l| !l.trim().is_empty()));
    let mut read: Vec<(&str, bool, String)> = Vec::new();
    for entry in entries {
        let mut lines = entry.iter().map(|l| l.trim()).skip_while(|l| l.is_empty());
        let title = lines.next()?;
        let kind = ENTRY_LINE.captures(lines.next()?)?;
        let highlight = kind["kind"].eq_ignore_ascii_case("highlight")
            || kind["kind"].to_lowercase().starts_with("clip");
        let text: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
        read.push((title, highlight, text.join(" ")));
    }
    if read.len() < MIN_ENTRIES {
        return None;
    }
    // Several books can share one export: the title most entries are under.
    let mut titles: HashMap<&str, usize> = HashMap::new();
    for (title, _, _) in &read {
        *titles.entry(title).or_default() += 1;
    }
    let title = titles
        .into_iter()
        .max_by_key(|&(t, n)| (n, std::cmp::Reverse(t)))
        .map(|(t, _)| t)?;
    let mut out = AUTHOR.replace(title, "").trim().to_string();
    for (_, highlight, text) in &read {
        if *highlight && !text.is_empty() {
            out.push_str("\n\n");
            out.push_str(text);
        }
    }
    out.push('\n');
    Some(out)
}

/// Compiles this module's patterns now (see `clean::warm_up`).
pub(super) fn warm_up() {
    Lazy::force(&ENTRY_LINE);
    Lazy::force(&SEPARATOR);
    Lazy::force(&AUTHOR);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_e_readers_highlights_read_under_the_books_title_without_the_readers_notes() {
        let raw = "Talks with Ada Vane (Roe, Jo)\n- Your Highlight on page 3 | Location 41-44 | Added on Tuesday, 3 March 2026 10:14:02\n\nROE: Why boats?\n==========\nTalks with Ada Vane (Roe, Jo)\n- Your Note on page 3 | Location 44 | Added on Tuesday, 3 March 2026 10:15:00\n\nso THAT's why\n==========\nTalks with Ada Vane (Roe, Jo)\n- Your Highlight on page 3 | Location 45-47 | Added on Tuesday, 3 March 2026 10:16:00\n\nMy father built them.\n==========\n";
        assert_eq!(
            highlights(raw).as_deref(),
            Some("Talks with Ada Vane\n\nROE: Why boats?\n\nMy father built them.\n")
        );
        // A page with a bar of equals signs is no export.
        assert_eq!(
            highlights("Title\n==========\nText.\n==========\nMore.\n"),
            None
        );
    }
}
