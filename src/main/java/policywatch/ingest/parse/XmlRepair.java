package policywatch.ingest.parse;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes common ill-formed feed text well-formed before it reaches the XML parser: drops anything
 * before the first tag and characters XML forbids, escapes stray {@code &}, and turns HTML named
 * entities that XML does not declare into numeric references. CDATA sections, comments and
 * processing instructions are left as they are; entities declared in an internal DTD subset are
 * kept.
 */
final class XmlRepair {

	private static final Pattern ENTITY_DECL = Pattern.compile("<!ENTITY\\s++(%\\s++)?+([^\\s%]++)");

	private XmlRepair() {
	}

	static String repair(String text) {
		int start = firstTag(text);
		String s = (start > 0) ? text.substring(start) : text;
		s = removeIllegalCharacters(s);
		StringBuilder out = null;
		Set<String> declared = Set.of();
		int n = s.length();
		int copied = 0;
		int i = 0;
		while (i < n) {
			char c = s.charAt(i);
			if (c == '<') {
				int skipTo = -1;
				if (s.startsWith("<![CDATA[", i)) {
					skipTo = indexAfter(s, "]]>", i + 9);
				}
				else if (s.startsWith("<!--", i)) {
					skipTo = indexAfter(s, "-->", i + 4);
				}
				else if (s.startsWith("<?", i)) {
					if (i > 0 && s.startsWith("<?xml", i) && i + 5 < n && Character.isWhitespace(s.charAt(i + 5))) {
						// a second or misplaced XML declaration: drop it
						int end = indexAfter(s, "?>", i + 2);
						if (out == null) {
							out = new StringBuilder(n + 64);
						}
						out.append(s, copied, i);
						copied = end;
						i = end;
						continue;
					}
					skipTo = indexAfter(s, "?>", i + 2);
				}
				else if (s.startsWith("<!DOCTYPE", i) || s.startsWith("<!doctype", i)) {
					skipTo = doctypeEnd(s, i);
					String doctype = s.substring(i, skipTo);
					if (doctype.indexOf('[') < 0) {
						// only an external DTD, which is never read: drop it (a malformed one cannot fail the feed)
						if (out == null) {
							out = new StringBuilder(n + 64);
						}
						out.append(s, copied, i);
						copied = skipTo;
						i = skipTo;
						continue;
					}
					declared = declaredEntities(doctype);
				}
				i = (skipTo > 0) ? skipTo : i + 1;
				continue;
			}
			if (c == '&') {
				String replacement = entityReplacement(s, i, declared);
				if (replacement != null) {
					if (out == null) {
						out = new StringBuilder(n + 64);
					}
					out.append(s, copied, i);
					out.append(replacement);
					// only a reference with its ';' within reach is replaced whole: find it only then
					copied = replacement.equals("&amp;") ? i + 1 : s.indexOf(';', i) + 1;
					i = copied;
					continue;
				}
			}
			i++;
		}
		if (out == null) {
			return s;
		}
		out.append(s, copied, n);
		return out.toString();
	}

