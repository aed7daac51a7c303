//! The fake's world: channels, messages, interactions, registered commands, and the REST
//! endpoints that read and change them. Everything here is synchronous and runs under the
//! state lock, so one request's effects are fully visible before it is recorded as answered.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::payloads::{self, sf, APP_ID, BOT_USER_ID, CHANNEL_ID, DM_CHANNEL_ID, GUILD_ID};
use super::{FaultResponse, RecordedRequest};

/// An interaction the fake dispatched, and what the bot has done with it so far.
pub(crate) struct InteractionRecord {
    pub token: String,
    pub kind: u64,
    pub channel_id: u64,
    /// For component interactions: the message the clicked component is on.
    pub message_id: Option<u64>,
    pub dispatched_at: Instant,
    pub acknowledged: bool,
    /// `(channel, message)` of the original response once there is one.
    pub original: Option<(u64, u64)>,
    pub followups: Vec<u64>,
}

pub(crate) struct Fault {
    pub matcher: Box<dyn Fn(&RecordedRequest) -> bool + Send + Sync>,
    pub remaining: usize,
    pub response: FaultResponse,
}

pub(crate) struct Session {
    pub id: String,
    pub seq: u64,
    /// Every dispatch frame of the session, for replay on RESUME (as Discord does).
    pub log: Vec<(u64, String)>,
}

#[derive(Default)]
pub(crate) struct GatewayState {
    pub connections: usize,
    pub identifies: Vec<Value>,
    pub resumes: Vec<Value>,
    pub heartbeats: usize,
    pub session: Option<Session>,
    /// The most recently accepted connection that is still open: `(conn id, command sender)`.
    pub current: Option<(
        u64,
        tokio::sync::mpsc::UnboundedSender<super::gateway::Command>,
    )>,
    /// The connection that has completed READY/RESUMED and so receives dispatches.
    pub live: Option<u64>,
    /// The request URI of the last WebSocket handshake (to check `?v=10`).
    pub last_connect_uri: Option<String>,
    /// Every open connection's command sender, by connection id: where a shard's dispatches go.
    pub senders: HashMap<u64, tokio::sync::mpsc::UnboundedSender<super::gateway::Command>>,
    /// How many shards the bot said it runs (IDENTIFY's `shard: [id, total]`); 1 until told.
    pub total_shards: u64,
    /// Shards other than shard 0, when the bot runs several (one process each, or one process
    /// with a range). `session`, `current` and `live` above are shard 0's.
    pub other_shards: BTreeMap<u64, OtherShard>,
}

/// A shard other than shard 0: its session and the connection receiving its dispatches.
pub(crate) struct OtherShard {
    pub session: Session,
    pub live: Option<u64>,
}

impl GatewayState {
    /// The shard a dispatch about `guild` goes to, by Discord's rule `(guild_id >> 22) % total`.
    /// DMs, and everything while there is one shard, go to shard 0.
    pub fn shard_of(&self, guild: Option<u64>) -> u64 {
        match guild {
            Some(g) if self.total_shards > 1 => (g >> 22) % self.total_shards,
            _ => 0,
        }
    }
}

/// Discord's per-route rate limits as the fake applies them, when a test turns them on: each
/// bucket (a route and its major parameter) takes `limit` requests per `window`.
pub(crate) struct RateLimits {
    pub limit: u32,
    pub window: Duration,
}

pub(crate) struct Bucket {
    resets_at: Instant,
    used: u32,
}

