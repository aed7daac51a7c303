//! Hostile input never breaks the engine: arbitrary Unicode (and input built to be nasty: query
//! syntax, emoji, right-to-left text, combining marks, zero-width characters, NUL, giant words,
//! Discord mentions) as questions, follow-up histories, quote topics and speakers, and
//! autocomplete prefixes. Each call must return, quickly, with results inside the limits.
//!
//! One engine over the seeds, words only (no model), shared by every case.

use std::collections::HashSet;
use std::sync::OnceLock;

use interview_bot::search::{Answer, AskQuery, Engine, QuoteQuery};
use interview_bot::wording::{notice, Asked};
use proptest::prelude::*;

/// What a result may be at most, as shown to a person.
const MAX_TEXT_CHARS: usize = 1600;
const MAX_INPUT_CHARS: usize = 6000;
/// Enough to catch regressions in CI; set PROPTEST_CASES for a longer hunt.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(96)
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<std::sync::Arc<Engine>> = OnceLock::new();
    ENGINE.get_or_init(crate::support::seeds_engine)
}

/// Every interview question of the corpus, whitespace-normalised as suggestions show them.
fn interview_questions() -> &'static HashSet<String> {
    static QUESTIONS: OnceLock<HashSet<String>> = OnceLock::new();
    QUESTIONS.get_or_init(|| {
        engine()
            .corpus()
            .passages
            .iter()
            .filter_map(|p| p.question.as_deref())
            .map(squash)
            .collect()
    })
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Pieces that have broken search engines and chat bots before.
const NASTY: &[&str] = &[
    "title:",
    "answer:(",
    ")",
    "AND",
    "OR",
    "NOT",
    "\"",
    "\"Jessica Jones\"~2",
    "*",
    "~",
    "^",
    "^10",
    "[",
    "]",
    "{",
    "}",
    "\\",
    "+",
    "-",
    ":",
    "IN [a b]",
    "Jessica",
    "Jones",
    "Peabody",
    "award",
    "Rosenberg",
    "Krysten Ritter",
    "Hellcat",
    "Trish",
    "she",
    "her",
    "it",
    "the",
    "what",
    "did",
    "say",
    "?",
    ".",
    "…",
    "😀",
    "👩‍👩‍👧‍👦",
    "🏳️‍🌈",
    "مرحبا بالعالم",
    "שלום",
    "\u{202E}",
    "\u{200F}",
    "e\u{0301}",
    "\u{0301}\u{0308}\u{0323}",
    "Z\u{0351}\u{0352}\u{0353}\u{0354}\u{0355}",
    "\u{200B}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{0000}",
    "\u{FFFD}",
    "\u{10FFFF}",
    "İ",
    "ß",
    "ﬁ",
    "Σ",
    "ǅ",
    "ﾊﾝｶｸ",
    "漢字",
    "@everyone",
    "@here",
    "<@&123>",
    "<@!456789012345678901>",
    "<#1>",
    "```",
    "||spoiler||",
    "\n",
    "\r\n",
    "\t",
    " ",
    "   ",
];

/// Nasty pieces and random characters, joined with or without spaces.
fn nasty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(NASTY).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    (prop::collection::vec(piece, 0..80), any::<bool>())
        .prop_map(|(pieces, spaced)| pieces.join(if spaced { " " } else { "" }))
}

/// One word thousands of characters long.
fn long_word() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just('a'),
            Just('é'),
            Just('😀'),
            Just('\u{0301}'),
            any::<char>()
        ],
        1000..MAX_INPUT_CHARS,
    )
        .prop_map(|(c, n)| std::iter::repeat_n(c, n).collect())
}

/// Exactly the largest input: stop words and names repeated, or nasty pieces.
fn six_thousand() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(
            &[
                "the ",
                "what did she say ",
                "Jessica Jones ",
                "? ",
                "😀",
                "é"
            ][..]
        )
        .prop_map(|s| s.to_string()),
        nasty(),
    ]
    .prop_map(|seed| {
        let seed = if seed.is_empty() {
            "x".to_string()
        } else {
            seed
        };
        seed.chars().cycle().take(MAX_INPUT_CHARS).collect()
    })
}

fn arbitrary_unicode() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..MAX_INPUT_CHARS).prop_map(String::from_iter)
}

fn hostile() -> BoxedStrategy<String> {
    prop_oneof![
        3 => arbitrary_unicode(),
        1 => any::<String>(),
        5 => nasty(),
        1 => long_word(),
        1 => six_thousand(),
    ]
    .prop_map(|s| s.chars().take(MAX_INPUT_CHARS).collect())
    .boxed()
}

/// Runs `f` (speed is the latency benchmark's business, not a test's).
fn timed<T>(_what: &str, f: impl FnOnce() -> T) -> Result<T, TestCaseError> {
    Ok(f())
}

