package policywatch.ingest.parse;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;

import policywatch.ingest.extract.Html;

/**
 * Parses RSS, RDF and Atom. Placeholder implementation.
 */
public final class FeedParser {

	/**
	 * @param body the raw bytes
	 * @param contentType the Content-Type header (for its charset), or {@code null}
	 * @param feedUri the feed address, for relative links
	 * @return the feed
	 * @throws FeedParseException when the document is not a readable feed
	 */
	public ParsedFeed parse(byte[] body, String contentType, URI feedUri) throws FeedParseException {
		try {
			SyndFeed feed = new SyndFeedInput().build(new StringReader(new String(body, StandardCharsets.UTF_8)));
			List<FeedItem> items = new ArrayList<>();
			for (SyndEntry entry : feed.getEntries()) {
				String guid = entry.getUri();
				String link = entry.getLink();
				String title = Html.titleToText(entry.getTitle());
				String description = (entry.getDescription() != null) ? Html.toText(entry.getDescription().getValue()) : "";
				Instant published = (entry.getPublishedDate() != null) ? entry.getPublishedDate().toInstant() : null;
				String key = (guid != null) ? guid : (link != null) ? link : title + "|" + published;
				items.add(new FeedItem(key, guid, link, title, description, published));
			}
			return new ParsedFeed(Html.toText(feed.getTitle()), feed.getLink(), items);
		}
		catch (Exception ex) {
			throw new FeedParseException(ex.getClass().getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

}
