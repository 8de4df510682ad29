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

}
