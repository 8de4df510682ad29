package policywatch.ingest.parse;

import policywatch.ingest.extract.HtmlText;

/**
 * Plain text of feed titles and descriptions. Every step is linear in the text's length, however
 * its whitespace is arranged.
 */
final class FeedText {

	/** Characters of a title read at most (a longer one is not a title; reading it costs time). */
	static final int MAX_TITLE_INPUT = 10_000;

	/** Characters of a title kept at most. */
	static final int MAX_TITLE = 1_000;

	private FeedText() {
	}

	/**
	 * A title of unknown type through {@link HtmlText#titleToText(String)}, or as HTML when it holds
	 * real HTML elements; no-break spaces as plain spaces; at most {@link #MAX_TITLE} characters.
	 */
	static String plainTitle(String title) {
		if (title == null) {
			return "";
		}
		String input = titleInput(title);
		String text = HtmlNames.containsHtmlElement(input) ? HtmlText.toText(input) : HtmlText.titleToText(input);
		return titleOutput((text.indexOf('\u00a0') >= 0 || text.indexOf('\n') >= 0) ? collapse(text) : text);
	}

	/** The part of a raw title that is read. */
	static String titleInput(String title) {
		return (title.length() <= MAX_TITLE_INPUT) ? title : title.substring(0, MAX_TITLE_INPUT);
	}

	/** A title's text, cut with "…" beyond {@link #MAX_TITLE} characters. */
	static String titleOutput(String text) {
		return (text.length() <= MAX_TITLE) ? text : text.substring(0, MAX_TITLE - 1).strip() + "…";
	}

	/**
	 * Plain text of an HTML fragment, with no-break spaces as plain spaces. Text without markup or
	 * entities is only split into paragraphs at blank lines, here.
	 */
	static String htmlToText(String html) {
		if (html == null || html.isBlank()) {
			return "";
		}
		String text = (html.indexOf('<') < 0 && html.indexOf('&') < 0) ? paragraphs(html) : HtmlText.toText(html);
		return (text.indexOf('\u00a0') >= 0) ? collapseSpaces(text.replace('\u00a0', ' ')).strip() : text;
	}

	/** Whitespace (no-break spaces included) collapsed to single spaces, ends stripped. */
	static String collapse(String text) {
		if (text == null) {
			return "";
		}
		String plain = text.replace('\u00a0', ' ').strip();
		StringBuilder out = new StringBuilder(plain.length());
		int i = 0;
		while (i < plain.length()) {
			if (isSpace(plain.charAt(i))) {
				while (i < plain.length() && isSpace(plain.charAt(i))) {
					i++;
				}
				out.append(' ');
			}
			else {
				out.append(plain.charAt(i++));
			}
		}
		return out.toString();
	}

	/** One line of at most 200 characters, for error messages. */
	static String oneLine(String text) {
		String line = collapse(text);
		return (line.length() > 200) ? line.substring(0, 200) + "…" : line;
	}

	/** The message of an exception, or of the first cause that has one, or its type. */
	static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	/**
	 * Plain text split into paragraphs at runs of whitespace holding two or more line breaks,
	 * each paragraph's whitespace collapsed, paragraphs separated by one blank line.
	 */
	static String paragraphs(String text) {
		String s = text.strip();
		StringBuilder out = new StringBuilder(s.length());
		int i = 0;
		int n = s.length();
		while (i < n) {
			char c = s.charAt(i);
			if (!isSpace(c)) {
				out.append(c);
				i++;
				continue;
			}
			int newlines = 0;
			while (i < n && isSpace(s.charAt(i))) {
				newlines += (s.charAt(i) == '\n') ? 1 : 0;
				i++;
			}
			out.append((newlines >= 2) ? "\n\n" : " ");
		}
		return out.toString();
	}

	/** Runs of two or more plain spaces as one. */
	private static String collapseSpaces(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != ' ' || out.length() == 0 || out.charAt(out.length() - 1) != ' ') {
				out.append(c);
			}
		}
		return out.toString();
	}

	/** Whitespace as the pattern {@code \s} sees it. */
	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
	}

}
