package policywatch.archive;

import policywatch.query.Words;

/**
 * A text cut into the tokens the subscription matcher sees ({@link Words#tokens}), with what the archive index needs
 * of each: its key (what words are compared on), its form (lower case, folded: what a prefix is compared with),
 * whether it is written in capitals (for acronyms) and whether it is a Chinese or Japanese character.
 */
final class ArchiveTokens {

	/** The longest word the index keeps whole; longer ones are cut. */
	static final int MAX_LENGTH = 200;

	private final Words.Tokens tokens;

	private ArchiveTokens(Words.Tokens tokens) {
		this.tokens = tokens;
	}

	int size() {
		return this.tokens.size();
	}

	String key(int i) {
		return this.tokens.key(i);
	}

	String form(int i) {
		return this.tokens.form(i);
	}

	boolean upper(int i) {
		return this.tokens.upper(i);
	}

	boolean cjk(int i) {
		return this.tokens.cjk(i);
	}

	/**
	 * @return whether a token is longer than the index keeps ({@link #MAX_LENGTH} characters)
	 */
	boolean hasLongWord() {
		for (int i = 0; i < this.tokens.size(); i++) {
			if (this.tokens.key(i).length() > MAX_LENGTH || this.tokens.form(i).length() > MAX_LENGTH) {
				return true;
			}
		}
		return false;
	}

	static ArchiveTokens of(String text) {
		return new ArchiveTokens(Words.tokens(text));
	}

}
