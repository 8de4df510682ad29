package policywatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import policywatch.delivery.DeliveryStats;
import policywatch.ingest.EntryStore;
import policywatch.ingest.FeedHealth;
import policywatch.ingest.FeedStatus;
import policywatch.testing.FakeFeedServer;
import policywatch.testing.FakeFeedServer.Item;
import policywatch.testing.FakeTelegramApi;
import policywatch.testing.FakeTelegramApi.SentMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline with real parts: a local feed and article server, the application on an
 * embedded H2 file database, and a fake Bot API that the real TelegramBots client talks to.
 */
class PipelineEndToEndTests {

	private static final long USER = 1001;

	private static final long ADMIN = 42;

	private static final Duration WAIT = Duration.ofSeconds(30);

	@TempDir
	Path dir;

	private FakeFeedServer feeds;

	private FakeTelegramApi telegram;

	private ConfigurableApplicationContext app;

	private final Instant base = Instant.parse("2026-11-20T08:00:00Z");

	@BeforeEach
	void startServers() throws Exception {
		this.feeds = new FakeFeedServer().start();
		this.telegram = new FakeTelegramApi().start();
		this.feeds.putStatus("/broken.xml", 500);
		Files.createDirectories(this.dir.resolve("config"));
		Files.writeString(this.dir.resolve("config/feeds.yml"), """
				feeds:
				  - id: news
				    name: Policy News
				    url: %s
				    interval: 1s
				  - id: broken
				    name: Broken Feed
				    url: %s
				    interval: 1s
				""".formatted(this.feeds.url("/news.xml"), this.feeds.url("/broken.xml")));
	}

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
		this.telegram.close();
		this.feeds.close();
	}

	@Test
	void subscriberReceivesMatchingAlertsExactlyOnceAcrossRestarts() {
		publish(item("old-1", "BRICS summit announced", "BRICS leaders will meet.", 0));
		this.app = startApp();

		assertThat(ask(USER, "/start")).contains("Welcome").contains("/subscribe");
		String subscribed = ask(USER, "/subscribe BRICS");
		assertThat(subscribed).startsWith("Subscribed").contains("BRICS");
		long bricsId = Long.parseLong(firstGroup("#(\\d+)", subscribed));
		assertThat(ask(USER, "/subscribe supply chain")).startsWith("Subscribed").contains("supply chain");
		assertThat(ask(USER, "/list")).contains("Your subscriptions")
			.contains("#" + bricsId)
			.contains("BRICS")
			.contains("supply chain");
		awaitPrimed("news");

		putArticle("/a/brics", "BRICS leaders agree on payments",
				"The leaders of the BRICS countries agreed on Tuesday to build a shared payments system.",
				"Officials said the plan would take several years.");
		putArticle("/a/bricks", "Bricks factory opens", "A new factory will make two million bricks a year.",
				"Builders welcomed the news.");
		putArticle("/a/ports", "Ports reopen after strike",
				"Shipping lines warned that global supply chains would need weeks to recover.",
				"The strike lasted nine days.");
		putArticle("/a/escape", "Escaping", "BRICS ministers met in the capital.");
		publish(item("old-1", "BRICS summit announced", "BRICS leaders will meet.", 0),
				item("n-1", "BRICS leaders agree on payments", "Leaders met.", 1, "/a/brics"),
				item("n-2", "Bricks factory opens", "A factory story.", 2, "/a/bricks"),
				item("n-3", "Ports reopen after strike", "Dock workers returned.", 3, "/a/ports"),
				item("n-4", "BRICS & partners <update> > expected", "Ministers met.", 4, "/a/escape"));

		List<SentMessage> alerts = awaitAlerts(3);
		assertThat(alerts).extracting(SentMessage::text)
			.noneMatch((text) -> text.contains("BRICS summit announced"))
			.noneMatch((text) -> text.contains("Bricks factory"));
		SentMessage brics = alertContaining("BRICS leaders agree on payments");
		assertThat(brics.parseMode()).isEqualToIgnoringCase("HTML");
		assertThat(brics.text()).contains("<b>BRICS leaders agree on payments</b>")
			.contains("Policy News")
			.contains(this.feeds.url("/a/brics"))
			.contains("shared payments system");
		assertThat(alertContaining("Ports reopen").text()).contains("supply chain");
		assertThat(alertContaining("partners").text()).contains("BRICS &amp; partners &lt;update&gt; &gt; expected");
		assertThat(entriesSeen()).as("the first poll recorded old entries without alerting").isGreaterThan(0);
		assertThat(feedStatus("broken").consecutiveFailures()).isGreaterThan(0);
		assertThat(feedStatus("news").consecutiveFailures()).isZero();

		// A 429 is waited out and the alert is delivered once.
		this.telegram.failNextSends(1, 429, "Too Many Requests: retry after 1", 1, null);
		putArticle("/a/brics2", "BRICS bank expands", "The BRICS bank approved new loans.");
		publish(item("n-5", "BRICS bank expands", "Loans approved.", 5, "/a/brics2"));
		awaitAlerts(4);
		awaitQuiet();
		assertThat(alertsContaining("BRICS bank expands")).hasSize(1);

		// A restart sends nothing again and keeps delivering new entries.
		this.app.close();
		int before = alerts().size();
		this.app = startApp();
		putArticle("/a/brics3", "BRICS expansion talks", "Talks on BRICS expansion continue.");
		publish(item("n-6", "BRICS expansion talks", "Talks continue.", 6, "/a/brics3"));
		awaitAlerts(before + 1);
		awaitQuiet();
		assertThat(alerts()).hasSize(before + 1);
		assertThat(alertsContaining("BRICS leaders agree on payments")).hasSize(1);

		// Unsubscribing stops the alerts.
		assertThat(ask(USER, "/unsubscribe " + bricsId)).startsWith("Unsubscribed").contains("BRICS");
		putArticle("/a/brics4", "BRICS trade ministers meet", "BRICS trade ministers met today.");
		publish(item("n-7", "BRICS trade ministers meet", "Ministers met.", 7, "/a/brics4"));
		awaitQuiet();
		assertThat(alertsContaining("BRICS trade ministers meet")).isEmpty();

		// /stats is for the admin only.
		assertThat(ask(USER, "/stats")).contains("only for the bot's admins").doesNotContain("Subscriptions:");
		String stats = ask(ADMIN, "/stats");
		assertThat(stats).contains("news").contains("broken").contains("FAILING").contains("Alerts sent: 5");
		assertThat(this.telegram.myCommandsCalls()).isNotEmpty();
	}

	private ConfigurableApplicationContext startApp() {
		return new SpringApplicationBuilder(PolicyWatchApplication.class).run("--server.port=0",
				"--policywatch.config-dir=" + this.dir.resolve("config"), "--policywatch.data-dir=" + this.dir.resolve("data"),
				"--policywatch.telegram.token=" + this.telegram.token(), "--policywatch.telegram.api-url=" + this.telegram.url(),
				"--policywatch.telegram.admin-ids=" + ADMIN, "--policywatch.fetch.allow-private-networks=true",
				"--policywatch.ingest.tick=200ms", "--policywatch.delivery.idle-wait=100ms",
				"--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000");
	}

	private Item item(String guid, String title, String description, int minutes, String... path) {
		String link = (path.length > 0) ? this.feeds.url(path[0]) : null;
		return new Item(guid, title, link, description, this.base.plus(Duration.ofMinutes(minutes)));
	}

	private void publish(Item... items) {
		List<Item> newestFirst = new java.util.ArrayList<>(List.of(items));
		java.util.Collections.reverse(newestFirst);
		this.feeds.put("/news.xml", "application/rss+xml; charset=utf-8",
				FakeFeedServer.rss("Policy News", newestFirst.toArray(Item[]::new)));
	}

	private void putArticle(String path, String title, String... paragraphs) {
		this.feeds.put(path, "text/html; charset=utf-8", FakeFeedServer.article(title, paragraphs));
	}

	/**
	 * Sends a message from a user in their private chat and returns the bot's reply.
	 */
	private String ask(long user, String text) {
		long before = replies(user).count();
		this.telegram.sendText(user, text);
		await().atMost(WAIT).until(() -> replies(user).count() > before);
		return replies(user).skip(before).findFirst().orElseThrow().text();
	}

	private java.util.stream.Stream<SentMessage> replies(long chat) {
		return this.telegram.sentMessages()
			.stream()
			.filter((message) -> message.chatId() == chat && !message.text().contains("Matched:"));
	}

	private List<SentMessage> alerts() {
		return this.telegram.sentMessages()
			.stream()
			.filter((message) -> message.chatId() == USER && message.text().contains("Matched:"))
			.toList();
	}

	private List<SentMessage> alertsContaining(String text) {
		return alerts().stream().filter((message) -> message.text().contains(text)).toList();
	}

	private SentMessage alertContaining(String text) {
		List<SentMessage> found = alertsContaining(text);
		assertThat(found).as("alerts containing %s", text).hasSize(1);
		return found.get(0);
	}

	private List<SentMessage> awaitAlerts(int count) {
		await().atMost(WAIT).until(() -> alerts().size() >= count);
		return alerts();
	}

	private void awaitPrimed(String feed) {
		await().atMost(WAIT).until(() -> feedStatus(feed).lastSuccessAt() != null);
	}

	/**
	 * Waits until the feed was polled twice more, nothing waits to be matched and the outbox is empty.
	 */
	private void awaitQuiet() {
		int polls = this.feeds.requestCount("/news.xml");
		await().atMost(WAIT)
			.until(() -> this.feeds.requestCount("/news.xml") >= polls + 2
					&& this.app.getBean(EntryStore.class).pending(0, 1).isEmpty()
					&& this.app.getBean(DeliveryStats.class).pending() == 0);
	}

	private long entriesSeen() {
		return this.app.getBean(EntryStore.class).count();
	}

	private FeedStatus feedStatus(String id) {
		return this.app.getBean(FeedHealth.class)
			.feeds()
			.stream()
			.filter((feed) -> feed.id().equals(id))
			.findFirst()
			.orElseThrow();
	}

	private static String firstGroup(String regex, String text) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as("%s in %s", regex, text).isTrue();
		return matcher.group(1);
	}

}
