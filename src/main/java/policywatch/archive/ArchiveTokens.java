package policywatch.archive;

import java.util.Locale;

import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

import policywatch.query.Words;

/**
 * A text cut into the tokens the subscription matcher sees, with what the archive index needs of each: its key
 * (from {@link Words#keys}, what words are compared on), its form (lower case, folded: what a prefix is compared
 * with), whether it is written in capitals (for acronyms) and whether it is a Chinese or Japanese character.
 * <p>
 * The keys come from the query module itself; the token boundaries, forms and capitals are read here the way the
 * query module's tokenizer reads them (runs of letters and digits with their marks, dotted acronyms such as
 * {@code U.S.}, single Chinese and Japanese characters, a possessive {@code 's} dropped). When the two disagree on the
 * number of tokens, the text is {@link #exact() not exact}: the index then lets the matcher decide for it.
 */
final class ArchiveTokens {

	/** The longest word the index keeps whole; longer ones are cut. */
	static final int MAX_LENGTH = 200;

	private static final ArchiveTokens EMPTY = new ArchiveTokens(new String[0], new String[0], new boolean[0],
			new boolean[0], true);

	private final String[] keys;

	private final String[] forms;

	private final boolean[] upper;

	private final boolean[] cjk;

	private final boolean exact;

	private ArchiveTokens(String[] keys, String[] forms, boolean[] upper, boolean[] cjk, boolean exact) {
		this.keys = keys;
		this.forms = forms;
		this.upper = upper;
		this.cjk = cjk;
		this.exact = exact;
	}

	int size() {
		return this.keys.length;
	}

	String key(int i) {
		return this.keys[i];
	}

	/** The form of token {@code i}; its key when the text is not {@link #exact()}. */
	String form(int i) {
		return this.forms[i];
	}

	boolean upper(int i) {
		return this.upper[i];
	}

	boolean cjk(int i) {
		return this.cjk[i];
	}

	/**
	 * @return whether forms and capitals are known for every token (this reading agrees with the query module's)
	 */
	boolean exact() {
		return this.exact;
	}

	/**
	 * @return whether a token is longer than the index keeps ({@link #MAX_LENGTH} characters)
	 */
	boolean hasLongWord() {
		for (int i = 0; i < this.keys.length; i++) {
			if (this.keys[i].length() > MAX_LENGTH || this.forms[i].length() > MAX_LENGTH) {
				return true;
			}
		}
		return false;
	}

	static ArchiveTokens of(String text) {
		if (text == null || text.isEmpty()) {
			return EMPTY;
		}
		String[] keys = Words.keys(text);
		Scanner scanner = new Scanner(text, keys.length);
		scanner.scan();
		if (scanner.size != keys.length) {
			boolean[] none = new boolean[keys.length];
			return new ArchiveTokens(keys, keys, none, none, false);
		}
		return new ArchiveTokens(keys, scanner.forms, scanner.upper, scanner.cjk, true);
	}

	static boolean isCjk(int cp) {
		if (cp < 0x2E80) {
			return false;
		}
		if (cp == 0x3005 || cp == 0x30FC || cp == 0xFF70 || cp == 0x3006) {
			return true;
		}
		Character.UnicodeScript script = Character.UnicodeScript.of(cp);
		return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
				|| script == Character.UnicodeScript.KATAKANA;
	}

	private static boolean isWordStart(int cp) {
		if (cp < 128) {
			return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
		}
		return Character.isLetterOrDigit(cp);
	}

	private static boolean isWordPart(int cp) {
		if (cp < 128) {
			return isWordStart(cp);
		}
		if (isCjk(cp)) {
			return false;
		}
		if (Character.isLetterOrDigit(cp)) {
			return true;
		}
		int type = Character.getType(cp);
		return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
				|| type == Character.ENCLOSING_MARK;
	}

