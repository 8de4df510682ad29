package policywatch.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;

import policywatch.MutableClock;
import policywatch.TestDatabase;
import policywatch.testing.SwitchableSenderLease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Replies and notices on a node that does not hold the sender lease go through the database to
 * the holder, which sends them, replies first.
 */
class RelayTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final JdbcClient jdbc = TestDatabase.jdbc();

	private final DeliveryProperties properties = new DeliveryProperties(25, 1, 20, Duration.ofHours(24), 600,
			ZoneId.of("UTC"), Duration.ofMillis(500), 10, 8, Duration.ofDays(30));

	private final SwitchableSenderLease otherLease = new SwitchableSenderLease();

	private final SwitchableSenderLease holderLease = new SwitchableSenderLease();

	private final Recording otherApi = new Recording();

	private final Recording holderApi = new Recording();

	private final TelegramPacer other = pacer(this.otherApi, this.otherLease);

	private final TelegramPacer holder = pacer(this.holderApi, this.holderLease);

	private final Relay relay = new Relay(new RelayedMessages(this.jdbc, this.clock), this.holder, this.holderLease,
			mock(TaskScheduler.class));

	RelayTests() {
		this.otherLease.set(false);
	}

	private TelegramPacer pacer(Recording api, SwitchableSenderLease lease) {
		TelegramPacer pacer = new TelegramPacer(api, this.properties, this.clock, new SimpleMeterRegistry(), lease,
				new RelayedMessages(this.jdbc, this.clock));
		pacer.waitWith((condition, nanos) -> this.clock.advance(Duration.ofNanos(nanos)));
		return pacer;
	}

	@Test
	void aNodeWithoutTheLeaseRelaysAndTheHolderSendsRepliesFirst() {
		assertThat(this.other.sendHtml(7, "<b>Feed down</b>")).isInstanceOf(SendResult.Relayed.class);
		assertThat(this.other.sendPlain(7, "Reloaded")).isInstanceOf(SendResult.Relayed.class);
		assertThat(this.other.reply(8, "Your subscriptions")).isInstanceOf(SendResult.Relayed.class);
		assertThat(this.otherApi.sent).isEmpty();

		assertThat(this.relay.sendWaiting()).isEqualTo(3);
		assertThat(this.holderApi.sent).containsExactly("8 html Your subscriptions", "7 html <b>Feed down</b>",
				"7 plain Reloaded");
		assertThat(waiting()).isZero();
		assertThat(this.relay.sendWaiting()).isZero();
		assertThat(this.holderApi.sent).hasSize(3);
	}

	@Test
	void theHolderSendsItsOwnRepliesDirectly() {
		assertThat(this.holder.reply(8, "Your subscriptions")).isInstanceOf(SendResult.Sent.class);
		assertThat(this.holderApi.sent).containsExactly("8 html Your subscriptions");
		assertThat(waiting()).isZero();
	}

	@Test
	void relayedMessagesWaitWhileNoNodeHoldsTheLease() {
		this.other.reply(8, "Your subscriptions");
		this.holderLease.set(false);
		assertThat(this.relay.sendWaiting()).isZero();
		assertThat(waiting()).isEqualTo(1);
		this.holderLease.set(true);
		assertThat(this.relay.sendWaiting()).isEqualTo(1);
		assertThat(this.holderApi.sent).containsExactly("8 html Your subscriptions");
	}

	private long waiting() {
		return this.jdbc.sql("SELECT COUNT(*) FROM relayed_message").query(Long.class).single();
	}

	private static final class Recording implements MessageTransport {

		final List<String> sent = new ArrayList<>();

		@Override
		public synchronized SendResult sendHtml(long chatId, String html) {
			this.sent.add(chatId + " html " + html);
			return new SendResult.Sent(this.sent.size());
		}

		@Override
		public synchronized SendResult sendPlain(long chatId, String text) {
			this.sent.add(chatId + " plain " + text);
			return new SendResult.Sent(this.sent.size());
		}

	}

}
