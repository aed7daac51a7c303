//! People an article names, found in its own text: full names and the short forms the article
//! uses for them ("Niamh Pryce-Hollis", "Pryce-Hollis", "Niamh", "PRYCE-HOLLIS:", "NPH:"), the
//! account names that stand for them in a thread, and who the article is about.
//!
//! A run of two or three capitalised words is a person only when the text treats it as one: a
//! short form of it is used alone, a role noun comes before it ("actress X"), a speech verb
//! comes after it ("X said", "X, who plays Y, said") or it labels turns. Config speakers stay the
//! first authority: a discovered name config already knows is not added again.

use std::collections::{HashMap, HashSet};

use once_cell::sync::Lazy;
use regex::Regex;

use super::quotes::{JOBS, KIN, PERSON_NOUNS, SPEECH_VERBS};
use crate::config::{normalize_name, SpeakerConfig, Speakers};

/// A name of two to four capitalised words, each may be joined by a hyphen to another,
/// capitalised or not ("Pryce-Hollis", "Ji-woo").
static FULL_NAME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\p{Lu}\p{Ll}[\p{L}'’]*(?:-\p{L}[\p{L}'’]+)?(?:\s+\p{Lu}\p{Ll}[\p{L}'’]*(?:-\p{L}[\p{L}'’]+)?){1,3}")
        .expect("static regex compiles")
});
/// A title and a surname alone ("Ms. Castellanos", "Dr Oduya"), followed by a word that is not
/// another capitalised name word.
static TITLED_SURNAME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof)\.?\s+(?P<surname>\p{Lu}\p{Ll}[\p{L}'’]*(?:-\p{L}[\p{L}'’]+)?)(?:[’']s)?(?:[\s,.;:!?)]+\p{Ll}|[,.;:!?)]*\s*$|[.;:!?]\s)")
        .expect("static regex compiles")
});
/// A capitalised word and "of" right before a name: the name ends a longer one ("Harbor of
/// Small Gods", "Bank of England").
static OF_BEFORE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\p{Lu}[\p{L}'’]*\s+of(?:\s+the)?\s+$").expect("static regex compiles")
});
static VERB_AFTER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"^(?:,[^,.;:]{{1,80}},)?\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+)?(?:{SPEECH_VERBS})\b|^,\s+who\b|^\s*\(\d{{1,3}}\)"
    ))
    .expect("static regex compiles")
});
/// The name is the speaker of a speech verb: "X said", "X, who plays Y, told", "said X".
static SPOKE_AFTER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"^(?:,[^,.;:]{{1,80}},)?\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+)?(?:{SPEECH_VERBS})\b"
    ))
    .expect("static regex compiles")
});
static SPOKE_BEFORE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\b(?:said|says|added|explained|recalled|according to|quoth)\s+$")
        .expect("static regex compiles")
});
static VERB_BEFORE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?:\b(?:said|says|asked|told|according to|added|explained|recalled)|(?i:\b(?:{}|{}|narrator|voice)),?)\s+$",
        JOBS.join("|"),
        *KIN
    ))
    .expect("static regex compiles")
});

/// How a host presents a guest, with a few words saying who they are: "I'm here with",
/// "joined today by", "my guest tonight is the potter", "please welcome" (not "speaking to",
/// which news reports say of an outlet).
static PRESENTED_BEFORE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i:\b(?:here\s+with|(?:i'm|i’m|i\s+am)\s+with|joined\s+(?:today\s+|tonight\s+)?by|sitting\s+down\s+with|(?:my|our)\s+guests?\s+(?:today\s+|tonight\s+|this\s+week\s+)?(?:is|are)|please\s+welcome))\s+(?:(?:the|a|an|our)\s+)?(?:\p{Ll}[\p{Ll}-]*\s+){0,2}$")
        .expect("static regex compiles")
});

/// A name opening its sentence and followed by a verb ("Corrigan Wilde trained as ...",
/// "Marisol Eckhart has spent ..."): the sentence is about a person.
static SUBJECT_VERB: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:,[^,.;:]{1,80},)?\s+(?:also\s+|now\s+|then\s+)?(?:has|had|was|is|will|would|can|could|did|does|spent|made|took|began|became|grew|won|ran|wrote|met|spoke|said|told|sat|came|went|left|got|gave|saw|knew|found|felt|kept|led|lost|thought|brought|built|taught|sold|stood|held|paid|broke|chose|fell|heard|\p{Ll}+ed|\p{Ll}+[^s\W]s)\b")
        .expect("static regex compiles")
});
/// How a headline names the person it is about: "X on ...", "X Talks ...", "With X".
static TITLE_AFTER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\s*(?:[:,—–-]\s*)?(?i:on|talks|says|reveals|discusses|explains|opens up|in conversation|answers|is here|ama)\b")
        .expect("static regex compiles")
});
/// A name used as the title of a work ("created Tidewater Lane", "Tidewater Lane, the ferry
/// drama"): a show or a film takes verbs as people do ("Tidewater Lane returns in May").
static WORK_BEFORE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\b(?i:created|directed|wrote|co-wrote|produced|filmed|shot|made|starred in|stars in|starring in|episode of|season of|series of|cast of|set of|sequel to|(?:director|star|creator|writer|author|producer|showrunner|composer|editor|score|trailer|premiere) of)\s+(?:the\s+)?$")
        .expect("static regex compiles")
});
static WORK_AFTER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^[’']?s?,?\s+(?:the|a|an|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?i:drama|film|series|show|movie|documentary|sitcom|soap|novel|comedy|thriller|feature|podcast|musical|play|miniseries|franchise|adaptation|sequel|album)\b|^\s+(?:premieres|premiered|debuts|debuted|is released|was released|(?:opens|opened|arrives|hits) (?:in )?(?:cinemas|theatres|theaters|nationwide))\b")
        .expect("static regex compiles")
});
static TITLE_BEFORE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i:with|meet|meets|i'm|i am|ama:?|interview:?|q&a:?|questions for)\s+$")
        .expect("static regex compiles")
});

/// The end of a first subject and the start of a second ("... and", "... and captain").
static COORDINATED_BEFORE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\p{L}\s+and(?:\s+\p{Ll}[\p{Ll}-]*){0,2}$").expect("static regex compiles")
});

