package policywatch.subscription;

/**
 * The outcome of {@code /subscribe}.
 */
public sealed interface SubscribeResult {

	/**
	 * Stored.
	 *
	 * @param subscription the new subscription
	 * @param understood the query in its normalised reading
	 */
	record Created(Subscription subscription, String understood) implements SubscribeResult {
	}

	/**
	 * The chat already has this query.
	 *
	 * @param existing the existing subscription
	 */
	record Duplicate(Subscription existing) implements SubscribeResult {
	}

	/**
	 * Refused; nothing stored.
	 *
	 * @param reason what is wrong, for the chat
	 */
	record Rejected(String reason) implements SubscribeResult {
	}

}
