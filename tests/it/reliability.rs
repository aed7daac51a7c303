//! Reliability of the Discord side: reloading the index while the bot runs, gateway drops in
//! the middle of traffic, REST failures (500, 429, a hang), what user text can do when it is
//! echoed back, and the token never printed. The bot is the real serenity client started by
//! `discord::start_with_reload` against the fake Discord; the SIGHUP test runs the binary.
//!
//! Nothing sleeps to synchronise: tests wait on the fake's recorded requests, on a gate inside
//! the rebuild, or on the bot's own log lines.

use std::path::Path;
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use crate::support::bot::final_reply;
use crate::support::{captured_log, log_text, seeds_copy, words_config, Options, TestBot};
use fake_discord::*;
use interview_bot::app::{self};
use interview_bot::discord::reload::Rebuild;
use serde_json::Value;

const NEW_QUESTION: &str = "How did Valentina Orlov grow tomatoes in orbit?";

/// An article the seeds know nothing about.
const NEW_ARTICLE: &str = "Astronaut Valentina Orlov on Growing Tomatoes in Orbit

     April 2, 2024

Valentina Orlov spent six months aboard the orbital station tending a hydroponic garden of \
dwarf tomatoes, and she talked to us about the experiment after landing.

How did you grow tomatoes in orbit?

Orlov: Water behaves strangely without gravity, so the roots drowned in floating bubbles \
until we redesigned the wicks. After that the tomatoes in orbit grew faster than on Earth.

What did the tomatoes taste like?

Orlov: Bland, honestly. Everything tastes bland up there because your sinuses are blocked.
";

/// What `/reload` rebuilds from `seeds`: the engine over them, words only.
fn rebuild_from(seeds: &Path) -> Rebuild {
    let config = words_config(seeds);
    Arc::new(move || app::build_engine(config.clone()))
}

fn answered(reply: &Value) -> bool {
    reply["embeds"].as_array().is_some_and(|e| !e.is_empty())
}

/// `/reload`, sent by the application's owner (the only one it is for).
fn reload_cmd(place: &Place) -> Value {
    let mut i = Interactions::slash_command("reload", &[], place);
    let owner = user(OWNER_ID, "owner", false);
    if i.get("member").is_some() {
        i["member"]["user"] = owner;
    } else {
        i["user"] = owner;
    }
    i
}

#[tokio::test]
async fn only_the_owner_may_reload() {
    let app = TestBot::spawn(Options::own_seeds()).await;
    let dir = app.articles();
    std::fs::write(dir.join("900_orlov.txt"), NEW_ARTICLE).expect("write article");

    // A server administrator who is not the owner: refused, and nothing is rebuilt.
    let by_admin = Interactions::slash_command("reload", &[], &Place::channel());
    let reply = app.final_reply(&by_admin).await;
    assert_eq!(reply["flags"], 64, "{reply}");
    assert!(
        text(&reply["content"]).contains("Only the bot's owner"),
        "{reply}"
    );
    let still = app.final_reply(&ask(NEW_QUESTION, &Place::channel())).await;
    assert!(!answered(&still), "not reloaded: {still}");

    let reply = app.final_reply(&reload_cmd(&Place::channel())).await;
    assert!(
        text(&reply["content"]).starts_with("Reloaded: 6 articles"),
        "{reply}"
    );
    app.stop().await;
}

