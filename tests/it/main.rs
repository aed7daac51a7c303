//! The integration tests, one binary (one link on a two-core machine), a module per feature.
//! `support` holds what they share: the project's folders, copies of the seeds, the real model
//! (required in CI), the binary, and `TestBot`, the real bot against the fake Discord
//! (`crates/fake-discord`).

mod support;

mod answers;
mod config;
mod corpus;
mod corpus_edge;
mod discord;
mod embeddings;
mod fake_discord;
mod feedback;
mod layouts;
mod model;
mod persistent_index;
mod properties;
mod readme;
mod reliability;
