package policywatch.ingest.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import policywatch.ingest.decode.EncodingLabels;

/**
 * Turns the bytes of an XML feed into text. The encoding is decided in this order: a byte order
 * mark; the HTTP {@code charset} (unless the bytes plainly contradict it, e.g. UTF-16 bytes
 * under a UTF-8 label); the XML declaration; UTF-8. Undecodable bytes become U+FFFD; a feed
 * labelled or defaulted to UTF-8 that holds no valid multi-byte sequence at all is read as
 * windows-1252, and one labelled ISO-8859-1 that is in fact valid UTF-8 is read as UTF-8. Labels
 * are read with the WHATWG table of {@link EncodingLabels}, the same as for pages.
 */
final class XmlDecoder {

	static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	private static final Charset UTF_32BE = Charset.forName("UTF-32BE");

	private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

	private XmlDecoder() {
	}

	static String decode(byte[] body, String contentType) {
		// 1. Byte order mark
		if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
			return lenient(body, 3, StandardCharsets.UTF_8);
		}
		if (startsWith(body, 0x00, 0x00, 0xFE, 0xFF)) {
			return lenient(body, 4, UTF_32BE);
		}
		if (startsWith(body, 0xFF, 0xFE, 0x00, 0x00)) {
			return lenient(body, 4, UTF_32LE);
		}
		if (startsWith(body, 0xFE, 0xFF)) {
			return lenient(body, 2, StandardCharsets.UTF_16BE);
		}
		if (startsWith(body, 0xFF, 0xFE)) {
			return lenient(body, 2, StandardCharsets.UTF_16LE);
		}
		// 2. Byte pattern of '<' (XML 1.0 appendix F)
		Charset family = null;
		if (startsWith(body, 0x00, 0x00, 0x00, 0x3C)) {
			family = UTF_32BE;
		}
		else if (startsWith(body, 0x3C, 0x00, 0x00, 0x00)) {
			family = UTF_32LE;
		}
		else if (startsWith(body, 0x00, 0x3C, 0x00, 0x3F) || startsWith(body, 0x00, 0x3C, 0x00)) {
			family = StandardCharsets.UTF_16BE;
		}
		else if (startsWith(body, 0x3C, 0x00, 0x3F, 0x00) || startsWith(body, 0x3C, 0x00)) {
			family = StandardCharsets.UTF_16LE;
		}
		else if (startsWith(body, 0x4C, 0x6F, 0xA7, 0x94)) {
			family = Charset.forName("IBM037");
		}
		if (family != null) {
			// The bytes themselves say UTF-16/32 or EBCDIC: more precise than any label.
			return lenient(body, 0, family);
		}
		// 3. HTTP charset (a UTF-16/32 label on ASCII-compatible bytes is wrong: ignored)
		Charset http = charsetOf(contentType);
		if (http != null && !isWide(http)) {
			return decodeAs(body, http);
		}
		// 4. XML declaration
		Charset declared = declaredCharset(body, StandardCharsets.ISO_8859_1);
		if (declared != null && !isWide(declared)) {
			return decodeAs(body, declared);
		}
		// 5. Default
		return decodeAs(body, StandardCharsets.UTF_8);
	}

	/** Decodes with a label, correcting the two most common mislabellings. */
	private static String decodeAs(byte[] body, Charset charset) {
		String name = charset.name();
		boolean utf8 = charset.equals(StandardCharsets.UTF_8);
		boolean latin = name.equals("ISO-8859-1") || name.equals("US-ASCII") || name.equals("windows-1252");
		if (utf8 || latin) {
			int[] counts = utf8Counts(body);
			int valid = counts[0];
			int invalid = counts[1];
			if (invalid == 0) {
				return (valid > 0 || !latin) ? new String(body, StandardCharsets.UTF_8) : new String(body, WINDOWS_1252);
			}
			if (latin || valid == 0) {
				return new String(body, WINDOWS_1252);
			}
			return lenient(body, 0, StandardCharsets.UTF_8);
		}
		return lenient(body, 0, charset);
	}

	/** Counts valid multi-byte UTF-8 sequences and invalid bytes. */
	static int[] utf8Counts(byte[] b) {
		int valid = 0;
		int invalid = 0;
		int i = 0;
		int n = b.length;
		while (i < n) {
			int c = b[i] & 0xff;
			if (c < 0x80) {
				i++;
				continue;
			}
			int need;
			int min;
			if (c >= 0xC2 && c <= 0xDF) {
				need = 1;
				min = 0x80;
			}
			else if (c >= 0xE0 && c <= 0xEF) {
				need = 2;
				min = 0x800;
			}
			else if (c >= 0xF0 && c <= 0xF4) {
				need = 3;
				min = 0x10000;
			}
			else {
				invalid++;
				i++;
				continue;
			}
			if (i + need >= n) {
				invalid++;
				i++;
				continue;
			}
			int cp = c & (0x3F >> need);
			boolean ok = true;
			for (int k = 1; k <= need; k++) {
				int cc = b[i + k] & 0xff;
				if ((cc & 0xC0) != 0x80) {
					ok = false;
					break;
				}
				cp = (cp << 6) | (cc & 0x3F);
			}
			if (ok && cp >= min && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
				valid++;
				i += need + 1;
			}
			else {
				invalid++;
				i++;
			}
		}
		return new int[] { valid, invalid };
	}

	private static String lenient(byte[] body, int offset, Charset charset) {
		try {
			return charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPLACE)
				.onUnmappableCharacter(CodingErrorAction.REPLACE)
				.decode(ByteBuffer.wrap(body, offset, body.length - offset))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return new String(body, offset, body.length - offset, charset);
		}
	}

	static Charset charsetOf(String contentType) {
		return EncodingLabels.forLabel(EncodingLabels.charsetParameter(contentType));
	}

	private static Charset declaredCharset(byte[] body, Charset family) {
		int n = Math.min(body.length, 512);
		return EncodingLabels.forLabel(declaredEncoding(new String(body, 0, n, family)));
	}

	/**
	 * The {@code encoding} of the XML declaration in the text, read
	 * in one pass without a regular expression.
	 * @return the label, or {@code null} when there is no declaration or no encoding in it
	 */
	static String declaredEncoding(String head) {
		int n = head.length();
		int i = head.indexOf("<?xml");
		if (i < 0) {
			return null;
		}
		int end = head.indexOf('>', i);
		if (end < 0) {
			end = n;
		}
		int at = head.indexOf("encoding", i + 5);
		while (at >= 0 && at < end) {
			int j = at + 8;
			while (j < end && isXmlSpace(head.charAt(j))) {
				j++;
			}
			if (j < end && head.charAt(j) == '=') {
				j++;
				while (j < end && isXmlSpace(head.charAt(j))) {
					j++;
				}
				if (j < end && (head.charAt(j) == '"' || head.charAt(j) == '\'')) {
					char quote = head.charAt(j);
					int start = j + 1;
					int k = start;
					while (k < end && isEncodingNameChar(head.charAt(k))) {
						k++;
					}
					return (k > start && k < end && head.charAt(k) == quote) ? head.substring(start, k) : null;
				}
				return null;
			}
			at = head.indexOf("encoding", at + 8);
		}
		return null;
	}

	private static boolean isXmlSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r';
	}

	private static boolean isEncodingNameChar(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
				|| c == ':' || c == '-';
	}

	private static boolean isWide(Charset charset) {
		return EncodingLabels.isWide(charset);
	}

	private static boolean startsWith(byte[] body, int... prefix) {
		if (body.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((body[i] & 0xff) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

}
