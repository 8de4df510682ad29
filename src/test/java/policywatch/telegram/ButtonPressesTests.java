package policywatch.telegram;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import policywatch.MutableClock;
import policywatch.TestDatabase;
import policywatch.admin.AdminConsole;
import policywatch.database.SqlTimestamps;
import policywatch.delivery.ButtonTokens;
import policywatch.delivery.DeliveryPreferences;
import policywatch.delivery.DeliveryProperties;
import policywatch.delivery.DeliveryTestAccess;
import policywatch.delivery.Keyboard;
import policywatch.subscription.Chats;
import policywatch.subscription.SubscribeResult;
import policywatch.subscription.Subscription;
import policywatch.subscription.Subscriptions;
import policywatch.testing.FakeTelegramApi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Inline keyboards against the fake Bot API through the real TelegramBots client: buttons under
 * alerts and under /subscribe, presses answered with answerCallbackQuery and the keyboard edited;
 * forged tokens, presses from another chat and from group members who are not admins.
 */
class ButtonPressesTests {

	private static final long ALICE = 7;

	private static final long BOB = 8;

	private static final long GROUP = -100;

	private static final long GROUP_ADMIN = 502;

	private static final long MEMBER = 503;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));

	private final FakeTelegramApi telegram = new FakeTelegramApi(FakeTelegramApi.DEFAULT_TOKEN, Clock.systemUTC())
		.start();

	private final TelegramClient client = new OkHttpTelegramClient(new ObjectMapper(), new OkHttpClient(),
			FakeTelegramApi.DEFAULT_TOKEN, TelegramBot.telegramUrl(URI.create(this.telegram.url())));

	private final JdbcClient jdbc = TestDatabase.jdbc();

	private final DeliveryPreferences preferences = DeliveryTestAccess.preferences(this.jdbc, this.clock,
			new DeliveryProperties(25, 1, 20, Duration.ofHours(24), 600, ZoneId.of("UTC"), Duration.ofMillis(500), 10, 8,
					Duration.ofDays(30)));

	private final ButtonTokens tokens = DeliveryTestAccess.tokens(this.jdbc);

	private final Subscriptions subscriptions = mock(Subscriptions.class);

	private final ChatCommandProperties limits = new ChatCommandProperties(50, 80, Duration.ofMinutes(1),
			Duration.ofSeconds(60));

	private final TelegramProperties properties = new TelegramProperties("token", URI.create("https://api.telegram.org"),
			List.of(42L));

	private final GroupAdmins groupAdmins = new GroupAdmins(
			(chatId, userId) -> (userId == GROUP_ADMIN) ? "administrator" : "member", this.clock,
			this.limits.groupAdminsCache());

	private final BotText text = new BotText(policywatch.testing.TestMessages.create(), this.preferences);

	private final DeliveryCommands delivery = new DeliveryCommands(this.subscriptions, this.preferences, this.clock,
			this.tokens, this.text);

	private final ButtonPresses presses;

	private final TelegramAlertSender sender = new TelegramAlertSender(this.client, new TelegramStatus(this.clock));

	private long offset;

	ButtonPressesTests() {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("client", this.client);
		this.presses = new ButtonPresses(beans.getBeanProvider(TelegramClient.class), this.tokens, this.delivery,
				this.preferences, this.subscriptions, this.properties, this.groupAdmins,
				new CommandThrottle(this.clock, this.limits), this.clock, this.text);
		subscription(12, ALICE, "BRICS");
		subscription(13, ALICE, "tariffs");
		subscription(20, GROUP, "sanctions");
		subscription(30, BOB, "steel");
	}

	@AfterEach
	void close() {
		this.telegram.close();
	}

	private void subscription(long id, long chatId, String query) {
		this.jdbc.sql("INSERT INTO chat (id, type, active, paused, created_at, updated_at) VALUES (?, 'private', TRUE, FALSE, ?, ?) ON CONFLICT DO NOTHING")
			.params(chatId, SqlTimestamps.ts(this.clock.instant()), SqlTimestamps.ts(this.clock.instant()))
			.update();
		this.jdbc.sql("INSERT INTO subscription (id, chat_id, query, origin, created_at) VALUES (?, ?, ?, 'CHAT', ?)")
			.params(id, chatId, query, SqlTimestamps.ts(this.clock.instant()))
			.update();
		List<Subscription> list = new ArrayList<>();
		this.jdbc.sql("SELECT id, query FROM subscription WHERE chat_id = ? ORDER BY id")
			.param(chatId)
			.query((rs) -> {
				list.add(new Subscription(rs.getLong(1), chatId, rs.getString(2), "CHAT"));
			});
		given(this.subscriptions.list(chatId)).willReturn(list);
	}

	private Subscription get(long chatId, long id) {
		return this.subscriptions.list(chatId).stream().filter((s) -> s.id() == id).findFirst().orElseThrow();
	}

	/** Sends an alert with the planner's buttons; returns the message id. */
	private long alert(long chatId, Subscription... matched) {
		Keyboard keyboard = DeliveryTestAccess.alertButtons(this.jdbc, this.clock, this.preferences, chatId,
				List.of(matched));
		assertThat(this.sender.sendHtml(chatId, "<b>Alert</b>", keyboard)).isInstanceOf(
				policywatch.delivery.SendResult.Sent.class);
		return this.telegram.lastMessageId(chatId);
	}

	private List<String> labels(long messageId) {
		List<String> labels = new ArrayList<>();
		JsonNode markup = this.telegram.replyMarkup(messageId);
		if (markup != null) {
			markup.path("inline_keyboard").forEach((row) -> row.forEach((button) -> labels.add(button.path("text").asText())));
		}
		return labels;
	}

	private String data(long messageId, String label) {
		for (JsonNode row : this.telegram.replyMarkup(messageId).path("inline_keyboard")) {
			for (JsonNode button : row) {
				if (button.path("text").asText().equals(label)) {
					return button.path("callback_data").asText();
				}
			}
		}
		throw new AssertionError("no button " + label + " in " + labels(messageId));
	}

	/** Delivers the queued updates to the handler as long polling would, and returns the answer. */
	private JsonNode press(long chatId, long userId, long messageId, String data) throws Exception {
		String id = this.telegram.sendCallbackQuery(chatId, userId, messageId, data);
		List<Update> updates = this.client.execute(GetUpdates.builder().offset((int) this.offset).timeout(0).build());
		for (Update update : updates) {
			this.offset = update.getUpdateId() + 1;
			this.presses.handle(update.getCallbackQuery());
		}
		List<JsonNode> answers = this.telegram.requests("answerCallbackQuery");
		JsonNode answer = answers.get(answers.size() - 1);
		assertThat(answer.path("callback_query_id").asText()).isEqualTo(id);
		return answer;
	}

	@Test
	void everyAlertCarriesMuteAndUnsubscribeForTheSubscriptionsThatMatched() {
		long one = alert(ALICE, get(ALICE, 12));
		assertThat(labels(one)).containsExactly("Mute 24 h", "Unsubscribe");
		long two = alert(ALICE, get(ALICE, 12), get(ALICE, 13));
		assertThat(labels(two)).containsExactly("Mute 24 h #12", "Unsubscribe #12", "Mute 24 h #13", "Unsubscribe #13");
		assertThat(data(one, "Mute 24 h").length()).isLessThanOrEqualTo(64);
	}

	@Test
	void mutePressIsAnsweredAppliedAndShownInTheKeyboard() throws Exception {
		long message = alert(ALICE, get(ALICE, 12), get(ALICE, 13));
		JsonNode answer = press(ALICE, ALICE, message, data(message, "Mute 24 h #12"));
		assertThat(answer.path("text").asText()).isEqualTo("#12 muted for 24 hours.");
		assertThat(this.preferences.mode(12).mutedUntil()).isEqualTo(this.clock.instant().plus(Duration.ofHours(24)));
		assertThat(this.preferences.mode(13).mutedUntil()).isNull();
		assertThat(labels(message)).containsExactly("Muted 24 h ✓ · Undo #12", "Unsubscribe #12", "Mute 24 h #13",
				"Unsubscribe #13");
		press(ALICE, ALICE, message, data(message, "Muted 24 h ✓ · Undo #12"));
		assertThat(this.preferences.mode(12).mutedUntil()).isNull();
		assertThat(labels(message)).startsWith("Mute 24 h #12");
	}

	@Test
	void aFloodOfPressesIsAnsweredButNotApplied() throws Exception {
		long message = alert(ALICE, get(ALICE, 12), get(ALICE, 13));
		String mute = data(message, "Mute 24 h #13");
		String other = data(message, "Mute 24 h #12");
		for (int i = 0; i < this.limits.perUser(); i++) {
			press(ALICE, ALICE, message, other);
		}
		JsonNode answer = press(ALICE, ALICE, message, mute);
		assertThat(answer.path("text").asText()).startsWith("Slow down");
		assertThat(this.preferences.mode(13).mutedUntil()).as("not applied").isNull();
	}

	@Test
	void unsubscribePressRemovesTheSubscriptionAndItsButtonsThenExpire() throws Exception {
		long message = alert(ALICE, get(ALICE, 12));
		String unsubscribe = data(message, "Unsubscribe");
		List<Subscription> left = List.of(get(ALICE, 13));
		given(this.subscriptions.unsubscribe(ALICE, "12")).willAnswer((call) -> {
			given(this.subscriptions.list(ALICE)).willReturn(left);
			return java.util.Optional.of(new Subscription(12, ALICE, "BRICS", "CHAT"));
		});
		assertThat(press(ALICE, ALICE, message, unsubscribe).path("text").asText()).isEqualTo("Unsubscribed #12.");
		assertThat(labels(message)).containsExactly("Unsubscribed ✓");
		int edits = this.telegram.requests("editMessageReplyMarkup").size();
		assertThat(press(ALICE, ALICE, message, unsubscribe).path("text").asText()).as("stale")
			.isEqualTo("This button has expired.");
		assertThat(this.telegram.requests("editMessageReplyMarkup")).hasSize(edits);
	}

	@Test
	void aForgedTokenOnlyGetsExpired() throws Exception {
		long message = alert(ALICE, get(ALICE, 12));
		String real = data(message, "Mute 24 h");
		String forged = real.substring(0, real.length() - 2) + (real.endsWith("AA") ? "BB" : "AA");
		for (String data : new String[] { forged, "m:12:", "m:12", "m:13:" + real.substring(real.lastIndexOf(':') + 1),
				"garbage", "" }) {
			assertThat(press(ALICE, ALICE, message, data).path("text").asText()).as(data).isEqualTo("This button has expired.");
		}
		assertThat(this.preferences.mode(12).mutedUntil()).isNull();
		assertThat(this.preferences.mode(13).mutedUntil()).isNull();
		assertThat(this.telegram.requests("editMessageReplyMarkup")).isEmpty();
	}

	@Test
	void aPressFromAnotherChatOnlyGetsExpired() throws Exception {
		long alices = alert(ALICE, get(ALICE, 12));
		long bobs = alert(BOB, get(BOB, 30));
		String alicesMute = data(alices, "Mute 24 h");
		// Bob copies Alice's button data into a press in his own chat
		assertThat(press(BOB, BOB, bobs, alicesMute).path("text").asText()).isEqualTo("This button has expired.");
		assertThat(this.preferences.mode(12).mutedUntil()).isNull();
		assertThat(this.telegram.requests("editMessageReplyMarkup")).isEmpty();
		verify(this.subscriptions, never()).unsubscribe(eq(BOB), anyString());
	}

	@Test
	void inAGroupOnlyAdminsMayPress() throws Exception {
		long message = alert(GROUP, get(GROUP, 20));
		JsonNode refused = press(GROUP, MEMBER, message, data(message, "Mute 24 h"));
		assertThat(refused.path("text").asText()).isEqualTo("Only this chat's admins can change its subscriptions.");
		assertThat(refused.path("show_alert").asBoolean()).isTrue();
		assertThat(this.preferences.mode(20).mutedUntil()).isNull();
		assertThat(labels(message)).containsExactly("Mute 24 h", "Unsubscribe");
		assertThat(press(GROUP, GROUP_ADMIN, message, data(message, "Mute 24 h")).path("text").asText())
			.isEqualTo("#20 muted for 24 hours.");
		assertThat(this.preferences.mode(20).mutedAt(this.clock.instant())).isTrue();
		assertThat(press(GROUP, 42, message, data(message, "Muted 24 h ✓ · Undo")).path("text").asText())
			.as("a PolicyWatch admin").isEqualTo("#20 is no longer muted.");
	}

	@Test
	void pressesAreAnsweredInTheChatsLanguage() throws Exception {
		long message = alert(ALICE, get(ALICE, 12));
		long group = alert(GROUP, get(GROUP, 20));
		String mute = data(message, "Mute 24 h");
		String groupMute = data(group, "Mute 24 h");
		this.preferences.setLanguage(ALICE, java.util.Locale.forLanguageTag("ru"));
		this.preferences.setLanguage(GROUP, java.util.Locale.CHINESE);
		assertThat(press(ALICE, ALICE, message, mute).path("text").asText()).isEqualTo("#12 приглушена на 24 часа.");
		assertThat(press(ALICE, ALICE, message, "garbage").path("text").asText()).isEqualTo("Срок действия этой кнопки истёк.");
		assertThat(press(GROUP, MEMBER, group, groupMute).path("text").asText()).isEqualTo("只有本聊天的管理员可以更改其订阅。");
		this.preferences.setLanguage(ALICE, null);
		assertThat(press(ALICE, ALICE, message, "garbage").path("text").asText()).as("Telegram reports en")
			.isEqualTo("This button has expired.");
	}

	@Test
	void subscribeConfirmationOffersInstantDailyAndWeekly() throws Exception {
		ChatCommands commands = new ChatCommands(this.subscriptions, mock(Chats.class), mock(AdminConsole.class),
				this.properties, this.groupAdmins, new CommandThrottle(this.clock, this.limits), null, this.delivery, this.text);
		Subscription brics = get(ALICE, 12);
		given(this.subscriptions.subscribe(ALICE, ALICE, "BRICS", false))
			.willReturn(new SubscribeResult.Created(brics, "brics"));
		ChatCommands.Reply reply = commands.answer(new IncomingMessage(ALICE, "private", null, ALICE, "/subscribe BRICS"));
		assertThat(reply.html()).startsWith("Subscribed #12");
		this.sender.sendHtml(ALICE, reply.html(), reply.keyboard());
		long message = this.telegram.lastMessageId(ALICE);
		assertThat(labels(message)).containsExactly("✓ Instant", "Daily digest", "Weekly digest");
		assertThat(press(ALICE, ALICE, message, data(message, "Daily digest")).path("text").asText())
			.isEqualTo("#12: daily 08:00 digest.");
		assertThat(this.preferences.mode(12).digest()).hasToString("daily 08:00");
		assertThat(labels(message)).containsExactly("Instant", "✓ Daily digest", "Weekly digest");
		press(ALICE, ALICE, message, data(message, "Weekly digest"));
		assertThat(this.preferences.mode(12).digest()).hasToString("weekly mon 08:00");
		press(ALICE, ALICE, message, data(message, "Instant"));
		assertThat(this.preferences.mode(12).digest()).isNull();
		assertThat(commands.answer(new IncomingMessage(ALICE, "private", null, ALICE, "/list")).keyboard()).isNull();
	}

}
