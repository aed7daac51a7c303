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
    while let Some(c) = lines.peek().and_then(|l| HEADER.captures(l.trim())) {
        let value = c[2].trim();
        match c[1].to_lowercase().as_str() {
            "from" => {
                named = true;
                msg.sender = display_name(value);
            }
            "subject" => {
                named = true;
                let subject = REPLY_PREFIX.replace(value, "").trim().to_string();
                msg.subject = (!subject.is_empty()).then_some(subject);
            }
            "date" | "sent" => msg.date = (!value.is_empty()).then(|| value.to_string()),
            _ => {}
        }
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

pub(super) fn warm_up() {
    for r in [
        &HEADER,
        &REPLY_PREFIX,
        &END_OF_TEXT,
        &QUOTED_ORIGINAL,
        &DISPLAY_NAME,
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
