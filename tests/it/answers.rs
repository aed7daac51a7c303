//! Answer quality: the evaluation sets scored in-process the way `score.py` scores the binary
//! (`interview_bot::eval`), and odd input through the real binary's `--json` output.

use serde_json::Value;

use interview_bot::eval::MAX_CHARS;

fn run(args: &[&str]) -> Value {
    let out = crate::support::stdout_of(crate::support::bin().args(args));
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?} printed no JSON ({e}): {out}"))
}

/// The evaluation sets (tests/fixtures/eval/), gated at floors a little under what the engine
/// scores today, so a change that loses answers fails here. `interview-bot eval` prints the
/// same figures per kind, with ablations.
mod sets {
    use std::path::{Path, PathBuf};

    use interview_bot::config::Config;
    use interview_bot::eval::{evaluate, load_cases, render, Report};
    use interview_bot::search::Engine;

    use crate::support::{real_model as model, root};

    fn engine(seeds: &Path, model: Option<PathBuf>) -> Engine {
        let mut config = Config::load(Some(&root().join("config"))).expect("config");
        config.seeds_dir = seeds.to_path_buf();
        config.model_dir = model;
        interview_bot::app::build_engine(config).expect("engine")
    }

    /// The seeds plus the articles of `extra`, in a folder of their own.
    fn seeds_and(extra: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for folder in [root().join("seeds"), root().join(extra)] {
            for entry in std::fs::read_dir(folder).expect("articles") {
                let path = entry.expect("entry").path();
                if path.extension().is_some_and(|e| e == "txt") {
                    let name = path.file_name().expect("file name");
                    std::fs::copy(&path, dir.path().join(name)).expect("copy");
                }
            }
        }
        dir
    }

    fn score(engine: &Engine, set: &str) -> Report {
        let path = root().join("tests/fixtures/eval").join(set);
        let cases = load_cases(&path).expect("cases");
        let report = evaluate(engine, &cases, |case, outcome| {
            if !outcome.passed {
                eprintln!(
                    "FAIL {} [{}] {:?}: {}",
                    case.id,
                    case.kind(),
                    case.query,
                    outcome.shown
                );
            }
        });
        eprint!("{}", render(set, &report));
        report
    }

    fn at_least(report: &Report, set: &str, floor: usize) {
        assert!(
            report.passed >= floor,
            "{set}: {} of {} passed, the floor is {floor}",
            report.passed,
            report.total
        );
    }

    #[test]
    fn questions_on_the_seeds_are_answered_by_words_alone() {
        let engine = engine(&root().join("seeds"), None);
        let dev = score(&engine, "dev.jsonl");
        at_least(&dev, "dev", 23);
        assert_eq!(
            dev.declined_right, dev.should_decline,
            "dev: off-topic answered"
        );
        at_least(&score(&engine, "dev2.jsonl"), "dev2", 21);
        at_least(&score(&engine, "paraphrase.jsonl"), "paraphrase", 23);
        at_least(&score(&engine, "own_casual.jsonl"), "own_casual", 8);
        at_least(&score(&engine, "own_quotes.jsonl"), "own_quotes", 22);
        at_least(&score(&engine, "own_casual2.jsonl"), "own_casual2", 19);
        at_least(&score(&engine, "own_casual3.jsonl"), "own_casual3", 26);
        at_least(&score(&engine, "own_casual4.jsonl"), "own_casual4", 23);
        at_least(&score(&engine, "own_casual5.jsonl"), "own_casual5", 20);
        at_least(&score(&engine, "own_casual6.jsonl"), "own_casual6", 39);
        at_least(&score(&engine, "own_casual7.jsonl"), "own_casual7", 34);
        at_least(&score(&engine, "own_casual8.jsonl"), "own_casual8", 24);
        at_least(&score(&engine, "own_casual9.jsonl"), "own_casual9", 22);
        at_least(&score(&engine, "own_casual10.jsonl"), "own_casual10", 21);
    }

    #[test]
    fn questions_on_the_seeds_are_answered_with_the_model() {
        let Some(model) = model() else { return };
        let engine = engine(&root().join("seeds"), Some(model));
        let dev = score(&engine, "dev.jsonl");
        at_least(&dev, "dev", 23);
        assert_eq!(
            dev.declined_right, dev.should_decline,
            "dev: off-topic answered"
        );
        let dev2 = score(&engine, "dev2.jsonl");
        at_least(&dev2, "dev2", 33);
        // Near misses declined, answerable questions not.
        assert!(
            dev2.declined_right >= 6,
            "dev2: {} of 10 declined",
            dev2.declined_right
        );
        assert!(
            dev2.declined_wrong <= 3,
            "dev2: {} answerable declined",
            dev2.declined_wrong
        );
        at_least(&score(&engine, "dev2-odd.jsonl"), "dev2 odd", 18);
        at_least(&score(&engine, "dev2-even.jsonl"), "dev2 even", 15);
        at_least(&score(&engine, "paraphrase.jsonl"), "paraphrase", 26);
        at_least(&score(&engine, "own_casual.jsonl"), "own_casual", 10);
        at_least(&score(&engine, "own_quotes.jsonl"), "own_quotes", 26);
        at_least(&score(&engine, "own_casual2.jsonl"), "own_casual2", 22);
        at_least(&score(&engine, "own_casual3.jsonl"), "own_casual3", 31);
        at_least(&score(&engine, "own_casual4.jsonl"), "own_casual4", 27);
        at_least(&score(&engine, "own_casual5.jsonl"), "own_casual5", 26);
        at_least(&score(&engine, "own_casual6.jsonl"), "own_casual6", 56);
        at_least(&score(&engine, "own_casual7.jsonl"), "own_casual7", 44);
        at_least(&score(&engine, "own_casual8.jsonl"), "own_casual8", 28);
        at_least(&score(&engine, "own_casual9.jsonl"), "own_casual9", 24);
        at_least(&score(&engine, "own_casual10.jsonl"), "own_casual10", 27);
    }

    /// The seeds under other file names, so config's article entries (title, interviewee)
    /// miss them: what a new article about the same people gets, all from its own text.
    #[test]
    fn seeds_config_has_no_entry_for_are_answered_as_well() {
        let dir = tempfile::tempdir().expect("temp dir");
        for entry in std::fs::read_dir(root().join("seeds")).expect("seeds") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("file name");
            std::fs::copy(&path, dir.path().join(format!("unlisted_{name}"))).expect("copy");
        }
        gate_both_modes(
            dir.path(),
            &[("dev2.jsonl", 22, 33), ("own_quotes.jsonl", 22, 26)],
        );
    }

    #[test]
    fn a_rebuilt_engine_reuses_the_loaded_model() {
        let Some(dir) = model() else { return };
        let mut config = Config::load(Some(&root().join("config"))).expect("config");
        config.model_dir = Some(dir);
        let model = interview_bot::app::load_model_for(&config)
            .expect("model loads")
            .expect("a model is configured");
        let first = interview_bot::app::build_engine_with(config.clone(), Some(model.clone()))
            .expect("engine");
        // What a reload does: a second engine from the same, already loaded, model.
        let second =
            interview_bot::app::build_engine_with(config, Some(model.clone())).expect("engine");
        assert_eq!(
            std::sync::Arc::strong_count(&model.embedder),
            3,
            "both engines hold the one loaded model"
        );
        assert_eq!(first.model_name(), second.model_name());
    }

    #[test]
    fn articles_in_new_layouts_are_answered() {
        let corpus = seeds_and("tests/fixtures/eval/articles");
        gate_both_modes(corpus.path(), &[("dev_articles.jsonl", 17, 23)]);
    }

    /// Our own casual questions on our own articles in new layouts (the parsing tests' ones).
    #[test]
    fn articles_in_our_own_layouts_are_answered() {
        let corpus = seeds_and("tests/fixtures/layouts");
        gate_both_modes(corpus.path(), &[("own_layouts.jsonl", 656, 707)]);
    }

    /// Each `(set, words-only floor, model floor)` scored over `articles` by words alone, then,
    /// when the model is present, with it.
    fn gate_both_modes(articles: &Path, sets: &[(&str, usize, usize)]) {
        let words = engine(articles, None);
        for &(set, floor, _) in sets {
            at_least(&score(&words, set), &format!("{set}, words"), floor);
        }
        let Some(model) = model() else { return };
        let both = engine(articles, Some(model));
        for &(set, _, floor) in sets {
            at_least(&score(&both, set), &format!("{set}, model"), floor);
        }
    }
}

