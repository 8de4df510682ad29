package policywatch.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

import policywatch.subscription.Chat;
import policywatch.subscription.Chats;
import policywatch.subscription.Subscriptions;

/**
 * Drains the outbox on its own thread within Telegram's limits: a global token bucket, one per
 * chat (private chats and groups have different rates), and pauses ordered by 429 answers.
 * Alerts for one chat go out in the order they were planned; a chat that must wait does not hold
 * up the others.
 */
@Service
class OutboxSender implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxSender.class);

	private static final int BATCH = 500;

	private final Outbox outbox;

	private final AlertSender sender;

	private final Chats chats;

	private final Subscriptions subscriptions;

	private final DeliveryProperties properties;

	private final Clock clock;

	private final TokenBucket global;

	private final Map<Long, TokenBucket> perChat = new HashMap<>();

	private final Map<Long, Instant> chatPausedUntil = new HashMap<>();

	private volatile Instant globalPausedUntil = Instant.MIN;

	private volatile boolean running;

	private volatile Thread thread;

	OutboxSender(Outbox outbox, AlertSender sender, Chats chats, Subscriptions subscriptions,
			DeliveryProperties properties, Clock clock) {
		this.outbox = outbox;
		this.sender = sender;
		this.chats = chats;
		this.subscriptions = subscriptions;
		this.properties = properties;
		this.clock = clock;
		this.global = new TokenBucket(properties.globalPerSecond(), 1, System::nanoTime);
	}

	@Override
	public void start() {
		this.running = true;
		Thread worker = new Thread(this::run, "outbox-sender");
		worker.setDaemon(true);
		this.thread = worker;
		worker.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread worker = this.thread;
		if (worker != null) {
			worker.interrupt();
			try {
				worker.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// After the web server, before the Telegram long polling stops.
		return SmartLifecycle.DEFAULT_PHASE - 100;
	}

	/**
	 * Tells the sender there is new work.
	 */
	void wakeUp() {
		Thread worker = this.thread;
		if (worker != null) {
			LockSupport.unpark(worker);
		}
	}

	private void run() {
		while (this.running) {
			try {
				if (drain() == 0) {
					LockSupport.parkNanos(this.properties.idleWait().toNanos());
				}
			}
			catch (RuntimeException ex) {
				logger.error("Unable to drain outbox reason={}", ex.toString(), ex);
				LockSupport.parkNanos(this.properties.idleWait().toNanos());
			}
		}
	}

	/**
	 * Sends what is due and allowed now.
	 * @return how many alerts were handled
	 */
	int drain() {
		List<OutboxAlert> due = this.outbox.due(BATCH);
		if (due.isEmpty()) {
			return 0;
		}
		Map<Long, Chat> chatsById = this.chats.findAll(due.stream().map(OutboxAlert::chatId).distinct().toList());
		Set<Long> held = new HashSet<>();
		int handled = 0;
		for (OutboxAlert alert : due) {
			if (!this.running || Thread.currentThread().isInterrupted()) {
				break;
			}
			long chatId = alert.chatId();
			if (held.contains(chatId) || pausedChat(chatId) || !chatBucket(chatsById.get(chatId), chatId).tryTake()) {
				held.add(chatId);
				continue;
			}
			awaitGlobal();
			handle(alert, this.sender.sendHtml(chatId, alert.message()), true);
			handled++;
		}
		return handled;
	}

	private void handle(OutboxAlert alert, SendResult result, boolean html) {
		Instant now = this.clock.instant();
		long chatId = alert.chatId();
		if (result instanceof SendResult.Sent sent) {
			this.outbox.markSent(alert.id(), sent.messageId());
			logger.info("Sent alert alert={} entry={} chat={}", alert.id(), alert.entryId(), chatId);
		}
		else if (result instanceof SendResult.Logged) {
			this.outbox.markLogged(alert.id());
			logger.info("Would send alert (bot off) alert={} entry={} chat={} message={}", alert.id(), alert.entryId(),
					chatId, AlertFormatter.toPlainText(alert.message()).replace('\n', ' '));
		}
		else if (result instanceof SendResult.RetryAfter retry) {
			Instant until = now.plus(retry.delay());
			if (retry.global()) {
				this.globalPausedUntil = until;
			}
			this.chatPausedUntil.put(chatId, until);
			this.outbox.retryAt(alert.id(), until, "429 retry after " + retry.delay().toSeconds() + "s", false);
			logger.warn("Rate limited by Telegram alert={} chat={} retryAfter={}s global={}", alert.id(), chatId,
					retry.delay().toSeconds(), retry.global());
		}
		else if (result instanceof SendResult.TransientFailure failure) {
			retryLater(alert, failure.reason(), now);
		}
		else if (result instanceof SendResult.ChatUnavailable unavailable) {
			this.chats.deactivate(chatId);
			this.outbox.markFailed(alert.id(), unavailable.reason());
			int cancelled = this.outbox.cancelPending(chatId, unavailable.reason());
			logger.warn("Chat unavailable, deactivated chat={} reason={} cancelled={}", chatId, unavailable.reason(),
					cancelled);
		}
		else if (result instanceof SendResult.BadMarkup bad && html) {
			logger.warn("Telegram refused the markup, resending as plain text alert={} chat={} reason={}", alert.id(),
					chatId, bad.reason());
			awaitGlobal();
			handle(alert, this.sender.sendPlain(chatId, AlertFormatter.toPlainText(alert.message())), false);
		}
		else if (result instanceof SendResult.ChatMigrated migrated) {
			this.subscriptions.moveChat(chatId, migrated.newChatId());
			int moved = this.outbox.moveChat(chatId, migrated.newChatId());
			logger.info("Chat migrated chat={} newChat={} pendingMoved={}", chatId, migrated.newChatId(), moved);
		}
		else {
			String reason = (result instanceof SendResult.PermanentFailure permanent) ? permanent.reason()
					: result.toString();
			this.outbox.markFailed(alert.id(), reason);
			logger.warn("Unable to send alert alert={} chat={} reason={}", alert.id(), chatId, reason);
		}
	}

	private void retryLater(OutboxAlert alert, String reason, Instant now) {
		if (Duration.between(alert.createdAt(), now).compareTo(this.properties.maxRetryAge()) > 0) {
			this.outbox.markFailed(alert.id(), reason);
			logger.warn("Giving up on alert alert={} chat={} attempts={} reason={}", alert.id(), alert.chatId(),
					alert.attempts() + 1, reason);
			return;
		}
		Duration wait = retryDelay(alert.attempts());
		this.outbox.retryAt(alert.id(), now.plus(wait), reason, true);
		this.chatPausedUntil.put(alert.chatId(), now.plus(wait));
		logger.warn("Unable to send alert alert={} chat={} attempts={} retryIn={}s reason={}", alert.id(),
				alert.chatId(), alert.attempts() + 1, wait.toSeconds(), reason);
	}

	/**
	 * @return 2s, 4s, 8s … at most 10 minutes
	 */
	static Duration retryDelay(int attempts) {
		return Duration.ofSeconds(Math.min(600, 2L << Math.min(attempts, 10)));
	}

	private boolean pausedChat(long chatId) {
		Instant until = this.chatPausedUntil.get(chatId);
		if (until == null) {
			return false;
		}
		if (until.isAfter(this.clock.instant())) {
			return true;
		}
		this.chatPausedUntil.remove(chatId);
		return false;
	}

	private TokenBucket chatBucket(Chat chat, long chatId) {
		if (this.perChat.size() > 10_000) {
			this.perChat.values().removeIf(TokenBucket::full);
		}
		boolean group = (chat != null) ? chat.isGroup() : chatId < 0;
		return this.perChat.computeIfAbsent(chatId,
				(id) -> group ? new TokenBucket(this.properties.groupPerMinute() / 60d, 1, System::nanoTime)
						: new TokenBucket(this.properties.privateChatPerSecond(), 1, System::nanoTime));
	}

	private void awaitGlobal() {
		Duration pause = Duration.between(this.clock.instant(), this.globalPausedUntil);
		if (!pause.isNegative() && !pause.isZero()) {
			LockSupport.parkNanos(pause.toNanos());
		}
		long wait;
		while ((wait = this.global.nanosUntilAvailable()) > 0) {
			LockSupport.parkNanos(wait);
		}
		this.global.tryTake();
	}

}
