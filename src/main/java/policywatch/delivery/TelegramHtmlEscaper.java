package policywatch.delivery;

/**
 * Escaping text for Telegram's HTML parse mode, shared by alerts, admin replies and chat commands.
 */
public final class TelegramHtmlEscaper {

	private TelegramHtmlEscaper() {
	}

	/**
	 * Escapes {@code &}, {@code <} and {@code >} for Telegram HTML text.
	 */
	public static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/**
	 * Escapes text for a double-quoted Telegram HTML attribute value.
	 */
	public static String escapeAttribute(String text) {
		return escape(text).replace("\"", "&quot;");
	}

}
