package policywatch.ingest.parse;

/**
 * A document is not a feed we can read. The message is one line.
 */
public class FeedParseException extends Exception {

	public FeedParseException(String message, Throwable cause) {
		super(message, cause);
	}

}
