package policywatch.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import policywatch.PolicyWatchApplication;
import policywatch.testing.FakeTelegramApi;
import policywatch.testing.FakeTelegramApi.SentMessage;

/**
 * Delivery against a fake Bot API that enforces Telegram's limits (1 message/s per chat, 20/min
 * per group, 30/s in all; anything over is answered 429 with retry_after): one story fanned out
 * to N private chats, plus a flood of alerts to one more chat.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=policywatch.delivery.DeliveryBenchmark -Dexec.args="5000 100 25 10 --latency=150ms"
 * </pre>
 * Arguments: chats (5000), alerts to the flooded chat (100), global rate per second (25),
 * fold-above (10; a large number turns folding off), then {@code --latency=150ms} to have the
 * fake Bot API answer every call after that round trip (as the real one does across the
 * internet), and any application arguments ({@code --spring.datasource.url=…} to run on
 * PostgreSQL, {@code --policywatch.delivery.max-in-flight=1} to compare with one send at a time).
 */
public final class DeliveryBenchmark {

	private static final long FLOODED_CHAT = 9_999_999;

	private DeliveryBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int chats = (args.length > 0) ? Integer.parseInt(args[0]) : 5000;
		int flood = (args.length > 1) ? Integer.parseInt(args[1]) : 100;
		double global = (args.length > 2) ? Double.parseDouble(args[2]) : 25;
		int foldAbove = (args.length > 3) ? Integer.parseInt(args[3]) : 10;
		Duration latency = Duration.ZERO;
		List<String> extra = new ArrayList<>();
		for (String arg : List.of(args).subList(Math.min(args.length, 4), args.length)) {
			if (arg.startsWith("--latency=")) {
				latency = org.springframework.boot.convert.DurationStyle.detectAndParse(arg.substring(10));
			}
			else {
				extra.add(arg);
			}
		}
		Path dir = Files.createTempDirectory("policywatch-delivery-benchmark");
		Files.createDirectories(dir.resolve("config"));
		Files.writeString(dir.resolve("config/feeds.yml"), "feeds: []\n");
		try (FakeTelegramApi telegram = new FakeTelegramApi().start()) {
			telegram.enforceLimits(1, 20, 30);
			telegram.setLatency(latency);
			List<String> appArgs = new ArrayList<>(List.of("--server.port=0", "--logging.level.policywatch=WARN",
					"--policywatch.config-dir=" + dir.resolve("config"), "--policywatch.data-dir=" + dir.resolve("data"),
					"--policywatch.telegram.token=" + telegram.token(), "--policywatch.telegram.api-url=" + telegram.url(),
					"--policywatch.delivery.global-per-second=" + global, "--policywatch.delivery.fold-above=" + foldAbove));
			appArgs.addAll(extra);
			try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PolicyWatchApplication.class)
				.run(appArgs.toArray(String[]::new))) {
				Thread.sleep(2000);
				int before = telegram.sentMessages().size();
				Instant start = seed(app.getBean(JdbcTemplate.class), chats, flood);
				app.getBean(OutboxSender.class).wakeUp();
				DeliveryStats stats = app.getBean(DeliveryStats.class);
				while (stats.pending() > 0) {
					Thread.sleep(200);
				}
				Instant end = Instant.now();
				report(telegram.sentMessages().subList(before, telegram.sentMessages().size()), telegram, start, end,
						chats, flood, global, foldAbove, latency);
			}
		}
		System.exit(0);
	}

	private static Instant seed(JdbcTemplate jdbc, int chats, int flood) {
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.update("INSERT INTO feed (id, name, url, interval_seconds, full_text, enabled, next_poll_at, created_at) "
				+ "VALUES ('bench', 'Bench', 'http://127.0.0.1/', 600, FALSE, FALSE, ?, ?)", now, now);
		List<Object[]> entries = new ArrayList<>();
		for (int i = 0; i < Math.max(1, flood); i++) {
			entries.add(new Object[] { "e" + i, "Story " + i + " on tariffs and supply chains", "https://news.example/" + i,
					now, now, now });
		}
		jdbc.batchUpdate("INSERT INTO entry (feed_id, entry_key, title, link, published_at, first_seen_at, last_seen_at, "
				+ "state) VALUES ('bench', ?, ?, ?, ?, ?, ?, 'MATCHED')", entries);
		List<Long> entryIds = jdbc.queryForList("SELECT id FROM entry ORDER BY id", Long.class);
		List<Object[]> chatRows = new ArrayList<>();
		for (long chat = 1; chat <= chats; chat++) {
			chatRows.add(new Object[] { chat, now, now });
		}
		chatRows.add(new Object[] { FLOODED_CHAT, now, now });
		jdbc.batchUpdate("INSERT INTO chat (id, type, active, paused, created_at, updated_at) VALUES (?, 'private', TRUE, "
				+ "FALSE, ?, ?)", chatRows);
		String message = "<b>Story on tariffs and supply chains</b>\nBench · 2026-11-28 10:00 UTC\n\n"
				+ "The ministers agreed on new <b>tariffs</b> after a long meeting on trade. ".repeat(4)
				+ "\n\nMatched: <code>tariffs</code>\n<a href=\"https://news.example/1\">https://news.example/1</a>";
		List<Object[]> alerts = new ArrayList<>();
		for (int i = 0; i < flood; i++) {
			alerts.add(new Object[] { entryIds.get(i), FLOODED_CHAT, message, now, now });
		}
		for (long chat = 1; chat <= chats; chat++) {
			alerts.add(new Object[] { entryIds.get(0), chat, message, now, now });
		}
		Instant start = Instant.now();
		jdbc.batchUpdate("INSERT INTO alert (entry_id, chat_id, subscription_ids, message, state, attempts, "
				+ "next_attempt_at, created_at) VALUES (?, ?, '1', ?, 'PENDING', 0, ?, ?)", alerts);
		return start;
	}

	private static void report(List<SentMessage> sent, FakeTelegramApi telegram, Instant start, Instant end, int chats,
			int flood, double global, int foldAbove, Duration latency) {
		Map<Long, Instant> firstByChat = new HashMap<>();
		Map<Long, Instant> lastByChat = new HashMap<>();
		for (SentMessage message : sent) {
			firstByChat.merge(message.chatId(), message.at(), (a, b) -> a.isBefore(b) ? a : b);
			lastByChat.merge(message.chatId(), message.at(), (a, b) -> a.isAfter(b) ? a : b);
		}
		Instant first = sent.stream().map(SentMessage::at).min(Comparator.naturalOrder()).orElse(start);
		Instant last = sent.stream().map(SentMessage::at).max(Comparator.naturalOrder()).orElse(end);
		// The rate while the fan-out lasts: until the last of the N chats had its message (after
		// that only the flooded chat may be left, at its own 1 message/s).
		Instant fanOutEnd = firstByChat.entrySet()
			.stream()
			.filter((e) -> e.getKey() != FLOODED_CHAT)
			.map(Map.Entry::getValue)
			.max(Comparator.naturalOrder())
			.orElse(last);
		long inFanOut = sent.stream().filter((m) -> !m.at().isAfter(fanOutEnd)).count();
		double seconds = Math.max(0.001, Duration.between(first, fanOutEnd).toMillis() / 1000d);
		double rate = (inFanOut - 1) / seconds;
		long longestWait = firstByChat.entrySet()
			.stream()
			.filter((e) -> e.getKey() != FLOODED_CHAT)
			.mapToLong((e) -> Duration.between(start, e.getValue()).toMillis())
			.max()
			.orElse(0);
		long floodedMessages = sent.stream().filter((m) -> m.chatId() == FLOODED_CHAT).count();
		System.out.printf("chats=%d floodedChatAlerts=%d global=%.1f/s foldAbove=%d latency=%dms%n", chats, flood, global,
				foldAbove, latency.toMillis());
		System.out.printf("messages sent: %d (%d to the flooded chat)%n", sent.size(), floodedMessages);
		System.out.printf("sustained rate during the fan-out: %.2f messages/s (%.1f%% of the configured %.1f/s)%n", rate,
				100 * rate / global, global);
		System.out.printf("429 answers received: %d%n", telegram.tooManyRequestsCount());
		System.out.printf("outbox empty after: %.1f s%n", Duration.between(start, end).toMillis() / 1000d);
		System.out.printf("longest wait of any chat for its first message: %.1f s (ideal for the last of %d chats: %.1f s)%n",
				longestWait / 1000d, chats, chats / global);
		if (lastByChat.containsKey(FLOODED_CHAT)) {
			System.out.printf("flooded chat: first message after %.1f s, last after %.1f s%n",
					Duration.between(start, firstByChat.get(FLOODED_CHAT)).toMillis() / 1000d,
					Duration.between(start, lastByChat.get(FLOODED_CHAT)).toMillis() / 1000d);
		}
	}

}
