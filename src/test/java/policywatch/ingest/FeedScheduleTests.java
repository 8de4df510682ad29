package policywatch.ingest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The feeds' Quartz jobs on a real Quartz scheduler: one per feed, following reloads, backoff,
 * parking, and firing once after downtime.
 */
class FeedScheduleTests {

	private final Clock clock = Clock.systemUTC();

	private final Scheduler scheduler = scheduler();

	private final FeedSchedule schedule = new FeedSchedule(this.scheduler, Duration.ofSeconds(10), this.clock);

	@AfterEach
	void shutdown() throws SchedulerException {
		this.scheduler.shutdown(true);
	}

	@Test
	void eachFeedHasItsOwnJobAtItsIntervalAndRemovedFeedsLoseTheirs() throws Exception {
		this.scheduler.addJob(JobBuilder.newJob(PollJob.class).withIdentity(FeedSchedule.LEGACY).storeDurably().build(),
				false);
		Instant now = this.clock.instant();
		this.schedule.sync(java.util.List.of(feed("gazette", Duration.ofMinutes(5), now),
				feed("journal", Duration.ofHours(1), now)));
		assertThat(this.scheduler.getJobKeys(GroupMatcher.anyJobGroup())).as("the single tick job is gone")
			.containsExactlyInAnyOrder(JobKey.jobKey("gazette", "feeds"), JobKey.jobKey("journal", "feeds"));
		SimpleTrigger gazette = trigger("gazette");
		assertThat(gazette.getRepeatInterval()).isEqualTo(Duration.ofMinutes(5).toMillis());
		assertThat(gazette.getMisfireInstruction())
			.isEqualTo(SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NOW_WITH_EXISTING_REPEAT_COUNT);
		// due now, moved by at most the jitter (10 s here, at most a tenth of the interval)
		assertThat(gazette.getNextFireTime().toInstant()).isBetween(now, now.plusSeconds(10));
		assertThat(trigger("journal").getRepeatInterval()).isEqualTo(Duration.ofHours(1).toMillis());

		this.schedule.sync(java.util.List.of(feed("journal", Duration.ofHours(1), now)));
		assertThat(this.scheduler.getJobKeys(GroupMatcher.jobGroupEquals("feeds")))
			.containsExactly(JobKey.jobKey("journal", "feeds"));
	}

	@Test
	void aReloadLeavesUnchangedFeedsAloneAndReschedulesChangedOnes() throws Exception {
		Instant now = this.clock.instant();
		Instant later = now.plus(Duration.ofMinutes(30));
		this.schedule.sync(java.util.List.of(feed("gazette", Duration.ofHours(1), later)));
		Instant first = trigger("gazette").getNextFireTime().toInstant();
		assertThat(first).isBetween(later, later.plusSeconds(10));

		this.schedule.sync(java.util.List.of(feed("gazette", Duration.ofHours(1), later)));
		assertThat(trigger("gazette").getNextFireTime().toInstant()).as("a reload or a restart never moves the polls")
			.isEqualTo(first);

		this.schedule.sync(java.util.List.of(feed("gazette", Duration.ofMinutes(10), later)));
		assertThat(trigger("gazette").getRepeatInterval()).isEqualTo(Duration.ofMinutes(10).toMillis());

		// its address changed: due now rather than in half an hour
		this.schedule.sync(java.util.List.of(feed("gazette", Duration.ofMinutes(10), now)));
		assertThat(trigger("gazette").getNextFireTime().toInstant()).isBetween(now, now.plusSeconds(10));
	}

	@Test
	void aFailedPollMovesTheTriggerToTheBackoffAndAParkedFeedLosesItsJobUntilItIsBack() throws Exception {
		Instant now = this.clock.instant();
		this.schedule.sync(java.util.List.of(feed("gazette", Duration.ofMinutes(5), now)));
		Instant backoff = now.plus(Duration.ofMinutes(40)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		this.schedule.afterPoll("gazette", Optional.of(feed("gazette", Duration.ofMinutes(5), backoff)));
		SimpleTrigger trigger = trigger("gazette");
		assertThat(trigger.getNextFireTime().toInstant()).isEqualTo(backoff);
		assertThat(trigger.getRepeatInterval()).as("then its interval again").isEqualTo(Duration.ofMinutes(5).toMillis());

		// parked (or removed): no more polls
		this.schedule.afterPoll("gazette", Optional.empty());
		assertThat(this.scheduler.checkExists(JobKey.jobKey("gazette", "feeds"))).isFalse();

		// a reload un-parks it
		this.schedule.sync(java.util.List.of(feed("gazette", Duration.ofMinutes(5), now)));
		assertThat(this.scheduler.checkExists(JobKey.jobKey("gazette", "feeds"))).isTrue();
	}

	@Test
	void afterDowntimeAFeedIsPolledOnceNotOncePerMissedInterval() throws Exception {
		Counting.count.set(0);
		// the node was down for ten minutes: twenty polls of a 30-second feed were missed
		Instant start = this.clock.instant().minus(Duration.ofMinutes(10));
		FeedRecord feed = feed("gazette", Duration.ofSeconds(30), start);
		this.scheduler.scheduleJob(JobBuilder.newJob(Counting.class).withIdentity("gazette", "feeds").build(),
				FeedSchedule.trigger(feed, start));
		this.scheduler.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> Counting.count.get() >= 1);
		Thread.sleep(1000);
		assertThat(Counting.count.get()).isEqualTo(1);
		assertThat(trigger("gazette").getNextFireTime().toInstant()).as("the next poll one interval later")
			.isAfter(this.clock.instant().plusSeconds(25));
	}

	@Test
	void withoutTheMisfireInstructionTheMissedPollsWouldAllRun() throws Exception {
		// the control for the test above: Quartz's "ignore misfires" fires once per missed interval
		Counting.count.set(0);
		Instant start = this.clock.instant().minus(Duration.ofMinutes(10));
		this.scheduler.scheduleJob(JobBuilder.newJob(Counting.class).withIdentity("gazette", "feeds").build(),
				TriggerBuilder.newTrigger()
					.withIdentity(FeedSchedule.triggerKey("gazette"))
					.startAt(java.util.Date.from(start))
					.withSchedule(SimpleScheduleBuilder.simpleSchedule()
						.withIntervalInSeconds(30)
						.repeatForever()
						.withMisfireHandlingInstructionIgnoreMisfires())
					.build());
		this.scheduler.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> Counting.count.get() >= 20);
	}

	private SimpleTrigger trigger(String feedId) throws SchedulerException {
		return (SimpleTrigger) this.scheduler.getTrigger(FeedSchedule.triggerKey(feedId));
	}

	private static FeedRecord feed(String id, Duration interval, Instant nextPollAt) {
		return new FeedRecord(id, id, URI.create("https://example.org/" + id + ".xml"), interval, false, true, true, null,
				null, nextPollAt, null, null, null, null, 0);
	}

	private static Scheduler scheduler() {
		Properties properties = new Properties();
		properties.setProperty("org.quartz.scheduler.instanceName", "feeds-" + UUID.randomUUID());
		properties.setProperty("org.quartz.threadPool.threadCount", "1");
		properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
		properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
		try {
			return new StdSchedulerFactory(properties).getScheduler();
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Counts its runs. */
	public static final class Counting implements Job {

		static final AtomicInteger count = new AtomicInteger();

		@Override
		public void execute(JobExecutionContext context) {
			count.incrementAndGet();
		}

	}

}
