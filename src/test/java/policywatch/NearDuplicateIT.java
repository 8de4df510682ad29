package policywatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import policywatch.delivery.NearDuplicates;
import policywatch.delivery.StorySource;
import policywatch.ingest.EntryStore;
import policywatch.testing.FakeFeedServer;
import policywatch.testing.FakeFeedServer.Item;
import policywatch.testing.FakeTelegramApi.EditedMessage;
import policywatch.testing.FakeTelegramApi.SentMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One story syndicated by two feeds: the subscriber gets one alert, and the second copy edits it to
 * add an "Also:" link, across a restart too. A different story on the same topic still alerts.
 */
class NearDuplicateIT {

	private static final long USER = 1001;

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

	private static final String OTHER_STORY = "The BRICS group on Wednesday invited 13 countries, including Turkey, "
			+ "Indonesia and Nigeria, to become partner nations, a new tier below full membership created to manage the "
			+ "flood of applications to the bloc. Partner countries will be able to attend parts of summits and take part "
			+ "in some working groups but will not sign declarations.";

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
	void aStoryInTwoFeedsAlertsOnceAndEditsTheAlert() {
		AppHarness h = startAndSubscribe();
		SentMessage alert = firstCopyAlerted(h);

		h.putArticle("/w/brics", "UPDATE 1-BRICS summit endorses plan for alternative payments network", REWRITTEN_LEAD,
				BODY_1, BODY_2);
		publishWire(h.item("w-old", "Yesterday's wire", "Nothing new.", 0),
				h.item("w-1", "UPDATE 1-BRICS summit endorses plan for alternative payments network", "Payments.", 12,
						"/w/brics"));

		List<EditedMessage> edits = h.telegram.awaitEdits(USER, 1, AppHarness.WAIT);
		awaitWireQuiet(h);
		assertThat(h.alerts(USER)).as("one alert for the story").hasSize(1);
		assertThat(h.telegram.editedMessages()).hasSize(1);
		EditedMessage edit = edits.get(0);
		assertThat(h.telegram.sentMessage(edit.messageId()).text()).as("the alert's message, as edited")
			.isEqualTo(edit.text());
		assertThat(edit.text()).startsWith(alert.text())
			.contains("Also: <a href=\"" + h.feeds.url("/w/brics") + "\">Wire Service</a>");

		long wireEntry = entryIdOf(h, "UPDATE 1-BRICS");
		assertThat(h.bean(NearDuplicates.class).sources(wireEntry)).extracting(StorySource::feedName)
			.containsExactly("Policy News");

		// A different story on the same topic the same day is alerted.
		h.putArticle("/w/partners", "BRICS names 13 new partner countries", OTHER_STORY, BODY_2);
		publishWire(h.item("w-old", "Yesterday's wire", "Nothing new.", 0),
				h.item("w-1", "UPDATE 1-BRICS summit endorses plan for alternative payments network", "Payments.", 12,
						"/w/brics"),
				h.item("w-2", "BRICS names 13 new partner countries", "Partners.", 13, "/w/partners"));
		h.awaitAlerts(USER, 2);
		assertThat(h.alertsContaining(USER, "BRICS names 13 new partner countries")).hasSize(1);
		assertThat(h.telegram.editedMessages()).hasSize(1);
	}

	@Test
	void aRestartBetweenTheCopiesKeepsTheGuarantee() {
		AppHarness h = startAndSubscribe();
		SentMessage alert = firstCopyAlerted(h);
		h.stopApp();

		h.start();
		// the chat switched to Russian meanwhile: the edit's label follows it, the alert's text stays
		h.bean(policywatch.delivery.DeliveryPreferences.class).setLanguage(USER, java.util.Locale.forLanguageTag("ru"));
		h.putArticle("/w/brics", "BRICS summit endorses plan for alternative payments network", REWRITTEN_LEAD, BODY_1,
				BODY_2, "Analysts said the practical effect would be limited for years.");
		publishWire(h.item("w-old", "Yesterday's wire", "Nothing new.", 0),
				h.item("w-1", "BRICS summit endorses plan for alternative payments network", "Payments.", 12, "/w/brics"));

		EditedMessage edit = h.telegram.awaitEdits(USER, 1, AppHarness.WAIT).get(0);
		awaitWireQuiet(h);
		assertThat(h.alerts(USER)).as("no second alert after the restart").hasSize(1);
		assertThat(edit.text()).startsWith(alert.text()).contains("Также: ").contains("Wire Service");
	}

	private AppHarness startAndSubscribe() {
		AppHarness h = this.harness;
		h.publish(h.item("old-1", "Old news", "Nothing.", 0));
		h.start();
		assertThat(h.ask(USER, "/subscribe BRICS")).startsWith("Subscribed");
		h.awaitPrimed("news");
		h.awaitPrimed("wire");
		return h;
	}

	private SentMessage firstCopyAlerted(AppHarness h) {
		h.putArticle("/a/brics", "BRICS leaders back cross-border payment system at Kazan summit", LEAD, BODY_1, BODY_2);
		h.publish(h.item("old-1", "Old news", "Nothing.", 0), h.item("n-1",
				"BRICS leaders back cross-border payment system at Kazan summit", "Payments.", 10, "/a/brics"));
		List<SentMessage> alerts = h.awaitAlerts(USER, 1);
		assertThat(alerts).hasSize(1);
		return alerts.get(0);
	}

	private void publishWire(Item... items) {
		List<Item> newestFirst = new java.util.ArrayList<>(List.of(items));
		java.util.Collections.reverse(newestFirst);
		this.harness.feeds.put("/wire.xml", "application/rss+xml; charset=utf-8",
				FakeFeedServer.rss("Wire Service", newestFirst.toArray(Item[]::new)));
	}

	/** Waits until the wire feed was polled twice more and nothing waits to be matched or sent. */
	private static void awaitWireQuiet(AppHarness h) {
		int polls = h.feeds.requestCount("/wire.xml");
		org.awaitility.Awaitility.await()
			.atMost(AppHarness.WAIT)
			.until(() -> h.feeds.requestCount("/wire.xml") >= polls + 2
					&& h.bean(EntryStore.class).pending(0, 1).isEmpty()
					&& h.bean(policywatch.delivery.DeliveryStats.class).pending() == 0);
	}

	private static long entryIdOf(AppHarness h, String titleStart) {
		return h.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
			.sql("SELECT id FROM entry WHERE title LIKE ?")
			.param(titleStart + "%")
			.query(Long.class)
			.single();
	}

}
