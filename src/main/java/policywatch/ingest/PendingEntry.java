package policywatch.ingest;

import java.time.Instant;

/**
 * A new entry waiting to be matched.
 *
 * @param id entry id
 * @param feedId the feed's id
 * @param feedName the feed's display name
 * @param title plain-text title
 * @param link article link, or {@code null}
 * @param description plain-text feed description, may be empty
 * @param text extracted article text, may be empty
 * @param published publication time, or {@code null}
 * @param body what subscriptions are matched against besides the title: description and article
 * text, separated by a blank line (joined once, as every chat's alert reads it)
 */
public record PendingEntry(long id, String feedId, String feedName, String title, String link, String description,
		String text, Instant published, String body) {

	public PendingEntry(long id, String feedId, String feedName, String title, String link, String description,
			String text, Instant published) {
		this(id, feedId, feedName, title, link, description, text, published, join(description, text));
	}

	private static String join(String description, String text) {
		if (text.isEmpty()) {
			return description;
		}
		return description.isEmpty() ? text : description + "\n\n" + text;
	}

}
