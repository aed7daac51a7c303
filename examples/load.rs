//! Load and soak figures for the Discord side, against the fake Discord, in one process.
//!
//! ```text
//! cargo run --release --example load                     # burst 1,000 + soak 5,000 × 10
//! cargo run --example load -- --burst 1000 --threads 500 --per-thread 10 --window 32
//! cargo run --release --example load -- --articles 10000 --latency 500 --burst 0 --threads 0
//! ```
//!
//! * Latency (`--latency N`): N `/ask` one at a time, dispatch to callback as one user sees it;
//!   `--articles N` serves N generated articles instead of the seeds.
//!
//! * Burst: `--burst` `/ask` interactions dispatched back to back as fast as the fake gateway
//!   sends them. Every one must get exactly one callback; prints p50/p99/max from dispatch to
//!   the callback (and to the final answer, for the ones that were deferred).
//! * Soak: `--threads` conversations of `--per-thread` interactions each: an `/ask` in the
//!   channel, a click on "Follow up in a thread", then follow-up questions mentioning the bot in
//!   the thread; `--window` conversations run at once. Prints RSS (VmRSS, and the peak VmHWM)
//!   after every 10,000 interactions, and the bot's cache sizes, which must stay bounded.
//!
//! The fake runs in this process, so its memory counts too: it is put in lean mode (requests
//! streamed here instead of recorded, a bounded RESUME replay log) and finished conversations
//! are forgotten, so what grows is the bot. The tallies kept here (one counter per interaction)
//! grow by a few MB over the soak.
//!
//! Exits non-zero if any interaction was lost or answered twice, or the fake saw violations.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use fake_discord::drive::*;
use fake_discord::*;
use futures::StreamExt;
use interview_bot::app::{self, ModelChoice, Overrides};
use interview_bot::config::{CliLayer, Files, Loaded};
use interview_bot::discord::threads::THREADS_CACHED;
use interview_bot::discord::{start, BotSettings, RunningBot, ANSWERS_CACHED};
use interview_bot::search::Engine;
use serde_json::Value;

const QUESTIONS: [&str; 4] = [
    "Which awards did Jessica Jones win?",
    "Who is the villain of season 2?",
    "Who plays Trish?",
    "What did Krysten Ritter say about Kilgrave?",
];

const FOLLOW_UPS: [&str; 4] = [
    "What condition does she suffer from?",
    "Who plays her?",
    "How did the directors work together?",
    "What happens in season 2?",
];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn print_latency(what: &str, mut v: Vec<Duration>) {
    v.sort();
    println!(
        "  {what:<28} p50 {:>10}  p99 {:>10}  max {:>10}",
        ms(percentile(&v, 0.50)),
        ms(percentile(&v, 0.99)),
        ms(v.last().copied().unwrap_or_default())
    );
}

/// (VmRSS, VmHWM) in MiB, from /proc/self/status.
fn rss_mib() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

async fn burst(fake: &FakeDiscord, t: &Tally, n: usize) -> bool {
    let all: Vec<Value> = (0..n)
        .map(|k| ask(QUESTIONS[k % QUESTIONS.len()], &Place::channel()))
        .collect();
    let mut waits = Vec::with_capacity(n);
    for i in &all {
        let cb = expect(t, Key::Callback(id_of(i)));
        let fin = expect(
            t,
            Key::Final(i["token"].as_str().expect("token").to_string()),
        );
        waits.push((cb, fin));
    }
    let started = Instant::now();
    let mut sent_at = Vec::with_capacity(n);
    for i in &all {
        sent_at.push(Instant::now());
        fake.send_interaction(i).await;
    }
    let dispatched = started.elapsed();
    let (mut first, mut fin, mut deferred) = (Vec::new(), Vec::new(), 0);
    for ((cb, f), sent) in waits.into_iter().zip(sent_at) {
        let (at, kind) = arrival(cb, "a burst interaction").await;
        let done = if kind == 5 {
            deferred += 1;
            arrival(f, "a deferred burst interaction").await.0
        } else {
            at
        };
        first.push(at - sent);
        fin.push(done - sent);
    }
    let total = started.elapsed();
    println!(
        "burst: {n} /ask dispatched in {}, all answered in {} ({deferred} deferred first)",
        ms(dispatched),
        ms(total)
    );
    print_latency("dispatch -> callback", first);
    print_latency("dispatch -> final answer", fin);
    let t = lock(t);
    let once = all
        .iter()
        .all(|i| t.callbacks.get(&id_of(i)).copied() == Some(1));
    println!("  exactly one callback per interaction: {once}");
    drop(t);
    for i in &all {
        fake.forget_interaction(i);
    }
    once
}

/// One conversation: /ask, "Follow up in a thread", then follow-ups in the thread. Returns
/// how many interactions it made.
async fn conversation(fake: &FakeDiscord, t: &Tally, k: usize, per_thread: usize) -> usize {
    let i = ask(QUESTIONS[k % QUESTIONS.len()], &Place::channel());
    interact(fake, t, &i).await;
    let answer = fake.original_response(&i).expect("the answer is stored");
    let thread_button = answer["components"][0]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["custom_id"].as_str())
        .find(|c| c.starts_with("ib1:thread:"))
        .map(str::to_string);
    let Some(custom_id) = thread_button else {
        fake.forget_interaction(&i);
        return 1;
    };
    let click = Interactions::button_click(&custom_id, &answer, &Place::channel());
    interact(fake, t, &click).await;
    let thread = id_of(&answer);
    let mut made = 2;
    for j in 0..per_thread.saturating_sub(2) {
        let q = FOLLOW_UPS[(k + j) % FOLLOW_UPS.len()];
        let msg = message_create(
            thread,
            Some(GUILD_ID),
            &default_user(),
            &format!("{} {q}", mention(BOT_USER_ID)),
            &[bot_user()],
        );
        let rx = expect(t, Key::Reply(id_of(&msg)));
        fake.send_message(&msg).await;
        arrival(rx, "a follow-up").await;
        made += 1;
    }
    fake.forget_channel(thread);
    fake.forget_interaction(&click);
    fake.forget_interaction(&i);
    made
}

