package policywatch;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
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

	@TempDir
	Path dir;

	private AppHarness harness;

	@AfterEach
	void tearDown() {
		if (this.harness != null) {
			this.harness.close();
		}
	}

	/**
	 * Chats that block the bot, remove it or pause: one application for the three tests (each with
	 * two chats of its own, subscribed to a word of its own), so that it starts once.
	 */
	@Nested
	@TestInstance(Lifecycle.PER_CLASS)
	class ChatsOnOneApplication {

		private AppHarness shared;

		private long nextChat = 2100;

		private int minutes;

		@BeforeAll
		void startApplication(@TempDir Path sharedDir) throws Exception {
			this.shared = new AppHarness(sharedDir.resolve("app"));
			this.shared.publish(this.shared.item("old", "Old news", "Nothing.", 0));
			this.shared.start();
			this.shared.awaitPrimed("news");
		}

		@AfterAll
		void stopApplication() {
			if (this.shared != null) {
				this.shared.close();
			}
		}

		@Test
		void blockedChatIsDeactivatedWhileOthersStillReceiveAndStartReactivatesIt() {
			AppHarness h = this.shared;
			long alice = subscribed("steel");
			long bob = subscribed("steel");
			h.telegram.failSendsTo(bob, 403, "Forbidden: bot was blocked by the user");
			publish("s1", "New tariffs on steel");
			h.awaitAlerts(alice, 1);
			await().atMost(AppHarness.WAIT).until(() -> !chat(h, bob).active());
			assertThat(h.alerts(bob)).isEmpty();

			h.telegram.clearFailures();
			assertThat(h.ask(bob, "/start")).contains("Welcome");
			assertThat(chat(h, bob).active()).isTrue();
			publish("s2", "More steel tariffs announced");
			h.awaitAlerts(bob, 1);
			assertThat(h.alerts(bob).get(0).text()).contains("More steel tariffs announced");
		}

		@Test
		void botRemovedFromChatMarksItInactiveAtOnce() {
			AppHarness h = this.shared;
			long alice = subscribed("copper");
			long bob = subscribed("copper");
			h.telegram.sendMyChatMemberUpdate(bob, "kicked");
			await().atMost(AppHarness.WAIT).until(() -> !chat(h, bob).active());
			publish("c1", "Copper tariff truce");
			h.awaitAlerts(alice, 1);
			h.awaitQuiet();
			assertThat(h.alerts(bob)).isEmpty();
		}

		@Test
		void pausedChatGetsNothingUntilItResumes() {
			AppHarness h = this.shared;
			long alice = subscribed("timber");
			long bob = subscribed("timber");
			assertThat(h.ask(bob, "/pause")).contains("Paused");
			publish("t1", "Timber tariff cuts");
			h.awaitAlerts(alice, 1);
			h.awaitQuiet();
			assertThat(h.alerts(bob)).isEmpty();
			assertThat(h.ask(bob, "/resume")).contains("Resumed");
			publish("t2", "Timber tariff deal");
			h.awaitAlerts(bob, 1);
		}

		/** A new chat subscribed to the word. */
		private long subscribed(String word) {
			long chat = this.nextChat++;
			assertThat(this.shared.ask(chat, "/subscribe " + word)).startsWith("Subscribed");
			return chat;
		}

		/** Serves the news feed with one new entry (and the old one). */
		private void publish(String guid, String title) {
			AppHarness h = this.shared;
			this.minutes++;
			h.publish(h.item("old", "Old news", "Nothing.", 0), h.item(guid, title, "Tariffs.", this.minutes));
		}

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

	private static Chat chat(AppHarness h, long id) {
		return h.bean(Chats.class).find(id).orElseThrow();
	}

}
