package policywatch.delivery;

/**
 * A group became a supergroup with a new id while it had subscriptions from
 * {@code config/subscriptions.yml}: they now follow the new id, and the file should name it.
 *
 * @param oldChatId the id the file names
 * @param newChatId the supergroup's id
 * @param configuredSubscriptions how many of the chat's subscriptions came from the file
 */
public record ChatMigrated(long oldChatId, long newChatId, int configuredSubscriptions) {
}