pub(crate) struct State {
    pub requests: Vec<RecordedRequest>,
    /// Requests seen, recorded or not.
    pub request_count: usize,
    /// Whether requests are kept in `requests` (off for long load runs; see
    /// `FakeDiscord::set_lean`).
    pub keep_requests: bool,
    /// Receives a copy of every request as it is answered.
    pub tap: Option<tokio::sync::mpsc::UnboundedSender<RecordedRequest>>,
    /// Keep at most about this many dispatches for replay on RESUME.
    pub replay_limit: Option<usize>,
    pub violations: Vec<String>,
    pub faults: Vec<Fault>,
    pub channels: BTreeMap<u64, Value>,
    /// channel id → message id → message. Message ids grow with time, so BTreeMap order is
    /// chronological, which the history endpoint relies on.
    pub messages: BTreeMap<u64, BTreeMap<u64, Value>>,
    /// Ephemeral messages: stored (so the interaction webhook can read them) but invisible in
    /// channel endpoints, as on Discord.
    pub ephemeral: HashSet<u64>,
    pub interactions: HashMap<u64, InteractionRecord>,
    pub global_commands: Vec<Value>,
    pub guild_commands: BTreeMap<u64, Vec<Value>>,
    pub gateway: GatewayState,
    /// Per-route rate limits, off unless a test sets them.
    pub rate_limits: Option<RateLimits>,
    pub buckets: HashMap<String, Bucket>,
    /// Requests answered 429 because their bucket was empty.
    pub rate_limited: usize,
    pub interaction_deadline: Duration,
}

/// A REST answer: status and optional JSON body.
pub(crate) type Reply = (u16, Option<Value>);

fn ok(v: Value) -> Reply {
    (200, Some(v))
}

fn no_content() -> Reply {
    (204, None)
}

/// Discord's JSON error shape; serenity parses it into `DiscordJsonError`.
pub(crate) fn error(status: u16, code: u64, message: &str) -> Reply {
    (status, Some(json!({ "message": message, "code": code })))
}

fn parse_id(s: &str) -> Option<u64> {
    s.parse().ok()
}

fn id_of(v: &Value) -> Option<u64> {
    v.get("id")?.as_str()?.parse().ok()
}

impl State {
    pub fn new() -> Self {
        let mut s = State {
            requests: Vec::new(),
            request_count: 0,
            keep_requests: true,
            tap: None,
            replay_limit: None,
            violations: Vec::new(),
            faults: Vec::new(),
            channels: BTreeMap::new(),
            messages: BTreeMap::new(),
            ephemeral: HashSet::new(),
            interactions: HashMap::new(),
            global_commands: Vec::new(),
            guild_commands: BTreeMap::new(),
            gateway: GatewayState::default(),
            rate_limits: None,
            buckets: HashMap::new(),
            rate_limited: 0,
            interaction_deadline: Duration::from_secs(3),
        };
        s.add_channel(payloads::text_channel(CHANNEL_ID, "general"));
        let mut second = payloads::text_channel(payloads::SECOND_CHANNEL_ID, "general");
        second["guild_id"] = sf(payloads::SECOND_GUILD_ID);
        s.add_channel(second);
        s.add_channel(payloads::dm_channel(
            DM_CHANNEL_ID,
            &payloads::default_user(),
        ));
        s
    }

    pub fn add_channel(&mut self, channel: Value) {
        let id = id_of(&channel).expect("channel fixture has a string snowflake `id`");
        self.channels.insert(id, channel);
    }

    pub fn add_message(&mut self, message: Value) -> u64 {
        let id = id_of(&message).expect("message fixture has a string snowflake `id`");
        let channel = message["channel_id"]
            .as_str()
            .and_then(parse_id)
            .expect("message fixture has a string snowflake `channel_id`");
        // Gateway-only fields: REST returns messages without them.
        let mut stored = message;
        if let Some(obj) = stored.as_object_mut() {
            obj.remove("guild_id");
            obj.remove("member");
        }
        if let Some(ch) = self.channels.get_mut(&channel) {
            ch["last_message_id"] = sf(id);
        }
        self.messages.entry(channel).or_default().insert(id, stored);
        id
    }

    pub fn message(&self, channel: u64, id: u64) -> Option<&Value> {
        self.messages.get(&channel)?.get(&id)
    }

    fn message_mut(&mut self, channel: u64, id: u64) -> Option<&mut Value> {
        self.messages.get_mut(&channel)?.get_mut(&id)
    }

