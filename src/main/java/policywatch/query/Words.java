package policywatch.query;

/**
 * The query language's word normalisation offered to other modules: a text cut into the keys that
 * queries compare on (lower case, diacritics folded, light English inflection removed), so that
 * other features see words exactly as subscriptions do.
 */
public final class Words {

	private Words() {
	}

	/**
	 * @param text any text, or {@code null}
	 * @return its tokens' keys, in order ({@code São Paulo's ports} → {@code sao}, {@code paulo},
	 * {@code port})
	 */
	public static String[] keys(String text) {
		TextTokens tokens = TextTokens.of(text);
		String[] keys = new String[tokens.size()];
		for (int i = 0; i < keys.length; i++) {
			keys[i] = tokens.key(i);
		}
		return keys;
	}

	/**
	 * @param text any text, or {@code null}
	 * @return its tokens exactly as the subscription matcher cuts and reads them
	 */
	public static Tokens tokens(String text) {
		return new Tokens(TextTokens.of(text));
	}

	/**
	 * A text's tokens as the subscription matcher reads them, in order: a run of letters and digits (with their
	 * marks), a dotted acronym such as {@code U.S.} or a single Chinese or Japanese character; a possessive
	 * {@code 's} is dropped. Read-only.
	 */
	public static final class Tokens {

		private final TextTokens tokens;

		private Tokens(TextTokens tokens) {
			this.tokens = tokens;
		}

		/**
		 * @return the number of tokens
		 */
		public int size() {
			return this.tokens.size();
		}

		/**
		 * @return the key of token {@code i}, what words are compared on ({@code Ports} → {@code port})
		 */
		public String key(int i) {
			return this.tokens.key(i);
		}

		/**
		 * @return the form of token {@code i}: lower case with diacritics folded ({@code São} → {@code sao}), what a
		 * prefix is compared with
		 */
		public String form(int i) {
			return this.tokens.form(i);
		}

		/**
		 * @return whether token {@code i} is written in capitals ({@code US}, {@code NGOs}, {@code U.S.})
		 */
		public boolean upper(int i) {
			return this.tokens.upper(i);
		}

		/**
		 * @return whether token {@code i} is a single Chinese or Japanese character
		 */
		public boolean cjk(int i) {
			return this.tokens.cjk(i);
		}

	}

}
