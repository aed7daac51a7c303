//! A television news script as filed in a newsroom system: the header's fields (slug, writer,
//! running time), the director's cues on lines of their own ("(TAKE VO)", "(SOT)",
//! "(NATS: FOGHORN)", "(:10)"), timecodes, "OUTCUE:" lines, and the words: the anchor's lead-in
//! and the reporter's voice-over (the report's own prose), the reporter's questions heard on
//! tape, and each sound bite under the on-screen caption ("SUPER: NAME / job") that says who
//! speaks it. Read as the slug for a title, the narration as "NARRATION:" turns and each bite
//! as its speaker's turn.

use once_cell::sync::Lazy;
use regex::Regex;

/// A line of director's cues only: "(TAKE VO)", "(SOT) [TC 01:02:14]", "(:03)",
/// "[ANCHOR CAM 2 — KAREN]", "[TC 01:22:10]  -- END PKG --".
static CUE_LINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:\s*(?:\([^()a-z]*\)|\[[^\[\]a-z]*\]|--[^a-z]*--))+\s*$")
        .expect("static cue line pattern compiles")
});
/// Cues that hand the words to the reporter or the anchor: voice-over, a stand-up, the tag.
static NARRATION_CUE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\((?:TAKE )?(?:VO|V/O|STANDUP|STAND-UP|STAND UP)\b")
        .expect("static narration cue pattern compiles")
});
/// A sound bite's cue: the words after it are a speaker's, not the narration.
static BITE_CUE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\((?:SOT|SOUND ON TAPE|SOUNDBITE|BITE|NATS?\b)")
        .expect("static bite cue pattern compiles")
});
/// A sound bite's cue that names its speaker: "(SOT: ROSALIND TEAGUE)", "(SOT - Teague, keeper)".
static NAMED_BITE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\((?:SOT|SOUND ON TAPE|SOUNDBITE|BITE)\s*[:\-–—]\s*(?P<name>\p{Lu}[\p{L} .'’\-]*?)\s*(?:[,/].*)?\)")
        .expect("static named bite pattern compiles")
});
/// A timecode inside a line: "[TC 01:02:10]", "[01:02:10:12]".
static TIMECODE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\s*\[(?:TC\s*)?\d{1,2}:\d{2}:\d{2}(?:[:;.]\d{2})?\]\s*")
        .expect("static timecode pattern compiles")
});
/// The on-screen caption naming who is speaking: "SUPER: ROSALIND TEAGUE / Keeper".
static CAPTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:SUPER|CG|LOWER THIRD|CHYRON|FONT|ASTON|NAME SUPER|KEY)\s*:\s*(?P<name>[^/,|]+?)\s*(?:[/,|].*)?$")
        .expect("static caption pattern compiles")
});
/// A field of the script in capitals ("SLUG: LIGHTHOUSE KEEPER RETIRES", "RUNS: 2:10",
/// "OUTCUE: \"...WENT HOME.\""), or the anchor's or tag's label alone on its line.
static FIELD: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?P<key>[A-Z][A-Z0-9 /&.'()-]{0,30}):\s*(?P<value>.*)$")
        .expect("static field pattern compiles")
});
static DATE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\b\d{1,2}/\d{1,2}/\d{4}\b").expect("static date pattern compiles"));

/// How many cues make a script (a transcript may have a "(LAUGHTER)" or two).
const MIN_CUES: usize = 4;

/// Labels of the anchor's and the tag's reading, over the words on the lines below.
const READ_BY_ANCHOR: &[&str] = &["ANCHOR", "TAG", "ANCHOR TAG", "INTRO", "LEAD", "LEAD-IN"];

