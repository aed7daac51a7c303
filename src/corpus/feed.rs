//! A social network post copied with the comments under it: each comment the commenter's
//! name on a line, a badge under it for some ("Author", "Top fan"), the words, then the
//! controls ("Like · Reply · 2d"). A reply often opens with the name of whoever it answers,
//! as the site tags them. Read as one "NAME: words" turn per comment, the page's own buttons
//! and counts dropped.

use once_cell::sync::Lazy;
use regex::Regex;

/// The controls under a comment: "Like · Reply · 2d", "Like · Reply · Share · 3h · Edited",
/// "2d  Like  Reply".
static CONTROLS: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:(?:like|love|reply|share|edited|\d{1,3}\s?[smhdwy]|\d{1,3}\s+\w+\s+ago|just now)(?:\s*·\s*|\s+|$))+$")
        .expect("static controls pattern compiles")
});

/// A badge the site prints under a commenter's name.
static BADGE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:author|admin|moderator|top fan|rising fan|valued commenter|follow)$")
        .expect("static badge pattern compiles")
});

/// The page's own buttons and counts around the post ("Like", "Comment", "Share", "37
/// comments · 12 shares", "Most relevant", "View more comments", "Write a comment…"), its
/// reactions ("👍❤️ 214") and age ("2d · 🌍").
static PAGE_FURNITURE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:like|comment|share|most relevant|newest|all comments|top comments|view (?:more|previous|all) (?:comments|replies)|write a (?:comment|public comment)\W*|\d[\d,.]*[km]?\s+(?:comments?|shares?|views?)(?:\s*·\s*\d[\d,.]*[km]?\s+(?:comments?|shares?|views?))*|[^\p{L}\p{N}\s]+\s*\d[\d,.]*[km]?|\d{1,3}\s?[smhdwy](?:\s*·\s*[^\p{L}\p{N}\s]+)?)$")
        .expect("static page furniture pattern compiles")
});

/// How many comments make a thread.
const MIN_COMMENTS: usize = 2;

/// A comment's age among its controls: "2d", "3 h", "5 minutes ago", "just now".
static AGE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?:^|[\s·])(?:\d{1,3}\s?[smhdwy]|\d{1,3}\s+\w+\s+ago|just now)(?:$|[\s·])")
        .expect("static age pattern compiles")
});

/// Whether a line is a control line that closes a comment: "Reply" and an age at least (a
/// blog's lone "Reply" button under a comment is no such line).
fn closes_comment(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.contains("reply") && AGE.is_match(line) && CONTROLS.is_match(line)
}

/// The page's lines outside the comments (the post), without its buttons and counts.
fn page_lines(lines: &[&str], out: &mut String) {
    for line in lines.iter().filter(|l| !PAGE_FURNITURE.is_match(l)) {
        out.push_str(line);
        out.push('\n');
    }
}

/// The post and its comments as "NAME: words" turns, or `None` when fewer than two comments
/// close with the site's controls.
pub(super) fn comments(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().map(str::trim).collect();
    let closes: Vec<usize> = (0..lines.len())
        .filter(|&i| closes_comment(lines[i]))
        .collect();
    if closes.len() < MIN_COMMENTS {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    let mut names: Vec<String> = Vec::new();
    let mut from = 0;
    for &close in &closes {
        // The comment: the lines with text right above its controls, after the last blank
        // line or the comment before.
        let start = (from..close)
            .rev()
            .find(|&i| lines[i].is_empty() || PAGE_FURNITURE.is_match(lines[i]))
            .map_or(from, |i| i + 1);
        page_lines(&lines[from..start], &mut out);
        let mut body = lines[start..close].iter().copied();
        let Some(name) = body.next() else {
            from = close + 1;
            continue;
        };
        let words: Vec<&str> = body.filter(|l| !BADGE.is_match(l)).collect();
        let mut said = words.join(" ");
        // "Gráinne Walsh tickets go on sale ...": the name of whoever it answers, tagged.
        if let Some(tagged) = names
            .iter()
            .filter(|n| said.starts_with(n.as_str()) && n.as_str() != name)
            .max_by_key(|n| n.len())
        {
            said = said[tagged.len()..]
                .trim_start_matches([',', ' '])
                .to_string();
        }
        if !said.is_empty() {
            out.push_str(&format!("\n{name}: {said}\n\n"));
        }
        if !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
        from = close + 1;
    }
    page_lines(&lines[from.min(lines.len())..], &mut out);
    Some(out)
}

pub(super) fn warm_up() {
    Lazy::force(&AGE);
    Lazy::force(&CONTROLS);
    Lazy::force(&BADGE);
    Lazy::force(&PAGE_FURNITURE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_posts_comments_are_turns_and_tags_are_dropped() {
        let raw = "Our director answers tonight.\n\n37 comments · 12 shares\nLike\nComment\n\nMost relevant\n\nAoife Murphy\nIs there parking??\nLike · Reply · 1d\n\nSiobhan Keane\nAuthor\nAoife Murphy yes, across the road.\nLike · Reply · 1d · Edited\n\nWrite a comment…\n";
        assert_eq!(
            comments(raw).as_deref(),
            Some("Our director answers tonight.\n\n\n\n\nAoife Murphy: Is there parking??\n\n\n\nSiobhan Keane: yes, across the road.\n\n\n")
        );
        assert_eq!(comments("Like · Reply · 2d\nNothing else.\n"), None);
        // A blog's comments, each under a lone "Reply" button, are left to the page reader.
        assert_eq!(
            comments("Jane says:\nGreat read.\nReply\n\nTom says:\nAgreed.\nReply\n"),
            None
        );
    }
}
