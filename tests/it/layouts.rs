//! Articles in layouts the seeds do not use, read with no config at all: everything (speakers,
//! interviewee, title, date) must come from the article's own text. The fixtures in
//! `tests/fixtures/layouts/` are small invented articles, one per layout.

use std::path::PathBuf;

use interview_bot::config::Speakers;
use interview_bot::corpus::{add_article, Corpus, Passage, PassageKind, MAX_PASSAGE_CHARS};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/layouts")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(name: &str, raw: &str) -> Corpus {
    let mut c = Corpus::default();
    add_article(&mut c, name, raw, None, &Speakers::default()).expect("article loads");
    for p in &c.passages {
        assert!(p.text().len() <= MAX_PASSAGE_CHARS, "{p:?}");
    }
    c
}

fn load(name: &str) -> Corpus {
    read(name, &fixture(name))
}

fn exchanges(c: &Corpus) -> Vec<&Passage> {
    c.passages
        .iter()
        .filter(|p| p.kind == PassageKind::Exchange)
        .collect()
}

/// The exchange whose answer starts with `start`.
fn answer<'a>(c: &'a Corpus, start: &str) -> &'a Passage {
    exchanges(c)
        .into_iter()
        .find(|p| p.answer.starts_with(start))
        .unwrap_or_else(|| panic!("no answer starting {start:?} in {:#?}", c.passages))
}

fn all_text(c: &Corpus) -> String {
    let mut s = c.articles[0].source.title.clone();
    for p in &c.passages {
        s.push_str("\n\n");
        s.push_str(&p.text());
        if let Some(sec) = &p.section {
            s.push_str("\n\n");
            s.push_str(sec);
        }
    }
    s
}

fn assert_gone(c: &Corpus, pieces: &[&str]) {
    let text = all_text(c);
    for piece in pieces {
        assert!(!text.contains(piece), "{piece:?} survived in:\n{text}");
    }
}

/// The passage whose answer holds `text`.
fn passage_with<'a>(c: &'a Corpus, text: &str) -> &'a Passage {
    c.passages
        .iter()
        .find(|p| p.answer.contains(text))
        .unwrap_or_else(|| panic!("no passage holds {text:?} in {:#?}", c.passages))
}

fn quote_by<'a>(c: &'a Corpus, start: &str) -> Option<&'a str> {
    c.quotes
        .iter()
        .find(|q| q.text.starts_with(start))
        .unwrap_or_else(|| panic!("no quote starting {start:?} in {:#?}", c.quotes))
        .speaker
        .as_deref()
}

/// Names and roles in capitals on a line of their own, as a screenplay sets them, with no
/// colon ("INTERVIEWER" / "HANA OKAFOR"): the label labels the turn under it and is not part
/// of its words.
#[test]
fn screenplay_labels_on_their_own_lines_open_turns() {
    let c = load("screenplay_labels.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Hana Okafor"));
    let loom = answer(&c, "From my grandmother's loom.");
    assert_eq!(
        loom.question.as_deref(),
        Some("Where did the story come from?")
    );
    assert_eq!(loom.speaker.as_deref(), Some("Hana Okafor"));
    assert_gone(&c, &["INTERVIEWER", "HANA OKAFOR"]);
}

/// Production notes: the film's name in capitals over a line saying what the document is, and
/// several people quoted in running prose, each attributed before, after or around the quote
/// ("the writer says", "he recalls", "Kaminska says, was ...:").
#[test]
fn production_notes_title_the_film_and_credit_each_quote() {
    let c = load("production_notes.txt");
    assert_eq!(
        c.articles[0].source.title,
        "THE SALT ROAD - Production Notes"
    );
    for (start, who) in [
        ("Gwen writes people", "Tomas Ferreira"),
        ("Dorota did the audition", "Tomas Ferreira"),
        ("I wanted the tiredness", "Dorota Kaminska"),
        ("Dorota builds a character", "Gwen Adeyemi"),
        ("The building has a six-second echo", "Lars Holm"),
        ("Lars found the loneliness", "Tomas Ferreira"),
        ("It was minus twelve", "Dorota Kaminska"),
    ] {
        assert_eq!(quote_by(&c, start), Some(who), "{start}");
    }
    assert_eq!(
        passage_with(&c, "Ferreira saw more than forty actors")
            .section
            .as_deref(),
        Some("CASTING INES")
    );
    assert_gone(&c, &["Press contact"]);
}

/// A regional news report: each quote is credited to the person the sentence around it names,
/// whether the attribution follows the quote ("said Agnes Rudd, 81, who ..."), precedes it in
/// another sentence ("says conservator Ibrahim Sallah." ... "Sallah told the Coast Courier"),
/// or is a pronoun whose person opens the sentence after what they are ("Local historian
/// Fenella Dunmore, 67, remembers ... she said").
#[test]
fn a_news_report_credits_each_quote_to_the_person_around_it() {
    let c = load("regional_news.txt");
    for (start, who) in [
        ("We sold a lot of cake", "Agnes Rudd"),
        ("It had been sitting in a shed", "Ibrahim Sallah"),
        ("They paid us sixpence", "Fenella Dunmore"),
    ] {
        assert_eq!(quote_by(&c, start), Some(who), "{start}");
    }
    assert_eq!(c.articles[0].source.date.as_deref(), Some("2025-10-03"));
}

/// A web page's Q&A: a breadcrumb typed with ASCII arrows ("Home > Film > Interviews") above
/// the headline is navigation, not the title; the questions set alone on their lines are
/// answered by the novelist the headline names; adverts, the photo credit, the newsletter box
/// and the writer's bio are not text.
#[test]
fn a_web_qa_page_is_titled_by_its_headline_not_its_breadcrumb() {
    let c = load("web_qa.txt");
    assert_eq!(
        c.articles[0].source.title,
        "'I burned the first draft': novelist Pia Lorentzen on adapting her own book"
    );
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Pia Lorentzen"));
    let first = answer(&c, "The grandmother.");
    assert_eq!(
        first.question.as_deref(),
        Some("What was the first thing to go?")
    );
    assert_eq!(first.speaker.as_deref(), Some("Pia Lorentzen"));
    assert_gone(
        &c,
        &[
            "Home > Film",
            "Advertisement",
            "Photo: Nordic",
            "Enter your email",
            "Follow him",
        ],
    );
}

/// An encyclopedia page: footnote markers glued to its sentences ("seven weeks.[4]") are not
/// text and do not hide where a sentence ends, the reference list is not article text, and
/// "Critic Dana Lowe" is Dana Lowe.
#[test]
fn an_encyclopedia_page_reads_without_its_footnote_marks() {
    let c = load("encyclopedia.txt");
    assert_eq!(c.articles[0].source.title, "The Iron Orchard");
    assert!(passage_with(&c, "lasted seven weeks. The orchard scenes")
        .answer
        .contains("given to local schools."));
    assert_gone(&c, &["[4]", "[citation needed]", "Retrieved", "^"]);
    assert_eq!(
        quote_by(&c, "a quiet film about loud grief"),
        Some("Dana Lowe")
    );
}

/// Questions and answers typed on one line each ("Q: How long ...? A: Nine months ..."): the
/// answer is the guest's turn, not the end of the question.
#[test]
fn a_question_and_its_answer_on_one_line_are_two_turns() {
    let c = load("inline_qa.txt");
    assert_eq!(exchanges(&c).len(), 4);
    let first = answer(&c, "Nine months");
    assert_eq!(
        first.question.as_deref(),
        Some("How long did the score take to write?")
    );
    assert_eq!(first.speaker.as_deref(), Some("Marta Quill"));
    assert_eq!(
        answer(&c, "She wanted a full orchestra")
            .question
            .as_deref(),
        Some("Did the director want strings?")
    );
}

/// An account "as told to" a writer: the prose is its subject's own words, in the first
/// person, quotable as theirs; the standfirst and the closing note are the writer's, and the
/// writer is never the speaker.
#[test]
fn an_account_as_told_to_a_writer_is_its_subjects_words() {
    let c = load("as_told_to.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Owen Hale"));
    for start in [
        "I had never been alone",
        "The first week",
        "What I took from it",
    ] {
        assert_eq!(quote_by(&c, start), Some("Owen Hale"), "{start}");
    }
    assert!(c.quotes.iter().all(|q| !q.text.contains("opens in cinemas")
        && !q.text.contains("The actor Owen Hale")
        && q.speaker.as_deref() != Some("Priya Nair")));
    // The writer's standfirst is a passage of its own, not the narrator's first words.
    let standfirst = &c.passages[0];
    assert!(standfirst.answer.starts_with("The actor Owen Hale"));
    assert_eq!(standfirst.speaker, None);
    assert!(c.passages[1].answer.starts_with("I had never been alone"));
    assert_eq!(c.passages[1].speaker.as_deref(), Some("Owen Hale"));
}

/// An oral-history transcript lists who is who above its turns ("Respondent: NAME, role");
/// its turns are labelled by role, and each role stands for the person the list names.
#[test]
fn a_transcripts_cast_list_names_whom_its_role_labels_stand_for() {
    let c = load("oral_history.txt");
    let a = &c.articles[0];
    assert_eq!(a.interviewee.as_deref(), Some("Beatrix Okoro"));
    assert_eq!(a.source.date.as_deref(), Some("2024-03-03"));
    let turns = exchanges(&c);
    assert_eq!(turns.len(), 3);
    assert!(turns
        .iter()
        .all(|p| p.speaker.as_deref() == Some("Beatrix Okoro")));
    assert_eq!(quote_by(&c, "The banker's overcoat"), Some("Beatrix Okoro"));
    // The cast list and the tape's end are not text.
    assert!(c.passages.iter().all(|p| !p.text().contains("Sam Talbot")
        && !p.text().contains("Respondent")
        && !p.text().contains("TAPE")));
}

/// A profile's pull quote stands alone between paragraphs with no name: the page is about its
/// speaker. A quoted paragraph that follows someone else's quote, or a paragraph naming
/// someone else, is not credited to them.
#[test]
fn a_profiles_unattributed_pull_quote_is_its_subjects_words() {
    let c = load("profile_pull_quote.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Marisol Vente"));
    assert_eq!(quote_by(&c, "Water is never blue"), Some("Marisol Vente"));
    let c = read(
        "report.txt",
        "Ferry museum opens\n\nBy Ann Bell\n\nAgnes Rudd has kept the ferry museum for twenty years, and on Saturday it opened in its new home.\n\nThe old ticket office was her idea. “People queue better when they have something to read,” said the architect, Tom Vail.\n\n“And the roof leaks less.”\n\nRudd says the museum will stay free.\n",
    );
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Agnes Rudd"));
    assert_ne!(quote_by(&c, "And the roof leaks less"), Some("Agnes Rudd"));
    // Nor one after a paragraph naming someone else, who may be the one going on.
    let c = read(
        "report.txt",
        "Ferry museum opens\n\nBy Ann Bell\n\nAgnes Rudd has kept the ferry museum for twenty years, and on Saturday it opened in its new home. Rudd says the museum will stay free.\n\nThe old ticket office was designed by the architect Tom Vail, who grew up on the island.\n\n“People queue better when they have something to read.”\n\nRudd hopes for ten thousand visitors a year.\n",
    );
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Agnes Rudd"));
    assert_ne!(quote_by(&c, "People queue better"), Some("Agnes Rudd"));
}

/// A first-person essay under its author's byline is the author's own words; the standfirst
/// about them and the closing note are not.
#[test]
fn an_essay_is_its_authors_own_words() {
    let c = load("first_person_essay.txt");
    for start in [
        "For fifteen years",
        "Then I found a harmonium",
        "Now I start every score",
    ] {
        assert_eq!(quote_by(&c, start), Some("Marta Quill"), "{start}");
    }
    assert!(c
        .quotes
        .iter()
        .all(|q| !q.text.contains("Composer Marta Quill") && !q.text.contains("out now")));
}

/// A report's prose is the writer's even under a byline: it is only its subject's words
/// where it quotes them (an apostrophe inside a quote does not end it: "don’t").
#[test]
fn a_reports_own_sentences_are_nobodys_quote() {
    let c = read(
        "report.txt",
        "Harbour museum opens\n\nBy Ann Bell\n\nThe museum opened on Saturday in the old lifeboat station. Its keeper, Agnes Rudd, said the building had waited forty years.\n\n“I don’t think I would have believed it,” Rudd said. “My father built the slipway.”\n\nEntry is free until the end of May.\n",
    );
    assert!(c.passages.iter().all(|p| p.speaker.is_none()));
    assert!(c
        .quotes
        .iter()
        .all(|q| q.speaker.as_deref() == Some("Agnes Rudd")));
}

/// An AMA copied from a forum's page, each comment's header spread over lines ("level 2" /
/// "kestrel_films" / "OP" / "· 6 hr. ago"): the guest's replies answer the comment before
/// them, and the account that opened the thread is the person its title introduces ("I'm
/// Ines Alvarado ... Ask me anything!").
#[test]
fn a_thread_copied_from_the_page_reads_as_turns() {
    let c = load("reddit_page.txt");
    assert_eq!(
        c.articles[0].source.title,
        "I'm Ines Alvarado, director of the stop-motion film The Lantern Keeper. Ask me anything!"
    );
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Ines Alvarado"));
    let first = answer(&c, "Four years.");
    assert_eq!(
        first.question.as_deref(),
        Some("How long did The Lantern Keeper take to animate?")
    );
    assert_eq!(first.speaker.as_deref(), Some("Ines Alvarado"));
    assert_eq!(
        answer(&c, "A short about").question.as_deref(),
        Some("What's next for you?")
    );
    assert_gone(&c, &["level 1", "hr. ago", "spoiler-tagged", "[removed]"]);
}

/// The older page's comments ("[–]tomwren_music[S] 55 points 8 hours ago", "permalink embed
/// save"), its "submitted ... by" line and the "(self.gamemusic)" tag after the title.
#[test]
fn a_thread_from_the_older_page_reads_as_turns() {
    let c = load("old_reddit.txt");
    assert_eq!(
        c.articles[0].source.title,
        "I am Tomasz Wren, I composed the score for the video game Saltwind. AMA!"
    );
    let shanties = answer(&c, "In a fishing pub");
    assert_eq!(
        shanties.question.as_deref(),
        Some("How did you record the sea shanties?")
    );
    assert_eq!(shanties.speaker.as_deref(), Some("Tomasz Wren"));
    assert_eq!(exchanges(&c).len(), 2);
    assert_gone(&c, &["points", "permalink", "be civil", "load more"]);
}

/// One person's thread of posts, unrolled into a page: every post is the author's own words
/// (whatever its pronouns), without its number ("2/") or the page's furniture.
#[test]
fn an_unrolled_thread_is_its_authors_words() {
    let c = load("thread_unroll.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Lena Cho"));
    for start in [
        "Since everyone keeps asking",
        "The pool was",
        "Budget was tiny",
    ] {
        assert_eq!(quote_by(&c, start), Some("Lena Cho"), "{start}");
    }
    assert_gone(
        &c,
        &[
            "1/",
            "3/",
            "Missing some Tweet",
            "Enjoyed this thread",
            "• •",
        ],
    );
}

/// Labels set off by a dash ("HADDAD — We didn't use real ice") or in brackets ("[Q]",
/// "[A]") take turns as colon labels do, and are not part of the words.
#[test]
fn dashed_and_bracketed_labels_take_turns() {
    let c = load("dash_labels.txt");
    let ice = answer(&c, "We didn't use real ice");
    assert_eq!(
        ice.question.as_deref(),
        Some("How did you keep the ice from melting under the lights?")
    );
    assert_eq!(ice.speaker.as_deref(), Some("Noor Haddad"));
    let c = load("bracket_labels.txt");
    assert_eq!(
        c.articles[0].interviewee.as_deref(),
        Some("Piotr Zielinski")
    );
    assert_eq!(
        answer(&c, "I did, with a diver").question.as_deref(),
        Some("Who drove?")
    );
    assert_gone(&c, &["[Q]", "[A]"]);
}

/// Questions sent to a blog ("anonymous asked: ...") are the questions, the owner's reply
/// under each the answer, and the tags under a reply are not text.
#[test]
fn a_blogs_asks_are_questions_and_its_replies_answers() {
    let c = load("blog_asks.txt");
    assert_eq!(
        answer(&c, "About six weeks").question.as_deref(),
        Some("how long does an episode take to write?")
    );
    assert_eq!(exchanges(&c).len(), 2);
    assert_gone(&c, &["asked:", "#ask"]);
}

/// A transcription service's "Speaker 1" / "Speaker 2" labels: the one answering the
/// questions is the guest the host introduces ("I'm with Hollis Brae, the potter ..."), and
/// the guest's words are credited to her.
#[test]
fn numbered_speaker_labels_are_the_host_and_the_guest_introduced() {
    let c = load("numbered_speakers.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Hollis Brae"));
    let many = answer(&c, "Because the actors kept dropping them.");
    assert_eq!(many.question.as_deref(), Some("Why so many?"));
    assert_eq!(many.speaker.as_deref(), Some("Hollis Brae"));
    assert_gone(&c, &["Speaker 1", "Speaker 2"]);
    assert_eq!(
        quote_by(&c, "Five months, working every day."),
        Some("Hollis Brae")
    );
}