    pub fn register_interaction(&mut self, interaction: &Value) {
        let id = id_of(interaction).expect("interaction has a string snowflake `id`");
        let token = interaction["token"]
            .as_str()
            .expect("interaction has a `token`")
            .to_string();
        let channel_id = interaction["channel_id"]
            .as_str()
            .and_then(parse_id)
            .expect("interaction has a string snowflake `channel_id`");
        let message_id = interaction.get("message").and_then(id_of);
        if let Some(m) = interaction.get("message") {
            // The clicked message must be fetchable and editable (callback type 7).
            if self.message(channel_id, message_id.unwrap_or(0)).is_none() {
                self.add_message(m.clone());
            }
        }
        self.interactions.insert(
            id,
            InteractionRecord {
                token,
                kind: interaction["type"].as_u64().unwrap_or(0),
                channel_id,
                message_id,
                dispatched_at: Instant::now(),
                acknowledged: false,
                original: None,
                followups: Vec::new(),
            },
        );
    }

    fn interaction_by_token(&self, token: &str) -> Option<&InteractionRecord> {
        self.interactions.values().find(|i| i.token == token)
    }

    fn interaction_by_token_mut(&mut self, token: &str) -> Option<&mut InteractionRecord> {
        self.interactions.values_mut().find(|i| i.token == token)
    }

