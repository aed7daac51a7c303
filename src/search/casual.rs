//! The way people type in chat, rewritten into the words articles use, before the question is
//! analysed: "ngl is jj s2 on netflix" → "is Jessica Jones season 2 on netflix".
//!
//! Three general sources, none written around particular articles:
//! * chat filler ("lol", "ngl", "tbh") is dropped and chat spellings ("u", "ppl", "w/", "eps")
//!   are written out: these are how English is typed in chat, whatever the articles are about;
//! * season and episode short forms ("s2", "s01e03", "ep 6", "ep6") become words;
//! * names come from the corpus itself: the capitalised names its articles use give initials
//!   ("jj" → "Jessica Jones") and the prefixes people shorten a first name to ("jess" →
//!   "Jessica"). Either applies only to a word the articles never use, so a real word is never
//!   rewritten into a name.

use std::collections::HashMap;

use once_cell::sync::Lazy;
use regex::Regex;

/// Words that carry no question at all in chat.
const FILLER: &[&str] = &[
    "lol",
    "lmao",
    "lmfao",
    "rofl",
    "ngl",
    "tbh",
    "tbf",
    "imo",
    "imho",
    "rn",
    "pls",
    "plz",
    "pleasee",
    "omg",
    "omfg",
    "idk",
    "fr",
    "frfr",
    "btw",
    "fwiw",
    "iirc",
    "afaik",
    "haha",
    "hahaha",
    "hehe",
    "lowkey",
    "highkey",
    "literally",
    "ok",
    "okay",
    "okk",
    "k",
    "ya",
    "yeah",
    "yea",
    "yep",
    "nah",
    "hey",
    "hi",
    "hello",
    "yo",
    "guys",
    "bro",
    "bruh",
    "dude",
    "pls",
    "smh",
    "istg",
    "ikr",
    "ty",
    "thx",
    "thanks",
    "thank",
    "ugh",
    "hmm",
    "hm",
    "um",
    "uh",
    "welp",
    "anyway",
    "anyways",
    "tho",
    "though",
    "sooo",
    "soo",
    "so",
    "kinda",
    "sorta",
    "just",
    "basically",
    "honestly",
];

/// Chat spellings and the words they stand for.
const CHAT: &[(&str, &str)] = &[
    ("u", "you"),
    ("ur", "your"),
    ("urs", "yours"),
    ("r", "are"),
    ("y", "why"),
    ("ppl", "people"),
    ("w", "with"),
    ("w/", "with"),
    ("w/o", "without"),
    ("b4", "before"),
    ("bc", "because"),
    ("bcuz", "because"),
    ("cuz", "because"),
    ("coz", "because"),
    ("cos", "because"),
    ("abt", "about"),
    ("smth", "something"),
    ("sth", "something"),
    ("wat", "what"),
    ("wut", "what"),
    ("wht", "what"),
    ("whats", "what is"),
    ("wats", "what is"),
    ("hows", "how is"),
    ("whos", "who is"),
    ("wheres", "where is"),
    ("whys", "why is"),
    ("yr", "year"),
    ("yrs", "years"),
    ("og", "original"),
    ("fav", "favorite"),
    ("fave", "favorite"),
    ("favs", "favorites"),
    ("ep", "episode"),
    ("eps", "episodes"),
    ("epi", "episode"),
    ("szn", "season"),
    ("seasn", "season"),
    ("char", "character"),
    ("chars", "characters"),
    ("convo", "conversation"),
    ("prod", "production"),
    ("esp", "especially"),
    ("gonna", "going to"),
    ("wanna", "want to"),
    ("gotta", "got to"),
    ("dunno", "do not know"),
    ("irl", "in real life"),
    ("bts", "behind the scenes"),
    ("rly", "really"),
    ("srsly", "seriously"),
    ("prob", "probably"),
    ("probs", "probably"),
    ("tmrw", "tomorrow"),
    ("2day", "today"),
    ("diff", "different"),
    ("ppl's", "people's"),
    ("pic", "picture"),
    ("pics", "pictures"),
    ("vid", "video"),
    ("govt", "government"),
    ("mins", "minutes"),
    ("min", "minute"),
    ("hrs", "hours"),
    ("hr", "hour"),
    ("wk", "week"),
    ("wks", "weeks"),
    ("mo", "month"),
    ("mos", "months"),
];

