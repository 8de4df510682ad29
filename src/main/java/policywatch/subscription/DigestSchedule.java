package policywatch.subscription;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * When a subscription's digest goes out: {@code hourly}, {@code daily 08:00} or
 * {@code weekly mon 08:00}, in a time zone. Parsed by hand (no regular expression sees the
 * user's text).
 *
 * @param period hourly, daily or weekly
 * @param time the local time of day (daily and weekly; midnight for hourly)
 * @param day the day of the week (weekly; {@code null} otherwise)
 */
public record DigestSchedule(Period period, LocalTime time, DayOfWeek day) {

	/** How often a digest goes out. */
	public enum Period {

		HOURLY, DAILY, WEEKLY

	}

	/**
	 * @param text {@code hourly}, {@code daily HH:MM} or {@code weekly ddd HH:MM} (any case, any spacing)
	 * @return the schedule
	 * @throws IllegalArgumentException with a message fit for the user
	 */
	public static DigestSchedule parse(String text) {
		String[] words = (text == null) ? new String[0] : text.strip().toLowerCase(Locale.ROOT).split("\\s+");
		if (words.length == 0 || words[0].isEmpty() || text.length() > 40) {
			throw new IllegalArgumentException(FORMS);
		}
		switch (words[0]) {
			case "hourly":
				if (words.length != 1) {
					throw new IllegalArgumentException(FORMS);
				}
				return new DigestSchedule(Period.HOURLY, LocalTime.MIDNIGHT, null);
			case "daily":
				if (words.length != 2) {
					throw new IllegalArgumentException(FORMS);
				}
				return new DigestSchedule(Period.DAILY, time(words[1]), null);
			case "weekly":
				if (words.length != 3) {
					throw new IllegalArgumentException(FORMS);
				}
				return new DigestSchedule(Period.WEEKLY, time(words[2]), day(words[1]));
			default:
				throw new IllegalArgumentException(FORMS);
		}
	}

	/** What the forms are, for error messages. */
	public static final String FORMS = "expected 'hourly', 'daily 08:00' or 'weekly mon 08:00'";

	/**
	 * @param text {@code HH:MM}, 24-hour
	 * @return the time
	 * @throws IllegalArgumentException when it is not one
	 */
	public static LocalTime time(String text) {
		int colon = text.indexOf(':');
		if (colon < 1 || colon > 2 || text.length() != colon + 3) {
			throw new IllegalArgumentException("'" + text + "' is not a time like 08:00");
		}
		for (int i = 0; i < text.length(); i++) {
			if (i != colon && (text.charAt(i) < '0' || text.charAt(i) > '9')) {
				throw new IllegalArgumentException("'" + text + "' is not a time like 08:00");
			}
		}
		int hour = Integer.parseInt(text.substring(0, colon));
		int minute = Integer.parseInt(text.substring(colon + 1));
		if (hour > 23 || minute > 59) {
			throw new IllegalArgumentException("'" + text + "' is not a time of day (00:00 to 23:59)");
		}
		return LocalTime.of(hour, minute);
	}

	private static DayOfWeek day(String text) {
		for (DayOfWeek day : DayOfWeek.values()) {
			String name = day.name().toLowerCase(Locale.ROOT);
			if (text.length() >= 3 && name.startsWith(text)) {
				return day;
			}
		}
		throw new IllegalArgumentException("'" + text + "' is not a day of the week (mon, tue, ... sun)");
	}

	/**
	 * The first time the digest is due strictly after a moment. A local time that a DST change
	 * skips is moved forward by the gap; one that happens twice is the first of the two.
	 * @param after the moment
	 * @param zone the subscriber's time zone
	 * @return when the next digest is due
	 */
	public Instant next(Instant after, ZoneId zone) {
		ZonedDateTime now = after.atZone(zone);
		if (this.period == Period.HOURLY) {
			return now.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
		}
		LocalDate date = now.toLocalDate();
		if (this.period == Period.WEEKLY) {
			date = date.with(TemporalAdjusters.nextOrSame(this.day));
		}
		while (true) {
			Instant candidate = ZonedDateTime.ofLocal(date.atTime(this.time), zone, null).toInstant();
			if (candidate.isAfter(after)) {
				return candidate;
			}
			date = date.plusDays((this.period == Period.WEEKLY) ? 7 : 1);
		}
	}

	/**
	 * @return where the period that ends at {@code due} began (one hour, day or week before, in local time)
	 */
	public Instant periodStart(Instant due, ZoneId zone) {
		ZonedDateTime end = due.atZone(zone);
		return switch (this.period) {
			case HOURLY -> due.minus(1, ChronoUnit.HOURS);
			case DAILY -> end.minusDays(1).toInstant();
			case WEEKLY -> end.minusWeeks(1).toInstant();
		};
	}

	/**
	 * @return the schedule as the commands and the config file write it
	 */
	@Override
	public String toString() {
		return switch (this.period) {
			case HOURLY -> "hourly";
			case DAILY -> "daily " + this.time;
			case WEEKLY -> "weekly " + this.day.name().substring(0, 3).toLowerCase(Locale.ROOT) + " " + this.time;
		};
	}

}
