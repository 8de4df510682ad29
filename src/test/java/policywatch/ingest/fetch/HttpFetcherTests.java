package policywatch.ingest.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import okhttp3.Dns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import policywatch.testing.FakeFeedServer;
import policywatch.testing.LoopbackServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HttpFetcherTests {

	private static final String RSS = FakeFeedServer.rss("T");

	private LoopbackServer server;

	@BeforeEach
	void start() throws IOException {
		this.server = new LoopbackServer();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private static HttpFetcher allowingPrivate() {
		return new HttpFetcher(new FetchProperties(true));
	}

	/** The real guard, except that 127.0.0.1 (where the test server listens) counts as public. */
	private static HttpFetcher guarded(FetchProperties properties, Dns dns) {
		AddressPolicy policy = (address) -> address.getHostAddress().equals("127.0.0.1") ? null
				: AddressPolicy.classify(address);
		return new HttpFetcher(properties, Clock.systemUTC(), policy, dns);
	}

	@Test
	void fetchesBodyAndValidatorsAndSendsUserAgent() throws Exception {
		this.server.on("/feed", (exchange) -> {
			exchange.getResponseHeaders().set("ETag", "\"v1\"");
			exchange.getResponseHeaders().set("Last-Modified", "Tue, 10 Jun 2003 04:00:00 GMT");
			LoopbackServer.respond(exchange, 200, "application/rss+xml; charset=utf-8", RSS);
		});
		FetchResponse response = allowingPrivate().fetch(FetchRequest.feed(this.server.uri("/feed"), null, null));
		assertThat(response.status()).isEqualTo(200);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(RSS);
		assertThat(response.contentType()).isEqualTo("application/rss+xml; charset=utf-8");
		assertThat(response.etag()).isEqualTo("\"v1\"");
		assertThat(response.lastModified()).isEqualTo("Tue, 10 Jun 2003 04:00:00 GMT");
		assertThat(response.finalUri()).isEqualTo(this.server.uri("/feed"));
		assertThat(this.server.requests().get(0).getFirst("User-Agent")).startsWith("PolicyWatch/").contains("+http");
		assertThat(this.server.requests().get(0).getFirst("Accept-Encoding")).contains("gzip").contains("deflate");
		assertThat(this.server.requests().get(0).getFirst("Accept")).contains("application/rss+xml");
	}

	@Test
	void conditionalGetAnswered304HasNoBody() throws Exception {
		this.server.on("/feed", (exchange) -> {
			if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
				LoopbackServer.respond(exchange, 304, null, new byte[0]);
				return;
			}
			exchange.getResponseHeaders().set("ETag", "\"v1\"");
			LoopbackServer.respond(exchange, 200, "application/rss+xml", RSS);
		});
		HttpFetcher fetcher = allowingPrivate();
		FetchResponse first = fetcher.fetch(FetchRequest.feed(this.server.uri("/feed"), null, null));
		FetchResponse second = fetcher
			.fetch(FetchRequest.feed(this.server.uri("/feed"), first.etag(), "Tue, 10 Jun 2003 04:00:00 GMT"));
		assertThat(first.notModified()).isFalse();
		assertThat(second.notModified()).isTrue();
		assertThat(second.body()).isEmpty();
		assertThat(this.server.requests().get(1).getFirst("If-Modified-Since")).isEqualTo("Tue, 10 Jun 2003 04:00:00 GMT");
	}

	@Test
	void decompressesGzipAndBothDeflateFlavours() throws Exception {
		byte[] payload = RSS.getBytes(StandardCharsets.UTF_8);
		this.server.on("/gzip", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Encoding", "gzip");
			LoopbackServer.respond(exchange, 200, "text/xml", gzip(payload));
		});
		this.server.on("/zlib", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Encoding", "deflate");
			LoopbackServer.respond(exchange, 200, "text/xml", deflate(payload, false));
		});
		this.server.on("/raw", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Encoding", "deflate");
			LoopbackServer.respond(exchange, 200, "text/xml", deflate(payload, true));
		});
		HttpFetcher fetcher = allowingPrivate();
		for (String path : List.of("/gzip", "/zlib", "/raw")) {
			FetchResponse response = fetcher.fetch(FetchRequest.feed(this.server.uri(path), null, null));
			assertThat(response.body()).as(path).isEqualTo(payload);
		}
	}

	@Test
	void gzipBombIsCutOffAtTheCapCountedAfterDecompression() throws Exception {
		byte[] bomb = gzip(new byte[30 * 1024 * 1024]); // 30 MB of zeros, ~30 KB on the wire
		assertThat(bomb.length).isLessThan(100_000);
		this.server.on("/bomb", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Encoding", "gzip");
			LoopbackServer.respond(exchange, 200, "text/xml", bomb);
		});
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> allowingPrivate().fetch(FetchRequest.feed(this.server.uri("/bomb"), null, null)))
			.withMessage("body exceeds 10485760 bytes");
	}

	@Test
	void hugeStreamedBodyIsCutAtTheCapWithoutReadingItAll() throws Exception {
		AtomicLong written = new AtomicLong();
		this.server.on("/huge", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html");
			exchange.sendResponseHeaders(200, 0); // chunked, no length announced
			byte[] chunk = new byte[64 * 1024];
			try (OutputStream out = exchange.getResponseBody()) {
				for (long sent = 0; sent < (1L << 30); sent += chunk.length) {
					out.write(chunk);
					written.addAndGet(chunk.length);
				}
			}
		});
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> allowingPrivate().fetch(FetchRequest.page(this.server.uri("/huge"))))
			.withMessage("body exceeds 5242880 bytes");
		assertThat(written.get()).isLessThan(1L << 29);
	}

	@Test
	void announcedOversizedBodyIsRefusedBeforeReading() throws Exception {
		AtomicLong written = new AtomicLong();
		this.server.on("/huge", (exchange) -> {
			exchange.sendResponseHeaders(200, 1L << 30);
			byte[] chunk = new byte[64 * 1024];
			try (OutputStream out = exchange.getResponseBody()) {
				for (long sent = 0; sent < (1L << 30); sent += chunk.length) {
					out.write(chunk);
					written.addAndGet(chunk.length);
				}
			}
		});
		FetchProperties small = new FetchProperties(true).withMaxSizes(DataSize.ofKilobytes(100),
				DataSize.ofKilobytes(100));
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> new HttpFetcher(small).fetch(FetchRequest.feed(this.server.uri("/huge"), null, null)))
			.withMessage("body exceeds 102400 bytes");
		assertThat(written.get()).isLessThan(1L << 29);
	}

	@Test
	void slowDripIsCutOffAtTheTotalTimeCap() throws Exception {
		this.server.on("/drip", (exchange) -> {
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				for (int i = 0; i < 600; i++) {
					out.write('<');
					out.flush();
					Thread.sleep(100);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		FetchProperties quick = new FetchProperties(true).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> new HttpFetcher(quick).fetch(FetchRequest.feed(this.server.uri("/drip"), null, null)))
			.withMessage("timed out after 1s");
	}

	@Test
	void followsRedirectsUpToFive() throws Exception {
		for (int i = 0; i < 6; i++) {
			String next = "/r" + (i + 1);
			this.server.on("/r" + i, (exchange) -> LoopbackServer.redirect(exchange, 301, next));
		}
		this.server.on("/r6", (exchange) -> LoopbackServer.respond(exchange, 200, "text/xml", RSS));
		HttpFetcher fetcher = allowingPrivate();
		FetchResponse response = fetcher.fetch(FetchRequest.feed(this.server.uri("/r1"), null, null));
		assertThat(response.finalUri()).isEqualTo(this.server.uri("/r6"));
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetcher.fetch(FetchRequest.feed(this.server.uri("/r0"), null, null)))
			.withMessage("too many redirects (more than 5)");
	}

	@Test
	void redirectLoopEnds() throws Exception {
		this.server.on("/a", (exchange) -> LoopbackServer.redirect(exchange, 302, "/b"));
		this.server.on("/b", (exchange) -> LoopbackServer.redirect(exchange, 307, "/a"));
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> allowingPrivate().fetch(FetchRequest.feed(this.server.uri("/a"), null, null)))
			.withMessageStartingWith("redirect loop");
	}

	@Test
	void refusesNonHttpSchemesAlsoOnRedirect() throws Exception {
		this.server.on("/ftp", (exchange) -> LoopbackServer.redirect(exchange, 302, "file:///etc/passwd"));
		HttpFetcher fetcher = allowingPrivate();
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetcher.fetch(FetchRequest.feed(URI.create("file:///etc/passwd"), null, null)))
			.withMessage("unsupported scheme file (only http and https)");
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetcher.fetch(FetchRequest.feed(this.server.uri("/ftp"), null, null)))
			.withMessageStartingWith("redirect to an unsupported address");
	}

	@Test
	void refusesLoopbackByDefault() {
		HttpFetcher fetcher = new HttpFetcher(FetchProperties.defaults());
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetcher.fetch(FetchRequest.feed(this.server.uri("/feed"), null, null)))
			.withMessage("address 127.0.0.1 is loopback (refused)");
		assertThat(this.server.requests()).isEmpty();
	}

	@Test
	void refusesRedirectToAPrivateAddress() throws Exception {
		try (LoopbackServer inside = new LoopbackServer("127.0.0.2")) {
			inside.on("/secret", (exchange) -> LoopbackServer.respond(exchange, 200, "text/plain", "secret"));
			this.server.on("/to-loopback", (exchange) -> LoopbackServer.redirect(exchange, 302, inside.uri("/secret").toString()));
			this.server.on("/to-metadata", (exchange) -> LoopbackServer.redirect(exchange, 302,
					"http://169.254.169.254/latest/meta-data/"));
			this.server.on("/to-mapped", (exchange) -> LoopbackServer.redirect(exchange, 302,
					"http://[::ffff:127.0.0.2]:" + inside.port() + "/secret"));
			HttpFetcher fetcher = guarded(FetchProperties.defaults(), Dns.SYSTEM);
			assertThatExceptionOfType(FetchException.class)
				.isThrownBy(() -> fetcher.fetch(FetchRequest.feed(this.server.uri("/to-loopback"), null, null)))
				.withMessage("address 127.0.0.2 is loopback (refused)");
			assertThatExceptionOfType(FetchException.class)
				.isThrownBy(() -> fetcher.fetch(FetchRequest.feed(this.server.uri("/to-metadata"), null, null)))
				.withMessage("address 169.254.169.254 is link-local (refused)");
			assertThatExceptionOfType(FetchException.class)
				.isThrownBy(() -> fetcher.fetch(FetchRequest.feed(this.server.uri("/to-mapped"), null, null)))
				.withMessage("address 127.0.0.2 is loopback (refused)");
			assertThat(inside.requests()).isEmpty();
			// the same redirect is fine when private networks are allowed
			assertThat(allowingPrivate().fetch(FetchRequest.feed(this.server.uri("/to-loopback"), null, null)).body())
				.isEqualTo("secret".getBytes(StandardCharsets.UTF_8));
		}
	}

	@Test
	void refusesHostNamesResolvingToPrivateAddresses() throws Exception {
		Dns dns = (hostname) -> switch (hostname) {
			case "feeds.example" -> List.of(InetAddress.getByName("127.0.0.1"));
			case "rebind.example" -> List.of(InetAddress.getByAddress(hostname, new byte[] { 10, 0, 0, 5 }));
			default -> throw new UnknownHostException(hostname);
		};
		this.server.on("/feed", (exchange) -> LoopbackServer.redirect(exchange, 302, "http://rebind.example/feed"));
		HttpFetcher fetcher = guarded(FetchProperties.defaults(), dns);
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetcher
				.fetch(FetchRequest.feed(URI.create("http://feeds.example:" + this.server.port() + "/feed"), null, null)))
			.withMessage("address 10.0.0.5 is private (refused)");
		assertThat(this.server.requests()).hasSize(1);
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetcher.fetch(FetchRequest.feed(URI.create("http://nowhere.example/"), null, null)))
			.withMessage("unknown host nowhere.example");
	}

	@Test
	void httpErrorsAndRetryAfter() throws Exception {
		this.server.on("/missing", (exchange) -> LoopbackServer.respond(exchange, 404, "text/plain", "no"));
		this.server.on("/busy", (exchange) -> {
			exchange.getResponseHeaders().set("Retry-After", "120");
			LoopbackServer.respond(exchange, 429, "text/plain", "slow down");
		});
		this.server.on("/down", (exchange) -> {
			exchange.getResponseHeaders().set("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT");
			LoopbackServer.respond(exchange, 503, "text/plain", "maintenance");
		});
		Clock clock = Clock.fixed(Instant.parse("2015-10-21T07:20:00Z"), ZoneOffset.UTC);
		HttpFetcher fetcher = new HttpFetcher(new FetchProperties(true), clock);
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetcher.fetch(FetchRequest.feed(this.server.uri("/missing"), null, null)))
			.withMessage("HTTP 404")
			.satisfies((ex) -> assertThat(ex.retryAfter()).isNull());
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetcher.fetch(FetchRequest.feed(this.server.uri("/busy"), null, null)))
			.withMessage("HTTP 429")
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetcher.fetch(FetchRequest.feed(this.server.uri("/down"), null, null)))
			.withMessage("HTTP 503")
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofMinutes(8)));
	}

	@Test
	void retryAfterParsing() {
		Clock clock = Clock.fixed(Instant.parse("2015-10-21T07:20:00Z"), ZoneOffset.UTC);
		assertThat(HttpFetcher.parseRetryAfter(" 5 ", clock)).isEqualTo(Duration.ofSeconds(5));
		assertThat(HttpFetcher.parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
		assertThat(HttpFetcher.parseRetryAfter("soon", clock)).isNull();
		assertThat(HttpFetcher.parseRetryAfter(null, clock)).isNull();
	}

	@Test
	void limitsConcurrentRequestsPerHostAndOverall() throws Exception {
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger maxInFlight = new AtomicInteger();
		this.server.on("/slow", (exchange) -> {
			maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
			try {
				Thread.sleep(150);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			inFlight.decrementAndGet();
			LoopbackServer.respond(exchange, 200, "text/xml", RSS);
		});
		assertThat(runConcurrently(new HttpFetcher(new FetchProperties(true)), 8)).isEqualTo(8);
		assertThat(maxInFlight.get()).isEqualTo(2);
		maxInFlight.set(0);
		HttpFetcher wide = new HttpFetcher(new FetchProperties(true).withConcurrency(10, 3));
		assertThat(runConcurrently(wide, 8)).isEqualTo(8);
		assertThat(maxInFlight.get()).isEqualTo(3);
		assertThat(wide.hostsInUse()).isZero();
	}

	private int runConcurrently(HttpFetcher fetcher, int count) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(count);
		try {
			List<Future<FetchResponse>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(pool.submit(() -> fetcher.fetch(FetchRequest.feed(this.server.uri("/slow"), null, null))));
			}
			int ok = 0;
			for (Future<FetchResponse> future : futures) {
				ok += (future.get().status() == 200) ? 1 : 0;
			}
			return ok;
		}
		finally {
			pool.shutdownNow();
		}
	}

	static byte[] gzip(byte[] data) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(data);
		}
		return bytes.toByteArray();
	}

	static byte[] deflate(byte[] data, boolean raw) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
		try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, deflater)) {
			out.write(data);
		}
		deflater.end();
		return bytes.toByteArray();
	}

}