    /// Dispatches a REST request (path split into segments, without `/api/v10`).
    pub fn route(
        &mut self,
        method: &str,
        segs: &[&str],
        query: &[(String, String)],
        body: Option<&Value>,
        gateway_url: &str,
    ) -> Option<Reply> {
        let empty = Value::Null;
        let body = body.unwrap_or(&empty);
        let reply = match (method, segs) {
            ("GET", ["gateway"]) => ok(json!({ "url": gateway_url })),
            ("GET", ["gateway", "bot"]) => ok(json!({
                "url": gateway_url,
                "shards": 1,
                "session_start_limit": {
                    "total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1,
                },
            })),
            ("GET", ["oauth2", "applications", "@me"]) | ("GET", ["applications", "@me"]) => {
                ok(payloads::application_info())
            }
            ("GET", ["users", "@me"]) => ok(payloads::current_user()),

            ("GET", ["channels", c]) => match self.channels.get(&parse_id(c)?) {
                Some(ch) => ok(ch.clone()),
                None => unknown_channel(),
            },
            ("PATCH", ["channels", c]) => {
                let Some(ch) = self.channels.get_mut(&parse_id(c)?) else {
                    return Some(unknown_channel());
                };
                merge(
                    ch,
                    body,
                    &["name", "archived", "locked", "topic", "rate_limit_per_user"],
                );
                if let (Some(meta), Some(obj)) =
                    (ch.get("thread_metadata").cloned(), body.as_object())
                {
                    let mut meta = meta;
                    for k in ["archived", "locked", "auto_archive_duration"] {
                        if let Some(v) = obj.get(k) {
                            meta[k] = v.clone();
                        }
                    }
                    ch["thread_metadata"] = meta;
                    if let Some(o) = ch.as_object_mut() {
                        o.remove("archived");
                        o.remove("locked");
                    }
                }
                ok(ch.clone())
            }
            ("POST", ["channels", c, "typing"]) => {
                if !self.channels.contains_key(&parse_id(c)?) {
                    return Some(unknown_channel());
                }
                no_content()
            }
            ("GET", ["channels", c, "messages"]) => {
                let c = parse_id(c)?;
                if !self.channels.contains_key(&c) {
                    return Some(unknown_channel());
                }
                ok(Value::Array(self.history(c, query)))
            }
            ("POST", ["channels", c, "messages"]) => {
                let c = parse_id(c)?;
                let Some(ch) = self.channels.get_mut(&c) else {
                    return Some(unknown_channel());
                };
                // As Discord: a locked archived thread takes no messages (the bot cannot
                // manage threads); an archived one is unarchived by the bot's message.
                let meta = &mut ch["thread_metadata"];
                if meta["archived"] == true {
                    if meta["locked"] == true {
                        return Some(error(400, 50083, "Thread is archived"));
                    }
                    meta["archived"] = json!(false);
                }
                let mut m = self.new_bot_message(c, body);
                if let Some(r) = body
                    .get("message_reference")
                    .and_then(|r| r.get("message_id"))
                {
                    let rid = r.as_str().and_then(parse_id).or_else(|| r.as_u64());
                    match rid.and_then(|rid| self.message(c, rid)).cloned() {
                        Some(referenced) => {
                            m["type"] = json!(19);
                            m["message_reference"] = json!({
                                "type": 0, "message_id": referenced["id"], "channel_id": sf(c),
                                "guild_id": self.guild_of(c).map(sf),
                            });
                            m["referenced_message"] = referenced;
                        }
                        None => {
                            return Some(error(400, 50035, "Invalid Form Body: Unknown message"))
                        }
                    }
                }
                self.add_message(m.clone());
                ok(m)
            }
            ("GET", ["channels", c, "messages", m]) => {
                let (c, m) = (parse_id(c)?, parse_id(m)?);
                match self.message(c, m).filter(|_| !self.ephemeral.contains(&m)) {
                    Some(msg) => ok(self.as_seen(msg)),
                    None if self.channels.contains_key(&c) => unknown_message(),
                    None => unknown_channel(),
                }
            }
            ("PATCH", ["channels", c, "messages", m]) => {
                let (c, m) = (parse_id(c)?, parse_id(m)?);
                let Some(msg) = self.message_mut(c, m) else {
                    return Some(unknown_message());
                };
                if msg["author"]["id"] != sf(BOT_USER_ID) {
                    return Some(error(
                        403,
                        50005,
                        "Cannot edit a message authored by another user",
                    ));
                }
                edit_message(msg, body);
                ok(msg.clone())
            }
            ("DELETE", ["channels", c, "messages", m]) => {
                let (c, m) = (parse_id(c)?, parse_id(m)?);
                match self.messages.get_mut(&c).and_then(|ms| ms.remove(&m)) {
                    Some(_) => no_content(),
                    None => unknown_message(),
                }
            }
            ("POST", ["channels", c, "messages", m, "threads"]) => {
                let (c, m) = (parse_id(c)?, parse_id(m)?);
                let Some(channel) = self.channels.get(&c) else {
                    return Some(unknown_channel());
                };
                // As Discord: threads start from messages in text and announcement channels
                // only, and never from an ephemeral message (nobody else can see it).
                if !matches!(channel["type"].as_u64(), Some(0 | 5)) {
                    return Some(error(
                        400,
                        50024,
                        "Cannot execute action on this channel type",
                    ));
                }
                let Some(starter) = self.message(c, m).filter(|_| !self.ephemeral.contains(&m))
                else {
                    return Some(unknown_message());
                };
                if starter.get("thread").is_some_and(|t| !t.is_null()) {
                    return Some(error(
                        400,
                        160004,
                        "A thread has already been created for this message",
                    ));
                }
                // A thread started from a message takes the message's id.
                let thread = self.new_thread(m, c, body);
                if let Some(starter) = self.message_mut(c, m) {
                    starter["thread"] = thread.clone();
                }
                (201, Some(thread))
            }
            ("PUT", ["channels", c, "thread-members", "@me"]) => {
                let c = parse_id(c)?;
                let Some(channel) = self.channels.get(&c) else {
                    return Some(unknown_channel());
                };
                // Threads only (public 11, private 12, announcement 10), as on Discord.
                if !matches!(channel["type"].as_u64(), Some(10..=12)) {
                    return Some(error(
                        400,
                        50024,
                        "Cannot execute action on this channel type",
                    ));
                }
                no_content()
            }
            ("POST", ["channels", c, "threads"]) => {
                let c = parse_id(c)?;
                if !self.channels.contains_key(&c) {
                    return Some(unknown_channel());
                }
                let thread = self.new_thread(payloads::next_id(), c, body);
                (201, Some(thread))
            }

            ("POST", ["interactions", i, token, "callback"]) => {
                self.callback(parse_id(i)?, token, body)
            }
            (_, ["webhooks", app, token, rest @ ..]) => {
                if parse_id(app) != Some(APP_ID) || self.interaction_by_token(token).is_none() {
                    return Some(error(404, 10015, "Unknown Webhook"));
                }
                self.webhook(method, token, rest, body)?
            }

            ("GET", ["applications", app, "commands"]) if parse_id(app) == Some(APP_ID) => {
                ok(Value::Array(self.global_commands.clone()))
            }
            ("PUT", ["applications", app, "commands"]) if parse_id(app) == Some(APP_ID) => {
                self.global_commands = register_commands(body, None);
                ok(Value::Array(self.global_commands.clone()))
            }
            ("GET", ["applications", app, "guilds", g, "commands"])
                if parse_id(app) == Some(APP_ID) =>
            {
                ok(Value::Array(
                    self.guild_commands
                        .get(&parse_id(g)?)
                        .cloned()
                        .unwrap_or_default(),
                ))
            }
            ("PUT", ["applications", app, "guilds", g, "commands"])
                if parse_id(app) == Some(APP_ID) =>
            {
                let g = parse_id(g)?;
                if g != GUILD_ID {
                    return Some(error(403, 50001, "Missing Access"));
                }
                let cmds = register_commands(body, Some(g));
                self.guild_commands.insert(g, cmds.clone());
                ok(Value::Array(cmds))
            }
            _ => return None,
        };
        Some(reply)
    }

