package policywatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import policywatch.testing.FakeFeedServer;
import policywatch.testing.FakeFeedServer.Item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One feed never stalls the others (issue 10): while one feed's twenty new article pages take 3
 * seconds each, another feed's alert arrives within its interval plus 5 seconds. The slow feed
 * lives on another host ({@code localhost} rather than {@code 127.0.0.1}), as it would in real life,
 * so the per-host connection limit is not what is measured.
 */
class SlowFeedIT {

	private static final long USER = 2001;

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	private static final Duration PAGE_DELAY = Duration.ofSeconds(3);

	@TempDir
	Path dir;

	private AppHarness harness;

	private final FakeFeedServer slowServer = new FakeFeedServer().start();

	private final Instant base = Instant.parse("2026-11-20T08:00:00Z");

	@BeforeEach
	void setUp() throws Exception {
		this.harness = new AppHarness(this.dir);
		Files.writeString(this.dir.resolve("config/feeds.yml"), """
				feeds:
				  - id: news
				    name: Policy News
				    url: %s
				    interval: 1s
				  - id: slow
				    name: Slow Pages
				    url: %s
				    interval: 1s
				    full-text: true
				""".formatted(this.harness.feeds.url("/news.xml"), slowUrl("/slow.xml")));
	}

	@AfterEach
	void tearDown() {
		this.harness.close();
		this.slowServer.close();
	}

	@Test
	void anotherFeedsAlertArrivesWithinItsIntervalPlusFiveSecondsWhileOneFeedsPagesTakeThreeSecondsEach() {
		AppHarness h = this.harness;
		h.publish(h.item("old-1", "Budget hearing scheduled", "The committee will meet.", 0));
		this.slowServer.put("/slow.xml", "application/rss+xml; charset=utf-8",
				FakeFeedServer.rss("Slow Pages", new Item("s-0", "Archive opened", null, "An old entry.", this.base)));
		h.start();
		assertThat(h.ask(USER, "/subscribe BRICS")).startsWith("Subscribed");
		h.awaitPrimed("news");
		h.awaitPrimed("slow");

		List<Item> slowItems = new ArrayList<>();
		for (int i = 20; i >= 1; i--) {
			String path = "/pages/" + i;
			this.slowServer.put(path, "text/html; charset=utf-8",
					FakeFeedServer.article("Regional water report " + i, "The water board published report " + i + "."));
			this.slowServer.delay(path, PAGE_DELAY);
			slowItems.add(new Item("s-" + i, "Regional water report " + i, slowUrl(path), "Report " + i + ".",
					this.base.plus(Duration.ofMinutes(i))));
		}
		this.slowServer.put("/slow.xml", "application/rss+xml; charset=utf-8",
				FakeFeedServer.rss("Slow Pages", slowItems.toArray(Item[]::new)));
		await().atMost(AppHarness.WAIT).until(() -> this.slowServer.requestCount("/pages/1") > 0);

		long published = System.nanoTime();
		h.publish(h.item("old-1", "Budget hearing scheduled", "The committee will meet.", 0),
				h.item("n-1", "BRICS ministers meet on payments", "Ministers met.", 1));
		await().atMost(AppHarness.WAIT).until(() -> !h.alertsContaining(USER, "BRICS ministers meet").isEmpty());
		Duration took = Duration.ofNanos(System.nanoTime() - published);
		System.out.println("Alert of the fast feed " + took.toMillis() + " ms after it was published");

		assertThat(took).as("alert of the fast feed while the slow feed's pages load").isLessThan(INTERVAL.plusSeconds(5));
		assertThat(this.slowServer.requestCount("/pages/20")).as("the slow feed is still loading its pages").isZero();
	}

	private String slowUrl(String path) {
		return this.slowServer.url(path).replace("//127.0.0.1:", "//localhost:");
	}

}
