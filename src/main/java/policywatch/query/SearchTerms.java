package policywatch.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a search index needs to narrow a query down to candidate documents: the words and prefixes a matching
 * document must contain, and the same normalised views of a document's words. A document the query matches always
 * satisfies {@link #of(Query) the query's terms}; the reverse is not true (longer phrases, proximity, acronym case,
 * fields and exclusions are not checked), so every candidate must then be confirmed with the real matcher.
 */
public sealed interface SearchTerms permits SearchTerms.Key, SearchTerms.Pair, SearchTerms.Prefix, SearchTerms.All,
		SearchTerms.Any {

	/**
	 * A word: documents whose {@link #collect token keys} contain this key.
	 */
	record Key(String key) implements SearchTerms {
	}

	/**
	 * Two words side by side: documents whose {@link #collect adjacent token pairs} contain {@link #key()}.
	 */
	record Pair(String first, String second) implements SearchTerms {

		public String key() {
			return pairKey(this.first, this.second);
		}

	}

	/**
	 * A prefix: documents with a {@link #collect token form} that starts with this text.
	 */
	record Prefix(String form) implements SearchTerms {
	}

	/**
	 * Every part is required.
	 */
	record All(List<SearchTerms> parts) implements SearchTerms {

		public All {
			parts = List.copyOf(parts);
		}

	}

	/**
	 * At least one part is required.
	 */
	record Any(List<SearchTerms> parts) implements SearchTerms {

		public Any {
			parts = List.copyOf(parts);
		}

	}

	/**
	 * @return the terms every document the query matches contains, or empty when the query has no such term (only
	 * exclusions, or an {@code OR} with an excluding alternative)
	 */
	static Optional<SearchTerms> of(Query query) {
		return Optional.ofNullable(terms(query.root()));
	}

	/**
	 * @return whether a document satisfies {@link #of(Query) the query's terms} exactly when the query matches it
	 * (the query only combines words and two-word phrases with {@code AND} and {@code OR}: no prefix, acronym,
	 * Chinese or Japanese character, longer phrase, proximity, field or exclusion), so that counting the documents
	 * with the terms counts the matches
	 */
	static boolean exact(Query query) {
		return exact(query.root());
	}

	private static boolean exact(QueryNode node) {
		if (node instanceof QueryNode.Phrase phrase) {
			return phrase.words().size() <= 2
					&& phrase.words().stream().noneMatch((word) -> word.prefix() || word.acronym() || word.cjk());
		}
		if (node instanceof QueryNode.And and) {
			return and.children().stream().allMatch(SearchTerms::exact);
		}
		if (node instanceof QueryNode.Or or) {
			return or.children().stream().allMatch(SearchTerms::exact);
		}
		return false;
	}

	/**
	 * Adds the normalised views of a text's words, as the matcher compares them.
	 * @param text a title or body
	 * @param keys receives each token's key (lower case, folded, light inflection removed)
	 * @param forms receives each token's form (lower case, folded), what prefixes are compared with
	 * @param pairs receives the keys of each two adjacent tokens, what phrases are narrowed with
	 */
	static void collect(String text, Set<String> keys, Set<String> forms, Set<String> pairs) {
		TextTokens tokens = TextTokens.of(text);
		for (int i = 0; i < tokens.size(); i++) {
			keys.add(tokens.key(i));
			forms.add(tokens.form(i));
			if (i > 0) {
				pairs.add(pairKey(tokens.key(i - 1), tokens.key(i)));
			}
		}
	}

	private static String pairKey(String first, String second) {
		return first + ' ' + second;
	}

	private static SearchTerms terms(QueryNode node) {
		if (node instanceof QueryNode.Phrase phrase) {
			List<QueryNode.Word> words = phrase.words();
			List<SearchTerms> parts = new ArrayList<>();
			for (int i = 0; i < words.size(); i++) {
				QueryNode.Word word = words.get(i);
				if (word.prefix()) {
					parts.add(new Prefix(word.form()));
					continue;
				}
				boolean nextIsWord = i + 1 < words.size() && !words.get(i + 1).prefix();
				boolean previousIsWord = i > 0 && !words.get(i - 1).prefix();
				if (nextIsWord) {
					parts.add(new Pair(word.key(), words.get(i + 1).key()));
				}
				else if (!previousIsWord) {
					parts.add(new Key(word.key()));
				}
			}
			return (parts.size() == 1) ? parts.get(0) : new All(parts);
		}
		if (node instanceof QueryNode.Near near) {
			return new All(List.of(terms(near.left()), terms(near.right())));
		}
		if (node instanceof QueryNode.And and) {
			List<SearchTerms> parts = new ArrayList<>();
			for (QueryNode child : and.children()) {
				SearchTerms part = terms(child);
				if (part != null) {
					parts.add(part);
				}
			}
			return parts.isEmpty() ? null : (parts.size() == 1) ? parts.get(0) : new All(parts);
		}
		if (node instanceof QueryNode.Or or) {
			List<SearchTerms> parts = new ArrayList<>();
			for (QueryNode child : or.children()) {
				SearchTerms part = terms(child);
				if (part == null) {
					return null;
				}
				parts.add(part);
			}
			return new Any(parts);
		}
		if (node instanceof QueryNode.Not) {
			return null;
		}
		return terms(((QueryNode.InField) node).child());
	}

}
