package policywatch.dedupe;

import java.util.Arrays;

import policywatch.query.Words;

/**
 * Words that say nothing about which story a text tells: English function words, reporting verbs,
 * weekdays and months (two stories of one day share those), kept as the 32-bit hashes of their keys.
 * Only used for the lead and content-word comparison; shingles keep every word.
 */
final class Stopwords {

	private static final String WORDS = """
			the and for are but not you all any can had her was one our out has him his how its may new now old
			see two way who did get let put say she too use that with have this will your from they know want been
			good much some time very when come here just like long make many more only over such take than them
			well were what which while would could should their there these those then into also about after
			again against before being below between both down during each few further because other same own
			under until where why off once most nor yet upon onto per via since though although whether whose
			said says told tell according added including include among around across amid still even ever
			year years month months week weeks day days today yesterday tomorrow last next first second third
			monday tuesday wednesday thursday friday saturday sunday january february march april june july
			august september october november december percent cent mr mrs ms dr reuters reporting editing
			update writing additional
			""";

	private static final int[] HASHES = load();

	private Stopwords() {
	}

	private static int[] load() {
		String[] keys = Words.keys(WORDS);
		int[] hashes = new int[keys.length];
		for (int i = 0; i < keys.length; i++) {
			hashes[i] = (int) (Fingerprinter.hash(keys[i]) >>> 32);
		}
		Arrays.sort(hashes);
		return hashes;
	}

	/**
	 * @param word the upper 32 bits of a word key's hash
	 */
	static boolean contains(int word) {
		return Arrays.binarySearch(HASHES, word) >= 0;
	}

}
