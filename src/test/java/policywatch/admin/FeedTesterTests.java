package policywatch.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.unit.DataSize;

import policywatch.delivery.AlertSender;
import policywatch.delivery.SendResult;
import policywatch.ingest.FeedTrials;
import policywatch.ingest.fetch.FetchProperties;
import policywatch.ingest.fetch.Fetcher;
import policywatch.ingest.fetch.HttpFetcher;
import policywatch.testing.FakeFeedServer;
import policywatch.testing.FakeFeedServer.Item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * /testfeed against a local feed server, through the application's fetcher and the feed checker.
 */
class FeedTesterTests {

	private final FakeFeedServer server = new FakeFeedServer().start();

	private final List<String> sent = new CopyOnWriteArrayList<>();

	private final AlertSender sender = new AlertSender() {

		@Override
		public SendResult sendHtml(long chatId, String html) {
			FeedTesterTests.this.sent.add(chatId + ": " + html);
			return new SendResult.Sent(1);
		}

		@Override
		public SendResult sendPlain(long chatId, String text) {
			throw new UnsupportedOperationException();
		}

	};

	private final ThreadPoolTaskExecutor executor = FeedTesterConfiguration.executor(new ThreadPoolTaskExecutorBuilder());

	private final FeedTester tester = tester(new FetchProperties(true));

	private FeedTester tester(FetchProperties properties) {
		return tester(new HttpFetcher(properties));
	}

	private FeedTester tester(Fetcher fetcher) {
		this.executor.initialize();
		return new FeedTester(this.sender, new FeedTrials(fetcher), this.executor, policywatch.testing.TestMessages.create());
	}

	@AfterEach
	void tearDown() {
		this.executor.shutdown();
		this.server.close();
	}

	@Test
	void showsTheEntriesAndWhatTheQueryMatches() {
		Instant at = Instant.parse("2026-11-20T08:00:00Z");
		this.server.put("/feed.xml", "application/rss+xml", FakeFeedServer.rss("Trade <News>",
				new Item("3", "BRICS & partners meet", "https://example.org/3", "Leaders met.", at.plusSeconds(120)),
				new Item("2", "Bricks factory opens", "https://example.org/2", "Bricks.", at.plusSeconds(60)),
				new Item("1", "Ports reopen", "https://example.org/1", "The BRICS bank lent money.", at)));
		String url = this.server.url("/feed.xml");

		assertThat(this.tester.test(url, "BRICS")).isEqualTo("<b>Test of</b> " + url + "\n"
				+ "Feed: Trade &lt;News&gt;, 3 entries\n"
				+ "Query <code>BRICS</code> matches 2 of them (title and feed text; the service also reads each article's full text).\n\n"
				+ "Matching entries:\n"
				+ "• <b>BRICS &amp; partners meet</b> · 2026-11-20T08:02:00Z\n  https://example.org/3\n"
				+ "• <b>Ports reopen</b> · 2026-11-20T08:00:00Z\n  https://example.org/1");
		assertThat(this.tester.test(url, "")).contains("3 entries\n\nLatest entries:\n")
			.contains("Bricks factory opens");
		assertThat(this.tester.test(url, "tariffs")).contains("matches 0 of them")
			.contains("Latest entries:\n• <b>BRICS &amp; partners meet</b>");
	}

	@Test
	void unreadableFeedsGiveTheReason() {
		this.server.putStatus("/missing.xml", 404);
		this.server.put("/page.html", "text/html", "<html><body>Not a feed</body></html>");

		assertThat(this.tester.test(this.server.url("/missing.xml"), "")).contains("❌ Unable to read the feed: ")
			.contains("404");
		assertThat(this.tester.test(this.server.url("/page.html"), "")).contains("❌ Unable to read the feed: ");
		// the address guard refuses before any request (the random port may itself contain "404")
		String guarded = tester(new FetchProperties(false)).test(this.server.url("/missing.xml"), "");
		assertThat(guarded.replace(String.valueOf(java.net.URI.create(this.server.url("/")).getPort()), "<port>"))
			.as("the address guard applies").contains("❌ Unable to read the feed: ").doesNotContain("404");
	}

