//! One reply, sent every way the bot sends messages: a command's response, a message in a
//! thread, a redraw or an edit of the message a button sits under, a follow-up. Every form
//! carries the same content and the same empty `allowed_mentions`, so no path can ping anyone.

use poise::CreateReply;
use serenity::all::{
    CreateActionRow, CreateEmbed, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, CreateMessage, EditInteractionResponse,
};

use super::render::{self, limits, no_pings};

/// A reply, ready for any of the ways the bot sends messages.
#[derive(Default)]
pub struct Reply {
    pub content: Option<String>,
    pub embed: Option<CreateEmbed>,
    pub components: Vec<CreateActionRow>,
    /// Whether it answers the question (for the log), as opposed to saying it can't.
    pub answered: bool,
}

impl Reply {
    /// A line of text (cut to Discord's limit).
    pub fn text(text: &str) -> Self {
        Self {
            content: Some(render::truncate(text, limits::CONTENT)),
            ..Self::default()
        }
    }

    /// An embed alone.
    pub fn embed(embed: CreateEmbed) -> Self {
        Self {
            embed: Some(embed),
            ..Self::default()
        }
    }

    /// A command's response (poise sends it as the first response or a follow-up).
    pub fn to_poise(&self) -> CreateReply {
        let mut r = CreateReply::default()
            .allowed_mentions(no_pings())
            .components(self.components.clone());
        if let Some(c) = &self.content {
            r = r.content(c.clone());
        }
        if let Some(e) = &self.embed {
            r = r.embed(e.clone());
        }
        r
    }

    /// A message in a channel or thread (the caller adds the message it replies to).
    pub fn into_message(self) -> CreateMessage {
        let mut m = CreateMessage::new()
            .allowed_mentions(no_pings())
            .components(self.components);
        if let Some(c) = self.content {
            m = m.content(c);
        }
        if let Some(e) = self.embed {
            m = m.embed(e);
        }
        m
    }

    /// A response to an interaction the bot answers outside poise (a button, an unknown
    /// command), only the user who clicked seeing it.
    pub fn into_ephemeral_response(self) -> CreateInteractionResponse {
        CreateInteractionResponse::Message(self.into_response_message().ephemeral(true))
    }

    /// A response to a click that everyone in the channel sees (a new message).
    pub fn into_public_response(self) -> CreateInteractionResponse {
        CreateInteractionResponse::Message(self.into_response_message())
    }

    fn into_response_message(self) -> CreateInteractionResponseMessage {
        let mut msg = CreateInteractionResponseMessage::new()
            .allowed_mentions(no_pings())
            .components(self.components);
        if let Some(c) = self.content {
            msg = msg.content(c);
        }
        if let Some(e) = self.embed {
            msg = msg.embed(e);
        }
        msg
    }

    /// A follow-up after a deferred button click, only the user who clicked seeing it.
    pub fn into_ephemeral_followup(self) -> CreateInteractionResponseFollowup {
        let mut f = CreateInteractionResponseFollowup::new()
            .allowed_mentions(no_pings())
            .components(self.components)
            .ephemeral(true);
        if let Some(c) = self.content {
            f = f.content(c);
        }
        if let Some(e) = self.embed {
            f = f.embed(e);
        }
        f
    }

    /// A redraw of the message a button sits under (type 7). The content is left out: the
    /// message keeps the one it was first sent with.
    pub fn into_update(self) -> CreateInteractionResponse {
        let mut msg = CreateInteractionResponseMessage::new()
            .allowed_mentions(no_pings())
            .components(self.components);
        if let Some(e) = self.embed {
            msg = msg.embed(e);
        }
        CreateInteractionResponse::UpdateMessage(msg)
    }

    /// An edit of the message a deferred button click sits under.
    pub fn into_edit(self) -> EditInteractionResponse {
        let mut edit = EditInteractionResponse::new()
            .allowed_mentions(no_pings())
            .components(self.components);
        if let Some(e) = self.embed {
            edit = edit.embed(e);
        }
        edit
    }
}