	static String fold(String raw) {
		boolean ascii = true;
		for (int i = 0; i < raw.length(); i++) {
			if (raw.charAt(i) >= 128) {
				ascii = false;
				break;
			}
		}
		if (ascii) {
			return raw.toLowerCase(Locale.ROOT);
		}
		char[] lower = raw.toLowerCase(Locale.ROOT).toCharArray();
		char[] folded = new char[lower.length * 4];
		int length = ASCIIFoldingFilter.foldToASCII(lower, 0, folded, 0, lower.length);
		StringBuilder result = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			char c = folded[i];
			int type = Character.getType(c);
			if (type != Character.NON_SPACING_MARK && type != Character.COMBINING_SPACING_MARK
					&& type != Character.ENCLOSING_MARK) {
				result.append(c);
			}
		}
		return result.toString().toLowerCase(Locale.ROOT);
	}

	/**
	 * One pass over the text, linear in its length.
	 */
	private static final class Scanner {

		private final String text;

		private final int capacity;

		final String[] forms;

		final boolean[] upper;

		final boolean[] cjk;

		int size;

		Scanner(String text, int capacity) {
			this.text = text;
			this.capacity = capacity;
			this.forms = new String[capacity];
			this.upper = new boolean[capacity];
			this.cjk = new boolean[capacity];
		}

		private void add(String form, boolean upper, boolean cjk) {
			if (this.size < this.capacity) {
				this.forms[this.size] = form;
				this.upper[this.size] = upper;
				this.cjk[this.size] = cjk;
			}
			this.size++;
		}

		void scan() {
			String text = this.text;
			int length = text.length();
			int i = 0;
			while (i < length) {
				int cp = text.codePointAt(i);
				int next = i + Character.charCount(cp);
				if (isCjk(cp)) {
					add(text.substring(i, next), false, true);
					i = next;
				}
				else if (isWordStart(cp)) {
					int acronymEnd = dottedAcronymEnd(i);
					if (acronymEnd > 0) {
						addAcronym(i, acronymEnd);
						i = acronymEnd;
					}
					else {
						i = addWord(i);
					}
				}
				else {
					i = next;
				}
			}
		}

		private boolean isSingleLetter(int i) {
			String text = this.text;
			if (i >= text.length()) {
				return false;
			}
			char c = text.charAt(i);
			if (!Character.isLetter(c) || isCjk(c)) {
				return false;
			}
			return !(i > 0 && isWordPart(text.charAt(i - 1)))
					&& !(i + 1 < text.length() && isWordPart(text.charAt(i + 1)));
		}

		private int dottedAcronymEnd(int i) {
			int at = i;
			int letters = 0;
			while (isSingleLetter(at) && at + 1 < this.text.length() && this.text.charAt(at + 1) == '.') {
				letters++;
				at += 2;
			}
			return (letters >= 2) ? at : -1;
		}

		private void addAcronym(int from, int to) {
			StringBuilder letters = new StringBuilder();
			boolean allUpper = true;
			for (int i = from; i < to; i += 2) {
				char c = this.text.charAt(i);
				letters.append(c);
				allUpper &= Character.isUpperCase(c);
			}
			add(fold(letters.toString()), allUpper, false);
		}

		private int addWord(int from) {
			String text = this.text;
			int length = text.length();
			int i = from;
			int letters = 0;
			int capitals = 0;
			boolean ascii = true;
			char last = 0;
			while (i < length) {
				char c = text.charAt(i);
				if (c < 128) {
					if (c >= 'a' && c <= 'z') {
						letters++;
					}
					else if (c >= 'A' && c <= 'Z') {
						letters++;
						capitals++;
					}
					else if (c < '0' || c > '9') {
						break;
					}
					last = c;
					i++;
					continue;
				}
				int cp = text.codePointAt(i);
				if (!isWordPart(cp)) {
					break;
				}
				ascii = false;
				if (Character.isLetter(cp)) {
					letters++;
					if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
						capitals++;
					}
				}
				last = (char) cp;
				i += Character.charCount(cp);
			}
			String raw = text.substring(from, i);
			String form = ascii ? raw.toLowerCase(Locale.ROOT) : fold(raw);
			boolean upper = letters >= 2
					&& (capitals == letters || (letters >= 4 && capitals == letters - 1 && last == 's'));
			if (!form.isEmpty()) {
				add(form, upper, false);
			}
			if (i + 1 < length && (text.charAt(i) == '\'' || text.charAt(i) == '\u2019')
					&& (text.charAt(i + 1) == 's' || text.charAt(i + 1) == 'S')
					&& (i + 2 >= length || !isWordPart(text.codePointAt(i + 2)))) {
				return i + 2;
			}
			return i;
		}

	}

}
