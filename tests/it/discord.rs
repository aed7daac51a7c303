//! The bot end to end: the real serenity client (with poise) run by `discord::start` against
//! the fake Discord on 127.0.0.1, answering from the seed articles. Every REST body it sends is
//! validated against Discord's OpenAPI spec and limits by the fake; a test ends with
//! `assert_no_violations` (and a fake dropped with violations panics anyway).
//!
//! Nothing sleeps to synchronise: tests wait on the fake's recorded requests.

use std::sync::Arc;
use std::time::Duration;

use crate::support::bot::{call, settings, Served};
use crate::support::{root, seeds_engine as engine, words_config, Options, TestBot};
use fake_discord::*;
use interview_bot::config::{DiscordConfig, Secret};
use interview_bot::discord::render::{self, AnswerView, Mode};
use interview_bot::discord::{BotSettings, SettingsError};
use interview_bot::search::AskQuery;
use serde_json::{json, Value};
use serenity::all::{GatewayIntents, GuildId};

fn embed(msg: &Value) -> &Value {
    &msg["embeds"][0]
}

/// The passage an answer shows: the interviewer's question (title) and the answer.
fn passage(embed: &Value) -> String {
    format!("{}\n{}", text(&embed["title"]), text(&embed["description"]))
}

/// The request that started a thread on message `mid` of the test channel.
/// The position of the first callback (the answer's): a click's callback comes after it.
fn answer_index(fake: &FakeDiscord) -> usize {
    fake.requests()
        .iter()
        .filter(|r| r.is("POST", "/interactions/*/*/callback"))
        .map(|r| r.index)
        .next()
        .unwrap_or(0)
}

async fn thread_started_on(fake: &FakeDiscord, mid: u64) -> RecordedRequest {
    let path = format!("/channels/{CHANNEL_ID}/messages/{mid}/threads");
    fake.wait_for_request(|r| r.is("POST", &path), WAIT).await
}

fn custom_ids(msg: &Value) -> Vec<String> {
    msg["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c["custom_id"].as_str().map(String::from))
        .collect()
}

/// The custom id of a message's "Follow up in a thread" button, if it has one.
fn thread_button(msg: &Value) -> Option<String> {
    custom_ids(msg)
        .into_iter()
        .find(|c| c.starts_with("ib1:thread:"))
}

/// The embed description the bot must show for `question` with `history`, computed from the
/// engine and the renderer directly.
fn expected_description(question: &str, history: &[String]) -> String {
    let answer = engine().ask(&AskQuery {
        question,
        history,
        limit: render::ANSWER_RESULTS,
    });
    assert!(answer.answered, "{question} with {history:?} is answered");
    render::answer_embed(&AnswerView {
        mode: Mode::Ask,
        question,
        hit: &answer.results[0],
        index: 0,
        total: answer.results.len(),
    })
    .description
}

/// A user's message in `channel` that mentions the bot.
fn mention_message(channel: u64, question: &str) -> Value {
    message_create(
        channel,
        Some(GUILD_ID),
        &default_user(),
        &format!("{} {question}", mention(BOT_USER_ID)),
        &[bot_user()],
    )
}

#[tokio::test]
async fn registers_commands_in_the_guild_with_the_default_intents() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;

    let identify = fake.wait_for_identify().await;
    let intents = GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES;
    assert_eq!(
        identify["intents"],
        intents.bits(),
        "Message Content is off by default"
    );
    let cmds = fake.registered_commands(Some(GUILD_ID));
    let names: Vec<&str> = cmds.iter().map(|c| text(&c["name"])).collect();
    assert_eq!(
        names,
        [
            "ask",
            "quote",
            "sources",
            "help",
            "reload",
            "Ask the interviews"
        ]
    );
    let reload = &cmds[4];
    assert_eq!(
        reload["default_member_permissions"], "0",
        "/reload is for administrators only: {reload}"
    );
    assert!(
        reload["contexts"] == json!([0]) || reload["dm_permission"] == json!(false),
        "/reload is not offered in DMs: {reload}"
    );
    // Installed to a server: every command. Installed by a user (usable anywhere, the bot need
    // not be in the server): all but /reload, which rebuilds what every server shares.
    for c in &cmds {
        let (types, contexts) = if c["name"] == "reload" {
            (json!([0]), json!([0]))
        } else {
            (json!([0, 1]), json!([0, 1, 2]))
        };
        assert_eq!(c["integration_types"], types, "{c}");
        assert_eq!(c["contexts"], contexts, "{c}");
    }
    let ask = &cmds[0]["options"][0];
    assert_eq!(
        (text(&ask["name"]), &ask["required"], &ask["autocomplete"]),
        ("question", &json!(true), &json!(true))
    );
    let quote = &cmds[1]["options"];
    assert_eq!(quote[0]["name"], "topic");
    assert_eq!(quote[1]["name"], "speaker");
    assert_eq!(quote[1]["autocomplete"], true);
    assert_eq!(quote[1]["required"], false);
    assert!(
        fake.registered_commands(None).is_empty(),
        "no global registration with a guild id"
    );
    app.stop().await;
}

#[tokio::test]
async fn registers_globally_without_a_guild_id() {
    let app = TestBot::spawn(Options {
        global: true,
        ..Options::default()
    })
    .await;
    let fake = &app.fake;
    assert_eq!(fake.registered_commands(None).len(), 6);
    assert!(fake.registered_commands(Some(GUILD_ID)).is_empty());
    app.stop().await;
}

#[tokio::test]
async fn ask_answers_with_the_passage_the_source_and_buttons() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;

    let q = "Which awards did Jessica Jones win?";
    let i = ask(q, &Place::channel());
    let body = app.call(&i).await;
    assert_eq!(body["type"], 4, "answered at once: {body}");
    assert_eq!(body["data"]["allowed_mentions"]["parse"], json!([]));
    let msg = fake.original_response(&i).expect("the answer is a message");
    let e = embed(&msg);
    assert!(text(&e["description"]).contains("Peabody Award"), "{e}");
    assert!(
        text(&e["description"]).contains("**"),
        "best sentence in bold: {e}"
    );
    assert_eq!(text(&e["description"]), expected_description(q, &[]));
    assert!(text(&e["footer"]["text"]).starts_with(&format!("Asked: {q}")));
    let fields: Vec<&str> = e["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| text(&f["name"]))
        .collect();
    assert!(fields.contains(&"Source"), "{fields:?}");
    let ids = custom_ids(&msg);
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert!(ids[0].starts_with("ib1:next:") && ids[1].starts_with("ib1:thread:"));
    assert!(
        ids[2].starts_with("ib1:pick:"),
        "the menu of other passages: {ids:?}"
    );
    app.stop().await;
}

