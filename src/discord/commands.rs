//! Slash commands (declared with poise), their autocomplete, and the replies to misuse.

use std::future::Future;
use std::time::{Duration, Instant};

use serenity::all::{
    AuthorizingIntegrationOwner, AutocompleteChoice, ChannelId, ChannelType, CommandInteraction,
    CreateAutocompleteResponse, GuildId, Permissions,
};

use super::render::{self, limits, one_line, AnswerView, Mode};
use super::reply::Reply;
use super::threads::{self, ChannelShape, Known};
use super::{on_engine, BotError, Data, StoredAnswer};
use crate::search::{Answer, AskQuery, QuoteQuery};

pub type Ctx<'a> = poise::Context<'a, Data, BotError>;

const EMPTY_QUESTION: &str = "Your question was empty: ask something about the interviews, \
                              e.g. `/ask question: Which awards did the show win?`";
const EMPTY_MESSAGE: &str = "That message has no text to ask about (only an image, an embed or \
                             a sticker?). Try `/ask` with your question.";
const EMPTY_TOPIC: &str = "The topic was empty: say what the quote should be about.";
const FAILED: &str = "Something went wrong while answering. Please try again in a moment.";
/// [`FAILED`] for everyone in the channel, after a public "thinking…".
const FAILED_PUBLIC: &str =
    "Something went wrong while answering this question. Asker, please try again in a moment.";

/// The commands as registered with Discord. Installed to a server, every command; installed by
/// a user (usable anywhere, the bot need not be in the server), `/ask`, `/quote`, `/sources` and
/// `/help` only, with no thread button there (see `Place::of`). `/reload` is registered with default member
/// permissions "0" (nobody but administrators, until a server grants it to a role), which
/// poise cannot express: it treats empty permissions as "everyone".
pub(super) fn command_builders(
    commands: &[poise::Command<Data, BotError>],
) -> Vec<serenity::all::CreateCommand> {
    commands
        .iter()
        .filter_map(|c| {
            let b = c
                .create_as_slash_command()
                .or_else(|| c.create_as_context_menu_command())?;
            Some(if c.name == "reload" {
                b.default_member_permissions(Permissions::empty())
            } else {
                b
            })
        })
        .collect()
}

/// Where an interaction happened.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    pub guild: Option<GuildId>,
    pub channel: ChannelId,
    /// Known from the interaction's channel; `None` when Discord left it out.
    pub shape: Option<ChannelShape>,
    /// A thread can be started on a message here (a server text channel).
    pub thread_ok: bool,
}

impl Place {
    pub fn of(i: &CommandInteraction) -> Self {
        let shape = i
            .channel
            .as_ref()
            .map(|c| ChannelShape::of(c.kind, c.parent_id));
        let text = i
            .channel
            .as_ref()
            .is_some_and(|c| matches!(c.kind, ChannelType::Text | ChannelType::News));
        // The bot's own permissions in this channel, as Discord reports them with the
        // interaction: a thread button it could not honour would only fail when clicked.
        let may_thread = i.app_permissions.is_none_or(|p| {
            p.contains(Permissions::CREATE_PUBLIC_THREADS | Permissions::SEND_MESSAGES_IN_THREADS)
        });
        // Installed to this server, not only by the user who asks: a user install can answer
        // anywhere, but the bot is not in the server to run a thread.
        let installed_here = i.authorizing_integration_owners.0.iter().any(|o| {
            matches!(o, AuthorizingIntegrationOwner::GuildInstall(Some(g)) if Some(*g) == i.guild_id)
        });
        Self {
            guild: i.guild_id,
            channel: i.channel_id,
            shape,
            thread_ok: i.guild_id.is_some() && text && may_thread && installed_here,
        }
    }

    fn may_be_thread(&self) -> bool {
        self.guild.is_some() && !matches!(self.shape, Some(ChannelShape::Channel))
    }
}

/// What was asked and where: everything a reply needs beside the engine's answer.
#[derive(Debug, Clone, Copy)]
pub struct Asking<'a> {
    pub mode: Mode,
    pub question: &'a str,
    /// A thread can be started on the reply (a server text channel, a public reply).
    pub thread_button: bool,
    /// Earlier questions of the conversation it was asked in.
    pub history_len: usize,
    /// Only the asker sees the reply: it offers "Post for everyone" instead of a thread.
    pub private: bool,
}

