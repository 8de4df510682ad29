package policywatch.ingest.check;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import policywatch.ingest.fetch.HttpFetcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code check --near-duplicates}: which inputs' entries would be folded into one story.
 */
class NearDuplicateCheckTests {

	private static final String STORY = "The Reserve Bank of India cut its key repo rate by 25 basis points to 5.25% on "
			+ "Friday, as inflation fell to a record low and the central bank sought to support growth amid higher U.S. "
			+ "tariffs on Indian goods. The monetary policy committee voted unanimously for the cut and kept its stance "
			+ "neutral. Governor Sanjay Malhotra said the rare combination of high growth and low inflation gave room to ease.";

	private static final String OTHER = "The Reserve Bank of India on Friday issued final rules for lending through mobile "
			+ "apps and websites, requiring lenders to report every digital lending app they use and to disclose the full "
			+ "cost of loans to borrowers upfront. The rules follow complaints about harassment by recovery agents.";

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void listsTheCopiesItWouldFoldAcrossInputs() throws Exception {
		Path first = feed("first.xml", "Bank news", item("a-1", "India's central bank cuts repo rate to 5.25%", STORY),
				item("a-2", "Monsoon arrives early", "The monsoon reached Kerala three days early, the weather office said."));
		Path second = feed("second.xml", "Wire", item("b-1", "UPDATE 1-RBI lowers key rate as inflation hits record LOW",
				STORY.toUpperCase(java.util.Locale.ROOT) + " Bond yields fell after the decision."),
				item("b-2", "RBI issues final rules on digital lending apps", OTHER));

		int status = run(first.toString(), second.toString(), "--near-duplicates");

		String text = this.out.toString(StandardCharsets.UTF_8);
		assertThat(status).isZero();
		assertThat(text).contains("Feed: Bank news").contains("Feed: Wire")
			.contains("==> near-duplicates (4 entries, 1 would be folded)")
			.contains("- UPDATE 1-RBI lowers key rate as inflation hits record LOW [" + second + "]")
			.contains("    same story as: India's central bank cuts repo rate to 5.25% [" + first + "]")
			.doesNotContain("same story as: RBI issues");
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void jsonLinesNameBothCopies() throws Exception {
		Path first = feed("first.xml", "Bank news", item("a-1", "India's central bank cuts repo rate to 5.25%", STORY));
		Path second = feed("second.xml", "Wire", item("b-1", "RBI lowers key rate", STORY),
				item("b-2", "RBI issues final rules on digital lending apps", OTHER));

		assertThat(run(first.toString(), second.toString(), "--json", "--near-duplicates")).isZero();

		List<JsonNode> folds = this.out.toString(StandardCharsets.UTF_8)
			.lines()
			.map((line) -> JsonMapper.builder().build().readTree(line))
			.filter((line) -> line.has("nearDuplicate"))
			.toList();
		assertThat(folds).hasSize(1);
		assertThat(folds.get(0).get("nearDuplicate").get("id").asText()).isEqualTo("b-1");
		assertThat(folds.get(0).get("of").get("id").asText()).isEqualTo("a-1");
		assertThat(folds.get(0).get("containment").asDouble()).isGreaterThan(0.9);
	}

	@Test
	void withoutTheFlagTheOutputIsUnchanged() throws Exception {
		Path first = feed("first.xml", "Bank news", item("a-1", "India's central bank cuts repo rate to 5.25%", STORY),
				item("a-2", "RBI lowers key rate", STORY));

		assertThat(run(first.toString())).isZero();

		assertThat(this.out.toString(StandardCharsets.UTF_8)).doesNotContain("near-duplicates");
	}

	private int run(String... args) {
		return CheckCommand.run(List.of(args), new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), Map.of(), (name) -> null, HttpFetcher::new);
	}

	private Path feed(String name, String title, String... items) throws Exception {
		Path path = this.dir.resolve(name);
		Files.writeString(path, "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>" + title
				+ "</title>" + String.join("", items) + "</channel></rss>", StandardCharsets.UTF_8);
		return path;
	}

	private static String item(String guid, String title, String description) {
		return "<item><title>" + title.replace("&", "&amp;") + "</title><guid>" + guid + "</guid><description>"
				+ description.replace("&", "&amp;") + "</description></item>";
	}

}