#[test]
fn odd_questions_get_an_ordinary_reply() {
    let long = "why ".repeat(1500);
    for q in [
        "",
        "   ",
        "title:(AND\"",
        "*",
        "~",
        "🦀🎬❤️",
        "@everyone what about <@&123>?",
        "the of and to a in",
        long.as_str(),
    ] {
        for command in ["ask", "quote"] {
            let reply = run(&[command, q, "--json", "--no-model"]);
            assert!(reply["answered"].is_boolean(), "{command} {q:?}: {reply}");
            for r in reply["results"].as_array().into_iter().flatten() {
                assert!(r["text"]
                    .as_str()
                    .is_some_and(|t| t.chars().count() <= MAX_CHARS));
            }
        }
    }
}

#[test]
fn off_topic_questions_are_not_answered_and_suggest_questions() {
    let reply = run(&[
        "ask",
        "What is the recipe for sourdough bread?",
        "--json",
        "--no-model",
    ]);
    assert_eq!(reply["answered"], false);
    let suggestions = reply["suggestions"].as_array().cloned().unwrap_or_default();
    assert!(!suggestions.is_empty() && suggestions.len() <= 3, "{reply}");
}

/// A question that names what an article is about ("the captain in Tidewater Lane") is
/// answered by the exchange that answers it, not by the introduction, which alone repeats the
/// show's name. (Our own small articles, in a fan-site layout the shared sets do not use.)
#[test]
fn naming_the_show_an_interview_is_about_does_not_rank_its_introduction_first() {
    // Added to the seeds, as users add articles.
    let dir = crate::support::seeds_copy();
    std::fs::write(
        dir.path().join("fansite.txt"),
        "TIDEWATER LANE: the creator answers your questions\n\n\
         This week our readers put their questions to Imre Valcourt, who is based in Rennes \
         and created Tidewater Lane, the ferry drama set on a tidal island off the Breton \
         coast. Tidewater Lane returns for a second series in May.\n\n\
         Q: How did you write the captain? She is terrifying.\n\n\
         A: With my aunt in mind. She ran a harbour office for thirty years and never \
         raised her voice once.\n\n\
         Q: Was that a real place?\n\n\
         A: Mostly. We shot on two islands and a car park in Saint-Malo, and stitched them \
         together in the edit.\n",
    )
    .expect("write article");
    let engine = engine_by_words(dir.path());
    assert_top_answers(
        &engine,
        &[
            ("who was the captain in tidewater lane based on", "my aunt"),
            ("was the island in tidewater lane real", "Saint-Malo"),
        ],
    );
}

/// A news report has no introduction before its exchanges, but its first paragraph names what
/// the whole report is about, and the later paragraphs seldom repeat it: a question naming it
/// ("the skerry head lamp") is answered by the paragraph that answers it, not by the lede for
/// the name alone. Our own small report, in words only.
#[test]
fn naming_what_a_reports_first_paragraph_is_about_does_not_rank_it_first() {
    let dir = crate::support::seeds_copy();
    std::fs::copy(
        crate::support::root().join("tests/fixtures/layouts/regional_news.txt"),
        dir.path().join("regional_news.txt"),
    )
    .expect("copy article");
    let engine = engine_by_words(dir.path());
    assert_top_answers(
        &engine,
        &[(
            "how long did the skerry head lamp take to restore",
            "two years to restore",
        )],
    );
}

/// An account in one person's own words never names them: the writer's standfirst does
/// ("The actor Owen Hale on ..."). A question naming them is answered by what they said, which
/// is theirs in every sentence, not by the standfirst for the name alone. Our own small
/// article, in words only.
#[test]
fn naming_whoever_tells_an_account_finds_what_they_said() {
    let dir = crate::support::seeds_copy();
    std::fs::copy(
        crate::support::root().join("tests/fixtures/layouts/as_told_to.txt"),
        dir.path().join("as_told_to.txt"),
    )
    .expect("copy article");
    let engine = engine_by_words(dir.path());
    assert_top_answers(
        &engine,
        &[
            (
                "how did owen hale get letters to his mother",
                "rowed them across",
            ),
            ("owen hale letters to his mum", "rowed them across"),
            // Only the words of one sentence, and the name of who says it.
            (
                "what did owen hale do with his letters",
                "rowed them across",
            ),
        ],
    );
}

/// Where several people answer the same questions (a candidates' questionnaire), a question
/// naming one of them wants their answer, not a neighbour's that shares its words; the cards
/// introducing all of them do not count as naming each one. Our own small article, in words
/// only.
#[test]
fn naming_one_of_several_people_who_answer_finds_their_answer() {
    let dir = crate::support::seeds_copy();
    std::fs::copy(
        crate::support::root().join("tests/fixtures/layouts/candidate_questionnaire.txt"),
        dir.path().join("candidate_questionnaire.txt"),
    )
    .expect("copy article");
    let engine = engine_by_words(dir.path());
    assert_top_answers(
        &engine,
        &[
            (
                "what would callum do w the palisade theatre",
                "Restore it, but don't freeze it in 1926.",
            ),
            (
                "what does desmond think should happen to the palisade",
                "I directed eleven school productions on that stage",
            ),
        ],
    );
}

/// "Which X ... Y" asks for the X that goes with Y. A passage naming some other X (a list of
/// episodes, a fact box) does not answer it, while one naming an X with Y does, even when the
/// article says "bought" and the question "buy" (WordNet's irregular verb forms). Our own
/// small article, a production diary, in words only so the rule is what decides.
#[test]
fn a_which_question_wants_the_one_that_goes_with_the_rest_of_it() {
    use interview_bot::search::AskQuery;

    let dir = crate::support::seeds_copy();
    std::fs::write(
        dir.path().join("diary.txt"),
        "Production diary: Copperhead Row, week nine\n\n\
         By Ilse Marwick\n\n\
         The Copperhead Row crew wrapped the flood sequence on Tuesday. The tallest set on \
         the lot, the clock tower, was finished for episode four.\n\n\
         For the market scenes the designers bought a Victorian carousel from a fairground \
         in Kent, and had it restored by hand.\n\n\
         The horses in the chase were trained by a family in Wexford who have supplied film \
         sets for three generations.\n",
    )
    .expect("write article");
    let config = crate::support::words_config(dir.path());
    assert!(
        config
            .lexicon()
            .synonyms
            .iter()
            .any(|g| g.iter().any(|w| w == "bought")),
        "no WordNet file with its verb forms: run scripts/fetch-wordnet.sh (scripts/test.sh does)"
    );
    let engine = interview_bot::app::build_engine(config).expect("engine");
    let ask = |question| {
        engine.ask(&AskQuery {
            question,
            history: &[],
            limit: 3,
        })
    };
    let chase = ask("which episode of copperhead row has the horse chase");
    assert!(
        chase.results.is_empty(),
        "answered by {:?}",
        chase.results.first().map(|h| &h.text)
    );
    let carousel = ask("which carousel did copperhead row buy");
    let top = carousel.results.first().map(|h| h.text.as_str());
    assert!(
        top.is_some_and(|t| t.contains("Victorian carousel")),
        "answered by {top:?}"
    );
}

/// A count is asked for in the reader's word and stated in the article's: "kids" is WordNet's
/// synonym of "child", and the article writes "children", an irregular form no stemmer joins
/// to it (WordNet's noun forms). Without the form the passage, which counts children and
/// nothing else, was taken for a near miss. Our own small article, a club's newsletter, in
/// words only so the count check is what decides.
#[test]
fn a_count_asked_in_a_synonym_finds_its_irregular_form() {
    use interview_bot::search::AskQuery;

    let dir = crate::support::seeds_copy();
    std::fs::write(
        dir.path().join("newsletter.txt"),
        "Harbour Swim Club newsletter, spring\n\n\
         Coach Odile Brand retires in May after twenty-two years at the club.\n\n\
         In that time she taught more than three thousand children to swim, most of them in \
         the old outdoor pool before the roof went on.\n\n\
         The club's two teeth-chattering winter galas were her idea too.\n",
    )
    .expect("write article");
    let config = crate::support::words_config(dir.path());
    assert!(
        config
            .lexicon()
            .forms
            .iter()
            .any(|(form, lemma)| form == "children" && lemma == "child"),
        "no WordNet file with its noun forms: run scripts/fetch-wordnet.sh (scripts/test.sh does)"
    );
    let engine = interview_bot::app::build_engine(config).expect("engine");
    let answer = engine.ask(&AskQuery {
        question: "how many kids did odile brand teach to swim",
        history: &[],
        limit: 3,
    });
    let top = answer.results.first().map(|h| h.text.as_str());
    assert!(
        top.is_some_and(|t| t.contains("three thousand children")),
        "answered by {top:?}"
    );
}

