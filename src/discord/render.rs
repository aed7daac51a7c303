//! Engine answers → Discord messages: embeds, buttons, escaping and Discord's size limits.
//!
//! Everything here is a pure function of its inputs, so the limits can be tested without a
//! gateway. Text from the articles and from users is escaped before it reaches a markdown
//! field, and every length is counted in characters (Discord counts UTF-16 code units for some
//! fields, but never fewer than chars for the text we send, and chars keep cuts on boundaries).

use std::ops::Range;

use serenity::all::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateButton, CreateEmbed,
    CreateEmbedFooter, CreateSelectMenu, CreateSelectMenuKind, CreateSelectMenuOption,
    ReactionType,
};

use crate::corpus::Source;
/// At most `max` characters with an ellipsis; no escaping (plain-text fields: footers, choice
/// names, thread names, where markdown does not render).
pub use crate::search::truncate_chars as truncate;
use crate::search::{Answer, Hit, SourceSummary};

use super::protocol::footer_marker;
pub use super::protocol::{footer_question, question_from_footer, ButtonAction};
use crate::wording::{notice, Asked};

/// Discord's documented limits (characters).
pub mod limits {
    pub const CONTENT: usize = 2000;
    pub const EMBED_TITLE: usize = 256;
    pub const EMBED_DESCRIPTION: usize = 4096;
    pub const EMBED_FIELD_NAME: usize = 256;
    pub const EMBED_FIELD_VALUE: usize = 1024;
    pub const EMBED_FOOTER: usize = 2048;
    pub const EMBED_TOTAL: usize = 6000;
    pub const THREAD_NAME: usize = 100;
    pub const AUTOCOMPLETE_CHOICES: usize = 25;
    pub const CHOICE: usize = 100;
    pub const SELECT_OPTION_TEXT: usize = 100;
    pub const CUSTOM_ID: usize = 100;
}

const ZWSP: char = '\u{200B}';
const ELLIPSIS: char = '…';

/// Nothing in a bot message may ping: no `@everyone`, roles, users or the replied-to user.
pub fn no_pings() -> CreateAllowedMentions {
    CreateAllowedMentions::new()
}

// ---- escaping --------------------------------------------------------------------------------

/// Characters that start Discord markdown anywhere in a line.
fn is_markdown(c: char) -> bool {
    matches!(
        c,
        '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '#' | '-' | '[' | ']' | '(' | ')' | '<' | '+'
    )
}

/// How `c` is written in escaped text. `line_start_digits` is true while only digits have been
/// seen on the current line, where a `.` would start an ordered list.
fn escaped_char(c: char, line_start_digits: bool, out: &mut String) {
    if is_markdown(c) || (c == '.' && line_start_digits) {
        out.push('\\');
        out.push(c);
    } else if c == '@' {
        // Breaks `@everyone`, `@here` and `<@id>` even where allowed_mentions is not honoured
        // (e.g. a client that renders the text as a mention without pinging).
        out.push('@');
        out.push(ZWSP);
    } else {
        out.push(c);
    }
}

/// Text made inert for Discord markdown: formatting characters are backslash-escaped and
/// mentions broken with a zero-width space, so a passage shows exactly as written.
pub fn escape(s: &str) -> String {
    escape_within(s, usize::MAX)
}

/// [`escape`], cut so that the result is at most `budget` characters (an ellipsis marks a cut).
/// The cut is on a character boundary and never splits an escape sequence.
pub fn escape_within(s: &str, budget: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let mut digits_only = true;
    let mut piece = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        piece.clear();
        escaped_char(c, digits_only && c == '.', &mut piece);
        let n = piece.chars().count();
        // Reserve room for the ellipsis unless this is the last character.
        let reserve = usize::from(chars.peek().is_some());
        if used + n + reserve > budget {
            if used < budget {
                out.push(ELLIPSIS);
            }
            return out;
        }
        out.push_str(&piece);
        used += n;
        digits_only = match c {
            '\n' => true,
            '0'..='9' => digits_only,
            _ => false,
        };
    }
    out
}

