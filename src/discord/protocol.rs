//! The formats the bot reads back from Discord: the `custom_id` of every button and menu under
//! an answer, and the footer line an answer's question is recovered from after a restart.
//! Written and parsed here only, so the two cannot drift apart.

use super::render::{limits, one_line, truncate, Mode};

/// How much of a question is kept in the footer. The engine reads only the first 1,000
/// characters anyway, and this keeps the footer well inside the 6,000-character message budget.
const FOOTER_QUESTION: usize = 1000;

const ASKED: &str = "Asked: ";
const QUOTE_ABOUT: &str = "Quote about: ";

/// The first footer line, from which the question is read back after a restart.
pub(super) fn footer_marker(mode: Mode, question: &str) -> String {
    let prefix = match mode {
        Mode::Ask => ASKED,
        Mode::Quote => QUOTE_ABOUT,
    };
    format!("{prefix}{}", footer_question(question))
}

/// The question as the footer keeps it. Footers render no markdown and no mentions, but `@` is
/// still broken so that no copy of a question anywhere in a message reads as a mention.
pub fn footer_question(question: &str) -> String {
    truncate(&one_line(question), FOOTER_QUESTION).replace('@', "@\u{200B}")
}

/// The question an answer message was for, read from its embed footer (see [`answer_embed`]).
pub fn question_from_footer(footer: &str) -> Option<(Mode, String)> {
    let first = footer.lines().next()?;
    let (mode, q) = if let Some(q) = first.strip_prefix(ASKED) {
        (Mode::Ask, q)
    } else {
        (Mode::Quote, first.strip_prefix(QUOTE_ABOUT)?)
    };
    let q = q.trim().replace("@\u{200B}", "@");
    (!q.is_empty()).then_some((mode, q))
}

/// Version prefix of every custom_id, so a future format can tell old buttons apart.
const ID_PREFIX: &str = "ib1";

/// What a button (or the menu) under an answer does. Encoded into its custom_id:
/// `ib1:next:<answer>:<shown>`, `ib1:thread:<answer>`, `ib1:pick:<answer>`,
/// `ib1:up|down|post:<answer>:<shown>`, where `<answer>`
/// is the answer's id in base 36 (the snowflake of the interaction or message that asked) and
/// `<shown>` the index of the result currently shown. The menu's choice is in its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonAction {
    Next {
        answer: u64,
        shown: usize,
    },
    Thread {
        answer: u64,
    },
    Pick {
        answer: u64,
    },
    /// 👍 (`up`) or 👎 on the result `shown`: `ib1:up:<answer>:<shown>`, `ib1:down:…`.
    Vote {
        answer: u64,
        shown: usize,
        up: bool,
    },
    /// "Post for everyone" under a private answer: `ib1:post:<answer>:<shown>`.
    Post {
        answer: u64,
        shown: usize,
    },
}

/// The most results an answer can have (the engine clamps to 25).
const MAX_RESULTS: usize = 25;

impl ButtonAction {
    /// The answer the button or menu is under.
    pub fn answer(&self) -> u64 {
        match *self {
            ButtonAction::Next { answer, .. }
            | ButtonAction::Thread { answer }
            | ButtonAction::Pick { answer }
            | ButtonAction::Vote { answer, .. }
            | ButtonAction::Post { answer, .. } => answer,
        }
    }

    pub fn custom_id(&self) -> String {
        match *self {
            ButtonAction::Next { answer, shown } => {
                format!("{ID_PREFIX}:next:{}:{shown}", base36(answer))
            }
            ButtonAction::Thread { answer } => format!("{ID_PREFIX}:thread:{}", base36(answer)),
            ButtonAction::Pick { answer } => format!("{ID_PREFIX}:pick:{}", base36(answer)),
            ButtonAction::Post { answer, shown } => {
                format!("{ID_PREFIX}:post:{}:{shown}", base36(answer))
            }
            ButtonAction::Vote { answer, shown, up } => {
                let way = if up { "up" } else { "down" };
                format!("{ID_PREFIX}:{way}:{}:{shown}", base36(answer))
            }
        }
    }

    /// Strict: anything not produced by [`ButtonAction::custom_id`] is `None`.
    pub fn parse(id: &str) -> Option<Self> {
        if id.len() > limits::CUSTOM_ID {
            return None;
        }
        let mut parts = id.split(':');
        if parts.next()? != ID_PREFIX {
            return None;
        }
        // An index as `custom_id` writes it: no sign, no leading zero, within the results.
        let index = |i: &str| -> Option<usize> {
            let n: usize = i.parse().ok().filter(|n| *n < MAX_RESULTS)?;
            (i == n.to_string()).then_some(n)
        };
        let action = match (parts.next()?, parts.next(), parts.next()) {
            ("next", Some(a), Some(i)) => ButtonAction::Next {
                answer: unbase36(a)?,
                shown: index(i)?,
            },
            ("post", Some(a), Some(i)) => ButtonAction::Post {
                answer: unbase36(a)?,
                shown: index(i)?,
            },
            (way @ ("up" | "down"), Some(a), Some(i)) => ButtonAction::Vote {
                answer: unbase36(a)?,
                shown: index(i)?,
                up: way == "up",
            },
            ("thread", Some(a), None) => ButtonAction::Thread {
                answer: unbase36(a)?,
            },
            ("pick", Some(a), None) => ButtonAction::Pick {
                answer: unbase36(a)?,
            },
            _ => return None,
        };
        parts.next().is_none().then_some(action)
    }
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    if n == 0 {
        return "0".into();
    }
    let mut out = Vec::new();
    while n > 0 {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn unbase36(s: &str) -> Option<u64> {
    if s.is_empty()
        || s.len() > 13
        || s.starts_with('0')
        || s.bytes().any(|b| b.is_ascii_uppercase())
    {
        return None;
    }
    u64::from_str_radix(s, 36).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_ids_round_trip_and_reject_forgeries() {
        let ids = [
            ButtonAction::Next {
                answer: u64::MAX,
                shown: 24,
            },
            ButtonAction::Next {
                answer: 1,
                shown: 0,
            },
            ButtonAction::Thread {
                answer: 1_234_567_890_123_456_789,
            },
            ButtonAction::Pick { answer: u64::MAX },
            ButtonAction::Vote {
                answer: 42,
                shown: 24,
                up: false,
            },
            ButtonAction::Vote {
                answer: 42,
                shown: 0,
                up: true,
            },
            ButtonAction::Post {
                answer: 42,
                shown: 3,
            },
        ];
        for a in ids {
            let id = a.custom_id();
            assert!(
                id.len() <= limits::CUSTOM_ID && id.starts_with("ib1:"),
                "{id}"
            );
            assert_eq!(ButtonAction::parse(&id), Some(a));
        }
        for bad in [
            "",
            "more",
            "ib1",
            "ib1:next",
            "ib1:next:abc",
            "ib1:next:abc:25",
            "ib1:next:abc:01",
            "ib1:next:abc:-1",
            "ib1:next:ABC:1",
            "ib1:next:0abc:1",
            "ib1:next:abc:1:extra",
            "ib1:thread:abc:1",
            "ib1:thread:",
            "ib1:thread:zzzzzzzzzzzzzz",
            "ib2:thread:abc",
            "ib1:delete:abc",
            "ib1:pick:",
            "ib1:pick:abc:1",
            "ib1:up:abc",
            "ib1:down:abc:25",
            "ib1:sideways:abc:1",
            "ib1:post:abc",
        ] {
            assert_eq!(ButtonAction::parse(bad), None, "{bad}");
        }
        assert_eq!(ButtonAction::parse(&"x".repeat(500)), None);
    }
}