/// Whether `before` ends with a sentence opened by what someone is, in a few lower-case words
/// after the first ("Local historian", "Conservator", "Former stunt double"), so that the name
/// after it still opens the sentence's subject. "The film Marrow Creek was shot ..." is not:
/// an article says a thing, not a person, is named.
fn opens_with_job(before: &str) -> bool {
    let start = before.rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    let words: Vec<&str> = before[start..].split_whitespace().collect();
    let Some((first, rest)) = words.split_first() else {
        return false;
    };
    words.len() <= 3
        && first.chars().next().is_some_and(char::is_uppercase)
        && first.chars().all(|c| c.is_alphabetic() || c == '-')
        && !not_name_word(&first.to_lowercase())
        && rest
            .iter()
            .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'))
}

/// Whether a word is one of `NOT_NAME_WORDS`, an honorific, a job ("Critic Dana Lowe") or a
/// month or a day, which are capitalised too.
fn not_name_word(word: &str) -> bool {
    NOT_NAME_WORDS.contains(&word)
        || HONORIFICS.contains(&word)
        || JOBS.contains(&word)
        || super::CALENDAR_WORDS.contains(&word)
}

/// How a host presents a guest in a text with no capitals (automatic captions: "today i'm
/// sitting down with henrike bassett who runs ..."), and the two words of the name after it.
static PRESENTED_LOWER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\b(?:sitting\s+down\s+with|sat\s+down\s+with|joined\s+(?:today\s+|tonight\s+)?by|(?:i'm|i\s+am)\s+(?:here\s+)?with|talking\s+(?:to|with)|speaking\s+(?:to|with)|(?:my|our)\s+guests?\s+(?:today\s+|tonight\s+)?(?:is|are)|please\s+welcome)\s+(?P<first>[a-z][a-z'-]{2,})\s+(?P<last>[a-z][a-z'-]{2,})\b")
        .expect("static regex compiles")
});

/// The guest a text with no capitals at all presents in its opening ("sitting down with
/// henrike bassett"), in capitals, when the first name comes back alone later ("well henrike
/// thank you so much"): a caption track's guest, whom no capital gives away.
pub fn presented_in_lower_case(paragraphs: &[String]) -> Option<String> {
    if paragraphs.iter().any(|p| p.chars().any(char::is_uppercase)) {
        return None;
    }
    let c = paragraphs
        .iter()
        .take(3)
        .find_map(|p| PRESENTED_LOWER.captures(p))?;
    let (first, last) = (&c["first"], &c["last"]);
    let usable = |w: &str| !not_name_word(w) && !FUNCTION_LIKE.contains(&w) && !w.ends_with("ing");
    if !usable(first) || !usable(last) {
        return None;
    }
    let again = paragraphs.iter().skip(1).any(|p| {
        p.split(|ch: char| !ch.is_alphanumeric() && ch != '\'')
            .any(|w| w == first)
    });
    again.then(|| super::split::title_case(&format!("{first} {last}")))
}

/// Words after "sitting down with" that are no one's name.
const FUNCTION_LIKE: &[&str] = &[
    "someone",
    "somebody",
    "everyone",
    "everybody",
    "people",
    "folks",
    "friends",
    "friend",
    "one",
    "two",
    "three",
    "some",
    "many",
    "more",
    "another",
    "other",
    "very",
    "really",
    "just",
    "about",
    "over",
    "into",
    "again",
    "today",
    "tonight",
];

/// A person presenting themselves by their full name: "I'm Ines Alvarado", "This is Rosa Lind".
static SELF_INTRODUCED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:\bI'm|\bI’m|\bI am|\b(?i:this is|it's|it’s))\s+(?P<name>\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+){1,2})")
        .expect("static regex compiles")
});

/// The full name the title or the opening paragraph introduces its writer by ("I'm Ines
/// Alvarado, director of ... Ask me anything!").
pub fn introduced_self(title: Option<&str>, paragraphs: &[String]) -> Option<String> {
    title
        .into_iter()
        .chain(paragraphs.iter().take(2).map(String::as_str))
        .find_map(|text| SELF_INTRODUCED.captures(text))
        .map(|c| c["name"].to_string())
        .filter(|name| {
            !name
                .split_whitespace()
                .any(|w| not_name_word(&w.to_lowercase()))
        })
}

/// Capitalised words that start a phrase but are not part of a name.
const NOT_NAME_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "for",
    "but",
    "and",
    "or",
    "so",
    "when",
    "while",
    "if",
    "after",
    "before",
    "during",
    "this",
    "that",
    "these",
    "those",
    "its",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "we",
    "i",
    "you",
    "he",
    "she",
    "they",
    "it",
    "there",
    "here",
    "as",
    "with",
    "from",
    "by",
    "to",
    "of",
    "yes",
    "no",
    "not",
    "what",
    "who",
    "why",
    "how",
    "where",
    "which",
    "then",
    "now",
    "also",
    "even",
    "still",
    "every",
    "each",
    "all",
    "both",
    "some",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "read",
    "more",
    "speaking",
    "according",
    "welcome",
    "thanks",
    "thank",
    "hi",
    "hello",
    "dear",
    "season",
    "episode",
    "chapter",
    "part",
    "act",
    "sen",
    "rep",
    "gov",
    "studio",
    "studios",
    "film",
    "show",
    "series",
    "street",
    "road",
    "award",
    "awards",
    "festival",
    "pictures",
    "productions",
    "media",
    "news",
    "magazine",
    "weekly",
    "daily",
    "times",
    "ama",
    "q",
    "edit",
    "update",
    "like",
    "just",
    "well",
    "oh",
    "okay",
    "ok",
    "talks",
    "says",
    "reveals",
    "explains",
    "discusses",
    "opens",
    "recalls",
    "remembers",
    "shares",
    "is",
    "was",
    "on",
    "interview",
    "interviews",
    "exclusive",
    "review",
    "official",
    "verified",
];

