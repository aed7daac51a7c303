//! The fake gateway: a plain `ws://` WebSocket server speaking Discord's gateway protocol
//! (HELLO → IDENTIFY → READY, heartbeats, RESUME with replay) with uncompressed JSON text frames,
//! which serenity accepts even though its IDENTIFY asks for `compress: true`.
//!
//! It runs on its own listener (not axum) because `drop_gateway` needs the raw `TcpStream` to
//! reset the connection (SO_LINGER 0), which axum's upgraded socket does not expose.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use super::payloads;
use super::state::{OtherShard, Session};
use super::Shared;

/// What the harness asks a connection task to do.
pub(crate) enum Command {
    /// Send this text frame.
    Send(String),
    /// Close with this code, completing the close handshake.
    Close(u16),
    /// Reset the TCP connection without any close frame.
    Drop,
}

pub(crate) async fn accept_loop(shared: Arc<Shared>, listener: TcpListener) {
    loop {
        let Ok((tcp, _)) = listener.accept().await else {
            continue;
        };
        let shared2 = shared.clone();
        let task = tokio::spawn(async move { serve(shared2, tcp).await });
        shared.tasks.lock().expect("task list poisoned").push(task);
    }
}

async fn serve(shared: Arc<Shared>, tcp: TcpStream) {
    let mut uri = None;
    // The closure's signature is tungstenite's `Callback`; its large error type is not ours.
    #[allow(clippy::result_large_err)]
    let capture = |req: &Request, resp: Response| -> Result<Response, ErrorResponse> {
        uri = Some(req.uri().to_string());
        Ok(resp)
    };
    let Ok(mut ws) = tokio_tungstenite::accept_hdr_async(tcp, capture).await else {
        return;
    };

    let (tx, mut rx) = mpsc::unbounded_channel();
    let conn = {
        let mut st = shared.lock();
        st.gateway.connections += 1;
        st.gateway.last_connect_uri = uri;
        let conn = st.gateway.connections as u64;
        st.gateway.senders.insert(conn, tx.clone());
        st.gateway.current = Some((conn, tx));
        conn
    };
    shared.bump();

    let interval = shared.heartbeat_interval_ms.load(Ordering::Relaxed);
    let hello = json!({ "op": 10, "s": null, "t": null, "d": { "heartbeat_interval": interval } });
    if ws.send(Message::text(hello.to_string())).await.is_err() {
        return finish(&shared, conn);
    }

    loop {
        tokio::select! {
            incoming = ws.next() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    let frames = on_client_frame(&shared, conn, text.as_str());
                    for f in frames {
                        match f {
                            Command::Send(f) => {
                                if ws.send(Message::text(f)).await.is_err() {
                                    return finish(&shared, conn);
                                }
                            }
                            Command::Close(code) => {
                                close_gracefully(&mut ws, code).await;
                                return finish(&shared, conn);
                            }
                            Command::Drop => {
                                reset(ws);
                                return finish(&shared, conn);
                            }
                        }
                    }
                }
                // tungstenite answers a client Close by itself while we keep polling; the
                // stream then ends with None.
                Some(Ok(_)) => {}
                Some(Err(_)) | None => break,
            },
            cmd = rx.recv() => match cmd {
                Some(Command::Send(frame)) => {
                    if ws.send(Message::text(frame)).await.is_err() {
                        break;
                    }
                }
                Some(Command::Close(code)) => {
                    close_gracefully(&mut ws, code).await;
                    break;
                }
                Some(Command::Drop) => {
                    reset(ws);
                    return finish(&shared, conn);
                }
                None => break,
            },
        }
    }
    finish(&shared, conn);
}

/// Sends a close frame and waits for the client's answering close frame, as the protocol
/// requires; serenity only reconnects cleanly when the handshake completes.
async fn close_gracefully(ws: &mut WebSocketStream<TcpStream>, code: u16) {
    let frame = CloseFrame {
        code: CloseCode::from(code),
        reason: "fake-discord close".into(),
    };
    if ws.close(Some(frame)).await.is_err() {
        return;
    }
    // Bounded only as a guard against a client that never answers.
    let _ = tokio::time::timeout(Duration::from_secs(5), async {
        while let Some(Ok(_)) = ws.next().await {}
    })
    .await;
}

/// Drops the connection with a TCP RST: no close frame, no FIN handshake, like a network
/// failure.
fn reset(ws: WebSocketStream<TcpStream>) {
    // SO_LINGER 0 makes close() send RST. The deprecation warns that a non-zero linger blocks
    // the thread on drop; zero does not block.
    #[allow(deprecated)]
    let _ = ws.get_ref().set_linger(Some(Duration::ZERO));
    drop(ws);
}

fn finish(shared: &Shared, conn: u64) {
    {
        let mut st = shared.lock();
        if st.gateway.live == Some(conn) {
            st.gateway.live = None;
        }
        if st.gateway.current.as_ref().is_some_and(|(c, _)| *c == conn) {
            st.gateway.current = None;
        }
        st.gateway.senders.remove(&conn);
        for shard in st.gateway.other_shards.values_mut() {
            if shard.live == Some(conn) {
                shard.live = None;
            }
        }
    }
    shared.bump();
}

