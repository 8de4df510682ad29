package policywatch.dedupe;

import policywatch.query.Words;

import static policywatch.query.WordBoundaries.dottedAcronymEnd;
import static policywatch.query.WordBoundaries.isApostrophe;
import static policywatch.query.WordBoundaries.isCjk;
import static policywatch.query.WordBoundaries.isWordPart;

/**
 * Cuts a text into words the way the query language does ({@link Words#keys}: lower case, diacritics
 * folded, light English inflection removed, dotted acronyms such as {@code U.S.} read as one word, a
 * possessive {@code 's} dropped, each Chinese or Japanese character a word of its own), but hashes
 * each word's key straight from the characters instead of building strings: a plain ASCII word costs
 * no allocation. Only a word with other letters (rare in English text) goes through {@link Words#keys}.
 * The hash of a key is the same as {@link Fingerprinter#hash(String)} of the key, so fingerprints stay
 * comparable with those stored by earlier versions.
 * <p>
 * One pass, linear in the text: every character is looked at a bounded number of times, and at most
 * {@value #MAX_CHARS} characters are read. Not
 * thread-safe: one scanner per thread ({@link Fingerprinter} keeps one per thread).
 */
final class WordScanner {

	/** The word contains a digit. */
	static final int DIGIT = 1;

	/** The word starts with a capital letter. */
	static final int CAPITAL = 2;

	/** The word is written in capitals (at least two letters), or is a dotted acronym. */
	static final int UPPER = 4;

	/** The word starts a sentence (or the text, or a paragraph). */
	static final int SENTENCE_START = 8;

	/** Receives the words of a text, in order. */
	interface Sink {

		/**
		 * @param hash the hash of the word's key
		 * @param flags {@link #DIGIT}, {@link #CAPITAL}, {@link #UPPER}, {@link #SENTENCE_START}
		 * @param letters how many letters the key has (its length)
		 * @return whether to go on
		 */
		boolean word(long hash, int flags, int letters);

	}

	private char[] buffer = new char[64];

	/** At most this many characters of a text are read (far more than {@link Fingerprinter#MAX_WORDS} words). */
	static final int MAX_CHARS = 1 << 18;

	/** A buffer up to this size is kept for the next text; a longer text gets one of its own. */
	private static final int KEPT_CHARS = 1 << 15;

	/** The characters of texts up to {@link #KEPT_CHARS}, kept between calls. */
	private char[] text = new char[4096];

	/** The characters of the text being scanned (read faster than through the string). */
	private char[] current;

