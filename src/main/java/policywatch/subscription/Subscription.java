package policywatch.subscription;

/**
 * A stored subscription.
 *
 * @param id its id, shown to the user
 * @param chatId the chat that receives its alerts
 * @param query the query text as the user typed it
 * @param origin {@code CHAT} or {@code CONFIG} (admin-defined)
 */
public record Subscription(long id, long chatId, String query, String origin) {
}
