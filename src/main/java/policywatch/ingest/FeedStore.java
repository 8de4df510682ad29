package policywatch.ingest;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import policywatch.source.FeedDefinition;

import static policywatch.database.SqlTimestamps.instant;
import static policywatch.database.SqlTimestamps.ts;

/**
 * The {@code feed} table: configured feeds and their polling state.
 */
@Repository
class FeedStore {

	private final JdbcClient jdbc;

	private final Clock clock;

	FeedStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Makes the table agree with the configuration: new feeds become due now, changed ones take
	 * their new settings, removed ones are disabled (their state is kept in case they come back).
	 */
	@Transactional
	void sync(List<FeedDefinition> feeds) {
		OffsetDateTime now = ts(this.clock.instant());
		for (FeedDefinition feed : feeds) {
			int updated = this.jdbc.sql("""
					UPDATE feed SET name = ?, interval_seconds = ?, full_text = ?, enabled = TRUE, parked = FALSE,
					  last_status = CASE WHEN parked THEN 'ERROR' ELSE last_status END,
					  primed = CASE WHEN url = ? THEN primed ELSE FALSE END,
					  etag = CASE WHEN url = ? THEN etag ELSE NULL END,
					  last_modified = CASE WHEN url = ? THEN last_modified ELSE NULL END,
					  next_poll_at = CASE WHEN url = ? AND enabled THEN next_poll_at ELSE ? END,
					  url = ?
					WHERE id = ?""")
				.params(feed.name(), feed.interval().toSeconds(), feed.fullText(), feed.url().toString(),
						feed.url().toString(), feed.url().toString(), feed.url().toString(), now,
						feed.url().toString(), feed.id())
				.update();
			if (updated == 0) {
				this.jdbc.sql("""
						INSERT INTO feed (id, name, url, interval_seconds, full_text, enabled, next_poll_at, created_at)
						VALUES (?, ?, ?, ?, ?, TRUE, ?, ?) ON CONFLICT DO NOTHING""")
					.params(feed.id(), feed.name(), feed.url().toString(), feed.interval().toSeconds(), feed.fullText(),
							now, now)
					.update();
			}
		}
		Set<String> ids = feeds.stream().map(FeedDefinition::id).collect(Collectors.toSet());
		for (String id : this.jdbc.sql("SELECT id FROM feed WHERE enabled = TRUE").query(String.class).list()) {
			if (!ids.contains(id)) {
				this.jdbc.sql("UPDATE feed SET enabled = FALSE WHERE id = ?").param(id).update();
			}
		}
	}

	List<FeedRecord> due(Instant now) {
		return this.jdbc.sql("SELECT * FROM feed WHERE enabled = TRUE AND parked = FALSE AND next_poll_at <= ? ORDER BY next_poll_at, id")
			.param(ts(now))
			.query(FeedStore::map)
			.list();
	}

	/**
	 * @return the feeds that are polled (configured and not parked)
	 */
	List<FeedRecord> active() {
		return this.jdbc.sql("SELECT * FROM feed WHERE enabled = TRUE AND parked = FALSE ORDER BY id")
			.query(FeedStore::map)
			.list();
	}

	/**
	 * @return the feed, when it is polled (configured and not parked)
	 */
	Optional<FeedRecord> active(String id) {
		return this.jdbc.sql("SELECT * FROM feed WHERE id = ? AND enabled = TRUE AND parked = FALSE")
			.param(id)
			.query(FeedStore::map)
			.optional();
	}

	List<FeedRecord> all() {
		return this.jdbc.sql("SELECT * FROM feed ORDER BY id").query(FeedStore::map).list();
	}

	void recordSuccess(FeedRecord feed, String status, String etag, String lastModified, Instant now) {
		this.jdbc.sql("""
				UPDATE feed SET primed = TRUE, etag = ?, last_modified = ?, last_poll_at = ?, last_success_at = ?,
				  last_status = ?, last_error = NULL, consecutive_failures = 0, next_poll_at = ?
				WHERE id = ?""")
			.params(etag, lastModified, ts(now), ts(now), status,
					ts(now.plus(feed.interval())), feed.id())
			.update();
	}

	void recordFailure(FeedRecord feed, String error, int failures, Instant nextPollAt, boolean park, Instant now) {
		this.jdbc.sql("""
				UPDATE feed SET last_poll_at = ?, last_status = ?, last_error = ?, consecutive_failures = ?,
				  next_poll_at = ?, parked = ?
				WHERE id = ?""")
			.params(ts(now), park ? "PARKED" : "ERROR", truncate(error, 500), failures, ts(nextPollAt), park, feed.id())
			.update();
	}

	/**
	 * Polls a parked feed again, now, with a fresh start: its failures are forgotten, so it is
	 * parked again only after {@code park-after} more failures (its last error is kept until the poll).
	 * @return whether it was parked (and is configured)
	 */
	boolean unpark(String id, Instant now) {
		return this.jdbc.sql("""
				UPDATE feed SET parked = FALSE, last_status = 'ERROR', consecutive_failures = 0, next_poll_at = ?
				WHERE id = ? AND enabled = TRUE AND parked = TRUE""")
			.params(ts(now), id)
			.update() > 0;
	}

	private static String truncate(String text, int max) {
		return policywatch.text.Texts.truncate(text, max);
	}

	private static FeedRecord map(ResultSet rs, int row) throws SQLException {
		return new FeedRecord(rs.getString("id"), rs.getString("name"), URI.create(rs.getString("url")),
				Duration.ofSeconds(rs.getLong("interval_seconds")), rs.getBoolean("full_text"), rs.getBoolean("enabled"),
				rs.getBoolean("primed"), rs.getString("etag"), rs.getString("last_modified"),
				instant(rs, "next_poll_at"), instant(rs, "last_poll_at"), instant(rs, "last_success_at"),
				rs.getString("last_status"), rs.getString("last_error"), rs.getInt("consecutive_failures"));
	}

}
