//! Proves the fake Discord harness: a real serenity client (and a poise framework) connects,
//! handshakes, answers interactions and messages, survives reconnects, and everything it
//! sends is validated against Discord's OpenAPI spec.

use std::sync::Arc;
use std::time::Duration;

use ::fake_discord::*;
use serde_json::{json, Value};
use serenity::all::{
    async_trait, Channel, ChannelId, ClientBuilder, Command, CommandInteraction, Context,
    CreateActionRow, CreateAllowedMentions, CreateAttachment, CreateAutocompleteResponse,
    CreateButton, CreateEmbed, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, CreateMessage, CreateThread, CurrentApplicationInfo,
    CurrentUser, EditInteractionResponse, EventHandler, GatewayIntents, GetMessages, GuildChannel,
    Interaction, Message, MessageId, Ready, ShardManager,
};
use tokio::task::JoinHandle;

/// A fake whose application has been granted Message Content, which [`INTENTS`] asks for.
async fn start_fake() -> FakeDiscord {
    let fake = FakeDiscord::start().await;
    fake.grant_message_content();
    fake
}

const INTENTS: GatewayIntents = GatewayIntents::GUILDS
    .union(GatewayIntents::GUILD_MESSAGES)
    .union(GatewayIntents::DIRECT_MESSAGES)
    .union(GatewayIntents::MESSAGE_CONTENT);

fn no_pings() -> CreateAllowedMentions {
    CreateAllowedMentions::new()
}

/// A minimal bot: answers commands with an embed and a button, autocomplete with choices,
/// button clicks by updating the message, and mentions with a reply in the channel.
struct Handler;

impl Handler {
    async fn answer(ctx: &Context, cmd: &CommandInteraction) -> serenity::Result<()> {
        let question = cmd
            .data
            .options
            .iter()
            .find(|o| o.name == "question")
            .and_then(|o| o.value.as_str())
            .unwrap_or("");
        let embed = CreateEmbed::new()
            .title("Answer")
            .description(format!("You asked: {question}"));
        let msg = CreateInteractionResponseMessage::new()
            .content("Here is what I found")
            .embed(embed)
            .allowed_mentions(no_pings())
            .components(vec![CreateActionRow::Buttons(vec![CreateButton::new(
                "more",
            )
            .label("More")])]);
        cmd.create_response(&ctx.http, CreateInteractionResponse::Message(msg))
            .await
    }
}

#[async_trait]
impl EventHandler for Handler {
    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let result = match interaction {
            Interaction::Command(cmd) => Self::answer(&ctx, &cmd).await,
            Interaction::Autocomplete(ac) => {
                let typed = ac
                    .data
                    .autocomplete()
                    .map(|a| a.value.to_string())
                    .unwrap_or_default();
                let resp = CreateAutocompleteResponse::new()
                    .add_string_choice(format!("{typed} salary"), "salary")
                    .add_string_choice(format!("{typed} remote"), "remote");
                ac.create_response(&ctx.http, CreateInteractionResponse::Autocomplete(resp))
                    .await
            }
            Interaction::Component(c) => {
                let msg = CreateInteractionResponseMessage::new()
                    .content("More details")
                    .allowed_mentions(no_pings())
                    .components(vec![]);
                c.create_response(&ctx.http, CreateInteractionResponse::UpdateMessage(msg))
                    .await
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            eprintln!("test bot failed to respond: {e}");
        }
    }

    async fn message(&self, ctx: Context, msg: Message) {
        if msg.author.bot || !msg.mentions.iter().any(|u| u.id.get() == BOT_USER_ID) {
            return;
        }
        let reply = CreateMessage::new()
            .content(format!("You said: {}", msg.content))
            .allowed_mentions(no_pings());
        if let Err(e) = msg.channel_id.send_message(&ctx.http, reply).await {
            eprintln!("test bot failed to reply: {e}");
        }
    }
}

struct Bot {
    shards: Arc<ShardManager>,
    task: JoinHandle<serenity::Result<()>>,
}

async fn start_bot(fake: &FakeDiscord) -> Bot {
    let mut client = ClientBuilder::new_with_http(fake.http(), INTENTS)
        .event_handler(Handler)
        .await
        .expect("serenity client builds against the fake");
    let shards = client.shard_manager.clone();
    let task = tokio::spawn(async move { client.start_autosharded().await });
    Bot { shards, task }
}