/// Whitespace (newlines included) collapsed to single spaces, trimmed.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A thread name from a question: one line, mentions broken, at most 100 characters, never
/// empty (Discord rejects empty names). Thread names render no markdown, so nothing else is
/// escaped.
pub fn thread_name(question: &str) -> String {
    let line = one_line(question).replace('@', "@\u{200B}");
    let name = truncate(&line, limits::THREAD_NAME);
    if name.is_empty() {
        "Follow-up".to_string()
    } else {
        name
    }
}

// ---- answers -----------------------------------------------------------------------------

/// Which command produced an answer; decides the footer's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Ask,
    Quote,
}

/// An embed as plain data, so limits can be checked in tests before it becomes a
/// `CreateEmbed`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EmbedParts {
    pub title: String,
    pub url: Option<String>,
    pub description: String,
    pub fields: Vec<(String, String, bool)>,
    pub footer: String,
}

impl EmbedParts {
    /// Characters Discord counts towards the 6,000 total of a message's embeds.
    pub fn total_chars(&self) -> usize {
        let c = |s: &str| s.chars().count();
        c(&self.title)
            + c(&self.description)
            + c(&self.footer)
            + self
                .fields
                .iter()
                .map(|(n, v, _)| c(n) + c(v))
                .sum::<usize>()
    }

    pub fn to_embed(&self) -> CreateEmbed {
        let mut e = CreateEmbed::new()
            .title(&self.title)
            .description(&self.description)
            .colour(0x5865F2);
        if let Some(url) = &self.url {
            e = e.url(url);
        }
        for (name, value, inline) in &self.fields {
            e = e.field(name, value, *inline);
        }
        if !self.footer.is_empty() {
            e = e.footer(CreateEmbedFooter::new(&self.footer));
        }
        e
    }
}

/// A URL Discord will accept in an embed and in a masked link: http(s), no whitespace, with
/// parentheses encoded so they cannot end the link early.
fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    if !scheme_ok
        || url.len() > 512
        || url
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>')
    {
        return None;
    }
    Some(url.replace('(', "%28").replace(')', "%29"))
}

/// The "Source" field: linked title, outlet, date.
fn source_field(s: &Source) -> String {
    let rest: Vec<String> = [&s.outlet, &s.date]
        .into_iter()
        .flatten()
        .map(|x| one_line(x))
        .filter(|x| !x.is_empty())
        .map(|x| escape_within(&x, 200))
        .collect();
    let tail = if rest.is_empty() {
        String::new()
    } else {
        format!(" · {}", rest.join(" · "))
    };
    let budget = limits::EMBED_FIELD_VALUE.saturating_sub(tail.chars().count() + 4);
    let title = one_line(&s.title);
    let title = if title.is_empty() {
        s.file.clone()
    } else {
        title
    };
    let head = match s.url.as_deref().and_then(safe_url) {
        Some(url) if url.chars().count() + 4 < budget => {
            let text_budget = (budget - url.chars().count() - 4).min(300);
            format!("[{}]({url})", escape_within(&title, text_budget))
        }
        _ => escape_within(&title, budget.min(300)),
    };
    truncate(&format!("{head}{tail}"), limits::EMBED_FIELD_VALUE)
}

/// The passage with its best-matching sentence in bold, escaped, within `budget` characters.
pub fn marked_passage(text: &str, best: Option<&Range<usize>>, budget: usize) -> String {
    let best = best.filter(|r| text.get((*r).clone()).is_some_and(|s| !s.trim().is_empty()));
    let Some(r) = best else {
        return escape_within(text.trim(), budget);
    };
    let (pre, mid, post) = (&text[..r.start], &text[r.clone()], &text[r.end..]);
    // `** x **` does not render as bold: keep the markers against the words.
    let lead = mid.len() - mid.trim_start().len();
    let trail = mid.trim_end().len();
    let (pre_ws, bold, post_ws) = (&mid[..lead], &mid[lead..trail], &mid[trail..]);
    let pre = format!("{}{pre_ws}", pre.trim_start());
    let post = format!("{post_ws}{}", post.trim_end());

    let pre_escaped = escape(&pre);
    let mut used = pre_escaped.chars().count();
    // Room for the pre-text, the markers and at least one character in bold.
    if used + 5 > budget {
        return escape_within(&pre, budget);
    }
    let mut out = pre_escaped;
    let room = budget - used - 4;
    let inner = escape_within(bold, room);
    let bold_cut = escape(bold).chars().count() > room;
    out.push_str("**");
    out.push_str(&inner);
    out.push_str("**");
    used += inner.chars().count() + 4;
    if bold_cut || post.is_empty() {
        return out;
    }
    out.push_str(&escape_within(&post, budget - used));
    out
}