static SEASON_EPISODE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(?i)s(\d{1,2})\s*e(\d{1,3})$").expect("static regex compiles"));
static SEASON: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(?i)(?:s|szn|season)(\d{1,2})$").expect("static regex compiles"));
static EPISODE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?i)(?:e|ep|eps|epi|episode)(\d{1,3})$").expect("static regex compiles")
});

/// Names the articles use, for initials and shortened first names.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Names {
    /// Initials ("jj") → the most frequent multi-word name with them ("Jessica Jones").
    initials: HashMap<String, String>,
    /// Capitalised name words, lowercased, with how they are written and how often, sorted by
    /// the lowercased word (for prefix look-ups).
    words: Vec<(String, String, u32)>,
    /// Nicknames the articles give inside names, lowercased, → the person's name.
    #[serde(default)]
    nicknames: HashMap<String, String>,
}

/// What a transcript's generic labels call a speaker it does not name ("Unknown Speaker").
const ROLE_WORDS: &[&str] = &[
    "speaker",
    "unknown",
    "participant",
    "host",
    "guest",
    "interviewer",
    "moderator",
    "caller",
];

/// Capitalised words that start sentences or titles rather than name anyone.
const NOT_NAME_WORDS: &[&str] = &[
    "the", "a", "an", "and", "of", "in", "on", "at", "to", "for", "with", "but", "or", "so", "as",
    "if", "it", "its", "this", "that", "these", "those", "there", "here", "he", "she", "we",
    "they", "i", "you", "my", "his", "her", "our", "their", "what", "when", "where", "who", "why",
    "how", "which", "was", "is", "are", "be", "do", "did", "not", "no", "yes", "season", "episode",
    "series", "part", "chapter", "mr", "mrs", "ms", "dr", "q", "a",
];

