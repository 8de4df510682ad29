package policywatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import policywatch.delivery.DeliveryStats;
import policywatch.ingest.EntryStore;
import policywatch.testing.FakeFeedServer;
import policywatch.testing.FakeFeedServer.Item;
import policywatch.testing.FakeTelegramApi.EditedMessage;
import policywatch.testing.FakeTelegramApi.SentMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A restart in the middle of a near-duplicate: both copies of a story have arrived and been matched while Telegram
 * refused every message, so the alert and its "Also:" edit both wait in the outbox when the application stops. After
 * the restart the subscriber gets the story once, naming both sources, never a second alert.
 */
class NearDuplicateRestartIT {

	private static final long USER = 1002;

	private static final String LEAD = "Leaders of the BRICS nations on Wednesday endorsed a plan to build a cross-border "
			+ "payment system that would let members settle trade in local currencies, a step aimed at reducing reliance "
			+ "on the U.S. dollar and Western financial infrastructure.";

	private static final String REWRITTEN_LEAD = "A new payments network to settle trade among BRICS countries in their own "
			+ "currencies won the backing of the bloc's leaders in Kazan on Wednesday, as members look for ways to trade "
			+ "without routing money through the dollar.";

	private static final String BODY_1 = "The declaration adopted at the summit asks finance ministers and central bank "
			+ "governors to report within a year on a BRICS Clear settlement platform and on a reinsurance company to be "
			+ "owned by member states. Officials said the system would connect existing national messaging networks "
			+ "rather than replace them.";

	private static final String BODY_2 = "Russian officials, whose banks are cut off from the SWIFT messaging system by "
			+ "sanctions, have pushed hardest for the plan. Indian and Brazilian negotiators insisted the text avoid any "
			+ "language about a common currency, which several members oppose.";

	@TempDir
	Path dir;

	private AppHarness harness;

	@BeforeEach
	void setUp() throws Exception {
		this.harness = new AppHarness(this.dir);
		Files.writeString(this.dir.resolve("config/feeds.yml"), """
				feeds:
				  - id: news
				    name: Policy News
				    url: %s
				    interval: 1s
				  - id: wire
				    name: Wire Service
				    url: %s
				    interval: 1s
				""".formatted(this.harness.feeds.url("/news.xml"), this.harness.feeds.url("/wire.xml")));
		publishWire(this.harness.item("w-old", "Yesterday's wire", "Nothing new.", 0));
	}

	@AfterEach
	void tearDown() {
		this.harness.close();
	}

	@Test
	void aRestartWhileTheAlertAndItsEditWaitKeepsOneAlert() {
		AppHarness h = this.harness;
		h.publish(h.item("old-1", "Old news", "Nothing.", 0));
		h.start();
		assertThat(h.ask(USER, "/subscribe BRICS")).startsWith("Subscribed");
		h.awaitPrimed("news");
		h.awaitPrimed("wire");

		h.telegram.failSendsTo(USER, 500, "Internal Server Error");
		int attempts = h.telegram.sendAttempts();
		h.putArticle("/a/brics", "BRICS leaders back cross-border payment system at Kazan summit", LEAD, BODY_1, BODY_2);
		h.publish(h.item("old-1", "Old news", "Nothing.", 0), h.item("n-1",
				"BRICS leaders back cross-border payment system at Kazan summit", "Payments.", 10, "/a/brics"));
		await().atMost(AppHarness.WAIT).until(() -> h.telegram.sendAttempts() > attempts);

		h.putArticle("/w/brics", "UPDATE 1-BRICS summit endorses plan for alternative payments network", REWRITTEN_LEAD,
				BODY_1, BODY_2);
		publishWire(h.item("w-old", "Yesterday's wire", "Nothing new.", 0),
				h.item("w-1", "UPDATE 1-BRICS summit endorses plan for alternative payments network", "Payments.", 12,
						"/w/brics"));
		int polls = h.feeds.requestCount("/wire.xml");
		await().atMost(AppHarness.WAIT)
			.until(() -> h.feeds.requestCount("/wire.xml") >= polls + 2
					&& h.bean(EntryStore.class).pending(0, 1).isEmpty());
		assertThat(h.bean(DeliveryStats.class).pending()).as("the alert waits in the outbox").isPositive();
		assertThat(h.alerts(USER)).isEmpty();
		h.stopApp();

		h.telegram.clearFailures();
		h.start();
		await().atMost(AppHarness.WAIT)
			.until(() -> !h.alerts(USER).isEmpty() && h.bean(DeliveryStats.class).pending() == 0);
		int wirePolls = h.feeds.requestCount("/wire.xml");
		await().atMost(AppHarness.WAIT).until(() -> h.feeds.requestCount("/wire.xml") >= wirePolls + 2
				&& h.bean(DeliveryStats.class).pending() == 0);

		List<SentMessage> alerts = h.alerts(USER);
		assertThat(alerts).as("one alert for the story").hasSize(1);
		List<EditedMessage> edits = h.telegram.editedMessages();
		assertThat(edits).as("at most one edit").hasSizeLessThanOrEqualTo(1);
		String shown = edits.isEmpty() ? alerts.get(0).text() : edits.get(0).text();
		assertThat(shown).as("the alert as the subscriber sees it names both sources")
			.contains("BRICS leaders back cross-border payment system")
			.contains("Wire Service");
	}

	private void publishWire(Item... items) {
		List<Item> newestFirst = new ArrayList<>(List.of(items));
		Collections.reverse(newestFirst);
		this.harness.feeds.put("/wire.xml", "application/rss+xml; charset=utf-8",
				FakeFeedServer.rss("Wire Service", newestFirst.toArray(Item[]::new)));
	}

}
