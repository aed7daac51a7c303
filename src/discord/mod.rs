//! The Discord layer: slash commands, embeds, buttons and thread follow-ups over the engine.
//!
//! Built on serenity 0.12 with poise 0.7 declaring the commands. The engine knows nothing of
//! Discord; this module translates interactions and messages into engine queries and answers
//! into messages.
//!
//! * [`commands`]: `/ask`, `/quote`, `/sources`, `/help`, autocomplete, error replies.
//! * [`events`]: questions in threads (messages) and button clicks.
//! * [`render`]: answers → embeds and buttons, escaping and Discord's limits (pure).
//! * [`threads`]: follow-up context, cached in memory and rebuilt over REST.
//! * [`reload`]: rebuilding the index while the bot runs (`/reload`, SIGHUP).

pub mod commands;
pub mod events;
mod framework;
pub mod protocol;
pub mod reload;
pub mod render;
pub mod reply;
mod state;
pub mod threads;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use serenity::all::{ClientBuilder, GatewayIntents, GuildId, Http, HttpBuilder, ShardManager};
use tokio::task::JoinHandle;

use crate::config::{Config, DiscordConfig};
use crate::search::Engine;
use reload::{Rebuild, ReloadError, Reloaded};

/// How the bot runs: the `discord` table of the configuration, checked (see `.env.example`).
#[derive(Clone)]
pub struct BotSettings {
    pub token: String,
    /// Base URL replacing `https://discord.com` for REST (an HTTP proxy that owns rate limits).
    pub proxy_url: Option<String>,
    /// Register the commands in this server only (instant) instead of globally.
    pub guild_id: Option<GuildId>,
    /// Request the privileged Message Content intent, so plain messages in conversation threads
    /// are answered.
    pub message_content: bool,
    /// A command whose answer is not ready after this long is deferred first, so Discord's
    /// 3-second window is never missed on a large corpus.
    pub defer_after: Duration,
    /// Longest wait for any one REST request. serenity sets none, so a stalled connection would
    /// hold a handler (and its interaction) forever.
    pub http_timeout: Duration,
    /// Where votes on answers go; without one, answers carry no vote buttons.
    pub feedback: Option<crate::feedback::FeedbackStore>,
    /// The pause a user must leave between two `/ask` or `/quote` (zero: none).
    pub cooldown: Duration,
    /// The shards this process runs; `None`: all that Discord recommends (autosharding).
    pub shards: Option<Shards>,
    /// The REST client, instead of one built from the settings above: a test's, which reaches a
    /// fake Discord over HTTPS (or a deployment's, behind its own egress proxy). Its timeout is
    /// its own.
    pub rest_client: Option<reqwest::Client>,
}

/// The shards one process runs, `first..=last` of `total`: a large bot runs one range per
/// process (or machine), all sharing the articles and the vote database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shards {
    pub first: u32,
    pub last: u32,
    pub total: u32,
}

impl Shards {
    /// From `discord.shards` ("2-3", or "2") and `discord.total_shards`.
    pub fn parse(range: Option<&str>, total: Option<u32>) -> Result<Option<Self>, SettingsError> {
        let range = range.map(str::trim).filter(|r| !r.is_empty());
        let bad = || SettingsError::BadShards {
            range: range.unwrap_or("").to_string(),
            total,
        };
        let total = match (range, total) {
            (None, None) => return Ok(None),
            (_, Some(0)) | (Some(_), None) => return Err(bad()),
            (_, Some(t)) => t,
        };
        let (first, last) = match range {
            None => (0, total - 1),
            Some(r) => {
                let (a, b) = r.split_once('-').unwrap_or((r, r));
                let n = |x: &str| x.trim().parse::<u32>().map_err(|_| bad());
                (n(a)?, n(b)?)
            }
        };
        if first > last || last >= total {
            return Err(bad());
        }
        Ok(Some(Self { first, last, total }))
    }

    /// Whether this process runs shard 0, which receives direct messages and registers the
    /// commands (once, for every process).
    pub fn has_first(&self) -> bool {
        self.first == 0
    }
}

