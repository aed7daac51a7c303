//! A bulletin board's thread page (SMF and the forum software like it): each post under its
//! poster's profile block (name, rank, "Posts: 212"), the thread's title again ("Re: ...")
//! and a stamp ("« Reply #2 on: March 03, 2025, 08:15:02 PM »"); a reply often opens by
//! quoting the post it answers ("Quote from: steamhead on ..."), and ends with "Logged".
//! Rewritten as the thread readers' headers ("@PetraL", "Bramble Junction wrote:"), each
//! over its own words, the quoted copies and the board's navigation dropped.

use once_cell::sync::Lazy;
use regex::Regex;

/// A post's stamp: "« on: March 03, 2025, 07:02:11 PM »", "« Reply #4 on: ... »".
static STAMP: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^«\s*(?:Reply\s+#\d+\s+)?on:\s*[^»]{4,60}»$")
        .expect("static stamp pattern compiles")
});

/// The line opening a quoted copy of another post: "Quote from: steamhead on March 03, ...",
/// "Quote".
static QUOTE_FROM: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^quote(?:\s+from:\s+.{1,80})?$").expect("static quote pattern compiles")
});

/// How many posts make a thread.
const MIN_POSTS: usize = 2;

/// The thread's posts as headers over their words, or `None` when fewer than two posts are
/// stamped.
pub(super) fn posts(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().map(str::trim).collect();
    // Per post: its stamp, where its profile block starts, its poster, its title line.
    let above = |i: usize| (0..i).rev().find(|&j| !lines[j].is_empty());
    let posts: Vec<(usize, usize, &str, &str)> = (0..lines.len())
        .filter(|&i| STAMP.is_match(lines[i]))
        .filter_map(|stamp| {
            let title = above(stamp)?;
            let block_end = above(title)?;
            let start = (0..=block_end)
                .rev()
                .find(|&j| j == 0 || lines[j - 1].is_empty())?;
            Some((stamp, start, lines[start], lines[title]))
        })
        .collect();
    if posts.len() < MIN_POSTS {
        return None;
    }
    let (_, _, _, thread) = posts[0];
    let mut out = format!("{thread}\n\n");
    for (n, &(stamp, _, poster, _)) in posts.iter().enumerate() {
        let end = posts
            .get(n + 1)
            .map_or(lines.len(), |&(_, start, _, _)| start);
        out.push_str(&match (n, poster.contains(' ')) {
            (_, true) => format!("{poster} wrote:\n\n"),
            (0, false) => format!("Posted by @{poster}\n\n"),
            (_, false) => format!("@{poster}\n\n"),
        });
        let mut quoting = false;
        for line in &lines[stamp + 1..end] {
            if line.eq_ignore_ascii_case("logged") {
                break;
            }
            if QUOTE_FROM.is_match(line) {
                quoting = true;
                continue;
            }
            if line.is_empty() {
                quoting = false;
            }
            if !quoting {
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push('\n');
    }
    Some(out)
}

pub(super) fn warm_up() {
    Lazy::force(&STAMP);
    Lazy::force(&QUOTE_FROM);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_boards_posts_are_headers_over_their_own_words() {
        let raw = "Forum » AMA\n\nPetraL\nFull Member\nPosts: 212\n\nAMA: Petra\n« on: March 03, 2025, 07:02:11 PM »\n\nHello all.\n\n Logged\n\nsteamhead\nNewbie\n\nRe: AMA: Petra\n« Reply #1 on: March 03, 2025, 07:40:55 PM »\n\nHow long did it take?\n\n Logged\n\nPetraL\nFull Member\n\nRe: AMA: Petra\n« Reply #2 on: March 03, 2025, 08:15:02 PM »\n\nQuote from: steamhead on March 03, 2025, 07:40:55 PM\nHow long did it take?\n\nNine years.\n\n Logged\n\nPages: [1] Go Up\n";
        assert_eq!(
            posts(raw).as_deref(),
            Some("AMA: Petra\n\nPosted by @PetraL\n\n\nHello all.\n\n\n@steamhead\n\n\nHow long did it take?\n\n\n@PetraL\n\n\n\nNine years.\n\n\n")
        );
        assert_eq!(posts("« on: March 03, 2025 »\nJust one.\n"), None);
    }
}
