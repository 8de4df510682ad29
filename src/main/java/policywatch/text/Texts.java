package policywatch.text;

/**
 * The small text helpers every module needs: whitespace collapsed, one-line messages, lengths
 * capped with an ellipsis. Plain loops over the text (no regular expressions), so they stay
 * linear on any input. No Spring, no third-party library: any module may use them.
 */
public final class Texts {

	/** The character a shortened text ends with. */
	public static final String ELLIPSIS = "…";

	private Texts() {
	}

	/**
	 * Message arguments with every number turned into its plain digits, so that a message bundle
	 * never groups them ("12345", not "12,345") whatever the language.
	 * @param args the arguments, may be empty
	 * @return {@code null} when there are none (as {@code MessageSource} expects), else a copy
	 */
	public static Object[] plainNumbers(Object... args) {
		if (args == null || args.length == 0) {
			return null;
		}
		Object[] plain = new Object[args.length];
		for (int i = 0; i < args.length; i++) {
			plain[i] = (args[i] instanceof Number number) ? number.toString() : args[i];
		}
		return plain;
	}

	/**
	 * Each run of whitespace (as {@link Character#isWhitespace(int)} sees it, plus the no-break
	 * spaces U+00A0, U+2007 and U+202F) replaced by one space; the ends are kept as they are.
	 * @param text the text, may be {@code null}
	 * @return the collapsed text, empty for {@code null}
	 */
	public static String collapseWhitespace(String text) {
		if (text == null) {
			return "";
		}
		int n = text.length();
		StringBuilder out = null;
		int i = 0;
		while (i < n) {
			char c = text.charAt(i);
			if (!isSpace(c)) {
				if (out != null) {
					out.append(c);
				}
				i++;
				continue;
			}
			int end = i + 1;
			while (end < n && isSpace(text.charAt(end))) {
				end++;
			}
			if (out == null && (c != ' ' || end > i + 1)) {
				out = new StringBuilder(n).append(text, 0, i);
			}
			if (out != null) {
				out.append(' ');
			}
			i = end;
		}
		return (out != null) ? out.toString() : text;
	}

	/**
	 * The text on one line: whitespace runs (line breaks included) collapsed to one space, ends
	 * stripped.
	 * @param text the text, may be {@code null}
	 * @return the line, empty for {@code null}
	 */
	public static String oneLine(String text) {
		return collapseWhitespace(text).strip();
	}

	/**
	 * The text on one line, at most {@code max} characters (shortened ones end with
	 * {@link #ELLIPSIS}).
	 * @param text the text, may be {@code null}
	 * @param max the most characters, at least 1
	 * @return the line, empty for {@code null}
	 */
	public static String oneLine(String text, int max) {
		return truncate(oneLine(text), max);
	}

	/**
	 * The text cut to at most {@code max} characters, the last of which is then
	 * {@link #ELLIPSIS}; never splits a surrogate pair.
	 * @param text the text, may be {@code null}
	 * @param max the most characters, at least 1
	 * @return the text as it is when short enough; {@code null} for {@code null}
	 */
	public static String truncate(String text, int max) {
		if (max < 1) {
			throw new IllegalArgumentException("max must be at least 1: " + max);
		}
		if (text == null || text.length() <= max) {
			return text;
		}
		int cut = max - 1;
		if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
			cut--;
		}
		return text.substring(0, cut) + ELLIPSIS;
	}

	/**
	 * Where an ASCII word first occurs in a text at or after a position, ignoring case; one pass.
	 * @param text the text
	 * @param word the word, ASCII lower case
	 * @param from where to start
	 * @return the index, or -1
	 */
	public static int indexOfIgnoreCase(String text, String word, int from) {
		int last = text.length() - word.length();
		char first = word.charAt(0);
		for (int i = Math.max(0, from); i <= last; i++) {
			char c = text.charAt(i);
			if ((c == first || (c | 0x20) == first) && text.regionMatches(true, i, word, 0, word.length())) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isSpace(char c) {
		return Character.isWhitespace(c) || c == '\u00a0' || c == '\u2007' || c == '\u202f';
	}

	/**
	 * The Levenshtein distance between two strings (insertions, deletions and substitutions of one
	 * character each cost 1), for "did you mean" suggestions. Costs {@code a.length() × b.length()}:
	 * callers keep both short.
	 */
	public static int editDistance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
