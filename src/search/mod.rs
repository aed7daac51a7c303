//! The tantivy index over passages and quotes, query building, ranking, follow-up context and the
//! no-answer decision.
