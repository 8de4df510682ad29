package policywatch.testing;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import policywatch.ingest.parse.FeedItem;
import policywatch.ingest.parse.FeedParser;
import policywatch.ingest.parse.ParsedFeed;

import static org.assertj.core.api.Assertions.assertThat;

class FakeFeedServerTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private FakeFeedServer server;

	@BeforeEach
	void start() {
		this.server = new FakeFeedServer().start();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void servesWhatWasPutAndCountsRequests() throws Exception {
		this.server.put("/feed.xml", "application/rss+xml; charset=utf-8", "<rss/>");

		HttpResponse<String> response = get("/feed.xml", null, null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("<rss/>");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/rss+xml; charset=utf-8");
		assertThat(this.server.requestCount("/feed.xml")).isEqualTo(1);
		assertThat(this.server.url("/feed.xml")).startsWith("http://127.0.0.1:").endsWith("/feed.xml");
	}

	@Test
	void matchingEtagOrDateGets304UntilTheContentChanges() throws Exception {
		this.server.put("/feed.xml", "application/rss+xml", "<rss>1</rss>");
		HttpResponse<String> first = get("/feed.xml", null, null);
		String etag = first.headers().firstValue("ETag").orElseThrow();
		String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

		assertThat(get("/feed.xml", etag, null).statusCode()).isEqualTo(304);
		assertThat(get("/feed.xml", null, lastModified).statusCode()).isEqualTo(304);
		this.server.put("/feed.xml", "application/rss+xml", "<rss>1</rss>");
		assertThat(get("/feed.xml", etag, null).statusCode()).isEqualTo(304);

		this.server.put("/feed.xml", "application/rss+xml", "<rss>2</rss>");
		HttpResponse<String> changed = get("/feed.xml", etag, null);

		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(changed.body()).isEqualTo("<rss>2</rss>");
		assertThat(this.server.lastRequestHeader("/feed.xml", "if-none-match")).isEqualTo(etag);
	}

	@Test
	void statusRemoveAndRedirect() throws Exception {
		this.server.put("/a", "text/plain", "a");
		this.server.putStatus("/broken", 503);
		this.server.putRedirect("/old", 301, "/a");

		assertThat(get("/broken", null, null).statusCode()).isEqualTo(503);
		assertThat(get("/old", null, null).headers().firstValue("Location")).hasValue("/a");
		this.server.remove("/a");
		assertThat(get("/a", null, null).statusCode()).isEqualTo(404);
		assertThat(get("/never", null, null).statusCode()).isEqualTo(404);
	}

	@Test
	void rssEscapesTextSoXmlParsersReadItBack() throws Exception {
		String xml = FakeFeedServer.rss("Trade & <Industry>",
				new FakeFeedServer.Item("id-1", "EU \"tariffs\" on steel & aluminium", "https://example.org/a?x=1&y=2",
						"Rates rise <sharply>", Instant.parse("2025-03-01T10:00:00Z")));

		Document document = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
		Element item = (Element) document.getElementsByTagName("item").item(0);

		assertThat(document.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Trade & <Industry>");
		assertThat(item.getElementsByTagName("title").item(0).getTextContent())
			.isEqualTo("EU \"tariffs\" on steel & aluminium");
		assertThat(item.getElementsByTagName("link").item(0).getTextContent())
			.isEqualTo("https://example.org/a?x=1&y=2");
		assertThat(item.getElementsByTagName("pubDate").item(0).getTextContent())
			.isEqualTo("Sat, 1 Mar 2025 10:00:00 GMT");
		assertThat(item.getElementsByTagName("guid").item(0).getTextContent()).isEqualTo("id-1");
	}

	@Test
	void rssAtomAndJsonFeedCarryTheSameItemsThroughTheFeedParser() throws Exception {
		FakeFeedServer.Item[] items = {
				new FakeFeedServer.Item("id-2", "Tariffs on \"steel\" & <aluminium>", "https://example.org/b?x=1&y=2",
						"Rates rise.\nA second line.", Instant.parse("2025-03-02T08:30:00Z")),
				new FakeFeedServer.Item("id-1", "Ports reopen", "https://example.org/a", null, null) };
		FeedParser parser = new FeedParser();

		for (String document : List.of(FakeFeedServer.rss("Trade", items), FakeFeedServer.atom("Trade", items),
				FakeFeedServer.jsonFeed("Trade", items))) {
			String contentType = document.startsWith("{") ? "application/feed+json" : "application/xml";
			ParsedFeed feed = parser.parse(document.getBytes(StandardCharsets.UTF_8), contentType,
					URI.create("https://news.example.org/feed"));

			assertThat(feed.title()).isEqualTo("Trade");
			assertThat(feed.items()).extracting(FeedItem::guid).containsExactly("id-2", "id-1");
			assertThat(feed.items()).extracting(FeedItem::title)
				.containsExactly("Tariffs on \"steel\" & <aluminium>", "Ports reopen");
			assertThat(feed.items()).extracting(FeedItem::link)
				.containsExactly("https://example.org/b?x=1&y=2", "https://example.org/a");
			assertThat(feed.items().get(0).description()).contains("Rates rise.").contains("A second line.");
			assertThat(feed.items()).extracting(FeedItem::published)
				.containsExactly(Instant.parse("2025-03-02T08:30:00Z"), null);
		}
	}

	@Test
	void articlePutsEscapedParagraphsInsideArticleAmongPageChrome() {
		String html = FakeFeedServer.article("Tariffs & quotas", "First <paragraph>.", "Second paragraph.");

		String article = html.substring(html.indexOf("<article"), html.indexOf("</article>"));
		assertThat(article).contains("<h1>Tariffs &amp; quotas</h1>", "<p>First &lt;paragraph&gt;.</p>",
				"<p>Second paragraph.</p>");
		assertThat(html).contains("<nav", "<footer", "Related stories", "<script");
	}

	private HttpResponse<String> get(String path, String ifNoneMatch, String ifModifiedSince) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.server.url(path))).GET();
		if (ifNoneMatch != null) {
			request.header("If-None-Match", ifNoneMatch);
		}
		if (ifModifiedSince != null) {
			request.header("If-Modified-Since", ifModifiedSince);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
