package policywatch.ingest.parse;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import org.jdom2.Content;
import org.jdom2.Document;
import org.jdom2.Element;

/**
 * Turns an RSS, RDF or Atom document into a {@link ParsedFeed} with Rome, reading from the
 * document itself what Rome misses or misreads (dates, links against {@code xml:base}, bodies in
 * other namespaces).
 */
final class RomeFeedReader {

	/** Entries read per feed at most, in document order. */
	static final int MAX_ITEMS = 25_000;

	private RomeFeedReader() {
	}

	static ParsedFeed read(Document document, URI feedUri, ParseDeadline deadline) throws FeedParseException {
		Element root = document.getRootElement();
		if (FeedNormalizer.normalize(document) == null) {
			throw new FeedParseException("not an RSS, Atom or JSON feed (root element <" + root.getName() + ">)", null);
		}
		root = document.getRootElement();
		// Dates are read here, and their elements removed before Rome sees them: Rome's date
		// parsing (a SimpleDateFormat per mask per date) costs more than all the rest of a feed.
		List<Element> elements = FeedElements.entryElements(root);
		if (elements.size() > MAX_ITEMS) {
			// the first ones (feeds list newest first); the rest would only cost time on every poll
			dropAfter(elements, MAX_ITEMS);
			elements = elements.subList(0, MAX_ITEMS);
		}
		List<Instant> dates = new ArrayList<>(elements.size());
		for (Element element : elements) {
			dates.add(FeedElements.rawDate(element));
			FeedElements.removeDates(element);
		}
		boolean atom = root.getName().equals("feed");
		Element channel = atom ? root : FeedElements.firstChild(root, "channel");
		if (channel != null) {
			FeedElements.removeDates(channel);
		}
		deadline.check();
		SyndFeed feed;
		try {
			SyndFeedInput input = new SyndFeedInput();
			input.setPreserveWireFeed(true);
			feed = input.build(document);
		}
		catch (IllegalArgumentException ex) {
			throw new FeedParseException("not an RSS, Atom or JSON feed (root element <" + root.getName() + ">)", ex);
		}
		catch (FeedException | RuntimeException ex) {
			throw new FeedParseException("unreadable feed: " + FeedText.oneLine(FeedText.rootMessage(ex)), ex);
		}
		URI feedBase = FeedElements.base(root, feedUri);
		List<SyndEntry> entries = feed.getEntries();
		if (elements.size() != entries.size()) {
			elements = null;
		}
		List<FeedItem> items = new ArrayList<>(entries.size());
		boolean rdf = feed.getFeedType() != null && feed.getFeedType().startsWith("rss_1.0");
		for (int i = 0; i < entries.size(); i++) {
			deadline.check();
			Element element = (elements != null) ? elements.get(i) : null;
			items.add(toItem(entries.get(i), rdf, atom, element,
					(element != null) ? FeedElements.base(element, feedUri) : feedBase,
					(element != null) ? dates.get(i) : null));
		}
		String link = atom ? FeedElements.atomLink(root, feedBase) : null;
		if (link == null) {
			link = feed.getLink();
		}
		if (link == null && feed.getLinks() != null) {
			link = alternate(feed.getLinks());
		}
		if (link == null && channel != null) {
			link = FeedElements.linkElement(channel);
		}
		String title = titleText(feed.getTitleEx(), feed.getTitle());
		if (title.isEmpty()) {
			title = (channel != null) ? FeedText.plainTitle(FeedElements.childText(channel, "title")) : "";
		}
		return new ParsedFeed(title, LinkNormalizer.canonical(LinkNormalizer.resolve(feedBase, link)), List.copyOf(items));
	}

	/**
	 * Removes the entry elements after the first {@code keep} from their parent, from the end of
	 * its content (removing each by search would cost the square of their number).
	 */
	private static void dropAfter(List<Element> elements, int keep) {
		Set<Element> drop = Collections.newSetFromMap(new IdentityHashMap<>());
		drop.addAll(elements.subList(keep, elements.size()));
		Element parent = elements.get(0).getParentElement();
		List<Content> content = parent.getContent();
		for (int i = content.size() - 1; i >= 0 && !drop.isEmpty(); i--) {
			if (content.get(i) instanceof Element element && drop.remove(element)) {
				content.remove(i);
			}
		}
	}

