package policywatch.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import policywatch.cluster.SenderLease;

/**
 * The one gate for every message the bot sends: alerts, replies to commands, admin notices and
 * {@code /testfeed} results. It owns Telegram's budget:
 * <ul>
 * <li>a global token bucket ({@code policywatch.delivery.global-per-second}) and one per chat
 * (private chats and groups have different rates), so that Telegram never has to answer 429;</li>
 * <li>429 handling: the chat pauses for its {@code retry_after}; 429s for two different chats
 * within a second (or a global one) mean the whole bot is flooded, and every send pauses;</li>
 * <li>priorities: a reply to a user's command takes the next global token ahead of queued alerts
 * and notices, but never more than its own chat's rate.</li>
 * </ul>
 * In a cluster only the node holding the {@link SenderLease} talks to Telegram: on any other node
 * a reply or notice is written to the database ({@link RelayedMessages}) and the holder sends it
 * ahead of queued alerts ({@link SendResult.Relayed}).
 * <p>
 * Thread-safe. Replies and notices block their caller until they may go out; the outbox worker
 * asks without blocking on the chat, so that a busy chat never holds up the others.
 */
@Component
public final class TelegramPacer implements AlertSender {

	private static final Logger logger = LoggerFactory.getLogger(TelegramPacer.class);

	/** Per-chat pacing is kept under the limit so that clock skew and network jitter never cause a 429. */
	private static final double CHAT_RATE_MARGIN = 0.92;

	private static final double TELEGRAM_GLOBAL_LIMIT = 30;

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	/** A reply that would wait longer than this (its chat is paused after a 429) is not sent. */
	static final Duration MAX_REPLY_WAIT = Duration.ofSeconds(10);

	/** A notice that would wait longer than this is not sent. */
	static final Duration MAX_NOTICE_WAIT = Duration.ofMinutes(2);

	/** How long an alert waits at most for a reply ahead of it before it looks again. */
	private static final long REPLY_YIELD_NANOS = 50_000_000L;

	private final MessageTransport transport;

	private final DeliveryProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	// Guarded by lock
	private final TokenBucket global;

	private final Map<Long, TokenBucket> perChat = new HashMap<>();

	private final Map<Long, Long> chatPausedUntil = new HashMap<>();

	private long globalPausedUntil;

	private int repliesWaiting;

	private long lastRateLimitedChat;

	private long lastRateLimitedAt;

	private Waiter waiter = Condition::awaitNanos;

	private final SenderLease lease;

	private final RelayedMessages relayed;

	/**
	 * A pacer that always sends itself (one node, no database).
	 */
	TelegramPacer(MessageTransport transport, DeliveryProperties properties, Clock clock, MeterRegistry meters) {
		this(transport, properties, clock, meters, null, null);
	}

	@Autowired
	TelegramPacer(MessageTransport transport, DeliveryProperties properties, Clock clock, MeterRegistry meters,
			SenderLease lease, RelayedMessages relayed) {
		this.lease = lease;
		this.relayed = relayed;
		this.transport = transport;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		this.global = new TokenBucket(properties.globalPerSecond(), globalBurst(properties.globalPerSecond()),
				this::nanos);
	}

	/**
	 * A notice (admin message, {@code /testfeed} result) in Telegram HTML, after queued replies.
	 */
	@Override
	public SendResult sendHtml(long chatId, String html) {
		if (relay(chatId, RelayedMessages.Kind.HTML, html)) {
			return new SendResult.Relayed();
		}
		return send(chatId, false, MAX_NOTICE_WAIT, (api) -> api.sendHtml(chatId, html));
	}

	/**
	 * A notice in plain text.
	 */
	@Override
	public SendResult sendPlain(long chatId, String text) {
		if (relay(chatId, RelayedMessages.Kind.PLAIN, text)) {
			return new SendResult.Relayed();
		}
		return send(chatId, false, MAX_NOTICE_WAIT, (api) -> api.sendPlain(chatId, text));
	}

	/**
	 * The answer to a user's command, in Telegram HTML: it goes ahead of queued alerts and notices,
	 * within its chat's rate.
	 */
	public SendResult reply(long chatId, String html) {
		if (relay(chatId, RelayedMessages.Kind.REPLY, html)) {
			return new SendResult.Relayed();
		}
		return send(chatId, true, MAX_REPLY_WAIT, (api) -> api.sendHtml(chatId, html));
	}

	/**
	 * The answer to a user's command with an inline keyboard under it. On a node without the sender
	 * lease it is relayed to the sending node as text (without the keyboard).
	 */
	public SendResult reply(long chatId, String html, Keyboard keyboard) {
		if (relay(chatId, RelayedMessages.Kind.REPLY, html)) {
			return new SendResult.Relayed();
		}
		return send(chatId, true, MAX_REPLY_WAIT, (api) -> api.sendHtml(chatId, html, keyboard));
	}

	/**
	 * Writes the message for the lease holder when this node does not hold the sender lease.
	 * @return whether it was relayed (else this node sends it)
	 */
	private boolean relay(long chatId, RelayedMessages.Kind kind, String text) {
		if (this.lease == null || this.relayed == null || this.lease.held()) {
			return false;
		}
		this.relayed.add(chatId, kind, text);
		logger.debug("Relayed to the sending node chat={} kind={}", chatId, kind);
		return true;
	}

	private SendResult send(long chatId, boolean reply, Duration maxWait, Function<MessageTransport, SendResult> call) {
		long waited;
		try {
			waited = acquire(chatId, reply, maxWait.toNanos());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new SendResult.TransientFailure("interrupted while waiting to send");
		}
		if (waited > 0) {
			logger.warn("Not sending, the chat is paused chat={} reply={} waitWouldBe={}ms", chatId, reply,
					waited / 1_000_000);
			return new SendResult.RetryAfter(Duration.ofNanos(waited), false);
		}
		return call(chatId, call);
	}

