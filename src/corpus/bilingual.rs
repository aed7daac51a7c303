//! A bilingual page: each paragraph in the original language, then its English translation
//! tagged "EN:" ("[EN]", "English:"). The English is what users ask in, so each translation
//! stands in for its original, without the tag that would read as a speaker's label.

use once_cell::sync::Lazy;
use regex::Regex;

/// The tag opening a paragraph's translation: "EN:", "ENG:", "[EN]", "English:", "(English)".
static ENGLISH_TAG: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:(?:EN|ENG|English|In English)\s*[:|]|\[(?:EN|ENG|English)\]|\((?:EN|ENG|English)\))\s*")
        .expect("static English tag pattern compiles")
});
/// The tag opening a paragraph in another language, on a page that tags its English too.
static OTHER_TAG: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:(?:ES|FR|DE|IT|PT|NL|ESP|Español|Français|Deutsch|Italiano|Português)\s*[:|]|\[(?:ES|FR|DE|IT|PT|NL)\])\s*")
        .expect("static language tag pattern compiles")
});

/// How many tagged translations make a bilingual page (one "EN:" could be anything).
const MIN_TRANSLATIONS: usize = 3;

/// English's commonest words: a paragraph with hardly any of them is in another language.
const ENGLISH_WORDS: &[&str] = &[
    "the", "and", "of", "to", "in", "is", "it", "that", "was", "i", "you", "for", "on", "with",
    "we", "he", "she", "they", "my", "but", "this", "at", "be", "have", "not", "are", "what",
    "how", "why", "did", "your", "her", "his", "from",
];
const ENGLISH_MIN_SHARE: f32 = 0.08;

fn reads_as_english(paragraph: &str) -> bool {
    let words: Vec<String> = paragraph
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let common = words
        .iter()
        .filter(|w| ENGLISH_WORDS.contains(&w.as_str()))
        .count();
    !words.is_empty() && common as f32 >= ENGLISH_MIN_SHARE * words.len() as f32
}

/// The page with each tagged English paragraph in place of the original before it, or
/// `None` when fewer than three paragraphs are tagged as English.
pub(super) fn english(raw: &str) -> Option<String> {
    let paragraphs: Vec<&str> = raw.split("\n\n").collect();
    let tagged = |p: &str| ENGLISH_TAG.is_match(p.trim_start());
    if paragraphs.iter().filter(|p| tagged(p)).count() < MIN_TRANSLATIONS {
        return None;
    }
    let mut kept: Vec<String> = Vec::with_capacity(paragraphs.len());
    for (i, p) in paragraphs.iter().enumerate() {
        let t = p.trim_start();
        if let Some(m) = ENGLISH_TAG.find(t) {
            kept.push(t[m.end()..].to_string());
            continue;
        }
        if OTHER_TAG.is_match(t) {
            continue;
        }
        // The original of the translation after it (blank lines between skipped).
        let translated_next = paragraphs[i + 1..]
            .iter()
            .find(|q| !q.trim().is_empty())
            .is_some_and(|q| tagged(q));
        if translated_next && !t.is_empty() && !reads_as_english(t) {
            continue;
        }
        kept.push((*p).to_string());
    }
    Some(kept.join("\n\n"))
}

pub(super) fn warm_up() {
    Lazy::force(&ENGLISH_TAG);
    Lazy::force(&OTHER_TAG);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_english_translation_stands_in_for_its_original() {
        let raw = "Título / Title\n\n**CS: ¿De qué trata la película?**\n\nEN: **CS: What is the film about?**\n\nBarragán: Es la historia de una niña que hereda la relojería.\n\nEN: Barragán: It's the story of a girl who inherits the watch shop.\n\nBarragán: Hicimos 143 marionetas.\n\nEN: Barragán: We made 143 puppets.\n";
        assert_eq!(
            english(raw).as_deref(),
            Some("Título / Title\n\n**CS: What is the film about?**\n\nBarragán: It's the story of a girl who inherits the watch shop.\n\nBarragán: We made 143 puppets.\n")
        );
        // An interview with one "EN:" in it is no bilingual page.
        assert_eq!(english("EN: one\n\nTwo.\n"), None);
    }
}
