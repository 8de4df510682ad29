package policywatch.query;

/**
 * A parsed subscription query: words, phrases, {@code AND}/{@code OR}/{@code NOT}, prefixes, proximity and fields,
 * as described in {@code docs/query-language.md}. Immutable and thread-safe.
 */
public final class Query {

	private final QueryNode root;

	private final String normalized;

	private Query(QueryNode root) {
		this.root = root;
		this.normalized = root.print();
	}

	/**
	 * Reads a query.
	 * @param text what the user typed
	 * @return the query
	 * @throws QueryParseException if the text is not a valid query; the message says what is wrong and where
	 */
	public static Query parse(String text) throws QueryParseException {
		return new Query(QueryParser.parse(text));
	}

	/**
	 * @return the query as it was understood, in canonical syntax: lower case (acronyms in capitals), diacritics
	 * folded, phrases quoted, operators explicit, for example {@code "supply chain" AND sanction*}
	 */
	public String normalized() {
		return this.normalized;
	}

	/**
	 * @return how many prefix terms ({@code sanction*}) the query has; each costs a lookup in every document, so
	 * subscribers get a limited number of them
	 */
	public int prefixCount() {
		return prefixCount(this.root);
	}

	private static int prefixCount(QueryNode node) {
		if (node instanceof QueryNode.Phrase phrase) {
			return (int) phrase.words().stream().filter(QueryNode.Word::prefix).count();
		}
		if (node instanceof QueryNode.Near near) {
			return prefixCount(near.left()) + prefixCount(near.right());
		}
		if (node instanceof QueryNode.And and) {
			return and.children().stream().mapToInt(Query::prefixCount).sum();
		}
		if (node instanceof QueryNode.Or or) {
			return or.children().stream().mapToInt(Query::prefixCount).sum();
		}
		if (node instanceof QueryNode.Not not) {
			return prefixCount(not.child());
		}
		return prefixCount(((QueryNode.InField) node).child());
	}

	QueryNode root() {
		return this.root;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Query query && query.normalized.equals(this.normalized);
	}

	@Override
	public int hashCode() {
		return this.normalized.hashCode();
	}

	@Override
	public String toString() {
		return this.normalized;
	}

}
