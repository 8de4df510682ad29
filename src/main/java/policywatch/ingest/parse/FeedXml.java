package policywatch.ingest.parse;

import java.io.IOException;

import org.jdom2.Document;
import org.jdom2.JDOMException;

/**
 * Reads the bytes of an XML feed into a document: the encoding resolved ({@link XmlDecoder}),
 * common ill-formedness repaired ({@link XmlRepair}), then the strict, hardened parser
 * ({@link SecureXml}), and the forgiving one ({@link LenientXml}) when the strict one refuses.
 */
final class FeedXml {

	private FeedXml() {
	}

	static Document read(byte[] body, String contentType, ParseDeadline deadline) throws FeedParseException {
		String text = XmlRepair.repair(XmlDecoder.decode(body, contentType));
		if (text.isBlank()) {
			throw new FeedParseException("empty document", null);
		}
		deadline.check();
		Document document = null;
		String strictError;
		try {
			document = SecureXml.parse(text);
			strictError = null;
		}
		catch (JDOMException | IOException | RuntimeException ex) {
			strictError = FeedText.oneLine(FeedText.rootMessage(ex));
		}
		if (document != null) {
			return document;
		}
		if (strictError.contains("JAXP00010001") || strictError.contains("JAXP00010003")
				|| strictError.contains("JAXP00010004")) {
			throw new FeedParseException("entity expansion limit exceeded (refused)", null);
		}
		deadline.check();
		document = LenientXml.parse(text, deadline);
		if (document == null) {
			throw new FeedParseException("not well-formed XML: " + strictError, null);
		}
		return document;
	}

}
