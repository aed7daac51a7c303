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
    /// What the layout says about each paragraph (parallel to `paragraphs`).
    pub info: Vec<ParaInfo>,
    /// The name in a "By NAME" byline: the writer, never a speaker.
    pub author: Option<String>,
    /// The publication a byline names after the writer ("Interview by Rob Tanner, Screen
    /// Weekly, 2 March 2025").
    pub outlet: Option<String>,
    /// The name in an "Interview by NAME" credit or a "NAME (interviewer):" label.
    pub interviewer: Option<String>,
    /// The sender of an interview saved as an email: who wrote its unquoted text.
    pub sender: Option<String>,
    /// An "As told to NAME" credit: the text is its subject's own account, in the first
    /// person, and NAME (kept as `interviewer`) only wrote it down.
    pub told_to: bool,
    /// The person a transcript's cast list names as answering ("Respondent: NAME").
    pub guest: Option<String>,
    /// The codes a research transcript labels its people's turns with, and whom they stand
    /// for ("P14" → "Joyce Mensah").
    pub codes: Vec<(String, String)>,
    /// The account that opened a thread ("Posted by u/kestrel_films").
    pub poster: Option<String>,
    /// Every paragraph is the author's own words: a thread of their posts, unrolled.
    pub own_words: bool,
}

/// Layout facts about one cleaned paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParaInfo {
    /// The heading of the section the paragraph is in ("# Recording", a fact box's "FAST FACTS").
    pub section: Option<String>,
    /// The comment or message the paragraph belongs to, in a thread (AMA, forum, mailing list).
    pub post: Option<Post>,
    /// A fact box or list joined into one paragraph: prose, never a speaker's turn.
    pub facts: bool,
    /// The entry of a live blog the paragraph is in (a new one starts at each line that is
    /// only a time, "10.51 GMT"): prose never joins across entries.
    pub entry: usize,
}

/// One comment of a thread, from its header line ("u/name · 412 points", "Jane Doe wrote:").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    /// Position of the post in the thread; a deleted comment takes a number too.
    pub id: usize,
    /// The account or name as written in the header, without a "u/" or "@" prefix.
    pub author: String,
    /// The header marks the account as verified (the guest of an AMA).
    pub verified: bool,
}

/// Fewer words before a bar make a breadcrumb ("News | TV"), not a headline.
const HEADLINE_MIN_WORDS: usize = 4;

/// A live-blog entry's heading is a short line.
const ENTRY_HEADING_MAX_LEN: usize = 100;

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
/// A metadata line that ends with a date ("Exported from ..., 14 March 2025") is at most this
/// long.
const METADATA_MAX_LEN: usize = 100;
/// The title is the first line; a date line only counts as metadata this close to the top.
const DATE_SEARCH_UNITS: usize = 6;
/// The most words a section heading in sentence case has.
const HEADING_MAX_WORDS: usize = 6;
/// The shortest paragraph that may open a section under a heading in sentence case.
const SECTION_OPENING_MIN_LEN: usize = 120;

/// A site's menu with each item in brackets ("[ Home ] [ Reviews ] [ Interviews ]").
const BRACKETED_MENU: &str = r"^(?:[\[(]\s*[^\[\]()]{1,30}?\s*[\])]\s*){3,}$";
static MENU_IN_BRACKETS: Lazy<Regex> =
    Lazy::new(|| Regex::new(BRACKETED_MENU).expect("static bracketed menu pattern compiles"));

/// A post's line saying who posted it and when ("posted by mags on 12/06/2004", "Published
/// on 3 March 2025"): the date after it.
static POSTED_ON: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:posted|published|written|added|submitted|updated)(?:\s+by\s+\S+(?:\s+\S+){0,3}?)?\s+(?:on|at)\s+(?P<date>\S.*)$")
        .expect("static posted-on pattern compiles")
});

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
        r"(?i)^(?:the )?(?:story|article|text|content) continues (?:below|after|under)(?-u:\b)|^continue reading(?-u:\b)",
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
        // A blogging platform's furniture around a post: its reading time, audio and follow
        // buttons, the writer's box under it, and the subscription prompts in it.
        r"(?i)^(?:member-only story|\d+ min read|listen|follow|save|restacks?|start writing|get the app|ready for more\?|discussion about this post)$",
        r"(?i)^(?:written by|more from|see all from|recommended from) [^.!?:]{1,60}$",
        r"(?i)^[\d.,]+k? followers?$",
        r"(?i)^thanks for reading [^.!?]{1,80}[!.]\s+subscribe(?-u:\b)",
        // What a page prints for an embedded post or video in place of the player.
        r"(?i)^view (?:this|the) (?:post|photo|video|reel|profile) on (?:instagram|facebook|tiktok|x|twitter|threads|youtube)$",
        r"(?i)^an? (?:post|photo|video|reel) shared by [^.!?]{1,80}$",
        r"(?i)^(?:watch|listen|view|play|open)(?: (?:it|this|the video|the clip|more))? (?:on|in) (?:youtube|vimeo|tiktok|spotify|apple podcasts|soundcloud|instagram|facebook|x|twitter|the app)$",
        // A blog's row of links under its name ("Ask me anything   Archive   Submit").
        r"(?i)^(?:(?:ask me anything|ask me|archive|submit|about|faq|rss|random|mobile|home)(?:\s+|$)){2,}$",
        r"(?i)^(?:skip|jump) to (?:the )?(?:main )?(?:content|navigation|menu|article|search)(?-u:\b)",
        // A search box's placeholder ("Search lyrics & more"), not a show called "Search Party".
        r"(?i)^search(?:\s*(?:for|the|this|our|all|lyrics|articles|artists|songs|site|website|blog|recipes|posts|news|stories|everything|here|podcasts|episodes|&|and|more|…|\.\.\.))*\s*$",
        r"(?i)^\d+ (?:comments?|responses?|replies)(?-u:\b)",
        r"(?i)^(?:more (?:posts|stories|articles|videos|news|interviews) from|more from) [^:]{1,60}:",
        r"(?i)^(?:mod(?:erator)?(?:'s)? note|note from the mod(?:erator)?s?|stickied comment)(?-u:\b)",
        r"(?i)^(?:this|the)(?: following)? (?:interview|conversation|transcript|q ?& ?a|exchange|discussion)(?: below)? (?:has|have) been (?:lightly |slightly )?(?:edited|condensed)",
        r"(?i)^(?:interviews?|answers|responses|quotes|comments) (?:have|has) been (?:lightly |slightly )?(?:edited|condensed)",
        r"(?i)^(?:sort|sorted|order) by\s*:",
        r"(?i)^unsubscribe(?-u:\b)",
        // An email newsletter's wrapper.
        r"(?i)^view (?:this (?:email|newsletter|message|issue) )?(?:in|on) (?:your |a |the )?(?:web ?)?(?:browser|web)(?-u:\b)",
        r"(?i)^(?:having trouble (?:viewing|reading)|(?:can'?t|cannot) (?:see|read)) this (?:email|newsletter|message)(?-u:\b)",
        r"(?i)^forward (?:this (?:email|newsletter|message|issue) )?to a friend(?-u:\b)",
        r"(?i)^you(?: are|'re| were) receiving this (?:email|newsletter|message)(?-u:\b)",
        r"(?i)^(?:update|manage) (?:your )?(?:email |subscription )?preferences(?-u:\b)",
        // A company's legal footer under each message of a mail thread.
        r"(?i)^(?:this (?:e-?mail|message|communication)(?: and any (?:attachments?|files?)[^.]{0,40})? (?:is|are|may be|contains?) (?:strictly )?(?:confidential|privileged|intended)|if you (?:have )?received this (?:e-?mail|message|communication) in error)(?-u:\b)",
        r"(?i)^(?:\[(?:deleted|removed)\])$",
        // A phone's messages, copied or read off screenshots: the conversation's header
        // ("< Messages   Dana Okafor   (i)"), the service, the day and time over a run of
        // messages, and each message's delivery receipt.
        r"(?i)^<\s*(?:messages|chats|back)(?-u:\b)",
        r"(?i)^(?:imessage|text message|sms|rcs chat)$",
        r"(?i)^(?:delivered|read|seen|sent|not delivered)(?:\s+(?:(?:today|yesterday|mon|tue|wed|thu|fri|sat|sun)[a-z]*\s+)?(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?$",
        r"(?i)^(?:today|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day)(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?$",
        r"(?i)^for immediate release$",
        // An older site's furniture: its hit counter, the browser it wants, the way back.
        r"(?i)^(?:this (?:page|site) has been (?:viewed|visited|accessed) [\d,]+ times|you are visitor (?:number |no\.? ?|#)?[\d,]+)(?-u:\b)",
        r"(?i)^(?:this (?:page|site) is )?best viewed (?:in|with|at|using)(?-u:\b)",
        r"(?i)^(?:<<?|«|←)\s*(?:back|return|home|previous)(?-u:\b)[^.!?]{0,40}$",
        r"(?i)^(?:sign|view) (?:our|my|the) guest ?book\W*$",
        BRACKETED_MENU,
        // A file's name copied with its text, alone on its line.
        r"(?i)^[\w .()-]{1,80}\.(?:txt|docx?|pdf|rtf|md|html?|vtt|srt|odt)$",
        // A video page's counts and buttons ("61K views 2 years ago", "Show transcript"), and
        // a page's pointer to more of its kind ("Visit www.example.com for more guides").
        r"(?i)^[\d.,]+\s*[km]? (?:views|subscribers|watching)(?:\s*[·•]?\s*[^.!?]{0,30}\bago)?$",
        r"(?i)^(?:show|hide|open) transcript$",
        r"(?i)^(?:visit|go to|head (?:over )?to) (?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/\S*)? (?:for|to)(?-u:\b)",
        // A podcast's or a broadcast's sponsor read, on its own or as the host's turn
        // ("DANI: This episode is brought to you by ...").
        r"(?i)^(?:[^\s:]+(?:\s+[^\s:]+){0,3}:\s+)?(?:(?:this|today'?s) (?:episode|show|podcast|programme|program|interview)(?: of [^.]{1,60})? is (?:brought to you|sponsored|supported|made possible|presented) by(?-u:\b)|support for (?:this|the|today'?s) (?:episode|show|podcast|programme|program) comes from(?-u:\b))",
    ])
    .expect("static boilerplate patterns compile")
});

/// A site's account buttons, which a page prints under its own name, above the
/// post's headline.
static SITE_NAV: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:subscribe|sign in|sign up|log ?in|register|join|join now|create (?:an )?account|my account)$")
        .expect("static site navigation pattern compiles")
});

/// A letter's salutation, on a line of its own.
static GREETING: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:hello|hi|hey|dear|greetings|good (?:morning|afternoon|evening))\b[^.?]{0,60}[!,]$")
        .expect("static greeting pattern compiles")
});

/// Patterns that could occur inside a sentence; only applied to short lines.
static LOOSE: Lazy<RegexSet> = Lazy::new(|| {
    RegexSet::new([
        // A call to comment, not speech that mentions the comments ("her mugs are famous in
        // our comment section").
        r"(?i)(?-u:\b)(?:let (?:us|me) know|tell (?:us|me)|sound off|drop|leave|share|post|add|write|join|weigh in|chime in)(?-u:\b)[^.!?]{0,80}(?:(?-u:\b)comments? (?:below|section)(?-u:\b)|(?-u:\b)in the comments(?-u:\b))",
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
        r"(?i)^(?:(?:leave|post|add) a (?:reply|comment)(?-u:\b)|-- ?$|#{3}$|(?:media|press) (?:contacts?|enquiries|inquiries)(?-u:\b)|fill in your details(?-u:\b)|you are commenting using(?-u:\b)|(?:share|like) this\s*:?\s*$|related(?:\s+(?:posts?|articles?|stories))?\s*:?\s*$|post navigation\s*$|\d+ (?:comments?|responses?|replies)\s*$|comments\s*$|%d bloggers like this|(?:references|footnotes|citations|external links|further reading|bibliography)\s*$|(?:translator'?s?'?|translation|tl) (?:notes|footnotes)\s*:?\s*$|(?:forward-looking statements?|safe harbou?r statement)(?-u:\b))",
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

/// An editor's note: a whole paragraph in square brackets, or a parenthesised note (a court
/// reporter's "(Whereupon, the interview concluded.)" too).
static EDITOR_NOTE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^\[[^\[\]]*\]$|^\((?:editor'?s note|editor’s note|note|update|this (?:story|article|post|interview|piece)|whereupon|off the record|recess)\b[^()]*\)$")
        .expect("static note pattern compiles")
});

/// A note that someone gave no answer, standing where their answer would be: "Oyelaran-Fitch
/// did not respond to this question.", "Vance declined to answer." Nobody's words, and it
/// names the one person the answers round it are not by.
static NO_RESPONSE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’-]*\s+(?:did\s+not|didn['’]t|declined\s+to|chose\s+not\s+to)\s+(?:respond|answer|reply|comment)(?:\s+(?:to|on))?(?:\s+(?:this|the|that))?(?:\s+question)?(?:\s+by\s+(?:the\s+)?deadline|\s+in\s+time)?\.?$")
        .expect("static no-response pattern compiles")
});

static SOURCE_NAME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^source\s*:\s*(.+?)\.?$").expect("static source pattern compiles")
});

static DATE_MDY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:(?:published|posted|updated|recorded|aired|broadcast|conducted|released|uploaded|premiered|streamed)(?: on)?:?\s+)?(?:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:(?:,?\s+(?:at\s+)?|\s+[-–—]\s+)\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?$")
        .expect("static date pattern compiles")
});
static DATE_DMY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:(?:published|posted|updated|recorded|aired|broadcast|conducted|released|uploaded|premiered|streamed)(?: on)?:?\s+)?(?:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})(?:(?:,?\s+(?:at\s+)?|\s+[-–—]\s+)\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?$")
        .expect("static date pattern compiles")
});
/// A date in figures alone: "22/08/2024", "8.22.2024".
static DATE_NUMERIC: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$").expect("static date pattern compiles")
});
static DATE_ISO: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(\d{4})-(\d{2})-(\d{2})$").expect("static date pattern compiles"));

