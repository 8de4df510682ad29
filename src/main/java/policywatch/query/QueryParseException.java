package policywatch.query;

/**
 * A query that cannot be read. The message says what is wrong and where, for the chat.
 */
public class QueryParseException extends Exception {

	private final int position;

	private final String template;

	private final java.util.List<String> arguments;

	public QueryParseException(String message, int position) {
		this(message, position, message, java.util.List.of());
	}

	/**
	 * @param template the English message before it was filled in: {@code @} for the position, {@code %s}/{@code %d}
	 * for the arguments (a stable key for translations)
	 * @param arguments the arguments, as text
	 */
	public QueryParseException(String message, int position, String template, java.util.List<String> arguments) {
		super(message);
		this.position = position;
		this.template = template;
		this.arguments = java.util.List.copyOf(arguments);
	}

	/**
	 * @return the English message before it was filled in, for translating it
	 */
	public String template() {
		return this.template;
	}

	/**
	 * @return the arguments of {@link #template()}, in order
	 */
	public java.util.List<String> arguments() {
		return this.arguments;
	}

	/**
	 * @return the character position (0-based) of the problem in the query text
	 */
	public int position() {
		return this.position;
	}

}
