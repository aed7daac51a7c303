//! interview-bot: answers questions about a folder of interview articles.
//!
//! The engine (`corpus`, `search`, `embed`) knows nothing of Discord; `discord` only translates
//! between Discord interactions and the engine, and `terminal` does the same for a shell.

pub mod app;
pub mod config;
pub mod corpus;
pub mod discord;
pub mod embed;
pub mod search;
pub mod synth;
pub mod terminal;