impl Names {
    /// Reads the capitalised names of `texts` (a corpus's passages and titles). A word counts
    /// as a name where it is capitalised other than at the start of a sentence. `people` are
    /// the names the passages are credited to: someone an article shows only by their turns'
    /// labels (a forum's poster, a panel's guest) is named nowhere in its text.
    pub fn from_texts<'a>(
        texts: impl Iterator<Item = &'a str>,
        people: impl Iterator<Item = &'a str>,
    ) -> Self {
        let mut word_counts: HashMap<String, (String, u32)> = HashMap::new();
        let mut name_counts: HashMap<String, u32> = HashMap::new();
        // How often each word is written in lower case: a word that mostly is ("down") is not
        // a name, however often a title capitalises it.
        let mut lower_counts: HashMap<String, u32> = HashMap::new();
        for text in texts {
            let mut run: Vec<&str> = Vec::new();
            let mut sentence_start = true;
            for raw in text.split_whitespace() {
                let trimmed = raw.trim_matches(|c: char| !c.is_alphanumeric());
                // "the Television Critics Association's panel": a possessive ends the name it
                // closes, and the name is the words before it.
                let possessive = ["'s", "’s"].iter().find_map(|s| trimmed.strip_suffix(s));
                let word = possessive.unwrap_or(trimmed);
                let ends_sentence = raw.ends_with(['.', '!', '?', ':', '"', '”'])
                    && !raw.ends_with("..")
                    || raw.ends_with(['(', ')', ',', ';', '—', '–'])
                    || possessive.is_some()
                    || word.is_empty();
                let is_name = !word.is_empty()
                    && !sentence_start
                    && word.chars().next().is_some_and(char::is_uppercase)
                    && word.chars().skip(1).any(char::is_lowercase)
                    && word
                        .chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
                    && !NOT_NAME_WORDS.contains(&word.to_lowercase().as_str())
                    && !word.contains(['\'', '’']);
                if word.chars().next().is_some_and(char::is_lowercase) {
                    *lower_counts.entry(word.to_string()).or_default() += 1;
                }
                if is_name {
                    let lower = word.to_lowercase();
                    let e = word_counts
                        .entry(lower)
                        .or_insert_with(|| (word.to_string(), 0));
                    e.1 += 1;
                    run.push(word);
                }
                if !is_name || ends_sentence {
                    flush_run(&mut run, &mut name_counts);
                }
                sentence_start =
                    raw.ends_with(['.', '!', '?', ':']) || word.is_empty() && sentence_start;
            }
            flush_run(&mut run, &mut name_counts);
        }
        for person in people {
            let words: Vec<&str> = person.split_whitespace().collect();
            let named = words.len() >= 2
                && words.iter().all(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && w.chars()
                            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
                        && !NOT_NAME_WORDS.contains(&w.to_lowercase().as_str())
                        && !ROLE_WORDS.contains(&w.to_lowercase().as_str())
                });
            if !named {
                continue;
            }
            for w in &words {
                word_counts
                    .entry(w.to_lowercase())
                    .or_insert_with(|| (w.to_string(), 0))
                    .1 += 1;
            }
            let mut run = words;
            flush_run(&mut run, &mut name_counts);
        }
        let mut best: HashMap<String, (String, u32)> = HashMap::new();
        for (name, n) in name_counts {
            // A name of two words written once may be a chance pairing ("Then Jessica"); one
            // of three or four ("Television Critics Association") is an organisation's or a
            // title's, which people shorten to its initials even when an article names it
            // once.
            if n < 2 && name.split(' ').count() < 3 {
                continue;
            }
            let initials: String = name
                .split(' ')
                .filter_map(|w| w.chars().next())
                .flat_map(char::to_lowercase)
                .collect();
            let e = best.entry(initials).or_insert_with(|| (name.clone(), 0));
            if n > e.1 || (n == e.1 && name < e.0) {
                *e = (name, n);
            }
        }
        let mut words: Vec<(String, String, u32)> = word_counts
            .into_iter()
            .filter(|(lower, (_, n))| *n >= 2 * lower_counts.get(lower).copied().unwrap_or(0))
            .map(|(lower, (written, n))| (lower, written, n))
            .collect();
        words.sort();
        Self {
            initials: best.into_iter().map(|(k, (name, _))| (k, name)).collect(),
            words,
            nicknames: HashMap::new(),
        }
    }

    /// These names with the nicknames the articles give ("Roz" for Rosalind Tembe).
    pub fn with_nicknames<'a>(
        mut self,
        nicknames: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        self.nicknames
            .extend(nicknames.map(|(nick, name)| (nick.to_lowercase(), name.to_string())));
        self
    }

    /// The person whose nickname `word` is.
    fn by_nickname(&self, word: &str) -> Option<&str> {
        self.nicknames.get(word).map(String::as_str)
    }

    /// How often the articles write `word` (lowercased) as a capitalised name.
    fn name_uses(&self, word: &str) -> u32 {
        self.words
            .binary_search_by(|(w, _, _)| w.as_str().cmp(word))
            .map_or(0, |i| self.words[i].2)
    }

    /// Whether the articles use `word` (lowercased) as a capitalised name.
    pub fn is_name_word(&self, word: &str) -> bool {
        self.name_uses(word) > 0
    }

    /// The name whose initials `word` is ("jj").
    fn by_initials(&self, word: &str) -> Option<&str> {
        if !(2..=4).contains(&word.len()) || !word.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        self.initials.get(word).map(String::as_str)
    }

    /// The most frequent name word that `word` shortens ("jess" → "Jessica"): it starts with
    /// `word`, which is at least half of it.
    fn by_prefix(&self, word: &str) -> Option<&str> {
        if word.chars().count() < 3 || !word.chars().all(char::is_alphabetic) {
            return None;
        }
        let start = self.words.partition_point(|(w, _, _)| w.as_str() < word);
        self.words[start..]
            .iter()
            .take_while(|(w, _, _)| w.starts_with(word))
            .filter(|(w, _, _)| w.len() > word.len() && word.len() * 2 >= w.len())
            .max_by(|a, b| a.2.cmp(&b.2).then(b.0.cmp(&a.0)))
            .map(|(_, written, _)| written.as_str())
    }
}

