package policywatch.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.stereotype.Service;

/**
 * The ingest orchestrator. Each feed's Quartz job ({@link PollJob}) polls that feed on its own
 * thread with {@link #pollFeed(String)}; {@link #pollDueFeeds()} starts a poll of each feed that is
 * due on the poll threads and returns at once (all feeds at once, without Quartz). A feed still being polled from an earlier tick is left to finish
 * and not started twice; the others start whatever it is doing, so one slow feed never holds up
 * the rest. When a feed's poll recorded new entries, {@link FeedsPolled} is published for it at
 * once, so they are matched and alerted without waiting for the other feeds. The only part of
 * ingest that touches storage (through {@link FeedPollWorker}).
 */
@Service
public class FeedPoller {

	private static final Logger logger = LoggerFactory.getLogger(FeedPoller.class);

	private final FeedStore feeds;

	private final FeedPollWorker worker;

	private final TaskExecutor executor;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Set<String> polling = ConcurrentHashMap.newKeySet();

	private volatile boolean stopping;

	FeedPoller(FeedStore feeds, FeedPollWorker worker, @Qualifier(IngestConfiguration.POLL_EXECUTOR) TaskExecutor executor,
			ApplicationEventPublisher events, Clock clock) {
		this.feeds = feeds;
		this.worker = worker;
		this.executor = executor;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Starts a poll of every feed that is due and not being polled already.
	 * @return how many polls were started
	 */
	public int pollDueFeeds() {
		if (this.stopping) {
			return 0;
		}
		List<FeedRecord> due = this.feeds.due(this.clock.instant());
		int started = 0;
		for (FeedRecord feed : due) {
			if (!this.polling.add(feed.id())) {
				continue;
			}
			try {
				this.executor.execute(() -> poll(feed));
				started++;
			}
			catch (TaskRejectedException ex) {
				this.polling.remove(feed.id());
				logger.warn("Unable to start polling feed feed={} reason={}", feed.id(), ex.getMessage());
			}
		}
		return started;
	}

	/**
	 * Polls one feed now, on the calling thread, unless it is parked, no longer configured, being
	 * polled already on this node, or was polled a moment ago (see {@link #ready}). Its new entries
	 * are matched on a poll thread, not the caller's.
	 * @param feedId the feed
	 * @return how many new entries were recorded
	 */
	public int pollFeed(String feedId) {
		if (this.stopping) {
			return 0;
		}
		FeedRecord feed = this.feeds.active(feedId).orElse(null);
		if (feed == null || !ready(feed, this.clock.instant()) || !this.polling.add(feed.id())) {
			return 0;
		}
		int added = pollHeld(feed);
		if (added > 0) {
			// matched at once, but off the Quartz thread, which goes back to polling feeds (the
			// entries are stored: if this pass cannot start, any node's next pass matches them)
			try {
				this.executor.execute(() -> this.events.publishEvent(new FeedsPolled(1, added)));
			}
			catch (TaskRejectedException ex) {
				logger.debug("Matching left to the next pass feed={} reason={}", feed.id(), ex.getMessage());
			}
		}
		return added;
	}

	/**
	 * Whether a feed's trigger firing now should poll it: not when it was polled less than half an
	 * interval ago and is not due (a trigger that fell behind while a slow poll ran fires again
	 * right after it: that poll would come less than an interval after the last one). A feed made
	 * due (its address changed, its backoff is over) or never polled is always ready.
	 */
	static boolean ready(FeedRecord feed, Instant now) {
		if (feed.lastPollAt() == null || feed.nextPollAt() == null || !feed.nextPollAt().isAfter(now)) {
			return true;
		}
		return !now.isBefore(feed.lastPollAt().plus(feed.interval().dividedBy(2)));
	}

	/**
	 * @return the feed as stored, when it is polled (configured and not parked)
	 */
	Optional<FeedRecord> active(String feedId) {
		return this.feeds.active(feedId);
	}

	/**
	 * @return whether the application is closing
	 */
	boolean stopping() {
		return this.stopping;
	}

	/**
	 * The application is closing: no poll starts any more, and the polls in flight record what
	 * they have and leave the rest for the next start, without waiting for more pages.
	 */
	@EventListener(ContextClosedEvent.class)
	void stop() {
		this.stopping = true;
		this.worker.stop();
	}

	/**
	 * @return the ids of the feeds being polled now
	 */
	Set<String> polling() {
		return Set.copyOf(this.polling);
	}

	private int poll(FeedRecord feed) {
		int added = pollHeld(feed);
		if (added > 0) {
			// matched and alerted now, not after the other feeds' polls
			this.events.publishEvent(new FeedsPolled(1, added));
		}
		return added;
	}

	/**
	 * Polls a feed this node has marked as being polled, and unmarks it.
	 */
	private int pollHeld(FeedRecord feed) {
		try {
			return this.worker.poll(feed);
		}
		finally {
			this.polling.remove(feed.id());
		}
	}

}