/// Words that stay lower case in a title-case headline.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "of", "on", "or",
    "the", "to", "vs", "with", "via", "-", "–", "—", "|",
];

/// What a line is, from its markup, before any sentence rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    /// A markdown heading ("## Recording") or a bold line standing alone.
    Heading,
    /// A list item ("• Born: Cork", "- First job: ...").
    Bullet,
    /// The header of a comment in a thread ("u/name · 412 points", "Jane Doe wrote:").
    Header,
    /// An attribution line under a quote or an embedded post ("— Name (@handle) March 2, 2024").
    Signature,
}

#[derive(Debug, Clone)]
struct Unit {
    text: String,
    kind: Kind,
}

/// A thread comment's header: who posted, and what the header says about them.
static POST_HEADER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?P<op>posted by\s+)?(?P<who>/?u/[\w-]+|\[(?:deleted|removed)\]|@[\w.]+)(?P<rest>(?:\s*[·•|].*|\s+verified.*|\s+\d+\s+points?.*)?)$")
        .expect("static header pattern compiles")
});
/// "Jane Doe wrote:", "On 14 May 2023, Jane Doe wrote:", the mailing-list and forum header.
static WROTE_HEADER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:(?i:on)\s+[^,]{3,60},\s*)?(?P<who>\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*){0,3}|[\w.-]*\d[\w.-]*|[a-z][\w.-]*_[\w.-]*)\s+(?i:wrote|writes|posted)\s*:$")
        .expect("static header pattern compiles")
});
/// "— Name", "— Name, head of archives", "— Name (@handle) March 2, 2024".
static SIGNATURE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:[—–]|--)\s*(?P<name>\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,3})(?:,\s*[^()\n]{1,60}?)?(?:\s*\(@[\w.]+\))?(?:\s+[\p{L}\d ,.]{4,30})?$")
        .expect("static signature pattern compiles")
});
/// "As told to NAME": a first-person account the credited writer only took down.
static TOLD_TO: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^(?i:as\s+told\s+to)\s+(?P<name>\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,3})\.?$",
    )
    .expect("static told-to pattern compiles")
});
/// A transcript's cast list above its turns: "Interviewer: Sam Talbot", "Respondent: Beatrix
/// Okoro, costume supervisor", a programme's "Speaker: Dr. Amara Okafor, hydrologist", a
/// research transcript's "Participant: P14 (Joyce Mensah, night bus driver)", whose code labels
/// the person's turns. The role labels its turns use stand for these people; what a line says
/// of its person is a fact.
static ROLE_LINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?P<role>(?i:interviewer|host|moderator|chair|presenter|interviewee|respondent|participant|guest|speaker|panelist|panellist|narrator))s?\s*:\s*(?:(?P<code>\p{Lu}{1,4}\d{0,3})\s*\(\s*(?P<coded>\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){1,3})(?P<coded_about>\s*,[^()]*)?\)|(?P<name>\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){1,3})(?P<about>\s*[,(–—]\s*[^.!?]*)?)$")
        .expect("static role line pattern compiles")
});
/// "By NAME", "Interview by NAME, Role", "By NAME · March 1, 2024".
static BYLINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:(?P<kind>(?i:interview(?:ed)?|interviews|words|text|story|reporting|questions|conversation|moderated|hosted|q&a))\s+)?(?i:by)\s+(?P<name>\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,3})(?P<rest>(?:\s*[,·|•].*)?)$")
        .expect("static byline pattern compiles")
});
/// Words of a writer's role in a byline ("By Ana Ruiz, Staff Writer"), which is not where
/// it was published.
const BYLINE_ROLES: &[&str] = &[
    "writer",
    "editor",
    "correspondent",
    "critic",
    "reporter",
    "contributor",
    "journalist",
    "columnist",
    "staff",
    "senior",
    "features",
    "freelance",
    "photographer",
    "photos",
    "photography",
    "interviewer",
    "host",
    "producer",
    "updated",
    "published",
    "min",
    "read",
];

/// The publication in what follows a byline's name: the first part (between commas, dots or
/// bars) that is neither a date nor the writer's role, in capitalised words ("Screen
/// Weekly", "The Harbour Gazette").
fn byline_outlet(rest: &str) -> Option<String> {
    rest.split([',', '·', '|', '•'])
        .map(str::trim)
        .filter(|seg| !seg.is_empty())
        .find(|seg| {
            let words: Vec<&str> = seg.split_whitespace().collect();
            parse_date(seg).is_none()
                && (1..=5).contains(&words.len())
                && words.iter().all(|w| {
                    w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                        || matches!(*w, "of" | "the" | "and" | "&" | "on" | "for")
                })
                && !words.iter().any(|w| {
                    let lower = w.to_lowercase();
                    BYLINE_ROLES.contains(&lower.as_str())
                        || lower.chars().all(|c| c.is_ascii_digit())
                })
        })
        .map(str::to_string)
}

/// A wire-story or press-release dateline opening a paragraph: "LONDON, 12 October 2023 — ".
static DATELINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\p{Lu}[\p{Lu} .'’\-]{1,30},\s+(?:\p{Lu}[\p{L} .]{1,30},\s+)?(?P<date>[^—–]{6,40}?)\s+(?:/[\p{L} ]{2,30}/\s+)?(?:[—–]|--?)\s+")
        .expect("static dateline pattern compiles")
});
/// A press release's heading over what the company or the person is ("About Northfield
/// Brewing", "About the author"): a section of its own, not more of the text above it.
static ABOUT_HEADING: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^About (?:the )?\p{Lu}[\p{L}\p{N}&'’.\-]*(?: \p{Lu}[\p{L}\p{N}&'’.\-]*){0,5}$")
        .expect("static about heading pattern compiles")
});
/// Stage directions inside a transcript line: "(laughs)", "[crosstalk]", and a transcription
/// service's notes ("[Operator Instructions]", "[Technical Difficulty]").
pub(super) static STAGE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\s*[\[(](?:laughs?|laughter|laughing|crosstalk|cross-talk|inaudible|unintelligible|applause|chuckles?|sighs?|pauses?|smiles?|giggles?|coughs?|music|silence|overlapping|operator instructions|technical difficult|break in audio|audio gap|indiscernible|foreign language|background noise)(?:[^\])\n]{0,20})[\])]")
        .expect("static stage pattern compiles")
});
/// A chat message in a stream's transcript: "[chat] name: words", "(Chat) name: words".
static CHAT_LINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^[\[(<](?:chat|live chat|twitch chat|yt chat|comment)[\])>]\s*@?(?P<who>[\w.-]{2,32}):\s+(?P<said>\S.*)$")
        .expect("static chat line pattern compiles")
});
/// A turn under an account's name: "@splinterqueen: do you sharpen freehand".
static ACCOUNT_TURN: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^@[\w.-]{2,32}:\s").expect("static account turn pattern compiles"));
/// "Q: ...? A: ..." (or "Q. ... A. ...") on one line.
static INLINE_ANSWER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\s*(?P<q>(?:Q|Question)\s*[:.]\s+[^\n]+?\?[\s\p{Pf}\p{Pe}]*)\s(?P<a>(?:A|Answer)\s*[:.]\s+\S.*)$")
        .expect("static inline answer pattern compiles")
});
/// An encyclopedia's footnote markers, glued to the word or full stop they follow ("in
/// 2024.[2][3]", "trees[citation needed]"): not text, and they hide the sentence's end.
static CITATION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"([^\s\[])(?:\[(?:\d{1,3}|[a-z]|note \d{1,3}|(?i:citation needed|clarification needed|dubious|when\?|who\?|which\?|by whom\?|according to whom\?|failed verification|better source needed|page needed))\])+")
        .expect("static citation pattern compiles")
});
/// A translator's note inside the text ("[TN: a cour is a broadcast season]") and a
/// translation's footnote marker ("1,400 drawings*1."): the translator's, not the speaker's.
static TRANSLATOR_NOTE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\s*[\[(](?:tn|t/n|t\.n\.|translator'?s?'? note|trans\. note)\s*[:.\-]?\s[^\[\]()]{1,400}[\])]|(\S)\*\d{1,2}(?-u:\b)")
        .expect("static translator note pattern compiles")
});
/// A line that is only a time of day or an age ("10.51 GMT", "2:15pm ET", "12 min ago"): a
/// live blog's entry starts here. A bare "01:15" is not one: transcripts write their offsets so.
static TIME_LINE: Lazy<Regex> = Lazy::new(|| {
    // Time zones as live blogs write them after a time.
    const ZONE: &str = "(?:GMT|BST|UTC|CET|CEST|EST|EDT|CST|CDT|PST|PDT|ET|PT|CT|AEST|AEDT|IST)";
    Regex::new(&format!(
        r"(?i)^(?:(?:updated|posted)\s+(?:at\s+)?)?(?:\d{{1,2}}\.\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s*{ZONE})?|\d{{1,2}}:\d{{2}}\s*(?:[ap]\.?m\.?(?:\s*{ZONE})?|{ZONE})|\d{{1,3}}\s*(?:s|sec|secs|m|min|mins|minutes?|h|hr|hrs|hours?)\s+ago|just now)$"
    ))
    .expect("static time pattern compiles")
});

/// A timestamp opening a transcript line ("[00:12:31] ", "00:12 – ") or closing a label
/// ("Name (00:12):").
static TIMESTAMP_LEAD: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*(?:[—–\-]\s*)?")
        .expect("static timestamp pattern compiles")
});
static TIMESTAMP_LABEL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?P<label>[^:\[\]()]{1,40}?)\s*[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])]\s*:")
        .expect("static timestamp pattern compiles")
});
/// A sentence, then a bare web address.
static TRAILING_ADDRESS: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(.{20,}[.!?])\s+(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|co\.uk|org\.uk|uk|ie|io|co|info|fm|tv|eu|de|fr|ca|au)(?:/\S*)?$")
        .expect("static address pattern compiles")
});

/// A journal's citation line: its volume, and its issue or pages.
static VOLUME_LINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^vol(?:ume)?\.?\s*\d+\b.*\b(?:no|issue|pp?)\.?\s*\d")
        .expect("static volume pattern compiles")
});
/// An episode's headline: its number, then what it is about ("Episode 88: Chef Rafael Montoya
/// on closing the restaurant", "Ep. 12 - The glasshouse set", "#214: Wren Adebayo").
static EPISODE_HEADLINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:episode|ep\.?|#)\s*\d+\s*[:.|\-–—]\s*\S.{10,}$")
        .expect("static episode pattern compiles")
});