/// Words that end the names of organisations and places ("Ashby Lido Trust", "Halverston
/// Historical Society"): a run ending in one is not a person, whatever verbs follow it.
const ORGANISATION_WORDS: &[&str] = &[
    "trust",
    "council",
    "society",
    "association",
    "foundation",
    "club",
    "museum",
    "company",
    "committee",
    "charity",
    "institute",
    "university",
    "college",
    "school",
    "hospital",
    "library",
    "centre",
    "center",
    "federation",
    "union",
    "league",
    "agency",
    "department",
    "ministry",
    "inc",
    "ltd",
    "llc",
    "corporation",
    "brewery",
    "gallery",
    "theatre",
    "theater",
    "orchestra",
    "choir",
    "airport",
    "station",
    // A company's name ends in what it does or what it is.
    "brewing",
    "co",
    "group",
    "records",
    "books",
    "games",
    "labs",
    "partners",
    "holdings",
    "ventures",
    "systems",
    "technologies",
    "foods",
    "farms",
    "bakery",
];

/// Words a record puts before a person's name to address them, which are no part of it.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "mx",
    "miss",
    "dr",
    "prof",
    "professor",
    "rev",
    "sir",
    "dame",
    "lord",
    "lady",
];

/// A nickname in quotation marks inside a name ("Rosalind \"Roz\" Tembe", "Robert 'Bobby'
/// Vance"), as news reports and oral histories introduce people: the first name, the nickname
/// and the surname.
static NICKNAME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r#"\b(\p{Lu}\p{Ll}+)\s+["“‘']([\p{Lu}][\p{L}.'’-]{1,14})["”’']\s+(\p{Lu}\p{Ll}[\p{L}'’]*(?:-\p{L}[\p{L}'’]+)?)"#,
    )
    .expect("static regex compiles")
});

/// The nicknames `text` gives inside names: (the name without it, the nickname).
pub fn nicknames(text: &str) -> Vec<(String, String)> {
    NICKNAME
        .captures_iter(text)
        .map(|c| (format!("{} {}", &c[1], &c[3]), c[2].to_string()))
        .collect()
}

/// `text` with the nicknames inside names taken out, so that the name reads as one run.
fn without_nicknames(text: &str) -> std::borrow::Cow<'_, str> {
    NICKNAME.replace_all(text, "$1 $3")
}

/// What the article says about its people.
#[derive(Debug, Clone, Default)]
pub struct People {
    /// Full names found in the text that config does not know, with their short forms.
    pub found: Vec<SpeakerConfig>,
    /// Canonical names of everyone the text treats as a person (found or known to config): who
    /// a pronoun or an unnamed subject can stand for.
    pub known: HashSet<String>,
    /// Those of them the text shows speaking ("X said", "said X", a turn label): whom a pronoun
    /// before a speech verb stands for first.
    pub speaking: HashSet<String>,
    /// Names the text uses as the title of a work ("created Tidewater Lane"): never who the
    /// article interviews, though a work takes verbs as a person does.
    pub works: Vec<String>,
}