/// A broadcast transcript set in capitals with ">>" at each change of speaker (closed
/// captions) reads as the exchanges it is, in sentence case, names kept as the title writes
/// them.
#[test]
fn a_transcript_in_capitals_reads_as_exchanges() {
    let c = load("caption_capitals.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Wren Adeyemi"));
    let cold = answer(&c, "The nights are freezing.");
    assert_eq!(cold.question.as_deref(), Some("Cold? In the desert?"));
    assert_eq!(cold.speaker.as_deref(), Some("Wren Adeyemi"));
    assert!(answer(&c, "Fifty-two days, walking every one of them.")
        .question
        .as_deref()
        .is_some_and(|q| q.starts_with("How long were you out there")));
}

/// Replies typed as people chat, in lower case, with no final period or with an emoji for
/// one, are what the guest said, not captions to drop.
#[test]
fn an_ama_typed_without_full_stops_keeps_every_reply() {
    let c = load("ama_chat_typed.txt");
    let hardest = answer(&c, "honestly the laugh in the snow scene");
    assert_eq!(
        hardest.question.as_deref(),
        Some("What was the hardest line to record?")
    );
    let pets = answer(&c, "two cats and a very old tortoise");
    assert_eq!(pets.question.as_deref(), Some("do you have any pets"));
    assert_eq!(
        answer(&c, "a radio play about a lighthouse")
            .question
            .as_deref(),
        Some("what's next for you")
    );
    // The host's welcome, which ends without a full stop, stays as the introduction.
    assert!(all_text(&c).contains("Ask me anything"));
    assert_eq!(hardest.speaker, pets.speaker);
    // Posted by u/rosalind_voice under "I'm Rosa Lind, ... AMA!": the account is hers.
    assert_eq!(hardest.speaker.as_deref(), Some("Rosa Lind"));
}

#[test]
fn ama_comments_pair_with_the_guests_replies_under_the_guests_real_name() {
    let c = load("ama_thread.txt");
    let a = &c.articles[0];
    assert!(a.source.title.starts_with("AMA: I'm Bertil Okonkwo-Lund"));
    assert_eq!(a.interviewee.as_deref(), Some("Bertil Okonkwo-Lund"));

    let silo = answer(&c, "It was a replica built inside an old grain silo");
    assert_eq!(
        silo.question.as_deref(),
        Some("Was the submarine set a real submarine? It feels so cramped on screen.")
    );
    assert_eq!(silo.speaker.as_deref(), Some("Bertil Okonkwo-Lund"));
    // An "Edit:" line belongs to the reply it follows.
    assert!(silo.answer.contains("Edit: yes, the periscope works."));

    // After a deleted comment the reply stands alone.
    let rumours = answer(&c, "I'm not going to comment on the casting rumours");
    assert_eq!(rumours.question, None);
    // A second verified account is an answerer too, named from its account.
    let wetsuit = answer(&c, "Bertil is too polite");
    assert_eq!(wetsuit.speaker.as_deref(), Some("Ingrid Salo"));

    let third = answer(&c, "We have a plan for a third and final season");
    assert_eq!(
        third.question.as_deref(),
        Some("Will there be a third season?")
    );
    assert_eq!(
        quote_by(&c, "It was a replica built"),
        Some("Bertil Okonkwo-Lund")
    );
    assert!(c
        .quotes
        .iter()
        .all(|q| q.speaker.as_deref() != Some("Edit")));
    assert_gone(
        &c,
        &[
            "Mod note",
            "Stickied",
            "Sort by",
            "More posts from",
            "u/sonar_ping_77",
            "u/kelp_forest_mod",
            "points",
            "📌",
            "[deleted]",
        ],
    );
    // The introduction is kept as prose.
    assert!(c
        .passages
        .iter()
        .any(|p| p.kind == PassageKind::Prose && p.answer.contains("slow-burn submarine drama")));
}

#[test]
fn roundtable_outlet_questions_capital_names_and_interjections() {
    let c = load("roundtable.txt");
    let a = &c.articles[0];
    assert_eq!(a.source.date.as_deref(), Some("2022-06-03"));
    assert_eq!(a.interviewee.as_deref(), Some("Hester Vane"));

    let boots = answer(&c, "Through her boots, mostly.");
    assert_eq!(boots.speaker.as_deref(), Some("Hester Vane"));
    assert!(boots
        .question
        .as_deref()
        .is_some_and(|q| q.starts_with("Hester, Ottilie hardly speaks")));
    // Short reactions stay in the exchange they react to, credited to who said them.
    assert!(boots
        .answer
        .contains("Tomas Aurelio: She still wears them now."));
    assert!(exchanges(&c)
        .iter()
        .all(|p| !p.answer.starts_with("She still wears") && !p.answer.starts_with("I do not")));
    let frost = answer(&c, "The frost was real");
    assert!(frost.answer.contains("For authenticity, he says."));
    assert_eq!(
        frost.question.as_deref(),
        Some("The frost sequence looks brutally cold. Was any of it faked?")
    );

    let busking = answer(&c, "I was busking with an accordion");
    assert_eq!(busking.speaker.as_deref(), Some("Tomas Aurelio"));
    // Two people answering one question each get it.
    let last = "Last question. What comes next for both of you?";
    assert_eq!(
        answer(&c, "Driving lessons.").question.as_deref(),
        Some(last)
    );
    let radio = answer(&c, "A radio play about lighthouse keepers");
    assert_eq!(radio.question.as_deref(), Some(last));
    assert_eq!(radio.speaker.as_deref(), Some("Hester Vane"));

    assert_gone(
        &c,
        &[
            "[laughter]",
            "[crosstalk]",
            "Screen Weekly)",
            "has been lightly edited",
        ],
    );
    // The writer is not a speaker of anything.
    assert!(c
        .quotes
        .iter()
        .all(|q| q.speaker.as_deref() != Some("Lucan Feld")));
}

#[test]
fn magazine_q_a_credits_the_interviewee_not_the_interviewer() {
    let c = load("magazine_qa.txt");
    let a = &c.articles[0];
    assert_eq!(a.source.title, "The Woman Who Builds Weather");
    assert_eq!(a.interviewee.as_deref(), Some("Corrigan Wilde"));
    let snow = answer(&c, "Mostly paper.");
    assert_eq!(
        snow.question.as_deref(),
        Some("What is fake snow made of these days?")
    );
    assert_eq!(snow.speaker.as_deref(), Some("Corrigan Wilde"));
    assert!(exchanges(&c)
        .iter()
        .all(|p| p.speaker.as_deref() == Some("Corrigan Wilde")));
    assert!(c
        .quotes
        .iter()
        .all(|q| q.speaker.as_deref() != Some("Priya Tamsworth")));

    // The pull quote repeats the body: one copy, the body's.
    let text = all_text(&c);
    assert_eq!(
        text.matches("it never falls where the director wants it")
            .count(),
        1
    );
    // The fact box is kept as one prose passage of readable facts, not glued to an answer.
    let facts = passage_with(&c, "Born: Cork, Ireland, 1979.");
    assert_eq!(facts.kind, PassageKind::Prose);
    assert_eq!(facts.section.as_deref(), Some("FAST FACTS"));
    assert!(facts
        .answer
        .contains("Favourite tool: a leaf blower she has owned since 2003."));
    assert!(!facts.answer.contains('•'));
    assert_gone(
        &c,
        &[
            "MORE FROM",
            "edited and condensed",
            "ISSUE 12",
            "Interview by",
        ],
    );
    // The next question is still an exchange after the fact box.
    assert_eq!(
        answer(&c, "A desert.").question.as_deref(),
        Some("What is next?")
    );
}

#[test]
fn british_news_report_single_split_and_tweeted_quotes() {
    let c = load("news_uk.txt");
    let a = &c.articles[0];
    assert!(a
        .source
        .title
        .starts_with("Harbour Row star Orla Pennington-Shaw"));
    assert_eq!(a.source.date.as_deref(), Some("2024-04-09"));
    assert_eq!(a.interviewee.as_deref(), Some("Orla Pennington-Shaw"));
    assert!(exchanges(&c).is_empty());
    assert_gone(
        &c,
        &[
            "cookies",
            "Read more",
            "Share this article",
            "WhatsApp",
            "By Hamish",
        ],
    );
    // Single quotes, attributed by a pronoun to the last person named.
    assert_eq!(
        quote_by(&c, "I felt something go the moment"),
        Some("Orla Pennington-Shaw")
    );
    // A quote split around its attribution is one quote, by the surname's full name.
    let split = c
        .quotes
        .iter()
        .find(|q| q.text.starts_with("It was so loud"))
        .expect("split quote");
    assert_eq!(
        split.text,
        "It was so loud I could not hear my own lines and honestly, the wrist only started hurting in the car home."
    );
    assert_eq!(split.speaker.as_deref(), Some("Orla Pennington-Shaw"));
    // "he said" after a man named with a relative clause: not the woman named before him.
    assert_eq!(
        quote_by(&c, "She said the line, hit the mark"),
        Some("Rafe Okafor")
    );
    // An embedded post signed "— Name (@handle) date".
    assert_eq!(
        quote_by(&c, "Two weeks in a splint"),
        Some("Orla Pennington-Shaw")
    );
    // Apostrophes are not quote marks.
    assert!(c.quotes.iter().all(|q| !q.text.contains("biggest stunt")));
    assert!(c
        .quotes
        .iter()
        .all(|q| q.speaker.as_deref() != Some("Hamish Delacroix")));
}

#[test]
fn podcast_transcript_with_timestamps() {
    let c = load("podcast.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Ansel Morrow"));
    let first = answer(&c, "Nine hours and ten minutes.");
    assert!(first
        .question
        .as_deref()
        .is_some_and(|q| q.ends_with("how long was the first assembly?")));
    let subplot = answer(&c, "A whole subplot");
    assert_eq!(subplot.question.as_deref(), Some("What went first?"));
    assert_eq!(subplot.speaker.as_deref(), Some("Ansel Morrow"));
    // "Name (00:03:34):" labels too.
    assert_eq!(
        answer(&c, "A documentary about beekeepers")
            .question
            .as_deref(),
        Some("Last question. What film taught you the most?")
    );
    assert_gone(&c, &["[laughs]", "00:0", "Fenna Blackwood:"]);
}

#[test]
fn markdown_leftovers_are_stripped_and_headings_become_sections() {
    let c = load("markdown_interview.txt");
    assert_eq!(c.articles[0].source.title, "Ten Minutes With Loreto Quaye");
    let piano = answer(&c, "From a car boot sale in Margate.");
    assert_eq!(
        piano.question.as_deref(),
        Some("Where did the sound of the toy piano come from?")
    );
    assert_eq!(piano.speaker.as_deref(), Some("Loreto Quaye"));
    assert_eq!(piano.section.as_deref(), Some("The instruments"));
    let choir = answer(&c, "Because the building is an instrument too.");
    assert_eq!(choir.section.as_deref(), Some("Recording"));
    let text = all_text(&c);
    assert_eq!(text.matches("building is an instrument too").count(), 1);
    assert_gone(&c, &["**", "# ", "> ", "*Loreto"]);
}

#[test]
fn forum_thread_replies_answer_the_message_before_them() {
    let c = load("forum_thread.txt");
    let possible = answer(&c, "It is possible, but you need far more candles");
    assert!(possible
        .question
        .as_deref()
        .is_some_and(|q| q.starts_with("Has anyone shot a night exterior")));
    assert_eq!(possible.speaker.as_deref(), Some("Harriet Osei"));
    assert_eq!(
        answer(&c, "We didn't.").question.as_deref(),
        Some("How did you stop the flames flickering in the wind?")
    );
    assert!(answer(&c, "Eventually.")
        .question
        .as_deref()
        .is_some_and(|q| q.starts_with("Did the fire officer ever come round")));
    assert_gone(
        &c,
        &["wrote:", "Unsubscribe", "director of photography", "> "],
    );
}

#[test]
fn initials_labels_name_the_interviewee_and_the_interviewer_asks() {
    let c = load("initials_interview.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Naomi Rask"));
    let ex = exchanges(&c);
    assert_eq!(ex.len(), 5, "{ex:#?}");
    assert!(ex
        .iter()
        .all(|p| p.speaker.as_deref() == Some("Naomi Rask")));
    assert_eq!(
        answer(&c, "Finnish.").question.as_deref(),
        Some("Which language is hardest for the rabbit?")
    );
    assert!(c
        .quotes
        .iter()
        .all(|q| q.speaker.as_deref() == Some("Naomi Rask")));
}

#[test]
fn press_release_signed_quote_dateline_and_contact_footer() {
    let c = load("profile_press.txt");
    let a = &c.articles[0];
    assert_eq!(
        a.source.title,
        "Lantern Bay Studios Announces Restoration of 1931 Silent Classic"
    );
    assert_eq!(a.source.date.as_deref(), Some("2023-10-12"));
    // "— Name, role" under a quote.
    assert_eq!(
        quote_by(&c, "We found the last reel in a biscuit tin"),
        Some("Margit Ellery")
    );
    // "…," said NAME
    assert_eq!(
        quote_by(&c, "Every scratch was repaired"),
        Some("Margit Ellery")
    );
    // "…," SURNAME said — the surname resolves to the full name the article gives.
    assert_eq!(
        quote_by(&c, "Nobody believed the last reel existed"),
        Some("Cosmo Aldaine")
    );
    // Its continuation after "Aldaine said." is the same statement, one quote.
    let joined = c
        .quotes
        .iter()
        .find(|q| q.text.starts_with("Nobody believed the last reel existed"))
        .map(|q| q.text.as_str());
    assert_eq!(
        joined,
        Some("Nobody believed the last reel existed. Now the ending finally makes sense again.")
    );
    assert_gone(
        &c,
        &[
            "FOR IMMEDIATE RELEASE",
            "Media contact",
            "LONDON, 12 October",
        ],
    );
}

// Attribution constructions, one article each.

#[test]
fn attribution_after_the_quote_through_a_relative_clause() {
    let c = read(
        "a.txt",
        "Jonah Pike plays the harbour master in the new series.\n\n“I learned to tie every knot in the book for this part,” Pike, who plays Captain Roe, said on Tuesday.\n",
    );
    assert_eq!(
        quote_by(&c, "I learned to tie every knot"),
        Some("Jonah Pike")
    );
}

#[test]
fn attribution_before_the_quote_with_a_speech_verb_and_a_pronoun() {
    let c = read(
        "b.txt",
        "Actress Mara Quill spent a week on the boat before filming began.\n\nSpeaking to the Harbour Gazette, she described the first night: ‘I was sick over the side four times before breakfast.’\n",
    );
    assert_eq!(quote_by(&c, "I was sick over the side"), Some("Mara Quill"));
}

#[test]
fn attribution_by_according_to() {
    let c = read(
        "c.txt",
        "Director Tilda Marsh cut the final scene twice.\n\n“The first ending was simply too long for anyone,” according to Marsh.\n",
    );
    assert_eq!(
        quote_by(&c, "The first ending was simply too long"),
        Some("Tilda Marsh")
    );
}

#[test]
fn a_block_quote_after_a_lead_in_is_credited_to_the_lead_ins_subject() {
    let c = read(
        "d.txt",
        "Composer Idris Vell answered critics of the score on his blog. Vell wrote:\n\nI wrote the music for the people in the cheap seats, and I would do it again tomorrow without changing a note.\n\nThe film opens in May.\n",
    );
    assert_eq!(
        quote_by(&c, "I wrote the music for the people"),
        Some("Idris Vell")
    );
}

#[test]
fn the_interviewer_is_never_credited_with_the_guests_words() {
    let c = read(
        "e.txt",
        "Painting the Sky: Oona Brack Talks Murals\n\nInterview by Felix Morrow\n\nOona Brack paints murals on the sides of tower blocks.\n\nQ: How high do you work?\n\nA: Up to thirty storeys, on a cradle, in all weathers. I only stop for lightning.\n\nQ: Do you get scared?\n\nA: Only on the ground. Up there I am too busy to be scared of anything.\n",
    );
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Oona Brack"));
    for p in exchanges(&c) {
        assert_eq!(p.speaker.as_deref(), Some("Oona Brack"));
    }
    assert!(c
        .quotes
        .iter()
        .all(|q| q.speaker.as_deref() == Some("Oona Brack")));
}