/// A speaker label alone on its line: "JANE DOE:", "Jane Doe:", "Q:", "JANE DOE (host):",
/// "JANE DOE, HOST:" (a radio transcript's name and role in capitals), or a
/// name with the transcript's timestamp ("Jane Doe  00:12", "JANE DOE [00:12:31]"), or a
/// transcription service's numbered one ("Speaker 2  0:10"), or a role in capitals with no
/// colon ("INTERVIEWER", set as a screenplay sets names).
static LONE_LABEL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?P<role>INTERVIEWER|QUESTION|ANSWER|HOST|MODERATOR)$|^(?P<label>(?:Speaker|Participant|Unknown Speaker)\s+(?:\d{1,2}|[A-Z])|\p{Lu}[\p{L}.'’\-]*(?:\s+\p{Lu}[\p{L}.'’\-]*){0,3}(?:\s*\([^()]{1,40}\)|,[\p{Lu}\p{N} .,'’&\x22“”\-]{2,70})?)(?:\s*:|\s+[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?)$")
        .expect("static label pattern compiles")
});
/// An editor's sentence about the editing, inside an intro paragraph.
static EDITED_NOTE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?:^|\s)(?:the|this)(?: following)? (?:interview|conversation|transcript|q ?& ?a|exchange|discussion)(?: below)? (?:has|have) been (?:lightly |slightly )?(?:edited|condensed)[^.!?]*[.!?]")
        .expect("static note pattern compiles")
});

/// Cleans one article. Returns the body paragraphs and the metadata lines that were found.
pub fn clean_article(raw: &str) -> Cleaned {
    let mut out = Cleaned::default();
    // A wiki's talk page: signed comments under its sections (read before the "<small>" around
    // an unsigned comment's notice makes the page look like HTML).
    let talk = super::talk::comments(raw);
    let raw = talk.as_deref().unwrap_or(raw);
    // Subtitle files have no title: their first line is a speaker's.
    let (raw, mut title_open) = match super::captions::to_paragraphs(raw) {
        Some(c) => (
            super::markup::decode_entities(std::borrow::Cow::Owned(c.text)),
            c.titled,
        ),
        None => (super::markup::to_text(raw), true),
    };
    // An e-reader's export of highlights: the book's words, not the reader's notes.
    let raw = rewritten(raw, super::clippings::highlights);
    // A page saved from a web archive, under the archive's banner.
    let raw = rewritten(raw, super::pages::archive_banner);
    // A television news script: its narration, questions and captioned sound bites.
    let raw = rewritten(raw, super::broadcast::script);
    // A transcript set in capitals reads as speech only in sentence case.
    let raw = rewritten(raw, super::shouting::unshout);
    // A bilingual page: the English translation of each paragraph, not both.
    let raw = rewritten(raw, super::bilingual::english);
    // A mailing list's digest of several messages: one conversation.
    let raw = rewritten(raw, super::email::digest);
    // An interview by email: its header says what a masthead would.
    let message = super::email::read(&raw);
    let raw = match &message {
        Some(m) => std::borrow::Cow::Borrowed(m.text.as_str()),
        None => raw,
    };
    if let Some(m) = &message {
        if m.subject.is_some() {
            out.title.clone_from(&m.subject);
            title_open = false;
        }
        out.date = m.date.as_deref().and_then(date_within);
        out.sender.clone_from(&m.sender);
    }
    // A header of fields ("Transcript ID: NSV-014") over the text: its title, cast and date.
    let raw = rewritten(raw, |raw| {
        super::fields::header(raw, |line| ROLE_LINE.is_match(line))
    });
    // A court reporter's transcript: every line numbered, page by page.
    let raw = rewritten(raw, super::pages::line_numbers);
    // Copied out of a PDF or a print edition: page numbers and running headers.
    let raw = rewritten(raw, super::pages::strip_furniture);
    // A word processor's comments and footnotes exported under the text.
    let raw = rewritten(raw, super::notes::strip_notes);
    // One person's thread of posts, unrolled into a page.
    let raw = match super::social::unroll(&raw) {
        Some(thread) => {
            out.author = Some(thread.author);
            out.own_words = true;
            std::borrow::Cow::Owned(thread.text)
        }
        None => raw,
    };
    // A table in markdown's pipes, before its one-line rows read as a quickfire round's.
    let raw = rewritten(raw, super::tables::pipe_rows);
    // A quotation page's list, each quote over its source; a quickfire round's one-line
    // questions and answers, inside any layout.
    let raw = rewritten(raw, super::lists::quote_list);
    let raw = rewritten(raw, super::lists::quickfire);
    // A letters page's letters and the replies under them; a transcript copied from a table.
    let raw = rewritten(raw, super::letters::letters);
    let raw = rewritten(raw, super::tables::rows);
    // Questions sent to a blog or a book site's page (their headers would read as a chat's);
    // speaker labels set off by a dash or brackets rather than a colon, or on a line of
    // their own with the speaker's role over the turn; a chat app's message
    // headers; a messenger's dated lines; a video call's saved chat.
    let raw = rewritten(raw, super::labels::initials_as_names);
    let raw = rewritten(raw, |raw| {
        super::labels::asks(raw)
            .or_else(|| super::labels::with_colons(raw))
            .or_else(|| super::labels::over_turns(raw))
            .or_else(|| super::chat::chat_export(raw))
            .or_else(|| super::chat::messenger_export(raw))
            .or_else(|| super::chat::call_chat(raw))
    });
    // A bulletin board's posts under their profile blocks; a forum page's comment headers,
    // spread over lines or wrapped in its controls; a social network post's comments, each
    // closed by its "Like · Reply · 2d".
    let raw = rewritten(raw, super::boards::posts);
    // A question-and-answer site's answers, each under its writer's name and age.
    let raw = rewritten(raw, super::qa_site::answers);
    let raw = rewritten(raw, super::comments::join_headers);
    let raw = rewritten(raw, super::microblog::posts);
    let raw = rewritten(raw, super::feed::comments);
    let blocks = blocks_of_units(&raw);
    let headers = blocks
        .iter()
        .flat_map(|(units, _)| units)
        .filter(|u| u.kind == Kind::Header)
        .count();
    let mut seen_units = 0usize;
    // Whether the title was the first line, and whether a site's account buttons came under
    // it (see `SITE_NAV`).
    let mut title_first = false;
    let mut furniture_on_top = 0usize;
    let mut nav_under_title = false;
    // Whether a journal's citation came under its name, the article's title still to come.
    let mut title_under_citation = false;
    // A line in capitals skipped between the site's menu and the headline, which is the
    // headline when no other comes.
    let mut kicker_under_nav: Option<String> = None;
    // Units seen that are not a page's buttons or bars: how near the top a date line is.
    let mut worded_units = 0usize;
    let mut masthead: Option<String> = None;
    let mut info = ParaInfo::default();
    let mut next_post = 0usize;
    let mut skipping_post = false;
    let mut entry_opens = false;
    let mut cast_facts = 0usize;
    // Whether the block after each one opens with a paragraph of prose, as a section under a
    // heading does.
    let body_follows: Vec<bool> = (0..blocks.len())
        .map(|i| {
            blocks
                .get(i + 1)
                .and_then(|(units, _)| units.first())
                .is_some_and(|u| u.kind == Kind::Text && opens_section(&u.text))
        })
        .collect();
    'blocks: for ((units, wrapped), body_follows) in blocks.into_iter().zip(body_follows) {
        let mut kept: Vec<String> = Vec::new();
        if is_form(&units) {
            continue;
        }
        let units = sidebar(profile_card(units), out.title.is_some());
        let bullets = units.iter().filter(|u| u.kind == Kind::Bullet).count();
        if bullets >= 2 && !skipping_post {
            // A fact box or list: its short items are facts, not captions.
            let (section, text) = fact_box(&units);
            if !text.is_empty() {
                out.push(
                    text,
                    ParaInfo {
                        section: section.or_else(|| info.section.clone()),
                        post: info.post.clone(),
                        facts: true,
                        entry: info.entry,
                    },
                );
            }
            continue;
        }
        let single = units.len() == 1;
        let mut previous: Option<(String, bool)> = None;
        for Unit { text: unit, kind } in units {
            seen_units += 1;
            // Counted only while a date line is still looked for.
            if out.date.is_none()
                && worded_units <= DATE_SEARCH_UNITS + 2
                && !is_boilerplate_pattern(&unit)
                && !is_separator_bar(&unit)
            {
                worded_units += 1;
            }
            // A live blog: each time line starts an entry, and a short line right under it is
            // the entry's heading ("Why Oyster Bay?").
            let heads_entry = std::mem::take(&mut entry_opens);
            if kind != Kind::Header && TIME_LINE.is_match(unit.trim()) {
                out.push_block(std::mem::take(&mut kept), wrapped, &info);
                info.entry += 1;
                info.section = None;
                entry_opens = true;
                previous = None;
                continue;
            }
            if heads_entry
                && unit.len() <= ENTRY_HEADING_MAX_LEN
                && (!ends_like_sentence(&unit) || unit.ends_with('?'))
                && !is_boilerplate_pattern(&unit)
            {
                out.push_block(std::mem::take(&mut kept), wrapped, &info);
                info.section = Some(heading_text(&unit));
                previous = None;
                continue;
            }
            if kind == Kind::Header && headers >= 2 {
                out.push_block(std::mem::take(&mut kept), wrapped, &info);
                skipping_post = false;
                match parse_header(&unit, next_post) {
                    Header::Byline(account) => {
                        info.post = None;
                        if out.poster.is_none() {
                            out.poster = account;
                        }
                    }
                    Header::Moderator => {
                        next_post += 1;
                        skipping_post = true;
                    }
                    Header::Deleted => {
                        next_post += 1;
                        info.post = None;
                        skipping_post = true;
                    }
                    Header::Post(post) => {
                        next_post += 1;
                        info.post = Some(post);
                    }
                }
                previous = None;
                continue;
            }
            if skipping_post {
                continue;
            }
            if kind == Kind::Signature {
                // The attribution belongs to the text just above it, which is kept even when it
                // looks like a caption (an embedded post often has no final period).
                match previous.take() {
                    Some((_, true)) => {
                        if let Some(last) = kept.last_mut() {
                            last.push(' ');
                            last.push_str(&unit);
                        }
                    }
                    Some((prev, false)) => kept.push(format!("{prev} {unit}")),
                    None => {
                        if let Some(last) = out.paragraphs.last_mut() {
                            last.push(' ');
                            last.push_str(&unit);
                        }
                    }
                }
                continue;
            }
            if title_open && out.title.is_none() && out.paragraphs.is_empty() && kept.is_empty() {
                // A site's menus over the headline ("Subscribe | Sign in", "Fiction | Poetry |
                // Essays") are no title, and no line of the page's head to count.
                if is_section_bar(&unit) {
                    seen_units -= 1;
                    continue;
                }
                if seen_units <= 3 && (is_kicker(&unit) || is_boilerplate_pattern(&unit)) {
                    // A kicker may carry the date ("Issue 14 | 3 March 2025"), and a line in
                    // capitals may be a newsletter's or a column's name.
                    if out.date.is_none() {
                        out.date = trailing_date(&unit);
                    }
                    // The page's own furniture ("Skip to main content") names nothing.
                    if STRICT.is_match(&unit) {
                        furniture_on_top += 1;
                    } else if unit.split(['·', '|', '•']).count() == 1 {
                        masthead = Some(unit.clone());
                    }
                    continue;
                }
                // A greeting ("Hello, Harbour Lights fans!") opens a newsletter's letter; the
                // name above it is the title.
                if GREETING.is_match(&unit) {
                    out.title = masthead.take();
                    title_open = false;
                    continue;
                }
                title_open = false;
                if is_title_like(&unit) {
                    let headline = headline_before_bar(&unit).unwrap_or(&unit);
                    // A name in capitals alone on the first line, and under it a line of a
                    // few words saying what the document is ("THE SALT ROAD" / "Production
                    // Notes"), not a headline: the name is half the title, and the half people
                    // search for.
                    let title = match masthead.take() {
                        Some(name)
                            if seen_units == 2
                                && headline.split_whitespace().count() <= 3
                                && !name.contains(|c: char| c.is_numeric() || c == '/') =>
                        {
                            format!("{name} - {headline}")
                        }
                        _ => headline.to_string(),
                    };
                    out.title = Some(title);
                    title_first = seen_units == furniture_on_top + 1;
                    continue;
                }
            }
            title_open = false;
            // A site's name over its account buttons ("The Long Table" / "Subscribe" / "Sign
            // in"), and the post's headline under them: the first line was the masthead.
            let before_text = out.paragraphs.is_empty() && kept.is_empty();
            if before_text && title_first && (SITE_NAV.is_match(&unit) || is_section_bar(&unit)) {
                nav_under_title = true;
                continue;
            }
            // A journal's name over its volume and pages ("Vol. 14, No. 2 (Autumn 2023),
            // pp. 211–229"): the name is the outlet, and the article's own title comes under
            // the citation's lines (its DOI, its dates, the page's buttons).
            if before_text && title_first && VOLUME_LINE.is_match(&unit) {
                title_first = false;
                if let Some(journal) = out.title.take() {
                    out.outlet.get_or_insert(journal);
                }
                title_under_citation = true;
                continue;
            }
            if before_text
                && title_under_citation
                && out.title.is_none()
                && is_title_like(&unit)
                && !unit.contains(['|', '·', '•'])
                && !unit.contains("://")
                && !unit
                    .split_whitespace()
                    .any(|w| w.chars().all(|c| c.is_ascii_digit()))
            {
                out.title = Some(unit.clone());
                continue;
            }
            // A show's name over an episode's headline ("The Long Table Podcast" / "Episode
            // 88: Chef Rafael Montoya on ..."): the episode is what the page is, the show its
            // outlet.
            if before_text && title_first && EPISODE_HEADLINE.is_match(&unit) {
                title_first = false;
                if let Some(show) = out.title.replace(unit.clone()) {
                    out.outlet.get_or_insert(show);
                }
                continue;
            }
            // A search box's placeholder under the menu ("Search this website...") is more of
            // the menu.
            if before_text && nav_under_title && is_boilerplate_pattern(&unit) {
                continue;
            }
            // The section's name between the site's menu and the headline ("OBITUARIES").
            if before_text && nav_under_title && is_kicker(&unit) {
                kicker_under_nav = Some(unit.clone());
                continue;
            }
            let under_nav = before_text && std::mem::take(&mut nav_under_title);
            // "[ Home ] [ Reviews ]" / "INTERVIEW: LOW TIDE ORCHESTRA" / "posted by mags": the
            // line in capitals was the headline.
            // A heading of two words ("Corporate Participants") or a turn ("Q: how long did
            // it take??") under the menu is the text's, not the page's headline.
            let headline_here = under_nav
                && is_title_like(&unit)
                && unit.split_whitespace().count() >= 3
                && !unit.starts_with("Q:")
                && !unit.starts_with("A:");
            let headline = match kicker_under_nav.take() {
                Some(kicker) if under_nav && !headline_here => {
                    (kicker.split_whitespace().count() >= 2).then_some(kicker)
                }
                _ => headline_here.then(|| unit.clone()),
            };
            if let Some(headline) = headline {
                if let Some(site) = out.title.replace(headline) {
                    // A site's name before its tagline ("STATIC TAPES :: the fanzine that
                    // never sleeps").
                    let name = site.split(" :: ").next().unwrap_or(&site);
                    let name = name.split(" | ").next().unwrap_or(name).trim();
                    out.outlet.get_or_insert(name.to_string());
                }
                if headline_here {
                    continue;
                }
            }
            // A byline that ends with the date ("Interview by NAME, Outlet, 2 March 2025") is
            // read as a byline, date and all.
            let byline = BYLINE
                .captures(&unit)
                .filter(|_| unit.len() <= 150 && !unit.ends_with('.'));
            if worded_units <= DATE_SEARCH_UNITS + 2 && out.date.is_none() && byline.is_none() {
                if let Some(date) = parse_date(&unit)
                    .or_else(|| trailing_date(&unit))
                    .or_else(|| leading_date(&unit))
                {
                    out.date = Some(date);
                    continue;
                }
            }
            // Above the text, where only a cast list's own facts have been kept.
            let head = out.paragraphs.len() == cast_facts && kept.is_empty();
            if let Some(c) = ROLE_LINE.captures(&unit).filter(|_| head) {
                let Some(name) = c.name("name").or_else(|| c.name("coded")) else {
                    continue;
                };
                let name = name.as_str().trim().to_string();
                if let Some(code) = c.name("code") {
                    out.codes.push((code.as_str().to_string(), name.clone()));
                }
                if let Some(about) = c.name("about").or_else(|| c.name("coded_about")) {
                    cast_facts += 1;
                    // "Dr. Amara Okafor, hydrologist, University of Leeds": who the person is.
                    out.push(
                        format!("{name}{}.", about.as_str().trim_end()),
                        ParaInfo {
                            facts: true,
                            ..info.clone()
                        },
                    );
                }
                match c["role"].to_lowercase().as_str() {
                    "interviewer" | "host" | "moderator" | "chair" | "presenter" => {
                        out.interviewer.get_or_insert(name)
                    }
                    _ => out.guest.get_or_insert(name),
                };
                continue;
            }
            if let Some(c) = TOLD_TO.captures(&unit) {
                out.interviewer.get_or_insert(c["name"].trim().to_string());
                out.told_to = true;
                continue;
            }
            if let Some(c) = byline {
                let name = c["name"].trim().to_string();
                if c.name("kind").is_some_and(|k| {
                    k.as_str().to_lowercase().starts_with("interview")
                        || k.as_str().eq_ignore_ascii_case("questions")
                }) {
                    out.interviewer.get_or_insert(name);
                } else {
                    out.author.get_or_insert(name);
                }
                if out.date.is_none() {
                    out.date = c["rest"]
                        .split(['·', '|', '•'])
                        .find_map(|seg| parse_date(seg.trim().trim_start_matches(',').trim()))
                        .or_else(|| trailing_date(&unit));
                }
                if out.outlet.is_none() {
                    out.outlet = byline_outlet(&c["rest"]);
                }
                continue;
            }
            let has_text = !out.paragraphs.is_empty() || !kept.is_empty();
            if has_text && unit.len() <= PATTERN_MAX_LEN && FOOTER_START.is_match(&unit) {
                out.push_block(kept, wrapped, &info);
                break 'blocks;
            }
            if out.source.is_none() && unit.len() <= PATTERN_MAX_LEN {
                if let Some(c) = SOURCE_NAME.captures(&unit) {
                    out.source = Some(c[1].trim().to_string());
                }
            }
            if is_stage_direction(&unit) {
                out.push_block(std::mem::take(&mut kept), wrapped, &info);
                previous = None;
                continue;
            }
            let numbered = (single && has_text)
                .then(|| numbered_heading(&unit))
                .flatten();
            // A short line in sentence case between a finished paragraph and a long one is a
            // web page's section heading ("Building the ice sequence").
            let sentence_case_heading = single
                && body_follows
                && out.paragraphs.last().is_some_and(|p| ends_like_sentence(p))
                && is_sentence_case_heading(&unit);
            // One in title case ("Questions and Topics for Discussion", "Praise for The Salt
            // Orchard") is one whatever follows: a list, short quotes.
            let title_case_heading = single
                && out.paragraphs.last().is_some_and(|p| ends_like_sentence(p))
                && is_sentence_case_heading(&unit)
                && is_title_case(&unit);
            if kind == Kind::Heading
                || numbered.is_some()
                || (single && has_text && is_caps_heading(&unit))
                || sentence_case_heading
                || title_case_heading
            {
                out.push_block(std::mem::take(&mut kept), wrapped, &info);
                info.section = Some(heading_text(numbered.unwrap_or(&unit)));
                previous = None;
                continue;
            }
            let unit = strip_dateline(&unit, &mut out.date);
            // "2. Do you look like Captain Moss?": a numbered question asks without its number,
            // a remark after it too ("1) How did you start? It isn't a careers-fair job."), and
            // so does a numbered prompt ("5. Name one local work of art ...").
            let unit = match NUMBERED_HEADING.find(&unit) {
                Some(m)
                    if super::split::ends_asking(&unit)
                        || super::split::is_prompt(&unit[m.end()..]) =>
                {
                    unit[m.end()..].to_string()
                }
                _ => unit,
            };
            // A line without a final period that reads as typed speech is someone talking, not
            // a caption.
            let keep = !is_boilerplate_unless(&unit, reads_as_speech);
            if keep {
                kept.push(unit.clone());
            }
            previous = Some((unit, keep));
        }
        out.push_block(kept, wrapped, &info);
    }
    // An event's name over a transcript with no headline ("WORLD MASTERS ROWING
    // CHAMPIONSHIPS"): the page's name is the best title it has.
    if out.title.is_none() {
        out.title = masthead;
    }
    out.drop_repeats();
    out
}

