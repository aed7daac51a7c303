//! What a question asks for, beyond its words, and whether a passage holds it. Similarity and
//! word overlap tell an off-topic question from an answerable one, but not a near miss: "how
//! many writers are in the room" resembles a passage about the writers' room that gives no
//! number. So:
//! * a question that asks for a kind of fact (a number, a time) is answered only by a passage
//!   that states one near the words that match, and passages that do rank higher;
//! * "who plays X" is answered by a cast credit ("X (Krysten Ritter)", "Ritter, who plays X",
//!   "Ritter as X"), the way articles name actors;
//! * "what did X say" is answered by X's own words, not by a passage that mentions X.
//!
//! The patterns below run over candidate passages on every question, so their word boundaries
//! are ASCII ones, `(?-u:\b)`: a Unicode boundary stops the regex crate's fast automaton at the
//! first curly quote or accented letter and leaves the rest of the passage to its slow engines
//! (a fifth of the ranking's time on the seeds). Every word they look for is ASCII.

use once_cell::sync::Lazy;
use regex::Regex;

/// What kind of fact a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wants {
    /// "how many", "how big": a count, a size.
    Number,
    /// "how old", "what age": an age ("she was 14", "aged nine", "a 30-year-old", "in his
    /// twenties"), not any number ("two sisters" is no one's age).
    Age,
    /// "how much of the film", "how many of the songs": a share of a whole, a number or a
    /// word for one ("most of it", "half", "much of the story").
    Share,
    /// "how long did it take", "how many weeks": a span of time, a number with its unit
    /// ("eleven weeks") or a span named ("a fortnight", "for months").
    Duration,
    /// "how long is the table", "how long was the shoot": a span of time or a length ("forty
    /// metres").
    Extent,
    /// "what was the show called", "what's the name of her dog": a name ("a show called
    /// Puddle Street", "my dog Biscuit").
    Name,
    /// "when": a date, a year, a season of the year, a relative time.
    Time,
    /// "when did she start", "when was he married": a time as for `Time`, or, as a time in
    /// someone's life is often given, their age then ("At 31", "when I was nine").
    PastTime,
    /// "what year", "which yr": a year, not a day ("30th September" does not say which year).
    Year,
    /// "how much did it cost", "what was the budget": a sum of money.
    Money,
    /// "where is she from", "where did he grow up": where a person was born or raised.
    Origin,
    /// "where was it filmed", "where is it set": a place, named or described ("on the
    /// island", "in a cathedral").
    Place,
    /// "where can i watch it": where it is shown or sold ("on Netflix", "in cinemas").
    Showing,
    /// Anything else: no check.
    Anything,
}

impl Wants {
    /// A date, a count or a span: facts a clause states about what it names, so a passage
    /// holds one only where it names what the question asks about (`rank::dating`), and its
    /// sentence must resemble the question (`states_another_fact`).
    pub fn is_stated_fact(self) -> bool {
        matches!(
            self,
            Wants::Time
                | Wants::PastTime
                | Wants::Year
                | Wants::Number
                | Wants::Age
                | Wants::Share
                | Wants::Duration
                | Wants::Extent
        )
    }
}

static NUMBER_QUESTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)how\s+(?:many|much|old|long|big|tall|far|often|large|small|heavy|fast|high|deep|wide)(?-u:\b)|(?-u:\b)what\s+(?:age|percentage|percent|number|size)(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// "When" asks for a time when it asks about an event ("when does s2 come out"), not a
/// circumstance ("when is the show at its best").
static TIME_QUESTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:what|which)\s+(?:year|yr|date|day|month|decade|time of year)(?-u:\b)|(?-u:\b)how\s+soon(?-u:\b)|(?-u:\b)when(?-u:\b).*(?-u:\b)(?:out|release[sd]?|premiere[sd]?|air(?:s|ed|ing)?|start(?:s|ed)?|begin|began|return(?:s|ed)?|land(?:s|ed)?|drop(?:s|ped)?|arrive[sd]?|come|comes|coming|came|back|film(?:s|ed|ing)?|shoot|shot|debut(?:s|ed)?|launch(?:es|ed)?|finish(?:es|ed)?|happen(?:s|ed)?|announce[sd]?|born|die[sd]?|married|open(?:s|ed)?|stream(?:s|ing)?|available|confirmed|renewed|cancell?ed|wrap(?:s|ped)?)(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// "when did", "when was": a "when" question about the past.
static PAST_WHEN: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?-u:\b)when\s+(?:did|was|were|had)(?-u:\b)").expect("static regex compiles")
});

/// Asks where a person comes from. "Where did the piano come from" asks about a thing's
/// history, not a birthplace, so only "where is/was X from" and the explicit forms count.
static ORIGIN_QUESTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)where(?:\s+(?:is|was|are|were)|'s|s)\s+.{1,80}?\s+from\s*\??\s*$|(?-u:\b)where\s+(?:was|were|is)\s+.{1,80}?\s+(?:born|raised)(?-u:\b)|(?-u:\b)where\s+(?:did|does|do)\s+.{1,80}?\s+grow\s+up(?-u:\b)|(?-u:\b)(?:home\s*town|birthplace|place\s+of\s+birth)(?-u:\b)|(?-u:\b)what\s+country\s+(?:is|was|are)\s+.{1,80}?\s+from(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// Where a text says someone was born or grew up.
static ORIGIN: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)born\s*(?::|in(?-u:\b)|and\s+raised(?-u:\b))|(?-u:\b)(?:grew|grow|growing)\s+up\s+(?:in|on|near|outside|above|by)(?-u:\b)|(?-u:\b)raised\s+(?:in|on|near|outside)(?-u:\b)|(?-u:\b)(?:hails?|hailing)\s+from(?-u:\b)|(?-u:\b)native\s+of(?-u:\b)|(?-u:\b)home\s*town(?-u:\b)|(?-u:\b)originally\s+from(?-u:\b)|(?-u:\b)(?:comes?|came)\s+from\s+(?:a\s+)?(?:small\s+)?(?:town|village|city)(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// "Where" asks for a place when it asks where something is made, kept or set; "where does
/// the story go" or "where does she end up" asks about a storyline.
static PLACE_QUESTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)where(?-u:\b).*(?-u:\b)(?P<verb>film(?:s|ed|ing)?|shoot(?:s|ing)?|shot|record(?:s|ed|ing)?|set|located|based|held|take\s+place|takes\s+place|took\s+place|built|live[sd]?|living)(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// The verb a "where" question asks the place of ("filmed" of "where was it filmed").
pub fn place_verb(question: &str) -> Option<&str> {
    Some(PLACE_QUESTION.captures(question)?.name("verb")?.as_str())
}

/// "Where can I watch it": where something is shown or sold.
static SHOWING_QUESTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)where(?-u:\b).*(?-u:\b)(?:watch(?:ed|ing)?|see|stream(?:s|ed|ing)?|available|premiere[sd]?|screen(?:s|ed|ing)?|showing|buy|bought)(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// A place after a preposition: up to three words, the place among them ("on the island",
/// "in an empty swimming pool", "on Netflix"); `place_named` reads the words.
static PLACE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?-u:\b)(?i:in|at|on|off|near|outside|inside|across|around|into|onto)\s+(?:(?i:the|a|an|this|that|their|our|my|his|her|its|one|some)\s+)?(?P<words>[\p{L}][\p{L}'’+\-]*(?:\s+[\p{L}][\p{L}'’+\-]*){0,2})",
    )
    .expect("static regex compiles")
});

/// Kinds of place things are made, kept or set in, for places a text describes rather than
/// names ("on the island", "in a cathedral").
const PLACE_NOUNS: &[&str] = &[
    "island",
    "coast",
    "beach",
    "shore",
    "sea",
    "ocean",
    "lake",
    "river",
    "valley",
    "mountain",
    "hill",
    "forest",
    "wood",
    "woods",
    "desert",
    "field",
    "farm",
    "village",
    "town",
    "city",
    "country",
    "countryside",
    "studio",
    "stage",
    "soundstage",
    "backlot",
    "set",
    "location",
    "house",
    "home",
    "flat",
    "apartment",
    "street",
    "road",
    "church",
    "cathedral",
    "chapel",
    "school",
    "hospital",
    "theatre",
    "theater",
    "pool",
    "warehouse",
    "factory",
    "hotel",
    "castle",
    "lighthouse",
    "harbour",
    "harbor",
    "port",
    "park",
    "garden",
    "basement",
    "garage",
    "kitchen",
    "office",
    "room",
    "hall",
    "library",
    "museum",
    "prison",
    "station",
    "airport",
    "ship",
    "boat",
    "train",
    "abroad",
    "overseas",
    "mainland",
];

/// Kinds of place something is shown or sold in: where to watch it, not where it was made
/// ("opens the Harbour Festival on Friday" does not say where it was filmed).
const SHOWING_NOUNS: &[&str] = &[
    "cinema",
    "festival",
    "television",
    "tv",
    "channel",
    "streaming",
    "streamer",
    "online",
    "radio",
    "website",
    "app",
    "platform",
    "service",
    "shop",
    "store",
    "bookshop",
    "screen",
    "screening",
    "premiere",
    "venue",
    "arena",
];

/// Capitalised words after a preposition that name a part, not a place (besides the months
/// and days of `CALENDAR_WORDS`).
const NOT_PLACES: &[&str] = &[
    "season",
    "series",
    "episode",
    "part",
    "chapter",
    "act",
    "book",
    "volume",
    "christmas",
    "easter",
    "i",
];

