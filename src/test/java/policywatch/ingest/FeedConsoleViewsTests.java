package policywatch.ingest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import policywatch.MutableClock;
import policywatch.TestDatabase;
import policywatch.ingest.parse.FeedItem;
import policywatch.source.FeedDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the web console reads and does through ingest: new entries per feed and day, each feed's
 * last new entry, and un-parking one feed.
 */
class FeedConsoleViewsTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));

	private final JdbcClient jdbc = TestDatabase.jdbc();

	private final FeedStore feeds = new FeedStore(this.jdbc, this.clock);

	private final EntryStore entries = new EntryStore(this.jdbc, this.clock);

	private final Scheduler scheduler = scheduler();

	private final FeedSchedule schedule = new FeedSchedule(this.scheduler, Duration.ofSeconds(1), this.clock);

	@AfterEach
	void shutdown() throws SchedulerException {
		this.scheduler.shutdown(true);
	}

	@Test
	void countsNewEntriesPerFeedAndDayButNotThoseOfTheFirstPoll() {
		this.feeds.sync(List.of(feed("gazette"), feed("journal")));
		this.entries.insertSeen("gazette", List.of(item("old-1"), item("old-2")));
		this.clock.advance(Duration.ofDays(1));
		this.entries.insertNew("gazette", item("a"), "text");
		this.entries.insertNew("gazette", item("b"), "text");
		this.clock.advance(Duration.ofDays(2));
		this.entries.insertNew("gazette", item("c"), "text");
		this.entries.insertNew("journal", item("d"), "text");
		FeedActivity activity = new FeedActivity(this.jdbc);

		Map<String, int[]> perDay = activity.newEntriesPerDay(LocalDate.parse("2026-11-20"), 4, ZoneOffset.UTC);

		assertThat(perDay.get("gazette")).containsExactly(0, 2, 0, 1);
		assertThat(perDay.get("journal")).containsExactly(0, 0, 0, 1);
		assertThat(activity.newEntriesPerDay(LocalDate.parse("2026-11-22"), 1, ZoneOffset.UTC)).isEmpty();
		assertThat(activity.lastNewEntry()).containsOnly(Map.entry("gazette", this.clock.instant()),
				Map.entry("journal", this.clock.instant()));
	}

	@Test
	void unparkingPollsAParkedFeedAgainWithAFreshStart() throws SchedulerException {
		this.feeds.sync(List.of(feed("gazette"), feed("journal")));
		FeedRecord gazette = this.feeds.active("gazette").orElseThrow();
		this.feeds.recordFailure(gazette, "HTTP 500", 20, this.clock.instant().plus(Duration.ofHours(1)), true,
				this.clock.instant());
		FeedParking parking = new FeedParking(this.feeds, this.schedule, this.clock);
		FeedPollStatusView view = new FeedPollStatusView(this.feeds);
		assertThat(status(view, "gazette").parked()).isTrue();

		assertThat(parking.unpark("journal", "test")).as("not parked").isFalse();
		assertThat(parking.unpark("nothing", "test")).as("unknown").isFalse();
		assertThat(parking.unpark("gazette", "test")).isTrue();

		FeedPollStatus after = status(view, "gazette");
		assertThat(after.parked()).isFalse();
		assertThat(after.consecutiveFailures()).as("parked again only after park-after more failures").isZero();
		assertThat(after.lastError()).isEqualTo("HTTP 500");
		assertThat(after.nextPollAt()).isEqualTo(this.clock.instant());
		assertThat(this.scheduler.checkExists(JobKey.jobKey("gazette", "feeds"))).as("scheduled again").isTrue();
		assertThat(parking.unpark("gazette", "test")).as("only once").isFalse();
	}

	@Test
	void aReloadThatUnparksAFeedNoLongerReportsItParked() {
		this.feeds.sync(List.of(feed("gazette")));
		this.feeds.recordFailure(this.feeds.active("gazette").orElseThrow(), "HTTP 500", 20,
				this.clock.instant().plus(Duration.ofHours(1)), true, this.clock.instant());

		this.feeds.sync(List.of(feed("gazette")));

		FeedPollStatus status = status(new FeedPollStatusView(this.feeds), "gazette");
		assertThat(status.parked()).isFalse();
		assertThat(this.feeds.active("gazette")).isPresent();
	}

	private static FeedPollStatus status(FeedPollStatusView view, String id) {
		return view.feeds().stream().filter((feed) -> feed.id().equals(id)).findFirst().orElseThrow();
	}

	private static FeedDefinition feed(String id) {
		return new FeedDefinition(id, id, URI.create("https://" + id + ".example/feed"), Duration.ofMinutes(10), false);
	}

	private static FeedItem item(String key) {
		return new FeedItem(key, key, "https://example.org/" + key, "Title " + key, "", null);
	}

	private static Scheduler scheduler() {
		Properties properties = new Properties();
		properties.setProperty("org.quartz.scheduler.instanceName", "console-" + UUID.randomUUID());
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

}
