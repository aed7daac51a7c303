//! What every test of the bot against the fake Discord needs: its settings, an `/ask`, and
//! reading ids and strings out of JSON.

use interview_bot::config::{DiscordConfig, Secret};
use interview_bot::discord::BotSettings;
use serde_json::Value;

use super::fake_discord::*;

/// Settings pointing the bot at `fake` (test token, test guild).
pub fn settings(fake: &FakeDiscord) -> BotSettings {
    BotSettings::from_config(&DiscordConfig {
        token: Some(Secret::new(TOKEN)),
        guild_id: Some(GUILD_ID),
        proxy_url: Some(fake.base_url()),
        message_content: false,
    })
    .expect("test settings parse")
}

/// An `/ask` interaction typed in `place`.
pub fn ask(question: &str, place: &Place) -> Value {
    Interactions::slash_command("ask", &[Opt::string("question", question)], place)
}

/// The snowflake in a payload's `id`.
pub fn id_of(v: &Value) -> u64 {
    v["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("numeric id")
}

/// A JSON string, or "" for anything else.
pub fn text(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}