pub(super) fn script(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    let cues = lines
        .iter()
        .filter(|l| {
            CUE_LINE.is_match(l.trim()) && (BITE_CUE.is_match(l) || NARRATION_CUE.is_match(l))
        })
        .count();
    // Someone must be named over a bite, by a caption or in the bite's cue.
    let captions = lines
        .iter()
        .filter(|l| CAPTION.is_match(l.trim()) || NAMED_BITE.is_match(l))
        .count();
    if cues < MIN_CUES || captions == 0 {
        return None;
    }
    let slug = lines.iter().find_map(|l| {
        FIELD
            .captures(l.trim())
            .filter(|c| &c["key"] == "SLUG")
            .map(|c| c["value"].trim().to_string())
    });
    let date = lines
        .iter()
        .take(20)
        .find_map(|l| DATE.find(l).map(|m| m.as_str().to_string()));
    let mut out = String::with_capacity(raw.len());
    if let Some(slug) = &slug {
        out.push_str(&format!("{slug}\n\n"));
    }
    if let Some(date) = &date {
        out.push_str(&format!("{date}\n\n"));
    }
    // Before the first cue or label: the header's fields and notes.
    let start = lines
        .iter()
        .position(|l| {
            let t = l.trim();
            CUE_LINE.is_match(t) && t.chars().any(char::is_alphanumeric)
                || FIELD
                    .captures(t)
                    .is_some_and(|c| READ_BY_ANCHOR.contains(&c["key"].trim()))
        })
        .unwrap_or(0);
    let mut narrating = false;
    let mut speaker: Option<String> = None;
    let mut block: Vec<String> = Vec::new();
    let flush = |block: &mut Vec<String>, out: &mut String, label: &str| {
        if !block.is_empty() {
            out.push_str(&format!("{label}{}\n\n", block.join(" ")));
            block.clear();
        }
    };
    let label_of = |narrating: bool, speaker: &Option<String>| -> String {
        match speaker {
            Some(name) => format!("{name}: "),
            None if narrating => "NARRATION: ".to_string(),
            None => String::new(),
        }
    };
    for line in &lines[start..] {
        let t = TIMECODE.replace_all(line.trim(), " ");
        let t = t.trim();
        if t.is_empty() || t.chars().all(|c| !c.is_alphanumeric()) {
            flush(&mut block, &mut out, &label_of(narrating, &speaker));
            continue;
        }
        if CUE_LINE.is_match(t) {
            flush(&mut block, &mut out, &label_of(narrating, &speaker));
            if NARRATION_CUE.is_match(t) {
                narrating = true;
                speaker = None;
            } else if BITE_CUE.is_match(t) {
                narrating = false;
                speaker = NAMED_BITE
                    .captures(t)
                    .map(|c| super::split::title_case(c["name"].trim()));
            }
            continue;
        }
        if let Some(c) = CAPTION.captures(t) {
            flush(&mut block, &mut out, &label_of(narrating, &speaker));
            speaker = (!narrating).then(|| super::split::title_case(c["name"].trim()));
            continue;
        }
        if let Some(c) = FIELD.captures(t) {
            let key = c["key"].trim();
            if READ_BY_ANCHOR.contains(&key) {
                flush(&mut block, &mut out, &label_of(narrating, &speaker));
                narrating = true;
                speaker = None;
                let value = c["value"].trim();
                if !value.is_empty() {
                    block.push(value.to_string());
                }
                continue;
            }
            // The script's own fields ("OUTCUE:", "CC:", "ARCHIVE:"), all in capitals.
            if !t.chars().any(char::is_lowercase) {
                continue;
            }
            // Someone else's label ("REPORTER Q: ..."): their turn, not the narration's.
            flush(&mut block, &mut out, &label_of(narrating, &speaker));
            narrating = false;
            speaker = None;
            out.push_str(&format!("{t}\n\n"));
            continue;
        }
        let said = match &speaker {
            Some(_) => t.trim_matches(['"', '“', '”']),
            None => t,
        };
        block.push(said.to_string());
    }
    flush(&mut block, &mut out, &label_of(narrating, &speaker));
    Some(super::shouting::recase(&out))
}

pub(super) fn warm_up() {
    for re in [
        &CUE_LINE,
        &NARRATION_CUE,
        &BITE_CUE,
        &TIMECODE,
        &CAPTION,
        &FIELD,
        &DATE,
    ] {
        Lazy::force(re);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_news_script_is_narration_questions_and_captioned_bites() {
        let raw = "SLUG: KEEPER RETIRES\nRUNS: 2:10\n\nANCHOR:\nNEXT FRIDAY, ROSALIND TEAGUE HANDS OVER THE KEYS.\n\n(TAKE VO)\n(VO)\nTHE TOWER IS 58 FEET TALL.\n\nREPORTER Q: [TC 01:02:10] How many times have you climbed it?\n\n(SOT) [TC 01:02:14]\nSUPER: ROSALIND TEAGUE / Keeper\n\"Somewhere past forty thousand.\"\nOUTCUE: \"...THOUSAND.\"\n(:10)\n\n(NATS: FOGHORN)\n(:02)\n\n(VO)\nSHE NEVER LEFT.\n";
        assert_eq!(
            script(raw).as_deref(),
            Some("Keeper retires\n\nNARRATION: Next friday, Rosalind Teague hands over the keys.\n\nNARRATION: The tower is 58 feet tall.\n\nREPORTER Q: How many times have you climbed it?\n\nRosalind Teague: Somewhere past forty thousand.\n\nNARRATION: She never left.\n")
        );
        // A bite's cue may name its speaker instead of a caption.
        let named = "SLUG: FERRY\n\n(VO)\nTHE FERRY IS LATE.\n\n(SOT: MARA LIND, SKIPPER)\n\"Every day.\"\n\n(VO)\nAGAIN.\n\n(NATS)\n\n(SOT: TOM ODD)\n\"Fine.\"\n";
        assert_eq!(
            script(named).as_deref(),
            Some("Ferry\n\nNARRATION: The ferry is late.\n\nMara Lind: Every day.\n\nNARRATION: Again.\n\nTom Odd: Fine.\n")
        );
        // A transcript with a cue or two is no script.
        assert_eq!(script("HOST: Hi.\n\n(LAUGHTER)\n\nGUEST: Hello.\n"), None);
    }
}
