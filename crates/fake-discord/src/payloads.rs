//! Builders for the JSON payloads Discord sends: gateway dispatches (interactions, messages,
//! threads) and the REST objects the fake returns (channels, messages, users).
//!
//! Every builder returns a `serde_json::Value` shaped like Discord's real payloads, with the
//! fields serenity 0.12.5 *requires* when deserialising (a payload it cannot parse is dropped by
//! the shard with only a log warning, so a missing field would silently lose the event). The
//! `fixtures_deserialise` test in `tests/it/fake_discord.rs` parses each of them with serenity's own
//! model types to keep it that way.
//!
//! Ids are real-looking snowflakes from [`next_id`]: unique and increasing, so ordering by id is
//! ordering by creation time, as the message-history endpoints assume.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

/// The bot token the fake expects (`Authorization: Bot <TOKEN>`): three dot-separated parts like
/// a real token, but deliberately not of a real token's shape, so no secret scanner mistakes it
/// for a leaked one.
pub const TOKEN: &str =
    "TESTBOT-interview-bot-fake.fake00.bm90LWEtcmVhbC1zZWNyZXQtb25seS1mb3ItdGVzdHM";
/// Application id. Equal to the bot user id, as it is for real Discord bots.
pub const APP_ID: u64 = 1_000_000_000_000_000_001;
/// The bot's own user id.
pub const BOT_USER_ID: u64 = APP_ID;
pub const BOT_NAME: &str = "interview-bot";
/// The one guild the fake knows.
pub const GUILD_ID: u64 = 1_000_000_000_000_000_100;
/// A second guild, on the other shard when the bot runs two (`(id >> 22) % 2` is 0 here and 1
/// for [`GUILD_ID`]), for tests of several shards.
pub const SECOND_GUILD_ID: u64 = GUILD_ID + (1 << 22);
/// A text channel in [`SECOND_GUILD_ID`], seeded in every fake.
pub const SECOND_CHANNEL_ID: u64 = 1_000_000_000_000_000_201;
/// A text channel in [`GUILD_ID`], seeded in every fake.
pub const CHANNEL_ID: u64 = 1_000_000_000_000_000_200;
/// A human user, the default author of interactions and messages.
pub const USER_ID: u64 = 1_000_000_000_000_000_300;
pub const USER_NAME: &str = "candidate";
/// The DM channel between [`USER_ID`] and the bot, seeded in every fake.
pub const DM_CHANNEL_ID: u64 = 1_000_000_000_000_000_400;
/// An owner-ish user reported by `GET /oauth2/applications/@me` (poise reads owners from it).
pub const OWNER_ID: u64 = 1_000_000_000_000_000_500;

/// Milliseconds between the Unix epoch and Discord's epoch (2015-01-01).
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

static LAST_ID: AtomicU64 = AtomicU64::new(0);

/// A fresh snowflake: time-based like Discord's, strictly increasing within the process.
pub fn next_id() -> u64 {
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("system clock before 1970")
        .as_millis() as u64;
    let candidate = (now_ms - DISCORD_EPOCH_MS) << 22;
    let mut prev = LAST_ID.load(Ordering::Relaxed);
    loop {
        let next = candidate.max(prev + 1);
        match LAST_ID.compare_exchange(prev, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(actual) => prev = actual,
        }
    }
}

/// A fresh interaction token (unique, opaque, URL-safe like Discord's).
pub fn next_token() -> String {
    format!("aW50ZXJhY3Rpb246{}:fake-token", next_id())
}

/// Snowflakes travel as JSON strings.
pub fn sf(id: u64) -> Value {
    Value::String(id.to_string())
}

/// ISO-8601 timestamp for "now", as Discord formats it.
pub fn now_timestamp() -> String {
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("system clock before 1970");
    timestamp_from_unix_ms(d.as_millis() as u64)
}

