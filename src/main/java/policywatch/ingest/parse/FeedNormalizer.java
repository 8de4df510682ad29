package policywatch.ingest.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jdom2.Content;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.Text;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * Brings feed documents that Rome would reject or misread into the shape it expects: an RSS root
 * in a namespace or with an unknown or missing version, RSS without a channel, Atom in an old or
 * wrong namespace, RDF without a channel, core RSS element names in the wrong case, and markup
 * left unescaped inside RSS titles and descriptions.
 */
final class FeedNormalizer {

	static final Namespace ATOM_10 = Namespace.getNamespace("http://www.w3.org/2005/Atom");

	static final Namespace ATOM_03 = Namespace.getNamespace("http://purl.org/atom/ns#");

	static final Namespace RSS_10 = Namespace.getNamespace("http://purl.org/rss/1.0/");

	static final Namespace RSS_090 = Namespace.getNamespace("http://my.netscape.com/rdf/simple/0.9/");

	static final Namespace RDF = Namespace.getNamespace("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");

	private static final Set<String> RSS_VERSIONS = Set.of("0.91", "0.92", "0.93", "0.94", "2.0");

	private static final Map<String, String> RSS_NAMES = names("rss", "channel", "item", "title", "link",
			"description", "pubDate", "guid", "author", "category", "comments", "enclosure", "source", "language",
			"copyright", "managingEditor", "webMaster", "lastBuildDate", "generator", "docs", "ttl", "image", "url",
			"width", "height", "textInput", "name", "skipHours", "skipDays", "rating", "cloud");


	private FeedNormalizer() {
	}

	/**
	 * @return the root's kind after normalising: "rss", "atom", "rdf" or {@code null} for other documents
	 */
	static String normalize(Document document) {
		Element root = document.getRootElement();
		String name = root.getName().toLowerCase(Locale.ROOT);
		if (name.equals("rss")) {
			normalizeRss(root);
			return "rss";
		}
		if (name.equals("feed")) {
			normalizeAtom(root);
			return "atom";
		}
		if (name.equals("rdf") && root.getNamespace().getURI().equals(RDF.getURI())) {
			normalizeRdf(root);
			return "rdf";
		}
		return null;
	}

	private static void normalizeRss(Element root) {
		Namespace own = root.getNamespace();
		if (own != Namespace.NO_NAMESPACE) {
			moveNamespace(root, own, Namespace.NO_NAMESPACE);
		}
		fixCase(root);
		root.setName("rss");
		String version = root.getAttributeValue("version");
		String v = (version != null) ? version.strip() : "";
		if (!RSS_VERSIONS.contains(v) && !v.startsWith("2.0")) {
			root.setAttribute("version", "2.0");
		}
		Element channel = root.getChild("channel");
		if (channel == null) {
			channel = new Element("channel");
			List<Content> content = new ArrayList<>(root.getContent());
			root.removeContent();
			channel.addContent(content);
			root.addContent(channel);
		}
		// items outside the channel (seen in the wild) join it
		for (Element stray : new ArrayList<>(root.getChildren("item"))) {
			stray.detach();
			channel.addContent(stray);
		}
		flattenMarkup(channel);
		lastLink(channel, Namespace.NO_NAMESPACE);
		for (Element item : channel.getChildren("item")) {
			flattenMarkup(item);
			lastLink(item, Namespace.NO_NAMESPACE);
		}
	}

	/**
	 * Several {@code <link>}s in one RSS channel or item: the last one with an address wins (as in
	 * feedparser and gofeed); {@code <link href="…"/>} counts as a link.
	 */
	private static void lastLink(Element parent, Namespace ns) {
		List<Element> links = parent.getChildren("link", ns);
		if (links.isEmpty()) {
			return;
		}
		Element last = null;
		for (Element link : links) {
			String href = link.getAttributeValue("href");
			if (link.getTextTrim().isEmpty() && href != null && !href.isBlank()) {
				link.setText(href.strip());
			}
			if (!link.getTextTrim().isEmpty()) {
				last = link;
			}
		}
		if (links.size() > 1 && last != null) {
			Element keep = last;
			parent.getChildren().removeIf((child) -> child != keep && child.getName().equals("link")
					&& child.getNamespace().equals(ns));
		}
	}

