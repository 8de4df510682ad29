package policywatch.subscription;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Applies the subscription changes made through any node of a cluster to this node's matcher,
 * every {@code policywatch.subscription.refresh-every} (see {@link Subscriptions#refresh}), on a
 * thread of its own.
 */
@Component
class SubscriptionRefresh implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SubscriptionRefresh.class);

	private final Subscriptions subscriptions;

	private final SubscriptionProperties properties;

	private final Clock clock;

	private volatile ThreadPoolTaskScheduler scheduler;

	SubscriptionRefresh(Subscriptions subscriptions, SubscriptionProperties properties, Clock clock) {
		this.subscriptions = subscriptions;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void start() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("subscription-refresh-");
		scheduler.setDaemon(true);
		scheduler.setClock(this.clock);
		scheduler.setWaitForTasksToCompleteOnShutdown(true);
		scheduler.setAwaitTerminationSeconds(5);
		scheduler.initialize();
		scheduler.scheduleWithFixedDelay(this::refreshSafely, this.properties.refreshEvery());
		this.scheduler = scheduler;
	}

	@Override
	public void stop() {
		ThreadPoolTaskScheduler scheduler = this.scheduler;
		this.scheduler = null;
		if (scheduler != null) {
			scheduler.shutdown();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	private void refreshSafely() {
		try {
			int applied = this.subscriptions.refresh(this.clock.instant());
			if (applied > 0) {
				logger.debug("Applied subscription changes count={}", applied);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Unable to read subscription changes reason={}", ex.toString());
		}
	}

}