/// Turns an engine answer into a reply, remembering it (under `id`) for its buttons.
pub fn reply_for(data: &Data, id: u64, asking: Asking<'_>, answer: Answer) -> Reply {
    if !answer.answered || answer.results.is_empty() {
        return Reply {
            content: Some(render::no_answer_content(&answer, asking.mode)),
            embed: None,
            components: Vec::new(),
            answered: false,
        };
    }
    let thread_button = asking.thread_button && !asking.private;
    let stored = data.remember(
        id,
        StoredAnswer {
            mode: asking.mode,
            question: asking.question.to_string(),
            answer,
            thread_button,
            history_len: asking.history_len,
            votes: data.settings.feedback.is_some(),
            private: asking.private,
        },
    );
    shown_reply(id, &stored, 0, thread_button)
}

/// The reply showing result `index` of a stored answer.
pub fn shown_reply(id: u64, a: &StoredAnswer, index: usize, thread_button: bool) -> Reply {
    let total = a.answer.results.len();
    let index = index % total.max(1);
    let parts = a.answer.results.get(index).map(|hit| {
        render::answer_embed(&AnswerView {
            mode: a.mode,
            question: &a.question,
            hit,
            index,
            total,
        })
    });
    Reply {
        content: render::answer_content(&a.answer, a.mode),
        embed: parts.map(|p| p.to_embed()),
        components: render::answer_components(
            id,
            index,
            &a.answer.results,
            render::Offer {
                thread: thread_button,
                votes: a.votes,
                close_call: a.answer.close_call,
                post: a.private,
            },
        ),
        answered: true,
    }
}

/// Runs the work for a reply; if it is not done by `defer_after`, tells Discord to wait
/// ("thinking…") so the 3-second window cannot pass.
async fn within_deadline<T>(
    ctx: Ctx<'_>,
    work: impl Future<Output = Result<T, BotError>>,
) -> Result<T, BotError> {
    within_deadline_as(ctx, false, work).await
}

/// [`within_deadline`], deferring privately when the reply will be ephemeral.
async fn within_deadline_as<T>(
    ctx: Ctx<'_>,
    private: bool,
    work: impl Future<Output = Result<T, BotError>>,
) -> Result<T, BotError> {
    let left = budget_left(ctx);
    if left.is_zero() {
        // No time left (a handler reached late under load): say "thinking…" at once.
        defer(ctx, private).await?;
        return work.await;
    }
    tokio::pin!(work);
    let wait = tokio::time::sleep(left);
    tokio::select! {
        biased;
        r = &mut work => r,
        _ = wait => {
            defer(ctx, private).await?;
            work.await
        }
    }
}

async fn defer(ctx: Ctx<'_>, private: bool) -> Result<(), BotError> {
    if private {
        ctx.defer_ephemeral().await?;
    } else {
        ctx.defer().await?;
    }
    Ok(())
}

/// The time left of the reply budget (`defer_after`, counted from the interaction's creation).
fn budget_left(ctx: Ctx<'_>) -> Duration {
    let budget = ctx.data().settings.defer_after;
    match interaction(ctx) {
        Some(i) => budget.saturating_sub(age(i.id.get())),
        None => budget,
    }
}

/// Autocomplete can't be deferred: what is not ready within the reply budget is answered with
/// no choices rather than missing Discord's window.
async fn autocomplete_within_deadline<T: Default>(
    ctx: Ctx<'_>,
    work: impl Future<Output = Result<T, BotError>>,
) -> T {
    let left = budget_left(ctx);
    if left.is_zero() {
        tracing::debug!("autocomplete reached with no time left: no choices");
        return T::default();
    }
    match tokio::time::timeout(left, work).await {
        Ok(r) => r.unwrap_or_default(),
        Err(_) => {
            tracing::debug!("autocomplete not ready in time: no choices");
            T::default()
        }
    }
}

