package policywatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import policywatch.delivery.DeliveryStats;
import policywatch.ingest.EntryStore;
import policywatch.ingest.FeedPollStatusView;
import policywatch.ingest.FeedPollStatus;
import policywatch.testing.FakeFeedServer;
import policywatch.testing.FakeFeedServer.Item;
import policywatch.testing.FakeTelegramApi;
import policywatch.testing.FakeTelegramApi.SentMessage;

import static org.awaitility.Awaitility.await;

/**
 * The application with real parts around it, for end-to-end tests: a local feed and article
 * server with one feed ({@code news}, at {@code /news.xml}) and one that always fails
 * ({@code broken}), a fake Bot API, and the application on an H2 file database in a folder.
 */
final class AppHarness implements AutoCloseable {

	static final Duration WAIT = Duration.ofSeconds(30);

	final FakeFeedServer feeds = new FakeFeedServer().start();

	final FakeTelegramApi telegram = new FakeTelegramApi().start();

	private final Path dir;

	private final Instant base = Instant.parse("2026-11-20T08:00:00Z");

	private final List<String> extraArgs = new ArrayList<>();

	ConfigurableApplicationContext app;

	AppHarness(Path dir, String... extraArgs) throws IOException {
		this.dir = dir;
		this.extraArgs.addAll(List.of(extraArgs));
		this.feeds.putStatus("/broken.xml", 500);
		Files.createDirectories(dir.resolve("config"));
		Files.writeString(dir.resolve("config/feeds.yml"), """
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

	AppHarness start() {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--policywatch.config-dir=" + this.dir.resolve("config"),
				"--policywatch.data-dir=" + this.dir.resolve("data"), "--policywatch.telegram.token=" + this.telegram.token(),
				"--policywatch.telegram.api-url=" + this.telegram.url(), "--policywatch.fetch.allow-private-networks=true",
				"--policywatch.ingest.tick=200ms", "--policywatch.delivery.idle-wait=100ms",
				// Telegram's pace in groups (20 a minute) would make every group conversation in a test
				// last minutes; tests of pacing set their own. Private chats keep one a second, which
				// also keeps a chat's alerts in the order they were planned.
				"--policywatch.delivery.group-per-minute=1200",
				// The same node name at every start: a restarted application takes its own sender
				// lease back at once instead of waiting lease-handover + lease-renew (about 8 s)
				// for the lease of its previous run (a new random name) to expire.
				"--policywatch.cluster.node-id=app-harness"));
		for (String extra : this.extraArgs) {
			String key = extra.substring(0, extra.indexOf('=') + 1);
			args.removeIf((arg) -> arg.startsWith(key));
			args.add(extra);
		}
		this.app = new SpringApplicationBuilder(PolicyWatchApplication.class).run(args.toArray(String[]::new));
		return this;
	}

	void stopApp() {
		if (this.app != null) {
			this.app.close();
			this.app = null;
		}
	}

	@Override
	public void close() {
		stopApp();
		this.telegram.close();
		this.feeds.close();
	}

	<T> T bean(Class<T> type) {
		return this.app.getBean(type);
	}

	Item item(String guid, String title, String description, int minutes, String... path) {
		String link = (path.length > 0) ? this.feeds.url(path[0]) : null;
		return new Item(guid, title, link, description, this.base.plus(Duration.ofMinutes(minutes)));
	}

	/**
	 * Serves the news feed with these items, newest first as feeds do.
	 */
	void publish(Item... items) {
		List<Item> newestFirst = new ArrayList<>(List.of(items));
		Collections.reverse(newestFirst);
		this.feeds.put("/news.xml", "application/rss+xml; charset=utf-8",
				FakeFeedServer.rss("Policy News", newestFirst.toArray(Item[]::new)));
	}

	void putArticle(String path, String title, String... paragraphs) {
		this.feeds.put(path, "text/html; charset=utf-8", FakeFeedServer.article(title, paragraphs));
	}

	/**
	 * Sends a message from a user in their private chat and returns the bot's reply.
	 */
	String ask(long user, String text) {
		long before = replies(user).count();
		this.telegram.sendText(user, text);
		await().atMost(WAIT).until(() -> replies(user).count() > before);
		return replies(user).skip(before).findFirst().orElseThrow().text();
	}

	private Stream<SentMessage> replies(long chat) {
		return this.telegram.sentMessages()
			.stream()
			.filter((message) -> message.chatId() == chat && !isAlert(message));
	}

	List<SentMessage> alerts(long chat) {
		return this.telegram.sentMessages()
			.stream()
			.filter((message) -> message.chatId() == chat && isAlert(message))
			.toList();
	}

	List<SentMessage> alertsContaining(long chat, String text) {
		return alerts(chat).stream().filter((message) -> message.text().contains(text)).toList();
	}

	List<SentMessage> awaitAlerts(long chat, int count) {
		await().atMost(WAIT).until(() -> alerts(chat).size() >= count);
		return alerts(chat);
	}

	private static boolean isAlert(SentMessage message) {
		return message.text().contains("Matched:");
	}

	void awaitPrimed(String feed) {
		await().atMost(WAIT).until(() -> feedStatus(feed).lastSuccessAt() != null);
	}

	/**
	 * Waits until the news feed was polled twice more, nothing waits to be matched and the outbox
	 * has nothing pending.
	 */
	void awaitQuiet() {
		int polls = this.feeds.requestCount("/news.xml");
		await().atMost(WAIT)
			.until(() -> this.feeds.requestCount("/news.xml") >= polls + 2 && bean(EntryStore.class).pending(0, 1).isEmpty()
					&& bean(DeliveryStats.class).pending() == 0);
	}

	FeedPollStatus feedStatus(String id) {
		return bean(FeedPollStatusView.class).feeds().stream().filter((feed) -> feed.id().equals(id)).findFirst().orElseThrow();
	}

}
