package policywatch.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Service;

import policywatch.cluster.SenderLease;

/**
 * Drains the outbox: passes run on the delivery scheduler, sends on its threads.
 * <ul>
 * <li>Several sends are in flight at once, to different chats (at most
 * {@code policywatch.delivery.max-in-flight}), so the rate is not bounded by the Bot API's
 * round trip; a chat has at most one message in flight, so its alerts go out in the order they
 * were planned.</li>
 * <li>Every send goes through the {@link TelegramPacer} (the token buckets and 429 pauses).</li>
 * <li>Fairness: every chat whose next alert is due gets its turn in each pass, whatever its
 * backlog.</li>
 * <li>Flood folding: a chat with more pending alerts than {@code fold-above} gets one message
 * listing titles and links instead.</li>
 * </ul>
 * An alert is marked sent as soon as Telegram accepts it, so a crash can repeat at most the
 * messages in flight.
 * <p>
 * In a cluster only the node holding the {@link SenderLease} drains the outbox: passes on the
 * other nodes do nothing, every send checks the lease just before it is handed over, and the node
 * that acquires the lease starts a pass at once.
 */
@Service
class OutboxSender implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxSender.class);

	private static final int BATCH = 2000;

	private static final int DIGEST_MAX_ITEMS = 40;

	/** How long a chat waits after its send failed in an unexpected way (the database, say). */
	private static final Duration HOLD_AFTER_ERROR = Duration.ofSeconds(30);

	private final Outbox outbox;

	private final TelegramPacer pacer;

	private final DeliveryOutcomes outcomes;

	private final DeliveryProperties properties;

	private final Clock clock;

	private final TaskScheduler scheduler;

	private final TaskExecutor executor;

	private final Semaphore slots;

	private final SenderLease lease;

	private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

	private final Map<Long, Instant> heldUntil = new ConcurrentHashMap<>();

	private final ReentrantLock passing = new ReentrantLock();

	private volatile boolean running;

	private volatile boolean wakeRequested;

	/** The next pass's list, read while this pass sends (only when the outbox is large). */
	private CompletableFuture<List<OutboxAlert>> prefetched;

	// Guarded by this
	private ScheduledFuture<?> next;

	private Instant nextAt;

	private Object nextToken;

	private final DeliveryPreferences preferences;

	private final AlertTexts texts;

	OutboxSender(Outbox outbox, TelegramPacer pacer, DeliveryOutcomes outcomes, DeliveryProperties properties,
			Clock clock, @Qualifier(DeliveryConfiguration.SCHEDULER) TaskScheduler scheduler,
			@Qualifier(DeliveryConfiguration.SCHEDULER) TaskExecutor executor, SenderLease lease,
			DeliveryPreferences preferences, AlertTexts texts) {
		this.preferences = preferences;
		this.texts = texts;
		this.lease = lease;
		this.outbox = outbox;
		this.pacer = pacer;
		this.outcomes = outcomes;
		this.properties = properties;
		this.clock = clock;
		this.scheduler = scheduler;
		this.executor = executor;
		this.slots = new Semaphore(properties.maxInFlight());
	}

	@Override
	public void start() {
		this.running = true;
		this.lease.onAcquired(this::wakeUp);
		schedule(this.clock.instant());
	}

	@Override
	public void stop() {
		this.running = false;
		synchronized (this) {
			if (this.next != null) {
				this.next.cancel(false);
			}
		}
		// Let the sends in flight record their answer, so that they are not repeated.
		try {
			if (this.slots.tryAcquire(this.properties.maxInFlight(), 10, TimeUnit.SECONDS)) {
				this.slots.release(this.properties.maxInFlight());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
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
		this.wakeRequested = true;
		if (!this.passing.isLocked()) {
			schedule(this.clock.instant());
		}
	}

	private synchronized void schedule(Instant at) {
		if (!this.running) {
			return;
		}
		if (this.next != null) {
			if (!this.nextAt.isAfter(at)) {
				return;
			}
			this.next.cancel(false);
		}
		Object token = new Object();
		this.nextToken = token;
		this.nextAt = at;
		try {
			this.next = this.scheduler.schedule(() -> run(token), at);
		}
		catch (TaskRejectedException ex) {
			this.next = null;
			logger.debug("Not scheduling an outbox pass while shutting down");
		}
	}

	/**
	 * Runs a scheduled pass unless another one replaced it meanwhile: there is one chain of
	 * passes, each scheduling the next.
	 */
	private void run(Object token) {
		synchronized (this) {
			if (token != this.nextToken) {
				return;
			}
			this.next = null;
			this.nextToken = null;
		}
		pass();
	}

	private void pass() {
		if (!this.running) {
			return;
		}
		if (!this.lease.held()) {
			// Another node sends; look again later (acquiring the lease wakes this node up sooner).
			schedule(this.clock.instant().plus(this.properties.idleWait()));
			return;
		}
		if (!this.passing.tryLock()) {
			return;
		}
		long wait;
		try {
			this.wakeRequested = false;
			wait = drain();
		}
		catch (RuntimeException ex) {
			logger.error("Unable to drain outbox reason={}", ex.toString(), ex);
			wait = this.properties.idleWait().toNanos();
		}
		finally {
			this.passing.unlock();
		}
		if (this.wakeRequested) {
			wait = 0;
		}
		schedule(this.clock.instant().plusNanos(wait));
	}

	/**
	 * One pass over the chats that have something due: each chat with nothing in flight gets at
	 * most one message.
	 * @return how long to wait before the next pass, in nanoseconds (0 to go on at once)
	 */
	long drain() {
		long idle = this.properties.idleWait().toNanos();
		if (!this.lease.held()) {
			return idle;
		}
		List<OutboxAlert> due = nextList();
		if (due.isEmpty()) {
			Instant next = this.outbox.nextDue();
			return (next == null) ? idle : clamp(Duration.between(this.clock.instant(), next).toNanos(), idle);
		}
		Map<Long, List<OutboxAlert>> byChat = new LinkedHashMap<>();
		for (OutboxAlert alert : due) {
			byChat.computeIfAbsent(alert.chatId(), (id) -> new ArrayList<>()).add(alert);
		}
		this.pacer.forgetQuietChats();
		// A pass lasts about a second (one message per chat, at the global rate): reading the list
		// costs a query over the whole outbox, and a private chat may have one message a second
		// anyway, so a chat with a backlog is back at the front (its oldest alert is the oldest in
		// the outbox) about when its own bucket allows another message.
		int maxPerPass = (int) Math.max(1, Math.ceil(this.properties.globalPerSecond()));
		if (byChat.size() > maxPerPass) {
			// A fan-out: reading a long list takes a while, so the next one is read while this pass
			// sends. It may be a little stale; every send checks that its alert is still pending.
			this.prefetched = CompletableFuture.supplyAsync(() -> this.outbox.due(DIGEST_MAX_ITEMS, BATCH),
					this.executor);
		}
		int dispatched = 0;
		long wait = idle;
		for (Map.Entry<Long, List<OutboxAlert>> chat : byChat.entrySet()) {
			if (!this.running || !this.lease.held() || dispatched >= maxPerPass) {
				return 0;
			}
			long chatId = chat.getKey();
			if (this.inFlight.contains(chatId)) {
				wait = Math.min(wait, idle / 10);
				continue;
			}
			long held = heldNanos(chatId);
			long chatWait = (held > 0) ? held : this.pacer.chatWait(chatId);
			if (chatWait > 0) {
				wait = Math.min(wait, chatWait);
				continue;
			}
			try {
				if (dispatch(chatId, chat.getValue())) {
					dispatched++;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return idle;
			}
			catch (RuntimeException ex) {
				logger.error("Unable to send alert chat={} reason={}", chatId, ex.toString(), ex);
				hold(chatId, HOLD_AFTER_ERROR);
			}
		}
		return (dispatched > 0) ? 0 : Math.max(wait, 1_000_000L);
	}

	private List<OutboxAlert> nextList() {
		CompletableFuture<List<OutboxAlert>> next = this.prefetched;
		this.prefetched = null;
		if (next != null) {
			try {
				return next.join();
			}
			catch (CompletionException | CancellationException ex) {
				logger.warn("Unable to read the outbox ahead reason={}", ex.toString());
			}
		}
		return this.outbox.due(DIGEST_MAX_ITEMS, BATCH);
	}

	/**
	 * Sends the chat's next message on the executor, once a slot and a token are free.
	 * @return whether a message was handed over
	 */
	private boolean dispatch(long chatId, List<OutboxAlert> queued) throws InterruptedException {
		if (queued.get(0).edit()) {
			return dispatchEdit(chatId, queued.get(0));
		}
		List<OutboxAlert> alerts = queued.stream().filter((alert) -> !alert.edit()).toList();
		OutboxAlert first = alerts.get(0);
		Delivery delivery;
		if (!first.digest() && first.backlog() > this.properties.foldAbove()) {
			if (this.outbox.pendingMessage(first.id(), chatId) == null) {
				return false;
			}
			List<OutboxAlert> included = new ArrayList<>();
			// a scheduled digest is never folded; one query for the chat's language, per folded message
			String html = AlertFormatter.digest(alerts.stream().filter((alert) -> !alert.digest()).toList(),
					first.backlog(), included, this.texts, this.preferences.locale(chatId));
			logger.info("Folding alerts chat={} pending={} inDigest={}", chatId, first.backlog(), included.size());
			delivery = new Delivery(chatId, included, html);
		}
		else {
			String message = this.outbox.pendingMessage(first.id(), chatId);
			if (message == null) {
				return false;
			}
			delivery = new Delivery(chatId, List.of(first), message);
		}
		while (!this.slots.tryAcquire(this.properties.idleWait().toNanos(), TimeUnit.NANOSECONDS)) {
			if (!this.running) {
				return false;
			}
		}
		boolean handedOver = false;
		try {
			if (!this.pacer.acquireForAlert(chatId) || !this.lease.held()) {
				return false;
			}
			this.inFlight.add(chatId);
			this.executor.execute(() -> send(delivery));
			handedOver = true;
			return true;
		}
		catch (TaskRejectedException ex) {
			this.inFlight.remove(chatId);
			logger.debug("Not sending while shutting down chat={}", chatId);
			return false;
		}
		finally {
			if (!handedOver) {
				this.slots.release();
			}
		}
	}

	/**
	 * Edits an alert already sent (a near-duplicate's sources): {@code editMessageText} through the
	 * pacer, like any message. An edit of an alert that was not sent as a message of its own (logged,
	 * failed, or in a digest) is cancelled; one whose alert is still pending waits for it.
	 */
	private boolean dispatchEdit(long chatId, OutboxAlert edit) throws InterruptedException {
		Outbox.PendingEdit pending = this.outbox.pendingEdit(edit.id(), chatId);
		if (pending == null) {
			return false;
		}
		if (pending.messageId() == null) {
			if (Outbox.PENDING.equals(pending.originalState())) {
				hold(chatId, this.properties.idleWait());
				return false;
			}
			this.outbox.cancel(List.of(edit.id()), "the alert it edits was not sent as a message of its own");
			logger.info("Not editing alert edit={} chat={} original={}", edit.id(), chatId, pending.originalState());
			return false;
		}
		Delivery delivery = new Delivery(chatId, List.of(edit), pending.message());
		long messageId = pending.messageId();
		while (!this.slots.tryAcquire(this.properties.idleWait().toNanos(), TimeUnit.NANOSECONDS)) {
			if (!this.running) {
				return false;
			}
		}
		boolean handedOver = false;
		try {
			if (!this.pacer.acquireForAlert(chatId)) {
				return false;
			}
			this.inFlight.add(chatId);
			this.executor.execute(() -> sendEdit(delivery, messageId));
			handedOver = true;
			return true;
		}
		catch (TaskRejectedException ex) {
			this.inFlight.remove(chatId);
			return false;
		}
		finally {
			if (!handedOver) {
				this.slots.release();
			}
		}
	}

	private void sendEdit(Delivery delivery, long messageId) {
		long chatId = delivery.chatId();
		try {
			SendResult result = this.pacer.call(chatId, (api) -> api.editHtml(chatId, messageId, delivery.message()));
			if (result instanceof SendResult.BadMarkup || result instanceof SendResult.PermanentFailure) {
				// A refused edit is not resent as a new message: the alert stands as it was.
				this.outbox.markFailed(delivery.ids(), result.toString());
				logger.warn("Unable to edit alert edit={} chat={} message={} reason={}", delivery.ids(), chatId,
						messageId, result);
			}
			else {
				if (result instanceof SendResult.Sent) {
					logger.info("Edited alert edit={} chat={} message={}", delivery.ids(), chatId, messageId);
				}
				Instant until = this.outcomes.handle(delivery, result);
				if (until != null) {
					this.heldUntil.put(chatId, until);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.error("Unable to edit alert edit={} chat={} reason={}", delivery.ids(), chatId, ex.toString(), ex);
			hold(chatId, HOLD_AFTER_ERROR);
		}
		finally {
			this.inFlight.remove(chatId);
			this.slots.release();
		}
	}

	private void send(Delivery delivery) {
		long chatId = delivery.chatId();
		try {
			Keyboard keyboard = (delivery.alerts().size() == 1) ? Keyboard.decode(delivery.first().buttons()) : null;
			SendResult result = this.pacer.call(chatId, (api) -> api.sendHtml(chatId, delivery.message(), keyboard));
			Instant until = this.outcomes.handle(delivery, result);
			if (until != null) {
				this.heldUntil.put(chatId, until);
			}
		}
		catch (RuntimeException ex) {
			logger.error("Unable to deliver alert alerts={} chat={} reason={}", delivery.ids(), chatId, ex.toString(),
					ex);
			hold(chatId, HOLD_AFTER_ERROR);
		}
		finally {
			this.inFlight.remove(chatId);
			this.slots.release();
		}
	}

	private void hold(long chatId, Duration duration) {
		this.heldUntil.put(chatId, this.clock.instant().plus(duration));
	}

	private long heldNanos(long chatId) {
		Instant until = this.heldUntil.get(chatId);
		if (until == null) {
			return 0;
		}
		long nanos = Duration.between(this.clock.instant(), until).toNanos();
		if (nanos <= 0) {
			this.heldUntil.remove(chatId);
			return 0;
		}
		return nanos;
	}

	/**
	 * @return how many messages are being sent right now
	 */
	int inFlight() {
		return this.inFlight.size();
	}

	private static long clamp(long nanos, long max) {
		return Math.max(1_000_000L, Math.min(nanos, max));
	}

}
