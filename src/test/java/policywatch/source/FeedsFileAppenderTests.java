package policywatch.source;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeedsFileAppenderTests {

	private static final FeedDefinition FEED = new FeedDefinition("eu-trade", "EU \"trade\"\tnews",
			URI.create("https://example.org/eu.xml"), Duration.ofHours(2), false);

	@Test
	void anEmptyFlowListBecomesABlockListAndItsCommentStays() throws InvalidConfigException {
		String text = FeedsFileAppender.append("# mine\nfeeds: [] # none yet\n", List.of(FEED));

		assertThat(text).startsWith("# mine\nfeeds: # none yet\n  # imported from OPML\n  - id: eu-trade\n");
		assertThat(FeedsConfig.parse(Path.of("feeds.yml"), text)).singleElement().satisfies((feed) -> {
			assertThat(feed.name()).isEqualTo("EU \"trade\"\tnews");
			assertThat(feed.interval()).isEqualTo(Duration.ofHours(2));
			assertThat(feed.fullText()).isFalse();
		});
	}

	@Test
	void newItemsTakeTheIndentationOfTheExistingOnes() {
		String text = FeedsFileAppender.append("feeds:\n    - id: a\n      url: https://example.org/a.xml", List.of(FEED));

		assertThat(text).contains("https://example.org/a.xml\n    # imported from OPML\n    - id: eu-trade\n"
				+ "      name: \"EU \\\"trade\\\"\\x09news\"\n");
	}

	@Test
	void urlsThatDifferOnlyInCaseDefaultPortOrTrailingSlashHaveOneKey() {
		assertThat(FeedIds.urlKey(URI.create("HTTPS://Example.ORG:443/feed/")))
			.isEqualTo(FeedIds.urlKey(URI.create("https://example.org/feed")));
		assertThat(FeedIds.urlKey(URI.create("https://example.org/feed?a=1")))
			.isNotEqualTo(FeedIds.urlKey(URI.create("https://example.org/feed?a=2")));
	}

}
