package policywatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.jdbc.core.JdbcTemplate;

import policywatch.testing.ChildNode;
import policywatch.testing.FakeFeedServer;
import policywatch.testing.FakeFeedServer.Item;
import policywatch.testing.FakeFeedServer.Request;

/**
 * Entries per second through extraction, matching and the outbox, with 1 and with 3 nodes (child JVMs)
 * on one embedded PostgreSQL, and each node's share of the work: feed polls and article pages fetched
 * (told apart at the feed server by each node's User-Agent) and entries matched (the node's
 * {@code Planned alert entry=…} log lines).
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=policywatch.ClusterBenchmark -Dexec.args="600 30 20 1,3"
 * </pre>
 * Arguments: new entries per run (600), feeds (30; the entries are spread over them, each with its
 * article page, full text on), admin subscriptions that every entry matches (20, each to its own chat;
 * the bot is off, so the outbox rows are logged, not sent), and the node counts to run (1,3). Each
 * run starts on a fresh database; the clock starts when the new entries appear at the feed server and
 * stops when every alert row is in the outbox.
 */
public final class ClusterBenchmark {

	private static final Instant PUBLISHED = Instant.parse("2026-11-20T08:00:00Z");

	private ClusterBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int entries = (args.length > 0) ? Integer.parseInt(args[0]) : 600;
		int feedCount = (args.length > 1) ? Integer.parseInt(args[1]) : 30;
		int subscriptions = (args.length > 2) ? Integer.parseInt(args[2]) : 20;
		String nodeCounts = (args.length > 3) ? args[3] : "1,3";
		List<String> results = new ArrayList<>();
		for (String count : nodeCounts.split(",")) {
			results.add(run(Integer.parseInt(count.strip()), entries, feedCount, subscriptions));
		}
		System.out.println();
		results.forEach(System.out::println);
		System.exit(0);
	}

	private static String run(int nodeCount, int entries, int feedCount, int subscriptions) throws Exception {
		Path dir = Files.createTempDirectory("policywatch-cluster-benchmark");
		List<ChildNode> nodes = new ArrayList<>();
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
				FakeFeedServer feeds = new FakeFeedServer().start()) {
			writeConfig(dir, feeds, feedCount, subscriptions);
			for (int n = 1; n <= nodeCount; n++) {
				if (n == 2) {
					// the first node creates the schema and the admin subscriptions; two nodes doing that at
					// the same moment can collide on the subscriptions (seen: a unique key violation)
					nodes.get(0).awaitStarted(Duration.ofMinutes(3));
				}
				String name = "node-" + n;
				nodes.add(ChildNode.start(name, dir.resolve(name + ".log"), List.of("-Xmx256m"),
						List.of("--server.port=0", "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
								"--spring.datasource.username=postgres", "--spring.datasource.password=",
								"--policywatch.cluster.node-id=" + name, "--policywatch.config-dir=" + dir.resolve("config"),
								"--policywatch.data-dir=" + dir.resolve("data-" + name), "--policywatch.telegram.token=",
								"--policywatch.fetch.allow-private-networks=true",
								"--policywatch.fetch.user-agent=PolicyWatch-ClusterBenchmark/1.0 (" + name + ")",
								"--logging.level.policywatch.delivery.DeliveryOutcomes=WARN")));
			}
			nodes.forEach((node) -> node.awaitStarted(Duration.ofMinutes(3)));
			List<String> paths = new ArrayList<>();
			for (int f = 0; f < feedCount; f++) {
				paths.add(feedPath(f));
			}
			waitFor("every feed primed", Duration.ofMinutes(2),
					() -> paths.stream().allMatch((path) -> feeds.requestCount(path) >= 2));
			JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
			int plannedBefore = jdbc.queryForObject("SELECT COUNT(*) FROM alert", Integer.class);

			Instant start = Instant.now();
			publish(feeds, entries, feedCount);
			long expected = plannedBefore + (long) entries * subscriptions;
			waitFor(expected + " alert rows", Duration.ofMinutes(15),
					() -> jdbc.queryForObject("SELECT COUNT(*) FROM alert", Long.class) >= expected);
			Instant end = Instant.now();

			double seconds = Duration.between(start, end).toMillis() / 1000.0;
			StringBuilder report = new StringBuilder();
			report.append(String.format(Locale.ROOT,
					"%d node(s): %d entries (%d alert rows) in %.1f s = %.1f entries/s through extraction, matching and outbox%n",
					nodeCount, entries, expected - plannedBefore, seconds, entries / seconds));
			Map<String, int[]> shares = shares(nodes, feeds, feedCount, entries, start);
			for (Map.Entry<String, int[]> share : shares.entrySet()) {
				int[] counts = share.getValue();
				report.append(String.format(Locale.ROOT,
						"  %s: feed polls %d, article pages %d (%.0f%%), entries matched %d (%.0f%%)%n", share.getKey(),
						counts[0], counts[1], 100.0 * counts[1] / Math.max(1, entries), counts[2],
						100.0 * counts[2] / Math.max(1, entries)));
			}
			System.out.print(report);
			// stop the nodes before their database
			nodes.forEach(ChildNode::close);
			return report.toString().strip();
		}
		finally {
			nodes.forEach(ChildNode::close);
		}
	}

	/** Per node: feed polls and article pages since the start, distinct entries it planned alerts for. */
	private static Map<String, int[]> shares(List<ChildNode> nodes, FakeFeedServer feeds, int feedCount, int entries,
			Instant start) {
		Map<String, int[]> shares = new LinkedHashMap<>();
		nodes.forEach((node) -> shares.put(node.name(), new int[3]));
		for (int f = 0; f < feedCount; f++) {
			count(feeds.requests(feedPath(f)), start, shares, 0);
		}
		for (int e = 0; e < entries; e++) {
			count(feeds.requests(articlePath(e)), start, shares, 1);
		}
		for (ChildNode node : nodes) {
			Set<String> planned = new HashSet<>();
			for (String line : node.logLinesContaining("Planned alert")) {
				int at = line.indexOf("entry=");
				if (at >= 0) {
					int end = at + 6;
					while (end < line.length() && Character.isDigit(line.charAt(end))) {
						end++;
					}
					planned.add(line.substring(at + 6, end));
				}
			}
			shares.get(node.name())[2] = planned.size();
		}
		return shares;
	}

	private static void count(List<Request> requests, Instant start, Map<String, int[]> shares, int column) {
		for (Request request : requests) {
			if (request.at().isBefore(start) || request.userAgent() == null) {
				continue;
			}
			String agent = request.userAgent();
			int open = agent.lastIndexOf('(');
			int close = agent.lastIndexOf(')');
			if (open >= 0 && close > open) {
				int[] counts = shares.get(agent.substring(open + 1, close));
				if (counts != null) {
					counts[column]++;
				}
			}
		}
	}

	private static void writeConfig(Path dir, FakeFeedServer feeds, int feedCount, int subscriptions) throws Exception {
		Files.createDirectories(dir.resolve("config"));
		StringBuilder feedsYaml = new StringBuilder("feeds:\n");
		for (int f = 0; f < feedCount; f++) {
			feedsYaml.append("  - id: feed-").append(f).append("\n    url: ").append(feeds.url(feedPath(f)))
				.append("\n    interval: 1s\n    full-text: true\n");
			feeds.put(feedPath(f), "application/rss+xml",
					FakeFeedServer.rss("Feed " + f, new Item("old-" + f, "Old story " + f, null, "Nothing new.", PUBLISHED)));
		}
		Files.writeString(dir.resolve("config/feeds.yml"), feedsYaml.toString());
		StringBuilder subscriptionsYaml = new StringBuilder("subscriptions:\n");
		for (int s = 0; s < subscriptions; s++) {
			subscriptionsYaml.append("  - chat: ").append(-1_001_000_000_000L - s).append("\n    query: tariffs\n");
		}
		Files.writeString(dir.resolve("config/subscriptions.yml"), subscriptionsYaml.toString());
	}

	/** Puts the entries on the feeds (round robin, newest first) with their article pages. */
	private static void publish(FakeFeedServer feeds, int entries, int feedCount) {
		List<List<Item>> perFeed = new ArrayList<>();
		for (int f = 0; f < feedCount; f++) {
			perFeed.add(new ArrayList<>());
		}
		for (int e = 0; e < entries; e++) {
			String title = "Ministers weigh new tariffs on steel, report " + e;
			feeds.put(articlePath(e), "text/html; charset=utf-8", FakeFeedServer.article(title,
					"Ministers met on Monday to discuss the tariffs that take effect next month, report " + e + ".",
					"Importers said the tariffs would raise prices for builders and carmakers across the region.",
					"Officials expect the review of the quota system to finish before the end of the year."));
			perFeed.get(e % feedCount)
				.add(0, new Item("entry-" + e, title, feeds.url(articlePath(e)), "Tariffs rise.",
						PUBLISHED.plusSeconds(60 + e)));
		}
		for (int f = 0; f < feedCount; f++) {
			List<Item> items = new ArrayList<>(perFeed.get(f));
			items.add(new Item("old-" + f, "Old story " + f, null, "Nothing new.", PUBLISHED));
			feeds.put(feedPath(f), "application/rss+xml", FakeFeedServer.rss("Feed " + f, items.toArray(Item[]::new)));
		}
	}

	private static void waitFor(String what, Duration timeout, java.util.function.BooleanSupplier condition)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Gave up waiting for " + what + " after " + timeout);
			}
			Thread.sleep(100);
		}
	}

	private static String feedPath(int feed) {
		return "/feed-" + feed + ".xml";
	}

	private static String articlePath(int entry) {
		return "/article/" + entry + ".html";
	}

}
