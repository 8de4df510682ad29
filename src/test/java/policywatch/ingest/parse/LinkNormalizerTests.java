package policywatch.ingest.parse;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LinkNormalizerTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			https://Example.ORG/a/b?utm_source=rss&utm_medium=feed             | https://example.org/a/b
			https://example.org/a?id=7&utm_campaign=x&fbclid=abc&gclid=1      | https://example.org/a?id=7
			HTTP://example.org:80                                            | http://example.org/
			https://example.org:443/x#section-2                              | https://example.org/x#section-2
			https://example.org:8443/x?b=2&a=1                               | https://example.org:8443/x?b=2&a=1
			'  https://example.org/path with space  '                        | https://example.org/path%20with%20space
			https://example.org/caf\u00e9                                     | https://example.org/caf%C3%A9
			https://example.org/?mc_cid=1&mc_eid=2&msclkid=3                 | https://example.org/
			/relative/link?utm_source=x                                      | /relative/link?utm_source=x
			mailto:press@example.org                                         | mailto:press@example.org
			""")
	void canonicalForm(String link, String expected) {
		assertThat(LinkNormalizer.canonical(link.translateEscapes())).isEqualTo(expected);
	}

	@Test
	void blankIsNull() {
		assertThat(LinkNormalizer.canonical(null)).isNull();
		assertThat(LinkNormalizer.canonical("  ")).isNull();
	}

	@Test
	void resolvesRelativeLinks() {
		URI base = URI.create("https://example.org/news/feed.xml");
		assertThat(LinkNormalizer.resolve(base, "item.html")).isEqualTo("https://example.org/news/item.html");
		assertThat(LinkNormalizer.resolve(base, "/root")).isEqualTo("https://example.org/root");
		assertThat(LinkNormalizer.resolve(base, "//cdn.example.org/x")).isEqualTo("https://cdn.example.org/x");
		assertThat(LinkNormalizer.resolve(base, "https://other.org/")).isEqualTo("https://other.org/");
		assertThat(LinkNormalizer.resolve(null, "relative")).isEqualTo("relative");
	}

	@Test
	void sameArticleWithDifferentTrackingGetsTheSameKey() throws Exception {
		String feed = """
				<rss version="2.0"><channel><title>t</title>
				<item><title>A</title><link>https://example.org/a?utm_source=rss</link></item>
				<item><title>A</title><link>https://EXAMPLE.org/a?utm_source=twitter&amp;fbclid=1</link></item>
				</channel></rss>""";
		ParsedFeed parsed = new FeedParser().parse(feed.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, null);
		assertThat(parsed.items()).extracting(FeedItem::key).containsExactly("https://example.org/a", "https://example.org/a");
	}

}