/// Finds the people an article names. `labels` are the speaker labels its turns use.
pub fn discover(
    title: Option<&str>,
    paragraphs: &[String],
    labels: &[String],
    config: &Speakers,
) -> People {
    let title = title.map(without_nicknames);
    let title = title.as_deref();
    let paragraphs: Vec<std::borrow::Cow<'_, str>> =
        paragraphs.iter().map(|p| without_nicknames(p)).collect();
    let mut texts: Vec<&str> = Vec::with_capacity(paragraphs.len() + 1);
    if let Some(t) = title {
        texts.push(t);
    }
    texts.extend(paragraphs.iter().map(|p| p.as_ref()));

    // Candidate full names with how often they occur.
    let mut candidates: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for text in &texts {
        for m in FULL_NAME.find_iter(text) {
            let Some(name) = trim_name(m.as_str()) else {
                continue;
            };
            if seen.insert(name.clone()) {
                candidates.push(name);
            }
        }
    }
    // "Ms. Castellanos said": a record that addresses someone by title and surname alone
    // (minutes, a report in house style) names a person, when no full name has the surname.
    for text in &texts {
        for c in TITLED_SURNAME.captures_iter(text) {
            let surname = &c["surname"];
            let key = normalize_name(surname);
            let has_full = candidates
                .iter()
                .any(|n| n.split_whitespace().any(|t| normalize_name(t) == key));
            if !has_full && !not_name_word(&key) && seen.insert(surname.to_string()) {
                candidates.push(surname.to_string());
            }
        }
    }
    let label_keys: HashSet<String> = labels.iter().map(|l| normalize_name(l)).collect();
    // What follows each "spoke with" in the texts, found once for every candidate.
    let spoken_with: Vec<&str> = texts
        .iter()
        .flat_map(|text| {
            INTERVIEWED
                .find_iter(text)
                .filter(|m| !m.as_str().trim_end().to_lowercase().ends_with(" to"))
                .map(|m| &text[m.end()..])
        })
        .collect();

    let mut found: Vec<SpeakerConfig> = Vec::new();
    let mut known: HashSet<String> = HashSet::new();
    let mut speaking: HashSet<String> = HashSet::new();
    let mut persons: Vec<(String, bool)> = Vec::new();
    let mut works: Vec<String> = Vec::new();
    for name in candidates {
        let tokens: Vec<&str> = name.split_whitespace().collect();
        let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
            continue;
        };
        let forms = [name.as_str(), *first, *last];
        let surname = normalize_name(last);
        let labelled = forms
            .iter()
            .any(|f| label_keys.contains(&normalize_name(f)))
            || middle_surname(&tokens).is_some_and(|m| label_keys.contains(&m))
            || label_keys.contains(&initials(&tokens))
            || (tokens.len() >= 2
                && label_keys.iter().any(|k| {
                    let words: Vec<&str> = k.split(' ').collect();
                    titled_label_surname(&words) == Some(surname.as_str())
                }));
        // An organisation takes verbs as a person does ("Northfield Brewing today opened"),
        // and is one only where it labels turns (a page answering its comments).
        let organisation = tokens
            .last()
            .is_some_and(|t| ORGANISATION_WORDS.contains(&normalize_name(t).as_str()));
        if organisation && !labelled {
            continue;
        }
        // "Small Gods" of "Harbor of Small Gods": the end of a longer title, wherever it
        // stands, is no one.
        let (mut seen, mut after_of) = (0usize, 0usize);
        for text in &texts {
            for (start, _) in standalone(text, &name) {
                seen += 1;
                after_of += usize::from(OF_BEFORE.is_match(&text[..start]));
            }
        }
        if seen > 0 && after_of == seen && !labelled {
            continue;
        }
        let mut attested = labelled;
        let mut speaks = labelled;
        if let Some(t) = title {
            for (start, end) in standalone(t, &name) {
                if TITLE_AFTER.is_match(&t[end..]) || TITLE_BEFORE.is_match(&t[..start]) {
                    attested = true;
                }
            }
        }
        for text in &texts {
            for (start, end) in standalone(text, &name) {
                let before = text[..start].trim_end_matches(' ');
                // "Head coach Alan Whitcombe and captain Joe Ruiz spoke to ...": the second
                // of two subjects takes the verb as the first does.
                let opens = before.is_empty()
                    || before.ends_with(['.', '!', '?', ','])
                    || opens_with_job(before)
                    || COORDINATED_BEFORE.is_match(before);
                if opens && SUBJECT_VERB.is_match(&text[end..]) {
                    attested = true;
                }
            }
            for form in forms {
                for (start, end) in standalone(text, form) {
                    let after = &text[end..];
                    let before = &text[..start];
                    let after = after.trim_start_matches(['’', '\'', 's']);
                    if VERB_AFTER.is_match(after) {
                        attested = true;
                    }
                    if SPOKE_AFTER.is_match(after) || SPOKE_BEFORE.is_match(before) {
                        speaks = true;
                    }
                    if VERB_BEFORE.is_match(before) || PRESENTED_BEFORE.is_match(before) {
                        attested = true;
                    }
                    if form != name && tokens.len() >= 2 && form.len() >= 3 {
                        attested = true;
                    }
                }
            }
        }
        // "We spoke with founder and head brewer Priya Varma": the one an outlet talks with.
        if !attested && spoken_with.iter().any(|rest| named_after_with(rest, &name)) {
            attested = true;
        }
        let work = texts.iter().any(|text| {
            standalone(text, &name).into_iter().any(|(start, end)| {
                WORK_BEFORE.is_match(&text[..start]) || WORK_AFTER.is_match(&text[end..])
            })
        });
        if work && !labelled {
            works.push(name.clone());
        }
        if attested {
            persons.push((name, speaks));
        }
    }

    // A short form is an alias only when one person has it.
    let short_count = short_form_counts(persons.iter().map(|(name, _)| name.as_str()));
    // A short form two people share still labels one speaker when only one of them is
    // labelled by their full name: "PARK" after "PARK JI-WOO", not the sister Park Min-seo
    // whom he names.
    let labelled_short = short_form_counts(
        persons
            .iter()
            .map(|(name, _)| name.as_str())
            .filter(|name| label_keys.contains(&normalize_name(name))),
    );
    let mut middle_count: HashMap<String, usize> = HashMap::new();
    for (name, _) in &persons {
        let tokens: Vec<&str> = name.split_whitespace().collect();
        if let Some(m) = middle_surname(&tokens) {
            *middle_count.entry(m).or_default() += 1;
        }
    }
    for (name, speaks) in persons {
        let labelled = label_keys.contains(&normalize_name(&name));
        let canonical = match config.resolve(&name) {
            Some(known) => known.to_string(),
            None => {
                let tokens: Vec<&str> = name.split_whitespace().collect();
                let mut aliases: Vec<String> = Vec::new();
                let last = tokens.last().copied().unwrap_or_default();
                for form in [tokens[0], last] {
                    let key = normalize_name(form);
                    let one_labelled = labelled
                        && label_keys.contains(&key)
                        && labelled_short.get(&key) == Some(&1);
                    if (short_count.get(&key) == Some(&1) || one_labelled)
                        && config.resolve(form).is_none()
                        && !aliases.iter().any(|a| a == form)
                    {
                        aliases.push(form.to_string());
                    }
                }
                // "Barragán:" for Itzel Barragán Orozco: the first of two surnames, as
                // Spanish and Portuguese names are shortened, where a label uses it, or
                // where the text calls the person by it and never by the last ("Caldeira,
                // 58, told reporters" of Ines Caldeira Mott).
                if let Some(middle) = middle_surname(&tokens) {
                    let alone = |form: &str| {
                        texts
                            .iter()
                            .map(|t| standalone(t, form).len())
                            .sum::<usize>()
                    };
                    let called_by = alone(tokens[1]) >= 2 && alone(last) == 0;
                    if (label_keys.contains(&middle) || called_by)
                        && !short_count.contains_key(&middle)
                        && middle_count.get(&middle) == Some(&1)
                        && config.resolve(&middle).is_none()
                    {
                        aliases.push(tokens[1].to_string());
                    }
                }
                let ini = initials(&tokens);
                if ini.len() >= 2
                    && short_count.get(&ini) == Some(&1)
                    && label_keys.contains(&ini)
                    && config.resolve(&ini).is_none()
                {
                    aliases.push(ini.to_uppercase());
                }
                found.push(SpeakerConfig {
                    name: name.clone(),
                    aliases,
                });
                name
            }
        };
        if speaks {
            speaking.insert(canonical.clone());
        }
        known.insert(canonical);
    }
    People {
        found,
        known,
        speaking,
        works,
    }
}

/// The middle word of a three-word name, normalised: maybe the first of two surnames
/// ("Gabriel García Márquez"), maybe a second given name, so a short form only where a label
/// uses it.
fn middle_surname(tokens: &[&str]) -> Option<String> {
    (tokens.len() == 3 && tokens[1].chars().count() >= 3).then(|| normalize_name(tokens[1]))
}

