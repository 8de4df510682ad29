package policywatch.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import policywatch.PolicyWatchApplication;
import policywatch.testing.FakeTelegramApi;
import policywatch.testing.FakeTelegramApi.SentMessage;

/**
 * A daily digest due for N chats at once, each with M held items: how long building the digests
 * and queueing them in the outbox takes on one node, then the rate at which they go out to a fake
 * Bot API that enforces Telegram's limits.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=policywatch.delivery.DigestBenchmark -Dexec.args="10000 20 25 1000"
 * </pre>
 * Arguments: chats (10000), items per chat (20), global rate per second (25), how many sent
 * digests to time the send rate over (1000; all of them takes chats / rate seconds), then any
 * application arguments ({@code --spring.datasource.url=…} for PostgreSQL).
 */
public final class DigestBenchmark {

	private DigestBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int chats = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		int items = (args.length > 1) ? Integer.parseInt(args[1]) : 20;
		double global = (args.length > 2) ? Double.parseDouble(args[2]) : 25;
		int sample = (args.length > 3) ? Integer.parseInt(args[3]) : 1000;
		List<String> extra = List.of(args).subList(Math.min(args.length, 4), args.length);
		Path dir = Files.createTempDirectory("policywatch-digest-benchmark");
		Files.createDirectories(dir.resolve("config"));
		Files.writeString(dir.resolve("config/feeds.yml"), "feeds: []\n");
		try (FakeTelegramApi telegram = new FakeTelegramApi().start()) {
			telegram.enforceLimits(1, 20, 30);
			List<String> appArgs = new ArrayList<>(List.of("--server.port=0", "--logging.level.policywatch=WARN",
					"--policywatch.config-dir=" + dir.resolve("config"), "--policywatch.data-dir=" + dir.resolve("data"),
					"--policywatch.telegram.token=" + telegram.token(), "--policywatch.telegram.api-url=" + telegram.url(),
					"--policywatch.delivery.global-per-second=" + global));
			appArgs.addAll(extra);
			try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PolicyWatchApplication.class)
				.run(appArgs.toArray(String[]::new))) {
				Thread.sleep(2000);
				JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
				seed(jdbc, chats, items);
				int before = telegram.sentMessages().size();
				Instant start = Instant.now();
				int queued = app.getBean(DigestRunner.class).runDue();
				// the runner's own schedule may have taken part of the work meanwhile
				while (jdbc.queryForObject("SELECT COUNT(*) FROM digest_item", Long.class) > 0) {
					Thread.sleep(50);
				}
				Instant built = Instant.now();
				Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE digest = TRUE", Long.class);
				Long left = jdbc.queryForObject("SELECT COUNT(*) FROM digest_item", Long.class);
				System.out.printf("chats=%d itemsPerChat=%d global=%.1f/s load average=%.1f on %d cores%n", chats, items, global,
						java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
						Runtime.getRuntime().availableProcessors());
				System.out.printf("built and queued %d digests (%d outbox rows, %d items left) in %.2f s%n", queued, rows,
						left, Duration.between(start, built).toMillis() / 1000d);
				while (telegram.sentMessages().size() - before < Math.min(sample, chats)) {
					Thread.sleep(200);
				}
				List<SentMessage> sent = telegram.sentMessages().subList(before, telegram.sentMessages().size());
				Instant first = sent.get(0).at();
				Instant last = sent.get(sent.size() - 1).at();
				double seconds = Math.max(0.001, Duration.between(first, last).toMillis() / 1000d);
				int longest = sent.stream().mapToInt((message) -> message.text().length()).max().orElse(0);
				System.out.printf("sent %d digests at %.2f messages/s (%.1f%% of the configured %.1f/s), longest %d chars, "
						+ "429 answers: %d%n", sent.size(), (sent.size() - 1) / seconds, 100 * (sent.size() - 1) / seconds / global,
						global, longest, telegram.tooManyRequestsCount());
			}
		}
		System.exit(0);
	}

	private static void seed(JdbcTemplate jdbc, int chats, int items) {
		Timestamp now = Timestamp.from(Instant.now());
		Timestamp due = Timestamp.from(Instant.now().minusSeconds(60));
		List<Object[]> entries = new ArrayList<>();
		for (int i = 0; i < items; i++) {
			entries.add(new Object[] { "e" + i, "Story " + i + " on tariffs and supply chains in the BRICS countries",
					"https://news.example/story/" + i, now, now, now });
		}
		jdbc.batchUpdate("INSERT INTO entry (feed_id, entry_key, title, link, published_at, first_seen_at, last_seen_at, "
				+ "state) VALUES ('bench', ?, ?, ?, ?, ?, ?, 'MATCHED')", entries);
		List<Long> entryIds = jdbc.queryForList("SELECT id FROM entry ORDER BY id", Long.class);
		List<Object[]> chatRows = new ArrayList<>();
		List<Object[]> subscriptions = new ArrayList<>();
		for (long chat = 1; chat <= chats; chat++) {
			chatRows.add(new Object[] { chat, now, now });
			subscriptions.add(new Object[] { chat, chat, now });
		}
		jdbc.batchUpdate("INSERT INTO chat (id, type, active, paused, created_at, updated_at) VALUES (?, 'private', TRUE, "
				+ "FALSE, ?, ?)", chatRows);
		jdbc.batchUpdate("INSERT INTO subscription (id, chat_id, query, origin, created_at) VALUES (?, ?, 'tariffs OR BRICS', "
				+ "'CHAT', ?)", subscriptions);
		List<Object[]> modes = new ArrayList<>();
		List<Object[]> held = new ArrayList<>();
		for (long chat = 1; chat <= chats; chat++) {
			modes.add(new Object[] { chat, due });
			for (int i = 0; i < items; i++) {
				held.add(new Object[] { chat, entryIds.get(i), chat, "Story " + i + " on tariffs and supply chains in the BRICS countries",
						"https://news.example/story/" + i, now, now });
			}
			if (held.size() >= 20_000) {
				insertHeld(jdbc, held);
			}
		}
		insertHeld(jdbc, held);
		jdbc.batchUpdate("INSERT INTO subscription_mode (subscription_id, digest, next_digest_at) VALUES (?, 'daily 08:00', ?)",
				modes);
	}

	private static void insertHeld(JdbcTemplate jdbc, List<Object[]> held) {
		jdbc.batchUpdate("INSERT INTO digest_item (chat_id, entry_id, subscription_id, quiet, title, source, link, "
				+ "published_at, created_at) VALUES (?, ?, ?, FALSE, ?, 'Bench News', ?, ?, ?)", held);
		held.clear();
	}

}