#[tokio::test]
async fn reload_picks_up_a_new_article() {
    let app = TestBot::spawn(Options::own_seeds()).await;
    let dir = app.articles();

    let before = app.final_reply(&ask(NEW_QUESTION, &Place::channel())).await;
    assert!(!answered(&before), "not in the seeds yet: {before}");

    std::fs::write(dir.join("900_orlov.txt"), NEW_ARTICLE).expect("write article");
    let reply = app.final_reply(&reload_cmd(&Place::channel())).await;
    assert_eq!(reply["flags"], 64, "only the admin sees it: {reply}");
    let msg = text(&reply["content"]);
    assert!(msg.starts_with("Reloaded: 6 articles"), "{msg}");
    assert!(msg.contains("passages") && msg.contains(" s."), "{msg}");

    let after = app.final_reply(&ask(NEW_QUESTION, &Place::channel())).await;
    assert!(answered(&after), "answered from the new article: {after}");
    assert!(
        after.to_string().contains("wicks"),
        "the passage about growing them: {after}"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_reload_that_finds_a_broken_file_keeps_the_last_good_index() {
    let app = TestBot::spawn(Options::own_seeds()).await;
    let dir = app.articles();

    std::fs::write(dir.join("900_orlov.txt"), NEW_ARTICLE).expect("write article");
    std::fs::write(dir.join("901_broken.txt"), b"Title\n\nCaf\xe9 au lait\n")
        .expect("write broken file");
    let reply = app.final_reply(&reload_cmd(&Place::channel())).await;
    let msg = text(&reply["content"]);
    assert!(msg.starts_with("Kept the previous index:"), "{msg}");
    assert!(
        msg.contains("901_broken.txt: not valid UTF-8"),
        "names the file and why: {msg}"
    );
    assert!(
        !msg.contains(&*dir.to_string_lossy()),
        "file names, not the server's paths: {msg}"
    );
    let still_old = app.final_reply(&ask(NEW_QUESTION, &Place::channel())).await;
    assert!(!answered(&still_old), "the old index serves: {still_old}");
    let seeds_q = app
        .final_reply(&ask(
            "Which awards did Jessica Jones win?",
            &Place::channel(),
        ))
        .await;
    assert!(answered(&seeds_q), "{seeds_q}");

    // Fixed: the next reload goes through.
    std::fs::remove_file(dir.join("901_broken.txt")).expect("remove");
    let reply = app.final_reply(&reload_cmd(&Place::channel())).await;
    assert!(text(&reply["content"]).starts_with("Reloaded: 6 articles"));
    app.stop().await;
}

/// A rebuild that waits at a gate: the test knows when it has started and decides when it may
/// finish, so "while a reload runs" needs no timing.
struct Gate {
    entered: Mutex<mpsc::Receiver<()>>,
    release: mpsc::Sender<()>,
}

fn gated(inner: Rebuild) -> (Rebuild, Gate) {
    let (entered_tx, entered_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let release_rx = Mutex::new(release_rx);
    let entered_tx = Mutex::new(entered_tx);
    let rebuild: Rebuild = Arc::new(move || {
        let _ = entered_tx.lock().expect("gate").send(());
        let _ = release_rx.lock().expect("gate").recv();
        inner()
    });
    (
        rebuild,
        Gate {
            entered: Mutex::new(entered_rx),
            release: release_tx,
        },
    )
}

#[tokio::test]
async fn the_old_index_serves_while_a_reload_runs_and_one_reload_runs_at_a_time() {
    let articles = seeds_copy();
    let (rebuild, gate) = gated(rebuild_from(articles.path()));
    let app = TestBot::spawn(Options {
        articles: Some(articles),
        rebuild: Some(rebuild),
        ..Options::default()
    })
    .await;
    let (fake, dir) = (&app.fake, app.articles());
    std::fs::write(dir.join("900_orlov.txt"), NEW_ARTICLE).expect("write article");

    let first = reload_cmd(&Place::channel());
    fake.send_interaction(&first).await;
    let gate = tokio::task::spawn_blocking(move || {
        let entered = gate.entered.lock().expect("gate").recv();
        entered.expect("the rebuild started");
        gate
    })
    .await
    .expect("gate thread");

    // The rebuild is now parked at the gate.
    let during = app
        .final_reply(&ask(
            "Which awards did Jessica Jones win?",
            &Place::channel(),
        ))
        .await;
    assert!(answered(&during), "the old index answers: {during}");
    let new_q = app.final_reply(&ask(NEW_QUESTION, &Place::channel())).await;
    assert!(!answered(&new_q), "not swapped in before it is ready");
    let second = app.final_reply(&reload_cmd(&Place::channel())).await;
    assert!(
        text(&second["content"]).contains("already running"),
        "{second}"
    );
    assert_eq!(second["flags"], 64);

    gate.release.send(()).expect("release the rebuild");
    let done = app.final_reply_of_sent(&first).await;
    assert!(
        text(&done["content"]).starts_with("Reloaded: 6 articles"),
        "{done}"
    );
    let after = app.final_reply(&ask(NEW_QUESTION, &Place::channel())).await;
    assert!(answered(&after), "swapped in once ready: {after}");
    app.stop().await;
}

#[tokio::test]
async fn reload_is_refused_in_dms() {
    let articles = seeds_copy();
    let (rebuild, _gate) = gated(rebuild_from(articles.path()));
    let app = TestBot::spawn(Options {
        articles: Some(articles),
        rebuild: Some(rebuild),
        ..Options::default()
    })
    .await;
    let _fake = &app.fake;
    let reply = app.final_reply(&reload_cmd(&Place::dm())).await;
    assert_eq!(reply["flags"], 64, "{reply}");
    assert!(!text(&reply["content"]).starts_with("Reloaded"), "{reply}");
    // The gate was never reached: no rebuild started.
    assert!(!app.bot.shared().reloader.is_busy());
    app.stop().await;
}

// ---- gateway faults ---------------------------------------------------------------------------

const QUESTIONS: [&str; 4] = [
    "Which awards did Jessica Jones win?",
    "Who is the villain of season 2?",
    "Who plays Trish?",
    "What did Krysten Ritter say about Kilgrave?",
];

/// Sends `n` asks back to back with `fault` in the middle; every one is answered exactly once
/// (the fake replays missed dispatches on RESUME, so a duplicate would show as a second
/// callback, which `stop` rejects).
async fn burst_with_fault(fault: impl FnOnce(&FakeDiscord)) {
    let app = TestBot::spawn(Options {
        // Discord's interval: with the fake's 500 ms a slow test machine can miss an ACK
        // during the burst, and serenity then re-IDENTIFYs instead of resuming.
        fake: Some(fake_discord::drive::start_for_load().await),
        ..Options::default()
    })
    .await;
    let fake = &app.fake;
    let n = 40;
    let all: Vec<Value> = (0..n)
        .map(|k| ask(QUESTIONS[k % QUESTIONS.len()], &Place::channel()))
        .collect();
    for i in &all[..n / 2] {
        fake.send_interaction(i).await;
    }
    fault(fake);
    // Each waits for the resumed session before it is dispatched.
    for i in &all[n / 2..] {
        fake.send_interaction(i).await;
    }
    for i in &all {
        let cb = fake.wait_for_callback(i).await;
        assert_eq!(cb.status, Some(204), "{cb:?}");
        assert_eq!(cb.body.expect("body")["type"], 4);
    }
    fake.wait_for_resumes(1).await;
    assert_eq!(fake.identify_count(), 1, "resumed, not re-identified");
    app.stop().await;
}

#[tokio::test]
async fn gateway_close_4000_mid_burst_loses_and_repeats_nothing() {
    burst_with_fault(|f| f.close_gateway(4000)).await;
}

#[tokio::test]
async fn gateway_tcp_reset_mid_burst_loses_and_repeats_nothing() {
    burst_with_fault(|f| f.drop_gateway()).await;
}

// ---- REST faults ------------------------------------------------------------------------------

fn callback_of(i: &Value) -> impl Fn(&RecordedRequest) -> bool + Send + Sync + 'static {
    let pattern = format!("/interactions/{}/*/callback", text(&i["id"]));
    move |r| r.is("POST", &pattern)
}

/// One REST fault on an answer's callback: the bot logs it, still tells the user something
/// went wrong (the fault hits one request only), and serves the next questions normally.
async fn survives_a_callback_fault(
    inject: impl FnOnce(&FakeDiscord, &Value),
    timeout: Duration,
    logged: &str,
) {
    captured_log();
    let app = TestBot::spawn(Options {
        http_timeout: Some(timeout),
        ..Options::default()
    })
    .await;
    let fake = &app.fake;

    let hit = ask("Which awards did Jessica Jones win?", &Place::channel());
    inject(fake, &hit);
    fake.send_interaction(&hit).await;
    let apology = fake
        .wait_for_request(
            |r| callback_of(&hit)(r) && !r.faulted,
            Duration::from_secs(30),
        )
        .await;
    let body = apology.body.expect("body");
    assert_eq!(body["data"]["flags"], 64, "{body}");
    assert!(
        text(&body["data"]["content"]).contains("Something went wrong"),
        "{body}"
    );
    let log = log_text();
    assert!(
        log.lines()
            .any(|l| l.contains("command failed") && l.contains(logged)),
        "logged with {logged:?}:\n{log}"
    );
    for q in QUESTIONS {
        let reply = app.final_reply(&ask(q, &Place::channel())).await;
        assert!(answered(&reply), "{q}: {reply}");
    }
    fake.release_hung_requests();
    app.stop().await;
}

#[tokio::test]
async fn a_callback_answered_500_is_logged_and_the_bot_keeps_serving() {
    survives_a_callback_fault(
        |f, i| f.fail_next(callback_of(i), 1, 500),
        Duration::from_secs(10),
        "status=500",
    )
    .await;
}

#[tokio::test]
async fn a_callback_answered_429_is_logged_and_the_bot_keeps_serving() {
    survives_a_callback_fault(
        |f, i| f.rate_limit_next(callback_of(i), 1, 0.5),
        Duration::from_secs(10),
        "status=429",
    )
    .await;
}

#[tokio::test]
async fn a_hung_callback_times_out_and_the_bot_keeps_serving() {
    survives_a_callback_fault(
        |f, i| f.hang_next(callback_of(i), 1),
        Duration::from_millis(800),
        "timed out",
    )
    .await;
}

/// A failure after a public "thinking…": Discord makes the first follow-up public whatever its
/// flags say, so the bot sends it public, worded for the channel.
#[tokio::test]
async fn a_failure_after_a_public_deferral_is_worded_for_everyone() {
    let app = TestBot::spawn(Options {
        defer_at_once: true,
        ..Options::default()
    })
    .await;
    let fake = &app.fake;
    // The answer's delivery fails once.
    fake.fail_next(
        |r| r.is("POST", "/webhooks/*/*") || r.is("PATCH", "/webhooks/*/*/messages/@original"),
        1,
        500,
    );
    let i = ask("Which awards did Jessica Jones win?", &Place::channel());
    fake.send_interaction(&i).await;
    let cb = fake.wait_for_callback(&i).await;
    assert_eq!(cb.body.as_ref().expect("callback")["type"], 5, "deferred");
    let delivered = fake
        .wait_for_requests(2, |r| {
            r.is("POST", "/webhooks/*/*") || r.is("PATCH", "/webhooks/*/*/messages/@original")
        })
        .await;
    let report = delivered[1].body.clone().expect("the report's body");
    assert!(
        text(&report["content"]).contains("Something went wrong while answering this question"),
        "{report}"
    );
    assert_ne!(
        report["flags"].as_u64().unwrap_or(0) & 64,
        64,
        "not flagged ephemeral, since Discord would show it to all anyway: {report}"
    );
    app.stop().await;
}

// ---- echoed user text -------------------------------------------------------------------------

#[tokio::test]
async fn echoed_questions_cannot_inject_links_mentions_or_break_the_layout() {
    let app = TestBot::spawn(Options::own_seeds()).await;
    let (fake, _dir) = (&app.fake, app.articles());
    // Answerable (so it comes back in an embed) and longer than a thread name may be.
    let nasty = format!(
        "Which [awards](https://jessica.jones) did Jessica Jones win? @everyone @here \
         <@{USER_ID}> <@&1234> **Peabody** ||Jessica||\n# Jessica\n> Jones `awards` Jessica Jones"
    );
    let i = ask(&nasty, &Place::channel());
    let reply = app.final_reply(&i).await;
    assert!(answered(&reply), "{reply}");
    // Where Discord renders markdown and mentions, none of it comes back as written.
    let e = &reply["embeds"][0];
    let rendered = format!(
        "{}{}{}{}",
        reply["content"], e["title"], e["description"], e["fields"]
    );
    for raw in [
        "[awards](https://jessica.jones)",
        &format!("<@{USER_ID}>"),
        "<@&1234>",
        "@everyone",
        "@here",
        "||Jessica||",
        "\\n# Jessica",
    ] {
        assert!(
            !rendered.contains(raw),
            "{raw:?} came back verbatim: {rendered}"
        );
    }
    // The footer (plain text: no markdown, no links) keeps the question, on one line, with
    // every mention broken.
    let footer = text(&e["footer"]["text"]);
    let asked = footer.lines().next().expect("footer line");
    assert!(asked.starts_with("Asked: Which [awards]"), "{footer}");
    assert!(asked.contains("# Jessica > Jones"), "one line: {footer}");
    assert!(
        !asked.contains("@everyone") && !asked.contains("<@1") && !asked.contains("<@&"),
        "{footer}"
    );

    // The thread named after it: one line, mentions broken, within Discord's 100.
    let msg = fake.original_response(&i).expect("answer");
    let thread_id = msg["components"][0]["components"]
        .as_array()
        .expect("buttons")
        .iter()
        .filter_map(|c| c["custom_id"].as_str())
        .find(|c| c.starts_with("ib1:thread:"))
        .expect("thread button")
        .to_string();
    let click = Interactions::button_click(&thread_id, &msg, &Place::channel());
    fake.send_interaction(&click).await;
    let created = fake
        .wait_for_request(|r| r.is("POST", "/channels/*/messages/*/threads"), WAIT)
        .await;
    let name = created.body.expect("body")["name"]
        .as_str()
        .expect("name")
        .to_string();
    assert!(name.chars().count() <= 100, "{name}");
    assert!(
        !name.contains('\n')
            && !name.contains("@everyone")
            && !name.contains("<@1")
            && !name.contains("<@&"),
        "{name}"
    );
    fake.wait_for_callback(&click).await;
    app.stop().await;
}

// ---- the binary: SIGHUP and the token at trace level ------------------------------------------

/// The next output line containing `needle`.
async fn wait_line(
    lines: &mut tokio::sync::mpsc::UnboundedReceiver<String>,
    needle: &str,
) -> String {
    tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(l) = lines.recv().await {
            if l.contains(needle) {
                return l;
            }
        }
        panic!("the bot's output ended before {needle:?}");
    })
    .await
    .unwrap_or_else(|_| panic!("no {needle:?} line within 60 s"))
}

