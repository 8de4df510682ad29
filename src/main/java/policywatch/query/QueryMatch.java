package policywatch.query;

import java.util.List;

/**
 * A subscription that matched a document, with the places that made it match.
 *
 * @param subscriptionId the subscription
 * @param hits matched terms of the parts of the query that look for something and were satisfied (never the
 * excluded parts): title hits first, then body hits, each in text order, overlapping ranges merged; unmodifiable
 * and possibly shared between matches
 */
public record QueryMatch(long subscriptionId, List<Hit> hits) {
}
