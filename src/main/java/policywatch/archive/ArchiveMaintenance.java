package policywatch.archive;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * On start brings the archive index up to date with the database (rebuilding it if needed), then commits it every
 * {@link #COMMIT_EVERY} and prunes old articles every {@code policywatch.archive.prune-interval}, on the archive's
 * own thread.
 */
@Component
class ArchiveMaintenance {

	private static final Logger logger = LoggerFactory.getLogger(ArchiveMaintenance.class);

	static final Duration COMMIT_EVERY = Duration.ofSeconds(30);

	private final RecentArchive archive;

	private final ArchiveProperties properties;

	private final Clock clock;

	private final TaskScheduler scheduler;

	ArchiveMaintenance(RecentArchive archive, ArchiveProperties properties, Clock clock,
			@Qualifier(ArchiveConfiguration.SCHEDULER) TaskScheduler scheduler) {
		this.archive = archive;
		this.properties = properties;
		this.clock = clock;
		this.scheduler = scheduler;
	}

	@EventListener(ApplicationReadyEvent.class)
	void schedule() {
		this.scheduler.schedule(() -> safely("open", this.archive::open), this.clock.instant());
		this.scheduler.scheduleWithFixedDelay(() -> safely("commit", this.archive::commit),
				this.clock.instant().plus(COMMIT_EVERY), COMMIT_EVERY);
		this.scheduler.scheduleWithFixedDelay(() -> safely("prune", this.archive::prune),
				this.clock.instant().plusSeconds(60), this.properties.pruneInterval());
	}

	private static void safely(String task, Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Unable to maintain archive task={} reason={}", task, ex.toString());
		}
	}

}