fn flush_run(run: &mut Vec<&str>, names: &mut HashMap<String, u32>) {
    if (2..=4).contains(&run.len()) {
        *names.entry(run.join(" ")).or_default() += 1;
    }
    run.clear();
}

/// What a rewrite did, for `--explain` and the ablations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rewrites {
    pub chat: bool,
    pub names: bool,
}

impl Default for Rewrites {
    fn default() -> Self {
        Self {
            chat: true,
            names: true,
        }
    }
}

/// Chat to the other people in the channel rather than a question for the interviews: plans
/// and invitations ("anyone wanna play valorant later", "anyone going to the fair this wknd"),
/// and asking for a recommendation ("worth it or nah", "should i skip to the sequel", "can u
/// recommend a vpn"). "Anyone know why she left?" still asks.
static CHANNEL_CHAT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?:^(?:(?:so|ok|okay|yo|hey|guys|lol|ngl)[,!]?\s+)*(?:any(?:one|body)|some(?:one|body))\s+(?:else\s+)?(?:wanna|want to|going|gonna|down|up for|watching|watched|playing|coming|free|around|here)(?-u:\b)|(?-u:\b)worth (?:it|watching|the watch|a watch|the hype|reading|a read)(?-u:\b)|(?-u:\b)should i (?:watch|skip|start|binge|read|play|go)(?-u:\b)|(?-u:\b)recommend(?:ation)?s?(?-u:\b)|(?-u:\b)recs(?-u:\b))")
        .expect("static regex compiles")
});

/// Whether `message` is chat to the channel (see `CHANNEL_CHAT`), which the interviews cannot
/// answer whatever word it shares with them.
pub fn talks_to_channel(message: &str) -> bool {
    CHANNEL_CHAT.is_match(message)
}

