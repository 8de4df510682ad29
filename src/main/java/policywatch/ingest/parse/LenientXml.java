package policywatch.ingest.parse;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.jdom2.Attribute;
import org.jdom2.CDATA;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.IllegalDataException;
import org.jdom2.IllegalNameException;
import org.jdom2.Namespace;
import org.jdom2.Text;
import org.jdom2.Verifier;

/**
 * A forgiving XML reader for feeds the strict parser rejects: it builds a document from whatever
 * is there. Unclosed and mismatched elements are closed where it makes sense, a truncated
 * document ends where the text ends, attributes may be unquoted, undeclared prefixes get a
 * namespace, and a {@code <} that does not open a tag is text. DOCTYPEs are skipped, so no entity
 * is ever defined, let alone fetched.
 */
final class LenientXml {

	/** Namespaces commonly used in feeds without being declared. */
	private static final Map<String, String> KNOWN_PREFIXES = Map.ofEntries(
			Map.entry("dc", "http://purl.org/dc/elements/1.1/"),
			Map.entry("dcterms", "http://purl.org/dc/terms/"),
			Map.entry("content", "http://purl.org/rss/1.0/modules/content/"),
			Map.entry("atom", "http://www.w3.org/2005/Atom"),
			Map.entry("itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd"),
			Map.entry("media", "http://search.yahoo.com/mrss/"),
			Map.entry("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
			Map.entry("slash", "http://purl.org/rss/1.0/modules/slash/"),
			Map.entry("wfw", "http://wellformedweb.org/CommentAPI/"),
			Map.entry("sy", "http://purl.org/rss/1.0/modules/syndication/"),
			Map.entry("georss", "http://www.georss.org/georss"),
			Map.entry("feedburner", "http://rssnamespace.org/feedburner/ext/1.0"),
			Map.entry("xhtml", "http://www.w3.org/1999/xhtml"));

	/** Feed fields that hold only text: one cannot open inside another. */
	private static final java.util.Set<String> FIELDS = java.util.Set.of("title", "link", "guid", "pubDate", "id",
			"updated", "published", "comments", "category");

	/**
	 * Elements nest at most this deep; deeper ones are kept but closed at once (feeds nest a few
	 * levels; each element added costs a walk up its ancestors).
	 */
	static final int MAX_DEPTH = 100;

	/** Attributes kept per element at most (JDOM checks each new one against all the others). */
	static final int MAX_ATTRIBUTES = 256;

	private final String s;

	private final int n;

	private int pos;

	/** How many open elements have each local name, so an end tag that closes nothing costs nothing. */
	private final Map<String, Integer> openNames = new HashMap<>();

	private LenientXml(String text) {
		this.s = text;
		this.n = text.length();
	}

	/**
	 * @return the document, or {@code null} when the text holds no element at all
	 */
	static Document parse(String text, ParseDeadline deadline) throws FeedParseException {
		return new LenientXml(text).read(deadline);
	}

	private Document read(ParseDeadline deadline) throws FeedParseException {
		Element root = null;
		Deque<Element> open = new ArrayDeque<>();
		Deque<Map<String, String>> scopes = new ArrayDeque<>();
		scopes.push(Map.of("xml", Namespace.XML_NAMESPACE.getURI()));
		int steps = 0;
		// text is added in one piece up to the next real construct, however many '<' that open
		// nothing it holds (one node per stray '<' would make a hostile document slow to build)
		int textFrom = this.pos;
		while (this.pos < this.n) {
			if ((++steps & 0xfff) == 0) {
				deadline.check();
			}
			int lt = this.s.indexOf('<', this.pos);
			if (lt < 0) {
				this.pos = this.n;
				break;
			}
			this.pos = lt;
			if (this.s.startsWith("<!--", lt)) {
				addText(open, textFrom, lt);
				this.pos = after("-->", lt + 4);
			}
			else if (this.s.startsWith("<![CDATA[", lt)) {
				addText(open, textFrom, lt);
				int end = this.s.indexOf("]]>", lt + 9);
				int stop = (end < 0) ? this.n : end;
				addText(open, this.s.substring(lt + 9, stop), true);
				this.pos = (end < 0) ? this.n : end + 3;
			}
			else if (this.s.startsWith("<!", lt)) {
				addText(open, textFrom, lt);
				this.pos = skipDeclaration(lt);
			}
			else if (this.s.startsWith("<?", lt)) {
				addText(open, textFrom, lt);
				this.pos = after("?>", lt + 2);
			}
			else if (this.s.startsWith("</", lt)) {
				addText(open, textFrom, lt);
				int end = this.s.indexOf('>', lt);
				String name = this.s.substring(lt + 2, (end < 0) ? this.n : end).strip();
				this.pos = (end < 0) ? this.n : end + 1;
				closeElement(open, scopes, name);
			}
			else {
				Opened opened = openElement(scopes);
				if (opened == null) {
					// a '<' that opens nothing is text
					this.pos = lt + 1;
					continue;
				}
				addText(open, textFrom, lt);
				Element element = opened.element;
				closeImplied(open, scopes, element.getName());
				Element parent = open.peek();
				if (!opened.selfClosing && open.size() < MAX_DEPTH) {
					push(open, scopes, element, opened.scope);
				}
				if (parent == null && root == null) {
					root = element;
				}
				else if (parent != null) {
					parent.addContent(element);
				}
				else {
					// a second top-level element: keep it inside the root rather than lose it
					root.addContent(element);
				}
			}
			textFrom = this.pos;
		}
		addText(open, textFrom, this.n);
		if (root == null) {
			return null;
		}
		return new Document(root);
	}

	private Opened openElement(Deque<Map<String, String>> scopes) {
		int i = this.pos + 1;
		int nameStart = i;
		while (i < this.n && !Character.isWhitespace(this.s.charAt(i)) && this.s.charAt(i) != '>'
				&& this.s.charAt(i) != '/' && this.s.charAt(i) != '<') {
			i++;
		}
		String qname = this.s.substring(nameStart, i);
		if (qname.isEmpty() || Verifier.checkXMLName(qname) != null) {
			return null;
		}
		Map<String, String> rawAttributes = new java.util.LinkedHashMap<>();
		boolean selfClosing = false;
		while (i < this.n) {
			char c = this.s.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
				continue;
			}
			if (c == '>') {
				i++;
				break;
			}
			if (c == '/') {
				if (i + 1 < this.n && this.s.charAt(i + 1) == '>') {
					selfClosing = true;
					i += 2;
					break;
				}
				i++;
				continue;
			}
			if (c == '<') {
				break; // an unterminated tag: the next tag starts here
			}
			int attrStart = i;
			while (i < this.n && !Character.isWhitespace(this.s.charAt(i)) && "=>/<".indexOf(this.s.charAt(i)) < 0) {
				i++;
			}
			String attrName = this.s.substring(attrStart, i);
			while (i < this.n && Character.isWhitespace(this.s.charAt(i))) {
				i++;
			}
			String value = attrName;
			if (i < this.n && this.s.charAt(i) == '=') {
				i++;
				while (i < this.n && Character.isWhitespace(this.s.charAt(i))) {
					i++;
				}
				if (i < this.n && (this.s.charAt(i) == '"' || this.s.charAt(i) == '\'')) {
					char quote = this.s.charAt(i);
					int end = this.s.indexOf(quote, i + 1);
					int stop = (end < 0) ? this.n : end;
					value = this.s.substring(i + 1, stop);
					i = (end < 0) ? this.n : end + 1;
				}
				else {
					int valueStart = i;
					while (i < this.n && !Character.isWhitespace(this.s.charAt(i)) && this.s.charAt(i) != '>') {
						i++;
					}
					value = this.s.substring(valueStart, i);
				}
			}
			if (!attrName.isEmpty() && !rawAttributes.containsKey(attrName) && rawAttributes.size() < MAX_ATTRIBUTES) {
				rawAttributes.put(attrName, decode(value));
			}
		}
		this.pos = i;
		Map<String, String> scope = new HashMap<>(scopes.peek());
		for (Map.Entry<String, String> attribute : rawAttributes.entrySet()) {
			String name = attribute.getKey();
			if (name.equals("xmlns")) {
				scope.put("", attribute.getValue().strip());
			}
			else if (name.startsWith("xmlns:")) {
				scope.put(name.substring(6), attribute.getValue().strip());
			}
		}
		Element element;
		try {
			element = new Element(localName(qname), namespace(prefix(qname), scope));
		}
		catch (IllegalNameException ex) {
			return null;
		}
		for (Map.Entry<String, String> entry : scope.entrySet()) {
			if (!entry.getKey().isEmpty() && !entry.getKey().equals("xml")) {
				try {
					element.addNamespaceDeclaration(Namespace.getNamespace(entry.getKey(), entry.getValue()));
				}
				catch (IllegalNameException ex) {
					// skip
				}
			}
		}
		for (Map.Entry<String, String> attribute : rawAttributes.entrySet()) {
			String name = attribute.getKey();
			if (name.equals("xmlns") || name.startsWith("xmlns:")) {
				continue;
			}
			try {
				String prefix = prefix(name);
				Namespace ns = prefix.isEmpty() ? Namespace.NO_NAMESPACE : namespace(prefix, scope);
				if (element.getAttribute(localName(name), ns) == null) {
					element.setAttribute(new Attribute(localName(name), attribute.getValue(), ns));
				}
			}
			catch (IllegalNameException | IllegalDataException ex) {
				// an attribute JDOM cannot hold is dropped
			}
		}
		return new Opened(element, scope, selfClosing);
	}

