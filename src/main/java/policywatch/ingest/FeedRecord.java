package policywatch.ingest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * A feed with its polling state, as stored.
 */
record FeedRecord(String id, String name, URI url, Duration interval, boolean fullText, boolean enabled,
		boolean primed, String etag, String lastModified, Instant nextPollAt, Instant lastPollAt,
		Instant lastSuccessAt, String lastStatus, String lastError, int consecutiveFailures) {
}
