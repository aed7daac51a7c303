//! Text copied out of a PDF or a print edition: page numbers, a running header or footer
//! repeated on every page (the magazine's name and issue), and words hyphenated across line
//! ends. None of it is the article's text, and a running header above the headline would
//! otherwise be taken for the title. And a page saved from a web archive, under the
//! archive's own banner.

use std::collections::HashMap;

use once_cell::sync::Lazy;
use regex::Regex;

/// A line that is only a page number ("12", "Page 3", "3 of 7", "- 4 -").
static PAGE_NUMBER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^[\s\-–—|]*(?:page\s+|p\.\s*)?(\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?[\s\-–—|]*$")
        .expect("static page number pattern compiles")
});

/// A running header with the page's number on its outer side, as a book prints it: "142
/// CONVERSATIONS AT THE EDGE" on the left page, "THE SALT YEARS   143" on the right, the two
/// set apart by a run of spaces or a bar.
static NUMBERED_HEADER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\s*(?:(?P<left>\d{1,4})(?:\s{2,}|\s+\|\s+)\p{Lu}[^.?!]{2,90}|\p{Lu}[^.?!]{2,90}?(?:\s{2,}|\s+\|\s+)(?P<right>\d{1,4}))\s*$")
        .expect("static numbered header pattern compiles")
});

/// The longest line taken for a running header or footer.
const HEADER_MAX_CHARS: usize = 100;

/// How many lines (with text) from a page number a running header may be.
const NEAR_PAGE_NUMBER: usize = 2;

/// `raw` without its page furniture, or `None` when it has none: page numbers (alone on their
/// line or on a running header's outer side), when at least two of them count up; and the
/// lines repeated word for word next to them (the running header or footer), every copy.
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
            let figure = match PAGE_NUMBER.captures(lines[i]) {
                Some(c) => c.get(1)?,
                None => {
                    let c = NUMBERED_HEADER.captures(lines[i])?;
                    c.name("left").or_else(|| c.name("right"))?
                }
            };
            Some((i, figure.as_str().parse().ok()?))
        })
        .collect();
    // A page's number may show twice (alone and in its header): never down, and up overall.
    let counts_up = numbers.len() >= 2
        && numbers.windows(2).all(|w| w[1].1 >= w[0].1)
        && numbers.first().map(|f| f.1) < numbers.last().map(|l| l.1);
    if !counts_up {
        return None;
    }
    // A running header carries the page's number on the page's outer side ("42 | THE GROWER"
    // on the left, "THE GROWER | 43" on the right): its copies are alike without their figures.
    let key = |l: &str| {
        l.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut copies: HashMap<String, Vec<usize>> = HashMap::new();
    for &i in &texts {
        let line = squash(lines[i]);
        let header = key(&line);
        if line.chars().count() <= HEADER_MAX_CHARS
            && !line.ends_with(['.', '?', '!', '"', '”'])
            && !header.is_empty()
        {
            copies.entry(header).or_default().push(i);
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
    // A print advertisement between the article's columns: a short block marked as one.
    let mut start = 0;
    while start < lines.len() {
        let end = (start..lines.len())
            .find(|&i| lines[i].trim().is_empty())
            .unwrap_or(lines.len());
        let block = start..end;
        if block.len() <= AD_MAX_LINES && block.clone().any(|i| AD_MARK.is_match(lines[i].trim())) {
            for i in block {
                dropped[i] = true;
            }
        }
        start = end + 1;
    }
    // A page break inside a paragraph leaves its halves apart: a dropped line between two lines
    // of text is no paragraph break, nor are the blank lines around the page's furniture when
    // the line before stops mid-sentence and the line after goes on in lower case ("What does a
    // typical day look like in high" / "season?").
    let mut kept: Vec<&str> = Vec::new();
    let mut gap: Vec<&str> = Vec::new();
    let mut furniture = false;
    for (line, &d) in lines.iter().zip(&dropped) {
        if d {
            furniture = true;
        } else if line.trim().is_empty() {
            gap.push(line);
        } else {
            let rejoin = furniture
                && kept.last().is_some_and(|l| stops_mid_sentence(l))
                && line.trim_start().starts_with(char::is_lowercase);
            if rejoin {
                gap.clear();
            } else {
                kept.append(&mut gap);
            }
            furniture = false;
            kept.push(line);
        }
    }
    kept.append(&mut gap);
    Some(kept.join("\n"))
}

/// Whether a line stops where no sentence or heading would: after a word, a comma or a
/// hyphen that splits a word.
fn stops_mid_sentence(line: &str) -> bool {
    line.trim_end()
        .chars()
        .last()
        .is_some_and(|c| c.is_lowercase() || matches!(c, ',' | '-' | ';'))
}

/// The line that marks a print advertisement.
static AD_MARK: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:advertisement|advertising|advertorial|advert|sponsored|promotion)$")
        .expect("static advertisement pattern compiles")
});