/// The token never appears in logs, even through `{:?}`.
impl fmt::Debug for BotSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BotSettings")
            .field("token", &"<redacted>")
            .field("proxy_url", &self.proxy_url)
            .field("guild_id", &self.guild_id)
            .field("message_content", &self.message_content)
            .field("defer_after", &self.defer_after)
            .field("http_timeout", &self.http_timeout)
            .field("feedback", &self.feedback)
            .field("cooldown", &self.cooldown)
            .field("shards", &self.shards)
            .field("rest_client", &self.rest_client.is_some())
            .finish()
    }
}

/// Why the environment cannot run the bot. Each message is one line saying how to fix it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SettingsError {
    #[error(
        "DISCORD_TOKEN is not set: copy .env.example to .env and put your bot token there \
         (Discord Developer Portal → your application → Bot → Reset Token)"
    )]
    MissingToken,
    #[error("DISCORD_TOKEN looks wrong (it contains spaces): paste only the token from the Developer Portal")]
    MalformedToken,
    #[error("DISCORD_GUILD_ID must be a server id (a number; Developer Mode → right-click the server → Copy Server ID), got {0:?}")]
    BadGuildId(String),
    #[error(
        "DISCORD_PROXY_URL must be an http(s) base URL such as http://localhost:3000, got {0:?}"
    )]
    BadProxyUrl(String),
    #[error(
        "--shards must be FIRST-LAST (or one number) within --total-shards N, e.g. \
         --shards 0-1 --total-shards 4 (shards are numbered from 0); got shards {range:?} of \
         {total:?}"
    )]
    BadShards { range: String, total: Option<u32> },
}

/// Default for [`BotSettings::defer_after`]: half of Discord's window, leaving room for the
/// network.
pub const DEFER_AFTER: Duration = Duration::from_millis(1500);

/// Default for [`BotSettings::http_timeout`]: well past any healthy Discord response, short
/// enough that a stalled request is given up on while the user still cares.
pub const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

impl BotSettings {
    /// The `discord` table of the configuration, checked: every message says how to fix it.
    pub fn from_config(c: &DiscordConfig) -> Result<Self, SettingsError> {
        let token = c.token.as_ref().map(|t| t.expose().trim()).unwrap_or("");
        // People paste the header form from examples.
        let token = token
            .strip_prefix("Bot ")
            .unwrap_or(token)
            .trim()
            .to_string();
        if token.is_empty() {
            return Err(SettingsError::MissingToken);
        }
        if token.chars().any(char::is_whitespace) {
            return Err(SettingsError::MalformedToken);
        }
        let guild_id = match c.guild_id {
            None => None,
            Some(0) => return Err(SettingsError::BadGuildId("0".into())),
            Some(n) => Some(GuildId::new(n)),
        };
        let proxy_url = match c.proxy_url.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(u) if u.starts_with("http://") || u.starts_with("https://") => {
                Some(u.trim_end_matches('/').to_string())
            }
            Some(u) => return Err(SettingsError::BadProxyUrl(u.to_string())),
        };
        Ok(Self {
            token,
            proxy_url,
            guild_id,
            message_content: c.message_content,
            defer_after: DEFER_AFTER,
            http_timeout: HTTP_TIMEOUT,
            feedback: None,
            cooldown: Duration::from_secs_f32(c.cooldown_seconds.max(0.0)),
            shards: Shards::parse(c.shards.as_deref(), c.total_shards)?,
            rest_client: None,
        })
    }

    /// Guilds: thread events and channels. Guild Messages: questions in threads (a mention
    /// always carries its content). Message Content only when asked for: it is privileged.
    pub fn intents(&self) -> GatewayIntents {
        let mut i = GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES;
        if self.message_content {
            i |= GatewayIntents::MESSAGE_CONTENT;
        }
        i
    }

    /// The one `Http` the bot uses. Behind a proxy serenity's ratelimiter must be off: the
    /// proxy owns rate limits (and serenity ignores the proxy while its ratelimiter is on).
    pub fn http(&self) -> Http {
        let mut b = HttpBuilder::new(&self.token);
        // The same TLS backend serenity picks for its own client, plus the timeout.
        let client = match &self.rest_client {
            Some(c) => Ok(c.clone()),
            None => reqwest::Client::builder()
                .use_rustls_tls()
                .timeout(self.http_timeout)
                .build(),
        };
        match client {
            Ok(client) => b = b.client(client),
            Err(e) => tracing::warn!("cannot set a REST timeout, continuing without one: {e}"),
        }
        match &self.proxy_url {
            Some(url) => b.proxy(url.clone()).ratelimiter_disabled(true).build(),
            None => b.build(),
        }
    }
}

