package policywatch.query;

import java.util.List;

/**
 * Matches documents against all stored subscriptions. Updated in place; thread-safe. The query language is
 * described in {@code docs/query-language.md}.
 */
public interface SubscriptionMatcher {

	/**
	 * Adds or replaces a subscription.
	 */
	void add(long subscriptionId, Query query);

	void remove(long subscriptionId);

	int size();

	/**
	 * @return every matching subscription with its hits, in ascending subscription id order
	 */
	List<QueryMatch> match(MatchDocument document);

}
