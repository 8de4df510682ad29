package policywatch.ingest.parse;

import java.time.Instant;

/**
 * One feed entry. Its identity ({@link #key()}) is decided here, once.
 *
 * @param key stable identity within the feed: the guid, else the canonical link, else a hash of
 * title and date (at most 512 characters)
 * @param guid the entry's guid/id, or {@code null}
 * @param link absolute link to the article, or {@code null}
 * @param title plain-text title (markup removed, entities decoded), may be empty
 * @param description plain-text description/summary/content, may be empty
 * @param published publication (else update) time, or {@code null}
 */
public record FeedItem(String key, String guid, String link, String title, String description, Instant published) {
}
