//! A thread of posts by one person, unrolled into one page ("Thread by @lenacho_films", the
//! author's name over their handle, posts numbered "1/", "2/5"): every post is the author's
//! own words. The page's furniture ("Missing some Tweet in this thread?", "• • •") is not.

use once_cell::sync::Lazy;
use regex::Regex;

/// "Thread by @handle", the unrolled page's heading.
static THREAD_BY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^thread\s+by\s+@(?P<handle>[\w.]{2,30})\b").expect("static pattern compiles")
});

/// The author: a name, then the handle, on one line or two ("Lena Cho" / "@lenacho_films").
static AUTHOR: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?P<name>\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+){0,3})\s*\n?\s*@(?P<handle>[\w.]{2,30})$")
        .expect("static pattern compiles")
});

/// A post's number in the thread, at its start or end ("1/", "2/5", "(3/7)").
static NUMBERING: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\(?\d{1,2}\s?/(?:\s?\d{1,2})?\)?\s+|\s+\(?\d{1,2}\s?/(?:\s?\d{1,2})?\)?$")
        .expect("static pattern compiles")
});

/// The unrolling page's own lines.
static FURNITURE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:missing some tweets? in this thread|enjoyed this thread|(?:this|the) thread (?:has been|was) (?:saved|unrolled)|help us keep this free|(?:[•·*]\s*){2,}$)")
        .expect("static pattern compiles")
});

/// An unrolled thread: its text without the page's furniture and the posts' numbers, and
/// who wrote it.
pub(super) struct Unrolled {
    pub(super) text: String,
    pub(super) author: String,
}

/// The thread `raw` unrolls, or `None` when it is not one: a "Thread by @handle" heading, or
/// an author's name over their handle near the top with at least two posts numbered.
pub(super) fn unroll(raw: &str) -> Option<Unrolled> {
    let head: Vec<&str> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(6)
        .collect();
    let by = head
        .iter()
        .find_map(|l| THREAD_BY.captures(l).map(|c| c["handle"].to_string()));
    // The name over the handle, on one line or on two lines in a row.
    let author = head.iter().enumerate().find_map(|(i, l)| {
        let pair = head.get(i + 1).map(|next| format!("{l}\n{next}"));
        AUTHOR
            .captures(l)
            .or_else(|| pair.as_deref().and_then(|p| AUTHOR.captures(p)))
            .map(|c| (c["name"].to_string(), c["handle"].to_string()))
    });
    let numbered = raw
        .lines()
        .filter(|l| NUMBERING.is_match(l.trim()) && l.trim().len() > 12)
        .count();
    let headed = by.is_some();
    let (name, handle) = match (author, by) {
        (Some((name, handle)), by) if by.as_ref().is_none_or(|b| *b == handle) => (name, handle),
        (None, Some(handle)) => (handle.clone(), handle),
        _ => return None,
    };
    if numbered < 2 && !headed {
        return None;
    }
    let mut text = String::with_capacity(raw.len());
    let mut lines = raw.lines().peekable();
    while let Some(line) = lines.next() {
        let l = line.trim();
        if FURNITURE.is_match(l) {
            continue;
        }
        // The author block is the byline now.
        if l == name
            && lines
                .peek()
                .is_some_and(|n| n.trim() == format!("@{handle}"))
        {
            lines.next();
            continue;
        }
        if l == format!("{name} @{handle}") || l == format!("@{handle}") {
            continue;
        }
        text.push_str(&NUMBERING.replace_all(l, ""));
        text.push('\n');
    }
    Some(Unrolled { text, author: name })
}

pub(super) fn warm_up() {
    for r in [&THREAD_BY, &AUTHOR, &NUMBERING, &FURNITURE] {
        Lazy::force(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_numbered_thread_is_its_authors() {
        let raw = "Lena Cho\n@lenacho_films\n\n1/ We built the set in a pool.\n\n2/ The periscope is a drainpipe and a mirror.\n\nMissing some Tweet in this thread? You can try to force a refresh\n";
        let t = unroll(raw).expect("a thread");
        assert_eq!(t.author, "Lena Cho");
        assert_eq!(
            t.text,
            "\nWe built the set in a pool.\n\nThe periscope is a drainpipe and a mirror.\n\n"
        );
    }

    #[test]
    fn a_page_without_an_author_over_numbered_posts_is_no_thread() {
        assert!(unroll("Lena Cho\n@lenacho_films\n\nWe built the set in a pool.\n").is_none());
        assert!(
            unroll("On 9/11 we were in New York.\n\n10/10 would film there again.\n").is_none()
        );
    }
}