/// Whether `words` (what follows a preposition) name a place of the kind `wants` asks for: a
/// name that is not a time or a part (a named venue, "the Marlowe Film Festival", only where
/// something is shown), or a kind of place, before anything else capitalised.
fn place_named(words: &str, wants: Wants) -> bool {
    let showing = wants == Wants::Showing;
    let kind = |w: &str| {
        let singular = w.strip_suffix('s').unwrap_or(w);
        let is = |list: &[&str]| list.contains(&w) || list.contains(&singular);
        if is(SHOWING_NOUNS) {
            Some(showing)
        } else if is(PLACE_NOUNS) {
            Some(true)
        } else {
            None
        }
    };
    let mut words = words
        .split_whitespace()
        .map(|w| (w, w.trim_end_matches(['\'', '’']).to_lowercase()));
    while let Some((w, lower)) = words.next() {
        if w.starts_with(char::is_uppercase) {
            if NOT_PLACES.contains(&lower.as_str())
                || crate::corpus::CALENDAR_WORDS.contains(&lower.as_str())
            {
                return false;
            }
            // A name ends at its last capitalised word, which may say what kind of place it is.
            let last = std::iter::once(lower)
                .chain(
                    words
                        .by_ref()
                        .take_while(|(w, _)| w.starts_with(char::is_uppercase))
                        .map(|(_, l)| l),
                )
                .last()
                .unwrap_or_default();
            return kind(&last) != Some(false);
        }
        if let Some(fits) = kind(&lower) {
            return fits;
        }
    }
    false
}

/// "ferreira on the score": a quote topic led by who is to say it, up to four words before
/// the first "on".
static SPEAKER_ON: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^\s*(?P<who>\S+(?:\s+\S+){0,3}?)\s+on\s+(?P<what>\S.*)$")
        .expect("static regex compiles")
});

/// A quote topic's two halves when it is led by who is to say it ("rosenberg on the ending"):
/// who, and what about. Whether `who` is a person is for the caller to know.
pub fn speaker_on(topic: &str) -> Option<(&str, &str)> {
    let c = SPEAKER_ON.captures(topic)?;
    Some((c.name("who")?.as_str(), c.name("what")?.as_str()))
}

/// "what lars was going for", "why ritter hated the ending": the topic's subject, who did
/// or thought what it asks about, whose own words say it best.
static SUBJECT_OF_TOPIC: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^\s*(?:what|why|how|when|where|whether)\s+(?P<who>[\p{L}][\p{L}'’-]*(?:\s+[\p{L}][\p{L}'’-]*)?)\s+(?:was|is|were|are|did|does|has|had|thinks?|thought|felt|feels?|wanted|wants?|meant|means|loved|loves|hated|hates|learned|learnt|found|finds|got|gets|made|makes|said|says|went|goes|came|comes|chose|chooses|decided|decides|became|becomes)(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// Who a quote topic says did or thought what it is about ("what lars was going for":
/// "lars"). Whether that is a person is for the caller to know.
pub fn subject_of_topic(topic: &str) -> Option<&str> {
    Some(SUBJECT_OF_TOPIC.captures(topic)?.name("who")?.as_str())
}

static YEAR_QUESTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:what|which)\s+(?:year|yr)(?-u:\b)").expect("static regex compiles")
});

static YEAR: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:1[6-9]\d\d|20\d\d)s?(?-u:\b)|(?-u:\b)(?:next|last|this|that|the following|the same)\s+year(?-u:\b)")
        .expect("static regex compiles")
});

static NUMBER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)\d|(?-u:\b)(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|half|twice|couple|several)(?-u:\b)",
    )
    .expect("static regex compiles")
});

static TIME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:1[6-9]\d\d|20\d\d)s?(?-u:\b)|(?-u:\b)(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|autumn|winter|christmas|easter|halloween|yesterday|today|tonight|tomorrow|ago|soon)(?-u:\b)|(?-u:\b)(?:next|last|this|later this|early|late|end of)\s+(?:week|weekend|month|year|fall|season)(?-u:\b)|(?-u:\b)\d+\s+(?:days?|weeks?|months?|years?)(?-u:\b)",
    )
    .expect("static regex compiles")
});

static CASTING_QUESTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)who(?:'s|’s|s| is| was)?\s+(?:\w+\s+){0,2}(?:play|plays|played|playing|portray|portrays|portrayed|voice|voices|voiced)(?-u:\b)|(?-u:\b)(?:actor|actress|actors|actresses|cast|voice actor)\s+(?:for|behind|of|playing|who plays|as)(?-u:\b)|(?-u:\b)played by(?-u:\b)|(?-u:\b)who\s+(?:is|was)\s+(?:in\s+)?the\s+(?:actor|actress)(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// A question that asks something else about a role's actor ("does the actor who plays amos
/// sail", "how did the actress behind jess prepare"): the role names whom it is about, and it
/// does not ask who that is.
static ASKS_SOMETHING_ELSE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^\s*(?:does|did|do|is|was|were|are|has|have|had|can|could|will|would|should|how|why|when|where|what\s+(?:did|does|do|has|have|would|will))(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// A cast credit: a name in parentheses after a capitalised word ("Trish (Rachael Taylor)"),
/// "Name, who plays", "played by Name", "Name as Character".
static CAST_CREDIT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"\p{Lu}[\p{L}'’]*\s*(?:\(\p{Lu}[\p{L}'’]*\)\s*)?(?:\p{Lu}[\p{L}'’]*\s*)?\((?:\p{Lu}[\p{L}.'’\-]*\s*){2,4}\)|\p{Lu}[\p{L}'’\-]+,?\s+who\s+(?:plays|played|portrays|portrayed|voices|voiced|stars as)(?-u:\b)|(?-u:\b)(?:played|portrayed|voiced)\s+by\s+\p{Lu}|\p{Lu}[\p{L}'’\-]+\s+as\s+\p{Lu}[\p{L}'’\-]+\s+in(?-u:\b)|(?-u:\b)(?:plays|played|stars as|starring as)\s+\p{Lu}",
    )
    .expect("static regex compiles")
});

static SAID_BY_QUESTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)what\s+(?:did|does|do|has|have|had|would|will)\s+(?P<who>(?:\w+\s+){1,3}?)(?:say|said|think|thought|feel|felt|tell|told|reveal|share|mention|talk|discuss)(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// "... according to mel rosenberg", "in rosenberg's view": whose word the question asks for,
/// at its end.
static ACCORDING_TO: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?:(?-u:\b)according\s+to\s+(?P<who>\w+(?:\s+\w+){0,2})|(?-u:\b)in\s+(?P<whose>\w+(?:\s+\w+)?)(?:'s|’s|s)\s+(?:view|opinion|words|eyes))\s*[?.!]*\s*$",
    )
    .expect("static regex compiles")
});

/// What a question asks for, read once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intent {
    pub wants: Wants,
    /// "who plays X", "the actress behind X".
    pub casting: bool,
    /// "what did X say": the words naming X, lowercased.
    pub said_by: Option<String>,
    /// "which hospital": the kind of thing asked for.
    pub which: Option<String>,
    /// Names the question uses that the articles seldom do (filled in by the engine, which
    /// knows the articles): a passage that answers it names them too.
    pub named: Vec<Vec<String>>,
    /// Every name the question uses that the articles use too, frequent or not (filled in by
    /// the engine): whom a turn may be by and still answer it.
    pub people: Vec<Vec<String>>,
    /// The quoted person the question is about, by name or as the actor of a character it
    /// names (filled in by the engine, which knows who speaks): their own words answer it
    /// best, though others' may too.
    pub about: Option<String>,
    /// Asks something about a role's actor other than who it is ("does the actor who plays
    /// amos sail").
    pub of_role: bool,
    /// The numbered seasons or episodes it asks about ("s2" read as "season 2").
    pub parts: Vec<Part>,
    /// "what was her dog called": the words of what it asks the name of ("dog").
    pub name_of: Vec<String>,
    /// "who directed X", "who's the composer": the credit asked for, whose holder a passage
    /// that answers names.
    pub credit: Option<Credit>,
    /// "what hospital did she go to", "who's rosenberg's husband": the noun of the thing asked
    /// after, which articles that never use the word cannot name.
    pub thing: Option<String>,
}

/// A credit a "who" question asks for: the words a text gives it by (the role's noun and
/// the verb's forms, as prefixes of words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Credit {
    words: &'static [&'static str],
}

/// Endings a credit's word takes in a text: the verb's and the doer's.
const CREDIT_ENDINGS: &[&str] = &[
    "", "s", "es", "d", "ed", "ing", "er", "ers", "or", "ors", "ian", "ians", "y",
];