#[tokio::test]
async fn quote_finds_the_quote_by_the_speaker() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;

    let i = Interactions::slash_command(
        "quote",
        &[
            Opt::string("topic", "killing Kilgrave"),
            Opt::string("speaker", "Ritter"),
        ],
        &Place::channel(),
    );
    app.call(&i).await;
    let msg = fake.original_response(&i).expect("answer");
    let e = embed(&msg);
    assert!(text(&e["description"]).contains("very conflicting"), "{e}");
    let speaker = e["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["name"] == "Speaker")
        .expect("speaker field");
    assert_eq!(speaker["value"], "Krysten Ritter");
    assert!(text(&e["footer"]["text"]).starts_with("Quote about: killing Kilgrave"));
    app.stop().await;
}

#[tokio::test]
async fn autocomplete_suggests_questions_and_speakers_in_time() {
    let app = TestBot::spawn(Options::default()).await;
    let _fake = &app.fake;

    for typed in ["villain", "", "how did", "🎉 title:(AND\""] {
        let ac = Interactions::autocomplete(
            "ask",
            &[Opt::focused("question", typed)],
            &Place::channel(),
        );
        let body = app.call(&ac).await;
        assert_eq!(body["type"], 8);
        let choices = body["data"]["choices"].as_array().expect("choices").clone();
        assert!(choices.len() <= 25);
        for c in &choices {
            let name = text(&c["name"]);
            assert!(!name.is_empty() && name.chars().count() <= 100, "{name}");
            assert_eq!(c["name"], c["value"]);
        }
        if typed == "villain" {
            assert!(!choices.is_empty());
            assert!(
                choices
                    .iter()
                    .any(|c| text(&c["name"]).to_lowercase().contains("villain")),
                "{choices:?}"
            );
        }
    }
    let ac = Interactions::autocomplete(
        "quote",
        &[Opt::string("topic", "x"), Opt::focused("speaker", "Rit")],
        &Place::channel(),
    );
    let body = app.call(&ac).await;
    assert_eq!(
        body["data"]["choices"][0]["name"], "Krysten Ritter",
        "{body}"
    );
    // The fake flags any first response later than 3 s as a violation; none were.
    app.stop().await;
}

#[tokio::test]
async fn another_passage_cycles_through_the_results_and_back() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;

    let i = ask("Which awards did Jessica Jones win?", &Place::channel());
    app.call(&i).await;
    let first = fake.original_response(&i).expect("answer");
    let mid = id_of(&first);
    let footer = |m: &Value| text(&embed(m)["footer"]["text"]).to_string();
    let total: usize = footer(&first)
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("Passage i of n");
    assert!(total >= 2, "{}", footer(&first));
    let mut seen = vec![text(&embed(&first)["description"]).to_string()];
    let mut current = first.clone();
    for step in 1..=total {
        let next = custom_ids(&current)
            .into_iter()
            .find(|c| c.starts_with("ib1:next:"))
            .expect("next button");
        let body = app.click(&current, &next).await;
        assert_eq!(body["type"], 7, "edits the message: {body}");
        current = fake.message(CHANNEL_ID, mid).expect("edited message");
        let shown = step % total;
        assert!(
            footer(&current).ends_with(&format!("Passage {} of {total}", shown + 1)),
            "{}",
            footer(&current)
        );
        seen.push(text(&embed(&current)["description"]).to_string());
    }
    assert_eq!(seen[total], seen[0], "back to the first result");
    assert_ne!(seen[1], seen[0]);
    app.stop().await;
}

/// The select menu of a message: its row index and the component.
fn passage_menu(msg: &Value) -> Option<(usize, Value)> {
    msg["components"]
        .as_array()?
        .iter()
        .enumerate()
        .find_map(|(i, row)| {
            let c = &row["components"][0];
            (c["type"] == 3).then(|| (i, c.clone()))
        })
}

/// Under each answer, a menu lists the other close passages by their question and article;
/// picking one shows it in place, and the menu then lists the others. A forged or expired
/// choice says so.
#[tokio::test]
async fn the_menu_shows_another_close_passage_in_place() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;
    let q = "Which awards did Jessica Jones win?";
    let first = app.answer_message(q).await;
    let mid = id_of(&first);
    let results = engine()
        .ask(&AskQuery {
            question: q,
            history: &[],
            limit: render::ANSWER_RESULTS,
        })
        .results;
    let (_, menu) = passage_menu(&first).expect("a menu of other passages");
    let options = menu["options"].as_array().expect("options").clone();
    assert_eq!(
        options.len(),
        (results.len() - 1).min(render::MENU_PASSAGES)
    );
    assert!(
        options.iter().all(|o| o["value"] != "0"),
        "not the one shown"
    );
    assert_eq!(options[0]["description"], results[1].source.title.as_str());

    let custom_id = text(&menu["custom_id"]).to_string();
    let pick = Interactions::select_pick(&custom_id, &["2"], &first, &Place::channel());
    let body = app.call(&pick).await;
    assert_eq!(body["type"], 7, "redraws the message: {body}");
    let now = fake.message(CHANNEL_ID, mid).expect("edited message");
    let expected = render::answer_embed(&AnswerView {
        mode: Mode::Ask,
        question: q,
        hit: &results[2],
        index: 2,
        total: results.len(),
    })
    .description;
    assert_eq!(text(&embed(&now)["description"]), expected);
    let (_, menu) = passage_menu(&now).expect("still a menu");
    let values: Vec<&str> = menu["options"]
        .as_array()
        .expect("options")
        .iter()
        .map(|o| text(&o["value"]))
        .collect();
    assert!(
        values.contains(&"0") && !values.contains(&"2"),
        "{values:?}"
    );

    for forged in [&["99"][..], &["x"], &["0", "1"]] {
        let bad = Interactions::select_pick(&custom_id, forged, &now, &Place::channel());
        let body = app.call(&bad).await;
        assert_eq!(body["data"]["content"], render::EXPIRED, "{forged:?}");
    }
    app.stop().await;
}

/// When the ranking finds its best candidates too close to call, the reply says it isn't sure
/// and opens with the menu.
#[tokio::test]
async fn a_close_call_says_so_and_opens_with_the_menu() {
    // A question the seeds answer with two near-equal candidates, found with the same engine.
    let candidates = [
        "what did she say about season 2",
        "tell me about the directors",
        "what about trish",
        "jessica and her mom",
        "who is the villain",
        "what happens to kilgrave",
        "how does the season end",
        "what about the writers room",
    ];
    let q = candidates
        .into_iter()
        .find(|q| {
            let a = engine().ask(&AskQuery {
                question: q,
                history: &[],
                limit: render::ANSWER_RESULTS,
            });
            a.answered && a.close_call && a.results.len() > 1
        })
        .expect("one of these is a close call");
    let clear = "Which awards did Jessica Jones win?";
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;
    let i = ask(q, &Place::channel());
    app.call(&i).await;
    let answer = fake.original_response(&i).expect("answer");
    assert_eq!(text(&answer["content"]), render::CLOSE_CALL, "{q}");
    assert_eq!(passage_menu(&answer).map(|(row, _)| row), Some(0), "{q}");

    let answer = app.answer_message(clear).await;
    assert_eq!(text(&answer["content"]), "");
    assert!(passage_menu(&answer).is_some_and(|(row, _)| row > 0));
    app.stop().await;
}

