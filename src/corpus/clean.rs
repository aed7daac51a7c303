//! Removing web boilerplate (captions, credits, comment forms, footers) from an article.
//!
//! The rules are structural rather than a list of known strings, so that the next article a user
//! drops into the folder is cleaned too:
//!
//! * a line that is not a sentence (no terminal punctuation, short) is a caption, credit,
//!   headline or link, not article text;
//! * a short line in title case, or shaped like a `Name/Outlet` photo credit, is a caption even
//!   when it ends with a period;
//! * lines matching generic comment-form, sharing, social, footer and cookie patterns are
//!   dropped, and a comment form or share/related block ends the article;
//! * a whole paragraph in square brackets is an editor's note.
//!
//! Everything that ends like a sentence and matches none of those patterns is kept verbatim
//! (apart from whitespace normalisation).

use once_cell::sync::Lazy;
use regex::{Regex, RegexSet};

/// What cleaning found in one article file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// The first line, when it reads like a headline.
    pub title: Option<String>,
    /// A date-only line near the top, as `YYYY-MM-DD` when it could be parsed.
    pub date: Option<String>,
    /// The name from a "Source: X" credit line.
    pub source: Option<String>,
    /// Article body paragraphs, in order.
    pub paragraphs: Vec<String>,
}

/// Boilerplate lines are short; a long line is article prose even if a pattern happens to match,
/// and skipping long lines keeps pattern matching cheap on huge single-line files.
const PATTERN_MAX_LEN: usize = 600;
/// "Contains" patterns (e.g. "in the comments") are only trusted on lines this short.
const LOOSE_PATTERN_MAX_LEN: usize = 300;
/// An unterminated line shorter than this is a caption/headline/link; a longer one is more
/// likely prose whose final period was lost in scraping, so it is kept.
const CAPTION_MAX_LEN: usize = 250;
/// A title-case line that ends with a period is still a caption when it is this short.
const TITLE_CASE_CAPTION_MAX_LEN: usize = 150;
/// The title is the first line; a date line only counts as metadata this close to the top.
const DATE_SEARCH_UNITS: usize = 6;

/// Anchored or very specific patterns: safe on any line up to `PATTERN_MAX_LEN`.
///
/// Word boundaries here are ASCII (`(?-u:\b)`): a Unicode `\b` makes the regex engine leave its
/// DFA for a much slower NFA on every line with a curly quote or an accent, which was a third of
/// the time of loading a large article. The patterns are English words, where both agree.
static STRICT: Lazy<RegexSet> = Lazy::new(|| {
    RegexSet::new([
        r"(?i)^(?:leave|post|add|write) a (?:reply|comment|response)(?-u:\b)",
        r"(?i)^fill in your details(?-u:\b)",
        r"(?i)(?-u:\b)you are commenting using(?-u:\b)",
        r"(?i)(?-u:\b)log ?(?:in|out)(?-u:\b).*(?-u:\b)change(?-u:\b)",
        r"(?i)^(?:log ?(?:in|out)|sign (?:in|up)|register|subscribe)(?-u:\b)",
        r"(?i)^connecting to %s",
        r"(?i)(?-u:\b)bloggers? like this(?-u:\b)",
        r"(?i)^(?:share|like|tweet|email|print|pin) (?:this|it)(?: (?:article|story|post|page))?\s*[:!]?$",
        r"(?i)^(?:share|tweet|post) (?:on|via|to) \S+\s*$",
        r"(?i)^(?:share|like|tweet|email|print|comments?)\s*:?$",
        r"(?i)^related(?:\s+(?:posts?|articles?|stories|content|coverage|reading|links?))?\s*:?",
        r"(?i)^(?:follow|find|like|join|catch|connect with) (?:me|us)(?-u:\b)",
        r"(?i)^(?:posted|filed) (?:in|on|under|by)(?-u:\b)",
        r"(?i)^tagged(?-u:\b)|\|\s*tagged(?-u:\b)",
        r"(?i)^(?:sound off|let us know|tell us what you think|share your thoughts)(?-u:\b)",
        r"(?i)^(?:advertisement|sponsored(?: content)?|(?:like )?loading\W*)$",
        r"(?i)(?-u:\b)opens in (?:a )?new (?:window|tab)(?-u:\b)",
        r"(?i)^(?:next|previous|prev|up next|read (?:more|next|also)|see also|also read|more|watch|recommended|you (?:may|might) also like|don'?t miss|trending|more from \S+)\s*:",
        r"(?i)^source\s*:\s*\S",
        r"(?i)^(?:photo|image|picture|video|still|art|artwork|illustration|header|featured image|poster)s?(?: credit)?\s*:",
        r"(?i)^(?:photo|image|picture|video|still|artwork|illustration|poster)s?\s+(?:via|courtesy(?: of)?|by|from|credit)(?-u:\b)",
        r"(?i)^(?:via|credits?|courtesy(?: of)?|h/t|hat tip)\s*:",
        r"(?i)^(?:via|courtesy of|h/t|hat tip)\s+[^.!?]{1,60}$",
        r"(?i)^(?:pingback|trackback)\s*:",
        r"^(?:\d+\.\s*)?\[(?:…|\.\.\.)\]",
        r"\[(?:…|\.\.\.)\]$",
        r"(?i)^(?:©|\(c\)\s|copyright(?-u:\b))|(?-u:\b)all rights reserved(?-u:\b)",
        r"(?i)^(?:google\+?|twitter|facebook|instagram|reddit|tumblr|pinterest|linkedin|whatsapp|telegram|pocket|email|print)(?:\s+(?:photo|picture|account|icon|logo))?$",
        r"(?i)^(?:click|tap) (?:here|to)(?-u:\b)",
        r"(?i)^\d+ (?:comments?|responses?|replies)(?-u:\b)",
    ])
    .expect("static boilerplate patterns compile")
});

