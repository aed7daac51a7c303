//! Comment threads copied out of a forum's page, where each comment's header is spread over
//! lines ("level 2" / "kestrel_films" / "OP" / "· 6 hr. ago") or wrapped in the page's
//! controls ("[–]kestrel_films [S] 48 points 6 hours ago", or a link aggregator's
//! "kestrel_films 4 hours ago | parent | next [–]"). Each becomes the one-line header
//! the reader knows ("u/kestrel_films · 48 points"), so the comments are turns like any
//! thread's.

use once_cell::sync::Lazy;
use regex::Regex;

/// A comment's depth, on a line of its own: the header starts here.
static LEVEL: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^level \d{1,2}$").expect("static level pattern compiles"));

/// An account name on a line of its own.
static ACCOUNT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:u/)?(?P<who>[\w-]{3,30})$").expect("static account pattern compiles")
});

/// When the comment was posted, or a marker beside the name ("OP", "Edited"): header lines
/// with no words of the comment.
static HEADER_DETAIL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:·\s*)?(?:op|mod|edited|(?:edited\s+)?(?:\d+\s*(?:hr|hrs|h|min|mins|m|d|days?|mo|yr|yrs|y|hours?|minutes?|months?|years?)\.?|just now)(?:\s+ago)?)(?:\s*·.*)?$")
        .expect("static header detail pattern compiles")
});

/// The opening post's "Posted by u/name", with its age on the next line.
static POSTED_BY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^posted by\s+u/[\w-]+$").expect("static posted-by pattern compiles")
});

/// The older page's opening post: "submitted 9 hours ago by name".
static SUBMITTED_BY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^submitted\s+.{1,40}?\s+by\s+(?:u/)?(?P<who>[\w-]{3,30})(?:\s.*)?$")
        .expect("static submitted-by pattern compiles")
});

/// The older page's tag after a thread's title: "(self.gamemusic)".
static SELF_TAG: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\s*\(self\.\w+\)$").expect("static self tag pattern compiles"));

/// The older page's header: "[–]name [S] 48 points 6 hours ago" ([S] the poster, [M] a
/// moderator).
static BRACKETED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\[[–—-]\]\s*(?P<who>[\w-]{3,30})\s*(?:\[(?P<flags>[SMA](?:\s*,\s*[SMA])*)\])?\s+(?P<points>-?\d+\s+points?|score hidden)\b.*$")
        .expect("static bracketed header pattern compiles")
});

/// A link aggregator's comment header: the account, the comment's age, and the page's
/// controls after a bar ("kestrel_films 4 hours ago | parent | next [–]").
static AGED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?P<who>[\w-]{2,30})\s+\d{1,3}\s+(?:minutes?|hours?|days?|months?|years?)\s+ago\s*(?:\|.*|\[[–—-]\])?$")
        .expect("static aged header pattern compiles")
});

/// A link aggregator's opening post: "312 points by kestrel_films 5 hours ago | hide | ...".
static POINTS_BY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^\d+\s+points?\s+by\s+(?P<who>[\w-]{2,30})\s+\d{1,3}\s+\w+\s+ago\b.*$")
        .expect("static points-by pattern compiles")
});

/// A link aggregator's controls and removed comments, on lines of their own: no one's words.
static CONTROLS: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:reply|\[(?:flagged|dead|deleted|removed)\])$")
        .expect("static controls pattern compiles")
});

/// How many aged headers make a text a link aggregator's thread (a news page may show one
/// reader's comment under the story).
const MIN_AGED: usize = 2;

