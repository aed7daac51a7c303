//! Follow-up context for threads started on the bot's answers.
//!
//! A thread started on an answer is a conversation. Its questions are kept in a bounded
//! in-memory cache, but that is only a cache: after a restart (or eviction) they are rebuilt
//! over REST from the thread's starter message (the answer, whose footer names the original
//! question) and the thread's history.

use std::hash::Hash;
use std::num::NonZeroUsize;
use std::sync::Mutex;

use lru::LruCache;

use serenity::all::{
    ChannelId, ChannelType, GetMessages, Http, Message, MessageId, MessageType, UserId,
};

use super::render::question_from_footer;

/// Threads remembered at once.
pub const THREADS_CACHED: usize = 1000;
/// Questions remembered per thread (the original one is always kept).
pub const QUESTIONS_KEPT: usize = 10;
/// How far back the history is read when rebuilding a conversation.
const HISTORY_PAGE: u8 = 100;

/// A bounded least-recently-used map of `capacity` entries (at least one).
pub fn lru<K: Eq + Hash, V>(capacity: usize) -> LruCache<K, V> {
    LruCache::new(NonZeroUsize::new(capacity).unwrap_or(NonZeroUsize::MIN))
}

/// What the bot knows about a channel it has seen a question in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known {
    /// A thread on one of the bot's answers: its questions so far, oldest first.
    Conversation(Vec<String>),
    /// Some other thread.
    Thread,
    /// A channel that is not a thread (a thread could be started on an answer there).
    Channel,
}

/// Where a channel sits, as far as threads go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelShape {
    Thread { parent: ChannelId },
    Channel,
}

impl ChannelShape {
    pub fn of(kind: ChannelType, parent: Option<ChannelId>) -> Self {
        match (kind, parent) {
            (
                ChannelType::PublicThread | ChannelType::PrivateThread | ChannelType::NewsThread,
                Some(parent),
            ) => ChannelShape::Thread { parent },
            _ => ChannelShape::Channel,
        }
    }
}

/// How long a channel the bot could not read (403, 404) is not asked about again: every 4xx
/// counts toward Discord's limit of 10,000 invalid requests per 10 minutes, past which the bot
/// is banned at the edge.
pub const UNREADABLE_FOR: std::time::Duration = std::time::Duration::from_secs(600);

/// The bounded cache of channels and conversations.
pub struct ThreadStore {
    inner: Mutex<LruCache<ChannelId, Known>>,
    /// Channels whose reading failed with a client error, and when.
    unreadable: Mutex<LruCache<ChannelId, std::time::Instant>>,
}

impl Default for ThreadStore {
    fn default() -> Self {
        Self::new(THREADS_CACHED)
    }
}

