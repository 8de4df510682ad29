package policywatch.text;

/**
 * Escaping text for HTML and XML (Telegram's HTML messages, OPML files): one loop over the text.
 */
public final class Markup {

	private Markup() {
	}

	/**
	 * Escapes {@code &}, {@code <} and {@code >} for element content.
	 * @param text the text
	 * @return the escaped text
	 */
	public static String escapeText(String text) {
		return escape(text, false);
	}

	/**
	 * Escapes text for a double-quoted XML attribute value: {@code &}, {@code <}, {@code >} and
	 * {@code "}, line breaks and tabs as character references (so they survive attribute
	 * normalisation), other control characters XML forbids dropped.
	 * @param text the text
	 * @return the escaped text
	 */
	public static String escapeAttribute(String text) {
		return escape(text, true);
	}

	private static String escape(String text, boolean attribute) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append(attribute ? "&quot;" : "\"");
				case '\n' -> escaped.append(attribute ? "&#10;" : "\n");
				case '\r' -> escaped.append(attribute ? "&#13;" : "\r");
				case '\t' -> escaped.append(attribute ? "&#9;" : "\t");
				default -> {
					if (c >= 0x20 || !attribute) {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

}
