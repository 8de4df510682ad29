package policywatch.subscription;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what subscribers may store. Admins are exempt.
 *
 * @param maxQueryLength the longest query, in characters
 * @param maxPerChat the most subscriptions one chat may have
 */
@ConfigurationProperties("policywatch.subscription")
@Validated
public record SubscriptionProperties(@DefaultValue("200") @Min(1) int maxQueryLength,
		@DefaultValue("50") @Min(1) int maxPerChat) {
}
