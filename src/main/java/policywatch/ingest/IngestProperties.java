package policywatch.ingest;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Polling.
 *
 * @param tick how often the Quartz job looks for feeds that are due
 * @param threads how many feeds are polled at once
 * @param maxBackoff the longest a failing feed waits between polls
 * @param maxTextChars article text kept for matching and summaries, in characters
 * @param parkAfter consecutive failures after which a feed is parked (no more polls until the
 * configuration is reloaded) and the admins are told
 */
@ConfigurationProperties("policywatch.ingest")
@Validated
public record IngestProperties(@DefaultValue("5s") Duration tick, @DefaultValue("4") @Min(1) int threads,
		@DefaultValue("24h") Duration maxBackoff, @DefaultValue("100000") @Min(1000) int maxTextChars, @DefaultValue("20") @Min(1) int parkAfter) {
}
