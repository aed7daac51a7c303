//! A question-and-answer site's page (Quora's layout): the question over its answers, each
//! under its writer's name, a line saying what they are ("Lead sound designer, Hollow
//! Orchard") and the answer's age ("· 4y"), with the site's menus, counts, buttons, related
//! questions and promoted posts around them. The question becomes the title and a "Q:" turn,
//! and each answer a turn under its writer's name.

use once_cell::sync::Lazy;
use regex::Regex;

/// An answer's age, closing its header: "· 4y", "4y", "Answered 3 years ago", "Updated
/// 2y", or a line naming who upvoted it before the age ("Upvoted by Mira Castell · 4y").
static AGE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:.{0,80}?·\s*)?(?:(?:answered|updated|originally answered)\s+)?(?:\d{1,2}\s*(?:y|yr|yrs|mo|w|d|h|m)|\d{1,2}\s+(?:years?|months?|weeks?|days?|hours?)\s+ago|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\s+\d{1,2}(?:,\s+\d{4})?)$")
        .expect("static age pattern compiles")
});

/// The site's own lines around and between answers: menus, counts, buttons, sorting.
static CONTROLS: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:·|home|answer|answers|spaces|notifications|following|sign in|sign up|log in|follow|upvote|downvote|share|comment|comments|sort|recommended|all related(?: \(\d+\))?|view upvotes|view \d[\d.,]*k? shares?|[\d.,]+k? (?:views?|upvotes?|shares?|comments?|followers?)|[\d.,]+k?|upvote\s*·\s*[\d.,]+k?|learn more|continue reading|ad by .{1,60}|(?:upvoted|answer requested) by .{1,80})$")
        .expect("static controls pattern compiles")
});

/// A list the site puts between answers, every line of which goes, up to the blank line:
/// its related questions, or a promoted post.
static INSERT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:related questions|related|promoted by .{1,60}|sponsored by .{1,60}|people also ask)$")
        .expect("static insert pattern compiles")
});

/// A writer's name on its own line: two to four capitalised words.
static NAME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+){1,3}$")
        .expect("static name pattern compiles")
});

/// The most lines between a writer's name and the answer's age (what they are, a dot, who
/// upvoted it).
const HEADER_MAX_LINES: usize = 4;

/// The page as a question and its answers, or `None` when it has no answer headers under a
/// question: a name, at most a few lines, then an age.
pub(super) fn answers(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().map(str::trim).collect();
    // Each header's name line and age line.
    let mut headers: Vec<(usize, usize)> = Vec::new();
    for (age, line) in lines.iter().enumerate() {
        if !AGE.is_match(line) {
            continue;
        }
        let name = (age.saturating_sub(HEADER_MAX_LINES + 1)..age)
            .rev()
            .find(|&i| NAME.is_match(lines[i]) && !CONTROLS.is_match(lines[i]));
        // The name opens its header: a blank line, or the site's controls, above it.
        if let Some(name) =
            name.filter(|&n| n == 0 || lines[n - 1].is_empty() || CONTROLS.is_match(lines[n - 1]))
        {
            if headers.last().is_none_or(|&(_, a)| a < name) {
                headers.push((name, age));
            }
        }
    }
    let &(first_name, _) = headers.first()?;
    let question = lines[..first_name]
        .iter()
        .rev()
        .find(|l| l.ends_with('?') && l.split_whitespace().count() >= 3)?;
    let upvotes = lines.iter().any(|l| l.to_lowercase().starts_with("upvote"));
    if headers.len() < 2 && !upvotes {
        return None;
    }
    let mut out = format!("{question}\n\nQ: {question}\n\n");
    for (k, &(name, age)) in headers.iter().enumerate() {
        let end = headers.get(k + 1).map_or(lines.len(), |&(next, _)| next);
        let mut labelled = false;
        let mut inserted = false;
        for line in &lines[age + 1..end] {
            if line.is_empty() {
                inserted = false;
                out.push('\n');
                continue;
            }
            if inserted || INSERT.is_match(line) {
                inserted = true;
                continue;
            }
            if CONTROLS.is_match(line) {
                continue;
            }
            if !labelled {
                out.push_str(&format!("{}: ", lines[name]));
                labelled = true;
            }
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    Some(out)
}

pub(super) fn warm_up() {
    for r in [&AGE, &CONTROLS, &INSERT, &NAME] {
        Lazy::force(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_and_its_answers_under_their_writers() {
        let raw = "Home\nSign In\n\nHow do you record rain?\n\nSort\n\nAda Lind\nSound designer\n · 4y\n\nWith a towel over the mic.\n\nIt works.\n\n1.2K views\nUpvote\n · \n214\nShare\nRelated questions\nHow do footsteps work?\nIs foley dead?\n\nBo Marsh\nComposer · 3y\n\nI never do.\n\nPromoted by Acme\nWrite faster.\nLearn More\n";
        let out = answers(raw).expect("answers");
        assert!(out.starts_with("How do you record rain?\n\nQ: How do you record rain?\n"));
        assert!(out.contains("Ada Lind: With a towel over the mic."));
        assert!(out.contains("It works."));
        assert!(out.contains("Bo Marsh: I never do."));
        for gone in [
            "Sound designer",
            "Upvote",
            "214",
            "footsteps",
            "Write faster",
            "Sign In",
        ] {
            assert!(!out.contains(gone), "{gone} kept in {out}");
        }
    }

    #[test]
    fn a_byline_with_a_date_is_no_answer_header() {
        // A news story's byline and date over its text: no question over it, no upvotes.
        assert_eq!(
            answers("Storm hits coast\n\nAda Lind\nReporter\nMar 3\n\nThe storm came in.\n"),
            None
        );
    }
}
