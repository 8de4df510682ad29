package policywatch.subscription;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what subscribers may store. Admins are exempt. (The prefix-term limits and the 1,000-character
 * database limit are fixed and apply to everyone: see {@link SubscriptionLimits}.)
 *
 * @param maxQueryLength the longest query, in characters
 * @param maxPerChat the most subscriptions one chat may have
 * @param maxPerUser the most subscriptions one user may create, across all chats
 * @param refreshEvery how often each node applies the subscription changes made through any node
 * of a cluster (its own are applied at once)
 */
@ConfigurationProperties("policywatch.subscription")
@Validated
public record SubscriptionProperties(@DefaultValue("200") @Min(1) int maxQueryLength,
		@DefaultValue("50") @Min(1) int maxPerChat, @DefaultValue("100") @Min(1) int maxPerUser,
		@DefaultValue("500ms") Duration refreshEvery) {

	@ConstructorBinding
	public SubscriptionProperties {
		if (refreshEvery == null || refreshEvery.isNegative() || refreshEvery.isZero()) {
			throw new IllegalArgumentException("policywatch.subscription.refresh-every must be positive");
		}
	}

	/**
	 * Limits with the default refresh.
	 */
	public SubscriptionProperties(int maxQueryLength, int maxPerChat, int maxPerUser) {
		this(maxQueryLength, maxPerChat, maxPerUser, Duration.ofMillis(500));
	}

	/**
	 * Limits with the default per-user cap.
	 */
	public SubscriptionProperties(int maxQueryLength, int maxPerChat) {
		this(maxQueryLength, maxPerChat, 100);
	}

}