	/**
	 * A new element that cannot sit where it would land closes what is open: an item or entry
	 * closes the open item or entry; a feed field closes an open field ({@code <title>One<link>}).
	 */
	private void closeImplied(Deque<Element> open, Deque<Map<String, String>> scopes, String name) {
		if ((name.equals("item") || name.equals("entry")) && this.openNames.containsKey(name)) {
			int depth = 0;
			for (Element element : open) {
				depth++;
				if (element.getName().equals(name)) {
					for (int k = 0; k < depth; k++) {
						pop(open, scopes);
					}
					return;
				}
			}
		}
		else if (FIELDS.contains(name) && !open.isEmpty() && FIELDS.contains(open.peek().getName())) {
			pop(open, scopes);
		}
	}

	private void push(Deque<Element> open, Deque<Map<String, String>> scopes, Element element,
			Map<String, String> scope) {
		open.push(element);
		scopes.push(scope);
		this.openNames.merge(element.getName(), 1, Integer::sum);
	}

	private void pop(Deque<Element> open, Deque<Map<String, String>> scopes) {
		Element element = open.pop();
		scopes.pop();
		this.openNames.computeIfPresent(element.getName(), (name, count) -> (count > 1) ? count - 1 : null);
	}

	private record Opened(Element element, Map<String, String> scope, boolean selfClosing) {
	}

