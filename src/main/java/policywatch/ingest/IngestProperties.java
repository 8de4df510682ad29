package policywatch.ingest;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Polling.
 *
 * @param tick no longer used: every feed is its own Quartz job, fired at the feed's interval (the
 * property is still accepted so existing configurations keep working)
 * @param threads how many feeds are polled at once on one node (the Quartz thread pool's size)
 * @param maxBackoff the longest a failing feed waits between polls
 * @param maxTextChars article text kept for matching and summaries, in characters
 * @param parkAfter consecutive failures after which a feed is parked (no more polls until the
 * configuration is reloaded) and the admins are told
 * @param maxNewEntriesPerPoll new entries taken from one feed per poll at most, oldest first; the
 * others are taken by the next polls (they are not marked as seen)
 * @param feedBudget the time one feed's poll may spend fetching its article pages; entries whose
 * page is not in by then are taken by the next poll (the first one is always waited for, up to the
 * fetch timeout, so every poll makes progress)
 * @param parseBudget the time parsing one feed document may take; a feed that takes longer fails
 * that poll with a clear error
 * @param matchEvery how often every node looks for entries waiting to be matched (besides the pass
 * each poll with new entries starts at once): entries another node polled but could not match
 * are picked up by any node within this time
 * @param jitter the most a feed's first poll is moved by at random (at most a tenth of its
 * interval), so feeds with the same interval do not all fire at the same moment
 */
@ConfigurationProperties("policywatch.ingest")
@Validated
public record IngestProperties(@DefaultValue("5s") Duration tick, @DefaultValue("4") @Min(1) int threads,
		@DefaultValue("24h") Duration maxBackoff, @DefaultValue("100000") @Min(1000) int maxTextChars,
		@DefaultValue("20") @Min(1) int parkAfter, @DefaultValue("50") @Min(1) int maxNewEntriesPerPoll,
		@DefaultValue("2m") Duration feedBudget, @DefaultValue("10s") Duration parseBudget,
		@DefaultValue("1s") Duration matchEvery, @DefaultValue("10s") Duration jitter) {

	@ConstructorBinding
	public IngestProperties {
		positive(feedBudget, "feed-budget");
		positive(parseBudget, "parse-budget");
		positive(matchEvery, "match-every");
		if (jitter == null || jitter.isNegative()) {
			throw new IllegalArgumentException("policywatch.ingest.jitter must not be negative");
		}
	}

	/**
	 * Settings without the cluster ones (matching every second, up to 10 s of jitter).
	 */
	public IngestProperties(Duration tick, int threads, Duration maxBackoff, int maxTextChars, int parkAfter,
			int maxNewEntriesPerPoll, Duration feedBudget, Duration parseBudget) {
		this(tick, threads, maxBackoff, maxTextChars, parkAfter, maxNewEntriesPerPoll, feedBudget, parseBudget,
				Duration.ofSeconds(1), Duration.ofSeconds(10));
	}

	private static void positive(Duration value, String name) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("policywatch.ingest." + name + " must be positive");
		}
	}

}
