//! Articles saved as HTML, or copied with HTML's escapes left in: the text a reader would see,
//! with the structure the rest of the reader understands (paragraphs, headings as Markdown
//! headings, bold as Markdown bold, list items as bullets).

use std::borrow::Cow;

use once_cell::sync::Lazy;
use regex::{Captures, Regex};

/// A tag of the HTML that articles are written in. Counting these, not any `<...>`, keeps a
/// plain-text article that mentions "<3" or "a <b>" from being read as markup.
static TAG: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)</?(?:p|div|h[1-6]|br|hr|strong|b|em|i|u|li|ul|ol|blockquote|span|a|article|section|header|footer|figure|figcaption|img|html|body|head|title|main|nav|aside|time|small|sup|sub|table|tr|td|th|tbody|thead)\b[^<>]*>")
        .expect("static tag pattern compiles")
});

/// Elements whose content is never text: scripts, styles, navigation and the like.
static HIDDEN: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?is)<(script|style|noscript|nav|template|svg|iframe)\b[^<>]*>.*?</(script|style|noscript|nav|template|svg|iframe)\s*>|<!--.*?-->")
        .expect("static hidden pattern compiles")
});

static HEADING: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?is)<(h[1-6]|title)\b[^<>]*>(.*?)</(?:h[1-6]|title)\s*>")
        .expect("static heading pattern compiles")
});

/// Any remaining tag, or an entity-like `&...;`.
static ANY_TAG: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"<[^<>]{1,500}>").expect("static tag pattern compiles"));

static ENTITY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"&(?:[A-Za-z]{2,8}|#\d{2,6}|#[xX][0-9A-Fa-f]{2,5});")
        .expect("static entity pattern")
});

/// How many article tags make a text HTML rather than prose that mentions one.
const MIN_TAGS: usize = 3;

/// The article as text: HTML turned into paragraphs, and entities ("&amp;", "&#8217;")
/// decoded. A plain-text article without entities comes back unchanged.
pub fn to_text(raw: &str) -> Cow<'_, str> {
    let text = if TAG.find_iter(raw).take(MIN_TAGS).count() >= MIN_TAGS {
        Cow::Owned(html_to_text(raw))
    } else {
        Cow::Borrowed(raw)
    };
    decode_entities(text)
}

/// `text` with its entities ("&amp;", "&#8217;") decoded; unchanged without any. WebVTT
/// captions escape "&" and "<" this way too.
pub fn decode_entities(text: Cow<'_, str>) -> Cow<'_, str> {
    if ENTITY.is_match(&text) {
        Cow::Owned(html_escape::decode_html_entities(&text).into_owned())
    } else {
        text
    }
}

fn html_to_text(raw: &str) -> String {
    // Source line breaks are layout, not text: HTML breaks where its tags say.
    let flat = raw.replace(['\r', '\n'], " ");
    let shown = HIDDEN.replace_all(&flat, " ");
    let headed = HEADING.replace_all(&shown, |c: &Captures<'_>| {
        let inner = ANY_TAG.replace_all(&c[2], "");
        format!("\n\n# {}\n\n", inner.trim())
    });
    let text = ANY_TAG.replace_all(&headed, |c: &Captures<'_>| {
        let tag = c[0].to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('<')
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        match name.as_str() {
            "br" => "\n",
            "li" if !tag.starts_with("</") => "\n\n- ",
            "strong" | "b" => "**",
            "p" | "div" | "blockquote" | "li" | "ul" | "ol" | "article" | "section" | "header"
            | "footer" | "figure" | "figcaption" | "main" | "aside" | "hr" | "tr" | "table"
            | "body" | "html" | "head" => "\n\n",
            "td" | "th" => " ",
            _ => "",
        }
    });
    // Bold that opened or closed against a line break would not read as bold.
    text.lines()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_paragraphs_headings_and_bold() {
        let t = to_text(
            "<h1>Five minutes with Tomas Greer</h1>\n<p>The designer of &quot;Copperfield Lane&quot; on wool &amp; moths.</p>\n<p><strong>How many costumes?</strong></p><p>Around four hundred.&nbsp;About half were hired.<br>We had moths.</p><script>var x = '<p>no</p>';</script>",
        );
        assert!(t.contains("# Five minutes with Tomas Greer"), "{t}");
        assert!(
            t.contains("The designer of \"Copperfield Lane\" on wool & moths."),
            "{t}"
        );
        assert!(t.contains("\n**How many costumes?**\n"), "{t}");
        assert!(
            t.contains("Around four hundred.\u{a0}About half were hired.\nWe had moths."),
            "{t}"
        );
        assert!(!t.contains('<') && !t.contains("var x"), "{t}");
    }

    #[test]
    fn plain_text_keeps_its_angle_brackets_and_loses_its_escapes() {
        assert_eq!(
            to_text("I <3 this show, a <b> tag aside."),
            "I <3 this show, a <b> tag aside."
        );
        assert_eq!(to_text("Tom &amp; Jerry&#8217;s"), "Tom & Jerry\u{2019}s");
        assert!(matches!(to_text("plain"), Cow::Borrowed(_)));
    }
}