impl Cleaned {
    fn push(&mut self, text: String, info: ParaInfo) {
        let text = match EDITED_NOTE.find(&text) {
            Some(m) => format!(
                "{} {}",
                text[..m.start()].trim_end(),
                text[m.end()..].trim_start()
            )
            .trim()
            .to_string(),
            None => text,
        };
        if !text.is_empty() {
            self.paragraphs.push(text);
            self.info.push(info);
        }
    }

    fn push_block(&mut self, kept: Vec<String>, wrapped: bool, info: &ParaInfo) {
        if kept.is_empty() {
            return;
        }
        if wrapped {
            self.push(kept.join(" "), info.clone());
        } else {
            for k in kept {
                self.push(k, info.clone());
            }
        }
    }

    /// Drops a paragraph that repeats words found in a longer paragraph (a pull quote, a
    /// quoted earlier message): the body keeps its one copy. A question asked twice (an
    /// email's question, quoted again in the reply that answers it) keeps its later copy.
    /// Paragraphs are found through an index of their four-word windows, so this stays linear
    /// in the length of the article.
    fn drop_repeats(&mut self) {
        const WINDOW: usize = 4;
        const PER_KEY: usize = 16;
        let squashed: Vec<String> = self.paragraphs.iter().map(|p| comparable(p)).collect();
        let key = |words: &[&str]| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            std::hash::Hash::hash(words, &mut h);
            std::hash::Hasher::finish(&h)
        };
        let mut index: std::collections::HashMap<u64, Vec<usize>> =
            std::collections::HashMap::new();
        for (i, p) in squashed.iter().enumerate() {
            let words: Vec<&str> = p.split(' ').collect();
            for w in words.windows(WINDOW) {
                let list = index.entry(key(w)).or_default();
                if list.len() < PER_KEY && list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        let repeat: Vec<bool> = squashed
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let words: Vec<&str> = p.split(' ').take(WINDOW).collect();
                p.len() >= 24
                    && words.len() == WINDOW
                    && index.get(&key(&words)).is_some_and(|others| {
                        others.iter().any(|&j| {
                            j != i
                                && (squashed[j].len() > p.len()
                                    && squashed[j].contains(p.as_str())
                                    // The same question twice: asked, then quoted in the
                                    // reply that answers it; the answered (later) copy stays.
                                    || squashed[j] == *p
                                        && j > i
                                        && super::split::ends_asking(&self.paragraphs[i]))
                        })
                    })
            })
            .collect();
        if !repeat.contains(&true) {
            return;
        }
        let mut keep = repeat.iter().map(|r| !r);
        self.paragraphs.retain(|_| keep.next().unwrap_or(true));
        let mut keep = repeat.iter().map(|r| !r);
        self.info.retain(|_| keep.next().unwrap_or(true));
    }
}

/// Lowercase letters, digits and single spaces: a pull quote compares equal to its sentence in
/// the body whatever its quote marks.
fn comparable(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for w in p
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

enum Header {
    /// The thread's opening post ("Posted by ..."), with its account: its text is the
    /// article's introduction.
    Byline(Option<String>),
    /// A moderator's comment: boilerplate, body and all.
    Moderator,
    /// A deleted comment: whatever answers it answers nothing that is left.
    Deleted,
    Post(Post),
}

fn parse_header(line: &str, id: usize) -> Header {
    if let Some(c) = POST_HEADER.captures(line) {
        let who = &c["who"];
        let rest = c.name("rest").map_or("", |m| m.as_str()).to_lowercase();
        let account = who
            .trim_start_matches('/')
            .trim_start_matches("u/")
            .trim_start_matches('@');
        if c.name("op").is_some() {
            return Header::Byline((!who.starts_with('[')).then(|| account.to_string()));
        }
        if who.starts_with('[') {
            return Header::Deleted;
        }
        if rest.contains("moderator") || rest.contains(" mod ") || rest.ends_with(" mod") {
            return Header::Moderator;
        }
        return Header::Post(Post {
            id,
            author: account.to_string(),
            verified: rest.contains("verified"),
        });
    }
    let author = WROTE_HEADER
        .captures(line)
        .map_or_else(|| line.to_string(), |c| c["who"].to_string());
    Header::Post(Post {
        id,
        author,
        verified: false,
    })
}

/// The fewest rows of fields that make a profile card (see [`profile_card`]).
const PROFILE_MIN_ROWS: usize = 3;

/// A profile card's row: a short field name, a colon, and a short value that is no sentence
/// ("Age: 47", "Occupation: Retired high-school drama teacher").
static PROFILE_ROW: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?P<key>\p{Lu}[\p{L}'’]*(?:\s+[\p{L}'’]+){0,2})\s*:\s+(?P<value>\S.{0,79})$")
        .expect("static profile row pattern compiles")
});

