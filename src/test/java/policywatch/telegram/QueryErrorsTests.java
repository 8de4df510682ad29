package policywatch.telegram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

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

	@Test
	void everyErrorTheParserCanRaiseHasAKey() throws IOException {
		String source = Files.readString(Path.of("src/main/java/policywatch/query/QueryParser.java"));
		Set<String> templates = new TreeSet<>();
		for (String call : new String[] { "error(\"", "new QueryParseException(\"", "new QueryParseException(\n" }) {
			int at = source.indexOf(call);
			while (at >= 0) {
				templates.add(literals(source, at + call.indexOf('(') + 1));
				at = source.indexOf(call, at + 1);
			}
		}
		templates.remove("");
		assertThat(templates).hasSizeGreaterThan(15);
		assertThat(QueryErrors.templates()).containsAll(templates);
	}

	/**
	 * @return the string literals joined with {@code +} from {@code start}, as the compiler would join them
	 */
	private static String literals(String source, int start) {
		StringBuilder text = new StringBuilder();
		int i = start;
		while (true) {
			while (i < source.length() && (Character.isWhitespace(source.charAt(i)) || source.charAt(i) == '+')) {
				i++;
			}
			if (i >= source.length() || source.charAt(i) != '"') {
				return text.toString();
			}
			i++;
			while (source.charAt(i) != '"') {
				if (source.charAt(i) == '\\') {
					i++;
				}
				text.append(source.charAt(i));
				i++;
			}
			i++;
		}
	}

}
