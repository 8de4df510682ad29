package policywatch.ingest.parse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Hostile XML stays harmless: nothing external is ever fetched or read, entity expansion is
 * bounded, and pathological documents end in a clear error or a harmless result.
 */
class HostileFeedTests {

	private static final URI FEED = URI.create("https://example.org/feed");

	private final FeedParser parser = new FeedParser();

	private ParsedFeed parse(String xml) throws FeedParseException {
		return this.parser.parse(xml.getBytes(StandardCharsets.UTF_8), "text/xml", FEED);
	}

	@Test
	void neverConnectsForExternalDtdsOrEntities() throws Exception {
		AtomicInteger connections = new AtomicInteger();
		try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> {
				while (!server.isClosed()) {
					try (Socket socket = server.accept()) {
						connections.incrementAndGet();
					}
					catch (IOException ex) {
						return;
					}
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			String base = "http://127.0.0.1:" + server.getLocalPort();
			String xml = """
					<?xml version="1.0"?>
					<!DOCTYPE rss SYSTEM "%1$s/rss.dtd" [
					  <!ENTITY ext SYSTEM "%1$s/entity">
					  <!ENTITY %% param SYSTEM "%1$s/param.dtd">
					  %%param;
					]>
					<rss version="2.0"><channel><title>t&ext;</title>
					<item><title>ok</title><link>https://example.org/1</link></item></channel></rss>
					""".formatted(base);
			ParsedFeed feed = parse(xml);
			assertThat(feed.items()).extracting(FeedItem::title).containsExactly("ok");
			// an external DTD alone (no internal subset) is not fetched either
			parse("<!DOCTYPE rss SYSTEM \"" + base + "/rss.dtd\"><rss version=\"2.0\"><channel><title>x</title></channel></rss>");
			Thread.sleep(100);
			assertThat(connections.get()).isZero();
		}
	}

	@Test
	void quadraticBlowupIsRefused() {
		String big = "x".repeat(50_000);
		String xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"" + big + "\">]>"
				+ "<rss version=\"2.0\"><channel><title>" + "&a;".repeat(5_000) + "</title></channel></rss>";
		assertThatExceptionOfType(FeedParseException.class).isThrownBy(() -> parse(xml))
			.withMessage("entity expansion limit exceeded (refused)");
	}

	@Test
	void internalEntitiesWithinLimitsStillWork() throws Exception {
		ParsedFeed feed = parse("""
				<?xml version="1.0"?>
				<!DOCTYPE rss [ <!ENTITY org "Ministry of Finance"> ]>
				<rss version="0.91"><channel><title>&org; news</title><link>http://e.org/</link><description>d</description>
				<language>en</language></channel></rss>""");
		assertThat(feed.title()).isEqualTo("Ministry of Finance news");
	}

	@Test
	void deeplyNestedDocumentDoesNotOverflow() throws Exception {
		String xml = "<rss version=\"2.0\"><channel><title>deep</title><item><title>t</title><description>"
				+ "<x>".repeat(100_000) + "</description></item></channel></rss>";
		ParsedFeed feed = parse(xml);
		assertThat(feed.title()).isEqualTo("deep");
		assertThat(feed.items()).hasSize(1);
	}

	@Test
	void binaryGarbageIsAClearError() {
		byte[] garbage = new byte[4096];
		new java.util.Random(42).nextBytes(garbage);
		assertThatExceptionOfType(FeedParseException.class)
			.isThrownBy(() -> this.parser.parse(garbage, null, FEED))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\n"));
	}

	@Test
	void htmlPageIsNotAFeed() {
		assertThatExceptionOfType(FeedParseException.class)
			.isThrownBy(() -> parse("<!DOCTYPE html><html><head><title>x</title></head><body><p>Hi<br></body></html>"))
			.withMessage("not an RSS, Atom or JSON feed (root element <html>)");
	}

	@Test
	void hugeNumberOfItemsStaysLinear() throws Exception {
		StringBuilder xml = new StringBuilder("<rss version=\"2.0\"><channel><title>many</title>");
		for (int i = 0; i < 20_000; i++) {
			xml.append("<item><title>t").append(i).append("</title><link>https://e.org/").append(i).append("</link></item>");
		}
		xml.append("</channel></rss>");
		assertThat(parse(xml.toString()).items()).hasSize(20_000);
	}

	@Test
	void aParseOverItsBudgetFailsWithAClearError() throws Exception {
		StringBuilder xml = new StringBuilder("<rss version=\"2.0\"><channel><title>many</title>");
		for (int i = 0; i < 5_000; i++) {
			xml.append("<item><title>t").append(i).append("</title><link>https://e.org/").append(i).append("</link></item>");
		}
		xml.append("</channel></rss>");
		byte[] body = xml.toString().getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(FeedParseException.class)
			.isThrownBy(() -> new FeedParser(java.time.Duration.ofMillis(1)).parse(body, "text/xml", FEED))
			.withMessage("parsing took longer than 1ms (refused)");
		assertThat(new FeedParser(java.time.Duration.ofSeconds(30)).parse(body, "text/xml", FEED).items()).hasSize(5_000);
	}

}