/// Whether `line` is a row of fields (see [`PROFILE_ROW`]).
fn is_profile_row(line: &str) -> bool {
    let line = line.trim();
    PROFILE_ROW.is_match(line) && !ends_like_sentence(line)
}

/// A block of a profile card, as an election guide or a programme prints one per person: a
/// line that names them, then at least [`PROFILE_MIN_ROWS`] rows of fields with different
/// names ("Teodora Vance" / "Age: 47" / "Occupation: Ceramicist" / "Neighbourhood:
/// Eastwharf"). Its lines are a fact box's items. Rows with no name over them are a header
/// (an email's "From:" / "Sent:" / "To:"), not a card. A block whose rows
/// repeat a name ("anna: ok" / "ben: sure" / "anna: lol") is a chat, and one whose rows end
/// like sentences is a conversation: both stay as they are.
fn profile_card(units: Vec<Unit>) -> Vec<Unit> {
    let rows = |us: &[Unit]| -> bool {
        let mut keys: Vec<String> = Vec::new();
        for u in us {
            let text = u.text.trim();
            let Some(c) = PROFILE_ROW.captures(text) else {
                return false;
            };
            let key = c["key"].to_lowercase();
            if ends_like_sentence(text) || keys.contains(&key) {
                return false;
            }
            keys.push(key);
        }
        keys.len() >= PROFILE_MIN_ROWS
    };
    let text_only = units.iter().all(|u| u.kind == Kind::Text);
    let named = units.first().is_some_and(|u| {
        let words = u.text.split_whitespace().count();
        (2..=4).contains(&words) && is_title_case(&u.text) && !u.text.contains(':')
    });
    if !text_only || !named || units.len() <= PROFILE_MIN_ROWS || !rows(&units[1..]) {
        return units;
    }
    // The name is the card's first item, so that its facts say whose they are.
    items_from(units, 0)
}

/// `units` with those from `first` on made a fact box's items (the ones before stay its
/// heading).
fn items_from(units: Vec<Unit>, first: usize) -> Vec<Unit> {
    units
        .into_iter()
        .enumerate()
        .map(|(i, u)| Unit {
            kind: if i < first { u.kind } else { Kind::Bullet },
            ..u
        })
        .collect()
}

/// A text box drawn as empty brackets ("Your email address: [          ]"), or brackets round
/// an address field's or a sign-up button's words ("[ Your email ]", "[ Subscribe ]"), as a
/// form is copied out of a page.
static FORM_FIELD: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?:^|:\s*)\[[\s_]*\](?:\s|$)|\[[^\[\]]*\b(?:e-?mail|subscribe|sign\s*up)\b[^\[\]]*\]",
    )
    .expect("static form field pattern compiles")
});

/// Whether a block is a form to fill in (a newsletter's sign-up box, a comment form): it has a
/// field or button drawn in brackets (see [`FORM_FIELD`]). None of it is the article's.
fn is_form(units: &[Unit]) -> bool {
    units.iter().any(|u| FORM_FIELD.is_match(&u.text))
}

/// The longest line of a sidebar (see [`sidebar`]).
const SIDEBAR_LINE_MAX_CHARS: usize = 200;

/// A block under a heading in capitals on its first line, each of its other lines short (at
/// least two): a sidebar or box of facts ("TICKETS FOR THE NEXT SESSION" / "Session 3: Fish,
/// Fire and Timing" / "Saturday 23 March, 10am to 4pm"). Its lines are a fact box's items
/// under that heading; read one by one, its lines without a full stop would go as captions.
/// Only under the title (`titled`): above it, a block like that is the page's masthead and menu.
fn sidebar(units: Vec<Unit>, titled: bool) -> Vec<Unit> {
    let is_sidebar = titled
        && units.len() >= 3
        && units.iter().all(|u| u.kind == Kind::Text)
        && is_caps_heading(&units[0].text)
        && units[1..]
            .iter()
            .all(|u| u.text.chars().count() <= SIDEBAR_LINE_MAX_CHARS && !is_section_bar(&u.text));
    if !is_sidebar {
        return units;
    }
    items_from(units, 1)
}

/// A fact box: the heading line over the items (if any) and the items as readable sentences.
fn fact_box(units: &[Unit]) -> (Option<String>, String) {
    let mut section = None;
    let mut items: Vec<String> = Vec::new();
    for u in units {
        match u.kind {
            Kind::Bullet => {
                let item = u.text.trim();
                if item.is_empty() || is_boilerplate_pattern(item) {
                    continue;
                }
                if ends_like_sentence(item) && !item.ends_with(':') {
                    items.push(item.to_string());
                } else {
                    items.push(format!("{}.", item.trim_end_matches(':')));
                }
            }
            _ if items.is_empty() && u.text.len() <= 80 && !ends_like_sentence(&u.text) => {
                section = Some(heading_text(&u.text));
            }
            _ if !is_boilerplate(&u.text) => items.push(u.text.clone()),
            _ => {}
        }
    }
    (section, items.join(" "))
}

fn heading_text(unit: &str) -> String {
    unit.trim().trim_end_matches(':').trim().to_string()
}

/// The number of a listicle's item heading ("3. ", "3) ").
static NUMBERED_HEADING: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^\d{1,2}[.)]\s+").expect("static regex compiles"));

/// A numbered line worded as a headline rather than a sentence ("3. Nobody learned to sail"):
/// when it stands alone between paragraphs, the heading of a listicle's item. The heading
/// without its number.
fn numbered_heading(unit: &str) -> Option<&str> {
    let rest = &unit[NUMBERED_HEADING.find(unit)?.end()..];
    let words = rest.split_whitespace().count();
    ((2..=14).contains(&words)
        && rest.chars().next().is_some_and(char::is_uppercase)
        && !ends_like_sentence(rest)
        && !is_boilerplate_pattern(rest))
    .then_some(rest)
}

/// A broadcast transcript's stage direction on a line of its own, in capitals inside
/// parentheses or brackets ("(BEGIN VIDEO CLIP)", "[COMMERCIAL BREAK]"): neither text nor a
/// section heading.
fn is_stage_direction(unit: &str) -> bool {
    let t = unit.trim();
    let inner = t
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .or_else(|| t.strip_prefix('[').and_then(|r| r.strip_suffix(']')));
    inner.is_some_and(|i| {
        let letters: Vec<char> = i.chars().filter(|c| c.is_alphabetic()).collect();
        !i.contains(['(', ')', '[', ']'])
            && letters.len() >= 3
            && letters.iter().all(|c| c.is_uppercase())
            && i.split_whitespace().count() <= 8
    })
}

/// A section heading as web pages set them, in sentence or title case: a few words, capitalised,
/// with no sentence's end, no figures, no quotation and nothing a caption or a page's furniture
/// says ("Story continues below advertisement", "Photograph: ...").
fn is_sentence_case_heading(unit: &str) -> bool {
    let words = unit.split_whitespace().count();
    (1..=HEADING_MAX_WORDS).contains(&words)
        && unit.chars().next().is_some_and(char::is_uppercase)
        && !unit
            .trim_end()
            .ends_with(['.', '!', '?', '…', ':', ';', ',', ')', ']'])
        && !unit.contains([
            '·', '|', '•', '»', '›', ':', '@', '#', '"', '“', '”', '(', '[',
        ])
        && !unit.chars().any(|c| c.is_ascii_digit())
        && !is_boilerplate_pattern(unit)
        && !EDITOR_NOTE.is_match(unit)
        && !is_credit(unit)
}

/// Whether a paragraph reads as the first of a section: prose of some length.
fn opens_section(text: &str) -> bool {
    text.len() >= SECTION_OPENING_MIN_LEN && ends_like_sentence(text)
}

/// A line in capitals standing alone between paragraphs ("THE EARLY YEARS"): a section heading.
fn is_caps_heading(unit: &str) -> bool {
    let words = unit.split_whitespace().count();
    let letters: Vec<char> = unit.chars().filter(|c| c.is_alphabetic()).collect();
    (1..=8).contains(&words)
        && letters.len() >= 4
        && letters.iter().all(|c| c.is_uppercase())
        && !unit.contains(':')
        && !ends_like_sentence(unit)
        && !unit.contains(['·', '|', '•', '»', '›'])
        && !is_boilerplate_pattern(unit)
}

/// A masthead or breadcrumb line above the headline ("REEL QUARTERLY · ISSUE 38 · CRAFT",
/// "r/movies", "NEWS | TV", "Home > Film"). A headline with its site or series after a bar
/// ("Wren Adebayo on directing The Salt Road | The Cutting Room") is not one: its first part is
/// a sentence's worth.
fn is_kicker(unit: &str) -> bool {
    if ends_like_sentence(unit) || unit.len() > 120 {
        return false;
    }
    let segments: Vec<&str> = unit.split(['·', '|', '•', '»', '›']).collect();
    let letters: Vec<char> = unit.chars().filter(|c| c.is_alphabetic()).collect();
    (segments.len() >= 2 && headline_before_bar(unit).is_none())
        // A breadcrumb typed with ASCII arrows ("Home > Film > Interviews").
        || unit.split(" > ").count() >= 2
        || (unit.starts_with("r/") && !unit.contains(' '))
        || (letters.len() >= 3
            && letters.iter().all(|c| c.is_uppercase())
            && unit.split_whitespace().count() <= 6)
}

/// The headline of a "Headline | Site or series" line: its first part, when that has at least
/// `HEADLINE_MIN_WORDS` words.
fn headline_before_bar(unit: &str) -> Option<&str> {
    let (first, _) = unit.split_once(" | ")?;
    let first = first.trim();
    (first.split_whitespace().count() >= HEADLINE_MIN_WORDS).then_some(first)
}

/// A line of short items between separators ("Facebook | X | WhatsApp | Email",
/// "Best · Share · Save · Report"): navigation or sharing, not text.
fn is_separator_bar(unit: &str) -> bool {
    let segments: Vec<&str> = unit.split(['·', '|', '•']).map(str::trim).collect();
    segments.len() >= 3
        && segments
            .iter()
            .all(|s| s.split_whitespace().count() <= 5 && !s.ends_with(['.', '!', '?']))
}

/// A site's menu of sections ("News | Sport | Announcements | Obituaries"): three or more
/// items of a word or two, no figures (a kicker's "Issue 14 | 3 March 2025" has them); or
/// three or more items each in brackets ("[ Home ] [ Gig Guide ] [ Links ]").
fn is_section_bar(unit: &str) -> bool {
    MENU_IN_BRACKETS.is_match(unit)
        || is_separator_bar(unit)
            && !unit.contains(|c: char| c.is_numeric())
            && unit
                .split(['·', '|', '•'])
                .all(|s| (1..=3).contains(&s.split_whitespace().count()))
}

/// Takes a wire dateline ("LONDON, 12 October 2023 — ") off the front of a paragraph, keeping
/// its date when the article has none yet.
fn strip_dateline(unit: &str, date: &mut Option<String>) -> String {
    if let Some(c) = DATELINE.captures(unit) {
        if let Some(d) = parse_date(c["date"].trim()) {
            date.get_or_insert(d);
            let end = c.get(0).map_or(0, |m| m.end());
            return unit[end..].to_string();
        }
    }
    unit.to_string()
}

