package policywatch.query;

/**
 * Where the query language's words begin and end: letters and digits with their combining marks,
 * dotted acronyms such as {@code U.S.}, Chinese and Japanese characters one word each, and the
 * apostrophes of a possessive {@code 's}. Public so that every reader of text (the matcher's
 * tokenizer, the near-duplicate fingerprint) cuts words in exactly the same places.
 */
public final class WordBoundaries {

	private WordBoundaries() {
	}

	/**
	 * Chinese and Japanese characters: each one is a token of its own.
	 */
	public static boolean isCjk(int cp) {
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

	/** @return whether a word may begin with this code point (a letter or digit) */
	public static boolean isWordStart(int cp) {
		if (cp < 128) {
			return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
		}
		return Character.isLetterOrDigit(cp);
	}

	/** @return whether this code point continues a word (letters, digits, combining marks; not CJK) */
	public static boolean isWordPart(int cp) {
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

	/** @return whether the character at {@code i} is a letter standing alone (a part of a dotted acronym) */
	public static boolean isSingleLetter(String text, int i) {
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
	public static int dottedAcronymEnd(String text, int i) {
		int at = i;
		int letters = 0;
		while (isSingleLetter(text, at) && at + 1 < text.length() && text.charAt(at + 1) == '.') {
			letters++;
			at += 2;
		}
		return (letters >= 2) ? at : -1;
	}

	/** @return whether this is an apostrophe of a possessive {@code 's} (straight or typographic) */
	public static boolean isApostrophe(char c) {
		return c == '\'' || c == '\u2019';
	}

}
