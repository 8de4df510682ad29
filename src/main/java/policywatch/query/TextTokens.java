package policywatch.query;

import java.util.Arrays;
import java.util.Locale;

import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

import static policywatch.query.WordBoundaries.dottedAcronymEnd;
import static policywatch.query.WordBoundaries.isApostrophe;
import static policywatch.query.WordBoundaries.isCjk;
import static policywatch.query.WordBoundaries.isWordPart;
import static policywatch.query.WordBoundaries.isWordStart;

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
final class TextTokens {

	private static final TextTokens EMPTY = new TextTokens(0, new int[0], new int[0], new boolean[0], new boolean[0],
			new int[0], new String[0], new String[0], new int[0], 0);

	private final int size;

	private final int[] start;

	private final int[] end;

	private final boolean[] upper;

	private final boolean[] cjk;

	/** Per token: the index of its key among the text's distinct keys. */
	private final int[] distinct;

	private final String[] distinctKeys;

	/** Per distinct index: the form of its tokens (all tokens sharing an index share their form). */
	private final String[] distinctForms;

	/** Per distinct key: the first token that has it. */
	private final int[] distinctFirst;

	private final int distinctCount;

	private TextTokens(int size, int[] start, int[] end, boolean[] upper, boolean[] cjk, int[] distinct,
			String[] distinctKeys, String[] distinctForms, int[] distinctFirst, int distinctCount) {
		this.distinct = distinct;
		this.distinctKeys = distinctKeys;
		this.distinctForms = distinctForms;
		this.distinctFirst = distinctFirst;
		this.distinctCount = distinctCount;
		this.size = size;
		this.start = start;
		this.end = end;
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
		return this.distinctForms[this.distinct[i]];
	}