/// Asked "how old were you when...", a guest gives the age as a bare number ("Sixty-two."),
/// which no pattern for an age ("aged 62", "at 62") finds: the interviewer's question says
/// what the number is. Our own small Q&A, in words only so the age check is what decides.
#[test]
fn an_age_given_as_a_bare_number_answers_how_old() {
    use interview_bot::search::AskQuery;

    let dir = crate::support::seeds_copy();
    std::fs::write(
        dir.path().join("bookshop.txt"),
        "Five questions for a late starter: Marguerite Olsson\n\n\
         Marguerite Olsson opened Lantern Books on the quay after a career in shipping \
         insurance.\n\n\
         How old were you when you opened the shop?\n\n\
         Sixty-two. My husband said I had lost my mind, and then he started doing the \
         accounts.\n\n\
         What sells best?\n\n\
         Maps. People on holiday buy a map of where they already are.\n",
    )
    .expect("write article");
    let engine =
        interview_bot::app::build_engine(crate::support::words_config(dir.path())).expect("engine");
    let answer = engine.ask(&AskQuery {
        question: "how old was marguerite when she opened the bookshop",
        history: &[],
        limit: 3,
    });
    let top = answer.results.first().map(|h| h.text.as_str());
    assert!(
        top.is_some_and(|t| t.contains("\n\nSixty-two. My husband")),
        "answered by {top:?}"
    );
}

/// Fans ask for an actor's words by the character's name. In our own small set report, an
/// actor speaks about her character's future and about her coat (saying the name twice), and
/// a co-star's quote names the character too: a topic naming the character finds the actor,
/// and, with the actor asked for, the name no longer pulls toward the quote that says it. In
/// words only, so the cast credit is what decides.
#[test]
fn a_quote_topic_naming_a_character_finds_the_actors_words() {
    use interview_bot::search::QuoteQuery;

    let dir = crate::support::seeds_copy();
    std::fs::write(
        dir.path().join("setvisit.txt"),
        "On the set of Marrow Creek\n\n\
         By Ines Calder\n\n\
         Hollis Brandt, who plays the deputy Wren Ostrow, and Dara Quill, who plays the \
         sheriff Abel Lusk, spent a cold week filming on a frozen lake for the western's \
         second series.\n\n\
         THE SEASON AHEAD\n\n\
         Brandt would not give much away about the new series. \"She is learning to lie and \
         she is bad at it,\" she said. \"Every lie costs her a friend.\"\n\n\
         ON THE LAKE\n\n\
         Quill was less guarded. \"Wren keeps stealing Abel's coffee, and Wren is right to, \
         because Wren has been up all night,\" he said.\n\n\
         THE COSTUMES\n\n\
         Brandt loves the deputy's coat. \"Wren would sleep in that coat if they let her,\" \
         she said. \"Wren is Wren.\"\n",
    )
    .expect("write article");
    let engine = engine_by_words(dir.path());
    let quote = |speaker| {
        let answer = engine.quote(&QuoteQuery {
            topic: "where wren is going this series",
            speaker,
            limit: 3,
        });
        answer.results.into_iter().next()
    };
    let top = quote(None);
    assert_eq!(
        top.as_ref().and_then(|h| h.speaker.as_deref()),
        Some("Hollis Brandt"),
        "{top:?}"
    );
    let top = quote(Some("brandt"));
    assert!(
        top.as_ref()
            .is_some_and(|h| h.text.contains("learning to lie")),
        "{top:?}"
    );
}

/// A quote topic that names a season ("planning harbour lights s3") is answered by words about
/// that season, not by a quote about another one that shares more of its words ("We planned
/// season two..."), as `ask` treats passages. Here the whole report is one passage naming both
/// seasons, so the quote itself decides. Our own small article (a news report), words only.
#[test]
fn a_quote_topic_naming_a_season_is_not_answered_about_another() {
    let dir = crate::support::seeds_copy();
    std::fs::write(
        dir.path().join("harbour.txt"),
        "Harbour Lights renewed for a third season\n\n\
         By Cass Morrow\n\n\
         The fishing-town drama Harbour Lights will return for a third season, its showrunner \
         Dana Pryce confirmed on Tuesday.\n\n\
         \"Season three is the storm we kept promising, and this time it reaches the town,\" \
         Pryce said.\n\n\
         Pryce was candid about how the second season came together. \"We planned season two \
         around the boats we could borrow, and we planned every scene at the quay twice,\" she \
         said.\n",
    )
    .expect("write article");
    let engine = engine_by_words(dir.path());
    assert_top_quotes(
        &engine,
        &[
            (
                "how they're planning harbour lights s3",
                "storm we kept promising",
                "Dana Pryce",
            ),
            (
                "how they planned harbour lights s2",
                "boats we could borrow",
                "Dana Pryce",
            ),
        ],
    );
}

/// A question about a role's actor ("does the actress who plays wren ride") or about someone by
/// name is answered in that person's own words, not by the passage that only names the role.
#[test]
fn a_question_about_a_roles_actor_is_answered_in_their_words() {
    let dir = crate::support::seeds_copy();
    std::fs::write(
        dir.path().join("setvisit.txt"),
        "On the set of Marrow Creek\n\n\
         By Ines Calder\n\n\
         Hollis Brandt, who plays the deputy Wren Ostrow, and Dara Quill, who plays the \
         sheriff Abel Lusk, spent a cold week riding horses across a frozen lake for the \
         western's second series.\n\n\
         THE HORSES\n\n\
         Asked about the horses, Quill admitted he is terrified of them. \"I ride a wooden \
         barrel on a crane for the close-ups,\" he said.\n\n\
         THE RANCH\n\n\
         Brandt grew up on a ranch. \"I was riding before I could walk, so the stunt team \
         mostly let me get on with it,\" she said.\n",
    )
    .expect("write article");
    let engine = engine_by_words(dir.path());
    assert_top_answers(
        &engine,
        &[
            (
                "does the actress who plays wren actually ride",
                "riding before I could walk",
            ),
            ("can the guy who plays abel ride a horse", "wooden barrel"),
            ("does quill ride the horses himself", "wooden barrel"),
        ],
    );
}

/// In a news report one paragraph often quotes several people, each led in by a sentence that
/// says what the quote is about ("Petra Lind, who runs it, spent the winter rebuilding the
/// hall's roof."), while the quote itself does not. A topic in the lead-in's words finds the quote it
/// leads into, not its neighbour's in the same passage. Our own small report, with the model.
#[test]
fn a_quote_is_found_by_the_sentence_that_leads_into_it() {
    let Some(model) = crate::support::real_model() else {
        return;
    };
    let dir = crate::support::seeds_copy();
    std::fs::write(
        dir.path().join("honey.txt"),
        "Honey fair returns to Ashby\n\n\
         By Lina Marsh\n\n\
         The Ashby honey fair returns this weekend after a two-year break. Petra Lind, who \
         runs it, spent the winter rebuilding the roof of the old market hall with volunteers. \
         \"We had forty people on ladders in January, and not one of them fell off,\" Lind \
         said. Aron Malle, a beekeeper, has entered the best-jar contest every year since 1998. \
         \"I have lost every single time, and I will lose again on Saturday,\" he said.\n",
    )
    .expect("write article");
    let engine = engine_with_model(dir.path(), model);
    assert_top_quotes(
        &engine,
        &[
            (
                "repairing the market hall",
                "forty people on ladders",
                "Petra Lind",
            ),
            (
                "the jar competition",
                "lost every single time",
                "Aron Malle",
            ),
        ],
    );
}

/// A quote topic led by a quoted person's name ("lind on the fair") asks for that person's
/// words on the rest, even where another person's quote says more of the topic's words; a
/// word that is only part of a name ("lin" of "Lind") leads nothing. Our own small report,
/// words only.
#[test]
fn a_quote_topic_led_by_a_name_asks_for_their_words() {
    let dir = crate::support::seeds_copy();
    std::fs::write(
        dir.path().join("fair.txt"),
        "Honey fair returns to Ashby\n\n\
         By Lina Marsh\n\n\
         The Ashby honey fair returns this weekend after a two-year break.\n\n\
         \"The fair is the best weekend of the year, and the fair pays for the hall,\" said \
         Aron Malle, a beekeeper.\n\n\
         \"We had forty volunteers on ladders fixing the roof in January,\" said Petra Lind, \
         who runs the fair.\n",
    )
    .expect("write article");
    let engine = engine_by_words(dir.path());
    assert_top_quotes(
        &engine,
        &[
            ("petra lind on the fair", "forty volunteers", "Petra Lind"),
            ("the fair", "best weekend of the year", "Aron Malle"),
            // "lin" is in "Lind", but is not her name.
            ("lin on the fair", "best weekend of the year", "Aron Malle"),
            // One slip in a name is a typo; two in a five-letter word are another word.
            (
                "aaron on the roof",
                "best weekend of the year",
                "Aron Malle",
            ),
            (
                "petal on the fair",
                "best weekend of the year",
                "Aron Malle",
            ),
        ],
    );
}

