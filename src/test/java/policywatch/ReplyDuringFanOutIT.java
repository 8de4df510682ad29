package policywatch;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import policywatch.delivery.DeliveryStats;
import policywatch.testing.FakeTelegramApi.SentMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A user's command is answered promptly while the bot is busy fanning out a story: replies go
 * ahead of queued alerts, within the user's own chat rate. The fake Bot API enforces Telegram's
 * limits and answers after 150 ms, like the real one across the internet.
 */
class ReplyDuringFanOutIT {

	private static final int FAN_OUT = 2000;

	/**
	 * A subscriber whose alert is well down the queue (some 150 alerts after the moment she asks,
	 * five seconds at 30 a second): the reply must not wait for it.
	 */
	private static final long ALICE = 250;

	@TempDir
	Path dir;

	private AppHarness harness;

	@AfterEach
	void tearDown() {
		if (this.harness != null) {
			this.harness.close();
		}
	}

	@Test
	void listIsAnsweredWithinTwoSecondsDuringAFanOutOfTwoThousandAlerts() throws Exception {
		this.harness = new AppHarness(this.dir);
		AppHarness h = this.harness;
		h.telegram.enforceLimits(1, 20, 30);
		h.telegram.setLatency(Duration.ofMillis(150));
		h.publish(h.item("old", "Old news", "Nothing.", 0));
		h.start();
		h.awaitPrimed("news");
		assertThat(h.ask(ALICE, "/subscribe tariffs")).startsWith("Subscribed");

		seedFanOut(h.bean(JdbcTemplate.class));
		DeliveryStats stats = h.bean(DeliveryStats.class);
		await().atMost(AppHarness.WAIT).until(() -> alertsSent(h) >= 100);

		Instant asked = Instant.now();
		h.telegram.sendText(ALICE, "/list");
		SentMessage reply = await().atMost(AppHarness.WAIT)
			.until(() -> replyTo(h, asked), (found) -> found != null);
		long pendingWhenAnswered = stats.pending();

		assertThat(reply.text()).contains("tariffs");
		assertThat(Duration.between(asked, reply.at())).as("answered within 2 s during the fan-out")
			.isLessThan(Duration.ofSeconds(2));
		assertThat(pendingWhenAnswered).as("the fan-out was still going on").isGreaterThan(FAN_OUT / 2);

		// her own alert, queued long before she asked, follows her reply at her chat's rate
		await().atMost(Duration.ofMinutes(1)).until(() -> h.telegram.sentMessages()
			.stream()
			.anyMatch((message) -> message.chatId() == ALICE && message.text().contains("Matched:")));
		List<Instant> toAlice = h.telegram.sentMessages()
			.stream()
			.filter((message) -> message.chatId() == ALICE)
			.map(SentMessage::at)
			.sorted()
			.toList();
		assertThat(toAlice).as("subscribe reply, list reply and her alert").hasSizeGreaterThanOrEqualTo(3);
		for (int i = 1; i < toAlice.size(); i++) {
			assertThat(Duration.between(toAlice.get(i - 1), toAlice.get(i))).as("1 message/s to one chat, replies too")
				.isGreaterThanOrEqualTo(Duration.ofMillis(800));
		}
	}

	private static long alertsSent(AppHarness h) {
		return h.telegram.sentMessages().stream().filter((message) -> message.text().contains("Matched:")).count();
	}

	private static SentMessage replyTo(AppHarness h, Instant asked) {
		return h.telegram.sentMessages()
			.stream()
			.filter((message) -> message.chatId() == ALICE && !message.text().contains("Matched:")
					&& !message.at().isBefore(asked.minusMillis(50)))
			.findFirst()
			.orElse(null);
	}

	/**
	 * One story for {@value #FAN_OUT} private chats, written to the outbox as the planner would.
	 */
	private static void seedFanOut(JdbcTemplate jdbc) {
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.update("INSERT INTO entry (feed_id, entry_key, title, link, published_at, first_seen_at, last_seen_at, state) "
				+ "VALUES ('news', 'fan-out', 'Tariffs on everything', 'https://news.example/fan-out', ?, ?, ?, 'MATCHED')",
				now, now, now);
		long entry = jdbc.queryForObject("SELECT id FROM entry WHERE entry_key = 'fan-out'", Long.class);
		List<Object[]> chats = new ArrayList<>();
		List<Object[]> alerts = new ArrayList<>();
		String message = "<b>Tariffs on everything</b>\nPolicy News\n\nMatched: <code>tariffs</code>";
		for (long chat = 1; chat <= FAN_OUT; chat++) {
			if (chat != ALICE) {
				chats.add(new Object[] { chat, now, now });
			}
			alerts.add(new Object[] { entry, chat, message, now, now });
		}
		jdbc.batchUpdate("INSERT INTO chat (id, type, active, paused, created_at, updated_at) "
				+ "VALUES (?, 'private', TRUE, FALSE, ?, ?)", chats);
		jdbc.batchUpdate("INSERT INTO alert (entry_id, chat_id, subscription_ids, message, state, attempts, "
				+ "next_attempt_at, created_at) VALUES (?, ?, '1', ?, 'PENDING', 0, ?, ?)", alerts);
	}

}
