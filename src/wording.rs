//! How the front ends (the terminal and Discord) put the engine's typed outcomes into words:
//! one place for the sentences a person reads, so both say the same thing.

use crate::search::{Answer, NoAnswer, MAX_QUERY_CHARS};

/// What was asked: a question (`ask`) or a quote topic (`quote`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    Question,
    QuoteTopic,
}

/// The note to show with an answer, if any: why there is no answer, or that a long question
/// was cut.
pub fn notice(answer: &Answer, asked: Asked) -> Option<String> {
    if answer.truncated {
        return Some(format!(
            "Only the first {MAX_QUERY_CHARS} characters of your question were used."
        ));
    }
    let reason = answer.no_answer.as_ref()?;
    Some(match (reason, asked) {
        (NoAnswer::Empty, Asked::Question) => {
            "Your question was empty: ask something about the interviews.".into()
        }
        (NoAnswer::Empty, Asked::QuoteTopic) => {
            "Your topic was empty: name something to find a quote about.".into()
        }
        (NoAnswer::NoSearchableWords, Asked::Question) => {
            "Your question has no words I can search for: try naming a person, a character or a topic.".into()
        }
        (NoAnswer::NoSearchableWords, Asked::QuoteTopic) => {
            "Your topic has no words I can search for: try a name or a subject.".into()
        }
        (NoAnswer::NotCovered, _) => "These interviews don't seem to cover that.".into(),
        (NoAnswer::UnknownSpeaker { typed, quoted }, _) => format!(
            "No quotes by \"{typed}\" in these interviews. Speakers quoted: {}.",
            quoted.join(", ")
        ),
        (NoAnswer::NoQuote { speaker: Some(s) }, _) => format!("I found no quote by {s} about that."),
        (NoAnswer::NoQuote { speaker: None }, _) => {
            "I found no quote about that in these interviews.".into()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_is_worded_and_a_cut_question_says_so() {
        let none = |r: NoAnswer| Answer {
            no_answer: Some(r),
            ..Answer::default()
        };
        let q = |a: &Answer| notice(a, Asked::Question).unwrap_or_default();
        assert!(q(&none(NoAnswer::NotCovered)).contains("don't seem to cover"));
        assert!(q(&none(NoAnswer::Empty)).contains("question was empty"));
        assert!(notice(&none(NoAnswer::Empty), Asked::QuoteTopic)
            .is_some_and(|n| n.contains("topic was empty")));
        let unknown = none(NoAnswer::UnknownSpeaker {
            typed: "Nobody".into(),
            quoted: vec!["A B".into(), "C D".into()],
        });
        assert!(q(&unknown).contains("\"Nobody\"") && q(&unknown).contains("A B, C D"));
        let cut = Answer {
            answered: true,
            truncated: true,
            ..Answer::default()
        };
        assert!(q(&cut).contains(&MAX_QUERY_CHARS.to_string()));
        assert_eq!(
            notice(
                &Answer {
                    answered: true,
                    ..Answer::default()
                },
                Asked::Question
            ),
            None
        );
    }
}
