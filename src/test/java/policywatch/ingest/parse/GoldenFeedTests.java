package policywatch.ingest.parse;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.SerializationFeature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files: each feed under {@code golden/} parses to exactly its {@code .expected.json}.
 * Run with {@code -Dgolden.update=src/test/resources} to rewrite the expectations (then review
 * the diff).
 */
class GoldenFeedTests {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			rss20.xml              | application/rss+xml; charset=utf-8 | https://www.example.gov/press/feed/
			atom10.xml             | application/atom+xml               | https://eur-lex.example.eu/news/feed.atom
			rss091-doctype.xml     | text/xml                           | http://www.example.fr/rss.xml
			rdf10.xml              | -                                  | https://parliament.example.org/rss
			jsonfeed11.json        | application/feed+json              | https://regulator.example.org/feed.json
			illformed.xml          | text/xml                           | http://council.example.org/rss
			cp1252-http-label.xml  | text/xml; charset=windows-1252     | http://prefecture.example.fr/rss
			utf16le-bom.xml        | application/atom+xml; charset=utf-8 | https://astra.example.ch/feed
			""")
	void parsesToTheGoldenResult(String file, String contentType, String feedUri) throws Exception {
		byte[] body;
		try (InputStream in = getClass().getResourceAsStream("golden/" + file)) {
			body = in.readAllBytes();
		}
		ParsedFeed feed = new FeedParser().parse(body, contentType, URI.create(feedUri));
		String actual = JSON.writeValueAsString(toMap(feed));
		String expectedName = "golden/" + file.substring(0, file.lastIndexOf('.')) + ".expected.json";
		String update = System.getProperty("golden.update");
		if (update != null) {
			Path target = Path.of(update, "policywatch/ingest/parse", expectedName);
			Files.writeString(target, actual + "\n", StandardCharsets.UTF_8);
		}
		JsonNode expected;
		try (InputStream in = getClass().getResourceAsStream(expectedName)) {
			assertThat(in).as("expected file " + expectedName).isNotNull();
			expected = JSON.readTree(in);
		}
		assertThat(JSON.readTree(actual)).isEqualTo(expected);
	}

	private static Map<String, Object> toMap(ParsedFeed feed) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("title", feed.title());
		map.put("link", feed.link());
		map.put("items", feed.items().stream().map(GoldenFeedTests::toMap).toList());
		return map;
	}

	private static Map<String, Object> toMap(FeedItem item) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("key", item.key());
		map.put("guid", item.guid());
		map.put("link", item.link());
		map.put("title", item.title());
		map.put("description", item.description());
		map.put("published", (item.published() != null) ? item.published().toString() : null);
		return map;
	}


}