impl Bot {
    async fn stop(self) {
        self.shards.shutdown_all().await;
        let res = tokio::time::timeout(WAIT, self.task)
            .await
            .expect("client stops after shutdown_all");
        res.expect("client task did not panic")
            .expect("client ended without error");
    }
}

fn slash_ask(place: &Place) -> Value {
    Interactions::slash_command(
        "ask",
        &[Opt::string(
            "question",
            "What did they say about @everyone?",
        )],
        place,
    )
}

fn assert_answered(fake: &FakeDiscord, interaction: &Value, callback: &RecordedRequest) {
    let body = callback.body.as_ref().expect("callback has a body");
    assert_eq!(body["type"], 4, "channel message response: {body}");
    assert_eq!(body["data"]["embeds"][0]["title"], "Answer");
    assert!(body["data"]["embeds"][0]["description"]
        .as_str()
        .expect("description")
        .contains("@everyone"));
    assert_eq!(body["data"]["allowed_mentions"]["parse"], json!([]));
    assert_eq!(callback.status, Some(204));
    let original = fake
        .original_response(interaction)
        .expect("the response became the original message");
    assert_eq!(original["author"]["id"], BOT_USER_ID.to_string());
    assert_eq!(original["embeds"][0]["type"], "rich");
}

#[tokio::test]
async fn handshake_slash_command_and_heartbeats() {
    let fake = start_fake().await;
    fake.set_heartbeat_interval(Duration::from_millis(200));
    let bot = start_bot(&fake).await;

    let identify = fake.wait_for_identify().await;
    // serenity sends the token with its "Bot " prefix on the gateway too; Discord accepts it.
    assert_eq!(identify["token"], format!("Bot {TOKEN}"));
    assert_eq!(identify["shard"], json!([0, 1]));
    assert_eq!(identify["intents"], INTENTS.bits());
    fake.wait_ready().await;
    let uri = fake.last_gateway_uri().expect("handshake URI recorded");
    assert!(uri.contains("v=10"), "gateway version in {uri}");

    for place in [
        Place::channel(),
        Place::Thread {
            thread: next_id(),
            parent: CHANNEL_ID,
        },
        Place::dm(),
    ] {
        let i = slash_ask(&place);
        fake.send_interaction(&i).await;
        let cb = fake.wait_for_callback(&i).await;
        assert_answered(&fake, &i, &cb);
    }

    // Heartbeats are sent a full interval after IDENTIFY and each is ACKed; two ACKed
    // heartbeats without a reconnect show the loop works.
    fake.wait_for_heartbeats(2).await;
    assert_eq!(fake.identify_count(), 1);
    assert_eq!(fake.resume_count(), 0);
    assert_eq!(fake.connection_count(), 1);

    // The startup calls serenity makes were served, not 404'd.
    assert!(
        fake.unhandled_requests().is_empty(),
        "{:?}",
        fake.unhandled_requests()
    );
    let requests = fake.requests();
    assert!(requests.iter().any(|r| r.is("GET", "/gateway")));
    assert!(requests.iter().any(|r| r.is("GET", "/gateway/bot")));

    bot.stop().await;
    fake.assert_no_violations();
}

#[tokio::test]
async fn close_4000_resumes_and_keeps_answering() {
    let fake = start_fake().await;
    let bot = start_bot(&fake).await;
    fake.wait_ready().await;
    let first = slash_ask(&Place::channel());
    fake.send_interaction(&first).await;
    fake.wait_for_callback(&first).await;

    fake.close_gateway(4000);
    fake.wait_for_resumes(1).await;

    let later = slash_ask(&Place::channel());
    fake.send_interaction(&later).await; // waits for RESUMED
    let cb = fake.wait_for_callback(&later).await;
    assert_answered(&fake, &later, &cb);
    assert_eq!(
        fake.identify_count(),
        1,
        "a 4000 close must resume, not re-identify"
    );
    assert_eq!(fake.connection_count(), 2);

    bot.stop().await;
    fake.assert_no_violations();
}

#[tokio::test]
async fn reconnect_request_resumes() {
    let fake = start_fake().await;
    let bot = start_bot(&fake).await;
    fake.wait_ready().await;

    fake.request_reconnect();
    let i = slash_ask(&Place::channel());
    fake.send_interaction(&i).await;
    let cb = fake.wait_for_callback(&i).await;
    assert_answered(&fake, &i, &cb);
    assert_eq!((fake.identify_count(), fake.resume_count()), (1, 1));

    bot.stop().await;
    fake.assert_no_violations();
}

