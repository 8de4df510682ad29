package policywatch.ingest;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Un-parks one feed on an admin's request (the web console's button): it is polled again at once,
 * without waiting for a reload, with a fresh start (its failures forgotten: it is parked again only
 * after {@code policywatch.ingest.park-after} more failures in a row).
 */
@Service
public class FeedParking {

	private static final Logger logger = LoggerFactory.getLogger(FeedParking.class);

	private final FeedStore store;

	private final FeedSchedule schedule;

	private final Clock clock;

	FeedParking(FeedStore store, FeedSchedule schedule, Clock clock) {
		this.store = store;
		this.schedule = schedule;
		this.clock = clock;
	}

	/**
	 * @param feedId the feed
	 * @param by who asked, for the log
	 * @return whether the feed was parked and is polled again now; false for an unknown, removed or
	 * not parked feed
	 */
	public boolean unpark(String feedId, String by) {
		if (!this.store.unpark(feedId, this.clock.instant())) {
			return false;
		}
		this.schedule.sync(this.store.active());
		logger.info("Unparked feed feed={} by={}", feedId, by);
		return true;
	}

}
