//! Answer quality measured inside the project: evaluation cases (JSONL, the format of
//! `tests/fixtures/eval/*.jsonl`) run through the engine in one process, reported per kind of
//! case, and again with each ranking lever switched off in turn (an ablation), so one run says
//! what every lever adds.
//!
//! A case passes as `score.py` judges it: a no-answer case when the engine declines; an `ask` or
//! `quote` case when the first result contains one of the expected phrases (ignoring case,
//! quote styles and white space) in a passage of at most [`MAX_CHARS`], and for a quote when the
//! result's speaker contains the expected one.

use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use crate::search::{AskQuery, Engine, Hit, Levers, QuoteQuery};

/// A passage longer than this never counts as an answer (an article is not an answer).
pub const MAX_CHARS: usize = 1600;

/// How far down the results the reciprocal rank looks.
const RANK_DEPTH: usize = 10;

/// One evaluation case.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    pub id: String,
    /// `ask` or `quote`.
    pub command: String,
    pub query: String,
    #[serde(default)]
    pub history: Vec<String>,
    /// `"no_answer"` when the articles do not answer the question.
    #[serde(default)]
    pub expect: Option<String>,
    #[serde(default)]
    pub expect_any: Vec<String>,
    /// For quote cases: who must be credited.
    #[serde(default)]
    pub speaker: Option<String>,
}

impl Case {
    pub fn expects_no_answer(&self) -> bool {
        self.expect.as_deref() == Some("no_answer")
    }

    /// `no_answer`, `quote` or `ask`: the rows of the report.
    pub fn kind(&self) -> &'static str {
        if self.expects_no_answer() {
            "no_answer"
        } else if self.command == "quote" {
            "quote"
        } else {
            "ask"
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}, line {line}: {message}")]
    Case {
        path: String,
        line: usize,
        message: String,
    },
}

/// Reads a JSONL file of cases; a bad line is an error naming the file and the line.
pub fn load_cases(path: &Path) -> Result<Vec<Case>, EvalError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Read {
        path: shown.clone(),
        source,
    })?;
    let mut cases = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let case: Case = serde_json::from_str(line).map_err(|e| EvalError::Case {
            path: shown.clone(),
            line: i + 1,
            message: e.to_string(),
        })?;
        if !matches!(case.command.as_str(), "ask" | "quote") {
            return Err(EvalError::Case {
                path: shown,
                line: i + 1,
                message: format!(
                    "command must be \"ask\" or \"quote\", not {:?}",
                    case.command
                ),
            });
        }
        if !case.expects_no_answer() && case.expect_any.is_empty() {
            return Err(EvalError::Case {
                path: shown,
                line: i + 1,
                message: "a case needs \"expect_any\" phrases or \"expect\": \"no_answer\"".into(),
            });
        }
        cases.push(case);
    }
    Ok(cases)
}

/// What became of one case.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub passed: bool,
    /// 1-based rank of the first result holding an expected phrase (and speaker, for quotes).
    pub rank: Option<usize>,
    pub declined: bool,
    /// The first result's opening words, for a person reading failures.
    pub shown: String,
}

