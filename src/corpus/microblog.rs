//! A microblog thread copied from its web view (Mastodon and its kin, Bluesky, X): each post
//! under its writer's display name and handle ("Wren Achterberg 🌿 @wren@craft.social"), the
//! post's age or date after a dot or on the next line, then the words, then the post's
//! counters ("↩ 4  🔁 12  ⭐ 31") and the page's links ("Show more", "Translate"). Read as one
//! "NAME: words" turn per post, the first post (the one that opens the thread) as the
//! introduction. A reply's leading @mentions say whom it answers (a question the host's
//! tagged replies pass over answered nothing, and goes); they, a content warning, a boost and
//! the counters are nobody's words. The host goes by their display name, passers-by by their
//! handles.

use once_cell::sync::Lazy;
use regex::Regex;

/// A post's header: a display name (with whatever emoji its writer put in it), the handle, on
/// a fediverse server or not, and maybe the post's age after a dot.
static HEADER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?P<name>\S[^@]{0,60}?)\s+@(?P<handle>[\w.-]{1,30}(?:@[\w-]+(?:\.[\w-]+)+)?)(?:\s*·\s*(?P<age>[^·]{1,24}))?$")
        .expect("static microblog header pattern compiles")
});

/// A post's age or date on its own line: "3h", "45m", "2d", "now", "Mar 12, 2025",
/// "12 Mar 2025", "2025-03-12".
static AGE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:\d{1,3}\s?[smhdwy]|now|just now|\d{1,3}\s+\w+\s+ago|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?|\d{4}-\d{2}-\d{2})(?:\s*[·,]?\s*\d{1,2}:\d{2}(?:\s*[ap]m)?)?$")
        .expect("static microblog age pattern compiles")
});

/// The page's links and a post's warning, on lines of their own: "Show more", "Translate",
/// "CW: spoilers", "Sunniva boosted".
static FURNITURE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:show (?:more|less|thread|original|replies|\d+ (?:more )?repl(?:y|ies))|translate|see translation|translated from .{1,30}|view (?:thread|conversation|full thread)|open (?:thread|in app)|load more|(?:cw|tw|content warning)\s*:.*|(?:pinned|boosted|reposted|retweeted)(?: post)?|(?:#[\w-]+\s*)+)$")
        .expect("static microblog furniture pattern compiles")
});

/// The line over a shared post: "Sunniva Kolbeck 🦔 boosted", "Lena reposted".
static BOOST: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^.{1,60}\s(?:boosted|reposted|retweeted|shared)$")
        .expect("static microblog boost pattern compiles")
});

/// One post: who wrote it (as a turn's label, and their handle without its server), the
/// accounts it answers, and its words.
struct Post {
    label: String,
    handle: String,
    tagged: Vec<String>,
    said: String,
}

/// A handle without its server ("lea.p@piaille.fr" → "lea.p"), as replies tag it.
fn local(handle: &str) -> String {
    handle
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .split('@')
        .next()
        .unwrap_or(handle)
        .to_lowercase()
}

/// How many headers make a thread.
const MIN_POSTS: usize = 3;

/// A post's counters: a line of figures and symbols, no words ("↩ 64  🔁 118  ⭐ 247").
fn is_counters(line: &str) -> bool {
    !line.chars().any(char::is_alphabetic) && line.chars().any(|c| c.is_ascii_digit())
}