	/**
	 * Scans the text.
	 * @return where scanning stopped (the text's length unless the sink asked to stop)
	 */
	int scan(String text, Sink sink) {
		if (text == null) {
			return 0;
		}
		if (text.length() > MAX_CHARS) {
			int cut = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
			text = text.substring(0, cut);
		}
		int length = text.length();
		char[] chars = this.text;
		if (chars.length < length) {
			chars = new char[length];
			if (length <= KEPT_CHARS) {
				this.text = chars;
			}
		}
		text.getChars(0, length, chars, 0);
		this.current = chars;
		boolean sentenceStart = true;
		int i = 0;
		while (i < length) {
			char c = chars[i];
			if (c < 128) {
				if (isAsciiWordChar(c)) {
					int acronymEnd = (isAsciiLetter(c) && i + 1 < length && chars[i + 1] == '.') ? dottedAcronymEnd(text, i)
							: -1;
					int next;
					boolean go;
					if (acronymEnd > 0) {
						go = acronym(text, i, acronymEnd, sink, sentenceStart);
						next = acronymEnd;
					}
					else {
						next = word(text, i, sink, sentenceStart);
						go = this.go;
					}
					if (!go) {
						return next;
					}
					sentenceStart = false;
					i = next;
					continue;
				}
				if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == ';') {
					sentenceStart = true;
				}
				i++;
				continue;
			}
			int cp = text.codePointAt(i);
			int after = i + Character.charCount(cp);
			if (isCjk(cp)) {
				long hash = Fingerprinter.hash(text, i, after);
				if (!sink.word(hash, sentenceStart ? SENTENCE_START : 0, 1)) {
					return after;
				}
				sentenceStart = false;
				i = after;
			}
			else if (Character.isLetterOrDigit(cp)) {
				int acronymEnd = dottedAcronymEnd(text, i);
				int next;
				boolean go;
				if (acronymEnd > 0) {
					go = acronym(text, i, acronymEnd, sink, sentenceStart);
					next = acronymEnd;
				}
				else {
					next = word(text, i, sink, sentenceStart);
					go = this.go;
				}
				if (!go) {
					return next;
				}
				sentenceStart = false;
				i = next;
			}
			else {
				if (cp == 0x3002 || cp == 0x2026) {
					sentenceStart = true; // 。 …
				}
				i = after;
			}
		}
		return length;
	}

	/** Whether the last {@link #word} call's sink asked to go on. */
	private boolean go;

	/**
	 * The word starting at {@code from} (not an acronym).
	 * @return where scanning continues
	 */
	private int word(String text, int from, Sink sink, boolean sentenceStart) {
		int end = asciiWord(text, from, sink, sentenceStart);
		return (end >= 0) ? end : anyWord(text, from, sink, sentenceStart);
	}

	/**
	 * A word of plain ASCII letters and digits, in one pass: the FNV-1a states after each of its last
	 * characters are kept, so that the key's hash (the word without its inflection) needs no second pass.
	 * @return where scanning continues, or -1 when the word goes on with other characters (not read)
	 */
	private int asciiWord(String text, int from, Sink sink, boolean sentenceStart) {
		int length = text.length();
		char[] chars = this.current;
		int i = from;
		int letters = 0;
		int capitals = 0;
		int kinds = 0;
		long h = FNV_OFFSET;
		long h1 = 0;
		long h2 = 0;
		long h3 = 0;
		while (i < length) {
			char c = chars[i];
			if (c >= 128) {
				if (isWordPart(text.codePointAt(i))) {
					return -1;
				}
				break;
			}
			int kind = ASCII[c];
			if (kind == 0) {
				break;
			}
			letters += kind & LETTER;
			capitals += (kind & UPPER_LETTER) >>> 1;
			kinds |= kind;
			h3 = h2;
			h2 = h1;
			h1 = h;
			h = (h ^ (c | 0x20)) * FNV_PRIME; // lower case (digits stay as they are)
			i++;
		}
		boolean digit = (kinds & DIGIT_CHAR) != 0;
		char last = chars[i - 1];
		char c1 = (char) (last | 0x20);
		char c2 = (i - from >= 2) ? (char) (chars[i - 2] | 0x20) : 0;
		char c3 = (i - from >= 3) ? (char) (chars[i - 3] | 0x20) : 0;
		char c4 = (i - from >= 4) ? (char) (chars[i - 4] | 0x20) : 0;
		int n = i - from;
		// the key: the same rules as keyLength(), on the last four characters
		long key;
		int keyLength;
		if (digit) {
			key = h;
			keyLength = n;
		}
		else if (n < 4 || c1 != 's' || (n == 4 && c4 == 'n' && c3 == 'e' && c2 == 'w')) {
			keyLength = sibilantE(n, c1, c2, c3);
			key = (keyLength == n) ? h : h1;
		}
		else if (c2 == 's' || c2 == 'u' || c2 == 'i') {
			keyLength = sibilantE(n, c1, c2, c3);
			key = (keyLength == n) ? h : h1;
		}
		else if (c2 == 'e' && c3 == 'i' && n > 4 && c4 != 'a' && c4 != 'e') {
			keyLength = n - 2; // policies -> policy
			key = (h3 ^ 'y') * FNV_PRIME;
		}
		else if (c2 == 'e' && (c3 == 'i' || c3 == 'a' || c3 == 'e' || c3 == 'o')) {
			keyLength = n - 1;
			key = h1;
		}
		else {
			// drop the s, then a final e after x, z, ch, sh or ss
			keyLength = (n - 1 >= 4) ? sibilantE(n - 1, c2, c3, c4) : n - 1;
			key = (keyLength == n - 1) ? h1 : h2;
		}
		boolean upper = letters >= 2 && (capitals == letters || (letters >= 4 && capitals == letters - 1 && last == 's'));
		char first = chars[from];
		int flags = (digit ? DIGIT : 0) | (upper ? UPPER : 0) | (sentenceStart ? SENTENCE_START : 0)
				| ((first >= 'A' && first <= 'Z') ? CAPITAL : 0);
		this.go = sink.word(Fingerprinter.mix(key), flags, keyLength);
		// possessive 's: "China's" reads as "China"
		if (i + 1 < length && isApostrophe(chars[i]) && (chars[i + 1] == 's' || chars[i + 1] == 'S')
				&& (i + 2 >= length || !isWordPart(text.codePointAt(i + 2)))) {
			return i + 2;
		}
		return i;
	}

	/**
	 * {@link #dropSibilantE} on a word of plain letters of length {@code n} whose last characters are
	 * {@code c1} (last), {@code c2}, {@code c3}.
	 * @return the key's length: {@code n} or {@code n - 1}
	 */
	private static int sibilantE(int n, char c1, char c2, char c3) {
		if (n < 4 || c1 != 'e') {
			return n;
		}
		if (c2 == 'x' || c2 == 'z' || (c2 == 'h' && (c3 == 'c' || c3 == 's')) || (c2 == 's' && c3 == 's')) {
			return n - 1;
		}
		return n;
	}

	private static final int LETTER = 1;

	private static final int UPPER_LETTER = 2;

	private static final int DIGIT_CHAR = 4;

	/** Per ASCII character: {@link #LETTER}, with {@link #UPPER_LETTER} for a capital, or {@link #DIGIT_CHAR}; 0 for others. */
	private static final byte[] ASCII = new byte[128];

	static {
		for (char c = 'a'; c <= 'z'; c++) {
			ASCII[c] = LETTER;
			ASCII[c - 32] = LETTER | UPPER_LETTER;
		}
		for (char c = '0'; c <= '9'; c++) {
			ASCII[c] = DIGIT_CHAR;
		}
	}

	private static final long FNV_OFFSET = 0xCBF29CE484222325L;

	private static final long FNV_PRIME = 0x100000001B3L;

	/** Any word (not an acronym), with other letters, through the query language. */
	private int anyWord(String text, int from, Sink sink, boolean sentenceStart) {
		int length = text.length();
		int i = from;
		int letters = 0;
		int capitals = 0;
		boolean ascii = true;
		boolean digit = false;
		char last = 0;
		char[] chars = this.buffer;
		int n = 0;
		while (i < length) {
			char c = text.charAt(i);
			if (c < 128) {
				char lower = c;
				if (c >= 'a' && c <= 'z') {
					letters++;
				}
				else if (c >= 'A' && c <= 'Z') {
					letters++;
					capitals++;
					lower = (char) (c + 32);
				}
				else if (c >= '0' && c <= '9') {
					digit = true;
				}
				else {
					break;
				}
				if (n == chars.length) {
					chars = java.util.Arrays.copyOf(chars, n * 2);
					this.buffer = chars;
				}
				chars[n++] = lower;
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
			else if (Character.isDigit(cp)) {
				digit = true;
			}
			last = (char) cp;
			i += Character.charCount(cp);
		}
		boolean upper = letters >= 2 && (capitals == letters || (letters >= 4 && capitals == letters - 1 && last == 's'));
		int flags = (digit ? DIGIT : 0) | (upper ? UPPER : 0) | (sentenceStart ? SENTENCE_START : 0)
				| (isCapital(text, from) ? CAPITAL : 0);
		this.go = true;
		if (ascii) {
			int keyLength = keyLength(chars, n);
			this.go = sink.word(Fingerprinter.hash(chars, keyLength), flags, keyLength);
		}
		else {
			for (String key : Words.keys(text.substring(from, i))) {
				if (this.go) {
					int keyFlags = (flags & ~DIGIT) | (hasDigit(key) ? DIGIT : 0);
					this.go = sink.word(Fingerprinter.hash(key), keyFlags, key.length());
				}
			}
		}
		// possessive 's: "China's" reads as "China"
		if (i + 1 < length && isApostrophe(text.charAt(i)) && (text.charAt(i + 1) == 's' || text.charAt(i + 1) == 'S')
				&& (i + 2 >= length || !isWordPart(text.codePointAt(i + 2)))) {
			return i + 2;
		}
		return i;
	}

	private static boolean hasDigit(String key) {
		for (int i = 0; i < key.length(); i++) {
			if (Character.isDigit(key.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isCapital(String text, int at) {
		int cp = text.codePointAt(at);
		return Character.isUpperCase(cp) || Character.isTitleCase(cp);
	}

	/** {@code U.S.}: its letters, lower-cased (folded when not ASCII), not stemmed. */
	private boolean acronym(String text, int from, int to, Sink sink, boolean sentenceStart) {
		boolean ascii = true;
		for (int i = from; i < to; i += 2) {
			if (text.charAt(i) >= 128) {
				ascii = false;
			}
		}
		int flags = UPPER | CAPITAL | (sentenceStart ? SENTENCE_START : 0);
		if (ascii) {
			char[] chars = this.buffer;
			int n = 0;
			boolean allUpper = true;
			for (int i = from; i < to; i += 2) {
				char c = text.charAt(i);
				allUpper &= c >= 'A' && c <= 'Z';
				chars[n++] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
				if (n == chars.length) {
					chars = java.util.Arrays.copyOf(chars, n * 2);
					this.buffer = chars;
				}
			}
			if (!allUpper) {
				flags &= ~(UPPER | CAPITAL);
			}
			return sink.word(Fingerprinter.hash(chars, n), flags, n);
		}
		boolean go = true;
		for (String key : Words.keys(text.substring(from, to))) {
			if (go) {
				go = sink.word(Fingerprinter.hash(key), flags, key.length());
			}
		}
		return go;
	}

	/**
	 * The length of the key of the lower-case ASCII form {@code chars[0, n)}, which may change its last
	 * kept character ({@code policies} → {@code policy}): the same rules as the query language's.
	 */
	static int keyLength(char[] chars, int n) {
		for (int i = 0; i < n; i++) {
			char c = chars[i];
			if (c < 'a' || c > 'z') {
				return n;
			}
		}
		if (n < 4 || chars[n - 1] != 's' || (n == 4 && chars[0] == 'n' && chars[1] == 'e' && chars[2] == 'w')) {
			return dropSibilantE(chars, n);
		}
		char before = chars[n - 2];
		if (before == 's' || before == 'u' || before == 'i') {
			return dropSibilantE(chars, n); // business, status, crisis
		}
		if (before == 'e') {
			char third = chars[n - 3];
			if (third == 'i' && n > 4) {
				char fourth = chars[n - 4];
				if (fourth != 'a' && fourth != 'e') {
					chars[n - 3] = 'y'; // policies -> policy
					return n - 2;
				}
				return n - 1;
			}
			if (third == 'a' || third == 'e' || third == 'o' || third == 'i') {
				return n - 1;
			}
			return dropSibilantE(chars, n - 1);
		}
		return dropSibilantE(chars, n - 1);
	}

	private static int dropSibilantE(char[] chars, int n) {
		if (n < 4 || chars[n - 1] != 'e') {
			return n;
		}
		char a = chars[n - 2];
		char b = chars[n - 3];
		if (a == 'x' || a == 'z' || (a == 'h' && (b == 'c' || b == 's')) || (a == 's' && b == 's')) {
			return n - 1;
		}
		return n;
	}

	private static boolean isAsciiLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	private static boolean isAsciiWordChar(char c) {
		return isAsciiLetter(c) || (c >= '0' && c <= '9');
	}

}
