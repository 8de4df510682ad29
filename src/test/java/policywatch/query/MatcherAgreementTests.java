package policywatch.query;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests (seeded random): the indexed matcher, the naive loop and the Lucene monitor baseline give the same
 * matches and hits on random queries and texts, including after subscriptions are replaced and removed.
 */
class MatcherAgreementTests {

	private static final String[] WORDS = { "trade", "tariff", "tariffs", "Tariffs", "steel", "us", "US", "eu", "EU",
			"Europe", "china", "China's", "São", "Sao", "Paulo", "supply", "chain", "chains", "supply-chain",
			"sanction", "sanctions", "sanctioned", "金", "砖", "国家", "金砖", "rare", "earth", "export", "exports",
			"bricks", "BRICS", "taxes", "tax", "policy", "policies", "U.S.", "NGOs", "ngo", "rock", "and", "roll" };

	private static final String[] FILLER = { "the", "of", "a", "market", "week", "said", "in", "minister", "on" };

	private static final String[] SEPARATORS = { " ", " ", " ", " ", "-", ", ", ". ", "\n\n", " (", ") ", "'s " };

	@Test
	void indexedAndLuceneAgreeWithTheNaiveLoop() throws IOException {
		Random random = new Random(20240611L);
		for (int round = 0; round < 30; round++) {
			NaiveMatcher naive = new NaiveMatcher();
			IndexedMatcher indexed = new IndexedMatcher();
			try (LuceneMonitorMatcher lucene = new LuceneMonitorMatcher()) {
				Map<Long, Query> queries = new HashMap<>();
				while (queries.size() < 60) {
					Query query = randomQuery(random);
					if (query != null) {
						queries.put((long) queries.size() + 1, query);
					}
				}
				queries.forEach(naive::add);
				queries.forEach(indexed::add);
				lucene.addAll(queries);
				// churn: replace some, remove some
				for (int i = 0; i < 10; i++) {
					long id = 1 + random.nextInt(60);
					Query query = randomQuery(random);
					if (query == null || random.nextBoolean()) {
						naive.remove(id);
						indexed.remove(id);
						lucene.remove(id);
					}
					else {
						naive.add(id, query);
						indexed.add(id, query);
						lucene.add(id, query);
					}
				}
				assertThat(indexed.size()).isEqualTo(naive.size());
				assertThat(lucene.size()).isEqualTo(naive.size());
				for (int d = 0; d < 20; d++) {
					MatchDocument document = new MatchDocument(randomText(random, 3 + random.nextInt(8)),
							randomText(random, 5 + random.nextInt(80)));
					List<QueryMatch> expected = naive.match(document);
					assertThat(indexed.match(document)).as("indexed on %s", document).isEqualTo(expected);
					assertThat(lucene.match(document)).as("lucene on %s", document).isEqualTo(expected);
				}
			}
		}
	}

	/**
	 * The naive loop and the Lucene monitor share the production document view (tokens, prefix look-ups, vocabulary);
	 * the frozen copy of the matcher as it was before the "faster matching" work has its own, so this catches a
	 * change there that all three would share. Long texts, so that frequent words pass the cap on hits per match.
	 */
	@Test
	void indexedAgreesWithTheMatcherItReplaced() {
		Random random = new Random(20261201L);
		for (int round = 0; round < 20; round++) {
			BaselineIndexedMatcher baseline = new BaselineIndexedMatcher();
			IndexedMatcher indexed = new IndexedMatcher();
			int added = 0;
			for (long id = 1; id <= 80; id++) {
				Query query = randomQuery(random);
				if (query != null) {
					baseline.add(id, query);
					indexed.add(id, query);
					added++;
				}
			}
			assertThat(indexed.size()).isEqualTo(added);
			int matched = 0;
			for (int d = 0; d < 10; d++) {
				MatchDocument document = new MatchDocument(randomText(random, 3 + random.nextInt(12)),
						randomText(random, 100 + random.nextInt(500)));
				List<QueryMatch> expected = baseline.match(document);
				assertThat(indexed.match(document)).as("indexed on %s", document).isEqualTo(expected);
				matched += expected.size();
			}
			assertThat(matched).as("round %d matches something", round).isGreaterThan(0);
		}
	}

	@Test
	void matchesHappenOftenEnoughForTheComparisonToMean() {
		Random random = new Random(7L);
		NaiveMatcher naive = new NaiveMatcher();
		for (long id = 1; id <= 200; id++) {
			Query query = randomQuery(random);
			if (query != null) {
				naive.add(id, query);
			}
		}
		int matched = 0;
		for (int d = 0; d < 50; d++) {
			matched += naive.match(new MatchDocument(randomText(random, 6), randomText(random, 60))).size();
		}
		assertThat(matched).isGreaterThan(500);
	}

	@Test
	void normalizedFormOfRandomQueriesReadsBackTheSame() throws QueryParseException {
		Random random = new Random(99L);
		for (int i = 0; i < 2000; i++) {
			Query query = randomQuery(random);
			if (query != null) {
				assertThat(Query.parse(query.normalized())).as("from %s", query).isEqualTo(query);
			}
		}
	}

	static Query randomQuery(Random random) {
		try {
			return Query.parse(randomExpression(random, 0));
		}
		catch (QueryParseException ex) {
			return null;
		}
	}

	private static String word(Random random) {
		return WORDS[random.nextInt(WORDS.length)];
	}

	private static String term(Random random) {
		int kind = random.nextInt(10);
		if (kind < 5) {
			return word(random);
		}
		if (kind < 7) {
			return word(random) + " " + word(random);
		}
		if (kind < 8) {
			return "\"" + word(random) + " " + word(random) + ((random.nextBoolean()) ? " " + word(random) : "") + "\"";
		}
		String word = word(random).replaceAll("[^A-Za-z]", "");
		if (word.length() < 3) {
			return word(random);
		}
		return word.substring(0, 3 + random.nextInt(word.length() - 2)) + "*";
	}

	private static String randomExpression(Random random, int depth) {
		int kind = random.nextInt(depth >= 2 ? 4 : 11);
		switch (kind) {
			case 0, 1, 2, 3:
				return term(random);
			case 4:
				return randomExpression(random, depth + 1) + " AND " + randomExpression(random, depth + 1);
			case 5:
				return randomExpression(random, depth + 1) + " OR " + randomExpression(random, depth + 1);
			case 6:
				return term(random) + (random.nextBoolean() ? " NOT " : " -") + term(random);
			case 7:
				return "\"" + word(random) + "\" NEAR/" + random.nextInt(6) + " " + term(random);
			case 8:
				return (random.nextBoolean() ? "title:" : "body:") + "(" + randomExpression(random, depth + 1) + ")";
			case 9:
				return "(" + randomExpression(random, depth + 1) + ") " + term(random);
			default:
				return term(random) + " " + "\"" + word(random) + "\"";
		}
	}

	static String randomText(Random random, int words) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < words; i++) {
			if (i > 0) {
				text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
			}
			String word = random.nextInt(3) == 0 ? FILLER[random.nextInt(FILLER.length)] : word(random);
			int casing = random.nextInt(6);
			if (casing == 0) {
				word = word.toUpperCase(java.util.Locale.ROOT);
			}
			else if (casing == 1) {
				word = word.toLowerCase(java.util.Locale.ROOT);
			}
			text.append(word);
		}
		return text.toString();
	}


}
