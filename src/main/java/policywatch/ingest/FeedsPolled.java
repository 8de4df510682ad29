package policywatch.ingest;

/**
 * A round of polling finished.
 *
 * @param feeds how many feeds were polled
 * @param newEntries how many new entries were recorded for matching
 */
public record FeedsPolled(int feeds, int newEntries) {
}
