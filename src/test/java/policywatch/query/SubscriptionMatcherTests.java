package policywatch.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production matcher's contract: replace and remove in place, ascending ids, exact hit offsets, hits of positive
 * terms only, safe concurrent use.
 */
class SubscriptionMatcherTests {

	private final SubscriptionMatcher matcher = Matchers.create();

	@Test
	void addReplacesAndRemoveForgets() throws QueryParseException {
		this.matcher.add(1, Query.parse("tariffs"));
		this.matcher.add(2, Query.parse("steel"));
		this.matcher.add(1, Query.parse("duties"));
		assertThat(this.matcher.size()).isEqualTo(2);
		assertThat(ids(this.matcher.match(new MatchDocument("Tariffs on steel", "")))).containsExactly(2L);
		this.matcher.remove(2);
		this.matcher.remove(99);
		assertThat(this.matcher.size()).isEqualTo(1);
		assertThat(this.matcher.match(new MatchDocument("Tariffs on steel", ""))).isEmpty();
		assertThat(ids(this.matcher.match(new MatchDocument("", "New duties")))).containsExactly(1L);
	}

	@Test
	void aWordInEverySentenceKeepsOnlyTheFirstRangesOfAMatch() throws QueryParseException {
		this.matcher.add(1, Query.parse("tariffs -sanct*"));
		String body = "New tariffs today. ".repeat(500);
		List<QueryMatch> matches = this.matcher.match(new MatchDocument("", body));
		assertThat(matches).singleElement().satisfies((match) -> {
			assertThat(match.hits()).hasSize(MatchedRanges.MAX_RANGES);
			assertThat(match.hits().get(0).start()).isEqualTo(body.indexOf("tariffs"));
		});
		assertThat(this.matcher.match(new MatchDocument("", body + " Sanctioned."))).isEmpty();
	}

	@Test
	void matchesComeInAscendingIdOrder() throws QueryParseException {
		this.matcher.add(30, Query.parse("steel"));
		this.matcher.add(10, Query.parse("steel tariffs"));
		this.matcher.add(20, Query.parse("tariff*"));
		this.matcher.add(5, Query.parse("title:steel"));
		assertThat(ids(this.matcher.match(new MatchDocument("Steel", "New steel tariffs")))).containsExactly(5L, 10L,
				20L, 30L);
	}

	@Test
	void hitsAreExactOffsetsIntoTheOriginalText() throws QueryParseException {
		String title = "São Paulo's supply-chain woes";
		String body = "Floods in SAO PAULO.\n\nThe Supply  Chains of São Paulo's factories";
		this.matcher.add(1, Query.parse("sao paulo"));
		this.matcher.add(2, Query.parse("supply chain"));
		List<QueryMatch> matches = this.matcher.match(new MatchDocument(title, body));
		assertThat(matches.get(0).hits()).containsExactly(new Hit(Field.TITLE, 0, 9), new Hit(Field.BODY, 10, 19),
				new Hit(Field.BODY, 44, 53));
		assertThat(matches.get(1).hits()).containsExactly(new Hit(Field.TITLE, 12, 24), new Hit(Field.BODY, 26, 40));
		assertThat(title.substring(12, 24)).isEqualTo("supply-chain");
		assertThat(body.substring(26, 40)).isEqualTo("Supply  Chains");
		assertThat(body.substring(44, 53)).isEqualTo("São Paulo");
	}

	@Test
	void hitsComeOnlyFromThePartsThatMatched() throws QueryParseException {
		this.matcher.add(1, Query.parse("(tariffs AND steel) OR duties NOT copper"));
		String body = "Tariffs and duties; no iron";
		List<QueryMatch> matches = this.matcher.match(new MatchDocument("", body));
		assertThat(matches).hasSize(1);
		assertThat(matches.get(0).hits()).containsExactly(new Hit(Field.BODY, 12, 18));
		this.matcher.add(2, Query.parse("duties NOT tariffs"));
		assertThat(ids(this.matcher.match(new MatchDocument("", body)))).containsExactly(1L);
	}

	@Test
	void overlappingHitsAreMerged() throws QueryParseException {
		this.matcher.add(1, Query.parse("\"supply chain\" AND chain*"));
		List<QueryMatch> matches = this.matcher.match(new MatchDocument("", "A supply chain"));
		assertThat(matches.get(0).hits()).containsExactly(new Hit(Field.BODY, 2, 14));
	}

	@Test
	void emptyAndMissingTextsMatchNothing() throws QueryParseException {
		this.matcher.add(1, Query.parse("steel"));
		assertThat(this.matcher.match(new MatchDocument("", ""))).isEmpty();
		assertThat(this.matcher.match(new MatchDocument(null, null))).isEmpty();
	}

	@Test
	void concurrentChangesAndMatchesAreSafe() throws Exception {
		Random random = new Random(3);
		List<Query> queries = new ArrayList<>();
		while (queries.size() < 200) {
			Query query = MatcherAgreementTests.randomQuery(random);
			if (query != null) {
				queries.add(query);
			}
		}
		List<MatchDocument> documents = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			documents.add(new MatchDocument(MatcherAgreementTests.randomText(random, 6),
					MatcherAgreementTests.randomText(random, 60)));
		}
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 2; t++) {
				int offset = t;
				futures.add(executor.submit(() -> {
					for (int i = 0; i < 2000; i++) {
						long id = (i * 2L + offset) % 300;
						if (i % 5 == 4) {
							this.matcher.remove(id);
						}
						else {
							this.matcher.add(id, queries.get(i % queries.size()));
						}
					}
				}));
				futures.add(executor.submit(() -> {
					for (int i = 0; i < 300; i++) {
						List<QueryMatch> matches = this.matcher.match(documents.get(i % documents.size()));
						assertThat(ids(matches)).isSorted();
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		// after the churn, the index still agrees with a naive loop over the same subscriptions
		NaiveMatcher naive = new NaiveMatcher();
		for (long id = 0; id < 300; id++) {
			if (id % 3 == 0) {
				this.matcher.remove(id);
			}
			else {
				this.matcher.add(id, queries.get((int) id % queries.size()));
				naive.add(id, queries.get((int) id % queries.size()));
			}
		}
		assertThat(this.matcher.size()).isEqualTo(naive.size());
		for (MatchDocument document : documents) {
			assertThat(this.matcher.match(document)).isEqualTo(naive.match(document));
		}
	}

	private static List<Long> ids(List<QueryMatch> matches) {
		return matches.stream().map(QueryMatch::subscriptionId).toList();
	}

}