pub use state::{Data, Shared, StoredAnswer, ANSWERS_CACHED};

/// Errors the handlers cannot turn into a reply themselves.
#[derive(Debug, thiserror::Error)]
pub enum BotError {
    #[error("Discord request failed: {0}")]
    Discord(#[from] serenity::Error),
    #[error("the answer engine stopped unexpectedly: {0}")]
    Engine(#[from] tokio::task::JoinError),
}

/// Runs engine work off the async runtime: it is CPU-bound. At most one query per core runs at
/// once: a burst of interactions otherwise puts hundreds of blocking threads on the CPU, the
/// runtime's own threads get a sliver of it, and the timers that defer slow answers fire too
/// late for Discord's 3-second window. Queued queries wait without using the CPU. The limit is
/// process-wide because the cores are.
pub async fn on_engine<T: Send + 'static>(
    engine: Arc<Engine>,
    f: impl FnOnce(&Engine) -> T + Send + 'static,
) -> Result<T, BotError> {
    static SLOTS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    let slots = SLOTS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new(cores)
    });
    // Never closed, so acquiring only fails if it were; run unthrottled rather than not at all.
    let _permit = slots.acquire().await.ok();
    Ok(tokio::task::spawn_blocking(move || f(&engine)).await?)
}

/// A connected bot.
pub struct RunningBot {
    shard_manager: Arc<ShardManager>,
    shared: Arc<Shared>,
    task: JoinHandle<Result<(), serenity::Error>>,
}

impl RunningBot {
    pub fn shard_manager(&self) -> Arc<ShardManager> {
        self.shard_manager.clone()
    }

    /// What the bot keeps in memory (engine, thread and answer caches).
    pub fn shared(&self) -> Arc<Shared> {
        self.shared.clone()
    }

    /// Rebuilds the index and swaps it in, as `/reload` does.
    pub async fn reload(&self) -> Result<Reloaded, ReloadError> {
        self.shared.reloader.reload().await
    }

    /// Resolves when the client stops on its own (e.g. Discord rejected the token).
    pub async fn finished(&mut self) -> anyhow::Result<()> {
        use serenity::gateway::GatewayError;
        match (&mut self.task).await {
            Ok(Err(serenity::Error::Gateway(GatewayError::DisallowedGatewayIntents))) => {
                Err(anyhow::anyhow!(
                    "Discord refused the Message Content intent: turn it on in the Developer \
                     Portal (Bot → Privileged Gateway Intents → Message Content Intent), or set \
                     DISCORD_MESSAGE_CONTENT=false"
                ))
            }
            Ok(r) => r.context("the Discord connection ended"),
            Err(e) => Err(anyhow::anyhow!("the Discord client task failed: {e}")),
        }
    }

    /// Closes every shard and waits (a few seconds at most) for the client to end.
    pub async fn shutdown(self) -> anyhow::Result<()> {
        self.shard_manager.shutdown_all().await;
        match tokio::time::timeout(Duration::from_secs(5), self.task).await {
            Ok(Ok(r)) => r.context("the Discord client ended with an error"),
            Ok(Err(e)) => Err(anyhow::anyhow!("the Discord client task failed: {e}")),
            Err(_) => {
                tracing::warn!("the Discord client did not stop within 5 s; leaving anyway");
                Ok(())
            }
        }
    }
}

/// Connects the bot (autosharded) with an engine that is already built. Commands are
/// registered once the first shard is ready. `/reload` answers that reloading is not set up;
/// see [`start_with_reload`].
pub async fn start(settings: BotSettings, engine: Arc<Engine>) -> anyhow::Result<RunningBot> {
    start_with_reload(settings, engine, None).await
}

