package policywatch.ingest.extract;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DatesTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			2024-06-14T16:45:00+02:00      | 2024-06-14T14:45:00Z
			2024-06-14T16:45:00+0200       | 2024-06-14T14:45:00Z
			2024-06-14T16:45:00.123Z       | 2024-06-14T16:45:00.123Z
			2024-06-14 16:45:00            | 2024-06-14T16:45:00Z
			2024-06-14T16:45               | 2024-06-14T16:45:00Z
			2024-06-14                     | 2024-06-14T00:00:00Z
			2024/6/4                       | 2024-06-04T00:00:00Z
			Fri, 14 Jun 2024 16:45:00 GMT   | 2024-06-14T16:45:00Z
			1718376300                     | 2024-06-14T14:45:00Z
			2024年6月14日 16:45             | 2024-06-14T00:00:00Z
			14.06.2024, 16:45 Uhr          | 2024-06-14T00:00:00Z
			June 14, 2024                  | 2024-06-14T00:00:00Z
			Updated Jun. 4, 2024           | 2024-06-04T00:00:00Z
			14 June 2024                   | 2024-06-14T00:00:00Z
			14. Juni 2024                  | 2024-06-14T00:00:00Z
			""")
	void parsesTheFormsPagesUse(String value, String expected) {
		assertThat(Dates.parse(value)).isEqualTo(Instant.parse(expected));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "yesterday", "2024-13-45", "not a date at all", "12345" })
	void otherTextIsNoDate(String value) {
		assertThat(Dates.parse(value)).isNull();
	}

}
