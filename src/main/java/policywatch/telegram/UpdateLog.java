package policywatch.telegram;

import java.time.Clock;
import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;

import static policywatch.database.SqlTimestamps.ts;

/**
 * The {@code telegram_update} table: update ids already handled, so that an update is handled once
 * whichever node receives it and however often Telegram delivers it (a webhook call that timed out,
 * a long poll that was not confirmed before the holder changed). The id is written first: an
 * update whose handling fails half-way is not handled again.
 */
final class UpdateLog {

	/** How long handled ids are kept; Telegram redelivers for at most a day. */
	static final Duration KEEP = Duration.ofDays(2);

	private final JdbcClient jdbc;

	private final Clock clock;

	UpdateLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Records the update.
	 * @return whether it is the first time it was seen (handle it), {@code false} for a redelivery
	 */
	boolean firstTime(long updateId) {
		return this.jdbc.sql("INSERT INTO telegram_update (update_id, received_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
			.params(updateId, ts(this.clock.instant()))
			.update() > 0;
	}

	/**
	 * Forgets ids older than {@link #KEEP}.
	 * @return how many were forgotten
	 */
	int prune() {
		return this.jdbc.sql("DELETE FROM telegram_update WHERE received_at < ?")
			.param(ts(this.clock.instant().minus(KEEP)))
			.update();
	}

}
