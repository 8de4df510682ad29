package policywatch.telegram;

import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import policywatch.query.Query;
import policywatch.query.QueryParseException;
import policywatch.testing.TestMessages;
import policywatch.text.Languages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each of the query parser's errors has its translation, with the position.
 */
class QueryErrorsTests {

	private final BotText text = new BotText(TestMessages.create(), null);

	@ParameterizedTest
	@ValueSource(strings = { "\"supply chain", "BRICS)", "(BRICS", "title:", "foo:bar", "NEAR/5 x", "a NEAR/500 b",
			"a NEAR/5 (b OR c)", "a NEAR/5 b NEAR/5 c", "x OR -y", "-y", "()", "\"\"", "\"!!\"", "ab*", "a*b", "AND x",
			"((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))", "title:(body:x)", "x OR",
			"a NEAR/5 title:b" })
	void everyQueryErrorIsTranslatedAndKeepsItsPosition(String query) {
		QueryParseException ex = catchThrowableOfType(QueryParseException.class, () -> Query.parse(query));
		assertThat(ex).as(query).isNotNull();
		for (Locale language : Languages.SUPPORTED) {
			String described = QueryErrors.describe(this.text, language, ex);
			if (language.equals(Languages.ENGLISH)) {
				assertThat(described).as("English is the query module's own text").isEqualTo(ex.getMessage());
			}
			else {
				assertThat(described).as("%s in %s", query, language).isNotEqualTo(ex.getMessage());
			}
			if (ex.template().contains("@")) {
				assertThat(described).as("%s in %s", query, language).contains(Integer.toString(ex.position() + 1));
			}
		}
	}

}
