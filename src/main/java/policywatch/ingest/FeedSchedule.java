package policywatch.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every feed that is polled is its own Quartz job (group {@value #GROUP}, name = the feed's id)
 * with one trigger that fires at the feed's interval. With the clustered JDBC job store the nodes
 * share the feeds (whichever node is free takes the next due trigger) and a dead node's feeds move
 * to the living ones (Quartz's own recovery); the job is {@code @DisallowConcurrentExecution}, so a
 * feed is never polled twice at once, nor more often than its interval, cluster-wide.
 * <p>
 * The trigger carries the feed's state: a failure moves its next fire time to the end of the
 * backoff, a parked feed has no job at all (an accepted reload that un-parks it schedules it
 * again). After downtime a trigger that missed its fire times fires once, at once, and then at
 * its interval again (misfire instruction "now with existing count").
 */
final class FeedSchedule {

	private static final Logger logger = LoggerFactory.getLogger(FeedSchedule.class);

	/** The job group of the feeds' jobs. */
	static final String GROUP = "feeds";

	/** The single job that polled every due feed, before each feed had its own. */
	static final JobKey LEGACY = JobKey.jobKey("poll-feeds");

	private static final Duration TOLERANCE = Duration.ofSeconds(1);

	private final Scheduler scheduler;

	private final Duration jitter;

	private final Clock clock;

	FeedSchedule(Scheduler scheduler, Duration jitter, Clock clock) {
		this.scheduler = scheduler;
		this.jitter = jitter;
		this.clock = clock;
	}

	/**
	 * Makes the jobs agree with the feeds that are polled: a job for each new feed, none for a
	 * removed or parked one, a new trigger for a feed whose interval changed or that is due sooner
	 * than its trigger says (its address changed); the others are left as they are, so a restart or
	 * a reload never moves a feed's polls.
	 * @param feeds the enabled, not parked feeds
	 */
	void sync(List<FeedRecord> feeds) {
		Map<String, FeedRecord> wanted = feeds.stream().collect(Collectors.toMap(FeedRecord::id, Function.identity()));
		try {
			this.scheduler.deleteJob(LEGACY);
			for (JobKey key : this.scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
				if (!wanted.containsKey(key.getName()) && this.scheduler.deleteJob(key)) {
					logger.info("Unscheduled feed feed={}", key.getName());
				}
			}
		}
		catch (SchedulerException ex) {
			logger.warn("Unable to read the feeds' jobs reason={}", ex.toString());
		}
		for (FeedRecord feed : feeds) {
			try {
				ensure(feed);
			}
			catch (SchedulerException ex) {
				logger.warn("Unable to schedule feed feed={} reason={}", feed.id(), ex.toString());
			}
		}
	}

	/**
	 * After a poll: follows the feed's stored state. A failed feed's trigger moves to its backoff
	 * time, a parked or removed feed loses its job.
	 * @param feedId the feed
	 * @param feed its state after the poll, empty when it is parked or no longer configured
	 */
	void afterPoll(String feedId, Optional<FeedRecord> feed) {
		try {
			if (feed.isEmpty()) {
				if (this.scheduler.deleteJob(JobKey.jobKey(feedId, GROUP))) {
					logger.info("Unscheduled feed feed={} (parked or removed)", feedId);
				}
				return;
			}
			Trigger trigger = this.scheduler.getTrigger(triggerKey(feedId));
			Instant next = feed.get().nextPollAt();
			if (trigger == null || next == null) {
				return;
			}
			Date fires = trigger.getNextFireTime();
			if (fires != null && next.isAfter(fires.toInstant().plus(TOLERANCE))) {
				this.scheduler.rescheduleJob(trigger.getKey(), trigger(feed.get(), next));
				logger.debug("Backing off feed feed={} next={}", feedId, next);
			}
		}
		catch (SchedulerException ex) {
			logger.warn("Unable to reschedule feed feed={} reason={}", feedId, ex.toString());
		}
	}

	private void ensure(FeedRecord feed) throws SchedulerException {
		Instant now = this.clock.instant();
		Instant due = (feed.nextPollAt() == null || feed.nextPollAt().isBefore(now)) ? now : feed.nextPollAt();
		Trigger existing = this.scheduler.getTrigger(triggerKey(feed.id()));
		if (existing == null) {
			JobDetail job = JobBuilder.newJob(PollJob.class)
				.withIdentity(feed.id(), GROUP)
				.withDescription("Polls feed " + feed.id())
				.build();
			try {
				this.scheduler.scheduleJob(job, trigger(feed, due.plus(jitter(feed))));
				logger.debug("Scheduled feed feed={} interval={}", feed.id(), feed.interval());
			}
			catch (ObjectAlreadyExistsException ex) {
				// another node scheduled it at the same moment
			}
			return;
		}
		Date fires = existing.getNextFireTime();
		boolean sameInterval = (existing instanceof SimpleTrigger simple)
				&& simple.getRepeatInterval() == intervalMillis(feed);
		// sooner than the trigger even with its jitter: the feed was made due now (its address changed)
		boolean dueSooner = fires != null && due.plus(maxJitter(feed)).plus(TOLERANCE).isBefore(fires.toInstant());
		if (!sameInterval || dueSooner || fires == null) {
			this.scheduler.rescheduleJob(existing.getKey(), trigger(feed, due.plus(jitter(feed))));
			logger.debug("Rescheduled feed feed={} interval={}", feed.id(), feed.interval());
		}
	}

	/**
	 * @return the feed's trigger, first firing at {@code start}
	 */
	static Trigger trigger(FeedRecord feed, Instant start) {
		return TriggerBuilder.newTrigger()
			.withIdentity(triggerKey(feed.id()))
			.forJob(JobKey.jobKey(feed.id(), GROUP))
			.startAt(Date.from(start))
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(intervalMillis(feed))
				.repeatForever()
				// after downtime: one poll at once, not one per missed interval
				.withMisfireHandlingInstructionNowWithExistingCount())
			.build();
	}

	static TriggerKey triggerKey(String feedId) {
		return TriggerKey.triggerKey(feedId, GROUP);
	}

	private static long intervalMillis(FeedRecord feed) {
		return Math.max(1000, feed.interval().toMillis());
	}

	/**
	 * @return a random delay up to the configured jitter, at most a tenth of the feed's interval
	 */
	private Duration jitter(FeedRecord feed) {
		long max = maxJitter(feed).toMillis();
		return (max <= 0) ? Duration.ZERO : Duration.ofMillis(ThreadLocalRandom.current().nextLong(max + 1));
	}

	private Duration maxJitter(FeedRecord feed) {
		return Duration.ofMillis(Math.min(this.jitter.toMillis(), intervalMillis(feed) / 10));
	}

}