/// Everything needed to show one result of an answer.
pub struct AnswerView<'a> {
    pub mode: Mode,
    /// What the user asked (or the quote topic).
    pub question: &'a str,
    pub hit: &'a Hit,
    /// Which result this is (0-based) and how many there are.
    pub index: usize,
    pub total: usize,
}

/// The embed for one result: the interviewer's question (or article title) as title, the
/// passage with the best sentence in bold, speaker and source as fields, and a footer naming
/// the question asked (read back by [`question_from_footer`]).
pub fn answer_embed(v: &AnswerView<'_>) -> EmbedParts {
    let hit = v.hit;
    let title_text = match (v.mode, &hit.question) {
        (Mode::Ask, Some(q)) if !q.trim().is_empty() => one_line(q),
        _ => one_line(&hit.source.title),
    };
    let title = escape_within(
        if title_text.is_empty() {
            "From the interviews"
        } else {
            &title_text
        },
        limits::EMBED_TITLE,
    );
    let mut fields = Vec::new();
    if let Some(s) = hit
        .speaker
        .as_deref()
        .map(one_line)
        .filter(|s| !s.is_empty())
    {
        fields.push((
            "Speaker".to_string(),
            escape_within(&s, limits::EMBED_FIELD_VALUE),
            true,
        ));
    }
    if let Some(section) = hit
        .section
        .as_deref()
        .map(one_line)
        .filter(|s| !s.is_empty())
    {
        fields.push((
            "Section".to_string(),
            escape_within(&section, limits::EMBED_FIELD_VALUE),
            true,
        ));
    }
    fields.push(("Source".to_string(), source_field(&hit.source), false));
    let mut footer = footer_marker(v.mode, v.question);
    if v.total > 1 {
        let what = match v.mode {
            Mode::Ask => "Passage",
            Mode::Quote => "Quote",
        };
        footer.push_str(&format!("\n{what} {} of {}", v.index + 1, v.total));
    }
    let footer = truncate(&footer, limits::EMBED_FOOTER);
    let mut parts = EmbedParts {
        title,
        url: hit.source.url.as_deref().and_then(safe_url),
        description: String::new(),
        fields,
        footer,
    };
    let budget = limits::EMBED_DESCRIPTION.min(limits::EMBED_TOTAL - parts.total_chars());
    let body = match v.mode {
        Mode::Ask => hit.answer.as_str(),
        Mode::Quote => hit.answer.as_str(),
    };
    let mut description = marked_passage(body, hit.best_sentence.as_ref(), budget);
    if description.is_empty() {
        description = escape_within(&hit.text, budget);
    }
    if v.mode == Mode::Quote && !description.is_empty() && description.chars().count() + 2 <= budget
    {
        description = format!("“{description}”");
    }
    parts.description = description;
    parts
}

fn asked(mode: Mode) -> Asked {
    match mode {
        Mode::Ask => Asked::Question,
        Mode::Quote => Asked::QuoteTopic,
    }
}

/// The content line above an answer: a note (a cut question), if any.
pub fn answer_content(answer: &Answer, mode: Mode) -> Option<String> {
    notice(answer, asked(mode))
        .or_else(|| (answer.close_call && answer.results.len() > 1).then(|| CLOSE_CALL.into()))
        .map(|n| escape_within(&one_line(&n), limits::CONTENT))
        .filter(|n| !n.is_empty())
}

