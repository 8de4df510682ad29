package policywatch.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import policywatch.subscription.ConfiguredSubscription;
import policywatch.subscription.Subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.times;
import static org.mockito.BDDMockito.willDoNothing;
import static org.mockito.BDDMockito.willThrow;

class ConfigReloaderTests {

	@TempDir
	Path dir;

	private final Subscriptions subscriptions = mock(Subscriptions.class);

	private final List<Object> events = new ArrayList<>();

	private FeedCatalog catalog;

	private ConfigReloader reloader;

	@BeforeEach
	void setUp() throws IOException {
		write("feeds.yml", feeds("a", "b"));
		write("subscriptions.yml", """
				subscriptions:
				  - chat: -100
				    query: BRICS
				    feeds: [b]
				""");
		this.catalog = new FeedCatalog(this.dir, Duration.ofMinutes(7));
		this.reloader = new ConfigReloader(this.catalog, this.subscriptions, this.events::add);
	}

	@Test
	void validEditIsAppliedAndAnnounced() throws IOException {
		write("feeds.yml", feeds("b", "c") + "    interval: 1m\n");

		ReloadResult result = this.reloader.reload(ReloadTrigger.WATCH);

		ConfigChanges changes = ((ReloadResult.Applied) result).changes();
		assertThat(changes.addedFeeds()).containsExactly("c");
		assertThat(changes.removedFeeds()).containsExactly("a");
		assertThat(changes.describe()).isEqualTo("2 feeds (added: c; removed: a), 1 admin-defined subscription");
		assertThat(this.catalog.feeds()).extracting(FeedDefinition::id).containsExactly("b", "c");
		assertThat(this.catalog.feeds()).extracting(FeedDefinition::interval)
			.containsExactly(Duration.ofMinutes(7), Duration.ofMinutes(1));
		assertThat(this.events).hasSize(2);
		assertThat(this.events.get(0)).isEqualTo(new FeedsReloaded(this.catalog.feeds()));
		assertThat(this.events.get(1)).isEqualTo(new ConfigReloaded(changes, ReloadTrigger.WATCH));
	}

	@Test
	void invalidEditKeepsEverythingAndListsTheProblems() throws IOException {
		// feed a is removed, but a subscription now names it: both files are rejected together
		write("feeds.yml", feeds("b", "c"));
		write("subscriptions.yml", """
				subscriptions:
				  - chat: -100
				    query: BRICS
				    feeds: [a]
				  - chat: -100
				    query: tariffs
				""");

		ReloadResult result = this.reloader.reload(ReloadTrigger.WATCH);

		assertThat(result).isInstanceOf(ReloadResult.Rejected.class);
		List<ConfigProblem> problems = ((ReloadResult.Rejected) result).problems();
		assertThat(problems).extracting(ConfigProblem::toString)
			.containsExactly(this.dir.resolve("subscriptions.yml")
					+ ":4: subscriptions[0].feeds[0]: unknown feed id 'a' (not in feeds.yml)");
		assertThat(this.catalog.feeds()).extracting(FeedDefinition::id).containsExactly("a", "b");
		assertThat(this.catalog.subscriptions()).hasSize(1);
		assertThat(this.events).containsExactly(new ConfigRejected(problems, ReloadTrigger.WATCH));
		verify(this.subscriptions, never()).replaceConfigured(any());
	}

	@Test
	void deletedFeedsFileKeepsThePreviousConfig() throws IOException {
		Files.delete(this.dir.resolve("feeds.yml"));

		ReloadResult result = this.reloader.reload(ReloadTrigger.WATCH);

		assertThat(((ReloadResult.Rejected) result).problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.reason()).contains("file deleted")
				.contains("previous configuration (2 feeds) stays active"));
		assertThat(this.catalog.feeds()).hasSize(2);
	}

	@Test
	void subscriptionChangesReplaceTheConfiguredOnes() throws IOException {
		write("subscriptions.yml", """
				subscriptions:
				  - chat: -100
				    query: BRICS
				    feeds: [a, b]
				""");

		this.reloader.reload(ReloadTrigger.WATCH);

		verify(this.subscriptions).replaceConfigured(List.of(new ConfiguredSubscription(-100, "BRICS", List.of("a", "b"))));
		assertThat(this.events).last()
			.isEqualTo(new ConfigReloaded(new ConfigChanges(2, List.of(), List.of(), List.of(), 1, 1, 1),
					ReloadTrigger.WATCH));
	}

	@Test
	void unchangedFilesDoNothingForTheWatcherButResyncOnCommand() {
		assertThat(this.reloader.reload(ReloadTrigger.WATCH)).isInstanceOf(ReloadResult.Applied.class);
		assertThat(this.events).isEmpty();

		this.reloader.reload(ReloadTrigger.COMMAND);

		assertThat(this.events).first().isEqualTo(new FeedsReloaded(this.catalog.feeds()));
		verify(this.subscriptions, never()).replaceConfigured(any());
	}

	@Test
	void subscriptionsTheDatabaseRefusesKeepTheLastGoodConfigAndTellTheAdmins() throws IOException {
		willThrow(new IllegalStateException("value too long for column \"QUERY\""))
			.given(this.subscriptions).replaceConfigured(any());
		write("subscriptions.yml", """
				subscriptions:
				  - chat: -100
				    query: sanctions
				""");

		ReloadResult result = this.reloader.reload(ReloadTrigger.WATCH);

		List<ConfigProblem> problems = ((ReloadResult.Rejected) result).problems();
		assertThat(problems).singleElement().asString()
			.isEqualTo(this.dir.resolve("subscriptions.yml") + ": could not be applied, nothing was changed "
					+ "(value too long for column \"QUERY\"); the previous subscriptions stay active");
		assertThat(this.events).containsExactly(new ConfigRejected(problems, ReloadTrigger.WATCH));
		assertThat(this.catalog.subscriptions()).extracting(ConfiguredSubscription::query).containsExactly("BRICS");

		// the next attempt is compared with the last good configuration, so it is applied again
		willDoNothing().given(this.subscriptions).replaceConfigured(any());
		assertThat(this.reloader.reload(ReloadTrigger.COMMAND)).isInstanceOf(ReloadResult.Applied.class);
		verify(this.subscriptions, times(2))
			.replaceConfigured(List.of(new ConfiguredSubscription(-100, "sanctions", List.of())));
	}

	private void write(String name, String text) throws IOException {
		Files.writeString(this.dir.resolve(name), text);
	}

	private static String feeds(String... ids) {
		StringBuilder text = new StringBuilder("feeds:\n");
		for (String id : ids) {
			text.append("  - id: ").append(id).append("\n    url: https://example.org/").append(id).append(".xml\n");
		}
		return text.toString();
	}

}