/// `LAYOUT_DUMP=path/to/article.txt cargo test --test layouts dump -- --ignored --nocapture`
/// prints what the reader makes of an article: a debugging aid, not a check.
#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("LAYOUT_DUMP") else {
        return;
    };
    for path in path.split(',') {
        let raw = std::fs::read_to_string(path).unwrap_or_default();
        let c = read(path, &raw);
        if std::env::var("LAYOUT_DUMP_CLEAN").is_ok() {
            let cleaned = interview_bot::corpus::clean_article(&raw);
            println!("CLEANED title={:?}", cleaned.title);
            for p in &cleaned.paragraphs {
                println!("  | {p}");
            }
        }
        let a = &c.articles[0];
        println!(
            "=== {path}\n{:?} | {:?} | {:?} | {:?}",
            a.source.title, a.source.outlet, a.source.date, a.interviewee
        );
        for p in &c.passages {
            println!(
                "--- {:?} speaker={:?} section={:?}\nQ: {:?}\nA: {}",
                p.kind, p.speaker, p.section, p.question, p.answer
            );
        }
        for q in &c.quotes {
            println!("QUOTE [{:?}] {}", q.speaker, q.text);
        }
    }
}

#[test]
fn a_named_interviewer_label_asks_and_the_other_label_answers() {
    let c = read(
        "f.txt",
        "Salt and Smoke: A Conversation With Bram Oduya\n\nBram Oduya runs the smokehouse at the end of the pier.\n\nLENA FORTH (interviewer): When did you start smoking fish?\n\nBRAM ODUYA: When I was nine, with my grandfather, in a shed that leaked every winter. He never wrote anything down.\n\nLENA FORTH (interviewer): And now?\n\nBRAM ODUYA: Now I write everything down, and it still leaks.\n",
    );
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Bram Oduya"));
    let first = answer(&c, "When I was nine");
    assert_eq!(
        first.question.as_deref(),
        Some("When did you start smoking fish?")
    );
    assert_eq!(first.speaker.as_deref(), Some("Bram Oduya"));
    assert_eq!(
        answer(&c, "Now I write everything down")
            .question
            .as_deref(),
        Some("And now?")
    );
    assert!(c
        .quotes
        .iter()
        .all(|q| q.speaker.as_deref() == Some("Bram Oduya")));
}

#[test]
fn capital_and_bold_headings_become_sections_of_prose() {
    let c = read(
        "g.txt",
        "The Lighthouse Years\n\nThe keeper's cottage stood empty for twenty years before the trust bought it and began the long work of putting the lamp room back together, pane by pane, with glass from a salvage yard in Hull.\n\nTHE RESTORATION\n\nVolunteers spent three summers scraping paint from the iron stairs, and the lamp itself was sent to a workshop in Leith where two engineers rebuilt the clockwork that turns it.\n\n**Opening day**\n\nThe lamp was lit again on a wet Saturday in October, and the first ship to pass sounded its horn twice, which the keeper's granddaughter said was the best moment of her life.\n",
    );
    let section_of = |start: &str| {
        c.passages
            .iter()
            .find(|p| p.answer.starts_with(start))
            .unwrap_or_else(|| panic!("no passage {start:?}: {:#?}", c.passages))
            .section
            .clone()
    };
    assert_eq!(section_of("The keeper's cottage"), None);
    assert_eq!(
        section_of("Volunteers spent three summers").as_deref(),
        Some("THE RESTORATION")
    );
    assert_eq!(
        section_of("The lamp was lit again").as_deref(),
        Some("Opening day")
    );
    assert_gone(&c, &["**"]);
}

#[test]
fn a_speaker_name_on_its_own_line_labels_the_lines_under_it() {
    let c = read(
        "h.txt",
        "Night Shift Radio, Episode 12\n\nMarta Lindqvist  00:00:04\nWelcome back. My guest tonight keeps bees on the roof of a hospital. Piotr, how many hives are up there?\n\nPiotr Zelenko  00:00:15\nEleven at the moment, and one very bad-tempered queen who bites.\n\nMarta Lindqvist  00:01:02\nDo the patients ever see them?\n\nPiotr Zelenko  00:01:05\nFrom the top floor, yes. The children's ward has named every hive after a footballer.\n",
    );
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Piotr Zelenko"));
    let hives = answer(&c, "Eleven at the moment");
    assert!(hives
        .question
        .as_deref()
        .is_some_and(|q| q.ends_with("how many hives are up there?")));
    assert_eq!(hives.speaker.as_deref(), Some("Piotr Zelenko"));
    assert_eq!(
        answer(&c, "From the top floor, yes.").question.as_deref(),
        Some("Do the patients ever see them?")
    );
    assert_gone(&c, &["00:0"]);
}

#[test]
fn a_short_lead_in_stays_with_the_quote_it_introduces() {
    let c = read(
        "i.txt",
        "Storm Scene Finally Airs\n\nThe storm episode was filmed over three freezing nights on the harbour wall in March, with the whole cast soaked through by the rain machines, the fire brigade pumping seawater over the lights and the director shouting through a megaphone.\n\nTomasz Vey, who plays the harbour master Elwin, was on the wall with her for every take.\n\n‘She never once complained, and she was colder than any of us,’ he said.\n\nThe episode drew the largest audience of the series so far, and the broadcaster has already confirmed a second run, which will be filmed in the autumn when the harbour is quieter and the weather, the producers hope, is a little kinder to everyone involved in making it.\n",
    );
    let quote = passage_with(&c, "She never once complained");
    assert!(
        quote.answer.starts_with("Tomasz Vey, who plays"),
        "{quote:?}"
    );
    assert_eq!(
        quote_by(&c, "She never once complained"),
        Some("Tomasz Vey")
    );
}

#[test]
fn a_show_named_in_capitals_in_the_headline_is_not_the_interviewee() {
    let c = read(
        "fansite.txt",
        "TIDEWATER LANE: the creator answers your questions\n\n\
         This week our readers put their questions to Imre Valcourt, who created Tidewater \
         Lane, the ferry drama set on a tidal island. Tidewater Lane returns in May.\n\n\
         Q: How did you write the captain?\n\n\
         A: With my aunt in mind.\n\n\
         Q: Was the island real?\n\n\
         A: Mostly. We shot on two islands and a car park.\n",
    );
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Imre Valcourt"));
    assert_eq!(
        answer(&c, "With my aunt").speaker.as_deref(),
        Some("Imre Valcourt")
    );
}

/// A phone-in or panel host talks more than the guest ("Next caller", "We're back") but never
/// answers a question: the guest, who answers them, is the interviewee, and the host's turns
/// lead into the questions instead of becoming the guest's answers or quotes.
#[test]
fn a_host_who_never_answers_a_question_asks_and_the_guest_answers() {
    let c = read(
        "phonein.txt",
        "Night Desk with Ola Brand\n\nOLA: Good evening, and welcome to Night Desk. My guest tonight is the clockmaker Ines Varga.\n\nINES: Thank you for having me.\n\nOLA: Lines are open. First caller, go ahead.\n\nCALLER (Sam, Derby): How long does it take to build one clock?\n\nINES: About four months, most of it waiting for the varnish to dry between coats.\n\nOLA: Next caller.\n\nCALLER (Jo, Hull): Do you ever repair old ones?\n\nINES: Every winter. People bring me their grandparents' clocks and I try not to cry at what has been done to them.\n\nOLA: We have to leave it there.\n\nOLA: Ines Varga, thank you.\n",
    );
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Ines Varga"));
    let four = passage_with(&c, "four months");
    assert!(four
        .question
        .as_deref()
        .is_some_and(|q| q.contains("build one clock")));
    assert!(!four.answer.contains("Next caller"), "{four:?}");
    assert!(
        c.quotes
            .iter()
            .all(|q| q.speaker.as_deref() != Some("Ola Brand")),
        "the host's patter quoted: {:?}",
        c.quotes
    );
}

/// Where the guest's answers carry labels, unlabelled lines after the last turn are the page's
/// footer, not the guest's last answer.
#[test]
fn a_transcripts_footer_is_not_the_guests_answer() {
    let c = read(
        "podcast.txt",
        "Kiln Talk, episode 12\n\nHOST: What made you start throwing pots?\n\nDARA QUINN: A night class I took to get out of the house. I stayed for eleven years.\n\nHOST: And the glazes?\n\nDARA QUINN: Mostly accidents I wrote down.\n\nHOST: Thanks for coming on.\n\nKiln Talk is made in a garden shed in Leeds by two potters and a dog.\n",
    );
    let footer = passage_with(&c, "garden shed");
    assert_ne!(footer.speaker.as_deref(), Some("Dara Quinn"), "{footer:?}");
    assert!(c.quotes.iter().all(|q| !q.text.contains("garden shed")));
}

/// A listicle's numbered item headings ("3. Nobody learned to sail") are kept as the sections
/// of the items under them, and a title quoted in the headline ("the 'Saltmarsh' Cast") is not
/// taken for a person.
#[test]
fn a_listicles_numbered_headings_are_its_sections() {
    let c = read(
        "listicle.txt",
        "5 Things We Learned From the 'Lighthouse' Cast\n\nBy Ana Reyes | May 2, 2024\n\nThe cast of the ghost drama Lighthouse spoke to fans on Friday.\n\n1. The lamp is from a real lighthouse\n\nPaloma Serra, who plays the keeper, said the lamp was bought at auction. \"It weighs more than my car,\" Serra said.\n\n2. Season two moves to winter\n\nSerra confirmed the new season is set in January. \"Everything freezes, including the ghosts,\" she said.\n",
    );
    let lamp = passage_with(&c, "auction");
    assert_eq!(
        lamp.section.as_deref(),
        Some("The lamp is from a real lighthouse")
    );
    let winter = passage_with(&c, "January");
    assert_eq!(
        winter.section.as_deref(),
        Some("Season two moves to winter")
    );
    assert_ne!(
        c.articles[0].interviewee.as_deref(),
        Some("Lighthouse Cast")
    );
    assert!(c
        .quotes
        .iter()
        .any(|q| q.text.contains("freezes") && q.speaker.as_deref() == Some("Paloma Serra")));
}

/// An email newsletter: its name in capitals above the greeting is the title, the issue line
/// gives the date, and the email's wrapper (view in browser, forward to a friend, why you get
/// it, unsubscribe) is not text.
#[test]
fn a_newsletters_name_date_and_email_wrapper() {
    let c = read(
        "newsletter.txt",
        "View this email in your browser\n\nTHE KELP COAST LETTER\nIssue 3 | 9 June 2025\n\nHi everyone,\n\nWe spent a day with Noor Halvard, who plays the diver Isak in Kelp Coast.\n\n\"The tank is colder than the sea,\" Halvard said.\n\nForward this email to a friend\n\nYou're receiving this email because you joined our list.\nUnsubscribe | Update your preferences\n",
    );
    let source = &c.articles[0].source;
    assert_eq!(source.title, "THE KELP COAST LETTER");
    assert_eq!(source.date.as_deref(), Some("2025-06-09"));
    assert_gone(
        &c,
        &[
            "View this email",
            "Hi everyone",
            "Forward this",
            "receiving this",
            "Unsubscribe",
        ],
    );
    assert_eq!(quote_by(&c, "The tank is colder"), Some("Noor Halvard"));
}

/// An interview done by email and saved as the message: the subject (without "Re:") is the
/// title, the Date header the date, the sender answers the ">"-quoted questions, and the
/// signature and the quoted original message are not text.
#[test]
fn an_email_interview_answers_its_quoted_questions_in_the_senders_words() {
    let c = load("email_interview.txt");
    let a = &c.articles[0];
    assert_eq!(a.source.title, "Lantern Review questions - Copper Hollow");
    assert_eq!(a.source.date.as_deref(), Some("2026-03-09"));
    assert_eq!(a.interviewee.as_deref(), Some("Odile Varga"));
    let deputy = answer(&c, "Tobias Lindqvist plays Deputy Amos Hale");
    assert_eq!(deputy.question.as_deref(), Some("And her deputy?"));
    assert_eq!(deputy.speaker.as_deref(), Some("Odile Varga"));
    assert_eq!(
        quote_by(&c, "The chapel flood in episode six"),
        Some("Odile Varga")
    );
    assert_gone(
        &c,
        &[
            "From:",
            "Subject",
            "Unsubscribe",
            "Showrunner, Copper Hollow",
            "Sent from my phone",
            "wrote:",
            "thanks again for agreeing",
        ],
    );
}

/// Text copied out of a PDF: the running header and the page numbers are neither title nor
/// text, the headline under the header is the title, a word hyphenated across a line end is
/// whole again, and the exchanges on the second page are there.
#[test]
fn a_pdf_copy_loses_its_page_furniture_and_keeps_its_words() {
    let c = load("pdf_extract.txt");
    let a = &c.articles[0];
    assert_eq!(a.source.title, "The Cartographer of Small Islands");
    assert_eq!(a.interviewee.as_deref(), Some("Wendeline Achterberg"));
    assert_gone(
        &c,
        &["FIELD NOTES QUARTERLY", "docu- mentary", "every- where"],
    );
    assert!(all_text(&c).contains("her documentary Tidewalkers"));
    let next = answer(&c, "Something completely dry");
    assert_eq!(
        next.question.as_deref(),
        Some("What are you working on next?")
    );
    assert_eq!(exchanges(&c).len(), 5);
}

/// A news site's page: the navigation above the headline ("Skip to main content", a
/// "Menu | Search | Sign in" bar), the cookie bar and the sharing line are not text, and the
/// headline under them is the title.
#[test]
fn a_sites_navigation_is_neither_title_nor_text() {
    let c = read(
        "listing.txt",
        "Skip to main content\nMenu | Search | Sign in\n\nThe week in streaming: what returns when\nBy Aoife Brennan | 4 March 2025\n\nAccept all cookies | Manage preferences\n\nCinderfell returns on 2 May, the network said.\n\nShare this article | Copy link\n",
    );
    let source = &c.articles[0].source;
    assert_eq!(source.title, "The week in streaming: what returns when");
    assert_eq!(source.date.as_deref(), Some("2025-03-04"));
    assert_gone(&c, &["Skip to", "Menu", "Sign in", "cookies", "Copy link"]);
    assert!(all_text(&c).contains("Cinderfell returns on 2 May"));
}

/// A transcript where nobody asks (a featurette, a panel): the named people taking turns each
/// speak their own words, "NAME (Character):" included, and none is glued to the next.
#[test]
fn a_transcript_with_nobody_asking_gives_each_speaker_their_turns() {
    let c = read(
        "featurette.txt",
        "FERN HOLLOW - Behind the Scenes\n\nNARRATOR (V.O.): Deep in the forest, a ranger station keeps its secrets.\n\nIDA KOVAC (Ranger Moss): Moss trusts trees more than people, and by the end of the shoot so did I.\n\nBRAM OKAFOR (Silas): Silas is the poacher. I learned to set snares from a retired gamekeeper.\n\nIDA KOVAC (Ranger Moss): We filmed in the rain for nine days straight.\n\nBRAM OKAFOR (Silas): I never want to see a raincoat again, and I bought three for the shoot.\n",
    );
    assert_eq!(quote_by(&c, "Moss trusts trees"), Some("Ida Kovac"));
    assert_eq!(quote_by(&c, "Silas is the poacher"), Some("Bram Okafor"));
    assert_eq!(quote_by(&c, "I never want to see"), Some("Bram Okafor"));
    assert!(
        c.passages
            .iter()
            .all(|p| !(p.answer.contains("nine days") && p.answer.contains("raincoat"))),
        "{:#?}",
        c.passages
    );
}

/// A sign-off ("Amara Osei, thank you." / "Thank you.") answers nothing: it is neither a passage
/// nor a quote, while a reply that goes on after its thanks stays.
#[test]
fn a_sign_off_is_not_an_answer() {
    let c = read(
        "signoff.txt",
        "Kiln Talk\n\nHOST: How long does a firing take?\n\nDARA QUINN: Twelve hours up and a day to cool, and I open the kiln too early every time.\n\nHOST: Dara Quinn, thank you.\n\nDARA QUINN: Thanks for having me!\n",
    );
    assert!(
        c.passages.iter().all(|p| !p.answer.starts_with("Thanks")),
        "{:?}",
        c.passages
    );
    assert!(c.quotes.iter().all(|q| !q.text.starts_with("Thanks")));
    let kept = read(
        "thanks.txt",
        "Kiln Talk\n\nHOST: Welcome, Dara.\n\nDARA QUINN: Thank you. I brought a pot that cracked in the kiln last night.\n\nHOST: What glaze is it?\n\nDARA QUINN: An ash glaze from my own fireplace.\n",
    );
    assert!(kept.passages.iter().any(|p| p.answer.contains("cracked")));
}

/// A live blog: each time line ("10.51 GMT") starts an entry, a short line under it is the
/// entry's heading, and no passage runs from one entry into the next; the live blog's own
/// furniture ("Share", "Key events", "Updated at ...") is gone.
#[test]
fn live_blog_entries_are_passages_of_their_own() {
    let c = load("liveblog.txt");
    assert_gone(
        &c,
        &[
            "GMT",
            "Share",
            "Key events",
            "JavaScript",
            "Most viewed",
            "Sign up",
        ],
    );
    // An entry's lead-in stays with the quote it introduces, and apart from the entry above.
    let awards = passage_with(&c, "Academy Award nomination");
    assert!(
        awards.answer.contains("asked about awards talk"),
        "{awards:?}"
    );
    assert!(!awards.answer.contains("That's all from us"), "{awards:?}");
    assert!(
        !awards.answer.contains("press conference is over"),
        "{awards:?}"
    );
    let nervous = passage_with(&c, "Every single day");
    assert!(!nervous.answer.contains("taken their seats"), "{nervous:?}");
    assert!(
        !nervous.answer.contains("Welcome to our live coverage"),
        "{nervous:?}"
    );
    // Headings name their entries.
    assert_eq!(
        passage_with(&c, "Galician coast").section.as_deref(),
        Some("Why Oyster Bay?")
    );
    assert_eq!(
        passage_with(&c, "taken their seats").section.as_deref(),
        Some("The cast have arrived")
    );
    assert_eq!(
        quote_by(&c, "You learn to act in ninety-second pieces"),
        Some("Teodor Brandvik")
    );
    assert_eq!(quote_by(&c, "Every single day"), Some("Marguerite Osei"));
}

