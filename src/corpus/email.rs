//! Interviews done by email and saved as the message: a header block (From, To, Date,
//! Subject), the questions quoted with ">" and answered inline, a signature, and often the
//! message being answered quoted again below. The header says what a page's masthead would
//! (title, date) and who wrote the answers; the signature and the quoted original are not text.

use once_cell::sync::Lazy;
use regex::Regex;

/// A header line of a saved message.
static HEADER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(from|to|cc|bcc|date|sent|subject|reply-to)\s*:\s*(.*)$")
        .expect("static email header pattern compiles")
});

/// "Re:", "Fwd:" and the like before a subject, as often as they repeat.
static REPLY_PREFIX: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:\s*(?:re|fwd?|aw|sv|tr)\s*(?:\[\d+\])?\s*:\s*)+")
        .expect("static reply prefix pattern compiles")
});

/// Where the message's own text ends: the signature delimiter ("-- "), or the start of the
/// message it answers as mail programs quote it.
static END_OF_TEXT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:--\s*|-{2,}\s*(?:original|forwarded) message\s*-{2,}|_{8,})$")
        .expect("static end-of-text pattern compiles")
});

/// "On Fri, 6 Mar 2026 at 09:15, Jane Doe wrote:" (or "<jane@x> wrote:").
static QUOTED_ORIGINAL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^on\s.{3,120}\bwrote\s*:$").expect("static quoted-original pattern compiles")
});

/// The display name of a From line: `Jane Doe <jane@x>`, `"Doe, Jane" <jane@x>`,
/// `jane@x (Jane Doe)`.
static DISPLAY_NAME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r#"^\s*"?(?P<a>[^"<>@()]+?)"?\s*<[^<>]*>\s*$|^[^\s()]+@[^\s()]+\s*\((?P<b>[^()@]+)\)\s*$"#,
    )
    .expect("static display name pattern compiles")
});

/// A message read from its saved text.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Message {
    /// The text after the header, without the signature or the quoted original.
    pub text: String,
    /// The subject without its "Re:" prefixes.
    pub subject: Option<String>,
    /// The Date header as written.
    pub date: Option<String>,
    /// The sender's name, when the From line gives one.
    pub sender: Option<String>,
}

/// The message in `raw`, or `None` when `raw` does not open with a header block (at least two
/// header lines, one of them From or Subject).
pub(super) fn read(raw: &str) -> Option<Message> {
    let mut lines = raw.lines().peekable();
    while lines.peek().is_some_and(|l| l.trim().is_empty()) {
        lines.next();
    }
    let mut msg = Message::default();
    let mut headers = 0;
    let mut named = false;
    while let Some(name) = lines.peek().and_then(|l| msg.read_header(l)) {
        named |= name == "from" || name == "subject";
        headers += 1;
        lines.next();
    }
    if headers < 2 || !named {
        return None;
    }
    let body: Vec<&str> = lines.collect();
    let end = body
        .iter()
        .enumerate()
        .position(|(i, l)| {
            let l = l.trim();
            END_OF_TEXT.is_match(l) || (QUOTED_ORIGINAL.is_match(l) && only_quoted(&body[i + 1..]))
        })
        .unwrap_or(body.len());
    msg.text = body[..end].join("\n");
    Some(msg)
}

impl Message {
    /// Reads `line` into the message when it is a header line (From, Subject, Date and the
    /// like), returning the header's name, lowercased.
    fn read_header(&mut self, line: &str) -> Option<String> {
        let c = HEADER.captures(line.trim())?;
        let value = c[2].trim();
        let name = c[1].to_lowercase();
        match name.as_str() {
            "from" => self.sender = display_name(value),
            "subject" => {
                let subject = REPLY_PREFIX.replace(value, "");
                // A mailing list's tag ("[QCF] Odessa Q&A") says which list, not what about.
                let subject = LIST_TAG.replace(subject.trim(), "").trim().to_string();
                self.subject = (!subject.is_empty()).then_some(subject);
            }
            "date" | "sent" => self.date = (!value.is_empty()).then(|| value.to_string()),
            _ => {}
        }
        Some(name)
    }
}

/// Whether every line with text in `lines` is quoted with ">".
fn only_quoted(lines: &[&str]) -> bool {
    lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .all(|l| l.starts_with('>'))
}

fn display_name(from: &str) -> Option<String> {
    let c = DISPLAY_NAME.captures(from)?;
    let name = c.name("a").or_else(|| c.name("b"))?.as_str().trim();
    // "Doe, Jane" is Jane Doe.
    let name = match name.split_once(',') {
        Some((last, first)) if !first.trim().is_empty() => format!("{} {}", first.trim(), last),
        _ => name.to_string(),
    };
    (name.split_whitespace().count() >= 2).then_some(name)
}

