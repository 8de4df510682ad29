package policywatch.ingest.extract;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes an HTML response body. The encoding comes from, in order: a byte order mark, the
 * {@code charset} of the Content-Type header, a {@code <meta>} declaration near the start of the
 * document, else UTF-8. Bytes that are invalid in that encoding become U+FFFD.
 */
final class Charsets {

	private static final int PRESCAN_BYTES = 4096;

	private static final Pattern HEADER_CHARSET = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([^\"';,\\s]+)");

	private static final Pattern META = Pattern.compile("(?is)<meta\\b[^>]*>");

	private static final Pattern META_CHARSET = Pattern
		.compile("(?is)\\bcharset\\s*=\\s*[\"']?\\s*([^\"'\\s/>;]+)");

	private Charsets() {
	}

	/**
	 * @param body the raw bytes
	 * @param contentType the Content-Type header, or {@code null}
	 * @return the decoded text (without the byte order mark)
	 */
	static String decode(byte[] body, String contentType) {
		Charset bom = bom(body);
		if (bom != null) {
			int skip = (bom == StandardCharsets.UTF_8) ? 3 : 2;
			return decode(body, skip, bom);
		}
		Charset charset = fromContentType(contentType);
		if (charset == null) {
			charset = fromMeta(body);
		}
		if (charset == null) {
			charset = StandardCharsets.UTF_8;
		}
		return decode(body, 0, charset);
	}

	static Charset bom(byte[] body) {
		if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
			return StandardCharsets.UTF_8;
		}
		if (body.length >= 2 && (body[0] & 0xFF) == 0xFE && (body[1] & 0xFF) == 0xFF) {
			return StandardCharsets.UTF_16BE;
		}
		if (body.length >= 2 && (body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xFE) {
			return StandardCharsets.UTF_16LE;
		}
		return null;
	}

	static Charset fromContentType(String contentType) {
		if (contentType == null) {
			return null;
		}
		Matcher matcher = HEADER_CHARSET.matcher(contentType);
		return matcher.find() ? forLabel(matcher.group(1), false) : null;
	}

	static Charset fromMeta(byte[] body) {
		String head = new String(body, 0, Math.min(body.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
		Matcher meta = META.matcher(head);
		while (meta.find()) {
			String tag = meta.group();
			String lower = tag.toLowerCase(Locale.ROOT);
			if (!lower.contains("charset")) {
				continue;
			}
			Matcher charset = META_CHARSET.matcher(tag);
			if (charset.find()) {
				Charset found = forLabel(charset.group(1), true);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	/**
	 * Maps an encoding label to a charset the way browsers do (legacy labels to their supersets).
	 * @param label the label
	 * @param fromMeta whether the label came from the document itself (UTF-16 is then impossible)
	 * @return the charset, or {@code null} when unknown
	 */
	static Charset forLabel(String label, boolean fromMeta) {
		String name = label.strip().toLowerCase(Locale.ROOT);
		switch (name) {
			case "utf8", "unicode-1-1-utf-8", "utf-8" -> {
				return StandardCharsets.UTF_8;
			}
			case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "iso_8859-1", "cp1252", "cp819" -> {
				return Charset.forName("windows-1252");
			}
			case "gb2312", "gbk", "x-gbk", "chinese", "csgb2312", "gb_2312-80" -> {
				return Charset.forName("GB18030");
			}
			case "iso-8859-9", "latin5" -> {
				return Charset.forName("windows-1254");
			}
			case "tis-620", "iso-8859-11" -> {
				return Charset.forName("x-windows-874");
			}
			case "ks_c_5601-1987", "euc-kr", "korean" -> {
				return Charset.forName("x-windows-949");
			}
			case "shift_jis", "sjis", "x-sjis", "ms_kanji" -> {
				return Charset.forName("windows-31j");
			}
			case "big5", "big5-hkscs", "x-x-big5" -> {
				return Charset.forName("Big5-HKSCS");
			}
			default -> {
			}
		}
		if (fromMeta && name.startsWith("utf-16")) {
			return StandardCharsets.UTF_8;
		}
		try {
			return Charset.forName(name);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String decode(byte[] body, int offset, Charset charset) {
		CharsetDecoder decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE)
			.replaceWith("\uFFFD");
		try {
			CharBuffer chars = decoder.decode(ByteBuffer.wrap(body, offset, body.length - offset));
			return chars.toString();
		}
		catch (CharacterCodingException ex) {
			return new String(body, offset, body.length - offset, charset);
		}
	}

}