/// How long ago Discord created the interaction with this id (snowflakes carry their creation
/// time). Discord's 3 seconds run from then, not from when this handler got to run, which under
/// load can be much later. A clock ahead of Discord's reads as zero, so the bot never defers
/// later than `defer_after` after the handler starts.
pub fn age(snowflake: u64) -> Duration {
    const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;
    let created_ms = (snowflake >> 22) + DISCORD_EPOCH_MS;
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    Duration::from_millis(now_ms.saturating_sub(created_ms))
}

fn interaction<'a>(ctx: Ctx<'a>) -> Option<&'a CommandInteraction> {
    match ctx {
        poise::Context::Application(a) => Some(a.interaction),
        poise::Context::Prefix(_) => None,
    }
}

async fn ephemeral(ctx: Ctx<'_>, text: &str) -> Result<(), BotError> {
    ctx.send(Reply::text(text).to_poise().ephemeral(true))
        .await?;
    Ok(())
}

/// What the post-command hook logs about a command: started by the pre-command hook, told the
/// outcome by the command (see `outcome`).
struct Logged {
    started: Instant,
    answered: bool,
    question: String,
}

/// The pre-command hook: the clock starts for the interaction's log line.
pub(super) async fn before_command(ctx: Ctx<'_>) {
    ctx.set_invocation_data(Logged {
        started: Instant::now(),
        answered: true,
        question: String::new(),
    })
    .await;
}

/// The post-command hook: the one log line of a command that ran (errors are logged by
/// `on_error`).
pub(super) async fn after_command(ctx: Ctx<'_>) {
    if let Some(logged) = ctx.invocation_data::<Logged>().await {
        let name = &ctx.command().name;
        log_interaction(
            name,
            ctx.guild_id(),
            logged.answered,
            logged.started,
            &logged.question,
        );
    }
}

/// Tells the post-command hook whether the command answered, and what was asked.
async fn outcome(ctx: Ctx<'_>, answered: bool, question: &str) {
    if let Some(mut logged) = ctx.invocation_data::<Logged>().await {
        logged.answered = answered;
        logged.question = question.to_string();
    }
}

/// The one log line per interaction. The question itself only at debug level.
pub fn log_interaction(
    command: &str,
    guild: Option<GuildId>,
    answered: bool,
    started: Instant,
    question: &str,
) {
    let latency_ms = started.elapsed().as_millis() as u64;
    tracing::info!(
        command,
        guild = guild.map(|g| g.get()),
        answered,
        latency_ms,
        "interaction"
    );
    tracing::debug!(command, question, "interaction question");
}

/// The conversation so far, when `channel` is a thread on one of the bot's answers. A failure
/// to read it degrades to a standalone answer rather than no answer.
pub async fn conversation(
    data: &Data,
    http: &serenity::all::Http,
    channel: ChannelId,
    shape: Option<ChannelShape>,
    before: Option<serenity::all::MessageId>,
) -> Option<Vec<String>> {
    let known = threads::lookup(
        http,
        &data.shared.threads,
        channel,
        shape,
        before,
        data.bot_id,
        data.settings.message_content,
    )
    .await;
    match known {
        Ok(Known::Conversation(qs)) => Some(qs),
        Ok(_) => None,
        Err(e) => {
            tracing::warn!(
                channel = channel.get(),
                "cannot read the thread's context: {e}"
            );
            None
        }
    }
}

/// The engine's answer to `question` after `history`, with as many results as an answer on
/// Discord offers (the one shown and the menu's), computed off the async runtime.
pub async fn answer_question(
    data: &Data,
    question: String,
    history: Vec<String>,
) -> Result<Answer, BotError> {
    on_engine(data.engine(), move |e| {
        e.ask(&AskQuery {
            question: &question,
            history: &history,
            limit: render::ANSWER_RESULTS,
        })
    })
    .await
}

