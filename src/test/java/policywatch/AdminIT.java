package policywatch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import policywatch.source.FeedCatalog;
import policywatch.source.FeedDefinition;
import policywatch.testing.FakeFeedServer;
import policywatch.testing.FakeTelegramApi.SentMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The admin's side against the running application: config files edited while it runs, admin
 * commands, notifications, health and metrics.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminIT {

	private static final long ADMIN = 42;

	private static final long USER = 1001;

	private static final long TEAM = -1001234567890L;

	@TempDir
	Path dir;

	private AppHarness harness;

	@AfterEach
	void tearDown() {
		if (this.harness != null) {
			this.harness.close();
		}
	}

	@Test
	void configEditsWhileRunningAreAppliedOrRejectedWhole() throws Exception {
		AppHarness h = this.harness = new AppHarness(this.dir, "--policywatch.telegram.admin-ids=" + ADMIN,
				"--policywatch.source.watch-interval=200ms");
		Path config = this.dir.resolve("config");
		String feedsYml = Files.readString(config.resolve("feeds.yml"));
		Files.writeString(config.resolve("subscriptions.yml"), """
				subscriptions:
				  - chat: %d
				    query: BRICS
				    feeds: [news]
				""".formatted(TEAM));
		Files.writeString(config.resolve("settings.yml"), """
				policywatch:
				  subscription:
				    max-per-chat: 1
				  ingest:
				    default-interval: 1s
				""");
		h.publish(h.item("old", "Old news", "Nothing.", 0));
		h.start();

		// settings.yml applies: one subscription per chat for subscribers
		assertThat(ask(USER, "/subscribe tariffs")).startsWith("Subscribed");
		assertThat(ask(USER, "/subscribe quotas")).contains("already has 1 subscriptions, the most allowed");

		// the admin-defined subscription delivers to the team chat and cannot be removed there
		h.awaitPrimed("news");
		h.putArticle("/a/1", "BRICS summit", "BRICS leaders met.");
		h.publish(h.item("old", "Old news", "Nothing.", 0), h.item("n1", "BRICS summit", "Leaders met.", 1, "/a/1"));
		h.awaitAlerts(TEAM, 1);
		h.telegram.sendText(TEAM, USER, "/list");
		assertThat(awaitMessage(TEAM, (text) -> text.startsWith("Your subscriptions")).text())
			.contains("BRICS</code> (set by the admin)");

		// a valid edit: a feed without interval is added (default-interval from settings.yml), one removed
		h.feeds.put("/extra.xml", "application/rss+xml", FakeFeedServer.rss("Extra"));
		Files.writeString(config.resolve("feeds.yml"), """
				# edited while running
				feeds:
				  - id: news
				    name: Policy News
				    url: %s
				    interval: 1s
				  - id: extra
				    url: %s
				""".formatted(h.feeds.url("/news.xml"), h.feeds.url("/extra.xml")));
		assertThat(awaitMessage(ADMIN, (text) -> text.contains("Config reloaded")).text())
			.contains("2 feeds (added: extra; removed: broken)");
		await().atMost(AppHarness.WAIT).until(() -> h.feeds.requestCount("/extra.xml") >= 2);
		assertThat(h.feedStatus("broken").enabled()).isFalse();
		int brokenPolls = h.feeds.requestCount("/broken.xml");
		assertThat(h.bean(FeedCatalog.class).feeds()).extracting(FeedDefinition::interval)
			.containsOnly(Duration.ofSeconds(1));

		// an invalid edit of both files is rejected whole; the admin gets every problem
		Files.writeString(config.resolve("subscriptions.yml"), """
				subscriptions:
				  - chat: %d
				    query: '"supply chain'
				""".formatted(TEAM));
		Files.writeString(config.resolve("feeds.yml"), feedsYml.replace("interval: 1s", "interval: 10x"));
		String rejected = awaitMessage(ADMIN, (text) -> text.contains("Config change rejected")).text();
		assertThat(rejected).contains("feeds.yml:5: feeds[0].interval: '10x' is not a duration")
			.contains("feeds.yml:9: feeds[1].interval: '10x' is not a duration")
			.contains("subscriptions.yml:3: subscriptions[0].query");
		assertThat(h.bean(FeedCatalog.class).feeds()).extracting(FeedDefinition::id).containsExactly("news", "extra");
		assertThat(ask(ADMIN, "/reload")).startsWith("<pre>Not reloaded: 3 problems; the previous configuration stays active.");
		assertThat(ask(USER, "/reload")).isEqualTo("Sorry, /reload is only for the bot's admins.");
		int extraPolls = h.feeds.requestCount("/extra.xml");
		await().atMost(AppHarness.WAIT).until(() -> h.feeds.requestCount("/extra.xml") > extraPolls + 1);
		assertThat(h.feeds.requestCount("/broken.xml")).as("a removed feed is not polled").isEqualTo(brokenPolls);

		// a deleted feeds.yml keeps the previous config
		Files.writeString(config.resolve("subscriptions.yml"), "subscriptions: []\n");
		Files.delete(config.resolve("feeds.yml"));
		assertThat(awaitMessage(ADMIN, (text) -> text.contains("file deleted")).text())
			.contains("the previous configuration (2 feeds) stays active");
		int newsPolls = h.feeds.requestCount("/news.xml");
		await().atMost(AppHarness.WAIT).until(() -> h.feeds.requestCount("/news.xml") > newsPolls + 1);

		// restoring the first file brings back the removed feed; the admin subscription is gone
		Files.writeString(config.resolve("feeds.yml"), feedsYml);
		assertThat(awaitMessage(ADMIN, (text) -> text.contains("Config reloaded") && text.contains("added: broken")).text())
			.contains("removed: extra").contains("0 admin-defined subscriptions (1 removed)");
		await().atMost(AppHarness.WAIT).until(() -> h.feeds.requestCount("/broken.xml") > brokenPolls);
		h.telegram.sendText(TEAM, USER, "/list");
		assertThat(awaitMessage(TEAM, (text) -> text.startsWith("No subscriptions")).text()).isNotEmpty();

		// settings.yml changes are checked and wait for a restart
		Files.writeString(config.resolve("settings.yml"), "policywatch:\n  subscription:\n    max-per-chatt: 5\n");
		assertThat(awaitMessage(ADMIN, (text) -> text.contains("settings.yml has problems")).text())
			.contains("settings.yml:3: policywatch.subscription.max-per-chatt: unknown setting; did you mean "
					+ "'policywatch.subscription.max-per-chat'?");

		// only health is open by default, without details
		assertThat(get("/actuator/health")).startsWith("200 ").contains("\"status\":\"UP\"").doesNotContain("components");
		assertThat(get("/actuator/prometheus")).startsWith("404");
	}

	@Test
	void adminCommandsNotificationsHealthAndMetrics() throws Exception {
		AppHarness h = this.harness = new AppHarness(this.dir, "--policywatch.telegram.admin-ids=" + ADMIN,
				"--policywatch.ingest.park-after=3", "--policywatch.ingest.max-backoff=1s",
				"--management.endpoints.web.exposure.include=health,prometheus",
				"--management.endpoint.health.show-details=always");
		h.publish(h.item("1", "BRICS bank lends", "The BRICS bank approved loans.", 0),
				h.item("2", "Ports reopen", "Dock workers returned.", 1));
		h.start();
		h.awaitPrimed("news");

		// a feed that keeps failing is parked and the admin is told
		String parked = awaitMessage(ADMIN, (text) -> text.contains("Feed parked")).text();
		assertThat(parked).contains("<code>broken</code> failed 3 times in a row").contains(h.feeds.url("/broken.xml"));

		for (String command : List.of("/stats", "/feeds", "/reload", "/testfeed " + h.feeds.url("/news.xml"))) {
			assertThat(ask(USER, command)).as(command).startsWith("Sorry, /").endsWith(" is only for the bot's admins.");
		}
		assertThat(ask(ADMIN, "/stats")).contains("Feeds: 2 enabled: 1 healthy, 1 failing (1 parked)")
			.contains("Alerts sent: 0 (today: 0)")
			.contains("Outbox backlog: 0");
		assertThat(ask(ADMIN, "/feeds")).contains("PARKED  broken (Broken Feed)")
			.contains("parked: not polled until the next reload (/reload)")
			.contains("OK  news (Policy News)");

		// /reload tries parked feeds again
		int brokenPolls = h.feeds.requestCount("/broken.xml");
		assertThat(ask(ADMIN, "/reload")).startsWith("<pre>Reloaded: 2 feeds, 0 admin-defined subscriptions.");
		await().atMost(AppHarness.WAIT).until(() -> h.feeds.requestCount("/broken.xml") > brokenPolls);

		// /testfeed answers at once, then sends the entries and matches
		assertThat(ask(ADMIN, "/testfeed " + h.feeds.url("/news.xml") + " BRICS")).startsWith("Testing ");
		String tested = awaitMessage(ADMIN, (text) -> text.startsWith("<b>Test of</b>")).text();
		assertThat(tested).contains("Feed: Policy News, 2 entries").contains("matches 1 of them")
			.contains("BRICS bank lends").doesNotContain("Ports reopen");
		assertThat(h.bean(policywatch.subscription.Subscriptions.class).count()).as("nobody subscribed").isZero();

		// the admin's menu has the admin commands
		assertThat(h.telegram.myCommandsCalls()).anySatisfy((call) -> assertThat(call.scopeJson()).contains("42")
			.satisfies((scope) -> assertThat(call.commands()).containsKeys("stats", "feeds", "reload", "testfeed")));

		// health: database, Telegram and feeds; metrics with the outbox gauge
		String health = get("/actuator/health");
		assertThat(health).startsWith("200 ");
		JsonNode components = new ObjectMapper().readTree(health.substring(4)).path("components");
		assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
		assertThat(components.path("telegram").path("status").asText()).isEqualTo("UP");
		assertThat(components.path("telegram").path("details").path("bot").asText()).isEqualTo("@policywatch_test_bot");
		assertThat(components.path("feeds").path("status").asText()).isEqualTo("UP");
		assertThat(components.path("feeds").path("details").path("failing").asInt()).isEqualTo(1);
		assertThat(get("/actuator/prometheus")).startsWith("200 ")
			.containsPattern("policywatch_outbox_backlog\\{[^}]*application=\"policywatch\"")
			.containsPattern("policywatch_polls_total\\{[^}]*feed=\"broken\"[^}]*outcome=\"error\"")
			.containsPattern("policywatch_polls_total\\{[^}]*feed=\"news\"[^}]*outcome=\"(ok|not-modified)\"")
			.contains("policywatch_fetch_latency_seconds_count");
	}

	@Test
	void startUpWithABadSubscriptionsFileFailsWithEveryProblem(CapturedOutput output) throws IOException {
		AppHarness h = this.harness = new AppHarness(this.dir);
		Files.writeString(this.dir.resolve("config/subscriptions.yml"), """
				subscriptions:
				  - chat: -100
				    query: BRICS
				    feeds: [newz]
				""");

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(h::start);
		assertThat(output).contains("APPLICATION FAILED TO START", "config/subscriptions.yml:4: "
				+ "subscriptions[0].feeds[0]: unknown feed id 'newz' (not in feeds.yml); did you mean 'news'?");
	}

	private String ask(long user, String text) {
		int before = messagesTo(user).size();
		this.harness.telegram.sendText(user, text);
		return awaitMessage(user, before, (message) -> !isNotification(message)).text();
	}

	private SentMessage awaitMessage(long chat, Predicate<String> predicate) {
		return awaitMessage(chat, 0, predicate);
	}

	private SentMessage awaitMessage(long chat, int skip, Predicate<String> predicate) {
		await().atMost(AppHarness.WAIT)
			.until(() -> messagesTo(chat).stream().skip(skip).anyMatch((message) -> predicate.test(message.text())));
		return messagesTo(chat).stream()
			.skip(skip)
			.filter((message) -> predicate.test(message.text()))
			.findFirst()
			.orElseThrow();
	}

	private List<SentMessage> messagesTo(long chat) {
		return this.harness.telegram.sentMessages()
			.stream()
			.filter((message) -> message.chatId() == chat)
			.toList();
	}

	/**
	 * Admin notifications (and /testfeed results) arrive in the admin's chat at any time; replies
	 * to commands are told apart from them here.
	 */
	private static boolean isNotification(String text) {
		return text.startsWith("⚠️") || text.startsWith("✅") || text.startsWith("ℹ️") || text.startsWith("⛔")
				|| text.startsWith("<b>Test of</b>");
	}

	private String get(String path) throws IOException, InterruptedException {
		String port = this.harness.app.getEnvironment().getProperty("local.server.port");
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		return response.statusCode() + " " + response.body();
	}

}
