package policywatch.ingest.parse;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

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

	@ParameterizedTest
	@ValueSource(strings = { "", "yesterday", "32 Foo 2003", "2003-13-45", "99999-01-01", "Tue, 10 Jun 203 04:00" })
	void unreadableDatesAreNull(String text) {
		assertThat(Dates.parse(text)).isNull();
	}

}
