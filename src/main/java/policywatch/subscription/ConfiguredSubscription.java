package policywatch.subscription;

import java.util.List;

/**
 * A subscription an admin defined in {@code subscriptions.yml}, delivered to a chat (a group or
 * channel the bot is in).
 *
 * @param chatId the chat
 * @param query the query text
 * @param feeds the feed ids it is limited to; empty for all feeds
 * @param digest its digest schedule ({@code daily 08:00}, {@code hourly}, {@code weekly mon 08:00}),
 * or {@code null} for instant alerts
 * @param timeZone the time zone of its schedule and alert times, or {@code null} for the chat's
 */
public record ConfiguredSubscription(long chatId, String query, List<String> feeds, String digest, String timeZone) {

	public ConfiguredSubscription(long chatId, String query, List<String> feeds) {
		this(chatId, query, feeds, null, null);
	}

}
