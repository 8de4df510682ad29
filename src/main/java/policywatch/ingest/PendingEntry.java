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
 */
public record PendingEntry(long id, String feedId, String feedName, String title, String link, String description,
		String text, Instant published) {

	/**
	 * @return what subscriptions are matched against besides the title: description and article
	 * text, separated by a blank line
	 */
	public String body() {
		if (this.text.isEmpty()) {
			return this.description;
		}
		return this.description.isEmpty() ? this.text : this.description + "\n\n" + this.text;
	}

}
