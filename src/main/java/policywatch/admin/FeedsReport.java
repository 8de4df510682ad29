package policywatch.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Service;

import policywatch.ingest.FeedPollStatusView;
import policywatch.ingest.FeedPollStatus;

/**
 * The admin's {@code /feeds}: each configured feed's health, failing ones first: status, last
 * success, consecutive failures, next poll and the last error in one line. Plain text that fits
 * one message; the chat layer escapes it.
 */
@Service
class FeedsReport {

	private static final int ERROR_CHARS = 120;

	private final FeedPollStatusView feeds;

	private final Clock clock;

	FeedsReport(FeedPollStatusView feeds, Clock clock) {
		this.feeds = feeds;
		this.clock = clock;
	}

	String render() {
		Instant now = this.clock.instant();
		List<FeedPollStatus> enabled = this.feeds.feeds()
			.stream()
			.filter(FeedPollStatus::enabled)
			.sorted(Comparator.comparing((FeedPollStatus feed) -> feed.consecutiveFailures() == 0)
				.thenComparing(FeedPollStatus::id))
			.toList();
		if (enabled.isEmpty()) {
			return "No feeds configured. Add them to feeds.yml; they start polling when the file is saved.";
		}
		List<String> items = new ArrayList<>();
		for (FeedPollStatus feed : enabled) {
			StringBuilder item = new StringBuilder().append(StatsReport.status(feed)).append("  ").append(feed.id());
			if (feed.name() != null && !feed.name().equals(feed.id())) {
				item.append(" (").append(ReplyFitter.oneLine(feed.name(), 60)).append(')');
			}
			item.append("\n   last success: ")
				.append((feed.lastSuccessAt() != null) ? StatsReport.ago(feed.lastSuccessAt(), now) : "never");
			if (feed.consecutiveFailures() > 0) {
				item.append(" · failures in a row: ").append(feed.consecutiveFailures());
			}
			if (FeedCounts.isParked(feed)) {
				item.append("\n   parked: not polled until the next reload (/reload)");
			}
			else if (feed.nextPollAt() != null) {
				item.append((feed.lastPollAt() == null) ? " · first poll " : " · next poll ")
					.append(StatsReport.in(feed.nextPollAt(), now));
			}
			if (feed.consecutiveFailures() > 0 && feed.lastError() != null) {
				item.append("\n   error: ").append(ReplyFitter.oneLine(feed.lastError(), ERROR_CHARS));
			}
			items.add(item.toString());
		}
		String header = "Feeds: " + FeedCounts.of(enabled).describe() + "\n\n";
		return ReplyFitter.fit(header, items, "", ReplyFitter.MAX_CHARS);
	}

}