/// Splits the text into blocks (separated by blank lines) of units. A unit is a line, or several
/// lines of hard-wrapped prose joined back together. The flag says whether the block was
/// hard-wrapped, in which case its surviving units form one paragraph; otherwise each line is a
/// paragraph of its own (one-paragraph-per-line exports).
fn blocks_of_units(raw: &str) -> Vec<(Vec<Unit>, bool)> {
    let mut blocks = Vec::new();
    let mut units: Vec<Unit> = Vec::new();
    let mut wrapped = false;
    // A speaker's name on a line of its own ("JANE DOE", "Jane Doe  00:12", "Q:"), waiting for
    // the words it labels on the next line.
    let mut label: Option<String> = None;
    let width = wrap_width(raw);
    // The length of the line before, as typed, and whether it was a line of a headline.
    let mut last_len = 0usize;
    let mut last_display = false;
    // Whether the line before was a row of fields: the rows of a card are lines of their own.
    let mut last_row = false;
    for line in raw
        .split('\n')
        .filter(|l| !is_running_head(l))
        .flat_map(split_inline_answer)
    {
        let Some((mut line, kind)) = prepare_line(line) else {
            last_len = 0;
            last_display = false;
            if !units.is_empty() {
                blocks.push((std::mem::take(&mut units), wrapped));
            }
            wrapped = false;
            continue;
        };
        let before_row = std::mem::replace(&mut last_row, is_profile_row(&line));
        let before_len = std::mem::replace(&mut last_len, line.chars().count());
        let before_display = std::mem::replace(&mut last_display, is_display_line(&line));
        if kind == Kind::Text {
            let lone = LONE_LABEL
                .captures(&line)
                .and_then(|c| c.name("label").or(c.name("role")))
                .map(|m| m.as_str().to_string())
                .filter(|l| {
                    !is_boilerplate_pattern(&line)
                        && !FOOTER_START.is_match(&line)
                        && !crate::corpus::split::NOT_SPEAKERS
                            .contains(&crate::config::normalize_name(l).as_str())
                });
            if let Some(lone) = lone {
                if let Some(l) = label.replace(lone) {
                    units.push(Unit {
                        text: l,
                        kind: Kind::Text,
                    });
                }
                continue;
            }
            if let Some(l) = label.take() {
                line = format!("{l}: {line}");
                units.push(Unit { text: line, kind });
                continue;
            }
        } else if let Some(l) = label.take() {
            units.push(Unit {
                text: l,
                kind: Kind::Text,
            });
        }
        // A print headline set in capitals over several short lines ("THE QUIET" /
        // "REVOLUTION" / "AT LONG" / "DROVE") is one line in a text set in columns.
        let full = width.is_some_and(|w| filled_line(before_len, &line, w))
            || width.is_some() && before_display && is_display_line(&line);
        match units.last_mut() {
            Some(last)
                if kind == Kind::Text
                    && last.kind == Kind::Text
                    && !(before_row && last_row)
                    && (continues(&last.text, &line) || full) =>
            {
                super::pages::join_lines(&mut last.text, &line);
                wrapped = true;
            }
            _ => units.push(Unit { text: line, kind }),
        }
    }
    if let Some(l) = label {
        units.push(Unit {
            text: l,
            kind: Kind::Text,
        });
    }
    if !units.is_empty() {
        blocks.push((units, wrapped));
    }
    blocks
}

/// The fewest lines with text that show a text is hard-wrapped.
const WRAP_MIN_LINES: usize = 20;

/// The width a hard-wrapped text (a scan's OCR, a plain-text email, a print edition's export)
/// was set in, when it is one: most of its lines fill it to within a long word or two.
fn wrap_width(raw: &str) -> Option<usize> {
    let mut lens: Vec<usize> = raw
        .lines()
        .map(|l| l.trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    if lens.len() < WRAP_MIN_LINES {
        return None;
    }
    lens.sort_unstable();
    // Not the longest line: a stray long one (an address, a heading) is no measure.
    let width = lens[lens.len() * 19 / 20 - 1];
    let filled = lens
        .iter()
        .filter(|&&n| n + 15 >= width && n <= width)
        .count();
    ((30..=90).contains(&width) && filled * 5 >= lens.len() * 3).then_some(width)
}

/// The most words of a line of a headline set in capitals.
const DISPLAY_LINE_MAX_WORDS: usize = 4;

/// A short line in capitals: a line of a print headline.
fn is_display_line(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (1..=DISPLAY_LINE_MAX_WORDS).contains(&words)
        && line.chars().any(char::is_alphabetic)
        && !line.chars().any(char::is_lowercase)
        && !line.ends_with(':')
}

/// Whether the line before (`before` characters long) ends where the wrap broke it, not where
/// its paragraph ended: the next line's first word would not have fitted on it. A sentence can
/// end at a wrapped line's end ("You spent fifteen years in insurance." / "What made you
/// leave?") and its paragraph go on. A turn's label opens its own line.
fn filled_line(before: usize, next: &str, width: usize) -> bool {
    let first = next.split_whitespace().next().unwrap_or("");
    before > 0
        && before + 1 + first.chars().count() > width
        && !first.ends_with(':')
        && !LONE_LABEL.is_match(next)
}

/// A question and its answer typed on one line ("Q: How long did it take? A: Nine months."),
/// as two lines: the answer is the guest's turn, not part of the question.
fn split_inline_answer(line: &str) -> Vec<&str> {
    match INLINE_ANSWER.captures(line) {
        Some(c) => match (c.name("q"), c.name("a")) {
            (Some(q), Some(a)) => vec![q.as_str(), a.as_str()],
            _ => vec![line],
        },
        None => vec![line],
    }
}

/// `raw` as one of the layout readers rewrote it, or as it was when that reader found nothing
/// of its layout.
fn rewritten<'a>(
    raw: std::borrow::Cow<'a, str>,
    read: impl FnOnce(&str) -> Option<String>,
) -> std::borrow::Cow<'a, str> {
    match read(&raw) {
        Some(text) => std::borrow::Cow::Owned(text),
        None => raw,
    }
}

/// One raw line: whitespace normalised, markup and decoration taken off, and what the markup
/// said it was. `None` for a line with nothing left.
fn prepare_line(raw: &str) -> Option<(String, Kind)> {
    // A box's top or bottom edge, drawn in text around a sidebar ("+-----+", "└─────┘"), or a
    // rule across the page: the box is a block of its own, as if blank lines were round it.
    if BOX_EDGE.is_match(raw.trim()) {
        return None;
    }
    let spaced = spaced_menu(raw);
    let mut line = normalize_line(spaced.as_deref().unwrap_or(raw));
    if line.is_empty() {
        return None;
    }
    // Markdown leftovers: headings, block quotes, emphasis.
    if let Some(rest) = line.strip_prefix('#') {
        let rest = rest.trim_start_matches('#');
        if rest.starts_with(' ') {
            let text = strip_emphasis(rest.trim().trim_end_matches('#').trim());
            return (!text.is_empty()).then_some((text, Kind::Heading));
        }
    }
    while let Some(rest) = line.strip_prefix('>') {
        line = rest.trim_start().to_string();
    }
    let bold_line = (line.starts_with("**") && line.ends_with("**") && line.len() > 4)
        || (line.starts_with("__") && line.ends_with("__") && line.len() > 4);
    let mut text = strip_emphasis(&line);
    if bold_line
        && !text.contains(':')
        && !ends_like_sentence(&text)
        && text.split_whitespace().count() <= 10
    {
        return Some((text, Kind::Heading));
    }
    if ABOUT_HEADING.is_match(&text) {
        return Some((text, Kind::Heading));
    }
    // Transcript timestamps and stage directions.
    if let Some(m) = TIMESTAMP_LEAD.find(&text) {
        text = text[m.end()..].to_string();
    }
    if let Some(c) = TIMESTAMP_LABEL.captures(&text) {
        let end = c.get(0).map_or(0, |m| m.end());
        text = format!("{}:{}", c["label"].trim(), &text[end..]);
    }
    // A stream's chat shown in its transcript ("[chat] splinterqueen: do you sharpen
    // freehand"): a viewer's turn, under their account.
    if let Some(c) = CHAT_LINE.captures(&text) {
        text = format!("@{}: {}", &c["who"], &c["said"]);
    }
    if STAGE.is_match(&text) {
        text = STAGE.replace_all(&text, "").trim().to_string();
    }
    if CITATION.is_match(&text) {
        text = CITATION.replace_all(&text, "$1").into_owned();
    }
    if TRANSLATOR_NOTE.is_match(&text) {
        text = TRANSLATOR_NOTE.replace_all(&text, "$1").into_owned();
    }
    // A Japanese interview's mark before the interviewer's words ("――How did you start?",
    // two dashes or a horizontal bar, often translated with it): a question's label.
    if let Some(rest) = ["——", "――", "—―", "―—"]
        .iter()
        .find_map(|mark| text.strip_prefix(mark))
    {
        let rest = rest.trim_start_matches(['—', '―']).trim();
        if !rest.is_empty() {
            text = format!("Q: {rest}");
        }
    }
    // A sentence with the web address it points to after it ("The open studio runs from 3 to
    // 5 May. hettiemarshpottery.co.uk"): the sentence, which a bare address after it made
    // look like a caption.
    if let Some(c) = TRAILING_ADDRESS.captures(&text) {
        text = c[1].to_string();
    }
    if text.is_empty() {
        return None;
    }
    // A question is speech, never a signature ("— Katya, where did it start?").
    if SIGNATURE.is_match(&text) && !text.ends_with('?') {
        return Some((text, Kind::Signature));
    }
    // A dialogue dash opens a turn in interviews set as dialogue ("— Where did it start?" /
    // "— On the night bus."): the turn is the sentence after it.
    if let Some(rest) = text.strip_prefix('—') {
        if rest.starts_with(' ') && ends_like_sentence(rest.trim()) {
            return Some((rest.trim().to_string(), Kind::Text));
        }
    }
    // A collapsible toggle's arrow, as a notes app exports one ("▸ Where does the clay come
    // from?"): decoration on a line of text, not a list's bullet.
    if let Some(rest) = text.strip_prefix(['▸', '▾', '▶', '►', '▹', '▿']) {
        if rest.starts_with(' ') && rest.trim().len() > 1 {
            return Some((rest.trim().to_string(), Kind::Text));
        }
    }
    // A row of a programme's cast list or a table of contents, a name and its value apart by
    // a leader of dots ("ARTHUR PENHALE ........ Tomas Reyes-Lindqvist"): an item of a list of
    // facts, which would otherwise read as a caption.
    if let Some(c) = DOT_LEADER.captures(&text) {
        return Some((
            format!("{}: {}", c["key"].trim(), c["value"].trim()),
            Kind::Bullet,
        ));
    }
    // Besides the usual bullets, the shapes a page sets before each of its items or turns
    // ("◆ Vance: I've sat on the grants panel ...").
    for marker in ['•', '▪', '◦', '●', '‣', '*', '-', '–', '◆', '◇', '■', '□'] {
        if let Some(rest) = text.strip_prefix(marker) {
            if rest.starts_with(' ') && rest.trim().len() > 1 {
                return Some((rest.trim().to_string(), Kind::Bullet));
            }
        }
    }
    if POST_HEADER.is_match(&text) || WROTE_HEADER.is_match(&text) {
        return Some((text, Kind::Header));
    }
    Some((text, Kind::Text))
}

/// A printed page's running head or foot, copied out of a PDF between two paragraphs: the
/// journal's or book's name in capitals and the page number, set apart by a run of spaces
/// ("TRANSLATION & MEMORY 14.2            217"). It is dropped without ending the paragraph it
/// may interrupt.
fn is_running_head(line: &str) -> bool {
    let items: Vec<&str> = SPACED_APART
        .split(line.trim())
        .filter(|i| !i.is_empty())
        .collect();
    let [a, b] = items.as_slice() else {
        return false;
    };
    let page = |s: &str| (1..=4).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit());
    let head = |s: &str| {
        s.split_whitespace().count() <= 8
            && s.chars().any(char::is_alphabetic)
            && !s.chars().any(char::is_lowercase)
    };
    (page(a) && head(b)) || (head(a) && page(b))
}

/// A name, a leader of four or more dots (or spaced dots), and a value.
static DOT_LEADER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?P<key>[^.\s][^.]{0,60}?)\s*(?:\.{4,}|(?:\.\s){4,}\.?|…{2,})\s*(?P<value>[^.\s].{0,120})$")
        .expect("static dot leader pattern compiles")
});

/// A box's edge drawn in text, corners and a run of dashes or rules, or a rule alone ("---",
/// "=====") between parts of a page.
static BOX_EDGE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:[+┌└╔╚╭╰][-=─━═+]{8,}[+┐┘╗╝╮╯]|[-=_─━═]{3,})$")
        .expect("static box edge pattern compiles")
});

/// Removes markdown emphasis marks (`**bold**`, `__bold__`, a line wrapped in `*…*`).
fn strip_emphasis(line: &str) -> String {
    let mut t = line.replace("**", "").replace("__", "");
    let trimmed = t.trim();
    if trimmed.len() > 2
        && ((trimmed.starts_with('*') && trimmed.ends_with('*'))
            || (trimmed.starts_with('_') && trimmed.ends_with('_')))
    {
        t = trimmed[1..trimmed.len() - 1].trim().to_string();
    }
    t.trim().to_string()
}