/// A label that puts a job before a name another label (or a known person) has ("DIRECTOR
/// SUNNIVA LUND:" once, "SUNNIVA LUND:" after) names that person: the longer label becomes
/// one of their aliases. So does a title before a known person's surname, as official
/// transcripts label speakers ("MR. DALTON:", "COMMISSIONER OKAFOR:" for the Tomas Dalton and
/// Adaeze Okafor the text names), unless the word before the surname is someone's first name.
pub fn alias_titled_labels(speakers: &mut Speakers, labels: &[String]) {
    let keys: Vec<String> = labels.iter().map(|l| normalize_name(l)).collect();
    // Only labels in capitals, the transcript convention for the people answering: a label in
    // mixed case may carry a role the turn splitter reads ("Host Pia Lindqvist").
    let caps = |l: &str| {
        l.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    };
    for (label, key) in labels.iter().zip(&keys) {
        if speakers.resolve(label).is_some() {
            continue;
        }
        // An honorific before a name the text gives ("Dame Hilary Voss:", "Dr. Amara Okafor:",
        // "Mr Osei-Bonsu:"), in any case: the honorific is how the record addresses them.
        let words: Vec<&str> = key.split(' ').collect();
        let honorifics = words.iter().take_while(|w| HONORIFICS.contains(w)).count();
        if (1..words.len()).contains(&honorifics) {
            if let Some(person) = speakers.resolve(&words[honorifics..].join(" ")) {
                let person = person.to_string();
                speakers.add_alias(&person, label);
                continue;
            }
        }
        if !caps(label) {
            continue;
        }
        let words: Vec<&str> = key.split(' ').collect();
        // The longest shorter name first: "Co Director Sunniva Lund" → "Sunniva Lund".
        let named = (1..words.len().saturating_sub(1)).find_map(|k| {
            let tail = words[k..].join(" ");
            let other = labels
                .iter()
                .zip(&keys)
                .find(|(l, other)| **other == tail && caps(l))
                .map(|(l, _)| l.as_str());
            match speakers.resolve(&tail) {
                Some(known) => Some(known.to_string()),
                None => other.map(|l| {
                    let person = super::split::title_case(l);
                    *speakers = speakers.with_people(&[SpeakerConfig {
                        name: person.clone(),
                        aliases: Vec::new(),
                    }]);
                    person
                }),
            }
        });
        if let Some(person) = named.or_else(|| titled_surname(speakers, &words)) {
            speakers.add_alias(&person, label);
        }
    }
}

/// The known person a two- or three-word label names by a title and their surname ("mr
/// dalton" → "Tomas Dalton"): the words before the last are an honorific or a job, and the
/// last is the surname of exactly one full name.
fn titled_surname(speakers: &Speakers, words: &[&str]) -> Option<String> {
    let surname = titled_label_surname(words)?;
    let full: Vec<Vec<String>> = speakers
        .names()
        .map(|n| normalize_name(n).split(' ').map(str::to_string).collect())
        .collect();
    let mut owners = speakers
        .names()
        .zip(&full)
        .filter(|(_, n)| n.len() >= 2 && n.last().is_some_and(|l| l == surname));
    match (owners.next(), owners.next()) {
        (Some((name, _)), None) => Some(name.to_string()),
        _ => None,
    }
}

/// The surname of a normalised label that is a title and a surname ("mr dalton",
/// "harbour commissioner okafor" is not: "harbour" is neither an honorific nor a job).
fn titled_label_surname<'w>(words: &[&'w str]) -> Option<&'w str> {
    let (surname, title) = words.split_last()?;
    ((1..=2).contains(&title.len()) && title.iter().all(|w| not_name_word(w))).then_some(*surname)
}

/// How many of `names` have each short form (first name, surname, initials).
fn short_form_counts<'a>(names: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for name in names {
        let tokens: Vec<&str> = name.split_whitespace().collect();
        let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
            continue;
        };
        let mut forms = vec![
            normalize_name(first),
            normalize_name(last),
            initials(&tokens),
        ];
        forms.sort();
        forms.dedup();
        for f in forms {
            *counts.entry(f).or_default() += 1;
        }
    }
    counts
}

/// "Niamh Pryce-Hollis" → "nph": the initials a transcript may label turns with.
fn initials(tokens: &[&str]) -> String {
    tokens
        .iter()
        .flat_map(|t| t.split('-'))
        .filter_map(|t| t.chars().next())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A candidate run cut down to its name: leading function words and titles off, a possessive
/// off the end; `None` when fewer than two words are left.
fn trim_name(run: &str) -> Option<String> {
    let mut tokens: Vec<String> = run
        .split_whitespace()
        .map(|t| {
            t.strip_suffix("’s")
                .or_else(|| t.strip_suffix("'s"))
                .unwrap_or(t)
                .trim_end_matches(['\'', '’'])
                .to_string()
        })
        .collect();
    // A possessive ends the name ("Mira Castellan's film"), and so does a closing quotation
    // mark: "the 'Saltmarsh' Cast" quotes a title, which the next word is not part of.
    if let Some(i) = run
        .split_whitespace()
        .position(|t| t.ends_with("’s") || t.ends_with("'s") || t.ends_with(['\'', '’', '"', '”']))
    {
        tokens.truncate(i + 1);
    }
    // A job inside the run stands before a name ("Harbour Commissioner Adaeze Okafor").
    if let Some(job) = tokens
        .iter()
        .rposition(|t| JOBS.contains(&normalize_name(t).as_str()))
    {
        if tokens.len() - job > 2 {
            tokens.drain(..=job);
        }
    }
    while tokens
        .first()
        .is_some_and(|t| not_name_word(&normalize_name(t)))
    {
        tokens.remove(0);
    }
    // A headline verb or another function word ends the name ("Oona Brack Talks Murals").
    if let Some(i) = tokens
        .iter()
        .skip(1)
        .position(|t| not_name_word(&normalize_name(t)))
    {
        tokens.truncate(i + 1);
    }
    (tokens.len() >= 2).then(|| tokens.join(" "))
}

/// Byte ranges where `form` occurs as a capitalised word run of its own: not inside a longer run
/// of capitalised words (so "Calder" in "Calder Street" is not "Calder" alone).
fn standalone(text: &str, form: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(form) {
        let start = from + i;
        let end = start + form.len();
        from = end;
        let prev_ok = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '-');
        let next_ok = text[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric() && c != '-');
        if !(prev_ok && next_ok) {
            continue;
        }
        let next_word = text[end..]
            .trim_start_matches(['’', '\''])
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .trim_start_matches(|c: char| !c.is_alphanumeric());
        let next_capital = text[end..].starts_with(' ')
            && next_word.chars().next().is_some_and(char::is_uppercase)
            && !not_name_word(&normalize_name(next_word));
        let prev_word = text[..start].trim_end();
        let prev = prev_word
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default()
            .trim_start_matches(|c: char| !c.is_alphanumeric());
        let prev_capital = text[..start].ends_with(' ')
            && prev.chars().next().is_some_and(char::is_uppercase)
            && !not_name_word(&normalize_name(prev))
            && !prev_word.ends_with(['.', '!', '?', ':', ',', '"', '“', '‘']);
        if !next_capital && !prev_capital {
            out.push((start, end));
        }
    }
    out
}

