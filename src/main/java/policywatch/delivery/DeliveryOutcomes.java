package policywatch.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import policywatch.subscription.Chats;
import policywatch.subscription.Subscriptions;

/**
 * What the outbox does with each answer to an alert: mark it sent, retry it later, resend it as
 * plain text, give up on the chat, or follow the chat to its new id.
 */
@Component
class DeliveryOutcomes {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryOutcomes.class);

	private final Outbox outbox;

	private final TelegramPacer pacer;

	private final Chats chats;

	private final Subscriptions subscriptions;

	private final DeliveryProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ApplicationEventPublisher events;

	DeliveryOutcomes(Outbox outbox, TelegramPacer pacer, Chats chats, Subscriptions subscriptions,
			DeliveryProperties properties, Clock clock, MeterRegistry meters, ApplicationEventPublisher events) {
		this.outbox = outbox;
		this.pacer = pacer;
		this.chats = chats;
		this.subscriptions = subscriptions;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		this.events = events;
	}

	/**
	 * Records what happened to one message.
	 * @return until when the chat's next message must wait (a retry is due then), or {@code null}
	 */
	Instant handle(Delivery delivery, SendResult result) {
		Instant now = this.clock.instant();
		long chatId = delivery.chatId();
		if (result instanceof SendResult.Sent sent) {
			this.outbox.markSent(delivery.ids(), sent.messageId());
			this.meters.counter("policywatch.alerts.sent").increment(delivery.alerts().size());
			logger.info("Sent alert alerts={} entry={} chat={}", delivery.ids(), delivery.first().entryId(), chatId);
		}
		else if (result instanceof SendResult.Logged) {
			this.outbox.markLogged(delivery.ids());
			logger.info("Would send alert (bot off) alerts={} chat={} message={}", delivery.ids(), chatId,
					AlertFormatter.toPlainText(delivery.message()).replace('\n', ' '));
		}
		else if (result instanceof SendResult.RetryAfter retry) {
			this.outbox.retryAt(delivery.ids(), now.plus(retry.delay()),
					"429 retry after " + retry.delay().toSeconds() + "s", false);
			return now.plus(retry.delay());
		}
		else if (result instanceof SendResult.TransientFailure failure) {
			return retryLater(delivery, failure.reason(), now);
		}
		else if (result instanceof SendResult.ChatUnavailable unavailable) {
			this.chats.deactivate(chatId);
			failed(delivery, unavailable.reason());
			int cancelled = this.outbox.cancelPending(chatId, unavailable.reason());
			logger.warn("Chat unavailable, deactivated chat={} reason={} cancelled={}", chatId, unavailable.reason(),
					cancelled);
		}
		else if (result instanceof SendResult.BadMarkup bad) {
			logger.warn("Telegram refused the markup, resending as plain text alerts={} chat={} reason={}",
					delivery.ids(), chatId, bad.reason());
			String plain = AlertFormatter.toPlainText(delivery.message());
			SendResult again = this.pacer.sendPlain(chatId, plain);
			if (again instanceof SendResult.BadMarkup refused) {
				failed(delivery, refused.reason());
				logger.warn("Unable to send alert alerts={} chat={} reason={}", delivery.ids(), chatId, refused.reason());
				return null;
			}
			return handle(new Delivery(chatId, delivery.alerts(), plain), again);
		}
		else if (result instanceof SendResult.ChatMigrated migrated) {
			migrate(chatId, migrated.newChatId());
		}
		else {
			String reason = (result instanceof SendResult.PermanentFailure permanent) ? permanent.reason()
					: result.toString();
			failed(delivery, reason);
			logger.warn("Unable to send alert alerts={} chat={} reason={}", delivery.ids(), chatId, reason);
		}
		return null;
	}

	/**
	 * A group became a supergroup: its subscriptions and pending alerts follow it. An alert the
	 * supergroup already has (from an earlier migration or a subscription of its own) is
	 * cancelled instead of moved.
	 */
	private void migrate(long chatId, long newChatId) {
		int configured = (int) this.subscriptions.list(chatId)
			.stream()
			.filter((subscription) -> Subscriptions.ORIGIN_CONFIG.equals(subscription.origin()))
			.count();
		this.subscriptions.moveChat(chatId, newChatId);
		Outbox.Moved moved = this.outbox.moveChat(chatId, newChatId);
		logger.info("Chat migrated chat={} newChat={} pendingMoved={} duplicatesCancelled={}", chatId, newChatId,
				moved.moved(), moved.cancelled());
		if (configured > 0) {
			this.events.publishEvent(new ChatMigrated(chatId, newChatId, configured));
		}
	}

	private Instant retryLater(Delivery delivery, String reason, Instant now) {
		OutboxAlert first = delivery.first();
		if (Duration.between(first.createdAt(), now).compareTo(this.properties.maxRetryAge()) > 0) {
			failed(delivery, reason);
			logger.warn("Giving up on alert alerts={} chat={} attempts={} reason={}", delivery.ids(),
					delivery.chatId(), first.attempts() + 1, reason);
			return null;
		}
		Duration wait = retryDelay(first.attempts());
		this.outbox.retryAt(delivery.ids(), now.plus(wait), reason, true);
		logger.warn("Unable to send alert alerts={} chat={} attempts={} retryIn={}s reason={}", delivery.ids(),
				delivery.chatId(), first.attempts() + 1, wait.toSeconds(), reason);
		return now.plus(wait);
	}

	private void failed(Delivery delivery, String reason) {
		this.outbox.markFailed(delivery.ids(), reason);
		this.meters.counter("policywatch.alerts.failed").increment(delivery.alerts().size());
	}

	/**
	 * @return 2s, 4s, 8s … at most 10 minutes
	 */
	static Duration retryDelay(int attempts) {
		return Duration.ofSeconds(Math.min(600, 2L << Math.min(attempts, 10)));
	}

}
