//! [`TestBot`]: the real bot (serenity and poise, started by `discord::start_with_reload`)
//! against the fake Discord on 127.0.0.1, with the article folder and engine it serves, and
//! typed helpers for what a user does: ask, click a button, write in a thread.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use fake_discord::*;
use interview_bot::app;
use interview_bot::config::{CliLayer, Files, Loaded};
use interview_bot::discord::reload::Rebuild;
use interview_bot::discord::{start_with_reload, BotSettings, RunningBot};
use interview_bot::search::Engine;
use serde_json::Value;

use super::{seeds_engine, words_config};

/// Settings pointing the bot at `fake` (test token, test guild), from the `DISCORD_*`
/// variables through the configuration's layers, as `serve` reads them.
pub fn settings(fake: &FakeDiscord) -> BotSettings {
    let config = Loaded::load(Files::Skip, fake.discord_env(), &CliLayer::default())
        .expect("the test settings load")
        .config;
    BotSettings::from_config(&config.discord).expect("the test settings are valid")
}

/// How a [`TestBot`] starts. The default: the seeds (one shared engine, words only), commands
/// registered in the test guild, no reload.
#[derive(Default)]
pub struct Options {
    /// The bot's own article folder (the bot keeps it): built into a fresh engine, and what
    /// `/reload` re-reads unless [`Options::rebuild`] says otherwise.
    pub articles: Option<tempfile::TempDir>,
    /// What `/reload` runs instead.
    pub rebuild: Option<Rebuild>,
    /// Register the commands globally (no guild id).
    pub global: bool,
    /// Request the Message Content intent.
    pub message_content: bool,
    /// Defer every command at once (the deadline a large corpus would hit).
    pub defer_at_once: bool,
    /// The longest wait for one REST request, instead of the bot's default.
    pub http_timeout: Option<Duration>,
    /// A fake already started (e.g. with Discord's own heartbeat interval).
    pub fake: Option<FakeDiscord>,
    /// Where votes go; without a store answers carry no 👍 / 👎.
    pub feedback: Option<interview_bot::feedback::FeedbackStore>,
    /// The per-user pause between questions; none by default, as tests ask in quick turns.
    pub cooldown: Option<Duration>,
    /// The default path: no proxy, serenity's own rate limiter, HTTPS to discord.com (which
    /// the fake serves through its tunnel) instead of plain HTTP to the fake's proxy port.
    pub direct: bool,
}

impl Options {
    /// A bot with its own copy of the seeds, which a test may change and `/reload` re-reads.
    pub fn own_seeds() -> Self {
        Options {
            articles: Some(super::seeds_copy()),
            ..Options::default()
        }
    }
}

/// The bot and the fake it talks to. [`TestBot::stop`] ends a test with every check a test of
/// the Discord side owes: clean shutdown, no interaction answered twice, nothing the fake does
/// not serve, no pings, no violations of Discord's spec.
pub struct TestBot {
    pub fake: FakeDiscord,
    pub bot: RunningBot,
    pub engine: Arc<Engine>,
    /// The article folder, when the bot has its own ([`Options::articles`]).
    pub articles: Option<tempfile::TempDir>,
    settings: BotSettings,
    rebuild: Option<Rebuild>,
}

impl TestBot {
    /// Starts the fake (unless given) and the bot, and waits until the bot has registered its
    /// commands and identified.
    pub async fn spawn(o: Options) -> TestBot {
        let fake = match o.fake {
            Some(f) => f,
            None => FakeDiscord::start().await,
        };
        let mut settings = settings(&fake);
        if o.global {
            settings.guild_id = None;
        }
        settings.message_content = o.message_content;
        if o.message_content {
            // Its switch in the Developer Portal: without it Discord refuses the connection.
            fake.grant_message_content();
        }
        if o.defer_at_once {
            settings.defer_after = Duration::ZERO;
        }
        if let Some(t) = o.http_timeout {
            settings.http_timeout = t;
        }
        settings.feedback = o.feedback;
        settings.cooldown = o.cooldown.unwrap_or(Duration::ZERO);
        if o.direct {
            settings.proxy_url = None;
            settings.rest_client = Some(fake.direct_client());
        }
        let (engine, rebuild) = match &o.articles {
            Some(dir) => {
                let config = words_config(dir.path());
                let engine = Arc::new(app::build_engine(config.clone()).expect("engine"));
                let rebuild: Rebuild = Arc::new(move || app::build_engine(config.clone()));
                (engine, Some(o.rebuild.unwrap_or(rebuild)))
            }
            None => (seeds_engine(), o.rebuild),
        };
        let bot = boot(&fake, &settings, engine.clone(), rebuild.clone()).await;
        TestBot {
            fake,
            bot,
            engine,
            articles: o.articles,
            settings,
            rebuild,
        }
    }

