//! Speaker labels set off by something other than a colon: a dash ("HADDAD — We didn't use
//! real ice"), brackets ("[Q] Who drove?"), or a question sent to a blog ("anonymous asked:
//! will bridie ever forgive her brother??") with the owner's reply under it. They become
//! "LABEL:", the form every other labelled layout is read in.

use std::collections::HashSet;

use once_cell::sync::Lazy;
use regex::Regex;

/// A label in capitals (or "Q"/"A") and a dash after it, at the start of a line.
static DASHED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?P<label>\p{Lu}[\p{Lu}.'’\-]*(?:\s+\p{Lu}[\p{Lu}.'’\-]*){0,3})\s+[—–]\s+(?P<said>\S.*)$")
        .expect("static dashed label pattern compiles")
});

/// A label in brackets at the start of a line: "[Q]", "[A]", "[MR]".
static BRACKETED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\[(?P<label>Q|A|Question|Answer|\p{Lu}{1,4})\]\s+(?P<said>\S.*)$")
        .expect("static bracketed label pattern compiles")
});

/// The text with its dashed or bracketed labels written "LABEL: ", or `None` when it has no
/// such labels: at least two lines of them, under at least two labels (a turn taking), so a
/// line that opens with a shouted word and a dash stays as it is.
pub(super) fn with_colons(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    let label = |line: &str| {
        let line = line.trim();
        DASHED
            .captures(line)
            .or_else(|| BRACKETED.captures(line))
            .map(|c| (c["label"].to_string(), c["said"].to_string()))
    };
    let labelled: Vec<Option<(String, String)>> = lines.iter().map(|l| label(l)).collect();
    let distinct: HashSet<&str> = labelled.iter().flatten().map(|(l, _)| l.as_str()).collect();
    if labelled.iter().flatten().count() < 2 || distinct.len() < 2 {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    for (line, found) in lines.iter().zip(labelled) {
        match found {
            Some((label, said)) => out.push_str(&format!("{label}: {said}")),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    Some(out)
}

/// A question sent to a blog: "anonymous asked: ...", "ferryfan22 asked: ...".
static ASKED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:[\w.-]{2,30})\s+asked:\s+(?P<q>\S.*)$").expect("static asked pattern compiles")
});

/// A line of a blog post's tags: "#ask #harbour lights #writing".
static TAGS: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^#[^#\s][^#]*(?:#[^#\s][^#]*)*$").expect("static tags pattern compiles")
});

/// A blog's questions and replies as "Q:" and "A:" turns (the tags under each reply dropped),
/// or `None` when fewer than two questions were sent.
pub(super) fn asks(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    if lines.iter().filter(|l| ASKED.is_match(l.trim())).count() < 2 {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    // After a question, the first paragraph of text is the reply.
    let mut replying = false;
    for line in lines {
        let t = line.trim();
        if let Some(c) = ASKED.captures(t) {
            out.push_str(&format!("Q: {}\n", &c["q"]));
            replying = true;
            continue;
        }
        if TAGS.is_match(t) && t.split('#').count() > 2 {
            continue;
        }
        if replying && !t.is_empty() {
            out.push_str(&format!("A: {t}\n"));
            replying = false;
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    Some(out)
}

pub(super) fn warm_up() {
    for r in [&DASHED, &BRACKETED, &ASKED, &TAGS] {
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
        // One shouted word and a dash is not a turn taking.
        assert_eq!(with_colons("BREAKING — The studio has closed.\n"), None);
        assert_eq!(
            with_colons("NOTE — one.\n\nNOTE — two.\n"),
            None,
            "one label alone is no dialogue"
        );
    }
}