/// The creation time encoded in a snowflake, as an ISO-8601 timestamp.
pub fn timestamp_of(id: u64) -> String {
    timestamp_from_unix_ms((id >> 22) + DISCORD_EPOCH_MS)
}

fn timestamp_from_unix_ms(ms: u64) -> String {
    let secs = ms / 1000;
    let millis = ms % 1000;
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (h, m, s) = (rem / 3600, (rem % 3600) / 60, rem % 60);
    // Civil-from-days (Howard Hinnant), to avoid a date crate just for fixtures.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if mo <= 2 { y + 1 } else { y };
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{m:02}:{s:02}.{millis:03}000+00:00")
}

/// A user object.
pub fn user(id: u64, name: &str, bot: bool) -> Value {
    json!({
        "id": sf(id),
        "username": name,
        "global_name": name,
        "discriminator": "0",
        "avatar": null,
        "bot": bot,
        "public_flags": 0,
    })
}

/// The bot's user object (author of everything the bot posts).
pub fn bot_user() -> Value {
    user(BOT_USER_ID, BOT_NAME, true)
}

/// The default human user.
pub fn default_user() -> Value {
    user(USER_ID, USER_NAME, false)
}

/// A guild member wrapping `user` (as in interactions; MESSAGE_CREATE uses [`partial_member`]).
pub fn member(user: &Value) -> Value {
    json!({
        "user": user,
        "nick": null,
        "avatar": null,
        "roles": [],
        "joined_at": "2024-01-01T00:00:00.000000+00:00",
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "permissions": "2248473465835073",
        "communication_disabled_until": null,
    })
}

/// The member object of MESSAGE_CREATE, which carries no `user`.
pub fn partial_member() -> Value {
    json!({
        "roles": [],
        "joined_at": "2024-01-01T00:00:00.000000+00:00",
        "deaf": false,
        "mute": false,
        "flags": 0,
    })
}

/// A guild text channel (type 0) in [`GUILD_ID`].
pub fn text_channel(id: u64, name: &str) -> Value {
    json!({
        "id": sf(id),
        "type": 0,
        "guild_id": sf(GUILD_ID),
        "name": name,
        "position": 0,
        "permission_overwrites": [],
        "topic": null,
        "nsfw": false,
        "last_message_id": null,
        "rate_limit_per_user": 0,
        "parent_id": null,
        "flags": 0,
    })
}

/// A public thread (type 11) under `parent_id`, as `GET /channels/{id}` returns it. A thread
/// started from a message has the message's id as its own id.
pub fn thread_channel(id: u64, parent_id: u64, name: &str, owner_id: u64) -> Value {
    json!({
        "id": sf(id),
        "type": 11,
        "guild_id": sf(GUILD_ID),
        "parent_id": sf(parent_id),
        "owner_id": sf(owner_id),
        "name": name,
        "last_message_id": null,
        "rate_limit_per_user": 0,
        "message_count": 0,
        "member_count": 1,
        "total_message_sent": 0,
        "flags": 0,
        "thread_metadata": {
            "archived": false,
            "auto_archive_duration": 1440,
            "archive_timestamp": now_timestamp(),
            "locked": false,
            "create_timestamp": now_timestamp(),
        },
    })
}

/// The DM channel (type 1) between `recipient` and the bot.
pub fn dm_channel(id: u64, recipient: &Value) -> Value {
    json!({
        "id": sf(id),
        "type": 1,
        "last_message_id": null,
        "recipients": [recipient],
        "flags": 0,
    })
}

/// THREAD_CREATE dispatch data: the thread channel plus `newly_created`.
pub fn thread_create(thread: &Value) -> Value {
    let mut t = thread.clone();
    t["newly_created"] = json!(true);
    t
}

/// A message object. `guild_id` is set for gateway payloads in guilds (REST omits it).
pub fn message(channel_id: u64, author: &Value, content: &str) -> Value {
    let id = next_id();
    json!({
        "id": sf(id),
        "channel_id": sf(channel_id),
        "author": author,
        "content": content,
        "timestamp": timestamp_of(id),
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "components": [],
        "pinned": false,
        "type": 0,
        "flags": 0,
    })
}