/// Fair use: a user who asks again within the cooldown is told, privately, when they may; the
/// cooldown is per user.
#[tokio::test]
async fn asking_again_too_soon_says_when_to_try_again() {
    let app = TestBot::spawn(Options {
        cooldown: Some(Duration::from_secs(600)),
        ..Options::default()
    })
    .await;
    let first = app.ask("Who plays Trish?", &Place::channel()).await;
    assert!(first["data"]["embeds"][0].is_object(), "{first}");
    let again = app.ask("Who plays Jessica?", &Place::channel()).await;
    assert_eq!(again["data"]["flags"], 64, "{again}");
    let note = text(&again["data"]["content"]);
    assert!(
        note.contains("ask again in") && note.contains("seconds"),
        "{note}"
    );
    // `/quote` has its own, the same length.
    let quote = || {
        Interactions::slash_command(
            "quote",
            &[Opt::string("topic", "season two")],
            &Place::channel(),
        )
    };
    assert_ne!(app.call(&quote()).await["data"]["flags"], 64);
    assert_eq!(app.call(&quote()).await["data"]["flags"], 64);
    // Another user is not held up.
    let mut other = ask("Who plays Jessica?", &Place::channel());
    other["member"]["user"] = user(USER_ID + 1, "someone else", false);
    let body = app.call(&other).await;
    assert!(body["data"]["embeds"][0].is_object(), "{body}");
    app.stop().await;
}

/// "Ask the interviews" on someone's message answers its text, seen only by the one who asked,
/// with a button that posts the same answer for everyone.
#[tokio::test]
async fn asking_from_a_message_answers_privately_and_can_post_it() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;
    let registered = fake.registered_commands(Some(GUILD_ID));
    let menu = registered
        .iter()
        .find(|c| c["name"] == "Ask the interviews")
        .expect("the message command is registered");
    assert_eq!(menu["type"], 3, "a message context-menu command: {menu}");

    let said = message(
        CHANNEL_ID,
        &default_user(),
        "which awards did jessica jones win?",
    );
    let i = Interactions::message_command("Ask the interviews", &said, &Place::channel());
    let body = app.call(&i).await;
    assert_eq!(body["data"]["flags"], 64, "only the asker sees it: {body}");
    let answer = &body["data"];
    assert!(
        text(&answer["embeds"][0]["description"]).contains("Peabody"),
        "{answer}"
    );
    let ids = custom_ids(answer);
    assert!(
        thread_button(answer).is_none(),
        "no thread on a private answer"
    );
    let post = ids
        .iter()
        .find(|c| c.starts_with("ib1:post:"))
        .expect("a button to post it");

    let shown = fake.original_response(&i).expect("the private answer");
    let body = app.click(&shown, post).await;
    assert_eq!(body["type"], 4, "a new message: {body}");
    assert_ne!(body["data"]["flags"], 64, "for everyone: {body}");
    assert_eq!(
        body["data"]["embeds"][0]["description"],
        answer["embeds"][0]["description"]
    );
    assert!(!custom_ids(&body["data"])
        .iter()
        .any(|c| c.starts_with("ib1:post:")));

    let blank = message(CHANNEL_ID, &default_user(), "");
    let i = Interactions::message_command("Ask the interviews", &blank, &Place::channel());
    let body = app.call(&i).await;
    assert_eq!(body["data"]["flags"], 64);
    assert!(text(&body["data"]["content"]).contains("no text"), "{body}");
    app.stop().await;
}

/// Archived threads on the bot's answers: a follow-up in an archived thread is answered (the
/// reply unarchives it, as on Discord); in a locked one, where no reply can be posted, the
/// failure costs that reply only and the bot goes on answering.
#[tokio::test]
async fn archived_threads_are_answered_and_locked_ones_cost_one_reply() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;
    let mut threads = Vec::new();
    for locked in [false, true] {
        let mid = id_of(&app.answer_message("Who is the villain of season 2?").await);
        let mut thread = thread_channel(mid, CHANNEL_ID, "villain", USER_ID);
        thread["thread_metadata"]["archived"] = json!(true);
        thread["thread_metadata"]["locked"] = json!(locked);
        fake.add_channel(thread);
        threads.push(mid);
    }
    let reply = app.thread_message(threads[0], "Who plays her?").await;
    assert!(reply["embeds"][0].is_object(), "{reply}");
    let thread = fake.channel(threads[0]).expect("thread");
    assert_eq!(
        thread["thread_metadata"]["archived"], false,
        "unarchived by the reply"
    );

    let msg = message_create(
        threads[1],
        Some(GUILD_ID),
        &default_user(),
        &format!("{} Who plays her?", mention(BOT_USER_ID)),
        &[bot_user()],
    );
    fake.send_message(&msg).await;
    let path = format!("/channels/{}/messages", threads[1]);
    let refused = fake.wait_for_request(|r| r.is("POST", &path), WAIT).await;
    assert_eq!(refused.status, Some(400), "{refused:?}");
    app.assert_still_answers().await;
    app.stop().await;
}

/// Message Content asked for but not granted in the Developer Portal: Discord closes the
/// connection with 4014, and the bot stops with a message saying which switch to turn on.
#[tokio::test]
async fn an_intent_not_granted_stops_the_bot_saying_what_to_switch_on() {
    let fake = FakeDiscord::start().await;
    let mut s = settings(&fake);
    s.message_content = true;
    let mut bot = interview_bot::discord::start(s, engine())
        .await
        .expect("the client starts");
    let ended = tokio::time::timeout(Duration::from_secs(30), bot.finished())
        .await
        .expect("the bot stops on its own");
    let msg = format!("{:#}", ended.expect_err("an error"));
    assert!(
        msg.contains("Message Content") && msg.contains("DISCORD_MESSAGE_CONTENT=false"),
        "{msg}"
    );
    assert!(!msg.contains('\n'), "one line: {msg}");
}

#[tokio::test]
async fn no_answer_says_so_and_offers_questions() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;

    let i = ask("What is the recipe for sourdough bread?", &Place::channel());
    let body = app.call(&i).await;
    let data = &body["data"];
    let content = text(&data["content"]);
    assert!(content.contains("don't seem to cover"), "{content}");
    let offered = content.matches("\n• ").count();
    assert!((1..=3).contains(&offered), "{content}");
    assert!(data["embeds"].as_array().is_none_or(|e| e.is_empty()));
    assert!(custom_ids(&fake.original_response(&i).expect("reply")).is_empty());
    app.stop().await;
}