/// A question naming an article that asks what it never says ("who wrote the score for glass
/// ferry") is declined, though every passage of that article names it: a passage
/// that shares only the article's name with the question needs the model's full resemblance.
#[test]
fn a_question_sharing_only_an_articles_name_with_it_is_declined() {
    let Some(model) = crate::support::real_model() else {
        return;
    };
    let dir = crate::support::seeds_copy();
    std::fs::write(
        dir.path().join("ferry.txt"),
        "THE GLASS FERRY - Press Notes\n\n\
         PIET ALDER (Captain Roos): Roos has run the same crossing for thirty years and \
         has stopped looking at the water.\n\n\
         JUNO MARSH (Elsie): Elsie is the stowaway. She hides in the lifeboat for the whole \
         first act, which meant I spent a week under a tarpaulin.\n\n\
         PIET ALDER (Captain Roos): We shot on a working ferry between real sailings, so \
         every take had a timetable.\n\n\
         JUNO MARSH (Elsie): The sea was kind to us, apart from one morning I would rather \
         forget.\n\n\
         The Glass Ferry opens in cinemas on 5 May.\n",
    )
    .expect("write article");
    let engine = engine_with_model(dir.path(), model);
    let ask = |question| ask_alone(&engine, question);
    for question in [
        "who wrote the score for glass ferry",
        "is glass ferry based on a book",
    ] {
        let answer = ask(question);
        assert!(
            !answer.answered,
            "{question:?}: {:?}",
            answer.results.first()
        );
    }
    let answer = ask("when does the glass ferry come out");
    assert!(
        answer
            .results
            .first()
            .is_some_and(|h| h.text.contains("opens in cinemas")),
        "{:?}",
        answer.results.first()
    );
}

/// A title names what a question asks about with all its words: "Orchard" in "Glass Orchard"
/// does not name "the iron orchard", so an answer from one film's interview is not given for a
/// question about the other. Our own two small articles (a roundtable, an encyclopedia entry),
/// in words only so the rule decides.
#[test]
fn a_word_of_another_title_does_not_name_what_is_asked_about() {
    let dir = crate::support::seeds_copy();
    std::fs::write(
        dir.path().join("glass.txt"),
        "Glass Orchard roundtable: the cast on frost, ladders and long nights\n\n\
         By Petra Lind\n\n\
         Hester Vane and Tomas Aurelio talked to us the morning after the premiere of Glass \
         Orchard.\n\n\
         Q: Where did you film the orchard scenes?\n\n\
         VANE: In a hangar outside Leipzig. The trees were real, in pots, and they hated the \
         heating.\n\n\
         Q: How long was the shoot?\n\n\
         AURELIO: Nine weeks, most of it at night.\n",
    )
    .expect("write article");
    std::fs::write(
        dir.path().join("iron.txt"),
        "The Iron Orchard (film)\n\n\
         The Iron Orchard is a 2023 drama film directed by Selma Ruud, about a widowed cider \
         maker.\n\n\
         Filming took place over six weeks on a working farm near Hereford, where the crew \
         planted two hundred young apple trees.\n\n\
         It premiered at a festival in Edinburgh and opened in cinemas in October.\n",
    )
    .expect("write article");
    let engine = engine_by_words(dir.path());
    assert_top_answers(
        &engine,
        &[
            ("where was glass orchard filmed", "hangar outside Leipzig"),
            ("where was the iron orchard filmed", "near Hereford"),
        ],
    );
    let answer = ask_alone(&engine, "how long was the iron orchard shoot");
    let top = answer.results.first().map(|h| h.text.as_str());
    assert!(
        !top.is_some_and(|t| t.contains("Nine weeks")),
        "answered from the other film's interview: {top:?}"
    );
}

/// "How long" asks for a span of time, not any number: "how long did it take to make the
/// bowls" is answered by "Five months", not by how many bowls there were; "how long is the
/// table" by its length. Our own small Q&A, in words only so the rule decides.
#[test]
fn a_how_long_question_is_answered_by_a_span() {
    let dir = crate::support::seeds_copy();
    std::fs::write(
        dir.path().join("kiln.txt"),
        "Fired up: a potter on making 900 bowls for a film\n\n\
         Words by Ana Ribeiro · 12 June 2025\n\n\
         The potter Hollis Brae made every bowl in The Long Table. We met at her studio.\n\n\
         How many bowls did you make?\n\n\
         Nine hundred and twelve, and we broke about forty in the first week of filming.\n\n\
         How long did all that take you?\n\n\
         Five months at the wheel, six days a week. My shoulders still remind me.\n\n\
         How long is the table itself?\n\n\
         Eleven metres. It is one piece of oak and it took eight people to carry it in.\n\n\
         Did you go to the set?\n\n\
         Three times. The first time I cried because the light was so beautiful.\n",
    )
    .expect("write article");
    let engine = engine_by_words(dir.path());
    assert_top_answers(
        &engine,
        &[
            ("how long did it take to make the bowls", "Five months"),
            ("how many bowls did hollis brae make", "Nine hundred"),
            ("how long is the table in the long table", "Eleven metres"),
        ],
    );
}

/// "What was X called" asks for a name where X is spoken of: "a show called Puddle Street"
/// answers it; a passage about her dog that never names it does not, nor does the writer's
/// introduction naming her new film. Our own interview (`layouts/child_star.txt`), in words
/// only so the rule decides.
#[test]
fn a_question_asking_what_something_is_called_wants_its_name() {
    let dir = seeds_and_layouts(&["child_star.txt"]);
    let engine = engine_by_words(dir.path());
    assert_top_answers(
        &engine,
        &[(
            "what was the name of the kids show with the unicycle",
            "called Puddle Street",
        )],
    );
    assert_declined(
        &engine,
        &[
            "what was maisie quell's dog called",
            "what's the name of the ice rink comedy",
        ],
    );
}

/// "What hospital did she end up in", "who's her husband": articles that never use the word
/// (nor a synonym of it) name no hospital and no husband, so the bot declines rather than give
/// the passage about her fall; "which hotel" and "who is her agent", which the article names,
/// are still answered. Our own small Q&A, in words only so the rule decides.
#[test]
fn a_question_after_a_thing_the_articles_never_mention_is_declined() {
    let dir = crate::support::seeds_copy();
    std::fs::write(
        dir.path().join("recovery.txt"),
        "Back on her feet: the stunt rider on the fall that stopped a film\n\n\
         By Tomas Herrera · 3 May 2025\n\n\
         The stunt rider Noor Valentin broke her collarbone on the second day of shooting \
         Dust Road. She is back in the saddle.\n\n\
         What happened on the day?\n\n\
         The horse stopped at the jump and I didn't. I landed on my shoulder and heard it go. \
         They drove me to the nearest town and I was in a cast by the evening.\n\n\
         Where did the crew stay while you healed?\n\n\
         At the Ridgeway Hotel, a mile from the set. I spent six weeks on its terrace with a \
         sling and a lot of crossword puzzles.\n\n\
         Who is your agent now?\n\n\
         My agent is Pilar Osei. She found me this job and she found me the next one.\n",
    )
    .expect("write article");
    let engine = engine_by_words(dir.path());
    assert_top_answers(
        &engine,
        &[
            ("which hotel did the crew stay at", "Ridgeway Hotel"),
            ("who is noor's agent", "Pilar Osei"),
        ],
    );
    assert_declined(
        &engine,
        &[
            "what hospital did noor end up in",
            "whos noor valentins husband",
            "what car does noor drive",
        ],
    );
}

