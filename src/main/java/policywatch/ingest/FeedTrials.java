package policywatch.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import policywatch.ingest.check.FeedChecker;
import policywatch.ingest.fetch.Fetcher;
import policywatch.ingest.fetch.LocalFiles;
import policywatch.ingest.parse.FeedItem;
import policywatch.query.Query;

/**
 * Reads one feed on demand, the way the poller does (the application's fetcher with its user
 * agent, timeouts, size caps and address guard; the same parser and matcher), without storing
 * anything or alerting anyone: the admin's {@code /testfeed}.
 */
@Component
public class FeedTrials {

	private final Fetcher fetcher;

	/**
	 * @param fetcher the fetcher feeds are read with (the application's)
	 */
	public FeedTrials(Fetcher fetcher) {
		this.fetcher = fetcher;
	}

	/**
	 * Reads the feed and matches its entries against the query. Never throws for a bad feed.
	 * @param url the feed's http(s) address
	 * @param query the query, or {@code null} for none
	 * @return the feed's entries in feed order, or a one-line error
	 */
	public Trial run(String url, Query query) {
		if (!LocalFiles.isUrl(url)) {
			return new Trial(null, List.of(), "not an http or https URL");
		}
		Map<String, Query> queries = (query != null) ? Map.of("query", query) : Map.of();
		FeedChecker.Result result = new FeedChecker(this.fetcher, queries, false).check(url);
		if (result.error() != null) {
			return new Trial(null, List.of(), result.error());
		}
		List<TrialEntry> entries = new ArrayList<>(result.entries().size());
		for (FeedChecker.Entry entry : result.entries()) {
			FeedItem item = entry.item();
			entries.add(new TrialEntry(item.title(), item.link(), item.published(), !entry.matches().isEmpty()));
		}
		return new Trial(result.feed().title(), entries, null);
	}

	/**
	 * What a trial gave.
	 *
	 * @param feedTitle the feed's title (may be empty), {@code null} on error
	 * @param entries the entries in feed order
	 * @param error a one-line reason the feed could not be read, or {@code null}
	 */
	public record Trial(String feedTitle, List<TrialEntry> entries, String error) {
	}

	/**
	 * One entry of a trial.
	 *
	 * @param title the title, may be empty
	 * @param link the link, or {@code null}
	 * @param published the date, or {@code null}
	 * @param matches whether the query matched it (its title and feed text)
	 */
	public record TrialEntry(String title, String link, Instant published, boolean matches) {
	}

}
