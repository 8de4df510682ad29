package policywatch.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Deletes alerts that left the outbox more than {@code policywatch.delivery.keep-sent} ago, once
 * an hour, in small batches so that the outbox is never locked for long.
 */
@Component
class OutboxRetention {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRetention.class);

	static final Duration EVERY = Duration.ofHours(1);

	private static final int BATCH = 1000;

	private final Outbox outbox;

	private final DeliveryProperties properties;

	private final Clock clock;

	private final TaskScheduler scheduler;

	OutboxRetention(Outbox outbox, DeliveryProperties properties, Clock clock,
			@Qualifier(DeliveryConfiguration.SCHEDULER) TaskScheduler scheduler) {
		this.outbox = outbox;
		this.properties = properties;
		this.clock = clock;
		this.scheduler = scheduler;
	}

	@EventListener(ApplicationReadyEvent.class)
	void schedule() {
		this.scheduler.scheduleWithFixedDelay(this::deleteSafely, this.clock.instant().plusSeconds(60), EVERY);
	}

	private void deleteSafely() {
		try {
			deleteOld();
		}
		catch (RuntimeException ex) {
			logger.warn("Unable to delete old alerts reason={}", ex.toString());
		}
	}

	/**
	 * @return how many alerts were deleted
	 */
	int deleteOld() {
		Instant before = this.clock.instant().minus(this.properties.keepSent());
		int deleted = 0;
		int batch;
		do {
			batch = this.outbox.deleteFinishedBefore(before, BATCH);
			deleted += batch;
		}
		while (batch == BATCH);
		if (deleted > 0) {
			logger.info("Deleted old alerts count={} before={}", deleted, before);
		}
		return deleted;
	}

}
