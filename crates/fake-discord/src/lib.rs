//! A fake Discord (REST + gateway) on 127.0.0.1 for end-to-end tests of the real serenity
//! client, and a validator that holds every REST request to Discord's OpenAPI spec.
//!
//! # Use
//!
//! ```ignore
//! let fake = FakeDiscord::start().await;
//! // Everything the bot does over HTTP must use this `Http` (or one built the same way):
//! // an `Http::new(token)` built elsewhere talks to the real Discord.
//! let mut client = serenity::all::ClientBuilder::new_with_http(fake.http(), intents)
//!     .event_handler(handler)
//!     .await?;
//! let shards = client.shard_manager.clone();
//! tokio::spawn(async move { client.start_autosharded().await });
//! fake.wait_ready().await;
//! let i = Interactions::slash_command("ask", &[Opt::string("question", "why?")], &Place::channel());
//! fake.send_interaction(&i).await;
//! let cb = fake.wait_for_callback(&i).await;
//! assert_eq!(cb.body.unwrap()["type"], 4);
//! shards.shutdown_all().await;
//! fake.assert_no_violations();
//! ```
//!
//! # Guarantees and rules
//!
//! * Every REST request is recorded ([`FakeDiscord::requests`]) *after* its effects are applied,
//!   so once [`FakeDiscord::wait_for_request`] returns, GETs see the change.
//! * Every request is validated (see [`validate`]); problems are collected as violations. A fake
//!   dropped with unclaimed violations panics, so a test cannot forget to look; tests that
//!   expect violations claim them with [`FakeDiscord::take_violations`].
//! * Waiting never sleeps: state changes bump a `watch` counter and waiters re-check. Timeouts
//!   ([`WAIT`]) only turn a hang into a readable failure.
//! * Unknown endpoints get a Discord-style 404 and are flagged `unhandled` in the record.
//! * [`FakeDiscord::wait_for_request`] returns the first match *ever*, earlier ones included:
//!   make predicates specific (an interaction id, a channel id, `r.index > n`).
//!
//! # What it serves
//!
//! Startup: `GET /gateway` (serenity's client build; on failure serenity silently falls back to
//! the real gateway), `GET /gateway/bot` (`start_autosharded`, 1 shard), `GET
//! /oauth2/applications/@me` (poise's owner lookup), `GET /users/@me`, command registration
//! `PUT/GET /applications/{app}/commands` and `.../guilds/{guild}/commands` (ids equal
//! [`command_id`] of the name, as the interaction builders use).
//!
//! Messages and channels: `GET/PATCH /channels/{id}`, `POST /channels/{id}/typing`,
//! `GET/POST /channels/{id}/messages` (history with `before`/`after`/`around`/`limit`, newest
//! first), `GET/PATCH/DELETE /channels/{id}/messages/{mid}`, `POST
//! /channels/{id}/messages/{mid}/threads` (thread id = message id; a second thread on the same
//! message is Discord's 400 160004), `POST /channels/{id}/threads`.
//!
//! Interactions: `POST /interactions/{id}/{token}/callback` (204; types 4/5 create the original
//! message, 6/7 target the clicked message; a second answer is 400 40060; an answer after the
//! deadline is 404 10062 plus a violation), `GET/PATCH/DELETE
//! /webhooks/{app}/{token}/messages/@original` and `.../messages/{mid}`, followups `POST
//! /webhooks/{app}/{token}` (the first followup after a deferral replaces the "thinking"
//! message, as on Discord). Ephemeral messages are stored but invisible to channel endpoints.
//!
//! # Pitfalls found while building this (serenity 0.12.5, poise 0.7.1)
//!
//! * The proxy only applies to an `Http` built with `HttpBuilder::proxy(..)
//!   .ratelimiter_disabled(true)`; give the bot that `Http` (via `ClientBuilder::new_with_http`)
//!   and never let it construct `Http::new` itself.
//! * poise's default `FrameworkOptions::allowed_mentions` lets replies ping users *and* the
//!   replied-to user. Set `allowed_mentions: Some(CreateAllowedMentions::new())`, which
//!   serialises as `{"parse":[],"users":[],"roles":[]}`.
//! * serenity sends JSON unless files are attached, then multipart with `payload_json` (and
//!   `attachments: [{"id": 0, ..}]`, integer ids the spec does not allow but Discord does; the
//!   validator accepts them).
//! * The spec allows 4000 content characters (a Nitro limit); bots get 2000, which is enforced.
//! * `edit_original_interaction_response`, followups etc. need `http.application_id`, which
//!   serenity fills from READY. REST-only tests must call `http.set_application_id(APP_ID.into())`.
//! * No GUILD_CREATE is sent, so serenity's cache knows no guild or channel: find a thread's
//!   parent with `GET /channels/{id}`, not the cache.
//! * serenity sends the gateway token as `Bot <token>`.
//! * Close 4000, op 7 and TCP drops RESUME at once. Anything that makes serenity re-IDENTIFY
//!   (op 9 with `false`, a failed RESUME) goes through its shard queuer, which waits until 5 s
//!   after the previous shard start: such tests take over 5 s.
//! * The shard loop polls for work every 500 ms at most, so `shutdown_all` takes up to ~0.5 s.
//! * A dispatch serenity cannot deserialise is dropped with only a log line; run with
//!   `RUST_LOG=serenity=warn` (see [`init_logging`]) when an event seems to vanish.

