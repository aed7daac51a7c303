//! Gateway events poise does not handle itself: questions asked by message (in threads on the
//! bot's answers, or by mentioning the bot) and clicks on the buttons under answers.

use std::time::Instant;

use serenity::all::{
    AutoArchiveDuration, ComponentInteraction, Context, CreateInteractionResponse, CreateThread,
    FullEvent, Interaction, Message,
};

use super::commands::{answer_question, log_interaction, reply_for, shown_reply, Asking};
use super::render::{self, ButtonAction, Mode};
use super::reply::Reply;
use super::threads::{self, Known};
use super::{BotError, Data};
use crate::feedback::{Verdict, Vote, WRITE_TIMEOUT};

pub async fn handle(
    fw: poise::FrameworkContext<'_, Data, BotError>,
    event: &FullEvent,
) -> Result<(), BotError> {
    let (ctx, data) = (fw.serenity_context, fw.user_data);
    match event {
        FullEvent::Message { new_message } => on_message(ctx, data, new_message).await,
        FullEvent::InteractionCreate {
            interaction: Interaction::Component(c),
        } => on_component(ctx, data, c).await,
        FullEvent::ThreadCreate { thread } => on_thread_create(ctx, data, thread).await,
        _ => Ok(()),
    }
}

/// A thread someone starts on one of the bot's answers (with Discord's own Create Thread): the
/// bot joins it, so that follow-ups written there reach it however the thread was made (a bot
/// only receives the messages of threads it is a member of, private ones especially).
async fn on_thread_create(
    ctx: &Context,
    data: &Data,
    thread: &serenity::all::GuildChannel,
) -> Result<(), BotError> {
    let Some(parent) = thread.parent_id else {
        return Ok(());
    };
    // Already a member: it made the thread itself (its "Follow up in a thread" button; Discord
    // sends THREAD_CREATE to the creator too), or it was added to it.
    if thread.member.is_some() || thread.owner_id == Some(data.bot_id) {
        return Ok(());
    }
    let known = threads::lookup(
        &ctx.http,
        &data.shared.threads,
        thread.id,
        Some(threads::ChannelShape::Thread { parent }),
        None,
        data.bot_id,
        data.settings.message_content,
    )
    .await;
    match known {
        Ok(Known::Conversation(_)) => {
            if let Err(e) = thread.id.join_thread(&ctx.http).await {
                tracing::warn!(thread = %thread.id, "cannot join a thread on an answer: {e}");
            } else {
                tracing::debug!(thread = %thread.id, "joined a thread started on an answer");
            }
        }
        Ok(_) => {}
        Err(e) => tracing::debug!(thread = %thread.id, "cannot read a new thread's starter: {e}"),
    }
    Ok(())
}

/// A message is a question when it mentions the bot, or, with the Message Content intent on,
/// when it is any message in a thread on one of the bot's answers. In such a thread the
/// question is a follow-up; a mention elsewhere gets a standalone answer.
async fn on_message(ctx: &Context, data: &Data, msg: &Message) -> Result<(), BotError> {
    if msg.author.bot || msg.guild_id.is_none() {
        return Ok(());
    }
    let bot = data.bot_id;
    let mentioned = threads::mentions_bot(msg, bot);
    let plain = data.settings.message_content;
    if !mentioned && !plain {
        return Ok(());
    }
    let Some(question) = threads::question_in(msg, bot, true) else {
        if mentioned {
            let hint = Reply::text(
                "Ask me something about the interviews after the mention, or use `/ask`.",
            )
            .into_message()
            .reference_message(msg);
            msg.channel_id.send_message(&ctx.http, hint).await?;
        }
        return Ok(());
    };
    let started = Instant::now();
    // Where the message was written, from the gateway cache the bot keeps (no REST call).
    let shape = msg.guild_id.and_then(|g| {
        let guild = ctx.cache.guild(g)?;
        if let Some(c) = guild.channels.get(&msg.channel_id) {
            return Some(threads::ChannelShape::of(c.kind, c.parent_id));
        }
        guild
            .threads
            .iter()
            .find(|t| t.id == msg.channel_id)
            .map(|t| threads::ChannelShape::of(t.kind, t.parent_id))
    });
    let known = threads::lookup(
        &ctx.http,
        &data.shared.threads,
        msg.channel_id,
        shape,
        Some(msg.id),
        bot,
        plain,
    )
    .await;
    let (history, thread_ok) = match known {
        Ok(Known::Conversation(qs)) => (Some(qs), false),
        Ok(Known::Thread) => (None, false),
        Ok(Known::Channel) => (None, true),
        Err(e) => {
            tracing::warn!(
                channel = msg.channel_id.get(),
                "cannot read the channel: {e}"
            );
            (None, false)
        }
    };
    // Outside a conversation only a mention is addressed to the bot.
    if history.is_none() && !mentioned {
        return Ok(());
    }
    let earlier = history.clone().unwrap_or_default();
    let answer = answer_question(data, question.clone(), earlier).await?;
    let history_len = history.as_ref().map_or(0, Vec::len);
    let asking = Asking {
        mode: Mode::Ask,
        question: &question,
        thread_button: thread_ok,
        history_len,
        private: false,
    };
    let reply = reply_for(data, msg.id.get(), asking, answer);
    let answered = reply.answered;
    let out = reply.into_message().reference_message(msg);
    msg.channel_id.send_message(&ctx.http, out).await?;
    if history.is_some() {
        data.shared.threads.push_question(msg.channel_id, &question);
    }
    log_interaction("message", msg.guild_id, answered, started, &question);
    Ok(())
}

