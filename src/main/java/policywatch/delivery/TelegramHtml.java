package policywatch.delivery;

/**
 * Escaping text for Telegram's HTML parse mode, shared by alerts, admin replies and chat commands.
 */
public final class TelegramHtml {

	private TelegramHtml() {
	}

	/**
	 * Escapes {@code &}, {@code <} and {@code >} for Telegram HTML text.
	 */
	public static String escape(String text) {
		return policywatch.text.Markup.escapeText(text);
	}

	/**
	 * Escapes text for a double-quoted Telegram HTML attribute value.
	 */
	public static String escapeAttribute(String text) {
		return escape(text).replace("\"", "&quot;");
	}

}
