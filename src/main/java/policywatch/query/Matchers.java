package policywatch.query;

/**
 * Creates the subscription matcher.
 */
public final class Matchers {

	private Matchers() {
	}

	/**
	 * @return an empty production matcher
	 */
	public static SubscriptionMatcher create() {
		return new IndexedMatcher();
	}

}
