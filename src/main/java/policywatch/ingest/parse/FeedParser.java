package policywatch.ingest.parse;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Date;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.impl.DateParser;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

import policywatch.ingest.extract.HtmlText;

/**
 * Parses RSS 0.9x–2.0, RDF (RSS 1.0) and Atom (with Rome) and JSON Feed 1.0/1.1. Hostile XML
 * stays harmless (see {@link SecureXml}); the encoding is resolved from BOM, HTTP charset and XML
 * declaration (see {@link XmlDecoder}); common ill-formedness is repaired (see {@link XmlRepair});
 * links are resolved against {@code xml:base} and the feed address and canonicalised
 * ({@link Links#canonical(String)}); each item gets a stable {@link FeedItem#key() key}.
 * Thread-safe.
 */
public final class FeedParser {

	/** Keys longer than this are replaced by a hash. */
	public static final int MAX_KEY_LENGTH = 512;

	private static final String[] DATE_ELEMENTS = { "pubDate", "published", "issued", "date", "created", "updated",
			"modified" };

	private static final Set<String> DATE_NAMES = Set.of(DATE_ELEMENTS);

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private static final Pattern SPACES = Pattern.compile(" {2,}");

	private static final String[] BODY_ELEMENTS = { "encoded", "body", "fullitem", "content", "description", "summary",
			"abstract" };

	/**
	 * @param body the raw bytes
	 * @param contentType the Content-Type header (for its charset), or {@code null}
	 * @param feedUri the feed address, for relative links (may be {@code null})
	 * @return the feed
	 * @throws FeedParseException when the document is not a readable feed
	 */
	public ParsedFeed parse(byte[] body, String contentType, URI feedUri) throws FeedParseException {
		try {
			return parseDocument(body, contentType, feedUri);
		}
		catch (RuntimeException ex) {
			throw new FeedParseException("unreadable feed: " + oneLine(ex.getClass().getSimpleName() + ": " + ex.getMessage()), ex);
		}
		catch (StackOverflowError ex) {
			throw new FeedParseException("unreadable feed: nested too deeply", null);
		}
	}

	private ParsedFeed parseDocument(byte[] body, String contentType, URI feedUri) throws FeedParseException {
		if (body == null || body.length == 0) {
			throw new FeedParseException("empty document", null);
		}
		if (JsonFeedParser.looksLikeJson(body)) {
			return JsonFeedParser.parse(new String(body, StandardCharsets.UTF_8).replace("\uFEFF", ""), feedUri);
		}
		String text = XmlRepair.repair(XmlDecoder.decode(body, contentType));
		if (text.isBlank()) {
			throw new FeedParseException("empty document", null);
		}
		Document document = null;
		String strictError;
		try {
			document = SecureXml.parse(text);
			strictError = null;
		}
		catch (JDOMException ex) {
			strictError = oneLine(rootMessage(ex));
		}
		catch (IOException | RuntimeException ex) {
			strictError = oneLine(rootMessage(ex));
		}
		if (document == null) {
			if (strictError.contains("JAXP00010001") || strictError.contains("JAXP00010003")
					|| strictError.contains("JAXP00010004")) {
				throw new FeedParseException("entity expansion limit exceeded (refused)", null);
			}
			document = LenientXml.parse(text);
			if (document == null) {
				throw new FeedParseException("not well-formed XML: " + strictError, null);
			}
		}
		return fromDocument(document, feedUri);
	}