/// A Rev-style transcript: "Name (00:01:02):" labels, a host named with a role word, the
/// headline before the series name after a bar, and the transcriber's credit gone.
#[test]
fn transcript_with_timestamps_in_its_labels() {
    let c = load("rev_transcript.txt");
    assert_eq!(
        c.articles[0].source.title,
        "Transcript: Wren Adebayo on directing 'Dry River'"
    );
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Wren Adebayo"));
    let camels = answer(&c, "The camels were the hardest");
    assert_eq!(camels.question.as_deref(), Some("And the camels?"));
    assert_eq!(camels.speaker.as_deref(), Some("Wren Adebayo"));
    assert_gone(&c, &["00:0", "Transcribed by", "Pia Lindqvist:"]);
}

/// Dialogue dashes open the turns of an interview set as dialogue, with or without blank lines
/// between them: the question is the interviewer's, the answer the interviewee's, and no dash
/// is left, nor is a question taken for a signature under the paragraph above it.
#[test]
fn dialogue_dashes_are_turns() {
    let c = load("dialogue_dashes.txt");
    let bus = answer(&c, "On the night bus");
    assert_eq!(
        bus.question.as_deref(),
        Some("Katya, where did Winter Ferries start?")
    );
    assert_eq!(bus.speaker.as_deref(), Some("Katya Morozova"));
    let next = answer(&c, "A book about a lighthouse");
    assert_eq!(
        next.question.as_deref(),
        Some("What are you working on now?")
    );
    assert!(!all_text(&c).contains('—'), "{}", all_text(&c));
    assert!(!passage_with(&c, "Interview by Oleg Danilov")
        .answer
        .contains("where did"));
}

/// An article saved as HTML: tags gone, entities decoded, the first heading the title, bold
/// questions asking and the paragraphs under them answering.
#[test]
fn html_export_reads_as_its_text() {
    let c = load("html_export.txt");
    assert_eq!(c.articles[0].source.title, "Five minutes with Tomas Greer");
    let costumes = answer(&c, "Around four hundred");
    assert_eq!(
        costumes.question.as_deref(),
        Some("How many costumes did you make for the series?")
    );
    assert!(costumes.answer.contains("barn in Suffolk"), "{costumes:?}");
    assert_gone(&c, &["<p>", "<strong>", "&quot;", "&amp;", "&nbsp;", "**"]);
    assert!(all_text(&c).contains("\"Copperfield Lane\" on wool, moths & deadlines"));
}

/// Numbered questions ("2. Do you look like Captain Moss?") ask without their number, and the
/// person the headline names is the interviewee, not the character she voices.
#[test]
fn numbered_questions_and_a_character_in_the_headline() {
    let c = load("numbered_questions.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Ada Brennan"));
    let moss = answer(&c, "Not at all");
    assert_eq!(
        moss.question.as_deref(),
        Some("Do you look like Captain Moss?")
    );
    assert_eq!(moss.speaker.as_deref(), Some("Ada Brennan"));
    assert_eq!(
        quote_by(&c, "The one where Moss loses"),
        Some("Ada Brennan")
    );
}

/// A chat log exported from a community server: "[19:02] handle: text" lines, where the
/// moderator's user name ("lanternworks-mod") labels the questions; the moderator's welcome
/// before anyone answers is the introduction, not part of the first question; the closing turn
/// keeps what it says besides its thanks; the line under the headline gives the date.
#[test]
fn chat_log_user_names_are_speakers() {
    let c = load("stage_chat_log.txt");
    assert_eq!(
        c.articles[0].source.title,
        "Hollow Meridian composer Q&A — #stage-events log"
    );
    assert_eq!(c.articles[0].source.date.as_deref(), Some("2025-03-14"));
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Ilse Varga"));
    let first = answer(&c, "I was teaching piano");
    assert_eq!(
        first.question.as_deref(),
        Some("Ilse, thanks for joining us. How did you end up scoring a video game?")
    );
    let boss = answer(&c, "Yes. There are three layers");
    assert_eq!(
        boss.question.as_deref(),
        Some("glassjaw_92 wants to know if the boss music changes when you are losing.")
    );
    assert_eq!(boss.speaker.as_deref(), Some("Ilse Varga"));
    let welcome = passage_with(&c, "Our guest is Ilse Varga");
    assert_eq!(welcome.kind, PassageKind::Prose);
    let vinyl = passage_with(&c, "out now on vinyl");
    assert_eq!(vinyl.kind, PassageKind::Prose);
    assert_eq!(exchanges(&c).len(), 5, "{:#?}", c.passages);
    assert_gone(&c, &["lanternworks-mod:", "[19:", "this was lovely"]);
}

/// Captions of a video interview (SRT): the cue numbers and timings go, a sentence cut across
/// cues is whole again, ">>" changes speaker, and with one side asking every other turn the
/// asking turns are the questions, even one without a question mark.
#[test]
fn captions_of_a_video_interview_give_each_speaker_their_turns() {
    let c = read(
        "kiln_captions.txt",
        "1\n00:00:00,000 --> 00:00:03,000\n>> Good evening. My guest is the\npotter Ines Calloway.\n\n\
         2\n00:00:03,000 --> 00:00:05,000\n>> Good evening.\n\n\
         3\n00:00:05,000 --> 00:00:08,000\n>> How long does a wood firing take?\n\n\
         4\n00:00:08,000 --> 00:00:11,000\n>> Five days of stoking. We sleep\nin shifts beside the\n\n\
         5\n00:00:11,000 --> 00:00:13,000\nkiln. [laughter]\n\n\
         6\n00:00:13,000 --> 00:00:16,000\n>> Tell me about the ash glaze.\n\n\
         7\n00:00:16,000 --> 00:00:19,000\n>> The ash is the glaze. It melts\non the shoulders of the pots.\n\n\
         8\n00:00:19,000 --> 00:00:21,000\n>> Do you ever open it early?\n\n\
         9\n00:00:21,000 --> 00:00:24,000\n>> Never again. I lost a whole\nfiring that way in 2019.\n\n\
         10\n00:00:24,000 --> 00:00:26,000\n>> Ines Calloway, thank you.\n",
    );
    let text: String = c.passages.iter().map(|p| p.text()).collect();
    for clutter in ["-->", "00:00", "[laughter]", ">>"] {
        assert!(!text.contains(clutter), "{clutter:?} in {text}");
    }
    let stoking = passage_with(&c, "Five days of stoking");
    assert_eq!(
        stoking.answer,
        "Five days of stoking. We sleep in shifts beside the kiln."
    );
    assert_eq!(
        stoking.question.as_deref(),
        Some("How long does a wood firing take?")
    );
    let glaze = passage_with(&c, "The ash is the glaze");
    assert_eq!(
        glaze.question.as_deref(),
        Some("Tell me about the ash glaze.")
    );
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Ines Calloway"));
    assert_eq!(quote_by(&c, "Never again"), Some("Ines Calloway"));
}

/// WebVTT captions name each cue's speaker with a voice tag; a video site's header lines and
/// the rolling captions' repeated line are not words said.
#[test]
fn webvtt_voice_tags_name_the_speakers() {
    let c = read(
        "vtt.txt",
        "WEBVTT\nKind: captions\nLanguage: en\n\n\
         00:00.000 --> 00:02.000\n<v Noor Haddad>Why did you leave the orchestra?\n\n\
         00:02.000 --> 00:04.000\n<v Pell Varga>I wanted to write my own\nmusic, not play other people&apos;s.\n\n\
         00:04.000 --> 00:06.000\nmusic, not play other people&apos;s.\n\n\
         00:06.000 --> 00:08.000\n<v Noor Haddad>Was it frightening?\n\n\
         00:08.000 --> 00:10.000\n<v Pell Varga>Every single day for a year.\n\n\
         00:10.000 --> 00:12.000\n<v Noor Haddad>What did you write first?\n\n\
         00:12.000 --> 00:14.000\n<v Pell Varga>A lullaby for my sister&apos;s twins.\n\n\
         00:14.000 --> 00:16.000\n<v Noor Haddad>Where do you write now?\n\n\
         00:16.000 --> 00:18.000\n<v Pell Varga>In a boathouse on the lake.\n",
    );
    let left = passage_with(&c, "I wanted to write my own music");
    assert_eq!(
        left.answer,
        "I wanted to write my own music, not play other people's."
    );
    assert_eq!(
        left.question.as_deref(),
        Some("Why did you leave the orchestra?")
    );
    assert_eq!(c.articles[0].source.title, "vtt");
    assert_eq!(quote_by(&c, "Every single day"), Some("Pell Varga"));
    assert!(c.passages.iter().all(|p| !p.text().contains("Kind:")));
}

/// A video page's transcript, copied with a time above each automatic caption line: the page's
/// heading stays the title, the times go, and the unpunctuated words are cut into passages,
/// not one block and not a rejected article.
#[test]
fn a_video_pages_transcript_with_a_time_on_every_line_is_read() {
    let mut raw = String::from("Rope Making at Low Hythe\n\nTranscript\n\n");
    let said = "we twist the hemp by hand on a walk that is three hundred yards long and \
                every rope for the lifeboat station still comes from this shed because the \
                crews trust it more than anything they could buy and a good rope lasts them \
                about ten winters if they dry it properly after every launch which they never do \
                so most of our work is mending and the tar we use comes from a kiln in norway \
                that has been burning pine stumps the same way since before my grandfather \
                was born and it still smells of smoke when it arrives";
    let words: Vec<&str> = said.split(' ').collect();
    for (i, line) in words.chunks(8).enumerate() {
        raw.push_str(&format!(
            "{}:{:02}\n{}\n",
            i / 15,
            (i * 4) % 60,
            line.join(" ")
        ));
    }
    let c = read("rope.txt", &raw);
    assert_eq!(c.articles[0].source.title, "Rope Making at Low Hythe");
    let text: String = c.passages.iter().map(|p| p.text()).collect();
    assert!(!text.contains("0:0"), "{text}");
    assert!(passage_with(&c, "about ten winters")
        .answer
        .contains("a good rope lasts"));
    // The last caption lines are words said too, not a link or a photo caption.
    passage_with(&c, "it still smells of smoke");
}

#[test]
fn a_recap_naming_characters_more_than_the_guest_still_credits_the_guest_the_intro_names() {
    // The recap names the characters (with their actors in brackets) far more often than the
    // creator; the sentence "Variety spoke with ... creator Priya Nandakumar" says who answers.
    let c = load("trade_recap_qa.txt");
    assert_eq!(
        c.articles[0].interviewee.as_deref(),
        Some("Priya Nandakumar")
    );
    let a = answer(&c, "Because it is the only thing she owns");
    assert_eq!(a.speaker.as_deref(), Some("Priya Nandakumar"));
    assert_eq!(
        a.question.as_deref(),
        Some("Why does Agnes cut the power at the very end?")
    );
    assert!(!c.quotes.is_empty());
    for q in &c.quotes {
        assert_eq!(q.speaker.as_deref(), Some("Priya Nandakumar"), "{q:?}");
    }
}

#[test]
fn a_label_with_a_job_before_a_name_is_the_person_the_shorter_label_names() {
    // "DIRECTOR SUNNIVA LUND:" on her first turn, "SUNNIVA LUND:" on her last: one person.
    let c = load("epk_featurette.txt");
    let speakers: std::collections::HashSet<&str> = c
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_deref())
        .collect();
    assert!(speakers.contains("Sunniva Lund"), "{speakers:?}");
    assert!(!speakers.contains("Director Sunniva Lund"), "{speakers:?}");
    let first = c
        .quotes
        .iter()
        .find(|q| q.text.starts_with("We shot on the island itself"))
        .expect("the director's first turn is a quote");
    assert_eq!(first.speaker.as_deref(), Some("Sunniva Lund"));
}

#[test]
fn an_interpreted_press_conference_credits_the_guest_under_each_of_his_labels() {
    // "PARK JI-WOO (through interpreter):" on his first turn, "PARK:" after: one person, his
    // hyphenated given name whole, though the sister he names, Park Min-seo, shares "Park".
    let c = load("interpreted_press_conference.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Park Ji-woo"));
    for start in ["My grandfather sang", "Fifty-two days", "A comedy, finally"] {
        let q = c
            .quotes
            .iter()
            .find(|q| q.text.starts_with(start))
            .unwrap_or_else(|| panic!("no quote {start:?}: {:?}", c.quotes));
        assert_eq!(q.speaker.as_deref(), Some("Park Ji-woo"), "{q:?}");
    }
    // The reporters' outlets ask; the guest answers.
    assert_eq!(
        answer(&c, "Fifty-two days").question.as_deref(),
        Some("How long did the shoot take?")
    );
}

#[test]
fn an_interviewers_prompts_without_a_question_mark_are_questions() {
    // "Tell us how the film started.", "Talk us through the casting", "Describe the hardest
    // day": each opens an exchange and the guest answers it, rather than joining the
    // introduction or the answer before.
    let c = load("imperative_prompts.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Amara Obi"));
    for (start, asked) in [
        ("It started with my aunt", "Tell us how the film started."),
        (
            "We saw three hundred girls",
            "Talk us through the casting of the sisters.",
        ),
        (
            "The day the wind died",
            "Describe the hardest day of the shoot.",
        ),
    ] {
        let p = answer(&c, start);
        assert_eq!(p.question.as_deref(), Some(asked));
        assert_eq!(p.speaker.as_deref(), Some("Amara Obi"));
    }
    // The answer before a prompt ends where the prompt begins.
    assert!(!answer(&c, "Less than a wedding").answer.contains("wind"));
}

#[test]
fn a_roundup_of_signed_quotes_credits_each_signer() {
    // "“...” — Name, role", "\"...\" - Name, role" typed with a plain hyphen, and '...' – Name
    // in straight single quotes: each quote is its signer's, none the byline's, and the
    // hyphen-signed line, which ends without a period, is kept rather than taken for a caption.
    let c = load("quote_roundup.txt");
    for (start, who) in [
        ("I have never been so frightened", "Tomas Ek"),
        ("We shot it in nine days", "Ines Salo"),
        ("Every film we saw was braver", "Hana Moretti"),
        ("I cried in the edit", "Tomas Ek"),
    ] {
        let q = c
            .quotes
            .iter()
            .find(|q| q.text.starts_with(start))
            .unwrap_or_else(|| panic!("no quote {start:?}: {:?}", c.quotes));
        assert_eq!(q.speaker.as_deref(), Some(who), "{q:?}");
    }
    assert!(
        c.passages.iter().all(|p| p.speaker.is_none()),
        "{:#?}",
        c.passages
    );
}

/// The seeds read as any new article is, with no config: each credits the person config names
/// as its interviewee, and every quote goes to the person config's reading credits it to
/// (compared by surname: the text spells "Rachel", config "Rachael").
#[test]
fn the_seeds_read_without_config_credit_what_config_credits() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let config =
        interview_bot::config::Config::load(Some(&root.join("config"))).expect("config loads");
    let speakers = Speakers::new(&config.speakers);
    let surname = |s: Option<&str>| {
        s.and_then(|s| s.split_whitespace().last())
            .map(str::to_string)
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("seeds"))
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for path in files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("file name");
        let raw = std::fs::read_to_string(&path).expect("seed reads");
        let bare = read(name, &raw);
        let mut configured = Corpus::default();
        add_article(
            &mut configured,
            name,
            &raw,
            config.articles.get(name),
            &speakers,
        )
        .expect("article loads");
        // And with config's people but no entry for the file: a new article about them.
        let mut unlisted = Corpus::default();
        add_article(&mut unlisted, name, &raw, None, &speakers).expect("article loads");
        let expected = surname(configured.articles[0].interviewee.as_deref());
        assert!(expected.is_some(), "{name}: config names its interviewee");
        assert_eq!(
            surname(bare.articles[0].interviewee.as_deref()),
            expected,
            "{name}: interviewee, no config"
        );
        assert_eq!(
            surname(unlisted.articles[0].interviewee.as_deref()),
            expected,
            "{name}: interviewee, config's people only"
        );
        for read in [&bare, &unlisted] {
            assert_eq!(read.quotes.len(), configured.quotes.len(), "{name}");
            for (b, c) in read.quotes.iter().zip(&configured.quotes) {
                assert_eq!(
                    surname(b.speaker.as_deref()),
                    surname(c.speaker.as_deref()),
                    "{name}: {:?}",
                    c.text
                );
            }
        }
    }
}

