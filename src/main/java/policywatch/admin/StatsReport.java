package policywatch.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import policywatch.delivery.DeliveryStats;
import policywatch.ingest.FeedPollStatusView;
import policywatch.ingest.FeedPollStatus;
import policywatch.subscription.Chats;
import policywatch.subscription.Subscriptions;

/**
 * The admin's {@code /stats}: feeds healthy and failing (and each feed's last poll), counts of
 * subscribers and subscriptions, alerts sent today and in total, and the outbox backlog. Plain
 * text that fits one message; the chat layer escapes it.
 */
@Service
public class StatsReport {

	private final FeedPollStatusView feeds;

	private final Subscriptions subscriptions;

	private final Chats chats;

	private final DeliveryStats delivery;

	private final Clock clock;

	private final AdminTexts texts;

	StatsReport(FeedPollStatusView feeds, Subscriptions subscriptions, Chats chats, DeliveryStats delivery, Clock clock,
			MessageSource messages) {
		this.texts = new AdminTexts(messages);
		this.feeds = feeds;
		this.subscriptions = subscriptions;
		this.chats = chats;
		this.delivery = delivery;
		this.clock = clock;
	}

	public String render() {
		return render(java.util.Locale.ENGLISH);
	}

	/**
	 * @return the report in the admin's language (plain text)
	 */
	public String render(java.util.Locale locale) {
		AdminTexts texts = this.texts;
		Instant now = this.clock.instant();
		List<FeedPollStatus> all = this.feeds.feeds();
		FeedCounts counts = FeedCounts.of(all);
		String header = texts.get(locale, "bot.admin.report.statsTitle") + "\n\n"
				+ texts.get(locale, "bot.admin.report.feeds", counts.describe(texts, locale)) + "\n";
		List<String> lines = new ArrayList<>();
		for (FeedPollStatus feed : all) {
			if (!feed.enabled()) {
				continue;
			}
			StringBuilder line = new StringBuilder("• ").append(feed.id()).append(": ");
			if (feed.lastPollAt() == null) {
				line.append(texts.get(locale, "bot.admin.report.notPolled"));
			}
			else {
				line.append(texts.get(locale, "bot.admin.report.polled", status(feed, texts, locale),
						ago(feed.lastPollAt(), now, texts, locale)));
			}
			if (feed.consecutiveFailures() > 0) {
				line.append(texts.get(locale, "bot.admin.report.failures", feed.consecutiveFailures(),
						ReplyFitter.oneLine(feed.lastError(), 80)));
			}
			lines.add(line.toString());
		}
		if (lines.isEmpty()) {
			lines.add(texts.get(locale, "bot.admin.report.noFeeds"));
		}
		String footer = "\n" + texts.get(locale, "bot.admin.report.statsFooter", this.subscriptions.countSubscribedChats(),
				this.chats.countActive(), this.subscriptions.count(), this.delivery.sentTotal(), this.delivery.sentToday(),
				this.delivery.pending(), this.delivery.failed());
		return ReplyFitter.fit(header, lines, footer, ReplyFitter.MAX_CHARS, (n) -> more(texts, locale, n));
	}

	static String more(AdminTexts texts, java.util.Locale locale, int count) {
		return texts.get(locale, "bot.admin.report.more", count) + "\n";
	}

	static String status(FeedPollStatus feed, AdminTexts texts, java.util.Locale locale) {
		if (FeedCounts.isParked(feed)) {
			return texts.get(locale, "bot.admin.report.parked");
		}
		if ("ERROR".equals(feed.lastStatus()) || feed.consecutiveFailures() > 0) {
			return texts.get(locale, "bot.admin.report.failing");
		}
		return texts.get(locale, "bot.admin.report.ok");
	}

	static String ago(Instant then, Instant now, AdminTexts texts, java.util.Locale locale) {
		return texts.get(locale, "bot.admin.report.ago", span(Duration.between(then, now), texts, locale));
	}

	static String in(Instant then, Instant now, AdminTexts texts, java.util.Locale locale) {
		Duration wait = Duration.between(now, then);
		return wait.isNegative() || wait.isZero() ? texts.get(locale, "bot.admin.report.now")
				: texts.get(locale, "bot.admin.report.in", span(wait, texts, locale));
	}

	private static String span(Duration age, AdminTexts texts, java.util.Locale locale) {
		if (age.toSeconds() < 60) {
			return texts.get(locale, "bot.admin.report.seconds", Math.max(0, age.toSeconds()));
		}
		if (age.toMinutes() < 120) {
			return texts.get(locale, "bot.admin.report.minutes", age.toMinutes());
		}
		if (age.toHours() < 48) {
			return texts.get(locale, "bot.admin.report.hours", age.toHours());
		}
		return texts.get(locale, "bot.admin.report.days", age.toDays());
	}

}