	private static void normalizeAtom(Element root) {
		decodeBase64(root);
		removeEmptyLinks(root);
		flattenAtomText(root);
		Namespace own = root.getNamespace();
		if (own.getURI().equals(ATOM_10.getURI()) || own.getURI().equals(ATOM_03.getURI())) {
			root.setName("feed");
			return;
		}
		String version = root.getAttributeValue("version");
		Namespace target = ("0.3".equals(version) || "0.2".equals(version) || "0.1".equals(version)) ? ATOM_03
				: ATOM_10;
		moveNamespace(root, own, target);
		root.setName("feed");
	}

	private static void normalizeRdf(Element root) {
		Namespace rss = null;
		for (Element child : root.getChildren()) {
			String uri = child.getNamespaceURI();
			if (uri.equals(RSS_10.getURI()) || uri.equals(RSS_090.getURI())) {
				rss = child.getNamespace();
				break;
			}
		}
		Namespace defaultNs = root.getNamespace("");
		if (rss == null && defaultNs != null
				&& (defaultNs.getURI().equals(RSS_10.getURI()) || defaultNs.getURI().equals(RSS_090.getURI()))) {
			rss = defaultNs;
		}
		if (rss == null) {
			// channel and items in no or an unknown namespace: read them as RSS 1.0
			for (Element child : new ArrayList<>(root.getChildren())) {
				String local = child.getName();
				if (local.equals("channel") || local.equals("item") || local.equals("image") || local.equals("textinput")) {
					moveNamespace(child, child.getNamespace(), RSS_10);
				}
			}
			rss = RSS_10;
		}
		boolean declared = false;
		for (Namespace ns : root.getAdditionalNamespaces()) {
			declared |= ns.getURI().equals(rss.getURI());
		}
		if (!declared) {
			try {
				root.addNamespaceDeclaration(Namespace.getNamespace("rss", rss.getURI()));
			}
			catch (org.jdom2.IllegalAddException ex) {
				// already bound otherwise: Rome will not take it as RSS 1.0
			}
		}
		if (root.getChild("channel", rss) == null) {
			root.addContent(0, new Element("channel", rss));
		}
		for (Element channel : root.getChildren("channel", rss)) {
			flattenMarkup(channel);
			lastLink(channel, rss);
		}
		for (Element item : root.getChildren("item", rss)) {
			flattenMarkup(item);
			lastLink(item, rss);
		}
	}

	/** Atom text constructs of type text or html holding unescaped markup: the markup becomes their text. */
	private static void flattenAtomText(Element element) {
		for (Element child : element.getChildren()) {
			String name = child.getName();
			boolean textConstruct = name.equals("title") || name.equals("subtitle") || name.equals("summary")
					|| name.equals("content") || name.equals("rights") || name.equals("tagline");
			String type = child.getAttributeValue("type");
			if (textConstruct && !child.getChildren().isEmpty()
					&& (type == null || type.equals("html") || type.equals("text") || type.equals("text/html")
							|| type.equals("text/plain") || type.equals("application/xhtml+xml"))) {
				String markup = markup(child);
				child.removeContent();
				child.addContent(new Text(markup));
				boolean atom03 = child.getNamespaceURI().equals(ATOM_03.getURI());
				child.setAttribute("type", atom03 ? "text/html" : "html");
				if (atom03) {
					child.setAttribute("mode", "escaped");
				}
			}
			else if (name.equals("entry") || name.equals("source")) {
				flattenAtomText(child);
			}
		}
	}

