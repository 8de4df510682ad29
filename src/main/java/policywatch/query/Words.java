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

}
