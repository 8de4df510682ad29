package policywatch.delivery;

import java.time.Instant;

/**
 * A row of the outbox.
 */
record OutboxAlert(long id, long entryId, long chatId, String message, int attempts, Instant createdAt) {
}
