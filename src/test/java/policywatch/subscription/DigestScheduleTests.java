package policywatch.subscription;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Digest schedules and quiet hours across time zones, DST changes and midnight.
 */
class DigestScheduleTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Test
	void parsesTheThreeFormsInAnyCaseAndPrintsThemBack() {
		assertThat(DigestSchedule.parse("daily 08:00")).hasToString("daily 08:00");
		assertThat(DigestSchedule.parse("  Weekly MONDAY 8:05 ")).isEqualTo(
				new DigestSchedule(DigestSchedule.Period.WEEKLY, LocalTime.of(8, 5), DayOfWeek.MONDAY));
		assertThat(DigestSchedule.parse("weekly fri 17:30")).hasToString("weekly fri 17:30");
		assertThat(DigestSchedule.parse("HOURLY")).hasToString("hourly");
	}

	@Test
	void rejectsWhatIsNotASchedule() {
		for (String bad : new String[] { "", "daily", "daily 24:00", "daily 8", "daily 08:60", "weekly 08:00",
				"weekly mo 08:00", "hourly 08:00", "monthly 08:00", "daily 08:00 extra", "daily ０8:00" }) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> DigestSchedule.parse(bad));
		}
	}

	@Test
	void dailyDigestFollowsTheSubscribersTimeZone() {
		DigestSchedule daily = DigestSchedule.parse("daily 08:00");
		Instant now = Instant.parse("2026-12-01T10:00:00Z");
		assertThat(daily.next(now, BERLIN)).isEqualTo(Instant.parse("2026-12-02T07:00:00Z"));
		assertThat(daily.next(now, NEW_YORK)).isEqualTo(Instant.parse("2026-12-01T13:00:00Z"));
		assertThat(daily.next(Instant.parse("2026-12-02T07:00:00Z"), BERLIN))
			.as("strictly after: the digest just sent is not due again")
			.isEqualTo(Instant.parse("2026-12-03T07:00:00Z"));
	}

	@Test
	void dailyDigestKeepsItsLocalTimeAcrossBothBerlinDstChanges() {
		DigestSchedule daily = DigestSchedule.parse("daily 08:00");
		// Sunday 29 March 2026: clocks go from 02:00 to 03:00
		Instant saturday = Instant.parse("2026-03-28T07:00:00Z");
		Instant sunday = daily.next(saturday, BERLIN);
		assertThat(sunday).isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
		assertThat(sunday.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(8, 0));
		// Sunday 25 October 2026: clocks go from 03:00 back to 02:00
		Instant before = Instant.parse("2026-10-24T06:00:00Z");
		assertThat(daily.next(before, BERLIN)).isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
	}

	@Test
	void aTimeTheSpringChangeSkipsMovesForwardAndATimeThatHappensTwiceIsSentOnce() {
		DigestSchedule skipped = DigestSchedule.parse("daily 02:30");
		assertThat(skipped.next(Instant.parse("2026-03-28T12:00:00Z"), BERLIN))
			.as("02:30 does not exist on 29 March: 03:30 summer time")
			.isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
		Instant first = skipped.next(Instant.parse("2026-10-24T12:00:00Z"), BERLIN);
		assertThat(first).as("02:30 happens twice on 25 October: the first").isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
		assertThat(skipped.next(first, BERLIN)).as("and not again an hour later")
			.isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
	}

	@Test
	void weeklyDigestComesOnItsDayAndTime() {
		DigestSchedule weekly = DigestSchedule.parse("weekly mon 08:00");
		// Tuesday 1 December 2026
		Instant next = weekly.next(Instant.parse("2026-12-01T10:00:00Z"), BERLIN);
		assertThat(next).isEqualTo(Instant.parse("2026-12-07T07:00:00Z"));
		assertThat(weekly.next(next, BERLIN)).isEqualTo(Instant.parse("2026-12-14T07:00:00Z"));
		// Monday before 08:00 local: today
		assertThat(weekly.next(Instant.parse("2026-12-07T06:59:00Z"), BERLIN)).isEqualTo(next);
		assertThat(weekly.periodStart(next, BERLIN)).isEqualTo(Instant.parse("2026-11-30T07:00:00Z"));
	}

	@Test
	void hourlyDigestIsOnTheLocalHour() {
		DigestSchedule hourly = DigestSchedule.parse("hourly");
		assertThat(hourly.next(Instant.parse("2026-12-01T10:20:00Z"), BERLIN))
			.isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
		assertThat(hourly.next(Instant.parse("2026-12-01T10:20:00Z"), ZoneId.of("Asia/Kolkata")))
			.as("UTC+05:30: on the local hour")
			.isEqualTo(Instant.parse("2026-12-01T10:30:00Z"));
	}

	@Test
	void quietHoursAcrossMidnight() {
		QuietHours night = QuietHours.parse("22:00-07:00");
		assertThat(night.contains(Instant.parse("2026-12-01T21:30:00Z"), BERLIN)).as("22:30 Berlin").isTrue();
		assertThat(night.contains(Instant.parse("2026-12-02T05:59:00Z"), BERLIN)).as("06:59 Berlin").isTrue();
		assertThat(night.contains(Instant.parse("2026-12-02T06:00:00Z"), BERLIN)).as("07:00 Berlin").isFalse();
		assertThat(night.contains(Instant.parse("2026-12-01T20:59:00Z"), BERLIN)).as("21:59 Berlin").isFalse();
		assertThat(night.endAfter(Instant.parse("2026-12-01T21:30:00Z"), BERLIN))
			.isEqualTo(Instant.parse("2026-12-02T06:00:00Z"));
		QuietHours lunch = QuietHours.parse("12:00 - 13:30");
		assertThat(lunch.contains(Instant.parse("2026-12-01T11:15:00Z"), BERLIN)).isTrue();
		assertThat(lunch.contains(Instant.parse("2026-12-01T13:15:00Z"), BERLIN)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> QuietHours.parse("22:00"));
		assertThatIllegalArgumentException().isThrownBy(() -> QuietHours.parse("22:00-22:00"));
		assertThatIllegalArgumentException().isThrownBy(() -> QuietHours.parse("25:00-07:00"));
	}

}
