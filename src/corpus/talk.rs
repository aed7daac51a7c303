//! A wiki's talk page: comments indented with colons, each signed at its end with the editor's
//! name and the time in UTC ("— Tidewrack (talk) 14:02, 3 May 2026 (UTC)", "[[User:Hedda
//! Lunn|Hedda Lunn]] ([[User talk:...|talk]]) 09:15, ..."), under "== Section ==" headings, with
//! the wiki's templates ("{{WikiProject ...}}", "{{od}}") and markup around them. Read as one
//! "NAME: comment" turn per comment under the sections, the form every labelled layout is read
//! in. An editor who says who they are ("I am Teodor Haugsland, the subject of this article")
//! is that person.

use std::collections::HashMap;

use once_cell::sync::Lazy;
use regex::Regex;

/// A signature's time: "14:02, 3 May 2026 (UTC)" at the end of a line.
static SIGNED_AT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\d{1,2}:\d{2},\s+\d{1,2}\s+\p{L}+\s+\d{4}\s+\(UTC\)\s*(?:</small>)?\s*$")
        .expect("static signature time pattern compiles")
});

/// Who signed: a link to their user page, or their name before "(talk)", or the address an
/// unsigned comment came from.
static SIGNER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:\[\[User:[^|\]]+\|(?P<link>[^\]]+)\]\]|[—–-]{1,2}\s*(?P<plain>[^—–\[\]()]{1,40}?)\s*\(talk\)|comment added by\s+(?P<ip>[^\s(\[]+))")
        .expect("static signer pattern compiles")
});

/// What opens an unsigned comment's notice ("<small>—Preceding [[Wikipedia:Signatures|unsigned]]
/// comment added by ...").
static UNSIGNED_NOTICE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:<small>\s*)?[—–-]*\s*Preceding\s").expect("static unsigned notice compiles")
});

/// "== Question about the 1998 fire ==".
static HEADING: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(={2,4})\s*(?P<title>[^=].*?)\s*={2,4}\s*$").expect("static heading compiles")
});

/// The wiki's markup inside a comment: links ("[[a|b]]" is b), bold and italic quotes, small
/// tags, and inline templates ("{{od}}", "{{done}}").
static LINK: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]").expect("static link pattern compiles")
});
static TEMPLATE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\{\{[^{}]*\}\}").expect("static template pattern compiles"));
static TAG: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"</?(?:small|s|u|sup|sub|br\s*/?)>").expect("static tag compiles"));

/// "I am Teodor Haugsland", "I'm Hedda Lunn": an editor saying who they are.
static SELF_NAMED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\bI(?:'m|’m| am)\s+(?P<name>\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+){1,2})\b")
        .expect("static self-naming pattern compiles")
});

/// The fewest signed comments that make a talk page.
const MIN_SIGNED: usize = 3;

