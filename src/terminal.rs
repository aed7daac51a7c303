//! Terminal mode: `ask`, `quote`, `sources` and `chat` rendered for a person or as JSON.
