package policywatch.delivery.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits plain text into sentences, returning their ranges in the original text (trimmed of
 * surrounding whitespace). A sentence ends at {@code . ! ? …} followed by whitespace and a word
 * that may start a sentence (not lowercase), unless the period ends a known abbreviation, an
 * initial ({@code U.S.}) or a small ordinal number ({@code 3. Oktober}); closing quotes and brackets
 * stay with their sentence. Chinese and Japanese {@code 。！？} end a sentence without a space.
 * A paragraph break (blank line) always ends a sentence. Thread-safe.
 */
public final class SentenceSplitter {

	/** Abbreviations that stand before a number ("No. 5", "Art. 3"): only then not a sentence end. */
	private static final Set<String> NUMBER_ABBREVIATIONS = Set.of("no", "nos", "nr", "art", "abs", "ziff", "p", "pp",
			"vol", "fig", "sec", "ch", "para", "chap", "op");

	private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc",
			"ltd", "co", "corp", "vs", "v", "e.g", "i.e", "eg", "ie", "cf", "al", "gov", "sen", "rep", "reps", "gen",
			"col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "mt", "ft", "ave", "blvd", "rd", "art", "abs", "ziff",
			"bzw", "ca", "z.b", "u.a", "d.h", "u.s.w", "usw", "vgl", "hr", "fr", "frau", "str", "bd", "vol", "pp",
			"fig", "approx", "dept", "est", "op", "ed", "eds", "rev", "hon", "pres", "supt", "messrs", "mme", "mlle",
			"jh", "jhd", "dipl", "ing", "s", "u", "inkl", "evtl", "ggf", "sog", "bspw", "geb", "gest", "mio", "mrd",
			"tel", "min", "max", "etc.al", "p", "para", "sec", "ch", "chap", "univ", "assn", "bros", "dt", "engl",
			"franz", "ital", "lat", "span", "zzgl", "abt", "abg", "mdb", "mdl", "ref", "az", "resp", "i.d.r",
			"z.t", "u.u", "o.g", "s.o", "s.u", "m.e", "a.m", "p.m");

	/**
	 * @param text plain text, may be {@code null}
	 * @return the sentences' ranges in text order, never overlapping
	 */
	public List<TextSpan> split(String text) {
		List<TextSpan> sentences = new ArrayList<>();
		if (text == null) {
			return sentences;
		}
		int length = text.length();
		int start = 0;
		int i = 0;
		while (i < length) {
			char c = text.charAt(i);
			if (c == '\n' && isParagraphBreak(text, i)) {
				add(text, start, i, sentences);
				start = i + 1;
				i++;
				continue;
			}
			if (c == '。' || c == '！' || c == '？' || c == '｡') {
				int end = skipTerminators(text, i + 1);
				end = skipClosers(text, end);
				add(text, start, end, sentences);
				start = end;
				i = end;
				continue;
			}
			if (c == '.' || c == '!' || c == '?' || c == '…' || c == '‼' || c == '⁇') {
				int end = skipTerminators(text, i + 1);
				end = skipClosers(text, end);
				if (isBoundary(text, i, end)) {
					add(text, start, end, sentences);
					start = end;
					i = end;
					continue;
				}
				i = end;
				continue;
			}
			i++;
		}
		add(text, start, length, sentences);
		return sentences;
	}

	private static boolean isParagraphBreak(String text, int newline) {
		int j = newline + 1;
		while (j < text.length() && text.charAt(j) != '\n' && Character.isWhitespace(text.charAt(j))) {
			j++;
		}
		if (j < text.length() && text.charAt(j) == '\n') {
			return true;
		}
		int k = newline - 1;
		while (k >= 0 && text.charAt(k) != '\n' && Character.isWhitespace(text.charAt(k))) {
			k--;
		}
		return k >= 0 && text.charAt(k) == '\n';
	}

	private static int skipTerminators(String text, int i) {
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '.' || c == '!' || c == '?' || c == '…' || c == '。' || c == '！' || c == '？') {
				i++;
			}
			else {
				break;
			}
		}
		return i;
	}

	private static int skipClosers(String text, int i) {
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '"' || c == '\'' || c == '”' || c == '’' || c == '»' || c == '«' || c == ')' || c == ']'
					|| c == '」' || c == '』' || c == '）' || c == '】' || c == '“' || c == '›') {
				i++;
			}
			else {
				break;
			}
		}
		return i;
	}

	/** Whether the terminator at {@code at} (with closers up to {@code end}) ends a sentence. */
	private static boolean isBoundary(String text, int at, int end) {
		if (end >= text.length()) {
			return true;
		}
		if (!Character.isWhitespace(text.charAt(end))) {
			return false;
		}
		int next = end;
		while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
			next++;
		}
		if (next >= text.length()) {
			return true;
		}
		char following = text.charAt(next);
		if (Character.isLowerCase(following)) {
			return false;
		}
		if (text.charAt(at) != '.' || at + 1 != end && text.charAt(at + 1) == '.') {
			return true;
		}
		// a single period: abbreviation, initial or ordinal?
		int wordStart = at;
		while (wordStart > 0 && !Character.isWhitespace(text.charAt(wordStart - 1))
				&& "(\"'“‘[".indexOf(text.charAt(wordStart - 1)) < 0) {
			wordStart--;
		}
		String word = text.substring(wordStart, at);
		if (word.isEmpty()) {
			return true;
		}
		String lower = word.toLowerCase(Locale.ROOT);
		if (NUMBER_ABBREVIATIONS.contains(lower)) {
			return !Character.isDigit(following);
		}
		if (ABBREVIATIONS.contains(lower)) {
			return false;
		}
		if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
			return false;
		}
		if (isDottedInitials(word)) {
			// U.S., e.g., z.B.: dotted initials (better one long sentence than a cut one)
			return false;
		}
		if (word.length() <= 2 && isAsciiDigits(word) && Character.isUpperCase(following) && isMonthOrNoun(text, next)) {
			return false;
		}
		return true;
	}

	/**
	 * Letters each followed by a period, then one more letter ({@code U.S}, {@code e.g}, {@code z.B}):
	 * what {@code (\\p{L}\\.)+\\p{L}} matches, without that pattern's recursion per repetition
	 * (a stack overflow on a long enough word).
	 */
	static boolean isDottedInitials(String word) {
		int n = word.length();
		if (n < 3 || n % 2 == 0) {
			return false;
		}
		for (int i = 0; i < n; i++) {
			char c = word.charAt(i);
			if ((i % 2 == 0) ? !isLetter(word, i) : c != '.') {
				return false;
			}
		}
		return true;
	}

	private static boolean isLetter(String word, int i) {
		return Character.isLetter(word.charAt(i));
	}

	private static boolean isAsciiDigits(String word) {
		for (int i = 0; i < word.length(); i++) {
			if (word.charAt(i) < '0' || word.charAt(i) > '9') {
				return false;
			}
		}
		return !word.isEmpty();
	}

	private static final Set<String> MONTHS = Set.of("januar", "jänner", "februar", "märz", "april", "mai", "juni",
			"juli", "august", "september", "oktober", "november", "dezember", "jahrhundert", "jahrhunderts", "mal",
			"platz", "stock", "klasse", "liga", "runde", "spieltag", "etage", "bundesliga", "quartal", "lebensjahr");

	private static boolean isMonthOrNoun(String text, int next) {
		int end = next;
		while (end < text.length() && Character.isLetter(text.charAt(end))) {
			end++;
		}
		return MONTHS.contains(text.substring(next, end).toLowerCase(Locale.ROOT));
	}

	private static void add(String text, int start, int end, List<TextSpan> sentences) {
		while (start < end && Character.isWhitespace(text.charAt(start))) {
			start++;
		}
		while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
			end--;
		}
		if (end > start) {
			sentences.add(new TextSpan(start, end));
		}
	}

}
