package policywatch.ingest.parse;

import java.io.IOException;
import java.io.StringReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.SAXEngine;
import org.jdom2.input.sax.XMLReaderJDOMFactory;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The XML parser for feeds, configured so that hostile documents stay harmless: no external
 * entity, external DTD or schema is ever fetched or read (and the entity resolver answers every
 * request with nothing); internal entity expansion is bounded; a DOCTYPE by itself is allowed, as
 * old RSS 0.91 feeds carry one.
 */
final class SecureXml {

	/** Entity references expanded per document at most (a billion-laughs document needs billions). */
	static final int ENTITY_EXPANSION_LIMIT = 10_000;

	/** Characters produced by entity expansion per document at most. */
	static final int TOTAL_ENTITY_SIZE_LIMIT = 1_000_000;

	/** Elements nest at most this deep; a deeper document is left to {@link LenientXml}. */
	static final int MAX_DEPTH = 500;

	private static final ThreadLocal<SAXEngine> ENGINES = new ThreadLocal<>();

	private SecureXml() {
	}

	static Document parse(String text) throws JDOMException, IOException {
		SAXEngine engine = ENGINES.get();
		if (engine == null) {
			engine = newBuilder().buildEngine();
			ENGINES.set(engine);
		}
		return engine.build(new StringReader(text));
	}

	static SAXBuilder newBuilder() {
		SAXBuilder builder = new SAXBuilder(new Factory());
		builder.setExpandEntities(true);
		builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
		builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
		builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
		builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
		builder.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		return builder;
	}

	private static final class Factory implements XMLReaderJDOMFactory {

		@Override
		public XMLReader createXMLReader() throws JDOMException {
			try {
				SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
				factory.setNamespaceAware(true);
				factory.setValidating(false);
				factory.setXIncludeAware(false);
				factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
				factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
				factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
				factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
				SAXParser parser = factory.newSAXParser();
				parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
				parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
				parser.setProperty("jdk.xml.entityExpansionLimit", Integer.toString(ENTITY_EXPANSION_LIMIT));
				parser.setProperty("jdk.xml.totalEntitySizeLimit", Integer.toString(TOTAL_ENTITY_SIZE_LIMIT));
				parser.setProperty("jdk.xml.maxGeneralEntitySizeLimit", Integer.toString(TOTAL_ENTITY_SIZE_LIMIT));
				parser.setProperty("jdk.xml.maxElementDepth", Integer.toString(MAX_DEPTH));
				return parser.getXMLReader();
			}
			catch (ParserConfigurationException | SAXException ex) {
				throw new JDOMException("Cannot create a secure XML parser: " + ex.getMessage(), ex);
			}
		}

		@Override
		public boolean isValidating() {
			return false;
		}

	}

}
