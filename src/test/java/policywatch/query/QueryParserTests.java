package policywatch.query;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How queries are read: the canonical form echoed to the user, and the errors for bad queries.
 */
class QueryParserTests {

	@ParameterizedTest(name = "{0} => {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
			BRICS                                  | brics
			Tariffs                              | tariffs
			US                                     | US
			Us                                     | us
			supply chain                           | "supply chain"
			"supply chain"                         | "supply chain"
			supply-chain                           | "supply chain"
			Supply   Chain                         | "supply chain"
			supply chain AND sanctions             | "supply chain" AND sanctions
			"rare earth" export                    | "rare earth" AND export
			export "rare earth"                    | export AND "rare earth"
			a OR b c                               | a OR "b c"
			a OR b AND c                           | a OR (b AND c)
			(a OR b) AND c                         | (a OR b) AND c
			(a OR b) c                             | (a OR b) AND c
			a AND (b AND c)                        | a AND b AND c
			((a))                                  | a
			sanctions NOT russia                   | sanctions AND NOT russia
			sanctions -russia                      | sanctions AND NOT russia
			sanctions -"rare earth"                | sanctions AND NOT "rare earth"
			sanctions -(russia OR iran)            | sanctions AND NOT (russia OR iran)
			sanctions NOT NOT russia               | sanctions AND russia
			rock and roll                          | "rock and roll"
			sanction*                              | sanction*
			export sanction*                       | "export sanction*"
			"supply chain" NEAR/10 sanctions       | "supply chain" NEAR/10 sanctions
			supply chain NEAR/3 sanctions          | "supply chain" NEAR/3 sanctions
			tariff NEAR steel                      | tariff NEAR/10 steel
			title:BRICS                            | title:brics
			TITLE:BRICS summit                     | title:"brics summit"
			title:(BRICS OR G20) summit            | title:(brics OR g20) AND summit
			trade -title:BRICS summit              | trade AND NOT title:"brics summit"
			brics -title:summit                    | brics AND NOT title:summit
			Sao Paulo                              | "sao paulo"
			São Paulo                              | "sao paulo"
			Straße                                 | strasse
			金砖                                    | 金砖
			金砖 BRICS                              | "金砖 brics"
			金砖国家 AND summit                      | 金砖国家 AND summit
			U.S. trade                             | "US trade"
			China's exports                        | "china exports"
			“supply chain”                         | "supply chain"
			Re: tariffs                            | "re tariffs"
			AT&T                                   | "AT t"
			"OR"                                   | '"OR"'
			"or"                                   | or
			""")
	void queryIsUnderstoodAs(String query, String normalized) throws QueryParseException {
		assertThat(Query.parse(query).normalized()).isEqualTo(normalized);
		assertThat(Query.parse(normalized).normalized()).as("read back").isEqualTo(normalized);
	}

	@ParameterizedTest(name = "{0} => {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
			BRICS                                  | brics
			"supply chain" NEAR/10 sanctions       | "supply chain" NEAR/10 sanctions
			title:(BRICS OR G20) summit            | title:(brics OR g20) AND summit
			a OR b AND c                           | a OR (b AND c)
			sanctions -(russia OR iran)            | sanctions AND NOT (russia OR iran)
			"OR" AND US                            | '"OR" AND US'
			""")
	void normalizedFormReadsBackTheSame(String query, String normalized) throws QueryParseException {
		assertThat(Query.parse(query).normalized()).isEqualTo(normalized);
		assertThat(Query.parse(normalized).normalized()).isEqualTo(normalized);
		assertThat(Query.parse(normalized)).isEqualTo(Query.parse(query));
	}