/// Credits people ask after, each as the question's forms of it and the text's.
const CREDITS: &[(&[&str], &[&str])] = &[
    (
        &["directed", "directs", "director", "directing"],
        &["direct", "co-direct", "helmed"],
    ),
    (
        &[
            "wrote",
            "writes",
            "written",
            "writer",
            "screenwriter",
            "scripted",
        ],
        &[
            "wrote",
            "written",
            "writer",
            "writes",
            "co-wrote",
            "co-written",
            "screenwrit",
            "screenplay",
            "script",
            "penned",
        ],
    ),
    (
        &["composed", "composes", "composer", "scored"],
        &["compos", "score", "scored", "scoring", "music"],
    ),
    (
        &["produced", "produces", "producer"],
        &["produced", "producer", "produces", "co-produc"],
    ),
    (
        &["edited", "edits", "editor"],
        &["edited", "editor", "edits", "editing"],
    ),
    (&["designed", "designs", "designer"], &["design"]),
    (
        &["sang", "sings", "sung", "singer"],
        &["sang", "sings", "sung", "singer", "singing", "vocal"],
    ),
    (
        &["created", "creates", "creator"],
        &["created", "creator", "creates", "co-created"],
    ),
    (&["choreographed", "choreographer"], &["choreograph"]),
    (&["animated", "animator"], &["animat"]),
    (&["narrated", "narrates", "narrator"], &["narrat"]),
];

/// "who directed", "who's the composer of", "who was the film's editor": the verb or noun
/// after "who" (and an adverb chat puts between, "who actually composed", and a possessive
/// or "the"), read against [`CREDITS`].
static CREDIT_QUESTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)who(?:'s|’s|s|\s+is|\s+was|\s+were|\s+are)?\s+(?:(?:actually|really|exactly|originally|first|even|else|ever|truly)\s+)?(?:(?:the|its|their|his|her|this|that)\s+)?(?:[\w'’]+(?:'s|’s)\s+)?(?P<credit>[a-z]+)(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// The credit `question` asks who holds, if it asks one.
pub fn credit_asked(question: &str) -> Option<Credit> {
    CREDIT_QUESTION.captures_iter(question).find_map(|c| {
        let word = c.name("credit")?.as_str().to_lowercase();
        CREDITS
            .iter()
            .find(|(asked, _)| asked.contains(&word.as_str()))
            .map(|&(_, words)| Credit { words })
    })
}

impl Credit {
    /// Whether `word` (lowercased) is one the credit is given by: one of its words with an
    /// ending of the verb or of the one who does it ("directed", "directors", "musician"),
    /// not another word that starts alike ("the direction we took", "the narrative").
    fn gives(&self, word: &str) -> bool {
        self.words.iter().any(|w| {
            word.strip_prefix(w)
                .is_some_and(|end| CREDIT_ENDINGS.contains(&end))
        })
    }
}

/// Whether word `i` of `words` is capitalised after a capitalised word: part of a title or
/// an award's name ("the award for Original Main Title Theme Music"), which gives no credit
/// to the names around it.
fn in_title_case_run(words: &[&str], i: usize) -> bool {
    i > 0
        && words[i].starts_with(char::is_uppercase)
        && words[i - 1].starts_with(char::is_uppercase)
}

/// Whether a passage names who holds `credit`: a sentence giving the credit also names
/// someone within [`CREDIT_REACH`] words of it (a capitalised word past its first that the
/// question does not use: "Composer Lars Holm recorded the score", "written and directed by
/// Selma Ruud"), or says "I" did it
/// ("I wrote the music"), or the interviewer asks about the credit and the answer names
/// someone or says "I". "Did the director like it? She hated it" does not say who directed.
/// `asked` holds the question's words, lowercased.
pub fn names_credit(
    question: Option<&str>,
    answer: &str,
    credit: Credit,
    asked: &[String],
) -> bool {
    let gives = |sentence: &str| {
        sentence
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .any(|w| credit.gives(&w.to_lowercase()))
    };
    let names = |sentence: &str| names_something(sentence, asked);
    // The credit and the name go together: "directed by Selma Ruud", "Lars Holm, who wrote
    // the score", not a long sentence naming the showrunner and, many words on, "female
    // directors".
    let named_near = |sentence: &str| {
        sentence.split([':', ';']).any(|clause| {
            let words = words_of(clause);
            let named = name_positions(&words, asked);
            words.iter().enumerate().any(|(i, w)| {
                credit.gives(&w.to_lowercase())
                    && !in_title_case_run(&words, i)
                    && named.iter().any(|&n| n.abs_diff(i) <= CREDIT_REACH)
            })
        })
    };
    // "I wrote the music", not "I have seen what directors do": the credit's verb, not
    // someone else's title.
    let first_person = |sentence: &str| {
        let words: Vec<&str> = sentence
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
            .filter(|w| !w.is_empty())
            .collect();
        words
            .iter()
            .any(|w| matches!(*w, "I" | "I'd" | "I’d" | "I've" | "I’ve" | "We" | "we"))
            && words.iter().any(|w| {
                let lower = w.to_lowercase();
                credit.gives(&lower)
                    && !["or", "er", "ors", "ers"]
                        .iter()
                        .any(|end| lower.ends_with(end))
            })
    };
    let answer_sentences: Vec<&str> = answer
        .split_inclusive(['.', '!', '?', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if answer_sentences
        .iter()
        .any(|s| named_near(s) || first_person(s))
    {
        return true;
    }
    // "Who scored it?" / "I did, with my sister.": the answer's first words say who.
    let says_who = |s: &str| {
        names(s)
            || s.split(|c: char| !c.is_alphanumeric())
                .any(|w| matches!(w, "I" | "We" | "we" | "me" | "us"))
    };
    question.is_some_and(|q| gives(q) && answer_sentences.first().is_some_and(|s| says_who(s)))
}

/// What a number can name in a show: a season (a British "series") or an episode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    Season,
    Episode,
}

/// A numbered season or episode ("season 2", "the second series", "episode six").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub kind: PartKind,
    pub number: u32,
}

const NUMBER_WORDS: [&str; 12] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];
const ORDINAL_WORDS: [&str; 12] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth",
];

/// "season 2", "series two", "episode 6", "ep. 6" (and "seasons 1 and 2"), or "the second
/// season", "3rd episode".
static PART: Lazy<Regex> = Lazy::new(|| {
    let number = format!(r"\d{{1,2}}|{}", NUMBER_WORDS.join("|"));
    let ordinal = format!(r"\d{{1,2}}(?:st|nd|rd|th)|{}", ORDINAL_WORDS.join("|"));
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(?P<kind>season|series|episode|ep)s?\.?\s*(?P<n>{number})(?:\s*(?:,|&|and|or|to|-|–)\s*(?P<m>{number}))?|(?P<ord>{ordinal})\s+(?P<okind>season|series|episode)s?)(?-u:\b)"
    ))
    .expect("static regex compiles")
});

/// The kind of part a noun names ("episode", "ep", "series"): "which episode" is answered by
/// a numbered one ("episode 11"), not by "all 13 episodes".
pub fn part_kind(noun: &str) -> Option<PartKind> {
    match noun.to_lowercase().as_str() {
        "episode" | "episodes" | "ep" | "eps" => Some(PartKind::Episode),
        "season" | "seasons" | "series" => Some(PartKind::Season),
        _ => None,
    }
}

/// Whether `word` (lowercased) names one part of the kind, not a count of them: "episode",
/// "finale", "season" (not "episodes").
pub fn names_one_part(word: &str, kind: PartKind) -> bool {
    match kind {
        PartKind::Episode => matches!(word, "episode" | "ep" | "finale" | "premiere" | "pilot"),
        PartKind::Season => matches!(word, "season" | "series"),
    }
}

/// The numbered seasons and episodes `text` names.
pub fn parts(text: &str) -> Vec<Part> {
    part_spans(text).into_iter().map(|(p, _)| p).collect()
}

/// The numbered seasons and episodes `text` names, each with where it is named ("seasons 1
/// and 2" gives both the one span).
pub fn part_spans(text: &str) -> Vec<(Part, std::ops::Range<usize>)> {
    let kind_of = |k: &str| {
        if k.eq_ignore_ascii_case("episode") || k.eq_ignore_ascii_case("ep") {
            PartKind::Episode
        } else {
            PartKind::Season
        }
    };
    let value = |n: &str| -> Option<u32> {
        let n = n.to_lowercase();
        let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            return digits.parse().ok();
        }
        NUMBER_WORDS
            .iter()
            .chain(&ORDINAL_WORDS)
            .position(|w| *w == n)
            .map(|i| (i % NUMBER_WORDS.len()) as u32 + 1)
    };
    let mut out = Vec::new();
    for c in PART.captures_iter(text) {
        let (kind, numbers) = match (c.name("kind"), c.name("okind")) {
            (Some(k), _) => (k, [c.name("n"), c.name("m")]),
            (None, Some(k)) => (k, [c.name("ord"), None]),
            _ => continue,
        };
        for n in numbers.into_iter().flatten() {
            if let Some(number) = value(n.as_str()) {
                let part = Part {
                    kind: kind_of(kind.as_str()),
                    number,
                };
                out.push((part, c.get(0).map_or(0..0, |m| m.range())));
            }
        }
    }
    out
}

/// Whether `text`, naming some of the asked `parts`' kind, names none of those numbers: it is
/// about another season or episode ("Season one premieres on 14 May" for "when is s2 out").
pub fn names_other_parts(text: &str, asked: &[Part]) -> bool {
    if asked.is_empty() {
        return false;
    }
    let named = parts(text);
    asked
        .iter()
        .any(|a| named.iter().any(|n| n.kind == a.kind) && !named.contains(a))
}

