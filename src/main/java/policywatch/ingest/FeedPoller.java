package policywatch.ingest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import policywatch.ingest.extract.Article;
import policywatch.ingest.extract.ArticleExtractor;
import policywatch.ingest.extract.UnsupportedContentException;
import policywatch.ingest.fetch.FetchException;
import policywatch.ingest.fetch.FetchRequest;
import policywatch.ingest.fetch.FetchResponse;
import policywatch.ingest.fetch.Fetcher;
import policywatch.ingest.parse.FeedItem;
import policywatch.ingest.parse.FeedParseException;
import policywatch.ingest.parse.FeedParser;
import policywatch.ingest.parse.ParsedFeed;

/**
 * The ingest orchestrator: polls the feeds that are due, records new entries with their article
 * text, and keeps each feed's state. The only part of ingest that touches storage. One failing
 * feed never stops the others.
 */
@Service
public class FeedPoller implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(FeedPoller.class);

	private final FeedStore feeds;

	private final EntryStore entries;

	private final Fetcher fetcher;

	private final FeedParser parser;

	private final ArticleExtractor extractor;

	private final IngestProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ExecutorService executor;

	private final MeterRegistry meters;

	FeedPoller(FeedStore feeds, EntryStore entries, Fetcher fetcher, FeedParser parser, ArticleExtractor extractor,
			IngestProperties properties, ApplicationEventPublisher events, Clock clock, MeterRegistry meters) {
		this.meters = meters;
		this.feeds = feeds;
		this.entries = entries;
		this.fetcher = fetcher;
		this.parser = parser;
		this.extractor = extractor;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(properties.threads(), (task) -> {
			Thread thread = new Thread(task, "poll-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Polls every feed that is due and waits for them.
	 * @return how many new entries were recorded
	 */
	public int pollDueFeeds() {
		List<FeedState> due = this.feeds.due(this.clock.instant());
		List<Future<Integer>> polls = new ArrayList<>();
		for (FeedState feed : due) {
			polls.add(this.executor.submit(() -> poll(feed)));
		}
		int added = 0;
		for (Future<Integer> poll : polls) {
			try {
				added += poll.get();
			}
			catch (ExecutionException ex) {
				logger.error("Unable to poll feed reason={}", ex.getCause().toString(), ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		if (!due.isEmpty()) {
			this.events.publishEvent(new FeedsPolled(due.size(), added));
		}
		return added;
	}

	/**
	 * Polls one feed, whatever happens: failures are recorded on the feed and logged.
	 * @return how many new entries were recorded
	 */
	int poll(FeedState feed) {
		String outcome = "error";
		try {
			FetchResponse response = timed("policywatch.fetch.latency", "feed",
					() -> this.fetcher.fetch(FetchRequest.feed(feed.url(), feed.etag(), feed.lastModified())));
			if (response.notModified()) {
				this.feeds.recordSuccess(feed, "NOT_MODIFIED", feed.etag(), feed.lastModified(), this.clock.instant());
				outcome = "not-modified";
				return 0;
			}
			ParsedFeed parsed = this.parser.parse(response.body(), response.contentType(), response.finalUri());
			int added = (feed.primed()) ? addNew(feed, parsed.items()) : baseline(feed, parsed.items());
			this.feeds.recordSuccess(feed, "OK", response.etag(), response.lastModified(), this.clock.instant());
			this.meters.counter("policywatch.entries.new", "feed", feed.id()).increment(added);
			outcome = "ok";
			return added;
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

	private <T> T timed(String name, String kind, Step<T> step) throws FetchException {
		long start = System.nanoTime();
		try {
			return step.run();
		}
		finally {
			this.meters.timer(name, "kind", kind).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		}
	}

	@FunctionalInterface
	private interface Step<T> {

		T run() throws FetchException;

	}

	private int baseline(FeedState feed, List<FeedItem> items) {
		int added = this.entries.insertSeen(feed.id(), this.entries.unknown(feed.id(), items));
		logger.info("Primed feed feed={} entries={} (existing entries are not alerted)", feed.id(), added);
		return 0;
	}

	private int addNew(FeedState feed, List<FeedItem> items) {
		List<FeedItem> fresh = new ArrayList<>(this.entries.unknown(feed.id(), items));
		// Feeds list newest first: record oldest first so alerts go out in publication order.
		Collections.reverse(fresh);
		fresh.sort(Comparator.comparing(FeedItem::published, Comparator.nullsLast(Comparator.naturalOrder())));
		int added = 0;
		for (FeedItem item : fresh) {
			String text = (feed.fullText()) ? articleText(feed, item) : "";
			added += this.entries.insertNew(feed.id(), item, text);
		}
		if (added > 0) {
			logger.info("New entries feed={} count={}", feed.id(), added);
		}
		return added;
	}

	private String articleText(FeedState feed, FeedItem item) {
		String text = (item.link() != null) ? articleText(feed, item.link()) : "";
		// an enclosed PDF (the decision itself) when the linked page gave nothing
		return (text.isEmpty() && item.pdf() != null) ? articleText(feed, item.pdf()) : text;
	}

	private String articleText(FeedState feed, String url) {
		try {
			URI link = URI.create(url);
			FetchResponse page = timed("policywatch.fetch.latency", "page", () -> this.fetcher.fetch(FetchRequest.page(link)));
			long start = System.nanoTime();
			Article article = this.extractor.extract(page.body(), page.contentType(), page.finalUri());
			this.meters.timer("policywatch.extract.latency").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			String text = article.text();
			return (text.length() <= this.properties.maxTextChars()) ? text
					: text.substring(0, this.properties.maxTextChars());
		}
		catch (FetchException ex) {
			logger.warn("Unable to fetch page feed={} url={} reason={}", feed.id(), url, ex.getMessage());
		}
		catch (UnsupportedContentException ex) {
			logger.info("Skipping extraction feed={} url={} reason={}", feed.id(), url, ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.warn("Unable to extract page feed={} url={} reason={}", feed.id(), url, ex.toString());
		}
		return "";
	}

	private void recordFailure(FeedState feed, String error, Duration retryAfter) {
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

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
