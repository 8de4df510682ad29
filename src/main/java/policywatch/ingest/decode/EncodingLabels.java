package policywatch.ingest.decode;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import policywatch.text.Texts;

/**
 * The one table of character-encoding labels for feeds and pages: the labels of the WHATWG
 * Encoding Standard (https://encoding.spec.whatwg.org/#names-and-labels), each mapped to the
 * Java charset that decodes like the standard's encoding. So {@code iso-8859-1} and
 * {@code us-ascii} read as windows-1252, {@code iso-8859-9} as windows-1254, {@code euc-kr} as
 * windows-949, {@code shift_jis} as windows-31j, {@code gb2312} and {@code gbk} as GB18030, and
 * {@code utf-16} as UTF-16LE, as browsers do. Labels the standard does not list are unknown
 * (the caller falls back to its next source), as are the standard's {@code replacement} labels
 * ({@code iso-2022-kr}, {@code hz-gb-2312}…) and encodings this Java runtime lacks.
 */
public final class EncodingLabels {

	private static final Map<String, Charset> LABELS = load();

	private EncodingLabels() {
	}

	/**
	 * @param label an encoding label as found in a Content-Type header, an XML declaration or a
	 * {@code <meta>} tag; surrounding whitespace and case are ignored
	 * @return the charset, or {@code null} when the label is not one of the standard's
	 */
	public static Charset forLabel(String label) {
		if (label == null) {
			return null;
		}
		return LABELS.get(label.strip().toLowerCase(Locale.ROOT));
	}

	/**
	 * The value of the first {@code charset=} parameter, as in {@code text/html; charset="utf-8"} or
	 * {@code <meta content="text/html; charset=utf-8">}: case-insensitive, spaces around
	 * {@code =} allowed, quotes removed. One pass over the text, no regular expression.
	 * @param text a Content-Type value or a tag, may be {@code null}
	 * @return the label, or {@code null} when there is none
	 */
	public static String charsetParameter(String text) {
		if (text == null) {
			return null;
		}
		int n = text.length();
		int from = 0;
		while (from < n) {
			int at = Texts.indexOfIgnoreCase(text, "charset", from);
			if (at < 0) {
				return null;
			}
			int i = skipSpaces(text, at + 7);
			from = at + 7;
			if (i >= n || text.charAt(i) != '=') {
				continue;
			}
			i = skipSpaces(text, i + 1);
			if (i < n && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
				i = skipSpaces(text, i + 1);
			}
			int start = i;
			while (i < n && !isDelimiter(text.charAt(i))) {
				i++;
			}
			if (i > start) {
				return text.substring(start, i);
			}
		}
		return null;
	}

	private static int skipSpaces(String text, int from) {
		int i = from;
		while (i < text.length() && isSpace(text.charAt(i))) {
			i++;
		}
		return i;
	}

	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
	}

	private static boolean isDelimiter(char c) {
		return isSpace(c) || c == '"' || c == '\'' || c == ';' || c == ',' || c == '/' || c == '>';
	}

	/**
	 * @return whether the charset is UTF-16 (or UTF-32): a label for these on bytes that are plainly
	 * ASCII-compatible is wrong, and HTML ignores it in a {@code <meta>} tag
	 */
	public static boolean isWide(Charset charset) {
		String name = charset.name().toUpperCase(Locale.ROOT);
		return name.startsWith("UTF-16") || name.startsWith("UTF-32") || name.startsWith("X-UTF-32")
				|| name.equals("UTF_32");
	}

	/**
	 * The standard's table: the Java charset, then the labels (continued on indented lines).
	 * ISO-8859-8-I decodes as ISO-8859-8 (the same bytes, logical order); GBK with the gb18030
	 * decoder, as the standard says.
	 */
	private static final String TABLE = """
			UTF-8: unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8
			IBM866: 866 cp866 csibm866 ibm866
			ISO-8859-2: csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2
			ISO-8859-3: csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3
			ISO-8859-4: csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4
			ISO-8859-5: csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5
			  iso_8859-5:1988
			ISO-8859-6: arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e
			  iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987
			ISO-8859-7: csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597
			  iso_8859-7 iso_8859-7:1987 sun_eu_greek
			ISO-8859-8: csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598
			  iso_8859-8 iso_8859-8:1988 visual csiso88598i iso-8859-8-i logical
			ISO-8859-10: csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6
			ISO-8859-13: iso-8859-13 iso8859-13 iso885913
			ISO-8859-14: iso-8859-14 iso8859-14 iso885914
			ISO-8859-15: csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9
			ISO-8859-16: iso-8859-16
			KOI8-R: cskoi8r koi koi8 koi8-r koi8_r
			KOI8-U: koi8-ru koi8-u
			x-MacRoman: csmacintosh mac macintosh x-mac-roman
			x-windows-874: dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874
			windows-1250: cp1250 windows-1250 x-cp1250
			windows-1251: cp1251 windows-1251 x-cp1251
			windows-1252: ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1
			  iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252
			windows-1253: cp1253 windows-1253 x-cp1253
			windows-1254: cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989
			  l5 latin5 windows-1254 x-cp1254
			windows-1255: cp1255 windows-1255 x-cp1255
			windows-1256: cp1256 windows-1256 x-cp1256
			windows-1257: cp1257 windows-1257 x-cp1257
			windows-1258: cp1258 windows-1258 x-cp1258
			x-MacCyrillic: x-mac-cyrillic x-mac-ukrainian
			GB18030: chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk gb18030
			Big5-HKSCS: big5 big5-hkscs cn-big5 csbig5 x-x-big5
			EUC-JP: cseucpkdfmtjapanese euc-jp x-euc-jp
			ISO-2022-JP: csiso2022jp iso-2022-jp
			windows-31j: csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis
			x-windows-949: cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601
			  ksc_5601 windows-949
			UTF-16BE: unicodefffe utf-16be
			UTF-16LE: csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le
			""";

	private static Map<String, Charset> load() {
		Map<String, Charset> labels = new HashMap<>(512);
		String charsetName = null;
		for (String line : TABLE.split("\n")) {
			String words = line;
			if (!line.startsWith(" ")) {
				int colon = line.indexOf(':');
				charsetName = line.substring(0, colon);
				words = line.substring(colon + 1);
			}
			add(labels, charsetName, words.strip());
		}
		return Map.copyOf(labels);
	}

	private static void add(Map<String, Charset> labels, String charsetName, String names) {
		Charset charset;
		try {
			charset = Charset.isSupported(charsetName) ? Charset.forName(charsetName) : null;
		}
		catch (IllegalArgumentException ex) {
			charset = null;
		}
		if (charset == null) {
			return; // not in this runtime: its labels stay unknown
		}
		for (String label : names.split(" ")) {
			labels.put(label, charset);
		}
	}

}