    fn guild_of(&self, channel: u64) -> Option<u64> {
        self.channels
            .get(&channel)?
            .get("guild_id")?
            .as_str()
            .and_then(parse_id)
    }

    /// `GET /channels/{id}/messages`: newest first, `limit` (default 50) around the anchor.
    fn history(&self, channel: u64, query: &[(String, String)]) -> Vec<Value> {
        let q = |k: &str| {
            query
                .iter()
                .find(|(n, _)| n == k)
                .and_then(|(_, v)| v.parse::<u64>().ok())
        };
        let limit = q("limit").unwrap_or(50).clamp(1, 100) as usize;
        let Some(all) = self.messages.get(&channel) else {
            return Vec::new();
        };
        let visible = all.iter().filter(|(id, _)| !self.ephemeral.contains(id));
        let picked: Vec<&Value> = if let Some(before) = q("before") {
            visible
                .filter(|(id, _)| **id < before)
                .rev()
                .take(limit)
                .map(|(_, m)| m)
                .collect()
        } else if let Some(after) = q("after") {
            let mut v: Vec<_> = visible
                .filter(|(id, _)| **id > after)
                .take(limit)
                .map(|(_, m)| m)
                .collect();
            v.reverse();
            v
        } else if let Some(around) = q("around") {
            let v: Vec<_> = visible.collect();
            let pos = v
                .iter()
                .position(|(id, _)| **id >= around)
                .unwrap_or(v.len());
            let start = pos.saturating_sub(limit / 2);
            let mut w: Vec<_> = v[start..(start + limit).min(v.len())]
                .iter()
                .map(|(_, m)| *m)
                .collect();
            w.reverse();
            w
        } else {
            visible.rev().take(limit).map(|(_, m)| m).collect()
        };
        picked.into_iter().map(|m| self.as_seen(m)).collect()
    }

    /// A message as the bot is shown it. Without the privileged Message Content intent in its
    /// IDENTIFY, Discord blanks a message's content, embeds, attachments and components unless
    /// the bot sent it, is mentioned in it, or it is in a DM: over the gateway and over REST.
    pub fn as_seen(&self, message: &Value) -> Value {
        const MESSAGE_CONTENT: u64 = 1 << 15;
        let intents = self
            .gateway
            .identifies
            .last()
            .and_then(|d| d["intents"].as_u64())
            .unwrap_or(0);
        let bot = sf(BOT_USER_ID);
        let visible = intents & MESSAGE_CONTENT != 0
            || message["author"]["id"] == bot
            || message["guild_id"].is_null()
            || message["mentions"]
                .as_array()
                .is_some_and(|ms| ms.iter().any(|u| u["id"] == bot));
        let mut m = message.clone();
        if !visible {
            m["content"] = json!("");
            for k in ["embeds", "attachments", "components"] {
                m[k] = json!([]);
            }
        }
        m
    }

    fn new_bot_message(&self, channel: u64, body: &Value) -> Value {
        let mut m = payloads::message(channel, &payloads::bot_user(), "");
        edit_message(&mut m, body);
        m["edited_timestamp"] = Value::Null;
        m
    }

