package policywatch.ingest.parse;

import java.util.List;

/**
 * A parsed feed.
 *
 * @param title feed title, may be empty
 * @param link the site link, or {@code null}
 * @param items entries in document order
 */
public record ParsedFeed(String title, String link, List<FeedItem> items) {
}
