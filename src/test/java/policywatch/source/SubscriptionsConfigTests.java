package policywatch.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import policywatch.subscription.ConfiguredSubscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SubscriptionsConfigTests {

	@TempDir
	Path dir;

	@Test
	void subscriptionsWithAndWithoutFeeds() throws IOException {
		feeds("wto-news", "globaltimes-china");
		subscriptions("""
				subscriptions:
				  - chat: -1001234567890
				    query: BRICS OR "supply chain"
				    feeds: [wto-news, globaltimes-china, wto-news]   # repeats are harmless
				  - chat: "42"
				    query: export controls
				  - chat: 42
				    query: tariff
				    feeds: wto-news
				""");

		assertThat(AdminConfig.load(this.dir, Duration.ofMinutes(10)).subscriptions()).containsExactly(
				new ConfiguredSubscription(-1001234567890L, "BRICS OR \"supply chain\"",
						List.of("globaltimes-china", "wto-news")),
				new ConfiguredSubscription(42, "export controls", List.of()),
				new ConfiguredSubscription(42, "tariff", List.of("wto-news")));
	}

	@Test
	void shippedFileAndItsExampleAreValid() throws IOException {
		Files.copy(Path.of("config/feeds.yml"), this.dir.resolve("feeds.yml"));
		Files.copy(Path.of("config/subscriptions.yml"), this.dir.resolve("subscriptions.yml"));
		assertThat(AdminConfig.load(this.dir, Duration.ofMinutes(10)).subscriptions()).isEmpty();

		StringBuilder example = new StringBuilder();
		for (String line : Files.readAllLines(Path.of("config/subscriptions.yml"))) {
			if (line.startsWith("# subscriptions:") || line.startsWith("#   ")) {
				example.append(line.substring(2)).append('\n');
			}
		}
		subscriptions(example.toString());
		assertThat(AdminConfig.load(this.dir, Duration.ofMinutes(10)).subscriptions()).containsExactly(
				new ConfiguredSubscription(-1001234567890L, "BRICS OR \"supply chain\"",
						List.of("globaltimes-china", "wto-news"), "daily 08:00", "Europe/Berlin"));
	}

	@Test
	void missingOrEmptyFileMeansNone() throws IOException {
		feeds("wto-news");
		assertThat(AdminConfig.load(this.dir, Duration.ofMinutes(10)).subscriptions()).isEmpty();
		subscriptions("");
		assertThat(AdminConfig.load(this.dir, Duration.ofMinutes(10)).subscriptions()).isEmpty();
		subscriptions("subscriptions:\n");
		assertThat(AdminConfig.load(this.dir, Duration.ofMinutes(10)).subscriptions()).isEmpty();
		subscriptions("subscriptions: []\n");
		assertThat(AdminConfig.load(this.dir, Duration.ofMinutes(10)).subscriptions()).isEmpty();
	}

	@Test
	void everyProblemWithFileLineAndField() throws IOException {
		feeds("wto-news");
		subscriptions("""
				subscriptions:
				  - chat: team
				    query: BRICS
				  - chat: -100
				    query: '"supply chain'
				  - chat: -100
				    query: tariffs
				    feeds: [wto-newz, nowhere]
				    priority: high
				  - query: BRICS
				  - chat: -100
				    query: tariffs
				  - chat: -100
				    query: tariffs
				  - chat: 0
				    query: x
				    feeds: []
				""");

		assertThat(problems()).containsExactly(
				"subscriptions.yml:2: subscriptions[0].chat: 'team' is not a chat id (a number such as -1001234567890 "
						+ "for a group or channel; forward a message from the chat to @userinfobot to find it)",
				"subscriptions.yml:5: subscriptions[1].query: '\"supply chain' is not a valid query: "
						+ queryError("\"supply chain"),
				"subscriptions.yml:8: subscriptions[2].feeds[0]: unknown feed id 'wto-newz' (not in feeds.yml); "
						+ "did you mean 'wto-news'?",
				"subscriptions.yml:8: subscriptions[2].feeds[1]: unknown feed id 'nowhere' (not in feeds.yml)",
				"subscriptions.yml:9: subscriptions[2].priority: unknown key (known keys: chat, query, feeds, digest, time-zone)",
				"subscriptions.yml:10: subscriptions[3].chat: is required",
				"subscriptions.yml:13: subscriptions[5]: the same chat and query as on line 11; merge them into one "
						+ "(list both feeds under 'feeds:')",
				"subscriptions.yml:15: subscriptions[6].chat: '0' is not a chat id (a number such as -1001234567890 "
						+ "for a group or channel; forward a message from the chat to @userinfobot to find it)",
				"subscriptions.yml:17: subscriptions[6].feeds: is empty; leave 'feeds:' out to cover all feeds");
	}

	@Test
	void badFeedsFileAndBadSubscriptionsAreReportedTogether() throws IOException {
		Files.writeString(this.dir.resolve("feeds.yml"), """
				feeds:
				  - id: wto-news
				    url: not a url
				""");
		subscriptions("""
				subscriptions:
				  - chat: -100
				    query: ''
				    feeds: [wto-news]
				""");

		assertThat(problems()).containsExactly(
				"feeds.yml:3: feeds[0].url: 'not a url' is not an absolute http or https URL",
				"subscriptions.yml:3: subscriptions[0].query: is required");
	}

	@Test
	void yamlErrorsHaveTheirLine() throws IOException {
		feeds("wto-news");
		subscriptions("""
				subscriptions:
				  - chat: -100
				   query: broken
				""");
		assertThat(problems()).singleElement().asString().startsWith("subscriptions.yml:3: invalid YAML");
		subscriptions("- chat: 1\n");
		assertThat(problems()).containsExactly(
				"subscriptions.yml:1: expected 'subscriptions:' followed by a list of subscriptions");
	}

	@Test
	void queriesLongerThanTheDatabaseHoldsAreRejectedWithTheirLine() throws IOException {
		feeds("wto-news");
		String longQuery = "supply chain ".repeat(93).strip();
		subscriptions("""
				subscriptions:
				  - chat: -100
				    query: BRICS
				  - chat: -100
				    query: %s
				""".formatted(longQuery));
		assertThat(problems()).containsExactly("subscriptions.yml:5: subscriptions[1].query: the query is "
				+ longQuery.length() + " characters long; the most a subscription can hold is 1000");
	}

	@Test
	void prefixTermsAreLimitedPerQueryAndPerChat() throws IOException {
		feeds("wto-news");
		subscriptions("""
				subscriptions:
				  - chat: -100
				    query: the -aaa* -aab* -aac* -aad* -aae* -aaf*
				""");
		assertThat(problems()).containsExactly("subscriptions.yml:3: subscriptions[0].query: the query has 6 prefix "
				+ "terms (word*); one query may have at most 5");
		StringBuilder text = new StringBuilder("subscriptions:\n");
		for (int i = 0; i < 6; i++) {
			text.append("  - chat: -100\n    query: sanction").append((char) ('a' + i)).append("* OR tarif* OR expor* OR duti*\n");
		}
		subscriptions(text.toString());
		assertThat(problems()).containsExactly("subscriptions.yml:12: subscriptions[5]: chat -100 would have 24 prefix "
				+ "terms (word*) in its subscriptions together; a chat may have at most 20 (each one costs a lookup in "
				+ "every article)");
		subscriptions(text.toString().replace("  - chat: -100\n    query: sanctionf*", "  - chat: -200\n    query: sanctionf*"));
		assertThat(AdminConfig.load(this.dir, Duration.ofMinutes(10)).subscriptions()).hasSize(6);
	}

	private static String queryError(String query) {
		try {
			policywatch.query.Query.parse(query);
			return "(parses)";
		}
		catch (policywatch.query.QueryParseException ex) {
			return ex.getMessage();
		}
	}

	private List<String> problems() {
		InvalidConfigException ex = catchThrowableOfType(InvalidConfigException.class,
				() -> AdminConfig.load(this.dir, Duration.ofMinutes(10)));
		assertThat(ex).as("problems expected").isNotNull();
		return ex.problems().stream().map((problem) -> this.dir.relativize(problem.file()) + toString(problem)).toList();
	}

	private static String toString(ConfigProblem problem) {
		String text = problem.toString();
		return text.substring(problem.file().toString().length());
	}

	private void feeds(String... ids) throws IOException {
		StringBuilder text = new StringBuilder("feeds:\n");
		for (String id : ids) {
			text.append("  - id: ").append(id).append("\n    url: https://example.org/").append(id).append(".xml\n");
		}
		Files.writeString(this.dir.resolve("feeds.yml"), text);
	}

	private void subscriptions(String text) throws IOException {
		Files.writeString(this.dir.resolve("subscriptions.yml"), text);
	}

}
