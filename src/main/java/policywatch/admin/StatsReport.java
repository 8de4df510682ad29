package policywatch.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Service;

import policywatch.delivery.DeliveryStats;
import policywatch.ingest.FeedHealth;
import policywatch.ingest.FeedStatus;
import policywatch.subscription.Chats;
import policywatch.subscription.Subscriptions;

/**
 * The admin's {@code /stats}: each feed's last poll and status, and counts of subscribers,
 * subscriptions and alerts. Plain text; the chat layer escapes it.
 */
@Service
public class StatsReport {

	private final FeedHealth feeds;

	private final Subscriptions subscriptions;

	private final Chats chats;

	private final DeliveryStats delivery;

	private final Clock clock;

	StatsReport(FeedHealth feeds, Subscriptions subscriptions, Chats chats, DeliveryStats delivery, Clock clock) {
		this.feeds = feeds;
		this.subscriptions = subscriptions;
		this.chats = chats;
		this.delivery = delivery;
		this.clock = clock;
	}

	public String render() {
		Instant now = this.clock.instant();
		StringBuilder text = new StringBuilder("PolicyWatch stats\n\nFeeds:\n");
		int shown = 0;
		for (FeedStatus feed : this.feeds.feeds()) {
			if (!feed.enabled()) {
				continue;
			}
			shown++;
			text.append("• ").append(feed.id()).append(": ");
			if (feed.lastPollAt() == null) {
				text.append("not polled yet");
			}
			else {
				text.append(status(feed)).append(", polled ").append(ago(feed.lastPollAt(), now));
			}
			if (feed.consecutiveFailures() > 0) {
				text.append(", ").append(feed.consecutiveFailures()).append(" failure(s): ").append(feed.lastError());
			}
			text.append('\n');
		}
		if (shown == 0) {
			text.append("(none configured)\n");
		}
		text.append("\nSubscribers: ").append(this.subscriptions.countSubscribedChats())
			.append(" (active chats: ").append(this.chats.countActive()).append(")\n");
		text.append("Subscriptions: ").append(this.subscriptions.count()).append('\n');
		text.append("Alerts sent: ").append(this.delivery.sentTotal()).append(" (today: ")
			.append(this.delivery.sentToday()).append(")\n");
		text.append("Outbox backlog: ").append(this.delivery.pending()).append(", failed: ")
			.append(this.delivery.failed());
		return text.toString();
	}

	private static String status(FeedStatus feed) {
		if ("ERROR".equals(feed.lastStatus())) {
			return "FAILING";
		}
		if ("PARKED".equals(feed.lastStatus())) {
			return "PARKED";
		}
		return "OK";
	}

	static String ago(Instant then, Instant now) {
		Duration age = Duration.between(then, now);
		if (age.toSeconds() < 60) {
			return Math.max(0, age.toSeconds()) + "s ago";
		}
		if (age.toMinutes() < 120) {
			return age.toMinutes() + "m ago";
		}
		if (age.toHours() < 48) {
			return age.toHours() + "h ago";
		}
		return age.toDays() + "d ago";
	}

}