/// The privileged intents: Guild Members, Guild Presences, Message Content.
const PRIVILEGED_INTENTS: u64 = (1 << 1) | (1 << 8) | (1 << 15);

/// Handles one client frame; returns what to send back (frames, or a close), in order.
fn on_client_frame(shared: &Shared, conn: u64, text: &str) -> Vec<Command> {
    let Ok(frame) = serde_json::from_str::<Value>(text) else {
        shared
            .lock()
            .violations
            .push(format!("gateway: client sent non-JSON frame {text:?}"));
        shared.bump();
        return Vec::new();
    };
    let mut out = Vec::new();
    {
        let mut st = shared.lock();
        match frame["op"].as_u64() {
            Some(1) => {
                st.gateway.heartbeats += 1;
                if shared.ack_heartbeats.load(Ordering::Relaxed) {
                    out.push(json!({ "op": 11, "s": null, "t": null, "d": null }).to_string());
                }
            }
            Some(2) => {
                let token = frame["d"]["token"].as_str().unwrap_or_default();
                if token.strip_prefix("Bot ").unwrap_or(token) != payloads::TOKEN {
                    st.violations.push(format!(
                        "gateway: IDENTIFY with token {token:?}, not the bot token"
                    ));
                }
                st.gateway.identifies.push(frame["d"].clone());
                // As Discord: a privileged intent the application has not been granted (the
                // Developer Portal's switches) closes the connection with 4014.
                let asked = frame["d"]["intents"].as_u64().unwrap_or(0) & PRIVILEGED_INTENTS;
                let granted = shared.privileged_intents.load(Ordering::Relaxed);
                if asked & !granted != 0 {
                    drop(st);
                    shared.bump();
                    return vec![Command::Close(4014)];
                }
                let n = st.gateway.identifies.len();
                let session_id = format!("fake-session-{n}");
                // serenity always says which shard this is: `[id, total]`.
                let shard = frame["d"]["shard"][0].as_u64().unwrap_or(0);
                let total = frame["d"]["shard"][1].as_u64().unwrap_or(1).max(1);
                if shard >= total {
                    st.violations.push(format!(
                        "gateway: IDENTIFY for shard {shard} of {total}, which does not exist"
                    ));
                }
                st.gateway.total_shards = total;
                let mut ready = payloads::ready(&session_id, &shared.gateway_url());
                ready["shard"] = json!([shard, total]);
                // As Discord: a shard's READY lists the guilds that shard serves.
                let guilds = ready["guilds"].as_array().cloned().unwrap_or_default();
                ready["guilds"] = guilds
                    .into_iter()
                    .filter(|g| {
                        let id = g["id"].as_str().and_then(|i| i.parse().ok());
                        st.gateway.shard_of(id) == shard
                    })
                    .collect();
                let ready = json!({ "op": 0, "s": 1, "t": "READY", "d": ready }).to_string();
                let session = Session {
                    id: session_id,
                    seq: 1,
                    log: vec![(1, ready.clone())],
                };
                if shard == 0 {
                    st.gateway.session = Some(session);
                    st.gateway.live = Some(conn);
                } else {
                    st.gateway.other_shards.insert(
                        shard,
                        OtherShard {
                            session,
                            live: Some(conn),
                        },
                    );
                }
                out.push(ready);
            }
            Some(6) => {
                st.gateway.resumes.push(frame["d"].clone());
                let their_seq = frame["d"]["seq"].as_u64().unwrap_or(0);
                let wanted = frame["d"]["session_id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string();
                let other = st
                    .gateway
                    .other_shards
                    .iter()
                    .find(|(_, o)| o.session.id == wanted)
                    .map(|(&id, _)| id);
                if let Some(id) = other {
                    let shard = st.gateway.other_shards.get_mut(&id).expect("found above");
                    out.extend(replay(&mut shard.session, their_seq));
                    shard.live = Some(conn);
                    drop(st);
                    shared.bump();
                    return out.into_iter().map(Command::Send).collect();
                }
                match st.gateway.session.as_mut().filter(|s| s.id == wanted) {
                    Some(session) => {
                        out.extend(replay(session, their_seq));
                        st.gateway.live = Some(conn);
                    }
                    None => {
                        out.push(json!({ "op": 9, "s": null, "t": null, "d": false }).to_string())
                    }
                }
            }
            // Presence updates, member chunk requests, voice: accepted and ignored.
            Some(_) => {}
            None => st
                .violations
                .push(format!("gateway: client frame without op: {text}")),
        }
    }
    shared.bump();
    out.into_iter().map(Command::Send).collect()
}

/// What a RESUME gets: the frames the client missed, then RESUMED, as Discord does.
fn replay(session: &mut Session, their_seq: u64) -> Vec<String> {
    let mut out: Vec<String> = session
        .log
        .iter()
        .filter(|(s, _)| *s > their_seq)
        .map(|(_, f)| f.clone())
        .collect();
    session.seq += 1;
    let resumed = json!({ "op": 0, "s": session.seq, "t": "RESUMED", "d": {} }).to_string();
    session.log.push((session.seq, resumed.clone()));
    out.push(resumed);
    out
}