/// The talk page's comments as "NAME: comment" turns under its sections, its templates and the
/// site's chrome above the first section dropped; `None` unless at least three lines are signed
/// as a wiki signs them.
pub(super) fn comments(raw: &str) -> Option<String> {
    // Read first for every article: most have no signature at all, and need no line scanned.
    if !raw.contains("(UTC)") {
        return None;
    }
    let lines: Vec<&str> = raw.lines().collect();
    if lines.iter().filter(|l| SIGNED_AT.is_match(l)).count() < MIN_SIGNED {
        return None;
    }
    let title = lines
        .iter()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
        .map(|l| l.trim_start_matches("Talk:").to_string())
        .unwrap_or_default();
    // Each comment: its section, its signer and its text.
    let mut turns: Vec<(Option<String>, String, String)> = Vec::new();
    let mut section: Option<String> = None;
    let mut pending = String::new();
    let mut started = false;
    let mut depth = 0i32;
    for line in &lines {
        let t = line.trim();
        // A template spread over lines ("{{WikiProject banner shell|...").
        if depth > 0 || (t.starts_with("{{") && !t.contains("}}")) {
            depth += t.matches("{{").count() as i32 - t.matches("}}").count() as i32;
            depth = depth.max(0);
            continue;
        }
        if let Some(c) = HEADING.captures(t) {
            section = Some(plain(&c["title"]));
            pending.clear();
            started = true;
            continue;
        }
        if !started || t.is_empty() {
            continue;
        }
        let body = t.trim_start_matches([':', '*', '#']).trim();
        if !SIGNED_AT.is_match(body) {
            // A comment's line signed further on.
            let text = plain(body);
            if !text.is_empty() {
                pending.push_str(&text);
                pending.push(' ');
            }
            continue;
        }
        // The signature is the last signer named on the line (a dash inside the comment, or
        // a user it links to, is not); an unsigned comment's address is no name a label
        // could carry.
        let Some(c) = SIGNER.captures_iter(body).last() else {
            continue;
        };
        let who = c
            .name("link")
            .or_else(|| c.name("plain"))
            .map_or("Anonymous".to_string(), |name| {
                name.as_str().trim().to_string()
            });
        let at = c.get(0).map_or(body.len(), |m| m.start());
        let cut = if c.name("ip").is_some() {
            UNSIGNED_NOTICE
                .find_iter(&body[..at])
                .last()
                .map_or(at, |m| m.start())
        } else {
            at
        };
        // The dash a user link's signature opens with.
        let said = body[..cut].trim_end().trim_end_matches(['—', '–', '-']);
        pending.push_str(&plain(said));
        let text = std::mem::take(&mut pending).trim().to_string();
        if !text.is_empty() {
            turns.push((section.clone(), who, text));
        }
    }
    if turns.len() < MIN_SIGNED {
        return None;
    }
    // An editor who says who they are is that person in every turn.
    let mut known: HashMap<String, String> = HashMap::new();
    for (_, who, text) in &turns {
        if let Some(c) = SELF_NAMED.captures(text) {
            known
                .entry(who.clone())
                .or_insert_with(|| c["name"].to_string());
        }
    }
    let mut out = format!("{title}\n\n");
    let mut last_section: Option<&str> = None;
    for (section, who, text) in &turns {
        if section.as_deref() != last_section {
            if let Some(s) = section {
                out.push_str(&format!("## {s}\n\n"));
            }
            last_section = section.as_deref();
        }
        let name = known.get(who).unwrap_or(who);
        out.push_str(&format!("{name}: {text}\n\n"));
    }
    Some(out)
}

/// A comment's text without the wiki's markup.
fn plain(text: &str) -> String {
    let text = LINK.replace_all(text, "$1");
    let text = TEMPLATE.replace_all(&text, "");
    let text = TAG.replace_all(&text, "");
    text.replace("'''", "")
        .replace("''", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn warm_up() {
    for r in [
        &SIGNED_AT,
        &SIGNER,
        &UNSIGNED_NOTICE,
        &HEADING,
        &LINK,
        &TEMPLATE,
        &TAG,
        &SELF_NAMED,
    ] {
        Lazy::force(r);
    }
}

#[cfg(test)]
mod tests {
    use super::comments;

    #[test]
    fn a_dash_inside_a_comment_is_not_where_its_signature_starts() {
        let page = "Talk:Ada Brenn\n\n== Boats ==\n\n\
            Why the red hull — was it luck? — Tidewrack (talk) 14:02, 3 May 2026 (UTC)\n\
            :Paint was cheap that year — red was all they had. [[User:Ada_B|Ada B]] ([[User talk:Ada_B|talk]]) 15:00, 3 May 2026 (UTC)\n\
            ::Thanks. <small>—Preceding [[Wikipedia:Signatures|unsigned]] comment added by 81.2.69.160 ([[User talk:81.2.69.160|talk]]) 16:00, 3 May 2026 (UTC)</small>\n";
        let text = comments(page).unwrap_or_default();
        assert!(
            text.contains("Tidewrack: Why the red hull — was it luck?\n"),
            "{text}"
        );
        assert!(
            text.contains("Ada B: Paint was cheap that year — red was all they had.\n"),
            "{text}"
        );
        assert!(text.contains("Anonymous: Thanks.\n"), "{text}");
        assert!(text.contains("## Boats"), "{text}");
    }
}
