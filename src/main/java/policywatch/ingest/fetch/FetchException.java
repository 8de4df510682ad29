package policywatch.ingest.fetch;

import java.io.IOException;
import java.time.Duration;

/**
 * A resource could not be fetched. The message is a single line.
 */
public class FetchException extends IOException {

	private final Duration retryAfter;

	public FetchException(String message) {
		this(message, null, null);
	}

	public FetchException(String message, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	/**
	 * @return how long the server asked us to wait (429/503 Retry-After), or {@code null}
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
