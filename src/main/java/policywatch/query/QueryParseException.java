package policywatch.query;

/**
 * A query that cannot be read. The message says what is wrong and where, for the chat.
 */
public class QueryParseException extends Exception {

	private final int position;

	public QueryParseException(String message, int position) {
		super(message);
		this.position = position;
	}

	/**
	 * @return the character position (0-based) of the problem in the query text
	 */
	public int position() {
		return this.position;
	}

}
