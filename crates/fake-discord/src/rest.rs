//! The fake REST API: one axum fallback handler that parses, validates, records, applies
//! injected faults, and then routes into [`State::route`](super::state::State::route).

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use serde_json::{json, Value};

use super::payloads::TOKEN;
use super::state::{error, Reply};
use super::validate::SpecValidator;
use super::{FaultResponse, RecordedRequest, Shared};

pub(crate) async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let method = method.as_str().to_string();
    let full_path = uri.path().to_string();
    let query = parse_query(uri.query().unwrap_or(""));
    let mut problems = Vec::new();

    let path = match full_path.strip_prefix("/api/v10") {
        Some(p) => p.to_string(),
        None => {
            problems.push(format!(
                "{method} {full_path}: not under /api/v10 (wrong API version?)"
            ));
            full_path.clone()
        }
    };
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let authorized = auth == format!("Bot {TOKEN}");
    if !authorized {
        problems.push(format!(
            "{method} {path}: Authorization header is {auth:?}, expected the bot token"
        ));
    }

    let (json_body, files) = parse_body(&headers, &body, &method, &path, &mut problems);
    let validator = SpecValidator::global();
    problems.extend(validator.check(&method, &path, json_body.as_ref()));
    if let Some(limit) = query.iter().find(|(k, _)| k == "limit") {
        if !limit.1.parse::<u64>().is_ok_and(|n| (1..=100).contains(&n)) {
            problems.push(format!(
                "{method} {path}: limit={} outside Discord's 1..=100",
                limit.1
            ));
        }
    }

    let mut req = RecordedRequest {
        index: 0,
        method: method.clone(),
        path: path.clone(),
        route: validator.route(&method, &path).map(str::to_string),
        query: query.clone(),
        body: json_body.clone(),
        files,
        status: None,
        unhandled: false,
        faulted: false,
    };

    let (reply, headers_out, hang) = {
        let mut st = shared.lock();
        st.violations.extend(problems);
        req.index = st.request_count;
        st.request_count += 1;
        let fault = st.take_fault(&req);
        let out = match fault {
            Some(FaultResponse::Status {
                status,
                body,
                headers,
            }) => {
                req.faulted = true;
                ((status, Some(body)), headers, false)
            }
            Some(FaultResponse::Hang) => {
                req.faulted = true;
                ((0, None), Vec::new(), true)
            }
            None if !authorized => (error(401, 0, "401: Unauthorized"), Vec::new(), false),
            None => {
                let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
                let gw = shared.gateway_url();
                let (limited, limits) = st.rate_limit(&method, req.route.as_deref(), &segs);
                match limited {
                    Some(r) => (r, limits, false),
                    None => match st.route(&method, &segs, &query, json_body.as_ref(), &gw) {
                        Some(r) => (r, limits, false),
                        None => {
                            req.unhandled = true;
                            (error(404, 0, "404: Not Found"), limits, false)
                        }
                    },
                }
            }
        };
        req.status = (!out.2).then_some(out.0 .0);
        if let Some(tap) = &st.tap {
            let _ = tap.send(req.clone());
        }
        if st.keep_requests {
            st.requests.push(req);
        }
        out
    };
    shared.bump();

    if hang {
        // Like a stalled connection: no response at all until the test releases it (or drops
        // the fake); then a 500 so the late answer cannot be mistaken for success.
        let released = shared.release_hung.notified();
        if !shared
            .hung_released
            .load(std::sync::atomic::Ordering::SeqCst)
        {
            released.await;
        }
        return respond(error(500, 0, "released hung request"), Vec::new());
    }
    respond(reply, headers_out)
}

fn respond((status, body): Reply, headers: Vec<(String, String)>) -> Response {
    let mut b = Response::builder().status(status);
    for (k, v) in headers {
        b = b.header(k, v);
    }
    match body {
        Some(v) => b
            .header("content-type", "application/json")
            .body(Body::from(v.to_string())),
        None => b.body(Body::empty()),
    }
    .expect("valid response parts")
}

/// serenity writes `?&limit=50&before=…` (a leading `&`), so empty pairs are skipped.
fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (p.to_string(), String::new()),
        })
        .collect()
}

/// Returns the JSON body (for multipart: the `payload_json` part) and uploaded file names.
fn parse_body(
    headers: &HeaderMap,
    body: &[u8],
    method: &str,
    path: &str,
    problems: &mut Vec<String>,
) -> (Option<Value>, Vec<String>) {
    if body.is_empty() {
        return (None, Vec::new());
    }
    let ctype = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if let Some(boundary) = ctype
        .strip_prefix("multipart/form-data")
        .and_then(|rest| rest.split("boundary=").nth(1))
    {
        let boundary = boundary.trim_matches('"');
        let mut payload = None;
        let mut files = Vec::new();
        for part in multipart_parts(body, boundary) {
            match part.name.as_str() {
                "payload_json" => match serde_json::from_slice(&part.data) {
                    Ok(v) => payload = Some(v),
                    Err(e) => {
                        problems.push(format!("{method} {path}: payload_json is not JSON: {e}"))
                    }
                },
                _ => files.push(part.filename.unwrap_or(part.name)),
            }
        }
        return (payload, files);
    }
    if !ctype.starts_with("application/json") {
        problems.push(format!(
            "{method} {path}: body with content-type {ctype:?}, expected JSON"
        ));
    }
    match serde_json::from_slice(body) {
        Ok(v) => (Some(v), Vec::new()),
        Err(e) => {
            problems.push(format!("{method} {path}: body is not JSON: {e}"));
            (Some(json!(String::from_utf8_lossy(body))), Vec::new())
        }
    }
}

struct Part {
    name: String,
    filename: Option<String>,
    data: Vec<u8>,
}

fn multipart_parts(body: &[u8], boundary: &str) -> Vec<Part> {
    let delim = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut rest = body;
    while let Some(start) = find(rest, delim.as_bytes()) {
        rest = &rest[start + delim.len()..];
        if rest.starts_with(b"--") {
            break;
        }
        let Some(end) = find(rest, delim.as_bytes()) else {
            break;
        };
        let chunk = rest[..end].strip_prefix(b"\r\n").unwrap_or(&rest[..end]);
        let chunk = chunk.strip_suffix(b"\r\n").unwrap_or(chunk);
        if let Some(split) = find(chunk, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&chunk[..split]).to_string();
            let disposition = head
                .lines()
                .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))
                .unwrap_or_default();
            let attr = |key: &str| {
                disposition
                    .split(';')
                    .map(str::trim)
                    .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
                    .map(|v| v.trim_matches('"').to_string())
            };
            parts.push(Part {
                name: attr("name").unwrap_or_default(),
                filename: attr("filename"),
                data: chunk[split + 4..].to_vec(),
            });
        }
    }
    parts
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