	@Test
	void answersAtOnceAndSendsTheResultToTheChat() {
		this.server.put("/feed.xml", "application/rss+xml",
				FakeFeedServer.rss("News", new Item("1", "Tariffs rise", "https://example.org/1", "Tariffs.", null)));
		String url = this.server.url("/feed.xml");

		assertThat(this.tester.start(42, url + "   tariff")).isEqualTo("Testing " + url
				+ " with the query tariff … the result follows.");

		await().until(() -> !this.sent.isEmpty());
		assertThat(this.sent).singleElement().asString().startsWith("42: <b>Test of</b>").contains("matches 1 of them");
	}

	@Test
	void theAdminReadsTheResultInTheirLanguage() {
		this.server.put("/feed.xml", "application/rss+xml",
				FakeFeedServer.rss("News", new Item("1", "Tariffs rise", "https://example.org/1", "Tariffs.", null)));
		String url = this.server.url("/feed.xml");

		assertThat(this.tester.start(42, url + " tariff", java.util.Locale.forLanguageTag("ru")))
			.isEqualTo("Проверяю " + url + " с запросом tariff … результат придёт следующим сообщением.");
		await().until(() -> !this.sent.isEmpty());
		assertThat(this.sent).singleElement().asString().startsWith("42: <b>Проверка</b>")
			.contains("Лента: News, записей: 1", "Запрос <code>tariff</code> находит из них: 1", "• <b>Tariffs rise</b>");
		assertThat(this.tester.start(42, "", java.util.Locale.CHINESE)).startsWith("用法：/testfeed <url> [查询]");
	}

	@Test
	void badArgumentsAreExplainedAndNothingIsFetched() {
		assertThat(this.tester.start(42, "")).startsWith("Usage: /testfeed <url> [query]");
		assertThat(this.tester.start(42, "/etc/passwd")).isEqualTo("Not tested: '/etc/passwd' is not an http or https URL.");
		assertThat(this.tester.start(42, "--json")).startsWith("Not tested:");
		assertThat(this.tester.start(42, "https://example.org/feed \"supply chain"))
			.startsWith("Not tested: the query does not parse: ");
		assertThat(this.sent).isEmpty();
	}

	@Test
	void theApplicationsFetchSettingsApply() {
		this.server.put("/feed.xml", "application/rss+xml", FakeFeedServer.rss("Big",
				new Item("1", "Tariffs rise", "https://example.org/1", "x".repeat(4_000), null)));
		String url = this.server.url("/feed.xml");
		FetchProperties properties = new FetchProperties(true).withMaxSizes(DataSize.ofKilobytes(1),
				DataSize.ofKilobytes(1));
		FetchProperties agent = new FetchProperties(true, Duration.ofSeconds(5), Duration.ofSeconds(10),
				DataSize.ofMegabytes(1), DataSize.ofMegabytes(1), 5, 2, 16, "PolicyWatch-test (+https://example.org/bot)");

		assertThat(tester(properties).test(url, "")).as("the feed size cap")
			.contains("❌ Unable to read the feed: ");
		assertThat(tester(agent).test(url, "")).contains("1 entry");
		assertThat(this.server.lastRequestHeader("/feed.xml", "User-Agent"))
			.isEqualTo("PolicyWatch-test (+https://example.org/bot)");
	}

	@Test
	void atMostABoundedNumberOfTestsRunOrWaitAndTheRestAreTurnedAway() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(FeedTesterConfiguration.CONCURRENT);
		FeedTester blocked = tester((request) -> {
			started.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			throw new policywatch.ingest.fetch.FetchException("unreachable");
		});
		int accepted = FeedTesterConfiguration.CONCURRENT + FeedTesterConfiguration.WAITING;
		for (int i = 0; i < accepted; i++) {
			assertThat(blocked.start(42, "https://example.org/feed-" + i)).startsWith("Testing ");
		}
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

		assertThat(blocked.start(42, "https://example.org/one-too-many"))
			.isEqualTo("Busy testing other feeds; try again in a minute.");

		release.countDown();
		await().until(() -> this.sent.size() == accepted);
		assertThat(this.sent).allSatisfy((message) -> assertThat(message).contains("❌ Unable to read the feed: unreachable"));
	}

}