/// Patterns that could occur inside a sentence; only applied to short lines.
static LOOSE: Lazy<RegexSet> = Lazy::new(|| {
    RegexSet::new([
        r"(?i)(?-u:\b)comments? (?:below|section)(?-u:\b)|(?-u:\b)in the comments(?-u:\b)",
        r"(?i)(?-u:\b)keep (?:following|reading|checking)(?-u:\b).*(?-u:\b)for more(?-u:\b)",
        r"(?i)(?-u:\b)(?:we|this (?:web)?site|our site|this blog) uses? cookies(?-u:\b)|(?-u:\b)accept (?:all )?cookies(?-u:\b)|(?-u:\b)cookie (?:policy|settings|preferences)(?-u:\b)",
        r"(?i)(?-u:\b)(?:subscribe to|sign up for) (?:our|the) (?:newsletter|channel|podcast|mailing list)(?-u:\b)",
        r"(?i)(?-u:\b)follow (?:me|us|him|her|them) on (?:twitter|instagram|facebook|tiktok|youtube|threads|bluesky)(?-u:\b)",
    ])
    .expect("static loose patterns compile")
});

/// Once one of these appears (after some article text), the rest is comment form, sharing
/// buttons or related links, whose excerpts would otherwise survive as sentences.
static FOOTER_START: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^(?:(?:leave|post|add) a (?:reply|comment)(?-u:\b)|fill in your details(?-u:\b)|you are commenting using(?-u:\b)|(?:share|like) this\s*:?\s*$|related(?:\s+(?:posts?|articles?|stories))?\s*:?\s*$|post navigation\s*$|\d+ (?:comments?|responses?|replies)\s*$|comments\s*$|%d bloggers like this)",
    )
    .expect("static footer pattern compiles")
});

/// `Firstname Lastname/Outlet`, the usual photo credit.
static CREDIT: Lazy<Regex> = Lazy::new(|| {
    // The agency's length is checked in `is_credit`: a bounded repeat of a Unicode class
    // ({0,40}) made this one pattern cost more to compile than reading the five seeds.
    Regex::new(r"^\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,3}\s*/\s*[\p{Lu}\p{N}]([\p{L}\p{N}&'’. \-]*)$")
        .expect("static credit pattern compiles")
});

/// A photo credit line ("Mark Smith/Getty Images").
fn is_credit(unit: &str) -> bool {
    CREDIT
        .captures(unit)
        .and_then(|c| c.get(1))
        .is_some_and(|agency| agency.as_str().chars().count() <= 40)
}

/// An editor's note: a whole paragraph in square brackets, or a parenthesised note.
static EDITOR_NOTE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^\[[^\[\]]*\]$|^\((?:editor'?s note|editor’s note|note|update|this (?:story|article|post|interview|piece))\b[^()]*\)$")
        .expect("static note pattern compiles")
});

static SOURCE_NAME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^source\s*:\s*(.+?)\.?$").expect("static source pattern compiles")
});

static DATE_MDY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:(?:published|posted|updated)(?: on)?:?\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?$")
        .expect("static date pattern compiles")
});
static DATE_DMY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:(?:published|posted|updated)(?: on)?:?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})$")
        .expect("static date pattern compiles")
});
static DATE_ISO: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(\d{4})-(\d{2})-(\d{2})$").expect("static date pattern compiles"));