/// A message the bot posted earlier, e.g. the answer a thread was started from. `embeds` are
/// plain embed objects (`{"title":..,"description":..}`).
pub fn bot_message(channel_id: u64, content: &str, embeds: Vec<Value>) -> Value {
    let mut m = message(channel_id, &bot_user(), content);
    m["embeds"] = Value::Array(embeds.into_iter().map(full_embed).collect());
    m
}

/// A bot message carrying one action row of buttons `(custom_id, label)`, for
/// [`Interactions::button_click`].
pub fn bot_message_with_buttons(channel_id: u64, content: &str, buttons: &[(&str, &str)]) -> Value {
    let mut m = bot_message(channel_id, content, vec![]);
    m["components"] = json!([{
        "type": 1,
        "components": buttons.iter().map(|(id, label)| json!({
            "type": 2, "style": 1, "custom_id": id, "label": label,
        })).collect::<Vec<_>>(),
    }]);
    m
}

/// Discord returns embeds with `type: "rich"` filled in; requests omit it.
pub fn full_embed(mut embed: Value) -> Value {
    if embed.get("type").is_none() {
        embed["type"] = json!("rich");
    }
    embed
}

/// MESSAGE_CREATE dispatch data for a message by `author` in a guild channel or thread (pass
/// `guild_id: None` for DMs). `mentions` are user objects mentioned in `content`; use
/// [`mention`] to write them into the text.
pub fn message_create(
    channel_id: u64,
    guild_id: Option<u64>,
    author: &Value,
    content: &str,
    mentions: &[Value],
) -> Value {
    let mut m = message(channel_id, author, content);
    m["mentions"] = Value::Array(mentions.to_vec());
    if let Some(g) = guild_id {
        m["guild_id"] = sf(g);
        m["member"] = partial_member();
    }
    m
}

/// `<@id>`, how a user mention is written in message content.
pub fn mention(user_id: u64) -> String {
    format!("<@{user_id}>")
}

/// Where an interaction happens.
#[derive(Clone, Debug)]
pub enum Place {
    /// A guild text channel.
    Channel(u64),
    /// A public thread; `parent` is the channel it hangs off.
    Thread { thread: u64, parent: u64 },
    /// The DM channel with the user.
    Dm(u64),
    /// A text channel in another guild than [`GUILD_ID`].
    GuildChannel { guild: u64, channel: u64 },
}

impl Place {
    /// The default guild text channel, [`CHANNEL_ID`].
    pub fn channel() -> Self {
        Place::Channel(CHANNEL_ID)
    }

    /// The default DM channel, [`DM_CHANNEL_ID`].
    pub fn dm() -> Self {
        Place::Dm(DM_CHANNEL_ID)
    }

    /// [`SECOND_CHANNEL_ID`], in [`SECOND_GUILD_ID`].
    pub fn second_guild() -> Self {
        Place::GuildChannel {
            guild: SECOND_GUILD_ID,
            channel: SECOND_CHANNEL_ID,
        }
    }

    pub fn channel_id(&self) -> u64 {
        match *self {
            Place::Channel(c) => c,
            Place::Thread { thread, .. } => thread,
            Place::Dm(c) => c,
            Place::GuildChannel { channel, .. } => channel,
        }
    }

    pub fn guild_id(&self) -> Option<u64> {
        match *self {
            Place::Dm(_) => None,
            Place::GuildChannel { guild, .. } => Some(guild),
            _ => Some(GUILD_ID),
        }
    }

