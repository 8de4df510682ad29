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

	String describe(AdminTexts texts, java.util.Locale locale) {
		if (this.enabled == 0) {
			return texts.get(locale, "bot.admin.report.counts", this.enabled);
		}
		StringBuilder text = new StringBuilder(
				texts.get(locale, "bot.admin.report.countsDetail", this.enabled, this.healthy, this.failing));
		if (this.parked > 0) {
			text.append(texts.get(locale, "bot.admin.report.countsParked", this.parked));
		}
		if (this.waiting > 0) {
			text.append(texts.get(locale, "bot.admin.report.countsWaiting", this.waiting));
		}
		return text.toString();
	}

}
