package policywatch.delivery;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import policywatch.ingest.IngestProperties;

/**
 * Every node looks for entries waiting to be matched every {@code policywatch.ingest.match-every},
 * besides the pass each poll starts on the node that polled: in a cluster, entries polled by a node
 * that died before matching them, or left by a pass that failed, are matched by any living node.
 * The entries are claimed one by one (see {@code EntryStore#markMatched}), so passes on several
 * nodes share the work and never match an entry twice.
 */
@Component
class PlanningSchedule {

	private static final Logger logger = LoggerFactory.getLogger(PlanningSchedule.class);

	private final AlertPlanner planner;

	private final IngestProperties properties;

	private final TaskScheduler scheduler;

	private final Clock clock;

	PlanningSchedule(AlertPlanner planner, IngestProperties properties,
			@Qualifier(DeliveryConfiguration.SCHEDULER) TaskScheduler scheduler, Clock clock) {
		this.planner = planner;
		this.properties = properties;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void schedule() {
		this.scheduler.scheduleWithFixedDelay(this::planSafely, this.clock.instant().plus(this.properties.matchEvery()),
				this.properties.matchEvery());
	}

	private void planSafely() {
		try {
			this.planner.planPending();
		}
		catch (RuntimeException ex) {
			logger.warn("Unable to plan pending alerts reason={}", ex.toString());
		}
	}

}
