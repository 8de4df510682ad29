package policywatch.ingest.parse;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.rometools.rome.io.impl.DateParser;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

import policywatch.ingest.decode.Dates;

/**
 * What the feed parser reads from the document itself, around Rome: entry elements, links,
 * bodies and dates in any namespace, and the {@code xml:base} chain.
 */
final class FeedElements {

	private static final String[] DATE_ELEMENTS = { "pubDate", "published", "issued", "date", "created", "updated",
			"modified" };

	private static final Set<String> DATE_NAMES = Set.of(DATE_ELEMENTS);

	private static final String[] BODY_ELEMENTS = { "encoded", "body", "fullitem", "content", "description", "summary",
			"abstract" };

	private FeedElements() {
	}

	static List<Element> entryElements(Element root) {
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
	static Element firstChild(Element parent, String name) {
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
	static String atomLink(Element parent, URI parentBase) {
		for (Element child : parent.getChildren()) {
			if (child.getName().equals("link") && child.getNamespace().equals(parent.getNamespace())) {
				String href = child.getAttributeValue("href");
				String rel = child.getAttributeValue("rel");
				if (href != null && !href.isBlank() && (rel == null || rel.isBlank() || rel.strip().equals("alternate")
						|| rel.strip().equals("http://www.iana.org/assignments/relation/alternate"))) {
					URI linkBase = parentBase;
					String own = child.getAttributeValue("base", Namespace.XML_NAMESPACE);
					if (own != null && !own.isBlank()) {
						String resolved = LinkNormalizer.resolve(parentBase, own);
						URI uri = (resolved != null) ? LinkNormalizer.toUri(resolved) : null;
						linkBase = (uri != null) ? uri : parentBase;
					}
					return LinkNormalizer.resolve(linkBase, href);
				}
			}
		}
		return null;
	}

	/**
	 * The body of an entry Rome did not find: {@code xhtml:body}, {@code fullitem}, {@code dc:description},
	 * {@code itunes:summary}, {@code media:description} and the like, as markup.
	 */
	static String bodyMarkup(Element element) {
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
	static String linkElement(Element parent) {
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
	static String childText(Element parent, String localName) {
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
	static Instant rawDate(Element element) {
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

	static void removeDates(Element element) {
		element.getChildren().removeIf((child) -> DATE_NAMES.contains(child.getName()));
	}

	/** The effective base URI of an element: the {@code xml:base} chain resolved against the feed URI. */
	static URI base(Element element, URI feedUri) {
		List<String> bases = new ArrayList<>();
		for (Element e = element; e != null; e = e.getParentElement()) {
			String value = e.getAttributeValue("base", Namespace.XML_NAMESPACE);
			if (value != null && !value.isBlank()) {
				bases.add(value.strip());
			}
		}
		URI base = feedUri;
		for (int i = bases.size() - 1; i >= 0; i--) {
			String resolved = LinkNormalizer.resolve(base, bases.get(i));
			URI next = (resolved != null) ? LinkNormalizer.toUri(resolved) : null;
			if (next != null) {
				base = next;
			}
		}
		return base;
	}

}
