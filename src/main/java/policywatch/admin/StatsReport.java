package policywatch.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

	StatsReport(FeedPollStatusView feeds, Subscriptions subscriptions, Chats chats, DeliveryStats delivery, Clock clock) {
		this.feeds = feeds;
		this.subscriptions = subscriptions;
		this.chats = chats;
		this.delivery = delivery;
		this.clock = clock;
	}

	public String render() {
		Instant now = this.clock.instant();
		List<FeedPollStatus> all = this.feeds.feeds();
		FeedCounts counts = FeedCounts.of(all);
		String header = "PolicyWatch stats\n\nFeeds: " + counts.describe() + "\n";
		List<String> lines = new ArrayList<>();
		for (FeedPollStatus feed : all) {
			if (!feed.enabled()) {
				continue;
			}
			StringBuilder line = new StringBuilder("• ").append(feed.id()).append(": ");
			if (feed.lastPollAt() == null) {
				line.append("not polled yet");
			}
			else {
				line.append(status(feed)).append(", polled ").append(ago(feed.lastPollAt(), now));
			}
			if (feed.consecutiveFailures() > 0) {
				line.append(", ").append(feed.consecutiveFailures()).append(" failure(s): ")
					.append(ReplyFitter.oneLine(feed.lastError(), 80));
			}
			lines.add(line.toString());
		}
		if (lines.isEmpty()) {
			lines.add("(none configured)");
		}
		String footer = "\nSubscribers: " + this.subscriptions.countSubscribedChats() + " (active chats: "
				+ this.chats.countActive() + ")\n" + "Subscriptions: " + this.subscriptions.count() + "\n"
				+ "Alerts sent: " + this.delivery.sentTotal() + " (today: " + this.delivery.sentToday() + ")\n"
				+ "Outbox backlog: " + this.delivery.pending() + ", failed: " + this.delivery.failed();
		return ReplyFitter.fit(header, lines, footer, ReplyFitter.MAX_CHARS);
	}

	static String status(FeedPollStatus feed) {
		if (FeedCounts.isParked(feed)) {
			return "PARKED";
		}
		if ("ERROR".equals(feed.lastStatus()) || feed.consecutiveFailures() > 0) {
			return "FAILING";
		}
		return "OK";
	}

	static String ago(Instant then, Instant now) {
		return span(Duration.between(then, now)) + " ago";
	}

	static String in(Instant then, Instant now) {
		Duration wait = Duration.between(now, then);
		return wait.isNegative() || wait.isZero() ? "now" : "in " + span(wait);
	}

	private static String span(Duration age) {
		if (age.toSeconds() < 60) {
			return Math.max(0, age.toSeconds()) + "s";
		}
		if (age.toMinutes() < 120) {
			return age.toMinutes() + "m";
		}
		if (age.toHours() < 48) {
			return age.toHours() + "h";
		}
		return age.toDays() + "d";
	}

}
