package policywatch.subscription;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A chat's quiet hours, in its local time: {@code 22:00-07:00} runs across midnight.
 *
 * @param start when they begin
 * @param end when they end
 */
public record QuietHours(LocalTime start, LocalTime end) {

	/**
	 * @param text {@code HH:MM-HH:MM}
	 * @return the quiet hours
	 * @throws IllegalArgumentException with a message fit for the user
	 */
	public static QuietHours parse(String text) {
		String value = (text == null) ? "" : text.strip();
		int dash = value.indexOf('-');
		if (dash < 0 || value.length() > 20) {
			throw new IllegalArgumentException("expected a range like 22:00-07:00");
		}
		LocalTime start = DigestSchedule.time(value.substring(0, dash).strip());
		LocalTime end = DigestSchedule.time(value.substring(dash + 1).strip());
		if (start.equals(end)) {
			throw new IllegalArgumentException("the quiet hours start and end at the same time");
		}
		return new QuietHours(start, end);
	}

	/**
	 * @return whether the moment falls within the quiet hours
	 */
	public boolean contains(Instant moment, ZoneId zone) {
		LocalTime local = moment.atZone(zone).toLocalTime();
		if (this.start.isBefore(this.end)) {
			return !local.isBefore(this.start) && local.isBefore(this.end);
		}
		return !local.isBefore(this.start) || local.isBefore(this.end);
	}

	/**
	 * @return when the quiet hours that contain the moment end
	 */
	public Instant endAfter(Instant moment, ZoneId zone) {
		ZonedDateTime now = moment.atZone(zone);
		ZonedDateTime end = ZonedDateTime.ofLocal(now.toLocalDate().atTime(this.end), zone, null);
		return end.toInstant().isAfter(moment) ? end.toInstant() : end.plusDays(1).toInstant();
	}

	@Override
	public String toString() {
		return this.start + "-" + this.end;
	}

}
