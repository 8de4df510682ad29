package policywatch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import policywatch.subscription.Chat;
import policywatch.subscription.Chats;
import policywatch.testing.FakeFeedServer;
import policywatch.testing.FakeTelegramApi.SentMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How delivery copes with each kind of Bot API failure, against the fake Bot API.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeliveryErrorsTests {

	private static final long ALICE = 2001;

	private static final long BOB = 2002;

	@TempDir
	Path dir;

	private AppHarness harness;

	@AfterEach
	void tearDown() {
		if (this.harness != null) {
			this.harness.close();
		}
	}

	private AppHarness startWithSubscribers(String... args) throws Exception {
		this.harness = new AppHarness(this.dir, args);
		AppHarness h = this.harness;
		h.publish(h.item("old", "Old news", "Nothing.", 0));
		h.start();
		assertThat(h.ask(ALICE, "/subscribe tariffs")).startsWith("Subscribed");
		assertThat(h.ask(BOB, "/subscribe tariffs")).startsWith("Subscribed");
		h.awaitPrimed("news");
		return h;
	}

	@Test
	void blockedChatIsDeactivatedWhileOthersStillReceiveAndStartReactivatesIt() throws Exception {
		AppHarness h = startWithSubscribers();
		h.telegram.failSendsTo(BOB, 403, "Forbidden: bot was blocked by the user");
		h.publish(h.item("old", "Old news", "Nothing.", 0), h.item("t1", "New tariffs on steel", "Tariffs rise.", 1));
		h.awaitAlerts(ALICE, 1);
		await().atMost(AppHarness.WAIT).until(() -> !chat(BOB).active());
		assertThat(h.alerts(BOB)).isEmpty();

		h.telegram.clearFailures();
		assertThat(h.ask(BOB, "/start")).contains("Welcome");
		assertThat(chat(BOB).active()).isTrue();
		h.publish(h.item("old", "Old news", "Nothing.", 0), h.item("t2", "More tariffs announced", "Tariffs.", 2));
		h.awaitAlerts(BOB, 1);
		assertThat(h.alerts(BOB).get(0).text()).contains("More tariffs announced");
	}

	@Test
	void serverErrorsAreRetriedUntilTheAlertIsDeliveredOnce() throws Exception {
		AppHarness h = startWithSubscribers();
		h.telegram.failNextSends(2, 502, "Bad Gateway", null, null);
		h.publish(h.item("old", "Old news", "Nothing.", 0), h.item("t1", "Tariffs on cars", "Tariffs.", 1));
		h.awaitAlerts(ALICE, 1);
		h.awaitAlerts(BOB, 1);
		h.awaitQuiet();
		assertThat(h.alertsContaining(ALICE, "Tariffs on cars")).hasSize(1);
		assertThat(h.alertsContaining(BOB, "Tariffs on cars")).hasSize(1);
	}

	@Test
	void refusedMarkupIsResentAsPlainText() throws Exception {
		AppHarness h = startWithSubscribers();
		h.telegram.failNextSends(1, 400, "Bad Request: can't parse entities: unexpected end tag", null, null);
		h.publish(h.item("old", "Old news", "Nothing.", 0), h.item("t1", "Tariffs & quotas", "Tariffs.", 1));
		h.awaitAlerts(ALICE, 1);
		h.awaitAlerts(BOB, 1);
		h.awaitQuiet();
		SentMessage plain = h.telegram.sentMessages()
			.stream()
			.filter((message) -> message.text().contains("Matched:") && message.parseMode() == null)
			.findFirst()
			.orElseThrow();
		assertThat(plain.text()).contains("Tariffs & quotas").doesNotContain("<b>").doesNotContain("&amp;");
		assertThat(h.alertsContaining(plain.chatId(), "Tariffs & quotas")).hasSize(1);
	}

	@Test
	void botRemovedFromChatMarksItInactiveAtOnce() throws Exception {
		AppHarness h = startWithSubscribers();
		h.telegram.sendMyChatMemberUpdate(BOB, "kicked");
		await().atMost(AppHarness.WAIT).until(() -> !chat(BOB).active());
		h.publish(h.item("old", "Old news", "Nothing.", 0), h.item("t1", "Tariff truce", "Tariffs.", 1));
		h.awaitAlerts(ALICE, 1);
		h.awaitQuiet();
		assertThat(h.alerts(BOB)).isEmpty();
	}

	@Test
	void pausedChatGetsNothingUntilItResumes() throws Exception {
		AppHarness h = startWithSubscribers();
		assertThat(h.ask(BOB, "/pause")).contains("Paused");
		h.publish(h.item("old", "Old news", "Nothing.", 0), h.item("t1", "Tariff cuts", "Tariffs.", 1));
		h.awaitAlerts(ALICE, 1);
		h.awaitQuiet();
		assertThat(h.alerts(BOB)).isEmpty();
		assertThat(h.ask(BOB, "/resume")).contains("Resumed");
		h.publish(h.item("old", "Old news", "Nothing.", 0), h.item("t2", "Tariff deal", "Tariffs.", 2));
		h.awaitAlerts(BOB, 1);
	}

	@Test
	void upgradedGroupKeepsItsSubscriptionsAndGetsTheAlertUnderItsNewId() throws Exception {
		AppHarness h = startWithSubscribers();
		long group = -500;
		long supergroup = -1000000000500L;
		h.telegram.setChatMemberStatus(group, ALICE, "administrator");
		h.telegram.sendText(group, ALICE, "/subscribe steel");
		h.awaitQuiet();
		h.telegram.failNextSends(1, 400, "Bad Request: group chat was upgraded to a supergroup chat", null, supergroup);
		h.publish(h.item("old", "Old news", "Nothing.", 0), h.item("s1", "Steel output falls", "Steel.", 1));
		await().atMost(AppHarness.WAIT).until(() -> !h.alerts(supergroup).isEmpty());
		h.publish(h.item("old", "Old news", "Nothing.", 0), h.item("s1", "Steel output falls", "Steel.", 1),
				h.item("s2", "Steel prices rise", "Steel.", 2));
		await().atMost(AppHarness.WAIT).until(() -> h.alerts(supergroup).size() == 2);
		assertThat(h.alerts(group)).isEmpty();
		assertThat(h.alertsContaining(supergroup, "Steel output falls")).hasSize(1);
	}

	@Test
	void floodedChatGetsADigestWithoutHoldingUpOthers() throws Exception {
		AppHarness h = startWithSubscribers();
		assertThat(h.ask(ALICE, "/subscribe steel")).startsWith("Subscribed");
		publishThirtySteelStoriesAndOneOnTariffs(h);
		h.awaitAlerts(BOB, 1);
		await().atMost(AppHarness.WAIT)
			.until(() -> (int) java.util.stream.IntStream.rangeClosed(1, 30)
				.filter((i) -> mentions(h, ALICE, "Steel story number %02d".formatted(i)))
				.count() == 30);
		List<SentMessage> toAlice = h.telegram.sentMessages()
			.stream()
			.filter((message) -> message.chatId() == ALICE && message.text().contains("Steel story"))
			.toList();
		assertThat(toAlice).as("30 steel stories folded into a few messages").hasSizeLessThan(10);
		assertThat(toAlice).anySatisfy((message) -> assertThat(message.text()).contains("new matching articles"));
		for (int i = 1; i <= 30; i++) {
			String title = "Steel story number %02d".formatted(i);
			assertThat(toAlice.stream().filter((message) -> message.text().contains(title)).count()).as(title)
				.isEqualTo(1);
		}
	}

	@Test
	void chatWithABacklogDoesNotHoldUpOthers() throws Exception {
		AppHarness h = startWithSubscribers("--policywatch.delivery.fold-above=1000",
				"--policywatch.delivery.private-chat-per-second=5");
		assertThat(h.ask(ALICE, "/subscribe steel")).startsWith("Subscribed");
		publishThirtySteelStoriesAndOneOnTariffs(h);
		h.awaitAlerts(BOB, 1);
		h.awaitAlerts(ALICE, 31);
		List<SentMessage> toAlice = h.alertsContaining(ALICE, "Steel story");
		assertThat(toAlice).extracting(SentMessage::text)
			.allSatisfy((text) -> assertThat(text).doesNotContain("new matching articles"));
		assertThat(toAlice).extracting((message) -> message.text().substring(0, 30))
			.as("in publication order")
			.isSorted();
		assertThat(h.alerts(BOB).get(0).at()).as("Bob's alert went out while Alice's backlog was still draining")
			.isBefore(toAlice.get(10).at());
	}

	/**
	 * Publishes 30 entries for Alice's "steel" and then one for Bob's "tariffs".
	 */
	private static void publishThirtySteelStoriesAndOneOnTariffs(AppHarness h) {
		List<FakeFeedServer.Item> items = new ArrayList<>();
		items.add(h.item("old", "Old news", "Nothing.", 0));
		for (int i = 1; i <= 30; i++) {
			items.add(h.item("s" + i, "Steel story number %02d".formatted(i), "Steel.", i));
		}
		items.add(h.item("t1", "Tariffs on tea", "Tariffs.", 31));
		h.publish(items.toArray(FakeFeedServer.Item[]::new));
	}

	private static boolean mentions(AppHarness h, long chat, String text) {
		return h.telegram.sentMessages()
			.stream()
			.anyMatch((message) -> message.chatId() == chat && message.text().contains(text));
	}

	@Test
	void telegramOutageDoesNotStopPollingAndAlertsWaitForIt(CapturedOutput output) throws Exception {
		this.harness = new AppHarness(this.dir, "--policywatch.telegram.api-url=http://127.0.0.1:9");
		AppHarness h = this.harness;
		h.publish(h.item("old", "Old news", "Nothing.", 0));
		h.start();
		h.awaitPrimed("news");
		await().atMost(AppHarness.WAIT).until(() -> output.getOut().contains("Unable to start Telegram bot"));
		h.bean(Chats.class).seen(ALICE, "private", "alice");
		h.bean(policywatch.subscription.Subscriptions.class).subscribe(ALICE, ALICE, "tariffs", false);
		h.publish(h.item("old", "Old news", "Nothing.", 0), h.item("t1", "Tariffs on rice", "Tariffs.", 1));
		await().atMost(AppHarness.WAIT).until(() -> output.getOut().contains("Unable to send alert"));
		policywatch.delivery.DeliveryStats stats = h.bean(policywatch.delivery.DeliveryStats.class);
		assertThat(stats.pending()).as("kept for a retry, not dropped").isEqualTo(1);
		assertThat(stats.failed()).isZero();
		assertThat(output.getOut()).doesNotContain(h.telegram.token());
	}

	@Test
	void withoutTokenAlertsAreLoggedInsteadOfSent(CapturedOutput output) throws Exception {
		this.harness = new AppHarness(this.dir, "--policywatch.telegram.token=");
		AppHarness h = this.harness;
		h.publish(h.item("old", "Old news", "Nothing.", 0));
		h.start();
		h.bean(Chats.class).seen(ALICE, "private", "alice");
		h.bean(policywatch.subscription.Subscriptions.class).subscribe(ALICE, ALICE, "tariffs", false);
		h.awaitPrimed("news");
		h.publish(h.item("old", "Old news", "Nothing.", 0), h.item("t1", "Tariffs on chips", "Tariffs.", 1));
		await().atMost(AppHarness.WAIT).until(() -> output.getOut().contains("Would send alert"));
		assertThat(output.getOut()).contains("Telegram bot is off").contains("Tariffs on chips");
		assertThat(h.telegram.sentMessages()).isEmpty();
	}

	private Chat chat(long id) {
		return this.harness.bean(Chats.class).find(id).orElseThrow();
	}

}
