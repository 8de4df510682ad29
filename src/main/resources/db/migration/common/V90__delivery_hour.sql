-- Issue 16 (web console): alerts sent, failed and held, and Telegram's 429 answers, per hour.
-- Each node adds what it counted; rows older than 30 days are deleted.
CREATE TABLE delivery_hour (
    hour_start   TIMESTAMP WITH TIME ZONE NOT NULL PRIMARY KEY,
    sent         BIGINT NOT NULL DEFAULT 0,
    failed       BIGINT NOT NULL DEFAULT 0,
    held         BIGINT NOT NULL DEFAULT 0,
    rate_limited BIGINT NOT NULL DEFAULT 0
);
