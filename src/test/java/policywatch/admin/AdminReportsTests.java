package policywatch.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import policywatch.delivery.DeliveryStats;
import policywatch.ingest.FeedPollStatusView;
import policywatch.ingest.FeedPollStatus;
import policywatch.subscription.Chats;
import policywatch.subscription.Subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * /stats, /feeds and the feeds health indicator, from the same feed states.
 */
class AdminReportsTests {

	private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

	private final FeedPollStatusView health = mock(FeedPollStatusView.class);

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@Test
	void feedsShowsFailingFirstWithLastSuccessErrorFailuresAndNextPoll() {
		given(this.health.feeds()).willReturn(List.of(ok("news", "Policy News"),
				failing("broken", 3, "HTTP 500 Internal\nServer Error"), waiting("fresh"),
				parked("dead"), removed("old")));

		String text = new FeedsReport(this.health, this.clock, policywatch.testing.TestMessages.create()).render();

		assertThat(text).isEqualTo("""
				Feeds: 4 enabled: 1 healthy, 2 failing (1 parked), 1 not polled yet

				FAILING  broken
				   last success: 2h ago · failures in a row: 3 · next poll in 5m
				   error: HTTP 500 Internal Server Error
				PARKED  dead
				   last success: never · failures in a row: 20
				   parked: not polled until the next reload (/reload)
				   error: connection refused
				OK  fresh
				   last success: never · first poll now
				OK  news (Policy News)
				   last success: 3m ago · next poll in 7m""");
	}

	@Test
	void longListsAreCutWithACount() {
		List<FeedPollStatus> many = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			many.add(failing("feed-" + String.format("%03d", i), 2, "x".repeat(300)));
		}
		given(this.health.feeds()).willReturn(many);

		String text = new FeedsReport(this.health, this.clock, policywatch.testing.TestMessages.create()).render();

