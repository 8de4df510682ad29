package policywatch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import policywatch.testing.ChildNode;
import policywatch.testing.FakeFeedServer;
import policywatch.testing.FakeFeedServer.Item;
import policywatch.testing.FakeFeedServer.Request;
import policywatch.testing.FakeTelegramApi;
import policywatch.testing.FakeTelegramApi.SentMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes in child JVMs on one PostgreSQL, 50 feeds on a local feed server and the fake Bot API
 * (which answers 429 over Telegram's limits), observed only from outside: requests at the servers,
 * the nodes' logs.
 * <ul>
 * <li>each feed is polled at most once per interval cluster-wide, and the feeds are shared: a feed is
 * polled by more than one node over the run (every node fetches with its own User-Agent, so the feed
 * server tells them apart);</li>
 * <li>a subscription made through the node that receives the updates matches entries polled by
 * another node;</li>
 * <li>never two long polls at once (no 409);</li>
 * <li>SIGKILL of the sending node in the middle of a fan-out: every subscriber gets the alert, at most
 * the messages in flight at the kill repeat, no 429, and another node sends within 15 s;</li>
 * <li>webhook mode: a request without the secret or with a wrong one gets 401 and changes nothing, an
 * update delivered twice (to two nodes) is handled once.</li>
 * </ul>
 */
class ClusterIT {

	private static final int NODES = 3;

	private static final int FEEDS = 50;

	private static final Duration INTERVAL = Duration.ofSeconds(3);

	/** How late a poll's request may leave after its fire time (three JVMs on two busy cores). */
	private static final Duration SCHEDULING_DELAY = Duration.ofSeconds(1);

	/** Sends in flight at once per node: at most these may repeat after a kill. */
	private static final int MAX_IN_FLIGHT = 8;

	private static final int FAN_OUT = 160;

	private static final long FIRST_FAN_OUT_CHAT = 70_000;

	private static final long FIRST_WORD_CHAT = 60_000;

	/** One subscriber per word, and a new entry about the word on its own feed. */
	private static final List<String> WORDS = List.of("copper", "lumber", "cobalt", "nickel", "lithium", "wheat",
			"barley", "cotton", "sugar", "coffee");

	private static final String WEBHOOK_PATH = "/telegram/webhook";

	private static final String WEBHOOK_URL = "https://bot.example.org" + WEBHOOK_PATH;

	/** A secret for this test only (Telegram allows A-Z, a-z, 0-9, _ and -). */
	private static final String WEBHOOK_SECRET = "cluster-it-webhook-secret_42";

	private static final Instant PUBLISHED = Instant.parse("2026-11-20T08:00:00Z");

	@TempDir
	Path dir;

	private final FakeFeedServer feeds = new FakeFeedServer().start();

	private final FakeTelegramApi telegram = new FakeTelegramApi().start();

	private final List<ChildNode> nodes = new ArrayList<>();

	/** One server for the class; each test gets a database of its own ({@link #createDatabase}). */
	private static EmbeddedPostgres postgres;

	private static int databases;

	private String database;

	private final Instant startedAt = Instant.now();

	@BeforeAll
	static void startPostgres() throws Exception {
		postgres = EmbeddedPostgres.builder().start();
	}

	@AfterAll
	static void stopPostgres() throws Exception {
		if (postgres != null) {
			postgres.close();
		}
	}

	@AfterEach
	void stop() throws Exception {
		this.nodes.forEach(ChildNode::close);
		this.telegram.close();
		this.feeds.close();
	}

	/** A new, empty database on the shared server, for the nodes of one test. */
	private void createDatabase() throws Exception {
		this.database = "cluster_it_" + (++databases);
		try (java.sql.Connection connection = postgres.getPostgresDatabase().getConnection();
				java.sql.Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + this.database);
		}
	}

	/** Prints how long the test took to reach a step, to see where the time goes. */
	private void step(String what) {
		System.out.printf("ClusterIT: %s after %d ms%n", what, Duration.between(this.startedAt, Instant.now()).toMillis());
	}

	@Test
	void threeNodesShareTheFeedsSendOnceAndSurviveTheSenderBeingKilled() throws Exception {
		createDatabase();
		this.telegram.enforceLimits();
		writeFeeds();
		for (int n = 1; n <= NODES; n++) {
			this.nodes.add(startNode("node-" + n));
		}
		this.nodes.forEach((node) -> node.awaitStarted(Duration.ofSeconds(120)));
		step("nodes started");
		// every feed primed (first poll records what exists without alerting) and polled again
		await("every feed polled twice").atMost(Duration.ofSeconds(60))
			.until(() -> feedPaths().stream().allMatch((path) -> this.feeds.requestCount(path) >= 2));

		step("every feed polled twice");
		// subscriptions made now, after every node loaded its matcher, through whichever node receives updates
		Instant subscribedAt = Instant.now();
		for (int i = 0; i < WORDS.size(); i++) {
			this.telegram.sendText(FIRST_WORD_CHAT + i, "/subscribe " + WORDS.get(i));
		}
		for (long chat = FIRST_FAN_OUT_CHAT; chat < FIRST_FAN_OUT_CHAT + FAN_OUT; chat++) {
			this.telegram.sendText(chat, "/subscribe tariffs");
		}
		await("every /subscribe confirmed (a reply lost to a 409 or 429 never comes)").atMost(Duration.ofSeconds(60))
			.until(() -> this.telegram.sentMessages().stream().filter((m) -> m.text().startsWith("Subscribed")).count()
					>= WORDS.size() + FAN_OUT);
		step("every /subscribe confirmed");
		List<ChildNode> receivers = receivers();
		assertThat(receivers).as("nodes long-polling Telegram").hasSize(1);
		ChildNode receiver = receivers.get(0);
		// every node follows subscription changes within 2 s
		Thread.sleep(Math.max(0, Duration.between(Instant.now(), subscribedAt.plusSeconds(3)).toMillis()));

		// a new entry about each word on its own feed: whichever node polls it, its subscriber gets it
		Instant wordsAt = Instant.now();
		for (int i = 0; i < WORDS.size(); i++) {
			Item item = new Item("word-" + i, "New rules on " + WORDS.get(i) + " imports", null, "Rules change.",
					PUBLISHED.plusSeconds(60));
			this.feeds.put(feedPath(i), "application/rss+xml", FakeFeedServer.rss("Feed " + i, item, oldItem(i)));
		}
		for (int i = 0; i < WORDS.size(); i++) {
			long chat = FIRST_WORD_CHAT + i;
			String word = WORDS.get(i);
			this.telegram.awaitMessages((m) -> m.chatId() == chat && m.text().contains("Matched:")
					&& m.text().contains(word), 1, Duration.ofSeconds(30));
		}
		step("every word alerted");
		Set<String> wordPollers = new HashSet<>();
		for (int i = 0; i < WORDS.size(); i++) {
			this.feeds.requests(feedPath(i))
				.stream()
				.filter((request) -> request.at().isAfter(wordsAt))
				.findFirst()
				.ifPresent((request) -> wordPollers.add(nodeOf(request)));
		}
		System.out.printf("ClusterIT: subscriptions received by %s; the new entries polled by %s%n", receiver,
				new java.util.TreeSet<>(wordPollers));
		assertThat(wordPollers).as("nodes that polled the new entries; %s received the subscriptions", receiver)
			.anyMatch((node) -> !node.equals(receiver.name()));

		// fan-out of one entry to FAN_OUT chats; kill the sender in the middle of it
		int fanOutFeed = FEEDS - 1;
		Item tariffs = new Item("tariffs", "New tariffs on steel", null, "Tariffs rise.", PUBLISHED.plusSeconds(120));
		this.feeds.put(feedPath(fanOutFeed), "application/rss+xml",
				FakeFeedServer.rss("Feed " + fanOutFeed, tariffs, oldItem(fanOutFeed)));
		await("a quarter of the fan-out sent").atMost(Duration.ofSeconds(60))
			.until(() -> fanOutAlerts().size() >= FAN_OUT / 4);
		step("a quarter of the fan-out sent");
		ChildNode sender = sender();
		long conflictsBeforeKill = conflicts();
		sender.kill();
		Instant killedAt = Instant.now();
		int deliveredBeforeKill = fanOutAlerts().size();
		assertThat(deliveredBeforeKill).as("killed in the middle of the fan-out").isLessThan(FAN_OUT);

		await("every subscriber alerted after the kill").atMost(Duration.ofSeconds(60))
			.until(() -> fanOutAlerts().stream().map(SentMessage::chatId).distinct().count() == FAN_OUT);
		Instant firstAfterKill = this.telegram.sentMessages()
			.stream()
			.map(SentMessage::at)
			.filter((at) -> at.isAfter(killedAt))
			.min(Instant::compareTo)
			.orElseThrow();
		step("every fan-out subscriber alerted");
		assertThat(Duration.between(killedAt, firstAfterKill)).as("time until another node sends")
			.isLessThanOrEqualTo(Duration.ofSeconds(15));
		assertThat(this.nodes).filteredOn((node) -> node != sender)
			.as("another node sends after the kill")
			.anySatisfy((node) -> assertThat(node.logLinesContaining("Sent alert")).isNotEmpty());
		Thread.sleep(2000);
		Map<Long, Long> perChat = fanOutAlerts().stream()
			.collect(Collectors.groupingBy(SentMessage::chatId, Collectors.counting()));
		assertThat(perChat).hasSize(FAN_OUT);
		assertThat(perChat.values()).allSatisfy((count) -> assertThat(count).isBetween(1L, 2L));
		assertThat(perChat.values().stream().filter((count) -> count > 1).count())
			.as("chats that got the alert twice (only the messages in flight at the kill may repeat)")
			.isLessThanOrEqualTo(MAX_IN_FLIGHT);
		assertThat(this.telegram.tooManyRequestsCount()).as("429 answers").isZero();

		// never two long polls at once: Telegram would answer the second with 409 Conflict
		assertThat(conflictsBeforeKill).as("409 Conflict answers to getUpdates logged by the nodes").isZero();

		assertPolledAtMostOncePerInterval();
		step("done");
		System.out.printf("ClusterIT: killed %s after %d of %d alerts; first send after the kill %d ms later; "
				+ "%d chat(s) alerted twice; %d 429s%n", sender, deliveredBeforeKill, FAN_OUT,
				Duration.between(killedAt, firstAfterKill).toMillis(),
				perChat.values().stream().filter((count) -> count > 1).count(), this.telegram.tooManyRequestsCount());
		Map<String, Set<String>> pollersPerFeed = new LinkedHashMap<>();
		for (String path : feedPaths()) {
			pollersPerFeed.put(path,
					this.feeds.requests(path).stream().map(ClusterIT::nodeOf).collect(Collectors.toSet()));
		}
		System.out.printf("ClusterIT: %d of %d feeds polled by more than one node; polls per node %s%n",
				pollersPerFeed.values().stream().filter((pollers) -> pollers.size() > 1).count(), FEEDS,
				feedPaths().stream()
					.flatMap((path) -> this.feeds.requests(path).stream())
					.collect(Collectors.groupingBy(ClusterIT::nodeOf, java.util.TreeMap::new, Collectors.counting())));
		assertThat(pollersPerFeed.values()).as("feeds polled by more than one node")
			.anyMatch((pollers) -> pollers.size() > 1);
		assertThat(pollersPerFeed.values().stream().flatMap(Set::stream).collect(Collectors.toSet()))
			.as("nodes that polled feeds")
			.hasSize(NODES);
	}

	@Test
	void webhookModeRefusesAWrongSecretAndHandlesARedeliveredUpdateOnce() throws Exception {
		createDatabase();
		Files.createDirectories(this.dir.resolve("config"));
		Files.writeString(this.dir.resolve("config/feeds.yml"), "feeds: []\n");
		List<String> webhook = List.of("--policywatch.telegram.webhook.url=" + WEBHOOK_URL,
				"--policywatch.telegram.webhook.secret=" + WEBHOOK_SECRET);
		this.nodes.add(startNode("node-1", webhook));
		this.nodes.add(startNode("node-2", webhook));
		this.nodes.forEach((node) -> node.awaitStarted(Duration.ofSeconds(120)));
		step("webhook nodes started");
		await("setWebhook called").atMost(Duration.ofSeconds(30))
			.until(() -> !this.telegram.requests("setWebhook").isEmpty());
		assertThat(this.telegram.requests("setWebhook")).allSatisfy((request) -> {
			assertThat(request.path("url").asText()).isEqualTo(WEBHOOK_URL);
			assertThat(request.path("secret_token").asText()).isEqualTo(WEBHOOK_SECRET);
		});

		long chat = 501;
		// The refused calls carry the same update id as the genuine one, from another chat: handled, they
		// would get a reply in that chat, and mark the id as handled, so the genuine update would get no reply.
		long forgedChat = 502;
		String forged = update(900001, forgedChat);
		String update = update(900001, chat);
		assertThat(postUpdate(this.nodes.get(0), forged, null)).as("without the secret").isEqualTo(401);
		assertThat(postUpdate(this.nodes.get(1), forged, "not-the-secret")).as("with a wrong secret").isEqualTo(401);

		assertThat(postUpdate(this.nodes.get(0), update, WEBHOOK_SECRET)).isBetween(200, 299);
		assertThat(postUpdate(this.nodes.get(1), update, WEBHOOK_SECRET)).as("the redelivery").isBetween(200, 299);
		this.telegram.awaitMessages((m) -> m.chatId() == chat && m.text().startsWith("Subscribed"), 1,
				Duration.ofSeconds(30));
		// a second reply (or one to the refused calls, sent before) would come within this
		Thread.sleep(3000);
		assertThat(this.telegram.sentMessages()).as("what refused requests caused")
			.noneMatch((m) -> m.chatId() == forgedChat);
		assertThat(this.telegram.sentMessages()).as("replies to the update delivered twice")
			.filteredOn((m) -> m.chatId() == chat)
			.hasSize(1);
		assertThat(this.telegram.requests("getUpdates")).as("long polls in webhook mode").isEmpty();
	}

	/** A private chat's {@code /subscribe copper}, as Telegram delivers it to a webhook. */
	private static String update(long id, long chat) {
		return "{\"update_id\":" + id + ",\"message\":{\"message_id\":1,\"date\":" + Instant.now().getEpochSecond()
				+ ",\"from\":{\"id\":" + chat + ",\"is_bot\":false,\"first_name\":\"Ann\"},\"chat\":{\"id\":" + chat
				+ ",\"type\":\"private\",\"first_name\":\"Ann\"},\"text\":\"/subscribe copper\","
				+ "\"entities\":[{\"type\":\"bot_command\",\"offset\":0,\"length\":10}]}}";
	}

	private static int postUpdate(ChildNode node, String json, String secret) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + WEBHOOK_PATH))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (secret != null) {
			request.header("X-Telegram-Bot-Api-Secret-Token", secret);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	/**
	 * No two polls of a feed closer than the interval, less {@link #SCHEDULING_DELAY}: a poll's request
	 * may leave a little after its fire time on a loaded machine (the next one is on time), but a feed
	 * polled twice by two nodes, or rescheduled sooner, comes far closer.
	 */
	private void assertPolledAtMostOncePerInterval() {
		Duration closest = INTERVAL.minus(SCHEDULING_DELAY);
		for (String path : feedPaths()) {
			List<Request> requests = this.feeds.requests(path);
			for (int i = 1; i < requests.size(); i++) {
				Duration gap = Duration.between(requests.get(i - 1).at(), requests.get(i).at());
				assertThat(gap).as("gap between polls %d and %d of %s; all polls: %s", i, i + 1, path,
						requests.stream().map((request) -> request.at() + " " + nodeOf(request)).toList())
					.isGreaterThanOrEqualTo(closest);
			}
		}
	}

	/**
	 * 409 answers to {@code getUpdates} the nodes logged so far: the Telegram client logs the error with
	 * Telegram's description, "Conflict: terminated by other getUpdates request" (or "Conflict: can't use
	 * getUpdates method while webhook is active").
	 */
	private long conflicts() {
		return this.nodes.stream().mapToLong((node) -> node.logLinesContaining("Conflict: ").size()).sum();
	}

	/** The nodes that long-poll Telegram (logged by the Telegram client at start or on taking over). */
	private List<ChildNode> receivers() {
		return this.nodes.stream()
			.filter((node) -> !node.logLinesContaining("Telegram long polling started").isEmpty())
			.toList();
	}

	/** The node that sent most of the fan-out so far, according to its log ("Sent alert ... chat=…"). */
	private ChildNode sender() {
		ChildNode sender = null;
		long most = 0;
		for (ChildNode node : this.nodes) {
			long sent = node.logLinesContaining("Sent alert")
				.stream()
				.filter((line) -> line.contains("chat=" + FIRST_FAN_OUT_CHAT / 1000))
				.count();
			if (sent > most) {
				most = sent;
				sender = node;
			}
		}
		assertThat(sender).as("a node logged the alerts it sent").isNotNull();
		return sender;
	}

	private List<SentMessage> fanOutAlerts() {
		return this.telegram.sentMessages()
			.stream()
			.filter((m) -> m.chatId() >= FIRST_FAN_OUT_CHAT && m.chatId() < FIRST_FAN_OUT_CHAT + FAN_OUT
					&& m.text().contains("Matched:"))
			.toList();
	}

	private ChildNode startNode(String name) {
		return startNode(name, List.of());
	}

	private ChildNode startNode(String name, List<String> extra) {
		List<String> args = new ArrayList<>(List.of("--server.port=0",
				"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", this.database),
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--policywatch.cluster.node-id=" + name, "--policywatch.config-dir=" + this.dir.resolve("config"),
				"--policywatch.data-dir=" + this.dir.resolve("data-" + name),
				"--policywatch.telegram.token=" + this.telegram.token(), "--policywatch.telegram.api-url=" + this.telegram.url(),
				"--policywatch.fetch.allow-private-networks=true", "--policywatch.fetch.user-agent=" + userAgent(name),
				"--policywatch.delivery.max-in-flight=" + MAX_IN_FLIGHT,
				// under Telegram's 30 a second with room for sends bunched by a busy machine
				"--policywatch.delivery.global-per-second=20",
				// shorter than the defaults (3 s, 10 s, 2 s): another node takes over sooner after the kill;
				// the lease must stay well above 5 s: TelegramBot starts a long poll only while more than 5 s are
				// left (at 6 s it hardly ever polls and the /subscribe replies never come)
				"--policywatch.cluster.lease-renew=1s", "--policywatch.cluster.lease-ttl=7s",
				"--policywatch.cluster.lease-margin=1s", "--policywatch.delivery.idle-wait=100ms"));
		args.addAll(extra);
		// C1 only, no bytecode verification of the application's classes: a quicker start on busy cores
		return ChildNode.start(name, this.dir.resolve(name + ".log"), List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote", "-XX:-UsePerfData"),
				args);
	}

	private static String userAgent(String node) {
		return "PolicyWatch-ClusterIT/1.0 (" + node + ")";
	}

	private static String nodeOf(Request request) {
		String agent = String.valueOf(request.userAgent());
		int open = agent.lastIndexOf('(');
		int close = agent.lastIndexOf(')');
		return (open >= 0 && close > open) ? agent.substring(open + 1, close) : agent;
	}

	private void writeFeeds() throws Exception {
		StringBuilder yaml = new StringBuilder("feeds:\n");
		for (int i = 0; i < FEEDS; i++) {
			yaml.append("  - id: feed-").append(i).append("\n    url: ").append(this.feeds.url(feedPath(i)))
				.append("\n    interval: ").append(INTERVAL.toSeconds()).append("s\n    full-text: false\n");
			this.feeds.put(feedPath(i), "application/rss+xml", FakeFeedServer.rss("Feed " + i, oldItem(i)));
		}
		Files.createDirectories(this.dir.resolve("config"));
		Files.writeString(this.dir.resolve("config/feeds.yml"), yaml.toString());
	}

	private static Item oldItem(int feed) {
		return new Item("old-" + feed, "Old story " + feed, null, "Nothing new.", PUBLISHED);
	}

	private static String feedPath(int feed) {
		return "/feed-" + feed + ".xml";
	}

	private static List<String> feedPaths() {
		List<String> paths = new ArrayList<>();
		for (int i = 0; i < FEEDS; i++) {
			paths.add(feedPath(i));
		}
		return paths;
	}

}
