//! A follow-up that only swaps one thing of the question before it ("what about s1?" after
//! "who was the villain in s2", "and trish?" after "who plays jess") asks that question again
//! about the new thing. Read with the earlier question at a discount, the fragment's one word
//! outweighs everything the earlier question asked ("season" matches every passage about any
//! season); written out in full, it is ranked like any question.

use once_cell::sync::Lazy;
use regex::Regex;

use super::intent;

/// How a fragment opens: the words that say "the same, but for ...".
const OPENINGS: &[&[&str]] = &[
    &["what", "about"],
    &["how", "about"],
    &["what", "abt"],
    &["how", "abt"],
    &["what", "of"],
    &["same", "for"],
    &["same", "with"],
    &["and", "what", "about"],
    &["and", "how", "about"],
    &["but", "what", "about"],
    &["and"],
    &["or"],
];

/// Words a fragment may end on that add nothing ("and trish then?").
const TAILS: &[&str] = &[
    "then", "tho", "though", "too", "now", "instead", "pls", "please",
];

/// Words that may stand before the new thing ("what about in season 1", "and for the finale").
const LEADS: &[&str] = &["in", "for", "on", "with", "the"];

/// The most words the new thing may have: more, and the follow-up says something of its own.
const MOST_WORDS: usize = 4;

/// A performer named by their trade, not their name ("what did the actress say"), as a
/// follow-up names the actor of the character the question before it was about.
static PERFORMER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\b(?:the|that|this|her|his)\s+(?:actress|actor|star|performer)\b(?P<rest>\s+(?:who|that)\s+play|\s+(?:playing|behind|of)\b)?")
        .expect("static performer pattern compiles")
});

/// `question` with its performer ("the actress") replaced by `actor`, the one actor of the
/// character the question before it named; `None` when it names no performer, or says whom
/// they play itself ("the actress who plays trish").
pub(super) fn name_performer(question: &str, actor: &str) -> Option<Rewrite> {
    let c = PERFORMER.captures(question)?;
    if c.name("rest").is_some() {
        return None;
    }
    let m = c.get(0)?;
    Some(Rewrite {
        text: format!(
            "{}{}{}",
            &question[..m.start()],
            actor,
            &question[m.end()..]
        ),
        same_subject: false,
    })
}

/// A fragment written out as the question it asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Rewrite {
    pub text: String,
    /// What was swapped is a season or episode: the question is still about the same show,
    /// so most likely answered by the article that answered the one before.
    pub same_subject: bool,
}

/// `previous` asked again about what `fragment` names instead, when `fragment` is no more than
/// an opening and one thing of a kind `previous` also names: a season or episode, or a person
/// or thing by name. `names` gives a text's names, each as its lowercased words.
pub(super) fn substitute(
    fragment: &str,
    previous: &str,
    names: impl Fn(&str) -> Vec<Vec<String>>,
) -> Option<Rewrite> {
    let words: Vec<&str> = fragment
        .split(|c: char| c.is_whitespace() || matches!(c, '?' | '!' | ',' | '.'))
        .filter(|w| !w.is_empty())
        .collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let opening = OPENINGS
        .iter()
        .find(|o| lower.len() > o.len() && o.iter().zip(&lower).all(|(a, b)| a == b))?;
    let mut rest = &words[opening.len()..];
    while let Some((last, init)) = rest.split_last() {
        if TAILS.contains(&last.to_lowercase().as_str()) {
            rest = init;
        } else {
            break;
        }
    }
    while let Some((first, tail)) = rest.split_first() {
        if LEADS.contains(&first.to_lowercase().as_str()) {
            rest = tail;
        } else {
            break;
        }
    }
    if rest.is_empty() || rest.len() > MOST_WORDS {
        return None;
    }
    let new = rest.join(" ");
    // A season or episode for one of the same kind.
    let new_parts = intent::parts(&new);
    if let Some(part) = new_parts.first() {
        let span = intent::part_spans(previous)
            .into_iter()
            .find(|(p, _)| p.kind == part.kind)?
            .1;
        return Some(Rewrite {
            text: format!(
                "{}{}{}",
                &previous[..span.start],
                new,
                &previous[span.end..]
            ),
            same_subject: true,
        });
    }
    // A name for a name: the fragment must be the name and nothing else.
    let new_names = names(&new);
    let named: usize = new_names.iter().map(Vec::len).sum();
    if new_names.is_empty() || named != rest.len() {
        return None;
    }
    let old = names(previous).into_iter().next()?;
    let span = word_span(previous, &old)?;
    if previous[span.clone()].eq_ignore_ascii_case(&new) {
        return None;
    }
    Some(Rewrite {
        text: format!(
            "{}{}{}",
            &previous[..span.start],
            new,
            &previous[span.end..]
        ),
        same_subject: false,
    })
}

