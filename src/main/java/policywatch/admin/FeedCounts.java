package policywatch.admin;

import java.util.List;

import policywatch.ingest.FeedPollStatus;

/**
 * The enabled feeds by state.
 *
 * @param enabled feeds in the configuration
 * @param healthy polled successfully last time
 * @param failing failed last time (parked ones included)
 * @param parked no longer polled after too many failures
 * @param waiting not polled yet
 */
record FeedCounts(int enabled, int healthy, int failing, int parked, int waiting) {

	static FeedCounts of(List<FeedPollStatus> feeds) {
		int enabled = 0;
		int healthy = 0;
		int failing = 0;
		int parked = 0;
		int waiting = 0;
		for (FeedPollStatus feed : feeds) {
			if (!feed.enabled()) {
				continue;
			}
			enabled++;
			if (isParked(feed)) {
				parked++;
				failing++;
			}
			else if (feed.consecutiveFailures() > 0) {
				failing++;
			}
			else if (feed.lastPollAt() == null) {
				waiting++;
			}
			else {
				healthy++;
			}
		}
		return new FeedCounts(enabled, healthy, failing, parked, waiting);
	}

	static boolean isParked(FeedPollStatus feed) {
		return "PARKED".equals(feed.lastStatus());
	}

	String describe() {
		StringBuilder text = new StringBuilder().append(this.enabled).append(" enabled");
		if (this.enabled > 0) {
			text.append(": ").append(this.healthy).append(" healthy, ").append(this.failing).append(" failing");
			if (this.parked > 0) {
				text.append(" (").append(this.parked).append(" parked)");
			}
			if (this.waiting > 0) {
				text.append(", ").append(this.waiting).append(" not polled yet");
			}
		}
		return text.toString();
	}

}
