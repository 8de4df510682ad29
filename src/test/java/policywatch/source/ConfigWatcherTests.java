package policywatch.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import policywatch.subscription.Subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

/**
 * The watcher, one check at a time, and its checks on Spring's task scheduler.
 */
class ConfigWatcherTests {

	@TempDir
	Path dir;

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private FeedCatalog catalog;

	private ConfigWatcher watcher;

	@BeforeEach
	void setUp() throws IOException {
		Files.writeString(this.dir.resolve("feeds.yml"), "feeds:\n  - id: a\n    url: https://example.org/a.xml\n");
		this.catalog = new FeedCatalog(this.dir, Duration.ofMinutes(10));
		this.watcher = watcher(Duration.ofSeconds(2));
	}

	private ConfigWatcher watcher(Duration interval) {
		ConfigReloader reloader = new ConfigReloader(this.catalog, mock(Subscriptions.class), this.events::add);
		return new ConfigWatcher(this.catalog, reloader, this.events::add, new SourceProperties(interval),
				this.scheduler, Clock.systemUTC());
	}

	@AfterEach
	void tearDown() {
		this.scheduler.shutdown();
	}

	@Test
	void theSchedulerRunsTheChecksUntilStopped() throws IOException {
		this.scheduler.initialize();
		ConfigWatcher scheduled = watcher(Duration.ofMillis(20));
		scheduled.start();
		assertThat(scheduled.isRunning()).isTrue();

		Files.writeString(this.dir.resolve("feeds.yml"), "feeds:\n  - id: d\n    url: https://example.org/d.xml\n");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.catalog.feeds()).extracting(FeedDefinition::id).containsExactly("d"));

		scheduled.stop();
		assertThat(scheduled.isRunning()).isFalse();
		Files.writeString(this.dir.resolve("feeds.yml"), "feeds:\n  - id: e\n    url: https://example.org/e.xml\n");
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
			.until(() -> this.catalog.feeds().get(0).id().equals("d"));
	}

	@Test
	void aZeroIntervalSchedulesNothing() {
		ConfigWatcher off = watcher(Duration.ZERO);
		off.start();
		// the scheduler is not even initialized: asking it to schedule would throw
		assertThat(off.isRunning()).isFalse();
	}

	@Test
	void aChangeIsAppliedOnceTheFileStaysTheSameForOneCheck() throws IOException {
		this.watcher.check();
		assertThat(this.events).isEmpty();

		Files.writeString(this.dir.resolve("feeds.yml"), "feeds:\n  - id: b\n    url: https://example.org/b");
		this.watcher.check();
		assertThat(this.catalog.feeds()).extracting(FeedDefinition::id).as("half-saved? wait").containsExactly("a");
		Files.writeString(this.dir.resolve("feeds.yml"), "feeds:\n  - id: b\n    url: https://example.org/b.xml\n");
		this.watcher.check();
		assertThat(this.catalog.feeds()).extracting(FeedDefinition::id).containsExactly("a");

		this.watcher.check();
		assertThat(this.catalog.feeds()).extracting(FeedDefinition::id).containsExactly("b");
		assertThat(this.events).hasAtLeastOneElementOfType(ConfigReloaded.class);

		this.events.clear();
		this.watcher.check();
		assertThat(this.events).as("nothing new").isEmpty();
	}

	@Test
	void replacedByRenameAndDeletedFilesAreNoticed() throws IOException {
		Path temp = this.dir.resolve(".feeds.yml.swp");
		Files.writeString(temp, "feeds:\n  - id: c\n    url: https://example.org/c.xml\n");
		Files.move(temp, this.dir.resolve("feeds.yml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		this.watcher.check();
		this.watcher.check();
		assertThat(this.catalog.feeds()).extracting(FeedDefinition::id).containsExactly("c");

		Files.delete(this.dir.resolve("feeds.yml"));
		this.watcher.check();
		this.watcher.check();
		assertThat(this.events).last().isInstanceOfSatisfying(ConfigRejected.class,
				(rejected) -> assertThat(rejected.problems().get(0).reason()).contains("file deleted"));
		assertThat(this.catalog.feeds()).extracting(FeedDefinition::id).containsExactly("c");
	}

	@Test
	void settingsChangesAreCheckedAndAnnounced() throws IOException {
		Files.writeString(this.dir.resolve("settings.yml"), "policywatch:\n  subscription:\n    max-per-chatt: 3\n");
		this.watcher.check();
		this.watcher.check();

		assertThat(this.events).singleElement().isInstanceOfSatisfying(SettingsChanged.class, (changed) -> {
			assertThat(changed.deleted()).isFalse();
			assertThat(changed.problems()).extracting(ConfigProblem::toString)
				.containsExactly(this.dir.resolve("settings.yml") + ":3: policywatch.subscription.max-per-chatt: "
						+ "unknown setting; did you mean 'policywatch.subscription.max-per-chat'? "
						+ "(the names are those of application properties; see docs/configuration.md)");
		});
		assertThat(this.catalog.feeds()).as("feeds untouched").hasSize(1);
	}

}