#[tokio::test]
async fn abrupt_drop_reconnects_and_keeps_answering() {
    let fake = start_fake().await;
    let bot = start_bot(&fake).await;
    fake.wait_ready().await;

    fake.drop_gateway();
    let i = slash_ask(&Place::channel());
    fake.send_interaction(&i).await; // waits for the new live session
    let cb = fake.wait_for_callback(&i).await;
    assert_answered(&fake, &i, &cb);
    assert!(fake.connection_count() >= 2);
    assert_eq!(
        fake.identify_count() + fake.resume_count(),
        2,
        "one reconnect after the drop"
    );

    bot.stop().await;
    fake.assert_no_violations();
}

#[tokio::test]
async fn autocomplete_and_button_click_round_trip() {
    let fake = start_fake().await;
    let bot = start_bot(&fake).await;
    fake.wait_ready().await;

    let ac =
        Interactions::autocomplete("ask", &[Opt::focused("question", "pay")], &Place::channel());
    fake.send_interaction(&ac).await;
    let cb = fake.wait_for_callback(&ac).await;
    let body = cb.body.expect("autocomplete body");
    assert_eq!(body["type"], 8);
    assert_eq!(body["data"]["choices"][0]["name"], "pay salary");

    let answer = bot_message_with_buttons(CHANNEL_ID, "An answer", &[("more", "More")]);
    let click = Interactions::button_click("more", &answer, &Place::channel());
    fake.send_interaction(&click).await;
    let cb = fake.wait_for_callback(&click).await;
    assert_eq!(cb.body.as_ref().expect("update body")["type"], 7);
    let mid: u64 = answer["id"]
        .as_str()
        .expect("id")
        .parse()
        .expect("numeric id");
    let updated = fake
        .message(CHANNEL_ID, mid)
        .expect("clicked message stored");
    assert_eq!(updated["content"], "More details");
    assert_eq!(updated["components"], json!([]));

    bot.stop().await;
    fake.assert_no_violations();
}

#[tokio::test]
async fn mention_gets_a_reply_in_the_channel_and_thread() {
    let fake = start_fake().await;
    let bot = start_bot(&fake).await;
    fake.wait_ready().await;

    let thread_id = next_id();
    fake.send_thread_create(&thread_channel(
        thread_id,
        CHANNEL_ID,
        "Follow-up",
        BOT_USER_ID,
    ))
    .await;
    for channel in [CHANNEL_ID, thread_id] {
        let text = format!("{} tell me more", mention(BOT_USER_ID));
        let msg = message_create(
            channel,
            Some(GUILD_ID),
            &default_user(),
            &text,
            &[bot_user()],
        );
        fake.send_message(&msg).await;
        let path = format!("/channels/{channel}/messages");
        let post = fake.wait_for_request(|r| r.is("POST", &path), WAIT).await;
        assert!(post.body.as_ref().expect("body")["content"]
            .as_str()
            .expect("content")
            .contains("tell me more"));
        let stored = fake.messages_in(channel);
        assert_eq!(stored.len(), 2, "the user's message and the bot's reply");
        assert_eq!(stored[1]["author"]["id"], BOT_USER_ID.to_string());
    }

    bot.stop().await;
    fake.assert_no_violations();
}