/// `text` with chat forms written out and shortened names completed. `known` says whether the
/// articles use a (lowercased) word: known words are never taken for initials or nicknames.
pub fn rewrite(
    text: &str,
    names: &Names,
    levers: Rewrites,
    known: impl Fn(&str) -> bool,
) -> String {
    let mut out: Vec<String> = Vec::new();
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut i = 0;
    while i < tokens.len() {
        let raw = tokens[i];
        i += 1;
        // Punctuation around a word is kept around its replacement ("jess?" → "Jessica?").
        let start = raw
            .find(|c: char| c.is_alphanumeric() || c == '/')
            .unwrap_or(raw.len());
        let end = raw
            .rfind(|c: char| c.is_alphanumeric() || c == '/')
            .map_or(start, |e| {
                e + raw[e..].chars().next().map_or(1, char::len_utf8)
            });
        let (lead, word, trail) = (
            &raw[..start],
            &raw[start..end.max(start)],
            &raw[end.max(start)..],
        );
        let lower = word.to_lowercase();
        let replaced: Option<String> = if word.is_empty() {
            None
        } else if levers.chat && FILLER.contains(&lower.as_str()) && !known_name(word) {
            Some(String::new())
        } else if let Some(c) = levers
            .chat
            .then(|| SEASON_EPISODE.captures(&lower))
            .flatten()
        {
            Some(format!("season {} episode {}", num(&c[1]), num(&c[2])))
        } else if let Some(c) = levers.chat.then(|| SEASON.captures(&lower)).flatten() {
            Some(format!("season {}", num(&c[1])))
        } else if let Some(c) = levers.chat.then(|| EPISODE.captures(&lower)).flatten() {
            Some(format!("episode {}", num(&c[1])))
        } else if let Some((_, full)) = levers
            .chat
            .then(|| CHAT.iter().find(|(short, _)| *short == lower))
            .flatten()
        {
            Some((*full).to_string())
        } else if levers.names {
            // A possessive's name ("jess's") is the name's.
            let (stem, possessive) = ["'s", "’s"]
                .iter()
                .find_map(|s| lower.strip_suffix(s).map(|stem| (stem, *s)))
                .unwrap_or((lower.as_str(), ""));
            // A nickname an article gives once, inside the name ("Priyanka \"Pree\"
            // Solano-Reyes"), stands for the person even though the articles have the word.
            // One the articles go on to use ("Peggy chained herself ...") is matched as typed.
            let nickname = names.by_nickname(stem);
            let name = if known(&lower) {
                nickname.filter(|_| names.name_uses(stem) == 1)
            } else {
                nickname
                    .or_else(|| names.by_initials(stem))
                    .or_else(|| names.by_prefix(stem))
            };
            name.map(|name| format!("{name}{possessive}"))
        } else {
            None
        };
        match replaced {
            Some(r) if r.is_empty() => {
                if !lead.is_empty() || !trail.is_empty() {
                    let p = format!("{lead}{trail}");
                    if p.chars().any(|c| c.is_alphanumeric()) {
                        out.push(p);
                    }
                }
            }
            Some(r) => out.push(format!("{lead}{r}{trail}")),
            None => out.push(raw.to_string()),
        }
    }
    out.join(" ")
}

/// The fewest words a message has before the question it asks for that to be a preamble
/// (see [`preamble`]).
const PREAMBLE_MIN_WORDS: usize = 15;

/// A long message that tells something before it asks ("I binged all of s2 this weekend and
/// I'm still processing it. The mom stuff hit close to home. What was the big idea with
/// Jessica and her mother? Like what's the season about"): what comes before its first
/// sentence with a question mark (at least [`PREAMBLE_MIN_WORDS`] words, whole sentences), and
/// the rest, which asks. `None` when nothing that long comes before a question.
pub fn preamble(message: &str) -> Option<(&str, &str)> {
    let message = message.trim();
    let mut start = 0;
    for (i, c) in message.char_indices() {
        let end = i + c.len_utf8();
        let at_break = message[end..].starts_with(char::is_whitespace);
        if matches!(c, '.' | '!' | '?' | '…') && (at_break || end == message.len()) {
            if c == '?' {
                let before = message[..start].trim();
                return (before.split_whitespace().count() >= PREAMBLE_MIN_WORDS)
                    .then(|| (before, message[start..].trim()));
            }
            start = end;
        }
    }
    None
}

/// A filler word written with a capital mid-question ("Ok" rarely is) may be a name: keep it.
fn known_name(word: &str) -> bool {
    word.len() > 2
        && word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).any(char::is_uppercase)
}