/// Ask a question about the interviews
#[poise::command(
    slash_command,
    install_context = "Guild|User",
    interaction_context = "Guild|BotDm|PrivateChannel"
)]
pub async fn ask(
    ctx: Ctx<'_>,
    #[description = "Your question, in plain words"]
    #[autocomplete = "autocomplete_question"]
    question: String,
) -> Result<(), BotError> {
    let Some(i) = interaction(ctx) else {
        return Ok(());
    };
    let data = ctx.data();
    let place = Place::of(i);
    let q = one_line(&question);
    if q.is_empty() {
        ephemeral(ctx, EMPTY_QUESTION).await?;
        outcome(ctx, false, &q).await;
        return Ok(());
    }
    let work = async {
        let history = if place.may_be_thread() {
            conversation(data, ctx.http(), place.channel, place.shape, None).await
        } else {
            None
        };
        let answer = answer_question(data, q.clone(), history.clone().unwrap_or_default()).await?;
        Ok((answer, history.as_ref().map(Vec::len)))
    };
    let (answer, conversation) = within_deadline(ctx, work).await?;
    let history_len = conversation.unwrap_or(0);
    let asking = Asking {
        mode: Mode::Ask,
        question: &q,
        thread_button: place.thread_ok,
        history_len,
        private: false,
    };
    let reply = reply_for(data, i.id.get(), asking, answer);
    ctx.send(reply.to_poise()).await?;
    if conversation.is_some() {
        data.shared.threads.push_question(place.channel, &q);
    }
    outcome(ctx, reply.answered, &q).await;
    Ok(())
}

/// "Ask the interviews" on a message: its text, answered as a question. Only the user who
/// asked sees the answer, with a button to post it for everyone.
#[poise::command(
    context_menu_command = "Ask the interviews",
    install_context = "Guild|User",
    interaction_context = "Guild|BotDm|PrivateChannel"
)]
pub async fn ask_message(ctx: Ctx<'_>, msg: serenity::all::Message) -> Result<(), BotError> {
    let Some(i) = interaction(ctx) else {
        return Ok(());
    };
    let data = ctx.data();
    let q = one_line(&msg.content);
    if q.is_empty() {
        ephemeral(ctx, EMPTY_MESSAGE).await?;
        outcome(ctx, false, &q).await;
        return Ok(());
    }
    let work = answer_question(data, q.clone(), Vec::new());
    let answer = within_deadline_as(ctx, true, work).await?;
    let asking = Asking {
        mode: Mode::Ask,
        question: &q,
        thread_button: false,
        history_len: 0,
        private: true,
    };
    let reply = reply_for(data, i.id.get(), asking, answer);
    ctx.send(reply.to_poise().ephemeral(true)).await?;
    outcome(ctx, reply.answered, &q).await;
    Ok(())
}

/// Find a verbatim quote from the interviews
#[poise::command(
    slash_command,
    install_context = "Guild|User",
    interaction_context = "Guild|BotDm|PrivateChannel"
)]
pub async fn quote(
    ctx: Ctx<'_>,
    #[description = "What the quote is about"] topic: String,
    #[description = "Only quotes by this person"]
    #[autocomplete = "autocomplete_speaker"]
    speaker: Option<String>,
) -> Result<(), BotError> {
    let Some(i) = interaction(ctx) else {
        return Ok(());
    };
    let data = ctx.data();
    let place = Place::of(i);
    let t = one_line(&topic);
    if t.is_empty() {
        ephemeral(ctx, EMPTY_TOPIC).await?;
        outcome(ctx, false, &t).await;
        return Ok(());
    }
    let speaker = speaker.map(|s| one_line(&s)).filter(|s| !s.is_empty());
    let (topic, who) = (t.clone(), speaker.clone());
    let work = on_engine(data.engine(), move |e| {
        e.quote(&QuoteQuery {
            topic: &topic,
            speaker: who.as_deref(),
            limit: render::ANSWER_RESULTS,
        })
    });
    let answer = within_deadline(ctx, work).await?;
    let asking = Asking {
        mode: Mode::Quote,
        question: &t,
        thread_button: place.thread_ok,
        history_len: 0,
        private: false,
    };
    let reply = reply_for(data, i.id.get(), asking, answer);
    ctx.send(reply.to_poise()).await?;
    outcome(ctx, reply.answered, &t).await;
    Ok(())
}

