package policywatch.ingest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import policywatch.MutableClock;
import policywatch.TestDatabase;
import policywatch.ingest.extract.ArticleExtractor;
import policywatch.ingest.fetch.FetchException;
import policywatch.ingest.fetch.FetchRequest;
import policywatch.ingest.fetch.FetchResponse;
import policywatch.ingest.fetch.Fetcher;
import policywatch.ingest.parse.FeedParser;
import policywatch.source.FeedDefinition;
import policywatch.testing.FakeFeedServer;
import policywatch.testing.FakeFeedServer.Item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ingest orchestrator on a real database and parser, with a scripted fetcher.
 */
class FeedPollerTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

	private final JdbcClient jdbc = TestDatabase.jdbc();

	private final FeedStore feeds = new FeedStore(this.jdbc, this.clock);

	private final EntryStore entries = new EntryStore(this.jdbc, this.clock);

	private final ScriptedFetcher fetcher = new ScriptedFetcher();

	private final List<Object> events = new ArrayList<>();

	private final io.micrometer.core.instrument.MeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

	private IngestProperties properties = properties(50, Duration.ofMinutes(2));

	private FeedPoller poller = poller(new SyncTaskExecutor(), new TaskExecutorAdapter(Runnable::run));

	private ThreadPoolTaskExecutor threads;

	@AfterEach
	void stop() {
		this.fetcher.open();
		if (this.threads != null) {
			this.threads.shutdown();
		}
	}

	private static IngestProperties properties(int maxNewEntries, Duration feedBudget) {
		return new IngestProperties(Duration.ofSeconds(5), 2, Duration.ofHours(24), 100_000, 3, maxNewEntries, feedBudget,
				Duration.ofSeconds(10));
	}

	private FeedPoller poller(TaskExecutor polls, AsyncTaskExecutor pages) {
		ArticlePages articlePages = new ArticlePages(this.fetcher, new ArticleExtractor(), pages, 2, 100_000, this.meters);
		FeedPollWorker worker = new FeedPollWorker(this.feeds, this.entries, this.fetcher, new FeedParser(), articlePages,
				this.properties, this.events::add, this.clock, this.meters);
		return new FeedPoller(this.feeds, worker, polls, this.events::add, this.clock);
	}

	private ThreadPoolTaskExecutor threads(int count) {
		this.threads = new ThreadPoolTaskExecutor();
		this.threads.setCorePoolSize(count);
		this.threads.setMaxPoolSize(count);
		this.threads.initialize();
		return this.threads;
	}

	@Test
	void firstPollRecordsEntriesWithoutAlertingAndLaterOnesAreNewOnce() {
		define(feed("news", "https://news.example/feed", false));
		this.fetcher.feed("https://news.example/feed", rss(item("a", "First", 1)));
		this.poller.pollDueFeeds();
		assertThat(this.entries.count()).isEqualTo(1);
		assertThat(this.entries.pending(0, 10)).isEmpty();

		this.clock.advance(Duration.ofMinutes(10));
		this.fetcher.feed("https://news.example/feed", rss(item("c", "Third", 3), item("b", "Second", 2), item("a", "First", 1)));
		assertThat(this.poller.pollDueFeeds()).as("polls started").isEqualTo(1);
		assertThat(this.entries.pending(0, 10)).extracting(PendingEntry::title).containsExactly("Second", "Third");

		this.clock.advance(Duration.ofMinutes(10));
		this.poller.pollDueFeeds();
		assertThat(this.entries.count()).isEqualTo(3);
		assertThat(this.events).filteredOn(FeedsPolled.class::isInstance).containsExactly(new FeedsPolled(1, 2));
	}

	@Test
	void aFeedsJobPollsItOnTheCallingThreadUnlessItIsParkedOrRemoved() {
		define(feed("news", "https://news.example/feed", false), feed("bad", "https://bad.example/feed", false));
		this.fetcher.feed("https://news.example/feed", rss(item("a", "First", 1)));
		this.poller.pollFeed("news");
		this.fetcher.feed("https://news.example/feed", rss(item("b", "Second", 2), item("a", "First", 1)));
		// a trigger that fell behind fires again at once: no second poll within the interval
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.poller.pollFeed("news")).isZero();
		assertThat(this.fetcher.requests).hasSize(1);
		// the trigger decides when: its regular fire polls, even a little before the stored due time
		this.clock.advance(Duration.ofMinutes(8));
		assertThat(this.poller.pollFeed("news")).as("new entries").isEqualTo(1);
		assertThat(this.events).contains(new FeedsPolled(1, 1));

		this.fetcher.fail("https://bad.example/feed", new FetchException("HTTP 410"));
		for (int i = 0; i < 3; i++) {
			this.poller.pollFeed("bad");
			this.clock.advance(Duration.ofHours(1));
		}
		assertThat(this.poller.active("bad")).as("parked").isEmpty();
		this.poller.pollFeed("bad");
		this.poller.pollFeed("gone");
		assertThat(this.fetcher.requests).as("no poll of a parked or unknown feed").hasSize(5);

		define(feed("bad", "https://bad.example/feed", false));
		assertThat(this.poller.active("bad")).as("un-parked by the configuration").isPresent();
		assertThat(this.poller.active("news")).as("removed").isEmpty();
	}

	@Test
	void feedIsNotPolledBeforeItsInterval() {
		define(feed("news", "https://news.example/feed", false));
		this.fetcher.feed("https://news.example/feed", rss(item("a", "First", 1)));
		this.poller.pollDueFeeds();
		this.clock.advance(Duration.ofMinutes(5));
		this.poller.pollDueFeeds();
		assertThat(this.fetcher.requests).hasSize(1);
	}

	@Test
	void conditionalGetSendsValidatorsAndNotModifiedChangesNothing() {
		define(feed("news", "https://news.example/feed", false));
		this.fetcher.feed("https://news.example/feed", rss(item("a", "First", 1)));
		this.poller.pollDueFeeds();
		this.clock.advance(Duration.ofMinutes(10));
		this.fetcher.notModified = true;
		this.poller.pollDueFeeds();
		FetchRequest second = this.fetcher.requests.get(1);
		assertThat(second.etag()).isEqualTo("\"v1\"");
		assertThat(status("news").lastStatus()).isEqualTo("NOT_MODIFIED");
		assertThat(status("news").consecutiveFailures()).isZero();
	}

	@Test
	void failingFeedBacksOffWithoutStoppingOthersAndSuccessResets() {
		define(feed("bad", "https://bad.example/feed", false), feed("good", "https://good.example/feed", false));
		this.fetcher.fail("https://bad.example/feed", new FetchException("HTTP 500"));
		this.fetcher.feed("https://good.example/feed", rss(item("a", "First", 1)));
		this.poller.pollDueFeeds();
		assertThat(status("good").lastSuccessAt()).isNotNull();
		FeedPollStatus bad = status("bad");
		assertThat(bad.consecutiveFailures()).isEqualTo(1);
		assertThat(bad.lastError()).isEqualTo("HTTP 500");
		assertThat(bad.nextPollAt()).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(10)));

		this.clock.advance(Duration.ofMinutes(10));
		this.poller.pollDueFeeds();
		assertThat(status("bad").consecutiveFailures()).isEqualTo(2);
		assertThat(status("bad").nextPollAt()).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(20)));

		this.clock.advance(Duration.ofMinutes(20));
		this.fetcher.feed("https://bad.example/feed", rss(item("x", "Fixed", 1)));
		this.poller.pollDueFeeds();
		assertThat(status("bad").consecutiveFailures()).isZero();
		assertThat(status("bad").lastError()).isNull();
	}

	@Test
	void feedIsParkedAfterTooManyFailuresUntilTheConfigurationIsApplied() {
		define(feed("bad", "https://bad.example/feed", false));
		this.fetcher.fail("https://bad.example/feed", new FetchException("HTTP 410"));
		for (int i = 0; i < 3; i++) {
			this.poller.pollDueFeeds();
			this.clock.advance(Duration.ofDays(1));
		}
		assertThat(status("bad").lastStatus()).isEqualTo("PARKED");
		assertThat(this.events).contains(new FeedParked("bad", "https://bad.example/feed", 3, "HTTP 410"));
		this.poller.pollDueFeeds();
		assertThat(this.fetcher.requests).hasSize(3);

		define(feed("bad", "https://bad.example/feed", false));
		this.fetcher.feed("https://bad.example/feed", rss(item("a", "First", 1)));
		this.poller.pollDueFeeds();
		assertThat(this.fetcher.requests).hasSize(4);
		assertThat(status("bad").consecutiveFailures()).isZero();
	}

	@Test
	void retryAfterFromTheServerIsHonoured() {
		define(feed("busy", "https://busy.example/feed", false));
		this.fetcher.fail("https://busy.example/feed", new FetchException("HTTP 429", Duration.ofHours(2), null));
		this.poller.pollDueFeeds();
		assertThat(status("busy").nextPollAt()).isEqualTo(this.clock.instant().plus(Duration.ofHours(2)));
	}

	@Test
	void unparsableFeedIsRecordedAsFailure() {
		define(feed("junk", "https://junk.example/feed", false));
		this.fetcher.feed("https://junk.example/feed", "this is not a feed");
		this.poller.pollDueFeeds();
		assertThat(status("junk").consecutiveFailures()).isEqualTo(1);
		assertThat(status("junk").lastStatus()).isEqualTo("ERROR");
	}

	@Test
	void publisherChangingGuidsButKeepingLinksCausesNoRepeats() {
		define(feed("news", "https://news.example/feed", false));
		this.fetcher.feed("https://news.example/feed", rss(item("guid-1", "First", 1)));
		this.poller.pollDueFeeds();
		this.clock.advance(Duration.ofMinutes(10));
		this.fetcher.feed("https://news.example/feed", rss(item("guid-2", "First", 1)));
		this.poller.pollDueFeeds();
		assertThat(this.entries.count()).isEqualTo(1);
	}

	@Test
	void fullTextIsFetchedForNewEntriesAndAFailingPageFallsBackToTheFeedText() {
		define(feed("news", "https://news.example/feed", true));
		this.fetcher.feed("https://news.example/feed", rss());
		this.poller.pollDueFeeds();
		this.clock.advance(Duration.ofMinutes(10));
		this.fetcher.feed("https://news.example/feed", rss(item("b", "Second", 2), item("a", "First", 1)));
		this.fetcher.page("https://news.example/first", "<html><body><article><p>"
				+ "The ministers agreed on a new framework for critical minerals supply chains in a long meeting. ".repeat(3)
				+ "</p></article></body></html>");
		this.fetcher.fail("https://news.example/second", new FetchException("HTTP 404"));
		this.poller.pollDueFeeds();
		List<PendingEntry> pending = this.entries.pending(0, 10);
		assertThat(pending.get(0).text()).contains("critical minerals supply chains");
		assertThat(pending.get(1).text()).isEmpty();
		assertThat(pending.get(1).body()).isEqualTo("Description of Second");
	}

	@Test
	void newEntriesOverTheCapAreTakenByTheNextPollsOldestFirstNeitherLostNorMarkedSeen() {
		this.properties = properties(2, Duration.ofMinutes(2));
		this.poller = poller(new SyncTaskExecutor(), new TaskExecutorAdapter(Runnable::run));
		define(feed("news", "https://news.example/feed", false));
		this.fetcher.feed("https://news.example/feed", rss(item("a", "First", 1)));
		this.poller.pollDueFeeds();
		this.clock.advance(Duration.ofMinutes(10));
		this.fetcher.etag = "\"v2\"";
		this.fetcher.feed("https://news.example/feed", rss(item("f", "Sixth", 6), item("e", "Fifth", 5),
				item("d", "Fourth", 4), item("c", "Third", 3), item("b", "Second", 2), item("a", "First", 1)));
		this.poller.pollDueFeeds();
		assertThat(this.entries.pending(0, 10)).extracting(PendingEntry::title).containsExactly("Second", "Third");
		assertThat(this.events).contains(new FeedsPolled(1, 2));

		this.clock.advance(Duration.ofMinutes(10));
		this.poller.pollDueFeeds();
		assertThat(this.fetcher.lastFeedRequest().etag()).as("validators of before the backlog, so the feed is read again")
			.isEqualTo("\"v1\"");
		assertThat(this.entries.pending(0, 10)).extracting(PendingEntry::title)
			.containsExactly("Second", "Third", "Fourth", "Fifth");

		this.clock.advance(Duration.ofMinutes(10));
		this.poller.pollDueFeeds();
		this.clock.advance(Duration.ofMinutes(10));
		this.fetcher.notModified = true;
		this.poller.pollDueFeeds();
		assertThat(this.fetcher.lastFeedRequest().etag()).as("all taken: the new validators are kept").isEqualTo("\"v2\"");
		assertThat(this.entries.pending(0, 10)).extracting(PendingEntry::title)
			.containsExactly("Second", "Third", "Fourth", "Fifth", "Sixth");
		assertThat(this.entries.count()).isEqualTo(6);
	}

	@Test
	void aSlowFeedDoesNotHoldUpTheOthersAndIsNotStartedTwice() throws Exception {
		this.poller = poller(threads(2), new TaskExecutorAdapter(Runnable::run));
		define(feed("slow", "https://slow.example/feed", false), feed("fast", "https://fast.example/feed", false));
		this.fetcher.feed("https://slow.example/feed", rss(item("s", "Slow", 1)));
		this.fetcher.feed("https://fast.example/feed", rss(item("f", "Fast", 1)));
		this.fetcher.hold("https://slow.example/feed");
		assertThat(this.poller.pollDueFeeds()).isEqualTo(2);
		await().atMost(Duration.ofSeconds(10)).until(() -> status("fast").lastSuccessAt() != null);
		assertThat(this.poller.polling()).containsExactly("slow");

		this.clock.advance(Duration.ofMinutes(10));
		assertThat(this.poller.pollDueFeeds()).as("only the fast feed starts again").isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.fetcher.requestsFor("https://fast.example/feed") == 2);
		assertThat(this.fetcher.requestsFor("https://slow.example/feed")).isEqualTo(1);

		this.fetcher.open();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.poller.polling().isEmpty());
		assertThat(status("slow").lastSuccessAt()).isNotNull();
	}

	@Test
	void pagesStillLoadingWhenTheFeedBudgetIsSpentAreTakenNextPoll() throws Exception {
		this.properties = properties(50, Duration.ofMillis(300));
		this.poller = poller(new SyncTaskExecutor(), threads(4));
		define(feed("news", "https://news.example/feed", true));
		this.fetcher.feed("https://news.example/feed", rss());
		this.poller.pollDueFeeds();
		this.clock.advance(Duration.ofMinutes(10));
		this.fetcher.feed("https://news.example/feed", rss(item("b", "Second", 2), item("a", "First", 1)));
		this.fetcher.page("https://news.example/first", "<html><body><p>First page.</p></body></html>");
		this.fetcher.page("https://news.example/second", "<html><body><p>Second page.</p></body></html>");
		this.fetcher.hold("https://news.example/second");
		this.poller.pollDueFeeds();
		assertThat(this.entries.pending(0, 10)).extracting(PendingEntry::title).containsExactly("First");

		this.fetcher.open();
		this.clock.advance(Duration.ofMinutes(10));
		this.poller.pollDueFeeds();
		assertThat(this.entries.pending(0, 10)).extracting(PendingEntry::title).containsExactly("First", "Second");
	}

	@Test
	void backoffDoublesUpToTheCap() {
		Duration max = Duration.ofHours(24);
		assertThat(FeedPollWorker.backoff(Duration.ofMinutes(10), 1, max)).isEqualTo(Duration.ofMinutes(10));
		assertThat(FeedPollWorker.backoff(Duration.ofMinutes(10), 4, max)).isEqualTo(Duration.ofMinutes(80));
		assertThat(FeedPollWorker.backoff(Duration.ofMinutes(10), 40, max)).isEqualTo(max);
	}

	private void define(FeedDefinition... definitions) {
		this.feeds.sync(List.of(definitions));
	}

	private static FeedDefinition feed(String id, String url, boolean fullText) {
		return new FeedDefinition(id, id, URI.create(url), Duration.ofMinutes(10), fullText);
	}

	private FeedPollStatus status(String id) {
		return new FeedPollStatusView(this.feeds).feeds().stream().filter((feed) -> feed.id().equals(id)).findFirst().orElseThrow();
	}

	private static Item item(String guid, String title, int day) {
		return new Item(guid, title, "https://news.example/" + title.toLowerCase() + "?utm_source=rss",
				"Description of " + title, Instant.parse("2026-11-0" + day + "T10:00:00Z"));
	}

	private static String rss(Item... items) {
		return FakeFeedServer.rss("News", items);
	}

	private static final class ScriptedFetcher implements Fetcher {

		final List<FetchRequest> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

		final Map<String, Object> answers = new java.util.concurrent.ConcurrentHashMap<>();

		final Map<String, CountDownLatch> held = new java.util.concurrent.ConcurrentHashMap<>();

		volatile boolean notModified;

		volatile String etag = "\"v1\"";

		void feed(String url, String xml) {
			this.answers.put(url, xml);
		}

		void page(String url, String html) {
			this.answers.put(url, html);
		}

		void fail(String url, FetchException failure) {
			this.answers.put(url, failure);
		}

		/** Answers for this address wait until {@link #open()}. */
		void hold(String url) {
			this.held.put(url, new CountDownLatch(1));
		}

		void open() {
			this.held.values().forEach(CountDownLatch::countDown);
		}

		int requestsFor(String url) {
			return (int) this.requests.stream().filter((request) -> request.uri().toString().equals(url)).count();
		}

		FetchRequest lastFeedRequest() {
			List<FetchRequest> feeds = this.requests.stream().filter((request) -> request.kind() == FetchRequest.Kind.FEED).toList();
			return feeds.get(feeds.size() - 1);
		}

		@Override
		public FetchResponse fetch(FetchRequest request) throws FetchException {
			this.requests.add(request);
			CountDownLatch gate = this.held.get(request.uri().toString());
			if (gate != null) {
				try {
					gate.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new FetchException("interrupted");
				}
			}
			Object answer = this.answers.get(request.uri().toString());
			if (answer instanceof FetchException failure) {
				throw failure;
			}
			if (answer == null) {
				throw new FetchException("HTTP 404");
			}
			if (this.notModified && request.kind() == FetchRequest.Kind.FEED) {
				return new FetchResponse(304, request.uri(), new byte[0], null, request.etag(), null);
			}
			String type = (request.kind() == FetchRequest.Kind.FEED) ? "application/rss+xml" : "text/html; charset=utf-8";
			return new FetchResponse(200, request.uri(), ((String) answer).getBytes(StandardCharsets.UTF_8), type, this.etag,
					null);
		}

	}

}
