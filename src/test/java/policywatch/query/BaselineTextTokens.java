package policywatch.query;

// Frozen copy of the production TextTokens as of commit b6d9186, kept in test scope only so that MatcherBenchmark can
// measure today's matcher side by side with the current one. Do not change it; do not use it outside benchmarks.

import java.util.Arrays;
import java.util.Locale;

import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

/**
 * A text cut into normalised tokens, the same way for queries and documents.
 * <p>
 * A token is a run of letters and digits (with their combining marks), a dotted acronym such as {@code U.S.}
 * (read as {@code us}), or a single Chinese or Japanese character. Everything else separates tokens, so
 * {@code supply-chain} and {@code supply chain} give the same two tokens. A possessive {@code 's} is dropped.
 * Each token keeps its character range in the original text and three normalised views:
 * <ul>
 * <li>{@code form}: lower case with diacritics folded ({@code São} → {@code sao}, {@code ß} → {@code ss});</li>
 * <li>{@code key}: the form with light English inflection removed ({@code chains} → {@code chain}), what
 * words are compared on;</li>
 * <li>{@code upper}: whether the token is written in capitals ({@code US}, {@code NGOs}), for acronyms.</li>
 * </ul>
 */
final class BaselineTextTokens {

	private static final BaselineTextTokens EMPTY = new BaselineTextTokens(0, new int[0], new int[0], new String[0], new String[0],
			new boolean[0], new boolean[0]);

	private final int size;

	private final int[] start;

	private final int[] end;

	private final String[] form;

	private final String[] key;

	private final boolean[] upper;

	private final boolean[] cjk;

	/** Per token: the index of its key among the text's distinct keys. */
	private final int[] distinct;

	private final String[] distinctKeys;

	private final int distinctCount;

	private BaselineTextTokens(int size, int[] start, int[] end, String[] form, String[] key, boolean[] upper, boolean[] cjk) {
		this(size, start, end, form, key, upper, cjk, new int[0], new String[0], 0);
	}

	private BaselineTextTokens(int size, int[] start, int[] end, String[] form, String[] key, boolean[] upper, boolean[] cjk,
			int[] distinct, String[] distinctKeys, int distinctCount) {
		this.distinct = distinct;
		this.distinctKeys = distinctKeys;
		this.distinctCount = distinctCount;
		this.size = size;
		this.start = start;
		this.end = end;
		this.form = form;
		this.key = key;
		this.upper = upper;
		this.cjk = cjk;
	}

	int size() {
		return this.size;
	}

	/** First character of token {@code i} in the original text. */
	int start(int i) {
		return this.start[i];
	}

	/** One past the last character of token {@code i} in the original text. */
	int end(int i) {
		return this.end[i];
	}

	String form(int i) {
		return this.form[i];
	}

	String key(int i) {
		return this.key[i];
	}

	boolean upper(int i) {
		return this.upper[i];
	}

	boolean cjk(int i) {
		return this.cjk[i];
	}

	/**
	 * @return the index of token {@code i}'s key among the distinct keys (equal keys of plain ASCII words share
	 * one index; others may repeat)
	 */
	int distinct(int i) {
		return this.distinct[i];
	}

	int distinctCount() {
		return this.distinctCount;
	}

	String distinctKey(int d) {
		return this.distinctKeys[d];
	}

	static BaselineTextTokens of(String text) {
		if (text == null || text.isEmpty()) {
			return EMPTY;
		}
		Builder builder = new Builder(Math.max(8, text.length() / 5));
		int length = text.length();
		int i = 0;
		while (i < length) {
			int cp = text.codePointAt(i);
			int next = i + Character.charCount(cp);
			if (isCjk(cp)) {
				builder.add(i, next, text.substring(i, next), null, false, true);
				i = next;
			}
			else if (isWordStart(cp)) {
				int acronymEnd = dottedAcronymEnd(text, i);
				if (acronymEnd > 0) {
					builder.addAcronym(text, i, acronymEnd);
					i = acronymEnd;
				}
				else {
					i = builder.addWord(text, i);
				}
			}
			else {
				i = next;
			}
		}
		return builder.build();
	}