/// An account name's letters and digits, lowercased: "Lena_Varga" → "lenavarga".
fn handle_letters(account: &str) -> String {
    account
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The one name of two words or more whose every word is inside the account name
/// ("OdileMarchetti_official", "@odile_marchetti" → "Odile Marchetti"); `None` when no name
/// or several are.
pub fn full_name_in_handle<'n>(
    account: &str,
    names: impl IntoIterator<Item = &'n str>,
) -> Option<&'n str> {
    let handle = handle_letters(account);
    let full: Vec<&str> = names
        .into_iter()
        .filter(|n| {
            let key = normalize_name(n);
            let words: Vec<&str> = key.split(' ').collect();
            words.len() >= 2 && words.iter().all(|w| handle.contains(w))
        })
        .collect();
    match full.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// The person an account name stands for: every word of one known name inside the account
/// ("OdileMarchetti_official" → "Odile Marchetti"), else a unique first or last name of four
/// letters or more ("NiamhPH").
pub fn person_for_account(account: &str, speakers: &Speakers) -> Option<String> {
    let handle = handle_letters(account);
    if handle.is_empty() {
        return None;
    }
    let names: Vec<&str> = speakers.names().collect();
    if let Some(one) = full_name_in_handle(account, names.iter().copied()) {
        return Some(one.to_string());
    }
    let partial: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| {
            normalize_name(n)
                .split(' ')
                .any(|w| w.chars().count() >= 4 && handle.contains(w))
        })
        .collect();
    match partial.as_slice() {
        [one] => Some((*one).to_string()),
        _ => None,
    }
}

/// An account name as a person's name when it spells one in capitals ("IngridSalo",
/// "ingrid_salo_official" stays as written): "Ingrid Salo".
pub fn account_display(account: &str) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    for part in account.split(|c: char| !c.is_alphabetic()) {
        let mut word = String::new();
        for c in part.chars() {
            if c.is_uppercase() && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            word.push(c);
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    words.retain(|w| !not_name_word(&w.to_lowercase()));
    let capitalised = words.len() >= 2
        && words.len() <= 3
        && words.iter().all(|w| {
            w.chars().count() >= 2
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).all(char::is_lowercase)
        });
    capitalised.then(|| words.join(" "))
}

/// Who an article without labelled answers is about: the person its title names, else the
/// person it names most, when clearly ahead. `exclude` are the writer and the interviewer.
pub fn main_person(
    title: Option<&str>,
    paragraphs: &[String],
    speakers: &Speakers,
    candidates: &[SpeakerConfig],
    exclude: &[&str],
) -> Option<String> {
    let excluded = |n: &str| {
        exclude
            .iter()
            .any(|e| speakers.canonical(e) == n || normalize_name(e) == normalize_name(n))
    };
    // The introduction (before the first question) presents the person interviewed; names in
    // the questions and answers are more often other people.
    let intro = paragraphs
        .iter()
        .position(|p| p.trim_end().ends_with('?'))
        .unwrap_or(paragraphs.len());
    // Those who can be the person interviewed: not the writer or the interviewer, not a
    // character.
    let eligible: Vec<Candidate<'_>> = candidates
        .iter()
        .filter_map(|c| {
            let canonical = speakers.canonical(&c.name);
            (!excluded(&canonical) && !is_role(&c.name, title, paragraphs)).then(|| Candidate {
                canonical,
                forms: std::iter::once(c.name.as_str())
                    .chain(c.aliases.iter().map(String::as_str))
                    .collect(),
            })
        })
        .collect();
    // An introduction that says whom the outlet spoke with names the person interviewed,
    // however often the recap before it names the characters ("Variety spoke with creator
    // Priya Nandakumar about the finale").
    if intro < paragraphs.len() {
        if let Some(name) = interviewed_in(&paragraphs[..intro], &eligible) {
            return Some(name);
        }
    }
    // A headline that names a job instead of a person ("Jessica Jones Showrunner Talks").
    let job = title
        .and_then(|t| HEADLINE_JOB.captures(t))
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_lowercase());
    struct Score<'a> {
        name: &'a str,
        total: usize,
        in_title: usize,
        /// The headline shows them speaking.
        speaks: bool,
        /// The text gives them the headline's job ("showrunner Melissa Rosenberg").
        has_job: bool,
    }
    let mut scores: Vec<Score<'_>> = Vec::new();
    for c in &eligible {
        let forms = &c.forms;
        let count = |text: &str| -> usize {
            let mut ranges: Vec<(usize, usize)> = Vec::new();
            for f in forms {
                for r in standalone(text, f) {
                    if !ranges.iter().any(|o| o.0 <= r.0 && r.1 <= o.1) {
                        ranges.push(r);
                    }
                }
            }
            // A full name also counts its own words once, not three times.
            ranges.sort();
            ranges.dedup_by(|b, a| b.0 < a.1);
            ranges.len()
        };
        // A headline is in title case, so a name in it is followed by capitalised words;
        // one followed by a headline verb ("Melissa Rosenberg Suggests ...") is still named.
        let speaks = title.is_some_and(|t| speaks_in(t, forms));
        let in_title = title.map_or(0, |t| count(t).max(usize::from(speaks)));
        let in_intro: usize = paragraphs[..intro].iter().map(|p| count(p)).sum();
        let in_text: usize = paragraphs[intro..].iter().map(|p| count(p)).sum();
        let has_job = job.as_deref().is_some_and(|job| {
            forms.iter().any(|f| {
                paragraphs.iter().any(|p| {
                    standalone(p, f)
                        .into_iter()
                        .any(|(start, _)| p[..start].trim_end().to_lowercase().ends_with(job))
                })
            })
        });
        scores.push(Score {
            name: &c.canonical,
            total: in_title * 3 + in_intro * 2 + in_text,
            in_title,
            speaks,
            has_job,
        });
    }
    // One person named in the headline is who the article is about; of several, the one it
    // shows speaking ("Melissa Rosenberg Suggests Jessica Jones Will Not Be 'Fixed'").
    let in_headline: Vec<&Score<'_>> = scores.iter().filter(|s| s.in_title > 0).collect();
    if let [one] = in_headline.as_slice() {
        return Some(one.name.to_string());
    }
    if let [_, _, ..] = in_headline.as_slice() {
        let mut speaking = in_headline.iter().filter(|s| s.speaks).map(|s| s.name);
        if let (Some(one), None) = (speaking.next(), speaking.next()) {
            return Some(one.to_string());
        }
    }
    // A headline naming a job instead: the one person the text gives that job.
    if in_headline.is_empty() {
        let mut given: Vec<&str> = scores
            .iter()
            .filter(|s| s.has_job)
            .map(|s| s.name)
            .collect();
        given.dedup();
        if let [one] = given.as_slice() {
            return Some(one.to_string());
        }
    }
    scores.sort_by_key(|s| std::cmp::Reverse(s.total));
    match scores.as_slice() {
        [top, rest @ ..]
            if top.total >= 2 && rest.first().is_none_or(|r| top.total >= r.total * 2) =>
        {
            Some(top.name.to_string())
        }
        _ => None,
    }
}

