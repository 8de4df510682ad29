package policywatch.ingest;

/**
 * A feed's poll recorded new entries, waiting to be matched (published when that poll ends,
 * whatever the other feeds are doing).
 *
 * @param feeds how many feeds were polled (one)
 * @param newEntries how many new entries were recorded for matching
 */
public record FeedsPolled(int feeds, int newEntries) {
}