	/**
	 * @return what to put instead of the reference at {@code i}, or {@code null} to keep it
	 */
	private static String entityReplacement(String s, int i, Set<String> declared) {
		int n = s.length();
		int j = i + 1;
		if (j < n && s.charAt(j) == '#') {
			j++;
			boolean hex = j < n && (s.charAt(j) == 'x' || s.charAt(j) == 'X');
			if (hex) {
				j++;
			}
			int digitsStart = j;
			while (j < n && j - digitsStart < 8 && Character.digit(s.charAt(j), hex ? 16 : 10) >= 0) {
				j++;
			}
			if (j == digitsStart || j >= n || s.charAt(j) != ';') {
				return "&amp;";
			}
			int cp;
			try {
				cp = Integer.parseInt(s.substring(digitsStart, j), hex ? 16 : 10);
			}
			catch (NumberFormatException ex) {
				return "&amp;";
			}
			if (cp >= 0x80 && cp <= 0x9F) {
				// HTML reads C1 references as windows-1252 (&#146; is a right quote)
				String mapped = new String(new byte[] { (byte) cp }, XmlDecoder.WINDOWS_1252);
				return "&#" + (int) mapped.charAt(0) + ";";
			}
			if (!isXmlChar(cp)) {
				return "&#xFFFD;";
			}
			return (hex && s.charAt(i + 2) == 'X') ? "&#" + cp + ";" : null;
		}
		while (j < n && j - i <= 40 && isNameChar(s.charAt(j))) {
			j++;
		}
		if (j == i + 1 || j >= n || s.charAt(j) != ';') {
			return "&amp;";
		}
		String name = s.substring(i + 1, j);
		switch (name) {
			case "amp", "lt", "gt", "quot", "apos" -> {
				return null;
			}
			default -> {
				if (declared.contains(name)) {
					return null;
				}
				String value = org.jsoup.nodes.Entities.isNamedEntity(name) ? org.jsoup.nodes.Entities.getByName(name) : null;
				if (value == null) {
					return "&amp;";
				}
				StringBuilder refs = new StringBuilder();
				value.codePoints().forEach((cp) -> refs.append("&#").append(cp).append(';'));
				return refs.toString();
			}
		}
	}

	private static boolean isNameChar(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':';
	}

	static boolean isXmlChar(int cp) {
		return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
				|| (cp >= 0x10000 && cp <= 0x10FFFF);
	}

	private static int firstTag(String text) {
		int i = 0;
		int n = text.length();
		while (i < n) {
			char c = text.charAt(i);
			if (c == '<') {
				return i;
			}
			i++;
		}
		return 0;
	}

	static String stripIllegal(String s) {
		return removeIllegalCharacters(s);
	}

	private static String removeIllegalCharacters(String s) {
		int n = s.length();
		int i = 0;
		while (i < n && legalAt(s, i)) {
			i += Character.isHighSurrogate(s.charAt(i)) ? 2 : 1;
		}
		if (i >= n) {
			return s;
		}
		StringBuilder out = new StringBuilder(n);
		out.append(s, 0, i);
		while (i < n) {
			char c = s.charAt(i);
			if (legalAt(s, i)) {
				out.append(c);
				if (Character.isHighSurrogate(c)) {
					out.append(s.charAt(i + 1));
					i++;
				}
			}
			else if (c >= 0x80 && c <= 0x9F) {
				out.append(new String(new byte[] { (byte) c }, XmlDecoder.WINDOWS_1252));
			}
			else if (Character.isSurrogate(c)) {
				out.append('\uFFFD');
			}
			i++;
		}
		return out.toString();
	}

	private static boolean legalAt(String s, int i) {
		char c = s.charAt(i);
		if (c >= 0x20 && c < 0x7F) {
			return true;
		}
		if (Character.isHighSurrogate(c)) {
			return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
		}
		if (Character.isLowSurrogate(c)) {
			return false;
		}
		if (c >= 0x80 && c <= 0x9F) {
			return false; // C1 controls: decoded as windows-1252 by the caller
		}
		return isXmlChar(c);
	}

	private static int indexAfter(String s, String token, int from) {
		int at = s.indexOf(token, from);
		return (at < 0) ? s.length() : at + token.length();
	}

	private static int doctypeEnd(String s, int start) {
		int depth = 0;
		char quote = 0;
		for (int i = start + 2; i < s.length(); i++) {
			char c = s.charAt(i);
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
			}
			else if (c == '"' || c == '\'') {
				quote = c;
			}
			else if (c == '[') {
				depth++;
			}
			else if (c == ']') {
				depth--;
			}
			else if (c == '>' && depth <= 0) {
				return i + 1;
			}
		}
		return s.length();
	}

	private static Set<String> declaredEntities(String doctype) {
		Set<String> names = new HashSet<>();
		Matcher matcher = ENTITY_DECL.matcher(doctype);
		while (matcher.find()) {
			if (matcher.group(1) == null) {
				names.add(matcher.group(2));
			}
		}
		return names;
	}

}
