package policywatch.ingest.check;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import policywatch.ingest.extract.Article;
import policywatch.ingest.extract.ArticleExtractor;
import policywatch.ingest.fetch.FetchException;
import policywatch.ingest.fetch.FetchProperties;
import policywatch.ingest.fetch.FetchRequest;
import policywatch.ingest.fetch.FetchResponse;
import policywatch.ingest.fetch.Fetcher;
import policywatch.ingest.fetch.LocalFiles;
import policywatch.ingest.parse.FeedItem;
import policywatch.ingest.parse.FeedParseException;
import policywatch.ingest.parse.FeedParser;
import policywatch.ingest.parse.ParsedFeed;
import policywatch.query.MatchDocument;
import policywatch.query.Matchers;
import policywatch.query.Query;
import policywatch.query.QueryMatch;
import policywatch.query.SubscriptionMatcher;

/**
 * Reads one feed (a URL or a file) the way the service does: fetch, parse, optionally fetch and
 * extract each entry's page, and match each entry against the queries. Never throws for bad
 * input: the result carries a one-line error instead. Used by the {@code check} command (with a
 * fetcher of its own) and by the admin's {@code /testfeed} (with the application's fetcher).
 */
public final class FeedChecker {

	private static final long MAX_FILE_BYTES = FetchProperties.defaults().maxBytes(FetchRequest.Kind.FEED);

	private final Supplier<Fetcher> fetchers;

	private Fetcher fetcher;

	private final FeedParser parser = new FeedParser();

	private final ArticleExtractor extractor;

	private final SubscriptionMatcher matcher;

	private final List<String> queryTexts;

	/**
	 * @param fetcher the fetcher to read feeds and pages with (the application's, with its user
	 * agent, timeouts, size caps and address guard)
	 * @param queries the queries to match, by their text
	 * @param fullText whether each entry's page is fetched and its article extracted
	 */
	public FeedChecker(Fetcher fetcher, Map<String, Query> queries, boolean fullText) {
		this(() -> fetcher, queries, fullText);
	}

	FeedChecker(Supplier<Fetcher> fetchers, Map<String, Query> queries, boolean fullText) {
		this.fetchers = fetchers;
		this.extractor = fullText ? new ArticleExtractor() : null;
		this.queryTexts = new ArrayList<>(queries.keySet());
		this.matcher = Matchers.create();
		for (int i = 0; i < this.queryTexts.size(); i++) {
			this.matcher.add(i, queries.get(this.queryTexts.get(i)));
		}
	}

	/**
	 * Reads one feed.
	 * @param input a http(s) URL, or a file name (only the command line passes files)
	 * @return what it gave, with a one-line error when it could not be read
	 */
	public Result check(String input) {
		try {
			Document document = LocalFiles.isUrl(input) ? fetch(input) : read(input);
			ParsedFeed feed = this.parser.parse(document.body, document.contentType, document.uri);
			List<Entry> entries = new ArrayList<>(feed.items().size());
			for (FeedItem item : feed.items()) {
				entries.add(entry(item));
			}
			return new Result(input, feed, entries, null, this.queryTexts.size());
		}
		catch (IOException | FeedParseException ex) {
			// FetchException is an IOException, like the one-line errors of LocalFiles
			return failure(input, ex.getMessage());
		}
		catch (RuntimeException | StackOverflowError ex) {
			return failure(input, "internal error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private Result failure(String input, String message) {
		return new Result(input, null, List.of(), CheckCommand.oneLine(message), this.queryTexts.size());
	}

	private Entry entry(FeedItem item) {
		String fullText = null;
		String fullTextError = null;
		if (this.extractor != null) {
			if (item.link() == null || !LocalFiles.isUrl(item.link())) {
				fullTextError = "no http(s) link";
			}
			else {
				try {
					URI uri = URI.create(item.link());
					FetchResponse page = fetcher().fetch(FetchRequest.page(uri));
					Article article = this.extractor.extract(page.body(), page.contentType(),
							(page.finalUri() != null) ? page.finalUri() : uri);
					fullText = article.text();
				}
				catch (Exception ex) {
					fullTextError = CheckCommand.oneLine(ex.getMessage());
				}
			}
		}
		List<String> matches = List.of();
		if (!this.queryTexts.isEmpty()) {
			String body = item.description() + "\n\n" + ((fullText != null) ? fullText : "");
			List<QueryMatch> found = this.matcher.match(new MatchDocument(item.title(), body));
			matches = new ArrayList<>(found.size());
			for (QueryMatch match : found) {
				matches.add(this.queryTexts.get((int) match.subscriptionId()));
			}
		}
		return new Entry(item, matches, fullText, fullTextError);
	}

	private Document fetch(String input) throws FetchException {
		URI uri;
		try {
			uri = new URI(input.strip());
		}
		catch (java.net.URISyntaxException ex) {
			throw new FetchException("not a valid URL");
		}
		FetchResponse response = fetcher().fetch(FetchRequest.feed(uri, null, null));
		return new Document(response.body(), response.contentType(),
				(response.finalUri() != null) ? response.finalUri() : uri);
	}

	private Fetcher fetcher() {
		if (this.fetcher == null) {
			this.fetcher = this.fetchers.get();
		}
		return this.fetcher;
	}

	private static Document read(String input) throws IOException {
		byte[] body = LocalFiles.read(input, MAX_FILE_BYTES);
		return new Document(body, null, LocalFiles.path(input).toAbsolutePath().toUri());
	}

	private record Document(byte[] body, String contentType, URI uri) {
	}

	/**
	 * What one input gave.
	 *
	 * @param input the URL or file name as given
	 * @param feed the parsed feed, {@code null} on error
	 * @param entries the entries with their matches
	 * @param error a one-line error, or {@code null}
	 * @param queryCount how many queries were matched
	 */
	public record Result(String input, ParsedFeed feed, List<Entry> entries, String error, int queryCount) {
	}

	/**
	 * One entry.
	 *
	 * @param item the parsed item
	 * @param matches the texts of the queries that matched
	 * @param fullText the extracted article text (with {@code --full-text}), or {@code null}
	 * @param fullTextError why the article could not be extracted, or {@code null}
	 */
	public record Entry(FeedItem item, List<String> matches, String fullText, String fullTextError) {
	}

}
