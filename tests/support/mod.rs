//! Shared test support, included by integration tests with `mod support;`.
//!
//! Each integration test is its own crate and uses only part of this module, so unused items
//! are expected there rather than dead code.
#![allow(dead_code, unused_imports)]

pub mod bot;
pub mod drive;
pub mod fake_discord;
pub mod tiny_model;
