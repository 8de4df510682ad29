package policywatch.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import policywatch.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TelegramPacerTests {

	private static final long ALICE = 2001;

	private static final long BOB = 2002;

	private final List<Long> sentTo = new CopyOnWriteArrayList<>();

	private final MessageTransport api = new MessageTransport() {

		@Override
		public SendResult sendHtml(long chatId, String html) {
			TelegramPacerTests.this.sentTo.add(chatId);
			return html.equals("429") ? new SendResult.RetryAfter(Duration.ofSeconds(30), false) : new SendResult.Sent(1);
		}

		@Override
		public SendResult sendPlain(long chatId, String text) {
			return sendHtml(chatId, text);
		}

	};

	private static DeliveryProperties properties(double globalPerSecond) {
		return new DeliveryProperties(globalPerSecond, 1, 20, Duration.ofHours(24), 600, ZoneId.of("UTC"),
				Duration.ofMillis(500), 10, 8, Duration.ofDays(30));
	}

	private TelegramPacer pacer(double globalPerSecond, Clock clock) {
		return new TelegramPacer(this.api, properties(globalPerSecond), clock, new SimpleMeterRegistry());
	}

	@Test
	void aReplyTakesTheNextGlobalTokenAheadOfAWaitingAlert() throws Exception {
		TelegramPacer pacer = pacer(1, Clock.systemUTC());
		// Use up the global burst: the next token comes in a second.
		assertThat(pacer.acquireForAlert(10)).isTrue();
		assertThat(pacer.acquireForAlert(11)).isTrue();
		CompletableFuture<Boolean> alert = CompletableFuture.supplyAsync(() -> {
			try {
				boolean taken = pacer.acquireForAlert(2);
				this.sentTo.add(2L);
				return taken;
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		await().atMost(Duration.ofSeconds(2)).pollDelay(Duration.ofMillis(100)).until(() -> true);
		CompletableFuture<SendResult> reply = CompletableFuture.supplyAsync(() -> pacer.reply(ALICE, "your list"));
		assertThat(reply.get(5, TimeUnit.SECONDS)).isInstanceOf(SendResult.Sent.class);
		assertThat(alert.get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.sentTo).as("the reply went first though the alert was waiting before it")
			.containsExactly(ALICE, 2L);
	}

	@Test
	void aChatPausedByTelegramGetsNoReplyUntilThePauseEnds() {
		MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
		TelegramPacer pacer = pacer(25, clock);
		pacer.waitWith((condition, nanos) -> clock.advance(Duration.ofNanos(nanos)));
		assertThat(pacer.reply(ALICE, "429")).isInstanceOf(SendResult.RetryAfter.class);
		clock.advance(Duration.ofSeconds(2));
		assertThat(pacer.reply(ALICE, "help")).as("not sent: the chat is paused for 28 s more")
			.isInstanceOf(SendResult.RetryAfter.class);
		assertThat(pacer.reply(BOB, "help")).as("another chat is not held up").isInstanceOf(SendResult.Sent.class);
		clock.advance(Duration.ofSeconds(28));
		assertThat(pacer.reply(ALICE, "help")).isInstanceOf(SendResult.Sent.class);
		assertThat(this.sentTo).containsExactly(ALICE, BOB, ALICE);
	}

	@Test
	void rateLimitsForTwoChatsWithinASecondPauseTheWholeBot() throws Exception {
		MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
		TelegramPacer pacer = pacer(25, clock);
		pacer.waitWith((condition, nanos) -> clock.advance(Duration.ofNanos(nanos)));
		pacer.reply(ALICE, "429");
		pacer.reply(BOB, "429");
		assertThat(pacer.chatWait(3)).as("a third chat's own budget is fine").isZero();
		Instant before = clock.instant();
		assertThat(pacer.acquireForAlert(3)).isTrue();
		assertThat(Duration.between(before, clock.instant())).as("but every send waits for the flood pause")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(29));
	}

	@Test
	void repliesKeepTheirChatsRate() {
		MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
		TelegramPacer pacer = pacer(25, clock);
		pacer.waitWith((condition, nanos) -> clock.advance(Duration.ofNanos(nanos)));
		Instant start = clock.instant();
		for (int i = 0; i < 4; i++) {
			assertThat(pacer.reply(ALICE, "reply " + i)).isInstanceOf(SendResult.Sent.class);
		}
		assertThat(Duration.between(start, clock.instant())).as("4 replies to one chat take 3 s or more")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(3));
	}

}