/// A title a question names ("the salt choir") is a name like a person's: a passage of
/// another article that does not name it cannot answer, so "who plays the lead in the salt
/// choir" is declined (that interview names no cast) rather than answered with the lead of
/// *Saltmarsh*, whose title only begins with one of its words. Our own two small articles, in
/// words only so the rule decides.
#[test]
fn a_title_the_question_names_keeps_the_answer_to_its_own_article() {
    let dir = crate::support::seeds_copy();
    std::fs::write(
        dir.path().join("choir.txt"),
        "The Salt Choir: a director on filming the sea\n\n\
         By Hana Lee · 6 October 2024\n\n\
         Ines Moreau directed The Salt Choir, a film about a choir of fishermen.\n\n\
         Why fishermen?\n\n\
         My grandfather sang with them every Sunday. I wanted to hear those voices again.\n\n\
         Where did you shoot?\n\n\
         In a harbour village in Brittany, over fifty days.\n",
    )
    .expect("write article");
    std::fs::write(
        dir.path().join("saltmarsh.txt"),
        "Five things we learned from the Saltmarsh cast\n\n\
         By Rob Tanner · 2 March 2025\n\n\
         The cast of the smuggling drama Saltmarsh met fans on Saturday.\n\n\
         1. The lead was a late choice. Oona Vale, who plays the lead, smuggler Kit Fenn, was \
         cast a week before filming began.\n\n\
         2. The boats are real. Every boat in the series still works the estuary.\n",
    )
    .expect("write article");
    let engine = engine_by_words(dir.path());
    assert_top_answers(
        &engine,
        &[
            (
                "where did they shoot the salt choir",
                "harbour village in Brittany",
            ),
            ("who plays the lead in saltmarsh", "Oona Vale"),
        ],
    );
    let answer = ask_alone(&engine, "who plays the lead in the salt choir");
    assert!(!answer.answered, "{:?}", answer.results.first());
}

/// A date or a count belongs to what its clause names. "Brightwater returns on 2 May, and
/// Kestrel follows later" dates Brightwater, not Kestrel: asked when Kestrel comes out, the bot
/// answers with the passage that dates Kestrel, and declines when none does, rather than giving
/// Brightwater's date. A date with no name beside it ("It arrives in June") still answers. Our
/// own small article (a listings page), in words only so the rule decides.
#[test]
fn a_date_or_a_count_answers_only_for_what_its_clause_names() {
    let dir = crate::support::seeds_copy();
    std::fs::write(
        dir.path().join("listings.txt"),
        "Coming soon: the autumn schedule\n\n\
         Brightwater returns for a third run on 2 May, and Kestrel is expected to follow \
         later, the channel said.\n\n\
         Kestrel, the courtroom drama from Ines Haldane, now premieres on 14 October after \
         a rewrite of its final episode.\n\n\
         And Lantern Row? It arrives in June, with the original cast.\n\n\
         Marigold finished filming in March, while Halcyon Street is still casting its \
         lead.\n\n\
         Brightwater runs to eight episodes this time, while Kestrel has not said how long \
         its run will be.\n",
    )
    .expect("write article");
    let engine = engine_by_words(dir.path());
    assert_top_answers(
        &engine,
        &[
            ("when does kestrel come out", "14 October"),
            ("when is lantern row out", "arrives in June"),
            ("when did marigold wrap", "finished filming in March"),
            ("brightwater ep count?", "eight episodes"),
        ],
    );
    // Neither date nor count is said of these; the one beside them is another show's.
    assert_declined(
        &engine,
        &[
            "when does halcyon street start filming",
            "how many eps does kestrel have",
        ],
    );
}

/// A date or a count the best passage states about something else does not answer "when" or
/// "how many": "What's next for you? Less cinema, more radio: ... We start recording in
/// October" does not say when the film comes out in cinemas, though the passage shares a word
/// with the question and is close enough to it as a whole. In an exchange a
/// bare count answers what the interviewer asked ("How many singers did you film?" /
/// "Thirty-one"). Our own small article (a podcast transcript), with the model, which measures
/// how much the sentence stating the fact resembles the question.
#[test]
fn a_date_or_a_count_about_something_else_does_not_answer() {
    let Some(model) = crate::support::real_model() else {
        return;
    };
    let dir = crate::support::seeds_copy();
    std::fs::write(
        dir.path().join("between_takes.txt"),
        "Between Takes, episode 41: Sunniva Holt on Ice Road Choir\n\n\
         HOST: Sunniva, your documentary follows a choir that rehearses on a frozen lake. How \
         many singers did you film?\n\n\
         SUNNIVA HOLT: Thirty-one, in the end. Two dropped out when the ice got thin.\n\n\
         HOST: What was the hardest day?\n\n\
         SUNNIVA HOLT: The blizzard. We lost the sound and recorded the hymn again the next \
         morning.\n\n\
         HOST: Last one. What's next for you?\n\n\
         SUNNIVA HOLT: Less cinema, more radio: a series about lighthouse keepers. We start \
         recording in October.\n",
    )
    .expect("write article");
    let engine = engine_with_model(dir.path(), model);
    let ask = |question| ask_alone(&engine, question);
    let answer = ask("when does ice road choir come out in cinemas");
    assert!(!answer.answered, "{:?}", answer.results.first());
    for (question, expected) in [
        ("how many singers are in ice road choir", "Thirty-one"),
        (
            "when does sunniva start recording the lighthouse show",
            "October",
        ),
    ] {
        let answer = ask(question);
        let top = answer.results.first().map(|h| h.text.as_str());
        assert!(
            answer.answered && top.is_some_and(|t| t.contains(expected)),
            "{question:?} answered by {top:?}"
        );
    }
}

/// "Who plays Colm" is answered by the recap's cast credit ("Colm Tull (Dev Okonjo)"), not by
/// the interview answers that say more about Colm. Our own trade-paper Q&A, words only.
#[test]
fn a_casting_question_is_answered_by_the_cast_credit() {
    let dir = seeds_and_layouts(&["trade_recap_qa.txt"]);
    let engine = engine_by_words(dir.path());
    assert_top_answers(
        &engine,
        &[
            ("who plays colm", "Colm Tull (Dev Okonjo)"),
            (
                "whos the actress behind agnes",
                "Agnes Tull (Rosalind Marsh)",
            ),
        ],
    );
}

/// "Where did they record the choir" asks for a place: the passage saying where ("in an empty
/// swimming pool in Budapest") goes before the one that says why a choir was recorded in a
/// cathedral without the question's "where". Two of our own layouts, with the model.
#[test]
fn a_where_question_is_answered_by_a_passage_naming_a_place() {
    let Some(model) = crate::support::real_model() else {
        return;
    };
    let dir = seeds_and_layouts(&["stage_chat_log.txt", "markdown_interview.txt"]);
    let engine = engine_with_model(dir.path(), model);
    assert_top_answers(
        &engine,
        &[("where did they record the choir", "empty swimming pool")],
    );
}

/// A quote topic of two content words typed as a phrase ("why quiet people are scary") is
/// placed by the model, not by the quote that shares its keyword ("make a haunted house
/// scary"). Two of our own layouts, with the model.
#[test]
fn a_quote_topic_typed_as_a_phrase_is_read_as_one() {
    let Some(model) = crate::support::real_model() else {
        return;
    };
    let dir = seeds_and_layouts(&["ama_thread.txt", "listicle.txt"]);
    let engine = engine_with_model(dir.path(), model);
    let answer = engine.quote(&interview_bot::search::QuoteQuery {
        topic: "why quiet people are scary",
        speaker: None,
        limit: 3,
    });
    let top = answer.results.first();
    assert!(
        top.is_some_and(|h| h
            .text
            .contains("The scariest people I know are the quiet ones")
            && h.speaker.as_deref() == Some("Bertil Okonkwo-Lund")),
        "{top:?}"
    );
}

/// A copy of the seeds with some of our own layout fixtures (`tests/fixtures/layouts/`).
fn seeds_and_layouts(names: &[&str]) -> tempfile::TempDir {
    let dir = crate::support::seeds_copy();
    for name in names {
        std::fs::copy(
            crate::support::root()
                .join("tests/fixtures/layouts")
                .join(name),
            dir.path().join(name),
        )
        .expect("copy article");
    }
    dir
}