/// The REST state endpoints as serenity's own HTTP client and models see them.
#[tokio::test]
async fn rest_state_is_readable_through_serenity() {
    let fake = start_fake().await;
    let http = fake.http();
    http.set_application_id(APP_ID.into());

    // An answer message with an embed, then a thread started from it (the bot's flow).
    let answer = bot_message(
        CHANNEL_ID,
        "",
        vec![json!({"title": "Answer", "description": "They said…"})],
    );
    let answer_id = fake.add_message(answer);
    let thread = ChannelId::new(CHANNEL_ID)
        .create_thread_from_message(
            &http,
            MessageId::new(answer_id),
            CreateThread::new("Follow-up on the answer"),
        )
        .await
        .expect("thread created");
    assert_eq!(thread.id.get(), answer_id, "thread id = starter message id");

    let fetched = http.get_channel(thread.id).await.expect("thread fetched");
    let Channel::Guild(fetched) = fetched else {
        panic!("thread is a guild channel")
    };
    assert_eq!(fetched.parent_id, Some(ChannelId::new(CHANNEL_ID)));
    assert!(fetched.thread_metadata.is_some());
    let starter = http
        .get_message(ChannelId::new(CHANNEL_ID), MessageId::new(answer_id))
        .await
        .expect("starter message fetched");
    assert_eq!(starter.embeds[0].title.as_deref(), Some("Answer"));

    // History with before/after/limit.
    let mut ids = Vec::new();
    for n in 0..5 {
        let m = message(thread.id.get(), &default_user(), &format!("q{n}"));
        ids.push(fake.add_message(m));
    }
    let posted = thread
        .id
        .send_message(
            &http,
            CreateMessage::new()
                .content("a5")
                .allowed_mentions(no_pings()),
        )
        .await
        .expect("posted");
    assert_eq!(posted.author.id.get(), BOT_USER_ID);
    let latest = thread
        .id
        .messages(&http, GetMessages::new().limit(3))
        .await
        .expect("history");
    let contents: Vec<_> = latest.iter().map(|m| m.content.as_str()).collect();
    assert_eq!(contents, ["a5", "q4", "q3"]);
    let before = thread
        .id
        .messages(&http, GetMessages::new().before(ids[2]).limit(10))
        .await
        .expect("history before");
    let contents: Vec<_> = before.iter().map(|m| m.content.as_str()).collect();
    assert_eq!(contents, ["q1", "q0"]);
    let after = thread
        .id
        .messages(&http, GetMessages::new().after(ids[2]).limit(2))
        .await
        .expect("history after");
    let contents: Vec<_> = after.iter().map(|m| m.content.as_str()).collect();
    assert_eq!(contents, ["q4", "q3"]);

    // Unknown things answer like Discord does.
    let err = http
        .get_message(ChannelId::new(CHANNEL_ID), MessageId::new(1))
        .await
        .expect_err("unknown message");
    assert!(err.to_string().contains("Unknown Message"), "{err}");

    // Interaction webhook endpoints: original response and followups.
    let i = slash_ask(&Place::channel());
    fake.register_interaction(&i);
    let token = i["token"].as_str().expect("token");
    let iid = i["id"].as_str().expect("id").parse::<u64>().expect("id");
    http.create_interaction_response(
        iid.into(),
        token,
        &CreateInteractionResponse::Defer(CreateInteractionResponseMessage::new()),
        vec![],
    )
    .await
    .expect("deferred");
    let edited = http
        .edit_original_interaction_response(
            token,
            &EditInteractionResponse::new()
                .content("done")
                .allowed_mentions(no_pings()),
            vec![],
        )
        .await
        .expect("original edited");
    assert_eq!(edited.content, "done");
    let original = http
        .get_original_interaction_response(token)
        .await
        .expect("original fetched");
    assert_eq!(original.id, edited.id);
    let followup = http
        .create_followup_message(
            token,
            &CreateInteractionResponseFollowup::new()
                .content("more")
                .allowed_mentions(no_pings()),
            vec![],
        )
        .await
        .expect("followup");
    assert_ne!(followup.id, edited.id);
    assert_eq!(fake.followups(&i).len(), 1);

    // Answering twice, or too late, fails the way Discord fails it.
    let again = http
        .create_interaction_response(
            iid.into(),
            token,
            &CreateInteractionResponse::Acknowledge,
            vec![],
        )
        .await
        .expect_err("second acknowledgement");
    assert!(
        again.to_string().contains("already been acknowledged"),
        "{again}"
    );
    fake.set_interaction_deadline(Duration::ZERO);
    let late = slash_ask(&Place::channel());
    fake.register_interaction(&late);
    let late_id = late["id"].as_str().expect("id").parse::<u64>().expect("id");
    let err = http
        .create_interaction_response(
            late_id.into(),
            late["token"].as_str().expect("token"),
            &CreateInteractionResponse::Acknowledge,
            vec![],
        )
        .await
        .expect_err("too late");
    assert!(err.to_string().contains("Unknown interaction"), "{err}");
    let v = fake.take_violations();
    assert!(
        v.len() == 1 && v[0].contains("first response after"),
        "{v:#?}"
    );

    // Uploads go out as multipart; the payload_json part is what gets validated.
    let with_file = ChannelId::new(CHANNEL_ID)
        .send_message(
            &http,
            CreateMessage::new()
                .content("see attached")
                .allowed_mentions(no_pings())
                .add_file(CreateAttachment::bytes(b"notes".as_slice(), "notes.txt")),
        )
        .await
        .expect("multipart message");
    assert_eq!(with_file.content, "see attached");
    let upload = fake.wait_for_request(|r| !r.files.is_empty(), WAIT).await;
    assert_eq!(upload.files, ["notes.txt"]);
    assert_eq!(
        upload.body.as_ref().expect("payload_json")["content"],
        "see attached"
    );

    // Registration returns commands serenity can parse.
    let cmds = http
        .create_guild_commands(
            GUILD_ID.into(),
            &vec![serenity::all::CreateCommand::new("ask").description("Ask")],
        )
        .await
        .expect("registered");
    assert_eq!(cmds[0].name, "ask");

    assert!(
        fake.unhandled_requests().is_empty(),
        "{:?}",
        fake.unhandled_requests()
    );
    fake.assert_no_violations();
}