#[test]
fn a_broadcast_transcript_reads_described_labels_and_skips_its_stage_directions() {
    // A news channel's transcript: "NAME, WHAT THEY ARE:" the first time someone speaks and
    // the surname after, "(BEGIN VIDEO CLIP)" and "(COMMERCIAL BREAK)" on lines of their own,
    // the air date after a dash, and a guest returning the anchor's welcome before the real
    // question is asked.
    let c = load("cable_transcript.txt");
    let a = &c.articles[0];
    assert_eq!(a.source.date.as_deref(), Some("2025-03-03"));
    assert_eq!(a.interviewee.as_deref(), Some("Ines Achterberg"));
    // The clip is the actor's own turn, with no label left in it.
    let clip = answer(&c, "You think the tide cares");
    assert_eq!(clip.speaker.as_deref(), Some("Colm Devaney"));
    // The historian is named in full from the first label, and stage directions are no
    // section.
    let accurate = answer(&c, "Mostly, yes");
    assert_eq!(accurate.speaker.as_deref(), Some("Nkem Adeyemi"));
    assert_eq!(accurate.section, None);
    // "Happy to be here, Dana." answers nothing: the anchor's "how accurate is The Salt
    // Road?" stays with the answer that follows.
    let asked = accurate.question.as_deref().unwrap_or_default();
    assert!(asked.contains("how accurate is The Salt Road"), "{asked}");
    assert!(c
        .passages
        .iter()
        .all(|p| !p.answer.starts_with("Happy to be here")));
    // No label in capitals is left in any passage or quote.
    for text in c
        .passages
        .iter()
        .map(|p| p.text())
        .chain(c.quotes.iter().map(|q| q.text.clone()))
    {
        assert!(
            !text.contains("ANCHOR:") && !text.contains("ACTOR,"),
            "{text}"
        );
        assert!(!text.contains("VIDEO CLIP"), "{text}");
    }
}

#[test]
fn a_web_pages_headings_in_sentence_case_open_sections() {
    // "Building the ice sequence", "The actors": short lines between a finished paragraph and
    // a long one head the sections under them, and no passage runs across one. A line of
    // the page's furniture in the same place is no heading.
    let c = load("stunt_profile.txt");
    let section_of = |start: &str| {
        c.passages
            .iter()
            .find(|p| p.answer.starts_with(start))
            .unwrap_or_else(|| panic!("no passage starting {start:?}"))
            .section
            .clone()
    };
    assert_eq!(
        section_of("Cold Harbour's centrepiece").as_deref(),
        Some("Building the ice sequence")
    );
    assert_eq!(
        section_of("Leila Haddad, who plays").as_deref(),
        Some("The actors")
    );
    assert!(c
        .passages
        .iter()
        .all(|p| !(p.answer.contains("23 days to shoot") && p.answer.contains("Leila Haddad"))));
    let web = load("web_qa.txt");
    assert!(web
        .passages
        .iter()
        .all(|p| p.section.as_deref() != Some("Story continues below advertisement")));
    // An encyclopedia's plain headings too.
    let wiki = load("encyclopedia.txt");
    assert!(wiki
        .passages
        .iter()
        .any(|p| p.section.as_deref() == Some("Reception")));
}

#[test]
fn a_radio_transcripts_reporter_leads_into_the_guests_words() {
    // "STEVE MARLOW, HOST:" alone on its line, then "HANNAH ORTIZ, BYLINE:" and "ORTIZ:" for
    // the reporter whose narration leads into the composer's words: the reporter is never
    // the interviewee nor credited with a quote, and no label is left in the text.
    let c = load("radio_transcript.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Liv Vik"));
    let rule = answer(&c, "That was the rule I gave myself");
    assert_eq!(rule.speaker.as_deref(), Some("Liv Vik"));
    assert!(rule
        .question
        .as_deref()
        .is_some_and(|q| q.starts_with("The opera is called")));
    assert!(c
        .quotes
        .iter()
        .all(|q| q.speaker.as_deref() == Some("Liv Vik")));
    for p in &c.passages {
        assert!(
            !p.text().contains("HOST:") && !p.text().contains("BYLINE"),
            "{}",
            p.text()
        );
    }
}

#[test]
fn an_irc_log_reads_nicks_as_speakers_and_drops_the_clients_notices() {
    // A chat client's log: "20:02 <tfinch> ..." lines, a "@" before the moderator's nick,
    // joins, quits, "* nick waves" and "--- Log opened" between them, and lines that end
    // without a full stop. The guest's nick spells her surname.
    let c = load("irc_log.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Teodora Finch"));
    let idea = answer(&c, "My grandmother kept apple trees");
    assert_eq!(idea.speaker.as_deref(), Some("Teodora Finch"));
    assert_eq!(
        idea.question.as_deref(),
        Some("First one, from bramble_owl: where did the idea for the orchard come from?")
    );
    // Each chat line is its own turn: the sequel answer ends where the next line begins.
    let sequel = answer(&c, "No sequel.");
    assert!(
        sequel.answer.ends_with("owns a single tree."),
        "{}",
        sequel.answer
    );
    assert_eq!(exchanges(&c).len(), 7, "{:#?}", c.passages);
    assert_gone(
        &c,
        &[
            "has joined",
            "has quit",
            "Log opened",
            "Irssi",
            "waves",
            "<tfinch>",
            "20:0",
        ],
    );
    assert!(c.quotes.iter().any(
        |q| q.speaker.as_deref() == Some("Teodora Finch") && q.text.starts_with("Middlemarch")
    ));
}

#[test]
fn an_official_transcript_reads_bare_qs_and_titled_labels() {
    // A government press briefing: the reporters' turns open with a bare "Q" and two spaces,
    // the officials' with "COMMISSIONER OKAFOR:" and "MR. DALTON:", the people the heading and
    // the opening remarks name in full.
    let c = load("official_briefing.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Adaeze Okafor"));
    let delay = answer(&c, "Sure. The hull was finished on time.");
    assert_eq!(delay.speaker.as_deref(), Some("Adaeze Okafor"));
    assert_eq!(
        delay.question.as_deref(),
        Some("Commissioner, thank you. Can you say what the delay was? The service was promised for last autumn.")
    );
    // The opening statement ends before the first question.
    let opening = passage_with(&c, "Good morning, everyone.");
    assert!(
        !opening.text().contains("what the delay was"),
        "{}",
        opening.text()
    );
    let battery = answer(&c, "About nine minutes at Pell Point");
    assert_eq!(battery.speaker.as_deref(), Some("Tomas Dalton"));
    assert!(c.quotes.iter().any(
        |q| q.speaker.as_deref() == Some("Tomas Dalton") && q.text.contains("three crossings")
    ));
    assert_gone(&c, &["COMMISSIONER OKAFOR", "MR. DALTON", "Q  "]);
}

#[test]
fn a_chat_apps_copied_history_reads_each_message_as_a_turn() {
    // Copied out of a chat app: a header line per message ("Wren (mod) — 05/12/2025 7:00
    // PM"), the message on the lines under it, reactions ("👍 14") and "(edited)" under
    // some, and a listener's aside between the guest's answers.
    let c = load("discord_export.txt");
    assert_eq!(
        c.articles[0].interviewee.as_deref(),
        Some("Noor Haddad-Lind")
    );
    let start = answer(&c, "I failed a chemistry degree");
    assert_eq!(start.speaker.as_deref(), Some("Noor Haddad-Lind"));
    assert_eq!(
        start.question.as_deref(),
        Some("First question from pebble: how did you get into pottery?")
    );
    // A message's lines stay together, and its reactions are gone.
    assert!(
        start.answer.ends_with("I have not stopped since."),
        "{}",
        start.answer
    );
    assert_eq!(exchanges(&c).len(), 6, "{:#?}", c.passages);
    assert_gone(&c, &["7:03 PM", "05/12/2025", "(edited)", "14"]);
    // The listener's aside is theirs, never part of the guest's quote.
    assert!(c.quotes.iter().all(|q| !q.text.contains("a TON")));
    assert!(c.quotes.iter().any(|q| {
        q.speaker.as_deref() == Some("Noor Haddad-Lind")
            && q.text.starts_with("A quarry in Cornwall")
    }));
}

#[test]
fn a_podcast_transcript_reads_bracketed_names_and_drops_the_sponsor_read() {
    // "[Marcus Bell] ..." opens each turn, "[MUSIC]" and "[LAUGHS]" are stage directions, and
    // the host's sponsor read sits between two exchanges.
    let c = load("podcast_brackets.txt");
    assert_eq!(
        c.articles[0].interviewee.as_deref(),
        Some("Dinah Oyelowo-Park")
    );
    let best = answer(&c, "The cheese and onion pasty");
    assert_eq!(best.speaker.as_deref(), Some("Dinah Oyelowo-Park"));
    assert_eq!(best.question.as_deref(), Some("What sells best?"));
    assert_eq!(exchanges(&c).len(), 5, "{:#?}", c.passages);
    assert_gone(
        &c,
        &[
            "[Marcus Bell]",
            "[Dinah",
            "MUSIC",
            "LAUGHS",
            "brought to you by",
            "code TABLE",
        ],
    );
}

#[test]
fn a_quickfire_round_is_the_guests_questions_and_answers() {
    // A magazine profile in prose ends with a quickfire round: a line per question, its
    // answer after the question mark.
    let c = load("quickfire.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Ottilie Marsh"));
    let tea = answer(&c, "Tea, stewed.");
    assert_eq!(tea.question.as_deref(), Some("Tea or coffee?"));
    assert_eq!(tea.speaker.as_deref(), Some("Ottilie Marsh"));
    assert_eq!(tea.section.as_deref(), Some("QUICKFIRE"));
    assert_eq!(exchanges(&c).len(), 5, "{:#?}", c.passages);
    // The profile's prose stays prose.
    assert_eq!(
        passage_with(&c, "fog bank sat on her").kind,
        PassageKind::Prose
    );
}

#[test]
fn a_quotation_pages_quotes_are_its_subjects_unless_a_source_names_someone_else() {
    // A quotation wiki's page: each quote a bullet with its source nested under it, most
    // sources an outlet and a date, one in the "About" section a person; the page's own
    // navigation, contents and categories around them.
    let c = load("wikiquote.txt");
    assert_eq!(
        c.articles[0].interviewee.as_deref(),
        Some("Idris Calloway-Shore")
    );
    let by = |start: &str| {
        c.quotes
            .iter()
            .find(|q| q.text.starts_with(start))
            .unwrap_or_else(|| panic!("no quote {start:?} in {:#?}", c.quotes))
            .speaker
            .clone()
    };
    assert_eq!(
        by("A theatre with no roof").as_deref(),
        Some("Idris Calloway-Shore")
    );
    assert_eq!(
        by("I have never read a review").as_deref(),
        Some("Idris Calloway-Shore")
    );
    assert_eq!(
        by("Idris makes you feel the weather").as_deref(),
        Some("Mared Pugh")
    );
    // No outlet is ever a speaker.
    assert!(c.quotes.iter().all(|q| {
        !matches!(
            q.speaker.as_deref(),
            Some("Western Mail" | "BBC Radio Wales" | "Interview")
        )
    }));
    assert_gone(
        &c,
        &[
            "Jump to navigation",
            "Categories:",
            "Retrieved from",
            "[edit]",
        ],
    );
}

#[test]
fn a_link_aggregators_thread_is_the_posters_answers_to_commenters() {
    let c = load("hn_thread.txt");
    let a = &c.articles[0];
    assert_eq!(a.interviewee.as_deref(), Some("Lena Varga"));
    assert_eq!(
        a.source.title,
        "Ask HN: I'm Lena Varga, I built the open-source synth Marlin. AMA"
    );
    let rust = answer(&c, "Mostly fear of myself");
    assert_eq!(rust.speaker.as_deref(), Some("Lena Varga"));
    assert_eq!(
        rust.question.as_deref(),
        Some("What made you pick Rust over C++ for the audio engine?")
    );
    // A flagged comment between two threads glues nothing together.
    let mpe = answer(&c, "MPE is the next big thing");
    assert_eq!(
        mpe.question.as_deref(),
        Some("Any plans for an MPE version? My Linnstrument is begging.")
    );
    assert!(!answer(&c, "Half-time since 2022").answer.contains("MPE"));
    assert_eq!(exchanges(&c).len(), 5, "{:#?}", c.passages);
    assert_gone(
        &c,
        &[
            "hours ago",
            "[–]",
            "parent",
            "[flagged]",
            "[dead]",
            "points by",
        ],
    );
    assert!(c.quotes.iter().any(|q| {
        q.speaker.as_deref() == Some("Lena Varga") && q.text.contains("I couldn't open my laptop")
    }));
}

#[test]
fn an_advice_columns_letters_are_questions_and_the_columnist_answers() {
    let c = load("advice_column.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Rosa Quint"));
    let tomatoes = answer(&c, "Splitting almost always comes from uneven watering");
    assert_eq!(tomatoes.speaker.as_deref(), Some("Rosa Quint"));
    assert_eq!(
        tomatoes.question.as_deref(),
        Some("Every August my tomatoes split open just as they ripen. I water them every evening without fail. What am I doing wrong?")
    );
    // The letter writer's sign-off is neither question nor answer.
    assert_eq!(exchanges(&c).len(), 3, "{:#?}", c.passages);
    assert_gone(
        &c,
        &["Frustrated in Filey", "Tom, Leeds", "Hopeful, Salford"],
    );
    assert!(c.quotes.iter().any(|q| {
        q.speaker.as_deref() == Some("Rosa Quint")
            && q.text
                .contains("Good for you for thinking of the hedgehogs")
    }));
    // The letters are the readers', never the columnist's words.
    assert!(c
        .quotes
        .iter()
        .all(|q| !q.text.contains("Slugs ate every one")));
}

#[test]
fn a_work_chats_thread_drops_its_reactions_and_reply_counts() {
    let c = load("slack_thread.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Noor Haddad"));
    let start = answer(&c, "Thanks Mina! I started late, at 31");
    assert_eq!(start.speaker.as_deref(), Some("Noor Haddad"));
    assert_eq!(
        start.question.as_deref(),
        Some("Welcome Noor! Kicking us off: when did you start climbing?")
    );
    assert_eq!(exchanges(&c).len(), 6, "{:#?}", c.passages);
    assert_gone(
        &c,
        &[":heart:", ":joy:", "3 replies", "(edited)", "10:44 AM"],
    );
}

#[test]
fn a_transcript_copied_from_a_table_is_one_turn_per_row() {
    let c = load("table_transcript.txt");
    assert_eq!(
        c.articles[0].interviewee.as_deref(),
        Some("Marta Kowalczyk")
    );
    let time = answer(&c, "Nine hours and fifty-two minutes");
    assert_eq!(time.speaker.as_deref(), Some("Marta Kowalczyk"));
    assert_eq!(
        time.question.as_deref(),
        Some("What was your finishing time?")
    );
    assert_eq!(exchanges(&c).len(), 7, "{:#?}", c.passages);
    assert_gone(&c, &["00:00:21", "Time\tSpeaker", "CAL HENDRY What"]);
}

#[test]
fn a_meeting_apps_captions_are_turns_by_voice() {
    let c = load("teams_captions.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Osei Bantu"));
    let levels = answer(&c, "The lighthouse level.");
    assert_eq!(levels.speaker.as_deref(), Some("Osei Bantu"));
    assert_eq!(
        levels.question.as_deref(),
        Some("What was the hardest level to design?")
    );
    assert_gone(&c, &["-->", "6f1d2c3a", "<v ", "</v>"]);
}

#[test]
fn a_messengers_export_is_one_turn_per_message() {
    let c = load("whatsapp_group.txt");
    assert_eq!(
        c.articles[0].interviewee.as_deref(),
        Some("Tomasz Wierzbicki")
    );
    // A long message runs on over the lines under its stamp.
    let real = answer(&c, "Your gran is half right.");
    assert!(real
        .answer
        .ends_with("neither was lonely enough on its own."));
    assert_eq!(real.speaker.as_deref(), Some("Tomasz Wierzbicki"));
    // A member's question with a remark after it still asks.
    assert_eq!(
        real.question.as_deref(),
        Some("Was the lighthouse a real place? My gran swears it's the one at Hel")
    );
    assert_eq!(
        answer(&c, "Antonia Lloyd-Jones").question.as_deref(),
        Some("Who did the translation into English? It reads really well")
    );
    assert_gone(
        &c,
        &[
            "12/03/2025",
            "end-to-end encrypted",
            "created group",
            "<Media omitted>",
            "This message was deleted",
            "Goodnight from the coast",
        ],
    );
}

#[test]
fn a_documents_margin_comments_are_no_turns() {
    let c = load("gdocs_export.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Lucía Ferreyra"));
    let drum = answer(&c, "Almost true.");
    assert_eq!(drum.speaker.as_deref(), Some("Lucía Ferreyra"));
    assert!(drum.answer.ends_with("so I spent it carefully."));
    assert_gone(&c, &["Mara Quint", "Dev Patel", "pull quote", "[c]"]);
}

