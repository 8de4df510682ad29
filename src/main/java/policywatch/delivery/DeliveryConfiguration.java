package policywatch.delivery;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The delivery module's own threads: outbox passes, the sends in flight and the clean-up of old
 * alerts. Not offered to other modules (they are not default candidates).
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	static final String SCHEDULER = "deliveryScheduler";

	@Bean(name = SCHEDULER, defaultCandidate = false)
	ThreadPoolTaskScheduler deliveryScheduler(DeliveryProperties properties, Clock clock) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		// One for the passes, one reading the outbox ahead, one for the clean-up, one for relayed
		// replies and notices, the rest for sends in flight.
		scheduler.setPoolSize(properties.maxInFlight() + 4);
		scheduler.setThreadNamePrefix("delivery-");
		scheduler.setDaemon(true);
		scheduler.setClock(clock);
		scheduler.setWaitForTasksToCompleteOnShutdown(true);
		scheduler.setAwaitTerminationSeconds(10);
		scheduler.setRemoveOnCancelPolicy(true);
		return scheduler;
	}

}
