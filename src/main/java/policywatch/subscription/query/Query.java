package policywatch.subscription.query;

/**
 * A parsed subscription query. Placeholder: replaced by the query language.
 */
public final class Query {

	private final String normalized;

	private Query(String normalized) {
		this.normalized = normalized;
	}

	public static Query parse(String text) throws QueryParseException {
		if (text == null || text.isBlank()) {
			throw new QueryParseException("The query is empty", 0);
		}
		return new Query(text.strip());
	}

	/**
	 * @return the query as it was understood, in canonical syntax
	 */
	public String normalized() {
		return this.normalized;
	}

	@Override
	public String toString() {
		return this.normalized;
	}

}