/// The text with each spread or bracketed comment header on one line, or `None` when it has
/// none.
pub(super) fn join_headers(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    let spread = lines.iter().any(|l| LEVEL.is_match(l.trim()));
    let bracketed = lines.iter().any(|l| BRACKETED.is_match(l.trim()));
    let aged = lines.iter().filter(|l| AGED.is_match(l.trim())).count() >= MIN_AGED;
    if !spread && !bracketed && !aged {
        return None;
    }
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if let Some(c) = BRACKETED.captures(line) {
            let moderator = c.name("flags").is_some_and(|f| f.as_str().contains('M'));
            out.push(format!(
                "u/{} · {}{}",
                &c["who"],
                &c["points"],
                if moderator { " · moderator" } else { "" }
            ));
            i += 1;
            continue;
        }
        if aged {
            if let Some(c) = AGED.captures(line) {
                out.push(String::new());
                out.push(format!("u/{}", &c["who"]));
                i += 1;
                continue;
            }
            if let Some(c) = POINTS_BY.captures(line) {
                out.push(format!("Posted by u/{}", &c["who"]));
                i += 1;
                continue;
            }
            if CONTROLS.is_match(line) {
                i += 1;
                continue;
            }
        }
        let next = |from: usize| (from..lines.len()).find(|&j| !lines[j].trim().is_empty());
        if LEVEL.is_match(line) {
            if let Some(who) = next(i + 1).and_then(|j| {
                ACCOUNT
                    .captures(lines[j].trim())
                    .map(|c| (j, c["who"].to_string()))
            }) {
                let (mut j, who) = who;
                let mut details: Vec<String> = Vec::new();
                while let Some(k) = next(j + 1) {
                    let detail = lines[k].trim();
                    if !HEADER_DETAIL.is_match(detail) {
                        break;
                    }
                    details.push(detail.trim_start_matches('·').trim().to_lowercase());
                    j = k;
                }
                let moderator = details.iter().any(|d| d == "mod");
                out.push(String::new());
                out.push(format!(
                    "u/{who}{}",
                    if moderator { " · moderator" } else { "" }
                ));
                i = j + 1;
                continue;
            }
        }
        if bracketed {
            if let Some(c) = SUBMITTED_BY.captures(line) {
                out.push(format!("Posted by u/{}", &c["who"]));
                i += 1;
                continue;
            }
            if SELF_TAG.is_match(line) {
                out.push(SELF_TAG.replace(line, "").into_owned());
                i += 1;
                continue;
            }
        }
        if POSTED_BY.is_match(line) {
            out.push(line.to_string());
            // Its age is not the title under it.
            if let Some(j) = next(i + 1).filter(|&j| HEADER_DETAIL.is_match(lines[j].trim())) {
                i = j + 1;
                continue;
            }
        } else {
            out.push(lines[i].to_string());
        }
        i += 1;
    }
    Some(out.join("\n"))
}

pub(super) fn warm_up() {
    for r in [
        &LEVEL,
        &ACCOUNT,
        &HEADER_DETAIL,
        &POSTED_BY,
        &SUBMITTED_BY,
        &SELF_TAG,
        &BRACKETED,
        &AGED,
        &POINTS_BY,
        &CONTROLS,
    ] {
        Lazy::force(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_spread_over_lines_is_one_line() {
        let raw = "level 1\nmoth_and_rust\n· 6 hr. ago\nHow long did it take?\n\nlevel 2\nkestrel_films\nOP\n· 6 hr. ago\nFour years.";
        assert_eq!(
            join_headers(raw).as_deref(),
            Some("\nu/moth_and_rust\nHow long did it take?\n\n\nu/kestrel_films\nFour years.")
        );
    }

    #[test]
    fn a_bracketed_header_is_one_line() {
        let raw = "[–]moth_and_rust 52 points 6 hours ago\nHow long did it take?";
        assert_eq!(
            join_headers(raw).as_deref(),
            Some("u/moth_and_rust · 52 points\nHow long did it take?")
        );
        assert_eq!(join_headers("level headed people agree."), None);
    }

    #[test]
    fn a_link_aggregators_headers_are_accounts_and_its_controls_go() {
        let raw = "Ask: I run a ferry. AMA\n312 points by skipper 5 hours ago | hide | 148 comments\n\nmoth 4 hours ago | next [–]\n\nHow old is the boat?\n\nreply\n\nskipper 4 hours ago | parent | next [–]\n\nForty years.\n\nreply";
        assert_eq!(
            join_headers(raw).as_deref(),
            Some("Ask: I run a ferry. AMA\nPosted by u/skipper\n\n\nu/moth\n\nHow old is the boat?\n\n\n\nu/skipper\n\nForty years.\n")
        );
        // One reader's comment under a story is no thread.
        assert_eq!(
            join_headers("Story.\n\nmoth 4 hours ago | reply\n\nGreat piece."),
            None
        );
    }
}
