package policywatch.ingest.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes of an XML feed into text. The encoding is decided in this order: a byte order
 * mark; the HTTP {@code charset} (unless the bytes plainly contradict it, e.g. UTF-16 bytes
 * under a UTF-8 label); the XML declaration; UTF-8. Undecodable bytes become U+FFFD; a feed
 * labelled or defaulted to UTF-8 that holds no valid multi-byte sequence at all is read as
 * windows-1252, and one labelled ISO-8859-1 that is in fact valid UTF-8 is read as UTF-8.
 */
final class XmlDecoder {

	static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	private static final Charset UTF_32BE = Charset.forName("UTF-32BE");

	private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

	private static final Pattern CHARSET_PARAM = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([^\"';\\s]+)");

	private static final Pattern ENCODING_DECL = Pattern
		.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:\\-]+)[\"']");

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
		if (contentType == null) {
			return null;
		}
		Matcher matcher = CHARSET_PARAM.matcher(contentType);
		return matcher.find() ? lookup(matcher.group(1)) : null;
	}

	private static Charset declaredCharset(byte[] body, Charset family) {
		int n = Math.min(body.length, 512);
		String head = new String(body, 0, n, family);
		int start = head.indexOf("<?xml");
		if (start < 0) {
			return null;
		}
		Matcher matcher = ENCODING_DECL.matcher(head.substring(start));
		return matcher.find() ? lookup(matcher.group(1)) : null;
	}

	static Charset lookup(String name) {
		String label = name.strip().toLowerCase(Locale.ROOT);
		switch (label) {
			case "utf8", "utf-8", "unicode-1-1-utf-8" -> {
				return StandardCharsets.UTF_8;
			}
			case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1", "us-ascii", "ascii", "iso-ascii",
					"windows-1252", "cp1252", "x-cp1252" -> {
				return WINDOWS_1252;
			}
			case "utf-16", "utf16", "unicode" -> {
				return StandardCharsets.UTF_16;
			}
			case "gb2312", "gbk", "x-gbk" -> {
				return Charset.forName("GB18030");
			}
			default -> {
				try {
					return Charset.isSupported(label) ? Charset.forName(label) : null;
				}
				catch (IllegalArgumentException ex) {
					return null;
				}
			}
		}
	}

	private static boolean isWide(Charset charset) {
		String name = charset.name().toUpperCase(Locale.ROOT);
		return name.startsWith("UTF-16") || name.startsWith("UTF-32") || name.startsWith("X-UTF-32")
				|| name.equals("UTF_32");
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
