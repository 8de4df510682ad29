package policywatch.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks text against the HTML subset the Telegram Bot API accepts with {@code parse_mode=HTML}, the way the real
 * API does before sending: supported tags only, every tag closed in order, and every {@code <} or {@code &} part
 * of a tag or an entity.
 * <p>
 * Error texts follow the real API ({@code can't parse entities: ...} with UTF-8 byte offsets). One deliberate
 * difference: the real API lets a bare {@code &} through as a literal, this check rejects it so that a missing
 * escape is caught in tests.
 */
public final class BotApiHtmlValidator {

	private static final Set<String> TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a",
			"code", "pre", "span", "tg-spoiler", "blockquote");

	private BotApiHtmlValidator() {
	}

	/**
	 * Returns the reason the text is rejected, such as
	 * {@code can't parse entities: Unsupported start tag "div" at byte offset 0}, or empty when it is valid.
	 * @param html the message text
	 * @return the problem, if any
	 */
	public static Optional<String> validate(String html) {
		try {
			parse(html);
			return Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.of("can't parse entities: " + ex.getMessage());
		}
	}

	/**
	 * Returns the text a user sees: tags removed and entities decoded.
	 * @param html valid Telegram HTML
	 * @return the plain text
	 * @throws IllegalArgumentException when the HTML is not valid
	 */
	public static String plainText(String html) {
		return parse(html);
	}

	private static String parse(String html) {
		StringBuilder plain = new StringBuilder(html.length());
		Deque<String> open = new ArrayDeque<>();
		int i = 0;
		int length = html.length();
		while (i < length) {
			char c = html.charAt(i);
			if (c == '&') {
				int end = entityEnd(html, i);
				if (end < 0) {
					throw new IllegalArgumentException(
							"Character '&' must be escaped as &amp; at byte offset " + byteOffset(html, i));
				}
				plain.append(decodeEntity(html.substring(i + 1, end)));
				i = end + 1;
			}
			else if (c == '<') {
				int close = html.indexOf('>', i);
				if (close < 0) {
					throw new IllegalArgumentException("Unclosed start tag at byte offset " + byteOffset(html, i));
				}
				String inside = html.substring(i + 1, close);
				if (inside.startsWith("/")) {
					String name = inside.substring(1).strip().toLowerCase(Locale.ROOT);
					if (open.isEmpty()) {
						throw new IllegalArgumentException("Unexpected end tag at byte offset " + byteOffset(html, i));
					}
					if (!open.peek().equals(name)) {
						throw new IllegalArgumentException("Unmatched end tag at byte offset " + byteOffset(html, i)
								+ ", expected \"</" + open.peek() + ">\", found \"</" + name + ">\"");
					}
					open.pop();
				}
				else {
					String name = tagName(inside);
					if (!TAGS.contains(name)) {
						throw new IllegalArgumentException(
								"Unsupported start tag \"" + name + "\" at byte offset " + byteOffset(html, i));
					}
					String attributes = inside.substring(Math.min(inside.length(), name.length()));
					checkAttributes(name, attributes, byteOffset(html, i));
					open.push(name);
				}
				i = close + 1;
			}
			else {
				plain.append(c);
				i++;
			}
		}
		if (!open.isEmpty()) {
			throw new IllegalArgumentException(
					"Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
		}
		return plain.toString();
	}

	private static String tagName(String inside) {
		int end = 0;
		while (end < inside.length() && isNameChar(inside.charAt(end))) {
			end++;
		}
		return inside.substring(0, end).toLowerCase(Locale.ROOT);
	}

	private static boolean isNameChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
	}

	private static void checkAttributes(String tag, String attributes, int offset) {
		String text = attributes.strip();
		if (!text.isEmpty() && !Character.isWhitespace(attributes.charAt(0))) {
			throw new IllegalArgumentException("Unsupported start tag \"" + tag + attributes.charAt(0)
					+ "\" at byte offset " + offset);
		}
		int quotes = 0;
		for (char c : text.toCharArray()) {
			if (c == '"') {
				quotes++;
			}
		}
		if (quotes % 2 != 0) {
			throw new IllegalArgumentException("Unclosed start tag at byte offset " + offset);
		}
		if (tag.equals("span") && !text.replace(" ", "").matches("(?s).*class=(\"tg-spoiler\"|'tg-spoiler'|tg-spoiler).*")) {
			throw new IllegalArgumentException("Tag \"span\" must have class \"tg-spoiler\" at byte offset " + offset);
		}
		if (tag.equals("a") && text.contains("href=") && text.replaceAll("(?s).*href=\\s*[\"']?", "").startsWith("javascript:")) {
			throw new IllegalArgumentException("Wrong URL in tag \"a\" at byte offset " + offset);
		}
	}

	/** Index of the {@code ;} ending a valid entity starting at {@code start}, or -1. */
	private static int entityEnd(String html, int start) {
		int semicolon = html.indexOf(';', start);
		if (semicolon < 0 || semicolon - start > 10) {
			return -1;
		}
		String name = html.substring(start + 1, semicolon);
		if (name.equals("lt") || name.equals("gt") || name.equals("amp") || name.equals("quot")) {
			return semicolon;
		}
		if (name.matches("#[0-9]{1,7}") || name.matches("#[xX][0-9a-fA-F]{1,6}")) {
			int code = name.charAt(1) == 'x' || name.charAt(1) == 'X' ? Integer.parseInt(name.substring(2), 16)
					: Integer.parseInt(name.substring(1));
			return Character.isValidCodePoint(code) && code != 0 ? semicolon : -1;
		}
		return -1;
	}

	private static String decodeEntity(String name) {
		switch (name) {
			case "lt":
				return "<";
			case "gt":
				return ">";
			case "amp":
				return "&";
			case "quot":
				return "\"";
			default:
				int code = name.charAt(1) == 'x' || name.charAt(1) == 'X' ? Integer.parseInt(name.substring(2), 16)
						: Integer.parseInt(name.substring(1));
				return new String(Character.toChars(code));
		}
	}

	private static int byteOffset(String text, int index) {
		return text.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
	}

}