	/**
	 * Chinese and Japanese characters: each one is a token of its own.
	 */
	static boolean isCjk(int cp) {
		if (cp < 0x2E80) {
			return false;
		}
		if (cp == 0x3005 || cp == 0x30FC || cp == 0xFF70 || cp == 0x3006) {
			return true; // 々 ー ｰ 〆
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

	private static boolean isSingleLetter(String text, int i) {
		if (i >= text.length()) {
			return false;
		}
		char c = text.charAt(i);
		if (!Character.isLetter(c) || isCjk(c)) {
			return false;
		}
		return !(i > 0 && isWordPart(text.charAt(i - 1))) && !(i + 1 < text.length() && isWordPart(text.charAt(i + 1)));
	}

	/**
	 * {@code U.S.}, {@code E.U.}: single letters each followed by a dot, at least two of them.
	 * @return the end of the acronym (after its last dot), or -1
	 */
	private static int dottedAcronymEnd(String text, int i) {
		int at = i;
		int letters = 0;
		while (isSingleLetter(text, at) && at + 1 < text.length() && text.charAt(at + 1) == '.') {
			letters++;
			at += 2;
		}
		return (letters >= 2) ? at : -1;
	}

	private static boolean isApostrophe(char c) {
		return c == '\'' || c == '\u2019';
	}

	/**
	 * Lower case, diacritics folded, combining marks dropped.
	 */
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
	 * Light English inflection: plural and third-person {@code -s}, {@code -es}, {@code -ies}. Applied to words of
	 * four or more plain letters, so both {@code chain} and {@code chains} give {@code chain} while {@code brics}
	 * ({@code bric}) and {@code bricks} ({@code brick}) stay apart.
	 */
	static String stem(String form) {
		int length = form.length();
		if (length < 4 || form.charAt(length - 1) != 's' || form.equals("news")) {
			return form;
		}
		for (int i = 0; i < length; i++) {
			char c = form.charAt(i);
			if (c < 'a' || c > 'z') {
				return form;
			}
		}
		char before = form.charAt(length - 2);
		if (before == 's' || before == 'u' || before == 'i') {
			return form; // business, status, crisis
		}
		if (before == 'e') {
			char third = form.charAt(length - 3);
			if (third == 'i' && length > 4) {
				char fourth = form.charAt(length - 4);
				if (fourth != 'a' && fourth != 'e') {
					return form.substring(0, length - 3) + "y"; // policies -> policy
				}
				return form.substring(0, length - 1);
			}
			if (third == 'a' || third == 'e' || third == 'o' || third == 'i') {
				return form.substring(0, length - 1); // goes -> goe, fees -> fee
			}
			return dropSibilantE(form.substring(0, length - 1));
		}
		return dropSibilantE(form.substring(0, length - 1));
	}

	/**
	 * {@code taxe} → {@code tax}, {@code headache} → {@code headach}: a final {@code e} after x, z, ch, sh or ss is
	 * dropped, so that {@code tax}/{@code taxes} and {@code headache}/{@code headaches} meet. Applied to the
	 * singular too, so both sides stay the same.
	 */
	private static String dropSibilantE(String word) {
		int length = word.length();
		if (length < 4 || word.charAt(length - 1) != 'e') {
			return word;
		}
		char a = word.charAt(length - 2);
		char b = word.charAt(length - 3);
		if (a == 'x' || a == 'z' || (a == 'h' && (b == 'c' || b == 's')) || (a == 's' && b == 's')) {
			return word.substring(0, length - 1);
		}
		return word;
	}

	/**
	 * The key words are compared on: the stemmed form, with {@link #dropSibilantE} applied to uninflected words.
	 */
	static String key(String form) {
		String stemmed = stem(form);
		if (stemmed == form) {
			boolean letters = true;
			for (int i = 0; i < form.length(); i++) {
				char c = form.charAt(i);
				if (c < 'a' || c > 'z') {
					letters = false;
					break;
				}
			}
			return letters ? dropSibilantE(form) : form;
		}
		return stemmed;
	}

	private static final class Builder {

		private int size;

		private int[] start;

		private int[] end;

		private String[] form;

		private String[] key;

		private boolean[] upper;

		private boolean[] cjk;

		/** Forms already met in this text (ASCII ones), so that a repeated word costs no new strings. */
		private String[] seenForms = new String[256];

		private String[] seenKeys = new String[256];

		private int[] seenIndex = new int[256];

		private int[] distinct;

		private String[] distinctKeys = new String[64];

		private int distinctCount;

		private int seenCount;

		private int seenShift = 32 - 8;

		/**
		 * @return the slot of the remembered form equal to the lower-cased {@code text[from, to)}, or -1
		 */
		private int findSeen(String text, int from, int to, int hash) {
			int mask = this.seenForms.length - 1;
			for (int slot = (hash * 0x9E3779B9) >>> this.seenShift;; slot = (slot + 1) & mask) {
				String form = this.seenForms[slot];
				if (form == null) {
					return -1;
				}
				if (form.hashCode() == hash && form.length() == to - from && form.regionMatches(true, 0, text, from, to - from)) {
					return slot;
				}
			}
		}

		private void remember(String form, String key, int index) {
			if ((this.seenCount + 1) * 2 > this.seenForms.length) {
				String[] forms = this.seenForms;
				String[] keys = this.seenKeys;
				int[] indexes = this.seenIndex;
				this.seenForms = new String[forms.length * 2];
				this.seenKeys = new String[forms.length * 2];
				this.seenIndex = new int[forms.length * 2];
				this.seenShift--;
				this.seenCount = 0;
				for (int i = 0; i < forms.length; i++) {
					if (forms[i] != null) {
						remember(forms[i], keys[i], indexes[i]);
					}
				}
			}
			int mask = this.seenForms.length - 1;
			int slot = (form.hashCode() * 0x9E3779B9) >>> this.seenShift;
			while (this.seenForms[slot] != null) {
				slot = (slot + 1) & mask;
			}
			this.seenForms[slot] = form;
			this.seenKeys[slot] = key;
			this.seenIndex[slot] = index;
			this.seenCount++;
		}

		Builder(int capacity) {
			this.start = new int[capacity];
			this.end = new int[capacity];
			this.form = new String[capacity];
			this.key = new String[capacity];
			this.upper = new boolean[capacity];
			this.cjk = new boolean[capacity];
			this.distinct = new int[capacity];
		}

		private int newDistinct(String key) {
			if (this.distinctCount == this.distinctKeys.length) {
				this.distinctKeys = Arrays.copyOf(this.distinctKeys, this.distinctCount * 2);
			}
			this.distinctKeys[this.distinctCount] = key;
			return this.distinctCount++;
		}

		void add(int from, int to, String form, String key, boolean upper, boolean cjk) {
			add(from, to, form, key, upper, cjk, -1);
		}

		void add(int from, int to, String form, String key, boolean upper, boolean cjk, int distinctIndex) {
			if (this.size == this.start.length) {
				int capacity = this.size * 2;
				this.start = Arrays.copyOf(this.start, capacity);
				this.end = Arrays.copyOf(this.end, capacity);
				this.form = Arrays.copyOf(this.form, capacity);
				this.key = Arrays.copyOf(this.key, capacity);
				this.upper = Arrays.copyOf(this.upper, capacity);
				this.cjk = Arrays.copyOf(this.cjk, capacity);
				this.distinct = Arrays.copyOf(this.distinct, capacity);
			}
			this.start[this.size] = from;
			this.end[this.size] = to;
			this.form[this.size] = form;
			this.key[this.size] = (key != null) ? key : form;
			this.upper[this.size] = upper;
			this.cjk[this.size] = cjk;
			this.distinct[this.size] = (distinctIndex >= 0) ? distinctIndex : newDistinct(this.key[this.size]);
			this.size++;
		}

		void addAcronym(String text, int from, int to) {
			StringBuilder letters = new StringBuilder();
			boolean allUpper = true;
			for (int i = from; i < to; i += 2) {
				char c = text.charAt(i);
				letters.append(c);
				allUpper &= Character.isUpperCase(c);
			}
			String form = fold(letters.toString());
			add(from, to, form, form, allUpper, false);
		}

		/**
		 * Adds the word starting at {@code from}.
		 * @return where scanning continues
		 */
		int addWord(String text, int from) {
			int length = text.length();
			int i = from;
			int letters = 0;
			int capitals = 0;
			boolean ascii = true;
			char last = 0;
			int hash = 0;
			while (i < length) {
				char c = text.charAt(i);
				if (c < 128) {
					if (c >= 'a' && c <= 'z') {
						letters++;
					}
					else if (c >= 'A' && c <= 'Z') {
						letters++;
						capitals++;
						c += 32;
					}
					else if (c < '0' || c > '9') {
						break;
					}
					hash = 31 * hash + c;
					last = text.charAt(i);
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
			String form;
			int seen = ascii ? findSeen(text, from, i, hash) : -1;
			if (seen >= 0) {
				form = this.seenForms[seen];
			}
			else if (!ascii) {
				form = fold(text.substring(from, i));
			}
			else if (capitals == 0) {
				form = text.substring(from, i);
			}
			else {
				char[] lower = new char[i - from];
				for (int k = 0; k < lower.length; k++) {
					char c = text.charAt(from + k);
					lower[k] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
				}
				form = new String(lower);
			}
			boolean upper = letters >= 2
					&& (capitals == letters || (letters >= 4 && capitals == letters - 1 && last == 's'));
			if (seen >= 0) {
				add(from, i, form, this.seenKeys[seen], upper, false, this.seenIndex[seen]);
			}
			else if (!form.isEmpty()) {
				String key = key(form);
				int index = newDistinct(key);
				if (ascii) {
					remember(form, key, index);
				}
				add(from, i, form, key, upper, false, index);
			}
			// possessive 's: "China's" reads as "China"
			if (i + 1 < length && isApostrophe(text.charAt(i)) && (text.charAt(i + 1) == 's' || text.charAt(i + 1) == 'S')
					&& (i + 2 >= length || !isWordPart(text.codePointAt(i + 2)))) {
				return i + 2;
			}
			return i;
		}

		BaselineTextTokens build() {
			return new BaselineTextTokens(this.size, this.start, this.end, this.form, this.key, this.upper, this.cjk,
					this.distinct, this.distinctKeys, this.distinctCount);
		}

	}

}
