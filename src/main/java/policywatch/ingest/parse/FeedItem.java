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
 * @param pdf absolute link to a PDF document enclosed with the entry (a decision, a fact sheet), or
 * {@code null}
 */
public record FeedItem(String key, String guid, String link, String title, String description, Instant published,
		String pdf) {

	public FeedItem(String key, String guid, String link, String title, String description, Instant published) {
		this(key, guid, link, title, description, published, null);
	}

	/**
	 * @param pdf absolute link to an enclosed PDF, or {@code null}
	 * @return this entry with that PDF enclosure
	 */
	public FeedItem withPdf(String pdf) {
		return new FeedItem(this.key, this.guid, this.link, this.title, this.description, this.published, pdf);
	}

}
