//! interview-bot: answers questions about a folder of interview articles.
//!
//! The engine (`corpus`, `search`, `embed`) knows nothing of Discord; `discord` only translates
//! between Discord interactions and the engine, and `terminal` does the same for a shell.

pub mod app;
pub mod config;
pub mod corpus;
pub mod discord;
pub mod embed;
pub mod eval;
pub mod feedback;
pub mod search;
pub mod synth;
pub mod terminal;
pub mod wording;

/// This process's resident memory in MB, where the OS tells it (Linux), for log lines that say
/// where memory goes.
pub fn rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}