/// Words that stay lower case in a title-case headline.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "of", "on", "or",
    "the", "to", "vs", "with", "via", "-", "–", "—", "|",
];

/// Cleans one article. Returns the body paragraphs and the metadata lines that were found.
pub fn clean_article(raw: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let blocks = blocks_of_units(raw);
    let mut seen_units = 0usize;
    'blocks: for (units, wrapped) in blocks {
        let mut kept: Vec<String> = Vec::new();
        for unit in units {
            seen_units += 1;
            if seen_units == 1 && out.title.is_none() && is_title_like(&unit) {
                out.title = Some(unit);
                continue;
            }
            if seen_units <= DATE_SEARCH_UNITS && out.date.is_none() {
                if let Some(date) = parse_date(&unit) {
                    out.date = Some(date);
                    continue;
                }
            }
            let has_text = !out.paragraphs.is_empty() || !kept.is_empty();
            if has_text && unit.len() <= PATTERN_MAX_LEN && FOOTER_START.is_match(&unit) {
                push_block(&mut out.paragraphs, kept, wrapped);
                break 'blocks;
            }
            if out.source.is_none() && unit.len() <= PATTERN_MAX_LEN {
                if let Some(c) = SOURCE_NAME.captures(&unit) {
                    out.source = Some(c[1].trim().to_string());
                }
            }
            if !is_boilerplate(&unit) {
                kept.push(unit);
            }
        }
        push_block(&mut out.paragraphs, kept, wrapped);
    }
    out
}

fn push_block(paragraphs: &mut Vec<String>, kept: Vec<String>, wrapped: bool) {
    if kept.is_empty() {
        return;
    }
    if wrapped {
        paragraphs.push(kept.join(" "));
    } else {
        paragraphs.extend(kept);
    }
}

/// Splits the text into blocks (separated by blank lines) of units. A unit is a line, or several
/// lines of hard-wrapped prose joined back together. The flag says whether the block was
/// hard-wrapped, in which case its surviving units form one paragraph; otherwise each line is a
/// paragraph of its own (one-paragraph-per-line exports).
fn blocks_of_units(raw: &str) -> Vec<(Vec<String>, bool)> {
    let mut blocks = Vec::new();
    let mut units: Vec<String> = Vec::new();
    let mut wrapped = false;
    for line in raw.split('\n') {
        let line = normalize_line(line);
        if line.is_empty() {
            if !units.is_empty() {
                blocks.push((std::mem::take(&mut units), wrapped));
            }
            wrapped = false;
            continue;
        }
        match units.last_mut() {
            Some(last) if continues(last, &line) => {
                last.push(' ');
                last.push_str(&line);
                wrapped = true;
            }
            _ => units.push(line),
        }
    }
    if !units.is_empty() {
        blocks.push((units, wrapped));
    }
    blocks
}

/// Whether `next` continues the hard-wrapped sentence in `prev` rather than starting a new line
/// of its own (a caption followed by a credit, a headline followed by text).
fn continues(prev: &str, next: &str) -> bool {
    if ends_like_sentence(prev) {
        return false;
    }
    // Captions and headlines are short; only look closer at short lines so that rejoining a
    // long wrapped paragraph stays linear.
    if prev.len() > TITLE_CASE_CAPTION_MAX_LEN {
        return true;
    }
    if is_boilerplate_pattern(prev) || is_credit(prev) {
        return false;
    }
    let next_upper = next.chars().next().is_some_and(char::is_uppercase);
    !(next_upper && is_title_case(prev))
}

/// Collapses whitespace (including no-break and zero-width spaces) and trims.
fn normalize_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        match c {
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\r' => {}
            c if c.is_whitespace() => pending_space = true,
            c if c.is_control() => pending_space = true,
            c => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    out
}

/// Ends with sentence punctuation (or a colon introducing what follows), ignoring closing
/// quotes and brackets.
pub(crate) fn ends_like_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»' | '*' | '_')
    });
    t.ends_with(['.', '!', '?', '…', ':'])
}

fn is_boilerplate(unit: &str) -> bool {
    if is_boilerplate_pattern(unit) || EDITOR_NOTE.is_match(unit) || is_credit(unit) {
        return true;
    }
    if parse_date(unit).is_some() {
        return true;
    }
    if !ends_like_sentence(unit) {
        return unit.len() < CAPTION_MAX_LEN;
    }
    // Captions such as "Krysten Ritter as Jessica Jones in Season 1." are title case even when
    // an editor added a period. Questions and exclamations are left alone: those are speech.
    unit.ends_with('.')
        && unit.len() <= TITLE_CASE_CAPTION_MAX_LEN
        && unit.split_whitespace().count() >= 5
        && !unit.contains(':')
        && is_title_case(unit.trim_end_matches('.'))
}