async fn soak(
    fake: &FakeDiscord,
    t: &Tally,
    bot: &RunningBot,
    threads: usize,
    per_thread: usize,
    window: usize,
) -> bool {
    let checkpoint = 10_000usize;
    let threads_per_checkpoint = (checkpoint / per_thread.max(1)).max(1);
    let started = Instant::now();
    let mut done = 0usize;
    let mut bounded = true;
    let mut k = 0;
    println!(
        "soak: {threads} conversations x {per_thread} interactions, {window} at a time \
         (thread cache {THREADS_CACHED}, answer cache {ANSWERS_CACHED})"
    );
    while k < threads {
        let batch = threads_per_checkpoint.min(threads - k);
        let made: Vec<usize> = futures::stream::iter(k..k + batch)
            .map(|n| conversation(fake, t, n, per_thread))
            .buffer_unordered(window)
            .collect()
            .await;
        k += batch;
        done += made.iter().sum::<usize>();
        let (rss, hwm) = rss_mib();
        let shared = bot.shared();
        let (th, an) = (shared.threads.len(), shared.answers_cached());
        bounded &= th <= THREADS_CACHED && an <= ANSWERS_CACHED;
        println!(
            "  {done:>7} interactions  {:>8.1} s  VmRSS {rss:>7.1} MiB  VmHWM {hwm:>7.1} MiB  \
             threads cached {th:>5}  answers cached {an:>5}",
            started.elapsed().as_secs_f64()
        );
    }
    let t = lock(t);
    let twice = t.callbacks.values().filter(|n| **n > 1).count()
        + t.replies.values().filter(|n| **n > 1).count();
    println!("  answered twice: {twice}; caches bounded: {bounded}");
    twice == 0 && bounded
}

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|p| args.get(p + 1))
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name} takes a number"))
        })
        .unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let n_latency = arg("--latency", 0);
    let articles = arg("--articles", 0);
    let n_burst = arg("--burst", 1000);
    let threads = arg("--threads", 5000);
    let per_thread = arg("--per-thread", 10);
    let window = arg("--window", 32);
    println!(
        "profile: {}",
        if cfg!(debug_assertions) {
            "debug (dependencies at opt-level 2)"
        } else {
            "release"
        }
    );

    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut overrides = Overrides {
        config: Some(root.join("config")),
        seeds: Some(root.join("seeds")),
        model: ModelChoice::Off,
        ..Overrides::default()
    };
    // `--articles N`: the bot serves N generated articles instead of the seeds.
    let generated = tempfile::tempdir().expect("tempdir");
    if articles > 0 {
        let seeds = app::load_config(&overrides).expect("config");
        let corpus = interview_bot::corpus::load_corpus(&seeds.seeds_dir, &seeds).expect("seeds");
        interview_bot::synth::write_corpus(&corpus, articles, 42, generated.path())
            .expect("generated articles");
        overrides.seeds = Some(generated.path().to_path_buf());
    }
    let config = app::load_config(&overrides).expect("config");
    println!(
        "corpus: {}",
        if articles > 0 {
            format!("{articles} generated articles")
        } else {
            "the seeds".to_string()
        }
    );
    let engine = Arc::new(app::build_engine(config).expect("engine"));
    let (fake, bot, tracker) = start_bot(engine).await;
    let (rss, hwm) = rss_mib();
    println!("ready: VmRSS {rss:.1} MiB  VmHWM {hwm:.1} MiB");

    let mut ok = true;
    if n_latency > 0 {
        let (first, fin) = latency(&fake, &tracker, &QUESTIONS, n_latency).await;
        println!("latency: {n_latency} /ask one at a time");
        print_latency("dispatch -> callback", first);
        print_latency("dispatch -> final answer", fin);
        ok &= lock(&tracker).callbacks.values().all(|c| *c == 1);
    }
    if n_burst > 0 {
        ok &= burst(&fake, &tracker, n_burst).await;
    }
    if threads > 0 {
        ok &= soak(&fake, &tracker, &bot, threads, per_thread, window).await;
    }
    let failed = std::mem::take(&mut lock(&tracker).failed_requests);
    let violations = fake.take_violations();
    println!(
        "failed requests: {}; fake Discord violations: {}",
        failed.len(),
        violations.len()
    );
    for v in violations.iter().chain(&failed).take(10) {
        println!("  {v}");
    }
    ok &= failed.is_empty() && violations.is_empty();
    if let Err(e) = bot.shutdown().await {
        println!("shutdown: {e:#}");
    }
    println!("{}", if ok { "PASS" } else { "FAIL" });
    if !ok {
        std::process::exit(1);
    }
}

/// The bot serving `engine` against a fake Discord, configured as `serve` is (the `DISCORD_*`
/// variables, through the configuration's layers) but pointed at the fake; ready and tracked.
async fn start_bot(engine: Arc<Engine>) -> (FakeDiscord, RunningBot, Tally) {
    let fake = start_for_load().await;
    let config = Loaded::load(Files::Skip, fake.discord_env(), &CliLayer::default())
        .expect("settings")
        .config;
    let mut settings = BotSettings::from_config(&config.discord).expect("settings");
    // One simulated user asks back to back: no fair-use pause.
    settings.cooldown = Duration::ZERO;
    let bot = start(settings, engine).await.expect("bot");
    let tally = track_ready(&fake).await;
    (fake, bot, tally)
}