#[tokio::test]
async fn validator_reports_bad_bodies() {
    let fake = start_fake().await;
    let am = json!({"parse": []});
    let long = "x".repeat(2001);
    let cases: Vec<(&str, String, Value, &str)> = vec![
        (
            "POST",
            format!("/channels/{CHANNEL_ID}/messages"),
            json!({"content": long, "allowed_mentions": am}),
            "2001 characters",
        ),
        (
            "POST",
            format!("/channels/{CHANNEL_ID}/messages"),
            json!({"content": "hi"}),
            "no allowed_mentions",
        ),
        (
            "POST",
            format!("/channels/{CHANNEL_ID}/messages"),
            json!({"content": "hi", "allowed_mentions": {"parse": ["everyone"]}}),
            "allowed_mentions.parse",
        ),
        (
            "POST",
            format!("/channels/{CHANNEL_ID}/messages"),
            json!({"content": "hi", "allowed_mentions": {"parse": [], "replied_user": true}}),
            "replied_user",
        ),
        (
            "POST",
            format!("/channels/{CHANNEL_ID}/messages"),
            json!({"allowed_mentions": am}),
            "empty message",
        ),
        (
            "POST",
            format!("/channels/{CHANNEL_ID}/messages"),
            json!({"content": 5, "allowed_mentions": am}),
            "does not match spec",
        ),
        (
            "POST",
            "/interactions/1/tok/callback".into(),
            json!({"data": {"content": "hi"}}),
            "without an integer `type`",
        ),
        (
            "POST",
            "/interactions/1/tok/callback".into(),
            json!({"type": 9, "data": null}),
            "does not match spec",
        ),
        (
            "POST",
            "/interactions/1/tok/callback".into(),
            json!({"type": 4, "data": {"embeds": [{"title": "t".repeat(257)}], "allowed_mentions": am}}),
            "title is 257",
        ),
        (
            "POST",
            "/interactions/1/tok/callback".into(),
            json!({"type": 4, "data": {"embeds": [{"description": "d".repeat(4000)}, {"description": "d".repeat(2001)}], "allowed_mentions": am}}),
            "total 6001",
        ),
        (
            "POST",
            "/interactions/1/tok/callback".into(),
            json!({"type": 8, "data": {"choices": (0..26).map(|n| json!({"name": n.to_string(), "value": n.to_string()})).collect::<Vec<_>>()}}),
            "26 autocomplete choices",
        ),
        (
            "POST",
            format!("/channels/{CHANNEL_ID}/messages/5/threads"),
            json!({"name": "n".repeat(101)}),
            "thread name is 101",
        ),
        (
            "PATCH",
            "/webhooks/1/tok/messages/@original".into(),
            json!({"content": "edited"}),
            "no allowed_mentions",
        ),
        (
            "GET",
            "/no/such/endpoint".into(),
            Value::Null,
            "no such operation",
        ),
    ];
    for (method, path, body, expect) in &cases {
        let body = (!body.is_null()).then_some(body);
        let problems = fake.validate(method, path, body);
        assert!(
            problems.iter().any(|p| p.contains(expect)),
            "{method} {path} should report {expect:?}, got {problems:#?}"
        );
    }

    // And good bodies pass, so the checks above are not vacuous.
    let good = [
        (
            "POST",
            format!("/channels/{CHANNEL_ID}/messages"),
            json!({"content": "x".repeat(2000), "allowed_mentions": {"parse": [], "users": [], "roles": []}}),
        ),
        (
            "POST",
            "/interactions/1/tok/callback".into(),
            json!({"type": 4, "data": {"content": "hi", "embeds": [{"title": "t", "fields": [{"name": "n", "value": "v", "inline": false}]}], "allowed_mentions": am}}),
        ),
        (
            "POST",
            "/interactions/1/tok/callback".into(),
            json!({"type": 5}),
        ),
        (
            "PATCH",
            "/webhooks/1/tok/messages/@original".into(),
            json!({"components": []}),
        ),
    ];
    for (method, path, body) in &good {
        let problems = fake.validate(method, path, Some(body));
        assert!(problems.is_empty(), "{method} {path}: {problems:#?}");
    }

    // A bad body sent over the wire by serenity's raw HTTP API is caught too.
    let http = fake.http();
    http.send_message(
        ChannelId::new(CHANNEL_ID),
        vec![],
        &json!({"content": "x".repeat(2001)}),
    )
    .await
    .expect("the fake stores it anyway; the violation is what matters");
    let v = fake.take_violations();
    assert!(v.iter().any(|p| p.contains("2001 characters")), "{v:#?}");
    assert!(
        v.iter().any(|p| p.contains("no allowed_mentions")),
        "{v:#?}"
    );
}