impl Intent {
    pub fn of(question: &str) -> Self {
        let said_by = SAID_BY_QUESTION
            .captures(question)
            .and_then(|c| c.name("who"))
            .or_else(|| {
                let c = ACCORDING_TO.captures(question)?;
                c.name("who").or_else(|| c.name("whose"))
            })
            .map(|m| m.as_str().trim().to_lowercase())
            .filter(|who| {
                !matches!(
                    who.as_str(),
                    "you" | "they" | "people" | "fans" | "she" | "he" | "it" | "we" | "i"
                )
            });
        let role_asked = CASTING_QUESTION.is_match(question);
        let asks_else = ASKS_SOMETHING_ELSE.is_match(question);
        let which = which_noun(question);
        Self {
            wants: wants(question),
            casting: role_asked && !asks_else,
            of_role: role_asked && asks_else,
            said_by,
            thing: thing_asked(question, which.as_deref()),
            which,
            named: Vec::new(),
            people: Vec::new(),
            about: None,
            parts: parts(question),
            name_of: name_of(question),
            credit: credit_asked(question),
        }
    }

    /// Nothing beyond the words.
    pub fn is_plain(&self) -> bool {
        self.wants == Wants::Anything
            && self.which.is_none()
            && !self.casting
            && self.said_by.is_none()
            && self.named.is_empty()
            && self.about.is_none()
            && self.credit.is_none()
            && self.thing.is_none()
    }
}

/// The cast credits of `text`, each with the rest of its clause: "Ritter, who plays" names its
/// role after the match.
pub fn cast_credits(text: &str) -> Vec<&str> {
    credit_matches(text).map(|(_, credit)| credit).collect()
}

/// Each cast credit's match, with the credit and the rest of its clause.
fn credit_matches(text: &str) -> impl Iterator<Item = (regex::Match<'_>, &str)> {
    CAST_CREDIT.find_iter(text).map(move |m| {
        let tail = &text[m.end()..];
        let clause = tail
            .char_indices()
            .take_while(|&(i, c)| i < CREDIT_TAIL && !".,;:!?()\n".contains(c))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        (m, &text[m.start()..m.end() + clause])
    })
}

/// At most this many characters after a credit belong to it.
const CREDIT_TAIL: usize = 30;

/// A cast credit read as who plays whom: `around` is the credit, lowercased, with the clause
/// before it when the credit opens with its verb ("Vane plays Ottilie", "Trish is played by
/// Rachael Taylor"); `names` are its capitalised words, lowercased: the actor's and the
/// character's names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CastCredit {
    pub around: String,
    pub names: Vec<String>,
}

/// How far before a credit that opens with its verb its subject may be named.
const CREDIT_LEAD: usize = 24;

/// The cast credits of `text`, as [`CastCredit`]s.
pub fn cast_credit_names(text: &str) -> Vec<CastCredit> {
    credit_matches(text)
        .map(|(m, credit)| {
            let lead = if credit.starts_with(char::is_lowercase) {
                let mut from = m.start().saturating_sub(CREDIT_LEAD);
                while !text.is_char_boundary(from) {
                    from -= 1;
                }
                let before = &text[from..m.start()];
                // Only the clause the verb belongs to: "In her film, Vane plays".
                before
                    .rfind(|c: char| ".,;:!?()\n".contains(c))
                    .map_or(before, |i| &before[i + 1..])
            } else {
                ""
            };
            // "Trish (Rachael Taylor)" is whole; the words after it are about something else.
            let around = if m.as_str().ends_with(')') {
                m.as_str().to_string()
            } else {
                format!("{lead}{credit}")
            };
            // The actor's name and the character's are two runs of capitalised words ("Vane
            // plays Ottilie Brand"); a third ("who plays Jessica in Season 2") is not a name.
            let mut names = Vec::new();
            let mut runs = 0;
            let mut in_run = false;
            for w in around
                .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
                .filter(|w| !w.is_empty())
            {
                // "who plays Gwen's brother Declan": the possessive names someone else.
                let possessive = w.ends_with("'s") || w.ends_with("’s");
                if w.starts_with(char::is_uppercase) && !possessive {
                    if !in_run {
                        runs += 1;
                        in_run = true;
                    }
                    if runs > 2 {
                        break;
                    }
                    names.push(w.trim_end_matches(['\'', '’']).to_lowercase());
                } else {
                    in_run = false;
                }
            }
            CastCredit {
                around: around.to_lowercase(),
                names,
            }
        })
        .collect()
}

/// Words of a casting question that ask about casting rather than name the role (analysed).
pub const CASTING_WORDS: &[&str] = &[
    "actor", "actress", "play", "cast", "voic", "portray", "star", "role", "behind",
];

/// What `question` asks for.
pub fn wants(question: &str) -> Wants {
    if MONEY_QUESTION.is_match(question) {
        Wants::Money
    } else if NAME_QUESTION.is_match(question) {
        Wants::Name
    } else if EXTENT_QUESTION.is_match(question) {
        Wants::Extent
    } else if DURATION_QUESTION.is_match(question) {
        Wants::Duration
    } else if AGE_QUESTION.is_match(question) {
        Wants::Age
    } else if SHARE_QUESTION.is_match(question) {
        Wants::Share
    } else if asks_number(question) || asks_count(question) {
        Wants::Number
    } else if ORIGIN_QUESTION.is_match(question) {
        Wants::Origin
    } else if YEAR_QUESTION.is_match(question) {
        Wants::Year
    } else if SHOWING_QUESTION.is_match(question) {
        Wants::Showing
    } else if PLACE_QUESTION.is_match(question) {
        Wants::Place
    } else if TIME_QUESTION.is_match(question) {
        if PAST_WHEN.is_match(question) {
            Wants::PastTime
        } else {
            Wants::Time
        }
    } else {
        Wants::Anything
    }
}

/// "How far along", "how far into the writing": how far a piece of work has got, answered by a
/// stage ("half written", "midway through"), not a distance.
static PROGRESS: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^\s+(?:along|into|in|through|ahead|behind|on)(?-u:\b)")
        .expect("static regex compiles")
});

fn asks_number(question: &str) -> bool {
    NUMBER_QUESTION.find_iter(question).any(|m| {
        !(m.as_str().to_lowercase().ends_with("far") && PROGRESS.is_match(&question[m.end()..]))
    })
}

/// "How old", "what age": asks for an age.
static AGE_QUESTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:how\s+old|what\s+age|which\s+age|at\s+what\s+age)(?-u:\b)")
        .expect("static regex compiles")
});

/// A number an age is given in, in figures or words.
const AGE_NUMBER: &str = r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)";

/// An age as articles give one: a number of years old, aged, a decade of life, a number
/// between commas after a name as news reports write it ("Solberg, 47, is"), or a number
/// after "was", "is", "at" or "turned" ("when I was nine", "at 14").
static AGE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        &r"(?i)(?-u:\b){AGE_NUMBER}(?:[\s-]+\w+)?[\s-]+years?[\s-]+old(?-u:\b)|(?-u:\b)(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)-year-old(?-u:\b)|(?-u:\b)in\s+(?:her|his|their|my|our|your)\s+(?:early\s+|mid\s+|late\s+|mid-)?(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|20s|30s|40s|50s|60s|70s|80s|90s)(?-u:\b)|(?-u:\b)(?:teenager|toddler|middle-aged)(?-u:\b)|(?-i:\p{Lu})[\p{L}'’\-]+,\s+\d{1,3},\s".replace("{AGE_NUMBER}", AGE_NUMBER),
    )
    .expect("static regex compiles")
});

/// A number after "was", "is", "at", "aged" or "turned" ("when I was nine", "at 14"), with
/// the word after it: an age unless that word says what it counts ("was 13 episodes").
static AGE_AFTER_VERB: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        &r"(?i)(?-u:\b)(?:aged|age|ages|was|is|at|turned|turns|turning)\s+{AGE_NUMBER}(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?(?-u:\b)[\s-]*(?P<next>[a-z%]*)".replace("{AGE_NUMBER}", AGE_NUMBER),
    )
    .expect("static regex compiles")
});

/// Words after a number that say it counts something other than years of life.
const COUNTED: &[&str] = &[
    "%", "percent", "per", "of", "times", "episode", "episodes", "season", "seasons", "day",
    "days", "week", "weeks", "month", "months", "minute", "minutes", "hour", "hours", "people",
    "page", "pages", "film", "films", "song", "songs", "show", "shows", "am", "pm", "o", "million",
    "thousand", "hundred", "in", "out",
];

fn states_age(text: &str) -> bool {
    AGE.is_match(text)
        || AGE_AFTER_VERB.captures_iter(text).any(|c| {
            !c.name("next")
                .is_some_and(|n| COUNTED.contains(&n.as_str().to_lowercase().as_str()))
        })
}

/// "How much of", "how many of", "what part of": a share of something the question names.
static SHARE_QUESTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:how\s+(?:much|many)|what\s+(?:share|proportion|fraction|part|percentage|percent))\s+of(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// A share of a whole: a number, or the words for one ("most of", "all of it", "a lot").
static SHARE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:(?:much|most|all|some|part|none|each|every\s+one|a\s+lot|lots|a\s+bit|bits|a\s+little|little|plenty|the\s+bulk|the\s+rest|a\s+third|a\s+quarter|majority|minority)\s+of|half|percent|per\s+cent|entirely|wholly|mostly|partly|largely)(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// "ep count?", "what's the body count in s2": a noun before "count" asks for a number.
static COUNT_QUESTION: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?i)(?-u:\b)(\w+)\s+count(?-u:\b)").expect("static regex compiles"));

