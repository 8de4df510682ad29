package policywatch.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;

import policywatch.ingest.fetch.FetchException;
import policywatch.ingest.fetch.FetchRequest;
import policywatch.ingest.fetch.FetchResponse;
import policywatch.ingest.fetch.Fetcher;
import policywatch.ingest.parse.FeedItem;
import policywatch.ingest.parse.FeedParseException;
import policywatch.ingest.parse.FeedParser;
import policywatch.ingest.parse.ParsedFeed;

/**
 * Polls one feed: fetches and parses it, records its new entries (at most
 * {@code max-new-entries-per-poll}, oldest first) with their article text, and keeps the feed's
 * state. Entries left for later (over the cap, or whose page was not in within the feed's budget)
 * are not recorded, and the feed's validators are kept, so the next poll reads them again. Never
 * throws: failures are recorded on the feed and logged.
 */
final class FeedPollWorker {

	private static final Logger logger = LoggerFactory.getLogger(FeedPollWorker.class);

	private final FeedStore feeds;

	private final EntryStore entries;

	private final Fetcher fetcher;

	private final FeedParser parser;

	private final ArticlePages pages;

	private final IngestProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final MeterRegistry meters;

	FeedPollWorker(FeedStore feeds, EntryStore entries, Fetcher fetcher, FeedParser parser, ArticlePages pages,
			IngestProperties properties, ApplicationEventPublisher events, Clock clock, MeterRegistry meters) {
		this.feeds = feeds;
		this.entries = entries;
		this.fetcher = fetcher;
		this.parser = parser;
		this.pages = pages;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
		this.meters = meters;
	}

	/** Pages still loading are left for the next start (see {@link ArticlePages#stop()}). */
	void stop() {
		this.pages.stop();
	}

	/**
	 * @return how many new entries were recorded
	 */
	int poll(FeedRecord feed) {
		long deadline = System.nanoTime() + this.properties.feedBudget().toNanos();
		String outcome = "error";
		try {
			long start = System.nanoTime();
			FetchResponse response = this.fetcher.fetch(FetchRequest.feed(feed.url(), feed.etag(), feed.lastModified()));
			this.meters.timer("policywatch.fetch.latency", "kind", "feed")
				.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			if (response.notModified()) {
				this.feeds.recordSuccess(feed, "NOT_MODIFIED", feed.etag(), feed.lastModified(), this.clock.instant());
				outcome = "not-modified";
				return 0;
			}
			ParsedFeed parsed = this.parser.parse(response.body(), response.contentType(), response.finalUri());
			Taken taken = feed.primed() ? addNew(feed, parsed.items(), deadline) : baseline(feed, parsed.items());
			// entries left for later: keep the old validators, so the next poll reads the feed again
			boolean complete = taken.deferred() == 0;
			this.feeds.recordSuccess(feed, "OK", complete ? response.etag() : feed.etag(),
					complete ? response.lastModified() : feed.lastModified(), this.clock.instant());
			this.meters.counter("policywatch.entries.new", "feed", feed.id()).increment(taken.added());
			outcome = "ok";
			return taken.added();
		}
		catch (FetchException ex) {
			logger.warn("Unable to fetch feed feed={} url={} reason={}", feed.id(), feed.url(), ex.getMessage());
			recordFailure(feed, ex.getMessage(), ex.retryAfter());
		}
		catch (FeedParseException ex) {
			logger.warn("Unable to parse feed feed={} url={} reason={}", feed.id(), feed.url(), ex.getMessage());
			recordFailure(feed, ex.getMessage(), null);
		}
		catch (RuntimeException ex) {
			logger.error("Unable to poll feed feed={} url={} reason={}", feed.id(), feed.url(), ex.toString(), ex);
			recordFailure(feed, ex.toString(), null);
		}
		finally {
			this.meters.counter("policywatch.polls", "feed", feed.id(), "outcome", outcome).increment();
		}
		return 0;
	}

	private Taken baseline(FeedRecord feed, List<FeedItem> items) {
		int added = this.entries.insertSeen(feed.id(), this.entries.unknown(feed.id(), items));
		logger.info("Primed feed feed={} entries={} (existing entries are not alerted)", feed.id(), added);
		return new Taken(0, 0);
	}

	private Taken addNew(FeedRecord feed, List<FeedItem> items, long deadline) {
		List<FeedItem> fresh = new ArrayList<>(this.entries.unknown(feed.id(), items));
		// Feeds list newest first: record oldest first so alerts go out in publication order.
		Collections.reverse(fresh);
		fresh.sort(Comparator.comparing(FeedItem::published, Comparator.nullsLast(Comparator.naturalOrder())));
		int cap = this.properties.maxNewEntriesPerPoll();
		List<FeedItem> batch = (fresh.size() > cap) ? fresh.subList(0, cap) : fresh;
		List<String> texts = feed.fullText() ? this.pages.texts(feed, batch, deadline)
				: Collections.nCopies(batch.size(), "");
		int added = 0;
		for (int i = 0; i < texts.size(); i++) {
			added += this.entries.insertNew(feed.id(), batch.get(i), texts.get(i));
		}
		int deferred = fresh.size() - texts.size();
		if (added > 0 || deferred > 0) {
			logger.info("New entries feed={} count={} deferred={}", feed.id(), added, deferred);
		}
		return new Taken(added, deferred);
	}

	private void recordFailure(FeedRecord feed, String error, Duration retryAfter) {
		int failures = feed.consecutiveFailures() + 1;
		Duration delay = backoff(feed.interval(), failures, this.properties.maxBackoff());
		if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
			delay = (retryAfter.compareTo(this.properties.maxBackoff()) < 0) ? retryAfter : this.properties.maxBackoff();
		}
		Instant now = this.clock.instant();
		String reason = (error != null) ? error : "unknown error";
		boolean park = failures >= this.properties.parkAfter();
		this.feeds.recordFailure(feed, reason, failures, now.plus(delay), park, now);
		if (park) {
			logger.warn("Parked feed feed={} url={} failures={} reason={}", feed.id(), feed.url(), failures, reason);
			this.events.publishEvent(new FeedParked(feed.id(), feed.url().toString(), failures, reason));
		}
	}

	/**
	 * @return interval × 2^(failures − 1), at most {@code max}
	 */
	static Duration backoff(Duration interval, int failures, Duration max) {
		Duration delay = (interval.toSeconds() < 1) ? Duration.ofSeconds(1) : interval;
		for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		return (delay.compareTo(max) > 0) ? max : delay;
	}

	/**
	 * @param added entries recorded
	 * @param deferred new entries left for the next poll
	 */
	private record Taken(int added, int deferred) {
	}

}
