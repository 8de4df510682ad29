package policywatch.telegram;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import policywatch.MutableClock;
import policywatch.admin.AdminConsole;
import policywatch.subscription.Chats;
import policywatch.subscription.SubscribeResult;
import policywatch.subscription.Subscription;
import policywatch.subscription.Subscriptions;
import policywatch.testing.BotApiHtmlValidator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

class ChatCommandsTests {

	private static final long ADMIN = 42;

	private static final long GROUP_OWNER = 501;

	private static final long GROUP_ADMIN = 502;

	private static final long MEMBER = 503;

	private static final long BROKEN_LOOKUP = 504;

	private static final long GROUP = -100;

	private static final String BOT = "PolicyWatchBot";

	private final Subscriptions subscriptions = mock(Subscriptions.class);

	private final Chats chats = mock(Chats.class);

	private final AdminConsole admin = mock(AdminConsole.class);

	private final ArchiveReplies archiveReplies = mock(ArchiveReplies.class);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	/** Members of group -100 by status; anyone else is a plain member. */
	private final Map<Long, String> groupStatus = new HashMap<>(Map.of(GROUP_OWNER, "creator", GROUP_ADMIN,
			"administrator"));

	private final AtomicInteger lookups = new AtomicInteger();

	private final ChatCommandProperties limits = new ChatCommandProperties(5, 8, Duration.ofMinutes(1),
			Duration.ofSeconds(60));

	private final ChatCommands commands = new ChatCommands(this.subscriptions, this.chats, this.admin,
			new TelegramProperties("token", URI.create("https://api.telegram.org"), List.of(ADMIN)),
			new GroupAdmins((chatId, userId) -> {
				this.lookups.incrementAndGet();
				if (userId == BROKEN_LOOKUP) {
					throw new IllegalStateException("Bot API unreachable");
				}
				return this.groupStatus.getOrDefault(userId, "member");
			}, this.clock, this.limits.groupAdminsCache()), new CommandThrottle(this.clock, this.limits),
			this.archiveReplies, null, new BotText(policywatch.testing.TestMessages.create(), null));

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
	@ValueSource(strings = { "/subscribe BRICS", "/unsubscribe 3", "/pause", "/resume", "/PAUSE@policywatchbot" })
	void groupMembersWhoAreNotAdminsCannotChangeAnything(String text) {
		assertThat(inGroup(MEMBER, text))
			.isEqualTo("Only this group's admins can change its subscriptions or pause its alerts.");
		verifyNoInteractions(this.subscriptions);
		verify(this.chats, never()).pause(anyLong());
		verify(this.chats, never()).resume(anyLong());
	}

	@Test
	void groupCreatorAdministratorsAndBotAdminsMayChangeTheGroup() {
		given(this.subscriptions.subscribe(GROUP, GROUP_OWNER, "BRICS", false))
			.willReturn(new SubscribeResult.Created(new Subscription(5, GROUP, "BRICS", "CHAT"), "BRICS"));
		given(this.subscriptions.unsubscribe(GROUP, "5")).willReturn(Optional.of(new Subscription(5, GROUP, "BRICS", "CHAT")));
		assertThat(inGroup(GROUP_OWNER, "/subscribe BRICS")).startsWith("Subscribed #5");
		assertThat(inGroup(GROUP_ADMIN, "/pause")).startsWith("Paused");
		assertThat(inGroup(ADMIN, "/resume")).startsWith("Resumed");
		assertThat(inGroup(GROUP_ADMIN, "/unsubscribe 5")).startsWith("Unsubscribed #5");
		verify(this.chats).pause(GROUP);
		verify(this.chats).resume(GROUP);
		assertThat(this.commands.handle(new IncomingMessage(GROUP, "supergroup", "Team", 1087968824, "/pause", BOT, true)))
			.as("a group's anonymous admin writes as the group").startsWith("Paused");
	}

