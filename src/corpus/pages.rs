//! Text copied out of a PDF or a print edition: page numbers, a running header or footer
//! repeated on every page (the magazine's name and issue), and words hyphenated across line
//! ends. None of it is the article's text, and a running header above the headline would
//! otherwise be taken for the title.

use std::collections::HashMap;

use once_cell::sync::Lazy;
use regex::Regex;

/// A line that is only a page number ("12", "Page 3", "3 of 7", "- 4 -").
static PAGE_NUMBER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^[\s\-–—|]*(?:page\s+|p\.\s*)?(\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?[\s\-–—|]*$")
        .expect("static page number pattern compiles")
});

/// The longest line taken for a running header or footer.
const HEADER_MAX_CHARS: usize = 100;

/// How many lines (with text) from a page number a running header may be.
const NEAR_PAGE_NUMBER: usize = 2;

/// `raw` without its page furniture, or `None` when it has none: page numbers, when at least
/// two of them count up; and the lines repeated word for word next to them (the running
/// header or footer), every copy.
pub(super) fn strip_furniture(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    let squash = |l: &str| l.split_whitespace().collect::<Vec<_>>().join(" ");
    // Lines with text, by index into `lines`.
    let texts: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    let numbers: Vec<(usize, u32)> = texts
        .iter()
        .filter_map(|&i| {
            let n = PAGE_NUMBER
                .captures(lines[i])?
                .get(1)?
                .as_str()
                .parse()
                .ok()?;
            Some((i, n))
        })
        .collect();
    let counts_up = numbers.len() >= 2 && numbers.windows(2).all(|w| w[1].1 > w[0].1);
    if !counts_up {
        return None;
    }
    let mut copies: HashMap<String, Vec<usize>> = HashMap::new();
    for &i in &texts {
        let line = squash(lines[i]);
        if line.chars().count() <= HEADER_MAX_CHARS && !line.ends_with(['.', '?', '!', '"', '”'])
        {
            copies.entry(line).or_default().push(i);
        }
    }
    // Where each line with text sits among the lines with text.
    let rank: HashMap<usize, usize> = texts.iter().enumerate().map(|(r, &i)| (i, r)).collect();
    let near_number = |i: usize| {
        numbers
            .iter()
            .any(|&(n, _)| rank[&n].abs_diff(rank[&i]) <= NEAR_PAGE_NUMBER)
    };
    let mut dropped: Vec<bool> = vec![false; lines.len()];
    for &(i, _) in &numbers {
        dropped[i] = true;
    }
    for at in copies.values().filter(|at| at.len() >= 2) {
        if at.iter().any(|&i| near_number(i)) {
            for &i in at {
                dropped[i] = true;
            }
        }
    }
    // A page break inside a paragraph leaves its halves apart: a dropped line between two lines
    // of text is no paragraph break.
    let kept: Vec<&str> = lines
        .iter()
        .zip(&dropped)
        .filter(|(_, &d)| !d)
        .map(|(l, _)| *l)
        .collect();
    Some(kept.join("\n"))
}

/// `a` and `b`, two lines of one paragraph, as one: a word hyphenated across the line end
/// ("docu-" / "mentary") is joined whole.
pub(super) fn join_lines(a: &mut String, b: &str) {
    let split_word = a
        .strip_suffix('-')
        .is_some_and(|head| head.chars().last().is_some_and(char::is_alphabetic));
    match b.chars().next() {
        // "docu-" / "mentary": one word.
        Some(c) if split_word && c.is_lowercase() => {
            a.pop();
        }
        // "Anglo-" / "Saxon": a hyphenated name.
        Some(c) if split_word && c.is_uppercase() => {}
        _ => a.push(' '),
    }
    a.push_str(b);
}

pub(super) fn warm_up() {
    Lazy::force(&PAGE_NUMBER);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_and_the_running_header_go() {
        let raw = "MAG    Spring\n\nHeadline\n\nText one.\n\n   12\nMAG    Spring\n\nText two.\n\n   13\n";
        let out = strip_furniture(raw).expect("furniture");
        assert!(!out.contains("MAG") && !out.contains("12") && !out.contains("13"));
        assert!(out.contains("Headline") && out.contains("Text one.") && out.contains("Text two."));
    }

    #[test]
    fn a_lone_number_or_a_repeated_label_is_no_furniture() {
        // One number (an answer of its own) counts nothing up.
        assert_eq!(strip_furniture("Favourite number?\n\n7\n\nWhy?\n"), None);
        // Labels on lines of their own repeat, but no page numbers count up beside them.
        assert_eq!(
            strip_furniture("HOST\nHi.\n\nGUEST\nHello.\n\nHOST\nBye.\n"),
            None
        );
    }

    #[test]
    fn a_word_hyphenated_at_the_line_end_is_joined() {
        let mut a = "her docu-".to_string();
        join_lines(&mut a, "mentary Tidewalkers");
        assert_eq!(a, "her documentary Tidewalkers");
        let mut b = "a well-".to_string();
        join_lines(&mut b, "Known name");
        assert_eq!(b, "a well-Known name");
        let mut c = "ends here".to_string();
        join_lines(&mut c, "and goes on");
        assert_eq!(c, "ends here and goes on");
    }
}