    /// The bot's article folder. Panics for a bot on the shared seeds.
    pub fn articles(&self) -> &Path {
        self.articles
            .as_ref()
            .expect("a bot with its own articles")
            .path()
    }

    /// Stops the bot (with [`TestBot::stop`]'s checks) and starts a new one on the same fake
    /// and engine, as a restarted process would be: nothing kept in memory.
    pub async fn restart(self) -> TestBot {
        let TestBot {
            fake,
            bot,
            engine,
            articles,
            settings,
            rebuild,
        } = self;
        shut_down(&fake, bot).await;
        let bot = boot(&fake, &settings, engine.clone(), rebuild.clone()).await;
        TestBot {
            fake,
            bot,
            engine,
            articles,
            settings,
            rebuild,
        }
    }

    /// Sends an interaction and returns the callback body ([`call`]).
    pub async fn call(&self, i: &Value) -> Value {
        call(&self.fake, i).await
    }

    /// `/ask question` in `place`; the callback body.
    pub async fn ask(&self, question: &str, place: &Place) -> Value {
        self.call(&ask(question, place)).await
    }

    /// `/ask question` in the test channel; the message the answer was posted as.
    pub async fn answer_message(&self, question: &str) -> Value {
        let i = ask(question, &Place::channel());
        self.call(&i).await;
        self.fake
            .original_response(&i)
            .expect("the answer is a message")
    }

    /// The bot still answers: the awards question gets the Peabody passage of its article.
    pub async fn assert_still_answers(&self) {
        let body = self
            .ask("Which awards did Jessica Jones win?", &Place::channel())
            .await;
        let description = text(&body["data"]["embeds"][0]["description"]);
        assert!(description.contains("Peabody"), "{body}");
    }

    /// Clicks the button `custom_id` on the bot's message `msg` (a message object) in the
    /// test channel; the callback body.
    pub async fn click(&self, msg: &Value, custom_id: &str) -> Value {
        self.call(&Interactions::button_click(
            custom_id,
            msg,
            &Place::channel(),
        ))
        .await
    }

    /// Sends an interaction and returns what the user finally sees ([`final_reply`]).
    pub async fn final_reply(&self, i: &Value) -> Value {
        final_reply(&self.fake, i).await
    }

    /// [`TestBot::final_reply`] for an interaction already sent.
    pub async fn final_reply_of_sent(&self, i: &Value) -> Value {
        final_reply_of_sent(&self.fake, i).await
    }

    /// A user writes `content` (mentioning the bot) in thread or channel `channel`; the bot's
    /// reply (the POST body of the message that references it).
    pub async fn thread_message(&self, channel: u64, content: &str) -> Value {
        let msg = message_create(
            channel,
            Some(GUILD_ID),
            &default_user(),
            &format!("{} {content}", mention(BOT_USER_ID)),
            &[bot_user()],
        );
        self.fake.send_message(&msg).await;
        self.reply_to(&msg).await
    }

    /// Waits for the bot's reply to `msg` (a message referencing it) and returns the POST body.
    pub async fn reply_to(&self, msg: &Value) -> Value {
        let channel = msg["channel_id"].as_str().expect("channel").to_string();
        let mid = msg["id"].clone();
        let path = format!("/channels/{channel}/messages");
        let post = self
            .fake
            .wait_for_request(
                |r| {
                    r.is("POST", &path)
                        && r.body
                            .as_ref()
                            .is_some_and(|b| b["message_reference"]["message_id"] == mid)
                },
                WAIT,
            )
            .await;
        post.body.expect("reply body")
    }

    /// Stops the bot and checks what every test of the Discord side must hold; the fake stays
    /// for checks on everything the bot did.
    pub async fn stop(self) -> FakeDiscord {
        shut_down(&self.fake, self.bot).await;
        self.fake
    }
}

