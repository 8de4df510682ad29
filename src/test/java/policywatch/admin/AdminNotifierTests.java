package policywatch.admin;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import policywatch.delivery.AlertSender;
import policywatch.delivery.ChatMigrated;
import policywatch.delivery.SendResult;
import policywatch.ingest.FeedParked;
import policywatch.source.ConfigChanges;
import policywatch.source.ConfigProblem;
import policywatch.source.ConfigRejected;
import policywatch.source.ConfigReloaded;
import policywatch.source.ReloadTrigger;
import policywatch.source.SettingsChanged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AdminNotifierTests {

	private final List<String> sent = new CopyOnWriteArrayList<>();

	private final AlertSender sender = new AlertSender() {

		@Override
		public SendResult sendHtml(long chatId, String html) {
			AdminNotifierTests.this.sent.add(chatId + ": " + html);
			return (chatId == 3) ? new SendResult.ChatUnavailable("403 blocked") : new SendResult.Sent(1);
		}

		@Override
		public SendResult sendPlain(long chatId, String text) {
			throw new UnsupportedOperationException();
		}

	};

	private final ThreadPoolTaskExecutor executor = new AdminNotifierConfiguration().adminNotifierExecutor();

	private final AdminNotifier notifier = new AdminNotifier(this.sender, this.executor, List.of(1L, 2L));

	@BeforeEach
	void startExecutor() {
		this.executor.initialize();
	}

	@AfterEach
	void tearDown() {
		this.executor.shutdown();
	}

	@Test
	void adminsAreToldToUpdateTheFileWhenAGroupBecomesASupergroup() {
		this.notifier.chatMigrated(new ChatMigrated(-500, -1000000000500L, 2));
		List<String> messages = awaitMessages(2);
		assertThat(messages).allSatisfy((message) -> assertThat(message).contains("became the supergroup")
			.contains("Replace <code>-500</code> with <code>-1000000000500</code> in subscriptions.yml"));
	}

	@Test
	void rejectedEditsReachEveryAdminWithTheProblemsEscaped() {
		this.notifier.configRejected(new ConfigRejected(List.of(new ConfigProblem(Path.of("config/feeds.yml"), 7,
				"feeds[0].url", "'<x>&y' is not an absolute http or https URL")), ReloadTrigger.WATCH));

		List<String> messages = awaitMessages(2);
		assertThat(messages).containsExactly("1: " + rejected(), "2: " + rejected());
	}

	private static String rejected() {
		return "⚠️ <b>Config change rejected</b>; the previous configuration stays active.\n\n"
				+ "<pre>config/feeds.yml:7: feeds[0].url: '&lt;x&gt;&amp;y' is not an absolute http or https URL</pre>\n"
				+ "\nFix the file: it is reloaded when saved (or send /reload).";
	}

	@Test
	void parkedFeedsAppliedEditsAndSettings() {
		this.notifier.feedParked(new FeedParked("wto-news", "https://example.org/a?x=1&y=2", 20, "HTTP 500 <oops>"));
		this.notifier.configReloaded(new ConfigReloaded(
				new ConfigChanges(2, List.of("c"), List.of("a"), List.of(), 0, 0, 0), ReloadTrigger.WATCH));
		this.notifier.settingsChanged(new SettingsChanged(Path.of("config/settings.yml"), List.of(), false));

		List<String> messages = awaitMessages(6);
		assertThat(messages).filteredOn((message) -> message.startsWith("1: ")).containsExactly(
				"1: ⛔ <b>Feed parked</b>: <code>wto-news</code> failed 20 times in a row and is no longer polled.\n"
						+ "https://example.org/a?x=1&amp;y=2\nLast error: HTTP 500 &lt;oops&gt;\n\n"
						+ "Fix or remove it in feeds.yml; saving the file (or /reload) tries it again.",
				"1: ✅ <b>Config reloaded</b>: 2 feeds (added: c; removed: a), 0 admin-defined subscriptions",
				"1: ℹ️ <code>config/settings.yml</code> changed and is valid. Settings apply at the next restart.");
	}

	@Test
	void commandReloadsAreAnsweredInTheChatNotBroadcast() throws InterruptedException {
		this.notifier.configRejected(new ConfigRejected(
				List.of(new ConfigProblem(Path.of("feeds.yml"), 1, "", "bad")), ReloadTrigger.COMMAND));
		this.notifier.configReloaded(new ConfigReloaded(
				new ConfigChanges(1, List.of(), List.of(), List.of(), 0, 0, 0), ReloadTrigger.COMMAND));
		this.notifier.notifyAdmins("marker", "marker");

		assertThat(awaitMessages(2)).containsExactly("1: marker", "2: marker");
	}

	@Test
	void failedDeliveryToOneAdminDoesNotStopTheOthers() {
		AdminNotifier three = new AdminNotifier(this.sender, this.executor, List.of(3L, 1L));
		three.notifyAdmins("test", "hello");
		assertThat(awaitMessages(2)).containsExactly("3: hello", "1: hello");
	}

	private List<String> awaitMessages(int count) {
		await().atMost(java.time.Duration.ofSeconds(30)).until(() -> this.sent.size() >= count);
		return List.copyOf(this.sent);
	}

}
