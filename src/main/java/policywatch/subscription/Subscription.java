package policywatch.subscription;

import java.util.List;

/**
 * A stored subscription.
 *
 * @param id its id, shown to the user
 * @param chatId the chat that receives its alerts
 * @param query the query text as the user typed it
 * @param origin {@code CHAT} or {@code CONFIG} (admin-defined)
 * @param feeds the feed ids it is limited to; empty for all feeds
 */
public record Subscription(long id, long chatId, String query, String origin, List<String> feeds) {

	public Subscription(long id, long chatId, String query, String origin) {
		this(id, chatId, query, origin, List.of());
	}

	/**
	 * @return whether entries of this feed are matched against it
	 */
	public boolean covers(String feedId) {
		return this.feeds.isEmpty() || this.feeds.contains(feedId);
	}

}