    fn new_thread(&mut self, id: u64, parent: u64, body: &Value) -> Value {
        let name = body["name"].as_str().unwrap_or("thread");
        let mut thread = payloads::thread_channel(id, parent, name, BOT_USER_ID);
        if let Some(t) = body.get("type").and_then(Value::as_u64) {
            thread["type"] = json!(t);
        }
        if let Some(d) = body.get("auto_archive_duration") {
            thread["thread_metadata"]["auto_archive_duration"] = d.clone();
        }
        thread["member"] = json!({
            "id": sf(id), "user_id": sf(BOT_USER_ID),
            "join_timestamp": payloads::now_timestamp(), "flags": 0,
        });
        self.add_channel(thread.clone());
        // As Discord: the creator's gateway gets THREAD_CREATE too (`newly_created`, and no
        // thread member: that comes only when someone is added to an existing thread).
        let mut event = payloads::thread_create(&thread);
        if let Some(o) = event.as_object_mut() {
            o.remove("member");
        }
        self.push_dispatch("THREAD_CREATE", event);
        thread
    }

    fn callback(&mut self, id: u64, token: &str, body: &Value) -> Reply {
        let deadline = self.interaction_deadline;
        let Some(rec) = self.interactions.get(&id).filter(|r| r.token == token) else {
            return error(404, 10062, "Unknown interaction");
        };
        if rec.acknowledged {
            return error(400, 40060, "Interaction has already been acknowledged.");
        }
        let (kind, channel, clicked) = (rec.kind, rec.channel_id, rec.message_id);
        let late = rec.dispatched_at.elapsed();
        if late > deadline {
            self.violations.push(format!(
                "interaction {id}: first response after {late:?}; Discord only accepts it within \
                 {deadline:?} (defer first if the work is slow)"
            ));
            return error(404, 10062, "Unknown interaction");
        }
        let data = body
            .get("data")
            .filter(|d| !d.is_null())
            .cloned()
            .unwrap_or(json!({}));
        let original = match body["type"].as_u64() {
            Some(4) | Some(5) => {
                let mut m = self.new_bot_message(channel, &data);
                m["webhook_id"] = sf(APP_ID);
                m["application_id"] = sf(APP_ID);
                m["type"] = json!(if kind == 2 { 20 } else { 0 });
                m["interaction_metadata"] = json!({
                    "id": sf(id), "type": kind, "user": payloads::default_user(),
                    "authorizing_integration_owners": {},
                });
                let mut flags = data["flags"].as_u64().unwrap_or(0);
                if body["type"] == 5 {
                    // The "thinking…" placeholder, replaced by the first edit or followup.
                    flags |= 128;
                    m["content"] = json!("");
                }
                m["flags"] = json!(flags);
                let mid = self.add_message(m);
                if flags & 64 != 0 {
                    self.ephemeral.insert(mid);
                }
                Some((channel, mid))
            }
            Some(6) | Some(7) => {
                let Some(mid) = clicked else {
                    return error(400, 40004, "Interaction has no message to update");
                };
                if body["type"] == 7 {
                    if let Some(m) = self.message_mut(channel, mid) {
                        edit_message(m, &data);
                    }
                }
                Some((channel, mid))
            }
            _ => None,
        };
        let rec = self.interactions.get_mut(&id).expect("looked up above");
        rec.acknowledged = true;
        rec.original = original;
        no_content()
    }

