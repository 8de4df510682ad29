package policywatch.ingest.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policywatch.ingest.fetch.HttpFetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Pages built to make a careless extractor backtrack, recurse or loop: each goes through the
 * {@code extract} command within 2 seconds (issue 10) and still yields its text, so it is the
 * extraction that is linear, not the time budget that cuts it short. Time is the extracting
 * thread's CPU time, so that a machine busy with other work does not fail the test (a quadratic
 * extraction takes tens of seconds of CPU on these pages).
 */
class HostilePagesTests {

	private static final Duration LIMIT = Duration.ofSeconds(2);

	private static final String ARTICLE = "<p>The ministry published new rules on Monday, which apply from June, "
			+ "and cover data retention, the duties of providers, and the rights of users in some detail.</p>";

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeAll
	static void warmUp() {
		// class loading and the first compilation are not what these tests measure
		new ArticleExtractor().extract("<html><body><article>" + ARTICLE + ARTICLE + "</article></body></html>", null);
	}

	private String extract(String name, String page) throws IOException {
		Path file = Files.writeString(this.dir.resolve(name), page);
		int[] status = new int[1];
		assertWithinLimit(() -> {
			status[0] = ExtractCommand.run(List.of(file.toString()),
					new PrintStream(this.out, true, StandardCharsets.UTF_8),
					new PrintStream(this.err, true, StandardCharsets.UTF_8), Map.of(), HttpFetcher::new);
		});
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEmpty();
		assertThat(status[0]).isZero();
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private static void assertWithinLimit(Runnable work) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long started = threads.getCurrentThreadCpuTime();
		work.run();
		Duration took = Duration.ofNanos(threads.getCurrentThreadCpuTime() - started);
		assertThat(took).as("CPU time").isLessThan(LIMIT);
	}

	@Test
	void jsonLdBodyWithALongRunOfSpacesBetweenTwoWords() throws IOException {
		String words = "word ".repeat(100).strip();
		String body = words + "a" + " ".repeat(160_000) + "a" + words;
		String page = "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"articleBody\":\""
				+ body + "\"}</script></head><body><p>Short.</p></body></html>";
		assertThat(extract("ld.html", page)).isEqualTo(words + "a a" + words + "\n");
	}

	@Test
	void jsonLdBodyWithOneLineBreakInALongRunOfSpaces() throws IOException {
		String body = "Lead " + "word ".repeat(100) + " ".repeat(80_000) + "\\n" + " ".repeat(80_000) + "end";
		String page = "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"articleBody\":\""
				+ body + "\"}</script></head><body><p>Short.</p></body></html>";
		assertThat(extract("ld2.html", page)).startsWith("Lead word").endsWith("word\n\nend\n");
	}

	@Test
	void plainTextFragmentWithALongRunOfSpacesAndOneLineBreak() {
		String text = "a" + " ".repeat(200_000) + "\n" + " ".repeat(200_000) + "b";
		String[] result = new String[1];
		assertWithinLimit(() -> result[0] = HtmlText.toText(text));
		assertThat(result[0]).isEqualTo("a b");
	}

	@Test
	void titleWithManyUnclosedTags() {
		String title = "<a ".repeat(100_000) + "end";
		String[] result = new String[1];
		assertWithinLimit(() -> result[0] = HtmlText.titleToText(title));
		assertThat(result[0]).endsWith("end");
	}

	@Test
	void fiveMegabytesOfWhitespaceAroundAnArticle() throws IOException {
		String spaces = " \t\n ".repeat(300_000);
		String page = "<html><body>" + spaces + "<article>" + spaces + ARTICLE + spaces + "</article>" + spaces
				+ "</body></html>";
		assertThat(page.length()).isGreaterThan(4_500_000);
		assertThat(extract("blank.html", page)).contains("The ministry published new rules");
	}

	@Test
	void hundredThousandNestedDivs() throws IOException {
		String page = "<html><body>" + "<div class='x'>".repeat(100_000) + ARTICLE + "</div>".repeat(100_000)
				+ "</body></html>";
		assertThat(extract("nested.html", page)).contains("The ministry published new rules");
	}

	@Test
	void hugeAttributeValues() throws IOException {
		String className = "comment-related share ".repeat(50_000);
		String style = "display" + " ".repeat(500_000) + "block";
		String page = "<html><body><div class='" + className + "' id='" + "a".repeat(500_000) + "'>menu</div>"
				+ "<article style='" + style + "'>" + ARTICLE + "</article></body></html>";
		assertThat(extract("attributes.html", page)).contains("The ministry published new rules");
	}

	@Test
	void twoHundredThousandInlineTags() throws IOException {
		String page = "<html><body><article>" + ARTICLE + "<p>" + "<b>x</b> <i>y</i> ".repeat(100_000) + "</p>"
				+ "</article></body></html>";
		assertThat(extract("inline.html", page)).contains("The ministry published new rules").contains("x y x y");
	}

	@Test
	void hugeScript() throws IOException {
		String page = "<html><body><script>var a = '" + "<p>".repeat(1_000_000) + "';</script><article>" + ARTICLE
				+ "</article></body></html>";
		assertThat(extract("script.html", page)).contains("The ministry published new rules").doesNotContain("var a");
	}

	@Test
	void manyParagraphsOfEqualWeight() throws IOException {
		// thousands of equally good candidates under a deep chain: choosing among them stays linear
		String page = "<html><body>" + "<div>".repeat(400) + ("<div>" + ARTICLE + "</div>").repeat(5_000)
				+ "</div>".repeat(400) + "</body></html>";
		assertThat(extract("equal.html", page)).contains("The ministry published new rules");
	}

	@Test
	void aPageOverItsTimeBudgetIsSkippedWithAClearReason() {
		AtomicLong now = new AtomicLong();
		// every look at the clock finds a second gone
		ArticleExtractor extractor = new ArticleExtractor(new ExtractProperties(Duration.ofSeconds(2), 50,
				Duration.ofSeconds(10)), () -> now.getAndAdd(1_000_000_000L));
		byte[] page = ("<html><body><article>" + ARTICLE.repeat(200) + "</article></body></html>")
			.getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(UnsupportedContentException.class)
			.isThrownBy(() -> extractor.extract(page, "text/html", URI.create("https://example.org/a")))
			.withMessageContaining("budget");
	}

	@Test
	void aPageWithinItsBudgetIsExtracted() throws UnsupportedContentException {
		AtomicLong now = new AtomicLong();
		ArticleExtractor extractor = new ArticleExtractor(new ExtractProperties(Duration.ofSeconds(2), 50,
				Duration.ofSeconds(10)), now::get);
		byte[] page = ("<html><body><article>" + ARTICLE.repeat(200) + "</article></body></html>")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(extractor.extract(page, "text/html", URI.create("https://example.org/a")).text())
			.startsWith("The ministry published");
	}

}
