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
/// Jane Doe 9:14 AM"), and a phone's delivery receipts and day headers ("Read 9:45 AM",
/// "Today 9:41 AM").
static STAMPED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:posted|updated|published|last updated|edited|by|(?:delivered|read|seen|sent)$|(?:today|yesterday)$)(?:\s|$)")
        .expect("static stamp pattern compiles")
});

/// What a time stamp's line says when it is no sender's header: a date ("Thursday 12 February
/// 2026, 7:00 pm", a meeting's or an event's), or a sentence that ends on its time ("Meeting
/// closed at 8:42 pm.").
static NO_SENDER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?:^(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?(?:\s+\d{4})?,?$|\s(?:at|by|on|around|about|until|till|from|since|before|after)$)")
        .expect("static date label pattern compiles")
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
                .filter(|label| !STAMPED.is_match(label) && !NO_SENDER.is_match(label))
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

/// A messenger's exported chat line: the day and time a message was sent, then the rest of the
/// line ("12/03/2025, 19:05 - Priya Nair: Welcome", "[3/12/25, 7:05:12 PM] Priya: Hi",
/// "2025-03-12 19:05 Priya: Hi"). A long message runs on over the lines under it.
static SENT_AT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\[?(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}),?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?\]?\s*(?:[-–—]\s+)?(?P<rest>\S.*)$")
        .expect("static sent-at pattern compiles")
});

/// The sender before a message's colon: a contact's name or number. The app's own lines
/// ("Priya Nair created group \"Book Club\"", "Messages and calls are end-to-end encrypted.
/// ...") have none.
/// The message may start on the line under ("[12.03.26 18:04] Tomas K:"), as Telegram exports
/// one.
static SENDER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r#"^(?P<name>[\p{L}+~][^:"“”]{0,39}?):(?:\s+(?P<said>\S.*))?$"#)
        .expect("static sender pattern compiles")
});

/// What a messenger prints inside a message about it rather than in it: the message it replies
/// to, quoted again ("In reply to Tomas K: what breed ..."), where it was forwarded from.
static ABOUT_MESSAGE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:In reply to\s+[^:]{1,40}:|Forwarded from\s)")
        .expect("static about-message pattern compiles")
});

/// What a messenger writes in place of a message it did not export or that was taken back.
static PLACEHOLDER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:<media omitted>|<attached:[^>]*>|(?:image|video|audio|sticker|gif|document) omitted|this message was deleted|you deleted this message|null|\[(?:photo|video|sticker|gif|file|voice message|audio|document|image|animation)(?:\s[^\]]{0,40})?\])$")
        .expect("static placeholder pattern compiles")
});

