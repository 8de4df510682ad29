package policywatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import policywatch.cluster.SenderLease;
import policywatch.testing.FakeTelegramApi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one PostgreSQL database and one bot: only the holder of the sender lease sends and
 * long-polls (no 409 at the Bot API); when it is shut down in the middle of a fan-out, the other
 * node takes over within 15 seconds and finishes the outbox.
 */
class ClusterSendIT {

	private static final int CHATS = 60;

	private static EmbeddedPostgres postgres;

	@TempDir
	static Path dir;

	@BeforeAll
	static void startPostgres() throws Exception {
		postgres = EmbeddedPostgres.builder().start();
		Files.createDirectories(dir.resolve("config"));
		Files.writeString(dir.resolve("config/feeds.yml"), "feeds: []\n");
	}

	@AfterAll
	static void stopPostgres() throws Exception {
		postgres.close();
	}

	@Test
	void oneNodeSendsAndLongPollsAndTheOtherTakesOverWhenItStops() throws Exception {
		try (FakeTelegramApi telegram = new FakeTelegramApi().start()) {
			ConfigurableApplicationContext a = start("a", telegram);
			ConfigurableApplicationContext b = null;
			try {
				b = start("b", telegram);
				MeterRegistry metersA = a.getBean(MeterRegistry.class);
				assertThat(a.getBean(SenderLease.class).held()).isTrue();
				assertThat(b.getBean(SenderLease.class).held()).isFalse();

				// Commands are answered (only the holder long-polls).
				telegram.sendText(1001, "/help");
				assertThat(telegram.awaitMessages(1001, 1, Duration.ofSeconds(20))).hasSize(1);

				// A fan-out at 15 messages a second: it takes about 4 s, so it is in full swing when a stops.
				planAlerts();
				await().atMost(Duration.ofSeconds(30)).until(() -> sent(a) >= 10);
				assertThat(sent(b)).isZero();
				Instant stopped = Instant.now();
				a.close();
				int sentByA = (int) metersA.counter("policywatch.alerts.sent").count();
				assertThat(sentByA).isLessThan(CHATS);

				ConfigurableApplicationContext other = b;
				await().atMost(Duration.ofSeconds(15)).until(() -> sent(other) > 0);
				Duration takeOver = Duration.between(stopped, Instant.now());
				assertThat(takeOver).isLessThanOrEqualTo(Duration.ofSeconds(15));
				assertThat(b.getBean(SenderLease.class).held()).isTrue();
				await().atMost(Duration.ofSeconds(60)).until(() -> pending() == 0);

				Map<Long, Long> perChat = telegram.sentMessages()
					.stream()
					.filter((message) -> message.chatId() >= 5000)
					.collect(Collectors.groupingBy(FakeTelegramApi.SentMessage::chatId, Collectors.counting()));
				assertThat(perChat).hasSize(CHATS);
				long duplicates = perChat.values().stream().mapToLong((count) -> count - 1).sum();
				// At most the messages in flight when the holder stopped (none on a clean stop).
				assertThat(duplicates).isLessThanOrEqualTo(8);
				System.out.printf("ClusterSendIT: sent by a=%d, by b=%.0f, duplicates=%d, b sending %d ms after a stopped%n",
						sentByA, sent(b), duplicates, takeOver.toMillis());
				assertThat(sentByA + sent(b)).isGreaterThanOrEqualTo(CHATS);

				// The new holder long-polls: commands are still answered.
				telegram.sendText(1002, "/help");
				assertThat(telegram.awaitMessages(1002, 1, Duration.ofSeconds(20))).hasSize(1);
				assertThat(telegram.conflictCount()).isZero();
				assertThat(telegram.maxConcurrentPolls()).isEqualTo(1);
			}
			finally {
				if (b != null) {
					b.close();
				}
				a.close();
			}
		}
	}

	private static ConfigurableApplicationContext start(String node, FakeTelegramApi telegram) {
		return new SpringApplicationBuilder(PolicyWatchApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--policywatch.config-dir=" + dir.resolve("config"), "--policywatch.data-dir=" + dir.resolve("data-" + node),
				"--policywatch.cluster.node-id=" + node, "--policywatch.telegram.token=" + telegram.token(),
				"--policywatch.telegram.api-url=" + telegram.url(), "--policywatch.delivery.global-per-second=15",
				"--policywatch.delivery.idle-wait=100ms",
				// renewed (and tried by the other node) every second rather than every 3 s; the lease
				// still outlasts a long poll, and the handover after a clean stop stays the default 5 s
				"--policywatch.cluster.lease-renew=1s", "--policywatch.cluster.lease-ttl=7s",
				"--policywatch.cluster.lease-margin=1s");
	}

	private static double sent(ConfigurableApplicationContext app) {
		return app.getBean(MeterRegistry.class).counter("policywatch.alerts.sent").count();
	}

	private static JdbcTemplate jdbc() {
		return new JdbcTemplate(postgres.getPostgresDatabase());
	}

	private static long pending() {
		return jdbc().queryForObject("SELECT COUNT(*) FROM alert WHERE state = 'PENDING'", Long.class);
	}

	/** One new entry, alerted to many chats: what the planner writes after a match. */
	private static void planAlerts() {
		Timestamp now = Timestamp.from(Instant.now());
		JdbcTemplate jdbc = jdbc();
		jdbc.update("""
				INSERT INTO entry (feed_id, entry_key, link, title, first_seen_at, last_seen_at, state)
				VALUES ('news', 'tariffs', 'https://example.org/tariffs', 'Tariffs on cars', ?, ?, 'MATCHED')""", now,
				now);
		long entry = jdbc.queryForObject("SELECT id FROM entry WHERE entry_key = 'tariffs'", Long.class);
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < CHATS; i++) {
			rows.add(new Object[] { entry, 5000L + i, "1", "<b>Tariffs on cars</b> #" + i, now, now });
		}
		jdbc.batchUpdate("""
				INSERT INTO alert (entry_id, chat_id, subscription_ids, message, state, attempts, next_attempt_at, created_at)
				VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)""", rows);
	}

}
