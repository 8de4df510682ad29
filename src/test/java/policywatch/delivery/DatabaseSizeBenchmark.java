package policywatch.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The embedded database's size after 100,000 entries, as round one kept it (every description,
 * every alert forever) and after this round's clean-up: migration V30 (which drops the text of
 * matched and first-poll entries, as the service now does when it matches them) and the removal
 * of alerts older than {@code keep-sent} (30 days).
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=policywatch.delivery.DatabaseSizeBenchmark -Dexec.args="100000 2000 0.2"
 * </pre>
 * Arguments: entries (100000), characters of each entry's description (2000), alerts per entry
 * (0.2: one entry in five alerted one chat), all sent 40 days ago.
 */
public final class DatabaseSizeBenchmark {

	private DatabaseSizeBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int entries = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int descriptionChars = (args.length > 1) ? Integer.parseInt(args[1]) : 2000;
		double alertsPerEntry = (args.length > 2) ? Double.parseDouble(args[2]) : 0.2;
		Path dir = Files.createTempDirectory("policywatch-size-benchmark");
		String url = "jdbc:h2:file:" + dir.resolve("policywatch") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH";
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "");
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.target(MigrationVersion.fromVersion("3"))
			.load()
			.migrate();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		Instant now = Instant.parse("2026-12-01T08:00:00Z");
		seed(jdbc, entries, descriptionChars, alertsPerEntry, now.minus(Duration.ofDays(40)));
		long before = compactedSize(jdbc, dir);

		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.load()
			.migrate();
		Clock clock = Clock.fixed(now, ZoneOffset.UTC);
		OutboxRetention retention = new OutboxRetention(new Outbox(JdbcClient.create(dataSource), clock),
				new DeliveryProperties(25, 1, 20, Duration.ofHours(24), 600, ZoneId.of("UTC"), Duration.ofMillis(500), 10,
						8, Duration.ofDays(30)),
				clock, new ThreadPoolTaskScheduler());
		int deleted = retention.deleteOld();
		long after = compactedSize(jdbc, dir);

		System.out.printf("entries=%d descriptionChars=%d alerts=%d (sent 40 days ago)%n", entries, descriptionChars,
				(int) (entries * alertsPerEntry));
		System.out.printf("database before (round one: every text and alert kept): %.1f MB%n", before / 1e6);
		System.out.printf("database after (texts of matched entries dropped, %d old alerts deleted): %.1f MB%n", deleted,
				after / 1e6);
		System.out.printf("entries kept: %d%n", jdbc.queryForObject("SELECT COUNT(*) FROM entry", Long.class));
		System.exit(0);
	}

	private static void seed(JdbcTemplate jdbc, int entries, int descriptionChars, double alertsPerEntry, Instant at) {
		Timestamp ts = Timestamp.from(at);
		jdbc.update("INSERT INTO feed (id, name, url, interval_seconds, full_text, enabled, next_poll_at, created_at) "
				+ "VALUES ('bench', 'Bench', 'http://127.0.0.1/', 600, FALSE, TRUE, ?, ?)", ts, ts);
		String sentence = "Ministers agreed on new tariffs after a long meeting on trade and supply chains. ";
		String description = sentence.repeat(descriptionChars / sentence.length() + 1).substring(0, descriptionChars);
		String message = "<b>Story on tariffs</b>\nBench · 2026-10-22 10:00 UTC\n\n" + sentence.repeat(8)
				+ "\n\nMatched: <code>tariffs</code>\n<a href=\"https://news.example/1\">https://news.example/1</a>";
		int alertEvery = (alertsPerEntry > 0) ? (int) Math.round(1 / alertsPerEntry) : Integer.MAX_VALUE;
		for (int start = 1; start <= entries; start += 1000) {
			List<Object[]> rows = new ArrayList<>();
			for (int i = start; i < start + 1000 && i <= entries; i++) {
				// The first poll of a feed records entries as SEEN; later ones are matched.
				String state = (i % 10 == 0) ? "SEEN" : "MATCHED";
				rows.add(new Object[] { i, "entry-" + i, "https://news.example/" + i, "https://news.example/" + i,
						"Story " + i + " on tariffs", description, ts, ts, ts, state });
			}
			jdbc.batchUpdate("INSERT INTO entry (id, feed_id, entry_key, link_key, link, title, description, "
					+ "published_at, first_seen_at, last_seen_at, state) VALUES (?, 'bench', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					rows);
			List<Object[]> alerts = new ArrayList<>();
			for (int i = start; i < start + 1000 && i <= entries; i++) {
				if (i % alertEvery == 0) {
					alerts.add(new Object[] { i, 1000 + i % 500, message, ts, ts, ts });
				}
			}
			jdbc.batchUpdate("INSERT INTO alert (entry_id, chat_id, subscription_ids, message, state, attempts, "
					+ "next_attempt_at, created_at, sent_at) VALUES (?, ?, '1', ?, 'SENT', 1, ?, ?, ?)", alerts);
		}
	}

	/**
	 * @return the size of the database file once H2 compacted it (what a restart would leave)
	 */
	private static long compactedSize(JdbcTemplate jdbc, Path dir) throws Exception {
		jdbc.execute("SHUTDOWN COMPACT");
		return Files.size(dir.resolve("policywatch.mv.db"));
	}

}