	/** Links without an address (Rome fails on them). */
	private static void removeEmptyLinks(Element element) {
		element.getChildren().removeIf((child) -> child.getName().equals("link")
				&& child.getAttributeValue("href") == null && child.getTextTrim().isEmpty());
		for (Element child : element.getChildren()) {
			removeEmptyLinks(child);
		}
	}

	/**
	 * Base64 content decoded here: Atom 0.3's {@code mode="base64"} (Rome fails on some of it) and
	 * Atom 1.0 text constructs with a binary media type (Rome leaves them encoded).
	 */
	private static void decodeBase64(Element element) {
		String mode = element.getAttributeValue("mode");
		String type = element.getAttributeValue("type");
		boolean binary = type != null && type.indexOf('/') > 0 && !type.startsWith("text/") && !type.endsWith("xml")
				&& (element.getName().equals("title") || element.getName().equals("content")
						|| element.getName().equals("summary"))
				&& element.getChildren().isEmpty();
		if (binary || (mode != null && mode.strip().equalsIgnoreCase("base64"))) {
			try {
				byte[] bytes = java.util.Base64.getMimeDecoder().decode(element.getTextTrim());
				element.setText(XmlRepair.stripIllegal(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
				element.setAttribute("mode", "escaped");
				if (element.getNamespaceURI().equals(ATOM_10.getURI()) || binary) {
					element.removeAttribute("mode");
					element.setAttribute("type", "html");
				}
			}
			catch (IllegalArgumentException ex) {
				element.removeContent();
				element.removeAttribute("mode");
			}
			return;
		}
		for (Element child : element.getChildren()) {
			decodeBase64(child);
		}
	}

	/** Renames core RSS elements written in another case ({@code <TiTlE>}). */
	private static void fixCase(Element element) {
		if (element.getNamespace() == Namespace.NO_NAMESPACE) {
			String canonical = RSS_NAMES.get(element.getName().toLowerCase(Locale.ROOT));
			if (canonical != null && !canonical.equals(element.getName())) {
				element.setName(canonical);
			}
		}
		for (Element child : element.getChildren()) {
			fixCase(child);
		}
	}

	/** Title and description holding unescaped markup: the markup becomes their text. */
	private static void flattenMarkup(Element parent) {
		for (Element child : parent.getChildren()) {
			if (child.getNamespace() != Namespace.NO_NAMESPACE && !child.getNamespaceURI().equals(RSS_10.getURI())
					&& !child.getNamespaceURI().equals(RSS_090.getURI())) {
				continue;
			}
			String name = child.getName();
			if ((name.equals("title") || name.equals("description")) && !child.getChildren().isEmpty()) {
				String markup = markup(child);
				child.removeContent();
				child.addContent(new Text(markup));
			}
		}
	}

	/** The content of an element as markup, without the namespace its parent is in. */
	private static String markup(Element element) {
		Element copy = element.clone();
		for (Element child : copy.getChildren()) {
			moveNamespace(child, element.getNamespace(), Namespace.NO_NAMESPACE);
		}
		return new XMLOutputter(Format.getRawFormat().setOmitDeclaration(true)).outputElementContentString(copy);
	}

	/** Moves an element and every descendant in namespace {@code from} to namespace {@code to}. */
	private static void moveNamespace(Element element, Namespace from, Namespace to) {
		if (element.getNamespaceURI().equals(from.getURI())) {
			try {
				element.setNamespace(to);
			}
			catch (org.jdom2.IllegalAddException ex) {
				// a conflicting declaration: leave this element as it is
			}
		}
		for (Element child : element.getChildren()) {
			moveNamespace(child, from, to);
		}
	}

	private static Map<String, String> names(String... names) {
		Map<String, String> map = new java.util.HashMap<>();
		for (String name : names) {
			map.put(name.toLowerCase(Locale.ROOT), name);
		}
		return Map.copyOf(map);
	}

}