	private static FeedItem toItem(SyndEntry entry, boolean rdf, boolean atom, Element element, URI base, Instant date) {
		String guid = guid(entry, rdf);
		String link = (atom && element != null) ? FeedElements.atomLink(element, base) : null;
		if (link == null) {
			link = entry.getLink();
		}
		if (link == null && entry.getLinks() != null) {
			link = alternate(entry.getLinks());
		}
		if (link == null && guid != null && guid.regionMatches(true, 0, "http", 0, 4)
				&& entry.getWireEntry() instanceof Item item && item.getGuid() != null
				&& item.getGuid().isPermaLink()) {
			link = guid;
		}
		if (link == null && element != null) {
			link = FeedElements.linkElement(element);
		}
		link = LinkNormalizer.canonical(LinkNormalizer.resolve(base, link));
		String title = titleText(entry.getTitleEx(), entry.getTitle());
		if (title.isEmpty() && element != null) {
			title = FeedText.plainTitle(FeedElements.childText(element, "title"));
		}
		String description = "";
		if (entry.getContents() != null) {
			StringBuilder contents = new StringBuilder();
			for (SyndContent content : entry.getContents()) {
				String value = text(content, null);
				if (!value.isEmpty()) {
					if (contents.length() > 0) {
						contents.append("\n\n");
					}
					contents.append(value);
				}
			}
			description = contents.toString();
		}
		if (description.isEmpty()) {
			description = text(entry.getDescription(), null);
		}
		if (description.isEmpty() && element != null) {
			description = FeedText.htmlToText(FeedElements.bodyMarkup(element));
		}
		Instant published = date;
		if (published == null) {
			published = (entry.getPublishedDate() != null) ? entry.getPublishedDate().toInstant()
					: (entry.getUpdatedDate() != null) ? entry.getUpdatedDate().toInstant() : null;
		}
		return ItemKeys.item(guid, link, title, description, published).withPdf(pdfEnclosure(entry, base));
	}

	/** @return the first enclosure that is a PDF (by its type, else its name), resolved; or {@code null} */
	private static String pdfEnclosure(SyndEntry entry, URI base) {
		for (SyndEnclosure enclosure : entry.getEnclosures()) {
			String url = enclosure.getUrl();
			String type = (enclosure.getType() != null) ? enclosure.getType().toLowerCase(Locale.ROOT) : "";
			String path = "";
			if (url != null) {
				int end = url.length();
				int query = url.indexOf('?');
				int fragment = url.indexOf('#');
				end = (query >= 0) ? Math.min(end, query) : end;
				end = (fragment >= 0) ? Math.min(end, fragment) : end;
				path = url.substring(0, end).toLowerCase(Locale.ROOT);
			}
			if (url != null && (type.contains("pdf") || type.isEmpty() && path.endsWith(".pdf"))) {
				return LinkNormalizer.canonical(LinkNormalizer.resolve(base, url.strip()));
			}
		}
		return null;
	}

	private static String guid(SyndEntry entry, boolean rdf) {
		Object wire = entry.getWireEntry();
		String guid = null;
		if (wire instanceof Item item) {
			guid = (item.getGuid() != null) ? item.getGuid().getValue() : null;
			if ((guid == null || guid.isBlank()) && rdf) {
				guid = item.getUri(); // rdf:about
			}
		}
		else if (wire instanceof Entry atom) {
			guid = atom.getId();
		}
		return (guid == null || guid.isBlank()) ? null : guid.strip();
	}

	private static String alternate(List<SyndLink> links) {
		for (SyndLink candidate : links) {
			String rel = candidate.getRel();
			if ((rel == null || rel.equals("alternate")) && candidate.getHref() != null) {
				return candidate.getHref();
			}
		}
		return null;
	}

	/**
	 * A title. Atom says what its title is: text stays as written, html and xhtml become their
	 * text. An RSS title may be either: when it holds real HTML elements it is read as HTML,
	 * otherwise inline markup is removed but text that only looks like a tag ({@code "<update>"},
	 * after entity decoding) is kept.
	 */
	private static String titleText(SyndContent content, String fallback) {
		if (content == null || content.getValue() == null) {
			return FeedText.plainTitle(fallback);
		}
		String type = (content.getType() != null) ? content.getType().toLowerCase(Locale.ROOT) : "";
		String value = FeedText.titleInput(content.getValue());
		if (type.equals("text") || type.equals("text/plain")) {
			return FeedText.titleOutput(FeedText.collapse(value));
		}
		if (type.equals("html") || type.equals("xhtml") || type.equals("text/html")
				|| type.equals("application/xhtml+xml")) {
			return FeedText.titleOutput(FeedText.htmlToText(value));
		}
		return FeedText.plainTitle(value);
	}

	private static String text(SyndContent content, String fallback) {
		if (content == null || content.getValue() == null) {
			return FeedText.htmlToText(fallback);
		}
		String type = (content.getType() != null) ? content.getType().toLowerCase(Locale.ROOT) : "";
		if (type.equals("text") || type.equals("text/plain")) {
			return FeedText.collapse(content.getValue());
		}
		return FeedText.htmlToText(content.getValue());
	}

}
