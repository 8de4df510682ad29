package policywatch.ingest.decode;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one date parser reads what feeds and what pages write (the union of the two parsers it
 * replaces).
 */
class DatesTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			Tue, 10 Jun 2003 04:00:00 GMT          | 2003-06-10T04:00:00Z
			Tue, 10 Jun 2003 04:00:00 +0200        | 2003-06-10T02:00:00Z
			10 Jun 2003 04:00 EST                  | 2003-06-10T09:00:00Z
			Tue, 1 Jul 03 4:00:00 PDT              | 2003-07-01T11:00:00Z
			Sun, 2 March 2025 10:00:00 +01:00      | 2025-03-02T09:00:00Z
			Mon, 03 Mar 2025 09:30:00 Z            | 2025-03-03T09:30:00Z
			2003-12-13T18:30:02Z                   | 2003-12-13T18:30:02Z
			2003-12-13T18:30:02.25+01:00           | 2003-12-13T17:30:02.250Z
			2003-12-13T18:30:02-0500               | 2003-12-13T23:30:02Z
			2003-12-13T18:30Z                      | 2003-12-13T18:30:00Z
			2003-12-13 18:30:02                    | 2003-12-13T18:30:02Z
			2003-12-13                             | 2003-12-13T00:00:00Z
			2003-12                                | 2003-12-01T00:00:00Z
			20031213T183002Z                       | 2003-12-13T18:30:02Z
			2003/12/13 18:30                       | 2003-12-13T18:30:00Z
			June 10, 2003 04:00                    | 2003-06-10T04:00:00Z
			Tue Jun 10 04:00:00 GMT 2003           | 2003-06-10T04:00:00Z
			""")
	void readsTheFormatsFeedsUse(String text, String expected) {
		assertThat(Dates.parse(text)).isEqualTo(Instant.parse(expected));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			2024-06-14T16:45:00+02:00      | 2024-06-14T14:45:00Z
			2024-06-14T16:45:00+0200       | 2024-06-14T14:45:00Z
			2024-06-14T16:45:00.123Z       | 2024-06-14T16:45:00.123Z
			2024-06-14 16:45:00            | 2024-06-14T16:45:00Z
			2024-06-14T16:45               | 2024-06-14T16:45:00Z
			2024-06-14                     | 2024-06-14T00:00:00Z
			2024/6/4                       | 2024-06-04T00:00:00Z
			Fri, 14 Jun 2024 16:45:00 GMT  | 2024-06-14T16:45:00Z
			1718376300                     | 2024-06-14T14:45:00Z
			1718376300123                  | 2024-06-14T14:45:00.123Z
			2024年6月14日 16:45             | 2024-06-14T00:00:00Z
			14.06.2024, 16:45 Uhr          | 2024-06-14T00:00:00Z
			June 14, 2024                  | 2024-06-14T00:00:00Z
			Updated Jun. 4, 2024           | 2024-06-04T00:00:00Z
			14 June 2024                   | 2024-06-14T00:00:00Z
			14. Juni 2024                  | 2024-06-14T00:00:00Z
			2024-06-14T16:45:00 +02:00     | 2024-06-14T14:45:00Z
			""")
	void readsTheFormsPagesUse(String value, String expected) {
		assertThat(Dates.parse(value)).isEqualTo(Instant.parse(expected));
	}

	@Test
	void noBreakSpacesAndSurroundingWhitespaceAreIgnored() {
		assertThat(Dates.parse("  10\u00a0Jun\u00a02003 04:00 GMT\n")).isEqualTo(Instant.parse("2003-06-10T04:00:00Z"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "yesterday", "32 Foo 2003", "2003-13-45", "2024-13-45", "99999-01-01",
			"Tue, 10 Jun 203 04:00", "not a date at all", "12345", "1234567" })
	void unreadableDatesAreNull(String text) {
		assertThat(Dates.parse(text)).isNull();
	}

	@Test
	void runsThatABacktrackingPatternWouldTryEverySplitOfAreNoDate() {
		assertThat(Dates.parse("a".repeat(99))).isNull();
		assertThat(Dates.parse("1 " + "a".repeat(97))).isNull();
		assertThat(Dates.parse("Jun" + " ".repeat(96) + "x")).isNull();
		assertThat(Dates.parse("1" + ". ".repeat(49))).isNull();
	}

	@Test
	void nullAndOverlongTextsAreNoDate() {
		assertThat(Dates.parse(null)).isNull();
		assertThat(Dates.parse("2024-06-14" + " ".repeat(50) + "x".repeat(50))).isNull();
	}

}