/// List the interview articles I answer from
#[poise::command(
    slash_command,
    install_context = "Guild|User",
    interaction_context = "Guild|BotDm|PrivateChannel"
)]
pub async fn sources(ctx: Ctx<'_>) -> Result<(), BotError> {
    let work = on_engine(ctx.data().engine(), |e| {
        (e.sources(), e.model_name().map(str::to_string))
    });
    let (list, model) = within_deadline(ctx, work).await?;
    let ranking = match (model, ctx.data().shared.warming_progress()) {
        (Some(m), _) => render::Ranking::Hybrid(m),
        (None, Some(done)) => render::Ranking::WordsWhileEmbedding(done),
        (None, None) => render::Ranking::Words,
    };
    let embed = render::sources_embed(&list, &ranking).to_embed();
    ctx.send(Reply::embed(embed).to_poise()).await?;
    Ok(())
}

/// How to ask me about the interviews
#[poise::command(
    slash_command,
    install_context = "Guild|User",
    interaction_context = "Guild|BotDm|PrivateChannel"
)]
pub async fn help(ctx: Ctx<'_>) -> Result<(), BotError> {
    let embed = render::help_embed(ctx.data().settings.message_content).to_embed();
    ctx.send(Reply::embed(embed).to_poise().ephemeral(true))
        .await?;
    Ok(())
}

/// Re-read the articles and rebuild the index (the bot's owner)
#[poise::command(
    slash_command,
    guild_only,
    owners_only,
    install_context = "Guild",
    interaction_context = "Guild"
)]
pub async fn reload(ctx: Ctx<'_>) -> Result<(), BotError> {
    let shared = ctx.data().shared.clone();
    // Refusals come back at once; a real rebuild defers (privately) past Discord's window.
    let work = async move { Ok(shared.reloader.reload().await) };
    let reloaded = within_deadline_as(ctx, true, work).await?;
    let text = match &reloaded {
        Ok(r) => r.to_string(),
        Err(e) => e.to_string(),
    };
    ephemeral(ctx, &text).await?;
    outcome(ctx, reloaded.is_ok(), "").await;
    Ok(())
}

/// Autocomplete choices: names and values are the same text, at most 100 characters each.
fn choices(list: Vec<String>) -> CreateAutocompleteResponse {
    let mut seen = std::collections::HashSet::new();
    let cs = list
        .into_iter()
        .map(|s| render::truncate(&one_line(&s), limits::CHOICE))
        .filter(|s| !s.is_empty() && seen.insert(s.clone()))
        .take(limits::AUTOCOMPLETE_CHOICES)
        .map(|s| AutocompleteChoice::new(s.clone(), s))
        .collect();
    CreateAutocompleteResponse::new().set_choices(cs)
}

async fn autocomplete_question(ctx: Ctx<'_>, partial: &str) -> CreateAutocompleteResponse {
    let started = Instant::now();
    let typed = partial.to_string();
    let work = on_engine(ctx.data().engine(), move |e| {
        e.suggest_questions(&typed, limits::AUTOCOMPLETE_CHOICES, limits::CHOICE)
    });
    let list = autocomplete_within_deadline(ctx, work).await;
    // Every keystroke is an autocomplete interaction: debug, not info.
    tracing::debug!(
        command = "ask",
        choices = list.len(),
        latency_ms = started.elapsed().as_millis() as u64,
        "autocomplete"
    );
    choices(list)
}

async fn autocomplete_speaker(ctx: Ctx<'_>, partial: &str) -> CreateAutocompleteResponse {
    let typed = partial.to_string();
    let work = on_engine(ctx.data().engine(), move |e| {
        e.suggest_speakers(&typed, limits::AUTOCOMPLETE_CHOICES)
    });
    let list = autocomplete_within_deadline(ctx, work).await;
    choices(list)
}

/// Options that do not match the command as declared: Discord still has an older version.
async fn unreadable(ctx: Ctx<'_>) {
    tracing::info!(command = %ctx.command().name, "unreadable command options");
    let text = "I couldn't read that command's options. Discord may still show an older version \
                of the command: try again in a minute, or see `/help`.";
    if let Err(e) = ephemeral(ctx, text).await {
        tracing::warn!("cannot answer an unreadable command: {e}");
    }
}

/// An error and its causes on one line, e.g. "…: error sending request: operation timed out".
pub fn with_causes(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let s_text = s.to_string();
        // Wrappers often repeat their cause's message.
        if !out.ends_with(&s_text) {
            out.push_str(": ");
            out.push_str(&s_text);
        }
        source = s.source();
    }
    out
}

