-- Near-duplicate stories: one row per entry planned while the check is on, with its fingerprint, so that
-- a restart rebuilds the in-memory index. story_id is the entry that first carried the story (itself
-- when the entry is a new story): the entries sharing a story_id are one story's sources.
CREATE TABLE story_signature (
    entry_id  BIGINT        NOT NULL PRIMARY KEY,
    story_id  BIGINT        NOT NULL,
    seen_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    feed_id   VARCHAR(64)   NOT NULL,
    title     VARCHAR(2000) NOT NULL,
    link      VARCHAR(2048),
    shingles  INTEGER       NOT NULL,
    min_hash  VARCHAR(700)  NOT NULL,
    numbers   VARCHAR(400)
);
CREATE INDEX story_signature_seen ON story_signature (seen_at);
CREATE INDEX story_signature_story ON story_signature (story_id);

-- Outbox rows are alerts (ALERT) or edits of an alert already sent (EDIT): edit_of is the alert whose
-- Telegram message the edit rewrites.
ALTER TABLE alert ADD COLUMN kind VARCHAR(8) DEFAULT 'ALERT' NOT NULL;
ALTER TABLE alert ADD COLUMN edit_of BIGINT;
