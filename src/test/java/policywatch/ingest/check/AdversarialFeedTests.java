package policywatch.ingest.check;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import policywatch.ingest.fetch.HttpFetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code check} on hostile feeds within the size caps finishes in under 2 seconds (issue 10):
 * long whitespace runs with at most one newline, deep nesting, huge attributes, many CDATA
 * sections, long entity runs and the like. Each either lists the feed or fails with a one-line
 * error; none hangs.
 */
class AdversarialFeedTests {

	private static final Duration BOUND = Duration.ofSeconds(2);

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	@TempDir
	Path dir;

	static List<Shape> shapes() {
		String spaces = " ".repeat(160_000);
		return List.of(
				new Shape("description of a, 160,000 spaces, a", rss(item("a" + spaces + "a"))),
				new Shape("the same with one newline", rss(item("a" + spaces.substring(80_000) + "\n" + spaces.substring(80_000) + "a"))),
				new Shape("the same in CDATA", rss(item("<![CDATA[a" + spaces + "a]]>"))),
				new Shape("the same as escaped HTML", rss(item("&lt;p&gt;a" + spaces + "a&lt;/p&gt;"))),
				new Shape("100,000 tabs", rss(item("a" + "\t".repeat(100_000) + "a"))),
				new Shape("100,000 no-break spaces", rss(item("a" + "&#160;".repeat(100_000) + "a"))),
				new Shape("alternating space and newline", rss(item("a" + " \n".repeat(100_000) + "a"))),
				new Shape("spaces in a title", rss("<item><title>a" + spaces + "a</title></item>")),
				new Shape("deep nesting", rss(item("x") + "<x>".repeat(100_000) + "</x>".repeat(100_000))),
				new Shape("deep nesting, unclosed", rss(item("x") + "<x>".repeat(200_000))),
				new Shape("huge attribute", rss("<item a=\"" + "x".repeat(1_000_000) + "\"><title>t</title></item>")),
				new Shape("many attributes", rss("<item " + attributes(100_000) + "><title>t</title></item>")),
				new Shape("many attributes, not well-formed", rss("<item " + attributes(100_000) + "><title>t</title><item>")),
				new Shape("many CDATA sections", rss(item("<![CDATA[a]]>".repeat(200_000)))),
				new Shape("unterminated CDATA", rss(item("<![CDATA[" + "a ".repeat(500_000)))),
				new Shape("long entity run", rss(item("&amp;".repeat(300_000)))),
				new Shape("long run of unknown entities", rss(item("&nbsp;&hellip;&bogus;".repeat(100_000)))),
				new Shape("ampersands without semicolons", rss(item("&".repeat(500_000)))),
				new Shape("lone less-than signs", "<rss version=\"2.0\"><channel><item><title>" + "<1".repeat(500_000)),
				new Shape("tag soup of unclosed names", "<rss version=\"2.0\"><channel><item>" + "<a".repeat(500_000)),
				new Shape("many end tags that close nothing", "<rss version=\"2.0\"><channel><item>"
						+ "<a>".repeat(499) + "</b>".repeat(500_000)),
				new Shape("many items", rss(item("x").repeat(50_000))),
				new Shape("a doctype of many entity declarations", "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY"
						+ " ".repeat(200_000) + "% " + " ".repeat(200_000) + "]>" + rss(item("x"))),
				new Shape("JSON feed with spaces", "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"id\":\"1\","
						+ "\"content_text\":\"a" + spaces + "a\"},{\"id\":\"2\",\"content_html\":\"<p>a" + spaces + "a</p>\"}]}"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("shapes")
	void checkFinishesQuickly(Shape shape) throws Exception {
		Path feed = this.dir.resolve("feed.xml");
		Files.writeString(feed, shape.text(), StandardCharsets.UTF_8);
		assertThat(feed.toFile().length()).as("within the 10 MB feed cap").isLessThan(10_000_000);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		// the check runs on this thread: its CPU time is what the input costs, whatever else the
		// machine is doing; a hang is cut off (and fails) after five times the bound
		Checked checked = assertTimeoutPreemptively(BOUND.multipliedBy(5), () -> {
			long cpu = THREADS.getCurrentThreadCpuTime();
			int status = CheckCommand.run(List.of(feed.toString(), "--json"),
					new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
					Map.of(), (name) -> null, HttpFetcher::new);
			return new Checked(status, Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - cpu));
		});
		System.out.printf("check on %s: %d ms CPU, exit status %d%n", shape.name(), checked.cpu().toMillis(), checked.status());
		assertThat(checked.cpu()).as("CPU time of check on %s", shape.name()).isLessThan(BOUND);
		String output = (checked.status() == 0) ? out.toString(StandardCharsets.UTF_8) : err.toString(StandardCharsets.UTF_8);
		assertThat(output.lines().count()).as("one line per entry or one error line").isPositive();
		assertThat(output.lines().mapToInt(String::length).max().orElse(0)).as("longest line (titles are bounded)")
			.isLessThan(10_000);
	}

	private record Checked(int status, Duration cpu) {
	}

	private static String rss(String items) {
		return "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Hostile</title>" + items
				+ "</channel></rss>";
	}

	private static String item(String description) {
		return "<item><title>t</title><link>https://example.org/1</link><description>" + description
				+ "</description></item>";
	}

	private static String attributes(int count) {
		StringBuilder attributes = new StringBuilder();
		for (int i = 0; i < count; i++) {
			attributes.append('a').append(i).append("=\"v\" ");
		}
		return attributes.toString();
	}

	record Shape(String name, String text) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