/// A person who may be the one an article interviews: their canonical name and the forms
/// (name and aliases, as written) to find them by.
struct Candidate<'c> {
    canonical: String,
    forms: Vec<&'c str>,
}

/// The verbs a headline shows someone speaking with: speech verbs, and "talks", "discusses",
/// "opens up".
static HEADLINE_VERB: Lazy<String> =
    Lazy::new(|| format!("{SPEECH_VERBS}|talks|discusses|opens up"));

/// A headline verb after a name: the person the headline shows speaking.
static HEADLINE_SPEAKS: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(r"^\s*(?:[:,—–-]\s*)?(?i:{})\b", *HEADLINE_VERB))
        .expect("static headline pattern compiles")
});

/// A job in a headline, followed by a headline verb ("Showrunner Talks", "Star Reveals").
static HEADLINE_JOB: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?i)\b({})\s+(?:{})\b",
        *PERSON_NOUNS, *HEADLINE_VERB
    ))
    .expect("static headline pattern compiles")
});

/// Whether `headline` shows one of `forms` speaking: the name, as whole words, then a
/// headline verb.
fn speaks_in(headline: &str, forms: &[&str]) -> bool {
    forms.iter().any(|f| {
        headline.match_indices(f).any(|(start, m)| {
            let end = start + m.len();
            let whole = headline[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
                && headline[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
            whole && HEADLINE_SPEAKS.is_match(&headline[end..])
        })
    })
}

/// A sentence saying someone was interviewed, with the person after it: "spoke with",
/// "talked to", "sat down with", "caught up with", "interviewed", "in conversation with", in
/// the present too ("In this episode we sit down with").
static INTERVIEWED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\b(?:(?:spoke|speak|speaks|talked|talk|talks|chatted|chat|chats|sat\s+down|sit\s+down|sits\s+down|caught\s+up|catch\s+up|catches\s+up)\s+(?:with|to)|interviewed|in\s+conversation\s+with)\s")
        .expect("static interview pattern compiles")
});

/// Whether `name` follows an outlet's "spoke with" (`rest` is the text after it) with at most a
/// descriptor in lower case between ("spoke with founder and head brewer Priya Varma").
fn named_after_with(rest: &str, name: &str) -> bool {
    standalone(rest, name).first().is_some_and(|&(start, _)| {
        start <= INTERVIEWED_WINDOW
            && rest[..start].split_whitespace().all(|w| {
                w.chars().all(|c| c.is_lowercase() || c == '-')
                    || HONORIFICS.contains(&w.trim_end_matches('.').to_lowercase().as_str())
            })
    })
}

/// How far after "spoke with" the person's name may come ("spoke with The Tull Light creator
/// Priya Nandakumar"): a descriptor of a few words, not the rest of the sentence.
const INTERVIEWED_WINDOW: usize = 60;

/// The candidate an introduction says was interviewed (canonical name): the first whose name
/// (or alias) comes within a few words after "spoke with" and before the sentence goes on
/// ("about", a full stop).
fn interviewed_in(intro: &[String], candidates: &[Candidate<'_>]) -> Option<String> {
    for p in intro {
        for m in INTERVIEWED.find_iter(p) {
            let rest = &p[m.end()..];
            let mut end = rest.len().min(INTERVIEWED_WINDOW);
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            let window = &rest[..end];
            let window = [" about ", ". ", "; "]
                .iter()
                .filter_map(|stop| window.find(stop))
                .min()
                .map_or(window, |i| &window[..i]);
            let first = candidates
                .iter()
                .filter_map(|c| {
                    c.forms
                        .iter()
                        .filter_map(|f| standalone(window, f).first().map(|r| r.0))
                        .min()
                        .map(|at| (at, c))
                })
                .min_by_key(|(at, _)| *at);
            if let Some((_, c)) = first {
                return Some(c.canonical.clone());
            }
        }
    }
    None
}

/// Words that put a character's name after them ("voices Captain Moss", "the voice of Moss",
/// "who plays Jessica").
static ROLE_BEFORE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\b(?:plays|played|playing|voices|voiced|voicing|the\s+voice\s+of|portrays|portrayed|portraying|stars\s+as|starring\s+as)\s+$")
        .expect("static role pattern compiles")
});

/// A character, not a person: the title or the text names `name` only as someone's role. A
/// character is never who an article interviews.
fn is_role(name: &str, title: Option<&str>, paragraphs: &[String]) -> bool {
    let mut seen = 0;
    let mut as_role = 0;
    for text in title
        .into_iter()
        .chain(paragraphs.iter().map(String::as_str))
    {
        for (start, _) in standalone(text, name) {
            seen += 1;
            if ROLE_BEFORE.is_match(&text[..start]) {
                as_role += 1;
            }
        }
    }
    as_role > 0 && as_role * 2 >= seen
}