/// A season-two interview of our own ("Tidewater"), in an unlabelled Q&A, for the tests of
/// what a question asks for below.
const TIDEWATER: &str = "Tidewater season two: showrunner Mira Fenn on the finale\n\
     \n\
     By Hana Lee · 4 May 2025\n\
     \n\
     In a long call, showrunner Mira Fenn talked about the pilot, the weather on the coast, the new cast and having female directors for every episode of the season.\n\
     \n\
     Marek came back for one episode this season, as a voice in Nell's head. Why did you bring him back?\n\
     \n\
     Marek never really leaves her, and bringing Marek back as a voice was the only honest way to show it. It has to drive Nell's story, or it just feels dropped in. It was the same with the storm: we had known since season one how it would end.\n\
     \n\
     How much of the season did you improvise?\n\
     \n\
     Much of the dinner scene was improvised. The rest stayed close to the page.\n\
     \n\
     Where did you find the story of Nell's mother?\n\
     \n\
     The direction we wanted to take Nell in was her origin story, so her mother was the obvious place to start.\n\
     \n\
     When did you hear about the second season?\n\
     \n\
     At the Critics' Circle gala in London, the night the first season won its prize.\n\
     \n\
     Who else returns in season two?\n\
     \n\
     Everyone you met in season two's first episode stays, even Marek's sister, who we thought had left the coast for good.\n";

/// A words-only engine over the seeds, TIDEWATER and `more` articles (file name, text); the
/// folder is kept alive beside it.
fn tidewater_by_words(more: &[(&str, &str)]) -> (tempfile::TempDir, interview_bot::search::Engine) {
    let mut articles = vec![("tidewater.txt", TIDEWATER)];
    articles.extend_from_slice(more);
    seeds_and_by_words(&articles)
}

/// The seeds and `articles` (file name, text), read by words alone.
fn seeds_and_by_words(
    articles: &[(&str, &str)],
) -> (tempfile::TempDir, interview_bot::search::Engine) {
    let dir = crate::support::seeds_copy();
    for (name, text) in articles {
        std::fs::write(dir.path().join(name), text).expect("write article");
    }
    let engine = engine_by_words(dir.path());
    (dir, engine)
}

/// "How much of" asks for a share of a whole, which "much of the dinner scene" gives though
/// it counts nothing; the question is answered rather than declined for want of a number.
#[test]
fn a_how_much_of_question_is_answered_by_a_share() {
    let (_dir, engine) = tidewater_by_words(&[]);
    assert_top_answers(
        &engine,
        &[(
            "how much of tidewater was improvised",
            "Much of the dinner scene",
        )],
    );
}

/// "Who directed" is answered by a name standing by the credit. Neither "the direction we
/// wanted to take Nell in" nor a long sentence naming the showrunner and, far on, "female
/// directors" says who directed the pilot.
#[test]
fn a_credit_is_held_only_by_a_name_beside_it() {
    let (_dir, engine) = tidewater_by_words(&[]);
    assert_declined(&engine, &["who directed the tidewater pilot"]);
}

/// An answer in a season-two interview that mentions season one in passing, away from where
/// it matches the question, is still about season two: "is marek back in season 2" is
/// answered by the exchange about bringing him back, not by another that names season two.
#[test]
fn an_answer_looking_back_at_another_season_still_answers_for_its_own() {
    let (_dir, engine) = tidewater_by_words(&[]);
    assert_top_answers(
        &engine,
        &[(
            "is marek back in season 2",
            "bringing Marek back as a voice",
        )],
    );
}

/// "Where was it filmed" is answered where the article speaks of filming, in its words or a
/// synonym's ("we shot the whole thing in Whitby"), and declined for an article that never
/// does, however many places it names ("the Critics' Circle gala in London").
#[test]
fn where_something_was_filmed_needs_a_passage_about_filming() {
    let (_dir, engine) = tidewater_by_words(&[(
        "harbour.txt",
        "Harbour Lights: Owen Hale on the coast and the cold\n\
     \n\
     By Rob Tanner · 2 March 2025\n\
     \n\
     Where did you shoot the series?\n\
     \n\
     We shot the whole thing in Whitby, in the middle of winter. My hands never warmed up.\n\
     \n\
     What was the hardest scene for you?\n\
     \n\
     The night swim in episode three. I still dream about that water.\n",
    )]);
    assert_top_answers(&engine, &[("where was harbour lights filmed", "in Whitby")]);
    assert_declined(&engine, &["where did they film tidewater"]);
}

/// An engine over `articles` with the project's config, ranking by words alone.
fn engine_by_words(articles: &std::path::Path) -> interview_bot::search::Engine {
    interview_bot::app::build_engine(crate::support::words_config(articles)).expect("engine")
}

/// An engine over `articles` with the project's config and the real model in `model`.
fn engine_with_model(
    articles: &std::path::Path,
    model: std::path::PathBuf,
) -> interview_bot::search::Engine {
    let mut config =
        interview_bot::config::Config::load(Some(&crate::support::root().join("config")))
            .expect("config");
    config.seeds_dir = articles.to_path_buf();
    config.model_dir = Some(model);
    interview_bot::app::build_engine(config).expect("engine")
}

/// `question` asked with no conversation before it.
fn ask_alone(
    engine: &interview_bot::search::Engine,
    question: &str,
) -> interview_bot::search::Answer {
    engine.ask(&interview_bot::search::AskQuery {
        question,
        history: &[],
        limit: 3,
    })
}

/// A quote topic that says who did what it is about ("what lars was going for with the
/// music") asks for that person's own words, though another's quote about them says more of
/// the topic's words ("Lars found the loneliness I couldn't film"). Our own production notes,
/// words only.
#[test]
fn a_quote_topic_about_what_someone_did_prefers_their_own_words() {
    let dir = seeds_and_layouts(&["production_notes.txt"]);
    let engine = engine_by_words(dir.path());
    assert_top_quotes(
        &engine,
        &[
            (
                "what lars was going for with the music",
                "sound like the road",
                "Lars Holm",
            ),
            (
                "how kaminska got ready for the part",
                "tiredness to be real",
                "Dorota Kaminska",
            ),
        ],
    );
}

/// A speaker typed as the handle people copy from a thread ("lenavarga", "@lena_varga")
/// is the quoted person whose full name it spells.
#[test]
fn a_speaker_typed_as_a_handle_is_the_person_it_spells() {
    let (_dir, engine) = tidewater_by_words(&[(
        "synth.txt",
        "Lena Varga on building the Marlin synth\n\n\
         By Rob Tanner · 2 March 2025\n\n\
         Why did you write the audio engine in Rust?\n\n\
         LENA VARGA: Mostly fear of myself. In C++ I kept allocating on the audio thread \
         without noticing.\n\n\
         Who tests it?\n\n\
         LENA VARGA: A few thousand musicians, whether they know it or not.\n",
    )]);
    for typed in ["lenavarga", "@lena_varga"] {
        let answer = engine.quote(&interview_bot::search::QuoteQuery {
            topic: "rust",
            speaker: Some(typed),
            limit: 3,
        });
        let top = answer.results.first();
        assert!(
            top.is_some_and(|h| h.text.contains("Mostly fear of myself")
                && h.speaker.as_deref() == Some("Lena Varga")),
            "{typed:?}: {top:?}"
        );
    }
}

/// A first name two quoted people share ("Tomasz") may mean either: the one whose words are
/// about the topic answers.
#[test]
fn a_first_name_two_speakers_share_finds_whichever_spoke_of_the_topic() {
    let (_dir, engine) = tidewater_by_words(&[
        (
            "wren.txt",
            "Tomasz Wren on the harbour film\n\nBy Rob Tanner · 2 March 2025\n\n\
             How was the shoot?\n\n\
             TOMASZ WREN: Cold. We filmed on the harbour wall every night for a month.\n\n\
             And the boats?\n\n\
             TOMASZ WREN: The boats were borrowed from fishermen who wanted them back by dawn.\n",
        ),
        (
            "wierzbicki.txt",
            "Tomasz Wierzbicki on writing\n\nBy Ana Ruiz · 3 March 2025\n\n\
             When do you write?\n\n\
             TOMASZ WIERZBICKI: From five until eight in the morning. Afternoon sentences are \
             always too pleased with themselves.\n\n\
             Who translated the novel?\n\n\
             TOMASZ WIERZBICKI: Antonia Lloyd-Jones, who asked me four hundred questions.\n",
        ),
    ]);
    for (topic, expected, who) in [
        ("afternoon", "Afternoon sentences", "Tomasz Wierzbicki"),
        ("boats", "borrowed from fishermen", "Tomasz Wren"),
    ] {
        let answer = engine.quote(&interview_bot::search::QuoteQuery {
            topic,
            speaker: Some("tomasz"),
            limit: 3,
        });
        let top = answer.results.first();
        assert!(
            top.is_some_and(|h| h.text.contains(expected) && h.speaker.as_deref() == Some(who)),
            "{topic:?}: {top:?}"
        );
    }
}