/// [`start`], with `rebuild` building a fresh engine for `/reload` and [`RunningBot::reload`].
pub async fn start_with_reload(
    settings: BotSettings,
    engine: Arc<Engine>,
    rebuild: Option<Rebuild>,
) -> anyhow::Result<RunningBot> {
    let http = settings.http();
    let intents = settings.intents();
    let shards = settings.shards;
    let shared = Arc::new(Shared::new(engine, rebuild));
    let framework = framework::framework(settings, shared.clone());
    let mut client = ClientBuilder::new_with_http(http, intents)
        .framework(framework)
        .await
        .context("cannot set up the Discord client")?;
    let shard_manager = client.shard_manager.clone();
    let task = tokio::spawn(async move {
        match shards {
            // serenity's range is inclusive of its end ("4..7" starts shards 4 to 7).
            Some(s) => client.start_shard_range(s.first..s.last, s.total).await,
            None => client.start_autosharded().await,
        }
    });
    Ok(RunningBot {
        shard_manager,
        shared,
        task,
    })
}

/// Waits for SIGINT (Ctrl-C) or SIGTERM.
async fn stop_signal() -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut term = signal(SignalKind::terminate()).context("cannot listen for SIGTERM")?;
        tokio::select! {
            r = tokio::signal::ctrl_c() => r.context("cannot listen for Ctrl-C")?,
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    tokio::signal::ctrl_c()
        .await
        .context("cannot listen for Ctrl-C")?;
    Ok(())
}

/// Resolves on each SIGHUP; never on platforms without it.
struct Hangups {
    #[cfg(unix)]
    signal: Option<tokio::signal::unix::Signal>,
}

impl Hangups {
    fn new() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let signal = signal(SignalKind::hangup())
                .map_err(|e| tracing::warn!("cannot listen for SIGHUP, reload with /reload: {e}"))
                .ok();
            Self { signal }
        }
        #[cfg(not(unix))]
        Self {}
    }

    async fn next(&mut self) {
        #[cfg(unix)]
        if let Some(s) = &mut self.signal {
            if s.recv().await.is_some() {
                return;
            }
        }
        std::future::pending::<()>().await
    }
}

/// The vote store, when votes are on. One that cannot be opened costs the votes only: the bot
/// answers without vote buttons, and says why in the log.
async fn open_feedback(config: &Config, token: &str) -> Option<crate::feedback::FeedbackStore> {
    if !config.feedback.enabled {
        return None;
    }
    match config.feedback.open(token).await {
        Ok(store) => {
            tracing::info!(backend = ?store.backend(), "votes are stored");
            Some(store)
        }
        Err(e) => {
            tracing::error!("votes are off: {e}");
            None
        }
    }
}