/// A messenger's exported chat (see `SENT_AT`) as one "NAME: message" turn per message, a
/// message's lines joined; the app's own lines and its placeholders for media and deleted
/// messages dropped. `None` unless at least three messages under at least two senders are
/// found.
pub(super) fn messenger_export(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    // For each line sent at a time: its sender and message, or `None` for the app's own line.
    let sent: Vec<Option<Option<(&str, &str)>>> = lines
        .iter()
        .map(|l| {
            SENT_AT.captures(l.trim()).map(|c| {
                let rest = c.name("rest").map_or("", |m| m.as_str());
                SENDER.captures(rest).and_then(|s| {
                    Some((
                        s.name("name")?.as_str().trim(),
                        s.name("said").map_or("", |m| m.as_str()),
                    ))
                })
            })
        })
        .collect();
    let messages: Vec<(&str, &str)> = sent.iter().flatten().flatten().copied().collect();
    let senders: HashSet<&str> = messages.iter().map(|(name, _)| *name).collect();
    if messages.len() < 3 || senders.len() < 2 {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    // Whether the lines under are a message's (kept) or an app line's (dropped).
    let mut open: Option<bool> = None;
    // The sender of a message whose words start on the line under its header.
    let mut pending: Option<&str> = None;
    for (line, sent) in lines.iter().zip(sent) {
        let t = line.trim();
        match sent {
            Some(Some((name, said))) => {
                let said = said
                    .trim_end_matches("<This message was edited>")
                    .trim_end();
                // A reaction sent as a message ("😳") says nothing a question could find.
                if PLACEHOLDER.is_match(said) || is_chat_furniture(said) {
                    open = Some(false);
                    continue;
                }
                if open.is_some() && !out.ends_with("\n\n") {
                    out.push_str("\n\n");
                }
                if said.is_empty() {
                    // Its lines follow; the sender is written with the first of them.
                    pending = Some(name);
                } else {
                    out.push_str(&format!("{name}: {said}"));
                    pending = None;
                }
                open = Some(true);
            }
            Some(None) => open = Some(false),
            None => match open {
                // The message's own lines, without the app's (reactions, stickers, the
                // message it answers quoted again).
                Some(true)
                    if !t.is_empty()
                        && !PLACEHOLDER.is_match(t)
                        && !is_chat_furniture(t)
                        && !ABOUT_MESSAGE.is_match(t) =>
                {
                    match pending.take() {
                        Some(name) => out.push_str(&format!("{name}: {t}")),
                        None => {
                            out.push(' ');
                            out.push_str(t);
                        }
                    }
                }
                Some(_) => {}
                None => {
                    out.push_str(line);
                    out.push('\n');
                }
            },
        }
    }
    out.push('\n');
    Some(out)
}

/// A video call's saved chat: each message under the time it was sent and who sent it to whom
/// ("00:05:48 From  Sue Armitage  to  Everyone:"), or on the same line in the older form
/// ("10:02:11\t From Sue Armitage : What's the most ..."). A role after the name ("(host)",
/// "(Co-host)") is the call's, not the name's.
static CALL_MESSAGE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\d{1,2}:\d{2}(?::\d{2})?\s+From\s+(?P<name>\S.{0,60}?)\s+(?:to\s+(?:Everyone|Me|[^:]{1,60}?)(?:\s*\((?:Direct Message|[Pp]rivately)\))?\s*:|:)\s*(?P<said>.*)$")
        .expect("static call message pattern compiles")
});

/// What a video call's chat writes for a message that only points at another: a reaction
/// ("Reacted to \"First, get it...\" with 👍", "Removed a 👍 reaction from ...").
static CALL_REACTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r#"^(?:Reacted to\s+["“].*["”]\s+with\s|Removed an? .{1,20} reaction from\s)"#)
        .expect("static call reaction pattern compiles")
});

/// The line a video call's chat puts over a reply, quoting the start of the message replied to
/// ("Replying to \"What's the most common...\"").
static CALL_REPLYING: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r#"^Replying to\s+["“].*["”]$"#).expect("static call replying pattern compiles")
});

/// A role a video call prints after a name.
static CALL_ROLE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\s*\((?:host|co-host|cohost|host,\s*me|me|guest|panellist|panelist)\)$")
        .expect("static call role pattern compiles")
});