#[tokio::test]
async fn thread_button_starts_a_thread_and_a_mention_follows_up() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;

    let first = "Who is the villain of season 2?";
    let answer = app.answer_message(first).await;
    let mid = id_of(&answer);
    let thread_id = thread_button(&answer).expect("thread button");
    let click = Interactions::button_click(&thread_id, &answer, &Place::channel());
    let body = app.call(&click).await;
    let created = thread_started_on(fake, mid).await;
    assert_eq!(created.body.as_ref().expect("thread body")["name"], first);
    // Acknowledged first (a deferred update), so a slow thread creation can't miss Discord's
    // three seconds; the answer is redrawn afterwards.
    assert_eq!(
        body["type"], 6,
        "acknowledged before any other work: {body}"
    );
    let callback = fake
        .requests()
        .into_iter()
        .find(|r| r.is("POST", "/interactions/*/*/callback") && r.index > answer_index(fake))
        .expect("the click's callback");
    assert!(
        callback.index < created.index,
        "the click is acknowledged before the thread is created"
    );
    fake.wait_for_request(|r| r.is("PATCH", "/webhooks/*/*/messages/@original"), WAIT)
        .await;
    let redrawn = fake.message(CHANNEL_ID, mid).expect("answer");
    assert!(thread_button(&redrawn).is_none(), "thread button gone");
    assert!(
        fake.channel(mid).is_some(),
        "thread exists with the answer's id"
    );

    let follow = "What condition does she suffer from?";
    let reply = app.thread_message(mid, follow).await;
    let d = text(&reply["embeds"][0]["description"]);
    assert!(
        passage(&reply["embeds"][0]).contains("dissociative identity disorder"),
        "{reply}"
    );
    assert_eq!(d, expected_description(follow, &[first.to_string()]));
    assert_eq!(reply["allowed_mentions"]["parse"], json!([]));
    // A second click cannot start a second thread; it says where the thread is, to the clicker
    // only (a follow-up after the deferred update).
    let body = app.click(&answer, &thread_id).await;
    assert_eq!(body["type"], 6, "{body}");
    let note = fake
        .wait_for_request(|r| r.is("POST", "/webhooks/*/*"), WAIT)
        .await;
    let note = note.body.expect("follow-up body");
    assert_eq!(note["flags"], 64, "{note}");
    assert!(text(&note["content"]).contains("already has a thread"));
    // Discord sent THREAD_CREATE for the thread the bot made: it is a member already, so it
    // neither reads the starter again nor asks to join.
    let fake = app.stop().await;
    let join = format!("/channels/{mid}/thread-members/@me");
    assert!(
        !fake.requests().iter().any(|r| r.is("PUT", &join)),
        "joined its own thread"
    );
}

/// A user starts the thread with Discord's own "Create Thread" and asks with `/ask` inside it:
/// the context comes from the starter message over REST.
#[tokio::test]
async fn ask_inside_a_users_thread_uses_the_conversation() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;

    let first = "Who is the villain of season 2?";
    let mid = id_of(&app.answer_message(first).await);
    fake.send_thread_create(&thread_channel(
        mid,
        CHANNEL_ID,
        "about the villain",
        USER_ID,
    ))
    .await;

    let follow = "Who plays her?";
    let place = Place::Thread {
        thread: mid,
        parent: CHANNEL_ID,
    };
    let inside = ask(follow, &place);
    let body = app.call(&inside).await;
    let d = text(&body["data"]["embeds"][0]["description"]);
    assert_eq!(d, expected_description(follow, &[first.to_string()]));
    assert_ne!(
        d,
        expected_description(follow, &[]),
        "the follow-up must differ from the standalone answer, or this test proves nothing"
    );
    assert!(fake
        .requests()
        .iter()
        .any(|r| r.is("GET", &format!("/channels/{CHANNEL_ID}/messages/{mid}"))));
    assert!(thread_button(&fake.original_response(&inside).expect("answer")).is_none());
    app.stop().await;
}

#[tokio::test]
async fn plain_messages_count_only_with_the_message_content_intent() {
    let app = TestBot::spawn(Options {
        message_content: true,
        ..Options::default()
    })
    .await;
    let fake = &app.fake;
    let identify = fake.wait_for_identify().await;
    assert!(
        GatewayIntents::from_bits_truncate(identify["intents"].as_u64().expect("intents"))
            .contains(GatewayIntents::MESSAGE_CONTENT)
    );

    let first = "Who is the villain of season 2?";
    let i = ask(first, &Place::channel());
    app.call(&i).await;
    let mid = id_of(&fake.original_response(&i).expect("answer"));
    fake.send_thread_create(&thread_channel(mid, CHANNEL_ID, "villain", USER_ID))
        .await;

    let follow = "What condition does she suffer from?";
    let plain = message_create(mid, Some(GUILD_ID), &default_user(), follow, &[]);
    fake.send_message(&plain).await;
    let reply = app.reply_to(&plain).await;
    assert!(
        passage(&reply["embeds"][0]).contains("dissociative identity disorder"),
        "{reply}"
    );
    app.stop().await;

    // Without the intent the same plain message is not a question; a mention still is.
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;
    let mid = id_of(&app.answer_message(first).await);
    fake.send_thread_create(&thread_channel(mid, CHANNEL_ID, "villain", USER_ID))
        .await;
    let plain = message_create(mid, Some(GUILD_ID), &default_user(), follow, &[]);
    fake.send_message(&plain).await;
    let mentioned = mention_message(mid, follow);
    fake.send_message(&mentioned).await;
    app.reply_to(&mentioned).await;
    let replies = fake
        .requests()
        .into_iter()
        .filter(|r| r.is("POST", &format!("/channels/{mid}/messages")))
        .count();
    assert_eq!(replies, 1, "only the mention was answered");
    app.stop().await;
}

