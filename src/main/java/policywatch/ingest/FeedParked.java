package policywatch.ingest;

/**
 * A feed failed too many times in a row and is no longer polled until it is fixed (a reload or
 * a restart with it in the configuration tries again).
 *
 * @param feedId the feed
 * @param url its address
 * @param failures consecutive failures
 * @param lastError the last error, one line
 */
public record FeedParked(String feedId, String url, int failures, String lastError) {
}
