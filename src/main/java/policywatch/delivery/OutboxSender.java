package policywatch.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

import policywatch.subscription.Chats;
import policywatch.subscription.Subscriptions;

/**
 * Drains the outbox on its own thread within Telegram's limits.
 * <ul>
 * <li>Token buckets: one global, one per chat (private chats and groups have different rates).
 * Sends are paced so that Telegram never has to answer 429.</li>
 * <li>A 429 pauses that chat for its {@code retry_after}; 429s for two different chats within a
 * second mean the whole bot is flooded, and all sends pause.</li>
 * <li>Fairness: every chat whose next alert is due gets its turn in each pass, whatever its
 * backlog; a chat's alerts go out in the order they were planned.</li>
 * <li>Flood folding: a chat with more pending alerts than {@code fold-above} gets one message
 * listing titles and links instead.</li>
 * </ul>
 * One message is in flight at a time and an alert is marked sent as soon as Telegram accepts it,
 * so a crash can repeat at most that one message.
 */
@Service
class OutboxSender implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxSender.class);

	private static final int BATCH = 2000;

	private static final int DIGEST_MAX_ITEMS = 40;

	/** Per-chat pacing is kept a little under the limit so that clock skew never causes a 429. */
	private static final double CHAT_RATE_MARGIN = 0.97;

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private static final double TELEGRAM_GLOBAL_LIMIT = 30;

	private final Outbox outbox;

	private final AlertSender sender;

	private final Chats chats;

	private final Subscriptions subscriptions;

	private final DeliveryProperties properties;

	private final Clock clock;

	private final TokenBucket global;

	private final Map<Long, TokenBucket> perChat = new HashMap<>();

	private final Map<Long, Instant> chatPausedUntil = new HashMap<>();

	private volatile Instant globalPausedUntil = Instant.EPOCH;

	private long lastRateLimitedChat;

	private long lastRateLimitedAt = Long.MIN_VALUE / 2;

	private volatile boolean running;

	private volatile Thread thread;

	private final MeterRegistry meters;

	OutboxSender(Outbox outbox, AlertSender sender, Chats chats, Subscriptions subscriptions,
			DeliveryProperties properties, Clock clock, MeterRegistry meters) {
		this.meters = meters;
		this.outbox = outbox;
		this.sender = sender;
		this.chats = chats;
		this.subscriptions = subscriptions;
		this.properties = properties;
		this.clock = clock;
		this.global = new TokenBucket(properties.globalPerSecond(), globalBurst(properties.globalPerSecond()),
				System::nanoTime);
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
				long waitNanos = drain();
				if (waitNanos > 0) {
					LockSupport.parkNanos(waitNanos);
				}
			}
			catch (RuntimeException ex) {
				logger.error("Unable to drain outbox reason={}", ex.toString(), ex);
				LockSupport.parkNanos(this.properties.idleWait().toNanos());
			}
		}
	}

	/**
	 * One pass over the chats that have something due: each gets at most one message.
	 * @return how long to wait before the next pass (0 to go on at once)
	 */
	long drain() {
		long idle = this.properties.idleWait().toNanos();
		List<OutboxAlert> due = this.outbox.due(DIGEST_MAX_ITEMS, BATCH);
		if (due.isEmpty()) {
			Instant next = this.outbox.nextDue();
			return (next == null) ? idle : clamp(Duration.between(this.clock.instant(), next).toNanos(), idle);
		}
		Map<Long, List<OutboxAlert>> byChat = new LinkedHashMap<>();
		for (OutboxAlert alert : due) {
			byChat.computeIfAbsent(alert.chatId(), (id) -> new ArrayList<>()).add(alert);
		}
		forgetQuietChats();
		// A pass lasts about a fifth of a second, so a chat with a backlog is back at the front (its
		// oldest alert is the oldest in the outbox) soon after its own bucket allows another message.
		int maxPerPass = (int) Math.max(1, Math.ceil(this.properties.globalPerSecond() / 5));
		int sent = 0;
		long wait = idle;
		for (Map.Entry<Long, List<OutboxAlert>> chat : byChat.entrySet()) {
			if (!this.running || Thread.currentThread().isInterrupted() || sent >= maxPerPass) {
				return 0;
			}
			long chatId = chat.getKey();
			long pause = pausedNanos(chatId);
			TokenBucket bucket = chatBucket(chatId);
			long bucketWait = bucket.nanosUntilAvailable();
			if (pause > 0 || bucketWait > 0) {
				wait = Math.min(wait, Math.max(pause, bucketWait));
				continue;
			}
			awaitGlobal();
			bucket.tryTake();
			List<OutboxAlert> alerts = chat.getValue();
			if (alerts.get(0).backlog() > this.properties.foldAbove()) {
				sendDigest(chatId, alerts);
			}
			else {
				OutboxAlert alert = alerts.get(0);
				String message = this.outbox.message(alert.id());
				handle(new Delivery(chatId, List.of(alert), message), this.sender.sendHtml(chatId, message), true);
			}
			sent++;
		}
		return (sent > 0) ? 0 : Math.max(wait, 1_000_000L);
	}

	private void sendDigest(long chatId, List<OutboxAlert> alerts) {
		List<OutboxAlert> included = new ArrayList<>();
		String html = AlertFormatter.digest(alerts, alerts.get(0).backlog(), included);
		logger.info("Folding alerts chat={} pending={} inDigest={}", chatId, alerts.get(0).backlog(), included.size());
		handle(new Delivery(chatId, included, html), this.sender.sendHtml(chatId, html), true);
	}

	private void handle(Delivery delivery, SendResult result, boolean html) {
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
			this.meters.counter("policywatch.telegram.429").increment();
			rateLimited(chatId, retry, now);
			this.outbox.retryAt(delivery.ids(), now.plus(retry.delay()), "429 retry after " + retry.delay().toSeconds() + "s",
					false);
		}
		else if (result instanceof SendResult.TransientFailure failure) {
			retryLater(delivery, failure.reason(), now);
		}
		else if (result instanceof SendResult.ChatUnavailable unavailable) {
			this.chats.deactivate(chatId);
			failed(delivery, unavailable.reason());
			int cancelled = this.outbox.cancelPending(chatId, unavailable.reason());
			logger.warn("Chat unavailable, deactivated chat={} reason={} cancelled={}", chatId, unavailable.reason(),
					cancelled);
		}
		else if (result instanceof SendResult.BadMarkup bad && html) {
			logger.warn("Telegram refused the markup, resending as plain text alerts={} chat={} reason={}",
					delivery.ids(), chatId, bad.reason());
			awaitGlobal();
			String plain = AlertFormatter.toPlainText(delivery.message());
			handle(new Delivery(chatId, delivery.alerts(), plain), this.sender.sendPlain(chatId, plain), false);
		}
		else if (result instanceof SendResult.ChatMigrated migrated) {
			this.subscriptions.moveChat(chatId, migrated.newChatId());
			int moved = this.outbox.moveChat(chatId, migrated.newChatId());
			logger.info("Chat migrated chat={} newChat={} pendingMoved={}", chatId, migrated.newChatId(), moved);
		}
		else {
			String reason = (result instanceof SendResult.PermanentFailure permanent) ? permanent.reason()
					: result.toString();
			failed(delivery, reason);
			logger.warn("Unable to send alert alerts={} chat={} reason={}", delivery.ids(), chatId, reason);
		}
	}

	private void failed(Delivery delivery, String reason) {
		this.outbox.markFailed(delivery.ids(), reason);
		this.meters.counter("policywatch.alerts.failed").increment(delivery.alerts().size());
	}

	private void rateLimited(long chatId, SendResult.RetryAfter retry, Instant now) {
		long nanoNow = System.nanoTime();
		boolean global = retry.global()
				|| (chatId != this.lastRateLimitedChat && nanoNow - this.lastRateLimitedAt < NANOS_PER_SECOND);
		this.lastRateLimitedChat = chatId;
		this.lastRateLimitedAt = nanoNow;
		Instant until = now.plus(retry.delay());
		this.chatPausedUntil.put(chatId, until);
		if (global) {
			this.globalPausedUntil = until;
		}
		logger.warn("Rate limited by Telegram chat={} retryAfter={}s global={}", chatId, retry.delay().toSeconds(),
				global);
	}

	private void retryLater(Delivery delivery, String reason, Instant now) {
		OutboxAlert first = delivery.first();
		if (Duration.between(first.createdAt(), now).compareTo(this.properties.maxRetryAge()) > 0) {
			failed(delivery, reason);
			logger.warn("Giving up on alert alerts={} chat={} attempts={} reason={}", delivery.ids(),
					delivery.chatId(), first.attempts() + 1, reason);
			return;
		}
		Duration wait = retryDelay(first.attempts());
		this.outbox.retryAt(delivery.ids(), now.plus(wait), reason, true);
		this.chatPausedUntil.put(delivery.chatId(), now.plus(wait));
		logger.warn("Unable to send alert alerts={} chat={} attempts={} retryIn={}s reason={}", delivery.ids(),
				delivery.chatId(), first.attempts() + 1, wait.toSeconds(), reason);
	}

	/**
	 * A little burst lets the global bucket make up for a late wake-up, so the long-run rate is
	 * the configured one; it stays small enough that no second ever sees more than Telegram's 30.
	 */
	static double globalBurst(double perSecond) {
		return Math.max(1, Math.min(3, Math.floor(TELEGRAM_GLOBAL_LIMIT - perSecond)));
	}

	/**
	 * @return 2s, 4s, 8s … at most 10 minutes
	 */
	static Duration retryDelay(int attempts) {
		return Duration.ofSeconds(Math.min(600, 2L << Math.min(attempts, 10)));
	}

	private long pausedNanos(long chatId) {
		Instant until = this.chatPausedUntil.get(chatId);
		if (until == null) {
			return 0;
		}
		long nanos = Duration.between(this.clock.instant(), until).toNanos();
		if (nanos <= 0) {
			this.chatPausedUntil.remove(chatId);
			return 0;
		}
		return nanos;
	}

	/**
	 * Forgets the buckets of chats that have been quiet long enough to be full again, once per
	 * pass and only when there are many, so that their number stays bounded.
	 */
	private void forgetQuietChats() {
		if (this.perChat.size() > 10_000) {
			this.perChat.values().removeIf(TokenBucket::full);
		}
	}

	/**
	 * @param chatId the chat; Telegram gives groups, supergroups and channels negative ids and
	 * private chats positive ones
	 */
	private TokenBucket chatBucket(long chatId) {
		boolean group = chatId < 0;
		double perSecond = group ? this.properties.groupPerMinute() / 60d : this.properties.privateChatPerSecond();
		return this.perChat.computeIfAbsent(chatId,
				(id) -> new TokenBucket(perSecond * CHAT_RATE_MARGIN, 1, System::nanoTime));
	}

	private void awaitGlobal() {
		Instant now = this.clock.instant();
		if (this.globalPausedUntil.isAfter(now)) {
			LockSupport.parkNanos(Duration.between(now, this.globalPausedUntil).toNanos());
		}
		long wait;
		while ((wait = this.global.nanosUntilAvailable()) > 0) {
			LockSupport.parkNanos(wait);
		}
		this.global.tryTake();
	}

	private static long clamp(long nanos, long max) {
		return Math.max(1_000_000L, Math.min(nanos, max));
	}

	/**
	 * One message to a chat carrying one alert, or several in a digest.
	 */
	private record Delivery(long chatId, List<OutboxAlert> alerts, String message) {

		OutboxAlert first() {
			return this.alerts.get(0);
		}

		List<Long> ids() {
			return this.alerts.stream().map(OutboxAlert::id).toList();
		}

	}

}
