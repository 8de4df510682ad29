package policywatch.delivery;

import java.time.Duration;
import java.time.ZoneId;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Delivery of alerts: Telegram's rate limits, retries and message shape.
 *
 * @param globalPerSecond messages per second for the whole bot (Telegram allows about 30)
 * @param privateChatPerSecond messages per second to one private chat
 * @param groupPerMinute messages per minute to one group or channel
 * @param maxRetryAge how long a failing alert is retried before it is marked failed
 * @param summaryMaxChars the longest summary, in characters
 * @param timeZone the time zone for published times in alerts
 * @param idleWait how long the sender sleeps at most when the outbox has nothing due
 * @param foldAbove when a chat has more pending alerts than this, they are sent as one message
 * listing titles and links instead of one message each
 * @param maxInFlight the most messages waiting for Telegram's answer at once (each to a different
 * chat); several keep the configured rate reachable when the Bot API is far away
 * @param keepSent how long sent, failed and cancelled alerts are kept before they are deleted
 * (their entries stay, so nothing is alerted twice)
 */
@ConfigurationProperties("policywatch.delivery")
@Validated
public record DeliveryProperties(@DefaultValue("25") @DecimalMin("0.1") @DecimalMax("30") double globalPerSecond,
		@DefaultValue("1") @DecimalMin("0.01") double privateChatPerSecond,
		@DefaultValue("20") @Min(1) int groupPerMinute, @DefaultValue("24h") Duration maxRetryAge,
		@DefaultValue("600") @Min(100) int summaryMaxChars, @DefaultValue("UTC") ZoneId timeZone,
		@DefaultValue("500ms") Duration idleWait, @DefaultValue("10") @Min(1) int foldAbove,
		@DefaultValue("8") @Min(1) @Max(64) int maxInFlight, @DefaultValue("30d") Duration keepSent) {
}