#[tokio::test]
async fn injected_faults() {
    let fake = start_fake().await;
    let http = Arc::new(fake.http());
    let post = |r: &RecordedRequest| r.is("POST", "/channels/*/messages");
    let msg = json!({"content": "hi", "allowed_mentions": {"parse": []}});
    let channel = ChannelId::new(CHANNEL_ID);

    fake.fail_next(post, 1, 500);
    let err = http
        .send_message(channel, vec![], &msg)
        .await
        .expect_err("injected 500");
    assert!(err.to_string().contains("injected failure"), "{err}");
    http.send_message(channel, vec![], &msg)
        .await
        .expect("only one failure was injected");

    fake.rate_limit_next(post, 1, 0.25);
    let err = http
        .send_message(channel, vec![], &msg)
        .await
        .expect_err("injected 429");
    let serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(resp)) = err else {
        panic!("unexpected error {err:?}")
    };
    assert_eq!(resp.status_code.as_u16(), 429);

    fake.hang_next(post, 1);
    let h = http.clone();
    let m = msg.clone();
    let pending = tokio::spawn(async move { h.send_message(channel, vec![], &m).await });
    let hung = fake
        .wait_for_request(|r| post(r) && r.faulted && r.status.is_none(), WAIT)
        .await;
    assert_eq!(hung.status, None, "still hanging");
    assert!(!pending.is_finished());
    fake.release_hung_requests();
    let res = tokio::time::timeout(WAIT, pending)
        .await
        .expect("released")
        .expect("no panic");
    assert!(res.is_err(), "a released hang answers 500");

    // Faulted requests did not create messages; the one successful post did.
    assert_eq!(fake.messages_in(CHANNEL_ID).len(), 1);
    fake.assert_no_violations();
}

