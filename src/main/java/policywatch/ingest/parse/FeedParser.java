package policywatch.ingest.parse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Parses RSS 0.9x–2.0, RDF (RSS 1.0) and Atom (with Rome, see {@link RomeFeedReader}) and JSON
 * Feed 1.0/1.1 ({@link JsonFeedParser}). Hostile XML stays harmless and ill-formed XML is
 * repaired (see {@link FeedXml}); links are resolved against {@code xml:base} and the feed
 * address and canonicalised ({@link LinkNormalizer#canonical(String)}); each item gets a stable
 * {@link FeedItem#key() key} ({@link ItemKeys}). A parse that takes longer than its budget fails
 * with a clear error. Thread-safe.
 */
public final class FeedParser {

	/** Keys longer than this are replaced by a hash. */
	public static final int MAX_KEY_LENGTH = ItemKeys.MAX_KEY_LENGTH;

	/** The time one parse may take unless told otherwise. */
	public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(10);

	private final Duration budget;

	/** A parser with the {@linkplain #DEFAULT_BUDGET default budget}. */
	public FeedParser() {
		this(DEFAULT_BUDGET);
	}

	/**
	 * @param budget the time one parse may take
	 */
	public FeedParser(Duration budget) {
		if (budget == null || budget.isNegative() || budget.isZero()) {
			throw new IllegalArgumentException("the parse budget must be positive");
		}
		this.budget = budget;
	}

	/**
	 * @param body the raw bytes
	 * @param contentType the Content-Type header (for its charset), or {@code null}
	 * @param feedUri the feed address, for relative links (may be {@code null})
	 * @return the feed
	 * @throws FeedParseException when the document is not a readable feed, or reading it took
	 * longer than the budget
	 */
	public ParsedFeed parse(byte[] body, String contentType, URI feedUri) throws FeedParseException {
		ParseDeadline deadline = ParseDeadline.after(this.budget);
		try {
			if (body == null || body.length == 0) {
				throw new FeedParseException("empty document", null);
			}
			if (JsonFeedParser.looksLikeJson(body)) {
				return JsonFeedParser.parse(new String(body, StandardCharsets.UTF_8).replace("\uFEFF", ""), feedUri,
						deadline);
			}
			return RomeFeedReader.read(FeedXml.read(body, contentType, deadline), feedUri, deadline);
		}
		catch (RuntimeException ex) {
			throw new FeedParseException(
					"unreadable feed: " + FeedText.oneLine(ex.getClass().getSimpleName() + ": " + ex.getMessage()), ex);
		}
		catch (StackOverflowError ex) {
			throw new FeedParseException("unreadable feed: nested too deeply", null);
		}
	}

}
