package policywatch.archive;

import java.time.Instant;

/**
 * An archived article as search results show it.
 *
 * @param entryId the entry's id
 * @param feedId the feed's id
 * @param feedName the feed's display name when it was archived
 * @param title plain-text title
 * @param link article link, or {@code null}
 * @param published publication time, or {@code null}
 * @param archived when the entry was archived (matched)
 */
public record ArchivedArticle(long entryId, String feedId, String feedName, String title, String link,
		Instant published, Instant archived) {

	/**
	 * @return the publication time, or when it was archived for an undated entry
	 */
	public Instant time() {
		return (this.published != null) ? this.published : this.archived;
	}

}
