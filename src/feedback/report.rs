//! What the votes say: counts per article and per week, the most down-voted questions, and the
//! down-voted questions as evaluation cases to improve on.

use std::collections::BTreeMap;

use serde_json::json;

use super::StoredVote;

/// Up and down votes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub up: u64,
    pub down: u64,
}

impl Tally {
    fn add(&mut self, up: bool) {
        if up {
            self.up += 1;
        } else {
            self.down += 1;
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub total: Tally,
    /// Per article file (`None`: the passage was not recorded), most down-voted first.
    pub by_article: Vec<(Option<String>, Tally)>,
    /// Per week, by the Monday it starts on (`YYYY-MM-DD`), oldest first.
    pub by_week: Vec<(String, Tally)>,
    /// The questions with the most down votes (at most ten), most first.
    pub most_down: Vec<(String, u64)>,
}

impl Summary {
    pub fn of(votes: &[StoredVote]) -> Self {
        let mut s = Summary::default();
        let mut articles: BTreeMap<Option<String>, Tally> = BTreeMap::new();
        let mut weeks: BTreeMap<String, Tally> = BTreeMap::new();
        let mut downs: BTreeMap<String, u64> = BTreeMap::new();
        for v in votes {
            s.total.add(v.up);
            articles
                .entry(v.article_file.clone())
                .or_default()
                .add(v.up);
            weeks.entry(week_of(v.voted_at)).or_default().add(v.up);
            if !v.up {
                *downs.entry(v.question.clone()).or_default() += 1;
            }
        }
        s.by_article = articles.into_iter().collect();
        s.by_article
            .sort_by(|a, b| b.1.down.cmp(&a.1.down).then(a.0.cmp(&b.0)));
        s.by_week = weeks.into_iter().collect();
        s.most_down = downs.into_iter().collect();
        s.most_down
            .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        s.most_down.truncate(10);
        s
    }
}

/// The down-voted questions in the evaluation-case format (`interview-bot eval`), one JSON
/// object per question: `expect_any` is left empty for whoever reads the case to fill in with
/// a phrase of the right passage (the eval refuses a case without one), and `shown` says which
/// passage the users turned down.
pub fn export_cases(votes: &[StoredVote]) -> Vec<serde_json::Value> {
    let mut by_question: BTreeMap<&str, Vec<&StoredVote>> = BTreeMap::new();
    for v in votes.iter().filter(|v| !v.up) {
        by_question.entry(v.question.as_str()).or_default().push(v);
    }
    by_question
        .into_iter()
        .enumerate()
        .map(|(i, (question, vs))| {
            let mut shown: Vec<serde_json::Value> = vs
                .iter()
                .map(|v| json!({ "file": v.article_file, "passage": v.passage }))
                .collect();
            shown.dedup();
            json!({
                "id": format!("feedback-{:03}", i + 1),
                "command": "ask",
                "query": question,
                "expect_any": [],
                "down_votes": vs.len(),
                "shown": shown,
            })
        })
        .collect()
}

/// The Monday starting the week of `unix` seconds, as `YYYY-MM-DD`.
fn week_of(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    // 1970-01-01 was a Thursday: three days after a Monday.
    let monday = days - (days + 3).rem_euclid(7);
    let (y, m, d) = civil_from_days(monday);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Howard Hinnant's days-to-civil-date: a date crate for one line of a report is not worth it.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vote(question: &str, file: &str, at: i64, up: bool) -> StoredVote {
        StoredVote {
            answer: "1".into(),
            user_hash: "h".into(),
            voted_at: at,
            guild: None,
            question: question.into(),
            history_len: 0,
            article_file: Some(file.into()),
            passage: Some(3),
            up,
        }
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(week_of(0), "1969-12-29");
        // 2026-12-01 is a Tuesday.
        assert_eq!(week_of(1_796_083_200), "2026-11-30");
    }

    #[test]
    fn the_summary_counts_per_article_week_and_question() {
        let day = 86_400;
        let votes = [
            vote("why tho", "a.txt", 0, false),
            vote("why tho", "b.txt", day, false),
            vote("who plays jess", "a.txt", 8 * day, true),
            vote("eps?", "b.txt", 8 * day, false),
        ];
        let s = Summary::of(&votes);
        assert_eq!(s.total, Tally { up: 1, down: 3 });
        assert_eq!(s.most_down[0], ("why tho".to_string(), 2));
        assert_eq!(s.by_week.len(), 2);
        assert_eq!(s.by_article[0].0.as_deref(), Some("b.txt"));
        let cases = export_cases(&votes);
        assert_eq!(cases.len(), 2, "one case per down-voted question");
        assert_eq!(cases[1]["query"], "why tho");
        assert_eq!(cases[1]["down_votes"], 2);
        assert_eq!(cases[1]["command"], "ask");
    }
}
