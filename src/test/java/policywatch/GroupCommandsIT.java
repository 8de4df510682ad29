package policywatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import policywatch.testing.FakeTelegramApi;
import policywatch.testing.FakeTelegramApi.SentMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Groups against the running application and the fake Bot API: who may change a group's subscriptions,
 * commands meant for another bot, admin commands in a group, and subscriptions the admin pushed.
 */
class GroupCommandsIT {

	private static final long ADMIN = 42;

	private static final long GROUP_ADMIN = 2001;

	private static final long MEMBER = 2002;

	/** A supergroup with a subscription from subscriptions.yml. */
	private static final long TEAM = -1001234567890L;

	/** A supergroup with none. */
	private static final long CLUB = -1009876543210L;

	@TempDir
	Path dir;

	private AppHarness harness;

	@AfterEach
	void tearDown() {
		if (this.harness != null) {
			this.harness.close();
		}
	}

	@Test
	void onlyGroupAdminsChangeAGroupAndAdminMattersStayPrivate() throws Exception {
		AppHarness h = this.harness = new AppHarness(this.dir, "--policywatch.telegram.admin-ids=" + ADMIN);
		Files.writeString(this.dir.resolve("config/subscriptions.yml"), """
				subscriptions:
				  - chat: %d
				    query: export controls
				""".formatted(TEAM));
		h.publish(h.item("old", "Old news", "Nothing.", 0));
		h.start();
		h.telegram.setChatMemberStatus(TEAM, GROUP_ADMIN, "administrator");
		h.telegram.setChatMemberStatus(CLUB, GROUP_ADMIN, "creator");

		// a group admin subscribes the group; a plain member can neither unsubscribe nor pause it
		String subscribed = say(TEAM, GROUP_ADMIN, "/subscribe BRICS");
		assertThat(subscribed).startsWith("Subscribed #");
		String bricsId = firstGroup("#(\\d+)", subscribed);
		assertThat(say(TEAM, MEMBER, "/unsubscribe " + bricsId))
			.isEqualTo("Only this group's admins can change its subscriptions or pause its alerts.");
		assertThat(say(CLUB, MEMBER, "/pause"))
			.isEqualTo("Only this group's admins can change its subscriptions or pause its alerts.");
		assertThat(say(CLUB, MEMBER, "/subscribe tariffs"))
			.isEqualTo("Only this group's admins can change its subscriptions or pause its alerts.");

		// a command addressed to another bot is ignored; one addressed to us is answered
		h.telegram.sendText(CLUB, GROUP_ADMIN, "/pause@OtherBot");
		String list = say(CLUB, MEMBER, "/list@" + FakeTelegramApi.BOT_USERNAME);
		assertThat(list).startsWith("No subscriptions yet");
		assertThat(replies(CLUB)).noneMatch((text) -> text.startsWith("Paused"));

		// the group's admins (creator included) may
		assertThat(say(CLUB, GROUP_ADMIN, "/pause@" + FakeTelegramApi.BOT_USERNAME)).startsWith("Paused");
		assertThat(say(CLUB, GROUP_ADMIN, "/resume")).startsWith("Resumed");

		// the subscription pushed by subscriptions.yml is listed but cannot be removed or paused from the chat
		list = say(TEAM, MEMBER, "/list");
		assertThat(list).contains("BRICS").contains("export controls</code> (set by the admin)");
		String configuredId = firstGroup("#(\\d+) <code>export controls", list);
		assertThat(say(TEAM, GROUP_ADMIN, "/unsubscribe " + configuredId))
			.isEqualTo("#" + configuredId + " is managed by the bot's admin and can't be removed from the chat.");
		assertThat(say(TEAM, GROUP_ADMIN, "/pause")).startsWith("Not paused")
			.contains("(#" + configuredId + "), which can't be paused from the chat");
		assertThat(say(TEAM, MEMBER, "/list")).contains("export controls").doesNotContain("Alerts are paused");
		assertThat(say(TEAM, GROUP_ADMIN, "/unsubscribe " + bricsId)).startsWith("Unsubscribed #" + bricsId);

		// admin commands answer only in a private chat: nothing about the feeds reaches the group
		String stats = say(TEAM, ADMIN, "/stats");
		assertThat(stats).startsWith("Admin commands answer only in a private chat");
		assertThat(say(TEAM, ADMIN, "/feeds")).startsWith("Admin commands answer only in a private chat");
		assertThat(say(TEAM, MEMBER, "/stats")).isEqualTo("Sorry, /stats is only for the bot's admins.");
		assertThat(replies(TEAM)).noneMatch((text) -> text.contains("broken") || text.contains("Policy News")
				|| text.contains(h.feeds.url("/")));
		assertThat(h.ask(ADMIN, "/feeds")).contains("broken");

		// each member's role was asked of Telegram once and then remembered
		assertThat(h.telegram.requests("getChatMember")).hasSizeLessThanOrEqualTo(4);
	}

	/**
	 * Sends a message in a group and returns the bot's next reply there.
	 */
	private String say(long chat, long user, String text) {
		int before = replies(chat).size();
		this.harness.telegram.sendText(chat, user, text);
		await().atMost(AppHarness.WAIT).until(() -> replies(chat).size() > before);
		return replies(chat).get(before);
	}

	private List<String> replies(long chat) {
		return this.harness.telegram.sentMessages()
			.stream()
			.filter((message) -> message.chatId() == chat)
			.map(SentMessage::text)
			.toList();
	}

	private static String firstGroup(String regex, String text) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as("%s in %s", regex, text).isTrue();
		return matcher.group(1);
	}

}
