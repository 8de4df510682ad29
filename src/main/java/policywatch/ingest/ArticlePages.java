package policywatch.ingest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.TaskRejectedException;

import policywatch.ingest.extract.Article;
import policywatch.ingest.extract.ArticleExtractor;
import policywatch.ingest.extract.UnsupportedContentException;
import policywatch.ingest.fetch.FetchException;
import policywatch.ingest.fetch.FetchRequest;
import policywatch.ingest.fetch.FetchResponse;
import policywatch.ingest.fetch.Fetcher;
import policywatch.ingest.parse.FeedItem;

/**
 * The article texts of a feed's new entries: pages fetched and extracted on the shared page
 * threads, a few of one feed's at a time (the fetcher's per-host limit), until the feed's
 * deadline. A page that cannot be fetched or read gives an empty text; a page still loading at
 * the deadline leaves its entry (and the ones after it) for the next poll.
 */
final class ArticlePages {

	private static final Logger logger = LoggerFactory.getLogger(ArticlePages.class);

	private static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

	private final Fetcher fetcher;

	private final ArticleExtractor extractor;

	private final AsyncTaskExecutor executor;

	private final int perFeed;

	private final int maxTextChars;

	private final MeterRegistry meters;

	private volatile boolean stopping;

	ArticlePages(Fetcher fetcher, ArticleExtractor extractor, AsyncTaskExecutor executor, int perFeed,
			int maxTextChars, MeterRegistry meters) {
		this.fetcher = fetcher;
		this.extractor = extractor;
		this.executor = executor;
		this.perFeed = perFeed;
		this.maxTextChars = maxTextChars;
		this.meters = meters;
	}

	/**
	 * The application is stopping: pages not in yet are left for the next start, at once (the
	 * page threads are about to be interrupted; a page cut off so is not an empty text).
	 */
	void stop() {
		this.stopping = true;
	}

	/**
	 * @param feed the feed
	 * @param items its new entries, in the order they are to be recorded
	 * @param deadline {@link System#nanoTime()} by which the pages should be in
	 * @return the texts of the first entries, in order: as many as were ready by the deadline (at
	 * least the first entry's, which is always waited for), possibly all
	 */
	List<String> texts(FeedRecord feed, List<FeedItem> items, long deadline) {
		List<Future<String>> pages = new ArrayList<>(items.size());
		Semaphore slots = new Semaphore(this.perFeed);
		int submitted = 0;
		try {
			for (FeedItem item : items) {
				if (item.link() == null && item.pdf() == null) {
					pages.add(null);
					continue;
				}
				if (!acquire(slots, (submitted == 0) ? Long.MAX_VALUE : deadline)) {
					break;
				}
				submitted++;
				try {
					pages.add(this.executor.submit(() -> {
						try {
							return text(feed, item);
						}
						finally {
							slots.release();
						}
					}));
				}
				catch (TaskRejectedException ex) {
					slots.release();
					break;
				}
			}
			return collect(feed, items, pages, deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			pages.forEach((page) -> cancel(page));
			return List.of();
		}
	}

	private List<String> collect(FeedRecord feed, List<FeedItem> items, List<Future<String>> pages, long deadline)
			throws InterruptedException {
		List<String> texts = new ArrayList<>(pages.size());
		boolean first = true;
		for (int i = 0; i < pages.size(); i++) {
			Future<String> page = pages.get(i);
			if (page == null) {
				texts.add("");
				continue;
			}
			String text = await(page, first ? Long.MAX_VALUE : deadline);
			if (text == null) {
				logger.info("Leaving entries for the next poll feed={} taken={} deferred={} reason={}", feed.id(), i,
						items.size() - i, this.stopping ? "stopping" : "feed budget spent");
				for (int j = i; j < pages.size(); j++) {
					cancel(pages.get(j));
				}
				break;
			}
			texts.add(text);
			first = false;
		}
		return texts;
	}

	/**
	 * Waits for one of the feed's page slots, in short steps so that a stop is noticed.
	 * @return whether one was taken before the deadline and the application is not stopping
	 */
	private boolean acquire(Semaphore slots, long deadline) throws InterruptedException {
		while (!this.stopping) {
			long wait = (deadline == Long.MAX_VALUE) ? STEP_NANOS : Math.min(STEP_NANOS, remaining(deadline));
			if (slots.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
				return true;
			}
			if (deadline != Long.MAX_VALUE && remaining(deadline) == 0) {
				return false;
			}
		}
		return false;
	}

	/**
	 * Waits for a page (the first one whatever the deadline: the fetch timeout bounds it), in
	 * short steps so that a stop is noticed.
	 * @return its text, or {@code null} when the deadline passed or the application is stopping
	 */
	private String await(Future<String> page, long deadline) throws InterruptedException {
		while (!this.stopping) {
			long wait = Math.min(STEP_NANOS, (deadline == Long.MAX_VALUE) ? STEP_NANOS : remaining(deadline));
			try {
				return page.get(wait, TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				if (deadline != Long.MAX_VALUE && remaining(deadline) == 0) {
					return null;
				}
			}
			catch (ExecutionException ex) {
				return (ex.getCause() instanceof Stopped) ? null : "";
			}
			catch (CancellationException ex) {
				return "";
			}
		}
		return null;
	}

	private String text(FeedRecord feed, FeedItem item) {
		String text = (item.link() != null) ? text(feed, item.link()) : "";
		// an enclosed PDF (the decision itself) when the linked page gave nothing
		return (text.isEmpty() && item.pdf() != null) ? text(feed, item.pdf()) : text;
	}

	private String text(FeedRecord feed, String url) {
		try {
			URI link = URI.create(url);
			long start = System.nanoTime();
			FetchResponse page = this.fetcher.fetch(FetchRequest.page(link));
			this.meters.timer("policywatch.fetch.latency", "kind", "page")
				.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			start = System.nanoTime();
			Article article = this.extractor.extract(page.body(), page.contentType(), page.finalUri());
			this.meters.timer("policywatch.extract.latency").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			String text = article.text();
			return (text.length() <= this.maxTextChars) ? text : text.substring(0, this.maxTextChars);
		}
		catch (FetchException ex) {
			if (this.stopping) {
				throw new Stopped();
			}
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

	/** A page fetch cut off by the application stopping. */
	private static final class Stopped extends RuntimeException {

		Stopped() {
			super("stopping", null, false, false);
		}

	}

	private static long remaining(long deadline) {
		return Math.max(0, deadline - System.nanoTime());
	}

	private static void cancel(Future<String> page) {
		if (page != null) {
			page.cancel(true);
		}
	}

}
