package policywatch.ingest.parse;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entries that enclose a PDF document (a decision, a fact sheet) carry its absolute link, so that
 * its text can be read when the entry's own page gives none.
 */
class PdfEnclosureTests {

	private static final URI FEED = URI.create("https://ministry.example/news/feed.xml");

	private final FeedParser parser = new FeedParser();

	@Test
	void rssEnclosureOfTypePdfIsResolved() throws FeedParseException {
		ParsedFeed feed = parse("""
				<rss version="2.0"><channel><title>Decisions</title>
				<item><title>Decision 12</title><link>https://ministry.example/d12</link>
				<enclosure url="/files/d12.pdf" length="1000" type="application/pdf"/></item>
				<item><title>Podcast</title><link>https://ministry.example/p</link>
				<enclosure url="https://ministry.example/p.mp3" length="1000" type="audio/mpeg"/></item>
				</channel></rss>""");
		assertThat(feed.items().get(0).pdf()).isEqualTo("https://ministry.example/files/d12.pdf");
		assertThat(feed.items().get(1).pdf()).isNull();
	}

	@Test
	void atomEnclosureWithoutTypeIsTakenByItsName() throws FeedParseException {
		ParsedFeed feed = parse("""
				<feed xmlns="http://www.w3.org/2005/Atom"><title>Trade</title><id>urn:t</id>
				<updated>2024-01-01T00:00:00Z</updated>
				<entry><title>Fact sheet</title><id>urn:1</id><updated>2024-01-01T00:00:00Z</updated>
				<link href="https://trade.example/fs"/>
				<link rel="enclosure" href="https://trade.example/fs.PDF?v=2"/></entry>
				</feed>""");
		assertThat(feed.items().get(0).pdf()).isEqualTo("https://trade.example/fs.PDF?v=2");
	}

	private ParsedFeed parse(String xml) throws FeedParseException {
		return this.parser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/xml", FEED);
	}

}
