package policywatch.delivery;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.stereotype.Service;

/**
 * Counts of alerts, for admins.
 */
@Service
public class DeliveryStats {

	private final Outbox outbox;

	private final DeliveryProperties properties;

	private final Clock clock;

	DeliveryStats(Outbox outbox, DeliveryProperties properties, Clock clock) {
		this.outbox = outbox;
		this.properties = properties;
		this.clock = clock;
	}

	public long sentTotal() {
		return this.outbox.countByState("SENT");
	}

	public long sentToday() {
		return this.outbox.countSentSince(LocalDate.now(this.clock.withZone(this.properties.timeZone())),
				this.properties.timeZone());
	}

	public long pending() {
		return this.outbox.countByState(Outbox.PENDING);
	}

	public long failed() {
		return this.outbox.countByState("FAILED");
	}

	/**
	 * @return the chat whose oldest pending alert has waited longest, if any alert is pending
	 */
	public java.util.Optional<WaitingChat> longestWaiting() {
		return this.outbox.oldestPending();
	}

	/**
	 * @return how many chats have pending alerts
	 */
	public long waitingChats() {
		return this.outbox.countWaitingChats();
	}

	/**
	 * A chat with pending alerts.
	 *
	 * @param chatId the chat
	 * @param since when its oldest pending alert was planned
	 * @param pending how many of its alerts are pending
	 */
	public record WaitingChat(long chatId, java.time.Instant since, long pending) {
	}

}
