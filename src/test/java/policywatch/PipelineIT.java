package policywatch;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import policywatch.ingest.EntryStore;
import policywatch.testing.FakeTelegramApi.SentMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline with real parts: a local feed and article server, the application on an
 * embedded H2 file database, and a fake Bot API that the real TelegramBots client talks to.
 */
class PipelineIT {

	private static final long USER = 1001;

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
	void subscriberReceivesMatchingAlertsExactlyOnceAcrossRestarts() {
		AppHarness h = this.harness;
		h.publish(h.item("old-1", "BRICS summit announced", "BRICS leaders will meet.", 0));
		h.start();

		assertThat(h.ask(USER, "/start")).contains("Welcome").contains("/subscribe");
		String subscribed = h.ask(USER, "/subscribe BRICS");
		assertThat(subscribed).startsWith("Subscribed").contains("BRICS");
		long bricsId = Long.parseLong(firstGroup("#(\\d+)", subscribed));
		assertThat(h.ask(USER, "/subscribe supply chain")).startsWith("Subscribed").contains("supply chain");
		assertThat(h.ask(USER, "/list")).contains("Your subscriptions")
			.contains("#" + bricsId)
			.contains("BRICS")
			.contains("supply chain");
		h.awaitPrimed("news");

		h.putArticle("/a/brics", "BRICS leaders agree on payments",
				"The leaders of the BRICS countries agreed on Tuesday to build a shared payments system.",
				"Officials said the plan would take several years.");
		h.putArticle("/a/bricks", "Bricks factory opens", "A new factory will make two million bricks a year.",
				"Builders welcomed the news.");
		h.putArticle("/a/ports", "Ports reopen after strike",
				"Shipping lines warned that global supply chains would need weeks to recover.",
				"The strike lasted nine days.");
		h.putArticle("/a/escape", "Escaping", "BRICS ministers met in the capital.");
		h.publish(h.item("old-1", "BRICS summit announced", "BRICS leaders will meet.", 0),
				h.item("n-1", "BRICS leaders agree on payments", "Leaders met.", 1, "/a/brics"),
				h.item("n-2", "Bricks factory opens", "A factory story.", 2, "/a/bricks"),
				h.item("n-3", "Ports reopen after strike", "Dock workers returned.", 3, "/a/ports"),
				h.item("n-4", "BRICS & partners <update> > expected", "Ministers met.", 4, "/a/escape"));

		List<SentMessage> alerts = h.awaitAlerts(USER, 3);
		assertThat(alerts).extracting(SentMessage::text)
			.noneMatch((text) -> text.contains("BRICS summit announced"))
			.noneMatch((text) -> text.contains("Bricks factory"));
		assertThat(alerts).extracting(SentMessage::text)
			// the pages of one poll are fetched at once, so their alerts may come in any order
			.containsExactlyInAnyOrder(alertText("BRICS leaders agree"), alertText("Ports reopen"),
					alertText("BRICS &amp; partners"));
		SentMessage brics = single("BRICS leaders agree on payments");
		assertThat(brics.parseMode()).isEqualToIgnoringCase("HTML");
		assertThat(brics.text()).contains("<b>BRICS leaders agree on payments</b>")
			.contains("Policy News")
			.contains(h.feeds.url("/a/brics"))
			.contains("shared payments system")
			.contains("<b>BRICS</b> countries");
		assertThat(single("Ports reopen").text()).contains("supply chains").contains("<code>supply chain</code>");
		assertThat(single("partners").text()).contains("BRICS &amp; partners &lt;update&gt; &gt; expected");
		assertThat(h.bean(EntryStore.class).count()).as("entries recorded, the first poll's included").isEqualTo(5);
		assertThat(h.feedStatus("broken").consecutiveFailures()).isGreaterThan(0);
		assertThat(h.feedStatus("news").consecutiveFailures()).isZero();

		// A 429 is waited out and the alert is delivered once.
		int attempts = h.telegram.sendAttempts();
		h.telegram.failNextSends(1, 429, "Too Many Requests: retry after 1", 1, null);
		h.putArticle("/a/brics2", "BRICS bank expands", "The BRICS bank approved new loans.");
		h.publish(h.item("n-5", "BRICS bank expands", "Loans approved.", 5, "/a/brics2"));
		h.awaitAlerts(USER, 4);
		h.awaitQuiet();
		assertThat(h.telegram.sendAttempts()).as("one refused with 429, one delivered").isEqualTo(attempts + 2);
		assertThat(h.alertsContaining(USER, "BRICS bank expands")).hasSize(1);

		// A restart sends nothing again and keeps delivering new entries.
		h.stopApp();
		int before = h.alerts(USER).size();
		h.start();
		h.putArticle("/a/brics3", "BRICS expansion talks", "Talks on BRICS expansion continue.");
		h.publish(h.item("n-6", "BRICS expansion talks", "Talks continue.", 6, "/a/brics3"));
		h.awaitAlerts(USER, before + 1);
		h.awaitQuiet();
		assertThat(h.alerts(USER)).hasSize(before + 1);
		assertThat(h.alertsContaining(USER, "BRICS leaders agree on payments")).hasSize(1);

		// Unsubscribing stops the alerts.
		assertThat(h.ask(USER, "/unsubscribe " + bricsId)).startsWith("Unsubscribed").contains("BRICS");
		h.putArticle("/a/brics4", "BRICS trade ministers meet", "BRICS trade ministers met today.");
		h.publish(h.item("n-7", "BRICS trade ministers meet", "Ministers met.", 7, "/a/brics4"));
		h.awaitQuiet();
		assertThat(h.alertsContaining(USER, "BRICS trade ministers meet")).isEmpty();

		// /stats is for the admin only.
		assertThat(h.ask(USER, "/stats")).contains("only for the bot's admins").doesNotContain("Subscriptions:");
		assertThat(h.ask(ADMIN, "/stats")).contains("news")
			.contains("broken")
			.contains("FAILING")
			.contains("Subscriptions: 1")
			.contains("Alerts sent: 5");
		assertThat(h.telegram.myCommandsCalls()).anySatisfy((call) -> assertThat(call.commands()).containsKey("stats"))
			.anySatisfy((call) -> assertThat(call.commands()).containsKey("subscribe").doesNotContainKey("stats"));
	}

	private String alertText(String containing) {
		return this.harness.alerts(USER)
			.stream()
			.map(SentMessage::text)
			.filter((text) -> text.contains(containing))
			.findFirst()
			.orElse("(none containing " + containing + ")");
	}

	private SentMessage single(String text) {
		List<SentMessage> found = this.harness.alertsContaining(USER, text);
		assertThat(found).as("alerts containing %s", text).hasSize(1);
		return found.get(0);
	}

	private static String firstGroup(String regex, String text) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as("%s in %s", regex, text).isTrue();
		return matcher.group(1);
	}

}
