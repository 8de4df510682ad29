package policywatch.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import policywatch.delivery.DeliveryProperties;

/**
 * Times as the console shows them: "5 min ago" with the full time (in
 * {@code policywatch.delivery.time-zone}) beside it.
 */
@Component
final class ConsoleTime {

	private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

	private final Clock clock;

	private final ZoneId zone;

	@Autowired
	ConsoleTime(Clock clock, DeliveryProperties delivery) {
		this(clock, delivery.timeZone());
	}

	ConsoleTime(Clock clock, ZoneId zone) {
		this.clock = clock;
		this.zone = zone;
	}

	Instant now() {
		return this.clock.instant();
	}

	ZoneId zone() {
		return this.zone;
	}

	/**
	 * @return the time in full, or "never"
	 */
	String full(Instant time) {
		return (time != null) ? FULL.format(time.atZone(this.zone)) : "never";
	}

	/**
	 * @return how long ago (or "in …" for a future time), or "never"
	 */
	String ago(Instant time) {
		if (time == null) {
			return "never";
		}
		Duration age = Duration.between(time, this.clock.instant());
		boolean future = age.isNegative();
		String span = span(age.abs());
		if (span == null) {
			return "just now";
		}
		return future ? "in " + span : span + " ago";
	}

	private static String span(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 60) {
			return null;
		}
		if (seconds < 3600) {
			return (seconds / 60) + " min";
		}
		if (seconds < 48 * 3600) {
			return (seconds / 3600) + " h";
		}
		return (seconds / 86400) + " days";
	}

}
