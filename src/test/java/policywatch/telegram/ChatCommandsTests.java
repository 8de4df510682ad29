package policywatch.telegram;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import policywatch.admin.AdminConsole;
import policywatch.subscription.Chats;
import policywatch.subscription.SubscribeResult;
import policywatch.subscription.Subscription;
import policywatch.subscription.Subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

class ChatCommandsTests {

	private static final long ADMIN = 42;

	private final Subscriptions subscriptions = mock(Subscriptions.class);

	private final Chats chats = mock(Chats.class);

	private final AdminConsole admin = mock(AdminConsole.class);

	private final ChatCommands commands = new ChatCommands(this.subscriptions, this.chats, this.admin,
			new TelegramProperties("token", URI.create("https://api.telegram.org"), List.of(ADMIN)));

	@Test
	void subscribeConfirmsWithIdAndEchoesTheQueryEscaped() {
		given(this.subscriptions.subscribe(7, 7, "R&D <tax>", false))
			.willReturn(new SubscribeResult.Created(new Subscription(12, 7, "R&D <tax>", "CHAT"), "\"r&d tax\""));
		assertThat(handle(7, "/subscribe R&D <tax>")).isEqualTo(
				"Subscribed #12: <code>R&amp;D &lt;tax&gt;</code>\nI read it as: <code>\"r&amp;d tax\"</code>");
	}

	@Test
	void rejectedQueryIsExplainedAndNotStored() {
		given(this.subscriptions.subscribe(7, 7, "\"supply chain", false))
			.willReturn(new SubscribeResult.Rejected("Unclosed quote at position 1"));
		assertThat(handle(7, "/subscribe \"supply chain")).isEqualTo("Not subscribed: Unclosed quote at position 1");
	}

	@Test
	void adminsAreExemptFromLimits() {
		given(this.subscriptions.subscribe(ADMIN, ADMIN, "BRICS", true))
			.willReturn(new SubscribeResult.Created(new Subscription(1, ADMIN, "BRICS", "CHAT"), "brics"));
		assertThat(handle(ADMIN, "/subscribe BRICS")).startsWith("Subscribed #1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/stats", "/feeds", "/reload", "/testfeed https://example.org/feed.xml BRICS",
			"/STATS@PolicyWatchBot", "/testfeed" })
	void adminCommandsAreRefusedToOthersWithoutTouchingAnything(String text) {
		String command = text.substring(1).split("[ @]")[0].toLowerCase(java.util.Locale.ROOT);
		assertThat(handle(7, text)).isEqualTo("Sorry, /" + command + " is only for the bot's admins.");
		assertThat(this.commands.handle(new IncomingMessage(-100, "supergroup", "Team", 7, text)))
			.isEqualTo("Sorry, /" + command + " is only for the bot's admins.");
		assertThat(this.commands.handle(new IncomingMessage(-100, "channel", "Channel", 0, text)))
			.as("channel posts have no sender").startsWith("Sorry");
		verifyNoInteractions(this.admin);
	}

	@Test
	void adminCommandsAnswerAdminsEscaped() {
		given(this.admin.stats()).willReturn("Feeds: <all>");
		given(this.admin.feeds()).willReturn("OK  news & co");
		given(this.admin.reload(ADMIN)).willReturn("Not reloaded: 1 problem\nconfig/feeds.yml:3: feeds[0].url: '<x>'");
		given(this.admin.testFeed(ADMIN, "https://example.org/feed.xml BRICS & <co>"))
			.willReturn("Testing https://example.org/feed.xml with the query BRICS & <co> … the result follows.");
		assertThat(handle(ADMIN, "/stats")).isEqualTo("<pre>Feeds: &lt;all&gt;</pre>");
		assertThat(handle(ADMIN, "/feeds")).isEqualTo("<pre>OK  news &amp; co</pre>");
		assertThat(handle(ADMIN, "/reload")).isEqualTo(
				"<pre>Not reloaded: 1 problem\nconfig/feeds.yml:3: feeds[0].url: '&lt;x&gt;'</pre>");
		assertThat(handle(ADMIN, "/testfeed https://example.org/feed.xml BRICS & <co>"))
			.isEqualTo("Testing https://example.org/feed.xml with the query BRICS &amp; &lt;co&gt; … the result follows.");
	}

	@Test
	void helpListsAdminCommandsOnlyToAdmins() {
		assertThat(handle(7, "/help")).doesNotContain("/reload").doesNotContain("Admin");
		assertThat(handle(ADMIN, "/help")).contains("/stats", "/feeds", "/reload", "/testfeed");
	}

	@Test
	void adminMenuHasEveryAdminCommandAndTheMenuHasNone() {
		assertThat(ChatCommands.ADMIN_MENU).extracting((entry) -> entry[0])
			.containsExactly("stats", "feeds", "reload", "testfeed");
		assertThat(ChatCommands.MENU).extracting((entry) -> entry[0])
			.doesNotContain("stats", "feeds", "reload", "testfeed");
	}

	@Test
	void listShowsIdsAndAdminDefinedSubscriptions() {
		given(this.subscriptions.list(7)).willReturn(
				List.of(new Subscription(3, 7, "BRICS", "CHAT"), new Subscription(4, 7, "export controls", "CONFIG")));
		assertThat(handle(7, "/list")).isEqualTo(
				"Your subscriptions:\n#3 <code>BRICS</code>\n#4 <code>export controls</code> (set by the admin)");
	}

	@Test
	void unsubscribeByIdOrText() {
		given(this.subscriptions.unsubscribe(7, "3")).willReturn(Optional.of(new Subscription(3, 7, "BRICS", "CHAT")));
		given(this.subscriptions.unsubscribe(7, "nothing")).willReturn(Optional.empty());
		assertThat(handle(7, "/unsubscribe 3")).isEqualTo("Unsubscribed #3: <code>BRICS</code>");
		assertThat(handle(7, "/unsubscribe nothing")).contains("no subscription nothing");
		assertThat(handle(7, "/unsubscribe")).contains("Which one?");
	}

	@Test
	void pauseAndResumeTheChat() {
		assertThat(handle(7, "/pause")).startsWith("Paused");
		verify(this.chats).pause(7);
		assertThat(handle(7, "/resume@PolicyWatchBot")).startsWith("Resumed");
		verify(this.chats).resume(7);
	}

	@Test
	void unknownTextGetsShortHelpInPrivateAndSilenceInGroups() {
		assertThat(handle(7, "hello")).contains("/subscribe");
		assertThat(this.commands.handle(new IncomingMessage(-100, "group", "Team", 7, "hello"))).isNull();
		assertThat(handle(7, "/frobnicate")).contains("don't know that command");
		verify(this.subscriptions, never()).subscribe(anyLong(), anyLong(), org.mockito.ArgumentMatchers.anyString(),
				org.mockito.ArgumentMatchers.anyBoolean());
	}

	private String handle(long user, String text) {
		return this.commands.handle(new IncomingMessage(user, "private", "someone", user, text));
	}

}