/// Where `text` has the lowercased `words` in a row, as whole words (a possessive's "'s" left
/// outside).
fn word_span(text: &str, words: &[String]) -> Option<std::ops::Range<usize>> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let inside = c.is_alphanumeric() || c == '-';
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                found.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    found.windows(words.len()).find_map(|w| {
        let same = w
            .iter()
            .zip(words)
            .all(|(&(s, e), word)| text[s..e].to_lowercase() == *word);
        same.then(|| w[0].0..w[w.len() - 1].1)
    })
}

#[cfg(test)]
mod tests {
    /// Names as the corpus would know them: capitalised words of a small cast.
    fn cast(text: &str) -> Vec<Vec<String>> {
        let known = ["trish", "jessica", "jess", "kilgrave", "alisa"];
        let mut out: Vec<Vec<String>> = Vec::new();
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            let w = w.to_lowercase();
            if known.contains(&w.as_str()) {
                out.push(vec![w]);
            }
        }
        out
    }

    fn substitute(
        fragment: &str,
        previous: &str,
        names: fn(&str) -> Vec<Vec<String>>,
    ) -> Option<String> {
        super::substitute(fragment, previous, names).map(|r| r.text)
    }

    #[test]
    fn a_season_swapped_for_another_asks_the_same_of_it() {
        assert_eq!(
            substitute(
                "what about season 1?",
                "who was the villain in season 2",
                cast
            )
            .as_deref(),
            Some("who was the villain in season 1")
        );
        assert_eq!(
            substitute("and in episode 3", "does trish appear in episode 6", cast).as_deref(),
            Some("does trish appear in episode 3")
        );
    }

    #[test]
    fn a_name_swapped_for_another_asks_the_same_of_them() {
        assert_eq!(
            substitute("and trish?", "who plays Jessica", cast).as_deref(),
            Some("who plays trish")
        );
        assert_eq!(
            substitute("what about alisa then", "what's jess's job", cast).as_deref(),
            Some("what's alisa's job")
        );
    }

    #[test]
    fn a_follow_up_saying_more_than_one_thing_is_left_alone() {
        // Its own verb: a question of its own.
        assert_eq!(
            substitute("and why did trish leave", "who plays jess", cast),
            None
        );
        // Nothing of the same kind to swap.
        assert_eq!(
            substitute("what about season 1", "who plays jess", cast),
            None
        );
        assert_eq!(substitute("and trish?", "when is season 2 out", cast), None);
        // Not a fragment.
        assert_eq!(substitute("trish", "who plays jess", cast), None);
        assert_eq!(substitute("and jess?", "who plays jess", cast), None);
    }

    #[test]
    fn a_performer_named_by_their_trade_is_named_when_the_role_is_not_said() {
        let named = |q: &str| super::name_performer(q, "Liam Brandt").map(|r| r.text);
        assert_eq!(
            named("what did the actress say about it").as_deref(),
            Some("what did Liam Brandt say about it")
        );
        assert_eq!(named("what did the actor who plays tobias say"), None);
        assert_eq!(named("the actress behind trish"), None);
        assert_eq!(named("what did the showrunner say"), None);
    }
}
