package policywatch.ingest.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import policywatch.ingest.fetch.HttpFetcher;
import policywatch.testing.FakeFeedServer;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCommandTests {

	private static final String FEED = """
			<?xml version="1.0" encoding="utf-8"?>
			<rss version="2.0"><channel><title>Ministry news</title><link>https://example.gov/</link>
			<item><title>New climate law adopted</title><link>ARTICLE</link><guid>n-1</guid>
			<pubDate>Mon, 03 Mar 2025 09:30:00 GMT</pubDate><description>Parliament adopted the climate law.</description></item>
			<item><title>Budget hearing</title><link>https://example.gov/budget</link><description>Committee hearing.</description></item>
			</channel></rss>
			""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dir;

	private FakeFeedServer server;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void start() throws IOException {
		this.server = new FakeFeedServer().start();
		this.server.put("/feed.xml", "application/rss+xml", FEED.replace("ARTICLE", base() + "/article.html"));
		this.server.put("/article.html", "text/html; charset=utf-8",
				"<html><head><title>Climate</title></head><body><article><h1>New climate law adopted</h1>"
						+ "<p>The law sets a carbon budget for every sector of the economy until 2040.</p>"
						+ "<p>It also creates an independent climate council.</p></article></body></html>");
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private String base() {
		return this.server.origin();
	}

	private int run(Map<String, String> env, Map<String, String> system, String... args) {
		return CheckCommand.run(List.of(args), new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), env, system::get, HttpFetcher::new);
	}

	private int run(String... args) {
		return run(Map.of(), Map.of(), args);
	}

	private List<JsonNode> jsonLines() throws IOException {
		List<JsonNode> lines = new ArrayList<>();
		for (String line : this.out.toString(StandardCharsets.UTF_8).split("\n")) {
			if (!line.isBlank()) {
				lines.add(JSON.readTree(line));
			}
		}
		return lines;
	}

	private Path file(String name, String content) throws IOException {
		Path path = this.dir.resolve(name);
		Files.writeString(path, content, StandardCharsets.UTF_8);
		return path;
	}

	@Test
	void listsTheEntriesOfAFileWithMatches() throws Exception {
		Path feed = file("feed.xml", FEED.replace("ARTICLE", "/climate-law"));
		int status = run(feed.toString(), "--query", "climate", "--query", "hearing");
		String text = this.out.toString(StandardCharsets.UTF_8);
		assertThat(status).isZero();
		assertThat(text).contains("Feed: Ministry news").contains("2 entries")
			.contains("- New climate law adopted")
			.contains("id:   n-1")
			.contains("date: 2025-03-03T09:30:00Z")
			.contains("matches: climate")
			.contains("matches: hearing");
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void jsonLinesPerEntryAndErrorsForUnusableInputs() throws Exception {
		Path feed = file("feed.xml", FEED.replace("ARTICLE", "https://example.gov/climate"));
		Path html = file("page.html", "<html><body>not a feed</body></html>");
		int status = run(feed.toString(), this.dir.resolve("missing.xml").toString(), html.toString(), "--json",
				"--query", "climate");
		List<JsonNode> lines = jsonLines();
		assertThat(status).isEqualTo(2);
		assertThat(lines).hasSize(4);
		assertThat(lines.get(0).get("input").asString()).isEqualTo(feed.toString());
		assertThat(lines.get(0).get("title").asString()).isEqualTo("New climate law adopted");
		assertThat(lines.get(0).get("link").asString()).isEqualTo("https://example.gov/climate");
		assertThat(lines.get(0).get("id").asString()).isEqualTo("n-1");
		assertThat(lines.get(0).get("published").asString()).isEqualTo("2025-03-03T09:30:00Z");
		assertThat(lines.get(0).get("matches")).hasSize(1);
		assertThat(lines.get(1).get("matches")).isEmpty();
		assertThat(lines.get(1).get("published").isNull()).isTrue();
		assertThat(lines.get(2).get("error").asString()).isEqualTo("no such file");
		assertThat(lines.get(3).get("error").asString()).isEqualTo("not an RSS, Atom or JSON feed (root element <html>)");
		assertThat(this.err.toString(StandardCharsets.UTF_8)).doesNotContain("Exception").doesNotContain("\tat ");
	}

	@Test
	void fetchesUrlsOnlyWhenPrivateNetworksAreAllowed() throws Exception {
		String url = base() + "/feed.xml";
		assertThat(run(url, "--json")).isEqualTo(2);
		assertThat(jsonLines()).singleElement()
			.satisfies((line) -> assertThat(line.get("error").asString()).isEqualTo("address 127.0.0.1 is loopback (refused)"));
		this.out.reset();
		assertThat(run(url, "--json", "--policywatch.fetch.allow-private-networks=true")).isZero();
		assertThat(jsonLines()).hasSize(2);
		this.out.reset();
		assertThat(run(Map.of("POLICYWATCH_FETCH_ALLOW_PRIVATE_NETWORKS", "true"), Map.of(), url, "--json")).isZero();
		this.out.reset();
		assertThat(run(Map.of(), Map.of("policywatch.fetch.allow-private-networks", "true"), url, "--json")).isZero();
		assertThat(jsonLines()).hasSize(2);
	}

	@Test
	void fullTextIsExtractedAndMatched() throws Exception {
		int status = run(base() + "/feed.xml", "--json", "--full-text", "--query", "carbon budget",
				"--policywatch.fetch.allow-private-networks=true");
		List<JsonNode> lines = jsonLines();
		assertThat(status).isZero();
		assertThat(lines.get(0).get("matches").get(0).asString()).isEqualTo("carbon budget");
		assertThat(lines.get(0).get("fullTextLength").asInt()).isGreaterThan(50);
		assertThat(lines.get(1).get("fullTextError").asString()).isNotBlank();
		assertThat(lines.get(1).get("matches")).isEmpty();
	}

	@Test
	void queriesFromAFile() throws Exception {
		Path feed = file("feed.xml", FEED.replace("ARTICLE", "/x"));
		Path queries = file("queries.txt", "# one query per line\nclimate\n\nhearing\n");
		assertThat(run(feed.toString(), "--json", "--queries-file", queries.toString())).isZero();
		List<JsonNode> lines = jsonLines();
		assertThat(lines.get(0).get("matches").get(0).asString()).isEqualTo("climate");
		assertThat(lines.get(1).get("matches").get(0).asString()).isEqualTo("hearing");
	}

	@Test
	void badArgumentsAreOneLineErrors() throws Exception {
		assertThat(run()).isEqualTo(2);
		assertThat(run("--nope", "x")).isEqualTo(2);
		assertThat(run("x", "--query")).isEqualTo(2);
		assertThat(run("x", "--queries-file", this.dir.resolve("none.txt").toString())).isEqualTo(2);
		String errors = this.err.toString(StandardCharsets.UTF_8);
		assertThat(errors.lines()).hasSize(4).allSatisfy((line) -> assertThat(line).startsWith("check: "));
		assertThat(errors).contains("no input").contains("unknown option --nope").contains("--query needs a value")
			.contains("no such file");
	}

	@Test
	void handlesThousandsOfInputsInOneRun() throws Exception {
		List<String> args = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			args.add(file("f" + i + ".xml", FEED.replace("ARTICLE", "/a" + i)).toString());
		}
		args.add("--json");
		assertThat(run(args.toArray(String[]::new))).isZero();
		assertThat(jsonLines()).hasSize(4000);
	}

}