/// A header line a mail program adds beyond those [`HEADER`] reads ("Message-ID:",
/// "Content-Type:"), or a digest's message number ("Message: 3").
static OTHER_HEADER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:(?:message-id|in-reply-to|references|content-type|content-transfer-encoding|mime-version|x-[\w-]+|list-[\w-]+|precedence|user-agent|organization)\s*:|message:\s*\d+\s*$)")
        .expect("static other header pattern compiles")
});

/// A line of dashes or underscores a digest puts between its messages.
static SEPARATOR: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(?:-{8,}|_{8,}|\*{8,})$").expect("static separator compiles"));

/// A line that says whose words the quoted lines under it are: "On Tue, 9 Apr 2024, Hollis
/// Greaves wrote:", "Odessa Pembrook wrote:", "From Priyanka:", "Odessa said:".
static QUOTE_LEAD: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?:\bwrote|\bsaid|\bwrites|^from\s+.{1,40}|\bpeople)\s*:$")
        .expect("static quote lead pattern compiles")
});

/// A message of a list's digest: its header, read, and its lines.
struct Post<'a> {
    head: Message,
    body: Vec<&'a str>,
}

/// A mailing list's digest of several messages as one conversation: each message's own
/// lines as "SENDER: ..." turns, the lines it quotes (">") as the questions ("Q: ...") it
/// answers under them, its header, signature and the list's wrapping gone. A quoted passage
/// that a later message quotes again is asked there, where it is answered; one that repeats
/// what an earlier message said, asking nothing, is a copy. The first message's subject is
/// the title. `None` unless the file is a digest (its messages numbered, or its wrapper's
/// notices) and at least two header blocks (each with a From line) are found.
pub(super) fn digest(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    // A thread saved from a mail program, each message whole, reads well as it is (see
    // `read`); a digest numbers its messages and wraps them in the list's notices.
    let numbered = lines.iter().any(|l| MESSAGE_NUMBER.is_match(l.trim()));
    if !numbered && !lines.iter().any(|l| DIGEST_WRAPPER.is_match(l.trim())) {
        return None;
    }
    let is_header = |l: &str| HEADER.is_match(l.trim_end()) || OTHER_HEADER.is_match(l.trim_end());
    // Each header block opens a post; the lines before the first are the page it was saved in.
    let mut posts: Vec<Post<'_>> = Vec::new();
    let mut before: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_header(lines[i]) {
            match posts.last_mut() {
                Some(p) => p.body.push(lines[i]),
                None => before.push(lines[i]),
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len()
            && (is_header(lines[i])
                || (i > start && lines[i].starts_with([' ', '\t']) && !lines[i].trim().is_empty()))
        {
            i += 1;
        }
        let block = &lines[start..i];
        let mut post = Post {
            head: Message::default(),
            body: Vec::new(),
        };
        let mut from = false;
        for l in block {
            from |= post.head.read_header(l).is_some_and(|name| name == "from");
        }
        if from && block.len() >= 2 {
            posts.push(post);
        } else if let Some(p) = posts.last_mut() {
            p.body.extend_from_slice(block);
        }
    }
    if posts.len() < 2 {
        return None;
    }
    // Each post's lines up to its signature, as blocks of quoted and of its own lines.
    let mut blocks: Vec<Vec<(bool, String)>> = Vec::new();
    for post in &posts {
        let end = post
            .body
            .iter()
            .position(|l| END_OF_TEXT.is_match(l.trim()) || SEPARATOR.is_match(l.trim()))
            .unwrap_or(post.body.len());
        let mut own: Vec<(bool, String)> = Vec::new();
        let body = &post.body[..end];
        for (j, l) in body.iter().enumerate() {
            let t = l.trim();
            let quoted = t.starts_with('>');
            let text = t.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
            let next_quoted = body.get(j + 1).is_some_and(|n| n.trim().starts_with('>'));
            // "From Priyanka:" over the question it introduces; "Odessa Pembrook wrote:".
            if (next_quoted || quoted) && QUOTE_LEAD.is_match(text) {
                continue;
            }
            if text.is_empty() && !quoted {
                own.push((false, String::new()));
                continue;
            }
            match own.last_mut() {
                Some((q, para)) if *q == quoted && !para.is_empty() => {
                    para.push(' ');
                    para.push_str(text);
                }
                _ => own.push((quoted, text.to_string())),
            }
        }
        own.retain(|(_, t)| !t.is_empty());
        blocks.push(own);
    }
    // Each paragraph's words, spaced and cased alike, once: every quoted paragraph is looked
    // for in all the others.
    let keys: Vec<Vec<(bool, String)>> = blocks
        .iter()
        .map(|own| {
            own.iter()
                .map(|(q, t)| {
                    let words: Vec<&str> = t.split_whitespace().collect();
                    (*q, words.join(" ").to_lowercase())
                })
                .collect()
        })
        .collect();
    let mut out = String::with_capacity(raw.len());
    // A digest's wrapper says how to post to the list and lists the topics; a page that
    // published the thread gives its headline and introduction, which stay.
    if before.iter().any(|l| DIGEST_WRAPPER.is_match(l.trim())) {
        before.clear();
    }
    if before.iter().all(|l| l.trim().is_empty()) {
        if let Some(subject) = posts.iter().find_map(|p| p.head.subject.as_deref()) {
            out.push_str(subject);
            out.push_str("\n\n");
        }
    }
    for l in before {
        out.push_str(l);
        out.push('\n');
    }
    out.push('\n');
    for (n, (post, own)) in posts.iter().zip(&blocks).enumerate() {
        for ((quoted, text), (_, k)) in own.iter().zip(&keys[n]) {
            if *quoted {
                let asked_later = keys[n + 1..]
                    .iter()
                    .flatten()
                    .any(|(q, t)| *q && t.contains(k.as_str()));
                // A question asked again is what the reply under it answers.
                let said_before = !text.contains('?')
                    && keys[..n]
                        .iter()
                        .flatten()
                        .any(|(q, t)| !*q && t.contains(k.as_str()));
                if asked_later || said_before {
                    continue;
                }
                // Whoever wrote it, it is what the reply under it answers.
                out.push_str("Q: ");
            } else if let Some(name) = &post.head.sender {
                out.push_str(name);
                out.push_str(": ");
            }
            out.push_str(text);
            out.push_str("\n\n");
        }
    }
    Some(out)
}

/// A digest's number over each of its messages ("Message: 3").
static MESSAGE_NUMBER: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?i)^message:\s*\d+$").expect("static message number compiles"));