impl ThreadStore {
    pub fn new(capacity: usize) -> Self {
        Self {
            inner: Mutex::new(lru(capacity)),
            unreadable: Mutex::new(lru(capacity)),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, LruCache<ChannelId, Known>> {
        // The cache holds no invariant a panic could break half-way.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn get(&self, channel: ChannelId) -> Option<Known> {
        self.lock().get(&channel).cloned()
    }

    pub fn put(&self, channel: ChannelId, known: Known) {
        self.lock().put(channel, known);
    }

    /// Remembers that reading `channel` failed with a client error.
    pub fn mark_unreadable(&self, channel: ChannelId) {
        let mut u = self.unreadable.lock().unwrap_or_else(|e| e.into_inner());
        u.put(channel, std::time::Instant::now());
    }

    /// Whether reading `channel` failed with a client error within [`UNREADABLE_FOR`].
    pub fn recently_unreadable(&self, channel: ChannelId) -> bool {
        let mut u = self.unreadable.lock().unwrap_or_else(|e| e.into_inner());
        u.get(&channel)
            .is_some_and(|at| at.elapsed() < UNREADABLE_FOR)
    }

    /// A new conversation, e.g. a thread the bot just started on its answer.
    pub fn start(&self, thread: ChannelId, question: &str) {
        self.put(thread, Known::Conversation(vec![question.to_string()]));
    }

    /// Records a question asked in a conversation thread.
    pub fn push_question(&self, thread: ChannelId, question: &str) {
        if let Some(Known::Conversation(qs)) = self.lock().get_mut(&thread) {
            qs.push(question.to_string());
            bound(qs);
        }
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }
}

/// Keeps the original question and the latest ones.
fn bound(qs: &mut Vec<String>) {
    if qs.len() > QUESTIONS_KEPT {
        qs.drain(1..qs.len() - (QUESTIONS_KEPT - 1));
    }
}

/// `<@id>` and `<@!id>` of the bot removed, whitespace collapsed.
pub fn strip_bot_mentions(content: &str, bot: UserId) -> String {
    let plain = content
        .replace(&format!("<@{bot}>"), " ")
        .replace(&format!("<@!{bot}>"), " ");
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn mentions_bot(msg: &Message, bot: UserId) -> bool {
    msg.mentions.iter().any(|u| u.id == bot)
        || msg.content.contains(&format!("<@{bot}>"))
        || msg.content.contains(&format!("<@!{bot}>"))
}

/// The question a message by a person asks the bot, if it asks one: a message that mentions
/// the bot always; any message when plain messages count (the Message Content intent is on).
pub fn question_in(msg: &Message, bot: UserId, plain_messages: bool) -> Option<String> {
    if msg.author.bot || !matches!(msg.kind, MessageType::Regular | MessageType::InlineReply) {
        return None;
    }
    if !(plain_messages || mentions_bot(msg, bot)) {
        return None;
    }
    let q = strip_bot_mentions(&msg.content, bot);
    (!q.is_empty()).then_some(q)
}

/// The question an answer of the bot's was for, from its footer.
pub fn answered_question(msg: &Message, bot: UserId) -> Option<String> {
    if msg.author.id != bot {
        return None;
    }
    let footer = msg.embeds.first()?.footer.as_ref()?;
    question_from_footer(&footer.text).map(|(_, q)| q)
}

/// A conversation's questions from its starter message and its history (oldest first):
/// the original question, then each question asked in the thread. Questions asked with `/ask`
/// inside the thread leave no user message, so the bot's slash-command answers count too.
/// `None` when the starter is not one of the bot's answers.
pub fn conversation_from_messages(
    starter: &Message,
    history: &[Message],
    bot: UserId,
    plain_messages: bool,
) -> Option<Vec<String>> {
    let mut qs = vec![answered_question(starter, bot)?];
    for m in history {
        if m.id == starter.id {
            continue;
        }
        let q = if m.author.id == bot {
            let slash = m.kind == MessageType::ChatInputCommand || m.interaction_metadata.is_some();
            slash.then(|| answered_question(m, bot)).flatten()
        } else {
            question_in(m, bot, plain_messages)
        };
        if let Some(q) = q {
            qs.push(q);
        }
    }
    bound(&mut qs);
    Some(qs)
}

fn is_unknown(e: &serenity::Error) -> bool {
    matches!(
        e,
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(r))
            if r.status_code.as_u16() == 404
    )
}

/// What the bot knows about `channel`, from the cache or else over REST. `shape` is given when
/// the caller already knows it (interactions carry their channel); `before` excludes the
/// message being answered from the history.
pub async fn lookup(
    http: &Http,
    store: &ThreadStore,
    channel: ChannelId,
    shape: Option<ChannelShape>,
    before: Option<MessageId>,
    bot: UserId,
    plain_messages: bool,
) -> Result<Known, serenity::Error> {
    if let Some(k) = store.get(channel) {
        return Ok(k);
    }
    // Not asked again for a while: treated as a thread the bot knows nothing of, which is what
    // a failed read leads to anyway.
    if store.recently_unreadable(channel) {
        return Ok(Known::Thread);
    }
    let read = async {
        let shape = match shape {
            Some(s) => s,
            None => match http.get_channel(channel).await? {
                serenity::all::Channel::Guild(gc) => ChannelShape::of(gc.kind, gc.parent_id),
                _ => ChannelShape::Channel,
            },
        };
        Ok(match shape {
            ChannelShape::Channel => Known::Channel,
            ChannelShape::Thread { parent } => {
                rebuild(http, channel, parent, before, bot, plain_messages).await?
            }
        })
    };
    match read.await {
        Ok(known) => {
            store.put(channel, known.clone());
            Ok(known)
        }
        Err(e) => {
            if is_client_error(&e) {
                store.mark_unreadable(channel);
            }
            Err(e)
        }
    }
}

/// A 4xx answer other than a rate limit: asking again would fail again.
fn is_client_error(e: &serenity::Error) -> bool {
    matches!(
        e,
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(r))
            if r.status_code.is_client_error() && r.status_code.as_u16() != 429
    )
}

/// Reads a thread's starter message (a thread started on a message has that message's id) and
/// its latest history.
async fn rebuild(
    http: &Http,
    thread: ChannelId,
    parent: ChannelId,
    before: Option<MessageId>,
    bot: UserId,
    plain_messages: bool,
) -> Result<Known, serenity::Error> {
    let starter = match http.get_message(parent, MessageId::new(thread.get())).await {
        Ok(m) => m,
        // Not started from a message, or the message is gone: an ordinary thread.
        Err(e) if is_unknown(&e) => return Ok(Known::Thread),
        Err(e) => return Err(e),
    };
    if answered_question(&starter, bot).is_none() {
        return Ok(Known::Thread);
    }
    let mut page = GetMessages::new().limit(HISTORY_PAGE);
    if let Some(b) = before {
        page = page.before(b);
    }
    let mut history = thread.messages(http, page).await?;
    history.reverse();
    Ok(
        match conversation_from_messages(&starter, &history, bot, plain_messages) {
            Some(qs) => Known::Conversation(qs),
            None => Known::Thread,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const BOT: u64 = 42;

    fn msg(
        id: u64,
        author: u64,
        bot: bool,
        content: &str,
        footer: Option<&str>,
        kind: u8,
    ) -> Message {
        let embeds = match footer {
            Some(f) => json!([{"type": "rich", "title": "t", "footer": {"text": f}}]),
            None => json!([]),
        };
        let mentions = if content.contains(&format!("<@{BOT}>")) {
            json!([{"id": BOT.to_string(), "username": "bot", "discriminator": "0", "avatar": null, "bot": true}])
        } else {
            json!([])
        };
        serde_json::from_value(json!({
            "id": id.to_string(), "channel_id": "9",
            "author": {"id": author.to_string(), "username": "u", "discriminator": "0", "avatar": null, "bot": bot},
            "content": content, "timestamp": "2024-01-01T00:00:00.000000+00:00",
            "edited_timestamp": null, "tts": false, "mention_everyone": false,
            "mentions": mentions, "mention_roles": [], "attachments": [], "embeds": embeds,
            "pinned": false, "type": kind,
        }))
        .unwrap()
    }

    #[test]
    fn the_store_forgets_the_least_recently_used_channel() {
        let store = ThreadStore::new(2);
        let (a, b, c) = (ChannelId::new(1), ChannelId::new(2), ChannelId::new(3));
        store.put(a, Known::Channel);
        store.put(b, Known::Thread);
        assert_eq!(store.get(a), Some(Known::Channel));
        store.put(c, Known::Channel);
        assert_eq!(store.get(b), None);
        assert_eq!(store.get(a), Some(Known::Channel));
        assert_eq!(store.len(), 2);
    }

    #[test]
    fn conversation_keeps_the_original_and_the_latest_questions() {
        let store = ThreadStore::new(4);
        let t = ChannelId::new(5);
        store.start(t, "q0");
        for i in 1..30 {
            store.push_question(t, &format!("q{i}"));
        }
        let Some(Known::Conversation(qs)) = store.get(t) else {
            panic!()
        };
        assert_eq!(qs.len(), QUESTIONS_KEPT);
        assert_eq!(qs[0], "q0");
        assert_eq!(qs.last().unwrap(), "q29");
        // Questions for unknown threads are not invented.
        store.push_question(ChannelId::new(6), "x");
        assert_eq!(store.get(ChannelId::new(6)), None);
    }

    #[test]
    fn rebuild_reads_the_starter_then_questions_in_order() {
        let bot = UserId::new(BOT);
        let starter = msg(
            100,
            BOT,
            true,
            "",
            Some("Asked: Who is the villain?\nPassage 1 of 3"),
            20,
        );
        let history = vec![
            msg(
                101,
                7,
                false,
                &format!("<@{BOT}> What condition   does she have?"),
                None,
                0,
            ),
            msg(
                102,
                BOT,
                true,
                "",
                Some("Asked: What condition does she have?"),
                19,
            ),
            msg(103, 7, false, "just chatting", None, 0),
            msg(104, BOT, true, "", Some("Asked: Who plays her?"), 20),
            msg(105, 8, true, &format!("<@{BOT}> another bot"), None, 0),
            msg(106, 7, false, &format!("<@{BOT}>"), None, 0),
        ];
        let qs = conversation_from_messages(&starter, &history, bot, false).unwrap();
        assert_eq!(
            qs,
            [
                "Who is the villain?",
                "What condition does she have?",
                "Who plays her?"
            ]
        );
        let with_plain = conversation_from_messages(&starter, &history, bot, true).unwrap();
        assert_eq!(with_plain[2], "just chatting");

        let not_ours = msg(100, 7, false, "hello", None, 0);
        assert_eq!(
            conversation_from_messages(&not_ours, &history, bot, true),
            None
        );
        let bot_without_footer = msg(100, BOT, true, "no answer here", None, 0);
        assert_eq!(
            conversation_from_messages(&bot_without_footer, &history, bot, true),
            None
        );
    }

    #[test]
    fn mentions_are_stripped() {
        let bot = UserId::new(BOT);
        assert_eq!(
            strip_bot_mentions(&format!("<@{BOT}>  hi <@!{BOT}> there <@7>"), bot),
            "hi there <@7>"
        );
    }
}
