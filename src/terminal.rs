//! Terminal mode: answers rendered for a person (or as JSON by the binary).

use std::fmt::Write as _;
use std::ops::Range;

use crate::corpus::Source;
use crate::search::{Answer, Hit, SourceSummary};
use crate::wording::{notice, Asked};

/// How to mark the best sentence: ANSI bold on a terminal, `**` otherwise.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub ansi: bool,
}

impl Style {
    fn bold(&self, s: &str) -> String {
        if self.ansi {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            format!("**{s}**")
        }
    }
    fn dim(&self, s: &str) -> String {
        if self.ansi {
            format!("\x1b[2m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// One line naming where a passage comes from: title, outlet, date, URL.
pub fn source_line(s: &Source) -> String {
    let mut parts = vec![s.title.clone()];
    parts.extend(
        [&s.outlet, &s.date, &s.url]
            .into_iter()
            .flatten()
            .filter(|x| !x.is_empty())
            .cloned(),
    );
    parts.join(" · ")
}

/// `text` with the byte range `best` marked.
fn mark(text: &str, best: Option<&Range<usize>>, style: Style) -> String {
    match best {
        Some(r) if text.get(r.clone()).is_some() => format!(
            "{}{}{}",
            &text[..r.start],
            style.bold(&text[r.clone()]),
            &text[r.end..]
        ),
        _ => text.to_string(),
    }
}

pub fn render_hit(hit: &Hit, style: Style, out: &mut String) {
    if let Some(q) = &hit.question {
        let _ = writeln!(out, "Q: {}", style.dim(q));
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{}",
        mark(&hit.answer, hit.best_sentence.as_ref(), style)
    );
    out.push('\n');
    if let Some(s) = &hit.speaker {
        let _ = writeln!(out, "  — {s}");
    }
    if let Some(section) = &hit.section {
        let _ = writeln!(out, "  {}", style.dim(&format!("Section: {section}")));
    }
    let _ = writeln!(
        out,
        "  {}",
        style.dim(&format!("Source: {}", source_line(&hit.source)))
    );
}

/// The answer as the `--json` contract prints it: the engine's fields plus `notice`, the
/// reason for no answer (or a cut question) in words.
pub fn answer_json(answer: &Answer, asked: Asked) -> serde_json::Value {
    let mut v = serde_json::to_value(answer).unwrap_or_default();
    if let (Some(n), Some(map)) = (notice(answer, asked), v.as_object_mut()) {
        map.insert("notice".into(), serde_json::Value::String(n));
    }
    v
}

/// The whole reply to `ask` or `quote`, for a person.
pub fn render_answer(answer: &Answer, asked: Asked, style: Style) -> String {
    let mut out = String::new();
    let note = notice(answer, asked);
    if let Some(n) = &note {
        let _ = writeln!(out, "{n}");
    }
    if !answer.answered {
        if !answer.suggestions.is_empty() {
            out.push_str("\nQuestions the interviews do answer:\n");
            for s in &answer.suggestions {
                let _ = writeln!(out, "  • {s}");
            }
        }
        return out;
    }
    if note.is_some() {
        out.push('\n');
    }
    let mut results = answer.results.iter();
    if let Some(best) = results.next() {
        render_hit(best, style, &mut out);
    }
    let rest: Vec<&Hit> = results.collect();
    if !rest.is_empty() {
        // A close call: the best passage is less likely to be the right one than usual.
        let heading = if answer.close_call {
            "\nAbout as close (the answer may be in one of these):"
        } else {
            "\nAlso relevant:"
        };
        let _ = writeln!(out, "{heading}");
        for (i, h) in rest.iter().enumerate() {
            let head = h.question.as_deref().unwrap_or(&h.answer);
            let _ = writeln!(
                out,
                "  {}. {} {}",
                i + 2,
                crate::search::truncate_chars(
                    &head.split_whitespace().collect::<Vec<_>>().join(" "),
                    110
                ),
                style.dim(&format!("({})", h.source.title))
            );
        }
    }
    out
}

pub fn render_sources(sources: &[SourceSummary], model: Option<&str>) -> String {
    let mut out = String::new();
    for s in sources {
        let _ = writeln!(out, "{}", s.source.file);
        let _ = writeln!(out, "  {}", source_line(&s.source));
        if let Some(i) = &s.interviewee {
            let _ = writeln!(out, "  interviewee: {i}");
        }
        let _ = writeln!(out, "  {} passages, {} quotes", s.passages, s.quotes);
    }
    let _ = writeln!(
        out,
        "\n{} articles, {} passages, {} quotes.",
        sources.len(),
        sources.iter().map(|s| s.passages).sum::<usize>(),
        sources.iter().map(|s| s.quotes).sum::<usize>()
    );
    match model {
        Some(m) => {
            let _ = writeln!(out, "Ranking: words and sentence embeddings ({m}).");
        }
        None => {
            let _ = writeln!(
                out,
                "Ranking: words only (no sentence-embedding model; run scripts/fetch-model.sh to add one)."
            );
        }
    }
    out
}