/// The reply when nothing matched: says so plainly and offers up to three interview questions
/// that the articles do answer.
pub fn no_answer_content(answer: &Answer, mode: Mode) -> String {
    let mut out = String::new();
    let notice = notice(answer, asked(mode))
        .map(|n| one_line(&n))
        .unwrap_or_default();
    if notice.is_empty() {
        out.push_str("These interviews don't seem to cover that.");
    } else {
        out.push_str(&escape_within(&notice, 600));
    }
    let tries: Vec<String> = answer
        .suggestions
        .iter()
        .map(|s| one_line(s))
        .filter(|s| !s.is_empty())
        .take(3)
        .collect();
    if !tries.is_empty() {
        out.push_str("\nQuestions the interviews do answer — try one of these:");
        for t in tries {
            out.push_str("\n• ");
            out.push_str(&escape_within(&t, 300));
        }
    }
    truncate(&out, limits::CONTENT)
}

/// How answers are ranked right now, for `/sources`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ranking {
    /// Words and the model's sentence similarity (the model's name).
    Hybrid(String),
    /// Words alone: no model.
    Words,
    /// Words for now, while the model embeds the articles (sentences embedded so far).
    WordsWhileEmbedding(u64),
}

/// `/sources`: one line per article, within one embed description.
pub fn sources_embed(sources: &[SourceSummary], ranking: &Ranking) -> EmbedParts {
    let mut lines = Vec::new();
    let footer = format!(
        "{} articles, {} passages, {} quotes · ranking: {}",
        sources.len(),
        sources.iter().map(|s| s.passages).sum::<usize>(),
        sources.iter().map(|s| s.quotes).sum::<usize>(),
        match ranking {
            Ranking::Hybrid(m) => format!("words and sentence embeddings ({m})"),
            Ranking::Words => "words only".to_string(),
            Ranking::WordsWhileEmbedding(done) => format!(
                "words for now; the sentence-embedding model is reading the articles \
                 ({done} sentences so far)"
            ),
        }
    );
    let mut used = 0;
    let budget = limits::EMBED_DESCRIPTION - 40;
    for (i, s) in sources.iter().enumerate() {
        let mut line = format!("• {}", source_field(&s.source));
        if let Some(who) = s
            .interviewee
            .as_deref()
            .map(one_line)
            .filter(|x| !x.is_empty())
        {
            line.push_str(&format!(" — {}", escape_within(&who, 100)));
        }
        line.push_str(&format!(" ({} passages, {} quotes)", s.passages, s.quotes));
        let n = line.chars().count() + 1;
        if used + n > budget {
            lines.push(format!("…and {} more", sources.len() - i));
            break;
        }
        used += n;
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push("No articles are indexed.".to_string());
    }
    EmbedParts {
        title: "Interviews I can answer from".to_string(),
        url: None,
        description: lines.join("\n"),
        fields: Vec::new(),
        footer: truncate(&footer, limits::EMBED_FOOTER),
    }
}

/// `/help`.
pub fn help_embed(message_content: bool) -> EmbedParts {
    let plain = if message_content {
        "any message in the thread"
    } else {
        "a message that mentions me"
    };
    let description = format!(
        "`/ask question` — answers with the passage from the interviews that fits best; \
         the best-matching sentence is in **bold**.\n\
         `/quote topic [speaker]` — finds a verbatim quote, optionally by one person.\n\
         `/sources` — lists the articles I know.\n\
         **Ask the interviews** (a message's Apps menu) — asks a message's text, for you alone.\n\n\
         Under an answer, **Another passage** shows the next-best passage, the menu lists other \
         close ones, 👍 / 👎 tell us how it did, and **Follow up in a thread** starts a thread \
         where questions are answered with the conversation so far as context. In such a \
         thread, ask with `/ask` or with {plain}."
    );
    EmbedParts {
        title: "How to ask about the interviews".to_string(),
        url: None,
        description,
        fields: Vec::new(),
        footer: String::new(),
    }
}

// ---- buttons ---------------------------------------------------------------------------------