/// A video call's saved chat (see `CALL_MESSAGE`) as one "NAME: message" turn per message:
/// the line over a reply that quotes what it answers dropped, reactions dropped, a message's
/// lines joined. `None` unless at least three messages under at least two names are found.
pub(super) fn call_chat(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    let found: Vec<Option<(String, &str)>> = lines
        .iter()
        .map(|l| {
            CALL_MESSAGE.captures(l.trim()).map(|c| {
                let name = c.name("name").map_or("", |m| m.as_str()).trim();
                let name = CALL_ROLE.replace(name, "").trim().to_string();
                (name, c.name("said").map_or("", |m| m.as_str()).trim())
            })
        })
        .collect();
    let names: HashSet<&str> = found.iter().flatten().map(|(n, _)| n.as_str()).collect();
    if found.iter().flatten().count() < 3 || names.len() < 2 {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    // Whether the lines under are a message's (kept) or a reaction's (dropped); `None` before
    // the first message, where the page's own lines are kept as they are.
    let mut open: Option<bool> = None;
    // Whether the open message has any words yet.
    let mut said_any = false;
    let mut pending = String::new();
    // A message is written out once it has words: a header alone says nothing.
    let flush = |out: &mut String, pending: &mut String, said_any: bool| {
        if said_any {
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
            }
            out.push_str(pending);
        }
        pending.clear();
    };
    for (line, message) in lines.iter().zip(found) {
        let t = line.trim();
        if let Some((name, said)) = message {
            flush(&mut out, &mut pending, said_any);
            open = Some(false);
            said_any = false;
            pending = format!("{name}:");
            if said.is_empty() || CALL_REPLYING.is_match(said) {
                open = Some(true);
                continue;
            }
            if CALL_REACTION.is_match(said) || is_chat_furniture(said) {
                continue;
            }
            pending.push(' ');
            pending.push_str(said);
            said_any = true;
            open = Some(true);
            continue;
        }
        match open {
            Some(true) => {
                if t.is_empty() || (!said_any && CALL_REPLYING.is_match(t)) {
                    continue;
                }
                if !said_any && (CALL_REACTION.is_match(t) || is_chat_furniture(t)) {
                    open = Some(false);
                    continue;
                }
                pending.push(' ');
                pending.push_str(t);
                said_any = true;
            }
            Some(false) => {}
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    flush(&mut out, &mut pending, said_any);
    out.push('\n');
    Some(out)
}

pub(super) fn warm_up() {
    Lazy::force(&SENT_AT);
    Lazy::force(&SENDER);
    Lazy::force(&PLACEHOLDER);
    Lazy::force(&CHAT_HEADER);
    Lazy::force(&STAMPED);
    Lazy::force(&NO_SENDER);
    Lazy::force(&FURNITURE);
    Lazy::force(&CALL_MESSAGE);
    Lazy::force(&CALL_REACTION);
    Lazy::force(&CALL_REPLYING);
    Lazy::force(&CALL_ROLE);
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
        // Nor are a meeting's date and time, and a sentence ending on one.
        assert_eq!(
            chat_export("Minutes\nThursday 12 February 2026, 7:00 pm\n\nThe Chair opened.\n\nMeeting closed at 8:42 pm.\n"),
            None
        );
    }

    #[test]
    fn a_messengers_export_is_one_turn_per_message() {
        let raw = "Chat with Book Club\n\n12/03/2025, 19:02 - Priya Nair created group \"Book Club\"\n12/03/2025, 19:07 - Daniela Cruz: How long did it take?\n12/03/2025, 19:09 - Tomasz W: Seven years.\nMost of it rewriting.\n12/03/2025, 19:10 - Marek: <Media omitted>\n[3/12/25, 7:11:02 PM] Marek: Is the lighthouse real?\n";
        assert_eq!(
            messenger_export(raw).as_deref(),
            Some("Chat with Book Club\n\nDaniela Cruz: How long did it take?\n\nTomasz W: Seven years. Most of it rewriting.\n\nMarek: Is the lighthouse real?\n")
        );
        // A dated list of events is no chat.
        assert_eq!(
            messenger_export("12/03/2025, 19:02 - Doors open\n12/03/2025, 20:00 - Keynote\n"),
            None
        );
    }

    #[test]
    fn a_video_calls_saved_chat_is_one_turn_per_message() {
        let raw = "Webinar chat\n\n00:05:48 From  Sue Armitage  to  Everyone:\n\tWhat's the most common damage?\n00:06:30 From  Hana Okafor (host)  to  Everyone:\n\tReplying to \"What's the most common...\"\n\tOld sticky tape.\n\tIt yellows.\n00:06:40 From  Sue Armitage  to  Everyone:\n\tReacted to \"Old sticky tape....\" with 👍\n10:02:11\t From Ray Pell : Thanks!\n";
        assert_eq!(
            call_chat(raw).as_deref(),
            Some("Webinar chat\n\nSue Armitage: What's the most common damage?\n\nHana Okafor: Old sticky tape. It yellows.\n\nRay Pell: Thanks!\n")
        );
        // Two messages are no call's chat.
        assert_eq!(
            call_chat("00:01:00 From  A B  to  Everyone:\n\tHi\n00:01:05 From  C D  to  Everyone:\n\tHello\n"),
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