/// The longest block taken for an advertisement.
const AD_MAX_LINES: usize = 6;

/// A court reporter's line number at the start of a line (" 9", "12"), then the line's text
/// (if any) in its column.
static NUMBERED_LINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\s{0,4}(\d{1,2})(?:(\s+)(\S.*))?\s*$")
        .expect("static numbered line pattern compiles")
});

/// A line that opens a turn or a heading of its own: "Q.", "A.", "INTERVIEWER: Name", "BY MR.
/// OKWU:", "(Laughter.)".
static OPENS_LINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:[QA]\.\s|\(|\p{Lu}[\p{L}.'’ ]{0,40}:(?:\s|$))")
        .expect("static opening line pattern compiles")
});

/// Whose questions follow, in a court reporter's words ("BY MR. OKWU:", "CROSS-EXAMINATION BY
/// MS. HALE:"): the "Q." turns say as much, and the line would read as a speaker's label.
static EXAMINER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:(?:DIRECT|CROSS|REDIRECT|RECROSS)[- ]?)?(?:EXAMINATION\s+)?BY\s+(?:MR|MRS|MS|MX|DR)\.?\s+[\p{Lu}'’\-]+:?$")
        .expect("static examiner pattern compiles")
});

/// The fewest numbered lines, counting up page by page, that make a court reporter's
/// transcript: a page's worth is 25.
const MIN_NUMBERED_LINES: usize = 12;

