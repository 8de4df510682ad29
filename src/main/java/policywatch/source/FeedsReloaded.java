package policywatch.source;

import java.util.List;

/**
 * The feeds configuration changed and was accepted.
 *
 * @param feeds the feeds now configured
 */
public record FeedsReloaded(List<FeedDefinition> feeds) {
}
