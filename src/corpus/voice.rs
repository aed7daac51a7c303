//! Articles in one person's own words: an account "as told to" a writer, an essay under its
//! author's byline. Their prose is that person speaking, though no quotation mark says so.

use super::{Passage, PassageKind};

/// The share of an article's prose that must be in the first person for its narrator to be
/// credited: a report quotes people, and its own sentences say "I" rarely if ever.
const NARRATED_SHARE: f32 = 0.5;

/// Whether `paragraph` speaks in the first person outside any quotation ("I wrote letters to
/// my mother", not "'I was terrified,' she said").
pub(super) fn first_person(paragraph: &str) -> bool {
    // The mark that opened the quotation we are in, if any: a closing mark ends only its own
    // kind ("“I don’t think I can,” she said": the apostrophe ends nothing).
    let mut open: Option<char> = None;
    // A single closing mark before a letter is an apostrophe ("wasn’t").
    let mut outside = String::with_capacity(paragraph.len());
    let mut chars = paragraph.chars().peekable();
    let mut before: Option<char> = None;
    while let Some(c) = chars.next() {
        let next_alnum = chars.peek().is_some_and(|n| n.is_alphanumeric());
        let apostrophe = c == '’' && next_alnum;
        // A straight single quote opens a quotation only where a word starts with a capital
        // ("'I cried in the edit,' she said"), and closes it only where no letter follows;
        // elsewhere it is an apostrophe ("don't", "'90s").
        let opens_straight = c == '\''
            && before.is_none_or(char::is_whitespace)
            && chars.peek().is_some_and(|n| n.is_uppercase());
        before = Some(c);
        match (c, open) {
            ('“' | '‘' | '"', None) => open = Some(c),
            ('\'', None) if opens_straight => open = Some(c),
            ('”', Some('“')) | ('"', Some('"')) => open = None,
            ('’', Some('‘')) if !apostrophe => open = None,
            ('\'', Some('\'')) if !next_alnum => open = None,
            (c, None) => outside.push(c),
            _ => {}
        }
    }
    outside
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .any(|w| {
            let w = w.replace('’', "'");
            // "I" only as a capital ("II" is a numeral); "me" and "my" capitalised at most.
            matches!(w.as_str(), "I" | "I'm" | "I've" | "I'd" | "I'll")
                || (matches!(w.to_lowercase().as_str(), "me" | "my" | "myself" | "mine")
                    && !w.chars().skip(1).any(char::is_uppercase))
        })
}

/// Credits `narrator` with the prose passages that speak in the first person (all of them
/// when `whole`: a thread of their posts), when the article has no exchanges and at least
/// [`NARRATED_SHARE`] of its prose passages do.
pub(super) fn credit_narrator(passages: &mut Vec<Passage>, narrator: &str, whole: bool) {
    if passages.iter().any(|p| p.kind == PassageKind::Exchange) {
        return;
    }
    let speaking: Vec<bool> = passages
        .iter()
        .map(|p| whole || p.answer.split("\n\n").any(first_person))
        .collect();
    let share = speaking.iter().filter(|&&s| s).count() as f32 / passages.len().max(1) as f32;
    if share < NARRATED_SHARE {
        return;
    }
    for (p, speaks) in passages.iter_mut().zip(speaking) {
        if speaks && p.speaker.is_none() {
            p.speaker = Some(narrator.to_string());
        }
    }
    if !whole {
        set_off_standfirst(passages);
    }
}

/// The writer's standfirst before the narrator's first words ("The actor Owen Hale on the
/// strangest preparation of his career."), as its own passage with no speaker. Left in the
/// narrator's first passage it would be searched as what the narrator said, and, naming the
/// person and the work, it would match every question about the account.
fn set_off_standfirst(passages: &mut Vec<Passage>) {
    let Some(first) = passages.iter().position(|p| p.speaker.is_some()) else {
        return;
    };
    let paragraphs: Vec<&str> = passages[first]
        .answer
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let Some(at) = paragraphs.iter().position(|p| first_person(p)) else {
        return;
    };
    if at == 0 {
        return;
    }
    let (writer, narrator) = paragraphs.split_at(at);
    let standfirst = Passage {
        answer: writer.join("\n\n"),
        speaker: None,
        question: None,
        ..passages[first].clone()
    };
    passages[first].answer = narrator.join("\n\n");
    passages.insert(first, standfirst);
}

/// The paragraphs of a narrated passage that are its narrator's words: all of them when
/// `whole`, else those in the first person, not a standfirst or a closing note ("The Gannet
/// Light opens on 20 June.").
pub(super) fn narrated_paragraphs(passage: &Passage, whole: bool) -> impl Iterator<Item = &str> {
    passage
        .answer
        .split("\n\n")
        .map(str::trim)
        .filter(move |para| whole || first_person(para))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_person_is_read_outside_quotation_marks() {
        assert!(first_person(
            "The first week was the worst, so I wrote letters."
        ));
        assert!(first_person("My studio looks like a junk shop."));
        assert!(first_person("It frightened me more than the talking had."));
        assert!(!first_person("“I was terrified,” she said of the shoot."));
        assert!(!first_person(
            "“I don’t think I could do it again,” she said."
        ));
        assert!(!first_person(
            "‘I wasn’t sure,’ Hale said, ‘and I’m still not.’"
        ));
        assert!(first_person("‘Go home,’ they said, and I didn’t."));
        assert!(first_person("The director said “stay”, so I stayed."));
        assert!(!first_person(
            "Keepers walk as if the wind might take them."
        ));
        // Roman numerals and other capitals are not the pronoun.
        assert!(!first_person("Part II of the series arrives in June."));
        assert!(!first_person("She lives in Mytholmroyd."));
        // Straight single quotes: a quotation where a capital follows, else apostrophes.
        assert!(!first_person(
            "'I cried in the edit, which my editor will tell you is not unusual.' - Tomas Ek"
        ));
        assert!(first_person(
            "I don't mind the '90s songs, or the 'rock' ones."
        ));
    }
}