/// `interview-bot serve` at RUST_LOG=trace: SIGHUP reloads (a new article is answered
/// afterwards, a broken one is refused and named in the log), a REST failure is logged, and
/// nothing it prints, at any level, contains the token.
#[cfg(unix)]
#[tokio::test]
async fn serve_reloads_on_sighup_and_never_prints_the_token_at_trace_level() {
    use tokio::io::AsyncBufReadExt;

    let fake = FakeDiscord::start().await;
    let dir = seeds_copy();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_interview-bot"))
        .arg("--no-model")
        .arg("--seeds")
        .arg(dir.path())
        .arg("serve")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("DISCORD_TOKEN", TOKEN)
        .env("DISCORD_GUILD_ID", GUILD_ID.to_string())
        .env("DISCORD_PROXY_URL", fake.base_url())
        .env("DISCORD_MESSAGE_CONTENT", "false")
        // The test asks in quick turns as one user: no fair-use pause; no votes.
        .env("INTERVIEW_BOT_DISCORD__COOLDOWN_SECONDS", "0")
        .env("INTERVIEW_BOT_FEEDBACK__ENABLED", "false")
        .env("RUST_LOG", "trace")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the binary starts");
    // Every line, as it is written (a full pipe would block the bot), to the test and to a
    // transcript searched at the end.
    let (lines_tx, mut lines) = tokio::sync::mpsc::unbounded_channel::<String>();
    let transcript = Arc::new(Mutex::new(String::new()));
    let mut readers = Vec::new();
    let stderr = child.stderr.take().expect("stderr");
    let stdout = child.stdout.take().expect("stdout");
    for stream in [
        Box::new(stderr) as Box<dyn tokio::io::AsyncRead + Unpin + Send>,
        Box::new(stdout),
    ] {
        let (tx, t) = (lines_tx.clone(), transcript.clone());
        readers.push(tokio::spawn(async move {
            let mut r = tokio::io::BufReader::new(stream).lines();
            while let Ok(Some(line)) = r.next_line().await {
                t.lock().expect("transcript").push_str(&line);
                t.lock().expect("transcript").push('\n');
                let _ = tx.send(line);
            }
        }));
    }
    drop(lines_tx);
    fake.wait_for_request(
        |r| r.is("PUT", "/applications/*/guilds/*/commands"),
        Duration::from_secs(60),
    )
    .await;
    let before = final_reply(&fake, &ask(NEW_QUESTION, &Place::channel())).await;
    assert!(!answered(&before), "{before}");

    let pid = child.id().expect("running") as libc::pid_t;
    std::fs::write(dir.path().join("900_orlov.txt"), NEW_ARTICLE).expect("write article");
    // SAFETY: signalling a child process this test spawned and still owns.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGHUP) }, 0);
    let done = wait_line(&mut lines, "index reloaded").await;
    assert!(done.contains("articles=6"), "{done}");
    let after = final_reply(&fake, &ask(NEW_QUESTION, &Place::channel())).await;
    assert!(answered(&after), "{after}");

    std::fs::write(dir.path().join("901_broken.txt"), b"\xff\xfeT\x00i\x00").expect("write");
    // SAFETY: as above.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGHUP) }, 0);
    let failed = wait_line(&mut lines, "reload failed").await;
    assert!(
        failed.contains("Kept the previous index: 901_broken.txt: is UTF-16"),
        "{failed}"
    );

    // A failing REST call: its error is logged too, and must not carry the token either.
    let i = ask("Who plays Trish?", &Place::channel());
    fake.fail_next(callback_of(&i), 1, 500);
    fake.send_interaction(&i).await;
    wait_line(&mut lines, "command failed").await;
    fake.wait_for_request(|r| callback_of(&i)(r) && !r.faulted, WAIT)
        .await;

    // SAFETY: as above.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("exits after SIGTERM")
        .expect("exit status");
    for r in readers {
        r.await.expect("reader");
    }
    let log = transcript.lock().expect("transcript").clone();
    assert!(status.success(), "exit 0, got {status:?}");
    assert!(log.lines().count() > 100, "trace level is verbose");
    assert!(log.contains("TRACE"), "ran at trace level");
    // The whole token, and its secret last part on its own.
    for secret in [TOKEN, TOKEN.rsplit('.').next().expect("part")] {
        if let Some(at) = log.find(secret) {
            let line = log[..at].rsplit('\n').next().unwrap_or("");
            panic!("the token appears in the output: {line}…");
        }
    }
    fake.assert_no_pings();
    fake.assert_no_violations();
}