#[test]
fn a_keynotes_cast_list_says_who_speaks_and_its_sign_off_goes() {
    let c = load("keynote_qa.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Amara Okafor"));
    // What the cast list says of the speaker is a fact of the article, not a question.
    passage_with(&c, "hydrologist, University of Leeds");
    let speech = answer(&c, "Good morning.");
    assert_eq!(speech.question, None);
    let lagos = answer(&c, "I grew up in Lagos");
    assert_eq!(
        lagos.question.as_deref(),
        Some(
            "One more, at the back.\n\nDid you always want to work on water? What got you into it?"
        )
    );
    assert_gone(&c, &["Please thank Dr. Okafor", "[Applause]"]);
}

#[test]
fn a_fans_panel_notes_keep_their_topics_and_quotes() {
    let c = load("panel_notes.txt");
    let casting = passage_with(&c, "auditioned for the villain first");
    assert_eq!(casting.section.as_deref(), Some("On casting"));
    // Quoted words in the notes are credited to whoever the note says said them.
    assert_eq!(
        quote_by(&c, "I thought it was a show about a fox"),
        Some("Nils Ahlgren")
    );
    assert_eq!(
        quote_by(&c, "the voice is the last thing anyone hires you for"),
        Some("Sade Adeyemi")
    );
    assert_gone(&c, &["12 comments", "Tags:", "#copperfoot"]);
}

#[test]
fn a_social_posts_comments_are_turns_with_their_tags_dropped() {
    let c = load("facebook_comments.txt");
    let a = &c.articles[0];
    assert_eq!(a.source.title, "Harbour Lights Community Theatre");
    assert_eq!(a.interviewee.as_deref(), Some("Siobhan Keane"));
    // A commenter's one question, with a remark after it, is what the reply answers; the
    // tag naming the commenter is no part of the reply.
    let tickets = answer(&c, "tickets go on sale on the 1st of March");
    assert_eq!(tickets.speaker.as_deref(), Some("Siobhan Keane"));
    assert_eq!(
        tickets.question.as_deref(),
        Some("When do tickets go on sale? My mam wants to book for the whole family")
    );
    assert_eq!(
        answer(&c, "three evenings a week").question.as_deref(),
        Some("How long are rehearsals? Thinking of auditioning next year")
    );
    assert_gone(
        &c,
        &[
            "Like · Reply",
            "Most relevant",
            "37 comments",
            "Write a comment",
            "Author",
        ],
    );
}

#[test]
fn a_markdown_table_of_questions_and_answers_is_exchanges() {
    let c = load("pipe_table.txt");
    let mic = answer(&c, "A cheap dynamic mic");
    assert_eq!(mic.question.as_deref(), Some("What microphone do you use?"));
    assert!(mic.answer.ends_with("The gear matters less than the room."));
    assert_eq!(exchanges(&c).len(), 5, "{:#?}", c.passages);
    assert_gone(&c, &["|", "---"]);
}

#[test]
fn a_bulletin_boards_posts_are_turns_without_their_quoted_copies() {
    let c = load("smf_forum.txt");
    assert_eq!(
        c.articles[0].source.title,
        "Ask me anything: Petra Lindqvist, builder of the Alder Creek layout"
    );
    let scale = answer(&c, "HO scale, 1:87.");
    assert_eq!(
        scale.question.as_deref(),
        Some("What scale is it? And what do you use for the water?")
    );
    // "Only one:" opens the poster's answer; it is no one's label.
    assert!(c
        .quotes
        .iter()
        .any(|q| q.text.starts_with("Only one: Warley in November") && q.speaker == scale.speaker));
    assert_gone(
        &c,
        &[
            "Quote from:",
            "« Reply",
            "Posts: 212",
            "Logged",
            "Go Down",
            "Full Member",
        ],
    );
}

#[test]
fn a_committees_numbered_questions_are_turns_under_honorific_labels() {
    let c = load("select_committee.txt");
    let bill = answer(&c, "Serious but not hopeless.");
    assert_eq!(bill.speaker.as_deref(), Some("Hilary Voss"));
    assert_eq!(
        bill.question.as_deref(),
        Some("Dame Hilary, how serious is the financial position at Northgate?")
    );
    let fuel = answer(&c, "Fuel. Honestly.");
    assert_eq!(fuel.speaker.as_deref(), Some("Kwame Osei-Bonsu"));
    // Both witnesses answer the same question; each answer is its own.
    let settlement = answer(&c, "For me, a multi-year settlement.");
    assert_eq!(settlement.speaker.as_deref(), Some("Hilary Voss"));
    assert_eq!(settlement.question, fuel.question);
    assert_gone(&c, &["Q1 ", "Q5 ", "Dame Hilary Voss:", "[Interruption.]"]);
}

#[test]
fn a_court_reporters_numbered_lines_read_as_questions_and_answers() {
    let c = load("court_reporter.txt");
    let wreck = answer(&c, "Once. The Mary Callan, in the January storm of 1977.");
    assert_eq!(wreck.question.as_deref(), Some("Did you ever see a wreck?"));
    assert_eq!(wreck.speaker.as_deref(), Some("Rosalind Tembe"));
    assert_eq!(
        answer(&c, "My father kept it before me.")
            .question
            .as_deref(),
        Some("Mrs. Tembe, how did you come to keep the Halverston light?")
    );
    assert_eq!(exchanges(&c).len(), 7, "{:#?}", c.passages);
    assert_gone(
        &c,
        &[
            "Page 2",
            "BY MR. OKWU",
            "Whereupon",
            "(Laughter.)",
            "Keller Court",
        ],
    );
}

#[test]
fn a_qa_sites_answers_are_turns_under_their_writers() {
    let c = load("qa_site.txt");
    assert_eq!(
        c.articles[0].source.title,
        "What was it like doing the sound design for the game Hollow Orchard?"
    );
    let well = passage_with(&c, "The hardest sound was the well.");
    assert_eq!(well.speaker.as_deref(), Some("Jun Park"));
    let score = answer(&c, "Jun's answer covers the sound effects");
    assert_eq!(score.speaker.as_deref(), Some("Tessa Morrow"));
    assert_eq!(score.question, well.question);
    assert_eq!(quote_by(&c, "Jun's answer covers"), Some("Tessa Morrow"));
    assert_gone(
        &c,
        &[
            "Upvote",
            "1.2K views",
            "Related questions",
            "How do sound designers make footsteps?",
            "Promoted by",
            "Write better, faster.",
            "Sign In",
        ],
    );
}

#[test]
fn a_news_report_drops_its_embeds_and_credits_an_unnamed_spokesperson() {
    let c = load("embed_news.txt");
    passage_with(
        &c,
        "The 24-year-old shared an X-ray on Instagram on Thursday.",
    );
    assert_eq!(
        quote_by(&c, "Well. That was not in the script."),
        Some("Lena Ortiz")
    );
    // Introduced as "A spokesperson for the production company", never named: not Ortiz.
    assert_eq!(
        quote_by(&c, "Lena's health comes first."),
        Some("A spokesperson")
    );
    assert_gone(
        &c,
        &[
            "View this post on Instagram",
            "A post shared by",
            "Watch on YouTube",
        ],
    );
}

#[test]
fn a_blog_platforms_buttons_and_badges_are_no_title_or_text() {
    let c = load("blog_platform.txt");
    assert_eq!(
        c.articles[0].source.title,
        "Meet the woman who repairs the city's church organs"
    );
    assert_eq!(c.articles[0].source.date.as_deref(), Some("2025-03-12"));
    assert_eq!(
        answer(&c, "Mice, mostly.").question.as_deref(),
        Some("What goes wrong with them?")
    );
    assert_gone(
        &c,
        &[
            "Member-only story",
            "min read",
            "Written by",
            "Followers",
            "Recommended from",
        ],
    );
}

#[test]
fn a_newsletters_name_over_its_buttons_is_the_outlet_not_the_title() {
    let c = load("newsletter_platform.txt");
    let title = &c.articles[0].source.title;
    assert!(
        title.starts_with("\"We cook what the tide gives us\""),
        "{title}"
    );
    let custard = answer(&c, "The kelp custard.");
    assert_eq!(custard.speaker.as_deref(), Some("Idris Fane"));
    assert_gone(
        &c,
        &["Thanks for reading", "Subscribe for free", "Restacks"],
    );
}

#[test]
fn a_research_transcripts_header_names_whom_its_codes_stand_for() {
    let c = load("research_transcript.txt");
    assert_eq!(
        c.articles[0].source.title,
        "Night Shift Voices (oral histories of overnight workers)"
    );
    let years = answer(&c, "Twenty-six years on the N8.");
    assert_eq!(years.speaker.as_deref(), Some("Joyce Mensah"));
    assert_eq!(
        years.question.as_deref(),
        Some("OK, we're recording. Can you tell me how long you've driven the night bus?")
    );
    assert_eq!(
        quote_by(&c, "Blackout blinds and earplugs"),
        Some("Joyce Mensah")
    );
    assert_gone(
        &c,
        &[
            "P14:",
            "NSV-014",
            "Duration",
            "[pause]",
            "END OF TRANSCRIPT",
        ],
    );
}

#[test]
fn a_notes_apps_toggles_are_questions_over_their_answers() {
    let c = load("notes_toggles.txt");
    let kiln = answer(&c, "1280 degrees");
    assert_eq!(
        kiln.question.as_deref(),
        Some("What temperature do you fire at?")
    );
    assert_eq!(kiln.speaker.as_deref(), Some("Ravi Chandran"));
    assert_gone(&c, &["▸", "Last edited", "Created by"]);
}

/// A local paper's obituary: the site's furniture and menu above the headline, a nickname in
/// quotation marks inside the name, relatives quoted by what they are to her ("Her son,
/// Daniel Oduya, said", "said her daughter, Grace Oduya-Bell").
#[test]
fn an_obituarys_headline_nickname_and_relatives_are_read() {
    let c = load("obituary_news.txt");
    assert_eq!(
        c.articles[0].source.title,
        "Margaret 'Peggy' Oduya, who ran the Ashby lido for thirty years, dies aged 88"
    );
    assert_eq!(
        c.articles[0].nicknames,
        vec![("Peggy".to_string(), "Margaret Oduya".to_string())]
    );
    assert_eq!(
        quote_by(&c, "She kept a ledger of every one of them"),
        Some("Daniel Oduya")
    );
    assert_eq!(
        quote_by(&c, "Mum always said cold water never killed anybody"),
        Some("Grace Oduya-Bell")
    );
    assert_gone(&c, &["Skip to main content", "Share this article"]);
}

/// A sports press conference's transcript: the event's name in capitals is its only title,
/// "THE MODERATOR:" asks and "Q." turns ask, the athlete in capitals answers.
#[test]
fn a_press_conference_transcript_is_titled_by_its_event() {
    let c = load("sports_presser.txt");
    assert_eq!(
        c.articles[0].source.title,
        "WORLD MASTERS ROWING CHAMPIONSHIPS"
    );
    let porridge = answer(&c, "Porridge with brown cheese.");
    assert_eq!(
        porridge.question.as_deref(),
        Some("What did you eat before the race?")
    );
    assert_eq!(porridge.speaker.as_deref(), Some("Ingrid Solberg"));
    assert_gone(&c, &["FastScripts"]);
}

/// A blog's answered asks with the header on a line of its own ("anonymous asked:") and the
/// question, typed without a final question mark, under it; the owner signed at the foot
/// ("Posted by thistle-and-thread (Hanne Lindahl)") answers every one.
#[test]
fn a_blogs_asks_under_their_own_header_line_are_answered_by_its_owner() {
    let c = load("ask_blog.txt");
    assert_eq!(c.articles[0].source.title, "thistle-and-thread");
    let backing = answer(&c, "Wide-back cotton");
    assert_eq!(
        backing.question.as_deref(),
        Some("what fabric do you use for the backing on the big quilts? mine always puckers")
    );
    assert_eq!(backing.speaker.as_deref(), Some("Hanne Lindahl"));
    assert_eq!(exchanges(&c).len(), 5);
    assert_gone(&c, &["asked:", "notes", "Posted by", "Archive"]);
}

/// A press release with a Q&A: the wire's dateline off the first paragraph (its date kept),
/// the founder the release speaks with answering (not the company), the company's "About"
/// box a section of its own, the legal notice and media contact gone.
#[test]
fn a_press_releases_qa_is_its_founders_and_its_about_box_a_section() {
    let c = load("press_release.txt");
    assert_eq!(c.articles[0].source.date.as_deref(), Some("2025-09-09"));
    let landfill = answer(&c, "It means nothing we produce goes to landfill.");
    assert_eq!(landfill.speaker.as_deref(), Some("Priya Varma"));
    let about = passage_with(&c, "employs 34 people");
    assert_eq!(about.section.as_deref(), Some("About Northfield Brewing"));
    assert_gone(
        &c,
        &["PRNewswire", "forward-looking", "press@northfieldbrewing"],
    );
}

/// A title quoted between two capitalised words ("Netflix 'Daredevil' Season") is no
/// nickname: only someone the article names gets one.
#[test]
fn a_quoted_title_between_two_words_is_no_nickname() {
    let c = read(
        "report.txt",
        "Streaming news\n\nThe Netflix 'Daredevil' Season two trailer is out, said critic Ana Ruiz.\n\nAna 'Annie' Ruiz said it looked cold.\n",
    );
    assert_eq!(
        c.articles[0].nicknames,
        vec![("Annie".to_string(), "Ana Ruiz".to_string())]
    );
}

/// A publisher's reading group guide: the book's cover lines on top ("THE SALT ORCHARD" / "A
/// Novel" / the author), the author's conversation, then questions for readers under their own
/// heading (nobody answers them: not the conversation's last question), praise quoted from
/// critics (their words, not the author's, even where the critic is a newspaper), and the
/// author's box.
#[test]
fn a_reading_guides_questions_for_readers_and_praise_are_no_part_of_the_conversation() {
    let c = load("reading_guide.txt");
    let article = &c.articles[0];
    assert_eq!(article.source.title, "THE SALT ORCHARD - A Novel");
    assert_eq!(article.interviewee.as_deref(), Some("Ines Carvalho"));
    let now = answer(&c, "A book about a lighthouse on the Azores");
    assert_eq!(now.question.as_deref(), Some("What are you writing now?"));
    let readers = passage_with(&c, "Why do you think Celeste keeps the last lemon");
    assert_eq!(readers.kind, PassageKind::Prose);
    assert_eq!(
        readers.section.as_deref(),
        Some("Questions and Topics for Discussion")
    );
    let praise = passage_with(&c, "what families refuse to say");
    assert_eq!(
        praise.section.as_deref(),
        Some("Praise for The Salt Orchard")
    );
    assert_eq!(quote_by(&c, "A quiet, fierce book"), None);
    assert_eq!(quote_by(&c, "Carvalho writes weather"), Some("Colm Tóibín"));
    assert_eq!(
        quote_by(&c, "I tried. The translation"),
        Some("Ines Carvalho")
    );
    assert_gone(&c, &["penfoldbooks"]);
}

/// A podcast's episode page: the show's name over the episode's headline, a release line
/// with the running time, chapters, key quotes (the guest's, though no name is on them), and
/// a transcript whose host is labelled by first name and makes remarks and prompts as often
/// as questions ("That must have hurt.", "Tell me about the mole."), with a sponsor read in
/// the host's turn.
#[test]
fn a_podcast_pages_host_by_first_name_takes_turns_and_the_sponsor_read_goes() {
    let c = load("podcast_show_notes.txt");
    let article = &c.articles[0];
    assert_eq!(
        article.source.title,
        "Episode 88: Chef Rafael Montoya on closing the restaurant he loved"
    );
    assert_eq!(article.source.date.as_deref(), Some("2025-03-03"));
    let hurt = answer(&c, "It still does.");
    assert_eq!(hurt.question.as_deref(), Some("That must have hurt."));
    assert_eq!(hurt.speaker.as_deref(), Some("Rafael Montoya"));
    let mole = answer(&c, "Mole negro");
    assert_eq!(
        mole.question.as_deref(),
        Some("Tell me about the mole. People still talk about it.")
    );
    let home = answer(&c, "Eggs.");
    assert_eq!(
        home.question.as_deref(),
        Some("So what do you cook at home now?")
    );
    assert_eq!(
        quote_by(&c, "A restaurant is a machine"),
        Some("Rafael Montoya")
    );
    assert_gone(&c, &["Harvest Box", "LONGTABLE", "Dani:"]);
}

/// A video page copied with its transcript: the page's counts and buttons ("61K views 2 years
/// ago", "Show transcript") go, and the timestamps between the caption lines, which run on
/// without punctuation, are no part of the text. The description says whom the channel sits
/// down with, a title before the name ("we sit down with Dr. Aoife Brennan"): the interviewee.
#[test]
fn a_video_pages_transcript_reads_without_its_counts_and_timestamps() {
    let c = load("video_page_transcript.txt");
    assert_eq!(
        c.articles[0].source.title,
        "Tidal Power Explained by the Engineer Who Built It"
    );
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Aoife Brennan"));
    passage_with(
        &c,
        "it's basically a windmill under the sea the tide pushes water",
    );
    assert_gone(&c, &["61K views", "Show transcript", "0:16", "[Music]"]);
}

