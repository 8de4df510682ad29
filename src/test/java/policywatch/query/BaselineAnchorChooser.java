package policywatch.query;

// Frozen copy of the production AnchorChooser as of commit b6d9186, kept in test scope only so that MatcherBenchmark can
// measure today's matcher side by side with the current one. Do not change it; do not use it outside benchmarks.

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Chooses the anchors of a query: a set of keys such that every document the query matches contains at least one
 * of them. A single word anchors on itself, a phrase on its rarest adjacent pair of words, {@code AND} on its rarest
 * positive part, {@code OR} on the anchors of all its alternatives. Exclusions never anchor. Rarity is estimated
 * without corpus statistics: common English words are frequent, longer words rarer.
 */
final class BaselineAnchorChooser {

	/** Prefix anchors are keyed by at most this many characters of the prefix. */
	static final int MAX_PREFIX_KEY = 16;

	private static final Set<String> COMMON = Set.of("the", "of", "and", "to", "a", "in", "is", "it", "that", "for",
			"on", "was", "with", "as", "be", "by", "at", "this", "have", "from", "or", "an", "they", "which", "you",
			"one", "were", "all", "we", "when", "there", "can", "been", "has", "more", "if", "no", "out", "so", "said",
			"what", "up", "its", "about", "than", "into", "them", "only", "other", "new", "some", "could", "time",
			"these", "two", "may", "then", "do", "first", "any", "my", "now", "such", "like", "our", "over", "man",
			"me", "even", "most", "made", "after", "also", "did", "many", "before", "must", "through", "back", "year",
			"where", "much", "your", "way", "well", "down", "should", "because", "each", "just", "those", "people",
			"how", "too", "little", "state", "good", "very", "make", "world", "still", "own", "see", "men", "work",
			"long", "get", "here", "between", "both", "life", "being", "under", "never", "day", "same", "another",
			"know", "while", "last", "might", "us", "great", "old", "off", "come", "since", "against", "go", "came",
			"right", "used", "take", "three", "not", "but", "are", "his", "her", "had", "he", "she", "will", "would",
			"their", "who", "i", "him", "government", "minister", "president", "country", "percent",
			"report", "week", "month", "news");

	/**
	 * An anchor: a word (vocabulary id), an adjacent pair of words, or a prefix key.
	 */
	record Anchor(Kind kind, long key, String prefix, double frequency, int first, int second) {

		Anchor(Kind kind, long key, String prefix, double frequency) {
			this(kind, key, prefix, frequency, -1, -1);
		}

	}

	enum Kind {

		WORD, PAIR, PREFIX

	}

	private BaselineAnchorChooser() {
	}

	/**
	 * @return a unique key for two adjacent word ids, well spread for hashing (a bijective mix of the packed ids)
	 */
	static long pair(int first, int second) {
		long key = ((long) first << 32) | (second & 0xFFFFFFFFL);
		key = (key ^ (key >>> 33)) * 0xff51afd7ed558ccdL;
		key = (key ^ (key >>> 33)) * 0xc4ceb9fe1a85ec53L;
		return key ^ (key >>> 33);
	}

	static String prefixKey(String prefix) {
		return (prefix.length() > MAX_PREFIX_KEY) ? prefix.substring(0, MAX_PREFIX_KEY) : prefix;
	}

	/** Start value of the running prefix hash (FNV-1a, 64 bits). */
	static final long PREFIX_SEED = 0xcbf29ce484222325L;

	/**
	 * @return the running hash after one more character
	 */
	static long prefixStep(long hash, char c) {
		return (hash ^ c) * 0x100000001b3L;
	}

	/**
	 * @return the table key of a running prefix hash (collisions only add candidates, which are then verified)
	 */
	static long prefixHashKey(long hash) {
		hash = (hash ^ (hash >>> 33)) * 0xff51afd7ed558ccdL;
		return hash ^ (hash >>> 33);
	}

	static long prefixHash(String prefixKey) {
		long hash = PREFIX_SEED;
		for (int i = 0; i < prefixKey.length(); i++) {
			hash = prefixStep(hash, prefixKey.charAt(i));
		}
		return prefixHashKey(hash);
	}

	/**
	 * @return the anchors of a positive node, or {@code null} for a node that only excludes
	 */
	static List<Anchor> of(QueryNode node, BaselineVocabulary vocabulary) {
		if (node instanceof QueryNode.Phrase phrase) {
			return List.of(best(phrase, vocabulary));
		}
		if (node instanceof QueryNode.Near near) {
			Anchor left = best(near.left(), vocabulary);
			Anchor right = best(near.right(), vocabulary);
			return List.of((left.frequency() <= right.frequency()) ? left : right);
		}
		if (node instanceof QueryNode.And and) {
			List<Anchor> best = null;
			double bestFrequency = Double.MAX_VALUE;
			for (QueryNode child : and.children()) {
				List<Anchor> anchors = of(child, vocabulary);
				if (anchors != null && frequency(anchors) < bestFrequency) {
					best = anchors;
					bestFrequency = frequency(anchors);
				}
			}
			return best;
		}
		if (node instanceof QueryNode.Or or) {
			List<Anchor> all = new ArrayList<>();
			for (QueryNode child : or.children()) {
				List<Anchor> anchors = of(child, vocabulary);
				if (anchors == null) {
					return null;
				}
				all.addAll(anchors);
			}
			return all;
		}
		if (node instanceof QueryNode.InField inField) {
			return of(inField.child(), vocabulary);
		}
		return null;
	}

	private static double frequency(List<Anchor> anchors) {
		double sum = 0;
		for (Anchor anchor : anchors) {
			sum += anchor.frequency();
		}
		return sum;
	}

	private static Anchor best(QueryNode.Phrase phrase, BaselineVocabulary vocabulary) {
		List<QueryNode.Word> words = phrase.words();
		Anchor best = null;
		for (int i = 0; i < words.size(); i++) {
			QueryNode.Word word = words.get(i);
			Anchor anchor;
			if (word.prefix()) {
				String key = prefixKey(word.form());
				anchor = new Anchor(Kind.PREFIX, prefixHash(key), key, prefixFrequency(word.form()));
			}
			else {
				anchor = new Anchor(Kind.WORD, vocabulary.intern(word.key()), null, wordFrequency(word));
				if (i + 1 < words.size() && !words.get(i + 1).prefix()) {
					QueryNode.Word next = words.get(i + 1);
					int first = vocabulary.intern(word.key());
					int second = vocabulary.intern(next.key());
					Anchor pair = new Anchor(Kind.PAIR, pair(first, second), null,
							wordFrequency(word) * wordFrequency(next), first, second);
					if (best == null || pair.frequency() < best.frequency()) {
						best = pair;
					}
				}
			}
			if (best == null || anchor.frequency() < best.frequency()) {
				best = anchor;
			}
		}
		return best;
	}

	/**
	 * A rough share of documents containing the word.
	 */
	static double wordFrequency(QueryNode.Word word) {
		if (word.cjk()) {
			return 0.3;
		}
		if (COMMON.contains(word.key())) {
			return 0.9;
		}
		int length = word.key().length();
		if (length <= 2) {
			return 0.5;
		}
		return switch (length) {
			case 3 -> 0.2;
			case 4 -> 0.1;
			case 5 -> 0.06;
			case 6 -> 0.04;
			case 7 -> 0.03;
			default -> 0.02;
		};
	}

	static double prefixFrequency(String prefix) {
		return switch (prefix.length()) {
			case 3 -> 0.6;
			case 4 -> 0.3;
			case 5 -> 0.15;
			case 6 -> 0.08;
			default -> 0.05;
		};
	}

}