#[tokio::test]
async fn context_is_rebuilt_after_a_restart() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;
    let first = "Who is the villain of season 2?";
    let second = "What condition does she suffer from?";
    let mid = id_of(&app.answer_message(first).await);
    fake.send_thread_create(&thread_channel(mid, CHANNEL_ID, "villain", USER_ID))
        .await;
    let m1 = mention_message(mid, second);
    fake.send_message(&m1).await;
    app.reply_to(&m1).await;

    // A new process: nothing in memory.
    let restarted_at = fake.requests().len();
    let app = app.restart().await;
    let fake = &app.fake;
    fake.wait_for_identifies(2).await;
    let third = "Who plays her?";
    let m2 = mention_message(mid, third);
    fake.send_message(&m2).await;
    let reply = app.reply_to(&m2).await;
    let history = [first.to_string(), second.to_string()];
    assert_eq!(
        text(&reply["embeds"][0]["description"]),
        expected_description(third, &history)
    );
    let after: Vec<_> = fake.requests().into_iter().skip(restarted_at).collect();
    assert!(
        after
            .iter()
            .any(|r| r.is("GET", &format!("/channels/{mid}"))),
        "learns the thread's parent"
    );
    assert!(
        after
            .iter()
            .any(|r| r.is("GET", &format!("/channels/{CHANNEL_ID}/messages/{mid}"))),
        "reads the starter"
    );
    let hist = after
        .iter()
        .find(|r| r.is("GET", &format!("/channels/{mid}/messages")))
        .expect("reads the history");
    assert_eq!(
        hist.query_param("before"),
        m2["id"].as_str(),
        "history excludes the question being answered"
    );
    app.stop().await;
}

#[tokio::test]
async fn reconnect_with_close_4000_in_the_middle_of_traffic() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;
    let questions = [
        "Which awards did Jessica Jones win?",
        "Who is the villain of season 2?",
        "Who plays Trish?",
    ];
    let before: Vec<Value> = questions
        .iter()
        .map(|q| ask(q, &Place::channel()))
        .collect();
    for i in &before {
        fake.send_interaction(i).await;
    }
    fake.close_gateway(4000);
    let after: Vec<Value> = questions
        .iter()
        .map(|q| ask(q, &Place::channel()))
        .collect();
    for i in &after {
        fake.send_interaction(i).await; // waits for the resumed session
    }
    for i in before.iter().chain(&after) {
        let cb = fake.wait_for_callback(i).await;
        assert_eq!(cb.status, Some(204));
    }
    fake.wait_for_resumes(1).await;
    assert_eq!(fake.identify_count(), 1, "resumed, not re-identified");
    app.stop().await;
}

#[tokio::test]
async fn everyone_in_a_question_pings_no_one() {
    let app = TestBot::spawn(Options::default()).await;
    let q = "What did @everyone and <@&1234> and <@1000000000000000300> say about Kilgrave?";
    for place in [Place::channel(), Place::dm()] {
        let body = app.ask(q, &place).await;
        assert_eq!(body["data"]["allowed_mentions"]["parse"], json!([]));
        let all = body.to_string();
        assert!(
            !all.contains("@everyone") && !all.contains("<@&1234>"),
            "{all}"
        );
    }
    // By mention in a channel: the reply, too.
    let reply = app.thread_message(CHANNEL_ID, q).await;
    assert_eq!(reply["allowed_mentions"]["parse"], json!([]));
    assert!(!reply.to_string().contains("@everyone"));
    app.stop().await;
}

#[tokio::test]
async fn bad_inputs_get_honest_replies_within_limits() {
    let app = TestBot::spawn(Options::default()).await;
    let _fake = &app.fake;

    let empty = ask("   ", &Place::channel());
    let body = app.call(&empty).await;
    assert_eq!(body["data"]["flags"], 64, "ephemeral: {body}");
    assert!(text(&body["data"]["content"]).contains("empty"));

    let long = "Which awards did Jessica Jones win? ".repeat(200);
    let long = &long[..6000];
    for q in [
        long,
        "title:(AND\"",
        "🎉🎉 Jessica? 👀🔥",
        "@everyone",
        "<@1000000000000000001>",
    ] {
        let i = ask(q, &Place::channel());
        let body = app.call(&i).await;
        assert_eq!(body["type"], 4, "{q}: {body}");
        assert_ne!(
            body["data"]["flags"], 64,
            "{q}: a real question gets a public reply"
        );
    }
    let body = app.ask(long, &Place::channel()).await;
    assert!(
        text(&body["data"]["content"]).contains("first 1000 characters"),
        "{body}"
    );
    app.stop().await;
}

#[tokio::test]
async fn forged_or_stale_buttons_say_they_expired() {
    let app = TestBot::spawn(Options::default()).await;
    let old = bot_message_with_buttons(
        CHANNEL_ID,
        "an old answer",
        &[("ib1:next:zzzz:0", "Another passage")],
    );
    for custom_id in [
        "ib1:next:zzzz:0",
        "garbage",
        "ib1:next:abc:99",
        "ib9:thread:abc",
        &"x".repeat(100),
    ] {
        let click = Interactions::button_click(custom_id, &old, &Place::channel());
        let body = app.call(&click).await;
        assert_eq!(body["type"], 4);
        assert_eq!(body["data"]["flags"], 64, "ephemeral");
        assert_eq!(body["data"]["content"], render::EXPIRED);
    }
    // A real answer's button on another message is refused as well.
    let answer = app
        .answer_message("Which awards did Jessica Jones win?")
        .await;
    let next = custom_ids(&answer)[0].clone();
    let other = bot_message(
        CHANNEL_ID,
        "",
        vec![
            json!({"title": "t", "description": "d", "footer": {"text": "Asked: something else"}}),
        ],
    );
    let click = Interactions::button_click(&next, &other, &Place::channel());
    assert_eq!(app.call(&click).await["data"]["content"], render::EXPIRED);
    app.stop().await;
}

#[tokio::test]
async fn commands_answer_alike_in_a_channel_a_thread_and_a_dm() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;
    let q = "Which awards did Jessica Jones win?";
    let places = [
        Place::channel(),
        Place::Thread {
            thread: next_id(),
            parent: CHANNEL_ID,
        },
        Place::dm(),
    ];
    let mut descriptions = Vec::new();
    for place in &places {
        let i = ask(q, place);
        let body = app.call(&i).await;
        assert_eq!(body["type"], 4);
        descriptions.push(text(&body["data"]["embeds"][0]["description"]).to_string());
        let answer = fake.original_response(&i).expect("answer");
        assert_eq!(
            thread_button(&answer).is_some(),
            matches!(place, Place::Channel(_)),
            "{place:?}: {answer}"
        );
        for cmd in ["sources", "help"] {
            let i = Interactions::slash_command(cmd, &[], place);
            let body = app.call(&i).await;
            assert_eq!(body["type"], 4);
            let e = &body["data"]["embeds"][0];
            assert!(!text(&e["description"]).is_empty(), "{cmd}: {body}");
            if cmd == "sources" {
                assert_eq!(
                    text(&e["description"]).matches("• ").count(),
                    engine().sources().len()
                );
            } else {
                assert_eq!(body["data"]["flags"], 64, "help is for the asker only");
            }
        }
    }
    assert!(descriptions
        .iter()
        .all(|d| d == &descriptions[0] && d.contains("Peabody")));
    app.stop().await;
}

