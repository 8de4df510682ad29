package policywatch.subscription.query;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query language case table: each row is {@code query | title | body}, with the expected hits marked in
 * brackets in the title and body. A row without brackets must not match.
 */
class QueryMatchingTests {

	private static final String TABLE = """
			# words: case-insensitive, whole words only
			BRICS                     | | The [BRICS] summit opens
			BRICS                     | | the [brics] countries
			BRICS                     | | Stacking bricks is a craft
			brics                     | | Stacking bricks and BRICKS
			bricks                    | | The BRICS summit
			tariff                    | | New [tariffs] on steel
			tariffs                   | | One [tariff] only
			chain                     | | Supply [chains] break
			sanction                  | | The chainsaw sanctioned
			# a run of words is one phrase
			supply chain              | | The [supply chain] is strained
			supply chain              | | The [supply-chain] crisis
			supply chain              | | Global [supply chains] are strained
			supply chain              | | Global [Supply Chains] strain
			supply chain              | | A chain of supply
			supply chain              | | supply and chain
			"supply chain"            | | The [supply chain] is strained
			supply-chain              | | The [supply chain] is strained
			"supply-chain"            | | A [supply  -  chain] story
			""";

	static Stream<Arguments> rows() {
		List<Arguments> rows = new ArrayList<>();
		for (String line : TABLE.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] columns = line.split("\\|", -1);
			rows.add(Arguments.of(columns[0].strip(), columns[1].strip(), columns[2].strip()));
		}
		return rows.stream();
	}

	@ParameterizedTest(name = "{0} ~ {1} | {2}")
	@MethodSource("rows")
	void naiveMatcher(String query, String markedTitle, String markedBody) throws QueryParseException {
		check(new NaiveMatcher(), query, markedTitle, markedBody);
	}

	@ParameterizedTest(name = "{0} ~ {1} | {2}")
	@MethodSource("rows")
	void productionMatcher(String query, String markedTitle, String markedBody) throws QueryParseException {
		check(Matchers.create(), query, markedTitle, markedBody);
	}

	private static void check(SubscriptionMatcher matcher, String query, String markedTitle, String markedBody)
			throws QueryParseException {
		matcher.add(7, Query.parse(query));
		String title = markedTitle.replace("[", "").replace("]", "");
		String body = markedBody.replace("[", "").replace("]", "");
		List<QueryMatch> matches = matcher.match(new MatchDocument(title, body));
		String expected = markedTitle + " | " + markedBody;
		if (!expected.contains("[")) {
			assertThat(matches).as("matches of %s", query).isEmpty();
			return;
		}
		assertThat(matches).as("matches of %s", query).hasSize(1);
		assertThat(matches.get(0).subscriptionId()).isEqualTo(7);
		assertThat(mark(title, Field.TITLE, matches.get(0).hits()) + " | " + mark(body, Field.BODY, matches.get(0).hits()))
			.isEqualTo(expected);
	}

	static String mark(String text, Field field, List<Hit> hits) {
		StringBuilder marked = new StringBuilder(text);
		List<Hit> inField = hits.stream().filter((hit) -> hit.field() == field).toList();
		for (int i = inField.size() - 1; i >= 0; i--) {
			Hit hit = inField.get(i);
			marked.insert(hit.end(), ']');
			marked.insert(hit.start(), '[');
		}
		return marked.toString();
	}

}
