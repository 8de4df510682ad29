package policywatch.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.context.MessageSource;
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

	private final AdminTexts texts;

	FeedsReport(FeedPollStatusView feeds, Clock clock, MessageSource messages) {
		this.texts = new AdminTexts(messages);
		this.feeds = feeds;
		this.clock = clock;
	}

	String render() {
		return render(java.util.Locale.ENGLISH);
	}

	/**
	 * @return the report in the admin's language (plain text)
	 */
	String render(java.util.Locale locale) {
		AdminTexts texts = this.texts;
		Instant now = this.clock.instant();
		List<FeedPollStatus> enabled = this.feeds.feeds()
			.stream()
			.filter(FeedPollStatus::enabled)
			.sorted(Comparator.comparing((FeedPollStatus feed) -> feed.consecutiveFailures() == 0)
				.thenComparing(FeedPollStatus::id))
			.toList();
		if (enabled.isEmpty()) {
			return texts.get(locale, "bot.admin.report.noFeedsConfigured");
		}
		List<String> items = new ArrayList<>();
		for (FeedPollStatus feed : enabled) {
			StringBuilder item = new StringBuilder().append(StatsReport.status(feed, texts, locale)).append("  ").append(feed.id());
			if (feed.name() != null && !feed.name().equals(feed.id())) {
				item.append(" (").append(ReplyFitter.oneLine(feed.name(), 60)).append(')');
			}
			item.append("\n   ").append(texts.get(locale, "bot.admin.report.lastSuccess",
					(feed.lastSuccessAt() != null) ? StatsReport.ago(feed.lastSuccessAt(), now, texts, locale)
							: texts.get(locale, "bot.admin.report.never")));
			if (feed.consecutiveFailures() > 0) {
				item.append(" · ").append(texts.get(locale, "bot.admin.report.failuresInARow", feed.consecutiveFailures()));
			}
			if (FeedCounts.isParked(feed)) {
				item.append("\n   ").append(texts.get(locale, "bot.admin.report.parkedUntilReload"));
			}
			else if (feed.nextPollAt() != null) {
				item.append(" · ").append(texts.get(locale,
						(feed.lastPollAt() == null) ? "bot.admin.report.firstPoll" : "bot.admin.report.nextPoll",
						StatsReport.in(feed.nextPollAt(), now, texts, locale)));
			}
			if (feed.consecutiveFailures() > 0 && feed.lastError() != null) {
				item.append("\n   ").append(texts.get(locale, "bot.admin.report.error",
						ReplyFitter.oneLine(feed.lastError(), ERROR_CHARS)));
			}
			items.add(item.toString());
		}
		String header = texts.get(locale, "bot.admin.report.feeds", FeedCounts.of(enabled).describe(texts, locale)) + "\n\n";
		return ReplyFitter.fit(header, items, "", ReplyFitter.MAX_CHARS, (n) -> StatsReport.more(texts, locale, n));
	}

}