/// Each question's top answer (words only, no history) holds its expected text.
/// Each `(topic, expected, speaker)`: the first quote for the topic, with no speaker asked
/// for, holds `expected` and is credited to `speaker`.
fn assert_top_quotes(engine: &interview_bot::search::Engine, cases: &[(&str, &str, &str)]) {
    for &(topic, expected, who) in cases {
        let answer = engine.quote(&interview_bot::search::QuoteQuery {
            topic,
            speaker: None,
            limit: 3,
        });
        let top = answer.results.first();
        assert!(
            top.is_some_and(|h| h.text.contains(expected) && h.speaker.as_deref() == Some(who)),
            "{topic:?}: {top:?}"
        );
    }
}

/// Each question, asked alone, is declined.
fn assert_declined(engine: &interview_bot::search::Engine, questions: &[&str]) {
    for &question in questions {
        let answer = ask_alone(engine, question);
        assert!(
            !answer.answered,
            "{question:?}: {:?}",
            answer.results.first()
        );
    }
}

fn assert_top_answers(engine: &interview_bot::search::Engine, cases: &[(&str, &str)]) {
    for &(question, expected) in cases {
        let answer = ask_alone(engine, question);
        let top = answer.results.first().map(|h| h.text.as_str());
        assert!(
            top.is_some_and(|t| t.contains(expected)),
            "{question:?} answered by {top:?}"
        );
    }
}

/// Every passage of an interview about a film is about that film, whether or not it names it:
/// "where was the glass orchard filmed" is answered by the director's "we filmed on an old
/// apple farm", which does not name the film, rather than by another article's report that
/// names it three times and says nothing of filming.
#[test]
fn a_passage_is_about_what_its_article_is_about_named_or_not() {
    let dir = crate::support::seeds_copy();
    for (name, text) in [
        (
            "orchard.txt",
            "Lena Brandt on The Glass Orchard\n\n\
             By Rob Tanner · 2 March 2025\n\n\
             Lena Brandt wrote and directed The Glass Orchard, which opens in May.\n\n\
             Where did you film?\n\n\
             Mostly in Tasmania. We filmed on an old apple farm near Hobart for seven weeks.\n\n\
             Who plays the mother?\n\n\
             Ada Price. I wrote the part for her years ago.\n",
        ),
        (
            "poll.txt",
            "The Glass Orchard tops festival poll\n\n\
             By Sam Hale · 4 April 2025\n\n\
             The Glass Orchard won the audience award at the Harbour festival on Sunday, the \
             first Glass Orchard prize of the season. Festival director Noor Haddad said The \
             Glass Orchard had been the most requested ticket of the week.\n\n\
             The festival also gave its jury prize to a documentary about lighthouse keepers, \
             and its comedy award to a story about a lost dog.\n",
        ),
    ] {
        std::fs::write(dir.path().join(name), text).expect("write article");
    }
    let engine = engine_by_words(dir.path());
    assert_top_answers(
        &engine,
        &[("where was the glass orchard filmed", "Mostly in Tasmania")],
    );
}

/// "How many viewers" is answered by a number of viewers, not by any number near the show's
/// name: an eight-part drama that led the charts for three weeks counts episodes and weeks.
#[test]
fn a_how_many_question_needs_a_number_of_what_it_counts() {
    let (_dir, engine) = tidewater_by_words(&[(
        "salt.txt",
        "The Salt Road: Ines Achterberg on smugglers\n\n\
         By Rob Tanner · 2 March 2025\n\n\
         The Salt Road, an eight-part drama about salt smugglers, has been the most-watched \
         series on Northway for three weeks running. Some viewers found the drowning \
         scene too much.\n\n\
         You wrote the novel first?\n\n\
         I wrote the novel in 2019, and it sold about four thousand copies, which is a \
         respectable failure.\n\n\
         Will there be a second season?\n\n\
         The story ends where it ends. I will not stretch it.\n",
    )]);
    assert_top_answers(
        &engine,
        &[(
            "how many copies did the salt road book sell",
            "I wrote the novel",
        )],
    );
    assert_declined(&engine, &["how many viewers did the salt road get"]);
}

#[test]
fn a_count_counts_the_thing_next_to_it() {
    let (_dir, engine) = tidewater_by_words(&[(
        "salt.txt",
        "The Salt Road renewed\n\n\
         By Rob Tanner · 2 March 2025\n\n\
         Northway will bring The Salt Road back for a second season in 2026, after the \
         finale airs in a couple of weeks.\n\n\
         The first season was shot in 11 weeks on the Dutch coast.\n",
    )]);
    assert_top_answers(
        &engine,
        &[(
            "how many weeks did the salt road shoot for",
            "shot in 11 weeks",
        )],
    );
    assert_declined(&engine, &["how many seasons of the salt road are there"]);
}

/// "We make four hundred on a Friday" counts the pasties the sentence before named: a count
/// may leave its noun out, but only one with no noun of its own counts across sentences.
#[test]
fn a_count_may_leave_its_noun_to_the_sentence_before() {
    let (_dir, engine) = tidewater_by_words(&[(
        "bakery.txt",
        "A night at Lantern Bakery\n\n\
         By Rob Tanner · 2 March 2025\n\n\
         What sells best at Lantern Bakery?\n\n\
         DINAH PARK: The cheese and onion pasty, by miles. We make four hundred on a Friday.\n\n\
         Who bakes the bread at Lantern Bakery?\n\n\
         DINAH PARK: I bake the rye myself. Three of us run the ovens until six.\n",
    )]);
    assert_top_answers(
        &engine,
        &[(
            "how many pasties does lantern bakery make",
            "four hundred on a Friday",
        )],
    );
    assert_declined(
        &engine,
        &["how many loaves of rye does lantern bakery bake"],
    );
}

/// A count answers "how many" in whichever sentence counts what is asked, not only in the
/// one most like the question: "Expect three or four dozen plums" is the passage's last
/// sentence, far from "you will get plums". A count of something else answers nothing.
#[test]
fn a_count_may_stand_anywhere_in_the_answer() {
    let (_dir, engine) = tidewater_by_words(&[(
        "plums.txt",
        "Ask Ada: plums in pots\n\n\
         By Rob Tanner · 2 March 2025\n\n\
         Can I grow plums in a pot on a roof terrace?\n\n\
         ADA WELL: You can, and you will get plums from a dwarf tree in a pot. Pick a big \
         pot, because the wind up there is not kind. Feed it every fortnight in summer. Move \
         it against a wall in winter. Water it well in a dry spell. Expect three or four \
         dozen plums in a good year.\n\n\
         What should I plant under it?\n\n\
         ADA WELL: Thyme, mostly. It likes the same neglect the tree does.\n",
    )]);
    assert_top_answers(
        &engine,
        &[("how many plums will i get", "three or four dozen plums")],
    );
    assert_declined(&engine, &["how many trees can i fit"]);
}

/// "According to Fenn" says whose view is asked, not what the passage must speak of: the
/// answer covers the question without the word "according".
#[test]
fn according_to_says_who_not_what_about() {
    let (_dir, engine) = seeds_and_by_words(&[(
        "orchard.txt",
        "Mira Fenn on The Glass Orchard\n\n\
         By Rob Tanner · 2 March 2025\n\n\
         Mira Fenn made her first series in a cold winter on the coast. She spoke to us by \
         phone from her kitchen.\n\n\
         When is The Glass Orchard at its best?\n\n\
         MIRA FENN: It is at its best when it is quiet, when two people sit in a kitchen and \
         say nothing for a whole page.\n\n\
         What was your best day?\n\n\
         MIRA FENN: The best day was the last one, when the snow came.\n\n\
         According to Fenn, the shoot ran long and cold, and the crew slept in a barn for \
         most of the winter.\n",
    )]);
    let explained = engine.explain(&interview_bot::search::AskQuery {
        question: "when is the glass orchard at its best according to fenn",
        history: &[],
        limit: 3,
    });
    let coverage_of = |start: &str| {
        explained["candidates"]
            .as_array()
            .and_then(|c| {
                c.iter()
                    .find(|c| c["text"].as_str().is_some_and(|t| t.starts_with(start)))
            })
            .and_then(|c| c["features"]["coverage"].as_f64())
            .unwrap_or_else(|| panic!("no candidate starts {start:?}: {explained}"))
    };
    let answer = coverage_of("When is The Glass Orchard");
    let aside = coverage_of("According to Fenn");
    assert!(
        answer > aside,
        "the answer covers {answer}, the passage saying \"according to\" {aside}"
    );
}

