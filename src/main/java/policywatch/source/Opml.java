package policywatch.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import policywatch.text.Markup;

/**
 * Reading and writing OPML subscription lists (the format feed readers export).
 */
final class Opml {

	/** Attribute carrying the PolicyWatch feed id, so that an export imports back unchanged. */
	static final String ID_ATTRIBUTE = "policywatchId";

	/** Attribute carrying a poll interval other than the default. */
	static final String INTERVAL_ATTRIBUTE = "policywatchInterval";

	/** Attribute present ({@code false}) when the feed's articles are not fetched. */
	static final String FULL_TEXT_ATTRIBUTE = "policywatchFullText";

	private Opml() {
	}

	/**
	 * A feed outline.
	 *
	 * @param title the outline's title (or text), may be empty
	 * @param url its {@code xmlUrl}
	 * @param id its {@code policywatchId}, or {@code null}
	 * @param interval its {@code policywatchInterval}, or {@code null}
	 * @param fullText its {@code policywatchFullText}, or {@code null}
	 */
	record Outline(String title, String url, String id, String interval, String fullText) {
	}

	/**
	 * Every outline with an {@code xmlUrl}, in document order, folders included.
	 * @throws IOException with a one-line reason when the document is not OPML
	 */
	static List<Outline> read(byte[] content) throws IOException {
		Document document;
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
			factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
			factory.setXIncludeAware(false);
			factory.setExpandEntityReferences(false);
			DocumentBuilder builder = factory.newDocumentBuilder();
			builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
			document = builder.parse(new ByteArrayInputStream(content));
		}
		catch (SAXParseException ex) {
			throw new IOException("not valid XML (line " + ex.getLineNumber() + "): " + YamlFile.oneLine(ex.getMessage()));
		}
		catch (SAXException | ParserConfigurationException ex) {
			throw new IOException("not valid XML: " + YamlFile.oneLine(ex.getMessage()));
		}
		Element root = document.getDocumentElement();
		if (root == null || !"opml".equalsIgnoreCase(root.getNodeName())) {
			throw new IOException("not an OPML file (the root element is <"
					+ ((root != null) ? root.getNodeName() : "") + ">, expected <opml>)");
		}
		List<Outline> outlines = new ArrayList<>();
		NodeList nodes = root.getElementsByTagName("*");
		for (int i = 0; i < nodes.getLength(); i++) {
			Element element = (Element) nodes.item(i);
			if (!"outline".equalsIgnoreCase(element.getNodeName())) {
				continue;
			}
			String url = attribute(element, "xmlUrl");
			if (url.isEmpty()) {
				continue;
			}
			String title = attribute(element, "title");
			if (title.isEmpty()) {
				title = attribute(element, "text");
			}
			outlines.add(new Outline(title, url, orNull(attribute(element, ID_ATTRIBUTE)),
					orNull(attribute(element, INTERVAL_ATTRIBUTE)), orNull(attribute(element, FULL_TEXT_ATTRIBUTE))));
		}
		return outlines;
	}

	private static String orNull(String value) {
		return value.isEmpty() ? null : value;
	}

	/** An attribute by name, ignoring case ({@code xmlurl} occurs in the wild); empty when absent. */
	private static String attribute(Element element, String name) {
		NamedNodeMap attributes = element.getAttributes();
		for (int i = 0; i < attributes.getLength(); i++) {
			Node attribute = attributes.item(i);
			if (attribute.getNodeName().equalsIgnoreCase(name)) {
				return attribute.getNodeValue().strip();
			}
		}
		return "";
	}

	/**
	 * The feeds as an OPML 2.0 document.
	 */
	static String write(List<FeedDefinition> feeds) {
		StringBuilder xml = new StringBuilder("""
				<?xml version="1.0" encoding="UTF-8"?>
				<opml version="2.0">
				  <head>
				    <title>PolicyWatch feeds</title>
				  </head>
				  <body>
				""");
		for (FeedDefinition feed : feeds) {
			xml.append("    <outline type=\"rss\" text=\"").append(escape(feed.name()))
				.append("\" title=\"").append(escape(feed.name()))
				.append("\" xmlUrl=\"").append(escape(feed.url().toString()))
				.append("\" ").append(ID_ATTRIBUTE).append("=\"").append(escape(feed.id())).append('"');
			if (!feed.interval().equals(FeedsConfig.DEFAULT_INTERVAL)) {
				xml.append(' ').append(INTERVAL_ATTRIBUTE).append("=\"").append(duration(feed.interval())).append('"');
			}
			if (!feed.fullText()) {
				xml.append(' ').append(FULL_TEXT_ATTRIBUTE).append("=\"false\"");
			}
			xml.append("/>\n");
		}
		return xml.append("  </body>\n</opml>\n").toString();
	}

	/** A duration as written in feeds.yml: {@code 2h}, {@code 15m}, {@code 90s}. */
	static String duration(java.time.Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds % 3600 == 0) {
			return (seconds / 3600) + "h";
		}
		if (seconds % 60 == 0) {
			return (seconds / 60) + "m";
		}
		return seconds + "s";
	}

	private static String escape(String text) {
		return Markup.escapeAttribute(text);
	}

}
