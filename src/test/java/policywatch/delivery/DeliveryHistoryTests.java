package policywatch.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;

import policywatch.MutableClock;
import policywatch.TestDatabase;
import policywatch.delivery.DeliveryHistory.HourCounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Alerts sent, failed and held and 429s per hour, from the meters of every node into one table.
 */
class DeliveryHistoryTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:15:00Z"));

	private final JdbcClient jdbc = TestDatabase.jdbc();

	@Test
	void addsWhatEachNodeCountedToItsHour() {
		SimpleMeterRegistry first = new SimpleMeterRegistry();
		SimpleMeterRegistry second = new SimpleMeterRegistry();
		DeliveryHistory one = history(first);
		DeliveryHistory two = history(second);

		first.counter(DeliveryHistory.SENT_METER).increment(3);
		first.counter(DeliveryHistory.RATE_LIMITED_METER).increment();
		one.flush();
		first.counter(DeliveryHistory.SENT_METER).increment(2);
		second.counter(DeliveryHistory.SENT_METER).increment(4);
		second.counter(DeliveryHistory.FAILED_METER).increment();
		two.flush();
		this.clock.advance(Duration.ofHours(1));
		second.counter(DeliveryHistory.HELD_METER).increment(7);

		List<HourCounts> hours = one.lastHours(3);
		List<HourCounts> others = two.lastHours(3);

		assertThat(hours).extracting(HourCounts::hour)
			.containsExactly(Instant.parse("2026-11-20T09:00:00Z"), Instant.parse("2026-11-20T10:00:00Z"),
					Instant.parse("2026-11-20T11:00:00Z"));
		assertThat(hours.get(0)).isEqualTo(new HourCounts(Instant.parse("2026-11-20T09:00:00Z"), 0, 0, 0, 0));
		// node one's last 2 were flushed by its read an hour later: they count in that hour
		assertThat(hours.get(1)).isEqualTo(new HourCounts(Instant.parse("2026-11-20T10:00:00Z"), 7, 1, 0, 1));
		assertThat(others.get(2)).isEqualTo(new HourCounts(Instant.parse("2026-11-20T11:00:00Z"), 2, 0, 7, 0));
		assertThat(two.lastHours(1)).as("nothing counted twice").isEqualTo(others.subList(2, 3));
	}

	@Test
	void forgetsHoursOlderThanThirtyDays() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		DeliveryHistory history = history(meters);
		meters.counter(DeliveryHistory.SENT_METER).increment();
		history.flush();

		this.clock.advance(DeliveryHistory.KEEP.plusHours(1));
		history.flush();

		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM delivery_hour").query(Long.class).single()).isZero();
	}

	private DeliveryHistory history(SimpleMeterRegistry meters) {
		return new DeliveryHistory(this.jdbc, meters, this.clock, mock(TaskScheduler.class));
	}

}
