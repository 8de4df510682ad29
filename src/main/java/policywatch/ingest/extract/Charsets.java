package policywatch.ingest.extract;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import policywatch.ingest.decode.EncodingLabels;
import policywatch.text.Texts;

/**
 * Decodes an HTML response body. The encoding comes from, in order: a byte order mark, the
 * {@code charset} of the Content-Type header, a {@code <meta>} declaration near the start of the
 * document, else UTF-8. Bytes that are invalid in that encoding become U+FFFD.
 */
final class Charsets {

	private static final int PRESCAN_BYTES = 4096;

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
		String label = EncodingLabels.charsetParameter(contentType);
		return (label != null) ? forLabel(label, false) : null;
	}

	/**
	 * The charset of the first {@code <meta>} tag near the start that declares a known one
	 * ({@code <meta charset>} or {@code <meta http-equiv content="…; charset=…">}). One pass:
	 * each tag is looked at once.
	 */
	static Charset fromMeta(byte[] body) {
		String head = new String(body, 0, Math.min(body.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
		int from = 0;
		while (true) {
			int start = Texts.indexOfIgnoreCase(head, "<meta", from);
			if (start < 0) {
				return null;
			}
			int end = head.indexOf('>', start);
			if (end < 0) {
				return null; // no tag closes after this one
			}
			from = end + 1;
			if (end > start + 5 && !isTagNameEnd(head.charAt(start + 5))) {
				continue; // <metadata>, not <meta>
			}
			String label = EncodingLabels.charsetParameter(head.substring(start + 5, end));
			Charset found = (label != null) ? forLabel(label, true) : null;
			if (found != null) {
				return found;
			}
		}
	}

	private static boolean isTagNameEnd(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/';
	}

	/**
	 * Maps an encoding label to a charset with the WHATWG table of {@link EncodingLabels}.
	 * @param label the label
	 * @param fromMeta whether the label came from the document itself (UTF-16 is then impossible,
	 * and HTML reads it as UTF-8)
	 * @return the charset, or {@code null} when unknown
	 */
	static Charset forLabel(String label, boolean fromMeta) {
		Charset charset = EncodingLabels.forLabel(label);
		if (charset != null && fromMeta && EncodingLabels.isWide(charset)) {
			return StandardCharsets.UTF_8;
		}
		return charset;
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