    fn partial_channel(&self) -> Value {
        match *self {
            Place::Channel(c) => json!({
                "id": sf(c), "type": 0, "name": "general", "guild_id": sf(GUILD_ID),
                "permissions": "2248473465835073", "flags": 0,
            }),
            Place::Thread { thread, parent } => json!({
                "id": sf(thread), "type": 11, "name": "thread", "guild_id": sf(GUILD_ID),
                "parent_id": sf(parent), "permissions": "2248473465835073", "flags": 0,
                "thread_metadata": {
                    "archived": false, "auto_archive_duration": 1440,
                    "archive_timestamp": now_timestamp(), "locked": false,
                },
            }),
            Place::Dm(c) => json!({
                "id": sf(c), "type": 1, "flags": 0,
                "recipients": [default_user()],
            }),
            Place::GuildChannel { guild, channel } => json!({
                "id": sf(channel), "type": 0, "name": "general", "guild_id": sf(guild),
                "permissions": "2248473465835073", "flags": 0,
            }),
        }
    }
}

/// An option value in a command interaction.
#[derive(Clone, Debug)]
pub struct Opt {
    pub name: String,
    kind: u8,
    value: Value,
    focused: bool,
}

impl Opt {
    /// A string option (type 3).
    pub fn string(name: &str, value: &str) -> Self {
        Opt {
            name: name.into(),
            kind: 3,
            value: json!(value),
            focused: false,
        }
    }
    /// An integer option (type 4).
    pub fn integer(name: &str, value: i64) -> Self {
        Opt {
            name: name.into(),
            kind: 4,
            value: json!(value),
            focused: false,
        }
    }
    /// A boolean option (type 5).
    pub fn boolean(name: &str, value: bool) -> Self {
        Opt {
            name: name.into(),
            kind: 5,
            value: json!(value),
            focused: false,
        }
    }
    /// The option being typed in an autocomplete interaction; Discord sends the partial text as
    /// a string whatever the option's type.
    pub fn focused(name: &str, partial: &str) -> Self {
        Opt {
            name: name.into(),
            kind: 3,
            value: json!(partial),
            focused: true,
        }
    }

    fn to_json(&self) -> Value {
        let mut v = json!({ "name": self.name, "type": self.kind, "value": self.value });
        if self.focused {
            v["focused"] = json!(true);
        }
        v
    }
}

/// Builders for INTERACTION_CREATE payloads. Each call yields fresh ids and tokens.
pub struct Interactions;

impl Interactions {
    /// A chat-input (slash) command, type 2.
    pub fn slash_command(name: &str, options: &[Opt], place: &Place) -> Value {
        let data = json!({
            "id": sf(command_id(name)),
            "name": name,
            "type": 1,
            "options": options.iter().map(Opt::to_json).collect::<Vec<_>>(),
        });
        with_guild_data(base_interaction(2, place, data), place)
    }

    /// A message context-menu command, type 2 with command type 3: `name` chosen on `target`
    /// (a message object), which Discord sends resolved.
    pub fn message_command(name: &str, target: &Value, place: &Place) -> Value {
        let id = target["id"].clone();
        let key = id.as_str().unwrap_or_default().to_string();
        let data = json!({
            "id": sf(command_id(name)),
            "name": name,
            "type": 3,
            "target_id": id,
            "resolved": { "messages": { key: target } },
        });
        with_guild_data(base_interaction(2, place, data), place)
    }

    /// An autocomplete request, type 4: the user is typing into the option built with
    /// [`Opt::focused`]; the others are what they have filled in so far.
    pub fn autocomplete(name: &str, options: &[Opt], place: &Place) -> Value {
        assert!(
            options.iter().filter(|o| o.focused).count() == 1,
            "an autocomplete interaction needs exactly one Opt::focused"
        );
        Self::slash_command(name, options, place).also(|v| v["type"] = json!(4))
    }

    /// A button click, type 3, on `message` (a bot message with components, e.g. from
    /// [`bot_message_with_buttons`]; it must live in `place`'s channel).
    pub fn button_click(custom_id: &str, message: &Value, place: &Place) -> Value {
        let data = json!({ "custom_id": custom_id, "component_type": 2 });
        let mut v = base_interaction(3, place, data);
        v["message"] = message.clone();
        with_guild_data(v, place)
    }

