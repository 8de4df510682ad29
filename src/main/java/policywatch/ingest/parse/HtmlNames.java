package policywatch.ingest.parse;

import java.util.Locale;
import java.util.Set;

import org.jsoup.parser.Tag;

/**
 * Tells whether a text holds real HTML elements (as opposed to text that merely looks like a
 * tag, such as {@code "<update>"}): a tag whose name Jsoup knows as an HTML element, or one of
 * the few that titles carry and Jsoup does not list ({@code <blink>}, {@code <svg>},
 * {@code <math>}). One pass over the text, no regular expression.
 */
final class HtmlNames {

	private static final int MAX_NAME = 16;

	/** Obsolete and foreign elements Jsoup's HTML tag set leaves out. */
	private static final Set<String> NOT_IN_JSOUP = Set.of("blink", "svg", "math");

	private HtmlNames() {
	}

	static boolean containsHtmlElement(String text) {
		int n = text.length();
		int at = text.indexOf('<');
		while (at >= 0) {
			int start = (at + 1 < n && text.charAt(at + 1) == '/') ? at + 2 : at + 1;
			int end = start;
			if (end < n && isAsciiLetter(text.charAt(end))) {
				end++;
				while (end < n && end - start <= MAX_NAME && (isAsciiLetter(text.charAt(end)) || isDigit(text.charAt(end)))) {
					end++;
				}
				if (end < n && isNameEnd(text.charAt(end)) && isElement(text.substring(start, end).toLowerCase(Locale.ROOT))) {
					return true;
				}
			}
			at = text.indexOf('<', Math.max(end, at + 1));
		}
		return false;
	}

	private static boolean isElement(String name) {
		return Tag.isKnownTag(name) || NOT_IN_JSOUP.contains(name);
	}

	private static boolean isAsciiLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	/** What may follow a tag name: whitespace, {@code /} or {@code >}. */
	private static boolean isNameEnd(char c) {
		return Character.isWhitespace(c) || c == '/' || c == '>';
	}

}
