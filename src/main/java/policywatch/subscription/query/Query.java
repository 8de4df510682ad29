package policywatch.subscription.query;

/**
 * A parsed subscription query: words, phrases, {@code AND}/{@code OR}/{@code NOT}, prefixes, proximity and fields,
 * as described in {@code docs/query-language.md}. Immutable and thread-safe.
 */
public final class Query {

	private final Node root;

	private final String normalized;

	private Query(Node root) {
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

	Node root() {
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