/// Errors and misuse get an ephemeral reply; nothing is left unanswered.
pub(super) async fn on_error(error: poise::FrameworkError<'_, Data, BotError>) {
    match error {
        poise::FrameworkError::Command { error, ctx, .. } => {
            // The status says what happened even when Discord's error body is unreadable (as
            // serenity finds a 429's).
            let status = match &error {
                BotError::Discord(serenity::Error::Http(e)) => e.status_code().map(|s| s.as_u16()),
                _ => None,
            };
            tracing::warn!(
                command = %ctx.command().name,
                status,
                "command failed: {}",
                with_causes(&error)
            );
            // After a public "thinking…", Discord makes the first follow-up public whatever its
            // flags say: the message is then worded, and sent, for the whole channel.
            let deferred_in_public = match ctx {
                poise::Context::Application(a) => {
                    a.has_sent_initial_response
                        .load(std::sync::atomic::Ordering::SeqCst)
                        && ctx.command().name != "reload"
                }
                poise::Context::Prefix(_) => false,
            };
            let reported = if deferred_in_public {
                ctx.send(Reply::text(FAILED_PUBLIC).to_poise())
                    .await
                    .map(drop)
                    .map_err(|e| e.to_string())
            } else {
                ephemeral(ctx, FAILED).await.map_err(|e| e.to_string())
            };
            if let Err(e) = reported {
                tracing::warn!("cannot report the failure to the user: {e}");
            }
        }
        poise::FrameworkError::CooldownHit {
            remaining_cooldown,
            ctx,
            ..
        } => {
            let text = render::cooldown(remaining_cooldown);
            if let Err(e) = ephemeral(ctx, &text).await {
                tracing::warn!("cannot answer a command on cooldown: {e}");
            }
        }
        poise::FrameworkError::NotAnOwner { ctx, .. } => {
            tracing::info!(command = %ctx.command().name, "refused: not an owner");
            let text = "Only the bot's owner can reload the articles: every server the bot is in \
                        shares them.";
            if let Err(e) = ephemeral(ctx, text).await {
                tracing::warn!("cannot answer a refused command: {e}");
            }
        }
        poise::FrameworkError::ArgumentParse { ctx, .. } => unreadable(ctx).await,
        poise::FrameworkError::CommandStructureMismatch { ctx, .. } => unreadable(ctx.into()).await,
        poise::FrameworkError::UnknownInteraction {
            framework,
            interaction,
            ..
        } => {
            tracing::info!(command = %interaction.data.name, "unknown command");
            let msg = Reply::text(
                "I don't know that command (it may be from an older version of me). \
                 Try `/ask` or `/help`.",
            );
            if let Err(e) = interaction
                .create_response(framework.serenity_context, msg.into_ephemeral_response())
                .await
            {
                tracing::warn!("cannot answer an unknown command: {e}");
            }
        }
        other => {
            if let Err(e) = poise::builtins::on_error(other).await {
                tracing::warn!("error while handling an error: {e}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snowflake_at(ms_since_unix: u64) -> u64 {
        (ms_since_unix - 1_420_070_400_000) << 22
    }

    #[test]
    fn an_interactions_age_comes_from_its_id() {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64;
        let two_s_ago = age(snowflake_at(now - 2000));
        assert!(
            two_s_ago >= Duration::from_millis(2000) && two_s_ago < Duration::from_secs(60),
            "{two_s_ago:?}"
        );
        assert_eq!(
            age(snowflake_at(now + 60_000)),
            Duration::ZERO,
            "a clock behind Discord's never reads as older"
        );
    }

    #[test]
    fn causes_are_on_one_line_without_repeats() {
        #[derive(Debug, thiserror::Error)]
        #[error("outer: inner failed")]
        struct Outer(#[source] Inner);
        #[derive(Debug, thiserror::Error)]
        #[error("inner failed")]
        struct Inner(#[source] std::io::Error);
        let e = Outer(Inner(std::io::Error::other("operation timed out")));
        assert_eq!(with_causes(&e), "outer: inner failed: operation timed out");
    }
}