	@Test
	void anyMemberMayReadTheGroupsList() {
		given(this.subscriptions.list(GROUP)).willReturn(List.of(new Subscription(3, GROUP, "BRICS", "CHAT")));
		assertThat(inGroup(MEMBER, "/list")).contains("#3");
		assertThat(inGroup(MEMBER, "/help")).contains("/subscribe");
		assertThat(this.lookups).hasValue(0);
	}

	@Test
	void groupAdminAnswersAreRememberedBriefly() {
		inGroup(MEMBER, "/pause");
		inGroup(MEMBER, "/resume");
		assertThat(this.lookups).hasValue(1);
		this.groupStatus.put(MEMBER, "administrator");
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(inGroup(MEMBER, "/pause")).startsWith("Paused");
		assertThat(this.lookups).hasValue(2);
	}

	@Test
	void whenTelegramCannotBeAskedTheChangeIsRefusedWithAReason() {
		assertThat(inGroup(BROKEN_LOOKUP, "/pause")).contains("could not check with Telegram");
		verify(this.chats, never()).pause(anyLong());
	}

	@Test
	void commandsForAnotherBotAreIgnoredAndOursAreAnswered() {
		assertThat(inGroup(GROUP_ADMIN, "/pause@OtherBot")).isNull();
		assertThat(inGroup(ADMIN, "/stats@OtherBot")).isNull();
		assertThat(this.commands.handle(new IncomingMessage(7, "private", "a", 7, "/help@OtherBot", BOT, false)))
			.isNull();
		verify(this.chats, never()).pause(anyLong());
		verifyNoInteractions(this.admin);
		assertThat(inGroup(GROUP_ADMIN, "/pause@policywatchBOT")).startsWith("Paused");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/stats", "/feeds", "/reload", "/testfeed https://example.org/feed.xml BRICS" })
	void adminCommandsAnswerOnlyInPrivateChats(String text) {
		String command = text.substring(1).split(" ")[0];
		assertThat(inGroup(ADMIN, text)).isEqualTo("Admin commands answer only in a private chat with me, so that "
				+ "nothing reaches this chat's members: send /" + command + " to me directly.");
		assertThat(inGroup(ADMIN, "/help")).doesNotContain("/reload");
		verifyNoInteractions(this.admin);
	}

	@Test
	void subscriptionsTheAdminPushedCannotBeRemovedOrPausedFromTheChat() {
		given(this.subscriptions.unsubscribe(GROUP, "4"))
			.willReturn(Optional.of(new Subscription(4, GROUP, "export controls", "CONFIG")));
		given(this.subscriptions.list(GROUP)).willReturn(List.of(new Subscription(3, GROUP, "BRICS", "CHAT"),
				new Subscription(4, GROUP, "export controls", "CONFIG")));
		assertThat(inGroup(GROUP_ADMIN, "/unsubscribe 4"))
			.isEqualTo("#4 is managed by the bot's admin and can't be removed from the chat.");
		assertThat(inGroup(GROUP_ADMIN, "/pause")).isEqualTo("Not paused: this chat receives a subscription that the "
				+ "bot's admin manages (#4), which can't be paused from the chat. Ask the admin, or /unsubscribe your own ones.");
		verify(this.chats, never()).pause(anyLong());
	}

	@Test
	void tooManyCommandsFromOneUserGetOneSlowDownThenSilenceUntilTheWindowPasses() {
		for (int i = 0; i < 5; i++) {
			assertThat(handle(7, "/help")).contains("/subscribe");
		}
		assertThat(handle(7, "/help")).startsWith("Slow down");
		for (int i = 0; i < 20; i++) {
			assertThat(handle(7, "/help")).isNull();
			assertThat(handle(7, "hello")).isNull();
		}
		assertThat(handle(8, "/help")).as("others are served meanwhile").contains("/subscribe");
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(handle(7, "/help")).contains("/subscribe");
	}

	@Test
	void aBusyGroupIsThrottledAsAWholeAndAdminsOnlyByTheChat() {
		for (int i = 0; i < 8; i++) {
			assertThat(inGroup(1000 + i, "/help")).contains("/subscribe");
		}
		assertThat(inGroup(2000, "/help")).startsWith("Slow down");
		assertThat(inGroup(2001, "/list")).isNull();
		assertThat(inGroup(ADMIN, "/list")).isNull();
		assertThat(inGroup(2002, "some chatter")).as("not a command: never counted").isNull();
		for (int i = 0; i < 10; i++) {
			assertThat(handle(ADMIN, "/help")).as("the bot's admins have no per-user limit").contains("/subscribe");
		}
	}

	@Test
	void longListsArePagedWithinTelegramsLimit() {
		List<Subscription> many = new ArrayList<>();
		for (int i = 1; i <= 25; i++) {
			many.add(new Subscription(i, 7, ("tariffs & duties on rare earth magnets " + i + " ").repeat(5).strip(),
					"CHAT"));
		}
		given(this.subscriptions.list(7)).willReturn(many);
		String first = handle(7, "/list");
		assertThat(first).startsWith("Your subscriptions (page 1 of 2):").contains("#1 ").endsWith("More: /list 2");
		String second = handle(7, "/list 2");
		assertThat(second).startsWith("Your subscriptions (page 2 of 2):").contains("#25 ").doesNotContain("More:");
		for (String page : List.of(first, second)) {
			assertThat(BotApiHtmlValidator.plainText(page).length()).isLessThanOrEqualTo(4096);
			assertThat(BotApiHtmlValidator.validate(page)).isEmpty();
		}
		long shown = (first + second).lines().filter((line) -> line.startsWith("#")).count();
		assertThat(shown).isEqualTo(25);
		assertThat(handle(7, "/list 99")).startsWith("Your subscriptions (page 2 of 2)");
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
		given(this.admin.stats(java.util.Locale.ENGLISH)).willReturn("Feeds: <all>");
		given(this.admin.feeds(java.util.Locale.ENGLISH)).willReturn("OK  news & co");
		given(this.admin.reload(ADMIN, java.util.Locale.ENGLISH)).willReturn("Not reloaded: 1 problem\nconfig/feeds.yml:3: feeds[0].url: '<x>'");
		given(this.admin.testFeed(ADMIN, "https://example.org/feed.xml BRICS & <co>", java.util.Locale.ENGLISH))
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
	void testQueryIsOnlyForAdminsInPrivate() {
		given(this.archiveReplies.testQuery("BRICS", java.util.Locale.ENGLISH)).willReturn("<pre>read as: BRICS</pre>");
		assertThat(handle(7, "/testquery BRICS")).isEqualTo("Sorry, /testquery is only for the bot's admins.");
		assertThat(inGroup(ADMIN, "/testquery BRICS")).startsWith("Admin commands answer only in a private chat");
		verifyNoInteractions(this.archiveReplies);
		assertThat(handle(ADMIN, "/testquery BRICS")).isEqualTo("<pre>read as: BRICS</pre>");
		assertThat(handle(ADMIN, "/help")).contains("/testquery");
	}

	@Test
	void everyoneMaySearchTheArchiveEvenInGroups() {
		given(this.archiveReplies.recent("BRICS", false, java.util.Locale.ENGLISH)).willReturn("The newest articles");
		assertThat(inGroup(MEMBER, "/recent BRICS")).isEqualTo("The newest articles");
		assertThat(handle(7, "/help")).contains("/recent");
	}

	@Test
	void adminMenuHasEveryAdminCommandAndTheMenuHasNone() {
		assertThat(ChatCommands.ADMIN_MENU)
			.containsExactly("stats", "feeds", "reload", "testfeed", "testquery");
		assertThat(ChatCommands.MENU)
			.doesNotContain("stats", "feeds", "reload", "testfeed", "testquery")
			.contains("recent");
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
		return this.commands.handle(new IncomingMessage(user, "private", "someone", user, text, BOT, false));
	}

	private String inGroup(long user, String text) {
		return this.commands.handle(new IncomingMessage(GROUP, "supergroup", "Team", user, text, BOT, false));
	}

}