/// A transcript set as a court reporter sets one (an oral history, a deposition, a hearing):
/// every line of a page numbered from 1, a question or answer indented past the margin its
/// wrapped lines return to. Its paragraphs without the numbers, or `None` when the text is not
/// numbered so. A numbered line left empty, or one indented, starts a paragraph; one at the
/// margin goes on the one before unless it opens a turn ("A.", "NAME:"). The page numbers and
/// any line repeated between pages (the reporter's footer) go.
pub(super) fn line_numbers(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    // Each line's number, its text's column and its text.
    let numbered: Vec<Option<(u32, usize, &str)>> = lines
        .iter()
        .map(|l| {
            let c = NUMBERED_LINE.captures(l)?;
            let n: u32 = c.get(1)?.as_str().parse().ok()?;
            match c.get(3) {
                Some(text) => Some((n, text.start(), text.as_str().trim_end())),
                None => Some((n, 0, "")),
            }
        })
        .collect();
    // Numbers that go on from the one before, or start a page.
    let mut counted = 0usize;
    let mut last: Option<u32> = None;
    for &(n, _, _) in numbered.iter().flatten() {
        if last.is_some_and(|l| n == l + 1) || n == 1 {
            counted += 1;
        }
        last = Some(n);
    }
    let with_text = lines.iter().filter(|l| !l.trim().is_empty()).count();
    if counted < MIN_NUMBERED_LINES || counted * 2 < with_text {
        return None;
    }
    // The margin: the column most lines' text starts at.
    let mut columns: HashMap<usize, usize> = HashMap::new();
    for &(_, column, text) in numbered.iter().flatten() {
        if !text.is_empty() {
            *columns.entry(column).or_default() += 1;
        }
    }
    let margin = columns
        .into_iter()
        .max_by_key(|&(column, count)| (count, std::cmp::Reverse(column)))
        .map(|(column, _)| column)?;
    let mut copies: HashMap<&str, usize> = HashMap::new();
    for (line, found) in lines.iter().zip(&numbered) {
        if found.is_none() && !line.trim().is_empty() {
            *copies.entry(line.trim()).or_default() += 1;
        }
    }
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        if !current.is_empty() {
            paragraphs.push(std::mem::take(current));
        }
    };
    for (line, found) in lines.iter().zip(&numbered) {
        match *found {
            Some((_, _, "")) => flush(&mut current, &mut paragraphs),
            Some((_, column, text)) => {
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if EXAMINER.is_match(&text) {
                    flush(&mut current, &mut paragraphs);
                    continue;
                }
                if column > margin || OPENS_LINE.is_match(&text) {
                    flush(&mut current, &mut paragraphs);
                }
                if current.is_empty() {
                    current = text;
                } else {
                    join_lines(&mut current, &text);
                }
            }
            None => {
                let t = line.trim();
                // A page's number or footer falls inside a paragraph that goes on over the page.
                if t.is_empty() || PAGE_NUMBER.is_match(t) || copies.get(t) > Some(&1) {
                    continue;
                }
                flush(&mut current, &mut paragraphs);
                paragraphs.push(t.to_string());
            }
        }
    }
    flush(&mut current, &mut paragraphs);
    Some(paragraphs.join("\n\n"))
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

/// The first line of a page saved from the Internet Archive: its banner and the address of
/// the page it holds ("The Wayback Machine - https://web.archive.org/web/2004.../...").
static ARCHIVE_BANNER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^the wayback machine\s*[-–—:|]\s*https?://web\.archive\.org/\S*$")
        .expect("static archive banner pattern compiles")
});

/// A line of the archive's toolbar under its banner: the count of captures and their span,
/// the calendar's months, days and years, "About this capture" and the box it opens (who
/// collected the page, "Collection: ...", "TIMESTAMPS", the archive's note on its crawls).
static ARCHIVE_TOOLBAR: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:[\d,]+ captures?|\d{1,2} [a-z]{3} \d{4}\s*[-–—]\s*\d{1,2} [a-z]{3} \d{4}|(?:[a-z]{3}\s*){1,3}|\d{1,2}|(?:\d{4}\s*){1,3}|about this capture|collected by|timestamps|(?:organization|collection)\s*:.*|.*\b(?:internet archive|web crawl|crawl data|crawls?)\b.*|loading\W*)$")
        .expect("static archive toolbar pattern compiles")
});

/// The most lines an archive's toolbar takes under its banner.
const ARCHIVE_TOOLBAR_MAX_LINES: usize = 30;

/// `raw` without a web archive's banner and toolbar over the page it saved, or `None` when it
/// has none: the banner line, then every line under it up to the last toolbar line within
/// reach (see `ARCHIVE_TOOLBAR`). Left in, the banner would be the title and its captures'
/// dates the article's.
pub(super) fn archive_banner(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    let first = lines.iter().position(|l| !l.trim().is_empty())?;
    if !ARCHIVE_BANNER.is_match(lines[first].trim()) {
        return None;
    }
    let reach = (first + 1 + ARCHIVE_TOOLBAR_MAX_LINES).min(lines.len());
    let last = (first + 1..reach)
        .rev()
        .find(|&i| {
            let t = lines[i].trim();
            !t.is_empty() && ARCHIVE_TOOLBAR.is_match(t)
        })
        .unwrap_or(first);
    Some(lines[last + 1..].join("\n"))
}