/// The buttons under an answer: "Another passage" when there is more than one result, "Follow
/// up in a thread" where a thread can be started (a guild text channel, no thread yet).
pub fn answer_buttons(
    answer: u64,
    shown: usize,
    total: usize,
    offer: Offer,
) -> Vec<CreateActionRow> {
    let thread_button = offer.thread;
    let mut buttons = Vec::new();
    if total > 1 {
        buttons.push(
            CreateButton::new(ButtonAction::Next { answer, shown }.custom_id())
                .label("Another passage")
                .style(ButtonStyle::Secondary),
        );
    }
    if thread_button {
        buttons.push(
            CreateButton::new(ButtonAction::Thread { answer }.custom_id())
                .label("Follow up in a thread")
                .style(ButtonStyle::Primary),
        );
    }
    if offer.post {
        buttons.push(
            CreateButton::new(ButtonAction::Post { answer, shown }.custom_id())
                .label("Post for everyone")
                .style(ButtonStyle::Primary),
        );
    }
    if offer.votes {
        for (up, emoji) in [(true, "👍"), (false, "👎")] {
            buttons.push(
                CreateButton::new(ButtonAction::Vote { answer, shown, up }.custom_id())
                    .emoji(ReactionType::Unicode(emoji.into()))
                    .style(ButtonStyle::Secondary),
            );
        }
    }
    if buttons.is_empty() {
        Vec::new()
    } else {
        vec![CreateActionRow::Buttons(buttons)]
    }
}

/// The most other passages the menu lists.
pub const MENU_PASSAGES: usize = 5;

/// How many results an answer on Discord keeps: the one shown and the menu's.
pub const ANSWER_RESULTS: usize = MENU_PASSAGES + 1;

/// The menu of the other close passages: each by its interviewer question (or its first
/// words) and its article; picking one shows it in place.
pub fn passage_menu(answer: u64, shown: usize, results: &[Hit]) -> Option<CreateActionRow> {
    let options: Vec<CreateSelectMenuOption> = results
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != shown)
        .take(MENU_PASSAGES)
        .map(|(i, hit)| {
            let head = hit.question.as_deref().unwrap_or(&hit.answer);
            let label = truncate(&one_line(head), limits::SELECT_OPTION_TEXT);
            let label = if label.is_empty() {
                format!("Passage {}", i + 1)
            } else {
                label
            };
            CreateSelectMenuOption::new(label, i.to_string()).description(truncate(
                &one_line(&hit.source.title),
                limits::SELECT_OPTION_TEXT,
            ))
        })
        .collect();
    if options.is_empty() {
        return None;
    }
    let menu = CreateSelectMenu::new(
        ButtonAction::Pick { answer }.custom_id(),
        CreateSelectMenuKind::String { options },
    )
    .placeholder("Other close passages");
    Some(CreateActionRow::SelectMenu(menu))
}

/// What an answer offers besides "Another passage" and the menu.
#[derive(Debug, Clone, Copy, Default)]
pub struct Offer {
    /// "Follow up in a thread".
    pub thread: bool,
    /// 👍 and 👎.
    pub votes: bool,
    /// The ranking found the best candidates too close to call: the menu comes first.
    pub close_call: bool,
    /// "Post for everyone" (an answer only its asker sees).
    pub post: bool,
}

/// Everything under an answer: the buttons and the menu of other passages; the menu first
/// when the ranking found the best candidates too close to call.
pub fn answer_components(
    answer: u64,
    shown: usize,
    results: &[Hit],
    offer: Offer,
) -> Vec<CreateActionRow> {
    let buttons = answer_buttons(answer, shown, results.len(), offer);
    let menu = passage_menu(answer, shown, results);
    match menu {
        Some(m) if offer.close_call => std::iter::once(m).chain(buttons).collect(),
        Some(m) => buttons.into_iter().chain(std::iter::once(m)).collect(),
        None => buttons,
    }
}

/// Said above an answer whose best candidates were too close to call.
pub const CLOSE_CALL: &str =
    "I'm not sure this is the best passage: others are about as close. Pick one from the menu.";

pub const EXPIRED: &str = "This button has expired — ask again with /ask.";

/// Said to a user who asks again before their cooldown is over.
pub fn cooldown(remaining: std::time::Duration) -> String {
    let secs = remaining.as_secs_f64().ceil().max(1.0) as u64;
    let unit = if secs == 1 { "second" } else { "seconds" };
    format!("One moment: you can ask again in {secs} {unit}.")
}

