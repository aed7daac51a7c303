-- One vote per user per answer, changeable: a later click replaces the earlier one.
-- Portable SQL: the same migration runs on SQLite and PostgreSQL.
CREATE TABLE votes (
    answer_id    TEXT   NOT NULL, -- the interaction or message that asked (a snowflake)
    user_hash    TEXT   NOT NULL, -- a keyed hash of the voter's id, never the id itself
    voted_at     BIGINT NOT NULL, -- Unix seconds
    guild_id     TEXT,            -- NULL in DMs and user installs outside a server
    question     TEXT   NOT NULL,
    history_len  BIGINT NOT NULL, -- earlier questions of the conversation it was asked in
    article_file TEXT,            -- the passage shown when the vote was cast
    passage_id   BIGINT,
    vote         BIGINT NOT NULL, -- +1 or -1
    PRIMARY KEY (answer_id, user_hash)
);

CREATE INDEX votes_by_time ON votes (voted_at);