pub mod drive;
pub mod gateway;
pub mod payloads;
pub mod rest;
pub mod state;
pub mod tls;
pub mod validate;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;

pub use payloads::*;
pub use validate::{limits, SpecValidator};

use state::{Fault, State};

/// Routes serenity's and the fake's logs to the test output when `RUST_LOG` is set (e.g.
/// `RUST_LOG=serenity=debug`), which is where serenity reports payloads it could not parse.
pub fn init_logging() {
    if std::env::var_os("RUST_LOG").is_some() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_test_writer()
            .try_init();
    }
}

/// Upper bound for every `wait_*`: generous, because it only guards against hangs.
pub const WAIT: Duration = Duration::from_secs(15);

/// One REST request the bot made.
#[derive(Clone, Debug)]
pub struct RecordedRequest {
    /// Position in [`FakeDiscord::requests`].
    pub index: usize,
    /// `GET`, `POST`, …
    pub method: String,
    /// Path without the `/api/v10` prefix, e.g. `/channels/123/messages`.
    pub path: String,
    /// The OpenAPI path template it matched, e.g. `/channels/{channel_id}/messages`.
    pub route: Option<String>,
    /// Query pairs in order (serenity's leading `&` is tolerated).
    pub query: Vec<(String, String)>,
    /// The JSON body; for multipart requests the `payload_json` part.
    pub body: Option<Value>,
    /// File names of multipart uploads.
    pub files: Vec<String>,
    /// The status the fake answered; `None` while an injected hang holds it.
    pub status: Option<u16>,
    /// No fake endpoint served it (answered 404).
    pub unhandled: bool,
    /// Answered by an injected fault instead of the fake's normal behaviour.
    pub faulted: bool,
}

impl RecordedRequest {
    /// Matches method and a path pattern in which `*` or any `{name}` segment matches one
    /// segment: `r.is("POST", "/interactions/*/*/callback")`.
    pub fn is(&self, method: &str, pattern: &str) -> bool {
        if !self.method.eq_ignore_ascii_case(method) {
            return false;
        }
        let a: Vec<&str> = self.path.trim_matches('/').split('/').collect();
        let b: Vec<&str> = pattern.trim_matches('/').split('/').collect();
        a.len() == b.len()
            && a.iter()
                .zip(&b)
                .all(|(x, p)| *p == "*" || (p.starts_with('{') && p.ends_with('}')) || x == p)
    }

