-- Issue 16 (web console): new entries per feed and day, and each feed's last new entry.
CREATE INDEX entry_feed_seen ON entry (feed_id, first_seen_at);
