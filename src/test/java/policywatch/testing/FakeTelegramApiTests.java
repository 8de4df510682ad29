package policywatch.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeAllPrivateChats;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Drives {@link FakeTelegramApi} with the real TelegramBots client.
 */
class FakeTelegramApiTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));

	private FakeTelegramApi telegram;

	private OkHttpTelegramClient client;

	@BeforeEach
	void start() {
		this.telegram = new FakeTelegramApi(FakeTelegramApi.DEFAULT_TOKEN, this.clock).start();
		this.client = new OkHttpTelegramClient(this.telegram.token(), telegramUrl());
	}

	@AfterEach
	void stop() {
		this.telegram.close();
	}

	private TelegramUrl telegramUrl() {
		return TelegramUrl.builder().schema("http").host("127.0.0.1").port(this.telegram.port()).build();
	}

	@Test
	void sendMessageIsRecordedAndAnsweredWithIncreasingMessageIds() throws Exception {
		Message first = this.client.execute(SendMessage.builder().chatId(42L).text("<b>Tariffs</b> &amp; trade")
			.parseMode("HTML").build());
		Message second = this.client.execute(SendMessage.builder().chatId(42L).text("plain").build());

		assertThat(first.getChatId()).isEqualTo(42L);
		assertThat(first.getText()).isEqualTo("Tariffs & trade");
		assertThat(second.getMessageId()).isGreaterThan(first.getMessageId());
		assertThat(this.telegram.sentMessages()).containsExactly(
				new FakeTelegramApi.SentMessage(42L, "<b>Tariffs</b> &amp; trade", "HTML", this.clock.instant()),
				new FakeTelegramApi.SentMessage(42L, "plain", null, this.clock.instant()));
	}

	@Test
	void getMeDescribesTheBot() throws Exception {
		User me = this.client.execute(new GetMe());

		assertThat(me.getIsBot()).isTrue();
		assertThat(me.getUserName()).isEqualTo(FakeTelegramApi.BOT_USERNAME);
	}

	@Test
	void malformedHtmlIsRejectedLikeTheRealApi() {
		assertThatExceptionOfType(TelegramApiRequestException.class)
			.isThrownBy(() -> this.client
				.execute(SendMessage.builder().chatId(42L).text("Tariffs <b>rise").parseMode("HTML").build()))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo(400);
				assertThat(ex.getApiResponse()).isEqualTo(
						"Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"");
			});
		assertThat(this.telegram.sentMessages()).isEmpty();
	}

	@Test
	void bareLessThanInHtmlIsRejected() {
		assertThatExceptionOfType(TelegramApiRequestException.class)
			.isThrownBy(() -> this.client
				.execute(SendMessage.builder().chatId(42L).text("x < y").parseMode("HTML").build()))
			.satisfies((ex) -> assertThat(ex.getApiResponse())
				.isEqualTo("Bad Request: can't parse entities: Unclosed start tag at byte offset 2"));
	}

	@Test
	void textLongerThan4096IsRejected() {
		assertThatExceptionOfType(TelegramApiRequestException.class)
			.isThrownBy(() -> this.client.execute(SendMessage.builder().chatId(42L).text("a".repeat(4097)).build()))
			.satisfies((ex) -> assertThat(ex.getApiResponse()).isEqualTo("Bad Request: message is too long"));
	}

	@Test
	void scriptedTooManyRequestsCarriesRetryAfterThenSendsSucceed() throws Exception {
		this.telegram.failNextSends(1, 429, "Too Many Requests: retry after 3", 3, null);

		assertThatExceptionOfType(TelegramApiRequestException.class)
			.isThrownBy(() -> this.client.execute(SendMessage.builder().chatId(42L).text("hello").build()))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo(429);
				assertThat(ex.getParameters().getRetryAfter()).isEqualTo(3);
			});
		this.client.execute(SendMessage.builder().chatId(42L).text("hello").build());

		assertThat(this.telegram.sentMessages()).extracting(FakeTelegramApi.SentMessage::text).containsExactly("hello");
		assertThat(this.telegram.sendAttempts()).isEqualTo(2);
	}

	@Test
	void scriptedMigrationCarriesTheNewChatId() {
		this.telegram.failNextSends(1, 400, "Bad Request: group chat was upgraded to a supergroup chat", null,
				-1001234567890L);

		assertThatExceptionOfType(TelegramApiRequestException.class)
			.isThrownBy(() -> this.client.execute(SendMessage.builder().chatId(-42L).text("hello").build()))
			.satisfies((ex) -> assertThat(ex.getParameters().getMigrateToChatId()).isEqualTo(-1001234567890L));
	}

	@Test
	void failSendsToAffectsOnlyThatChat() throws Exception {
		this.telegram.failSendsTo(7L, 403, "Forbidden: bot was blocked by the user");

		assertThatExceptionOfType(TelegramApiRequestException.class)
			.isThrownBy(() -> this.client.execute(SendMessage.builder().chatId(7L).text("hello").build()))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(403));
		this.client.execute(SendMessage.builder().chatId(8L).text("hello").build());

		assertThat(this.telegram.sentMessages()).extracting(FakeTelegramApi.SentMessage::chatId).containsExactly(8L);
	}

	@Test
	void enforcedLimitsAnswer429WithRetryAfterUntilTheWindowPasses() throws Exception {
		this.telegram.enforceLimits();
		this.client.execute(SendMessage.builder().chatId(42L).text("one").build());

		assertThatExceptionOfType(TelegramApiRequestException.class)
			.isThrownBy(() -> this.client.execute(SendMessage.builder().chatId(42L).text("two").build()))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo(429);
				assertThat(ex.getParameters().getRetryAfter()).isEqualTo(1);
			});
		this.client.execute(SendMessage.builder().chatId(43L).text("other chat").build());
		this.clock.advance(Duration.ofSeconds(1));
		this.client.execute(SendMessage.builder().chatId(42L).text("two").build());

		assertThat(this.telegram.tooManyRequestsCount()).isEqualTo(1);
		assertThat(this.telegram.sentMessages()).extracting(FakeTelegramApi.SentMessage::text)
			.containsExactly("one", "other chat", "two");
	}

	@Test
	void groupLimitIsPerMinute() throws Exception {
		this.telegram.enforceLimits(1, 2, 30);
		this.client.execute(SendMessage.builder().chatId(-5L).text("one").build());
		this.clock.advance(Duration.ofSeconds(1));
		this.client.execute(SendMessage.builder().chatId(-5L).text("two").build());
		this.clock.advance(Duration.ofSeconds(1));

		assertThatExceptionOfType(TelegramApiRequestException.class)
			.isThrownBy(() -> this.client.execute(SendMessage.builder().chatId(-5L).text("three").build()))
			.satisfies((ex) -> assertThat(ex.getParameters().getRetryAfter()).isEqualTo(58));
	}

	@Test
	void wrongTokenIsUnauthorized() {
		OkHttpTelegramClient stranger = new OkHttpTelegramClient("1:wrong", telegramUrl());

		assertThatExceptionOfType(TelegramApiRequestException.class)
			.isThrownBy(() -> stranger.execute(SendMessage.builder().chatId(42L).text("hello").build()))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(401));
		assertThat(this.telegram.sendAttempts()).isZero();
	}

	@Test
	void setMyCommandsIsRecordedWithItsScope() throws Exception {
		this.client.execute(SetMyCommands.builder()
			.commands(List.of(new BotCommand("subscribe", "Add a keyword query"),
					new BotCommand("list", "Show your queries")))
			.scope(new BotCommandScopeAllPrivateChats())
			.build());

		assertThat(this.telegram.myCommandsCalls()).singleElement().satisfies((call) -> {
			assertThat(call.commands()).containsKeys("subscribe", "list");
			assertThat(call.scopeJson()).contains("\"type\":\"all_private_chats\"");
		});
	}

	@Test
	void longPollingApplicationReceivesQueuedUpdates() throws Exception {
		List<Update> received = new CopyOnWriteArrayList<>();
		try (TelegramBotsLongPollingApplication application = new TelegramBotsLongPollingApplication()) {
			application.registerBot(this.telegram.token(), this::telegramUrl, new DefaultGetUpdatesGenerator(),
					received::addAll);
			this.telegram.sendText(1001L, "/subscribe tariffs AND steel");
			this.telegram.sendMyChatMemberUpdate(1001L, "kicked");

			long deadline = System.nanoTime() + WAIT.toNanos();
			while (received.size() < 2 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
		}

		assertThat(received).hasSize(2);
		Message message = received.get(0).getMessage();
		assertThat(message.isCommand()).isTrue();
		assertThat(message.getChatId()).isEqualTo(1001L);
		assertThat(message.getFrom().getId()).isEqualTo(1001L);
		assertThat(message.getChat().isUserChat()).isTrue();
		assertThat(message.getText()).isEqualTo("/subscribe tariffs AND steel");
		assertThat(received.get(1).getMyChatMember().getNewChatMember().getStatus()).isEqualTo("kicked");
	}

	@Test
	void getUpdatesHonoursOffsetAndCloseEndsALongPoll() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		long first = this.telegram.sendText(5L, "hello");
		this.telegram.sendText(5L, "again");

		String all = getUpdates(http, "{\"offset\":0,\"timeout\":0}");
		String afterFirst = getUpdates(http, "{\"offset\":" + (first + 1) + ",\"timeout\":0}");

		assertThat(all).contains("hello").contains("again");
		assertThat(afterFirst).doesNotContain("hello").contains("again");
		assertThat(this.telegram.pendingUpdateCount()).isEqualTo(1);

		CompletableFuture<String> poll = CompletableFuture
			.supplyAsync(() -> getUpdates(http, "{\"offset\":" + (first + 2) + ",\"timeout\":60}"));
		Thread.sleep(100);
		this.telegram.close();
		// A hang here would fail on the get timeout rather than block the build for 60 s
		assertThat(poll.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("{\"ok\":true,\"result\":[]}");
	}

	@Test
	void unknownMethodIsNotFound() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create(this.telegram.url() + "/bot" + this.telegram.token() + "/sendSomething"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).isEqualTo("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
	}

	private String getUpdates(HttpClient http, String json) {
		try {
			return http
				.send(HttpRequest.newBuilder(URI.create(this.telegram.url() + "/bot" + this.telegram.token()
						+ "/getUpdates"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(json))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A clock tests move by hand. */
	static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
