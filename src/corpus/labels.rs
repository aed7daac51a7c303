//! Speaker labels set off by something other than a colon: a dash ("HADDAD — We didn't use
//! real ice"), brackets ("[Q] Who drove?", "[Marcus Bell] Welcome back"), a chat client's
//! nick ("20:02 <tfinch> ..."), an official transcript's bare "Q", a committee's numbered
//! question ("Q12 Chair: ..."), or a question sent to a
//! blog ("anonymous asked: will bridie ever forgive her brother??") with the owner's reply
//! under it. They become "LABEL:", the form every other labelled layout is read in.

use std::collections::HashSet;

use once_cell::sync::Lazy;
use regex::Regex;

/// A label in capitals (or "Q"/"A") and a dash after it, at the start of a line: a long dash,
/// or a hyphen typed for one ("TOMAS - Badly, for the first week.").
static DASHED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?P<label>\p{Lu}[\p{Lu}.'’\-]*(?:\s+\p{Lu}[\p{Lu}.'’\-]*){0,3})\s+(?P<dash>[—–-])\s+(?P<said>\S.*)$")
        .expect("static dashed label pattern compiles")
});

/// A first name or surname in capitals and a full stop, at the start of a line: "GRETE. At the
/// festival in 2011.", as magazines print a conversation with two people.
static DOTTED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?P<label>\p{Lu}{2,}(?:[\s\-]\p{Lu}{2,}){0,2})\.\s+(?P<said>\S.*)$")
        .expect("static dotted label pattern compiles")
});

/// What a colon label opens with ("HALE: ..."), so that "MR. HALE: ..." is not read as "MR".
static LABELLED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\p{Lu}[\p{Lu}\s.'’\-]{0,40}:").expect("static labelled pattern compiles")
});

/// Abbreviations in capitals that a full stop follows without ending a label: "MR. HALE:",
/// "DR. OKAFOR —", "ST. IVES".
const ABBREVIATIONS: &[&str] = &[
    "MR", "MRS", "MS", "MX", "DR", "ST", "JR", "SR", "PROF", "REV", "GEN", "SEN", "REP", "GOV",
    "LT", "COL", "CAPT", "SGT", "HON", "FR", "MT", "NO", "VOL", "FIG", "INT", "EXT",
];

/// A label in brackets at the start of a line: "[Q]", "[A]", "[MR]", or a full name as
/// podcast transcripts write one ("[Marcus Bell] Welcome back").
static BRACKETED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\[(?P<label>Q|A|Question|Answer|\p{Lu}{1,4}|\p{Lu}[\p{L}.'’\-]*(?:\s+\p{Lu}[\p{L}.'’\-]*){1,3})\]\s+(?P<said>\S.*)$")
        .expect("static bracketed label pattern compiles")
});