/// Words before "count" that make it the verb ("does that count", "you can count on").
const COUNT_AS_VERB: &[&str] = &[
    "does", "do", "did", "doesnt", "dont", "didnt", "it", "that", "this", "will", "would",
    "should", "can", "could", "might", "may", "i", "you", "we", "they", "he", "she", "to", "not",
    "still", "even", "also", "just", "never", "always",
];

fn asks_count(question: &str) -> bool {
    COUNT_QUESTION
        .captures_iter(question)
        .any(|c| !COUNT_AS_VERB.contains(&c[1].to_lowercase().as_str()))
}

/// "How long", or "how many" of a unit of time: a span, not any number ("I failed my test
/// twice" does not say how long a shoot took).
static DURATION_QUESTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)how\s+long(?-u:\b)|(?-u:\b)how\s+many\s+(?:more\s+)?(?:seconds|minutes|hours|days|nights|weeks|months|years|decades|winters|summers)(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// A span of time or a length: a number or "a", "a few", "several" before a unit ("eleven
/// weeks", "about a year", "two winters", "forty metres"), or a span by its name ("a
/// fortnight", "overnight", "for months").
static DURATION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?:\d[\d,.]*|(?-u:\b)(?:(?:for|took|takes|take|taking|spent|lasted|lasts|about|around|nearly|almost|over|under|just|than|in|within|only|whole|full|entire)\s+(?:an?|one)|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|few|several|couple\s+of|half\s+an?|dozen|many))(?:[\s-]+(?:and\s+a\s+half|more|long|whole|full|straight|solid|odd|or\s+so|\w+-(?:one|two|three|four|five|six|seven|eight|nine)))*[\s-]*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?|decades?|centuries|century|winters?|summers?|springs?|autumns?|seasons?)(?-u:\b)|(?-u:\b)(?:fortnight|overnight|all\s+(?:day|night|week|year|summer|winter))(?-u:\b)|(?-u:\b)(?:for|took|takes|take|taking|spent|lasted|over)\s+(?:(?:many|several|some)\s+)?(?:ages|years|months|weeks|days|hours|decades)(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// Asks what something is called.
static NAME_QUESTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)what(?:'s|’s|s)?\s+(?:(?:is|was|are|were)\s+)?(?:(?:the|their|his|her|its|your|my)\s+)?names?\s+of\s+(?P<of>.{1,60})$|(?-u:\b)what(?:'s|’s|s)?\s+(?:(?:is|was|are|were)\s+)?(?P<called>.{1,60}?)\s+(?:called|named|titled)\s*\??\s*$|(?-u:\b)what(?:'s|’s|s)?\s+(?:(?:is|was|are|were)\s+)?(?P<owner>.{1,60}?)(?:'s|’s)\s+(?:name|title)\s*\??\s*$|(?-u:\b)what\s+(?:did|do|does)\s+\w+\s+(?:call|name)\s+(?P<object>.{1,60})$",
    )
    .expect("static regex compiles")
});

/// What a "what is it called" question asks the name of: the words of the thing past its
/// article or owner, up to the first short word ("the kids show with the unicycle" -> "kids",
/// "show"; "maisie quell's dog" -> "dog").
pub fn name_of(question: &str) -> Vec<String> {
    let Some(thing) = NAME_QUESTION.captures(question).and_then(|c| {
        ["of", "called", "owner", "object"]
            .iter()
            .find_map(|g| c.name(g))
    }) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for w in thing
        .as_str()
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
    {
        if w.ends_with("'s") || w.ends_with("’s") {
            out.clear();
        } else if super::analysis::is_stop_word(&w) {
            if !out.is_empty() {
                break;
            }
        } else {
            out.push(w);
        }
    }
    out
}

/// Words before a capitalised word that make it a place, not the name asked for ("in Kent").
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "near", "from", "to", "outside", "across", "into", "off", "around", "above",
];

/// Whether `text` names something the question does not (`asked`: its words, lowercased): a
/// capitalised word past a sentence's first that is not a place ("a show called Puddle
/// Street", "my dog Biscuit", not "in Kent").
pub fn names_something(text: &str, asked: &[String]) -> bool {
    text.split(['.', '!', '?', '\n', ':', ';'])
        .any(|sentence| !name_positions(&words_of(sentence), asked).is_empty())
}

/// How many words apart a credit and the name it goes with may be ("directed by the
/// brilliant and tireless Sam Lee").
const CREDIT_REACH: usize = 8;

/// The words of `text`, apostrophes and hyphens kept inside them.
fn words_of(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Where the words of one sentence name something the question does not: capitalised words
/// past the first that are not "I", a stop word, a month or a place.
fn name_positions(words: &[&str], asked: &[String]) -> Vec<usize> {
    (1..words.len())
        .filter(|&i| {
            let w = words[i];
            let lower = w.to_lowercase();
            w.starts_with(char::is_uppercase)
                && w != "I"
                && !w.starts_with("I'")
                && !w.starts_with("I’")
                && !super::analysis::is_stop_word(&lower)
                && !crate::corpus::CALENDAR_WORDS.contains(&lower.as_str())
                && !PLACE_PREPOSITIONS.contains(&words[i - 1].to_lowercase().as_str())
                && !asked
                    .iter()
                    .any(|a| *a == lower.trim_end_matches("'s").trim_end_matches("’s"))
        })
        .collect()
}

/// "How long is": what is long may be a thing, measured in a length.
static EXTENT_QUESTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?-u:\b)how\s+long\s+(?:is|was|are|were|'s|’s)(?-u:\b)")
        .expect("static regex compiles")
});

/// A length: a number before a unit ("forty metres", "11m", "300 pages").
static LENGTH: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?:\d[\d,.]*\s*|(?-u:\b)(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|few|several)[\s-]+(?:\w+[\s-]+){0,2})(?:m|cm|mm|km|ft|metres?|meters?|centimetres?|feet|foot|inches|miles?|kilometres?|kilometers?|pages?|words)(?-u:\b)",
    )
    .expect("static regex compiles")
});

static MONEY_QUESTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)how\s+much(?-u:\b).*(?-u:\b)(?:cost|costs|pay|paid|earn|earned|make|made|budget|worth|spend|spent|raise|raised|charge|fee|salary|gross|grossed)(?-u:\b)|(?-u:\b)(?:what|how\s+big)\s+(?:was|is|were)\s+(?:the|their|its|her|his)\s+(?:budget|salary|fee|price)(?-u:\b)",
    )
    .expect("static regex compiles")
});

static MONEY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)[$£€¥]\s*\d|(?-u:\b)\d[\d,.]*\s*(?:k|m|bn|million|billion|thousand)?\s*(?:dollars?|pounds?|euros?|quid|bucks|usd|gbp|eur)(?-u:\b)|(?-u:\b)(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|few|several)(?:[\s-]+(?:hundred|thousand|million|billion))+\s+(?:dollars?|pounds?|euros?|quid|bucks)(?-u:\b)|(?-u:\b)\d[\d,.]*\s*(?:k|thousand)?\s+grand(?-u:\b)|(?-u:\b)(?:a|one|two|three|four|five|ten|twenty|fifty|hundred)(?:[\s-]+hundred)?\s+grand(?-u:\b)|(?-u:\b)(?:million|billion)\s+(?:dollars?|pounds?|euros?)(?-u:\b)|(?-u:\b)budget\s+of(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// "which hospital": the kind of thing asked for, which a passage that answers names.
static WHICH_NOUN: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?-u:\b)which\s+(?P<noun>[a-z]{4,})(?-u:\b)").expect("static regex compiles")
});

/// Nouns too general to look for ("which one", "which part").
const GENERAL_NOUNS: &[&str] = &[
    "one",
    "ones",
    "part",
    "parts",
    "thing",
    "things",
    "kind",
    "kinds",
    "sort",
    "type",
    "types",
    "way",
    "ways",
    "time",
    "times",
    "bit",
    "side",
    "version",
    "aspect",
    "moment",
    "point",
    "character",
    "characters",
    "person",
    "people",
    "scene",
    "scenes",
    "deal",
    "stuff",
];

/// Whether `word` (lowercased) is a noun that names no particular thing ("part", "stuff" of
/// "and the mom part?").
pub fn is_general_noun(word: &str) -> bool {
    GENERAL_NOUNS.contains(&word)
}

/// The kind of thing a "which X" question asks for ("hospital"), when it is specific.
pub fn which_noun(question: &str) -> Option<String> {
    let noun = WHICH_NOUN
        .captures(question)?
        .name("noun")?
        .as_str()
        .to_lowercase();
    (!GENERAL_NOUNS.contains(&noun.as_str())).then_some(noun)
}

/// "What hospital did she…", "what car does he drive": a noun between "what" and the clause
/// it asks about (a verb there, "what inspired her", is followed by its object instead).
static WHAT_NOUN: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)what\s+(?P<noun>[a-z]{3,})\s+(?:did|does|do|is|was|are|were|has|have|had|will|would|can|could|should|she|he|they|you|we|i|it)(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// "What's the poem they talked about", "what is the song she used": the noun after "what is
/// the", when a clause about it follows.
static WHAT_IS_THE_NOUN: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)what(?:'s|’s|s|\s+is|\s+was|\s+were|\s+are)\s+the\s+(?P<noun>[a-z]{3,})\s+(?:that|which|they|she|he|you|we|i|it|people|everyone|from|in|on)(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// "Who's rosenberg's husband", "what is trish's job": the noun a question ends on, after
/// whose it is.
static WHOSE_NOUN: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:who|what)(?:'s|’s|s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}[a-z]+(?:'s|’s|s)\s+(?P<noun>[a-z]{3,})\s*\??\s*$",
    )
    .expect("static regex compiles")
});