/// Every fixture the harness builds parses with serenity's own model types; a payload serenity
/// cannot parse would be dropped by the shard with only a warning.
#[test]
fn fixtures_deserialise_with_serenity_models() {
    fn parse<T: serde::de::DeserializeOwned>(what: &str, v: &Value) -> T {
        serde_json::from_value(v.clone())
            .unwrap_or_else(|e| panic!("{what} does not parse: {e}\n{v:#}"))
    }
    let thread = Place::Thread {
        thread: next_id(),
        parent: CHANNEL_ID,
    };
    for place in [Place::channel(), thread.clone(), Place::dm()] {
        let i: Interaction = parse("slash command", &slash_ask(&place));
        let Interaction::Command(cmd) = i else {
            panic!("slash command is a Command")
        };
        assert_eq!(
            cmd.data.options[0].value.as_str(),
            Some("What did they say about @everyone?")
        );
        assert_eq!(cmd.guild_id.is_some(), !matches!(place, Place::Dm(_)));

        let ac = Interactions::autocomplete(
            "ask",
            &[Opt::focused("question", "pa"), Opt::integer("n", 3)],
            &place,
        );
        let Interaction::Autocomplete(ac) = parse::<Interaction>("autocomplete", &ac) else {
            panic!("autocomplete is an Autocomplete")
        };
        assert_eq!(ac.data.autocomplete().expect("focused").value, "pa");

        let with_buttons =
            bot_message_with_buttons(place.channel_id(), "answer", &[("more", "More")]);
        let click = Interactions::button_click("more", &with_buttons, &place);
        let Interaction::Component(c) = parse::<Interaction>("button click", &click) else {
            panic!("button click is a Component")
        };
        assert_eq!(c.data.custom_id, "more");
        assert_eq!(c.message.components.len(), 1);
    }

    let _: Message = parse(
        "message_create",
        &message_create(
            CHANNEL_ID,
            Some(GUILD_ID),
            &default_user(),
            &mention(BOT_USER_ID),
            &[bot_user()],
        ),
    );
    let _: Message = parse(
        "dm message",
        &message_create(DM_CHANNEL_ID, None, &default_user(), "hi", &[]),
    );
    let m: Message = parse(
        "bot_message",
        &bot_message(
            CHANNEL_ID,
            "",
            vec![json!({"title": "Answer", "description": "d"})],
        ),
    );
    assert_eq!(m.embeds[0].title.as_deref(), Some("Answer"));
    let t: GuildChannel = parse(
        "thread",
        &thread_channel(next_id(), CHANNEL_ID, "t", BOT_USER_ID),
    );
    assert_eq!(t.parent_id, Some(ChannelId::new(CHANNEL_ID)));
    let _: GuildChannel = parse(
        "thread_create",
        &thread_create(&thread_channel(next_id(), CHANNEL_ID, "t", USER_ID)),
    );
    let _: GuildChannel = parse("text channel", &text_channel(CHANNEL_ID, "general"));
    let Channel::Private(_) =
        parse::<Channel>("dm channel", &dm_channel(DM_CHANNEL_ID, &default_user()))
    else {
        panic!("DM channel is private")
    };
    let Channel::Guild(_) = parse::<Channel>(
        "thread as Channel",
        &thread_channel(next_id(), CHANNEL_ID, "t", USER_ID),
    ) else {
        panic!("thread is a guild channel")
    };
    let r: Ready = parse("ready", &ready("s", "ws://127.0.0.1:1"));
    assert_eq!(r.application.id.get(), APP_ID);
    let _: CurrentUser = parse("current user", &current_user());
    let app: CurrentApplicationInfo = parse("application info", &application_info());
    assert_eq!(app.owner.expect("owner").id.get(), OWNER_ID);
    let _: Vec<Command> = parse(
        "registered command",
        &json!([{"id": "1", "application_id": APP_ID.to_string(), "version": "1", "type": 1,
                 "name": "ask", "description": "Ask", "default_member_permissions": null, "nsfw": false}]),
    );

    // Whole gateway frames, the way the shard parses them.
    let frame = json!({"op": 0, "s": 2, "t": "INTERACTION_CREATE", "d": slash_ask(&thread)});
    let _: serenity::model::event::GatewayEvent = parse("gateway frame", &frame);

    // Snowflakes are unique and time-ordered.
    let (a, b) = (next_id(), next_id());
    assert!(b > a);
}

mod poise_bot {
    use super::*;

    type Error = Box<dyn std::error::Error + Send + Sync>;
    type Ctx<'a> = poise::Context<'a, (), Error>;

    /// Ask a question
    #[poise::command(slash_command)]
    async fn ask(
        ctx: Ctx<'_>,
        #[description = "The question"] question: String,
    ) -> Result<(), Error> {
        ctx.send(
            poise::CreateReply::default()
                .content(format!("poise heard: {question}"))
                .embed(CreateEmbed::new().title("Answer").description("from poise")),
        )
        .await?;
        Ok(())
    }