/// "02" → "2".
fn num(digits: &str) -> String {
    match digits.trim_start_matches('0') {
        "" => "0".into(),
        n => n.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chat_to_the_channel_is_told_from_questions_about_the_interviews() {
        for chat in [
            "anyone wanna play valorant later lol",
            "anyone going to the fair this wknd?",
            "is the new season worth watching or should i skip it",
            "can u recommend a decent vpn",
        ] {
            assert!(talks_to_channel(chat), "{chat}");
        }
        for asked in [
            "anyone know why she left the show?",
            "who's going to direct season 3",
            "is it worthwhile to read the comics first",
            "what did she say about the writers room",
        ] {
            assert!(!talks_to_channel(asked), "{asked}");
        }
    }

    fn names() -> Names {
        Names::from_texts(
            [
                "We met Jessica Jones again. Later Jessica Jones said no.",
                "The star of Halfway to Vega, Delphine Abernathy, met Delphine Abernathy fans.",
                "Then Jessica left.",
                "Down they went, down and down, Down Under.",
                "At the Television Critics Association's panel they spoke.",
            ]
            .into_iter(),
            ["Tessa Morrow", "Speaker 2", "Unknown Speaker"].into_iter(),
        )
    }

    fn rw(text: &str) -> String {
        rewrite(text, &names(), Rewrites::default(), |w| {
            ["is", "on", "netflix", "the", "jones", "vega"].contains(&w)
        })
    }

    #[test]
    fn chat_filler_goes_and_chat_spellings_are_written_out() {
        assert_eq!(rw("ngl is u on netflix lol"), "is you on netflix");
        assert_eq!(rw("w/ the ppl tbh"), "with the people");
    }

    #[test]
    fn seasons_and_episodes_become_words() {
        assert_eq!(rw("s2 ep6"), "season 2 episode 6");
        assert_eq!(rw("S01E03?"), "season 1 episode 3?");
        assert_eq!(rw("eps"), "episodes");
    }

    #[test]
    fn initials_and_nicknames_come_from_the_corpus() {
        assert_eq!(rw("jj s2"), "Jessica Jones season 2");
        assert_eq!(rw("da in vega"), "Delphine Abernathy in vega");
        assert_eq!(rw("is jess ok?"), "is Jessica");
        // A possessive's name is the name's.
        assert_eq!(rw("jess's book"), "Jessica's book");
        // A name of three words, written once, and possessive.
        assert_eq!(rw("tca"), "Television Critics Association");
        // A word the articles use is never taken for a name.
        assert_eq!(rw("jones"), "jones");
        // A word the articles mostly write in lower case is no name.
        assert!(!names().is_name_word("down"));
        assert!(names().is_name_word("abernathy"));
        // Someone only a turn's label names is a name too; a generic label is not.
        assert!(names().is_name_word("tessa"));
        assert!(!names().is_name_word("speaker") && !names().is_name_word("unknown"));
    }

    #[test]
    fn a_long_message_is_read_as_what_it_tells_and_what_it_asks() {
        let message = "I binged all of s2 this weekend and honestly I'm still processing it. The mom stuff hit close to home for me. What was the big idea with Jessica and her mother? Like what's the season about";
        assert_eq!(
            preamble(message),
            Some((
                "I binged all of s2 this weekend and honestly I'm still processing it. The mom stuff hit close to home for me.",
                "What was the big idea with Jessica and her mother? Like what's the season about"
            ))
        );
        // A short lead-in is part of the question; so is a message that asks first.
        assert_eq!(preamble("Loved s2. Why did Trish do it?"), None);
        assert_eq!(
            preamble("Why did Trish do it? I keep thinking about it and I still cannot work out what she wanted from any of it."),
            None
        );
        assert_eq!(preamble("no question mark here at all, just a long remark about the show and how much I liked it overall"), None);
    }

    #[test]
    fn a_nickname_given_once_is_the_person_but_one_in_use_is_kept() {
        let names = Names::from_texts(
            [
                "Candidates: Priyanka \"Pree\" Solano-Reyes, and Margaret \"Peggy\" Oduya.",
                "In 1989 Peggy chained herself to the gate. Later Peggy swam.",
            ]
            .into_iter(),
            std::iter::empty(),
        )
        .with_nicknames(
            [
                ("Pree", "Priyanka Solano-Reyes"),
                ("Peggy", "Margaret Oduya"),
            ]
            .into_iter(),
        );
        // Both words are the articles' own; only the one they never use again is rewritten.
        let rw = |text: &str| rewrite(text, &names, Rewrites::default(), |_| true);
        assert_eq!(rw("pree's plan"), "Priyanka Solano-Reyes's plan");
        assert_eq!(rw("what did peggy do"), "what did peggy do");
    }
}
