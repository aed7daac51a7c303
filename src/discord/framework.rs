//! The poise framework: the commands, the event handler for threads and buttons, no prefix
//! commands and no pings anywhere. The one place that knows both the commands and the events,
//! so that neither imports the other.

use std::sync::Arc;

use super::commands::{
    after_command, ask, ask_message, before_command, command_builders, help, on_error, quote,
    reload, sources,
};
use super::render::no_pings;
use super::{BotError, BotSettings, Data, Shared};

/// The poise framework: commands, the event handler for threads and buttons, no prefix
/// commands, and no pings anywhere.
pub fn framework(settings: BotSettings, shared: Arc<Shared>) -> poise::Framework<Data, BotError> {
    let mut commands = vec![ask(), quote(), sources(), help(), reload(), ask_message()];
    // Fair use: a per-user pause between questions, so one user cannot keep the engine (which
    // every server shares) to themselves.
    if !settings.cooldown.is_zero() {
        for c in commands
            .iter_mut()
            .filter(|c| c.name == "ask" || c.name == "quote")
        {
            c.cooldown_config = std::sync::RwLock::new(poise::CooldownConfig {
                user: Some(settings.cooldown),
                ..Default::default()
            });
        }
    }
    let options = poise::FrameworkOptions {
        commands,
        allowed_mentions: Some(no_pings()),
        on_error: |e| Box::pin(on_error(e)),
        // One log line per command, timed from here.
        pre_command: |ctx| Box::pin(before_command(ctx)),
        post_command: |ctx| Box::pin(after_command(ctx)),
        event_handler: |fw, event| Box::pin(super::events::handle(fw, event)),
        prefix_options: poise::PrefixFrameworkOptions {
            prefix: None,
            // Mentions are questions, not prefix commands.
            mention_as_prefix: false,
            ..Default::default()
        },
        // `/reload` is for the application's owner or team members, read from the application
        // info at start: it rebuilds the index every server the bot is in shares.
        initialize_owners: true,
        ..Default::default()
    };
    poise::Framework::builder()
        .options(options)
        .setup(move |ctx, ready, fw| {
            Box::pin(async move {
                let commands = &fw.options().commands;
                // Commands belong to the application, not to a shard: of several processes,
                // the one running shard 0 registers them for all.
                if settings.shards.is_some_and(|s| !s.has_first()) {
                    tracing::info!(
                        shards = ?settings.shards,
                        "commands are registered by the process that runs shard 0"
                    );
                    return Ok(Data::with_shared(shared, settings, ready.user.id));
                }
                let builders = command_builders(commands);
                let registered = match settings.guild_id {
                    Some(g) => g.set_commands(ctx, builders).await.map(drop),
                    None => serenity::all::Command::set_global_commands(ctx, builders)
                        .await
                        .map(drop),
                };
                // Commands registered by an earlier run keep working, so this is not fatal.
                match registered {
                    Ok(()) => tracing::info!(
                        scope = settings
                            .guild_id
                            .map_or("global".to_string(), |g| format!("guild {g}")),
                        count = commands.len(),
                        shards = ready.shard.map_or(1, |s| s.total),
                        "commands registered"
                    ),
                    Err(e) => tracing::error!("registering the slash commands failed: {e}"),
                }
                Ok(Data::with_shared(shared, settings, ready.user.id))
            })
        })
        .build()
}