/// The noun of the thing a question asks after ("which hospital", "what hospital did she go
/// to", "who's her husband"), when it is specific; `which` is its [`which_noun`].
pub fn thing_asked(question: &str, which: Option<&str>) -> Option<String> {
    which.map(str::to_string).or_else(|| {
        [&WHAT_NOUN, &WHAT_IS_THE_NOUN, &WHOSE_NOUN]
            .into_iter()
            .find_map(|r| r.captures(question)?.name("noun"))
            .map(|m| m.as_str().to_lowercase())
            .filter(|noun| {
                !GENERAL_NOUNS.contains(&noun.as_str()) && !super::analysis::is_stop_word(noun)
            })
    })
}

/// "How many X": the noun of what is counted.
static HOW_MANY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?-u:\b)how\s+many\s+(?:more\s+)?(?P<noun>[a-z]{3,})(?-u:\b)")
        .expect("static regex compiles")
});

/// What a "how many" question counts ("viewers" of "how many viewers did it get"); a number
/// answers it only where it counts that.
pub fn counted_noun(question: &str) -> Option<String> {
    HOW_MANY
        .captures(question)?
        .name("noun")
        .map(|m| m.as_str().to_lowercase())
        .filter(|noun| !super::analysis::is_stop_word(noun))
}

/// Numbers that name a part rather than count anything ("season 2", "episode six").
static LABEL_NUMBER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:season|series|episode|ep|part|chapter|phase|book|volume|vol|issue|no|number)\.?\s*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)(?-u:\b)|#\d+|(?-u:\b)\d+(?:st|nd|rd|th)(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// A day of a month ("4 April", "March 18"): a date, not a count.
static DAY_OF_MONTH: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*(?-u:\b)|(?-u:\b)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// When something was said, as news reports write it ("a spokesperson said on Tuesday", "she
/// told reporters yesterday"): the day of the saying, not of what was said.
static SAID_WHEN: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:said|says|told\s+\w+|added|explained|confirmed|wrote|tweeted|posted)\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|last\s+(?:week|night))(?-u:\b)",
    )
    .expect("static regex compiles")
});

/// A year written as one ("2017", "the 1990s").
static YEAR_NUMBER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?-u:\b)(?:1[6-9]\d\d|20\d\d)(?:s|’s|'s)?(?-u:\b)").expect("static regex compiles")
});

/// How far a count may stand from what it counts: before it ("13 episodes", "two more
/// seasons", "2.1 million viewers") or after it ("a writers' room of eight", "episodes: 13").
const COUNT_BEFORE_WORDS: usize = 4;
const COUNT_AFTER_WORDS: usize = 3;
/// A count whose noun is left out because the sentence before named it ("The pasty, by miles.
/// We make four hundred on a Friday.") counts what stands this far before it.
const ELIDED_COUNT_WORDS: usize = 8;
/// Words that may follow a count with no noun of its own: it ends there ("We make four hundred
/// on a Friday", "We sold twelve, then stopped").
const AFTER_ELIDED_COUNT: &[&str] = &[
    "on",
    "in",
    "at",
    "by",
    "per",
    "a",
    "an",
    "every",
    "each",
    "for",
    "so",
    "and",
    "but",
    "or",
    "this",
    "that",
    "last",
    "then",
    "now",
    "altogether",
    "total",
    "already",
    "more",
    "to",
    "from",
    "before",
    "after",
    "since",
    "until",
    "over",
];

static WORD: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"[\p{L}\p{N}]+").expect("static regex compiles"));

/// Whether `text` has a number counting a thing `counted` recognises as a word of: next to
/// it, not anywhere in the sentence ("a second season in 2018, after Luke Cage in a couple of
/// weeks" counts weeks, not seasons). Years, days of a month and part numbers ("season 2")
/// count nothing. `next`, the sentence after `text` (or ""), may hold the count with its noun
/// left out ("The cheese and onion pasty, by miles." / "We make four hundred on a Friday.").
pub fn counts(text: &str, next: &str, mut counted: impl FnMut(&str) -> bool) -> bool {
    let clean = |t: &str| {
        let t = LABEL_NUMBER.replace_all(t, " _ ");
        let t = DAY_OF_MONTH.replace_all(&t, " _ ");
        YEAR_NUMBER.replace_all(&t, " _ ").into_owned()
    };
    let (text, next) = (clean(text), clean(next));
    let mut words: Vec<&str> = WORD.find_iter(&text).map(|m| m.as_str()).collect();
    // Where `next` starts: only an elided count there counts what `text` names.
    let boundary = (!next.is_empty()).then_some(words.len());
    words.extend(WORD.find_iter(&next).map(|m| m.as_str()));
    let number = |i: usize| words.get(i).is_some_and(|w| NUMBER.is_match(w));
    let numbers: Vec<usize> = (0..words.len()).filter(|&i| number(i)).collect();
    // The last word of a count ("four hundred") with nothing counted after it.
    let elided = |n: usize| {
        !number(n + 1)
            && words.get(n + 1).is_none_or(|next| {
                let next = next.to_lowercase();
                let of_them = next == "of"
                    && words.get(n + 2).is_some_and(|w| {
                        matches!(w.to_lowercase().as_str(), "them" | "those" | "these")
                    });
                of_them || AFTER_ELIDED_COUNT.contains(&next.as_str())
            })
    };
    let named = boundary.unwrap_or(words.len());
    (0..named).filter(|&i| counted(words[i])).any(|at| {
        numbers.iter().any(|&n| {
            let across = boundary.is_some_and(|b| n >= b);
            (!across && n < at && at - n <= COUNT_BEFORE_WORDS)
                || (!across && n > at && n - at <= COUNT_AFTER_WORDS)
                || (n > at && n - at <= ELIDED_COUNT_WORDS && elided(n))
        })
    })
}

