package policywatch.ingest.fetch;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import policywatch.ingest.parse.FeedItem;
import policywatch.ingest.parse.FeedParser;
import policywatch.ingest.parse.ParsedFeed;
import policywatch.testing.LoopbackServer;

/**
 * Polling throughput: local HTTP servers (on 127.0.0.1 … 127.0.0.20, 100 feeds each, so the
 * per-host limit of 2 applies as in production) serve 2,000 RSS feeds of 50 entries. Each cycle
 * polls every feed once with conditional GET through {@link HttpFetcher} and {@link FeedParser}
 * on a thread pool and dedupes entries by key in a HashSet per feed. Cycle "80% 304": a fifth of
 * the feeds changed; cycle "all changed": every feed changed (10 new entries each). The servers
 * run in the same JVM, so CPU and heap figures include them.
 * <p>
 * Usage: {@code PollingBenchmark [threads=16] [feeds=2000] [hosts=20]}.
 */
public final class PollingBenchmark {

	private static final int ENTRIES = 50;

	private PollingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int threads = (args.length > 0) ? Integer.parseInt(args[0]) : 16;
		int feeds = (args.length > 1) ? Integer.parseInt(args[1]) : 2000;
		int hostCount = (args.length > 2) ? Integer.parseInt(args[2]) : 20;
		AtomicIntegerArray versions = new AtomicIntegerArray(feeds);
		List<LoopbackServer> servers = new ArrayList<>();
		for (int h = 0; h < hostCount; h++) {
			servers.add(new LoopbackServer("127.0.0." + (h + 1)));
		}
		URI[] uris = new URI[feeds];
		for (int i = 0; i < feeds; i++) {
			int id = i;
			LoopbackServer server = servers.get(i % hostCount);
			server.on("/feed/" + id, (exchange) -> {
				int version = versions.get(id);
				String etag = "\"" + id + "-" + version + "\"";
				exchange.getResponseHeaders().set("ETag", etag);
				if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
					exchange.sendResponseHeaders(304, -1);
					return;
				}
				LoopbackServer.respond(exchange, 200, "application/rss+xml; charset=utf-8", feed(id, version));
			});
			uris[i] = server.uri("/feed/" + id);
		}
		FetchProperties properties = new FetchProperties(true).withConcurrency(2, threads);
		Poller poller = new Poller(new HttpFetcher(properties), new FeedParser(), uris);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		System.out.printf(Locale.ROOT, "PollingBenchmark: %d feeds x %d entries on %d hosts, %d threads, %d cores, max heap %d MB%n",
				feeds, ENTRIES, hostCount, threads, Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().maxMemory() >> 20);
		poller.cycle(pool, "warm-up (all new)");
		for (int i = 0; i < feeds; i++) {
			versions.incrementAndGet(i);
		}
		poller.cycle(pool, "warm-up (all changed)");
		for (int i = 0; i < feeds; i += 5) {
			versions.incrementAndGet(i);
		}
		poller.cycle(pool, "80% 304");
		for (int i = 0; i < feeds; i++) {
			versions.incrementAndGet(i);
		}
		poller.cycle(pool, "all changed");
		pool.shutdownNow();
		servers.forEach(LoopbackServer::close);
		System.exit(0);
	}

	/** Feed {@code id} at {@code version}: the newest 50 of its entries, 10 new entries per version. */
	static byte[] feed(int id, int version) {
		StringBuilder xml = new StringBuilder(24_000);
		xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Feed ")
			.append(id)
			.append("</title><link>https://example.org/")
			.append(id)
			.append("/</link><description>Benchmark feed</description>\n");
		int newest = version * 10 + ENTRIES;
		for (int n = newest; n > newest - ENTRIES; n--) {
			xml.append("<item><title>Regulation ").append(n).append(" on emissions &amp; energy (feed ").append(id)
				.append(")</title><link>https://example.org/").append(id).append("/news/").append(n)
				.append("?utm_source=rss</link><guid isPermaLink=\"false\">").append(id).append('-').append(n)
				.append("</guid><pubDate>Mon, 03 Mar 2025 09:30:00 GMT</pubDate><description><![CDATA[<p>The ministry published")
				.append(" <b>regulation ").append(n).append("</b> on the energy market; consultation runs until 30 April.</p>]]>")
				.append("</description></item>\n");
		}
		xml.append("</channel></rss>\n");
		return xml.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static final class Poller {

		private final HttpFetcher fetcher;

		private final FeedParser parser;

		private final URI[] uris;

		private final String[] etags;

		private final List<Set<String>> seen = new ArrayList<>();

		Poller(HttpFetcher fetcher, FeedParser parser, URI[] uris) {
			this.fetcher = fetcher;
			this.parser = parser;
			this.uris = uris;
			this.etags = new String[uris.length];
			for (int i = 0; i < uris.length; i++) {
				this.seen.add(new HashSet<>());
			}
		}

		void cycle(ExecutorService pool, String name) throws Exception {
			System.gc();
			List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter((p) -> p.getType() == MemoryType.HEAP)
				.toList();
			heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
			com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
				.getOperatingSystemMXBean();
			long cpu0 = os.getProcessCpuTime();
			AtomicLong notModified = new AtomicLong();
			AtomicLong changed = new AtomicLong();
			AtomicLong entries = new AtomicLong();
			AtomicLong fresh = new AtomicLong();
			AtomicLong failures = new AtomicLong();
			long t0 = System.nanoTime();
			List<Future<?>> futures = new ArrayList<>(this.uris.length);
			for (int i = 0; i < this.uris.length; i++) {
				int id = i;
				futures.add(pool.submit(() -> {
					try {
						FetchResponse response = this.fetcher.fetch(FetchRequest.feed(this.uris[id], this.etags[id], null));
						this.etags[id] = response.etag();
						if (response.notModified()) {
							notModified.incrementAndGet();
							return;
						}
						ParsedFeed feed = this.parser.parse(response.body(), response.contentType(), response.finalUri());
						changed.incrementAndGet();
						Set<String> keys = this.seen.get(id);
						synchronized (keys) {
							for (FeedItem item : feed.items()) {
								entries.incrementAndGet();
								if (keys.add(item.key())) {
									fresh.incrementAndGet();
								}
							}
						}
					}
					catch (Exception ex) {
						if (failures.incrementAndGet() <= 3) {
							System.out.println("  failure: " + ex.getMessage());
						}
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
			double seconds = (System.nanoTime() - t0) / 1e9;
			double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
			long peak = heapPools.stream().mapToLong((p) -> p.getPeakUsage().getUsed()).sum();
			System.gc();
			long after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			System.out.printf(Locale.ROOT,
					"%-22s %5.2f s  polls/s %6.0f  304s %4d  changed %4d (%5.0f feeds/s)  entries parsed %6d (%7.0f/s)  new %6d"
							+ "  failures %d  CPU %5.2f s (%3.0f%% of 1 core)  heap peak %4d MB, after GC %3d MB%n",
					name, seconds, this.uris.length / seconds, notModified.get(), changed.get(), changed.get() / seconds,
					entries.get(), entries.get() / seconds, fresh.get(), failures.get(), cpu, 100 * cpu / seconds,
					peak >> 20, after >> 20);
		}

	}

}