    /// A query parameter's value.
    pub fn query_param(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// What an injected fault answers instead of the normal endpoint.
#[derive(Clone, Debug)]
pub enum FaultResponse {
    Status {
        status: u16,
        body: Value,
        headers: Vec<(String, String)>,
    },
    /// Never answers (until [`FakeDiscord::release_hung_requests`] or drop, then 500).
    Hang,
}

impl FaultResponse {
    /// A Discord-style error: `{"message": .., "code": ..}`.
    pub fn error(status: u16, code: u64, message: &str) -> Self {
        FaultResponse::Status {
            status,
            body: json!({ "message": message, "code": code }),
            headers: vec![],
        }
    }

    /// A 429 as Discord sends it: body with `retry_after` (seconds) and the rate-limit headers.
    pub fn rate_limited(retry_after_secs: f64, global: bool) -> Self {
        let h = |k: &str, v: String| (k.to_string(), v);
        FaultResponse::Status {
            status: 429,
            body: json!({
                "message": "You are being rate limited.",
                "retry_after": retry_after_secs,
                "global": global,
            }),
            headers: vec![
                h("retry-after", retry_after_secs.ceil().to_string()),
                h("x-ratelimit-limit", "5".into()),
                h("x-ratelimit-remaining", "0".into()),
                h("x-ratelimit-reset-after", retry_after_secs.to_string()),
                h("x-ratelimit-bucket", "fake-bucket".into()),
                h(
                    "x-ratelimit-scope",
                    if global { "global" } else { "user" }.into(),
                ),
            ]
            .into_iter()
            .chain(global.then(|| h("x-ratelimit-global", "true".into())))
            .collect(),
        }
    }
}

/// State shared by the server tasks and the test-facing handle.
pub(crate) struct Shared {
    state: Mutex<State>,
    generation: watch::Sender<u64>,
    rest_addr: SocketAddr,
    gateway_addr: SocketAddr,
    heartbeat_interval_ms: AtomicU64,
    ack_heartbeats: AtomicBool,
    /// The privileged intents the application has been granted (the Developer Portal's
    /// switches); IDENTIFY asking for any other is closed with 4014.
    privileged_intents: AtomicU64,
    release_hung: Notify,
    hung_released: AtomicBool,
    tasks: Mutex<Vec<JoinHandle<()>>>,
    /// The CONNECT tunnel into the HTTPS side (see [`tls`]), and its certificate.
    tunnel_addr: SocketAddr,
    certificate_pem: String,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panicking test thread may poison it; the data is still what we want to report.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Wakes every waiter to re-check its condition.
    fn bump(&self) {
        self.generation.send_modify(|g| *g += 1);
    }

    fn gateway_url(&self) -> String {
        format!("ws://{}", self.gateway_addr)
    }
}

/// The fake Discord. Dropping it stops its servers.
pub struct FakeDiscord {
    shared: Arc<Shared>,
}

impl FakeDiscord {
    /// Binds REST and gateway listeners on 127.0.0.1 (ephemeral ports) and starts serving.
    /// Seeded: the guild [`GUILD_ID`], its text channel [`CHANNEL_ID`], and the DM channel
    /// [`DM_CHANNEL_ID`] with [`USER_ID`].
    pub async fn start() -> FakeDiscord {
        init_logging();
        let rest = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind fake REST listener");
        let gw = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind fake gateway listener");
        let tunnel = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind fake HTTPS tunnel listener");
        let tls = tls::Tls::new();
        let shared = Arc::new(Shared {
            state: Mutex::new(State::new()),
            generation: watch::channel(0).0,
            rest_addr: rest.local_addr().expect("REST listener address"),
            gateway_addr: gw.local_addr().expect("gateway listener address"),
            heartbeat_interval_ms: AtomicU64::new(500),
            ack_heartbeats: AtomicBool::new(true),
            privileged_intents: AtomicU64::new(0),
            release_hung: Notify::new(),
            hung_released: AtomicBool::new(false),
            tasks: Mutex::new(Vec::new()),
            tunnel_addr: tunnel.local_addr().expect("tunnel listener address"),
            certificate_pem: tls.cert_pem.clone(),
        });
        // Parse the spec now rather than inside the first request, so a slow first parse
        // cannot eat into an interaction's response deadline.
        SpecValidator::global();

        let app = axum::Router::new()
            .fallback(rest::handle)
            .with_state(shared.clone());
        let https = app.clone();
        let rest_task = tokio::spawn(async move {
            axum::serve(rest, app).await.expect("fake REST server");
        });
        // The same API over HTTPS, reached through a CONNECT tunnel (the default path).
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let tunnels = tls::TunnelListener {
            rx,
            addr: shared.tunnel_addr,
        };
        let https_task = tokio::spawn(async move {
            axum::serve(tunnels, https)
                .await
                .expect("fake HTTPS server");
        });
        let tunnel_task = tokio::spawn(tls::accept_tunnels(
            shared.clone(),
            tunnel,
            tls.acceptor,
            tx,
        ));
        let gw_task = tokio::spawn(gateway::accept_loop(shared.clone(), gw));
        shared.tasks.lock().expect("task list").extend([
            rest_task,
            https_task,
            tunnel_task,
            gw_task,
        ]);
        FakeDiscord { shared }
    }

    // ---- addresses and clients -------------------------------------------------------------

    /// The proxy base for `HttpBuilder::proxy`, e.g. `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.shared.rest_addr)
    }

    /// The environment a bot pointed at this fake runs with: `DISCORD_TOKEN`, `DISCORD_GUILD_ID`
    /// (the test guild) and `DISCORD_PROXY_URL` (this fake).
    pub fn discord_env(&self) -> Vec<(String, String)> {
        vec![
            ("DISCORD_TOKEN".into(), TOKEN.into()),
            ("DISCORD_GUILD_ID".into(), GUILD_ID.to_string()),
            ("DISCORD_PROXY_URL".into(), self.base_url()),
        ]
    }

    /// The gateway URL that `GET /gateway` hands out.
    pub fn gateway_url(&self) -> String {
        self.shared.gateway_url()
    }

    /// An `Http` that talks to this fake. The proxy only takes effect with the ratelimiter
    /// disabled; with it enabled serenity would call discord.com.
    pub fn http(&self) -> serenity::http::Http {
        serenity::http::HttpBuilder::new(TOKEN)
            .proxy(self.base_url())
            .ratelimiter_disabled(true)
            .build()
    }

    /// A REST client for the bot's default path: requests go to `https://discord.com`, which
    /// this client reaches through the fake's CONNECT tunnel, trusting the certificate the fake
    /// made for `discord.com`. Hand it to `HttpBuilder::client` *without* a proxy and with the
    /// rate limiter on, as in production ([`FakeDiscord::direct_http`]).
    pub fn direct_client(&self) -> reqwest::Client {
        let proxy = reqwest::Proxy::https(format!("http://{}", self.shared.tunnel_addr))
            .expect("a proxy URL");
        let cert = reqwest::Certificate::from_pem(self.shared.certificate_pem.as_bytes())
            .expect("the fake's certificate");
        reqwest::Client::builder()
            .use_rustls_tls()
            .proxy(proxy)
            .add_root_certificate(cert)
            .build()
            .expect("a REST client")
    }

    /// An `Http` on the default path: serenity's own URLs and its rate limiter, talking to the
    /// fake over HTTPS ([`FakeDiscord::direct_client`]).
    pub fn direct_http(&self) -> serenity::http::Http {
        serenity::http::HttpBuilder::new(TOKEN)
            .client(self.direct_client())
            .build()
    }

    /// Turns on Discord's per-route rate limits: every bucket (a route and its channel, guild,
    /// webhook or interaction) takes `limit` requests per `window`, answers carry the
    /// `X-RateLimit-*` headers, and a request to an empty bucket gets a 429 with `retry_after`.
    pub fn set_rate_limits(&self, limit: u32, window: Duration) {
        self.shared.lock().rate_limits = Some(state::RateLimits { limit, window });
    }

    /// How many requests found their bucket empty (429) since the start.
    pub fn rate_limited_count(&self) -> usize {
        self.shared.lock().rate_limited
    }

    // ---- gateway ---------------------------------------------------------------------------

    /// HELLO's heartbeat interval for connections made from now on (default 500 ms).
    pub fn set_heartbeat_interval(&self, interval: Duration) {
        self.shared
            .heartbeat_interval_ms
            .store(interval.as_millis() as u64, Ordering::Relaxed);
    }

    /// Whether heartbeats get an ACK (op 11). Without ACKs serenity declares the connection a
    /// zombie after one interval and reconnects.
    /// Grants the Message Content intent, as its switch in the Developer Portal does. Without
    /// it an IDENTIFY asking for the intent is closed with 4014, as on Discord.
    pub fn grant_message_content(&self) {
        self.shared
            .privileged_intents
            .fetch_or(1 << 15, Ordering::Relaxed);
    }

    pub fn set_heartbeat_ack(&self, ack: bool) {
        self.shared.ack_heartbeats.store(ack, Ordering::Relaxed);
    }

    /// How long after dispatch an interaction may first be answered (Discord: 3 s). A later
    /// callback is a violation and gets Discord's 404 "Unknown interaction".
    pub fn set_interaction_deadline(&self, deadline: Duration) {
        self.shared.lock().interaction_deadline = deadline;
    }

    /// Waits for the first IDENTIFY and returns its `d` (token, intents, shard, …).
    pub async fn wait_for_identify(&self) -> Value {
        self.wait_until("an IDENTIFY", |s| s.gateway.identifies.first().cloned())
            .await
    }

    /// Waits until `n` IDENTIFYs have arrived in total.
    pub async fn wait_for_identifies(&self, n: usize) {
        self.wait_until(&format!("{n} IDENTIFYs"), |s| {
            (s.gateway.identifies.len() >= n).then_some(())
        })
        .await
    }

    /// Waits until `n` RESUMEs have arrived in total.
    pub async fn wait_for_resumes(&self, n: usize) {
        self.wait_until(&format!("{n} RESUMEs"), |s| {
            (s.gateway.resumes.len() >= n).then_some(())
        })
        .await
    }

    /// Waits until `n` heartbeats have arrived in total.
    pub async fn wait_for_heartbeats(&self, n: usize) {
        self.wait_until(&format!("{n} heartbeats"), |s| {
            (s.gateway.heartbeats >= n).then_some(())
        })
        .await
    }

    /// Waits until a connection has a live session (READY or RESUMED sent), i.e. dispatches
    /// will be delivered.
    pub async fn wait_ready(&self) {
        self.wait_until("a live gateway session", |s| s.gateway.live.map(|_| ()))
            .await
    }

    pub fn identify_count(&self) -> usize {
        self.shared.lock().gateway.identifies.len()
    }

    pub fn resume_count(&self) -> usize {
        self.shared.lock().gateway.resumes.len()
    }

    pub fn heartbeat_count(&self) -> usize {
        self.shared.lock().gateway.heartbeats
    }

    /// WebSocket connections accepted so far.
    pub fn connection_count(&self) -> usize {
        self.shared.lock().gateway.connections
    }

    /// The request URI of the last gateway handshake (serenity appends `?v=10`).
    pub fn last_gateway_uri(&self) -> Option<String> {
        self.shared.lock().gateway.last_connect_uri.clone()
    }

    /// Sends a dispatch (op 0) with the next sequence number to the live connection, waiting
    /// for one if the shard is reconnecting. Returns the sequence number.
    ///
    /// With several shards (the bot's IDENTIFYs say how many), a dispatch about a guild goes to
    /// that guild's shard, as on Discord: `(guild_id >> 22) % shards`.
    pub async fn dispatch(&self, event: &str, data: Value) -> u64 {
        self.wait_ready().await;
        let guild = data["guild_id"].as_str().and_then(|g| g.parse().ok());
        let shard = self.shared.lock().gateway.shard_of(guild);
        self.wait_for_shard(shard).await;
        // Sending under the lock keeps frames in sequence order across concurrent callers.
        let mut st = self.shared.lock();
        st.push_dispatch(event, data)
            .expect("waited for the shard's live session")
    }

    /// Waits until shard `shard` has a live session (shard 0: [`FakeDiscord::wait_ready`]).
    pub async fn wait_for_shard(&self, shard: u64) {
        if shard == 0 {
            return self.wait_ready().await;
        }
        self.wait_until(&format!("a live session for shard {shard}"), |s| {
            s.gateway.other_shards.get(&shard)?.live.map(|_| ())
        })
        .await
    }

    /// The shard that dispatches about `guild` go to (0 while the bot runs one shard).
    pub fn shard_of(&self, guild: u64) -> u64 {
        self.shared.lock().gateway.shard_of(Some(guild))
    }

    /// Makes an interaction known to the REST side (callback and webhook endpoints) without
    /// dispatching it, for tests that drive those endpoints directly.
    pub fn register_interaction(&self, interaction: &Value) {
        self.shared.lock().register_interaction(interaction);
    }

    /// Registers an interaction (so its callback/webhook endpoints work) and dispatches
    /// INTERACTION_CREATE.
    pub async fn send_interaction(&self, interaction: &Value) -> u64 {
        self.shared.lock().register_interaction(interaction);
        self.dispatch("INTERACTION_CREATE", interaction.clone())
            .await
    }

    /// Stores a user's message (so history sees it) and dispatches MESSAGE_CREATE.
    pub async fn send_message(&self, message: &Value) -> u64 {
        self.wait_ready().await;
        let seen = {
            let mut st = self.shared.lock();
            st.add_message(message.clone());
            st.as_seen(message)
        };
        self.dispatch("MESSAGE_CREATE", seen).await
    }

    /// Stores a thread channel and dispatches THREAD_CREATE for it.
    pub async fn send_thread_create(&self, thread: &Value) -> u64 {
        self.shared.lock().add_channel(thread.clone());
        self.dispatch("THREAD_CREATE", payloads::thread_create(thread))
            .await
    }

    /// Closes the current gateway connection with `code` and completes the close handshake
    /// (4000 = "unknown error": serenity RESUMEs). Dispatches wait for the next live session.
    pub fn close_gateway(&self, code: u16) {
        self.stop_connection(gateway::Command::Close(code));
    }

    /// Resets the current gateway connection (TCP RST, no close frame), like a network failure.
    pub fn drop_gateway(&self) {
        self.stop_connection(gateway::Command::Drop);
    }

    /// Sends op 7 RECONNECT: serenity drops the connection and RESUMEs on a new one.
    pub fn request_reconnect(&self) {
        self.retire_connection(json!({ "op": 7, "s": null, "t": null, "d": null }));
    }

    /// Sends op 9 INVALID_SESSION. `resumable: false` makes serenity re-IDENTIFY, which its
    /// shard queuer delays until 5 s after the previous shard start.
    pub fn invalidate_session(&self, resumable: bool) {
        self.retire_connection(json!({ "op": 9, "s": null, "t": null, "d": resumable }));
    }

    /// Sends a frame after which the client abandons this connection; from now on dispatches
    /// wait for the next live session instead of going into the dying socket.
    fn retire_connection(&self, frame: Value) {
        let mut st = self.shared.lock();
        let (conn, tx) = st
            .gateway
            .current
            .clone()
            .expect("no open gateway connection");
        if st.gateway.live == Some(conn) {
            st.gateway.live = None;
        }
        let _ = tx.send(gateway::Command::Send(frame.to_string()));
        drop(st);
        self.shared.bump();
    }

    fn stop_connection(&self, cmd: gateway::Command) {
        let mut st = self.shared.lock();
        let (conn, tx) = st
            .gateway
            .current
            .take()
            .expect("no open gateway connection to stop");
        if st.gateway.live == Some(conn) {
            st.gateway.live = None;
        }
        let _ = tx.send(cmd);
        drop(st);
        self.shared.bump();
    }

    // ---- REST state ------------------------------------------------------------------------

    /// Adds or replaces a channel (e.g. [`thread_channel`]) for `GET /channels/{id}` and for
    /// posting into.
    pub fn add_channel(&self, channel: Value) {
        self.shared.lock().add_channel(channel);
    }

    /// Stores a message (e.g. [`bot_message`]) for the message endpoints; returns its id.
    pub fn add_message(&self, message: Value) -> u64 {
        self.shared.lock().add_message(message)
    }

    pub fn channel(&self, id: u64) -> Option<Value> {
        self.shared.lock().channels.get(&id).cloned()
    }

    pub fn message(&self, channel_id: u64, message_id: u64) -> Option<Value> {
        self.shared.lock().message(channel_id, message_id).cloned()
    }

    /// All messages in a channel, oldest first (ephemeral ones included).
    pub fn messages_in(&self, channel_id: u64) -> Vec<Value> {
        let st = self.shared.lock();
        st.messages
            .get(&channel_id)
            .map(|m| m.values().cloned().collect())
            .unwrap_or_default()
    }

    /// The interaction's original response message as it stands now.
    pub fn original_response(&self, interaction: &Value) -> Option<Value> {
        let id: u64 = interaction["id"].as_str()?.parse().ok()?;
        let st = self.shared.lock();
        let (c, m) = st.interactions.get(&id)?.original?;
        st.message(c, m).cloned()
    }

    /// Followup messages of an interaction, in order.
    pub fn followups(&self, interaction: &Value) -> Vec<Value> {
        let Some(id) = interaction["id"]
            .as_str()
            .and_then(|s| s.parse::<u64>().ok())
        else {
            return vec![];
        };
        let st = self.shared.lock();
        let Some(rec) = st.interactions.get(&id) else {
            return vec![];
        };
        rec.followups
            .iter()
            .filter_map(|m| st.message(rec.channel_id, *m).cloned())
            .collect()
    }

    /// Commands as registered: `guild: None` for global, `Some(GUILD_ID)` for guild commands.
    pub fn registered_commands(&self, guild: Option<u64>) -> Vec<Value> {
        let st = self.shared.lock();
        match guild {
            None => st.global_commands.clone(),
            Some(g) => st.guild_commands.get(&g).cloned().unwrap_or_default(),
        }
    }

    // ---- recording -------------------------------------------------------------------------

    /// Every REST request so far, in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    /// Requests no endpoint served (404). Usually a sign the fake or the bot is missing
    /// something.
    pub fn unhandled_requests(&self) -> Vec<RecordedRequest> {
        self.requests()
            .into_iter()
            .filter(|r| r.unhandled)
            .collect()
    }

    /// Returns the first request (already recorded or yet to come) matching `pred`. Panics
    /// after `timeout`, listing what did arrive.
    pub async fn wait_for_request(
        &self,
        pred: impl Fn(&RecordedRequest) -> bool,
        timeout: Duration,
    ) -> RecordedRequest {
        let found = self
            .wait_until_for("a matching request", timeout, |s| {
                s.requests.iter().find(|r| pred(r)).cloned()
            })
            .await;
        found
    }

    /// Waits for the interaction's callback (`POST /interactions/{id}/{token}/callback`).
    pub async fn wait_for_callback(&self, interaction: &Value) -> RecordedRequest {
        let id = interaction["id"]
            .as_str()
            .expect("interaction has an id")
            .to_string();
        let pattern = format!("/interactions/{id}/*/callback");
        self.wait_for_request(|r| r.is("POST", &pattern), WAIT)
            .await
    }

    /// Waits until at least `n` requests match `pred`; returns them.
    pub async fn wait_for_requests(
        &self,
        n: usize,
        pred: impl Fn(&RecordedRequest) -> bool,
    ) -> Vec<RecordedRequest> {
        self.wait_until(&format!("{n} matching requests"), |s| {
            let v: Vec<_> = s.requests.iter().filter(|r| pred(r)).cloned().collect();
            (v.len() >= n).then_some(v)
        })
        .await
    }

    /// Checks every recorded request that creates a message (posts, followups, interaction
    /// responses of type 4 and 7, a thread's first message, and edits that change content)
    /// carries `allowed_mentions` that parses nothing and names no one. Returns how many were
    /// checked. The validator flags these too; this makes the rule explicit per scenario.
    pub fn assert_no_pings(&self) -> usize {
        let st = self.shared.lock();
        let mut checked = 0;
        let mut bad = Vec::new();
        for r in &st.requests {
            let Some(body) = &r.body else { continue };
            let message = if r.is("POST", "/channels/*/messages") || r.is("POST", "/webhooks/*/*") {
                Some(body)
            } else if r.is("PATCH", "/webhooks/*/*/messages/*")
                || r.is("PATCH", "/channels/*/messages/*")
            {
                body.get("content").filter(|c| !c.is_null()).map(|_| body)
            } else if r.is("POST", "/interactions/*/*/callback") {
                matches!(body["type"].as_u64(), Some(4 | 7))
                    .then(|| body.get("data"))
                    .flatten()
            } else if r.is("POST", "/channels/*/threads")
                || r.is("POST", "/channels/*/messages/*/threads")
            {
                body.get("message")
            } else {
                None
            };
            let Some(m) = message else { continue };
            checked += 1;
            let am = &m["allowed_mentions"];
            let empty = |k: &str| am[k].as_array().is_none_or(|a| a.is_empty());
            let ok = am["parse"] == json!([])
                && empty("users")
                && empty("roles")
                && am["replied_user"] != json!(true);
            if !ok {
                bad.push(format!("{} {}: allowed_mentions {am}", r.method, r.path));
            }
        }
        assert!(
            bad.is_empty(),
            "requests that could ping:\n  {}",
            bad.join("\n  ")
        );
        checked
    }

    // ---- long runs -------------------------------------------------------------------------

    /// For load and soak runs: stop keeping requests (so the fake's memory does not grow with
    /// the run and `requests()`/`wait_for_request` see nothing new), keep only about
    /// `replay` dispatches for RESUME, and return a stream of every request instead.
    /// Validation still runs and still records violations.
    pub fn set_lean(&self, replay: usize) -> tokio::sync::mpsc::UnboundedReceiver<RecordedRequest> {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let mut st = self.shared.lock();
        st.keep_requests = false;
        st.replay_limit = Some(replay);
        st.tap = Some(tx);
        rx
    }

    /// Forgets a channel and its messages (a finished soak thread).
    pub fn forget_channel(&self, channel_id: u64) {
        let mut st = self.shared.lock();
        st.channels.remove(&channel_id);
        st.messages.remove(&channel_id);
    }

    /// Forgets an interaction and the messages it created.
    pub fn forget_interaction(&self, interaction: &Value) {
        let Some(id) = interaction["id"]
            .as_str()
            .and_then(|s| s.parse::<u64>().ok())
        else {
            return;
        };
        let mut st = self.shared.lock();
        if let Some(rec) = st.interactions.remove(&id) {
            let created = rec
                .original
                .into_iter()
                .chain(rec.followups.iter().map(|m| (rec.channel_id, *m)));
            for (c, m) in created {
                if let Some(msgs) = st.messages.get_mut(&c) {
                    msgs.remove(&m);
                }
                st.ephemeral.remove(&m);
            }
        }
    }

    // ---- fault injection -------------------------------------------------------------------

    /// The next `times` requests matching `matcher` get `response` instead of the normal
    /// answer (and have no effect on the fake's state). Faulted requests are still recorded and
    /// validated.
    pub fn inject_fault(
        &self,
        matcher: impl Fn(&RecordedRequest) -> bool + Send + Sync + 'static,
        times: usize,
        response: FaultResponse,
    ) {
        self.shared.lock().faults.push(Fault {
            matcher: Box::new(matcher),
            remaining: times,
            response,
        });
    }

    /// Shorthand: the next `times` matching requests fail with `status` and a Discord error.
    pub fn fail_next(
        &self,
        matcher: impl Fn(&RecordedRequest) -> bool + Send + Sync + 'static,
        times: usize,
        status: u16,
    ) {
        self.inject_fault(
            matcher,
            times,
            FaultResponse::error(status, 0, "injected failure"),
        );
    }

    /// Shorthand: the next `times` matching requests get a 429 with `retry_after`.
    pub fn rate_limit_next(
        &self,
        matcher: impl Fn(&RecordedRequest) -> bool + Send + Sync + 'static,
        times: usize,
        retry_after_secs: f64,
    ) {
        self.inject_fault(
            matcher,
            times,
            FaultResponse::rate_limited(retry_after_secs, false),
        );
    }

    /// Shorthand: the next `times` matching requests never get an answer.
    pub fn hang_next(
        &self,
        matcher: impl Fn(&RecordedRequest) -> bool + Send + Sync + 'static,
        times: usize,
    ) {
        self.inject_fault(matcher, times, FaultResponse::Hang);
    }

    /// Lets every currently hung request finish (with a 500).
    pub fn release_hung_requests(&self) {
        self.shared.release_hung.notify_waiters();
    }

    // ---- validation ------------------------------------------------------------------------

    /// Problems found so far (spec mismatches, limits, pings, bad auth, late callbacks, …).
    pub fn violations(&self) -> Vec<String> {
        self.shared.lock().violations.clone()
    }

    /// Returns and clears the violations, for tests that provoke them on purpose.
    pub fn take_violations(&self) -> Vec<String> {
        std::mem::take(&mut self.shared.lock().violations)
    }

    /// Panics listing every violation, if any.
    pub fn assert_no_violations(&self) {
        let v = self.take_violations();
        assert!(
            v.is_empty(),
            "Discord API violations:\n  {}",
            v.join("\n  ")
        );
    }

    /// Validates a request without sending it (path without `/api/v10`). Not recorded.
    pub fn validate(&self, method: &str, path: &str, body: Option<&Value>) -> Vec<String> {
        SpecValidator::global().check(method, path, body)
    }

    // ---- waiting ---------------------------------------------------------------------------

    /// Waits until `check` yields a value; re-checked on every state change. Panics after
    /// [`WAIT`].
    async fn wait_until<T>(&self, what: &str, check: impl Fn(&State) -> Option<T>) -> T {
        self.wait_until_for(what, WAIT, check).await
    }

    async fn wait_until_for<T>(
        &self,
        what: &str,
        timeout: Duration,
        check: impl Fn(&State) -> Option<T>,
    ) -> T {
        let deadline = tokio::time::Instant::now() + timeout;
        let mut rx = self.shared.generation.subscribe();
        loop {
            // Mark the current generation seen *before* checking, so a change racing with the
            // check still wakes the next `changed()`.
            let _ = rx.borrow_and_update();
            if let Some(v) = check(&self.shared.lock()) {
                return v;
            }
            if tokio::time::timeout_at(deadline, rx.changed())
                .await
                .is_err()
            {
                let st = self.shared.lock();
                let seen: Vec<String> = st
                    .requests
                    .iter()
                    .map(|r| format!("{} {} -> {:?}", r.method, r.path, r.status))
                    .collect();
                panic!(
                    "timed out after {timeout:?} waiting for {what}.\nREST requests seen:\n  {}\n\
                     gateway: {} connections, {} identifies, {} resumes, live={:?}\nviolations: {:#?}",
                    seen.join("\n  "),
                    st.gateway.connections,
                    st.gateway.identifies.len(),
                    st.gateway.resumes.len(),
                    st.gateway.live,
                    st.violations,
                );
            }
        }
    }
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        self.shared.hung_released.store(true, Ordering::SeqCst);
        self.shared.release_hung.notify_waiters();
        for t in self
            .shared
            .tasks
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .drain(..)
        {
            t.abort();
        }
        let leftover = std::mem::take(&mut self.shared.lock().violations);
        if !leftover.is_empty() && !std::thread::panicking() {
            panic!(
                "FakeDiscord dropped with unchecked Discord API violations \
                 (call assert_no_violations or take_violations):\n  {}",
                leftover.join("\n  ")
            );
        }
    }
}

/// An `/ask` interaction typed in `place`.
pub fn ask(question: &str, place: &Place) -> Value {
    Interactions::slash_command("ask", &[Opt::string("question", question)], place)
}

/// The snowflake in a payload's `id`.
pub fn id_of(v: &Value) -> u64 {
    v["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("numeric id")
}

/// A JSON string, or "" for anything else.
pub fn text(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}