/// Whether `text` states the kind of thing asked for.
pub fn holds(text: &str, wants: Wants) -> bool {
    match wants {
        Wants::Number => {
            // A year is a date too ("2017's The Defenders" counts nothing).
            let counts = LABEL_NUMBER.replace_all(text, " ");
            let counts = DAY_OF_MONTH.replace_all(&counts, " ");
            NUMBER.is_match(&YEAR_NUMBER.replace_all(&counts, " "))
        }
        Wants::Share => SHARE.is_match(text) || holds(text, Wants::Number),
        Wants::Age => states_age(text),
        Wants::Duration => DURATION.is_match(text),
        Wants::Extent => DURATION.is_match(text) || LENGTH.is_match(text),
        Wants::Name => names_something(text, &[]),
        Wants::Time => TIME.is_match(&SAID_WHEN.replace_all(text, " ")),
        Wants::PastTime => holds(text, Wants::Time) || states_age(text),
        Wants::Year => YEAR.is_match(text),
        Wants::Money => MONEY.is_match(text),
        Wants::Origin => ORIGIN.is_match(text),
        Wants::Place | Wants::Showing => PLACE.captures_iter(text).any(|c| {
            c.name("words")
                .is_some_and(|w| place_named(w.as_str(), wants))
        }),
        Wants::Anything => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_answers_how_many_only_next_to_what_it_counts() {
        let seasons = |w: &str| w.to_lowercase().starts_with("season");
        assert!(counts("They made two more seasons.", "", seasons));
        assert!(counts("Seasons so far: 3.", "", seasons));
        // A part number, an ordinal and a count of something else are no count of seasons.
        assert!(!counts("Season 2 is half written.", "", seasons));
        assert!(!counts(
            "It is back for a second season in 2018, after Luke Cage in a couple of weeks.",
            "",
            seasons
        ));
        assert!(counts("We had a writers' room of eight.", "", |w| w == "room"));
        // A count whose noun the sentence before named.
        let pasties = |w: &str| w.to_lowercase().starts_with("past");
        assert!(counts(
            "The cheese and onion pasty, by miles. We make four hundred on a Friday.",
            "",
            pasties
        ));
        assert!(!counts(
            "The pasty, by miles. We make four hundred loaves on a Friday.",
            "",
            pasties
        ));
        // Across two sentences, only a count with no noun of its own.
        assert!(counts(
            "The cheese and onion pasty, by miles.",
            "We make four hundred on a Friday.",
            pasties
        ));
        assert!(!counts(
            "The cheese and onion pasty, by miles.",
            "Three of us run the ovens.",
            pasties
        ));
    }

    #[test]
    fn a_quote_topic_may_be_led_by_who_is_to_say_it() {
        assert_eq!(
            speaker_on("ferreira on the score"),
            Some(("ferreira", "the score"))
        );
        assert_eq!(
            speaker_on("Melissa Rosenberg on season two"),
            Some(("Melissa Rosenberg", "season two"))
        );
        // Only the first "on", and only a few words before it.
        assert_eq!(
            speaker_on("krysten on working on set"),
            Some(("krysten", "working on set"))
        );
        assert_eq!(
            speaker_on("what she thought of the ending on the night"),
            None
        );
        assert_eq!(speaker_on("killing kilgrave"), None);
    }

    #[test]
    fn seasons_and_episodes_are_read_in_every_spelling() {
        let season = |number| Part {
            kind: PartKind::Season,
            number,
        };
        let episode = |number| Part {
            kind: PartKind::Episode,
            number,
        };
        assert_eq!(parts("when is season 2 out"), vec![season(2)]);
        assert_eq!(parts("Season two is half written."), vec![season(2)]);
        assert_eq!(parts("the second series starts in March"), vec![season(2)]);
        assert_eq!(parts("in episode six"), vec![episode(6)]);
        assert_eq!(parts("Seasons 1 and 2"), vec![season(1), season(2)]);
        assert_eq!(parts("the 3rd episode"), vec![episode(3)]);
        assert_eq!(parts("the series is great, eight episodes"), vec![]);
    }

    #[test]
    fn a_passage_about_another_season_is_told_apart() {
        let s2 = parts("how many episodes in season 2");
        assert!(names_other_parts(
            "Season one premieres on 14 May, eight episodes.",
            &s2
        ));
        assert!(!names_other_parts("Season two runs to ten episodes.", &s2));
        assert!(!names_other_parts(
            "With Season 1 we built it; in Season 2 we drive.",
            &s2
        ));
        // Naming no season at all may still be about the one asked.
        assert!(!names_other_parts("It runs to ten episodes.", &s2));
        assert!(!names_other_parts("Season one premieres in May.", &[]));
    }

    #[test]
    fn a_cast_credit_names_the_actor_and_the_character() {
        let names = |text: &str| -> Vec<Vec<String>> {
            cast_credit_names(text)
                .into_iter()
                .map(|c| c.names)
                .collect()
        };
        let owned = |v: &[&[&str]]| -> Vec<Vec<String>> {
            v.iter()
                .map(|n| n.iter().map(|w| w.to_string()).collect())
                .collect()
        };
        assert_eq!(
            names("Trish (Rachael Taylor) and Jessica (Krysten Ritter) argue."),
            owned(&[
                &["trish", "rachael", "taylor"],
                &["jessica", "krysten", "ritter"]
            ])
        );
        // A credit that opens with its verb takes its actor from the clause before it.
        assert_eq!(
            names("In Castellan's film, Vane plays Ottilie Brand; Aurelio plays Kasimir."),
            owned(&[&["vane", "ottilie", "brand"], &["aurelio", "kasimir"]])
        );
        assert_eq!(
            names("Trish is played by Rachael Taylor."),
            owned(&[&["trish", "rachael", "taylor"]])
        );
        // A possessive names someone else; capitals after the character's name are not part
        // of it.
        assert_eq!(
            names("Okafor, who plays Gwen’s brother Declan, was there."),
            owned(&[&["okafor", "declan"]])
        );
        assert_eq!(
            names("Ritter, who plays Jessica in Season 2, agreed."),
            owned(&[&["ritter", "jessica"]])
        );
    }

    #[test]
    fn a_who_question_about_a_credit_wants_its_holder_named() {
        assert!(credit_asked("who directed paper lanterns").is_some());
        assert!(credit_asked("whos the composer on brackwater").is_some());
        assert!(credit_asked("who was the film's editor").is_some());
        assert!(credit_asked("who actually composed the theme").is_some());
        assert!(credit_asked("who plays jess").is_none());
        assert!(credit_asked("who hurt her when she was little").is_none());
        assert!(credit_asked("what did the director say").is_none());
        let holds = |question: &str, asked: Option<&str>, answer: &str| {
            let words: Vec<String> = question.split(' ').map(str::to_string).collect();
            let credit = credit_asked(question).expect("asks a credit");
            names_credit(asked, answer, credit, &words)
        };
        let q = "who directed brackwater";
        assert!(holds(
            q,
            None,
            "A drama directed by Ines Salo and shot on Skye."
        ));
        assert!(holds(
            q,
            Some("Did you direct any episodes?"),
            "No. The director, Willa Park, would not let me near the camera."
        ));
        assert!(holds(q, Some("Who directed it?"), "I did, with my sister."));
        assert!(holds(q, None, "I directed it in a caravan."));
        // A director unnamed, a name the question gives, "I" beside someone else's title,
        // or a credit the answer declines do not say who.
        assert!(!holds(
            q,
            Some("Did the director like it?"),
            "She hated it for a week."
        ));
        assert!(!holds(q, None, "The director loved Brackwater."));
        assert!(!holds(
            q,
            None,
            "In a long call, showrunner Mira Fenn talked about the shoot, the weather, the cast and having female directors for all ten episodes."
        ));
        assert!(holds(
            q,
            None,
            "Ines Salo, who directed the first three episodes, came back."
        ));
        assert!(!holds(
            q,
            None,
            "The direction we wanted to take Ines in was her origin story."
        ));
        // A credit's word inside an award's name credits no one around it.
        let q = "who composed the brackwater theme";
        assert!(!holds(
            q,
            None,
            "Showrunner Mira Fenn took home the award for Original Main Title Theme Music."
        ));
        assert!(holds(
            q,
            None,
            "Composer Lars Holm recorded the theme in Oslo."
        ));
        assert!(!holds(
            q,
            None,
            "I have seen what directors do all day and I would rather not."
        ));
        assert!(!holds(
            q,
            Some("Did you want to direct it as well?"),
            "Never. I would rather be in the greenhouse."
        ));
        let q = "who composed the music";
        assert!(holds(
            q,
            None,
            "I wrote the two hours of music for Saltwind."
        ));
        assert!(!holds(q, None, "Hrafn Dagsson wrote the script."));
    }

    #[test]
    fn one_episode_is_told_from_a_count_of_them() {
        assert_eq!(part_kind("ep"), Some(PartKind::Episode));
        assert_eq!(part_kind("poem"), None);
        assert!(names_one_part("finale", PartKind::Episode));
        assert!(!names_one_part("episodes", PartKind::Episode));
    }

    #[test]
    fn the_thing_a_question_asks_after_is_its_noun() {
        assert_eq!(
            thing_asked("what hospital did she go to", None).as_deref(),
            Some("hospital")
        );
        assert_eq!(
            thing_asked("whats the poem they talked about for alisa", None).as_deref(),
            Some("poem")
        );
        assert_eq!(thing_asked("what is the show about", None), None);
    }

    #[test]
    fn a_question_asking_what_something_is_called_wants_a_name() {
        for q in [
            "whats the name of the show maisie did as a kid",
            "what was maisie quell's dog called",
            "what's the dog's name?",
            "what did they call the boat",
        ] {
            assert_eq!(wants(q), Wants::Name, "{q}");
        }
        assert_eq!(name_of("what was maisie quell's dog called"), vec!["dog"]);
        assert_eq!(
            name_of("what was the name of the kids show with the unicycle"),
            vec!["kids", "show"]
        );
        let none: &[String] = &[];
        assert!(names_something(
            "A morning show called Puddle Street.",
            none
        ));
        assert!(names_something("My dog Biscuit bit everyone.", none));
        // A sentence's first word, a day, a place, or a name the question gives is not it.
        assert!(!names_something(
            "Biscuit bit everyone. Every Saturday.",
            none
        ));
        assert!(!names_something(
            "I spent a month with coastguards in Kent.",
            none
        ));
        assert!(!names_something(
            "She leads the thriller Undertow.",
            &["undertow".to_string()]
        ));
    }

    #[test]
    fn questions_say_what_they_want() {
        assert_eq!(wants("how many writers were in the room"), Wants::Number);
        assert_eq!(wants("How old is she?"), Wants::Age);
        assert_eq!(wants("what age are the actresses"), Wants::Age);
        assert!(holds("She was 14 when she started.", Wants::Age));
        assert!(holds("I started when I was nine.", Wants::Age));
        assert!(holds(
            "The 34-year-old has played her since 2016.",
            Wants::Age
        ));
        assert!(holds("He is in his early thirties.", Wants::Age));
        assert!(holds("A girl of twelve years old.", Wants::Age));
        assert!(holds(
            "Solberg, 47, is the stunt coordinator of Cold Harbour.",
            Wants::Age
        ));
        assert!(!holds(
            "It airs on 3 March, 2025, in the evening.",
            Wants::Age
        ));
        assert!(!holds(
            "Episodes 4, 5, and 6 were shot at night.",
            Wants::Age
        ));
        assert!(!holds("It follows two sisters on a beach.", Wants::Age));
        assert!(!holds("It was 13 episodes long.", Wants::Age));
        assert!(!holds("We saw three hundred girls.", Wants::Age));
        assert_eq!(wants("when does s2 come out"), Wants::Time);
        assert_eq!(wants("saltmarsh ep count?"), Wants::Number);
        assert_eq!(wants("whats the body count in s2"), Wants::Number);
        assert_eq!(wants("does that count as a cameo"), Wants::Anything);
        assert_eq!(wants("what yr is it supposed to land"), Wants::Year);
        assert_eq!(wants("how far is the island from the coast"), Wants::Number);
        assert_eq!(
            counted_noun("how many viewers did it get").as_deref(),
            Some("viewers")
        );
        assert_eq!(counted_noun("how many more eps").as_deref(), Some("eps"));
        assert_eq!(counted_noun("when does it come out"), None);
        assert_eq!(wants("how much of s1 came from the comic"), Wants::Share);
        assert!(holds(
            "About ninety thousand pounds, most of it from a fund.",
            Wants::Money
        ));
        assert!(holds("It cost two million dollars.", Wants::Money));
        assert!(holds("We made it for a hundred grand.", Wants::Money));
        assert!(!holds("We saw three hundred girls in Lagos.", Wants::Money));
        assert_eq!(wants("how many of the songs did she write"), Wants::Share);
        assert!(holds(
            "Much of the story was mined from the book.",
            Wants::Share
        ));
        assert!(holds("She wrote 9 of them.", Wants::Share));
        assert!(!holds(
            "She wrote the songs with her brother.",
            Wants::Share
        ));
        assert_eq!(wants("how far along is the script"), Wants::Anything);
        assert_eq!(wants("how far into writing s3 are they"), Wants::Anything);
        for q in [
            "where's the fox puppet lady from",
            "where is she from?",
            "where did jess grow up",
            "where was the showrunner born",
            "whats her hometown",
        ] {
            assert_eq!(wants(q), Wants::Origin, "{q}");
        }
        for q in [
            "where did the toy piano come from",
            "where does the idea come from",
            "where was the cliff scene filmed",
            "when was she born",
        ] {
            assert_ne!(wants(q), Wants::Origin, "{q}");
        }
        for q in [
            "where was the salt house filmed",
            "where did they record the choir",
            "where is it set",
        ] {
            assert_eq!(wants(q), Wants::Place, "{q}");
        }
        assert_eq!(wants("where can i watch it"), Wants::Showing);
        for q in ["where does the story go next", "where does she end up"] {
            assert_eq!(wants(q), Wants::Anything, "{q}");
        }
        // A place named or described; a venue says where something is shown, not made.
        assert!(holds("We shot on the island itself.", Wants::Place));
        assert!(holds("Recorded in an empty swimming pool.", Wants::Place));
        assert!(holds(
            "At a lighthouse on the Mull of Galloway.",
            Wants::Place
        ));
        assert!(!holds(
            "It premieres at the Harbour Festival on Friday.",
            Wants::Place
        ));
        assert!(holds(
            "It premieres at the Harbour Festival on Friday.",
            Wants::Showing
        ));
        assert!(!holds("It opens in cinemas in March.", Wants::Place));
        assert!(holds("It opens in cinemas in March.", Wants::Showing));
        assert!(!holds("We finished in the spring.", Wants::Place));
        assert!(holds("• Born: Cork, Ireland, 1979", Wants::Origin));
        assert!(holds("I grew up in Tromsø, above a shop.", Wants::Origin));
        assert!(!holds(
            "It was born out of just looking around.",
            Wants::Origin
        ));
        assert!(holds("The second season arrives in 2018.", Wants::Year));
        assert!(!holds("It lands on Netflix 30th September.", Wants::Year));
        assert!(holds("It lands on Netflix 30th September.", Wants::Time));
        // The day something was said is not the date asked for.
        assert!(!holds(
            "It will follow later, the broadcaster said on Tuesday.",
            Wants::Time
        ));
        assert!(holds(
            "It returns on Tuesday, the broadcaster said.",
            Wants::Time
        ));
        // A date's day is not a count.
        assert!(!holds("It returns on 4 April.", Wants::Number));
        assert!(!holds(
            "It lands on September 12, after a delay.",
            Wants::Number
        ));
        assert!(holds("All ten episodes land on 4 April.", Wants::Number));
        assert!(!holds("He is in 2017's The Defenders.", Wants::Number));
        assert_eq!(wants("how long was the shoot"), Wants::Extent);
        assert_eq!(wants("how long is the table"), Wants::Extent);
        assert_eq!(wants("how long did the bowls take"), Wants::Duration);
        assert_eq!(wants("how many weeks did they film"), Wants::Duration);
        // A span of time, not any number: "twice" or "three times" says how often.
        for text in [
            "It took 11 weeks.",
            "Two winters, forty-one days on the mud in total.",
            "Five months at the wheel.",
            "It took about a year.",
            "We were there for months.",
            "Nine months, most of it at night.",
        ] {
            assert!(holds(text, Wants::Duration), "{text}");
        }
        for text in [
            "Three times.",
            "I failed my test twice during the shoot.",
            "Every time you move a crew it costs you a day.",
            "Nine hundred and twelve bowls.",
            "Eleven metres.",
        ] {
            assert!(!holds(text, Wants::Duration), "{text}");
        }
        // What is long may be a thing.
        assert!(holds("Eleven metres, one piece of oak.", Wants::Extent));
        assert!(holds("It runs to 300 pages.", Wants::Extent));
        assert!(holds("Seven weeks in Herefordshire.", Wants::Extent));
        assert!(!holds("Three times.", Wants::Extent));
        assert_eq!(wants("why did she do it"), Wants::Anything);
        assert_eq!(wants("what did she say when they met"), Wants::Anything);
        assert_eq!(wants("When is the show at its best?"), Wants::Anything);
    }

    #[test]
    fn money_and_which_questions() {
        assert_eq!(wants("how much did the film cost to make"), Wants::Money);
        assert!(holds("It cost £4 million.", Wants::Money));
        assert!(!holds(
            "It took four years and nine kilos of seeds.",
            Wants::Money
        ));
        assert_eq!(
            which_noun("which hospital treated her").as_deref(),
            Some("hospital")
        );
        assert_eq!(which_noun("which one was it"), None);
        assert_eq!(
            subject_of_topic("what lars was going for with the music"),
            Some("lars")
        );
        assert_eq!(
            subject_of_topic("why ritter hated the ending"),
            Some("ritter")
        );
        assert_eq!(subject_of_topic("working w krysten"), None);
        assert_eq!(subject_of_topic("rosenberg on krysten"), None);
        for (q, thing) in [
            ("what hospital did alisa end up in", Some("hospital")),
            ("whos rosenbergs husband", Some("husband")),
            ("whos noor valentins husband", Some("husband")),
            ("what is trish's job?", Some("job")),
            ("which hotel", Some("hotel")),
            ("what inspired her to write it", None),
            ("whats jess's deal", None),
            ("what did she say", None),
        ] {
            assert_eq!(
                thing_asked(q, which_noun(q).as_deref()).as_deref(),
                thing,
                "{q}"
            );
        }
    }

    #[test]
    fn casting_questions_and_credits_are_recognised() {
        for q in [
            "who plays jess",
            "who's the actress behind Jessica",
            "who was the actor for Kilgrave again",
            "which actor is playing the mom? who played her",
        ] {
            assert!(Intent::of(q).casting, "{q}");
        }
        assert!(!Intent::of("who hurt her when she was little").casting);
        assert!(!Intent::of("does the actor who plays amos actually sail").casting);
        assert!(!Intent::of("how did the actress behind jess prepare").casting);
        assert_eq!(
            cast_credits("torture for Jessica Jones (Krysten Ritter), who"),
            vec!["Jessica Jones (Krysten Ritter)"]
        );
        // A credit runs to the end of its clause: the role can follow the actor.
        assert_eq!(
            cast_credits("Rachel Taylor, who played Jessica's best friend, said"),
            vec!["Taylor, who played Jessica's best friend"]
        );
        assert_eq!(
            cast_credits("the role was played by Tom Hardy"),
            vec!["played by Tom Hardy"]
        );
        assert!(cast_credits("Jessica (the hero) wins.").is_empty());
    }

    #[test]
    fn what_did_x_say_names_the_speaker() {
        assert_eq!(
            Intent::of("what did finn jones say about playing iron fist")
                .said_by
                .as_deref(),
            Some("finn jones")
        );
        assert_eq!(Intent::of("what did she say about it").said_by, None);
        assert_eq!(Intent::of("why did he leave").said_by, None);
        assert_eq!(
            Intent::of("whats the main theme of s2 according to mel rosenberg")
                .said_by
                .as_deref(),
            Some("mel rosenberg")
        );
        assert_eq!(
            Intent::of("was it a mistake in rosenberg's view?")
                .said_by
                .as_deref(),
            Some("rosenberg")
        );
    }

    #[test]
    fn passages_are_checked_for_the_kind_of_fact() {
        assert!(holds("We had thirteen episodes.", Wants::Number));
        assert!(!holds(
            "It was the first one of its kind, every time.",
            Wants::Number
        ));
        assert!(holds("It took 11 weeks.", Wants::Number));
        assert!(!holds(
            "The room was a lovely place to work.",
            Wants::Number
        ));
        assert!(holds("It premieres in March.", Wants::Time));
        assert!(holds("possibly in 2018", Wants::Time));
        assert!(!holds("She is a complicated character.", Wants::Time));
        // A past time in someone's life may be their age then; a coming date never is.
        assert_eq!(wants("when did you start climbing"), Wants::PastTime);
        assert!(holds(
            "I started late, at 31, after a breakup.",
            Wants::PastTime
        ));
        assert!(!holds(
            "I started late, at 31, after a breakup.",
            Wants::Time
        ));
        assert!(holds("It premieres in March.", Wants::PastTime));
        assert!(!holds(
            "After that, she was never the same again.",
            Wants::Time
        ));
    }

    #[test]
    fn words_next_to_curly_quotes_and_accents_are_still_whole_words() {
        // The patterns' word boundaries are ASCII ones (see the module's note).
        assert!(holds(
            "“Season two” lands in March’s last week.",
            Wants::Time
        ));
        assert!(holds("Renée said it was “twelve” episodes.", Wants::Number));
        assert!(!holds("Renée’s mayoral campaign", Wants::Time));
        let season_two = Part {
            kind: PartKind::Season,
            number: 2,
        };
        assert_eq!(parts("the café’s “season 2” party"), vec![season_two]);
    }
}