	@ParameterizedTest(name = "[{0}] => {2}")
	@CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
			''                              | 0  | The query is empty
			'   '                           | 0  | The query is empty
			'"supply chain'                 | 0  | Unclosed quote at character 1: add the closing "
			'tariffs "supply chain'         | 8  | Unclosed quote at character 9: add the closing "
			'tariffs ""'                    | 8  | Empty quotes at character 9: put a word or phrase between them
			'"!!!"'                         | 0  | Nothing to match in "!!!" at character 1: use letters or digits
			'&&'                            | 0  | Nothing to match in "&&" at character 1: use letters or digits
			'(tariffs OR duties'            | 0  | Unclosed parenthesis at character 1: add a )
			'tariffs)'                      | 7  | Unmatched ) at character 8: remove it or add a ( before it
			'tariffs AND ()'                | 12 | Empty parentheses at character 13: put a word or phrase inside
			'tariffs NOT'                   | 8  | NOT at character 9 needs a word or phrase after it
			'NOT'                           | 0  | NOT at character 1 needs a word or phrase after it
			'tariffs AND'                   | 8  | AND at character 9 needs a word or phrase after it
			'AND tariffs'                   | 0  | AND at character 1 needs a word or phrase before it
			'tariffs OR'                    | 8  | OR at character 9 needs a word or phrase after it
			'OR tariffs'                    | 0  | OR at character 1 needs a word or phrase before it
			'tariffs AND OR duties'         | 8  | AND at character 9 needs a word or phrase after it
			'(tariffs OR) duties'           | 9  | OR at character 10 needs a word or phrase after it
			'tariffs -'                     | 8  | - at character 9 needs a word or phrase after it
			'tariffs -)'                    | 8  | - at character 9 needs a word or phrase after it
			'sa*'                           | 0  | The prefix "sa*" at character 1 is too short: put at least 3 letters before *
			'"export sa*"'                  | 8  | The prefix "sa*" at character 9 is too short: put at least 3 letters before *
			'*tion'                         | 0  | * at character 1 must come right after the end of a word, as in sanction*
			'sanc*tion'                     | 4  | * at character 5 must come right after the end of a word, as in sanction*
			'NOT tariffs'                   | 0  | The query only excludes: add a word or phrase to look for, as in: sanctions NOT russia
			'-tariffs'                      | 0  | The query only excludes: add a word or phrase to look for, as in: sanctions NOT russia
			'-tariffs -duties'              | 0  | The query only excludes: add a word or phrase to look for, as in: sanctions NOT russia
			'steel OR NOT tariffs'          | 9  | The OR alternative at character 10 only excludes: each alternative needs a word or phrase to look for
			'steel AND (iron OR -tariffs)'  | 19 | The OR alternative at character 20 only excludes: each alternative needs a word or phrase to look for
			'tariffs NEAR/x steel'          | 8  | "NEAR/x" at character 9: NEAR/ takes a number of words from 0 to 100, as in NEAR/10
			'tariffs NEAR/500 steel'        | 8  | "NEAR/500" at character 9: NEAR/ takes a number of words from 0 to 100, as in NEAR/10
			'tariffs NEAR/5'                | 8  | NEAR/5 at character 9 needs a word or phrase after it
			'NEAR/5 steel'                  | 0  | NEAR/5 at character 1 needs a word or phrase before it
			'(a OR b) NEAR/5 steel'         | 9  | NEAR/5 at character 10 joins two words or phrases, not groups
			'a NEAR/5 b NEAR/5 c'           | 11 | A second NEAR at character 12: NEAR joins exactly two words or phrases; combine pairs with AND, as in (a NEAR/5 b) AND (b NEAR/5 c)
			'title:a NEAR/5 b'              | 8  | NEAR/5 at character 9: put the field before the whole NEAR, as in title:(a NEAR/5 b)
			'title:'                        | 0  | title: at character 1 needs a word, phrase or group right after it
			'title:(a OR body:b)'           | 0  | A field inside title: at character 1: use one field per part of the query
			'author:smith'                  | 0  | Unknown field "author:" at character 1: the fields are title: and body:
			""")
	void badQueriesSayWhatAndWhere(String query, int position, String message) {
		assertThatExceptionOfType(QueryParseException.class).isThrownBy(() -> Query.parse(query))
			.withMessage(message)
			.satisfies((ex) -> assertThat(ex.position()).isEqualTo(position));
	}

	@Test
	void deepNestingIsRefusedNotACrash() {
		String deep = "(".repeat(5000) + "a" + ")".repeat(5000);
		assertThatExceptionOfType(QueryParseException.class).isThrownBy(() -> Query.parse(deep))
			.withMessage("Too many nested parentheses at character 33: use at most 32 levels");
	}

	@Test
	void longChainsOfNotCancelOut() throws QueryParseException {
		assertThat(Query.parse("a " + "NOT ".repeat(10000) + "b").normalized()).isEqualTo("a AND b");
		assertThat(Query.parse("a " + "NOT ".repeat(10001) + "b").normalized()).isEqualTo("a AND NOT b");
	}

	@Test
	void nullIsEmpty() {
		assertThatExceptionOfType(QueryParseException.class).isThrownBy(() -> Query.parse(null))
			.withMessage("The query is empty");
	}

}
