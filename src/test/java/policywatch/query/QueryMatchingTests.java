package policywatch.query;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
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
			# --- words: case-insensitive, whole words, light English inflection
			BRICS                            |                     | The [BRICS] summit opens
			BRICS                            |                     | the [brics] countries
			BRICS                            |                     | Stacking bricks is a craft
			brics                            |                     | Stacking bricks and BRICKS
			bricks                           |                     | The BRICS summit
			tariff                           |                     | New [tariffs] on steel
			tariffs                          |                     | One [tariff] only
			chain                            |                     | Supply [chains] break
			sanction                         |                     | The chainsaw sanctioned
			tax                              |                     | New [taxes] and a [tax]
			policy                           |                     | Trade [policies] shift
			business                         |                     | Small [businesses] suffer
			crisis                           |                     | The [crisis] deepens
			news                             |                     | A new law
			new                              |                     | Latest news
			G20                              |                     | The [g20] summit
			# --- acronyms: a query word of 2-3 capitals matches capitals only; lower case matches any case
			US                               |                     | Talks between the [US] and China
			US                               |                     | Join us for talks
			US                               |                     | Talks with [U.S.] officials
			US                               |                     | Australia and Russia
			us                               |                     | Join [us] and the [US]
			EU                               |                     | The [EU] and its members
			EU                               |                     | Europe and Eurasia
			EU                               |                     | The eu domain
			eu                               |                     | The [eu] domain and the [EU]
			WHO                              |                     | The [WHO] warned
			WHO                              |                     | Those who know
			NGO                              |                     | Several [NGOs] protested
			UN                               |                     | The [UN] Security Council
			# --- a run of words is one phrase; hyphen = space; punctuation between words is ignored
			supply chain                     |                     | The [supply chain] is strained
			supply chain                     |                     | The [supply-chain] crisis
			supply chain                     |                     | Global [supply chains] are strained
			supply chain                     |                     | Global [SUPPLY-CHAINS] strain
			supply chain                     |                     | A chain of supply
			supply chain                     |                     | supply and chain
			supply chain                     |                     | The [supply—chain] story
			"supply chain"                   |                     | A [Supply   Chain] story
			supply-chain                     |                     | The [supply chain] is strained
			"supply-chain"                   |                     | A [supply  -  chain] story
			rock and roll                    |                     | [Rock and roll] lives
			rock and roll                    |                     | Rock roll
			covid-19                         |                     | [COVID 19] cases
			# --- juxtaposition and AND
			"rare earth" export              |                     | [Rare earth] [exports] rose
			"rare earth" export              |                     | Rare earth prices rose
			export "rare earth"              |                     | [Exports] of [rare earths]
			supply chain AND sanctions       |                     | [Sanctions] hit the [supply chain]
			supply chain AND sanctions       |                     | Sanctions hit the supply of chains
			tariffs AND steel                | [Tariffs] rise      | On [steel]
			# --- OR, grouping, precedence (NOT > AND > OR)
			tariffs OR duties                |                     | New [duties] on steel
			tariffs OR duties                |                     | New levies on steel
			tariffs OR duties                |                     | [Tariffs] and [duties]
			(tariffs OR duties) steel        |                     | [Duties] on [steel]
			(tariffs OR duties) steel        |                     | Duties on aluminium
			tariffs OR duties steel          |                     | [Tariffs] on imports
			tariffs OR duties steel          |                     | Duties on imports
			tariffs OR duties AND steel      |                     | [Tariffs] rise
			tariffs OR duties AND steel      |                     | Duties rise
			steel NOT iron AND copper        |                     | [Steel] and [copper]
			steel NOT iron AND copper        |                     | Steel, iron and copper
			# --- exclusion: NOT and a leading -, anywhere in the document
			sanctions NOT russia             |                     | New [sanctions] on Iran
			sanctions NOT russia             |                     | New sanctions on Russia
			sanctions NOT russia             | Russia              | New sanctions
			sanctions -russia                |                     | Sanctions on Russia
			sanctions -"rare earth"          |                     | [Sanctions] on earth metals
			sanctions -"rare earth"          |                     | Sanctions on rare earth metals
			sanctions -(russia OR iran)      |                     | Sanctions on Iran
			sanctions -title:russia          | Iran talks          | New [sanctions] on Russia
			sanctions -title:russia          | Russia talks        | New sanctions
			# --- prefix
			sanction*                        |                     | The EU [sanctioned] firms
			sanction*                        |                     | [Sanctions] and more [sanctioning]
			sanction*                        |                     | Sanitation works
			export sanction*                 |                     | New [export sanctions] loom
			export sanction*                 |                     | Sanctions on export
			sao*                             |                     | [São] Paulo
			# prefixes are looked up in the document's sorted distinct words: every form in the range, in text order
			sanction*                        |                     | [Sanctions] hit [sanctioned] firms; sanctity, [sanction] and sanctum, [sanctions] again
			sanct*                           |                     | Saner [sanctum] and [sanctity] but sand
			zebra*                           |                     | Zebu, [zebrafish], zeal and [zebra]
			zebra* -zebu                     |                     | Zebu, zebrafish, zeal and zebra
			title:expo* NOT body:exporta*    | New [exports]       | Exporters and exported goods
			title:expo* NOT body:exporta*    | New exports         | Exportation plans
			# --- proximity: at most N words between, either order, hits only where near
			"supply chain" NEAR/10 sanctions |                     | [Sanctions] could disrupt the global [supply chain]
			"supply chain" NEAR/10 sanctions |                     | The [supply chain] faces [sanctions]
			"supply chain" NEAR/3 sanctions  |                     | Sanctions could disrupt the entire global supply chain
			"supply chain" NEAR/5 sanctions  |                     | [Sanctions] could disrupt the entire global [supply chain]
			tariff NEAR/0 steel              |                     | New [steel] [tariffs] imposed
			tariff NEAR/1 steel              |                     | Tariffs on imported steel
			tariff NEAR steel                |                     | [Tariffs] were raised again last week on all imported [steel]
			tariff NEAR/2 steel              |                     | [Tariffs] on [steel]. Later this year new tariffs everywhere
			tariff NEAR/2 steel              | Tariffs             | Steel prices
			title:(tariff NEAR/2 steel)      | [Steel] [tariffs]   | Tariffs on steel
			# --- fields
			title:BRICS                      | [BRICS] summit      | The brics summit
			title:BRICS                      | Summit              | The BRICS summit
			body:BRICS                       | BRICS summit        | The [BRICS] leaders
			title:BRICS summit               | [BRICS summit] ends | The talks
			title:BRICS summit               | BRICS leaders meet  | The summit
			title:(BRICS OR G20) summit      | [G20] leaders meet  | The [summit] opened
			# --- normalisation: diacritics, width, apostrophes
			Sao Paulo                        |                     | Floods in [São Paulo]
			São Paulo                        |                     | Floods in [Sao Paulo]
			Sao Paulo                        |                     | Floods in [São Paulo]
			Strasse                          |                     | Die [Straße] und die [STRASSE]
			resume                           |                     | His [résumé]
			Zürich                           |                     | [ZURICH] airport
			BRICS                            |                     | The [ＢＲＩＣＳ] bloc
			china exports                    |                     | [China's exports] grew
			Côte d'Ivoire                    |                     | Cocoa from [Côte d’Ivoire]
			U.S. trade                       |                     | [US trade] and [U.S. trade]
			# --- Chinese and Japanese: character sequences, mixed with Latin words
			金砖                              |                     | [金砖]国家领导人会晤
			金砖国家                          |                     | 金砖会议
			金砖 BRICS                        |                     | [金砖BRICS]峰会
			金砖 AND summit                   |                     | The [summit] of [金砖]国家
			サプライチェーン                    |                     | [サプライチェーン]の混乱
			中国                              |                     | [中 国]
			关税 NEAR/5 steel                 |                     | 美国对[steel]加征[关税]
			title:金砖                        | [金砖]峰会           | 金砖
			""";

	@Test
	void tableIsLargeEnough() {
		assertThat(rows().count()).isGreaterThanOrEqualTo(80);
	}

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