/// "What song did they play at the wrap party" asks for a song: the passage that has one
/// beats the one that only speaks of the party, though that one matches more of the words.
#[test]
fn a_what_x_question_prefers_the_passage_that_speaks_of_an_x() {
    let (_dir, engine) = seeds_and_by_words(&[(
        "wrap.txt",
        "Noor Valentin on the last night of Dust Road\n\n\
         By Tomas Herrera · 3 May 2025\n\n\
         The stunt rider Noor Valentin finished Dust Road in June. We spoke about the end of \
         the shoot.\n\n\
         What was the wrap party like?\n\n\
         NOOR VALENTIN: It was in the barn, and everyone danced at the party until the lights \
         went out and the cows complained.\n\n\
         What did you do on the last night?\n\n\
         NOOR VALENTIN: Late on, after the wrap, we had an old song, Blue Harbour, on the piano \
         until dawn.\n",
    )]);
    assert_top_answers(
        &engine,
        &[("what song did they play at the wrap party", "Blue Harbour")],
    );
}

/// A follow-up is read with the answer the reader was shown, not a rougher one: "when does
/// glasswing come out" is answered by the sentence that dates Glasswing (the first one to
/// name it only says it follows later), so "who's in it?" goes on from there.
#[test]
fn a_follow_up_goes_on_from_the_answer_the_reader_was_shown() {
    let dir = seeds_and_layouts(&["release_roundup.txt"]);
    let engine = engine_by_words(dir.path());
    let history = ["when does glasswing come out".to_string()];
    let answer = engine.ask(&interview_bot::search::AskQuery {
        question: "who's in it?",
        history: &history,
        limit: 1,
    });
    let text = answer.results.first().map(|r| r.text.as_str());
    assert!(
        text.is_some_and(|t| t.contains("Tomas Reyes")),
        "\"who's in it?\" after {history:?} answered by {text:?}"
    );
}

/// A nickname the article gives only inside a name, in a line the cleaning drops
/// ("Interview with Rosalind \"Roz\" Tembe, lighthouse keeper"), is who a question calling
/// her by it means. Our own court reporter's transcript, with the model.
#[test]
fn a_nickname_given_inside_a_name_is_that_person_in_questions() {
    let Some(model) = crate::support::real_model() else {
        return;
    };
    let dir = seeds_and_layouts(&["court_reporter.txt"]);
    let engine = engine_with_model(dir.path(), model);
    assert_top_answers(
        &engine,
        &[(
            "how did roz become a lighthouse keeper",
            "My father kept it before me.",
        )],
    );
}

/// "What did the coach say": a person asked for by what the article calls them in front of
/// their name ("Head coach Nina Varga"). Our own small match report with two people quoted,
/// in words only: the coach's words answer, and a job nobody in it has ("the goalkeeper") is
/// no one's words to give.
#[test]
fn a_person_asked_for_by_their_job_is_the_one_the_article_calls_so() {
    use interview_bot::search::AskQuery;

    let dir = crate::support::seeds_copy();
    std::fs::write(
        dir.path().join("match.txt"),
        "Riverside Rovers 3-2 Eastwick Town\n\n\
         Head coach Nina Varga and striker Tom Adeyemi spoke after the late win on Saturday.\n\n\
         \"We were poor for an hour and then the substitutes changed everything,\" Varga said. \
         \"I told the players at the break to stop passing sideways.\"\n\n\
         \"The noise at the end was unbelievable,\" Adeyemi said. \"I have never scored in \
         front of the home end before.\"\n",
    )
    .expect("write article");
    let engine =
        interview_bot::app::build_engine(crate::support::words_config(dir.path())).expect("engine");
    let ask = |question: &str| {
        engine.ask(&AskQuery {
            question,
            history: &[],
            limit: 3,
        })
    };
    let coach = ask("what did the coach say at the break");
    let top = coach.results.first().map(|h| h.text.as_str());
    assert!(
        top.is_some_and(|t| t.contains("stop passing sideways")),
        "answered by {top:?}"
    );
    assert!(!ask("what did the goalkeeper say at the break").answered);
}

/// A follow-up that swaps one thing of the question before it asks that question again of the
/// new thing: "what about season two?" after "who was the villain in season one" asks who the
/// villain of season two was, and "and Tobias?" after "who plays Edwin" who plays Tobias. Read
/// as one word beside the earlier question at a discount, "season two" matched the passage
/// about shooting season two, and "Tobias" his wedding scene.
#[test]
fn a_follow_up_swapping_one_thing_asks_the_earlier_question_of_it() {
    let (_dir, engine) = seeds_and_by_words(&[(
        "salt_harbour.txt",
        "Mara Quill on the two seasons of Salt Harbour\n\n\
         By Ines Adler · 9 April 2025\n\n\
         Mara Quill created Salt Harbour. Edwin Crane (Paul Okafor) runs the harbour; his \
         brother Tobias Crane (Liam Brandt) keeps the books.\n\n\
         Who was the villain in season one?\n\n\
         MARA QUILL: The harbour master, Edwin Crane, was our villain, a man who smiled while \
         he lied to the whole town.\n\n\
         And the villain in season two?\n\n\
         MARA QUILL: A mining company that buys the cliffs. No face, no smile, just lawyers.\n\n\
         How was season two shot?\n\n\
         MARA QUILL: Season two was shot in winter. Season two had more night work than season \
         one, and season two's crew was twice the size.\n\n\
         Tell us about Tobias.\n\n\
         MARA QUILL: Tobias is the gentle brother. His wedding scene, with Tobias dancing badly, \
         is my favourite scene of Tobias in both seasons.\n",
    )]);
    let follow = |question: &str, earlier: &str| {
        let history = [earlier.to_string()];
        let answer = engine.ask(&interview_bot::search::AskQuery {
            question,
            history: &history,
            limit: 1,
        });
        answer.results.first().map(|r| r.text.clone())
    };
    let villain = follow(
        "what about season two?",
        "who was the villain in season one",
    );
    assert!(
        villain
            .as_deref()
            .is_some_and(|t| t.contains("A mining company")),
        "{villain:?}"
    );
    let cast = follow("and tobias?", "who plays edwin");
    assert!(
        cast.as_deref().is_some_and(|t| t.contains("Liam Brandt")),
        "{cast:?}"
    );
}

/// "What did the actor say", after a question about Tobias, asks what Tobias's actor said:
/// the article quotes two actors, and only the conversation says which one.
#[test]
fn a_follow_up_asking_what_the_actor_said_means_the_actor_of_the_character_asked_about() {
    let (_dir, engine) = seeds_and_by_words(&[(
        "harbour_panel.txt",
        "Salt Harbour cast look ahead at the festival\n\n\
         By Ines Adler · 10 April 2025\n\n\
         The cast of Salt Harbour spoke at the festival panel on Saturday. Paul Okafor, who \
         plays Edwin Crane, said the harbour master would not be back. \"Edwin is gone for \
         good, and honestly I am glad to be rid of his smile,\" Okafor said.\n\n\
         Liam Brandt, who plays Tobias Crane, hoped his character would finally get away. \
         \"Tobias has kept the books for twenty years. I'd love to see him sail away,\" \
         Brandt said.\n\n\
         Creator Mara Quill said the third season would begin filming in the spring.\n",
    )]);
    let history = ["will tobias ever leave salt harbour".to_string()];
    let answer = engine.ask(&interview_bot::search::AskQuery {
        question: "what did the actor say",
        history: &history,
        limit: 1,
    });
    let top = answer.results.first().map(|r| r.text.clone());
    assert!(
        top.as_deref()
            .is_some_and(|t| t.contains("I'd love to see him sail away")),
        "{top:?}"
    );
}

/// "Who plays Tobias" wants a cast credit ("Tobias Crane (Liam Brandt)"): the introduction that
/// gives it goes first when it ranks close behind answers that speak of Tobias at length.
#[test]
fn a_cast_credit_close_behind_answers_who_plays_someone() {
    let (_dir, engine) = seeds_and_by_words(&[(
        "lantern_row.txt",
        "Ines Adler on the gentle brother of Lantern Row\n\n\
         By Mara Quill · 2 May 2025\n\n\
         Lantern Row returns in June. Its second season follows Tobias Crane (Liam Brandt), \
         the gentle brother, through a winter of debts.\n\n\
         Who is Tobias this season?\n\n\
         INES ADLER: Tobias plays the peacemaker. Tobias plays along with his brother, Tobias \
         plays the fool at the wedding, and Tobias plays the cello when nobody is listening.\n\n\
         What does Tobias want?\n\n\
         INES ADLER: Tobias wants a quiet life and never gets one.\n",
    )]);
    assert_top_answers(&engine, &[("who plays tobias", "Liam Brandt")]);
}