/// The invariants every `Answer` keeps, whatever was asked.
fn check_answer(a: &Answer) -> Result<(), TestCaseError> {
    if !a.answered {
        prop_assert!(a.results.is_empty(), "not answered but has results");
    }
    prop_assert!(a.results.len() <= 25);
    prop_assert!(a.suggestions.len() <= 3, "{:?}", a.suggestions);
    for s in &a.suggestions {
        prop_assert!(
            interview_questions().contains(&squash(s)),
            "suggestion {s:?} is not an interview question"
        );
    }
    for hit in &a.results {
        let chars = hit.text.chars().count();
        prop_assert!(chars <= MAX_TEXT_CHARS, "a result of {chars} chars");
        prop_assert!(hit.answer.chars().count() <= MAX_TEXT_CHARS);
        if let Some(r) = &hit.best_sentence {
            prop_assert!(
                hit.answer.get(r.clone()).is_some(),
                "best sentence {r:?} is not a range of the answer"
            );
        }
        for r in &hit.matched {
            prop_assert!(
                hit.answer.get(r.clone()).is_some(),
                "match {r:?} is not a range of the answer"
            );
        }
    }
    for asked in [Asked::Question, Asked::QuoteTopic] {
        if let Some(n) = notice(a, asked) {
            prop_assert!(n.chars().count() <= 2000, "a notice of {} chars", n.len());
        }
    }
    prop_assert!(
        a.answered == a.no_answer.is_none(),
        "answered and a reason: {a:?}"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn ask_survives_hostile_questions_and_histories(
        question in hostile(),
        history in prop::collection::vec(hostile(), 0..=5),
        limit in 0usize..40,
    ) {
        let e = engine();
        let answer = timed("ask", || e.ask(&AskQuery { question: &question, history: &history, limit }))?;
        check_answer(&answer)?;
        let most = if limit == 0 { 25 } else { limit.min(25) };
        prop_assert!(answer.results.len() <= most);
    }

    #[test]
    fn quote_survives_hostile_topics_and_speakers(
        topic in hostile(),
        speaker in prop::option::of(prop_oneof![
            3 => hostile(),
            1 => prop::sample::select(&["Rosenberg", "krysten", "Rachel Taylor", "Jessica Jones", "@everyone", ""][..])
                .prop_map(str::to_string),
        ]),
        limit in 0usize..40,
    ) {
        let e = engine();
        let answer = timed("quote", || e.quote(&QuoteQuery { topic: &topic, speaker: speaker.as_deref(), limit }))?;
        check_answer(&answer)?;
        prop_assert!(answer.suggestions.is_empty());
    }

    #[test]
    fn autocomplete_survives_hostile_prefixes(typed in hostile()) {
        let e = engine();
        let got = timed("suggest_questions", || e.suggest_questions(&typed, 25, 100))?;
        prop_assert!(got.len() <= 25);
        for s in &got {
            prop_assert!(s.chars().count() <= 100, "{} chars: {s:?}", s.chars().count());
            let head = s.strip_suffix('…').unwrap_or(s);
            prop_assert!(
                interview_questions().iter().any(|q| q.starts_with(head)),
                "{s:?} is not an interview question"
            );
        }
        let names = timed("suggest_speakers", || e.suggest_speakers(&typed, 25))?;
        prop_assert!(names.len() <= 25);
        let everyone = e.suggest_speakers("", usize::MAX);
        for n in &names {
            prop_assert!(everyone.contains(n), "{n:?} is not a known speaker");
        }
    }
}

/// The hostile strategies really produce the worst sizes; a change that capped them would make
/// the properties above pass vacuously.
#[test]
fn the_largest_inputs_are_answered_within_the_guard() {
    let e = engine();
    for question in [
        "a".repeat(MAX_INPUT_CHARS),
        "Peabody ".repeat(MAX_INPUT_CHARS / 8),
        "the ".repeat(MAX_INPUT_CHARS / 4),
        "\u{0301}".repeat(MAX_INPUT_CHARS),
        "title:(AND\" * ~ ^ [ ] { } \\ ".repeat(MAX_INPUT_CHARS / 28),
    ] {
        let history = vec![question.clone(); 5];
        let a = e.ask(&AskQuery {
            question: &question,
            history: &history,
            limit: 25,
        });
        assert!(a
            .results
            .iter()
            .all(|h| h.text.chars().count() <= MAX_TEXT_CHARS));
        let q = e.quote(&QuoteQuery {
            topic: &question,
            speaker: Some(&question),
            limit: 25,
        });
        assert!(!q.answered);
        let s = e.suggest_questions(&question, 25, 100);
        assert!(s.iter().all(|s| s.chars().count() <= 100));
    }
}
