//! Driving the real bot through the fake Discord and timing it: the load example and the
//! latency benchmark share this.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::sync::oneshot;

use crate::*;

/// Why a run waits at most this long for one answer: past it the interaction counts as lost.
pub const LOST_AFTER: Duration = Duration::from_secs(60);

#[derive(Hash, PartialEq, Eq, Clone, Debug)]
pub enum Key {
    Callback(u64),
    /// The followup or edit replacing a deferred response, by interaction token.
    Final(String),
    /// The bot's reply to a message, by that message's id.
    Reply(u64),
}

/// Matches the requests the fake streams to what the driver waits for, and counts answers.
#[derive(Default)]
pub struct Tracker {
    pub waiters: HashMap<Key, oneshot::Sender<(Instant, u64)>>,
    pub callbacks: HashMap<u64, u32>,
    pub replies: HashMap<u64, u32>,
    pub failed_requests: Vec<String>,
}

pub type Tally = Arc<Mutex<Tracker>>;

pub fn lock(t: &Tally) -> std::sync::MutexGuard<'_, Tracker> {
    t.lock().unwrap_or_else(|e| e.into_inner())
}

pub fn on_request(t: &Tally, r: RecordedRequest) {
    let at = Instant::now();
    let mut t = lock(t);
    if r.status.is_some_and(|s| s >= 400) {
        t.failed_requests
            .push(format!("{} {} -> {:?}", r.method, r.path, r.status));
    }
    let segs: Vec<&str> = r.path.trim_matches('/').split('/').collect();
    if r.is("POST", "/interactions/*/*/callback") {
        let Some(id) = segs.get(1).and_then(|s| s.parse::<u64>().ok()) else {
            return;
        };
        *t.callbacks.entry(id).or_default() += 1;
        let kind = r
            .body
            .as_ref()
            .and_then(|b| b["type"].as_u64())
            .unwrap_or(0);
        if kind != 5 {
            t.waiters.remove(&Key::Final(segs[2].to_string()));
        }
        if let Some(w) = t.waiters.remove(&Key::Callback(id)) {
            let _ = w.send((at, kind));
        }
    } else if r.is("POST", "/webhooks/*/*") || r.is("PATCH", "/webhooks/*/*/messages/@original") {
        if let Some(w) = t.waiters.remove(&Key::Final(segs[2].to_string())) {
            let _ = w.send((at, 0));
        }
    } else if r.is("POST", "/channels/*/messages") {
        let referenced = r.body.as_ref().and_then(|b| {
            b["message_reference"]["message_id"]
                .as_str()
                .and_then(|s| s.parse::<u64>().ok())
        });
        if let Some(mid) = referenced {
            *t.replies.entry(mid).or_default() += 1;
            if let Some(w) = t.waiters.remove(&Key::Reply(mid)) {
                let _ = w.send((at, 0));
            }
        }
    }
}

pub fn expect(t: &Tally, key: Key) -> oneshot::Receiver<(Instant, u64)> {
    let (tx, rx) = oneshot::channel();
    lock(t).waiters.insert(key, tx);
    rx
}

pub async fn arrival(rx: oneshot::Receiver<(Instant, u64)>, what: &str) -> (Instant, u64) {
    match tokio::time::timeout(LOST_AFTER, rx).await {
        Ok(Ok(v)) => v,
        _ => panic!("lost: no answer to {what} within {LOST_AFTER:?}"),
    }
}

/// Sends an interaction, returns (dispatch → callback, dispatch → final answer).
pub async fn interact(fake: &FakeDiscord, t: &Tally, i: &Value) -> (Duration, Duration) {
    let cb = expect(t, Key::Callback(id_of(i)));
    let fin = expect(
        t,
        Key::Final(i["token"].as_str().expect("token").to_string()),
    );
    let sent = Instant::now();
    fake.send_interaction(i).await;
    let (at, kind) = arrival(cb, "an interaction").await;
    let done = if kind == 5 {
        arrival(fin, "a deferred interaction").await.0
    } else {
        at
    };
    (at - sent, done - sent)
}

/// `n` `/ask` interactions one after another, each sent once the previous one is answered:
/// the latency a single user sees, without queueing behind a burst.
pub async fn latency(
    fake: &FakeDiscord,
    t: &Tally,
    questions: &[&str],
    n: usize,
) -> (Vec<Duration>, Vec<Duration>) {
    let (mut first, mut fin) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for k in 0..n {
        let i = ask(questions[k % questions.len()], &Place::channel());
        let (cb, done) = interact(fake, t, &i).await;
        first.push(cb);
        fin.push(done);
        fake.forget_interaction(&i);
    }
    (first, fin)
}

/// Once a bot has started against `fake`: waits until it has registered its commands and
/// identified, then streams the fake's requests into a tracker (lean mode: nothing recorded, so
/// memory stays the bot's).
pub async fn track_ready(fake: &FakeDiscord) -> Tally {
    fake.wait_for_request(
        |r| r.is("PUT", "/applications/*/guilds/*/commands"),
        Duration::from_secs(60),
    )
    .await;
    fake.wait_ready().await;
    let tracker: Tally = Arc::default();
    let mut tap = fake.set_lean(1000);
    let t2 = tracker.clone();
    tokio::spawn(async move {
        while let Some(r) = tap.recv().await {
            on_request(&t2, r);
        }
    });
    tracker
}

/// A fake with Discord's own heartbeat interval, for load. The 500 ms default suits short
/// tests, but under a burst serenity then misses an ACK, restarts the shard with a fresh
/// IDENTIFY (not a RESUME) and the dispatches in flight are lost (see "Known limits" in
/// docs/reliability.md).
pub async fn start_for_load() -> FakeDiscord {
    let fake = FakeDiscord::start().await;
    fake.set_heartbeat_interval(Duration::from_millis(41_250));
    fake
}
