package policywatch.admin;

import java.util.List;

import policywatch.delivery.TelegramHtmlEscaper;

/**
 * Fitting admin replies into one Telegram message (4096 characters after entity parsing).
 */
final class ReplyFitter {

	/** Room left under Telegram's 4096 for the markup the chat layer adds and a safety margin. */
	static final int MAX_CHARS = 3800;

	private ReplyFitter() {
	}

	/**
	 * Joins a header, items and a footer; when too long, drops the items that do not fit and
	 * says {@code … and N more}.
	 * @param header text before the items (may be empty)
	 * @param items the items, each one or more lines
	 * @param footer text after the items (may be empty)
	 * @param max the longest result
	 * @return the text, never longer than {@code max}
	 */
	static String fit(String header, List<String> items, String footer, int max) {
		return fit(header, items, footer, max, ReplyFitter::more);
	}

	/**
	 * Like {@link #fit(String, List, String, int)} with {@code … and N more} in the reader's language.
	 * @param more the line for N items left out, ending with a line break
	 */
	static String fit(String header, List<String> items, String footer, int max,
			java.util.function.IntFunction<String> more) {
		StringBuilder text = new StringBuilder(header);
		int shown = 0;
		for (String item : items) {
			int after = items.size() - shown - 1;
			int reserve = footer.length() + ((after > 0) ? more.apply(after).length() : 0);
			if (text.length() + item.length() + 1 + reserve > max) {
				break;
			}
			text.append(item).append('\n');
			shown++;
		}
		if (shown < items.size()) {
			text.append(more.apply(items.size() - shown));
		}
		text.append(footer);
		String result = text.toString().strip();
		return (result.length() <= max) ? result : result.substring(0, max - 1) + "…";
	}

	private static String more(int count) {
		return "… and " + count + " more\n";
	}

	/**
	 * The text on one line, at most {@code max} characters.
	 */
	static String oneLine(String text, int max) {
		return policywatch.text.Texts.oneLine(text, max);
	}

	/**
	 * Escapes text for Telegram HTML.
	 */
	static String escape(String text) {
		return TelegramHtmlEscaper.escape(text);
	}

}
