package policywatch.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import policywatch.delivery.DeliveryStats;

/**
 * Gauges read when metrics are scraped: {@code policywatch.outbox.backlog}, the alerts waiting
 * to be sent (NaN while the database cannot be read).
 */
@Component
class AdminMetrics implements MeterBinder {

	private static final Logger logger = LoggerFactory.getLogger(AdminMetrics.class);

	private final DeliveryStats delivery;

	AdminMetrics(DeliveryStats delivery) {
		this.delivery = delivery;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("policywatch.outbox.backlog", this, AdminMetrics::backlog)
			.description("Alerts waiting in the outbox to be sent")
			.register(registry);
	}

	private double backlog() {
		try {
			return this.delivery.pending();
		}
		catch (RuntimeException ex) {
			logger.debug("Unable to count the outbox backlog reason={}", ex.toString());
			return Double.NaN;
		}
	}

}