/// `interview-bot serve`: reads the settings, builds the index, connects, and runs until
/// SIGINT/SIGTERM. SIGHUP rebuilds the index from the articles in the background.
pub fn serve(config: Config) -> anyhow::Result<()> {
    // Checked before the (slow) index build, so a missing token fails at once.
    let mut settings = BotSettings::from_config(&config.discord)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let result = runtime.block_on(async move {
        settings.feedback = open_feedback(&config, &settings.token).await;
        // The model is loaded once (off the async threads, as the index is built): a reload
        // re-reads the articles, not the weights.
        let for_reload = config.clone();
        // Words first: the bot answers at once, and the model's index (whose sentences may
        // take minutes to embed on a new corpus) replaces it when ready, below.
        let (engine, model) = tokio::task::spawn_blocking(move || crate::app::words_first(config))
            .await
            .context("building the index panicked")??;
        let embedder = model.as_ref().map(|m| m.embedder.clone());
        let rebuild: Rebuild =
            Arc::new(move || crate::app::build_engine_with(for_reload.clone(), model.clone()));
        tracing::info!(
            guild = ?settings.guild_id,
            proxy = settings.proxy_url.is_some(),
            message_content = settings.message_content,
            shards = %settings
                .shards
                .map_or("all".to_string(), |s| format!("{}-{} of {}", s.first, s.last, s.total)),
            "connecting to Discord"
        );
        let mut bot = start_with_reload(settings, Arc::new(engine), Some(rebuild)).await?;
        let shared = bot.shared();
        if let Some(embedder) = embedder {
            tokio::spawn(shared.clone().warm_up(embedder));
        }
        let mut hangups = Hangups::new();
        let stop = stop_signal();
        tokio::pin!(stop);
        loop {
            tokio::select! {
                r = &mut stop => {
                    r?;
                    tracing::info!("shutting down");
                    return bot.shutdown().await;
                }
                r = bot.finished() => return r,
                () = hangups.next() => {
                    tracing::info!("SIGHUP: reloading the articles");
                    let shared = shared.clone();
                    // The reloader logs the outcome; a reload already running logs that too.
                    tokio::spawn(async move { shared.reloader.reload().await });
                }
            }
        }
    });
    // Blocking engine work still running must not hold the exit up.
    runtime.shutdown_timeout(Duration::from_secs(2));
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{CliLayer, Files, Loaded};

    /// Settings from these environment variables, through the configuration's layers.
    fn from_env(pairs: &[(&str, &str)]) -> anyhow::Result<BotSettings> {
        let env = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string()));
        let config = Loaded::load(Files::Skip, env, &CliLayer::default())?.config;
        Ok(BotSettings::from_config(&config.discord)?)
    }

    #[test]
    fn settings_parse_and_never_show_the_token() {
        let s = from_env(&[
            ("DISCORD_TOKEN", " Bot abc.def.ghi "),
            ("DISCORD_GUILD_ID", "123"),
            ("DISCORD_PROXY_URL", "http://localhost:3000/"),
            ("DISCORD_MESSAGE_CONTENT", "TRUE"),
        ])
        .unwrap();
        assert_eq!(s.token, "abc.def.ghi");
        assert_eq!(s.guild_id, Some(GuildId::new(123)));
        assert_eq!(s.proxy_url.as_deref(), Some("http://localhost:3000"));
        assert!(s.message_content);
        assert!(s.intents().contains(GatewayIntents::MESSAGE_CONTENT));
        assert!(!format!("{s:?}").contains("abc.def.ghi"));

        let d = from_env(&[("DISCORD_TOKEN", "t"), ("DISCORD_GUILD_ID", "")]).unwrap();
        assert_eq!(d.guild_id, None);
        assert!(!d.message_content);
        assert!(!d.intents().contains(GatewayIntents::MESSAGE_CONTENT));
    }

    #[test]
    fn bad_settings_say_what_to_do() {
        let err = |pairs: &[(&str, &str)]| format!("{:#}", from_env(pairs).unwrap_err());
        let missing = SettingsError::MissingToken.to_string();
        assert_eq!(err(&[]), missing);
        assert_eq!(err(&[("DISCORD_TOKEN", "  ")]), missing);
        let with = |k, v| err(&[("DISCORD_TOKEN", "t"), (k, v)]);
        assert!(err(&[("DISCORD_TOKEN", "a b")]).contains("spaces"));
        assert!(with("DISCORD_GUILD_ID", "abc").contains("DISCORD_GUILD_ID"));
        assert!(with("DISCORD_GUILD_ID", "0").contains("server id"));
        assert!(with("DISCORD_PROXY_URL", "localhost").contains("http(s)"));
        assert!(with("DISCORD_MESSAGE_CONTENT", "maybe").contains("DISCORD_MESSAGE_CONTENT"));
        for e in [err(&[]), with("DISCORD_GUILD_ID", "x")] {
            assert!(!e.contains('\n'), "{e}");
        }
    }

    #[test]
    fn a_process_runs_the_shard_range_it_is_given() {
        let shards = |range: &str, total: &str| {
            from_env(&[
                ("DISCORD_TOKEN", "t"),
                ("DISCORD_SHARDS", range),
                ("DISCORD_TOTAL_SHARDS", total),
            ])
            .map(|s| s.shards)
            .map_err(|e| format!("{e:#}"))
        };
        let range = |first, last, total| Ok(Some(Shards { first, last, total }));
        assert_eq!(shards("", ""), Ok(None), "unset: autosharding");
        assert_eq!(shards("2-3", "4"), range(2, 3, 4));
        assert_eq!(shards(" 1 ", "2"), range(1, 1, 2));
        assert_eq!(shards("", "3"), range(0, 2, 3), "total alone: all of them");
        for (r, t) in [
            ("0-2", "2"),
            ("3-1", "4"),
            ("1", ""),
            ("a-b", "2"),
            ("0", "0"),
        ] {
            let e = shards(r, t).expect_err(r);
            assert!(
                e.contains("--shards") && e.contains("--total-shards"),
                "{e}"
            );
        }
        assert!(Shards::parse(Some("0-1"), Some(4))
            .unwrap()
            .unwrap()
            .has_first());
        assert!(!Shards::parse(Some("2-3"), Some(4))
            .unwrap()
            .unwrap()
            .has_first());
    }
}