fn norm(s: &str) -> String {
    let s = s
        .to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace(['\u{2013}', '\u{2014}'], "-");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn holds(case: &Case, hit: &Hit) -> bool {
    if hit.text.chars().count() > MAX_CHARS {
        return false;
    }
    let text = norm(&hit.text);
    let phrase = case.expect_any.iter().any(|p| text.contains(&norm(p)));
    let speaker = match (&case.speaker, case.command.as_str()) {
        (Some(want), "quote") => hit
            .speaker
            .as_deref()
            .is_some_and(|got| norm(got).contains(&norm(want))),
        _ => true,
    };
    phrase && speaker
}

/// Runs one case through the engine.
pub fn run_case(engine: &Engine, case: &Case) -> Outcome {
    let answer = if case.command == "quote" {
        engine.quote(&QuoteQuery {
            topic: &case.query,
            speaker: None,
            limit: RANK_DEPTH,
        })
    } else {
        engine.ask(&AskQuery {
            question: &case.query,
            history: &case.history,
            limit: RANK_DEPTH,
        })
    };
    let declined = !answer.answered;
    let rank = if declined {
        None
    } else {
        answer
            .results
            .iter()
            .position(|h| holds(case, h))
            .map(|i| i + 1)
    };
    let passed = if case.expects_no_answer() {
        declined
    } else {
        rank == Some(1)
    };
    let shown = answer
        .results
        .first()
        .map(|h| {
            h.text
                .chars()
                .take(90)
                .collect::<String>()
                .replace('\n', " ")
        })
        .unwrap_or_else(|| "(declined)".into());
    Outcome {
        passed,
        rank,
        declined,
        shown,
    }
}

/// Figures for one kind of case.
#[derive(Debug, Clone, Default)]
pub struct KindFigures {
    pub cases: usize,
    pub top1: usize,
    pub hit3: usize,
    pub reciprocal_ranks: f64,
}

/// Figures for a whole set.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Rows in a fixed order: ask, quote, no_answer.
    pub kinds: Vec<(&'static str, KindFigures)>,
    /// Declined and should have been.
    pub declined_right: usize,
    /// Declined but answerable.
    pub declined_wrong: usize,
    /// Should have been declined.
    pub should_decline: usize,
    pub passed: usize,
    pub total: usize,
}

impl Report {
    /// Share of declines that were right (1 when nothing was declined).
    pub fn no_answer_precision(&self) -> f64 {
        let declined = self.declined_right + self.declined_wrong;
        if declined == 0 {
            1.0
        } else {
            self.declined_right as f64 / declined as f64
        }
    }

    /// Share of unanswerable cases that were declined (1 when there were none).
    pub fn no_answer_recall(&self) -> f64 {
        if self.should_decline == 0 {
            1.0
        } else {
            self.declined_right as f64 / self.should_decline as f64
        }
    }
}

/// Runs every case; `each` sees every case with its outcome (for `--verbose`).
pub fn evaluate(engine: &Engine, cases: &[Case], mut each: impl FnMut(&Case, &Outcome)) -> Report {
    let mut report = Report {
        kinds: ["ask", "quote", "no_answer"]
            .into_iter()
            .map(|k| (k, KindFigures::default()))
            .collect(),
        ..Report::default()
    };
    for case in cases {
        let outcome = run_case(engine, case);
        each(case, &outcome);
        report.total += 1;
        report.passed += usize::from(outcome.passed);
        if case.expects_no_answer() {
            report.should_decline += 1;
            report.declined_right += usize::from(outcome.declined);
        } else {
            report.declined_wrong += usize::from(outcome.declined);
        }
        if let Some((_, k)) = report.kinds.iter_mut().find(|(k, _)| *k == case.kind()) {
            k.cases += 1;
            k.top1 += usize::from(outcome.passed);
            if case.expects_no_answer() {
                continue;
            }
            if let Some(r) = outcome.rank {
                k.hit3 += usize::from(r <= 3);
                k.reciprocal_ranks += 1.0 / r as f64;
            }
        }
    }
    report.kinds.retain(|(_, k)| k.cases > 0);
    report
}

/// The report as a table for a terminal.
pub fn render(name: &str, report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{name}: {} passed, {} failed",
        report.passed,
        report.total - report.passed
    );
    let _ = writeln!(
        out,
        "  {:<10} {:>5} {:>6} {:>6} {:>6}",
        "kind", "cases", "top-1", "hit@3", "MRR"
    );
    for (kind, k) in &report.kinds {
        if *kind == "no_answer" {
            let _ = writeln!(
                out,
                "  {kind:<10} {:>5} {:>6} {:>6} {:>6}",
                k.cases, k.top1, "-", "-"
            );
        } else {
            let _ = writeln!(
                out,
                "  {kind:<10} {:>5} {:>6} {:>6} {:>6.3}",
                k.cases,
                k.top1,
                k.hit3,
                k.reciprocal_ranks / k.cases.max(1) as f64
            );
        }
    }
    let _ = writeln!(
        out,
        "  no-answer: precision {:.2} recall {:.2} ({} declined right, {} answerable declined)",
        report.no_answer_precision(),
        report.no_answer_recall(),
        report.declined_right,
        report.declined_wrong
    );
    out
}

/// The whole run and the same with each lever off, one line per lever.
pub fn ablation(engine: &mut Engine, cases: &[Case]) -> String {
    let all = engine.levers();
    let base = evaluate(engine, cases, |_, _| {});
    let mut out = String::new();
    let _ = writeln!(
        out,
        "  {:<22} {:>6} {:>8} {:>9}",
        "lever off", "passed", "ask MRR", "declined"
    );
    let line = |out: &mut String, name: &str, r: &Report| {
        let mrr = r
            .kinds
            .iter()
            .find(|(k, _)| *k == "ask")
            .map_or(0.0, |(_, k)| k.reciprocal_ranks / k.cases.max(1) as f64);
        let _ = writeln!(
            out,
            "  {name:<22} {:>6} {mrr:>8.3} {:>4}/{:<4}",
            r.passed, r.declined_right, r.declined_wrong
        );
    };
    line(&mut out, "(none: all on)", &base);
    for (name, levers) in Levers::each_off(all) {
        engine.set_levers(levers);
        let r = evaluate(engine, cases, |_, _| {});
        line(&mut out, name, &r);
    }
    engine.set_levers(all);
    out
}
