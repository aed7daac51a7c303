//! A chat app's copied history: a header line per message (the poster's display name and
//! when), the message on the lines under it, its reactions under that. Read as one
//! "NAME: message" turn per message, the form every labelled layout is read in.

use std::collections::HashSet;

use once_cell::sync::Lazy;
use regex::Regex;

/// A message header in a chat app's copied history: the poster's display name, then when
/// ("Wren (mod) — 05/12/2025 7:00 PM", "noor.makes — Today at 7:01 PM", "Ada Lind  9:14 AM"),
/// the message on the lines under it. A transcript's "Jane Doe  00:12" is not one: it needs a
/// day or a clock time of day.
static CHAT_HEADER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?P<label>[^\s—–\[\]<>][^—–\[\]<>]{0,40}?)\s+(?:[—–-]\s+)?(?:(?i:today|yesterday)\s+at\s+\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?|\d{1,2}/\d{1,2}/\d{2,4},?\s+(?:at\s+)?\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?|\[?\d{1,2}:\d{2}\s*[AaPp]\.?[Mm]\.?\]?)$")
        .expect("static chat header pattern compiles")
});

/// A page's own time stamps, which a chat header's shape also fits ("Updated 10:50 AM", "By
/// Jane Doe 9:14 AM").
static STAMPED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:posted|updated|published|last updated|edited|by)(?:\s|$)")
        .expect("static stamp pattern compiles")
});

/// What a chat app prints under a message as words: reactions by their codes (":heart: 4"),
/// the count of replies in its thread, "View thread".
static FURNITURE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:(?::[\w+-]{1,40}:\s*\d{1,5}\s*)+|\d{1,5}\s+repl(?:y|ies)|view thread|last reply\s.{0,40})$")
        .expect("static furniture pattern compiles")
});

/// What a chat app prints under a message: its reactions ("👍 14", "❤️ 3 🔥 2", ":heart: 4"),
/// "(edited)", the count of replies in its thread.
fn is_chat_furniture(line: &str) -> bool {
    line.eq_ignore_ascii_case("(edited)")
        || FURNITURE.is_match(line)
        || (!line.is_empty()
            && !line.is_ascii()
            && line.chars().all(|c| {
                !c.is_alphabetic() && (c.is_whitespace() || c.is_ascii_digit() || !c.is_ascii())
            }))
}

/// A chat app's copied history (see `CHAT_HEADER`) as one "NAME: message" turn per message,
/// the lines of a message joined and the reactions under it dropped; `None` unless at least
/// two headers under two names are found. A display name of one word is written "@name", as
/// people write a handle.
pub(super) fn chat_export(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    let headers: Vec<Option<String>> = lines
        .iter()
        .map(|l| {
            CHAT_HEADER
                .captures(l.trim())
                .map(|c| c["label"].trim().to_string())
                .filter(|label| !STAMPED.is_match(label))
        })
        .collect();
    let distinct: HashSet<&str> = headers.iter().flatten().map(String::as_str).collect();
    if headers.iter().flatten().count() < 2 || distinct.len() < 2 {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    let mut open = false;
    for (line, header) in lines.iter().zip(&headers) {
        let t = line.trim();
        if let Some(name) = header {
            if open {
                out.push_str("\n\n");
            }
            let name = if name.contains(char::is_whitespace) {
                name.clone()
            } else {
                format!("@{name}")
            };
            out.push_str(&name);
            out.push(':');
            open = true;
            continue;
        }
        if open {
            if is_chat_furniture(t) {
                continue;
            }
            if !t.is_empty() {
                out.push(' ');
                out.push_str(t);
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    Some(out)
}

pub(super) fn warm_up() {
    Lazy::force(&CHAT_HEADER);
    Lazy::force(&STAMPED);
    Lazy::force(&FURNITURE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chat_apps_message_headers_label_the_lines_under_them() {
        let raw = "Wren (mod) — 05/12/2025 7:02 PM\nHow did you start?\nnoor.makes — Today at 7:03 PM\nI failed chemistry.\nThat was 2009.\n👍 14\n(edited)\n";
        assert_eq!(
            chat_export(raw).as_deref(),
            Some("Wren (mod): How did you start?\n\n@noor.makes: I failed chemistry. That was 2009.\n")
        );
        // A live blog's stamps are no chat message headers.
        assert_eq!(
            chat_export("Posted 10:42 AM\nThe cast arrive.\nUpdated 10:50 AM\nMore.\n"),
            None
        );
        // A transcript's name and offset is no chat message header.
        assert_eq!(
            chat_export("Jane Doe  00:12\nHi.\nTom Vail  00:15\nHello.\n"),
            None
        );
    }

    #[test]
    fn a_work_chats_reaction_codes_and_reply_counts_are_furniture() {
        let raw = "Mina Cho  10:42 AM\nWhen did you start?\n3 replies\nNoor Haddad  10:44 AM\nAt 31.\n:heart: 4 :joy: 2\nView thread\n";
        assert_eq!(
            chat_export(raw).as_deref(),
            Some("Mina Cho: When did you start?\n\nNoor Haddad: At 31.\n")
        );
    }
}
