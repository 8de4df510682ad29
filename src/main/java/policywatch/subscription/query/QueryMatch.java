package policywatch.subscription.query;

import java.util.List;

/**
 * A subscription that matched a document, with the places that made it match.
 *
 * @param subscriptionId the subscription
 * @param hits matched terms, in document order per field
 */
public record QueryMatch(long subscriptionId, List<Hit> hits) {
}