/// A magazine's questions in capitals as the lead-in of each answer's paragraph ("HOW DID YOU
/// FIND THE CHAPEL? It was on the market..."), and a last line that is a sentence with the
/// maker's web address after it: kept, as the sentence it is.
#[test]
fn questions_in_capitals_leading_into_answers_are_turns_and_a_sentence_before_an_address_stays() {
    let c = load("caps_leadins.txt");
    let article = &c.articles[0];
    assert_eq!(article.interviewee.as_deref(), Some("Hettie Marsh"));
    let kiln = answer(&c, "In the old vestry.");
    assert_eq!(kiln.question.as_deref(), Some("WHERE DO YOU WORK?"));
    assert_eq!(kiln.speaker.as_deref(), Some("Hettie Marsh"));
    passage_with(&c, "spring open studio runs from 3 to 5 May.");
    assert_gone(&c, &["hettiemarshpottery"]);
}

/// A video call's saved chat: each message under "00:05:48 From  NAME  to  Everyone:", a
/// reply opened by a line quoting what it answers, reactions sent as messages ("Reacted to
/// ... with 👍"). One turn per message; the file's name over it is no title.
#[test]
fn a_video_calls_saved_chat_is_one_turn_per_message_without_its_reactions() {
    let c = load("call_chat.txt");
    let article = &c.articles[0];
    assert!(
        article
            .source
            .title
            .starts_with("Bookbinding Guild of the North"),
        "{}",
        article.source.title
    );
    assert_eq!(article.interviewee.as_deref(), Some("Hana Okafor"));
    let tape = answer(&c, "Honestly it's old sticky tape.");
    assert_eq!(
        tape.question.as_deref(),
        Some("What's the most common damage you see?")
    );
    assert_eq!(tape.speaker.as_deref(), Some("Hana Okafor"));
    assert_eq!(
        quote_by(&c, "Never, please! Use a strip of Japanese tissue"),
        Some("Hana Okafor")
    );
    assert_gone(
        &c,
        &["Replying to", "Reacted to", "to  Everyone", "00:06:30"],
    );
}

/// A fanzine's page saved from the Wayback Machine: the archive's banner and toolbar over it
/// ("37 captures", the calendar, "About this capture"), the site's bracketed menu, its hit
/// counter and "Best viewed in 800x600" under it. The headline in capitals between the menu
/// and the text is the title, the site's name the outlet; two band members answer by first
/// name.
#[test]
fn a_page_saved_from_a_web_archive_reads_without_the_archives_banner_or_the_sites_furniture() {
    let c = load("archived_fanzine.txt");
    let article = &c.articles[0];
    assert_eq!(article.source.title, "INTERVIEW: LOW TIDE ORCHESTRA");
    assert_eq!(article.source.outlet.as_deref(), Some("STATIC TAPES"));
    let slow = answer(&c, "That's not fair.");
    assert_eq!(slow.speaker.as_deref(), Some("Lou Marsh"));
    assert_eq!(
        slow.question.as_deref(),
        Some("The new record is much slower than the first one. What happened?")
    );
    assert_gone(
        &c,
        &[
            "Wayback",
            "captures",
            "Alexa",
            "About this capture",
            "[ Home ]",
            "viewed 004127",
            "Best viewed",
            "back to interviews",
        ],
    );
}

/// "You ask the questions": each reader's question over their name and town in capitals
/// ("MARGARET HOLT, WHITBY"), the guest's answer under it.
#[test]
fn readers_questions_signed_with_name_and_town_are_asked_of_the_guest() {
    let c = load("reader_questions.txt");
    let article = &c.articles[0];
    assert_eq!(article.interviewee.as_deref(), Some("Bernard Achebe-Lowe"));
    let seasick = answer(&c, "Every single time.");
    assert_eq!(seasick.question.as_deref(), Some("Do you get seasick?"));
    assert_eq!(seasick.speaker.as_deref(), Some("Bernard Achebe-Lowe"));
    assert_gone(&c, &["AMY CHEN", "BY EMAIL", "MARGARET HOLT"]);
}

/// A club's page of what its coach and captain said after a match: each under their name in
/// capitals, one paragraph per topic ("On the result: \"...\""). Each is that person's answer
/// on the topic; a topic naming a player ("On Danny Okoro's winner:") does not credit him.
#[test]
fn quotes_under_a_persons_name_by_topic_are_that_persons_answers() {
    let c = load("club_reaction.txt");
    let article = &c.articles[0];
    assert_eq!(article.source.date.as_deref(), Some("2025-03-15"));
    let winner = answer(&c, "He's been waiting three months for that.");
    assert_eq!(winner.question.as_deref(), Some("On Danny Okoro's winner"));
    assert_eq!(winner.speaker.as_deref(), Some("Alan Whitcombe"));
    let sligo = answer(&c, "My mum was in the stand");
    assert_eq!(sligo.speaker.as_deref(), Some("Joe Ruiz"));
    assert_eq!(
        quote_by(&c, "He's been waiting three months"),
        Some("Alan Whitcombe")
    );
    assert_eq!(
        quote_by(&c, "That noise when Danny scored"),
        Some("Joe Ruiz")
    );
}

/// The same page with bare quotes under each name, no topic before them: each quote is still
/// the person's whose name heads it.
#[test]
fn bare_quotes_under_a_persons_name_are_that_persons() {
    let c = read(
        "reaction.txt",
        "Harbour Town 2-1 Millbridge\n\n\
         Head coach Alan Whitcombe and captain Joe Ruiz spoke to Mariners TV after the win.\n\n\
         ALAN WHITCOMBE\n\n\
         \"We earned it the hard way. Going a goal down after six minutes at home is not in the plan.\"\n\n\
         JOE RUIZ\n\n\
         \"That noise when Danny scored, I have not heard that here since the cup run.\"\n",
    );
    assert_eq!(
        quote_by(&c, "We earned it the hard way"),
        Some("Alan Whitcombe")
    );
    assert_eq!(
        quote_by(&c, "That noise when Danny scored"),
        Some("Joe Ruiz")
    );
}

/// Two artists interviewing each other, no interviewer, each turn under a first name in
/// capitals: a turn that asks ("Why did you want to turn my book into an opera? It's a novel
/// where almost nothing happens.") is the question of the other's answer after it, and an
/// answer's question is never carried on to the turns after it. The site's menus, set apart by
/// runs of spaces, are no title.
#[test]
fn people_interviewing_each_other_each_answer_the_others_question() {
    let c = load("in_conversation.txt");
    let article = &c.articles[0];
    assert!(
        article.source.title.starts_with("\"Nobody pushed back\""),
        "{}",
        article.source.title
    );
    let opera = answer(&c, "That's exactly why.");
    assert_eq!(opera.speaker.as_deref(), Some("Casimir Bright"));
    assert!(
        opera
            .question
            .as_deref()
            .is_some_and(|q| q.contains("Why did you want to turn my book into an opera?")),
        "{opera:?}"
    );
    let agnes = answer(&c, "No. I regret how long it took us");
    assert_eq!(agnes.speaker.as_deref(), Some("Casimir Bright"));
    assert!(
        agnes
            .question
            .as_deref()
            .is_some_and(|q| q.starts_with("Let me ask you about the grandmother.")),
        "{agnes:?}"
    );
    let surtitles = answer(&c, "Because it was in English");
    assert_eq!(surtitles.speaker.as_deref(), Some("Hester Okonjo-Lind"));
    assert!(
        surtitles
            .question
            .as_deref()
            .is_some_and(|q| q.contains("You refused to have surtitles")),
        "{surtitles:?}"
    );
    // Hester's remark after Casimir's answer answers no question of his.
    let remark = answer(&c, "I didn't know that until the dress rehearsal.");
    assert_eq!(remark.question, None);
    assert_gone(&c, &["Fiction | Poetry", "Sign in | Search"]);
}

/// A magazine interview scanned and read by OCR: lines wrapped at the column's width, the
/// running header on every page ("42 | THE GROWER | SPRING 2024" on the left, "THE GROWER |
/// SPRING 2024 | 43" on the right), page numbers, and an advertisement between the columns. A
/// question wrapped after a full stop stays one question; a question and an answer cut by a
/// page break read as one; the headline set over several short lines is one title.
#[test]
fn a_scanned_magazine_page_reads_across_its_wrapped_lines_and_page_breaks() {
    let c = load("ocr_magazine.txt");
    assert_eq!(
        c.articles[0].interviewee.as_deref(),
        Some("Rosalind Achterberg")
    );
    // The headline set in capitals over four short lines.
    assert_eq!(
        c.articles[0].source.title,
        "THE QUIET REVOLUTION AT LONG DROVE"
    );
    let leaving = answer(&c, "It wasn't a dramatic exit.");
    assert_eq!(
        leaving.question.as_deref(),
        Some("You spent fifteen years in insurance. What made you leave?")
    );
    let day = answer(&c, "Up at half four.");
    assert_eq!(
        day.question.as_deref(),
        Some("What does a typical day look like in high season?")
    );
    answer(
        &c,
        "I'm trialling a Sicilian chicory called Catalogna this winter",
    );
    assert_gone(&c, &["SEAL-TITE", "GROW24", "ADVERTISEMENT", "SPRING 2024"]);
}

/// A book site's "Ask the Author" page: readers' questions under "Sarah K. asked:" or
/// "Question from Tom", each with its likes, buttons and date, and the author's answers under
/// "Odalys Fenwick answered:" or her name alone. Questions nobody answered stay questions.
#[test]
fn an_ask_the_author_page_is_readers_questions_and_the_authors_answers() {
    let c = load("ask_the_author.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Odalys Fenwick"));
    let years = answer(&c, "It took me seven years");
    assert_eq!(years.speaker.as_deref(), Some("Odalys Fenwick"));
    assert!(
        years
            .question
            .as_deref()
            .is_some_and(|q| q.starts_with("How long did it take you to write?")),
        "{years:?}"
    );
    let tallow = answer(&c, "Mrs. Tallow, without question");
    assert_eq!(
        tallow.question.as_deref(),
        Some("Who is your favourite character to write??? Mine is obviously Mrs Tallow")
    );
    let routine = answer(&c, "Marcus, I feel this in my bones.");
    assert_eq!(routine.speaker.as_deref(), Some("Odalys Fenwick"));
    assert!(
        routine
            .question
            .as_deref()
            .is_some_and(|q| q.contains("Do you have a writing routine?")),
        "{routine:?}"
    );
    assert_gone(
        &c,
        &["likes · Like · Reply", "See all", "09:12AM", "answered:"],
    );
}

#[test]
fn a_fediverse_thread_is_the_hosts_answers_to_passers_by() {
    let c = load("fedi_thread.txt");
    assert_eq!(
        c.articles[0].interviewee.as_deref(),
        Some("Sunniva Kolbeck")
    );
    let engine = answer(&c, "Godot the whole way!");
    assert_eq!(engine.speaker.as_deref(), Some("Sunniva Kolbeck"));
    assert_eq!(
        engine.question.as_deref(),
        Some("what engine is it in? always been godot or did you switch at some point?")
    );
    // Asked without a question mark, and two fans answered at once.
    let ending = answer(&c, "Sorry about the train");
    assert!(
        ending
            .question
            .as_deref()
            .is_some_and(|q| q.starts_with("ok WHY does the Gardener leave")),
        "{ending:?}"
    );
    let easy = answer(&c, "Answering you both at once!");
    let asked = easy.question.as_deref().unwrap_or_default();
    assert!(asked.contains("any chance of an easier mode?"), "{easy:?}");
    assert!(
        asked.contains("achievements for no-death runs?"),
        "{easy:?}"
    );
    // The host's reply tags whom it answers: the vinyl question went unanswered.
    let team = answer(&c, "Three of us:");
    assert!(
        team.question
            .as_deref()
            .is_some_and(|q| q.starts_with("how big is the team")),
        "{team:?}"
    );
    assert_gone(
        &c,
        &[
            "🔁",
            "Show more",
            "Translate",
            "CW:",
            "boosted",
            "@tobiah Godot",
            "vinyl",
        ],
    );
}

#[test]
fn an_email_thread_is_the_inline_answers_without_headers_or_footers() {
    let c = load("email_thread.txt");
    assert_eq!(
        c.articles[0].interviewee.as_deref(),
        Some("Ottilie Marchbanks")
    );
    let start = answer(&c, "By accident, mostly.");
    assert_eq!(start.speaker.as_deref(), Some("Ottilie Marchbanks"));
    assert_eq!(
        start.question.as_deref(),
        Some(
            "How did you end up restoring fairground organs? It isn't exactly a careers-fair job."
        )
    );
    let cost = answer(&c, "Anywhere from about £14,000");
    assert_eq!(
        cost.question.as_deref(),
        Some("Practical one: what does a full restoration actually cost the owner?")
    );
    assert_gone(
        &c,
        &[
            "confidential and intended",
            "From:",
            "Subject:",
            "Sent from my phone",
        ],
    );
}

#[test]
fn a_translated_interview_is_the_interviewers_bars_and_the_guests_answers() {
    let c = load("fan_translation.txt");
    let rain = answer(&c, "I know, I know.");
    assert_eq!(rain.speaker.as_deref(), Some("Tsuchida Harue"));
    // A statement the interviewer puts to her is a question too.
    assert_eq!(
        rain.question.as_deref(),
        Some("Let's talk about that rain scene in Paper Sparrows episode 7. It's become something of a legend.")
    );
    let airing = answer(&c, "Thank you. It premieres on April 6th");
    assert!(airing.text().contains("twelve episodes."), "{airing:?}");
    assert_gone(
        &c,
        &["——", "：", "[TN", "*1", "lanternmoth", "Previous post"],
    );
}

#[test]
fn a_stream_transcript_keeps_chat_questions_apart_from_the_streamers_answers() {
    let c = load("stream_chat.txt");
    let saw = answer(&c, "Oh no. Oh, here we go.");
    assert_eq!(
        saw.question.as_deref(),
        Some("table saw worth it for a beginner?")
    );
    let wood = answer(&c, "Cherry. Hands down.");
    assert!(
        wood.question
            .as_deref()
            .is_some_and(|q| q.contains("favorite wood to work with?")),
        "{wood:?}"
    );
    // The guest who joins is another voice: her answers carry no earlier chat question.
    let mahogany = answer(&c, "Mahogany for the back and sides.");
    assert_ne!(mahogany.speaker, saw.speaker);
    assert!(
        !mahogany
            .question
            .as_deref()
            .is_some_and(|q| q.contains("table saw")),
        "{mahogany:?}"
    );
    assert_gone(&c, &["[chat]", "(00:"]);
}

#[test]
fn automatic_captions_name_the_guest_their_host_presents_in_lower_case() {
    let c = load("auto_captions.txt");
    assert_eq!(
        c.articles[0].interviewee.as_deref(),
        Some("Henrike Bassett")
    );
    // The host's welcome mentions the comment section; it is speech, not a call to comment.
    passage_with(&c, "sitting down with henrike bassett");
    passage_with(&c, "i was an air traffic controller");
    assert_gone(&c, &["[Music]", "<c>", "-->", "align:start"]);
}

#[test]
fn letters_written_to_each_side_in_turn_are_their_writers_turns() {
    let c = load("letters_correspondence.txt");
    let heron = answer(&c, "The name came from the varnish.");
    assert_eq!(heron.speaker.as_deref(), Some("Teodora Malkin"));
    assert!(
        heron
            .question
            .as_deref()
            .is_some_and(|q| q.contains("Where did the name come from?")),
        "{heron:?}"
    );
    // The editor's next letter is the next question, not more of this answer.
    assert!(
        !heron.answer.contains("Let me ask about wood."),
        "{heron:?}"
    );
    assert_gone(&c, &["Yours,", "Best,", "Dear Teodora", "Porto, 28 April"]);
    // "P.S. The varnish book: ..." is her postscript, not a speaker's label.
    assert!(
        c.quotes
            .iter()
            .all(|q| q.speaker.as_deref() == Some("Teodora Malkin")
                || q.speaker.as_deref() == Some("O.B.")),
        "{:#?}",
        c.quotes
    );
}

#[test]
fn a_webvtt_documentary_keeps_narration_lower_thirds_and_end_cards_out_of_answers() {
    let c = load("documentary_webvtt.txt");
    let stopped = answer(&c, "Eleven days.");
    assert_eq!(stopped.speaker.as_deref(), Some("Bertil Orme"));
    assert_gone(&c, &["AGNES PRUETT", "CLOCK KEEPER"]);
    let notebooks = answer(&c, "They go to the county record office");
    assert!(
        !notebooks.answer.contains("voted five to two"),
        "{notebooks:?}"
    );
    // The narrator's words are the film's prose, and close the exchange before them.
    let narration = passage_with(&c, "Bertil writes down every winding.");
    assert_eq!(narration.kind, PassageKind::Prose);
    let drift = answer(&c, "The date, the time I get here");
    assert_eq!(drift.question, None);
}

