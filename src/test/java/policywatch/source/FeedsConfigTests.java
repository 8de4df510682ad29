package policywatch.source;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FeedsConfigTests {

	@TempDir
	Path directory;

	@Test
	void validFileGetsDefaultsApplied() throws IOException {
		Path file = write("""
				feeds:
				  - id: globaltimes-china
				    name: Global Times – China
				    url: https://www.globaltimes.cn/rss/outbrain.xml
				    interval: 15m
				    full-text: false
				  - id: wto-news
				    url: http://www.wto.org/library/rss/latest_news_e.xml
				""");

		List<FeedDefinition> feeds = FeedsConfig.load(file);

		assertThat(feeds).containsExactly(
				new FeedDefinition("globaltimes-china", "Global Times – China",
						URI.create("https://www.globaltimes.cn/rss/outbrain.xml"), Duration.ofMinutes(15), false),
				new FeedDefinition("wto-news", "wto-news", URI.create("http://www.wto.org/library/rss/latest_news_e.xml"),
						Duration.ofMinutes(10), true));
	}

	@Test
	void emptyListMeansNoFeeds() throws IOException {
		assertThat(FeedsConfig.load(write("feeds: []\n"))).isEmpty();
	}

	@Test
	void shippedConfigLoadsWithoutProblems() {
		List<FeedDefinition> feeds = FeedsConfig.load(Path.of("config/feeds.yml"));

		assertThat(feeds).hasSizeGreaterThanOrEqualTo(12);
		assertThat(feeds).allSatisfy((feed) -> {
			assertThat(feed.interval()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(30));
			assertThat(feed.url().getScheme()).isEqualTo("https");
			assertThat(feed.name()).isNotEqualTo(feed.id());
		});
	}

	@Test
	void missingFileIsOneProblem() {
		Path file = this.directory.resolve("absent.yml");

		InvalidConfigException ex = catchThrowableOfType(InvalidConfigException.class, () -> FeedsConfig.load(file));

		assertThat(ex.problems()).containsExactly(new ConfigProblem(file, 0, "", "file not found"));
		assertThat(ex.getMessage()).isEqualTo(file + ": file not found");
	}

	@Test
	void yamlSyntaxErrorHasItsLine() throws IOException {
		assertThat(problems("""
				feeds:
				  - id: a
				    url: https://example.org/feed
				   name: broken indentation
				""")).containsExactly(
					"4: : invalid YAML: expected <block end>, but found '<block mapping start>' (check the indentation)");
	}

	@Test
	void unclosedQuoteIsASyntaxError() throws IOException {
		assertThat(problems("""
				feeds:
				  - id: "a
				    url: https://example.org/feed
				""")).containsExactly(
					"4: : invalid YAML: found unexpected end of stream (while scanning a quoted scalar started on line 2)");
	}

	@Test
	void secondDocumentIsASyntaxError() throws IOException {
		assertThat(problems("feeds: []\n---\nfeeds: []\n"))
			.containsExactly("2: : invalid YAML: found a second document; remove the '---' line");
	}

	@Test
	void emptyFileMissesTheFeedsList() throws IOException {
		assertThat(problems("# nothing yet\n"))
			.containsExactly("0: feeds: missing; the file must start with 'feeds:' (write 'feeds: []' for no feeds)");
	}

	@Test
	void feedsWithoutAListIsAProblem() throws IOException {
		assertThat(problems("feeds:\n"))
			.containsExactly("1: feeds: is empty; list feeds under it, or write 'feeds: []'");
		assertThat(problems("feeds: https://example.org/feed\n"))
			.containsExactly("1: feeds: expected a list of feeds, each starting with '- id:'");
	}

	@Test
	void misspelledFeedsKeyIsUnknownAndFeedsMissing() throws IOException {
		assertThat(problems("""
				feed:
				  - id: a
				    url: https://example.org/feed
				""")).containsExactly("1: feed: unknown key; did you mean 'feeds'? (known keys: feeds)",
					"1: feeds: missing; the file must have 'feeds:' (write 'feeds: []' for no feeds)");
	}

	@Test
	void unknownKeyIsReportedWithASuggestion() throws IOException {
		assertThat(problems("""
				feeds:
				  - id: a
				    url: https://example.org/feed
				    intervall: 10m
				""")).containsExactly("4: feeds[0].intervall: unknown key; did you mean 'interval'?"
				+ " (known keys: id, name, url, interval, full-text)");
	}

	@Test
	void missingIdAndUrlAreReportedOnTheFeedLine() throws IOException {
		assertThat(problems("""
				feeds:
				  - name: Nameless
				""")).containsExactly("2: feeds[0].id: is required", "2: feeds[0].url: is required");
	}

	@Test
	void badIdPattern() throws IOException {
		assertThat(problems("""
				feeds:
				  - id: Global Times
				    url: https://example.org/feed
				""")).containsExactly(
					"2: feeds[0].id: 'Global Times' must use only lower-case letters, digits and hyphens ([a-z0-9-]+)");
	}

	@Test
	void duplicateIdNamesTheLineOfTheFirst() throws IOException {
		assertThat(problems("""
				feeds:
				  - id: wto-news
				    url: https://example.org/a
				  - id: un-news
				    url: https://example.org/b
				  - id: wto-news
				    url: https://example.org/c
				""")).containsExactly("6: feeds[2].id: duplicate id 'wto-news' (first used on line 2)");
	}

	@Test
	void urlMustBeAbsoluteHttpOrHttps() throws IOException {
		assertThat(problems("""
				feeds:
				  - id: a
				    url: ftp://example.org/feed
				  - id: b
				    url: /feed.xml
				  - id: c
				    url: https://exa mple.org/
				""")).containsExactly("3: feeds[0].url: 'ftp://example.org/feed' is not an absolute http or https URL",
					"5: feeds[1].url: '/feed.xml' is not an absolute http or https URL",
					"7: feeds[2].url: 'https://exa mple.org/' is not an absolute http or https URL");
	}

	@Test
	void badDurations() throws IOException {
		assertThat(problems("""
				feeds:
				  - id: a
				    url: https://example.org/a
				    interval: ten minutes
				  - id: b
				    url: https://example.org/b
				    interval: 600
				  - id: c
				    url: https://example.org/c
				    interval: 10x
				""")).containsExactly("4: feeds[0].interval: 'ten minutes' is not a duration (examples: 30s, 10m, 1h)",
					"7: feeds[1].interval: '600' needs a unit, e.g. 600s or 600m",
					"10: feeds[2].interval: '10x' is not a duration (examples: 30s, 10m, 1h)");
	}

	@Test
	void intervalUnderOneSecond() throws IOException {
		assertThat(problems("""
				feeds:
				  - id: a
				    url: https://example.org/a
				    interval: 500ms
				""")).containsExactly("4: feeds[0].interval: '500ms' is shorter than the minimum of 1s");
	}

	@Test
	void acceptsIsoAndSecondIntervals() throws IOException {
		List<FeedDefinition> feeds = FeedsConfig.load(write("""
				feeds:
				  - id: a
				    url: https://example.org/a
				    interval: 1s
				  - id: b
				    url: https://example.org/b
				    interval: PT1H
				"""));

		assertThat(feeds).extracting(FeedDefinition::interval).containsExactly(Duration.ofSeconds(1),
				Duration.ofHours(1));
	}

	@Test
	void fullTextMustBeBoolean() throws IOException {
		assertThat(problems("""
				feeds:
				  - id: a
				    url: https://example.org/a
				    full-text: sometimes
				""")).containsExactly("4: feeds[0].full-text: 'sometimes' is not true or false");
	}

	@Test
	void everyProblemIsReportedAtOnce() throws IOException {
		assertThat(problems("""
				feeds:
				  - id: A
				    url: nowhere
				    interval: 0s
				    full-text: maybe
				  - url: https://example.org/b
				    colour: red
				""")).containsExactly(
					"2: feeds[0].id: 'A' must use only lower-case letters, digits and hyphens ([a-z0-9-]+)",
					"3: feeds[0].url: 'nowhere' is not an absolute http or https URL",
					"4: feeds[0].interval: '0s' is shorter than the minimum of 1s",
					"5: feeds[0].full-text: 'maybe' is not true or false",
					"6: feeds[1].id: is required",
					"7: feeds[1].colour: unknown key (known keys: id, name, url, interval, full-text)");
	}

	@Test
	void keySetTwiceAndNonScalarValues() throws IOException {
		assertThat(problems("""
				feeds:
				  - id: a
				    url: https://example.org/a
				    url: https://example.org/b
				  - id: [x, y]
				    url: https://example.org/c
				  - just a string
				""")).containsExactly("4: feeds[0].url: set twice (first on line 3)",
					"5: feeds[1].id: expected a single value, not a list or mapping",
					"7: feeds[2]: expected a feed with 'id:' and 'url:'");
	}

	@Test
	void badUtf8IsReportedNotThrown() throws IOException {
		Path file = this.directory.resolve("feeds.yml");
		byte[] start = "feeds:\n  - id: a\n    name: Caf".getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[start.length + 2];
		System.arraycopy(start, 0, bytes, 0, start.length);
		bytes[start.length] = (byte) 0xE9; // Latin-1 é
		bytes[start.length + 1] = '\n';
		Files.write(file, bytes);

		assertThatExceptionOfType(InvalidConfigException.class).isThrownBy(() -> FeedsConfig.load(file))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(new ConfigProblem(file, 3, "",
					"not valid UTF-8 (byte " + start.length + "); save the file as UTF-8")));
	}

	@Test
	void byteOrderMarkIsAccepted() throws IOException {
		assertThat(FeedsConfig.load(write("\uFEFFfeeds: []\n"))).isEmpty();
	}

	private Path write(String yaml) throws IOException {
		return Files.writeString(this.directory.resolve("feeds.yml"), yaml, StandardCharsets.UTF_8);
	}

	/** Problems as "line: field: reason". */
	private List<String> problems(String yaml) throws IOException {
		Path file = write(yaml);
		InvalidConfigException ex = catchThrowableOfType(InvalidConfigException.class, () -> FeedsConfig.load(file));
		assertThat(ex).as("expected problems").isNotNull();
		assertThat(ex.problems()).allSatisfy((problem) -> assertThat(problem.file()).isEqualTo(file));
		return ex.problems().stream().map((p) -> p.line() + ": " + p.field() + ": " + p.reason()).toList();
	}

}
