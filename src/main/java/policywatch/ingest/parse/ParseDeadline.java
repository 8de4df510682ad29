package policywatch.ingest.parse;

import java.time.Duration;

/**
 * The time a parse may take. Checked between the stages and while reading items, so that a
 * feed that takes too long fails with a clear error instead of holding its poll thread.
 */
final class ParseDeadline {

	private final Duration budget;

	private final long deadline;

	private ParseDeadline(Duration budget) {
		this.budget = budget;
		this.deadline = System.nanoTime() + budget.toNanos();
	}

	static ParseDeadline after(Duration budget) {
		return new ParseDeadline(budget);
	}

	/** No limit (for helpers called outside a parse). */
	static ParseDeadline none() {
		return new ParseDeadline(Duration.ofDays(365));
	}

	/**
	 * @throws FeedParseException when the budget is spent
	 */
	void check() throws FeedParseException {
		if (System.nanoTime() - this.deadline > 0) {
			throw new FeedParseException("parsing took longer than " + describe(this.budget) + " (refused)", null);
		}
	}

	private static String describe(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

}
