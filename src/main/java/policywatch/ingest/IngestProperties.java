package policywatch.ingest;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Polling.
 *
 * @param tick how often the Quartz job looks for feeds that are due (a feed still being polled
 * from an earlier tick is left to finish; the others start at once)
 * @param threads how many feeds are polled at once
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
 */
@ConfigurationProperties("policywatch.ingest")
@Validated
public record IngestProperties(@DefaultValue("5s") Duration tick, @DefaultValue("4") @Min(1) int threads,
		@DefaultValue("24h") Duration maxBackoff, @DefaultValue("100000") @Min(1000) int maxTextChars,
		@DefaultValue("20") @Min(1) int parkAfter, @DefaultValue("50") @Min(1) int maxNewEntriesPerPoll,
		@DefaultValue("2m") Duration feedBudget, @DefaultValue("10s") Duration parseBudget) {

	public IngestProperties {
		positive(feedBudget, "feed-budget");
		positive(parseBudget, "parse-budget");
	}

	private static void positive(Duration value, String name) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("policywatch.ingest." + name + " must be positive");
		}
	}

}