#[tokio::test]
async fn slow_answers_are_deferred_then_delivered() {
    let app = TestBot::spawn(Options {
        defer_at_once: true,
        ..Options::default()
    })
    .await;
    let fake = &app.fake;
    let i = ask("Which awards did Jessica Jones win?", &Place::channel());
    let body = app.call(&i).await;
    assert_eq!(body["type"], 5, "deferred: {body}");
    fake.wait_for_request(
        |r| r.is("POST", "/webhooks/*/*") || r.is("PATCH", "/webhooks/*/*/messages/@original"),
        WAIT,
    )
    .await;
    let msg = fake.original_response(&i).expect("answer");
    assert!(
        text(&embed(&msg)["description"]).contains("Peabody"),
        "{msg}"
    );

    // /sources gets the same guard.
    let i = Interactions::slash_command("sources", &[], &Place::channel());
    let body = app.call(&i).await;
    assert_eq!(body["type"], 5, "deferred: {body}");
    fake.wait_for_requests(2, |r| {
        r.is("POST", "/webhooks/*/*") || r.is("PATCH", "/webhooks/*/*/messages/@original")
    })
    .await;
    let msg = fake.original_response(&i).expect("sources");
    assert!(!text(&embed(&msg)["description"]).is_empty(), "{msg}");

    // Autocomplete can't be deferred: out of time, it answers with no choices, in time.
    let ac = Interactions::autocomplete(
        "ask",
        &[Opt::focused("question", "villain")],
        &Place::channel(),
    );
    let body = app.call(&ac).await;
    assert_eq!(body["type"], 8, "{body}");
    assert_eq!(body["data"]["choices"], json!([]), "{body}");
    app.stop().await;
}

#[tokio::test]
async fn unknown_commands_get_an_ephemeral_reply() {
    let app = TestBot::spawn(Options::default()).await;
    let _fake = &app.fake;
    let i = Interactions::slash_command("frobnicate", &[], &Place::channel());
    let body = app.call(&i).await;
    assert_eq!(body["type"], 4);
    assert_eq!(body["data"]["flags"], 64);
    assert!(text(&body["data"]["content"]).contains("don't know that command"));
    app.stop().await;
}

#[test]
fn a_missing_token_is_a_one_line_error_saying_how_to_set_it() {
    let settings = |token: Option<&str>| {
        BotSettings::from_config(&DiscordConfig {
            token: token.map(Secret::new),
            ..DiscordConfig::default()
        })
    };
    let err = settings(None).expect_err("no token");
    assert_eq!(err, SettingsError::MissingToken);
    let msg = err.to_string();
    assert!(!msg.contains('\n'), "{msg}");
    assert!(msg.starts_with("DISCORD_TOKEN is not set"), "{msg}");
    assert!(
        msg.contains(".env.example") && msg.contains("Reset Token"),
        "{msg}"
    );
    let blank = settings(Some("  "));
    assert_eq!(blank.expect_err("blank token"), SettingsError::MissingToken);
    let ok = settings(Some(TOKEN)).expect("token");
    assert_eq!(ok.guild_id, None::<GuildId>);
    assert!(
        !format!("{ok:?}").contains(TOKEN),
        "Debug redacts the token"
    );
}

/// The binary as the README runs it: `interview-bot serve` with the settings in the
/// environment, talking to the fake through DISCORD_PROXY_URL. It answers, exits 0 within a
/// few seconds of SIGTERM, and never logs the token, even at debug level.
#[cfg(unix)]
#[tokio::test]
async fn serve_answers_and_exits_cleanly_on_sigterm() {
    let fake = FakeDiscord::start().await;
    let votes = tempfile::tempdir().expect("temp dir");
    let votes_file = votes.path().join("votes/feedback.sqlite3");
    let served = Served::start(
        &fake,
        &[],
        &[(
            "INTERVIEW_BOT_FEEDBACK__DATABASE",
            votes_file.to_str().expect("a UTF-8 temp path"),
        )],
    );
    fake.wait_for_request(
        |r| r.is("PUT", "/applications/*/guilds/*/commands"),
        Duration::from_secs(60),
    )
    .await;
    let i = ask("Which awards did Jessica Jones win?", &Place::channel());
    let body = call(&fake, &i).await;
    assert!(text(&body["data"]["embeds"][0]["description"]).contains("Peabody"));
    // Votes are on by default, in the file the configuration names.
    let ids = custom_ids(&body["data"]);
    assert!(ids.iter().any(|c| c.starts_with("ib1:up:")), "{ids:?}");
    assert!(votes_file.is_file(), "the vote store is created");
    // Every command gets its line from the framework's hooks, not only /ask.
    let q = Interactions::slash_command(
        "quote",
        &[Opt::string("topic", "killing Kilgrave")],
        &Place::channel(),
    );
    call(&fake, &q).await;
    call(
        &fake,
        &Interactions::slash_command("help", &[], &Place::channel()),
    )
    .await;

    let (status, log) = served.stop().await;
    assert!(status.success(), "exit 0, got {status:?}:\n{log}");
    assert!(!log.contains(TOKEN), "the token appears in the log");
    let lines: Vec<&str> = log
        .lines()
        .filter(|l| {
            l.contains("interaction") && l.contains("command=\"ask\"") && l.contains("INFO")
        })
        .collect();
    assert_eq!(lines.len(), 1, "one info line per interaction:\n{log}");
    assert!(
        lines[0].contains("answered=true") && lines[0].contains("latency_ms="),
        "{}",
        lines[0]
    );
    assert!(
        !lines[0].contains("Which awards"),
        "the question only at debug level"
    );
    for (command, answered) in [("quote", true), ("help", true)] {
        let line = log
            .lines()
            .find(|l| l.contains("interaction") && l.contains(&format!("command=\"{command}\"")))
            .unwrap_or_else(|| panic!("no line for /{command}:\n{log}"));
        assert!(line.contains(&format!("answered={answered}")), "{line}");
    }
    fake.assert_no_violations();
}