/// The display name without its decoration: the letters, marks and punctuation names use.
fn display_name(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '\'' | '’' | '-' | '.' | '"'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Who wrote a post, as a turn's label: the display name when it reads as a name, without a
/// nickname in quotes ("Rosalind \"Roz\" Quaye"); otherwise the handle on its server
/// ("@tobiah" for "tobiah 🍄").
fn label(display: &str, handle: &str) -> String {
    let words: Vec<&str> = display
        .split_whitespace()
        .filter(|w| !w.starts_with('"'))
        .collect();
    let named = !words.is_empty()
        && words.len() <= 4
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if named {
        words.join(" ")
    } else {
        format!("@{}", handle.split('@').next().unwrap_or(handle))
    }
}

/// The header a line is, with the writer's label and handle, when the post's age follows it
/// (after a dot, or on the next line).
fn header(lines: &[&str], i: usize) -> Option<(String, String)> {
    let c = HEADER.captures(lines[i])?;
    let name = label(&display_name(&c["name"]), &c["handle"]);
    let dated = c
        .name("age")
        .is_some_and(|a| AGE.is_match(a.as_str().trim()))
        || lines.get(i + 1).is_some_and(|next| AGE.is_match(next));
    dated.then(|| (name, c["handle"].to_string()))
}

/// The thread as "NAME: words" turns, or `None` when fewer than three posts carry a header
/// and an age.
pub(super) fn posts(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().map(str::trim).collect();
    let heads: Vec<(usize, (String, String))> = (0..lines.len())
        .filter_map(|i| header(&lines, i).map(|head| (i, head)))
        .collect();
    if heads.len() < MIN_POSTS {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    // What comes before the first post is the page's; the thread's writer names it.
    for line in &lines[..heads[0].0] {
        out.push_str(line);
        out.push('\n');
    }
    let (opener, opener_handle) = &heads[0].1;
    out.push_str(&format!("{opener} (@{opener_handle})\n"));
    let mut posts: Vec<Post> = Vec::new();
    for (n, (at, (name, handle))) in heads.iter().enumerate() {
        let end = heads.get(n + 1).map_or(lines.len(), |(next, _)| *next);
        // A boost shares someone's post into the thread: it answers nobody.
        let boosted = lines[..*at]
            .iter()
            .rev()
            .find(|l| !l.is_empty())
            .is_some_and(|l| BOOST.is_match(l));
        if boosted {
            continue;
        }
        let words: Vec<&str> = lines[at + 1..end]
            .iter()
            .enumerate()
            .filter(|&(k, l)| {
                !(l.is_empty()
                    || k == 0 && AGE.is_match(l)
                    || is_counters(l)
                    || FURNITURE.is_match(l)
                    || BOOST.is_match(l))
            })
            .map(|(_, l)| *l)
            .collect();
        let mut said = words.join(" ");
        // "@tobiah @lea.p Answering you both": the accounts a reply answers, tagged.
        let mut tagged = Vec::new();
        while said.starts_with('@') {
            let cut = said.find(char::is_whitespace).unwrap_or(said.len());
            tagged.push(local(&said[1..cut]));
            said = said[cut..].trim_start().to_string();
        }
        // A reaction of emoji alone says nothing to search.
        if !said.chars().any(char::is_alphanumeric) {
            continue;
        }
        posts.push(Post {
            label: name.clone(),
            handle: local(handle),
            tagged,
            said,
        });
    }
    let host = posts.first().map(|p| p.handle.clone()).unwrap_or_default();
    for (n, post) in posts.iter().enumerate() {
        if n == 0 {
            out.push_str(&format!("\n{}\n\n", post.said));
            continue;
        }
        // Where the host tags whom each reply answers, a question by someone the next reply
        // does not tag, and no reply ever does, went unanswered: it is no one's question.
        let next_reply = posts[n + 1..].iter().find(|p| p.handle == host);
        let passed_over = post.handle != host
            && next_reply.is_some_and(|r| !r.tagged.is_empty() && !r.tagged.contains(&post.handle))
            && !posts
                .iter()
                .any(|p| p.handle == host && p.tagged.contains(&post.handle));
        // Those who pass by to ask go by their handles: the thread is not about them, and
        // their names would crowd the people a question can mean ("roz").
        if !passed_over {
            let who = if post.handle == host {
                post.label.clone()
            } else {
                format!("@{}", post.handle)
            };
            out.push_str(&format!("\n{who}: {}\n\n", post.said));
        }
    }
    Some(out)
}

pub(super) fn warm_up() {
    Lazy::force(&HEADER);
    Lazy::force(&AGE);
    Lazy::force(&FURNITURE);
    Lazy::force(&BOOST);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_threads_posts_are_turns_without_handles_counters_or_links() {
        let raw = "Wren Achterberg 🌿 @wren@craft.social\nMar 12, 2025\nAsk me anything about the loom!\n#weaving #AMA\n↩ 4  🔁 12  ⭐ 31\nShow thread\n\n\
                   tobiah 🍄 @tobiah@mastodon.art\n3h\nhow wide is it?\n↩ 1  🔁 0  ⭐ 3\n\n\
                   Nikolai B. @nbr@fosstodon.org\n3h\nany plans for a vinyl?\n\n\
                   Wren Achterberg 🌿 @wren@craft.social\n3h\nCW: numbers\nShow more\n@tobiah Ninety centimetres.\n↩ 2  🔁 6  ⭐ 29\nTranslate\n\n\
                   Wren Achterberg boosted\nInes Brandt @ines@craft.social · 1h\nGo ask her things!\n";
        assert_eq!(
            posts(raw).as_deref(),
            Some(
                "Wren Achterberg (@wren@craft.social)\n\nAsk me anything about the loom!\n\n\n@tobiah: how wide is it?\n\n\nWren Achterberg: Ninety centimetres.\n\n"
            )
        );
    }

    #[test]
    fn an_article_that_mentions_a_handle_is_no_thread() {
        let raw = "Follow the author @wren@craft.social\nfor more.\n\nShe said it was fine.\n";
        assert_eq!(posts(raw), None);
    }
}