/// Compiles this module's patterns now (see `clean::warm_up`).
pub(super) fn warm_up() {
    for r in [
        &FULL_NAME,
        &TITLED_SURNAME,
        &OF_BEFORE,
        &VERB_AFTER,
        &VERB_BEFORE,
        &SPOKE_AFTER,
        &SPOKE_BEFORE,
        &SUBJECT_VERB,
        &TITLE_AFTER,
        &TITLE_BEFORE,
        &ROLE_BEFORE,
        &COORDINATED_BEFORE,
        &PRESENTED_LOWER,
    ] {
        Lazy::force(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caption_tracks_guest_is_the_name_its_host_presents_and_says_again() {
        let track = |opening: &str, closing: &str| {
            presented_in_lower_case(&[
                opening.to_string(),
                "so how did you start".to_string(),
                closing.to_string(),
            ])
        };
        assert_eq!(
            track(
                "hey everybody today i'm sitting down with henrike bassett who runs a pottery",
                "well henrike thank you so much"
            )
            .as_deref(),
            Some("Henrike Bassett")
        );
        // Not a name said once, nor words that are nobody's name, nor a text with capitals.
        assert_eq!(
            track(
                "today i'm sitting down with henrike bassett",
                "thanks so much"
            ),
            None
        );
        assert_eq!(
            track(
                "today i'm sitting down with someone special",
                "someone special indeed"
            ),
            None
        );
        assert_eq!(
            track(
                "Today I'm sitting down with henrike bassett",
                "well henrike thanks"
            ),
            None
        );
    }

    fn paras(s: &[&str]) -> Vec<String> {
        s.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn full_names_get_the_short_forms_the_article_uses() {
        let p = paras(&[
            "Calder Street actress Niamh Pryce-Hollis has revealed she broke her ankle.",
            "‘It was cold,’ Pryce-Hollis said. Dev Arkwright, who plays Rory, was there.",
            "Calder Street returns in spring.",
        ]);
        let people = discover(None, &p, &[], &Speakers::default());
        let names: Vec<&str> = people.found.iter().map(|s| s.name.as_str()).collect();
        assert!(names.contains(&"Niamh Pryce-Hollis"), "{names:?}");
        assert!(names.contains(&"Dev Arkwright"), "{names:?}");
        assert!(!names.contains(&"Calder Street"), "{names:?}");
        let s = Speakers::default().with_people(&people.found);
        assert_eq!(s.resolve("PRYCE-HOLLIS"), Some("Niamh Pryce-Hollis"));
        assert_eq!(s.resolve("Niamh"), Some("Niamh Pryce-Hollis"));
        assert!(people.known.contains("Niamh Pryce-Hollis"));
        assert!(people.speaking.contains("Niamh Pryce-Hollis"));
        assert!(!people.speaking.contains("Dev Arkwright"));
    }

    #[test]
    fn a_name_opening_a_sentence_about_them_is_a_person_past_an_apposition() {
        let p = paras(&["Aron Malle, a beekeeper, has entered the contest every year."]);
        let people = discover(None, &p, &[], &Speakers::default());
        assert!(people.known.contains("Aron Malle"), "{:?}", people.found);
    }

    #[test]
    fn a_name_after_what_the_person_is_opens_the_sentence() {
        let p = paras(&["Local historian Fenella Dunmore, 67, remembers the shoot."]);
        let people = discover(None, &p, &[], &Speakers::default());
        assert!(
            people.known.contains("Fenella Dunmore"),
            "{:?}",
            people.found
        );
        // A thing named after an article is not a person.
        let p = paras(&["The film Marrow Creek was shot in a week."]);
        let people = discover(None, &p, &[], &Speakers::default());
        assert!(!people.known.contains("Marrow Creek"), "{:?}", people.found);
    }

    #[test]
    fn the_person_an_article_is_about() {
        let p = paras(&[
            "Corrigan Wilde has spent fifteen years making rain for film sets. The supervisor of 'Harbour Lights' talks soap flakes.",
            "On Harbour Lights she ran a crew.",
            "Before she made weather, Corrigan Wilde trained as an engineer.",
            "Q. What next?",
        ]);
        let people = discover(
            Some("The Woman Who Builds Weather"),
            &p,
            &[],
            &Speakers::default(),
        );
        let s = Speakers::default().with_people(&people.found);
        assert_eq!(
            main_person(None, &p, &s, &people.found, &[]).as_deref(),
            Some("Corrigan Wilde")
        );
        let title = "Painting the Sky: Oona Brack Talks Murals";
        let p = paras(&["Oona Brack paints murals.", "Q: How high?"]);
        let people = discover(Some(title), &p, &[], &Speakers::default());
        let s = Speakers::default().with_people(&people.found);
        assert_eq!(
            main_person(Some(title), &p, &s, &people.found, &["Felix Morrow"]).as_deref(),
            Some("Oona Brack")
        );
    }

    #[test]
    fn capitals_labels_and_initials_resolve_to_the_full_name() {
        let p = paras(&[
            "Delphine Abernathy met us with Tobias Hale.",
            "ABERNATHY: Yes.",
            "TH: Why?",
        ]);
        let labels = vec!["ABERNATHY".to_string(), "TH".to_string()];
        let people = discover(None, &p, &labels, &Speakers::default());
        let s = Speakers::default().with_people(&people.found);
        assert_eq!(s.resolve("ABERNATHY"), Some("Delphine Abernathy"));
        assert_eq!(s.resolve("TH"), Some("Tobias Hale"));
    }

    #[test]
    fn a_title_and_a_surname_label_the_person_of_that_surname() {
        // The heading puts an office before the name; the labels put a title before the
        // surname. A first name before a surname is no title.
        let p = paras(&[
            "Briefing by Harbour Commissioner Adaeze Okafor",
            "I am joined by our engineer, Tomas Dalton, who will answer.",
            "COMMISSIONER OKAFOR: Good morning.",
            "MR. DALTON: Nine minutes.",
            "KATE DALTON: Me too.",
        ]);
        let labels: Vec<String> = ["COMMISSIONER OKAFOR", "MR. DALTON", "KATE DALTON"]
            .map(String::from)
            .to_vec();
        let people = discover(None, &p, &labels, &Speakers::default());
        let mut s = Speakers::default().with_people(&people.found);
        alias_titled_labels(&mut s, &labels);
        assert_eq!(s.resolve("COMMISSIONER OKAFOR"), Some("Adaeze Okafor"));
        assert_eq!(s.resolve("MR. DALTON"), Some("Tomas Dalton"));
        assert_ne!(s.resolve("KATE DALTON"), Some("Tomas Dalton"));
    }

    #[test]
    fn accounts_map_to_the_person_whose_name_they_spell() {
        let s = Speakers::new(&[
            SpeakerConfig {
                name: "Odile Marchetti".into(),
                aliases: vec![],
            },
            SpeakerConfig {
                name: "Constance Oyelaran".into(),
                aliases: vec![],
            },
        ]);
        assert_eq!(
            person_for_account("OdileMarchetti_official", &s).as_deref(),
            Some("Odile Marchetti")
        );
        assert_eq!(person_for_account("waxmoth_92", &s), None);
    }
}
