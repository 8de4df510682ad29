package policywatch.delivery;

import java.time.Instant;

/**
 * A pending row of the outbox, with what a digest needs of its entry.
 *
 * @param id alert id
 * @param entryId entry id
 * @param chatId the chat
 * @param attempts failed attempts so far
 * @param createdAt when it was planned
 * @param title the entry's title
 * @param link the entry's link, or {@code null}
 * @param backlog how many alerts the chat has pending in all
 * @param edit whether the row edits an alert already sent (a near-duplicate's "Also:" sources)
 * instead of being an alert
 * @param digest whether the row carries a built digest (sent as it is, never folded)
 * @param buttons the alert's inline keyboard ({@link Keyboard#encode}), or {@code null}
 */
record OutboxAlert(long id, long entryId, long chatId, int attempts, Instant createdAt, String title,
		String link, int backlog, boolean edit, boolean digest, String buttons) {

	OutboxAlert(long id, long entryId, long chatId, int attempts, Instant createdAt, String title, String link,
			int backlog) {
		this(id, entryId, chatId, attempts, createdAt, title, link, backlog, false, false, null);
	}

	OutboxAlert(long id, long entryId, long chatId, int attempts, Instant createdAt, String title, String link,
			int backlog, boolean edit) {
		this(id, entryId, chatId, attempts, createdAt, title, link, backlog, edit, false, null);
	}

	OutboxAlert(long id, long entryId, long chatId, int attempts, Instant createdAt, String title, String link,
			int backlog, boolean digest, String buttons) {
		this(id, entryId, chatId, attempts, createdAt, title, link, backlog, false, digest, buttons);
	}

}