/// A large bot runs as several processes, each with its range of shards (`serve --shards`),
/// sharing one PostgreSQL vote store. Discord sends each guild's events to one shard; here
/// every interaction is answered exactly once, by the process running its guild's shard, the
/// commands are registered once, and every vote is stored once.
#[tokio::test]
async fn two_processes_run_a_shard_each_and_share_one_vote_store() {
    let Some(server) = crate::support::test_postgres() else {
        return;
    };
    let database = crate::support::fresh_postgres_database(&server).await;
    let fake = FakeDiscord::start().await;
    let env = [("DATABASE_URL", database.as_str())];
    let first = Served::start(&fake, &["--shards", "0", "--total-shards", "2"], &env);
    let second = Served::start(&fake, &["--shards", "1-1", "--total-shards", "2"], &env);
    fake.wait_for_shard(0).await;
    fake.wait_for_shard(1).await;
    let register = |r: &RecordedRequest| r.is("PUT", "/applications/*/guilds/*/commands");
    fake.wait_for_request(register, Duration::from_secs(60))
        .await;
    // One guild on each shard.
    let places = [Place::channel(), Place::second_guild()];
    assert_ne!(
        fake.shard_of(places[0].guild_id().expect("a guild")),
        fake.shard_of(places[1].guild_id().expect("a guild"))
    );
    let mut interactions = Vec::new();
    for place in &places {
        let i = ask("Which awards did Jessica Jones win?", place);
        let body = call(&fake, &i).await;
        assert!(text(&body["data"]["embeds"][0]["description"]).contains("Peabody"));
        let up = custom_ids(&body["data"])
            .into_iter()
            .find(|c| c.starts_with("ib1:up:"))
            .expect("a 👍 button");
        let answer = fake.original_response(&i).expect("the answer message");
        let click = Interactions::button_click(&up, &answer, place);
        let thanks = call(&fake, &click).await;
        assert_eq!(thanks["data"]["flags"], 64, "{thanks}");
        interactions.push(i);
        interactions.push(click);
    }
    let (a, log_a) = first.stop().await;
    let (b, log_b) = second.stop().await;
    assert!(a.success() && b.success(), "{a:?} {b:?}\n{log_a}\n{log_b}");

    // Each interaction got one response (a second would be Discord's 400 40060).
    for i in &interactions {
        let path = format!("/interactions/{}/*/callback", text(&i["id"]));
        let answers = fake
            .requests()
            .iter()
            .filter(|r| r.is("POST", &path))
            .count();
        assert_eq!(answers, 1, "{path}");
    }
    // Each process answered its own guild's question, and only the first registered commands.
    let answered = |log: &str| {
        log.lines()
            .filter(|l| {
                l.contains("interaction") && l.contains("command=\"ask\"") && l.contains("INFO")
            })
            .count()
    };
    assert_eq!(
        (answered(&log_a), answered(&log_b)),
        (1, 1),
        "{log_a}\n{log_b}"
    );
    assert!(
        log_b.contains("registered by the process that runs shard 0"),
        "{log_b}"
    );
    assert_eq!(fake.requests().iter().filter(|r| register(r)).count(), 1);
    // Both votes are in the one shared store.
    use sqlx::Connection;
    let mut c = sqlx::PgConnection::connect(&database)
        .await
        .expect("connects");
    let guilds: Vec<(Option<String>,)> =
        sqlx::query_as("SELECT guild_id FROM votes ORDER BY guild_id")
            .fetch_all(&mut c)
            .await
            .expect("votes");
    let mut expected: Vec<Option<String>> = places
        .iter()
        .map(|p| p.guild_id().map(|g| g.to_string()))
        .collect();
    expected.sort();
    assert_eq!(
        guilds.into_iter().map(|(g,)| g).collect::<Vec<_>>(),
        expected
    );
    fake.assert_no_violations();
}

#[test]
fn serve_without_a_token_fails_with_one_line() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_interview-bot"))
        .args(["--no-model", "serve"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("DISCORD_TOKEN")
        // An empty value counts as unset, and wins over any .env file dotenvy might find.
        .env("DISCORD_TOKEN", "")
        .output()
        .expect("the binary runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let err = err.trim();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("DISCORD_TOKEN is not set"), "{err}");
}

/// After a restart the answers behind old buttons are gone: "Another passage" says it expired,
/// while "Follow up in a thread" still works from the question on the message itself.
#[tokio::test]
async fn buttons_after_a_restart() {
    let app = TestBot::spawn(Options::default()).await;
    let q = "Which awards did Jessica Jones win?";
    let answer = app.answer_message(q).await;
    let mid = id_of(&answer);

    let app = app.restart().await;
    let fake = &app.fake;
    fake.wait_for_identifies(2).await;
    let ids = custom_ids(&answer);
    let body = app.click(&answer, &ids[0]).await;
    assert_eq!(body["data"]["content"], render::EXPIRED);
    assert_eq!(body["data"]["flags"], 64);

    let body = app.click(&answer, &ids[1]).await;
    assert_eq!(body["type"], 6, "acknowledged: {body}");
    let created = thread_started_on(fake, mid).await;
    assert_eq!(created.body.expect("body")["name"], q);
    app.stop().await;
}

/// With a model, the bot answers by words at once while the model reads the articles, says so
/// in `/sources`, and ranks with the model once the rebuild is done.
#[tokio::test]
async fn answers_by_words_while_the_model_reads_the_articles() {
    use interview_bot::discord::reload::Rebuild;
    use interview_bot::search::Model;

    let (tmp, model_dir, _) = crate::support::tiny_model::tiny_model();
    let embedder =
        Arc::new(interview_bot::embed::Embedder::load(&model_dir).expect("tiny model loads"));
    let config = words_config(&root().join("seeds"));
    let model = Model::new(embedder.clone(), Some(tmp.path().join("vectors")));
    // The rebuild waits for the test's word, so "while the model reads" lasts as long as the
    // test needs it to.
    let (go, wait) = std::sync::mpsc::channel::<()>();
    let wait = std::sync::Mutex::new(wait);
    let rebuild: Rebuild = Arc::new(move || {
        let _ = wait.lock().expect("gate").recv();
        interview_bot::app::build_engine_with(config.clone(), Some(model.clone()))
    });
    let app = TestBot::spawn(Options {
        rebuild: Some(rebuild),
        ..Options::default()
    })
    .await;
    let _fake = &app.fake;
    let warming = tokio::spawn(app.bot.shared().warm_up(embedder.clone()));

    async fn sources(app: &TestBot) -> String {
        let i = Interactions::slash_command("sources", &[], &Place::channel());
        app.call(&i).await.to_string()
    }
    let during = sources(&app).await;
    assert!(
        during.contains("words for now") && during.contains("reading the articles"),
        "{during}"
    );
    let body = app
        .ask("Which awards did Jessica Jones win?", &Place::channel())
        .await;
    assert!(text(&body["data"]["embeds"][0]["description"]).contains("Peabody"));

    go.send(()).expect("the rebuild is waiting");
    warming.await.expect("the warm-up finishes");
    let after = sources(&app).await;
    assert!(
        after.contains("words and sentence embeddings (tiny-bert)"),
        "{after}"
    );
    assert!(!after.contains("words for now"), "{after}");
    assert!(embedder.embedded_count() > 0, "the model read the articles");
    app.stop().await;
}

/// A thread creation that hangs cannot make the click fail: the click is acknowledged first,
/// and when the creation fails the clicker is told, privately.
#[tokio::test]
async fn a_hanging_thread_creation_does_not_fail_the_click() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;
    let answer = app.answer_message("Who is the villain of season 2?").await;
    let thread_id = thread_button(&answer).expect("thread button");
    fake.inject_fault(
        |r| r.is("POST", "/channels/*/messages/*/threads"),
        1,
        FaultResponse::Hang,
    );
    let click = Interactions::button_click(&thread_id, &answer, &Place::channel());
    // Answered while the thread creation is still hanging.
    let body = app.call(&click).await;
    assert_eq!(body["type"], 6, "{body}");
    fake.release_hung_requests();
    let note = fake
        .wait_for_request(|r| r.is("POST", "/webhooks/*/*"), WAIT)
        .await;
    let note = note.body.expect("follow-up body");
    assert_eq!(note["flags"], 64, "{note}");
    assert!(
        text(&note["content"]).contains("couldn't start a thread"),
        "{note}"
    );
    let unchanged = fake.message(CHANNEL_ID, id_of(&answer)).expect("answer");
    assert!(
        thread_button(&unchanged).is_some(),
        "the button stays for another try"
    );
    app.stop().await;
}

/// A thread someone starts on one of the bot's answers is joined, so its messages reach the
/// bot; a thread on anyone else's message is left alone.
#[tokio::test]
async fn the_bot_joins_threads_people_start_on_its_answers() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;
    let mid = id_of(&app.answer_message("Who is the villain of season 2?").await);

    // Someone else's message, and a thread on it: nothing to join.
    let theirs = message_create(CHANNEL_ID, Some(GUILD_ID), &default_user(), "hello", &[]);
    fake.send_message(&theirs).await;
    let their_id = id_of(&theirs);
    fake.send_thread_create(&thread_channel(their_id, CHANNEL_ID, "chat", USER_ID))
        .await;
    // The answer's thread: joined.
    fake.send_thread_create(&thread_channel(
        mid,
        CHANNEL_ID,
        "about the villain",
        USER_ID,
    ))
    .await;
    let join = format!("/channels/{mid}/thread-members/@me");
    fake.wait_for_request(|r| r.is("PUT", &join), WAIT).await;
    // The other thread was looked at (its starter read) and, being someone else's, not joined.
    let starter = format!("/channels/{CHANNEL_ID}/messages/{their_id}");
    fake.wait_for_request(|r| r.is("GET", &starter), WAIT).await;
    let fake = app.stop().await;
    let other = format!("/channels/{their_id}/thread-members/@me");
    assert!(
        !fake.requests().iter().any(|r| r.is("PUT", &other)),
        "joined a thread that is not on an answer"
    );
}

