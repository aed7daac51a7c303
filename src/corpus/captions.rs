//! A video interview's captions saved as an article (SRT, WebVTT): the cues' words as running
//! paragraphs, a new one at each change of speaker the captions mark. A cue is a timing and a
//! line or two cut wherever the screen ran out, so a sentence runs across cues and a cue may
//! hold the end of one turn and the start of the next.

use once_cell::sync::Lazy;
use regex::Regex;

/// A cue's timing line: "00:01:02,500 --> 00:01:05,000", or WebVTT's "01:02.500 --> ..." with
/// its cue settings after it.
static TIMING: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\s*-->\s*(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?")
        .expect("static timing pattern compiles")
});

/// A WebVTT voice tag, "<v Dana Okafor>": who speaks the cue.
static VOICE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^<v(?:\.[\w.-]+)?\s+([^<>]{1,60})>").expect("static voice pattern compiles")
});

/// Styling inside a cue: tags ("<i>", "<c.yellow>", "<00:01:02.500>") and SSA overrides
/// ("{\an8}").
static STYLING: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"</?[A-Za-z0-9.:_ -]{1,40}>|\{\\[^{}]{0,40}\}").expect("static styling pattern")
});

/// A speaker's name labelling a caption line ("DANA OKAFOR: ", "Host: ").
static LABEL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,3}:\s").expect("static label pattern")
});

/// A line holding only a time ("0:03", "[12:41]", "1:02:07"): a video page's transcript
/// puts one above each caption line.
static STAMP: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\s*[\[(]?(?:\d{1,2}:)?\d{1,2}:\d{2}[\])]?\s*$").expect("static stamp pattern")
});

/// How many timing lines make a text captions rather than prose that shows one.
const MIN_CUES: usize = 3;
/// How many time lines make a text a video page's transcript, and how long its lines between
/// them are at most on average (a live blog's times head paragraphs).
const MIN_STAMPS: usize = 5;
const MAX_STAMPED_LINE_CHARS: usize = 100;
/// Automatic captions have no punctuation: their words are cut into paragraphs of about this
/// many words, at a caption's end, each closed with a full stop, so that no passage is the
/// whole video.
const UNPUNCTUATED_WORDS: usize = 60;

/// A text's captions as paragraphs, and whether the text has a title above them (a video
/// page's transcript copied with its heading; subtitle files have none).
#[derive(Debug, PartialEq)]
pub struct Captions {
    pub text: String,
    pub titled: bool,
}

/// Whether `lines` are a video page's transcript: a time line above each caption line or
/// two, the caption lines short. The index of the first time line.
fn stamped(lines: &[&str]) -> Option<usize> {
    // Every article is asked this: one pass over its lines, and none past a text without a
    // time line.
    let first = lines.iter().position(|l| STAMP.is_match(l))?;
    let (mut stamps, mut said, mut chars) = (0usize, 0usize, 0usize);
    for line in &lines[first..] {
        if STAMP.is_match(line) {
            stamps += 1;
        } else if !line.trim().is_empty() {
            said += 1;
            chars += line.trim().chars().count();
        }
    }
    (stamps >= MIN_STAMPS && said <= 3 * stamps && chars <= MAX_STAMPED_LINE_CHARS * said.max(1))
        .then_some(first)
}