	String key(int i) {
		return this.distinctKeys[this.distinct[i]];
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

	/**
	 * @return the form of the tokens with distinct index {@code d}
	 */
	String distinctForm(int d) {
		return this.distinctForms[d];
	}

	/**
	 * @return the first token whose key has distinct index {@code d}; all tokens sharing an index have its form
	 */
	int distinctFirst(int d) {
		return this.distinctFirst[d];
	}

	static TextTokens of(String text) {
		if (text == null || text.isEmpty()) {
			return EMPTY;
		}
		Builder builder = new Builder(Math.max(8, text.length() / 5));
		int length = text.length();
		int i = 0;
		while (i < length) {
			char c = text.charAt(i);
			if (c < 128) {
				// the usual case, without code points: a word (or a dotted acronym, which needs a dot next) or a
				// separator
				if (!isWordStart(c)) {
					i++;
				}
				else if (i + 1 < length && text.charAt(i + 1) == '.' && dottedAcronymEnd(text, i) > 0) {
					int acronymEnd = dottedAcronymEnd(text, i);
					builder.addAcronym(text, i, acronymEnd);
					i = acronymEnd;
				}
				else {
					i = builder.addWord(text, i);
				}
				continue;
			}
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

		private boolean[] upper;

		private boolean[] cjk;

		private int[] distinct;

		private String[] distinctKeys;

		private String[] distinctForms;

		private int[] distinctFirst;

		private int distinctCount;

		/** Forms already met in this text (ASCII ones), so that a repeated word costs no new strings: an
		 * open-addressing table of the form, its hash and its distinct index. */
		private String[] seenForms;

		private int[] seenHashes;

		private int[] seenIndex;

		private int seenCount;

		private int seenShift;

		Builder(int capacity) {
			// sized for the expected number of distinct words (about half the tokens), so that tables rarely grow
			int seen = Math.min(1 << 14, Integer.highestOneBit(Math.max(256, capacity)) * 2);
			this.seenForms = new String[seen];
			this.seenHashes = new int[seen];
			this.seenIndex = new int[seen];
			this.seenShift = 32 - Integer.numberOfTrailingZeros(seen);
			int distinctCapacity = Math.max(64, capacity / 2);
			this.distinctKeys = new String[distinctCapacity];
			this.distinctForms = new String[distinctCapacity];
			this.distinctFirst = new int[distinctCapacity];
			this.start = new int[capacity];
			this.end = new int[capacity];
			this.upper = new boolean[capacity];
			this.cjk = new boolean[capacity];
			this.distinct = new int[capacity];
		}

		/**
		 * @return the slot of the remembered form equal to the lower-cased ASCII {@code text[from, to)} whose
		 * {@link String#hashCode} (lower-cased) is {@code hash}, or -1
		 */
		private int findSeen(String text, int from, int to, int hash) {
			String[] forms = this.seenForms;
			int mask = forms.length - 1;
			int length = to - from;
			for (int slot = (hash * 0x9E3779B9) >>> this.seenShift;; slot = (slot + 1) & mask) {
				String form = forms[slot];
				if (form == null) {
					return -1;
				}
				if (this.seenHashes[slot] == hash && form.length() == length && sameLowerCase(form, text, from)) {
					return slot;
				}
			}
		}

		/**
		 * @return whether {@code form} equals the ASCII letters and digits of {@code text} from {@code from},
		 * lower-cased
		 */
		private static boolean sameLowerCase(String form, String text, int from) {
			for (int k = 0; k < form.length(); k++) {
				char c = text.charAt(from + k);
				if (c >= 'A' && c <= 'Z') {
					c += 32;
				}
				if (form.charAt(k) != c) {
					return false;
				}
			}
			return true;
		}

		private void remember(String form, int hash, int index) {
			if ((this.seenCount + 1) * 2 > this.seenForms.length) {
				String[] forms = this.seenForms;
				int[] hashes = this.seenHashes;
				int[] indexes = this.seenIndex;
				this.seenForms = new String[forms.length * 2];
				this.seenHashes = new int[forms.length * 2];
				this.seenIndex = new int[forms.length * 2];
				this.seenShift--;
				this.seenCount = 0;
				for (int i = 0; i < forms.length; i++) {
					if (forms[i] != null) {
						remember(forms[i], hashes[i], indexes[i]);
					}
				}
			}
			int mask = this.seenForms.length - 1;
			int slot = (hash * 0x9E3779B9) >>> this.seenShift;
			while (this.seenForms[slot] != null) {
				slot = (slot + 1) & mask;
			}
			this.seenForms[slot] = form;
			this.seenHashes[slot] = hash;
			this.seenIndex[slot] = index;
			this.seenCount++;
		}

		private int newDistinct(String form, String key) {
			if (this.distinctCount == this.distinctKeys.length) {
				int capacity = this.distinctCount * 2;
				this.distinctKeys = Arrays.copyOf(this.distinctKeys, capacity);
				this.distinctForms = Arrays.copyOf(this.distinctForms, capacity);
				this.distinctFirst = Arrays.copyOf(this.distinctFirst, capacity);
			}
			this.distinctKeys[this.distinctCount] = key;
			this.distinctForms[this.distinctCount] = form;
			this.distinctFirst[this.distinctCount] = this.size;
			return this.distinctCount++;
		}

		/**
		 * Adds a token with a distinct index of its own.
		 */
		void add(int from, int to, String form, String key, boolean upper, boolean cjk) {
			add(from, to, upper, cjk, newDistinct(form, (key != null) ? key : form));
		}

		void add(int from, int to, boolean upper, boolean cjk, int distinctIndex) {
			if (this.size == this.start.length) {
				int capacity = this.size * 2;
				this.start = Arrays.copyOf(this.start, capacity);
				this.end = Arrays.copyOf(this.end, capacity);
				this.upper = Arrays.copyOf(this.upper, capacity);
				this.cjk = Arrays.copyOf(this.cjk, capacity);
				this.distinct = Arrays.copyOf(this.distinct, capacity);
			}
			this.start[this.size] = from;
			this.end[this.size] = to;
			this.upper[this.size] = upper;
			this.cjk[this.size] = cjk;
			this.distinct[this.size] = distinctIndex;
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
						last = c;
						hash = 31 * hash + c + 32;
						i++;
						continue;
					}
					else if (c < '0' || c > '9') {
						break;
					}
					hash = 31 * hash + c;
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
			boolean upper = letters >= 2
					&& (capitals == letters || (letters >= 4 && capitals == letters - 1 && last == 's'));
			int seen = ascii ? findSeen(text, from, i, hash) : -1;
			if (seen >= 0) {
				add(from, i, upper, false, this.seenIndex[seen]);
			}
			else {
				String form;
				if (!ascii) {
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
				if (!form.isEmpty()) {
					int index = newDistinct(form, key(form));
					if (ascii) {
						remember(form, hash, index);
					}
					add(from, i, upper, false, index);
				}
			}
			// possessive 's: "China's" reads as "China"
			if (i + 1 < length && isApostrophe(text.charAt(i)) && (text.charAt(i + 1) == 's' || text.charAt(i + 1) == 'S')
					&& (i + 2 >= length || !isWordPart(text.codePointAt(i + 2)))) {
				return i + 2;
			}
			return i;
		}

		TextTokens build() {
			return new TextTokens(this.size, this.start, this.end, this.upper, this.cjk, this.distinct,
					this.distinctKeys, this.distinctForms, this.distinctFirst, this.distinctCount);
		}

	}

}