    fn webhook(&mut self, method: &str, token: &str, rest: &[&str], body: &Value) -> Option<Reply> {
        let rec = self.interaction_by_token(token).expect("checked by caller");
        let (channel, original, acknowledged) = (rec.channel_id, rec.original, rec.acknowledged);
        let followups = rec.followups.clone();
        let target = match rest {
            [] => None,
            ["messages", "@original"] => match original {
                Some((_, mid)) => Some(mid),
                None => return Some(unknown_message()),
            },
            ["messages", m] => match parse_id(m) {
                Some(mid) if followups.contains(&mid) || Some(mid) == original.map(|o| o.1) => {
                    Some(mid)
                }
                _ => return Some(unknown_message()),
            },
            _ => return None,
        };
        let reply = match (method, target) {
            ("POST", None) => {
                if !acknowledged {
                    return Some(error(404, 10015, "Unknown Webhook"));
                }
                // Discord turns the first followup after a deferral into the original response.
                if let Some((c, mid)) = original {
                    let loading = self
                        .message(c, mid)
                        .and_then(|m| m["flags"].as_u64())
                        .unwrap_or(0)
                        & 128;
                    if loading != 0 {
                        let m = self.message_mut(c, mid)?;
                        // Public or ephemeral as the deferral was: the followup's own
                        // ephemeral flag is ignored, as on Discord.
                        let deferred = m["flags"].as_u64().unwrap_or(0);
                        edit_message(m, body);
                        m["flags"] = json!(deferred & !128);
                        return Some(ok(m.clone()));
                    }
                }
                let mut m = self.new_bot_message(channel, body);
                m["webhook_id"] = sf(APP_ID);
                m["application_id"] = sf(APP_ID);
                let mid = self.add_message(m.clone());
                if body["flags"].as_u64().unwrap_or(0) & 64 != 0 {
                    self.ephemeral.insert(mid);
                }
                self.interaction_by_token_mut(token)?.followups.push(mid);
                ok(m)
            }
            ("GET", Some(mid)) => ok(self.message(channel, mid)?.clone()),
            ("PATCH", Some(mid)) => {
                let m = self.message_mut(channel, mid)?;
                edit_message(m, body);
                m["flags"] = json!(m["flags"].as_u64().unwrap_or(0) & !128);
                ok(m.clone())
            }
            ("DELETE", Some(mid)) => {
                self.messages.get_mut(&channel)?.remove(&mid);
                no_content()
            }
            _ => return None,
        };
        Some(reply)
    }

    /// Picks the fault (if any) for this request and uses up one of its repetitions.
    pub fn take_fault(&mut self, req: &RecordedRequest) -> Option<FaultResponse> {
        let fault = self
            .faults
            .iter_mut()
            .find(|f| f.remaining > 0 && (f.matcher)(req))?;
        fault.remaining -= 1;
        let response = fault.response.clone();
        self.faults.retain(|f| f.remaining > 0);
        Some(response)
    }
}

fn unknown_channel() -> Reply {
    error(404, 10003, "Unknown Channel")
}

fn unknown_message() -> Reply {
    error(404, 10008, "Unknown Message")
}

fn merge(target: &mut Value, body: &Value, keys: &[&str]) {
    if let Some(obj) = body.as_object() {
        for k in keys {
            if let Some(v) = obj.get(*k) {
                target[*k] = v.clone();
            }
        }
    }
}

/// Applies a create/edit body to a stored message the way Discord renders it.
fn edit_message(m: &mut Value, body: &Value) {
    let Some(obj) = body.as_object() else { return };
    for (k, v) in obj {
        match k.as_str() {
            "content" => m["content"] = json!(v.as_str().unwrap_or("")),
            "embeds" => {
                let embeds = v.as_array().cloned().unwrap_or_default();
                m["embeds"] = Value::Array(embeds.into_iter().map(payloads::full_embed).collect());
            }
            "components" => m["components"] = if v.is_null() { json!([]) } else { v.clone() },
            "flags" => m["flags"] = json!(v.as_u64().unwrap_or(0)),
            "tts" => m["tts"] = json!(v.as_bool().unwrap_or(false)),
            // Request-only fields (allowed_mentions, attachments metadata, nonce…) do not
            // appear on the stored message.
            _ => {}
        }
    }
    m["edited_timestamp"] = json!(payloads::now_timestamp());
}

