package policywatch;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import policywatch.subscription.Chat;
import policywatch.subscription.Chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery end to end, against the fake Bot API: what needs the whole application (start-up
 * without Telegram, the bot switched off, chats that block or leave, paused chats). Each kind of
 * Bot API answer is covered on a fake clock in {@code delivery.OutboxSenderTests}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeliveryErrorsIT {

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