	/**
	 * Sends a message for which a token was taken ({@link #acquireForAlert}) and records the answer.
	 */
	SendResult call(long chatId, Function<MessageTransport, SendResult> call) {
		SendResult result = call.apply(this.transport);
		if (result instanceof SendResult.RetryAfter retry) {
			rateLimited(chatId, retry);
		}
		return result;
	}

	/**
	 * @return how long the chat must wait before its next message (a pause after a 429 or its own
	 * rate), 0 when it may send now (the global budget permitting)
	 */
	long chatWait(long chatId) {
		this.lock.lock();
		try {
			return chatWait(chatId, nanos());
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Takes a token for an alert to the chat, waiting for the global budget (and any reply queued
	 * ahead) but not for the chat itself.
	 * @return {@code false} when the chat may not send now (nothing was taken)
	 */
	boolean acquireForAlert(long chatId) throws InterruptedException {
		this.lock.lockInterruptibly();
		try {
			while (true) {
				long now = nanos();
				if (chatWait(chatId, now) > 0) {
					return false;
				}
				long wait = globalWait(now);
				if (wait == 0 && this.repliesWaiting > 0) {
					wait = REPLY_YIELD_NANOS;
				}
				if (wait == 0) {
					take(chatId);
					return true;
				}
				this.waiter.await(this.changed, wait);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until the chat and the global budget allow a message, and takes a token.
	 * @return 0 when a token was taken, else how long it would have had to wait (more than
	 * {@code maxWaitNanos})
	 */
	private long acquire(long chatId, boolean reply, long maxWaitNanos) throws InterruptedException {
		this.lock.lockInterruptibly();
		boolean queued = false;
		try {
			long deadline = nanos() + maxWaitNanos;
			while (true) {
				long now = nanos();
				long chatWait = chatWait(chatId, now);
				long wait = Math.max(chatWait, globalWait(now));
				if (reply && chatWait == 0 && !queued) {
					// Next in line for the global budget: alerts and notices wait.
					queued = true;
					this.repliesWaiting++;
				}
				else if (!reply && wait == 0 && this.repliesWaiting > 0) {
					wait = REPLY_YIELD_NANOS;
				}
				if (wait == 0) {
					take(chatId);
					return 0;
				}
				if (now + wait > deadline) {
					return wait;
				}
				this.waiter.await(this.changed, wait);
			}
		}
		finally {
			if (queued) {
				this.repliesWaiting--;
				this.changed.signalAll();
			}
			this.lock.unlock();
		}
	}

	private void take(long chatId) {
		chatBucket(chatId).tryTake();
		this.global.tryTake();
	}

	private long chatWait(long chatId, long now) {
		long pause = 0;
		Long until = this.chatPausedUntil.get(chatId);
		if (until != null) {
			if (until - now > 0) {
				pause = until - now;
			}
			else {
				this.chatPausedUntil.remove(chatId);
			}
		}
		return Math.max(pause, chatBucket(chatId).nanosUntilAvailable());
	}

	private long globalWait(long now) {
		long pause = Math.max(0, this.globalPausedUntil - now);
		return Math.max(pause, this.global.nanosUntilAvailable());
	}

	private void rateLimited(long chatId, SendResult.RetryAfter retry) {
		this.meters.counter("policywatch.telegram.429").increment();
		this.lock.lock();
		try {
			long now = nanos();
			boolean global = retry.global()
					|| (chatId != this.lastRateLimitedChat && now - this.lastRateLimitedAt < NANOS_PER_SECOND);
			this.lastRateLimitedChat = chatId;
			this.lastRateLimitedAt = now;
			long until = now + retry.delay().toNanos();
			this.chatPausedUntil.put(chatId, until);
			if (global) {
				this.globalPausedUntil = Math.max(this.globalPausedUntil, until);
			}
			logger.warn("Rate limited by Telegram chat={} retryAfter={}s global={}", chatId, retry.delay().toSeconds(),
					global);
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Forgets the buckets of chats that have been quiet long enough to be full again, only when
	 * there are many, so that their number stays bounded.
	 */
	void forgetQuietChats() {
		this.lock.lock();
		try {
			if (this.perChat.size() > 10_000) {
				this.perChat.values().removeIf(TokenBucket::full);
			}
		}
		finally {
			this.lock.unlock();
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
				(id) -> new TokenBucket(perSecond * CHAT_RATE_MARGIN, 1, this::nanos));
	}

	/**
	 * A little burst lets the global bucket make up for a late wake-up, so the long-run rate is
	 * the configured one; it stays small enough that no second ever sees more than Telegram's 30,
	 * with a margin for sends that reach Telegram a little bunched (the network's jitter).
	 */
	static double globalBurst(double perSecond) {
		return Math.max(1, Math.min(2, Math.floor(TELEGRAM_GLOBAL_LIMIT - perSecond) - 1));
	}

	private long nanos() {
		Instant now = this.clock.instant();
		return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
	}

	/**
	 * How the pacer waits for its budget: on its condition by default; tests move a fake clock.
	 */
	void waitWith(Waiter waiter) {
		this.waiter = waiter;
	}

	/**
	 * Waits on the pacer's condition (the lock is held) for at most the given nanoseconds.
	 */
	@FunctionalInterface
	interface Waiter {

		void await(Condition condition, long nanos) throws InterruptedException;

	}

}