/// A chat client's log line: an optional time, then the nick in angle brackets (with the
/// channel-operator or voice sign IRC puts before it): "20:02 <tfinch> My grandmother ...",
/// "[20:01] <@quillmod> First one ...".
static NICK: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s+)?<[@+%&~]?(?P<label>[\p{L}\p{N}_.\-\[\]|^`]{2,32})>\s+(?P<said>\S.*)$")
        .expect("static nick pattern compiles")
});

/// What a chat client prints between people's lines: joins, quits, topic changes, "Log
/// opened" (`-!-`, `***`, `-->`, `---`), and actions ("* bramble_owl waves").
static CLIENT_NOTICE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s+)?(?:-!-|\*\*\*|-->|<--|---|\*\s+\S+\s)",
    )
    .expect("static notice pattern compiles")
});

/// An official transcript's question mark: a bare "Q" and a space or two before the
/// reporter's words ("Q  And the cost?"), the answers under their speakers' "NAME:" labels.
static BARE_Q: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^Q\s+(?P<said>[^\s\p{Ll}:.)].*)$").expect("static bare question pattern compiles")
});

/// A committee's numbered question: the question's number before its asker's label ("Q12
/// Chair: ...", "Q13 Tom Pritchard: ..."), as a parliament's record of oral evidence prints it.
static NUMBERED_Q: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^Q\d{1,4}\s+(?P<label>\p{Lu}[^:]{0,44}):\s+(?P<said>\S.*)$")
        .expect("static numbered question pattern compiles")
});

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    /// Dashed and bracketed labels.
    Set,
    Nick,
    BareQ,
    Numbered,
}

/// The text with its dashed, bracketed, chat-log or bare "Q" labels written "LABEL: " (a
/// chat nick as "@nick", as people write one), or `None` when it has no such labels. Dashed,
/// bracketed and chat labels count when at least two lines have them under at least two
/// labels (a turn taking), so a line that opens with a shouted word and a dash stays as it
/// is; bare "Q"s when two lines have one and one of them asks. In a chat log the client's
/// notices between the lines go.
pub(super) fn with_colons(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    let label = |line: &str| {
        let line = line.trim();
        // "[Music Swells] ..." is a stage direction, not a speaker.
        let bracketed = BRACKETED
            .captures(line)
            .filter(|c| !super::clean::STAGE.is_match(&format!("[{}]", &c["label"])));
        // "GRETE. At the festival", not "MR. HALE: ..." nor "WASHINGTON. The senate": a
        // name of one to three words, counted only beside other labels (below).
        let dotted = DOTTED
            .captures(line)
            .filter(|c| !ABBREVIATIONS.contains(&&c["label"]) && !LABELLED.is_match(&c["said"]));
        // A hyphen also sets a cast list's role off from its player ("DELLA - Hana Okafor"):
        // a turn says something in lower case.
        let dashed = DASHED.captures(line).filter(|c| {
            &c["dash"] != "-"
                || c["said"]
                    .split_whitespace()
                    .any(|w| w.starts_with(char::is_lowercase))
        });
        if let Some(c) = dashed.or(bracketed).or(dotted) {
            return Some((c["label"].to_string(), c["said"].to_string(), Family::Set));
        }
        if let Some(c) = NICK.captures(line) {
            return Some((
                format!("@{}", &c["label"]),
                c["said"].to_string(),
                Family::Nick,
            ));
        }
        if let Some(c) = NUMBERED_Q.captures(line) {
            return Some((
                c["label"].to_string(),
                c["said"].to_string(),
                Family::Numbered,
            ));
        }
        // "Q (Screen Weekly): ..." is labelled already.
        let labelled = line.strip_prefix('Q').is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.starts_with('(')
                && rest
                    .find(')')
                    .is_some_and(|close| rest[close + 1..].trim_start().starts_with(':'))
        });
        BARE_Q
            .captures(line)
            .filter(|_| !labelled)
            .map(|c| ("Q".to_string(), c["said"].to_string(), Family::BareQ))
    };
    let labelled: Vec<Option<(String, String, Family)>> = lines.iter().map(|l| label(l)).collect();
    let holds = |family: Family| {
        let lines: Vec<&(String, String, Family)> = labelled
            .iter()
            .flatten()
            .filter(|(_, _, f)| *f == family)
            .collect();
        let distinct: HashSet<&str> = lines.iter().map(|(l, _, _)| l.as_str()).collect();
        lines.len() >= 2
            && match family {
                Family::BareQ => lines.iter().any(|(_, said, _)| said.ends_with('?')),
                Family::Numbered => true,
                Family::Set | Family::Nick => distinct.len() >= 2,
            }
    };
    let families: Vec<Family> = [Family::Set, Family::Nick, Family::BareQ, Family::Numbered]
        .into_iter()
        .filter(|&f| holds(f))
        .collect();
    if families.is_empty() {
        return None;
    }
    let chat = families.contains(&Family::Nick);
    let mut out = String::with_capacity(raw.len());
    for (line, found) in lines.iter().zip(labelled) {
        match found {
            Some((label, said, family)) if families.contains(&family) => {
                out.push_str(&format!("{label}: {said}"));
                // A chat line is a message of its own, whether or not it ends a sentence.
                if family == Family::Nick {
                    out.push('\n');
                }
            }
            _ if chat && CLIENT_NOTICE.is_match(line.trim()) => continue,
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    Some(out)
}

/// A speaker's name and role on a line of their own over their turn, as a conference call's
/// transcript prints them ("Dana Whitcombe - Co-Founder and Chief Executive Officer"): two
/// to four capitalised words, a dash, and a role that is no sentence.
static NAME_OVER_TURN: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?P<label>\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){1,3})\s+[-–—]\s+(?P<role>\S[^.!?]{1,100})$")
        .expect("static name-over-turn pattern compiles")
});

/// A line of dashes, equals signs or underscores between a transcript's turns.
static BAR: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^[-=_*~]{5,}$").expect("static bar pattern compiles"));

/// The fewest name-and-role lines that make a transcript of them (see [`over_turns`]).
const OVER_TURN_LINES: usize = 3;

/// Turns under a line naming their speaker and role (see `NAME_OVER_TURN`), each line standing
/// after a bar or a blank line and over text, as "NAME: turn"; `None` unless at least three
/// such lines name at least two people. The headline, which has the same shape ("Brambleworks
/// Interactive - Q3 2024 Town Hall"), is the first line and never one.
pub(super) fn over_turns(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    let first = lines.iter().position(|l| !l.trim().is_empty())?;
    let label_at = |i: usize| -> Option<String> {
        let line = lines[i].trim();
        let c = NAME_OVER_TURN.captures(line)?;
        let before = i.checked_sub(1).map(|j| lines[j].trim());
        let after = lines.get(i + 1).map(|l| l.trim()).unwrap_or("");
        let opens = before.is_none_or(|b| b.is_empty() || BAR.is_match(b));
        (i > first && opens && !after.is_empty() && !BAR.is_match(after))
            .then(|| c["label"].to_string())
    };
    let labels: Vec<Option<String>> = (0..lines.len()).map(label_at).collect();
    let found: Vec<&String> = labels.iter().flatten().collect();
    let distinct: HashSet<&String> = found.iter().copied().collect();
    if found.len() < OVER_TURN_LINES || distinct.len() < 2 {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    let mut pending: Option<&str> = None;
    for (i, (line, label)) in lines.iter().zip(&labels).enumerate() {
        let t = line.trim();
        // The same transcript's labels with no role ("Operator:") stand over their turns too.
        let bare = t
            .strip_suffix(':')
            .filter(|l| BARE_LABEL.is_match(l))
            .filter(|_| lines.get(i + 1).is_some_and(|n| !n.trim().is_empty()));
        if let Some(name) = label.as_deref().or(bare) {
            pending = Some(name);
            out.push('\n');
            continue;
        }
        // The bars between turns go: a turn is a paragraph.
        if BAR.is_match(t) {
            out.push('\n');
            continue;
        }
        if let Some(name) = pending.take() {
            out.push_str(name);
            out.push_str(": ");
        }
        out.push_str(line);
        out.push('\n');
    }
    Some(out)
}

/// A speaker's label alone on its line before its colon: one to four capitalised words.
static BARE_LABEL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,3}$")
        .expect("static bare label pattern compiles")
});

/// A question sent to a blog or asked on a book site's page: "anonymous asked: ...",
/// "ferryfan22 asked: ...", "Sarah K. asked:", or the header alone with the question on the
/// lines under it.
static ASKED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:[\w.-]{2,30}|\p{Lu}[\p{L}'’\-]*\.?(?:\s+\p{Lu}[\p{L}'’\-]*\.?){1,3})\s+asked:(?:\s+(?P<q>\S.*))?$")
        .expect("static asked pattern compiles")
});

/// A question's header that names who sent it after the fact: "Question from Tom", "Asked by
/// bookish_rhi".
static ASKED_FROM: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?i:question from|asked by)\s+[\w.\-'’]{2,30}(?:\s+\p{Lu}[\p{L}'’\-]*\.?){0,3}$")
        .expect("static asked-from pattern compiles")
});

/// An answer's header naming who answers: "Odalys Fenwick answered:", with the answer after
/// it or on the lines under it.
static ANSWERED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?P<name>\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*){0,3})\s+(?:answered|replied|responded):(?:\s+(?P<a>\S.*))?$")
        .expect("static answered pattern compiles")
});

/// A question's or an answer's controls and counts on such a page: "48 likes · Like · Reply",
/// "See all 31 comments", "Mar 04, 2025 09:12AM".
static ASK_CONTROLS: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:\d[\d,.]*k?\s+(?:likes?|votes?|upvotes?|comments?|replies|answers?)(?:\s*·.*)?|(?:like|reply|report|flag|share)(?:\s*·\s*(?:like|reply|report|flag|share))*|see all \d[\d,]*\s+(?:comments?|replies|answers?)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}(?:,?\s+\d{1,2}:\d{2}\s*(?:[ap]m)?)?)$")
        .expect("static ask controls pattern compiles")
});

/// Who keeps the blog, signed under its posts: "Posted by thistle-and-thread (Hanne Lindahl)",
/// "Answered by Hanne Lindahl".
static OWNER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?i:posted|answered|written|replies)\s+(?i:by)\s+(?:[\w.-]{2,40}\s+\()?(?P<name>\p{Lu}\p{Ll}+(?:\s+\p{Lu}[\p{L}'’-]+){1,3})\)?$")
        .expect("static owner pattern compiles")
});

/// A line of a blog post's tags: "#ask #harbour lights #writing".
static TAGS: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^#[^#\s][^#]*(?:#[^#\s][^#]*)*$").expect("static tags pattern compiles")
});

/// A blog's or a book site's questions and replies as "Q:" turns and the replier's (the tags
/// under each reply, and each post's likes, buttons and date, dropped), or `None` when fewer
/// than two questions were sent.
pub(super) fn asks(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    let asked = |t: &str| ASKED.is_match(t) || ASKED_FROM.is_match(t);
    if lines.iter().filter(|l| asked(l.trim())).count() < 2 {
        return None;
    }
    let owner = lines
        .iter()
        .find_map(|l| OWNER.captures(l.trim()))
        .map(|c| c["name"].to_string());
    // Who answers under a header of their own ("Odalys Fenwick answered:"): their name alone
    // on a line under a question heads an answer too.
    let answerers: Vec<String> = lines
        .iter()
        .filter_map(|l| ANSWERED.captures(l.trim()))
        .map(|c| c["name"].to_string())
        .collect();
    // The replies are the owner's, when the page says who that is.
    let mut reply_label = owner.clone().unwrap_or_else(|| "A".to_string());
    let mut out = String::with_capacity(raw.len());
    // After a question, the first paragraph of text is the reply.
    let mut replying = false;
    // A header alone: the question is the lines under it, up to a blank line.
    let mut asking = false;
    for line in lines {
        let t = line.trim();
        if let Some(c) = ASKED.captures(t) {
            match c.name("q") {
                Some(q) => {
                    out.push_str(&format!("Q: {}\n", q.as_str()));
                    replying = true;
                }
                None => {
                    out.push_str("Q:");
                    asking = true;
                }
            }
            continue;
        }
        if ASKED_FROM.is_match(t) {
            out.push_str("Q:");
            asking = true;
            continue;
        }
        let answer_header = ANSWERED
            .captures(t)
            .map(|c| (c["name"].to_string(), c.name("a").map(|a| a.as_str())))
            .or_else(|| {
                answerers
                    .iter()
                    .any(|a| a == t)
                    .then(|| (t.to_string(), None))
            });
        if let Some((name, said)) = answer_header {
            if asking {
                out.push_str("\n\n");
                asking = false;
            }
            match said {
                Some(said) => {
                    out.push_str(&format!("{name}: {said}\n"));
                    replying = false;
                }
                None => {
                    reply_label = name;
                    replying = true;
                }
            }
            continue;
        }
        if ASK_CONTROLS.is_match(t) {
            if asking {
                out.push_str("\n\n");
                asking = false;
            }
            continue;
        }
        if asking {
            if t.is_empty() {
                out.push_str("\n\n");
                asking = false;
                replying = true;
            } else {
                out.push(' ');
                out.push_str(t);
            }
            continue;
        }
        if TAGS.is_match(t) && t.split('#').count() > 2 {
            continue;
        }
        if owner.is_some() && OWNER.is_match(t) {
            continue;
        }
        if replying && !t.is_empty() {
            out.push_str(&format!("{reply_label}: {t}\n"));
            replying = false;
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    Some(out)
}

/// A line opened by a name label ("Priya: ...", "**Priya:** ...") or a one-letter label ("P:
/// ...").
static NAME_OR_INITIAL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:\*\*|__)?(?:(?P<initial>\p{Lu})|(?P<name>\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?))(?::(?:\*\*|__)?|(?:\*\*|__)?:)\s+\S")
        .expect("static name or initial pattern compiles")
});

/// Turns labelled by a name in one place and by its initial in another ("Priya: ..." and, a
/// few turns on, "P: ..."), as a loosely edited interview mixes them: each initial is written
/// out as the one name label it begins, so that the two are one speaker. `None` when no
/// initial is used twice and begins exactly one name label ("Q:" and "A:" keep their roles).
pub(super) fn initials_as_names(raw: &str) -> Option<String> {
    let mut initials: std::collections::HashMap<char, usize> = std::collections::HashMap::new();
    let mut names: HashSet<&str> = HashSet::new();
    // Each line with the initial that labels it, read once for the count and the rewrite.
    let lines: Vec<(&str, Option<char>)> = raw
        .split_inclusive('\n')
        .map(|line| {
            let c = NAME_OR_INITIAL.captures(line.trim_start());
            let initial = c
                .as_ref()
                .and_then(|c| c.name("initial"))
                .and_then(|m| m.as_str().chars().next());
            match (initial, c.as_ref().and_then(|c| c.name("name"))) {
                (Some(i), _) => *initials.entry(i).or_default() += 1,
                (None, Some(n)) => {
                    names.insert(n.as_str());
                }
                (None, None) => {}
            }
            (line, initial)
        })
        .collect();
    let written: std::collections::HashMap<char, &str> = initials
        .into_iter()
        .filter(|&(i, n)| n >= 2 && i != 'Q' && i != 'A')
        .filter_map(|(i, _)| {
            let mut starting = names.iter().filter(|n| n.starts_with(i));
            match (starting.next(), starting.next()) {
                (Some(name), None) => Some((i, *name)),
                _ => None,
            }
        })
        .collect();
    if written.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(raw.len() + 64);
    for (line, initial) in lines {
        let t = line.trim_start();
        match initial.and_then(|i| written.get(&i)) {
            Some(name) => {
                let at = t.find(|c: char| c.is_uppercase()).unwrap_or(0);
                out.push_str(&t[..at]);
                out.push_str(name);
                out.push_str(&t[at + 1..]);
            }
            None => out.push_str(line),
        }
    }
    Some(out)
}

pub(super) fn warm_up() {
    Lazy::force(&NAME_OR_INITIAL);
    for r in [
        &DASHED,
        &BRACKETED,
        &NICK,
        &CLIENT_NOTICE,
        &BARE_Q,
        &NUMBERED_Q,
        &ASKED,
        &ASKED_FROM,
        &ANSWERED,
        &ASK_CONTROLS,
        &OWNER,
        &TAGS,
        &NAME_OVER_TURN,
        &BAR,
        &BARE_LABEL,
    ] {
        Lazy::force(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blogs_questions_and_replies_are_turns() {
        let raw = "anonymous asked: will she forgive him??\n\nNot yet.\n\n#ask #harbour lights\n\nfan22 asked: how long is an episode?\n\nSix weeks.\n";
        assert_eq!(
            asks(raw).as_deref(),
            Some("Q: will she forgive him??\n\nA: Not yet.\n\n\nQ: how long is an episode?\n\nA: Six weeks.\n")
        );
        assert_eq!(asks("Nobody asked: why?\n"), None);
    }

    #[test]
    fn dashed_and_bracketed_labels_take_a_colon() {
        assert_eq!(
            with_colons("INTERVIEWER — Why ice?\n\nHADDAD — It was cheap.\n").as_deref(),
            Some("INTERVIEWER: Why ice?\n\nHADDAD: It was cheap.\n")
        );
        assert_eq!(
            with_colons("[Q] Who drove?\n\n[A] I did.\n").as_deref(),
            Some("Q: Who drove?\n\nA: I did.\n")
        );
        // A chat log's nicks, with its client's notices gone and each line a turn.
        assert_eq!(
            with_colons("19:58 -!- owl [~o@host] has joined #books\n20:01 <@mod> why apples?\n20:02 * owl waves\n20:02 <tfinch> my grandmother\n").as_deref(),
            Some("@mod: why apples?\n\n@tfinch: my grandmother\n\n")
        );
        // An official transcript's bare "Q", which must ask once; "Q and A" is no label.
        assert_eq!(
            with_colons("Q  And the cost?\n\nMAYOR: High.\n\nQ  Thank you.\n").as_deref(),
            Some("Q: And the cost?\n\nMAYOR: High.\n\nQ: Thank you.\n")
        );
        assert_eq!(with_colons("Q and A.\n\nQ and A again?\n"), None);
        assert_eq!(
            with_colons("Q (Variety): Why?\n\nVANE: Boots.\n\nQ (Vogue): And?\n"),
            None
        );
        // A podcast's bracketed full names; a bracketed stage direction is no name.
        assert_eq!(
            with_colons(
                "[Marcus Bell] Why nights?\n\n[Dinah Park] Because.\n\n[Music Swells] Later.\n"
            )
            .as_deref(),
            Some("Marcus Bell: Why nights?\n\nDinah Park: Because.\n\n[Music Swells] Later.\n")
        );
        // A hyphen typed for the dash; a cast list's "ROLE - Player" says nothing.
        assert_eq!(
            with_colons("MIRA - Why clay?\n\nTOMAS - (laughs) It was cheap.\n").as_deref(),
            Some("MIRA: Why clay?\n\nTOMAS: (laughs) It was cheap.\n")
        );
        assert_eq!(
            with_colons("DELLA - Hana Okafor\nARTHUR - Tomas Reyes\n"),
            None
        );
        // One shouted word and a dash is not a turn taking.
        assert_eq!(with_colons("BREAKING — The studio has closed.\n"), None);
        assert_eq!(
            with_colons("NOTE — one.\n\nNOTE — two.\n"),
            None,
            "one label alone is no dialogue"
        );
    }

    #[test]
    fn a_book_sites_questions_and_the_authors_answers_are_turns() {
        let page = "Sarah K. asked:\nWhere did the idea come from?\n48 likes · Like · Reply\n\
                    Mar 04, 2025 09:12AM\n\nOdalys Fenwick answered:\nIt started with a ledger.\n\
                    See all 31 comments\n\nQuestion from Tom\nHow long did it take?\n\
                    37 likes · Like · Reply\n\nOdalys Fenwick\nSeven years.\n";
        let turns = asks(page).unwrap_or_default();
        assert!(
            turns.contains("Q: Where did the idea come from?"),
            "{turns}"
        );
        assert!(
            turns.contains("Odalys Fenwick: It started with a ledger."),
            "{turns}"
        );
        assert!(turns.contains("Q: How long did it take?"), "{turns}");
        assert!(turns.contains("Odalys Fenwick: Seven years."), "{turns}");
        for gone in ["likes", "09:12AM", "See all", "answered:"] {
            assert!(!turns.contains(gone), "{gone} in {turns}");
        }
    }
}