/// Shuts `bot` down cleanly, then: no interaction answered twice, nothing the fake does not
/// serve, no pings, no violations of Discord's spec.
async fn shut_down(fake: &FakeDiscord, bot: RunningBot) {
    bot.shutdown().await.expect("the bot shuts down cleanly");
    let mut callbacks: HashMap<String, usize> = HashMap::new();
    for r in fake.requests() {
        if r.is("POST", "/interactions/*/*/callback") && r.status == Some(204) {
            *callbacks.entry(r.path.clone()).or_default() += 1;
        }
    }
    let twice: Vec<_> = callbacks.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "answered more than once: {twice:?}");
    assert!(
        fake.unhandled_requests().is_empty(),
        "requests the fake does not serve: {:?}",
        fake.unhandled_requests()
    );
    fake.assert_no_pings();
    fake.assert_no_violations();
}

/// Sends an interaction and returns the callback body.
pub async fn call(fake: &FakeDiscord, i: &Value) -> Value {
    fake.send_interaction(i).await;
    let cb = fake.wait_for_callback(i).await;
    assert_eq!(cb.status, Some(204), "callback accepted: {cb:?}");
    cb.body.expect("callback body")
}

/// Sends an interaction and returns what the user finally sees: the callback's message, or
/// after a deferral the followup or edit that replaces "thinking…".
pub async fn final_reply(fake: &FakeDiscord, i: &Value) -> Value {
    fake.send_interaction(i).await;
    final_reply_of_sent(fake, i).await
}

/// [`final_reply`] for an interaction already sent.
pub async fn final_reply_of_sent(fake: &FakeDiscord, i: &Value) -> Value {
    let cb = fake.wait_for_callback(i).await;
    assert_eq!(cb.status, Some(204), "callback accepted: {cb:?}");
    let body = cb.body.expect("callback body");
    if body["type"] != 5 {
        return body["data"].clone();
    }
    let token = text(&i["token"]).to_string();
    let (post, patch) = (
        format!("/webhooks/*/{token}"),
        format!("/webhooks/*/{token}/messages/@original"),
    );
    fake.wait_for_request(
        |r| r.is("POST", &post) || r.is("PATCH", &patch),
        Duration::from_secs(60),
    )
    .await
    .body
    .expect("followup body")
}

/// Starts the bot and waits until its commands are registered (its setup has run) and its
/// shard has identified.
async fn boot(
    fake: &FakeDiscord,
    settings: &BotSettings,
    engine: Arc<Engine>,
    rebuild: Option<Rebuild>,
) -> RunningBot {
    let registrations = |fake: &FakeDiscord| {
        fake.requests()
            .iter()
            .filter(|r| r.method == "PUT" && r.path.ends_with("/commands"))
            .count()
    };
    let before = registrations(fake);
    let bot = start_with_reload(settings.clone(), engine, rebuild)
        .await
        .expect("the bot starts");
    fake.wait_for_requests(before + 1, |r| {
        r.is("PUT", "/applications/*/guilds/*/commands") || r.is("PUT", "/applications/*/commands")
    })
    .await;
    fake.wait_ready().await;
    bot
}

/// The real binary running `interview-bot --no-model serve ARGS` against a fake Discord, from
/// the project folder, its log read while it is written (a full pipe would block the bot).
pub struct Served {
    child: tokio::process::Child,
    log: tokio::task::JoinHandle<Vec<u8>>,
}

impl Served {
    /// Starts it with `fake`'s `DISCORD_*` variables, debug logging, and `env` on top.
    pub fn start(fake: &FakeDiscord, args: &[&str], env: &[(&str, &str)]) -> Served {
        let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_interview-bot"))
            .args(["--no-model", "serve"])
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .envs(fake.discord_env())
            .env("DISCORD_MESSAGE_CONTENT", "false")
            .env("RUST_LOG", "debug")
            .envs(env.iter().copied())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("the binary starts");
        let mut stderr = child.stderr.take().expect("piped stderr");
        let log = tokio::spawn(async move {
            let mut buf = Vec::new();
            let _ = tokio::io::AsyncReadExt::read_to_end(&mut stderr, &mut buf).await;
            buf
        });
        Served { child, log }
    }

    /// Sends SIGTERM and waits (5 s at most) for the exit: its status and the whole log.
    pub async fn stop(mut self) -> (std::process::ExitStatus, String) {
        let pid = self.child.id().expect("running") as libc::pid_t;
        // SAFETY: signalling a child process this test spawned and still owns.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
        let status = tokio::time::timeout(Duration::from_secs(5), self.child.wait())
            .await
            .expect("exits within 5 s of SIGTERM")
            .expect("exit status");
        let log = self.log.await.expect("log read");
        (status, String::from_utf8_lossy(&log).into_owned())
    }
}