/// A thread the bot may not read (403) is not asked about again on every message: each 4xx
/// counts toward Discord's invalid-request limit. Mentions there still get an answer.
#[tokio::test]
async fn an_unreadable_thread_is_not_asked_about_on_every_message() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;
    let mid = id_of(&app.answer_message("Who is the villain of season 2?").await);
    let starter = format!("/channels/{CHANNEL_ID}/messages/{mid}");
    let channel = format!("/channels/{mid}");
    let (s, c) = (starter.clone(), channel.clone());
    fake.fail_next(move |r| r.is("GET", &s) || r.is("GET", &c), 100, 403);
    fake.send_thread_create(&thread_channel(mid, CHANNEL_ID, "villain", USER_ID))
        .await;
    let reads = || {
        fake.requests()
            .iter()
            .filter(|r| r.is("GET", &starter) || r.is("GET", &channel))
            .count()
    };
    let mut after_first = None;
    for q in ["Who plays her?", "What condition does she suffer from?"] {
        let reply = app.thread_message(mid, q).await;
        assert!(
            !reply["embeds"].as_array().is_none_or(|e| e.is_empty()),
            "{reply}"
        );
        // Once a message has been answered, the failure is known: no more reads.
        match after_first {
            None => after_first = Some(reads()),
            Some(n) => assert_eq!(reads(), n, "the forbidden thread was read again"),
        }
    }
    assert!(after_first.is_some_and(|n| n >= 1), "it was tried");
    app.stop().await;
}

/// "Follow up in a thread" is offered only where the bot may create a thread: Discord says with
/// each interaction what the bot may do in that channel.
#[tokio::test]
async fn no_thread_button_where_the_bot_may_not_create_threads() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;
    let q = "Which awards did Jessica Jones win?";
    let answer = app.answer_message(q).await;
    assert!(thread_button(&answer).is_some(), "{answer}");

    // The same channel, where the bot lacks Create Public Threads (1 << 35).
    let mut denied = ask(q, &Place::channel());
    let all: u64 = text(&denied["app_permissions"])
        .parse()
        .expect("permissions");
    denied["app_permissions"] = json!((all & !(1u64 << 35)).to_string());
    app.call(&denied).await;
    let answer = fake.original_response(&denied).expect("answer");
    assert!(
        !custom_ids(&answer).is_empty(),
        "the other buttons stay: {answer}"
    );
    assert!(thread_button(&answer).is_none(), "{answer}");
    app.stop().await;
}

/// Asked through a user install in a server the bot is not installed to: an answer, but no
/// thread button (the bot is not there to run the thread).
#[tokio::test]
async fn a_user_install_gets_no_thread_button() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;
    let mut i = ask("Which awards did Jessica Jones win?", &Place::channel());
    i["authorizing_integration_owners"] = json!({ "1": USER_ID.to_string() });
    let body = app.call(&i).await;
    assert!(text(&body["data"]["embeds"][0]["description"]).contains("Peabody"));
    let answer = fake.original_response(&i).expect("answer");
    assert!(thread_button(&answer).is_none(), "{answer}");
    app.stop().await;
}

/// A private thread has no starter message, so it is never a thread on an answer: the bot does
/// not join it, and a mention there gets a standalone answer.
#[tokio::test]
async fn a_private_thread_gets_standalone_answers_and_is_not_joined() {
    let app = TestBot::spawn(Options::default()).await;
    let fake = &app.fake;
    let id = next_id();
    let mut private = thread_channel(id, CHANNEL_ID, "our plans", USER_ID);
    private["type"] = json!(12);
    fake.send_thread_create(&private).await;
    let q = "Which awards did Jessica Jones win?";
    let reply = app.thread_message(id, q).await;
    assert!(
        text(&reply["embeds"][0]["description"]).contains("Peabody"),
        "{reply}"
    );
    assert_eq!(
        text(&reply["embeds"][0]["description"]),
        expected_description(q, &[]),
        "no conversation context in a thread that is not on an answer"
    );
    let fake = app.stop().await;
    let join = format!("/channels/{id}/thread-members/@me");
    assert!(
        !fake.requests().iter().any(|r| r.is("PUT", &join)),
        "joined"
    );
}
