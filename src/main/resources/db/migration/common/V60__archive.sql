-- The recent archive: a copy of each new entry's text, title, feed and link, kept for
-- policywatch.archive.retention (the entry's identity in the entry table stays forever).
-- The source of truth for /recent and the subscribe preview; the Lucene index in
-- <data-dir>/archive-index is rebuilt from it.
CREATE TABLE archived_article (
    entry_id     BIGINT         PRIMARY KEY,
    feed_id      VARCHAR(64)    NOT NULL,
    feed_name    VARCHAR(500)   NOT NULL,
    title        VARCHAR(2000)  NOT NULL,
    link         VARCHAR(2048),
    body         VARCHAR(1200000) NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE,
    archived_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX archived_article_at ON archived_article (archived_at, entry_id);