	private ParsedFeed fromDocument(Document document, URI feedUri) throws FeedParseException {
		Element root = document.getRootElement();
		if (FeedNormalizer.normalize(document) == null) {
			throw new FeedParseException("not an RSS, Atom or JSON feed (root element <" + root.getName() + ">)", null);
		}
		root = document.getRootElement();
		// Dates are read here, and their elements removed before Rome sees them: Rome's date
		// parsing (a SimpleDateFormat per mask per date) costs more than all the rest of a feed.
		List<Element> elements = entryElements(root);
		List<Instant> dates = new ArrayList<>(elements.size());
		for (Element element : elements) {
			dates.add(rawDate(element));
			removeDates(element);
		}
		boolean atom = root.getName().equals("feed");
		Element channel = atom ? root : firstChild(root, "channel");
		if (channel != null) {
			removeDates(channel);
		}
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
			throw new FeedParseException("unreadable feed: " + oneLine(rootMessage(ex)), ex);
		}
		URI feedBase = base(root, feedUri);
		List<SyndEntry> entries = feed.getEntries();
		if (elements.size() != entries.size()) {
			elements = null;
		}
		List<FeedItem> items = new ArrayList<>(entries.size());
		boolean rdf = feed.getFeedType() != null && feed.getFeedType().startsWith("rss_1.0");
		for (int i = 0; i < entries.size(); i++) {
			Element element = (elements != null) ? elements.get(i) : null;
			items.add(toItem(entries.get(i), rdf, atom, element,
					(element != null) ? base(element, feedUri) : feedBase, (element != null) ? dates.get(i) : null));
		}
		String link = atom ? atomLink(root, feedBase) : null;
		if (link == null) {
			link = feed.getLink();
		}
		if (link == null && feed.getLinks() != null) {
			link = alternate(feed.getLinks());
		}
		if (link == null && channel != null) {
			link = linkElement(channel);
		}
		String title = titleText(feed.getTitleEx(), feed.getTitle());
		if (title.isEmpty()) {
			title = (channel != null) ? plainTitle(childText(channel, "title")) : "";
		}
		return new ParsedFeed(title, Links.canonical(Links.resolve(feedBase, link)), List.copyOf(items));
	}

	private FeedItem toItem(SyndEntry entry, boolean rdf, boolean atom, Element element, URI base, Instant date) {
		String guid = guid(entry, rdf);
		String link = (atom && element != null) ? atomLink(element, base) : null;
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
			link = linkElement(element);
		}
		link = Links.canonical(Links.resolve(base, link));
		String title = titleText(entry.getTitleEx(), entry.getTitle());
		if (title.isEmpty() && element != null) {
			title = plainTitle(childText(element, "title"));
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
			description = htmlToText(bodyMarkup(element));
		}
		Instant published = date;
		if (published == null) {
			published = (entry.getPublishedDate() != null) ? entry.getPublishedDate().toInstant()
					: (entry.getUpdatedDate() != null) ? entry.getUpdatedDate().toInstant() : null;
		}
		return item(guid, link, title, description, published).withPdf(pdfEnclosure(entry, base));
	}

	/** @return the first enclosure that is a PDF (by its type, else its name), resolved; or {@code null} */
	private static String pdfEnclosure(SyndEntry entry, URI base) {
		for (SyndEnclosure enclosure : entry.getEnclosures()) {
			String url = enclosure.getUrl();
			String type = (enclosure.getType() != null) ? enclosure.getType().toLowerCase(Locale.ROOT) : "";
			String path = (url != null) ? url.split("[?#]", 2)[0].toLowerCase(Locale.ROOT) : "";
			if (url != null && (type.contains("pdf") || type.isEmpty() && path.endsWith(".pdf"))) {
				return Links.canonical(Links.resolve(base, url.strip()));
			}
		}
		return null;
	}

	static FeedItem item(String guid, String link, String title, String description, Instant published) {
		String cleanGuid = (guid != null && !guid.isBlank()) ? guid.strip() : null;
		return new FeedItem(key(cleanGuid, link, title, description, published), cleanGuid, link, title, description,
				published);
	}

	/**
	 * The identity of an item: the guid, else the canonical link, else a hash of title and date
	 * (and description, when both are missing); at most {@link #MAX_KEY_LENGTH} characters.
	 */
	static String key(String guid, String link, String title, String description, Instant published) {
		String key;
		if (guid != null) {
			key = guid;
		}
		else if (link != null) {
			key = link;
		}
		else {
			String basis = title + "\n" + published;
			if ((title == null || title.isEmpty()) && published == null) {
				basis = basis + "\n" + description;
			}
			return "sha256:" + sha256(basis);
		}
		return (key.length() > MAX_KEY_LENGTH) ? "sha256:" + sha256(key) : key;
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
			return plainTitle(fallback);
		}
		String type = (content.getType() != null) ? content.getType().toLowerCase(Locale.ROOT) : "";
		if (type.equals("text") || type.equals("text/plain")) {
			return collapse(content.getValue());
		}
		if (type.equals("html") || type.equals("xhtml") || type.equals("text/html")
				|| type.equals("application/xhtml+xml")) {
			return htmlToText(content.getValue());
		}
		return plainTitle(content.getValue());
	}

	/**
	 * A title of unknown type through {@link HtmlText#titleToText(String)}, or as HTML when it holds
	 * real HTML elements; no-break spaces as plain spaces.
	 */
	static String plainTitle(String title) {
		if (title == null) {
			return "";
		}
		String text = HtmlNames.containsHtmlElement(title) ? HtmlText.toText(title) : HtmlText.titleToText(title);
		return (text.indexOf('\u00a0') >= 0 || text.indexOf('\n') >= 0) ? collapse(text) : text;
	}

	private static String text(SyndContent content, String fallback) {
		if (content == null || content.getValue() == null) {
			return htmlToText(fallback);
		}
		String type = (content.getType() != null) ? content.getType().toLowerCase(Locale.ROOT) : "";
		if (type.equals("text") || type.equals("text/plain")) {
			return collapse(content.getValue());
		}
		return htmlToText(content.getValue());
	}

	/** Plain text of an HTML fragment, with no-break spaces as plain spaces. */
	static String htmlToText(String html) {
		String text = HtmlText.toText(html);
		return (text.indexOf('\u00a0') >= 0) ? SPACES.matcher(text.replace('\u00a0', ' ')).replaceAll(" ").strip() : text;
	}

	/** Whitespace (no-break spaces included) collapsed to single spaces, ends stripped. */
	static String collapse(String text) {
		return (text == null) ? "" : WHITESPACE.matcher(text.replace('\u00a0', ' ').strip()).replaceAll(" ");
	}

	private static List<Element> entryElements(Element root) {
		String name = root.getName();
		if (name.equals("feed")) {
			return children(root, "entry");
		}
		if (name.equals("rss")) {
			Element channel = firstChild(root, "channel");
			return (channel != null) ? children(channel, "item") : List.of();
		}
		return children(root, "item");
	}

	/** The first child with this local name, in any namespace, or {@code null}. */
	private static Element firstChild(Element parent, String name) {
		for (Element child : parent.getChildren()) {
			if (child.getName().equals(name)) {
				return child;
			}
		}
		return null;
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> result = new ArrayList<>();
		for (Element child : parent.getChildren()) {
			if (child.getName().equals(name)) {
				result.add(child);
			}
		}
		return result;
	}

	/**
	 * The alternate link of an Atom feed or entry, resolved against its own {@code xml:base} chain
	 * (Rome resolves some relative links against the self link instead).
	 */
	private static String atomLink(Element parent, URI parentBase) {
		for (Element child : parent.getChildren()) {
			if (child.getName().equals("link") && child.getNamespace().equals(parent.getNamespace())) {
				String href = child.getAttributeValue("href");
				String rel = child.getAttributeValue("rel");
				if (href != null && !href.isBlank() && (rel == null || rel.isBlank() || rel.strip().equals("alternate")
						|| rel.strip().equals("http://www.iana.org/assignments/relation/alternate"))) {
					URI linkBase = parentBase;
					String own = child.getAttributeValue("base", Namespace.XML_NAMESPACE);
					if (own != null && !own.isBlank()) {
						String resolved = Links.resolve(parentBase, own);
						URI uri = (resolved != null) ? Links.toUri(resolved) : null;
						linkBase = (uri != null) ? uri : parentBase;
					}
					return Links.resolve(linkBase, href);
				}
			}
		}
		return null;
	}

	/**
	 * The body of an entry Rome did not find: {@code xhtml:body}, {@code fullitem}, {@code dc:description},
	 * {@code itunes:summary}, {@code media:description} and the like, as markup.
	 */
	private static String bodyMarkup(Element element) {
		for (String name : BODY_ELEMENTS) {
			for (Element child : element.getChildren()) {
				if (child.getName().equals(name)) {
					String markup = child.getChildren().isEmpty() ? child.getText()
							: new XMLOutputter(Format.getRawFormat().setOmitDeclaration(true)).outputElementContentString(child);
					if (!markup.isBlank()) {
						return markup;
					}
				}
			}
		}
		return childText(element, "description");
	}

	/** An alternate link element in any namespace ({@code atom:link} inside RSS). */
	private static String linkElement(Element parent) {
		for (Element child : parent.getChildren()) {
			if (child.getName().equals("link")) {
				String href = child.getAttributeValue("href");
				String rel = child.getAttributeValue("rel");
				if (href != null && !href.isBlank() && (rel == null || rel.equals("alternate"))) {
					return href;
				}
			}
		}
		return null;
	}

	/** The text of the first child with this local name, in any namespace (dc:title, media:title, …). */
	private static String childText(Element parent, String localName) {
		for (Element child : parent.getChildren()) {
			if (child.getName().equals(localName)) {
				String text = child.getTextNormalize();
				if (!text.isEmpty()) {
					return text;
				}
			}
		}
		for (Element child : parent.getChildren()) {
			if (child.getName().equals("group") || child.getName().equals("content")) {
				for (Element grandchild : child.getChildren()) {
					if (grandchild.getName().equals(localName) && !grandchild.getTextNormalize().isEmpty()) {
						return grandchild.getTextNormalize();
					}
				}
			}
		}
		return null;
	}

	/** The entry's publication date, else its update date, from its date elements in any namespace. */
	private static Instant rawDate(Element element) {
		for (String name : DATE_ELEMENTS) {
			for (Element child : element.getChildren()) {
				if (child.getName().equals(name)) {
					String text = child.getTextNormalize();
					Instant parsed = Dates.parse(text);
					if (parsed == null && !text.isEmpty() && text.length() < 100) {
						Date rome = DateParser.parseDate(text, Locale.US);
						parsed = (rome != null) ? rome.toInstant() : null;
					}
					if (parsed != null) {
						return parsed;
					}
				}
			}
		}
		return null;
	}

	private static void removeDates(Element element) {
		element.getChildren().removeIf((child) -> DATE_NAMES.contains(child.getName()));
	}

	/** The effective base URI of an element: the {@code xml:base} chain resolved against the feed URI. */
	private static URI base(Element element, URI feedUri) {
		List<String> bases = new ArrayList<>();
		for (Element e = element; e != null; e = e.getParentElement()) {
			String value = e.getAttributeValue("base", Namespace.XML_NAMESPACE);
			if (value != null && !value.isBlank()) {
				bases.add(value.strip());
			}
		}
		URI base = feedUri;
		for (int i = bases.size() - 1; i >= 0; i--) {
			String resolved = Links.resolve(base, bases.get(i));
			URI next = (resolved != null) ? Links.toUri(resolved) : null;
			if (next != null) {
				base = next;
			}
		}
		return base;
	}

	private static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	static String oneLine(String text) {
		String line = (text != null) ? WHITESPACE.matcher(text).replaceAll(" ").strip() : "";
		return (line.length() > 200) ? line.substring(0, 200) + "…" : line;
	}

}