/// The thanks for a vote, seen only by the voter.
pub const VOTED_UP: &str = "Thanks — glad it helped.";
pub const VOTED_DOWN: &str = "Thanks — noted. The menu under the answer may hold a better passage.";
pub const VOTE_NOT_STORED: &str = "Thanks — but your vote could not be saved just now.";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::PassageKind;
    use crate::search::NoAnswer;

    fn source(url: Option<&str>) -> Source {
        Source {
            file: "000.txt".into(),
            title: "Krysten Ritter on *Jessica Jones*".into(),
            outlet: Some("Outlet_Name".into()),
            date: Some("2018-03-08".into()),
            url: url.map(String::from),
        }
    }

    fn hit(answer: &str, best: Option<Range<usize>>) -> Hit {
        Hit {
            text: answer.to_string(),
            question: Some("What was it like?".into()),
            answer: answer.to_string(),
            speaker: Some("Krysten Ritter".into()),
            section: None,
            kind: PassageKind::Exchange,
            source: source(Some("https://example.com/a_(b)")),
            score: 1.0,
            best_sentence: best,
            matched: vec![],
            passage: 0,
        }
    }

    fn json(e: &EmbedParts) -> serde_json::Value {
        serde_json::to_value(e.to_embed()).unwrap()
    }

    #[test]
    fn escapes_markdown_and_mentions() {
        let s = escape("**bold** _it_ ~~s~~ `c` ||spoil|| > q # h - l [a](b) <@123> @everyone \\");
        assert!(!s.contains("**b"), "{s}");
        assert!(s.contains(r"\*\*bold\*\*"));
        assert!(s.contains(r"\|\|spoil\|\|"));
        assert!(s.contains(r"\[a\]\(b\)"));
        assert!(s.contains("\\<@\u{200B}123\\>"));
        assert!(s.contains("@\u{200B}everyone"));
        assert!(s.ends_with(r"\\"));
        assert_eq!(escape("1. first\n2. second"), "1\\. first\n2\\. second");
        assert_eq!(escape("version 1.2"), "version 1.2");
        assert_eq!(escape("héllo 🎉 wörld"), "héllo 🎉 wörld");
    }

    #[test]
    fn escape_within_cuts_on_boundaries_without_splitting_escapes() {
        for budget in 0..40 {
            let s = escape_within("é*🎉_a**b@c", budget);
            assert!(s.chars().count() <= budget, "{budget}: {s}");
            // A cut never leaves a dangling backslash before the ellipsis.
            assert!(!s.ends_with("\\…"), "{budget}: {s}");
        }
        assert_eq!(escape_within("abc", 3), "abc");
        assert_eq!(escape_within("abcd", 3), "ab…");
    }

    #[test]
    fn best_sentence_is_bold_and_escaped() {
        let text = "First one. The *best* one. Last.";
        let start = text.find("The").unwrap();
        let end = text.find(" Last").unwrap();
        let d = marked_passage(text, Some(&(start..end)), 4096);
        assert_eq!(d, r"First one. **The \*best\* one.** Last.");
        // Out-of-range or non-boundary ranges are ignored, not a panic.
        assert_eq!(marked_passage("héllo", Some(&(1..2)), 100), "héllo");
        assert_eq!(marked_passage("abc", Some(&(2..9)), 100), "abc");
    }

    #[test]
    fn marked_passage_respects_any_budget() {
        let text = "Intro words here. The best sentence is this one! And the rest follows.";
        let r = text.find("The").unwrap()..text.find(" And").unwrap();
        for budget in 0..100 {
            let d = marked_passage(text, Some(&r), budget);
            assert!(d.chars().count() <= budget, "{budget}: {d}");
            assert_eq!(d.matches("**").count() % 2, 0, "{budget}: {d}");
        }
    }

    #[test]
    fn huge_inputs_stay_within_every_limit() {
        let long = "word *x* @everyone ".repeat(2000);
        let mut h = hit(&long, Some(10..30_000));
        h.question = Some("q ".repeat(400));
        h.speaker = Some("s".repeat(3000));
        h.source.title = "t".repeat(3000);
        h.source.outlet = Some("o".repeat(3000));
        let question = "Q".repeat(6000);
        let e = answer_embed(&AnswerView {
            mode: Mode::Ask,
            question: &question,
            hit: &h,
            index: 0,
            total: 3,
        });
        assert!(e.title.chars().count() <= limits::EMBED_TITLE);
        assert!(e.description.chars().count() <= limits::EMBED_DESCRIPTION);
        assert!(e.footer.chars().count() <= limits::EMBED_FOOTER);
        for (n, v, _) in &e.fields {
            assert!(!n.is_empty() && !v.is_empty());
            assert!(v.chars().count() <= limits::EMBED_FIELD_VALUE, "{n}");
        }
        assert!(
            e.total_chars() <= limits::EMBED_TOTAL,
            "{}",
            e.total_chars()
        );
        let (mode, q) = question_from_footer(&e.footer).unwrap();
        assert_eq!(mode, Mode::Ask);
        assert!(q.starts_with("QQQ") && q.chars().count() <= 1000);
    }

    #[test]
    fn answer_embed_has_title_source_speaker_and_footer() {
        let text = "I was thrilled. We won a Peabody Award!";
        let r = text.find("We").unwrap()..text.len();
        let h = hit(text, Some(r));
        let e = answer_embed(&AnswerView {
            mode: Mode::Ask,
            question: "Which awards did  it\nwin?",
            hit: &h,
            index: 1,
            total: 3,
        });
        assert_eq!(e.title, "What was it like?");
        assert_eq!(e.description, "I was thrilled. **We won a Peabody Award!**");
        assert_eq!(e.url.as_deref(), Some("https://example.com/a_%28b%29"));
        assert_eq!(
            e.fields[0],
            ("Speaker".into(), "Krysten Ritter".into(), true)
        );
        assert_eq!(
            e.fields[1].1,
            r"[Krysten Ritter on \*Jessica Jones\*](https://example.com/a_%28b%29) · Outlet\_Name · 2018\-03\-08"
        );
        assert_eq!(e.footer, "Asked: Which awards did it win?\nPassage 2 of 3");
        assert_eq!(
            question_from_footer(&e.footer),
            Some((Mode::Ask, "Which awards did it win?".into()))
        );
        let v = json(&e);
        assert_eq!(v["footer"]["text"], e.footer);
    }

    #[test]
    fn quotes_use_their_own_marker_and_title() {
        let h = hit("It was very conflicting.", None);
        let e = answer_embed(&AnswerView {
            mode: Mode::Quote,
            question: "killing Kilgrave",
            hit: &h,
            index: 0,
            total: 1,
        });
        assert_eq!(e.title, r"Krysten Ritter on \*Jessica Jones\*");
        assert_eq!(e.description, "“It was very conflicting.”");
        assert_eq!(e.footer, "Quote about: killing Kilgrave");
        assert_eq!(
            question_from_footer(&e.footer),
            Some((Mode::Quote, "killing Kilgrave".into()))
        );
        assert_eq!(question_from_footer("Something else"), None);
        assert_eq!(question_from_footer("Asked:   "), None);
    }

    #[test]
    fn unsafe_urls_are_not_linked() {
        let mut h = hit("x", None);
        h.source.url = Some("javascript:alert(1)".into());
        let e = answer_embed(&AnswerView {
            mode: Mode::Ask,
            question: "q",
            hit: &h,
            index: 0,
            total: 1,
        });
        assert_eq!(e.url, None);
        assert!(!e.fields[1].1.contains("]("));
    }

    #[test]
    fn no_answer_says_so_and_offers_three_questions() {
        let a = Answer {
            answered: false,
            results: vec![],
            suggestions: vec![
                "Who is **Kilgrave**?".into(),
                "b".into(),
                "c".into(),
                "d".into(),
            ],
            no_answer: Some(NoAnswer::NotCovered),
            ..Answer::default()
        };
        let c = no_answer_content(&a, Mode::Ask);
        assert!(c.starts_with("These interviews don't seem to cover that."));
        assert_eq!(c.matches("\n• ").count(), 3);
        assert!(c.contains(r"Who is \*\*Kilgrave\*\*?"));
        let huge = Answer {
            suggestions: vec!["x".repeat(5000); 3],
            no_answer: Some(NoAnswer::UnknownSpeaker {
                typed: "n".repeat(80),
                quoted: vec!["q".repeat(100); 50],
            }),
            ..Answer::default()
        };
        assert!(no_answer_content(&huge, Mode::Quote).chars().count() <= limits::CONTENT);
    }

    #[test]
    fn the_menu_lists_up_to_five_other_passages_within_limits() {
        let mut hits: Vec<Hit> = (0..8).map(|i| hit(&format!("answer {i}"), None)).collect();
        hits[3].question = Some("q".repeat(300));
        hits[4].question = None;
        hits[4].answer = "  \n ".into();
        let row = serde_json::to_value(passage_menu(7, 1, &hits[..7]).unwrap()).unwrap();
        let menu = &row["components"][0];
        assert_eq!(menu["type"], 3);
        assert_eq!(menu["custom_id"], "ib1:pick:7");
        let options = menu["options"].as_array().unwrap();
        let values: Vec<&str> = options
            .iter()
            .map(|o| o["value"].as_str().unwrap())
            .collect();
        assert_eq!(
            values,
            ["0", "2", "3", "4", "5"],
            "the shown one left out, five at most"
        );
        for o in options {
            let label = o["label"].as_str().unwrap().chars().count();
            let description = o["description"].as_str().unwrap().chars().count();
            assert!((1..=limits::SELECT_OPTION_TEXT).contains(&label), "{o}");
            assert!(description <= limits::SELECT_OPTION_TEXT, "{o}");
        }
        assert_eq!(
            options[3]["label"], "Passage 5",
            "an empty head still has a label"
        );
        assert!(
            passage_menu(7, 0, &hits[..1]).is_none(),
            "no menu for one result"
        );

        let rows = |close_call| {
            let offer = Offer {
                thread: true,
                votes: true,
                close_call,
                post: false,
            };
            serde_json::to_value(answer_components(7, 0, &hits, offer))
        };
        assert_eq!(rows(true).unwrap()[0]["components"][0]["type"], 3);
        assert_eq!(rows(false).unwrap()[0]["components"][0]["type"], 2);
    }

    #[test]
    fn buttons_depend_on_results_and_place() {
        let rows = |total, thread| {
            let offer = Offer {
                thread,
                ..Offer::default()
            };
            serde_json::to_value(answer_buttons(7, 0, total, offer)).unwrap()
        };
        assert_eq!(rows(1, false), serde_json::json!([]));
        let both = rows(3, true);
        assert_eq!(both[0]["components"].as_array().unwrap().len(), 2);
        assert_eq!(both[0]["components"][0]["custom_id"], "ib1:next:7:0");
        assert_eq!(both[0]["components"][1]["custom_id"], "ib1:thread:7");
    }

    #[test]
    fn thread_names_are_one_line_short_and_never_empty() {
        assert_eq!(thread_name("  "), "Follow-up");
        assert_eq!(
            thread_name("Who\nis @everyone?"),
            "Who is @\u{200B}everyone?"
        );
        let long = thread_name(&"é".repeat(500));
        assert_eq!(long.chars().count(), 100);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn sources_fit_one_embed() {
        let many: Vec<SourceSummary> = (0..500)
            .map(|i| SourceSummary {
                source: Source {
                    file: format!("{i}.txt"),
                    title: format!("Title {i} with some length to it"),
                    outlet: Some("Outlet".into()),
                    date: None,
                    url: Some(format!("https://example.com/{i}")),
                },
                interviewee: Some("Person".into()),
                passages: 3,
                quotes: 1,
            })
            .collect();
        let e = sources_embed(&many, &Ranking::Words);
        assert!(e.description.chars().count() <= limits::EMBED_DESCRIPTION);
        assert!(e.description.ends_with("more"));
        assert!(e.total_chars() <= limits::EMBED_TOTAL);
    }
}
