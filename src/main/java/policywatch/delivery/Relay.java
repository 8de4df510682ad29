package policywatch.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import policywatch.cluster.SenderLease;

/**
 * On the node holding the sender lease, sends the replies and notices other nodes relayed through
 * the database ({@link RelayedMessages}), replies first and through the pacer, so they go ahead of
 * queued alerts. A message is deleted once sent (or refused): a holder dying in between sends it
 * again, like any message in flight.
 */
@Component
class Relay implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Relay.class);

	/** How often the holder looks for relayed messages. */
	static final Duration INTERVAL = Duration.ofMillis(500);

	private static final int BATCH = 20;

	private final RelayedMessages messages;

	private final TelegramPacer pacer;

	private final SenderLease lease;

	private final TaskScheduler scheduler;

	private volatile boolean running;

	private ScheduledFuture<?> task;

	Relay(RelayedMessages messages, TelegramPacer pacer, SenderLease lease,
			@Qualifier(DeliveryConfiguration.SCHEDULER) TaskScheduler scheduler) {
		this.messages = messages;
		this.pacer = pacer;
		this.lease = lease;
		this.scheduler = scheduler;
	}

	/**
	 * Sends the relayed messages waiting now, while this node holds the lease.
	 * @return how many were sent or refused
	 */
	int sendWaiting() {
		int done = 0;
		while (this.lease.held()) {
			List<RelayedMessages.Message> next = this.messages.next(BATCH);
			if (next.isEmpty()) {
				break;
			}
			for (RelayedMessages.Message message : next) {
				if (!this.lease.held()) {
					return done;
				}
				SendResult result = switch (message.kind()) {
					case REPLY -> this.pacer.reply(message.chatId(), message.text());
					case HTML -> this.pacer.sendHtml(message.chatId(), message.text());
					case PLAIN -> this.pacer.sendPlain(message.chatId(), message.text());
				};
				if (!(result instanceof SendResult.Sent || result instanceof SendResult.Logged
						|| result instanceof SendResult.Relayed)) {
					logger.warn("Unable to send relayed message chat={} kind={} result={}", message.chatId(),
							message.kind(), result);
				}
				this.messages.delete(message.id());
				done++;
			}
		}
		return done;
	}

	private void tick() {
		if (!this.running || !this.lease.held()) {
			return;
		}
		try {
			sendWaiting();
		}
		catch (RuntimeException ex) {
			logger.warn("Unable to send relayed messages reason={}", ex.toString());
		}
	}

	@Override
	public void start() {
		this.running = true;
		try {
			this.task = this.scheduler.scheduleWithFixedDelay(this::tick, INTERVAL);
		}
		catch (TaskRejectedException ex) {
			logger.debug("Not relaying messages while shutting down");
		}
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.task != null) {
			this.task.cancel(false);
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

}