/// A line of a mailing list's digest wrapper: its topics, how to post, its volume.
static DIGEST_WRAPPER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:today's topics:?|send .{1,60} mailing list submissions to|.{1,60} digest,? vol(?:ume)?\.? ?\d+)")
        .expect("static digest wrapper pattern compiles")
});

/// A mailing list's tag before a subject ("[QCF] Odessa Q&A").
static LIST_TAG: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^\[[^\]]{1,30}\]\s*").expect("static list tag pattern compiles"));

pub(super) fn warm_up() {
    for r in [
        &HEADER,
        &REPLY_PREFIX,
        &END_OF_TEXT,
        &QUOTED_ORIGINAL,
        &DISPLAY_NAME,
        &OTHER_HEADER,
        &SEPARATOR,
        &QUOTE_LEAD,
        &LIST_TAG,
        &DIGEST_WRAPPER,
        &MESSAGE_NUMBER,
    ] {
        Lazy::force(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_gives_subject_date_and_sender() {
        let raw = "From: \"Varga, Odile\" <o@x.example>\nTo: p@y.example\nDate: Mon, 9 Mar 2026 14:02:11 +0000\nSubject: Re: RE: Fwd: Questions\n\n> Why?\n\nBecause.\n\n-- \nOdile\nSent from my phone\n";
        let m = read(raw).expect("a message");
        assert_eq!(m.subject.as_deref(), Some("Questions"));
        assert_eq!(m.sender.as_deref(), Some("Odile Varga"));
        assert_eq!(m.date.as_deref(), Some("Mon, 9 Mar 2026 14:02:11 +0000"));
        assert_eq!(m.text.trim(), "> Why?\n\nBecause.");
    }

    #[test]
    fn the_quoted_original_is_not_text_but_inline_quotes_are() {
        let raw = "From: a@x.example (Ann Bee)\nSubject: Q\n\n> What next?\nA film.\n\nOn Fri, 6 Mar 2026 at 09:15, Cy Dee <c@y> wrote:\n> Hi Ann,\n> questions below.\n";
        let m = read(raw).expect("a message");
        assert_eq!(m.sender.as_deref(), Some("Ann Bee"));
        assert_eq!(m.text.trim(), "> What next?\nA film.");
    }

    #[test]
    fn an_article_that_merely_mentions_a_subject_is_no_message() {
        assert_eq!(read("Subject: the sea\n\nShe talked about it."), None);
        assert_eq!(read("Headline\n\nFrom: here\nTo: there\n"), None);
    }
}