	private void closeElement(Deque<Element> open, Deque<Map<String, String>> scopes, String qname) {
		String local = localName(qname);
		if (!this.openNames.containsKey(local)) {
			return; // an end tag that closes nothing open: ignored
		}
		int depth = 0;
		for (Element element : open) {
			depth++;
			if (element.getName().equals(local) || element.getQualifiedName().equals(qname)) {
				for (int k = 0; k < depth; k++) {
					pop(open, scopes);
				}
				return;
			}
		}
		// an end tag that closes nothing open: ignored
	}

	private static Namespace namespace(String prefix, Map<String, String> scope) {
		String uri = scope.get(prefix);
		if (uri == null) {
			if (prefix.isEmpty()) {
				return Namespace.NO_NAMESPACE;
			}
			uri = KNOWN_PREFIXES.getOrDefault(prefix.toLowerCase(java.util.Locale.ROOT), "urn:x-undeclared:" + prefix);
			scope.put(prefix, uri);
		}
		if (prefix.isEmpty()) {
			return Namespace.getNamespace(uri);
		}
		try {
			return Namespace.getNamespace(prefix, uri);
		}
		catch (IllegalNameException ex) {
			return Namespace.getNamespace(prefix, "urn:x-undeclared:" + prefix);
		}
	}

	private static String prefix(String qname) {
		int colon = qname.indexOf(':');
		return (colon > 0) ? qname.substring(0, colon) : "";
	}

	private static String localName(String qname) {
		int colon = qname.indexOf(':');
		return (colon > 0 && colon < qname.length() - 1) ? qname.substring(colon + 1) : qname;
	}

	private void addText(Deque<Element> open, int from, int to) {
		if (from < to) {
			addText(open, this.s.substring(from, to), false);
		}
	}

	private static void addText(Deque<Element> open, String text, boolean cdata) {
		if (open.isEmpty() || text.isEmpty()) {
			return;
		}
		String value = cdata ? text : decode(text);
		try {
			open.peek().addContent(cdata ? new CDATA(value) : new Text(value));
		}
		catch (IllegalDataException ex) {
			open.peek().addContent(new Text(value.replace("]]>", "]]&gt;")));
		}
	}

	private int after(String token, int from) {
		int at = this.s.indexOf(token, from);
		return (at < 0) ? this.n : at + token.length();
	}

	private int skipDeclaration(int start) {
		int depth = 0;
		for (int i = start + 2; i < this.n; i++) {
			char c = this.s.charAt(i);
			if (c == '[') {
				depth++;
			}
			else if (c == ']') {
				depth--;
			}
			else if (c == '>' && depth <= 0) {
				return i + 1;
			}
		}
		return this.n;
	}

	/** Decodes the five XML entities and numeric references; anything else stays as written. */
	static String decode(String text) {
		int amp = text.indexOf('&');
		if (amp < 0) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		int i = 0;
		while (amp >= 0) {
			out.append(text, i, amp);
			int semi = semicolon(text, amp + 1, 12);
			String replacement = null;
			if (semi > amp) {
				String name = text.substring(amp + 1, semi);
				replacement = switch (name) {
					case "amp" -> "&";
					case "lt" -> "<";
					case "gt" -> ">";
					case "quot" -> "\"";
					case "apos" -> "'";
					default -> numeric(name);
				};
			}
			if (replacement != null) {
				out.append(replacement);
				i = semi + 1;
			}
			else {
				out.append('&');
				i = amp + 1;
			}
			amp = text.indexOf('&', i);
		}
		out.append(text, i, text.length());
		return out.toString();
	}

	/** The first {@code ;} among the {@code max} characters from {@code from}, or -1. */
	private static int semicolon(String text, int from, int max) {
		int end = Math.min(text.length(), from + max);
		for (int i = from; i < end; i++) {
			if (text.charAt(i) == ';') {
				return i;
			}
		}
		return -1;
	}

	private static String numeric(String name) {
		if (name.length() < 2 || name.charAt(0) != '#') {
			return null;
		}
		try {
			boolean hex = name.charAt(1) == 'x' || name.charAt(1) == 'X';
			int cp = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
			return XmlRepair.isXmlChar(cp) ? new String(Character.toChars(cp)) : "\uFFFD";
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
