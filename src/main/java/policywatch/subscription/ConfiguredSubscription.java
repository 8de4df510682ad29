package policywatch.subscription;

import java.util.List;

/**
 * A subscription an admin defined in {@code subscriptions.yml}, delivered to a chat (a group or
 * channel the bot is in).
 *
 * @param chatId the chat
 * @param query the query text
 * @param feeds the feed ids it is limited to; empty for all feeds
 */
public record ConfiguredSubscription(long chatId, String query, List<String> feeds) {
}