async fn respond(
    ctx: &Context,
    c: &ComponentInteraction,
    r: CreateInteractionResponse,
) -> Result<(), BotError> {
    c.create_response(&ctx.http, r).await?;
    Ok(())
}

async fn ephemeral(ctx: &Context, c: &ComponentInteraction, text: &str) -> Result<(), BotError> {
    respond(ctx, c, Reply::text(text).into_ephemeral_response()).await
}

/// The question the clicked answer was for, from its footer.
fn clicked_question(c: &ComponentInteraction) -> Option<String> {
    let footer = c.message.embeds.first()?.footer.as_ref()?;
    render::question_from_footer(&footer.text).map(|(_, q)| q)
}

/// Whether a question read back from a footer is the stored one (the footer keeps at most
/// 1,000 characters).
fn footer_matches(from_footer: &str, stored: &str) -> bool {
    render::question_from_footer(&format!("Asked: {}", render::footer_question(stored)))
        .is_some_and(|(_, q)| q == from_footer)
}

/// The index the clicked message shows, from its "Another passage" button.
fn shown_index(c: &ComponentInteraction) -> Option<usize> {
    c.message
        .components
        .iter()
        .flat_map(|row| &row.components)
        .find_map(|comp| match comp {
            serenity::all::ActionRowComponent::Button(b) => match &b.data {
                serenity::all::ButtonKind::NonLink { custom_id, .. } => {
                    match ButtonAction::parse(custom_id) {
                        Some(ButtonAction::Next { shown, .. }) => Some(shown),
                        _ => None,
                    }
                }
                _ => None,
            },
            _ => None,
        })
}

/// 👍 or 👎 on the result `shown` of a stored answer: stored (one vote per user per answer, a
/// later click replacing it), then thanked in a note only the voter sees. A vote that cannot
/// be stored is logged and the voter is still answered.
async fn vote(
    ctx: &Context,
    data: &Data,
    c: &ComponentInteraction,
    answer: u64,
    a: &super::StoredAnswer,
    shown: usize,
    up: bool,
) -> Result<bool, BotError> {
    let Some(store) = data.settings.feedback.as_ref() else {
        ephemeral(ctx, c, render::EXPIRED).await?;
        return Ok(false);
    };
    let hit = a.answer.results.get(shown);
    let v = Vote {
        answer,
        user: c.user.id.get(),
        guild: c.guild_id.map(|g| g.get()),
        question: a.question.clone(),
        history_len: a.history_len,
        article_file: hit.map(|h| h.source.file.clone()),
        passage: hit.map(|h| h.passage),
        verdict: if up { Verdict::Up } else { Verdict::Down },
    };
    let stored = match tokio::time::timeout(WRITE_TIMEOUT, store.record(&v)).await {
        Ok(Ok(())) => true,
        Ok(Err(e)) => {
            tracing::warn!(answer, "a vote was not stored: {e}");
            false
        }
        Err(_) => {
            tracing::warn!(answer, "a vote was not stored: the database took too long");
            false
        }
    };
    let text = match (stored, up) {
        (true, true) => render::VOTED_UP,
        (true, false) => render::VOTED_DOWN,
        (false, _) => render::VOTE_NOT_STORED,
    };
    ephemeral(ctx, c, text).await?;
    Ok(stored)
}

/// Redraws the clicked answer showing its result `index` ("Another passage", the menu).
async fn show_in_place(
    ctx: &Context,
    c: &ComponentInteraction,
    answer: u64,
    a: &super::StoredAnswer,
    index: usize,
) -> Result<(), BotError> {
    let thread_button = a.thread_button && c.message.thread.is_none();
    let reply = shown_reply(answer, a, index, thread_button);
    respond(ctx, c, reply.into_update()).await
}

/// The result picked in the passage menu, if it is one of the answer's `total`.
fn picked(c: &ComponentInteraction, total: usize) -> Option<usize> {
    let serenity::all::ComponentInteractionDataKind::StringSelect { values } = &c.data.kind else {
        return None;
    };
    match values.as_slice() {
        [v] => v.parse().ok().filter(|i| *i < total),
        _ => None,
    }
}

