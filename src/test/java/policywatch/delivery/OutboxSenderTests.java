package policywatch.delivery;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.scheduling.TaskScheduler;

import policywatch.MutableClock;
import policywatch.TestDatabase;
import policywatch.subscription.Chats;
import policywatch.subscription.Subscription;
import policywatch.subscription.Subscriptions;
import policywatch.testing.TestMessages;
import policywatch.testing.SwitchableSenderLease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * How the outbox copes with each kind of Bot API answer, on a fake clock with a fake Bot API:
 * pacing, retries, fallbacks and migrations, without starting the application.
 */
class OutboxSenderTests {

	private static final long ALICE = 2001;

	private static final long BOB = 2002;

	private static final long CAROL = 2003;

	private static final long GROUP = -500;

	private static final long SUPERGROUP = -1000000000500L;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));

	private final JdbcClient jdbc = JdbcClient.create(singleConnection());

	private final Outbox outbox = new Outbox(this.jdbc, this.clock);

	private final FakeBotApi api = new FakeBotApi();

	private final Chats chats = mock(Chats.class);

	private final Subscriptions subscriptions = mock(Subscriptions.class);

	private final List<Object> events = new ArrayList<>();

	private int entries;

	private final SwitchableSenderLease lease = new SwitchableSenderLease();

	private DeliveryProperties properties(int foldAbove) {
		return properties(foldAbove, Duration.ofHours(24));
	}

	private DeliveryProperties properties(int foldAbove, Duration maxRetryAge) {
		return new DeliveryProperties(25, 1, 20, maxRetryAge, 600, ZoneId.of("UTC"), Duration.ofMillis(500), foldAbove,
				8, Duration.ofDays(30));
	}

	private OutboxSender sender(DeliveryProperties properties, TaskExecutor executor) {
		TelegramPacer pacer = new TelegramPacer(this.api, properties, this.clock, new SimpleMeterRegistry());
		pacer.waitWith((condition, nanos) -> this.clock.advance(Duration.ofNanos(nanos)));
		DeliveryOutcomes outcomes = new DeliveryOutcomes(this.outbox, pacer, this.chats, this.subscriptions,
				properties, this.clock, new SimpleMeterRegistry(), this.events::add);
		OutboxSender sender = new OutboxSender(this.outbox, pacer, outcomes, properties, this.clock,
				mock(TaskScheduler.class), executor, this.lease,
				new DeliveryPreferences(this.jdbc, this.clock, properties), new AlertTexts(TestMessages.create()));
		sender.start();
		return sender;
	}

	private OutboxSender sender() {
		return sender(properties(10), new SyncTaskExecutor());
	}

	@Test
	void serverErrorsAreRetriedWithAGrowingDelayAndDeliveredOnce() {
		OutboxSender sender = sender();
		long alert = plan(ALICE, "Tariffs on cars");
		this.api.answerNext(ALICE, new SendResult.TransientFailure("502 Bad Gateway"),
				new SendResult.TransientFailure("502 Bad Gateway"));
		runFor(sender, Duration.ofSeconds(30));
		assertThat(this.api.delivered(ALICE)).containsExactly("Tariffs on cars");
		List<Instant> attempts = this.api.attemptTimes(ALICE);
		assertThat(attempts).hasSize(3);
		assertThat(Duration.between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
		assertThat(Duration.between(attempts.get(1), attempts.get(2))).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
		assertThat(state(alert)).isEqualTo("SENT");
	}

	@Test
	void aNodeWithoutTheSenderLeaseSendsNothingUntilItTakesIt() {
		this.lease.set(false);
		OutboxSender sender = sender();
		long alert = plan(ALICE, "Tariffs on cars");
		runFor(sender, Duration.ofSeconds(5));
		assertThat(this.api.attemptTimes(ALICE)).isEmpty();
		assertThat(state(alert)).isEqualTo("PENDING");
		this.lease.set(true);
		runFor(sender, Duration.ofSeconds(5));
		assertThat(this.api.delivered(ALICE)).containsExactly("Tariffs on cars");
		assertThat(state(alert)).isEqualTo("SENT");
		// Lost again: what is planned now waits for the next holder.
		this.lease.set(false);
		long later = plan(BOB, "Quotas on steel");
		runFor(sender, Duration.ofSeconds(5));
		assertThat(this.api.attemptTimes(BOB)).isEmpty();
		assertThat(state(later)).isEqualTo("PENDING");
	}

	@Test
	void anAlertThatKeepsFailingIsGivenUpAfterTheMaximumAge() {
		OutboxSender sender = sender(properties(10, Duration.ofMinutes(1)), new SyncTaskExecutor());
		long alert = plan(ALICE, "Tariffs on cars");
		this.api.alwaysAnswer(ALICE, new SendResult.TransientFailure("502 Bad Gateway"));
		runFor(sender, Duration.ofMinutes(2));
		assertThat(state(alert)).isEqualTo("FAILED");
		int attempts = this.api.attemptTimes(ALICE).size();
		assertThat(attempts).as("2s, 4s, 8s, 16s, 32s apart").isEqualTo(6);
		runFor(sender, Duration.ofMinutes(10));
		assertThat(this.api.attemptTimes(ALICE)).as("no attempt after giving up").hasSize(attempts);
	}

	@Test
	void refusedMarkupIsResentOnceAsPlainText() {
		OutboxSender sender = sender();
		long alert = plan(ALICE, "<b>Tariffs &amp; quotas</b>");
		this.api.answerNext(ALICE, new SendResult.BadMarkup("can't parse entities"));
		runFor(sender, Duration.ofSeconds(5));
		assertThat(this.api.delivered(ALICE)).containsExactly("Tariffs & quotas");
		assertThat(this.api.plain).containsExactly("Tariffs & quotas");
		assertThat(state(alert)).isEqualTo("SENT");
	}

	@Test
	void blockedChatIsDeactivatedAndLosesItsQueueWhileOthersStillReceive() {
		OutboxSender sender = sender();
		long first = plan(BOB, "One");
		long second = plan(BOB, "Two");
		plan(ALICE, "One");
		this.api.alwaysAnswer(BOB, new SendResult.ChatUnavailable("403 Forbidden: bot was blocked by the user"));
		runFor(sender, Duration.ofSeconds(5));
		verify(this.chats).deactivate(BOB);
		assertThat(state(first)).isEqualTo("FAILED");
		assertThat(state(second)).isEqualTo("CANCELLED");
		assertThat(this.api.attemptTimes(BOB)).hasSize(1);
		assertThat(this.api.delivered(ALICE)).containsExactly("One");
	}

	@Test
	void rateLimitedChatWaitsWhatTelegramSaysWhileOthersGoOn() {
		OutboxSender sender = sender(properties(100), new SyncTaskExecutor());
		plan(ALICE, "A1");
		plan(ALICE, "A2");
		plan(BOB, "B1");
		plan(BOB, "B2");
		this.api.answerNext(ALICE, new SendResult.RetryAfter(Duration.ofSeconds(7), false));
		Instant start = this.clock.instant();
		runFor(sender, Duration.ofSeconds(20));
		assertThat(this.api.delivered(ALICE)).containsExactly("A1", "A2");
		assertThat(this.api.delivered(BOB)).containsExactly("B1", "B2");
		List<Instant> alice = this.api.attemptTimes(ALICE);
		assertThat(Duration.between(alice.get(0), alice.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
		assertThat(this.api.sentTimes(BOB).get(1)).as("Bob is not held up by Alice's pause")
			.isBefore(start.plusSeconds(3));
	}

	@Test
	void rateLimitsForTwoChatsWithinASecondPauseEverySend() {
		OutboxSender sender = sender(properties(100), new SyncTaskExecutor());
		plan(ALICE, "A1");
		plan(BOB, "B1");
		plan(CAROL, "C1");
		this.api.answerNext(ALICE, new SendResult.RetryAfter(Duration.ofSeconds(10), false));
		this.api.answerNext(BOB, new SendResult.RetryAfter(Duration.ofSeconds(10), false));
		Instant start = this.clock.instant();
		runFor(sender, Duration.ofSeconds(30));
		assertThat(this.api.sentTimes(CAROL)).hasSize(1);
		assertThat(this.api.sentTimes(CAROL).get(0)).as("Carol waits for the flood pause")
			.isAfterOrEqualTo(start.plusSeconds(10));
		assertThat(this.api.delivered(ALICE)).containsExactly("A1");
		assertThat(this.api.delivered(BOB)).containsExactly("B1");
	}

	@Test
	void aChatGetsItsAlertsInOrderAtItsOwnRate() {
		OutboxSender sender = sender(properties(100), new SyncTaskExecutor());
		for (int i = 1; i <= 5; i++) {
			plan(ALICE, "A" + i);
		}
		plan(GROUP, "G1");
		plan(GROUP, "G2");
		runFor(sender, Duration.ofSeconds(10));
		assertThat(this.api.delivered(ALICE)).containsExactly("A1", "A2", "A3", "A4", "A5");
		assertThat(gaps(this.api.sentTimes(ALICE))).allSatisfy(
				(gap) -> assertThat(gap).as("1 message/s per private chat").isGreaterThanOrEqualTo(Duration.ofMillis(1000)));
		assertThat(gaps(this.api.sentTimes(GROUP))).allSatisfy(
				(gap) -> assertThat(gap).as("20 messages/min per group").isGreaterThanOrEqualTo(Duration.ofMillis(3000)));
	}

	@Test
	void theGlobalRateHoldsAcrossChats() {
		OutboxSender sender = sender(properties(100), new SyncTaskExecutor());
		for (long chat = 1; chat <= 200; chat++) {
			plan(chat, "story");
		}
		Instant start = this.clock.instant();
		runFor(sender, Duration.ofSeconds(30));
		List<Instant> times = this.api.allSentTimes();
		assertThat(times).hasSize(200);
		for (int i = 0; i + 30 < times.size(); i++) {
			assertThat(Duration.between(times.get(i), times.get(i + 30))).as("never 31 messages in one second")
				.isGreaterThan(Duration.ofSeconds(1));
		}
		double seconds = Duration.between(start, times.get(times.size() - 1)).toMillis() / 1000d;
		assertThat(200 / seconds).as("close to the configured 25/s").isBetween(23.0, 28.0);
	}

	@Test
	void floodedChatGetsADigestAndOthersTheirAlert() {
		OutboxSender sender = sender();
		for (int i = 1; i <= 30; i++) {
			plan(ALICE, "Steel story number %02d".formatted(i));
		}
		plan(BOB, "Tariffs on tea");
		runFor(sender, Duration.ofSeconds(10));
		assertThat(this.api.delivered(BOB)).containsExactly("Tariffs on tea");
		List<String> toAlice = this.api.delivered(ALICE);
		assertThat(toAlice).hasSizeLessThan(5);
		assertThat(toAlice.get(0)).contains("new matching articles");
		for (int i = 1; i <= 30; i++) {
			String title = "Steel story number %02d".formatted(i);
			assertThat(toAlice.stream().filter((text) -> text.contains(title))).as(title).hasSize(1);
		}
		assertThat(this.outbox.countByState(Outbox.PENDING)).isZero();
	}

	@Test
	void aChatWithABacklogDoesNotHoldUpOthers() {
		OutboxSender sender = sender(properties(1000), new SyncTaskExecutor());
		for (int i = 1; i <= 30; i++) {
			plan(ALICE, "Steel story number %02d".formatted(i));
		}
		plan(BOB, "Tariffs on tea");
		runFor(sender, Duration.ofSeconds(40));
		assertThat(this.api.delivered(ALICE)).hasSize(30).isSorted();
		assertThat(this.api.sentTimes(BOB).get(0)).as("Bob's alert went out while Alice's backlog was draining")
			.isBefore(this.api.sentTimes(ALICE).get(1));
	}

	@Test
	void severalSendsAreInFlightAtOnceButNeverTwoToOneChat() {
		ManualExecutor executor = new ManualExecutor();
		OutboxSender sender = sender(properties(100), executor);
		for (long chat = 1; chat <= 6; chat++) {
			plan(chat, "first " + chat);
			plan(chat, "second " + chat);
		}
		sender.drain();
		assertThat(executor.tasks).as("one send per chat, all at once").hasSize(6);
		assertThat(sender.inFlight()).isEqualTo(6);
		this.clock.advance(Duration.ofSeconds(2));
		sender.drain();
		assertThat(executor.tasks).as("no second send to a chat with one in flight").hasSize(6);
		executor.runAll();
		assertThat(sender.inFlight()).isZero();
		runFor(sender, Duration.ofSeconds(5), executor);
		for (long chat = 1; chat <= 6; chat++) {
			assertThat(this.api.delivered(chat)).containsExactly("first " + chat, "second " + chat);
		}
	}

	@Test
	void aFailureInOneDeliveryNeverStopsThePass() {
		OutboxSender sender = sender();
		plan(ALICE, "A1");
		plan(BOB, "B1");
		this.api.alwaysAnswer(ALICE, new SendResult.ChatUnavailable("403 blocked"));
		given(this.chats.deactivate(ALICE)).willThrow(new IllegalStateException("database gone"));
		sender.drain();
		assertThat(this.api.delivered(BOB)).containsExactly("B1");
	}

	@Test
	void migratedGroupMovesOnlyAlertsTheSupergroupHasNotGotAndTheConfigFollows() {
		OutboxSender sender = sender();
		long shared = plan(SUPERGROUP, "Steel output falls");
		long duplicate = planFor(entryOf(shared), GROUP, "Steel output falls");
		long fresh = plan(GROUP, "Steel prices rise");
		plan(BOB, "B1");
		given(this.subscriptions.list(GROUP))
			.willReturn(List.of(new Subscription(1, GROUP, "steel", Subscriptions.ORIGIN_CONFIG)));
		this.api.answerNext(GROUP, new SendResult.ChatMigrated(SUPERGROUP));
		runFor(sender, Duration.ofSeconds(20));
		verify(this.subscriptions).moveChat(GROUP, SUPERGROUP);
		assertThat(state(duplicate)).isEqualTo("CANCELLED");
		assertThat(state(fresh)).isEqualTo("SENT");
		assertThat(this.api.delivered(SUPERGROUP)).containsExactly("Steel output falls", "Steel prices rise");
		assertThat(this.api.delivered(BOB)).containsExactly("B1");
		assertThat(this.events).containsExactly(new ChatMigrated(GROUP, SUPERGROUP, 1));
	}

	@Test
	void theBotOffLogsAlertsInsteadOfSendingThem() {
		OutboxSender sender = sender();
		long alert = plan(ALICE, "Tariffs on chips");
		this.api.alwaysAnswer(ALICE, new SendResult.Logged());
		runFor(sender, Duration.ofSeconds(2));
		assertThat(state(alert)).isEqualTo("LOGGED");
	}

	// ---------------------------------------------------------------- helpers

	private void runFor(OutboxSender sender, Duration duration) {
		runFor(sender, duration, null);
	}

	private void runFor(OutboxSender sender, Duration duration, ManualExecutor executor) {
		Instant end = this.clock.instant().plus(duration);
		while (this.clock.instant().isBefore(end)) {
			long wait = sender.drain();
			if (executor != null) {
				executor.runAll();
			}
			this.clock.advance(Duration.ofNanos(Math.max(wait, 1_000_000L)));
		}
	}

	private static DataSource singleConnection() {
		try {
			return new SingleConnectionDataSource(TestDatabase.create().getConnection(), true);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long plan(long chatId, String message) {
		return planFor(newEntry(message), chatId, message);
	}

	private long planFor(long entryId, long chatId, String message) {
		assertThat(this.outbox.add(entryId, chatId, "1", message)).isTrue();
		return this.jdbc.sql("SELECT id FROM alert WHERE entry_id = ? AND chat_id = ?")
			.params(entryId, chatId)
			.query(Long.class)
			.single();
	}

	private long newEntry(String title) {
		if (this.entries == 0) {
			this.jdbc.sql("INSERT INTO feed (id, name, url, interval_seconds, full_text, enabled, next_poll_at, created_at) "
					+ "VALUES ('f', 'Feed', 'http://127.0.0.1/', 600, FALSE, TRUE, ?, ?)")
				.params(java.sql.Timestamp.from(this.clock.instant()), java.sql.Timestamp.from(this.clock.instant()))
				.update();
		}
		this.entries++;
		this.jdbc.sql("INSERT INTO entry (feed_id, entry_key, title, link, first_seen_at, last_seen_at, state) "
				+ "VALUES ('f', ?, ?, ?, ?, ?, 'MATCHED')")
			.params("e" + this.entries, title, "https://news.example/" + this.entries,
					java.sql.Timestamp.from(this.clock.instant()), java.sql.Timestamp.from(this.clock.instant()))
			.update();
		return this.jdbc.sql("SELECT id FROM entry WHERE entry_key = ?").param("e" + this.entries).query(Long.class)
			.single();
	}

	private long entryOf(long alertId) {
		return this.jdbc.sql("SELECT entry_id FROM alert WHERE id = ?").param(alertId).query(Long.class).single();
	}

	private String state(long alertId) {
		return this.jdbc.sql("SELECT state FROM alert WHERE id = ?").param(alertId).query(String.class).single();
	}

	private static List<Duration> gaps(List<Instant> times) {
		List<Duration> gaps = new ArrayList<>();
		for (int i = 1; i < times.size(); i++) {
			gaps.add(Duration.between(times.get(i - 1), times.get(i)));
		}
		return gaps;
	}

	/**
	 * A Bot API that accepts everything unless told otherwise, and notes when each call came.
	 */
	private final class FakeBotApi implements MessageTransport {

		private final Map<Long, Deque<SendResult>> next = new ConcurrentHashMap<>();

		private final Map<Long, SendResult> always = new ConcurrentHashMap<>();

		private final List<Call> calls = new ArrayList<>();

		final List<String> plain = new ArrayList<>();

		void answerNext(long chatId, SendResult... results) {
			this.next.computeIfAbsent(chatId, (id) -> new ArrayDeque<>()).addAll(List.of(results));
		}

		void alwaysAnswer(long chatId, SendResult result) {
			this.always.put(chatId, result);
		}

		@Override
		public synchronized SendResult sendHtml(long chatId, String html) {
			return answer(chatId, AlertFormatter.toPlainText(html));
		}

		@Override
		public synchronized SendResult sendPlain(long chatId, String text) {
			this.plain.add(text);
			return answer(chatId, text);
		}

		private SendResult answer(long chatId, String text) {
			Deque<SendResult> scripted = this.next.get(chatId);
			SendResult result = (scripted != null && !scripted.isEmpty()) ? scripted.poll()
					: this.always.getOrDefault(chatId, new SendResult.Sent(this.calls.size() + 1));
			this.calls.add(new Call(chatId, text, OutboxSenderTests.this.clock.instant(), result));
			return result;
		}

		synchronized List<String> delivered(long chatId) {
			return this.calls.stream()
				.filter((call) -> call.chatId() == chatId && call.result() instanceof SendResult.Sent)
				.map(Call::text)
				.toList();
		}

		synchronized List<Instant> attemptTimes(long chatId) {
			return this.calls.stream().filter((call) -> call.chatId() == chatId).map(Call::at).toList();
		}

		synchronized List<Instant> sentTimes(long chatId) {
			return this.calls.stream()
				.filter((call) -> call.chatId() == chatId && call.result() instanceof SendResult.Sent)
				.map(Call::at)
				.toList();
		}

		synchronized List<Instant> allSentTimes() {
			return this.calls.stream().filter((call) -> call.result() instanceof SendResult.Sent).map(Call::at).toList();
		}

	}

	private record Call(long chatId, String text, Instant at, SendResult result) {
	}

	/**
	 * Holds the sends until the test runs them, as a slow Bot API would.
	 */
	private static final class ManualExecutor implements TaskExecutor {

		final List<Runnable> tasks = new ArrayList<>();

		private int ran;

		@Override
		public void execute(Runnable task) {
			this.tasks.add(task);
		}

		void runAll() {
			while (this.ran < this.tasks.size()) {
				this.tasks.get(this.ran++).run();
			}
		}

	}

}
