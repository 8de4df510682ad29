package policywatch.dedupe;

import java.util.Arrays;

/**
 * Turns a story's title and text into a {@link Fingerprint}: the text is cut into words with the
 * query language's normalisation (case, diacritics and plurals do not matter), then into
 * overlapping three-word shingles, each hashed; {@value #HASHES} MinHash values are kept (one-permutation
 * MinHash with densification). Two fingerprints agree on a position with probability equal to the
 * Jaccard similarity of the shingle sets.
 * <p>
 * It also keeps what a rewrite of the story repeats in other words: the content words of the headline
 * and of the text's first sentence (at most {@value #LEAD_WORDS} words: the lead), facts (numbers,
 * names, acronyms) marked. {@link Similarity} uses them for stories that share a paragraph but little
 * else: a rewrite of a story repeats the facts of its lead in other words, a different story of the same
 * event does not.
 * <p>
 * The hash functions are fixed: fingerprints are stored, and must stay comparable across versions
 * and restarts. Words are hashed straight from the characters ({@link WordScanner}), with buffers
 * kept per thread, so a fingerprint costs one pass over the text and a few small arrays.
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

	/** Words of the text (after the headline) that make its lead. */
	static final int LEAD_WORDS = 50;

	/** The lead ends at the first sentence that starts after this many words of the text. */
	static final int LEAD_MIN = 20;

	/** At most this many lead words are kept. */
	static final int MAX_LEAD = 64;

	private static final long PROBE_SEED = 0x5DEECE66DL;

	private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

	private Fingerprinter() {
	}

	/**
	 * @param title the story's title, or {@code null}
	 * @param text its text (description and extracted article), or {@code null}
	 */
	public static Fingerprint of(String title, String text) {
		return WORK.get().fingerprint(title, text);
	}

	/**
	 * Whether a headline is written in title case ("Fed Holds Rates Steady"), where a capital says
	 * nothing about a name: most of its words of four letters or more start with a capital.
	 */
	static boolean titleCase(String title) {
		if (title == null) {
			return false;
		}
		int words = 0;
		int capitals = 0;
		int i = 0;
		int length = title.length();
		while (i < length) {
			if (!Character.isLetter(title.charAt(i))) {
				i++;
				continue;
			}
			int from = i;
			while (i < length && Character.isLetter(title.charAt(i))) {
				i++;
			}
			if (i - from >= 4) {
				words++;
				if (Character.isUpperCase(title.charAt(from))) {
					capitals++;
				}
			}
		}
		return words >= 3 && capitals * 10 >= words * 6;
	}

	/** 64-bit FNV-1a over the UTF-16 units, then mixed. */
	static long hash(String word) {
		return hash(word, 0, word.length());
	}

	static long hash(String text, int from, int to) {
		long hash = 0xCBF29CE484222325L;
		for (int i = from; i < to; i++) {
			hash ^= text.charAt(i);
			hash *= 0x100000001B3L;
		}
		return mix(hash);
	}

	static long hash(char[] chars, int length) {
		long hash = 0xCBF29CE484222325L;
		for (int i = 0; i < length; i++) {
			hash ^= chars[i];
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

	/** Buffers of one thread. */
	private static final class Work implements WordScanner.Sink {

		private final WordScanner scanner = new WordScanner();

		private long[] words = new long[1024];

		private int count;

		private final int[] numbers = new int[MAX_NUMBERS];

		private int numberCount;

		private final int[] lead = new int[MAX_LEAD];

		private int leadCount;

		/** While scanning: the words of the text scanned so far (the title's are not counted). */
		private int textWords;

		private boolean inTitle;

		private boolean inLead;

		private boolean titleCase;

		private long[] table = new long[2048];

		private final int[] bins = new int[HASHES];

		private final boolean[] filled = new boolean[HASHES];

		Fingerprint fingerprint(String title, String text) {
			this.count = 0;
			this.numberCount = 0;
			this.leadCount = 0;
			this.textWords = 0;
			this.titleCase = titleCase(title);
			this.inTitle = true;
			this.inLead = true;
			this.scanner.scan(title, this);
			this.inTitle = false;
			if (this.count < MAX_WORDS) {
				this.scanner.scan(text, this);
			}
			int shingles = shingle();
			int[] minHash = minHash(shingles);
			int[] distinctNumbers = distinctSorted(this.numbers, this.numberCount);
			int[] leadWords = distinctLead(this.lead, this.leadCount);
			return new Fingerprint(minHash, shingles, distinctNumbers, leadWords);
		}

		@Override
		public boolean word(long hash, int flags, int letters) {
			if (this.count == this.words.length) {
				this.words = Arrays.copyOf(this.words, this.count * 2);
			}
			this.words[this.count++] = hash;
			if ((flags & WordScanner.DIGIT) != 0 && this.numberCount < MAX_NUMBERS) {
				this.numbers[this.numberCount++] = (int) (hash >>> 32);
			}
			if (!this.inTitle) {
				this.textWords++;
				if (this.inLead && (this.textWords > LEAD_WORDS || (this.textWords > LEAD_MIN
						&& (flags & (WordScanner.SENTENCE_START | WordScanner.DIGIT)) == WordScanner.SENTENCE_START))) {
					this.inLead = false;
				}
			}
			if (this.inLead && (letters >= 3 || (flags & WordScanner.DIGIT) != 0)) {
				int word = (int) (hash >>> 32);
				if (!Stopwords.contains(word)) {
					boolean fact = (flags & (WordScanner.DIGIT | WordScanner.UPPER)) != 0
							|| ((flags & WordScanner.CAPITAL) != 0 && (flags & WordScanner.SENTENCE_START) == 0
									&& !(this.inTitle && this.titleCase));
					word = (word & ~1) | (fact ? 1 : 0);
					if (this.leadCount < MAX_LEAD) {
						this.lead[this.leadCount++] = word;
					}
				}
			}
			return this.count < MAX_WORDS;
		}

		/**
		 * Hashes the shingles into {@link #table} (distinct), and their MinHash bins.
		 * @return how many distinct shingles
		 */
		private int shingle() {
			Arrays.fill(this.bins, Integer.MAX_VALUE);
			Arrays.fill(this.filled, false);
			int n = this.count;
			if (n == 0) {
				return 0;
			}
			int size = Math.max(1, n - SHINGLE + 1);
			int capacity = Integer.highestOneBit(Math.max(16, size) * 2) * 2;
			if (this.table.length < capacity) {
				this.table = new long[capacity];
			}
			long[] set = this.table;
			Arrays.fill(set, 0, capacity, 0);
			int mask = capacity - 1;
			int distinct = 0;
			boolean zero = false;
			long[] w = this.words;
			for (int i = 0; i < size; i++) {
				long hash = 0;
				int end = Math.min(n, i + SHINGLE);
				for (int j = i; j < end; j++) {
					hash = mix(hash * 0x100000001B3L + w[j]);
				}
				if (hash == 0) {
					if (!zero) {
						zero = true;
						distinct++;
					}
				}
				else {
					int slot = (int) (hash ^ (hash >>> 29)) & mask;
					while (set[slot] != 0 && set[slot] != hash) {
						slot = (slot + 1) & mask;
					}
					if (set[slot] == 0) {
						set[slot] = hash;
						distinct++;
					}
				}
				int bin = (int) (hash >>> 57);
				int value = (int) (hash & 0x7FFFFFFFL);
				this.filled[bin] = true;
				if (value < this.bins[bin]) {
					this.bins[bin] = value;
				}
			}
			return distinct;
		}

		/**
		 * One-permutation MinHash with optimal densification (Shrivastava, 2017): each shingle's hash picks
		 * one of the {@value #HASHES} bins and competes for its minimum, so a text costs one hash per
		 * shingle rather than {@value #HASHES}; an empty bin borrows the value of a bin chosen by a fixed
		 * sequence of probes, the same for every text, so that two texts still agree on a bin with
		 * probability equal to their Jaccard similarity.
		 */
		private int[] minHash(int shingles) {
			int[] dense = this.bins.clone();
			if (shingles == 0) {
				return dense;
			}
			for (int bin = 0; bin < HASHES; bin++) {
				if (this.filled[bin]) {
					continue;
				}
				for (long attempt = 1;; attempt++) {
					int from = (int) (mix(PROBE_SEED + bin * 0x9E3779B97F4A7C15L + attempt) >>> 57);
					if (this.filled[from]) {
						dense[bin] = this.bins[from];
						break;
					}
				}
			}
			return dense;
		}

		/** Distinct words, sorted; a word met both as a fact and not is kept as a fact. */
		private static int[] distinctLead(int[] values, int count) {
			if (count == 0) {
				return new int[0];
			}
			int[] sorted = Arrays.copyOf(values, count);
			Arrays.sort(sorted);
			int distinct = 1;
			for (int i = 1; i < count; i++) {
				if ((sorted[i] & ~1) != (sorted[distinct - 1] & ~1)) {
					sorted[distinct++] = sorted[i];
				}
				else {
					sorted[distinct - 1] |= sorted[i] & 1;
				}
			}
			return (distinct == count) ? sorted : Arrays.copyOf(sorted, distinct);
		}

		private static int[] distinctSorted(int[] values, int count) {
			if (count == 0) {
				return new int[0];
			}
			int[] sorted = Arrays.copyOf(values, count);
			Arrays.sort(sorted);
			int distinct = 1;
			for (int i = 1; i < count; i++) {
				if (sorted[i] != sorted[distinct - 1]) {
					sorted[distinct++] = sorted[i];
				}
			}
			return (distinct == count) ? sorted : Arrays.copyOf(sorted, distinct);
		}

	}

}
