package policywatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recent archive end to end: new entries are archived as they are matched, {@code /recent} lists them with the
 * subscription query language, {@code /subscribe} previews the last week, admins get {@code /testquery}, and the
 * index comes back after its folder is deleted. Real TelegramBots client against the fake Bot API.
 */
class RecentArchiveIT {

	private static final long USER = 2001;

	private static final long ADMIN = 42;

	@TempDir
	Path dir;

	private AppHarness harness;

	@BeforeEach
	void setUp() throws Exception {
		this.harness = new AppHarness(this.dir, "--policywatch.telegram.admin-ids=" + ADMIN);
	}

	@AfterEach
	void tearDown() {
		this.harness.close();
	}

	@Test
	void recentSubscribePreviewAndTestQuery() throws Exception {
		AppHarness h = this.harness;
		h.publish(h.item("old-1", "BRICS summit announced", "BRICS leaders will meet.", 0));
		h.start();
		h.awaitPrimed("news");

		h.putArticle("/a/brics", "BRICS leaders agree on payments",
				"The leaders of the BRICS countries agreed on Tuesday to build a shared payments system.");
		h.putArticle("/a/bricks", "Bricks factory opens", "A new factory will make two million bricks a year.");
		h.putArticle("/a/bank", "BRICS bank expands", "The BRICS bank approved new loans for ports.");
		h.putArticle("/a/ports", "Ports reopen after strike", "Global supply chains need weeks to recover.");
		h.publish(h.item("old-1", "BRICS summit announced", "BRICS leaders will meet.", 0),
				h.item("n-1", "BRICS leaders agree on payments", "Leaders met.", 1, "/a/brics"),
				h.item("n-2", "Bricks factory opens", "A factory story.", 2, "/a/bricks"),
				h.item("n-3", "BRICS bank expands", "Loans approved.", 3, "/a/bank"),
				h.item("n-4", "Ports reopen after strike", "Dock workers returned.", 4, "/a/ports"));
		h.awaitQuiet();

		String recent = h.ask(USER, "/recent BRICS");
		assertThat(recent).contains("<b>BRICS bank expands</b>", "<b>BRICS leaders agree on payments</b>")
			.contains("Policy News · 2026-11-20 08:03 UTC")
			.contains(h.feeds.url("/a/bank"))
			.doesNotContain("Bricks factory")
			.as("the first poll's entries are only recorded, not archived")
			.doesNotContain("BRICS summit announced");
		assertThat(recent.indexOf("BRICS bank expands")).as("newest first")
			.isLessThan(recent.indexOf("BRICS leaders agree"));
		assertThat(h.ask(USER, "/recent \"supply chain\" NEAR/5 recover")).contains("Ports reopen after strike");
		assertThat(h.ask(USER, "/recent title:ports -strike")).startsWith("No article of the last 14 days matches");

		// the same errors as /subscribe, word for word
		String badSearch = h.ask(USER, "/recent \"supply chain");
		String badSubscription = h.ask(USER, "/subscribe \"supply chain");
		assertThat(badSearch).startsWith("Not searched: ");
		assertThat(badSubscription).startsWith("Not subscribed: ");
		assertThat(badSearch.substring("Not searched: ".length()))
			.isEqualTo(badSubscription.substring("Not subscribed: ".length()));
		assertThat(h.ask(USER, "/recent")).startsWith("Not searched: Tell me what to look for");

		String subscribed = h.ask(USER, "/subscribe BRICS");
		assertThat(subscribed).startsWith("Subscribed")
			.contains("In the last 7 days 2 articles would have matched it:")
			.contains("BRICS bank expands", "BRICS leaders agree on payments")
			.doesNotContain("Bricks factory");
		assertThat(h.ask(USER, "/subscribe zeppelin")).startsWith("Subscribed")
			.contains("No article of the last 7 days would have matched it");

		assertThat(h.ask(USER, "/testquery BRICS")).contains("only for the bot's admins");
		assertThat(h.ask(ADMIN, "/testquery BRICS")).startsWith("<pre>")
			.contains("read as: brics")
			.contains("last 7 days: 2 matching articles")
			.contains("- BRICS bank expands")
			.contains("feed: Policy News (news)")
			.contains("link: " + h.feeds.url("/a/bank"));

		assertThat(h.telegram.myCommandsCalls())
			.anySatisfy((call) -> assertThat(call.commands()).containsKeys("recent", "testquery"))
			.anySatisfy((call) -> assertThat(call.commands()).containsKey("recent").doesNotContainKey("testquery"));

		// the index is rebuilt from the database when its folder is lost
		h.stopApp();
		Path index = this.dir.resolve("data/archive-index");
		assertThat(index).isDirectory();
		try (Stream<Path> files = Files.walk(index)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
		h.start();
		assertThat(h.ask(USER, "/recent bank OR payments")).contains("BRICS bank expands", "BRICS leaders agree on payments")
			.doesNotContain("Ports reopen");
		assertThat(index).isDirectory();
	}

}