pub(super) fn warm_up() {
    Lazy::force(&PAGE_NUMBER);
    Lazy::force(&NUMBERED_LINE);
    Lazy::force(&OPENS_LINE);
    Lazy::force(&EXAMINER);
    Lazy::force(&ARCHIVE_BANNER);
    Lazy::force(&ARCHIVE_TOOLBAR);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_archives_banner_and_toolbar_go() {
        let raw = "The Wayback Machine - https://web.archive.org/web/2004/http://example.org/\n37 captures\n11 Jun 2004 - 23 Sep 2011\nJUN\tJUL\tAUG\n11\n2003\t2004\t2005\nAbout this capture\nCOLLECTED BY\nOrganization: Alexa Crawls\nStarting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive.\n\nSTATIC TAPES\n\n11 questions for a band\n";
        assert_eq!(
            archive_banner(raw).as_deref(),
            Some("\nSTATIC TAPES\n\n11 questions for a band")
        );
        // Without the banner on top, the same lines are the page's own.
        assert_eq!(archive_banner("37 captures\nAbout this capture\n"), None);
    }

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
    fn a_court_reporters_numbered_lines_become_paragraphs() {
        let mut raw = String::from("Oral history\n\n                 Page 1\n");
        for line in [
            " 1   NARRATOR: Ann Lee",
            " 2   BY MR. OKWU:",
            " 3        Q.   How did you come to keep the",
            " 4   light?",
            " 5        A.   My father kept it before me,",
            " 6   and his father before him.",
            " 7        Q.   What was a normal night like?",
            " 8        A.   Wind the clock at dusk, then",
            " 9   every four hours wind it again.",
            "10        Q.   Did you ever see a wreck?",
            "11        A.   Once, in the January",
        ] {
            raw.push_str(line);
            raw.push('\n');
        }
        raw.push_str("                 Page 2\n 1   storm of 1977.\n 2        Q.   Do you miss it?\n 3        A.   Every day.\n");
        let out = line_numbers(&raw).expect("numbered transcript");
        let paragraphs: Vec<&str> = out.split("\n\n").collect();
        assert_eq!(
            paragraphs,
            [
                "Oral history",
                "NARRATOR: Ann Lee",
                "Q. How did you come to keep the light?",
                "A. My father kept it before me, and his father before him.",
                "Q. What was a normal night like?",
                "A. Wind the clock at dusk, then every four hours wind it again.",
                "Q. Did you ever see a wreck?",
                "A. Once, in the January storm of 1977.",
                "Q. Do you miss it?",
                "A. Every day.",
            ]
        );
    }

    #[test]
    fn a_numbered_list_or_a_few_numbered_lines_are_no_transcript() {
        assert_eq!(
            line_numbers("Top five\n\n1 Rain\n2 Fog\n3 Snow\n4 Hail\n5 Sleet\n"),
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

    #[test]
    fn a_page_break_inside_a_paragraph_and_an_advert_between_pages_go() {
        let raw = "TG: What does a typical day look like in high\n\n\
                   SEAL-TITE CLOCHES\n20% off with code GROW24\nADVERTISEMENT\n\n\
                   44 | THE GROWER | SPRING 2024\n\nseason?\n\nUp at half four.\n\n\
                   45\n\nTHE GROWER | SPRING 2024 | 45\n\nThe end.\n\n46\n";
        let kept = strip_furniture(raw).unwrap_or_default();
        assert!(kept.contains("look like in high\nseason?"), "{kept}");
        for gone in ["SEAL-TITE", "GROW24", "ADVERTISEMENT", "THE GROWER"] {
            assert!(!kept.contains(gone), "{gone} in {kept}");
        }
        // A paragraph that ended before the break stays apart from the next.
        assert!(kept.contains("Up at half four.\n\n"), "{kept}");
    }
}