impl State {
    /// Applies the per-route rate limits, when on: the `X-RateLimit-*` headers Discord sends
    /// with every response, or a 429 with `retry_after` when the bucket is empty. Buckets are
    /// Discord's: the route and its major parameter (channel, guild, webhook and token, or
    /// interaction).
    pub fn rate_limit(
        &mut self,
        method: &str,
        route: Option<&str>,
        segs: &[&str],
    ) -> (Option<Reply>, Vec<(String, String)>) {
        let Some(rl) = &self.rate_limits else {
            return (None, Vec::new());
        };
        let major = match segs {
            ["channels" | "guilds" | "interactions", id, ..] => id.to_string(),
            ["webhooks", id, token, ..] => format!("{id}/{token}"),
            _ => String::new(),
        };
        let key = format!("{method} {} {major}", route.unwrap_or("?"));
        let now = Instant::now();
        let (limit, window) = (rl.limit, rl.window);
        let bucket = self.buckets.entry(key.clone()).or_insert(Bucket {
            resets_at: now + window,
            used: 0,
        });
        if now >= bucket.resets_at {
            *bucket = Bucket {
                resets_at: now + window,
                used: 0,
            };
        }
        // Rounded up, so a client that waits this long finds the bucket refilled.
        let after = (bucket.resets_at - now).as_millis() as f64 / 1000.0 + 0.001;
        let empty = bucket.used >= limit;
        if !empty {
            bucket.used += 1;
        }
        let remaining = limit - bucket.used;
        let h = |k: &str, v: String| (k.to_string(), v);
        let mut headers = vec![
            h("x-ratelimit-limit", limit.to_string()),
            h("x-ratelimit-remaining", remaining.to_string()),
            h("x-ratelimit-reset-after", format!("{after:.3}")),
            h("x-ratelimit-bucket", format!("{:016x}", fxhash(&key))),
        ];
        if !empty {
            return (None, headers);
        }
        self.rate_limited += 1;
        headers.push(h("retry-after", after.ceil().to_string()));
        headers.push(h("x-ratelimit-scope", "user".into()));
        let body = json!({
            "message": "You are being rate limited.",
            "retry_after": after,
            "global": false,
        });
        (Some((429, Some(body))), headers)
    }

    /// Appends a dispatch to the session of the shard it belongs to and sends it if that shard
    /// has a live connection (otherwise a RESUME replays it, as on Discord). Returns its
    /// sequence number, or `None` when the shard has no session yet.
    pub fn push_dispatch(&mut self, event: &str, data: Value) -> Option<u64> {
        let guild = data["guild_id"].as_str().and_then(|g| g.parse().ok());
        let gateway = &mut self.gateway;
        let shard = gateway.shard_of(guild);
        let (session, live) = if shard == 0 {
            (gateway.session.as_mut()?, gateway.live)
        } else {
            let other = gateway.other_shards.get_mut(&shard)?;
            (&mut other.session, other.live)
        };
        session.seq += 1;
        let seq = session.seq;
        let frame = json!({ "op": 0, "s": seq, "t": event, "d": data }).to_string();
        session.log.push((seq, frame.clone()));
        if let Some(limit) = self.replay_limit {
            // Trimmed in halves so the cost is amortised.
            if session.log.len() > 2 * limit {
                session.log.drain(..session.log.len() - limit);
            }
        }
        if let Some(tx) = live.and_then(|c| gateway.senders.get(&c)) {
            let _ = tx.send(super::gateway::Command::Send(frame));
        }
        Some(seq)
    }
}

fn register_commands(body: &Value, guild: Option<u64>) -> Vec<Value> {
    let items = body.as_array().cloned().unwrap_or_default();
    items
        .into_iter()
        .map(|mut c| {
            let name = c["name"].as_str().unwrap_or_default().to_string();
            // The same id the interaction builders use, so dispatched commands match.
            c["id"] = sf(payloads::command_id(&name));
            c["application_id"] = sf(APP_ID);
            c["version"] = sf(payloads::next_id());
            if c.get("type").is_none() {
                c["type"] = json!(1);
            }
            if c.get("description").is_none() {
                c["description"] = json!("");
            }
            if c.get("default_member_permissions").is_none() {
                c["default_member_permissions"] = Value::Null;
            }
            c["nsfw"] = json!(c["nsfw"].as_bool().unwrap_or(false));
            match guild {
                Some(g) => c["guild_id"] = sf(g),
                None => {
                    // Discord's defaults for a global command: the installs the app's
                    // Installation page enables (both, here), and every interaction context.
                    if c.get("integration_types").is_none_or(Value::is_null) {
                        c["integration_types"] = json!([0, 1]);
                    }
                    if c.get("contexts").is_none_or(Value::is_null) {
                        c["contexts"] = json!([0, 1, 2]);
                    }
                }
            }
            c
        })
        .collect()
}

/// A stable hash for bucket ids (Discord's are opaque strings).
fn fxhash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}
