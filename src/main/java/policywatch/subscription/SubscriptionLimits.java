package policywatch.subscription;

import java.util.Collection;

import policywatch.query.Query;
import policywatch.query.QueryParseException;

/**
 * The fixed limits every subscription obeys, whoever makes it (a subscriber, an admin, {@code subscriptions.yml}):
 * the length the database holds, and the number of prefix terms ({@code sanction*}), each of which costs a lookup in
 * every document, so that no chat can slow matching down for everyone.
 */
public final class SubscriptionLimits {

	/** The longest query the database holds ({@code subscription.query} is {@code VARCHAR(1000)}). */
	public static final int MAX_QUERY_CHARS = 1000;

	/** The most prefix terms in one query. */
	public static final int MAX_PREFIXES_PER_QUERY = 5;

	/** The most prefix terms in all of one chat's subscriptions together. */
	public static final int MAX_PREFIXES_PER_CHAT = 20;

	private SubscriptionLimits() {
	}

	/**
	 * @return what is wrong with the query's length, or {@code null} when the database can hold it
	 */
	public static String lengthProblem(String query) {
		if (query.length() > MAX_QUERY_CHARS) {
			return "the query is " + query.length() + " characters long; the most a subscription can hold is "
					+ MAX_QUERY_CHARS;
		}
		return null;
	}

	/**
	 * @param query the new query
	 * @param chatPrefixes prefix terms the chat's other subscriptions already have
	 * @return what is wrong with the query's prefix terms, or {@code null} when they are within the limits
	 */
	public static String prefixProblem(Query query, int chatPrefixes) {
		int prefixes = query.prefixCount();
		if (prefixes > MAX_PREFIXES_PER_QUERY) {
			return "the query has " + prefixes + " prefix terms (word*); one query may have at most "
					+ MAX_PREFIXES_PER_QUERY;
		}
		if (prefixes > 0 && chatPrefixes + prefixes > MAX_PREFIXES_PER_CHAT) {
			return "the chat's subscriptions would have " + (chatPrefixes + prefixes)
					+ " prefix terms (word*) together; a chat may have at most " + MAX_PREFIXES_PER_CHAT
					+ " (write whole words, or remove a subscription with a prefix first)";
		}
		return null;
	}

	/**
	 * @return the prefix terms of these stored queries together (queries that no longer parse count none)
	 */
	public static int prefixCount(Collection<String> queries) {
		int count = 0;
		for (String query : queries) {
			try {
				count += Query.parse(query).prefixCount();
			}
			catch (QueryParseException ex) {
				// not indexed either
			}
		}
		return count;
	}

}
