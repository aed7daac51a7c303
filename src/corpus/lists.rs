//! Lists that are interviews: a quotation page's quotes, each over its source, and a
//! quickfire round's one-line questions and answers. Rewritten into the forms the rest of
//! the reader knows (signed quotes, "Q:" and "A:" turns).

use once_cell::sync::Lazy;
use regex::Regex;

/// A bulleted line and how deep it sits: "- text" under its indentation, or a wiki's "*" /
/// "**" bullets.
static LIST_ITEM: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?P<indent>[ \t]*)(?P<bullet>\*{1,3}|[-•–])\s+(?P<text>\S.*)$")
        .expect("static list item pattern compiles")
});

/// A list item's depth: its indentation, or how many stars a wiki's bullet has.
fn list_depth(c: &regex::Captures<'_>) -> usize {
    let indent = c["indent"].replace('\t', "    ").len();
    indent + 2 * c["bullet"].matches('*').count().saturating_sub(1)
}

/// A quotation page's list: each quote a bullet, its source a bullet nested under it ("- A
/// theatre with no roof ..." / "  - Interview with The Stage, 12 March 2004"). Written as a
/// roundup writes a signed quote, "“quote” — source", so that a source naming a person credits
/// them and a citation (an outlet and a date) credits no one; `None` when fewer than two
/// quotes have a source under them.
pub(super) fn quote_list(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    let items: Vec<Option<(usize, String)>> = lines
        .iter()
        .map(|l| {
            LIST_ITEM
                .captures(l)
                .map(|c| (list_depth(&c), c["text"].trim().to_string()))
        })
        .collect();
    let sourced = |i: usize| match (&items[i], items.get(i + 1)) {
        (Some((depth, _)), Some(Some((deeper, _)))) => deeper > depth,
        _ => false,
    };
    if (0..lines.len()).filter(|&i| sourced(i)).count() < 2 {
        return None;
    }
    let mut out = String::with_capacity(raw.len() + 64);
    let mut i = 0;
    while i < lines.len() {
        if let (true, Some((_, quote)), Some(Some((_, source)))) =
            (sourced(i), &items[i], items.get(i + 1))
        {
            let quote = quote.trim_matches(|c| matches!(c, '"' | '“' | '”'));
            out.push_str(&format!("\n“{quote}” — {source}\n\n"));
            i += 2;
            continue;
        }
        out.push_str(lines[i]);
        out.push('\n');
        i += 1;
    }
    Some(out)
}

/// A quickfire round: a line per short question, its answer after the question mark ("Tea or
/// coffee? Tea, stewed.").
static QUICKFIRE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?P<q>[^?.!:]{2,80}\?)\s+(?P<a>[^\s?].{0,240})$")
        .expect("static quickfire pattern compiles")
});
const QUICKFIRE_MIN_RUN: usize = 3;
const QUICKFIRE_MAX_QUESTION_WORDS: usize = 10;

/// A quickfire round's lines (three or more in a run, blank lines between them allowed) as
/// "Q:" and "A:" turns, or `None` when the text has no such run.
pub(super) fn quickfire(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().collect();
    fn pair(l: &str) -> Option<regex::Captures<'_>> {
        QUICKFIRE.captures(l.trim()).filter(|c| {
            c["q"].split_whitespace().count() <= QUICKFIRE_MAX_QUESTION_WORDS
                && !c["a"].trim_end().ends_with('?')
        })
    }
    // Runs of question lines, blank lines allowed between them.
    let mut keep = vec![false; lines.len()];
    let mut run: Vec<usize> = Vec::new();
    for i in 0..=lines.len() {
        let line = lines.get(i).copied();
        match line {
            Some(l) if l.trim().is_empty() => continue,
            Some(l) if pair(l).is_some() => run.push(i),
            _ => {
                if run.len() >= QUICKFIRE_MIN_RUN {
                    for &k in &run {
                        keep[k] = true;
                    }
                }
                run.clear();
            }
        }
    }
    if !keep.contains(&true) {
        return None;
    }
    let mut out = String::with_capacity(raw.len() + 64);
    for (i, line) in lines.iter().enumerate() {
        match pair(line).filter(|_| keep[i]) {
            Some(c) => out.push_str(&format!("\nQ: {}\n\nA: {}\n\n", &c["q"], c["a"].trim())),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    Some(out)
}

pub(super) fn warm_up() {
    for r in [&LIST_ITEM, &QUICKFIRE] {
        Lazy::force(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quotation_pages_quotes_are_signed_by_their_nested_sources() {
        let raw = "Quotes\n\n- A theatre with no roof teaches you.\n  - Western Mail, 2011\n* I never read reviews.\n** BBC Radio Wales, 2018\n- Tidewater Company site\n";
        assert_eq!(
            quote_list(raw).as_deref(),
            Some("Quotes\n\n\n“A theatre with no roof teaches you.” — Western Mail, 2011\n\n\n“I never read reviews.” — BBC Radio Wales, 2018\n\n- Tidewater Company site\n")
        );
        // A list with one nested item is no quotation page.
        assert_eq!(quote_list("- Tea\n  - green\n- Coffee\n"), None);
    }

    #[test]
    fn a_quickfire_rounds_lines_are_questions_and_answers() {
        let raw = "QUICKFIRE\n\nTea or coffee? Tea, stewed.\nWorst moment? Losing a paddle.\n\nNext adventure? The Faroes.\n";
        assert_eq!(
            quickfire(raw).as_deref(),
            Some("QUICKFIRE\n\n\nQ: Tea or coffee?\n\nA: Tea, stewed.\n\n\nQ: Worst moment?\n\nA: Losing a paddle.\n\n\n\nQ: Next adventure?\n\nA: The Faroes.\n\n")
        );
        // Two questions answered in prose are no quickfire round.
        assert_eq!(
            quickfire("Why did she go? Nobody knows.\nWhere to? The sea.\nShe left at dawn.\n"),
            None
        );
    }
}