    /// A choice in a string select menu, type 3, on `message`: `values` picked.
    pub fn select_pick(custom_id: &str, values: &[&str], message: &Value, place: &Place) -> Value {
        let data = json!({ "custom_id": custom_id, "component_type": 3, "values": values });
        let mut v = base_interaction(3, place, data);
        v["message"] = message.clone();
        with_guild_data(v, place)
    }
}

trait Also: Sized {
    fn also(self, f: impl FnOnce(&mut Self)) -> Self;
}
impl Also for Value {
    fn also(mut self, f: impl FnOnce(&mut Self)) -> Self {
        f(&mut self);
        self
    }
}

/// A stable per-name command id, so repeated interactions for one command agree.
pub fn command_id(name: &str) -> u64 {
    let h = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    1_100_000_000_000_000_000 + (h % 1_000_000_000_000)
}

fn base_interaction(kind: u8, place: &Place, data: Value) -> Value {
    json!({
        "id": sf(next_id()),
        "application_id": sf(APP_ID),
        "type": kind,
        "token": next_token(),
        "version": 1,
        "channel_id": sf(place.channel_id()),
        "channel": place.partial_channel(),
        "data": data,
        "locale": "en-US",
        "app_permissions": "2248473465835073",
        "entitlements": [],
        "attachment_size_limit": 10_485_760,
    })
}

fn with_guild_data(mut v: Value, place: &Place) -> Value {
    match place.guild_id() {
        Some(g) => {
            v["guild_id"] = sf(g);
            v["guild_locale"] = json!("en-US");
            v["member"] = member(&default_user());
            v["authorizing_integration_owners"] = json!({ "0": g.to_string() });
            v["context"] = json!(0);
        }
        None => {
            v["user"] = default_user();
            v["authorizing_integration_owners"] = json!({ "1": USER_ID.to_string() });
            v["context"] = json!(1);
        }
    }
    v
}

/// READY dispatch data for a new session.
pub fn ready(session_id: &str, resume_url: &str) -> Value {
    json!({
        "v": 10,
        "user": {
            "id": sf(BOT_USER_ID),
            "username": BOT_NAME,
            "global_name": null,
            "discriminator": "0",
            "avatar": null,
            "bot": true,
            "verified": true,
            "mfa_enabled": false,
            "flags": 0,
            "email": null,
        },
        "guilds": [
            { "id": sf(GUILD_ID), "unavailable": true },
            { "id": sf(SECOND_GUILD_ID), "unavailable": true },
        ],
        "session_id": session_id,
        "resume_gateway_url": resume_url,
        "shard": [0, 1],
        "application": { "id": sf(APP_ID), "flags": 0 },
        "private_channels": [],
        "presences": [],
        "relationships": [],
        "guild_join_requests": [],
        "user_settings": {},
        "geo_ordered_rtc_regions": [],
        "session_type": "normal",
        "auth_session_id_hash": "fake",
    })
}

/// `GET /users/@me`.
pub fn current_user() -> Value {
    ready("", "")["user"].clone()
}

/// `GET /oauth2/applications/@me` (poise's framework calls this at startup to learn owners).
pub fn application_info() -> Value {
    json!({
        "id": sf(APP_ID),
        "name": BOT_NAME,
        "icon": null,
        "description": "",
        "summary": "",
        "type": null,
        "bot_public": false,
        "bot_require_code_grant": false,
        "verify_key": "0000000000000000000000000000000000000000000000000000000000000000",
        "flags": 0,
        "owner": user(OWNER_ID, "owner", false),
        "team": null,
        "bot": bot_user(),
        "redirect_uris": [],
        "interactions_endpoint_url": null,
        "approximate_guild_count": 1,
    })
}
