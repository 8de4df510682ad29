package policywatch.delivery;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.scheduling.TaskScheduler;

import policywatch.MutableClock;
import policywatch.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class OutboxRetentionTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));

	private final JdbcClient jdbc = jdbc();

	private final Outbox outbox = new Outbox(this.jdbc, this.clock);

	private final OutboxRetention retention = new OutboxRetention(this.outbox,
			new DeliveryProperties(25, 1, 20, Duration.ofHours(24), 600, ZoneId.of("UTC"), Duration.ofMillis(500), 10, 8,
					Duration.ofDays(30)),
			this.clock, mock(TaskScheduler.class));

	@Test
	void finishedAlertsAreDeletedAfterKeepSentAndTheirEntriesStay() {
		long sent = alert(1, 1);
		long cancelled = alert(2, 1);
		long failed = alert(3, 1);
		long pending = alert(4, 1);
		this.outbox.markSent(List.of(sent), 10L);
		this.jdbc.sql("UPDATE alert SET state = 'CANCELLED' WHERE id = ?").param(cancelled).update();
		this.outbox.markFailed(List.of(failed), "403");
		this.clock.advance(Duration.ofDays(20));
		long recent = alert(5, 1);
		this.outbox.markSent(List.of(recent), 11L);

		this.clock.advance(Duration.ofDays(10).plusMinutes(1));
		assertThat(this.retention.deleteOld()).isEqualTo(3);

		assertThat(ids()).containsExactlyInAnyOrder(pending, recent);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM entry WHERE state = 'MATCHED'").query(Long.class).single())
			.as("entries stay, matched, so they are never planned again")
			.isEqualTo(5);
	}

	@Test
	void nothingIsDeletedBeforeItsTime() {
		long sent = alert(1, 1);
		this.outbox.markSent(List.of(sent), 10L);
		this.clock.advance(Duration.ofDays(29));
		assertThat(this.retention.deleteOld()).isZero();
		assertThat(ids()).containsExactly(sent);
	}

	@Test
	void manyOldAlertsAreDeletedInBatches() {
		for (int i = 1; i <= 1200; i++) {
			long id = alert(1, i);
			this.outbox.markSent(List.of(id), (long) i);
		}
		this.clock.advance(Duration.ofDays(31));
		assertThat(this.retention.deleteOld()).isEqualTo(1200);
		assertThat(ids()).isEmpty();
	}

	private long alert(long entry, long chat) {
		Timestamp now = Timestamp.from(this.clock.instant());
		if (this.jdbc.sql("SELECT COUNT(*) FROM feed").query(Long.class).single() == 0) {
			this.jdbc.sql("INSERT INTO feed (id, name, url, interval_seconds, full_text, enabled, next_poll_at, created_at) "
					+ "VALUES ('f', 'Feed', 'http://127.0.0.1/', 600, FALSE, TRUE, ?, ?)").params(now, now).update();
		}
		this.jdbc.sql("INSERT INTO entry (id, feed_id, entry_key, title, first_seen_at, last_seen_at, state) "
				+ "VALUES (?, 'f', ?, 'Title', ?, ?, 'MATCHED') ON CONFLICT DO NOTHING")
			.params(entry, "e" + entry, now, now)
			.update();
		this.outbox.add(entry, chat, "1", "message");
		return this.jdbc.sql("SELECT id FROM alert WHERE entry_id = ? AND chat_id = ?").params(entry, chat)
			.query(Long.class)
			.single();
	}

	private List<Long> ids() {
		return this.jdbc.sql("SELECT id FROM alert ORDER BY id").query(Long.class).list();
	}

	private static JdbcClient jdbc() {
		try {
			return JdbcClient.create(new SingleConnectionDataSource(TestDatabase.create().getConnection(), true));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
