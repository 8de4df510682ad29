package policywatch.ingest;

import java.time.Instant;

/**
 * A feed's health, for admins.
 *
 * @param id feed id
 * @param name display name
 * @param enabled whether it is in the current configuration
 * @param lastPollAt last poll, or {@code null}
 * @param lastSuccessAt last successful poll, or {@code null}
 * @param lastStatus {@code OK}, {@code NOT_MODIFIED}, {@code ERROR}, or {@code null} before the first poll
 * @param lastError the last error in one line, or {@code null}
 * @param consecutiveFailures failures since the last success
 * @param nextPollAt when it is polled next
 */
public record FeedPollStatus(String id, String name, boolean enabled, Instant lastPollAt, Instant lastSuccessAt,
		String lastStatus, String lastError, int consecutiveFailures, Instant nextPollAt) {

	public boolean healthy() {
		return this.consecutiveFailures == 0;
	}

	/**
	 * @return whether it failed too often and is no longer polled (until a reload or an un-park)
	 */
	public boolean parked() {
		return "PARKED".equals(this.lastStatus);
	}

}