/// The captions' words as paragraphs, one per turn, or `None` when `raw` is not captions.
///
/// Broadcast captions mark a new speaker with ">>", subtitles with a dash ("- Where were
/// you?"), WebVTT with a voice tag; a line labelled with a name starts a turn too. Rolling
/// captions repeat the line before: said once.
pub fn to_paragraphs(raw: &str) -> Option<Captions> {
    let lines: Vec<&str> = raw.lines().collect();
    // A page's heading and blurb above its transcript stay as they are.
    let (head, lines) = if lines.iter().filter(|l| TIMING.is_match(l)).count() >= MIN_CUES {
        (&[][..], &lines[..])
    } else {
        let first = stamped(&lines)?;
        lines.split_at(first)
    };
    let mut turns: Vec<String> = head
        .split(|l| l.trim().is_empty())
        .map(|block| {
            block
                .iter()
                .map(|l| l.trim())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|block| !block.is_empty())
        .collect();
    let titled = !turns.is_empty();
    let asked_from = turns.len();
    let mut current = String::new();
    let mut last_said = String::new();
    let mut in_block = false;
    let mut voice_closed = false;
    let webvtt = lines
        .first()
        .is_some_and(|l| l.trim().starts_with("WEBVTT"));
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            in_block = false;
            continue;
        }
        // A WebVTT file's header and its note, style and region blocks are not words said (in
        // any other captions, a line starting "NOTE" is).
        let header = webvtt
            && (i == 0
                || ["NOTE", "STYLE", "REGION"]
                    .iter()
                    .any(|k| line == *k || line.starts_with(&format!("{k} "))));
        if header || in_block {
            in_block = true;
            continue;
        }
        // A timing line, and the cue's number or name just above one.
        let names_cue = lines.get(i + 1).is_some_and(|next| TIMING.is_match(next));
        if TIMING.is_match(line) || STAMP.is_match(line) || names_cue || is_metadata(line) {
            continue;
        }
        let (opens_turn, voice, said) = turn_start(line);
        // A voice closed ("...</v>") has finished: an untagged cue after it (a lower third,
        // a closing card) is nobody's words, not more of that speaker's.
        let closes_voice = said.trim_end().ends_with("</v>");
        let said = STYLING.replace_all(said, "").trim().to_string();
        if said == last_said {
            continue;
        }
        // A lower third between voices ("BERTIL ORME, CLOCK KEEPER") names who is on screen;
        // the voice tags already say who speaks.
        if voice_closed && voice.is_none() && is_on_screen_caps(&said) {
            continue;
        }
        if (opens_turn || voice_closed) && !current.trim().is_empty() {
            turns.push(std::mem::take(&mut current));
        }
        voice_closed = closes_voice;
        if let Some(name) = voice {
            current.push_str(&format!("{name}: "));
        }
        if said.is_empty() {
            continue;
        }
        if !current.is_empty() && !current.ends_with(' ') {
            current.push(' ');
        }
        current.push_str(&said);
        last_said = said;
        let unpunctuated = !current.contains(['.', '?', '!']);
        if unpunctuated && current.split_whitespace().count() >= UNPUNCTUATED_WORDS {
            turns.push(std::mem::take(&mut current) + ".");
        }
    }
    if !current.trim().is_empty() {
        // The rest of the reader takes a paragraph without a full stop for a caption or a
        // link; automatic captions have none anywhere.
        if !current.contains(['.', '?', '!']) {
            current.push('.');
        }
        turns.push(current);
    }
    if turns.len() == asked_from {
        return None;
    }
    if let Some(host) = asking_parity(&turns[asked_from..]).map(|h| (h + asked_from) % 2) {
        // Two people taking turns: the asking one's turns are the questions, whether or not
        // they end with a question mark ("Tell me about casting Tomas."), from the first
        // question on; the greetings before it are the programme's introduction.
        let first = (asked_from..turns.len())
            .find(|&i| i % 2 == host && turns[i].contains('?'))
            .unwrap_or(asked_from);
        for (i, turn) in turns.iter_mut().enumerate().skip(first) {
            let label = if i % 2 == host { "Q: " } else { "A: " };
            turn.insert_str(0, label);
        }
    }
    Some(Captions {
        text: turns.join("\n\n") + "\n",
        titled,
    })
}

/// How many of one side's turns must ask something to take the turns for a two-person
/// interview, and how many of the other side's for each of those may (a guest's "Why? Because
/// ...").
const ASKING_TURNS: usize = 2;
const GUEST_ASKS_PER_HOST: usize = 3;

/// When unlabelled turns alternate between one who asks and one who answers (every other turn
/// holds a question mark, the turns between nearly never), the parity of the asking turns.
fn asking_parity(turns: &[String]) -> Option<usize> {
    if turns.iter().any(|t| LABEL.is_match(t)) {
        return None;
    }
    let mut asks = [0usize; 2];
    for (i, t) in turns.iter().enumerate() {
        if t.contains('?') {
            asks[i % 2] += 1;
        }
    }
    let host = usize::from(asks[1] > asks[0]);
    (asks[host] >= ASKING_TURNS && asks[1 - host] * GUEST_ASKS_PER_HOST <= asks[host])
        .then_some(host)
}

