package policywatch.ingest.extract;

/**
 * Text length as the heuristics see it: one per character, except that Chinese, Japanese and
 * Korean characters, which carry about as much as a short word each, count more.
 */
final class TextMeasure {

	private TextMeasure() {
	}

	/**
	 * @param text any text
	 * @return the weighted length, whitespace runs counting once
	 */
	static int length(CharSequence text) {
		int length = 0;
		boolean space = true;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (isSpace(c)) {
				if (!space) {
					length++;
					space = true;
				}
				continue;
			}
			space = false;
			length += weight(c);
		}
		return length;
	}

	static int weight(char c) {
		if (c < 0x2E80) {
			return 1;
		}
		if (c >= 0xAC00 && c <= 0xD7AF) {
			return 2;
		}
		if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF)) {
			return 3;
		}
		return 1;
	}

	static boolean isSpace(char c) {
		return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\u00A0' || c == '\f' || c == '\u3000'
				|| c == '\u2009' || c == '\u200B' || c == '\u202F';
	}

	/**
	 * @param text any text
	 * @return the number of commas and clause marks, Western and CJK
	 */
	static int commas(CharSequence text) {
		int count = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == ',' || c == '，' || c == '、' || c == '。' || c == '；') {
				count++;
			}
		}
		return count;
	}

}
