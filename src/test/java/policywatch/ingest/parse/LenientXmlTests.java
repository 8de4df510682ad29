package policywatch.ingest.parse;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ill-formed feeds that the strict parser rejects are still read.
 */
class LenientXmlTests {

	private ParsedFeed parse(String xml) throws FeedParseException {
		return new FeedParser().parse(xml.getBytes(StandardCharsets.UTF_8), null, URI.create("http://example.org/feed"));
	}

	@Test
	void truncatedDocumentKeepsTheEntriesItHas() throws Exception {
		ParsedFeed feed = parse("""
				<rss version="2.0"><channel><title>Cut</title>
				<item><title>First</title><link>http://example.org/1</link></item>
				<item><title>Second</title><link>http://example.org/2</link>""");
		assertThat(feed.items()).extracting(FeedItem::title).containsExactly("First", "Second");
	}

	@Test
	void mismatchedAndUnclosedTags() throws Exception {
		ParsedFeed feed = parse("""
				<rss version="2.0"><channel><title>Mismatch</title>
				<item><title>One</title><link>http://example.org/1</link><description>a <b>bold</i> move</description></item>
				<item><title>Two</titel><link>http://example.org/2</link></item>
				</channel></rss>""");
		assertThat(feed.items()).extracting(FeedItem::link).containsExactly("http://example.org/1", "http://example.org/2");
		assertThat(feed.items().get(0).description()).contains("bold").contains("move");
	}

	@Test
	void undeclaredPrefixesAndUnquotedAttributes() throws Exception {
		ParsedFeed feed = parse("""
				<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title>
				<entry><id>e1</id><title type=html>Hello &amp;amp; bye</title><link href=http://example.org/e1 />
				<media:thumbnail url="x.jpg"/><dc:creator>me</dc:creator></entry></feed>""");
		assertThat(feed.items()).singleElement().satisfies((item) -> {
			assertThat(item.title()).isEqualTo("Hello & bye");
			assertThat(item.link()).isEqualTo("http://example.org/e1");
		});
	}

	@Test
	void feedInsideGarbageAndWithoutVersionOrChannel() throws Exception {
		ParsedFeed feed = parse("garbage before\n<rss><item><title>Loose item</title><link>/x</link></item></rss>");
		assertThat(feed.items()).extracting(FeedItem::link).containsExactly("http://example.org/x");
	}

	@Test
	void lessThanThatOpensNoTagIsText() throws Exception {
		ParsedFeed feed = parse("<rss version=\"2.0\"><channel><title>a < b & c <3</title><item><title>x</title>"
				+ "<link>http://example.org/1</link></item></channel></rss>");
		assertThat(feed.title()).isEqualTo("a < b & c <3");
		assertThat(feed.items()).hasSize(1);
	}

}