/// Whether `next` continues the hard-wrapped sentence in `prev` rather than starting a new line
/// of its own (a caption followed by a credit, a headline followed by text).
fn continues(prev: &str, next: &str) -> bool {
    if ends_like_sentence(prev) {
        return false;
    }
    // A chat's next message ("@oakleaf_ramen: wes how tall are you") opens a turn of its own:
    // chat is typed without full stops.
    if ACCOUNT_TURN.is_match(next) {
        return false;
    }
    // A site's navigation ("Skip to main content", "Menu | Search | Sign in") is a line of its
    // own, not the start of the headline under it.
    if is_separator_bar(next)
        || is_kicker(next) && next.contains('|')
        || is_boilerplate_pattern(next)
    {
        return false;
    }
    // A headline over a line that ends with its date ("Exported from the community server,
    // 14 March 2025") is two lines, the second the article's metadata.
    if prev.len() <= METADATA_MAX_LEN
        && (trailing_date(next).is_some() || leading_date(next).is_some())
    {
        return false;
    }
    // A headline over its byline ("Hollow Orchard: A Cooperative Harvest Game" / "by
    // Crookback Table Co.") is two lines: the byline opens in lower case, as a wrapped
    // sentence's next line does, but it names who wrote the page.
    if prev.len() <= METADATA_MAX_LEN && is_title_case(prev) && BYLINE.is_match(next) {
        return false;
    }
    // A cast list's line ("Moderator: Callum Reid, summit chair") is whole.
    if prev.len() <= METADATA_MAX_LEN && ROLE_LINE.is_match(prev) {
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
    // A line of a word or three, each capitalised ("A Novel", "Transcript"), over another
    // that opens with a capital is a header's line, as a title-case one is.
    !(next_upper && (is_title_case(prev) || is_capitalised_label(prev)))
}

/// A line of one to three words whose every word but the small ones is capitalised ("A
/// Novel", "Stories", "Transcript").
fn is_capitalised_label(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words
            .iter()
            .any(|w| !SMALL_WORDS.contains(&w.to_lowercase().as_str()))
        && words.iter().all(|w| {
            SMALL_WORDS.contains(&w.to_lowercase().as_str())
                || w.chars().next().is_some_and(char::is_uppercase)
        })
}

/// Pictographs and dingbats used as decoration ("📌", "✔", "🦆").
fn is_decoration(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE0F | 0xFE0E)
}

/// Items apart by runs of spaces or tabs, as a page's menu is when copied out of a browser
/// ("Fiction  Poetry  Essays  In Conversation", "Share:   Facebook   X   Email").
static SPACED_APART: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\s{2,}|\t").expect("static regex compiles"));

/// A menu whose items were set apart by runs of spaces, written with bars between them
/// ("Fiction | Poetry | Essays") as every other menu is read: three or more items of up to
/// three words, none a sentence or a figure.
fn spaced_menu(raw: &str) -> Option<String> {
    let items: Vec<&str> = SPACED_APART.split(raw.trim()).collect();
    (items.len() >= 3
        && items.iter().all(|item| {
            (1..=3).contains(&item.split_whitespace().count())
                && !item.ends_with(['.', '!', '?', ','])
                && !item.contains(|c: char| c.is_numeric())
        }))
    .then(|| items.join(" | "))
}

/// Collapses whitespace (including no-break and zero-width spaces), drops decorative emoji, and
/// trims.
fn normalize_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        match c {
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\r' => {}
            c if is_decoration(c) => pending_space = true,
            c if c.is_whitespace() => pending_space = true,
            // Full-width punctuation, as text translated from Japanese or Chinese keeps it
            // ("Tsuchida：Thank you."): a label's colon is a colon, with its space.
            '：' | '？' | '！' | '，' | '（' | '）' => {
                let ascii = match c {
                    '：' => ':',
                    '？' => '?',
                    '！' => '!',
                    '，' => ',',
                    '（' => '(',
                    _ => ')',
                };
                if pending_space && !out.is_empty() && ascii == '(' {
                    out.push(' ');
                }
                out.push(ascii);
                pending_space = matches!(ascii, ':' | ',' | '?' | '!');
            }
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
    is_boilerplate_unless(unit, |_| false)
}

/// Words people use in sentences and seldom in captions, headlines or tag lists.
const FUNCTION_WORDS: &[&str] = &[
    "i", "i'm", "im", "you", "we", "it", "it's", "is", "was", "are", "were", "the", "a", "an",
    "to", "and", "but", "of", "for", "that", "this", "my", "me", "do", "did", "have", "had",
];

/// Whether a line without a final period still reads as typed speech, as chat, threads and
/// forum replies are written: it starts in lower case ("honestly the laugh in the snow scene"),
/// ends with an emoji ("two cats and a tortoise 😂"), or holds a finished sentence and goes on
/// ("Hi reddit! I'm Rosa Lind ... Ask me anything"), or it says "I", "you" or "we", and it
/// uses the small words sentences do. Captions, credits and headlines start with a capital, end
/// with a word and say one thing.
fn reads_as_speech(unit: &str) -> bool {
    let words: Vec<String> = unit
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .replace('’', "'")
                .to_lowercase()
        })
        .collect();
    let pronoun = words.iter().any(|w| SUBJECT_PRONOUNS.contains(&w.as_str()));
    if words.len() < 3 || !(pronoun || words.iter().any(|w| FUNCTION_WORDS.contains(&w.as_str()))) {
        return false;
    }
    // After a turn's label ("Q: how long did it take?? it's huge"), where the typing starts.
    // Only a question's or an answer's label, or a person's full name ("Jonas Eklund: are
    // the levels generated? some feel too good"): a cast line ("Guest: puppeteer Wenke
    // Albrechtsen (...)") says who someone is, not what they said.
    let spoken = unit
        .split_once(": ")
        .filter(|(label, _)| {
            let words: Vec<&str> = label.split_whitespace().collect();
            ["q", "a", "question", "answer"].contains(&label.trim().to_lowercase().as_str())
                || ((2..=4).contains(&words.len())
                    && words
                        .iter()
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase)))
        })
        .map_or(unit, |(_, rest)| rest);
    let lower_start = spoken
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase);
    let emoji_end = unit
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(is_pictograph);
    lower_start
        || emoji_end
        || (words.len() >= 8 && SENTENCE_INSIDE.is_match(unit) && !is_title_case(unit))
        || (pronoun && !is_title_case(unit))
}

/// Someone speaking of themselves or to the one they talk with ("he's the only character
/// looking straight at you"): captions name people instead. A standfirst speaks of its
/// subject in the third person ("she heard a crack as she hit the gate") and goes.
const SUBJECT_PRONOUNS: &[&str] = &[
    "i", "i'm", "i've", "i'd", "i'll", "you", "you're", "you've", "we", "we're", "we've",
];

/// An emoji or other pictograph (chat's full stop).
fn is_pictograph(c: char) -> bool {
    matches!(u32::from(c), 0x2600..=0x27BF | 0x1F300..=0x1FAFF | 0xFE0F)
}

/// A sentence ending inside a line, with a sentence after it ("... to write??? Mine is").
static SENTENCE_INSIDE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\p{Ll}{2}[.!?]+\s+\p{Lu}\p{Ll}*\s+\p{Ll}")
        .expect("static sentence pattern compiles")
});