#[test]
fn a_bilingual_page_is_read_in_its_english_translation() {
    let c = load("bilingual_interview.txt");
    let puppets = answer(&c, "We made 143.");
    // "Barragán:" is the first of her two surnames.
    assert_eq!(puppets.speaker.as_deref(), Some("Itzel Barragán Orozco"));
    assert_eq!(
        puppets.question.as_deref(),
        Some("How many puppets are there in total?")
    );
    assert_gone(&c, &["Hicimos 143", "EN:", "¿Cuántas marionetas"]);
}

#[test]
fn a_news_script_credits_each_sound_bite_to_its_caption_and_keeps_the_narration_apart() {
    let c = load("tv_news_script.txt");
    assert_eq!(c.articles[0].source.title, "Lighthouse keeper retires");
    assert_eq!(
        c.articles[0].interviewee.as_deref(),
        Some("Rosalind Teague")
    );
    let stay = answer(&c, "Because a machine doesn't notice things.");
    assert_eq!(stay.speaker.as_deref(), Some("Rosalind Teague"));
    assert_eq!(
        stay.question.as_deref(),
        Some("Why stay, once the light didn't need you?")
    );
    // A bite after the narration answers no question the reporter asked someone else.
    let rescued = answer(&c, "Every time I come round the point");
    assert_eq!(rescued.speaker.as_deref(), Some("Deklan Fairweather"));
    assert_eq!(rescued.question, None);
    assert_eq!(
        passage_with(&c, "There are 114 steps to the top.").kind,
        PassageKind::Prose
    );
    assert_gone(
        &c,
        &["OUTCUE", "(SOT)", "[TC", "SLUG", "SUPER:", "PRODUCER NOTE"],
    );
}

#[test]
fn a_conversation_with_two_people_labelled_by_first_names_and_full_stops_credits_each() {
    let c = load("joint_interview.txt");
    let met = answer(&c, "At the shadow-theatre festival in Lindhaven");
    assert_eq!(met.speaker.as_deref(), Some("Grete Sandvold"));
    assert_eq!(met.question.as_deref(), Some("How did you two meet?"));
    // "LORCAN —" and "LORCAN." are the same person.
    let fixed = answer(&c, "I was the one who fixed it.");
    assert_eq!(fixed.speaker.as_deref(), Some("Lorcan Feeny"));
    let rent = answer(&c, "The harbour trust owns it.");
    assert_eq!(rent.speaker.as_deref(), Some("Lorcan Feeny"));
    assert_gone(&c, &["GRETE.", "LORCAN —", "LORCAN."]);
}

#[test]
fn a_messenger_export_with_messages_under_their_headers_pairs_each_question_with_its_reply() {
    let c = load("telegram_export.txt");
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Annelie Strobl"));
    let breed = answer(&c, "In our district it is mostly Belgian Malinois now");
    assert_eq!(breed.speaker.as_deref(), Some("Annelie Strobl"));
    assert_eq!(
        breed.question.as_deref(),
        Some("what breed do you use? always thought its all german shepherds")
    );
    // Addressed to her handle, with no question mark: still the question.
    let training = answer(&c, "About three years before a dog is operational");
    assert!(
        training
            .question
            .as_deref()
            .is_some_and(|q| q.contains("how long does it take to train")),
        "{:?}",
        training.question
    );
    assert_gone(&c, &["In reply to", "[Sticker", "[Photo]", "👍"]);
}

#[test]
fn a_book_excerpts_running_headers_with_page_numbers_go_and_the_sentences_they_cut_rejoin() {
    let c = load("book_excerpt.txt");
    let sound = answer(&c, "Like rain on a tin roof");
    assert!(
        sound
            .answer
            .contains("If it doesn't come, I know the kiln's too cold"),
        "{}",
        sound.answer
    );
    assert_eq!(
        sound.question.as_deref(),
        Some("What does it sound like, when the salt goes in?")
    );
    assert_gone(&c, &["CONVERSATIONS AT THE EDGE", "THE SALT YEARS   143"]);
}

#[test]
fn a_wiki_talk_page_reads_each_signed_comment_as_its_editors_turn() {
    let c = load("wiki_talk.txt");
    assert_eq!(c.articles[0].source.title, "Teodor Haugsland");
    // He signs as "Saltgrey Bridge" and says once who he is.
    assert_eq!(
        c.articles[0].interviewee.as_deref(),
        Some("Teodor Haugsland")
    );
    let lifeboats = answer(&c, "It was controversial, for about a week.");
    assert_eq!(lifeboats.speaker.as_deref(), Some("Teodor Haugsland"));
    assert_eq!(
        lifeboats.question.as_deref(),
        Some("Why did you not evacuate to the lifeboats?")
    );
    assert_eq!(
        passage_with(&c, "Lerholm in 2003").section.as_deref(),
        Some("Infobox photo is the wrong ship")
    );
    assert_gone(&c, &["(UTC)", "[[User", "{{", "(talk)", "''"]);
}

#[test]
fn text_messages_read_off_screenshots_pair_each_short_question_with_the_bubbles_under_it() {
    let c = load("text_screenshots_ocr.txt");
    // The headline names her; "Harbor of Small Gods" names no one.
    assert_eq!(c.articles[0].interviewee.as_deref(), Some("Ines Kowalczyk"));
    // Typed without its question mark: still the question.
    let playtests = answer(&c, "We logged something like 340 playtests over four years");
    assert_eq!(
        playtests.question.as_deref(),
        Some("how many playtests did it take")
    );
    assert_eq!(playtests.speaker.as_deref(), Some("Ines Kowalczyk"));
    // Bubbles without a full stop are her words, not captions.
    let solo = answer(&c, "It's in the box, always was");
    assert!(
        solo.answer.contains("steals oil from your lamps"),
        "{}",
        solo.answer
    );
    let art = answer(&c, "Yes, Tomasz painted him last");
    assert_eq!(
        art.question.as_deref(),
        Some("does the ferryman get his own art")
    );
    assert_gone(
        &c,
        &["Delivered", "Read 9:45 AM", "Today 9:41 AM", "< Messages"],
    );
}

#[test]
fn a_call_transcripts_name_and_role_lines_over_each_turn_label_the_turns() {
    let c = load("earnings_call_style.txt");
    let coop = answer(&c, "Ha, fair. It is happening");
    assert_eq!(coop.speaker.as_deref(), Some("Tomasz Wierzbicki"));
    assert!(
        coop.question
            .as_deref()
            .is_some_and(|q| q.contains("Is co-op actually happening")),
        "{:?}",
        coop.question
    );
    let crunch = answer(&c, "Sure. We moved the 1.0 date once");
    assert_eq!(crunch.speaker.as_deref(), Some("Dana Whitcombe"));
    assert_gone(
        &c,
        &["[Operator Instructions]", "-----", "Co-Founder and Chief"],
    );
}

#[test]
fn a_mailing_lists_digest_reads_as_one_conversation_with_the_quoted_questions_over_the_replies() {
    let c = load("mailing_list_digest.txt");
    assert_eq!(c.articles[0].source.title, "Odessa Q&A - round two");
    assert_eq!(
        c.articles[0].interviewee.as_deref(),
        Some("Odessa Pembrook")
    );
    let ending = answer(&c, "Yes. The Quiet Cartographers ends at issue 40");
    assert_eq!(ending.speaker.as_deref(), Some("Odessa Pembrook"));
    assert_eq!(
        ending.question.as_deref(),
        Some("Is there an actual ending planned or does it just keep going?")
    );
    // Quoted under the reply that answers it, though the moderator's message asked it first.
    let blank = answer(&c, "Not a printing error, I promise");
    assert!(
        blank
            .question
            .as_deref()
            .is_some_and(|q| q.starts_with("Why is Wren's map completely blank")),
        "{:?}",
        blank.question
    );
    // A fan quoting her answer back is no second answer of hers.
    let tamsin = answer(&c, "Okay I am not crying at my desk");
    assert_eq!(tamsin.speaker.as_deref(), Some("Tamsin Oyelaran"));
    assert_gone(
        &c,
        &[
            "Message-ID",
            "Content-Type",
            "Today's Topics",
            "mailing list submissions",
            "(I read everything, I answer slowly)",
        ],
    );
}

#[test]
fn an_e_readers_highlights_read_under_the_books_title_without_the_readers_own_notes() {
    let c = load("kindle_highlights.txt");
    assert_eq!(
        c.articles[0].source.title,
        "The Long Margin: Conversations with Perpetua Lindqvist"
    );
    let ledger = answer(&c, "Six years, and two publishers.");
    assert_eq!(ledger.speaker.as_deref(), Some("Perpetua Lindqvist"));
    assert_eq!(
        ledger.question.as_deref(),
        Some("The Salt Ledger took you six years. Most publishers would have given up on you.")
    );
    // The reader's notes are no part of the book, and the export's lines go.
    assert_gone(
        &c,
        &[
            "Your Highlight",
            "Location 41-44",
            "==========",
            "so THAT's where all the bread",
            "ask Marta if she's read the Vaz",
            "(Achterberg, Daniel)",
        ],
    );
}

#[test]
fn minutes_pair_each_question_from_the_floor_with_the_answer_reported_under_it() {
    let c = load("meeting_minutes_qa.txt");
    assert_eq!(
        c.articles[0].source.title,
        "Minutes of the February Author Evening"
    );
    let took = answer(&c, "Ms. Castellanos said the book took seven years");
    assert_eq!(
        took.question.as_deref(),
        Some("Why did the novel take so long to write?")
    );
    // An asker named with their society in the parenthesis.
    let flood = answer(&c, "Ms. Castellanos said she spent two winters");
    assert_eq!(
        flood.question.as_deref(),
        Some("How had she got the flood details so accurate, down to the colour of the water?")
    );
    // The report is the secretary's; what it quotes is the author's, by her title and surname.
    assert_eq!(quote_by(&c, "Finish the bad draft."), Some("Castellanos"));
    assert!(c
        .quotes
        .iter()
        .all(|q| !q.text.starts_with("Ms. Castellanos said")));
    // The meeting's date and time is no chat message's header over the whole page.
    assert_gone(&c, &["2026,: PRESENT"]);
}

#[test]
fn a_speakers_initial_and_name_label_one_speaker() {
    let c = load("crowdfunding_update.txt");
    let pledge = answer(&c, "No. The pledge price stays the same.");
    assert_eq!(pledge.speaker.as_deref(), Some("Dmitri Vasko"));
    assert_eq!(
        pledge.question.as_deref(),
        Some("and does that change what people pay?")
    );
    let tests = answer(&c, "We're at 412 logged playtests.");
    assert_eq!(tests.speaker.as_deref(), Some("Dmitri Vasko"));
    assert_eq!(
        tests.question.as_deref(),
        Some("How much testing has the game actually had at this point?")
    );
}

#[test]
fn a_blogs_bold_questions_pair_with_answers_that_end_on_a_question() {
    let c = load("recipe_blog_interview.txt");
    let source = &c.articles[0].source;
    assert_eq!(
        source.title,
        "A Chat with Odalys Quinn, Author of The Ember Pantry (Plus Her Charred Leek Galette!)"
    );
    assert_eq!(source.outlet.as_deref(), Some("The Crooked Spoon"));
    // The answer ends on what her partner asked ("you know this is a book, right?").
    let start = answer(&c, "It started with a broken oven, honestly.");
    assert_eq!(
        start.question.as_deref(),
        Some("So, how did The Ember Pantry actually start?")
    );
    let grew_up = answer(&c, "Very much. My grandmother Rosalind");
    assert_eq!(
        grew_up.question.as_deref(),
        Some("Was cooking with fire something you grew up with?")
    );
    // The blogger's thanks closes the interview: the recipe card is not the last answer.
    let next = answer(&c, "I'm working on a second book about fermentation");
    assert!(!next.answer.contains("Huge thanks"), "{}", next.answer);
    assert!(
        !next.answer.contains("all-purpose flour"),
        "{}",
        next.answer
    );
    assert_gone(&c, &["Search this website"]);
}

#[test]
fn a_programmes_hyphen_labels_are_turns_and_its_cast_list_is_kept() {
    let c = load("theatre_programme.txt");
    let badly = answer(&c, "Badly, for the first week.");
    assert_eq!(badly.speaker.as_deref(), Some("Tomas Reyes-Lindqvist"));
    assert_eq!(
        badly.question.as_deref(),
        Some("Tomas, Arthur barely speaks in the first act. How do you play a man who won't talk?")
    );
    assert!(!badly.answer.contains("TOMAS"), "{}", badly.answer);
    // The rows with dot leaders are facts, not captions to drop.
    let cast = passage_with(&c, "DELLA PENHALE: Hana Okafor.");
    assert!(cast
        .answer
        .contains("ARTHUR PENHALE: Tomas Reyes-Lindqvist."));
    passage_with(&c, "Director: Mira Sandoval.");
}

#[test]
fn a_journals_name_citation_and_running_head_stay_out_of_the_title_and_sections() {
    let c = load("journal_interview.txt");
    let source = &c.articles[0].source;
    assert_eq!(
        source.title,
        "In Conversation: Ilse Varnhagen on Translating Edvīns Rauda's Salt Ledger"
    );
    assert_eq!(
        source.outlet.as_deref(),
        Some("Translation & Memory: A Journal of Literary Exchange")
    );
    assert_gone(&c, &["TRANSLATION & MEMORY 14.2"]);
    let punctuation = answer(&c, "Entirely deliberate");
    assert_eq!(punctuation.speaker.as_deref(), Some("Ilse Varnhagen"));
}

#[test]
fn a_wire_story_is_dated_by_its_time_stamp_and_credits_people_by_the_names_it_uses() {
    let c = load("wire_story.txt");
    assert_eq!(c.articles[0].source.date.as_deref(), Some("2024-03-03"));
    // "Caldeira, 58, told reporters": the first of her two surnames is what the report calls
    // her; "Conductor Mirela Sandu" is the conductor Mirela Sandu.
    assert_eq!(
        quote_by(&c, "I wrote this for the people who carried salt"),
        Some("Ines Caldeira Mott")
    );
    assert_eq!(
        quote_by(&c, "Every minute is earned."),
        Some("Mirela Sandu")
    );
}

#[test]
fn a_headline_over_its_byline_is_the_title_not_a_turn() {
    let c = load("crowdfunding_update.txt");
    assert_eq!(
        c.articles[0].source.title,
        "Hollow Orchard: A Cooperative Harvest Game"
    );
    assert!(
        c.passages
            .iter()
            .all(|p| p.speaker.as_deref() != Some("Hollow Orchard")),
        "the title was read as a turn"
    );
}

#[test]
fn a_questionnaires_candidates_answer_in_turn_under_numbered_questions_and_their_cards_are_facts() {
    let c = load("candidate_questionnaire.txt");
    // "◆ Vance: ..." is Teodora Vance's turn, found by the surname her card gives in full.
    let grants = answer(&c, "I've sat on the grants panel for four years");
    assert_eq!(grants.speaker.as_deref(), Some("Teodora Vance"));
    assert_eq!(
        grants.question.as_deref(),
        Some("What would you change about the festival grant process?")
    );
    let jury = answer(&c, "I want to see a community jury.");
    assert_eq!(jury.speaker.as_deref(), Some("Priyanka Solano-Reyes"));
    // The note that someone gave no answer is nobody's words, and names the one person the
    // answer before it is not by.
    assert!(!jury.answer.contains("did not respond"), "{}", jury.answer);
    // A numbered prompt with no question mark is the question still.
    let mural = answer(&c, "The \"Tide Ledger\" mural");
    assert_eq!(
        mural.question.as_deref(),
        Some("Name one local work of art that changed how you see Corriston.")
    );
    // Each candidate's card is a fact box of its own, the name first.
    let card = passage_with(&c, "Desmond Achterberg. Age: 62.");
    assert!(
        card.answer
            .contains("Occupation: Retired high-school drama teacher."),
        "{}",
        card.answer
    );
}

#[test]
fn a_workshops_floor_questions_are_questions_and_its_boxes_are_facts_or_forms() {
    let c = load("masterclass_writeup.txt");
    // "Audience member (in the blue apron):" and "Q from the livestream chat (@handle):" ask.
    let freeze = answer(&c, "Freeze it in ice-cube trays");
    assert_eq!(
        freeze.question.as_deref(),
        Some("Can you freeze the broth?")
    );
    let gluten = answer(&c, "Tell her session four in April");
    assert_eq!(gluten.speaker.as_deref(), Some("Odile Marchetti-Hale"));
    assert!(gluten
        .question
        .as_deref()
        .is_some_and(|q| q.starts_with("Will there be a gluten-free session?")));
    // The box of ticket facts is kept under its heading; the sign-up form goes.
    let tickets = passage_with(&c, "Saturday 23 March, 10am to 4pm");
    assert_eq!(
        tickets.section.as_deref(),
        Some("TICKETS FOR THE NEXT SESSION")
    );
    assert_gone(&c, &["Your email address", "Subscribe"]);
}