    #[tokio::test]
    async fn poise_registers_commands_and_answers() {
        let fake = start_fake().await;
        let framework = poise::Framework::builder()
            .options(poise::FrameworkOptions {
                commands: vec![ask()],
                // poise's default lets replies ping users (and the replied-to user); the bot
                // must opt out explicitly.
                allowed_mentions: Some(CreateAllowedMentions::new()),
                ..Default::default()
            })
            .setup(|ctx, _ready, framework| {
                Box::pin(async move {
                    poise::builtins::register_in_guild(
                        ctx,
                        &framework.options().commands,
                        GUILD_ID.into(),
                    )
                    .await?;
                    Ok(())
                })
            })
            .build();
        let mut client = ClientBuilder::new_with_http(fake.http(), INTENTS)
            .framework(framework)
            .await
            .expect("client with poise builds");
        let shards = client.shard_manager.clone();
        let task = tokio::spawn(async move { client.start_autosharded().await });

        // poise reads owners at init.
        fake.wait_for_request(|r| r.is("GET", "/oauth2/applications/@me"), WAIT)
            .await;
        let put = format!("/applications/{APP_ID}/guilds/{GUILD_ID}/commands");
        fake.wait_for_request(|r| r.is("PUT", &put), WAIT).await;
        let cmds = fake.registered_commands(Some(GUILD_ID));
        assert_eq!(cmds.len(), 1);
        assert_eq!(cmds[0]["name"], "ask");
        assert_eq!(cmds[0]["options"][0]["name"], "question");

        let i = Interactions::slash_command(
            "ask",
            &[Opt::string("question", "why?")],
            &Place::channel(),
        );
        fake.send_interaction(&i).await;
        let cb = fake.wait_for_callback(&i).await;
        let body = cb.body.expect("callback body");
        assert_eq!(body["data"]["content"], "poise heard: why?");
        assert!(
            fake.unhandled_requests().is_empty(),
            "{:?}",
            fake.unhandled_requests()
        );

        shards.shutdown_all().await;
        tokio::time::timeout(WAIT, task)
            .await
            .expect("client stops")
            .expect("no panic")
            .expect("clean end");
        fake.assert_no_violations();
    }
}

/// A global command registered without `integration_types` or `contexts` gets Discord's
/// defaults (both installs, as the app's Installation page enables here; every context), so a
/// bot that forgets them is tested against what Discord would really offer.
#[tokio::test]
async fn global_commands_get_discords_default_contexts() {
    let fake = start_fake().await;
    let http = fake.http();
    http.set_application_id(APP_ID.into());
    let command = serenity::all::CreateCommand::new("ask").description("Ask");
    Command::set_global_commands(&http, vec![command])
        .await
        .expect("registered");
    let registered = fake.registered_commands(None);
    assert_eq!(registered[0]["integration_types"], json!([0, 1]));
    assert_eq!(registered[0]["contexts"], json!([0, 1, 2]));
    fake.assert_no_violations();
}

/// The default path: serenity's own URLs, over HTTPS to discord.com (reached through the
/// fake's tunnel, with the certificate the fake made), and its own rate limiter. A burst larger
/// than a bucket waits for the bucket to refill instead of being refused, and a 429 Discord
/// sends anyway (route or global) is waited out and sent again.
#[tokio::test]
async fn the_default_path_speaks_https_and_keeps_to_the_rate_limits() {
    let fake = start_fake().await;
    fake.set_rate_limits(2, Duration::from_millis(300));
    let http = fake.direct_http();
    let me = http.get_current_user().await.expect("over HTTPS");
    assert_eq!(me.id.get(), BOT_USER_ID);
    let channel = ChannelId::new(CHANNEL_ID);
    let say = |text: &str| {
        let m = CreateMessage::new()
            .content(text)
            .allowed_mentions(no_pings());
        channel.send_message(&http, m)
    };
    for n in 0..5 {
        say(&format!("m{n}")).await.expect("sent");
    }
    assert_eq!(
        fake.rate_limited_count(),
        0,
        "serenity waited for its bucket"
    );
    assert_eq!(fake.messages_in(CHANNEL_ID).len(), 5);

    let posts = |fake: &FakeDiscord| {
        fake.requests()
            .iter()
            .filter(|r| r.is("POST", "/channels/*/messages"))
            .count()
    };
    for global in [false, true] {
        let before = posts(&fake);
        fake.inject_fault(
            |r| r.is("POST", "/channels/*/messages"),
            1,
            FaultResponse::rate_limited(0.1, global),
        );
        say("again").await.expect("sent after the wait");
        assert_eq!(
            posts(&fake),
            before + 2,
            "refused once, then sent (global: {global})"
        );
    }
    assert_eq!(fake.messages_in(CHANNEL_ID).len(), 7);
    fake.assert_no_violations();
}
