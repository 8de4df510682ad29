package policywatch.ingest.parse;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FeedParserTests {

	private static final URI FEED = URI.create("https://example.org/news/feed.xml");

	private final FeedParser parser = new FeedParser();

	private ParsedFeed parse(String xml) throws FeedParseException {
		return this.parser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/xml", FEED);
	}

	@Test
	void readsRss2() throws Exception {
		ParsedFeed feed = parse("""
				<?xml version="1.0" encoding="UTF-8"?>
				<rss version="2.0"><channel><title>Ministry &amp; news</title><link>https://example.org/</link>
				<item><title>Budget &lt;b&gt;2025&lt;/b&gt;</title><link>https://example.org/a?utm_source=rss&amp;id=7</link>
				<guid isPermaLink="false">item-1</guid><description>&lt;p&gt;First &lt;em&gt;para&lt;/em&gt;&lt;/p&gt;</description>
				<pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate></item>
				</channel></rss>""");
		assertThat(feed.title()).isEqualTo("Ministry & news");
		assertThat(feed.link()).isEqualTo("https://example.org/");
		assertThat(feed.items()).singleElement().satisfies((item) -> {
			assertThat(item.title()).isEqualTo("Budget 2025");
			assertThat(item.link()).isEqualTo("https://example.org/a?id=7");
			assertThat(item.guid()).isEqualTo("item-1");
			assertThat(item.key()).isEqualTo("item-1");
			assertThat(item.description()).isEqualTo("First para");
			assertThat(item.published()).isEqualTo(Instant.parse("2003-06-10T04:00:00Z"));
		});
	}

	@Test
	void resolvesRelativeLinksAgainstXmlBaseAndFeedAddress() throws Exception {
		ParsedFeed feed = parse("""
				<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">A &lt;b&gt; feed</title>
				<link href="/"/>
				<entry><id>tag:1</id><title>One</title><link href="one.html"/><updated>2024-01-02T03:04:05+01:00</updated></entry>
				<entry xml:base="https://other.example/dir/"><id>tag:2</id><title type="html">&lt;i&gt;Two&lt;/i&gt;</title>
				<link rel="alternate" href="two.html"/><published>2024-01-02</published></entry>
				</feed>""");
		assertThat(feed.title()).isEqualTo("A <b> feed");
		assertThat(feed.link()).isEqualTo("https://example.org/");
		assertThat(feed.items()).extracting(FeedItem::link)
			.containsExactly("https://example.org/news/one.html", "https://other.example/dir/two.html");
		assertThat(feed.items()).extracting(FeedItem::title).containsExactly("One", "Two");
		assertThat(feed.items()).extracting(FeedItem::published)
			.containsExactly(Instant.parse("2024-01-02T02:04:05Z"), Instant.parse("2024-01-02T00:00:00Z"));
	}

	@Test
	void readsRss091WithDoctype() throws Exception {
		ParsedFeed feed = parse("""
				<?xml version="1.0" encoding="ISO-8859-1"?>
				<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
				<rss version="0.91"><channel><title>Old</title><link>http://example.org/</link><description>d</description>
				<language>en</language><item><title>Caf&eacute;&nbsp;news</title><link>http://example.org/1</link></item>
				</channel></rss>""");
		assertThat(feed.items()).singleElement().satisfies((item) -> {
			assertThat(item.title()).startsWith("Café").endsWith("news");
			assertThat(item.key()).isEqualTo("http://example.org/1");
		});
	}

	@Test
	void externalEntitiesAreNeverRead(@TempDir Path dir) throws Exception {
		Path secret = dir.resolve("secret.txt");
		Files.writeString(secret, "TOPSECRET");
		String xml = """
				<?xml version="1.0"?>
				<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "%s"> <!ENTITY %% remote SYSTEM "%s"> %%remote; ]>
				<rss version="2.0"><channel><title>t&xxe;</title><item><title>x&xxe;</title><link>http://e.org/1</link></item></channel></rss>
				""".formatted(secret.toUri(), secret.toUri());
		ParsedFeed feed = parse(xml);
		assertThat(feed.title()).doesNotContain("TOPSECRET");
		assertThat(feed.items()).singleElement().satisfies((item) -> assertThat(item.title()).doesNotContain("TOPSECRET"));
	}

	@Test
	void billionLaughsIsRefused() {
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
		xml.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
		for (int i = 2; i <= 9; i++) {
			xml.append("<!ENTITY lol").append(i).append(" \"");
			xml.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
		}
		xml.append("]><rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>");
		assertThatExceptionOfType(FeedParseException.class).isThrownBy(() -> parse(xml.toString()))
			.withMessage("entity expansion limit exceeded (refused)");
	}

	@Test
	void repairsStrayAmpersandsAndLeadingGarbage() throws Exception {
		ParsedFeed feed = parse("""
				\uFEFF  \n junk <?xml version="1.0"?><rss version="2.0"><channel><title>AT&T & friends</title>
				<item><title>R&D &copy 2024</title><link>http://example.org/?a=1&b=2</link></item></channel></rss>""");
		assertThat(feed.title()).isEqualTo("AT&T & friends");
		assertThat(feed.items().get(0).title()).isEqualTo("R&D © 2024");
		assertThat(feed.items().get(0).link()).isEqualTo("http://example.org/?a=1&b=2");
	}

	@Test
	void charsetFromHttpHeaderWinsOverDeclaration() throws Exception {
		String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Ä</title>"
				+ "<item><title>Grüße</title><link>http://e.org/1</link></item></channel></rss>";
		byte[] latin = xml.getBytes(Charset.forName("ISO-8859-1"));
		ParsedFeed feed = this.parser.parse(latin, "text/xml; charset=ISO-8859-1", FEED);
		assertThat(feed.items().get(0).title()).isEqualTo("Grüße");
		// without any label, undecodable UTF-8 degrades to windows-1252 instead of losing the feed
		assertThat(this.parser.parse(latin, null, FEED).items().get(0).title()).isEqualTo("Grüße");
		byte[] utf16 = xml.replace("utf-8", "utf-16").getBytes(StandardCharsets.UTF_16LE);
		assertThat(this.parser.parse(utf16, "text/xml; charset=utf-8", FEED).items().get(0).title()).isEqualTo("Grüße");
	}

	@Test
	void keysFallBackToLinkThenHash() throws Exception {
		ParsedFeed feed = parse("""
				<rss version="2.0"><channel><title>t</title>
				<item><title>A</title><link>https://Example.org:443/a?fbclid=x</link></item>
				<item><title>B</title><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate></item>
				<item><title>B</title><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate></item>
				<item><guid>%s</guid></item>
				</channel></rss>""".formatted("g".repeat(600)));
		List<FeedItem> items = feed.items();
		assertThat(items.get(0).key()).isEqualTo("https://example.org/a");
		assertThat(items.get(1).key()).startsWith("sha256:").isEqualTo(items.get(2).key());
		assertThat(items.get(3).key()).startsWith("sha256:").hasSizeLessThanOrEqualTo(512);
	}

	@Test
	void readsJsonFeed() throws Exception {
		ParsedFeed feed = this.parser.parse("""
				{"version":"https://jsonfeed.org/version/1.1","title":"J","home_page_url":"https://example.org/",
				 "items":[{"id":"1","url":"/posts/1?utm_medium=x","title":"Hello","content_html":"<p>Hi &amp; bye</p>",
				 "date_published":"2024-03-04T05:06:07Z"},{"id":2,"content_text":"no title"}]}""".getBytes(StandardCharsets.UTF_8),
				"application/feed+json", FEED);
		assertThat(feed.title()).isEqualTo("J");
		assertThat(feed.items()).hasSize(2);
		assertThat(feed.items().get(0).link()).isEqualTo("https://example.org/posts/1");
		assertThat(feed.items().get(0).description()).isEqualTo("Hi & bye");
		assertThat(feed.items().get(1).key()).isEqualTo("2");
	}

	@Test
	void notAFeed() {
		assertThatExceptionOfType(FeedParseException.class)
			.isThrownBy(() -> parse("<html><body>hello</body></html>"))
			.withMessage("not an RSS, Atom or JSON feed (root element <html>)");
		assertThatExceptionOfType(FeedParseException.class)
			.isThrownBy(() -> this.parser.parse(new byte[0], null, FEED))
			.withMessage("empty document");
	}

	@Test
	void titlesKeepTextThatOnlyLooksLikeATagButLoseRealMarkup() throws Exception {
		ParsedFeed rss = parse("""
				<rss version="2.0"><channel><title>t</title>
				<item><title>BRICS &amp; partners &lt;update&gt; &gt; expected</title><link>http://e.org/1</link></item>
				<item><title>safe&lt;script&gt;alert(1)&lt;/script&gt; description</title><link>http://e.org/2</link></item>
				</channel></rss>""");
		assertThat(rss.items()).extracting(FeedItem::title)
			.containsExactly("BRICS & partners <update> > expected", "safe description");
		ParsedFeed atom = parse("""
				<feed xmlns="http://www.w3.org/2005/Atom"><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Example <b>Atom</b></div></title>
				<entry><id>1</id><title type="text">a &lt;b&gt; c</title></entry></feed>""");
		assertThat(atom.title()).isEqualTo("Example Atom");
		assertThat(atom.items().get(0).title()).isEqualTo("a <b> c");
	}

	static String read(String name) throws IOException {
		return new String(FeedParserTests.class.getResourceAsStream(name).readAllBytes(), StandardCharsets.UTF_8);
	}

}