/// Whether a caption line opens a speaker's turn, the name a voice tag gives (written as a
/// transcript's label), and the line's words without the marker.
fn turn_start(line: &str) -> (bool, Option<&str>, &str) {
    if let Some(rest) = line.strip_prefix(">>") {
        return (true, None, rest.trim_start_matches('>').trim());
    }
    if let Some(c) = VOICE.captures(line) {
        let rest = &line[c.get(0).map_or(0, |m| m.end())..];
        return (true, c.get(1).map(|m| m.as_str().trim()), rest.trim());
    }
    for dash in ["- ", "– ", "— "] {
        if let Some(rest) = line.strip_prefix(dash) {
            return (true, None, rest);
        }
    }
    (LABEL.is_match(line), None, line)
}

/// Text in capitals only, as a film's on-screen titles are set.
fn is_on_screen_caps(said: &str) -> bool {
    let letters: Vec<char> = said.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// A WebVTT header line a video site adds ("Kind: captions", "Language: en").
fn is_metadata(line: &str) -> bool {
    ["Kind:", "Language:"].iter().any(|k| line.starts_with(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_not_captions() {
        assert_eq!(
            to_paragraphs("At 10:02 --> we left.\n\nAnd then we came back."),
            None
        );
    }

    #[test]
    fn only_a_webvtt_file_has_note_blocks() {
        let srt = "1\n00:00:00,000 --> 00:00:02,000\nNOTE the date on the jar.\n\n\
                   2\n00:00:02,000 --> 00:00:04,000\nIt says 1962.\n\n\
                   3\n00:00:04,000 --> 00:00:06,000\nMy grandmother's hand.\n";
        assert_eq!(
            to_paragraphs(srt).map(|c| c.text).as_deref(),
            Some("NOTE the date on the jar. It says 1962. My grandmother's hand.\n")
        );
    }

    #[test]
    fn cues_become_turns_at_each_change_of_speaker() {
        let srt = "1\n00:00:00,000 --> 00:00:02,000\n>> Where did you shoot it?\n\n\
                   2\n00:00:02,000 --> 00:00:04,000\n>> On the island, off\n\n\
                   3\n00:00:04,000 --> 00:00:06,000\nthe west coast. <i>All of it.</i>\n";
        assert_eq!(
            to_paragraphs(srt).map(|c| c.text).as_deref(),
            Some("Where did you shoot it?\n\nOn the island, off the west coast. All of it.\n")
        );
    }

    #[test]
    fn voice_tags_become_labels_and_rolling_lines_are_said_once() {
        let vtt = "WEBVTT\nKind: captions\n\nNOTE made by hand\nstill the note\n\n\
                   00:01.000 --> 00:02.000 align:start\n<v Host>Why the sea?\n\n\
                   00:02.000 --> 00:03.000\n<v Dana Okafor>I grew up on it.\n\n\
                   00:03.000 --> 00:04.000\nI grew up on it.\nIt never left.\n";
        assert_eq!(
            to_paragraphs(vtt).map(|c| c.text).as_deref(),
            Some("Host: Why the sea?\n\nDana Okafor: I grew up on it. It never left.\n")
        );
    }

    #[test]
    fn a_video_pages_transcript_keeps_its_heading_and_cuts_unpunctuated_words() {
        let mut raw = String::from("Dana Vasko on Driftglass\n\nTranscript\n\n");
        for i in 0..40 {
            raw.push_str(&format!(
                "0:{i:02}\nwe floated boat number {i} out on one night\n"
            ));
        }
        let c = to_paragraphs(&raw).expect("a transcript");
        assert!(c.titled);
        let paragraphs: Vec<&str> = c.text.split("\n\n").collect();
        assert_eq!(paragraphs[..2], ["Dana Vasko on Driftglass", "Transcript"]);
        assert!(paragraphs.len() > 4, "{paragraphs:?}");
        assert!(paragraphs[2..]
            .iter()
            .all(|p| p.split_whitespace().count() <= UNPUNCTUATED_WORDS + 8));
        assert!(!c.text.contains("0:1"));
    }
}