		assertThat(text.length()).isLessThanOrEqualTo(ReplyFitter.MAX_CHARS);
		assertThat(text).containsPattern("… and \\d+ more$").contains("feed-000").doesNotContain("feed-199");
		int shown = text.split("FAILING  feed-").length - 1;
		assertThat(text).endsWith("… and " + (200 - shown) + " more");
	}

	@Test
	void statsCountHealthyAndFailingFeedsAndAlerts() {
		given(this.health.feeds()).willReturn(List.of(ok("news", "Policy News"), failing("broken", 3, "HTTP 500")));
		Subscriptions subscriptions = mock(Subscriptions.class);
		given(subscriptions.count()).willReturn(7L);
		given(subscriptions.countSubscribedChats()).willReturn(4L);
		Chats chats = mock(Chats.class);
		given(chats.countActive()).willReturn(5L);
		DeliveryStats delivery = mock(DeliveryStats.class);
		given(delivery.sentTotal()).willReturn(120L);
		given(delivery.sentToday()).willReturn(9L);
		given(delivery.pending()).willReturn(2L);
		given(delivery.failed()).willReturn(1L);

		String text = new StatsReport(this.health, subscriptions, chats, delivery, this.clock, policywatch.testing.TestMessages.create()).render();

		assertThat(text).isEqualTo("""
				PolicyWatch stats

				Feeds: 2 enabled: 1 healthy, 1 failing
				• news: OK, polled 3m ago
				• broken: FAILING, polled 1m ago, 3 failure(s): HTTP 500

				Subscribers: 4 (active chats: 5)
				Subscriptions: 7
				Alerts sent: 120 (today: 9)
				Outbox backlog: 2, failed: 1""");
	}

	@Test
	void adminsReadTheReportsInTheirLanguage() {
		given(this.health.feeds()).willReturn(List.of(ok("news", "Policy News"), failing("broken", 3, "HTTP 500"),
				parked("dead")));
		FeedsReport feeds = new FeedsReport(this.health, this.clock, policywatch.testing.TestMessages.create());
		assertThat(feeds.render(java.util.Locale.forLanguageTag("ru"))).startsWith(
				"Ленты: включено 3: исправны 1, со сбоями 2 (отключено 1)\n\nСБОЙ  broken\n"
						+ "   последний успех: 2 ч назад · сбоев подряд: 3 · следующий опрос через 5 мин\n   ошибка: HTTP 500")
			.contains("ОТКЛЮЧЕНА  dead", "OK  news (Policy News)");
		assertThat(feeds.render(java.util.Locale.CHINESE)).startsWith("订阅源：已启用 3 个：正常 1 个，出错 2 个（已停用 1 个）");
		assertThat(feeds.render(java.util.Locale.ENGLISH)).isEqualTo(new FeedsReport(this.health, this.clock, policywatch.testing.TestMessages.create()).render());
		Subscriptions subscriptions = mock(Subscriptions.class);
		given(subscriptions.count()).willReturn(12345L);
		StatsReport stats = new StatsReport(this.health, subscriptions, mock(Chats.class), mock(DeliveryStats.class),
				this.clock, policywatch.testing.TestMessages.create());
		assertThat(stats.render(java.util.Locale.forLanguageTag("pt"))).startsWith("Estatísticas do PolicyWatch\n\nFontes: ")
			.contains("• news: OK, consultada há 3min", "Assinaturas: 12345\n");
	}

	@Test
	void feedsHealthIsDownOnlyWhenEveryEnabledFeedFails() {
		FeedsHealthIndicator indicator = new FeedsHealthIndicator(this.health);

		given(this.health.feeds()).willReturn(List.of());
		assertThat(indicator.health().getStatus()).as("no feeds").isEqualTo(Status.UP);

		given(this.health.feeds()).willReturn(List.of(failing("a", 1, "x"), ok("b", "B"), removed("c")));
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

		given(this.health.feeds()).willReturn(List.of(failing("a", 1, "x"), parked("b"), removed("c")));
		Health down = indicator.health();
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(down.getDetails()).containsEntry("enabled", 2).containsEntry("failing", 2).containsEntry("parked", 1);

		given(this.health.feeds()).willReturn(List.of(failing("a", 1, "x"), waiting("b")));
		assertThat(indicator.health().getStatus()).as("one not polled yet").isEqualTo(Status.UP);
	}

	@Test
	void repliesFitAndLinesAreOneLine() {
		assertThat(ReplyFitter.fit("H\n", List.of("a", "b", "c"), "F", 100)).isEqualTo("H\na\nb\nc\nF");
		assertThat(ReplyFitter.fit("H\n", List.of("aaaa", "bbbb", "cccc"), "", 22)).isEqualTo("H\naaaa\n… and 2 more");
		assertThat(ReplyFitter.oneLine(" a\n\tb  c ", 10)).isEqualTo("a b c");
		assertThat(ReplyFitter.oneLine("abcdefghijkl", 5)).isEqualTo("abcd…");
		assertThat(ReplyFitter.escape("a<b>&c")).isEqualTo("a&lt;b&gt;&amp;c");
	}

	private static FeedPollStatus ok(String id, String name) {
		return new FeedPollStatus(id, name, true, NOW.minus(Duration.ofMinutes(3)), NOW.minus(Duration.ofMinutes(3)), "OK",
				null, 0, NOW.plus(Duration.ofMinutes(7)));
	}

	private static FeedPollStatus failing(String id, int failures, String error) {
		return new FeedPollStatus(id, id, true, NOW.minus(Duration.ofMinutes(1)), NOW.minus(Duration.ofHours(2)), "ERROR",
				error, failures, NOW.plus(Duration.ofMinutes(5)));
	}

	private static FeedPollStatus parked(String id) {
		return new FeedPollStatus(id, id, true, NOW.minus(Duration.ofMinutes(1)), null, "PARKED", "connection refused", 20,
				NOW.plus(Duration.ofHours(24)));
	}

	private static FeedPollStatus waiting(String id) {
		return new FeedPollStatus(id, id, true, null, null, null, null, 0, NOW);
	}

	private static FeedPollStatus removed(String id) {
		return new FeedPollStatus(id, id, false, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(3)), "ERROR",
				"gone", 4, NOW);
	}

}
