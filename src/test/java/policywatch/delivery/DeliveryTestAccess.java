package policywatch.delivery;

import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builds package-private delivery parts for tests in other packages.
 */
public final class DeliveryTestAccess {

	private DeliveryTestAccess() {
	}

	public static DeliveryPreferences preferences(JdbcClient jdbc, Clock clock, DeliveryProperties properties) {
		return new DeliveryPreferences(jdbc, clock, properties);
	}

	/**
	 * @return the buttons the planner puts under an alert
	 */
	public static Keyboard alertButtons(JdbcClient jdbc, Clock clock, DeliveryPreferences preferences, long chatId,
			java.util.List<policywatch.subscription.Subscription> subscriptions) {
		return alertButtons(jdbc, clock, preferences, chatId, subscriptions, java.util.Locale.ENGLISH);
	}

	/**
	 * @return the buttons the planner puts under an alert for a chat in that language
	 */
	public static Keyboard alertButtons(JdbcClient jdbc, Clock clock, DeliveryPreferences preferences, long chatId,
			java.util.List<policywatch.subscription.Subscription> subscriptions, java.util.Locale locale) {
		return new AlertRouter(preferences, new DigestStore(jdbc, clock), new ButtonTokens(jdbc), clock,
				new AlertTexts(policywatch.testing.TestMessages.create()))
			.alertButtons(chatId, subscriptions, locale);
	}

	public static ButtonTokens tokens(JdbcClient jdbc) {
		return new ButtonTokens(jdbc);
	}

}
