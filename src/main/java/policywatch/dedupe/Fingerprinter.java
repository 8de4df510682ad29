package policywatch.dedupe;

import java.util.Arrays;

import policywatch.query.Words;

/**
 * Turns a story's title and text into a {@link Fingerprint}: the text is cut into words with the
 * query language's normalisation (case, diacritics and plurals do not matter), then into
 * overlapping three-word shingles, each hashed; {@value #HASHES} MinHash values are kept (one-permutation
 * MinHash with densification). Two fingerprints agree on a position with probability equal to the
 * Jaccard similarity of the shingle sets.
 * <p>
 * The hash functions are fixed: fingerprints are stored, and must stay comparable across versions
 * and restarts.
 */
public final class Fingerprinter {

	/** How many hash functions (MinHash values per fingerprint). */
	public static final int HASHES = 128;

	/** Words per shingle. */
	static final int SHINGLE = 3;

	/** At most this many number hashes are kept. */
	static final int MAX_NUMBERS = 64;

	/** Texts longer than this many words are cut: the beginning of a story says what it is. */
	static final int MAX_WORDS = 3000;

	private static final long PROBE_SEED = 0x5DEECE66DL;

	private Fingerprinter() {
	}

	/**
	 * @param title the story's title, or {@code null}
	 * @param text its text (description and extracted article), or {@code null}
	 */
	public static Fingerprint of(String title, String text) {
		String[] words = Words.keys(join(title, text));
		int count = Math.min(words.length, MAX_WORDS);
		long[] wordHashes = new long[count];
		int[] numbers = new int[Math.min(count, MAX_NUMBERS)];
		int numberCount = 0;
		for (int i = 0; i < count; i++) {
			String word = words[i];
			long hash = hash(word);
			wordHashes[i] = hash;
			if (numberCount < numbers.length && hasDigit(word)) {
				numbers[numberCount++] = (int) (hash >>> 32);
			}
		}
		long[] shingles = shingles(wordHashes);
		int[] minHash = minHash(shingles);
		int[] distinctNumbers = Arrays.stream(numbers, 0, numberCount).distinct().sorted().toArray();
		return new Fingerprint(minHash, shingles.length, distinctNumbers);
	}

	/**
	 * One-permutation MinHash with optimal densification (Shrivastava, 2017): each shingle's hash picks
	 * one of the {@value #HASHES} bins and competes for its minimum, so a text costs one hash per
	 * shingle rather than {@value #HASHES}; an empty bin borrows the value of a bin chosen by a fixed
	 * sequence of probes, the same for every text, so that two texts still agree on a bin with
	 * probability equal to their Jaccard similarity.
	 */
	private static int[] minHash(long[] shingles) {
		int[] bins = new int[HASHES];
		Arrays.fill(bins, Integer.MAX_VALUE);
		boolean[] filled = new boolean[HASHES];
		for (long shingle : shingles) {
			int bin = (int) (shingle >>> 57);
			int value = (int) (shingle & 0x7FFFFFFFL);
			filled[bin] = true;
			if (value < bins[bin]) {
				bins[bin] = value;
			}
		}
		if (shingles.length == 0) {
			return bins;
		}
		int[] dense = bins.clone();
		for (int bin = 0; bin < HASHES; bin++) {
			if (filled[bin]) {
				continue;
			}
			for (long attempt = 1;; attempt++) {
				int from = (int) (mix(PROBE_SEED + bin * 0x9E3779B97F4A7C15L + attempt) >>> 57);
				if (filled[from]) {
					dense[bin] = bins[from];
					break;
				}
			}
		}
		return dense;
	}

	/** Distinct shingle hashes; a text shorter than a shingle is one shingle of all its words. */
	private static long[] shingles(long[] words) {
		if (words.length == 0) {
			return new long[0];
		}
		int size = Math.max(1, words.length - SHINGLE + 1);
		long[] shingles = new long[size];
		for (int i = 0; i < size; i++) {
			long hash = 0;
			for (int j = i; j < Math.min(words.length, i + SHINGLE); j++) {
				hash = mix(hash * 0x100000001B3L + words[j]);
			}
			shingles[i] = hash;
		}
		return Arrays.stream(shingles).distinct().toArray();
	}

	private static boolean hasDigit(String word) {
		for (int i = 0; i < word.length(); i++) {
			if (Character.isDigit(word.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	private static String join(String title, String text) {
		if (title == null || title.isEmpty()) {
			return (text != null) ? text : "";
		}
		return (text == null || text.isEmpty()) ? title : title + "\n" + text;
	}

	/** 64-bit FNV-1a over the UTF-16 units, then mixed. */
	private static long hash(String word) {
		long hash = 0xCBF29CE484222325L;
		for (int i = 0; i < word.length(); i++) {
			hash ^= word.charAt(i);
			hash *= 0x100000001B3L;
		}
		return mix(hash);
	}

	/** The SplitMix64 finaliser. */
	static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

}