/// Whether `unit` is boilerplate; a line without a final period counts as a caption unless
/// `speech` says it is someone talking (asked only of such lines: most end with a period).
fn is_boilerplate_unless(unit: &str, speech: fn(&str) -> bool) -> bool {
    if is_boilerplate_pattern(unit)
        || EDITOR_NOTE.is_match(unit)
        || NO_RESPONSE.is_match(unit.trim())
        || is_credit(unit)
        || is_separator_bar(unit)
    {
        return true;
    }
    if is_signed(unit) {
        return false;
    }
    if parse_date(unit).is_some() {
        return true;
    }
    if !ends_like_sentence(unit) {
        return unit.len() < CAPTION_MAX_LEN && !speech(unit);
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

/// Text followed by its attribution line ("... — Name (@handle) March 2, 2024"): an embedded
/// post or quote, kept even without a final period.
fn is_signed(unit: &str) -> bool {
    unit.rfind(['—', '–'])
        .is_some_and(|i| i > 0 && SIGNATURE.is_match(&unit[i..]))
        || hyphen_signed(unit)
}

/// A quotation signed with a plain hyphen, as pages typed in a hurry write it: "\"It was
/// cold.\" - Hana Moretti, jury president". Only after a closing quotation mark: elsewhere
/// "Headline - Outlet" is a page title.
fn hyphen_signed(unit: &str) -> bool {
    unit.rfind(" - ").is_some_and(|i| {
        unit[..i].ends_with(super::quotes::CLOSING_QUOTES)
            && SIGNATURE.is_match(&format!("—{}", &unit[i + 3..]))
    })
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
        // Figures and the names of days and months look the same in a sentence.
        let lower = letters.to_lowercase();
        if SMALL_WORDS.contains(&lower.as_str())
            || first.is_numeric()
            || super::CALENDAR_WORDS.contains(&lower.as_str())
        {
            continue;
        }
        significant += 1;
        if first.is_uppercase() {
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

/// The date a short metadata line ends with, after a comma, a middle dot, a bullet or a bar
/// ("Recorded at the Marlowe, 3 May 2024", "Lanternworks · March 14, 2025").
fn trailing_date(unit: &str) -> Option<String> {
    if unit.len() > METADATA_MAX_LEN || ends_like_sentence(unit) {
        return None;
    }
    // A date has commas of its own ("March 14, 2025"): the first cut, from the left, whose
    // tail is a whole date ("Transcript 14 — recorded 3 March 2024").
    unit.char_indices()
        .filter(|&(_, c)| matches!(c, ',' | '·' | '|' | '•' | '—' | '–'))
        .map(|(i, c)| &unit[i + c.len_utf8()..])
        .find_map(|tail| parse_date(tail.trim()))
}

/// The date a short metadata line opens with, before a middle dot, a bullet or a bar
/// ("Published 14 June 2025 · 9 min read", "March 3, 2025 | Updated 2 hours ago").
fn leading_date(unit: &str) -> Option<String> {
    if unit.len() > METADATA_MAX_LEN || ends_like_sentence(unit) {
        return None;
    }
    let head = match unit.split_once(['·', '|', '•']) {
        Some((head, _)) => head,
        // A wire's time stamp: the date, then the clock ("March 3, 2024 6:42 PM GMT").
        None => &unit[..CLOCK.find(unit)?.start()],
    };
    parse_date(head.trim())
}

/// A time of day as a page prints it after a date ("6:42 PM", "18:42").
static CLOCK: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\b\d{1,2}:\d{2}\b").expect("static clock pattern compiles"));

/// The first date written inside `text` ("Mon, 9 Mar 2026 14:02:11 +0000").
fn date_within(text: &str) -> Option<String> {
    EMBEDDED_DATE
        .find_iter(text)
        .find_map(|m| parse_date(m.as_str()))
}

static EMBEDDED_DATE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\b(?:\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2})\b")
        .expect("static embedded date pattern compiles")
});

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
    } else if let Some(c) = POSTED_ON.captures(unit) {
        return parse_date(c["date"].trim());
    } else if let Some(c) = DATE_NUMERIC.captures(unit) {
        // Day first or month first, as the country writes it: told apart only by a part
        // past 12; "03/04/2024" could be either, and is no date to show.
        let (a, b): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
        let y = c[3].parse().ok()?;
        match (a > 12, b > 12) {
            (true, false) => (y, b, a),
            (false, true) => (y, a, b),
            _ => return None,
        }
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
                &SITE_NAV,
                &MENU_IN_BRACKETS,
                &POSTED_ON,
                &CREDIT,
                &EDITOR_NOTE,
                &SOURCE_NAME,
                &DATE_MDY,
                &DATE_DMY,
                &DATE_ISO,
                &DATE_NUMERIC,
                &POST_HEADER,
                &WROTE_HEADER,
                &SIGNATURE,
                &BYLINE,
                &TOLD_TO,
                &ROLE_LINE,
                &DATELINE,
                &STAGE,
                &CITATION,
                &TRANSLATOR_NOTE,
                &CHAT_LINE,
                &ACCOUNT_TURN,
                &INLINE_ANSWER,
                &TIMESTAMP_LEAD,
                &TIMESTAMP_LABEL,
                &EDITED_NOTE,
                &LONE_LABEL,
                &SENTENCE_INSIDE,
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
    fn a_byline_may_name_the_publication() {
        let outlet = |byline: &str| clean_article(&format!("Title\n\n{byline}\n\nText.\n")).outlet;
        assert_eq!(
            outlet("Interview by Rob Tanner, Screen Weekly, 2 March 2025").as_deref(),
            Some("Screen Weekly")
        );
        assert_eq!(
            outlet("By Ana Ruiz | The Harbour Gazette | 3 May 2025").as_deref(),
            Some("The Harbour Gazette")
        );
        // The line is a byline first: it names the interviewer, and its date is the
        // article's.
        let cleaned = clean_article(
            "Title\n\nInterview by Rob Tanner, Screen Weekly, 2 March 2025\n\nText.\n",
        );
        assert_eq!(cleaned.interviewer.as_deref(), Some("Rob Tanner"));
        assert_eq!(cleaned.date.as_deref(), Some("2025-03-02"));
        // A date or the writer's role is not one.
        assert_eq!(outlet("By Ana Ruiz, Staff Writer · 3 May 2025"), None);
        assert_eq!(outlet("By Lena Ostrova | 3 May 2025"), None);
        assert_eq!(outlet("Words by Ana Ribeiro · 12 June 2025"), None);
    }

    #[test]
    fn cards_sidebars_and_forms_are_told_apart() {
        // A card of fields under a name: one fact box, the name first, its rows not run
        // together as a wrapped line.
        let c = clean_article(
            "Title\n\nThe council asked four candidates five questions this year.\n\nTeodora Vance\nAge: 47\nOccupation: Ceramicist\nNeighbourhood: Eastwharf\n\nThe first question was about grants.\n",
        );
        assert!(
            c.paragraphs.contains(
                &"Teodora Vance. Age: 47. Occupation: Ceramicist. Neighbourhood: Eastwharf."
                    .to_string()
            ),
            "{:?}",
            c.paragraphs
        );
        // The same rows with no name over them are a header, not a card.
        let units = |lines: &[&str]| -> Vec<Unit> {
            lines
                .iter()
                .map(|l| Unit {
                    text: l.to_string(),
                    kind: Kind::Text,
                })
                .collect()
        };
        let header = profile_card(units(&[
            "From: Dov",
            "Sent: Monday",
            "To: Ottilie",
            "Subject: questions",
        ]));
        assert!(header.iter().all(|u| u.kind == Kind::Text));
        // Rows that repeat a name are a chat.
        let chat = profile_card(units(&["Anna Berg", "Anna: ok", "Ben: sure", "Anna: lol"]));
        assert!(chat.iter().all(|u| u.kind == Kind::Text));
        // A box under a heading in capitals keeps its short lines as facts under it; a
        // sign-up form goes whole.
        let c = clean_article(
            "Title\n\nThe class ran for six hours and everyone baked a loaf.\n\n+----------------+\n TICKETS FOR THE NEXT SESSION\n Session 3: Fish and Fire\n Saturday 23 March, 10am to 4pm\n+----------------+\n\n+----------------+\n GET THE LETTER\n One email every Sunday.\n Your email address: [          ]\n [ Subscribe ]\n+----------------+\n\nThe broth came after lunch.\n",
        );
        assert!(
            c.paragraphs
                .contains(&"Session 3: Fish and Fire. Saturday 23 March, 10am to 4pm.".to_string()),
            "{:?}",
            c.paragraphs
        );
        assert!(
            !c.paragraphs.iter().any(|p| p.contains("email")),
            "{:?}",
            c.paragraphs
        );
        assert!(is_form(&units(&["Your email: [ ]"])));
        assert!(is_form(&units(&[
            "[ Tu correo / Your email ]   [ Subscribe ]"
        ])));
        assert!(!is_form(&units(&[
            "20:19 -!- tfinch [~tf@example.org] has left []x"
        ])));
    }

    #[test]
    fn a_note_that_someone_did_not_answer_is_nobodys_words() {
        for note in [
            "Oyelaran-Fitch did not respond to this question.",
            "Teodora Vance declined to answer.",
            "Vance didn't reply by the deadline.",
        ] {
            assert!(NO_RESPONSE.is_match(note), "{note}");
        }
        assert!(!NO_RESPONSE.is_match("I did not answer the phone for a week."));
        assert!(!NO_RESPONSE.is_match("Honestly? I did not respond well to that."));
    }

    #[test]
    fn a_running_head_and_a_dot_leader_are_read_for_what_they_are() {
        assert!(is_running_head("TRANSLATION & MEMORY 14.2            217"));
        assert!(is_running_head("  12      THE HARBOUR REVIEW"));
        assert!(!is_running_head("JANE DOE    00:12"));
        assert!(!is_running_head("Season two    13"));
        let c = clean_article("Programme\n\nARTHUR ........ Tomas Reyes\nDELLA . . . . . Hana Okafor\n\nThe play opened in March.\n");
        assert_eq!(c.paragraphs[0], "ARTHUR: Tomas Reyes. DELLA: Hana Okafor.");
        assert_eq!(
            leading_date("March 3, 2024 6:42 PM GMT Updated 2 hours ago").as_deref(),
            Some("2024-03-03")
        );
    }

    #[test]
    fn a_metadata_line_may_end_with_the_date() {
        assert_eq!(
            trailing_date("Exported from the Lanternworks community server, 14 March 2025")
                .as_deref(),
            Some("2025-03-14")
        );
        assert_eq!(
            trailing_date("Lanternworks · March 14, 2025").as_deref(),
            Some("2025-03-14")
        );
        // A transcript's line, the date after a dash and the verb that says what it dates.
        assert_eq!(
            trailing_date("Transcript 14 — recorded 3 March 2024").as_deref(),
            Some("2024-03-03")
        );
        assert_eq!(
            parse_date("Broadcast 3 February 2026").as_deref(),
            Some("2026-02-03")
        );
        // A sentence that happens to end with a date is text, and so is a long line.
        assert_eq!(trailing_date("It opens in London, 14 March 2025."), None);
        assert_eq!(
            trailing_date(&format!("{}, 14 March 2025", "word ".repeat(30))),
            None
        );
        assert!(!continues(
            "Hollow Meridian composer Q&A",
            "Exported, 14 March 2025"
        ));
    }

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
        for line in [
            "Image via Netflix",
            "David Giesbrecht/Netflix",
            "Jessica Jones season 2 Krysten Ritter Kilgrave",
            "Luke Cage Star Mike Colter Responds to Costume Questions",
        ] {
            assert!(!reads_as_speech(line), "{line}");
        }
        for line in [
            "honestly the laugh in the snow scene, we did it forty times lol",
            "two cats and a very old tortoise called Denis 😂",
            "Hi reddit! I'm Rosa Lind, the voice of the fox in Moonfield. Ask me anything",
        ] {
            assert!(reads_as_speech(line), "{line}");
        }
        assert!(!is_boilerplate("It would have to be, yes."));
        assert!(!is_boilerplate("ROSENBERG: Not really."));
        assert!(!is_boilerplate("Ritter had the following to say:"));
    }

    #[test]
    fn live_blog_times_start_entries_and_transcript_offsets_do_not() {
        for t in [
            "10.51 GMT",
            "2:15pm ET",
            "9.05am",
            "14:02 BST",
            "12 min ago",
            "Updated at 11.05 GMT",
        ] {
            assert!(TIME_LINE.is_match(t), "{t}");
        }
        for t in [
            "01:15",
            "00:01:12",
            "10:51",
            "The 10.51 from Leeds was late.",
        ] {
            assert!(!TIME_LINE.is_match(t), "{t}");
        }
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
        // Who posted it, then when; a weekday cut short.
        assert_eq!(
            parse_date("posted by mags on 14/06/2004").as_deref(),
            Some("2004-06-14")
        );
        assert_eq!(parse_date("Sat 15 Mar 2025").as_deref(), Some("2025-03-15"));
        assert_eq!(parse_date("posted by mags on a Tuesday"), None);
        // A broadcast transcript's air time after a dash.
        assert_eq!(
            parse_date("Aired March 3, 2025 - 21:00 ET").as_deref(),
            Some("2025-03-03")
        );
        // In figures: day and month told apart by a part past 12, or not at all.
        assert_eq!(parse_date("22/08/2024").as_deref(), Some("2024-08-22"));
        assert_eq!(parse_date("8/22/2024").as_deref(), Some("2024-08-22"));
        assert_eq!(parse_date("03/04/2024"), None);
    }

    #[test]
    fn translated_streamed_and_mailed_interviews_lose_their_furniture() {
        let paragraphs = |raw: &str| clean_article(raw).paragraphs;
        // A translation: full-width colons, the interviewer's bars, the translator's notes and
        // footnote markers are not the speaker's words; the footnotes end the text.
        assert_eq!(
            paragraphs("Title\n\n――When does it air?\n\nTsuchida：In April [TN: a cour is a season], twelve episodes*1.\n\nTranslator's footnotes:\n\n*1 Per episode.\n"),
            vec!["Q: When does it air?", "Tsuchida: In April, twelve episodes."]
        );
        // A stream's chat is a viewer's turn; speech that mentions the comments is speech.
        assert_eq!(
            paragraphs("Title\n\n[chat] splinterqueen: do you sharpen freehand\n\nSpeaker 1: Her mugs are kind of famous in our comment section, thank you.\n\nLet us know what you think in the comments below.\n"),
            vec![
                "@splinterqueen: do you sharpen freehand",
                "Speaker 1: Her mugs are kind of famous in our comment section, thank you."
            ]
        );
        // Chat typed one message under another, without full stops: one turn each.
        assert_eq!(
            paragraphs("Title\n\n[chat] splinterqueen: do you sharpen freehand\n[chat] oakleaf_ramen: how tall are you lol\n"),
            vec![
                "@splinterqueen: do you sharpen freehand",
                "@oakleaf_ramen: how tall are you lol"
            ]
        );
        // A mail thread: the legal footer goes, and a question asked and then quoted in the
        // reply keeps the copy its answer follows, without its number.
        assert_eq!(
            paragraphs("Title\n\n1) How did you start? It isn't a careers-fair job.\n\nThis email and any attachments are confidential and intended solely for the addressee.\n\n> 1) How did you start? It isn't a careers-fair job.\n\nBy accident, mostly.\n"),
            vec!["How did you start? It isn't a careers-fair job.", "By accident, mostly."]
        );
    }

    #[test]
    fn a_short_line_between_paragraphs_heads_a_section_unless_it_is_furniture() {
        let body = "The production spent six weeks testing the ice on a lake in the mountains, and nobody drove on it until it was forty centimetres thick.";
        let sections = |line: &str| {
            let c = clean_article(&format!("Title\n\n{body}\n\n{line}\n\n{body}\n"));
            c.info.iter().map(|i| i.section.clone()).collect::<Vec<_>>()
        };
        assert_eq!(
            sections("Building the ice sequence"),
            vec![None, Some("Building the ice sequence".to_string())]
        );
        for furniture in [
            "Story continues below advertisement",
            "Photograph: Lukas Brenner",
            "Related: Inside the new wave",
        ] {
            assert_eq!(sections(furniture), vec![None, None], "{furniture}");
        }
    }

    #[test]
    fn a_date_line_may_go_on_to_a_reading_time() {
        let date = |line: &str| clean_article(&format!("Title\n\n{line}\n\nText.\n")).date;
        assert_eq!(
            date("Published 14 June 2025 · 9 min read").as_deref(),
            Some("2025-06-14")
        );
        assert_eq!(
            date("March 3, 2025 | Updated 2 hours ago").as_deref(),
            Some("2025-03-03")
        );
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

    #[test]
    fn a_menu_set_apart_by_runs_of_spaces_is_read_as_one() {
        assert_eq!(
            spaced_menu("Fiction  Poetry  Essays   In Conversation").as_deref(),
            Some("Fiction | Poetry | Essays | In Conversation")
        );
        assert_eq!(spaced_menu("It was cold.  We left.  Then it rained."), None);
        assert_eq!(spaced_menu("JANE DOE    00:12"), None);
        assert_eq!(spaced_menu("Fiction  Poetry"), None);
    }

    #[test]
    fn a_hard_wrapped_line_the_next_word_would_not_fit_on_goes_on() {
        // "You spent fifteen years in insurance." (41) / "What made you leave?" at 45.
        assert!(filled_line(41, "What made you leave?", 45));
        assert!(!filled_line(20, "It wasn't a dramatic exit.", 45));
        assert!(!filled_line(
            41,
            "TG: How did the people around you react?",
            45
        ));
        let wrapped: String = (0..30)
            .map(|i| format!("{}\n", "word ".repeat(8 + i % 2).trim_end()))
            .collect();
        assert_eq!(wrap_width(&wrapped), Some(44));
        assert_eq!(wrap_width("One line.\nAnother.\n"), None);
    }
}
