package policywatch.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Repository;

import static policywatch.database.SqlTimestamps.instant;
import static policywatch.database.SqlTimestamps.ts;

/**
 * Alerts sent, failed and held, and Telegram's 429 answers, per hour, for admins (the
 * {@code delivery_hour} table). Counted from the application's own meters
 * ({@code policywatch.alerts.sent}, {@code .failed}, {@code .held}, {@code policywatch.telegram.429}):
 * once a minute, on shutdown and before each read, what a node counted since the last time is
 * added to the current hour's row, so that several nodes add up. Rows older than 30 days are
 * deleted.
 */
@Repository
public class DeliveryHistory {

	static final String SENT_METER = "policywatch.alerts.sent";

	static final String FAILED_METER = "policywatch.alerts.failed";

	static final String HELD_METER = "policywatch.alerts.held";

	static final String RATE_LIMITED_METER = "policywatch.telegram.429";

	static final Duration KEEP = Duration.ofDays(30);

	private static final Duration EVERY = Duration.ofMinutes(1);

	private static final Logger logger = LoggerFactory.getLogger(DeliveryHistory.class);

	private static final String[] METERS = { SENT_METER, FAILED_METER, HELD_METER, RATE_LIMITED_METER };

	private static final String[] COLUMNS = { "sent", "failed", "held", "rate_limited" };

	private final JdbcClient jdbc;

	private final MeterRegistry meters;

	private final Clock clock;

	private final TaskScheduler scheduler;

	/** The meters' totals last written, by meter name. */
	private final Map<String, Double> written = new HashMap<>();

	private Instant prunedHour;

	DeliveryHistory(JdbcClient jdbc, MeterRegistry meters, Clock clock,
			@Qualifier(DeliveryConfiguration.SCHEDULER) TaskScheduler scheduler) {
		this.jdbc = jdbc;
		this.meters = meters;
		this.clock = clock;
		this.scheduler = scheduler;
	}

	@EventListener(ApplicationReadyEvent.class)
	void schedule() {
		this.scheduler.scheduleWithFixedDelay(this::flushSafely, this.clock.instant().plus(EVERY), EVERY);
	}

	@EventListener(ContextClosedEvent.class)
	void flushSafely() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			logger.warn("Unable to store delivery counts reason={}", ex.toString());
		}
	}

	/**
	 * Adds what was counted since the last call to the current hour.
	 */
	synchronized void flush() {
		Instant hour = this.clock.instant().truncatedTo(ChronoUnit.HOURS);
		long[] delta = new long[METERS.length];
		boolean any = false;
		for (int i = 0; i < METERS.length; i++) {
			double total = total(METERS[i]);
			double before = this.written.getOrDefault(METERS[i], 0.0);
			delta[i] = Math.max(0, Math.round(total - before));
			any |= delta[i] > 0;
		}
		if (any) {
			add(hour, delta);
			for (int i = 0; i < METERS.length; i++) {
				this.written.merge(METERS[i], (double) delta[i], Double::sum);
			}
		}
		if (!hour.equals(this.prunedHour)) {
			this.jdbc.sql("DELETE FROM delivery_hour WHERE hour_start < ?").param(ts(hour.minus(KEEP))).update();
			this.prunedHour = hour;
		}
	}

	private double total(String name) {
		double total = 0;
		for (Counter counter : this.meters.find(name).counters()) {
			total += counter.count();
		}
		return total;
	}

	private void add(Instant hour, long[] delta) {
		String set = "sent = sent + ?, failed = failed + ?, held = held + ?, rate_limited = rate_limited + ?";
		Object[] params = { delta[0], delta[1], delta[2], delta[3], ts(hour) };
		if (this.jdbc.sql("UPDATE delivery_hour SET " + set + " WHERE hour_start = ?").params(params).update() > 0) {
			return;
		}
		int inserted = this.jdbc.sql("""
				INSERT INTO delivery_hour (hour_start, sent, failed, held, rate_limited) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT DO NOTHING""")
			.params(ts(hour), delta[0], delta[1], delta[2], delta[3])
			.update();
		if (inserted == 0) {
			// another node inserted the hour in between
			this.jdbc.sql("UPDATE delivery_hour SET " + set + " WHERE hour_start = ?").params(params).update();
		}
	}

	/**
	 * The last hours, this node's latest counts included.
	 * @param hours how many hours, the current one included
	 * @return one row per hour, oldest first, hours without any activity as zeros
	 */
	public List<HourCounts> lastHours(int hours) {
		flushSafely();
		Instant current = this.clock.instant().truncatedTo(ChronoUnit.HOURS);
		Instant first = current.minus(Duration.ofHours(hours - 1L));
		Map<Instant, HourCounts> stored = new HashMap<>();
		this.jdbc.sql("SELECT * FROM delivery_hour WHERE hour_start >= ? AND hour_start <= ?")
			.params(ts(first), ts(current))
			.query((rs) -> {
				Instant hour = instant(rs, "hour_start");
				stored.put(hour, new HourCounts(hour, rs.getLong(COLUMNS[0]), rs.getLong(COLUMNS[1]),
						rs.getLong(COLUMNS[2]), rs.getLong(COLUMNS[3])));
			});
		List<HourCounts> result = new ArrayList<>(hours);
		for (int i = 0; i < hours; i++) {
			Instant hour = first.plus(Duration.ofHours(i));
			result.add(stored.getOrDefault(hour, new HourCounts(hour, 0, 0, 0, 0)));
		}
		return result;
	}

	/**
	 * One hour's counts.
	 *
	 * @param hour the hour's start
	 * @param sent alerts sent (each alert of a digest counted)
	 * @param failed alerts given up on
	 * @param held matches held for a digest or until quiet hours end
	 * @param rateLimited 429 answers from Telegram (alerts and replies)
	 */
	public record HourCounts(Instant hour, long sent, long failed, long held, long rateLimited) {
	}

}