async fn on_component(
    ctx: &Context,
    data: &Data,
    c: &ComponentInteraction,
) -> Result<(), BotError> {
    let started = Instant::now();
    let action = ButtonAction::parse(&c.data.custom_id);
    // A button is only honoured on the answer it was made for: the stored answer's question
    // must be the one in the clicked message's footer.
    let stored = action
        .and_then(|a| data.recall(a.answer()))
        .filter(|a| clicked_question(c).is_some_and(|q| footer_matches(&q, &a.question)));
    let (name, served) = match (action, stored) {
        (Some(ButtonAction::Next { answer, shown }), Some(a)) if a.answer.results.len() > 1 => {
            show_in_place(ctx, c, answer, &a, shown + 1).await?;
            ("next", true)
        }
        (Some(ButtonAction::Pick { answer }), Some(a)) => match picked(c, a.answer.results.len()) {
            Some(index) => {
                show_in_place(ctx, c, answer, &a, index).await?;
                ("pick", true)
            }
            None => {
                ephemeral(ctx, c, render::EXPIRED).await?;
                ("pick", false)
            }
        },
        (Some(ButtonAction::Post { answer, shown }), Some(a)) => {
            // The same answer for everyone: a public copy, with the buttons a public answer
            // has (no thread: the copy is the interaction's reply, not a channel message).
            let public = super::StoredAnswer {
                private: false,
                ..a.as_ref().clone()
            };
            let reply = shown_reply(answer, &public, shown, false);
            respond(ctx, c, reply.into_public_response()).await?;
            ("post", true)
        }
        (Some(ButtonAction::Vote { answer, shown, up }), Some(a)) => {
            let served = vote(ctx, data, c, answer, &a, shown, up).await?;
            ("vote", served)
        }
        (Some(ButtonAction::Thread { answer }), stored) => {
            let served = start_thread(ctx, data, c, answer, stored.as_deref()).await?;
            ("thread", served)
        }
        _ => {
            ephemeral(ctx, c, render::EXPIRED).await?;
            ("expired", false)
        }
    };
    log_interaction(name, c.guild_id, served, started, "");
    Ok(())
}

/// "Follow up in a thread": a public thread on the answer, named after the question. The
/// button is then taken off the answer (a message can carry one thread only).
async fn start_thread(
    ctx: &Context,
    data: &Data,
    c: &ComponentInteraction,
    answer: u64,
    stored: Option<&super::StoredAnswer>,
) -> Result<bool, BotError> {
    // After a restart the stored answer is gone, but the question is still on the message.
    let Some(question) = stored
        .map(|a| a.question.clone())
        .or_else(|| clicked_question(c))
    else {
        ephemeral(ctx, c, render::EXPIRED).await?;
        return Ok(false);
    };
    if c.guild_id.is_none() {
        ephemeral(ctx, c, "Threads can only be started in a server channel.").await?;
        return Ok(false);
    }
    // Acknowledged before the thread is made: a slow or rate-limited thread creation must not
    // miss the 3 seconds Discord gives a click ("This interaction failed").
    respond(ctx, c, CreateInteractionResponse::Acknowledge).await?;
    let created = c
        .channel_id
        .create_thread_from_message(
            &ctx.http,
            c.message.id,
            CreateThread::new(render::thread_name(&question))
                .auto_archive_duration(AutoArchiveDuration::OneDay),
        )
        .await;
    let thread = match created {
        Ok(t) => t,
        Err(e) => {
            let text = if discord_code(&e) == Some(160004) {
                format!(
                    "This answer already has a thread: <#{}>. Ask your follow-ups there.",
                    c.message.id
                )
            } else {
                tracing::warn!("cannot start a thread: {e}");
                "I couldn't start a thread here. Check that I may create public threads in this \
                 channel."
                    .to_string()
            };
            // After a deferred update the follow-up is a new message, and may be ephemeral.
            c.create_followup(&ctx.http, Reply::text(&text).into_ephemeral_followup())
                .await?;
            return Ok(false);
        }
    };
    data.shared.threads.start(thread.id, &question);
    // The button comes off the answer (a message has one thread). Without the stored answer
    // the message cannot be redrawn, and the acknowledgement was enough.
    if let Some(a) = stored {
        let shown = shown_index(c).unwrap_or(0);
        let reply = shown_reply(answer, a, shown, false);
        c.edit_response(&ctx.http, reply.into_edit()).await?;
    }
    Ok(true)
}

fn discord_code(e: &serenity::Error) -> Option<isize> {
    match e {
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(r)) => {
            Some(r.error.code)
        }
        _ => None,
    }
}