fn is_boilerplate_pattern(unit: &str) -> bool {
    unit.len() <= PATTERN_MAX_LEN
        && (STRICT.is_match(unit) || (unit.len() <= LOOSE_PATTERN_MAX_LEN && LOOSE.is_match(unit)))
}

/// Most words capitalised, as in headlines and captions (small words excepted).
fn is_title_case(s: &str) -> bool {
    let mut significant = 0usize;
    let mut capitalised = 0usize;
    for word in s.split_whitespace() {
        let letters: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
        let Some(first) = letters.chars().next() else {
            continue;
        };
        if SMALL_WORDS.contains(&letters.to_lowercase().as_str()) {
            continue;
        }
        significant += 1;
        if first.is_uppercase() || first.is_numeric() {
            capitalised += 1;
        }
    }
    significant >= 2 && capitalised * 4 >= significant * 3
}

/// The first line is a title when it is short and does not end like a prose sentence.
fn is_title_like(unit: &str) -> bool {
    let words = unit.split_whitespace().count();
    unit.len() <= 200
        && (1..=30).contains(&words)
        && !unit.trim_end().ends_with(['.', ':'])
        && !is_boilerplate_pattern(unit)
        && !is_credit(unit)
        && parse_date(unit).is_none()
}

/// A line that is only a date ("March 12, 2018", "12 March 2018", "2018-03-12").
fn parse_date(unit: &str) -> Option<String> {
    if unit.len() > 60 {
        return None;
    }
    let month = |m: &str| -> Option<u32> {
        let m = m.to_lowercase();
        let months = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        months
            .iter()
            .position(|x| m.starts_with(x))
            .map(|i| i as u32 + 1)
    };
    let (y, m, d): (u32, u32, u32) = if let Some(c) = DATE_MDY.captures(unit) {
        (c[3].parse().ok()?, month(&c[1])?, c[2].parse().ok()?)
    } else if let Some(c) = DATE_DMY.captures(unit) {
        (c[3].parse().ok()?, month(&c[2])?, c[1].parse().ok()?)
    } else if let Some(c) = DATE_ISO.captures(unit) {
        (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
    } else {
        return None;
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Compiles this module's patterns now. The heaviest one first: `load_corpus` runs the
/// modules' warm-ups side by side, so compiling them is not serialised behind the first
/// article that needs each.
pub(super) fn warm_up() {
    rayon::join(
        || Lazy::force(&STRICT),
        || {
            for r in [
                &FOOTER_START,
                &CREDIT,
                &EDITOR_NOTE,
                &SOURCE_NAME,
                &DATE_MDY,
                &DATE_DMY,
                &DATE_ISO,
            ] {
                Lazy::force(r);
            }
            Lazy::force(&LOOSE);
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_and_credits_are_not_sentences() {
        for line in [
            "Image via Netflix",
            "David Giesbrecht/Netflix",
            "Marvel's Jessica Jones Still 3 - Publicity - H 2018",
            "Krysten Ritter as Jessica Jones in Jessica Jones Season 1.",
            "Photo: Jane Doe/HBO",
            "Getty Images",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
        assert!(!is_boilerplate("It would have to be, yes."));
        assert!(!is_boilerplate("ROSENBERG: Not really."));
        assert!(!is_boilerplate("Ritter had the following to say:"));
    }

    #[test]
    fn dates_parse_to_iso() {
        assert_eq!(parse_date("March 12, 2018").as_deref(), Some("2018-03-12"));
        assert_eq!(parse_date("12 Sept. 2018").as_deref(), Some("2018-09-12"));
        assert_eq!(
            parse_date("Published on March 1st, 2019").as_deref(),
            Some("2019-03-01")
        );
        assert_eq!(parse_date("March is a month"), None);
    }

    #[test]
    fn hard_wrapped_prose_is_rejoined() {
        let c = clean_article("Title Of The Piece\n\nThe show returns next year and\nthe cast is back.\nEveryone is happy.\n");
        assert_eq!(c.title.as_deref(), Some("Title Of The Piece"));
        assert_eq!(
            c.paragraphs,
            vec!["The show returns next year and the cast is back. Everyone is happy."]
        );
    }

    #[test]
    fn caption_line_directly_above_text_stays_separate() {
        let c =
            clean_article("Body text starts here.\n\nJane Doe/HBO\nThe show returns next year.");
        assert_eq!(
            c.paragraphs,
            vec!["Body text starts here.", "The show returns next year."]
        );
    }
}