// ---- rate limits on the default path ---------------------------------------------------------

/// Without a proxy (the default) serenity's own rate limiter paces the bot, over HTTPS to
/// discord.com as in production. The fake sends Discord's `X-RateLimit-*` headers and refuses
/// what a bucket cannot take. A 429 on an answer (its route's or the global limit) is waited
/// out within Discord's three seconds; a burst of questions in one channel, whose replies share
/// a bucket, is paced. No interaction or question is lost, answered late or answered twice.
#[tokio::test]
async fn rate_limits_on_the_default_path_lose_nothing() {
    let fake = FakeDiscord::start().await;
    fake.set_rate_limits(3, Duration::from_millis(500));
    let app = TestBot::spawn(Options {
        fake: Some(fake),
        direct: true,
        ..Options::default()
    })
    .await;
    let fake = &app.fake;
    for global in [false, true] {
        let i = ask("Which awards did Jessica Jones win?", &Place::channel());
        fake.inject_fault(callback_of(&i), 1, FaultResponse::rate_limited(0.3, global));
        fake.send_interaction(&i).await;
        let tries = fake.wait_for_requests(2, callback_of(&i)).await;
        assert_eq!(tries[0].status, Some(429));
        assert_eq!(tries[1].status, Some(204), "answered after the wait");
        let body = tries[1].body.as_ref().expect("the answer");
        assert!(text(&body["data"]["embeds"][0]["description"]).contains("Peabody"));
    }

    let questions: Vec<Value> = (0..6)
        .map(|n| {
            message_create(
                CHANNEL_ID,
                Some(GUILD_ID),
                &default_user(),
                &format!(
                    "{} who is the villain of season {}",
                    mention(BOT_USER_ID),
                    n % 2 + 1
                ),
                &[bot_user()],
            )
        })
        .collect();
    for q in &questions {
        fake.send_message(q).await;
    }
    for q in &questions {
        app.reply_to(q).await;
    }
    let replies: Vec<RecordedRequest> = fake
        .requests()
        .into_iter()
        .filter(|r| r.is("POST", &format!("/channels/{CHANNEL_ID}/messages")))
        .collect();
    let delivered = replies.iter().filter(|r| r.status == Some(200)).count();
    assert_eq!(
        delivered,
        questions.len(),
        "one reply each, none lost or doubled"
    );
    // Whatever a bucket refused (replies, typing indicators, lookups) was sent again, and went
    // through.
    let all = fake.requests();
    let refused: Vec<&RecordedRequest> = all
        .iter()
        .filter(|r| r.status == Some(429) && !r.faulted)
        .collect();
    assert_eq!(refused.len(), fake.rate_limited_count());
    for r in refused {
        assert!(
            all.iter().any(|later| later.index > r.index
                && later.method == r.method
                && later.path == r.path
                && later.status.is_some_and(|s| s < 300)),
            "{} {} was refused and not sent again",
            r.method,
            r.path
        );
    }
    app.stop().await;
}
